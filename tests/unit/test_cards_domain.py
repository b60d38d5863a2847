"""民主管理信息卡: states, the 30-day clock, input rules and the monthly figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.card_figures import CardFigures, count, month_bounds, month_of, tally
from bot.cards import (
    MAX_PHOTOS,
    MAX_REASON,
    MAX_REPLIER,
    MAX_TEXT,
    OPEN,
    UNREPLIED,
    Card,
    CardStatus,
    CardTransitionError,
    Identity,
    Outcome,
    Rating,
    clean_body,
    clean_reason,
    clean_replier,
    clean_reply,
    days_left,
    due_date,
    local_date,
    may_publish,
    next_draft_step,
    next_status,
    parse_card_ref,
    reminder_step,
    replied_on_time,
    waiting_for,
)
from bot.members import InvalidInput

SH = ZoneInfo("Asia/Shanghai")
S = CardStatus


def make_card(status: CardStatus = S.NEW, identity: Identity = Identity.NAMED, /,
              **kw: object) -> Card:
    base = Card(id=1, team_id=1, category="安全生产", body="通道照明不足", identity=identity,
                status=status, created_at=datetime(2026, 11, 5, 2, 0, tzinfo=UTC),
                due_on=date(2026, 12, 5))
    return replace(base, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- transitions

# Written out by hand from the issue, not derived from TRANSITIONS.
ALLOWED: dict[tuple[str, CardStatus], CardStatus] = {
    ("accept", S.NEW): S.ACCEPTED,
    ("return", S.NEW): S.RETURNED,
    ("duplicate", S.NEW): S.DUPLICATE,
    ("reply", S.ACCEPTED): S.REPLIED,
    ("outcome", S.REPLIED): S.CLOSED,
    ("reopen", S.REPLIED): S.ACCEPTED,
    ("reopen", S.CLOSED): S.ACCEPTED,
}
ACTIONS = ("accept", "return", "duplicate", "reply", "outcome", "reopen")
ALL_CASES = [(action, status) for action in ACTIONS for status in CardStatus]


@pytest.mark.parametrize(("action", "current"), list(ALLOWED))
def test_allowed_transition(action: str, current: CardStatus) -> None:
    assert next_status(current, action) is ALLOWED[(action, current)]


@pytest.mark.parametrize(("action", "current"),
                         [case for case in ALL_CASES if case not in ALLOWED])
def test_refused_transition(action: str, current: CardStatus) -> None:
    with pytest.raises(CardTransitionError) as caught:
        next_status(current, action)
    assert caught.value.current is current
    assert caught.value.action == action


def test_terminal_states_allow_nothing_but_reopen_from_closed() -> None:
    for status in (S.RETURNED, S.DUPLICATE):
        assert [a for a in ACTIONS if (a, status) in ALLOWED] == []
    assert [a for a in ACTIONS if (a, S.CLOSED) in ALLOWED] == ["reopen"]
    assert {S.NEW, S.ACCEPTED, S.REPLIED} == OPEN
    assert {S.NEW, S.ACCEPTED} == UNREPLIED


def test_open_property() -> None:
    for status in CardStatus:
        assert make_card(status).open is (status in (S.NEW, S.ACCEPTED, S.REPLIED))


# ---------------------------------------------------------------- the clock

def test_due_date_uses_the_local_day() -> None:
    # 17:00 UTC on the 16th is 01:00 on the 17th in Shanghai.
    late = datetime(2026, 11, 16, 17, 0, tzinfo=UTC)
    assert local_date(late, SH) == date(2026, 11, 17)
    assert due_date(late, SH, 30) == date(2026, 12, 17)
    just_before = datetime(2026, 11, 16, 15, 59, 59, tzinfo=UTC)
    assert due_date(just_before, SH, 30) == date(2026, 12, 16)
    assert due_date(datetime(2026, 11, 16, 16, 0, tzinfo=UTC), SH, 30) == date(2026, 12, 17)


def test_due_date_across_month_and_year_ends() -> None:
    assert due_date(datetime(2026, 1, 31, 10, 0, tzinfo=SH), SH, 30) == date(2026, 3, 2)
    assert due_date(datetime(2028, 1, 31, 10, 0, tzinfo=SH), SH, 30) == date(2028, 3, 1)
    assert due_date(datetime(2026, 12, 15, 10, 0, tzinfo=SH), SH, 30) == date(2027, 1, 14)
    # Last UTC hours of 31 December are already 1 January locally.
    assert due_date(datetime(2026, 12, 31, 20, 0, tzinfo=UTC), SH, 7) == date(2027, 1, 8)
    assert due_date(datetime(2026, 11, 16, 2, 0, tzinfo=UTC), SH, 0) == date(2026, 11, 16)


def test_replied_on_time_boundary() -> None:
    due = date(2026, 12, 17)
    last_local_second = datetime(2026, 12, 17, 15, 59, 59, 999999, tzinfo=UTC)
    assert replied_on_time(due, last_local_second, SH)
    assert not replied_on_time(due, datetime(2026, 12, 17, 16, 0, tzinfo=UTC), SH)
    assert replied_on_time(due, datetime(2026, 12, 17, 0, 0, tzinfo=SH), SH)
    assert replied_on_time(due, datetime(2026, 11, 20, 9, 0, tzinfo=SH), SH)
    assert not replied_on_time(due, datetime(2026, 12, 18, 0, 0, tzinfo=SH), SH)


def test_days_left() -> None:
    due = date(2026, 12, 17)
    assert days_left(due, date(2026, 12, 10)) == 7
    assert days_left(due, due) == 0
    assert days_left(due, date(2026, 12, 19)) == -2
    assert days_left(date(2027, 1, 2), date(2026, 12, 30)) == 3


def expected_step(left: int) -> int | None:
    if left < 0 or left > 7:
        return None
    if left >= 4:
        return 7
    if left >= 2:
        return 3
    return left  # 1 the day before, 0 on the due day


@pytest.mark.parametrize("days_before", [[7, 3, 1], [1, 7, 3], [3, 7, 3, 1, 7, 1], [7, 1, 3]])
@pytest.mark.parametrize("left", range(-1, 32))
def test_reminder_step(days_before: list[int], left: int) -> None:
    due = date(2026, 12, 2)  # a week before is in November: crosses a month end
    today = due - timedelta(days=left)
    assert reminder_step(due, today, days_before) == expected_step(left)


def test_reminder_step_overdue_and_empty_config() -> None:
    due = date(2026, 12, 2)
    for late in range(1, 40):
        assert reminder_step(due, due + timedelta(days=late), [7, 3, 1]) is None
    assert reminder_step(due, due, []) == 0
    assert reminder_step(due, due - timedelta(days=1), []) is None
    assert reminder_step(due, due - timedelta(days=10), [14]) == 14


def test_reminders_on_days_23_27_29_30_after_raising() -> None:
    raised = datetime(2026, 11, 16, 17, 0, tzinfo=UTC)  # local 17 November
    due = due_date(raised, SH, 30)
    start = local_date(raised, SH)
    steps = {day: reminder_step(due, start + timedelta(days=day), [7, 3, 1])
             for day in range(0, 33)}
    changes = {day: step for day, step in steps.items()
               if step is not None and step != steps.get(day - 1)}
    assert changes == {23: 7, 27: 3, 29: 1, 30: 0}
    assert steps[31] is None and steps[32] is None


# ---------------------------------------------------------------- input rules

@pytest.mark.parametrize("text", [None, "", "   ", "\n\t \u3000"])
def test_clean_body_empty(text: str | None) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_body(text)
    assert caught.value.key == "card-text-empty"


INVISIBLE = "\u200b\u200d\ufeff"  # zero-width space, joiner, BOM: nothing to read


@pytest.mark.parametrize(("clean", "key"), [(clean_body, "card-text-empty"),
                                            (clean_reply, "card-reply-empty"),
                                            (clean_reason, "reason-empty")])
def test_invisible_only_text_counts_as_empty(clean: Callable[[str], str], key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean(" " + INVISIBLE + " ")
    assert caught.value.key == key


def test_clean_body_length() -> None:
    exact = "字" * MAX_TEXT
    assert MAX_TEXT == 2000
    assert clean_body(exact) == exact
    assert clean_body("  \n" + exact + "\n  ") == exact  # surrounding space does not count
    assert clean_body("  第一行\n第二行  ") == "第一行\n第二行"
    with pytest.raises(InvalidInput) as caught:
        clean_body(exact + "x")
    assert caught.value.key == "card-text-too-long"
    assert caught.value.args_for_text == {"length": 2001, "limit": 2000}
    with pytest.raises(InvalidInput) as caught:
        clean_body("x" * 5000)
    assert caught.value.args_for_text == {"length": 5000, "limit": 2000}


def test_clean_reply() -> None:
    assert clean_reply("  已安排维修 \n") == "已安排维修"
    with pytest.raises(InvalidInput) as caught:
        clean_reply(" ")
    assert caught.value.key == "card-reply-empty"
    assert clean_reply("y" * MAX_TEXT) == "y" * MAX_TEXT
    with pytest.raises(InvalidInput) as caught:
        clean_reply("y" * (MAX_TEXT + 1))
    assert caught.value.key == "card-text-too-long"
    assert caught.value.args_for_text == {"length": MAX_TEXT + 1, "limit": MAX_TEXT}


def test_clean_reason() -> None:
    assert clean_reason("  不属于 \n\n 本部门  ") == "不属于 本部门"
    assert clean_reason("r" * MAX_REASON) == "r" * MAX_REASON
    for empty in (None, "", " \n "):
        with pytest.raises(InvalidInput) as caught:
            clean_reason(empty)
        assert caught.value.key == "reason-empty"
    with pytest.raises(InvalidInput) as caught:
        clean_reason("r" * (MAX_REASON + 1))
    assert caught.value.key == "reason-too-long"
    assert caught.value.args_for_text == {"length": MAX_REASON + 1, "limit": MAX_REASON}
    # Collapsed spaces count once.
    assert clean_reason("a" + " " * 10 + "b", limit=3) == "a b"
    with pytest.raises(InvalidInput):
        clean_reason("abcd", limit=3)


def test_clean_replier() -> None:
    assert clean_replier(" 设备科  王科长 ") == "设备科 王科长"
    assert clean_replier("n" * MAX_REPLIER) == "n" * MAX_REPLIER
    with pytest.raises(InvalidInput) as caught:
        clean_replier("n" * (MAX_REPLIER + 1))
    assert caught.value.key == "card-replier-too-long"
    assert caught.value.args_for_text == {"limit": MAX_REPLIER}
    with pytest.raises(InvalidInput) as caught:
        clean_replier(" \u200b ")
    assert caught.value.key == "card-replier-empty"


def test_limits() -> None:
    assert (MAX_TEXT, MAX_PHOTOS) == (2000, 5)


@pytest.mark.parametrize(("text", "number"), [
    ("#12", 12), ("12", 12), ("No.12", 12), ("no.12", 12), ("NO 12", 12), ("No12", 12),
    ("第12号", 12), ("第 12 号", 12), ("12号", 12), (" 7 ", 7), ("№3", 3), ("# 5", 5),
    ("007", 7), ("123456789", 123456789), ("１２", 12), ("第１２号", 12),
])
def test_parse_card_ref(text: str, number: int) -> None:
    assert parse_card_ref(text) == number


@pytest.mark.parametrize("text", [
    "0", "#0", "第0号", "abc", "", "   ", None, "12a", "-3", "1.5", "#", "1234567890", "12 13",
    "##12",
])
def test_parse_card_ref_refuses(text: str | None) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_card_ref(text)
    assert caught.value.key == "card-ref-bad"


# ---------------------------------------------------------------- the draft

def test_next_draft_step_named() -> None:
    steps = ["category"]
    while steps[-1] != "preview":
        steps.append(next_draft_step(steps[-1], Identity.NAMED))
    assert steps == ["category", "text", "photos", "identity", "publish", "preview"]
    assert next_draft_step("identity", "named") == "publish"  # the stored plain string


@pytest.mark.parametrize("identity", [Identity.ANONYMOUS, Identity.SECRET, "anonymous",
                                      "secret"])
def test_next_draft_step_anonymous_skips_publish(identity: str) -> None:
    steps = ["category"]
    while steps[-1] != "preview":
        steps.append(next_draft_step(steps[-1], identity))
    assert steps == ["category", "text", "photos", "identity", "preview"]


def test_next_draft_step_before_identity_is_known() -> None:
    assert next_draft_step("category", None) == "text"
    assert next_draft_step("text", None) == "photos"
    assert next_draft_step("photos", None) == "identity"


def test_next_draft_step_editing_returns_to_preview() -> None:
    for step in ("category", "text", "photos"):
        for identity in (Identity.NAMED, Identity.ANONYMOUS, None):
            assert next_draft_step(step, identity, editing=True) == "preview"
    # Changing the identity to real name still asks about publishing, then the preview.
    assert next_draft_step("identity", Identity.NAMED, editing=True) == "publish"
    assert next_draft_step("publish", Identity.NAMED, editing=True) == "preview"
    assert next_draft_step("identity", Identity.ANONYMOUS, editing=True) == "preview"
    assert next_draft_step("identity", Identity.SECRET, editing=True) == "preview"


# ---------------------------------------------------------------- publishing, waiting

@pytest.mark.parametrize("status", list(CardStatus))
@pytest.mark.parametrize(("identity", "publish_ok"), [
    (Identity.NAMED, False), (Identity.NAMED, True), (Identity.ANONYMOUS, False),
    (Identity.ANONYMOUS, True), (Identity.SECRET, False),
])
def test_may_publish(status: CardStatus, identity: Identity, publish_ok: bool) -> None:
    card = make_card(status, identity, publish_ok=publish_ok)
    answered = status in (S.REPLIED, S.CLOSED)
    consent = identity is not Identity.NAMED or publish_ok
    assert may_publish(card) is (answered and consent)


def test_waiting_for() -> None:
    keys = {status: waiting_for(make_card(status)) for status in CardStatus}
    assert keys == {
        S.NEW: "card-wait-accept",
        S.ACCEPTED: "card-wait-reply",
        S.REPLIED: "card-wait-outcome",
        S.CLOSED: "card-wait-nothing",
        S.RETURNED: "card-wait-nothing",
        S.DUPLICATE: "card-wait-nothing",
    }


# ---------------------------------------------------------------- monthly figures

def test_month_bounds_are_local_midnights() -> None:
    start, end = month_bounds("2026-11", SH)
    assert start == datetime(2026, 11, 1, tzinfo=SH)
    assert end == datetime(2026, 12, 1, tzinfo=SH)
    assert start.astimezone(UTC) == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(hours=8)


def test_month_bounds_december_and_january() -> None:
    start, end = month_bounds("2026-12", SH)
    assert (start, end) == (datetime(2026, 12, 1, tzinfo=SH), datetime(2027, 1, 1, tzinfo=SH))
    assert end.astimezone(UTC) == datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    start, end = month_bounds("2027-01", SH)
    assert (start, end) == (datetime(2027, 1, 1, tzinfo=SH), datetime(2027, 2, 1, tzinfo=SH))
    start, end = month_bounds("2028-02", SH)
    assert end - start == timedelta(days=29)


def test_month_of() -> None:
    assert month_of(datetime(2026, 11, 30, 15, 59, tzinfo=UTC), SH) == "2026-11"
    assert month_of(datetime(2026, 11, 30, 16, 0, tzinfo=UTC), SH) == "2026-12"
    assert month_of(datetime(2026, 12, 31, 16, 0, tzinfo=UTC), SH) == "2027-01"


DUE = date(2026, 12, 5)
ON_TIME = datetime(2026, 12, 5, 15, 59, tzinfo=UTC)  # 23:59 on the due day, locally
LATE = datetime(2026, 12, 5, 16, 0, tzinfo=UTC)  # 00:00 the day after, locally
TODAY = date(2026, 12, 20)


def figure_cards() -> list[tuple[Card, Rating | None]]:
    def card(n: int, team: int | None, status: CardStatus, **kw: object) -> Card:
        return make_card(status, id=n, team_id=team, **{"due_on": DUE, **kw})

    return [
        # Team 1
        (card(1, 1, S.NEW), None),  # overdue, never accepted
        (card(2, 1, S.ACCEPTED, accepted_by=5), None),  # overdue, accepted
        (card(3, 1, S.RETURNED, handled_by=5, return_reason="不属实"), None),
        (card(4, 1, S.DUPLICATE, handled_by=5, duplicate_of=1), None),
        (card(5, 1, S.CLOSED, accepted_by=5, first_replied_at=ON_TIME,
              outcome=Outcome.IMPLEMENTED), Rating.SATISFIED),
        (card(6, 1, S.CLOSED, accepted_by=5, first_replied_at=LATE, outcome=Outcome.PARTIAL),
         Rating.BASIC),
        (card(7, 1, S.REPLIED, accepted_by=5, first_replied_at=ON_TIME), None),
        # Reopened after 不满意: accepted again with a fresh clock, so not overdue.
        (card(8, 1, S.ACCEPTED, accepted_by=5, first_replied_at=ON_TIME, reopened=1,
              due_on=date(2027, 1, 10)), Rating.UNSATISFIED),
        # Team 2
        (card(11, 2, S.CLOSED, accepted_by=6, first_replied_at=ON_TIME,
              outcome=Outcome.DECLINED, outcome_reason="无预算"), Rating.UNSATISFIED),
        (card(12, 2, S.NEW, due_on=TODAY), None),  # due today: not yet overdue
        (card(13, 2, S.CLOSED, accepted_by=6, first_replied_at=LATE,
              outcome=Outcome.IMPLEMENTED), Rating.SATISFIED),
    ]


def test_tally_per_team() -> None:
    figures = tally(figure_cards(), TODAY, SH)
    assert set(figures) == {1, 2}
    assert figures[1].as_dict() == {
        "raised": 8, "accepted": 5, "returned": 1, "duplicate": 1,
        "replied_on_time": 3, "replied_late": 1, "overdue_open": 2,
        "implemented": 1, "partial": 1, "declined": 0,
        "satisfied": 1, "basic": 1, "unsatisfied": 1,
    }
    assert figures[2].as_dict() == {
        "raised": 3, "accepted": 2, "returned": 0, "duplicate": 0,
        "replied_on_time": 1, "replied_late": 1, "overdue_open": 0,
        "implemented": 1, "partial": 0, "declined": 1,
        "satisfied": 1, "basic": 0, "unsatisfied": 1,
    }


def test_tally_a_day_later_and_totals() -> None:
    figures = tally(figure_cards(), TODAY + timedelta(days=1), SH)
    assert figures[2].overdue_open == 1  # card 12 is now overdue
    assert figures[1].overdue_open == 2
    total = CardFigures()
    for team_figures in figures.values():
        total.add(team_figures)
    assert total.raised == 11 and total.implemented == 2 and total.overdue_open == 3
    assert total.satisfied + total.basic + total.unsatisfied == 5


def test_tally_without_team_and_empty() -> None:
    assert tally([], TODAY, SH) == {}
    lone = make_card(S.NEW, team_id=None, due_on=DUE)
    assert tally([(lone, None)], TODAY, SH)[None].as_dict()["raised"] == 1


def test_count_single_card() -> None:
    f = count(make_card(S.REPLIED, accepted_by=1, first_replied_at=LATE, due_on=DUE),
              Rating.BASIC, TODAY, SH)
    assert (f.raised, f.accepted, f.replied_late, f.replied_on_time, f.basic) == (1, 1, 1, 0, 1)
    assert f.overdue_open == 0  # replied, even if late
