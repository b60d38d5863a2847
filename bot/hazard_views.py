"""How a hazard reads and which buttons it carries. No Telegram here.

Callback data: `h:<action>:<hazard id>` — ok (确认), no (不属实), dup (重复),
fix (已整改), pass (验收通过), redo (未整改到位).
"""

from __future__ import annotations

from datetime import date, datetime

from bot.config import Config
from bot.hazards import Hazard, HazardStatus
from bot.texts import Safe, Texts

Buttons = list[list[tuple[str, str]]]


def when(config: Config, at: datetime) -> str:
    return at.astimezone(config.tz).strftime("%m-%d %H:%M")


def deadline_label(t: Texts, lang: str, hazard: Hazard, today: date) -> str:
    if hazard.deadline is None:
        return "-"
    left = (hazard.deadline - today).days
    if hazard.status is not HazardStatus.CONFIRMED:
        return hazard.deadline.isoformat()
    if left > 0:
        return t.get(lang, "hazard-deadline-left", deadline=hazard.deadline.isoformat(),
                     days=left)
    if left == 0:
        return t.get(lang, "hazard-deadline-today", deadline=hazard.deadline.isoformat())
    return t.get(lang, "hazard-deadline-over", deadline=hazard.deadline.isoformat(),
                 days=-left)


def hazard_text(t: Texts, lang: str, config: Config, hazard: Hazard, *, team: str,
                reporter: str, owner: str | None, today: date,
                heading: str = "hazard-heading") -> str:
    parts = [t.get(lang, heading, id=str(hazard.id), category=hazard.category,
                   severity=Safe(t.get(lang, f"severity-{hazard.severity}")))]
    parts.append(t.get(lang, "hazard-meta", location=hazard.location, team=team,
                       reporter=reporter, found=when(config, hazard.found_at),
                       reported=when(config, hazard.created_at),
                       status=Safe(t.get(lang, f"hazard-status-{hazard.status}"))))
    if owner:
        parts.append(t.get(lang, "hazard-owner-line", owner=owner,
                           deadline=Safe(deadline_label(t, lang, hazard, today))))
    parts.append(t.get(lang, "hazard-body", body=hazard.description))
    if hazard.photos:
        parts.append(t.get(lang, "hazard-photos", count=len(hazard.photos)))
    if hazard.fix_photos:
        parts.append(t.get(lang, "hazard-fix-photos", count=len(hazard.fix_photos)))
    if hazard.redo_reason:
        parts.append(t.get(lang, "hazard-redo-line", reason=hazard.redo_reason,
                           rounds=hazard.rounds))
    if hazard.reject_reason:
        parts.append(t.get(lang, "hazard-reject-line", reason=hazard.reject_reason))
    if hazard.duplicate_of:
        parts.append(t.get(lang, "hazard-duplicate-line", of=str(hazard.duplicate_of)))
    return "\n\n".join(parts)


def handler_buttons(t: Texts, lang: str, hazard: Hazard) -> Buttons:
    """What an officer or safety supervisor can do with the hazard now."""
    hid = hazard.id
    if hazard.status is HazardStatus.REPORTED:
        return [[(t.get(lang, "btn-hazard-confirm"), f"h:ok:{hid}"),
                 (t.get(lang, "btn-hazard-reject"), f"h:no:{hid}"),
                 (t.get(lang, "btn-hazard-duplicate"), f"h:dup:{hid}")]]
    if hazard.status is HazardStatus.CONFIRMED:
        return [[(t.get(lang, "btn-hazard-fixed"), f"h:fix:{hid}")]]
    if hazard.status is HazardStatus.FIXED:
        return [[(t.get(lang, "btn-hazard-pass"), f"h:pass:{hid}"),
                 (t.get(lang, "btn-hazard-redo"), f"h:redo:{hid}")]]
    return []


def owner_buttons(t: Texts, lang: str, hazard: Hazard) -> Buttons:
    return [[(t.get(lang, "btn-hazard-fixed"), f"h:fix:{hazard.id}")]]


def list_line(t: Texts, lang: str, hazard: Hazard, today: date) -> str:
    return t.get(lang, "hazard-list-line", id=str(hazard.id),
                 severity=Safe(t.get(lang, f"severity-{hazard.severity}")),
                 category=hazard.category, location=hazard.location,
                 status=Safe(t.get(lang, f"hazard-status-{hazard.status}")),
                 deadline=Safe(deadline_label(t, lang, hazard, today)))
