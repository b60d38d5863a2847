"""Role matrix (issue 9): every officer, chair and admin command and button, used by
everyone who may not — an outsider (never registered), a pending member, a worker, a
revoked officer (promoted, then /demote'd) and, where the item belongs to a team, an
officer of another team — in a private chat, in a group chat and as an edited message.
Each is refused (a refusal text, the private-chat link or an alert) or, where the bot
never acts (edited messages, link commands in a group), met with silence; none writes a
row. A revoked role is refused on the very next update.

One branch, populated once, serves the whole matrix: a refused update may not change
it, which every case checks against a snapshot of the state tables."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.clock import FixedClock
from bot.roles import Role
from bot.stub import BotApiStub, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.disclosure_helpers import draft, make_chair, team_group
from tests.e2e.hardening_helpers import (
    barrier,
    changes,
    db_path,
    make_pending,
    member_id,
    next_with,
    settle,
    snapshot,
    team_id,
    text,
)
from tests.e2e.hazards_helpers import report_hazard
from tests.e2e.stats_export_helpers import open_book
from tests.e2e.study_helpers import create_exam
from tests.e2e.test_registration import register
from tests.e2e.visit_helpers import log_visit
from tests.harness import ADMIN_ID, START, TOKEN, BotUnderTest, hold_sweeper, make_config

LANG = "zh-CN"

# ---- who -------------------------------------------------------------------------------

OUTSIDER, PENDING, WORKER, REVOKED, OTHER_TEAM = (
    "outsider", "pending member", "worker", "revoked officer", "officer of another team")
ROLES = (OUTSIDER, PENDING, WORKER, REVOKED, OTHER_TEAM)
ALL = frozenset(ROLES)
# An officer of another team may use the officer commands for their own team: they are
# in a row only where the item or the command is bound to team A1 or needs a chair.
NOT_OFFICERS = ALL - {OTHER_TEAM}
NOT_MEMBERS = frozenset({OUTSIDER, PENDING})


# ---- what ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cmd:
    """A command (placeholders name the branch's items) and the refusal text's key.
    A private-only command sent in a group gets the link to the private chat; a link
    command like /visit_1 in a group, and any edited message, get nothing."""

    text: str
    refusal: str
    roles: frozenset[str] = ALL
    args: tuple[tuple[str, str], ...] = ()
    private_only: bool = True  # a PRIVATE_ONLY command (else a link command or a label)
    in_group: bool = True  # Telegram delivers it to the bot in a group (not a bare label)


COMMANDS: list[Cmd] = [
    Cmd("/cards", "not-allowed", NOT_OFFICERS),
    Cmd("/cards A1", "not-allowed", NOT_OFFICERS),
    Cmd("/cards A1", "cards-bad-filter", frozenset({OTHER_TEAM}), args=(("arg", "A1"),)),
    Cmd("/exam", "exam-officers-only", NOT_OFFICERS),
    Cmd("/exams", "exam-officers-only", NOT_OFFICERS),
    Cmd("/visit", "visit-officers-only", NOT_OFFICERS),
    Cmd("/visits", "visit-officers-only", NOT_OFFICERS),
    Cmd("/members", "not-allowed", NOT_OFFICERS),
    Cmd("/members A1", "not-allowed"),
    Cmd("/promote #{worker} 工会委员", "not-allowed"),
    Cmd("/demote #{officer} 工会委员", "not-allowed"),
    Cmd("/move #{worker} B2", "not-allowed"),
    Cmd("/deactivate #{worker}", "not-allowed"),
    Cmd("/reactivate #{gone}", "not-allowed"),
    Cmd("/disclose", "disclose-officers-only", NOT_OFFICERS),
    Cmd("/disclosures", "disclose-officers-only", NOT_OFFICERS),
    Cmd("/export", "export-officers-only", NOT_OFFICERS),
    Cmd("/card_{card}", "item-not-found", private_only=False),
    Cmd("/hazard_{hazard}", "item-not-found", NOT_MEMBERS | {OTHER_TEAM}, private_only=False),
    Cmd("/exam_{exam}", "item-not-found", private_only=False),
    Cmd("/visit_{visit}", "item-not-found", private_only=False),
    Cmd("/disclosure_{approved}", "disclose-officers-only", NOT_OFFICERS, private_only=False),
    Cmd("/disclosure_{pending_d}", "disclose-officers-only", NOT_OFFICERS, private_only=False),
    # The persistent keyboard's labels run the same commands (typed by anyone).
    Cmd("🗂 待办信息卡", "not-allowed", NOT_OFFICERS, private_only=False, in_group=False),
    Cmd("📔 记走访谈心", "visit-officers-only", NOT_OFFICERS, private_only=False,
        in_group=False),
    Cmd("📢 厂务公开", "disclose-officers-only", NOT_OFFICERS, private_only=False,
        in_group=False),
]


@dataclass(frozen=True)
class Btn:
    """Button data (placeholders name the branch's items) and the alert's key. Pressed in
    a group, a button of the private-only kind is answered with "in private, please"."""

    data: str
    refusal: str
    roles: frozenset[str] = ALL


NOT_ALLOWED, STALE = "not-allowed", "button-stale"
BUTTONS: list[Btn] = [
    Btn("c:acc:{card}", NOT_ALLOWED),  # 受理 (then a department)
    Btn("c:dep:{card}:office", NOT_ALLOWED),  # 受理 → 区队办公室
    Btn("c:ret:{card}", NOT_ALLOWED),  # 退回
    Btn("c:dup:{card}", NOT_ALLOWED),  # 重复
    Btn("c:back:{card}", NOT_ALLOWED),
    Btn("h:ok:{hazard}", NOT_ALLOWED),  # 确认隐患
    Btn("h:no:{hazard}", NOT_ALLOWED),
    Btn("h:dup:{hazard}", NOT_ALLOWED),
    Btn("m:ok:{applicant}", NOT_ALLOWED),  # 通过 a pending member
    Btn("m:no:{applicant}", NOT_ALLOWED),
    Btn("e:{exam}:one", NOT_ALLOWED),
    Btn("e:{exam}:file", NOT_ALLOWED),
    Btn("e:{exam}:preview", NOT_ALLOWED),
    Btn("e:{exam}:post", NOT_ALLOWED),
    Btn("v:{visit}:help", NOT_ALLOWED),  # 我来跟进 a hardship case
    Btn("v:{visit}:again", NOT_ALLOWED),
    Btn("vq", NOT_ALLOWED),
    Btn("vc:0", NOT_ALLOWED),
    Btn("vc:{team_a}", NOT_ALLOWED),
    Btn("da:{pending_d}:ok", "disclose-chairs-only"),  # 批准发布
    Btn("da:{pending_d}:no", "disclose-chairs-only"),  # 退回
    Btn("dd:{approved}:teams", NOT_ALLOWED, NOT_OFFICERS),
    Btn("dd:{approved}:unread:{team_a}", NOT_ALLOWED),
    Btn("dd:{approved}:fix", NOT_ALLOWED),
    Btn("ex:this", NOT_ALLOWED, NOT_OFFICERS),
    Btn("ex:last", NOT_ALLOWED, NOT_OFFICERS),
    Btn("ex:last:notes", NOT_ALLOWED),  # chairs only
    Btn("st:this", STALE, NOT_MEMBERS),  # members see their own figures; others nothing
    Btn("st:year", STALE, NOT_MEMBERS),
]
# These handlers refuse any press outside a private chat before looking further.
PRIVATE_BUTTONS = ("v:", "vc:", "vq", "da:", "dd:", "st:", "ex:")


# ---- the branch ------------------------------------------------------------------------

@dataclass
class Branch:
    bot: BotUnderTest
    stub: BotApiStub
    ids: dict[str, int]
    users: dict[str, UserHandle]
    groups: dict[str, GroupHandle]
    hello: dict[str, Message]
    officer: UserHandle  # 李委员, officer of A1: the controls
    chair: UserHandle

    def t(self, key: str, **args: str) -> str:
        return self.bot.services.texts.get(LANG, key, **args)


async def populate(bot: BotUnderTest, stub: BotApiStub) -> Branch:
    """Team A1 with an officer, a chair, a worker who wrote a card and reported a hazard,
    an exam, a hardship visit, an approved and a pending disclosure, an applicant and a
    deactivated member; then the people of the matrix, each with a group of their own."""
    s, now = bot.services, bot.clock.now()
    admin = stub.user(ADMIN_ID, "管理员老周")
    chair = await make_chair(bot, stub, admin, 2009, "陈主席")
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    author = await make_worker(bot, stub, 3001, "张三")
    a1 = await team_id(bot, "A1")

    await write_card(author, "井口更衣室的热水器坏了两周了，请尽快修理。")
    await report_hazard(author, "回风巷顶板有裂缝，需要加固支护。", photos=0)
    await settle(bot, stub, officer, chair, author)  # the officers' copies arrive meanwhile
    await create_exam(officer)
    await log_visit(officer, "张三", follow="困难帮扶", follow_answer="母亲住院，医药费有缺口。")
    await team_group(stub, officer, -1001000000101, "综采一班群", "A1")
    await settle(bot, stub, officer, chair, author)
    ask = await draft(officer, chair)
    assert ask is not None
    await chair.press(ask, "批准发布")
    await settle(bot, stub, officer, chair, author)
    await draft(officer, chair, title="2026年11月福利发放计划", body="每人发放米面油一套。")

    applicant = await s.members.register(3004, "孙八", None, a1, None, False, now)
    gone = await s.members.register(3005, "吴九", None, a1, None, True, now)
    await s.members.change_status(gone, "deactivate", None, now)

    users = {
        OUTSIDER: stub.user(4001, "路人甲"),
        PENDING: await make_pending(bot, stub, 3003, "钱七"),
        WORKER: await make_worker(bot, stub, 3002, "赵六"),
        REVOKED: await make_officer(bot, stub, admin, 2004, "周委员"),
        OTHER_TEAM: await make_officer(bot, stub, admin, 2003, "王委员", team_code="B2"),
    }
    await admin.command("/demote", f"#{await member_id(bot, 2004)}", "工会委员")
    assert "取消" in text(await admin.next_message())
    revoked = await s.members.actor(2004)
    assert revoked.active and Role.OFFICER not in revoked.roles

    groups, hello = {}, {}
    for n, (role, user) in enumerate(users.items()):
        group = stub.group(-1002000000001 - n, f"{role}的群")
        group.add_member(user)
        await group.add_bot(by=admin)
        hello[role] = await group.next_message()
        groups[role] = group

    async def newest(table: str, where: str = "1") -> int:
        async with s.db.read() as tx:
            row = await tx.fetchone(f"SELECT max(id) AS id FROM {table} WHERE {where}")
        assert row is not None and row["id"] is not None, table
        return int(row["id"])

    ids = {"card": await newest("cards"), "hazard": await newest("hazards"),
           "exam": await newest("exams"), "visit": await newest("visits"),
           "approved": await newest("disclosures", "status = 'approved'"),
           "pending_d": await newest("disclosures", "status = 'pending'"),
           "applicant": applicant.id, "gone": gone.id, "team_a": a1,
           "worker": await member_id(bot, 3001), "officer": await member_id(bot, 2001)}
    hold_sweeper(bot)
    await settle(bot, stub, *users.values())
    return Branch(bot, stub, ids, users, groups, hello, officer, chair)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def branch(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Branch]:
    stub = BotApiStub(token=TOKEN, bot_id=123456, bot_username="xiaojia_bot",
                      bot_name="职工小家")
    await stub.start()
    bot = BotUnderTest(make_config(tmp_path_factory.mktemp("roles") / "bot.sqlite3", stub),
                       FixedClock(START))
    await bot.start()
    try:
        yield await populate(bot, stub)
    finally:
        await bot.stop()
        await stub.stop()


# ---- the matrix ------------------------------------------------------------------------

def unchanged(b: Branch, before: dict[str, list[tuple[object, ...]]], case: str) -> None:
    assert changes(before, snapshot(db_path(b.bot))) == {}, f"{case} wrote to the database"


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("role", ROLES)
async def test_officer_commands_are_refused_in_private_in_groups_and_when_edited(
        branch: Branch, role: str) -> None:
    b, user, group = branch, branch.users[role], branch.groups[role]
    rows = [c for c in COMMANDS if role in c.roles]
    await barrier(user)
    before = snapshot(db_path(b.bot))
    for row in rows:
        sent = row.text.format(**b.ids)
        case = f"{role}: {sent!r}"

        # Private chat: the refusal, and nothing else.
        mine = await user.send(sent)
        reply = await user.next_message()
        assert text(reply) == b.t(row.refusal, **dict(row.args)), case
        assert "inline_keyboard" not in (reply.markup or {}), case
        unchanged(b, before, f"{case} in private")

        # Group chat: private-only commands get the link to the private chat; link
        # commands get nothing (the barrier below proves it).
        posted = None
        if row.in_group:
            seen = len(b.stub.bot_messages(group.id))
            posted = await user.send_to(group, sent)
            if row.private_only:
                link = await group.next_message()
                assert text(link) == b.t("private-only"), case
                command = sent.split()[0].lstrip("/")
                assert link.buttons[0][0][1] == f"https://t.me/xiaojia_bot?start={command}"
                seen += 1
            await barrier(user)
            assert len(b.stub.bot_messages(group.id)) == seen, f"{case} in the group"
            unchanged(b, before, f"{case} in a group")

        # Edited: the same command message edited (privately and in the group) is not
        # a new command: nothing is said, nothing written.
        seen = len(b.stub.bot_messages(group.id))
        await user.edit(mine, sent)
        if posted is not None:
            await user.edit(posted, sent)
        await barrier(user)
        assert len(b.stub.bot_messages(group.id)) == seen, f"{case} edited in the group"
        unchanged(b, before, f"{case} edited")
    await b.stub.wait_idle()
    await barrier(user)
    unchanged(b, before, f"{role}: after all commands")


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize("role", ROLES)
async def test_officer_and_chair_buttons_are_refused_in_private_and_in_groups(
        branch: Branch, role: str) -> None:
    b, user, group = branch, branch.users[role], branch.groups[role]
    rows = [r for r in BUTTONS if role in r.roles]
    mine = await barrier(user)  # the message pressed on in the private chat
    in_group = b.hello[role]
    before = snapshot(db_path(b.bot))
    own, shared = len(b.stub.bot_messages(user.id)), len(b.stub.bot_messages(group.id))
    for row in rows:
        data = row.data.format(**b.ids)
        for where, message in (("private", mine), ("group", in_group)):
            case = f"{role} pressed {data!r} in {where}"
            edits = message.edits
            answered = await user.press(message, data=data)
            key = "private-only" if where == "group" and data.startswith(PRIVATE_BUTTONS) \
                else row.refusal
            assert text(answered) == b.t(key), f"{case}: {text(answered)!r}"
            assert answered.show_alert, case
            assert message.edits == edits, f"{case} edited the message"
            unchanged(b, before, case)
    await barrier(user)
    await b.stub.wait_idle()
    assert len(b.stub.bot_messages(user.id)) == own + 1, f"{role}: a press said something"
    assert len(b.stub.bot_messages(group.id)) == shared, f"{role}: a press posted in a group"
    unchanged(b, before, f"{role}: after all presses")


@pytest.mark.asyncio(loop_scope="module")
async def test_a_worker_pressing_stats_gets_only_their_own_figures(branch: Branch) -> None:
    """st: is the one officer button a worker may press: it answers with their own
    figures, never the team's or the branch's."""
    b = branch
    for role in (WORKER, REVOKED):
        user = b.users[role]
        mine = await barrier(user)
        before = snapshot(db_path(b.bot))
        for period in ("this", "last", "year"):
            answered = await user.press(mine, data=f"st:{period}")
            assert not answered.show_alert, (role, period)
            shown = text(await user.next_message())
            assert "我的数据" in shown, (role, period, shown)
            assert "综采一班" not in shown and "通风区工会" not in shown, (role, shown)
            unchanged(b, before, f"{role} st:{period}")
        await barrier(user)


@pytest.mark.asyncio(loop_scope="module")
async def test_an_officer_of_another_team_cannot_export_team_a1(branch: Branch) -> None:
    b = branch
    user = b.users[OTHER_TEAM]
    mine = await barrier(user)
    before = snapshot(db_path(b.bot))
    answered = await user.press(mine, data="ex:this")
    assert not answered.show_alert
    document = await user.next_message(timeout=10)
    assert document.document is not None
    unchanged(b, before, "ex:this by an officer of B2")
    book = open_book(document.document)
    foreign = {key: [r for r in book[b.t(key)][1:]
                     if "综采一班" in r or any("张三" in str(c) for c in r)]
               for key in ("export-sheet-cards", "export-sheet-visits")}
    assert foreign == {"export-sheet-cards": [], "export-sheet-visits": []}, foreign


@pytest.mark.asyncio(loop_scope="module")
async def test_control_the_same_updates_from_the_right_people_do_write(branch: Branch) -> None:
    """The snapshot sees the bot's writes: an officer starting /exam and approving the
    applicant, and the chair approving the pending disclosure, each change the tables
    the matrix found unchanged. (Runs last: it changes the branch.)"""
    b = branch
    path = db_path(b.bot)
    await barrier(b.officer)
    before = snapshot(path)
    await b.officer.command("/exam")
    assert "科目" in text(await b.officer.next_message())
    assert set(changes(before, snapshot(path))) == {"flows"}
    await b.officer.command("/cancel")
    await b.officer.next_message()
    before = snapshot(path)
    answered = await b.officer.press(await barrier(b.officer),
                                     data="m:ok:{applicant}".format(**b.ids))
    assert not answered.show_alert, text(answered)
    assert set(changes(before, snapshot(path))) == {"members", "audit_log"}
    before = snapshot(path)
    answered = await b.chair.press(await barrier(b.chair),
                                   data="da:{pending_d}:ok".format(**b.ids))
    assert not answered.show_alert, text(answered)
    assert {"disclosures", "audit_log"} <= set(changes(before, snapshot(path)))


# ---- a revoked role on the very next update -------------------------------------------

@dataclass
class Scene:
    bot: BotUnderTest
    stub: BotApiStub
    admin: UserHandle
    officer: UserHandle
    chair: UserHandle
    card_message: Message
    approval: Message
    hazard_message: Message
    exam_message: Message
    help_notice: Message
    disclosure_ask: Message


async def scene(bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> Scene:
    chair = await make_chair(bot, stub, admin, 2009, "陈主席")
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    peer = await make_officer(bot, stub, admin, 2002, "周委员")
    author = await make_worker(bot, stub, 3001, "张三")
    await write_card(author, "食堂的饭菜价格涨了，希望公开成本。")
    card_message = await next_with(officer, "食堂的饭菜价格")
    await report_hazard(author, "主运输巷皮带机托辊异响。", photos=0)
    hazard_message = await next_with(officer, "皮带机托辊")
    await settle(bot, stub, chair, peer, author)
    exam_message = await create_exam(officer)
    await log_visit(officer, "张三", follow="困难帮扶", follow_answer="孩子上学缺学费。")
    help_notice = await next_with(chair, "困难帮扶")
    await settle(bot, stub, chair, peer, author)
    await team_group(stub, peer, -1001000000201, "综采一班群", "A1")
    ask = await draft(peer, chair)
    assert ask is not None
    applicant = stub.user(3004, "孙八")
    await register(applicant, "孙八")
    approval = await next_with(officer, "孙八")
    await settle(bot, stub, admin, officer, chair, peer, author, applicant)
    hold_sweeper(bot)
    return Scene(bot, stub, admin, officer, chair, card_message, approval, hazard_message,
                 exam_message, help_notice, ask)


# What the revoked person does right after the change, and the refusal they must get.
OFFICER_NEXT = [
    ("press", "card_message", "c:dep:{card}:office", "not-allowed"),
    ("press", "approval", "m:ok:{applicant}", "not-allowed"),
    ("press", "hazard_message", "h:ok:{hazard}", "not-allowed"),
    ("press", "exam_message", "e:{exam}:one", "not-allowed"),
    ("command", None, "/cards", "not-allowed"),
    ("command", None, "/exam", "exam-officers-only"),
    ("command", None, "/members A1", "not-allowed"),
    ("command", None, "/visit", "visit-officers-only"),
]
ROLE_NOTICES = ("您已被设为", "您已不再担任")
CHAIR_NEXT = [
    ("press", "disclosure_ask", "da:{pending_d}:ok", "disclose-chairs-only"),
    ("press", "help_notice", "v:{visit}:help", "not-allowed"),
    ("command", None, "/promote #{officer} 群监员", "not-allowed"),
    ("command", None, "/deactivate #{officer}", "not-allowed"),
]


async def test_a_revoked_role_is_refused_on_the_very_next_update(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    sc = await scene(bot, stub, admin)
    s, path = bot.services, db_path(bot)

    async def newest(table: str) -> int:
        async with s.db.read() as tx:
            row = await tx.fetchone(f"SELECT max(id) AS id FROM {table}")
        assert row is not None
        return int(row["id"])

    ids = {"card": await newest("cards"), "hazard": await newest("hazards"),
           "exam": await newest("exams"), "visit": await newest("visits"),
           "pending_d": await newest("disclosures"),
           "applicant": await member_id(bot, 3004), "officer": await member_id(bot, 2001)}
    t = s.texts

    async def revoke_then(who: UserHandle, take_away: str, restore: tuple[str, ...],
                          kind: str, anchor: str | None, what: str, refusal: str) -> None:
        # Give the role (back) and let its notices settle.
        for command in restore:
            await sc.admin.send(command)
            await sc.admin.next_message()
        held = await s.members.actor(who.id)
        assert held.active and held.role_level in ("officer", "chair"), held
        before = snapshot(path)
        # The change, and at once (the very next update) the action.
        await sc.admin.send(take_away)
        data = what.format(**ids)
        case = f"{take_away} then {data}"
        if kind == "press":
            message: Message = getattr(sc, anchor or "")
            edits = message.edits
            answered = await who.press(message, data=data)
            assert text(answered) == t.get(LANG, refusal), (case, text(answered))
            assert answered.show_alert and message.edits == edits, case
        else:
            await who.send(data)
            reply = await who.next_message()
            while text(reply).startswith(ROLE_NOTICES):  # the paced notices of the change
                reply = await who.next_message()
            assert text(reply) == t.get(LANG, refusal), case
        done = text(await sc.admin.next_message())
        assert done.startswith(("✅ 已取消", "✅ 已停用")), (case, done)
        # Only the change itself was written: the role (or status) and its audit line.
        diff = changes(before, snapshot(path))
        assert set(diff) <= {"member_roles", "members", "audit_log"}, (case, diff)
        assert not diff.get("audit_log", {}).get("gone"), (case, diff)
        assert {row[3] for row in diff.get("audit_log", {}).get("new", [])} <= \
            {"member_role", "member"}, (case, diff)

    officer_id, chair_id = ids["officer"], await member_id(bot, 2009)
    promote_officer = f"/promote #{officer_id} 工会委员"
    for kind, anchor, what, refusal in OFFICER_NEXT:
        await revoke_then(sc.officer, f"/demote #{officer_id} 工会委员", (promote_officer,),
                          kind, anchor, what, refusal)
    # Deactivating an officer takes every role away at once.
    for kind, anchor, what, refusal in OFFICER_NEXT[:3]:
        await revoke_then(sc.officer, f"/deactivate #{officer_id}",
                          (f"/reactivate #{officer_id}", promote_officer),
                          kind, anchor, what, refusal)
    for kind, anchor, what, refusal in CHAIR_NEXT:
        await revoke_then(sc.chair, f"/demote #{chair_id} 工会主席",
                          (f"/promote #{chair_id} 工会主席",), kind, anchor, what, refusal)

    # Nothing the revoked people pressed took effect.
    card = await s.cards.get(ids["card"])
    assert card is not None and card.status == "new"
    applicant = await s.members.get(ids["applicant"])
    assert applicant is not None and applicant.status == "pending"
    visit = await s.visits.get(ids["visit"])
    assert visit is not None and visit.help_open
    d = await s.disclosures.get(ids["pending_d"])
    assert d is not None and d.status == "pending"
