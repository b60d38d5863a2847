"""Races (issue 9): 50 simultaneous presses of the same approval — by 50 different
officers or chairs, or by one person 50 times — and exactly one takes effect; the others
are told who handled it, and the database holds one change, one audit line and one
notice. Each race is run twice: through the Bot API stand-in (as users press), and one
layer down, with the actions called concurrently on the item as read before any of them
ran (PTB hands the bot one update at a time, so the first run alone could not catch a
check-then-write gap)."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot import card_actions, visit_actions
from bot import disclosure_actions as disclosures
from bot.cards import CardStatus
from bot.roles import MemberStatus, Role
from bot.stub import BotApiStub, CallbackAnswer, GroupHandle, Message, UserHandle
from tests.e2e.cards_helpers import make_officer, make_worker, write_card
from tests.e2e.disclosure_helpers import draft, make_chair, team_group
from tests.e2e.hardening_helpers import (
    changes,
    db_path,
    next_with,
    query,
    settle,
    snapshot,
    team_id,
    text,
)
from tests.e2e.test_registration import register
from tests.e2e.visit_helpers import log_visit
from tests.harness import BotUnderTest, hold_sweeper

N = 50
LANG = "zh-CN"
PRESS_TIMEOUT = 60.0  # the 50th answer waits for the 49 updates before it


def t(bot: BotUnderTest, key: str, **args: object) -> str:
    return bot.services.texts.get(LANG, key, **args)


async def crowd(bot: BotUnderTest, stub: BotApiStub, first_id: int, title: str, role: Role,
                team_code: str = "A1") -> list[UserHandle]:
    """N members of a team with `role`, each having started a private chat."""
    s, now = bot.services, bot.clock.now()
    team = await team_id(bot, team_code)
    handles = []
    for n in range(N):
        name = f"{title}{n + 1:02d}"
        member = await s.members.register(first_id + n, name, None, team, None, True, now)
        await s.members.grant(member.id, role, None, now)
        handles.append(stub.user(first_id + n, name))
    await asyncio.gather(*(h.command("/start") for h in handles))
    await asyncio.gather(*(h.next_message() for h in handles))
    return handles


def data_of(message: Message, label: str) -> str:
    """The callback data behind a button (read once: the winner's press may edit it)."""
    found = [d for row in message.buttons for b, d in row if label in b and d]
    assert len(found) == 1, (label, message.buttons)
    return found[0]


async def press_all(pressers: list[UserHandle], messages: list[Message],
                    label: str) -> list[CallbackAnswer]:
    """Everyone presses `label` on their own copy at the same moment."""
    pairs = [(p, m, data_of(m, label)) for p, m in zip(pressers, messages, strict=True)]
    return list(await asyncio.gather(*(p.press(m, data=d, timeout=PRESS_TIMEOUT)
                                       for p, m, d in pairs)))


def one_winner(answers: list[CallbackAnswer], won: str | None = None) -> int:
    """The index of the only press that took effect: answered without an alert (and with
    the text `won`, when the winner is told something)."""
    winners = [i for i, a in enumerate(answers)
               if not a.show_alert and (text(a) == won if won is not None else not text(a))]
    assert len(winners) == 1, Counter(text(a) for a in answers)
    return winners[0]


def count_in(user: UserHandle | GroupHandle, needle: str) -> int:
    return sum(needle in text(m) for m in user.stub.bot_messages(user.id))


def audit_lines(bot: BotUnderTest, item_type: str, item_id: int, to_state: str) -> int:
    return int(query(db_path(bot), "SELECT count(*) FROM audit_log WHERE item_type = ?"
                     " AND item_id = ? AND to_state = ?", item_type, str(item_id),
                     to_state)[0][0])


# ---- m:ok:<id> — approving a pending member ---------------------------------------------

async def test_fifty_officers_approve_one_applicant_exactly_once(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    s, path = bot.services, db_path(bot)
    officers = await crowd(bot, stub, 5000, "委员", Role.OFFICER)
    applicant = stub.user(3001, "张师傅")
    await register(applicant, "张三")
    assert "审核" in text(await applicant.next_message())
    requests = [await next_with(o, "新成员申请") for o in officers]
    await settle(bot, stub, applicant)
    hold_sweeper(bot)
    member = await s.members.by_tg(3001)
    assert member is not None and member.status is MemberStatus.PENDING
    before = snapshot(path)

    answers = await press_all(officers, requests, "✅ 通过")

    won = one_winner(answers)
    winner = await s.members.by_tg(officers[won].id)
    assert winner is not None
    after = await s.members.get(member.id)
    assert after is not None and after.status is MemberStatus.ACTIVE
    assert after.decided_by == winner.id
    told = t(bot, "already-handled", outcome=t(bot, "status-active"), by=winner.name)
    assert all(a.show_alert and text(a) == told
               for i, a in enumerate(answers) if i != won), Counter(map(text, answers))
    assert [r.edits for r in requests].count(0) == N - 1 and requests[won].edits == 1
    assert winner.name in text(requests[won]) and "已通过" in text(requests[won])
    diff = changes(before, snapshot(path))
    assert set(diff) == {"members", "audit_log"}, diff
    assert len(diff["audit_log"]["new"]) == 1
    assert audit_lines(bot, "member", member.id, "active") == 1
    await settle(bot, stub)
    assert count_in(applicant, "登记已通过") == 1

    # One layer down: 50 decisions (approve and reject mixed) on another applicant.
    other = await s.members.register(3002, "李四", None, await team_id(bot, "A1"), None, False,
                                     bot.clock.now())
    deciders = [await s.members.by_tg(o.id) for o in officers]
    results = await asyncio.gather(*(
        s.members.decide(other.id, "approve" if n % 2 else "reject",
                         deciders[n].id if deciders[n] else None, bot.clock.now())
        for n in range(N)))
    assert sum(changed for changed, _ in results) == 1
    final = await s.members.get(other.id)
    assert final is not None and final.status in (MemberStatus.ACTIVE, MemberStatus.REJECTED)
    assert {m.status for _, m in results if m is not None} == {final.status}
    assert audit_lines(bot, "member", other.id, final.status) == 1


# ---- c:dep:<card>:<department> — 受理 -----------------------------------------------------

async def test_fifty_officers_accept_one_card_exactly_once(
        bot: BotUnderTest, stub: BotApiStub) -> None:
    s, path = bot.services, db_path(bot)
    officers = await crowd(bot, stub, 5000, "委员", Role.OFFICER)
    author = await make_worker(bot, stub, 3001, "张三")
    await write_card(author, "二号井口的照明灯坏了三盏，夜班进出很危险。")
    copies = [await next_with(o, "新信息卡") for o in officers]
    await press_all(officers, copies, "受理")  # each copy now shows the departments
    assert all("区队办公室" in c.button_texts() for c in copies)
    await settle(bot, stub, author)
    hold_sweeper(bot)
    card_id = int(query(path, "SELECT max(id) FROM cards")[0][0])
    before = snapshot(path)

    answers = await press_all(officers, copies, "区队办公室")

    won = one_winner(answers)
    winner = await s.members.by_tg(officers[won].id)
    assert winner is not None
    card = await s.cards.get(card_id)
    assert card is not None and card.status is CardStatus.ACCEPTED
    assert card.accepted_by == winner.id and card.department == "office"
    refused = [a for i, a in enumerate(answers) if i != won]
    assert all(a.show_alert and text(a).startswith("这张卡已经处理过了")
               and f"（{winner.name}）" in text(a) for a in refused), Counter(map(text, refused))
    assert "已受理" in text(copies[won]) and winner.name in text(copies[won])
    diff = changes(before, snapshot(path))
    assert set(diff) == {"cards", "audit_log"}, diff
    assert len(diff["audit_log"]["new"]) == 1
    assert audit_lines(bot, "card", card_id, "accepted") == 1
    await settle(bot, stub)
    assert count_in(author, "已转 区队办公室") == 1
    author.catch_up()

    # One layer down: 50 accepts of a second card, all holding it as it was before.
    await write_card(author, "澡堂的热水时有时无，希望检修锅炉。")
    second = int(query(path, "SELECT max(id) FROM cards")[0][0])
    actors = [await s.members.actor(o.id) for o in officers]
    done = await asyncio.gather(*(card_actions.accept(s, a, second, "office") for a in actors))
    assert sum(d.ok for d in done) == 1, Counter(d.key for d in done)
    first = next(n for n, d in enumerate(done) if d.ok)
    assert {(d.key, d.by) for d in done if not d.ok} == \
        {("card-already-handled", actors[first].name)}
    card = await s.cards.get(second)
    assert card is not None and card.accepted_by == actors[first].member_id
    assert audit_lines(bot, "card", second, "accepted") == 1
    await settle(bot, stub)
    assert count_in(author, "已转 区队办公室") == 2


# ---- da:<id>:ok — 批准发布 ------------------------------------------------------------------

async def drafting_branch(bot: BotUnderTest, stub: BotApiStub,
                          admin: UserHandle) -> tuple[UserHandle, GroupHandle]:
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    group = await team_group(stub, officer, -1001000000101, "综采一班群", "A1")
    return officer, group


async def test_fifty_chairs_approve_one_disclosure_exactly_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s, path = bot.services, db_path(bot)
    officer, group = await drafting_branch(bot, stub, admin)
    chairs = await crowd(bot, stub, 6000, "主席", Role.CHAIR, team_code="C3")
    await draft(officer, None)
    asks = [await next_with(c, "待审批") for c in chairs]
    await settle(bot, stub, officer, group)
    hold_sweeper(bot)
    number = int(query(path, "SELECT max(id) FROM disclosures")[0][0])
    before = snapshot(path)

    answers = await press_all(chairs, asks, "批准发布")

    won = one_winner(answers)
    winner = await s.members.by_tg(chairs[won].id)
    assert winner is not None
    d = await s.disclosures.get(number)
    assert d is not None and d.status == "approved" and d.decided_by == winner.id
    told = t(bot, "disclose-already-approved", by=winner.name)
    assert all(a.show_alert and text(a) == told
               for i, a in enumerate(answers) if i != won), Counter(map(text, answers))
    assert [a.edits for a in asks].count(0) == N - 1
    diff = changes(before, snapshot(path))
    assert set(diff) == {"disclosures", "disclosure_posts", "audit_log"}, diff
    assert len(diff["disclosure_posts"]["new"]) == 1
    assert audit_lines(bot, "disclosure", number, "approved") == 1
    await settle(bot, stub)
    assert count_in(group, "厂务公开 ·") == 1  # posted once
    assert len(await s.disclosures.posts(number)) == 1
    officer.catch_up()

    # One layer down: a second draft, approved by 50 chairs at once.
    await draft(officer, None, title="2026年11月福利发放计划", body="每人发放米面油一套。")
    await settle(bot, stub, officer, group, *chairs)
    second = int(query(path, "SELECT max(id) FROM disclosures")[0][0])
    actors = [await s.members.actor(c.id) for c in chairs]
    done = await asyncio.gather(*(disclosures.approve(s, a, second) for a in actors))
    assert sum(x.ok for x in done) == 1, Counter(x.key for x in done)
    first = next(n for n, x in enumerate(done) if x.ok)
    assert {(x.key, x.by) for x in done if not x.ok} == \
        {("disclose-already-approved", actors[first].name)}
    assert len(await s.disclosures.posts(second)) == 1
    assert audit_lines(bot, "disclosure", second, "approved") == 1
    await settle(bot, stub)
    assert count_in(group, "福利发放计划") == 1


# ---- v:<id>:help — a chair takes a hardship case on -------------------------------------

async def test_fifty_chairs_take_one_hardship_case_exactly_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s, path = bot.services, db_path(bot)
    officer = await make_officer(bot, stub, admin, 2001, "李委员")
    await make_worker(bot, stub, 3001, "张三")
    await make_worker(bot, stub, 3002, "赵六")
    chairs = await crowd(bot, stub, 6000, "主席", Role.CHAIR, team_code="C3")
    await log_visit(officer, "张三", follow="困难帮扶", follow_answer="母亲住院，医药费有缺口。")
    notices = [await next_with(c, "困难帮扶") for c in chairs]
    await settle(bot, stub, officer)
    hold_sweeper(bot)
    visit_id = int(query(path, "SELECT max(id) FROM visits")[0][0])
    before = snapshot(path)

    answers = await press_all(chairs, notices, "我来跟进")

    won = one_winner(answers, t(bot, "visit-help-took", person="张三"))
    winner = await s.members.by_tg(chairs[won].id)
    assert winner is not None
    visit = await s.visits.get(visit_id)
    assert visit is not None and visit.help_taken_by == winner.id and not visit.help_open
    told = t(bot, "visit-help-already", name=winner.name)
    assert all(a.show_alert and text(a) == told
               for i, a in enumerate(answers) if i != won), Counter(map(text, answers))
    diff = changes(before, snapshot(path))
    assert set(diff) == {"visits", "audit_log"}, diff
    assert audit_lines(bot, "visit", visit_id, "taken") == 1
    await settle(bot, stub)
    assert count_in(officer, "已接手帮扶") == 1
    officer.catch_up()

    # One layer down.
    await log_visit(officer, "赵六", follow="困难帮扶", follow_answer="孩子上学缺学费。")
    await settle(bot, stub, officer, *chairs)
    stale = await s.visits.get(int(query(path, "SELECT max(id) FROM visits")[0][0]))
    assert stale is not None and stale.help_open
    actors = [await s.members.actor(c.id) for c in chairs]
    taken = await asyncio.gather(*(visit_actions.take_help(s, a, stale) for a in actors))
    assert sum(x.ok for x in taken) == 1, Counter(x.key for x in taken)
    holder = actors[next(n for n, x in enumerate(taken) if x.ok)].name
    assert {(x.key, x.by) for x in taken if not x.ok} == {("visit-help-already", holder)}
    assert audit_lines(bot, "visit", stale.id, "taken") == 1
    await settle(bot, stub)
    assert count_in(officer, "已接手帮扶") == 2


# ---- dr:<id> — 已阅, by the same member 50 times ------------------------------------------

async def test_one_member_pressing_read_fifty_times_is_counted_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    s, path = bot.services, db_path(bot)
    officer, group = await drafting_branch(bot, stub, admin)
    chair = await make_chair(bot, stub, admin, 2009, "陈主席", team_code="C3")
    worker = await make_worker(bot, stub, 3001, "张三")
    peer = await make_worker(bot, stub, 3002, "赵六")
    group.add_member(worker)
    group.add_member(peer)
    ask = await draft(officer, chair)
    assert ask is not None
    await chair.press(ask, "批准发布")
    post = await next_with(group, "厂务公开 ·")  # type: ignore[arg-type]
    await settle(bot, stub, officer, chair)
    hold_sweeper(bot)
    number = int(query(path, "SELECT max(id) FROM disclosures")[0][0])
    before = snapshot(path)

    answers = await asyncio.gather(*(worker.press_in(group, post, "已阅", timeout=PRESS_TIMEOUT)
                                     for _ in range(N)))

    first = t(bot, "disclose-read-done", count=1)
    again = t(bot, "disclose-read-again", count=1)
    assert Counter(text(a) for a in answers) == {first: 1, again: N - 1}
    assert not any(a.show_alert for a in answers)
    diff = changes(before, snapshot(path))
    assert set(diff) <= {"disclosure_reads", "disclosure_posts"}, diff
    assert len(diff["disclosure_reads"]["new"]) == 1
    assert await s.disclosures.read_counts(number) == {group.id: 1}
    await settle(bot, stub)
    assert post.button_texts()[0] == "👁 已阅 (1)"

    # One layer down: another member's 50 reads at once.
    actor = await s.members.actor(peer.id)
    done = await asyncio.gather(*(disclosures.read(s, actor, number, group.id, post.message_id)
                                  for _ in range(N)))
    assert Counter(x.key for x in done) == {"disclose-read-done": 1,
                                            "disclose-read-again": N - 1}
    assert await s.disclosures.read_counts(number) == {group.id: 2}


# ---- one person pressing the same approval 50 times -------------------------------------

async def test_one_person_pressing_an_approval_fifty_times_acts_once(
        bot: BotUnderTest, stub: BotApiStub, admin: UserHandle) -> None:
    """The same officer 50 × 通过 and 50 × 受理→区队办公室, the same chair 50 × 批准发布
    and 50 × 我来跟进: one change each; every other press says it was already done, by
    whom (the presser themself)."""
    path = db_path(bot)
    officer, group = await drafting_branch(bot, stub, admin)
    chair = await make_chair(bot, stub, admin, 2009, "陈主席", team_code="C3")
    author = await make_worker(bot, stub, 3001, "张三")
    applicant = stub.user(3002, "孙师傅")
    await register(applicant, "孙八")
    request = await next_with(officer, "新成员申请")
    await write_card(author, "更衣柜不够用，新来的职工没有柜子。")
    copy = await next_with(officer, "新信息卡")
    await officer.press(copy, "受理")
    await settle(bot, stub, officer, chair, author)
    await log_visit(officer, "张三", follow="困难帮扶", follow_answer="家里房子漏雨。")
    notice = await next_with(chair, "困难帮扶")
    await settle(bot, stub, officer, chair)
    ask = await draft(officer, chair)
    assert ask is not None
    await settle(bot, stub, officer, chair, author, applicant)
    hold_sweeper(bot)
    before = snapshot(path)

    cases = [(officer, request, "✅ 通过"), (officer, copy, "区队办公室"),
             (chair, ask, "批准发布"), (chair, notice, "我来跟进")]
    for presser, message, label in cases:
        data = data_of(message, label)
        answers = await asyncio.gather(*(presser.press(message, data=data,
                                                       timeout=PRESS_TIMEOUT)
                                         for _ in range(N)))
        took = [a for a in answers if not a.show_alert]
        assert len(took) == 1, (data, Counter(map(text, answers)))
        # The others are told it was done already, by whom: the presser themself.
        assert all(f"{presser.name}" in text(a) for a in answers if a.show_alert), \
            (data, Counter(map(text, answers)))

    diff = changes(before, snapshot(path))
    assert {k: len(v["new"]) for k, v in diff.items() if k != "audit_log"} == \
        {"members": 1, "cards": 1, "disclosures": 1, "disclosure_posts": 1, "visits": 1}, diff
    assert len(diff["audit_log"]["new"]) == 4, diff["audit_log"]
    await settle(bot, stub)
    assert count_in(applicant, "登记已通过") == 1
    assert count_in(author, "已转 区队办公室") == 1
    assert count_in(group, "厂务公开 ·") == 1
