"""/start and registration: name, team, employee number, consent; then officer approval."""

from __future__ import annotations

from telegram import Update

from bot.flows import FlowState, new_flow
from bot.handlers import card_submit
from bot.handlers.common import Buttons, Ctx, answer, caller, edit_pressed, say
from bot.handlers.flows import add_flow, button, save_and_prompt, show_prompt, typed_text
from bot.handlers.menu import main_keyboard
from bot.limits import as_id
from bot.members import InvalidInput, clean_employee_no, clean_name, registration_next_step
from bot.recipients import approvers
from bot.roles import Actor, MemberStatus
from bot.services import Services

NAME = "reg"


class Registration:
    name = NAME

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t = s.texts
        if state.step == "name":
            return t.get(lang, "reg-ask-name", branch=s.config.branch.name), []
        if state.step == "team":
            teams = await s.teams.all()
            rows = [[(team.name, button(NAME, "team", str(team.id)))] for team in teams]
            return t.get(lang, "reg-ask-team"), rows
        if state.step == "employee_no":
            return t.get(lang, "reg-ask-employee-no"), [
                [(t.get(lang, "btn-skip"), button(NAME, "employee_no", "skip"))]]
        return t.get(lang, "reg-ask-consent"), [[
            (t.get(lang, "btn-agree"), button(NAME, "consent", "yes")),
            (t.get(lang, "btn-disagree"), button(NAME, "consent", "no")),
        ]]

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        text = await typed_text(update, s, lang, state)
        if text is None:
            return
        now = s.clock.now()
        try:
            if state.step == "name":
                state = state.at(self._after(state), now, name=clean_name(text))
            elif state.step == "employee_no":
                state = state.at(self._after(state), now, employee_no=clean_employee_no(text))
            elif state.step == "team":
                team = await s.teams.by_code(text.strip())
                if team is None:
                    await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
                    return
                state = state.at(self._after(state), now, team_id=team.id)
            else:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
                return
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, s.texts.get(lang, bad.key,
                                                                   **bad.args_for_text))
            return
        await save_and_prompt(update, s, lang, state)

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        now = s.clock.now()
        if state.step == "team":
            team = await s.teams.get(int(value)) if as_id(value) is not None else None
            if team is None:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "use-buttons"))
                return
            await save_and_prompt(update, s, lang, state.at(self._after(state), now,
                                                            team_id=team.id))
        elif state.step == "employee_no" and value == "skip":
            await save_and_prompt(update, s, lang, state.at(self._after(state), now,
                                                            employee_no=None))
        elif state.step == "consent" and value in ("yes", "no"):
            await s.flows.delete(actor.tg_user_id)
            if value == "no":
                await say(update, s.texts.get(lang, "reg-declined"))
                return
            await self.finish(update, s, actor, lang, state)

    @staticmethod
    def _after(state: FlowState) -> str:
        step = registration_next_step(state.step, team_known="team_id" in state.data)
        return step or "consent"

    async def finish(self, update: Update, s: Services, actor: Actor, lang: str,
                     state: FlowState) -> None:
        team = await s.teams.get(int(state.data["team_id"]))
        if team is None:
            await say(update, s.texts.get(lang, "reg-team-gone"))
            return
        user = update.effective_user
        member = await s.members.register(
            actor.tg_user_id, state.data["name"], user.username if user else None, team.id,
            state.data.get("employee_no"), team.auto_approve, s.clock.now(),
        )
        if member.status is MemberStatus.ACTIVE:
            fresh = await s.members.actor(actor.tg_user_id)
            await say(update, s.texts.get(lang, "reg-welcome", name=member.name, team=team.name),
                      keyboard=main_keyboard(s, lang, fresh))
            return
        await say(update, s.texts.get(lang, "reg-submitted", team=team.name))
        for approver in await approvers(s, team.id):
            a_lang = await s.language(approver)
            await s.mail.send(
                approver,
                s.texts.get(a_lang, "approve-request", name=member.name, team=team.name,
                            employee_no=member.employee_no or "-", id=str(member.id)),
                [[(s.texts.get(a_lang, "btn-approve"), f"m:ok:{member.id}"),
                  (s.texts.get(a_lang, "btn-reject"), f"m:no:{member.id}")]],
                ref=f"member:{member.id}",
            )


REGISTRATION = Registration()
add_flow(REGISTRATION)


async def start(update: Update, context: Ctx) -> None:
    """/start: welcome a member, resume an open flow, or begin registration."""
    s, actor, lang = await caller(update, context)
    payload = context.args[0] if context.args else ""
    question = as_id(payload.removeprefix("dq_")) if payload.startswith("dq_") else None
    if question is not None and actor.active:  # 有疑问 under a disclosure
        await card_submit.start_question(update, context, question)
        return
    state = await s.flows.get(actor.tg_user_id)
    if state is not None:
        await show_prompt(update, s, lang, state, s.texts.get(lang, "flow-resume"))
        return
    if actor.active:
        await say(update, s.texts.get(lang, "start-member", name=actor.name),
                  keyboard=main_keyboard(s, lang, actor))
        return
    if actor.status in (MemberStatus.PENDING, MemberStatus.DEACTIVATED):
        key = "pending-wait" if actor.status is MemberStatus.PENDING else "account-deactivated"
        await say(update, s.texts.get(lang, key))
        return
    team = None
    if payload.startswith("join_"):
        team = await s.teams.by_join_code(payload.removeprefix("join_"))
        if team is None:
            await say(update, s.texts.get(lang, "join-bad-code"))
    data = {"team_id": team.id} if team else {}
    state = new_flow(actor.tg_user_id, NAME, "name", s.clock.now(), **data)
    intro = s.texts.get(lang, "reg-intro-team", team=team.name) if team else None
    await save_and_prompt(update, s, lang, state, intro)


async def decide(update: Update, context: Ctx) -> None:
    """m:ok:<id> / m:no:<id> — an officer approves or rejects a pending member."""
    query = update.callback_query
    assert query is not None and query.data is not None
    s, actor, lang = await caller(update, context)
    _, action, raw_id = [*query.data.split(":"), "", ""][:3]
    member = await s.members.get(int(raw_id)) if as_id(raw_id) is not None else None
    if member is None or action not in ("ok", "no"):
        await answer(update, s.texts.get(lang, "item-not-found"), alert=True)
        return
    if not actor.officer_of(member.team_id):
        await answer(update, s.texts.get(lang, "not-allowed"), alert=True)
        return
    changed, member = await s.members.decide(
        member.id, "approve" if action == "ok" else "reject", actor.member_id, s.clock.now())
    assert member is not None
    decider = await s.members.get(member.decided_by) if member.decided_by else None
    outcome = s.texts.get(lang, f"status-{member.status}")
    if not changed:
        await answer(update, s.texts.get(lang, "already-handled", outcome=outcome,
                                         by=decider.name if decider else "-"), alert=True)
        return
    await edit_pressed(update, s.texts.get(lang, "approve-done", name=member.name,
                                           outcome=outcome,
                                           by=actor.name or _telegram_name(update)))
    await answer(update)
    m_lang = await s.language(member.tg_user_id)
    key = "reg-approved" if member.status is MemberStatus.ACTIVE else "reg-rejected"
    await s.mail.send(member.tg_user_id, s.texts.get(m_lang, key, name=member.name))


def _telegram_name(update: Update) -> str:
    user = update.effective_user
    return user.full_name if user else "-"
