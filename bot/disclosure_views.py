"""The texts of 厂务公开: the draft's preview, what the chairs are asked, the post in the
groups with its buttons, the drafter's progress and report, and the archive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.cards import local_date
from bot.config import Config
from bot.disclosures import Attachment, Disclosure, Progress, read_share
from bot.storage.chats import Chat
from bot.storage.disclosures import Post
from bot.texts import Safe, Texts

Buttons = list[list[tuple[str, str]]]


def chat_label(t: Texts, lang: str, chat: Chat | None, chat_id: int,
               team_names: dict[int, str] | None = None) -> str:
    """A group as officers know it: its title, else what it is for."""
    if chat is not None and chat.title:
        return chat.title
    if chat is not None and chat.purpose:
        team = (team_names or {}).get(chat.team_id or 0, "")
        return f"{t.get(lang, f'purpose-{chat.purpose}')}{team}"
    return t.get(lang, "disclose-chat-unknown", id=str(chat_id))


def chat_list(names: list[str], most: int = 20) -> str:
    """The groups named, the first `most` of a long list and how many in all."""
    if len(names) <= most:
        return ", ".join(names) or "-"
    return ", ".join(names[:most]) + f" … ({len(names)})"


def attachment_line(t: Texts, lang: str, kind: str, name: str | None, pages: int) -> str:
    if kind == Attachment.NONE:
        return t.get(lang, "disclose-att-none")
    return t.get(lang, f"disclose-att-{kind}", name=name or "-", pages=pages)


def draft_text(t: Texts, lang: str, data: dict[str, Any], chats: list[str]) -> str:
    """The drafter's preview, before it goes to a chair."""
    return t.get(
        lang, "disclose-preview", category=str(data.get("category", "-")),
        period=str(data.get("period", "-")), title=str(data.get("title", "-")),
        body=str(data.get("body", "")),
        attachment=Safe(attachment_line(t, lang, str(data.get("att", "none")),
                                        data.get("file_name"), len(data.get("pages") or []))),
        chats=chat_list(chats), count=len(chats),
        pin=Safe(t.get(lang, "disclose-pin-yes" if data.get("pin") else "disclose-pin-no")))


def approval_text(t: Texts, lang: str, d: Disclosure, drafter: str, chats: list[str],
                  parent: Disclosure | None = None) -> str:
    """What a chair is asked to approve."""
    if parent is not None:
        return t.get(lang, "disclose-ask-approve-fix", id=str(d.id), parent=str(parent.id),
                     title=parent.title, drafter=drafter, body=d.body, count=len(chats))
    return t.get(lang, "disclose-ask-approve", id=str(d.id), drafter=drafter,
                 category=d.category, period=d.period, title=d.title, body=d.body,
                 attachment=Safe(attachment_line(t, lang, d.attachment, d.file_name,
                                                 len(d.images))),
                 chats=chat_list(chats), count=len(chats),
                 pin=Safe(t.get(lang, "disclose-pin-yes" if d.pin else "disclose-pin-no")))


def post_text(t: Texts, lang: str, config: Config, d: Disclosure, approver: str,
              parent: Disclosure | None = None) -> str:
    """The message in the group chats (a correction names what it corrects)."""
    day = local_date(d.decided_at or d.created_at, config.tz).isoformat()
    if parent is not None:
        return t.get(lang, "disclose-post-fix", title=parent.title, body=d.body,
                     approver=approver, day=day)
    return t.get(lang, "disclose-post", category=d.category, title=d.title,
                 period=d.period, body=d.body, approver=approver, day=day)


def read_buttons(t: Texts, lang: str, disclosure_id: int, count: int,
                 question_link: str) -> Buttons:
    return [[(t.get(lang, "btn-disclose-read", count=count), f"dr:{disclosure_id}"),
             (t.get(lang, "btn-disclose-question"), question_link)]]


def progress_text(t: Texts, lang: str, d: Disclosure, progress: Progress) -> str:
    return t.get(lang, "disclose-progress", id=str(d.id), title=d.title,
                 done=progress.sent, total=progress.total)


def report_text(t: Texts, lang: str, d: Disclosure, progress: Progress,
                problems: list[str], unsure: list[str], pin_failed: list[str],
                pinned: int) -> str:
    lines = [t.get(lang, "disclose-report", id=str(d.id), title=d.title,
                   sent=progress.sent, total=progress.total)]
    if d.pin and not d.is_correction:
        lines.append(t.get(lang, "disclose-report-pinned", count=pinned))
    if problems:
        lines.append(t.get(lang, "disclose-report-failed", chats=Safe("\n".join(problems))))
    if unsure:
        lines.append(t.get(lang, "disclose-report-unsure", chats="、".join(unsure)))
    if pin_failed:
        lines.append(t.get(lang, "disclose-report-pin-failed", chats="、".join(pin_failed)))
    return "\n".join(lines)


def status_line(t: Texts, lang: str, d: Disclosure, decider: str | None,
                tz_config: Config) -> str:
    if d.status == "pending":
        return t.get(lang, "disclose-status-pending")
    day = local_date(d.decided_at or d.created_at, tz_config.tz).strftime("%m-%d")
    if d.status == "returned":
        return t.get(lang, "disclose-status-returned", by=decider or "-", day=day)
    return t.get(lang, "disclose-status-approved", by=decider or "-", day=day)


def archive_line(t: Texts, lang: str, d: Disclosure, status: str, chats: int, read: int,
                 questions: int) -> str:
    return t.get(lang, "disclose-archive-line", id=str(d.id), category=d.category,
                 period=d.period, title=d.title, status=Safe(status), chats=chats, read=read,
                 questions=questions)


def chat_reads_line(t: Texts, lang: str, label: str, post: Post, read: int,
                    expected: int) -> str:
    if post.status == "sent":
        return t.get(lang, "disclose-chat-reads", chat=label, share=read_share(read, expected))
    return t.get(lang, f"disclose-chat-{post.status}", chat=label)


def correction_line(t: Texts, lang: str, fix: Disclosure, config: Config) -> str:
    at: datetime = fix.decided_at or fix.created_at
    return t.get(lang, "disclose-fix-line", id=str(fix.id),
                 day=local_date(at, config.tz).strftime("%m-%d"), body=fix.body,
                 status=Safe(t.get(lang, f"disclose-fix-{fix.status}")))
