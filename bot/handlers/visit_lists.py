"""/visits: my diary this month and last month (chairs: also the hardship cases waiting
and the officers' completion table); /visit_N: one entry, for its author and the
chairs only; who in a team was (not) visited in 12 months. Buttons: `v:<id>:help` (a
chair takes a hardship case on), `v:<id>:again` (log the next visit to the same
person), `vc:<team id>` (coverage; 0 = every team, for chairs), `vq` (completion)."""

from __future__ import annotations

from telegram import Update

from bot import queries, visit_actions
from bot.handlers import visit_log
from bot.handlers.common import Buttons, Ctx, answer, caller, in_private, link_number, say
from bot.limits import as_id
from bot.study import month_of, previous_month
from bot.texts import Texts
from bot.visit_views import completion_text, coverage_text, diary_text, entry_line, visit_text
from bot.visits import Tally, Visit


async def my_visits(update: Update, context: Ctx) -> None:
    s, actor, lang = await caller(update, context)
    t = s.texts
    member = await s.members.get(actor.member_id) if actor.member_id else None
    if member is None or not visit_actions.may_keep_diary(actor):
        await say(update, t.get(lang, "visit-officers-only"))
        return
    today = visit_actions.today(s)
    months = (month_of(today), previous_month(today))
    tallies = {m: (await visit_actions.month_tally(s, m)).get(member.id, Tally())
               for m in months}
    text = await diary_text(s, lang, member, visit_actions.quota_of(s, member), today,
                            tallies)
    buttons: Buttons = []
    if actor.is_chair:
        waiting = await s.visits.open_help()
        if waiting:
            text += "\n\n" + "\n".join([t.get(lang, "visits-help-waiting", count=len(waiting)),
                                        *[entry_line(t, lang, v) for v in waiting[:20]]])
        buttons.append([(t.get(lang, "btn-visit-completion"), "vq"),
                        (t.get(lang, "btn-visit-coverage"), "vc:0")])
    elif actor.team_id is not None:
        buttons.append([(t.get(lang, "btn-visit-coverage"), f"vc:{actor.team_id}")])
    await say(update, text, buttons)


def _entry_buttons(t: Texts, lang: str, is_chair: bool, is_author: bool,
                   visit: Visit) -> Buttons:
    row = []
    if is_chair and visit.help_open:
        row.append((t.get(lang, "btn-visit-take-help"), f"v:{visit.id}:help"))
    if is_author:
        row.append((t.get(lang, "btn-visit-again"), f"v:{visit.id}:again"))
    return [row] if row else []


async def show_visit(update: Update, context: Ctx) -> None:
    """/visit_12: the whole entry, for its author or a chair; to anyone else it does not
    exist."""
    s, actor, lang = await caller(update, context)
    visit_id = link_number(update, "visit")
    visit = await s.visits.get(visit_id) if visit_id is not None else None
    if visit is None or not visit_actions.may_read(actor, visit):
        await say(update, s.texts.get(lang, "item-not-found"))
        return
    is_author = actor.member_id == visit.officer_id and visit_actions.may_keep_diary(actor)
    await say(update, await visit_text(s, lang, visit),
              _entry_buttons(s.texts, lang, actor.is_chair, is_author, visit))


async def on_button(update: Update, context: Ctx) -> None:
    """v:<id>:help and v:<id>:again, checked against the presser's roles as stored now."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    parts = query.data.split(":")
    visit_id = as_id(parts[1]) if len(parts) == 3 else None
    visit = await s.visits.get(visit_id) if visit_id is not None else None
    if visit is None or parts[2] not in ("help", "again"):
        await answer(update, s.texts.get(lang, "button-stale"))
        return
    if parts[2] == "help":
        taken = await visit_actions.take_help(s, actor, visit)
        if not taken.ok:
            await answer(update, s.texts.get(lang, taken.key, name=taken.by), alert=True)
            return
        await answer(update, s.texts.get(lang, "visit-help-took", person=visit.person))
        return
    if actor.member_id != visit.officer_id or not visit_actions.may_keep_diary(actor):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    await answer(update)
    member = await visit_actions.pickable(s, actor, visit.member_id) \
        if visit.member_id is not None else None
    if visit.member_id is not None and member is None:  # no longer an active member
        await visit_log.start(update, context)
        return
    await visit_log.start(update, context, person=visit.person,
                          member_id=member.id if member else None,
                          team_id=member.team_id if member else None)


async def on_coverage(update: Update, context: Ctx) -> None:
    """vc:<team id>: who in the team was visited in 12 months and who never was; vc:0
    (chairs) every team's count, with a button per team."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    team_id = as_id(query.data.removeprefix("vc:"))
    today = visit_actions.today(s)
    if team_id == 0 and actor.is_chair:
        await answer(update)
        lines, buttons = [s.texts.get(lang, "visit-coverage-branch")], []
        for each in await s.teams.all():
            found = await queries.visit_coverage(s, each.id, today)
            lines.append(s.texts.get(lang, "visit-coverage-team-line", team=each.name,
                                     visited=len(found.visited), size=found.size))
            buttons.append((each.name, f"vc:{each.id}"))
        await say(update, "\n".join(lines), [buttons[i:i + 2] for i in range(0, len(buttons), 2)])
        return
    team = await s.teams.get(team_id) if team_id else None
    if team is None or not visit_actions.may_see_team(actor, team.id):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    await answer(update)
    found = await queries.visit_coverage(s, team.id, today)
    await say(update, coverage_text(s.texts, lang, team.name, found))


async def on_completion(update: Update, context: Ctx) -> None:
    """vq (chairs): this month's completion table so far."""
    s, actor, lang = await caller(update, context)
    if not await in_private(update, s, lang):
        return
    if not actor.is_chair:
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    await answer(update)
    month = month_of(visit_actions.today(s))
    rows = [(o.name, o.team, o.tally, o.quota) for o in await queries.visit_figures(s, month)]
    if not rows:
        await say(update, s.texts.get(lang, "visit-report-no-officers"))
        return
    await say(update, completion_text(s.texts, lang, month, rows, past=False))

