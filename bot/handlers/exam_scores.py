"""Taking an exam's scores: one by one (pick a member, type the score) in flow
"examone", or from an uploaded CSV/XLSX table in flow "examfile", where every bad row
is reported at once and nothing is imported until the file is clean."""

from __future__ import annotations

from telegram import Update

from bot import study_actions
from bot.exam_import import MAX_FILE_BYTES, Person, Roster, check_rows, read_table
from bot.flows import FlowState
from bot.handlers.common import Buttons, say
from bot.handlers.flows import add_flow, button, save_and_prompt, show_prompt
from bot.limits import as_id
from bot.members import InvalidInput
from bot.roles import Actor
from bot.services import Services
from bot.study import Exam, average, fmt_score, parse_score
from bot.study_views import exam_buttons, exam_text, import_errors

PAGE = 10


async def _exam(update: Update, s: Services, actor: Actor, lang: str,
                state: FlowState) -> Exam | None:
    """The flow's exam, if the actor may still manage it (roles are read fresh); if not,
    the flow ends and they are told."""
    exam = await s.exams.get(int(state.data["exam_id"]))
    if exam is not None and study_actions.may_manage(actor, exam):
        return exam
    await s.flows.delete(actor.tg_user_id)
    await say(update, s.texts.get(lang, "not-allowed"))
    return None


async def _finish(update: Update, s: Services, actor: Actor, lang: str, exam: Exam) -> None:
    await s.flows.delete(actor.tg_user_id)
    fresh = await s.exams.get(exam.id) or exam
    await say(update, await exam_text(s, lang, fresh), exam_buttons(s.texts, lang, fresh))


class ExamOne:
    name = "examone"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        exam = await s.exams.get(int(state.data["exam_id"]))
        assert exam is not None
        t = s.texts
        if state.step == "score":
            return t.get(lang, "exam-ask-score", name=state.data["name"],
                         full=fmt_score(exam.full_marks)), [
                [(t.get(lang, "btn-back"), button(self.name, "score", "back"))]]
        people = await study_actions.roster(s, exam.team_id)
        scored = {sc.member_id: sc.score for sc in await s.exams.scores(exam.id)}
        page = min(int(state.data.get("page", 0)), max(0, (len(people) - 1) // PAGE))
        shown = people[page * PAGE:(page + 1) * PAGE]
        pairs = [(f"{p.name} ✓{fmt_score(scored[p.member_id])}" if p.member_id in scored
                  else p.name, button(self.name, "pick", str(p.member_id))) for p in shown]
        rows = [pairs[i:i + 2] for i in range(0, len(pairs), 2)]
        nav = []
        if page > 0:
            nav.append(("◀", button(self.name, "pick", f"p{page - 1}")))
        if (page + 1) * PAGE < len(people):
            nav.append(("▶", button(self.name, "pick", f"p{page + 1}")))
        rows += [nav] if nav else []
        rows.append([(t.get(lang, "btn-done"), button(self.name, "pick", "done"))])
        return t.get(lang, "exam-ask-pick", subject=exam.subject, count=len(scored),
                     size=len(people)), rows

    async def _pick(self, update: Update, s: Services, lang: str, state: FlowState,
                    person: Person) -> None:
        await save_and_prompt(update, s, lang, state.at("score", s.clock.now(),
                                                        member_id=person.member_id,
                                                        name=person.name))

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        exam = await _exam(update, s, actor, lang, state)
        if exam is None:
            return
        t = s.texts
        if message is None or message.text is None:
            await show_prompt(update, s, lang, state, t.get(lang, "need-text"))
            return
        if state.step == "pick":  # a name or employee number typed instead of a press
            person = Roster(await study_actions.roster(s, exam.team_id)).typed(message.text)
            if person is not None:
                await self._pick(update, s, lang, state, person)
            else:
                await show_prompt(update, s, lang, state, t.get(lang, "exam-pick-unknown"))
            return
        try:
            score = parse_score(message.text, exam.full_marks)
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))
            return
        member_id = int(state.data["member_id"])
        if member_id not in {p.member_id for p in await study_actions.roster(s, exam.team_id)}:
            await save_and_prompt(update, s, lang, state.at("pick", s.clock.now()),
                                  t.get(lang, "exam-pick-unknown"))
            return
        if not await study_actions.set_score(s, actor, exam, state, member_id, score):
            return
        await save_and_prompt(update, s, lang, state.at("pick", s.clock.now()),
                              t.get(lang, "exam-score-saved", name=state.data["name"],
                                    score=fmt_score(score)))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        exam = await _exam(update, s, actor, lang, state)
        if exam is None:
            return
        now = s.clock.now()
        if state.step == "score" and value == "back":
            await save_and_prompt(update, s, lang, state.at("pick", now))
        elif state.step == "pick" and value == "done":
            await _finish(update, s, actor, lang, exam)
        elif state.step == "pick" and value.startswith("p") and as_id(value[1:]) is not None:
            await save_and_prompt(update, s, lang, state.at("pick", now, page=int(value[1:])))
        elif state.step == "pick" and as_id(value) is not None:
            people = {p.member_id: p for p in await study_actions.roster(s, exam.team_id)}
            person = people.get(int(value))
            if person is None:
                await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))
            else:
                await self._pick(update, s, lang, state, person)
        else:
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))


