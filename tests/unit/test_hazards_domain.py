"""隐患: states, input cleaning, found-at and deadline parsing, ordering, who may verify,
on-time rectification, the report steps and the monthly figures."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.hazard_figures import HazardFigures, count, found_per_reporter, tally
from bot.hazards import (
    MAX_DEADLINE_DAYS,
    MAX_DESCRIPTION,
    MAX_LOCATION,
    MAX_OWNER,
    OPEN,
    REPORT_STEPS,
    Hazard,
    HazardStatus,
    HazardTransitionError,
    Severity,
    check_deadline,
    check_found_at,
    clean_description,
    clean_location,
    clean_owner_name,
    fixed_on_time,
    may_verify,
    next_report_step,
    next_status,
    parse_deadline,
    parse_found_at,
    sort_key,
)
from bot.members import InvalidInput

SH = ZoneInfo("Asia/Shanghai")
S = HazardStatus
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=SH)  # 02:00 UTC
TODAY = date(2026, 11, 16)


def make_hazard(status: HazardStatus = S.REPORTED, /, **kw: object) -> Hazard:
    base = Hazard(id=1, team_id=1, reporter_member_id=10, location="3号煤仓上口",
                  category="通风", severity=Severity.ORDINARY, description="风筒破损",
                  found_at=NOW - timedelta(hours=2), created_at=NOW, status=status)
    return replace(base, **kw)  # type: ignore[arg-type]


def local(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


# ---------------------------------------------------------------- transitions

# Written out by hand from the issue, not derived from TRANSITIONS.
ALLOWED: dict[tuple[str, HazardStatus], HazardStatus] = {
    ("confirm", S.REPORTED): S.CONFIRMED,
    ("reject", S.REPORTED): S.REJECTED,
    ("duplicate", S.REPORTED): S.DUPLICATE,
    ("fix", S.CONFIRMED): S.FIXED,
    ("verify", S.FIXED): S.VERIFIED,
    ("redo", S.FIXED): S.CONFIRMED,
}
ACTIONS = ("confirm", "reject", "duplicate", "fix", "verify", "redo")
ALL_CASES = [(action, status) for action in ACTIONS for status in HazardStatus]


@pytest.mark.parametrize(("action", "current"), list(ALLOWED))
def test_allowed_transition(action: str, current: HazardStatus) -> None:
    assert next_status(current, action) is ALLOWED[(action, current)]


@pytest.mark.parametrize(("action", "current"),
                         [case for case in ALL_CASES if case not in ALLOWED])
def test_refused_transition(action: str, current: HazardStatus) -> None:
    with pytest.raises(HazardTransitionError) as caught:
        next_status(current, action)
    assert str(caught.value) == f"{action} not allowed from {current.value}"


def test_unknown_action_is_refused() -> None:
    with pytest.raises(KeyError):
        next_status(S.REPORTED, "close")


def test_terminal_states_allow_nothing() -> None:
    for status in (S.VERIFIED, S.REJECTED, S.DUPLICATE):
        assert [a for a in ACTIONS if (a, status) in ALLOWED] == []
    assert {S.REPORTED, S.CONFIRMED, S.FIXED} == OPEN


def test_open_property() -> None:
    for status in HazardStatus:
        assert make_hazard(status).open is (status in (S.REPORTED, S.CONFIRMED, S.FIXED))


# ---------------------------------------------------------------- input cleaning

def _refused(call: Callable[[str | None], str], text: str | None) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call(text)
    return caught.value


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t ", "\u200b", "\u200b\u200c\ufeff",
                                  " \u200b \u2060 "])
def test_clean_location_empty(text: str | None) -> None:
    assert _refused(clean_location, text).key == "hazard-location-empty"


def test_clean_location_length_limit() -> None:
    assert MAX_LOCATION == 40
    assert clean_location("巷" * 40) == "巷" * 40
    err = _refused(clean_location, "巷" * 41)
    assert err.key == "hazard-location-too-long"
    assert err.args_for_text == {"length": 41, "limit": 40}
    # Counted after the spaces are collapsed: 40 characters with padding are fine.
    assert clean_location("  " + "巷" * 20 + "   \n  " + "道" * 19 + "  ") == (
        "巷" * 20 + " " + "道" * 19)


def test_clean_location_collapses_whitespace() -> None:
    assert clean_location("  3号  煤仓\n\t上口 ") == "3号 煤仓 上口"
    assert clean_location("1201\u3000工作面") == "1201 工作面"  # ideographic space


def test_clean_description_limits() -> None:
    assert MAX_DESCRIPTION == 1000
    assert clean_description("  风筒破损\n漏风严重  ") == "风筒破损\n漏风严重"
    assert clean_description("字" * 1000) == "字" * 1000
    err = _refused(clean_description, "字" * 1001)
    assert err.key == "hazard-text-too-long"
    assert err.args_for_text == {"length": 1001, "limit": 1000}
    for blank in (None, "", "  \n ", "\u200b\u200b"):
        assert _refused(clean_description, blank).key == "hazard-text-empty"


def test_clean_owner_name() -> None:
    assert MAX_OWNER == 20
    assert clean_owner_name("  设备科   王科长 ") == "设备科 王科长"
    assert clean_owner_name("名" * 20) == "名" * 20
    for bad in (None, "", "   ", "\u200b", "名" * 21):
        err = _refused(clean_owner_name, bad)
        assert err.key == "hazard-owner-bad"
        assert err.args_for_text == {"limit": 20}


# ---------------------------------------------------------------- found at

@pytest.mark.parametrize(("text", "expected"), [
    ("8:15", local(2026, 11, 16, 8, 15)),
    ("08:15", local(2026, 11, 16, 8, 15)),
    (" 8:15 ", local(2026, 11, 16, 8, 15)),
    ("8点", local(2026, 11, 16, 8, 0)),
    ("8点15", local(2026, 11, 16, 8, 15)),
    ("8点15分", local(2026, 11, 16, 8, 15)),
    ("8：15", local(2026, 11, 16, 8, 15)),
    ("0:00", local(2026, 11, 16, 0, 0)),
    ("10:00", NOW),
    ("10:01", local(2026, 11, 16, 10, 1)),  # exactly one minute ahead: a clock skew
    ("11-15 22:00", local(2026, 11, 15, 22, 0)),
    ("11/15 22:00", local(2026, 11, 15, 22, 0)),
    ("11.15 22:00", local(2026, 11, 15, 22, 0)),
    ("11月15日 22:00", local(2026, 11, 15, 22, 0)),
    ("11月15日 6点", local(2026, 11, 15, 6, 0)),
    ("11-09 10:00", local(2026, 11, 9, 10, 0)),  # exactly 7 days back
])
def test_parse_found_at_accepts(text: str, expected: datetime) -> None:
    found = parse_found_at(text, NOW, SH, 7)
    assert found == expected
    assert found.astimezone(SH).utcoffset() == timedelta(hours=8)


def test_parse_found_at_with_now_in_utc() -> None:
    # The same instant given in UTC: "today" and the hours are still Shanghai's.
    now_utc = NOW.astimezone(UTC)
    assert parse_found_at("8:15", now_utc, SH, 7) == local(2026, 11, 16, 8, 15)
    # 17:00 UTC on the 15th is 01:00 on the 16th in Shanghai: '0:30' is today there.
    late = datetime(2026, 11, 15, 17, 0, tzinfo=UTC)
    assert parse_found_at("0:30", late, SH, 7) == local(2026, 11, 16, 0, 30)


@pytest.mark.parametrize("text", ["10:05", "10:02", "23:59", "11-16 12:00"])
def test_parse_found_at_future(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_found_at(text, NOW, SH, 7)
    assert caught.value.key == "hazard-found-future"


@pytest.mark.parametrize("text", ["11-08 10:00", "11-09 9:59", "11月1日 8点", "1-05 8:00"])
def test_parse_found_at_too_old(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_found_at(text, NOW, SH, 7)
    assert caught.value.key == "hazard-found-too-old"
    assert caught.value.args_for_text == {"days": 7}


def test_parse_found_at_respects_max_days() -> None:
    assert parse_found_at("11-08 10:00", NOW, SH, 8) == local(2026, 11, 8, 10, 0)
    with pytest.raises(InvalidInput) as caught:
        parse_found_at("11-15 9:59", NOW, SH, 1)
    assert caught.value.key == "hazard-found-too-old"


@pytest.mark.parametrize("text", ["", "   ", "昨天", "abc", "8", "815", "25:00", "24:00",
                                  "8:60", "8:5", "13-40 8:00", "2-30 8:00", "0-10 8:00",
                                  "11-15", "11-15 22:00 extra", "8:15:30", "10:00:30"])
def test_parse_found_at_garbage(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_found_at(text, NOW, SH, 7)
    assert caught.value.key == "hazard-found-bad"


def test_parse_found_at_none_is_bad() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_found_at(None, NOW, SH, 7)  # type: ignore[arg-type]
    assert caught.value.key == "hazard-found-bad"


def test_parse_found_at_december_typed_in_january() -> None:
    january = local(2027, 1, 3, 9, 0)
    assert parse_found_at("12-31 22:00", january, SH, 7) == local(2026, 12, 31, 22, 0)
    assert parse_found_at("12月28日 8点", january, SH, 7) == local(2026, 12, 28, 8, 0)
    # Today's date typed in full stays this year.
    assert parse_found_at("1-03 8:30", january, SH, 7) == local(2027, 1, 3, 8, 30)
    assert parse_found_at("1-02 23:00", january, SH, 7) == local(2027, 1, 2, 23, 0)


def test_parse_found_at_tomorrow_is_future_not_too_old() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_found_at("11-17 8:00", NOW, SH, 7)
    assert caught.value.key == "hazard-found-future"


def test_check_found_at_allows_one_minute_of_skew() -> None:
    assert check_found_at(NOW, NOW, 7) == NOW
    assert check_found_at(NOW + timedelta(seconds=30), NOW, 7) == NOW + timedelta(seconds=30)
    assert check_found_at(NOW + timedelta(minutes=1), NOW, 7) == NOW + timedelta(minutes=1)
    for ahead in (timedelta(minutes=1, microseconds=1), timedelta(minutes=5)):
        with pytest.raises(InvalidInput) as caught:
            check_found_at(NOW + ahead, NOW, 7)
        assert caught.value.key == "hazard-found-future"


def test_check_found_at_max_days_boundary() -> None:
    week = NOW - timedelta(days=7)
    assert check_found_at(week, NOW, 7) == week
    with pytest.raises(InvalidInput) as caught:
        check_found_at(week - timedelta(microseconds=1), NOW, 7)
    assert caught.value.key == "hazard-found-too-old"
    with pytest.raises(InvalidInput) as caught:
        check_found_at(NOW - timedelta(days=8), NOW, 7)
    assert caught.value.key == "hazard-found-too-old"
    assert caught.value.args_for_text == {"days": 7}


# ---------------------------------------------------------------- deadline

@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-01", date(2026, 12, 1)),
    ("2026/12/1", date(2026, 12, 1)),
    ("2026.12.01", date(2026, 12, 1)),
    ("2026年12月1日", date(2026, 12, 1)),
    ("12-01", date(2026, 12, 1)),
    (" 12/1 ", date(2026, 12, 1)),
    ("12月1日", date(2026, 12, 1)),
    ("12月1", date(2026, 12, 1)),
    ("11-16", TODAY),  # today itself
    ("2026-11-16", TODAY),
    ("2027-02-14", TODAY + timedelta(days=90)),
])
def test_parse_deadline_accepts(text: str, expected: date) -> None:
    assert parse_deadline(text, TODAY) == expected


def test_parse_deadline_past_with_year() -> None:
    for text in ("2026-11-15", "2026-01-01", "2025-12-31"):
        with pytest.raises(InvalidInput) as caught:
            parse_deadline(text, TODAY)
        assert caught.value.key == "hazard-deadline-past"


def test_parse_deadline_past_month_day_rolls_to_next_year() -> None:
    # In December, '1-05' means next January.
    assert parse_deadline("1-05", date(2026, 12, 20)) == date(2027, 1, 5)
    assert parse_deadline("1月5日", date(2026, 12, 20)) == date(2027, 1, 5)
    # Yesterday's month and day is a slip, not next year's: it is in the past.
    with pytest.raises(InvalidInput) as caught:
        parse_deadline("11-15", TODAY)
    assert caught.value.key == "hazard-deadline-past"
    # Over half a year gone, it is next year's, which is too far ahead.
    with pytest.raises(InvalidInput) as caught:
        parse_deadline("05-15", TODAY)
    assert caught.value.key == "hazard-deadline-far"
    assert caught.value.args_for_text == {"days": 90}


def test_parse_deadline_far() -> None:
    assert MAX_DEADLINE_DAYS == 90
    for text in ("2027-02-15", "2-15", "2027-11-16"):
        with pytest.raises(InvalidInput) as caught:
            parse_deadline(text, TODAY)
        assert caught.value.key == "hazard-deadline-far"


@pytest.mark.parametrize("text", ["", "明天", "abc", "12", "1201", "2026-13-01", "13-01",
                                  "2-30", "2026-02-29", "12-32", "0-5", "26-12-01",
                                  "2026-12-01 8:00"])
def test_parse_deadline_garbage(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_deadline(text, TODAY)
    assert caught.value.key == "hazard-deadline-bad"


def test_parse_deadline_leap_day_of_next_year() -> None:
    assert parse_deadline("2-29", date(2027, 12, 15)) == date(2028, 2, 29)


def test_check_deadline_bounds() -> None:
    assert check_deadline(TODAY, TODAY) == TODAY
    assert check_deadline(TODAY + timedelta(days=90), TODAY) == TODAY + timedelta(days=90)
    with pytest.raises(InvalidInput) as caught:
        check_deadline(TODAY - timedelta(days=1), TODAY)
    assert caught.value.key == "hazard-deadline-past"
    with pytest.raises(InvalidInput) as caught:
        check_deadline(TODAY + timedelta(days=91), TODAY)
    assert caught.value.key == "hazard-deadline-far"


# ---------------------------------------------------------------- ordering and roles

def test_sort_key_major_first_then_deadline_then_id() -> None:
    hazards = [
        make_hazard(S.CONFIRMED, id=1, severity=Severity.ORDINARY, deadline=date(2026, 11, 17)),
        make_hazard(S.REPORTED, id=2, severity=Severity.MAJOR),
        make_hazard(S.CONFIRMED, id=3, severity=Severity.SIGNIFICANT,
                    deadline=date(2026, 11, 20)),
        make_hazard(S.CONFIRMED, id=4, severity=Severity.MAJOR, deadline=date(2026, 12, 1)),
        make_hazard(S.CONFIRMED, id=5, severity=Severity.MAJOR, deadline=date(2026, 11, 18)),
        make_hazard(S.CONFIRMED, id=6, severity=Severity.MAJOR, deadline=date(2026, 11, 18)),
        make_hazard(S.REPORTED, id=7, severity=Severity.ORDINARY),
        make_hazard(S.CONFIRMED, id=8, severity=Severity.SIGNIFICANT,
                    deadline=date(2026, 11, 19)),
        make_hazard(S.REPORTED, id=9, severity=Severity.MAJOR),
    ]
    ordered = sorted(reversed(hazards), key=sort_key)
    # Within a severity: the soonest deadline, no deadline last, ties by id.
    assert [h.id for h in ordered] == [5, 6, 4, 2, 9, 8, 3, 1, 7]


def test_may_verify() -> None:
    hazard = make_hazard(S.FIXED, owner_member_id=20, fixed_by=21)
    assert not may_verify(hazard, 20)  # the owner
    assert not may_verify(hazard, 21)  # whoever recorded the fix
    assert not may_verify(hazard, None)
    assert may_verify(hazard, 30)
    assert may_verify(hazard, 10)  # the reporter is someone else
    # A department as owner, the fix recorded by a handler: only that handler is out.
    department = make_hazard(S.FIXED, owner_member_id=None, owner_name="机电科", fixed_by=21)
    assert not may_verify(department, 21)
    assert not may_verify(department, None)
    assert may_verify(department, 20)


# ---------------------------------------------------------------- on time

def _verified(fixed_at: datetime | None, first: date | None, current: date | None = None,
              status: HazardStatus = S.VERIFIED) -> Hazard:
    return make_hazard(status, owner_member_id=20, deadline=current or first,
                       first_deadline=first, confirmed_by=30, fixed_at=fixed_at, fixed_by=20,
                       verified_by=30 if status is S.VERIFIED else None)


def test_fixed_on_time_uses_the_local_day() -> None:
    due = date(2026, 11, 20)
    # 23:59 local on the deadline (15:59 UTC): on time.
    assert fixed_on_time(_verified(local(2026, 11, 20, 23, 59), due), SH) is True
    assert fixed_on_time(_verified(datetime(2026, 11, 20, 15, 59, tzinfo=UTC), due), SH) is True
    # 00:01 local the next day is still the 20th in UTC, but late.
    late = datetime(2026, 11, 20, 16, 1, tzinfo=UTC)
    assert late.astimezone(SH) == local(2026, 11, 21, 0, 1)
    assert fixed_on_time(_verified(late, due), SH) is False
    assert fixed_on_time(_verified(local(2026, 11, 12, 9, 0), due), SH) is True


def test_fixed_on_time_counts_the_first_deadline() -> None:
    # Sent back with a later deadline: fixed before the new one, after the first → late.
    hazard = _verified(local(2026, 11, 25, 9, 0), date(2026, 11, 20), date(2026, 11, 30))
    assert fixed_on_time(hazard, SH) is False
    # Without a first deadline recorded, the current one counts.
    legacy = replace(hazard, first_deadline=None)
    assert fixed_on_time(legacy, SH) is True
    assert fixed_on_time(replace(hazard, first_deadline=None, deadline=None), SH) is True


@pytest.mark.parametrize("status", [s for s in HazardStatus if s is not S.VERIFIED])
def test_fixed_on_time_none_unless_verified(status: HazardStatus) -> None:
    hazard = _verified(local(2026, 11, 18, 9, 0), date(2026, 11, 20), status=status)
    assert fixed_on_time(hazard, SH) is None


def test_fixed_on_time_none_without_fix_time() -> None:
    assert fixed_on_time(_verified(None, date(2026, 11, 20)), SH) is None


# ---------------------------------------------------------------- report steps

def test_next_report_step_in_order() -> None:
    assert REPORT_STEPS == ("location", "category", "severity", "description", "photos",
                            "found", "preview")
    steps = ["location"]
    while steps[-1] != "preview":
        steps.append(next_report_step(steps[-1]))
    assert tuple(steps) == REPORT_STEPS


@pytest.mark.parametrize("step", REPORT_STEPS)
def test_next_report_step_when_editing_goes_back_to_preview(step: str) -> None:
    assert next_report_step(step, editing=True) == "preview"


# ---------------------------------------------------------------- monthly figures

FIG_TODAY = date(2026, 12, 1)
DUE = date(2026, 11, 20)


def _figure_set() -> list[Hazard]:
    """A hand-built month: team 1 and team 2, every outcome once or more."""
    found = local(2026, 11, 10, 9, 0)

    def h(hid: int, status: HazardStatus, category: str, severity: Severity, team: int | None,
          reporter: int | None, **kw: object) -> Hazard:
        return make_hazard(status, id=hid, category=category, severity=severity,
                           team_id=team, reporter_member_id=reporter, found_at=found, **kw)

    confirmed = {"owner_member_id": 20, "confirmed_by": 30, "first_deadline": DUE}
    return [
        # 1: just reported, nobody looked at it yet.
        h(1, S.REPORTED, "通风", Severity.ORDINARY, 1, 10),
        # 2: 不属实.
        h(2, S.REJECTED, "通风", Severity.ORDINARY, 1, 10, handled_by=30, reject_reason="无"),
        # 3: 重复 of 1.
        h(3, S.DUPLICATE, "瓦斯", Severity.SIGNIFICANT, 2, 11, handled_by=30, duplicate_of=1),
        # 4: verified, fixed the day of the deadline → on time.
        h(4, S.VERIFIED, "瓦斯", Severity.MAJOR, 1, 11, deadline=DUE, verified_by=31,
          fixed_at=local(2026, 11, 20, 23, 59), fixed_by=20, **confirmed),
        # 5: verified, fixed after the first deadline (within the redo's) → late.
        h(5, S.VERIFIED, "顶板", Severity.SIGNIFICANT, 2, 12, deadline=date(2026, 11, 28),
          verified_by=31, fixed_at=local(2026, 11, 21, 0, 1), fixed_by=20, rounds=1,
          **confirmed),
        # 6: confirmed, deadline passed, not fixed → overdue open.
        h(6, S.CONFIRMED, "通风", Severity.MAJOR, 1, 10, deadline=DUE, **confirmed),
        # 7: confirmed, deadline is today → not yet overdue.
        h(7, S.CONFIRMED, "顶板", Severity.ORDINARY, 2, None, deadline=FIG_TODAY,
          **{**confirmed, "first_deadline": FIG_TODAY}),
        # 8: fixed, waiting for verification past its deadline → neither overdue nor counted.
        h(8, S.FIXED, "通风", Severity.SIGNIFICANT, None, 12, deadline=DUE,
          fixed_at=local(2026, 11, 25, 8, 0), fixed_by=20, **confirmed),
    ]


def _as_dicts(groups: dict[Hashable, HazardFigures]) -> dict[Hashable, dict[str, int]]:
    return {key: figures.as_dict() for key, figures in groups.items()}


def _fig(found: int = 0, confirmed: int = 0, rejected: int = 0, duplicate: int = 0,
         on_time: int = 0, late: int = 0, overdue: int = 0) -> dict[str, int]:
    return {"found": found, "confirmed": confirmed, "rejected": rejected,
            "duplicate": duplicate, "rectified_on_time": on_time, "rectified_late": late,
            "overdue_open": overdue}


def test_count_each_hazard() -> None:
    got = [count(h, FIG_TODAY, SH).as_dict() for h in _figure_set()]
    assert got == [
        _fig(found=1),
        _fig(found=1, rejected=1),
        _fig(found=1, duplicate=1),
        _fig(found=1, confirmed=1, on_time=1),
        _fig(found=1, confirmed=1, late=1),
        _fig(found=1, confirmed=1, overdue=1),
        _fig(found=1, confirmed=1),
        _fig(found=1, confirmed=1),
    ]
    # The day after its deadline, hazard 7 is overdue.
    assert count(_figure_set()[6], FIG_TODAY + timedelta(days=1), SH).overdue_open == 1


def test_tally_by_category() -> None:
    got = _as_dicts(tally(_figure_set(), FIG_TODAY, SH, lambda h: h.category))
    assert got == {
        "通风": _fig(found=4, confirmed=2, rejected=1, overdue=1),
        "瓦斯": _fig(found=2, confirmed=1, duplicate=1, on_time=1),
        "顶板": _fig(found=2, confirmed=2, late=1),
    }


def test_tally_by_severity() -> None:
    got = _as_dicts(tally(_figure_set(), FIG_TODAY, SH, lambda h: h.severity))
    assert got == {
        Severity.ORDINARY: _fig(found=3, confirmed=1, rejected=1),
        Severity.SIGNIFICANT: _fig(found=3, confirmed=2, duplicate=1, late=1),
        Severity.MAJOR: _fig(found=2, confirmed=2, on_time=1, overdue=1),
    }


def test_tally_by_team() -> None:
    got = _as_dicts(tally(_figure_set(), FIG_TODAY, SH, lambda h: h.team_id))
    assert got == {
        1: _fig(found=4, confirmed=2, rejected=1, on_time=1, overdue=1),
        2: _fig(found=3, confirmed=2, duplicate=1, late=1),
        None: _fig(found=1, confirmed=1),
    }
    total = HazardFigures()
    for figures in tally(_figure_set(), FIG_TODAY, SH, lambda h: h.team_id).values():
        total.add(figures)
    assert total.as_dict() == _fig(found=8, confirmed=5, rejected=1, duplicate=1, on_time=1,
                                   late=1, overdue=1)


def test_tally_of_nothing() -> None:
    assert tally([], FIG_TODAY, SH, lambda h: h.category) == {}


def test_found_per_reporter() -> None:
    assert found_per_reporter(_figure_set()) == {10: 3, 11: 2, 12: 2, None: 1}
    assert found_per_reporter([]) == {}
