"""Naming the person of a diary entry, for the /visit flow: a name or employee number
typed and searched, a pick from a team's members, or the name of someone who is not
registered written down as it is."""

from __future__ import annotations

from telegram import Update

from bot import visit_actions
from bot.flows import FlowState
from bot.handlers.common import Buttons
from bot.handlers.flows import button, save_and_prompt, show_prompt
from bot.limits import as_id
from bot.members import InvalidInput, Member
from bot.roles import Actor, MemberStatus
from bot.services import Services
from bot.visits import clean_person, next_step

NAME = "visit"
PAGE = 10


def _b(s: Services, lang: str, key: str, step: str, value: str, **args: object) -> tuple[
        str, str]:
    return (s.texts.label(lang, key, **args), button(NAME, step, value))


def _pairs(items: list[tuple[str, str]]) -> Buttons:
    return [items[i:i + 2] for i in range(0, len(items), 2)]


async def _roster(s: Services, state: FlowState) -> list[Member]:
    team_id = state.data.get("pick_team")
    if team_id is None:
        return []
    return [m for m in await s.members.in_team(int(team_id), MemberStatus.ACTIVE)
            if m.tg_user_id != state.tg_user_id]


async def prompt(s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
    t, step, data = s.texts, state.step, state.data
    back = [_b(s, lang, "btn-back", step, "back")]
    if step == "team":
        teams = [(team.name, button(NAME, "team", str(team.id))) for team in await s.teams.all()]
        return t.get(lang, "visit-ask-team"), [*_pairs(teams), back]
    if step == "person":
        return t.get(lang, "visit-ask-person"), [back]
    if step == "member":
        names = {team.id: team.name for team in await s.teams.all()}
        if data.get("found"):
            found = [await s.members.get(int(m)) for m in data["found"]]
            people = [(f"{m.name} · {names.get(m.team_id or 0, '-')}",
                       button(NAME, "member", str(m.id))) for m in found if m is not None]
            return t.get(lang, "visit-ask-found", count=len(people)), [*_pairs(people), back]
        roster = await _roster(s, state)
        page = min(int(data.get("page", 0)), max(0, (len(roster) - 1) // PAGE))
        shown = [(m.name, button(NAME, "member", str(m.id)))
                 for m in roster[page * PAGE:(page + 1) * PAGE]]
        nav = ([_b(s, lang, "btn-prev", "member", f"p{page - 1}")] if page else []) + \
            ([_b(s, lang, "btn-next", "member", f"p{page + 1}")]
             if (page + 1) * PAGE < len(roster) else [])
        team = names.get(int(data.get("pick_team") or 0), "-")
        text = t.get(lang, "visit-ask-member", team=team, count=len(roster)) if roster else \
            t.get(lang, "visit-team-empty", team=team)
        return text, [*_pairs(shown), *([nav] if nav else []), back]
    rows: Buttons = []
    if data.get("own_team") is not None:
        rows.append([_b(s, lang, "btn-visit-own-team", "whom", "own")])
    rows.append([_b(s, lang, "btn-visit-by-team", "whom", "teams"),
                 _b(s, lang, "btn-visit-unregistered", "whom", "person")])
    if data.get("typed"):  # the button names the search it answers: an older one is stale
        rows.append([_b(s, lang, "btn-visit-write-as-is", "whom",
                        f"free{data.get('searches', 0)}", name=str(data["typed"]))])
    return t.get(lang, "visit-ask-whom", kind=t.get(lang, f"visit-kind-{data['kind']}")), rows


async def chosen(update: Update, s: Services, lang: str, state: FlowState, name: str,
                 member: Member | None) -> None:
    """The person is named: on to the next step (or back to the preview)."""
    changes = {"person": name, "member_id": member.id if member else None,
               "team_id": member.team_id if member else None, "found": None, "typed": None,
               "pick_team": None, "page": 0}
    moved = state.at("whom", s.clock.now(), **changes)
    await save_and_prompt(update, s, lang, moved.at(next_step("whom", moved.data),
                                                    s.clock.now()))


async def on_text(update: Update, s: Services, actor: Actor, lang: str, state: FlowState,
                  text: str) -> None:
    """A name typed at any of the naming steps."""
    t, now = s.texts, s.clock.now()
    if state.step == "person":
        try:
            await chosen(update, s, lang, state, clean_person(text), None)
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key))
        return
    found = await visit_actions.find_person(s, actor, text)
    # What 就写 would write: the words typed, if they make a name.
    typed = _as_name(text)
    state = state.at(state.step, now, searches=int(state.data.get("searches", 0)) + 1,
                     typed=typed)
    if found.member is not None:
        await chosen(update, s, lang, state, found.member.name, found.member)
    elif found.several:
        key = "visit-search-many" if found.too_many else "visit-search-several"
        await save_and_prompt(update, s, lang, state.at("member", now, found=[
            m.id for m in found.several]), t.get(lang, key))
    else:
        key = "visit-search-none" if typed else "visit-search-none-retype"
        await save_and_prompt(update, s, lang, state.at("whom", now),
                              t.get(lang, key, name=text.strip()[:20]))


def _as_name(text: str) -> str | None:
    try:
        return clean_person(text)
    except InvalidInput:
        return None


async def on_button(update: Update, s: Services, actor: Actor, lang: str, state: FlowState,
                    value: str) -> None:
    t, now, step, data = s.texts, s.clock.now(), state.step, state.data
    number = as_id(value)
    if value == "back" and step in ("team", "member", "person"):
        await save_and_prompt(update, s, lang, state.at("whom", now, found=None))
    elif step == "whom" and value == "own" and data.get("own_team") is not None:
        await save_and_prompt(update, s, lang, state.at("member", now, found=None, page=0,
                                                        pick_team=data["own_team"]))
    elif step == "whom" and value == "teams":
        await save_and_prompt(update, s, lang, state.at("team", now))
    elif step == "whom" and value == "person":
        await save_and_prompt(update, s, lang, state.at("person", now))
    elif step == "whom" and data.get("typed") and value == f"free{data.get('searches', 0)}":
        await on_text(update, s, actor, lang, state.at("person", now), str(data["typed"]))
    elif step == "team" and number is not None and await s.teams.get(number) is not None:
        await save_and_prompt(update, s, lang, state.at("member", now, found=None, page=0,
                                                        pick_team=number))
    elif step == "member" and value.startswith("p") and as_id(value[1:]) is not None:
        await save_and_prompt(update, s, lang, state.at("member", now, page=int(value[1:])))
    elif step == "member" and number is not None:
        member = await visit_actions.pickable(s, actor, number)
        if member is None:
            await show_prompt(update, s, lang, state, t.get(lang, "visit-person-gone"))
        else:
            await chosen(update, s, lang, state, member.name, member)
    else:
        await show_prompt(update, s, lang, state, t.get(lang, "button-stale"))