class ExamFile:
    name = "examfile"

    async def prompt(self, s: Services, lang: str, state: FlowState) -> tuple[str, Buttons]:
        t = s.texts
        if state.step == "confirm":
            scores = [float(v) for _, v in state.data["scores"]]
            key = "exam-file-clean-overwrite" if state.data.get("overwrite") else \
                "exam-file-clean"
            return t.get(lang, key, count=len(scores), absent=state.data.get("absent", 0),
                         average=fmt_score(average(scores) or 0),
                         overwrite=state.data.get("overwrite", 0)), [
                [(t.get(lang, "btn-import"), button(self.name, "confirm", "yes")),
                 (t.get(lang, "btn-cancel"), button(self.name, "confirm", "no"))]]
        return t.get(lang, "exam-ask-file", limit=MAX_FILE_BYTES // 1000), []

    async def on_input(self, update: Update, s: Services, actor: Actor, lang: str,
                       state: FlowState) -> None:
        message = update.effective_message
        exam = await _exam(update, s, actor, lang, state)
        if exam is None:
            return
        t = s.texts
        if message is None or state.step != "file":
            await show_prompt(update, s, lang, state, t.get(lang, "use-buttons"))
            return
        document = message.document
        if document is None:
            await show_prompt(update, s, lang, state, t.get(lang, "exam-need-file"))
            return
        if (document.file_size or 0) > MAX_FILE_BYTES:
            await show_prompt(update, s, lang, state, t.get(lang, "exam-file-big",
                                                            limit=MAX_FILE_BYTES // 1000))
            return
        data = bytes(await (await document.get_file()).download_as_bytearray())
        people = await study_actions.roster(s, exam.team_id)
        try:
            checked = check_rows(read_table(document.file_name or "", data), people,
                                 exam.full_marks)
        except InvalidInput as bad:
            await show_prompt(update, s, lang, state, t.get(lang, bad.key,
                                                            **bad.args_for_text))
            return
        if checked.errors:
            await say(update, import_errors(t, lang, checked))
            return
        if not checked.scores:
            await show_prompt(update, s, lang, state, t.get(lang, "exam-file-empty"))
            return
        old = {sc.member_id for sc in await s.exams.scores(exam.id)}
        await save_and_prompt(update, s, lang, state.at(
            "confirm", s.clock.now(), scores=[[m, v] for m, v in checked.scores],
            absent=checked.absent, overwrite=sum(1 for m, _ in checked.scores if m in old)))

    async def on_button(self, update: Update, s: Services, actor: Actor, lang: str,
                        state: FlowState, value: str) -> None:
        exam = await _exam(update, s, actor, lang, state)
        if exam is None:
            return
        if state.step == "confirm" and value == "no":
            await s.flows.delete(actor.tg_user_id)
            await say(update, s.texts.get(lang, "exam-file-cancelled"))
        elif state.step == "confirm" and value == "yes":
            count = await study_actions.import_scores(s, actor, exam, state)
            if count is None:
                return
            await say(update, s.texts.get(lang, "exam-file-imported", count=count))
            await _finish(update, s, actor, lang, exam)
        else:
            await show_prompt(update, s, lang, state, s.texts.get(lang, "button-stale"))


add_flow(ExamOne())
add_flow(ExamFile())
