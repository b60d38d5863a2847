"""走访谈心, plain rules: the day a visit was held and the day of a 再访 as typed by an
officer, notes, hardship and the name of someone not registered, the occasions, the
steps of a diary entry and the check of a finished draft, the month's reminder days,
quotas and tallies, who was visited in the last 12 months."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.members import NAME_MAX, InvalidInput
from bot.visit_calendar import coverage, due_nag, nag_days, year_ago
from bot.visits import (
    EDITABLE,
    MAX_HELP,
    MAX_NOTES,
    STEPS,
    WHOM_STEPS,
    Draft,
    FollowUp,
    Kind,
    Missing,
    Quota,
    Tally,
    Visit,
    check_draft,
    clean_help_note,
    clean_person,
    clean_visit_notes,
    met,
    missing,
    next_step,
    parse_revisit_day,
    parse_visit_day,
    tally,
    toggle,
    visit_day_allowed,
)

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)  # a Saturday in a 30-day month


def refused(call: object, *args: object) -> InvalidInput:
    """The InvalidInput raised by call(*args); fails the test if none is."""
    assert callable(call)
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    return caught.value


# ---------------------------------------------------------------- the day of a visit

@pytest.mark.parametrize(("text", "expected"), [
    ("今天", TODAY),
    ("今日", TODAY),
    ("today", TODAY),
    (" Today ", TODAY),
    ("昨天", date(2026, 11, 20)),
    ("昨日", date(2026, 11, 20)),
    ("yesterday", date(2026, 11, 20)),
    ("前天", date(2026, 11, 19)),
    ("11-01", date(2026, 11, 1)),  # the first of the month: as far back as it goes
    ("11-21", TODAY),
    ("11月18日", date(2026, 11, 18)),
    ("11月18", date(2026, 11, 18)),
    ("11/18", date(2026, 11, 18)),
    ("11.18", date(2026, 11, 18)),
    ("2026-11-18", date(2026, 11, 18)),
    ("2026年11月18日", date(2026, 11, 18)),
    ("１１－１８", date(2026, 11, 18)),  # full-width digits and dash
    ("１１月５日", date(2026, 11, 5)),
    ("11 - 18", date(2026, 11, 18)),
])
def test_visit_day_typed(text: str, expected: date) -> None:
    assert parse_visit_day(text, TODAY) == expected


@pytest.mark.parametrize("text", [None, "", "  ", "明天", "tomorrow", "上周", "abc", "11-31",
                                  "13-01", "0-10", "11-0", "2026-02-29", "11--18", "18"])
def test_visit_day_not_a_day(text: str | None) -> None:
    assert refused(parse_visit_day, text, TODAY).key == "visit-date-bad"


@pytest.mark.parametrize("text", ["11-22", "2026-11-22", "12-01", "2027-01-01"])
def test_visit_day_in_the_future(text: str) -> None:
    assert refused(parse_visit_day, text, TODAY).key == "visit-date-future"


@pytest.mark.parametrize("text", ["10-31", "2026-10-31", "2025-11-21", "10月1日"])
def test_visit_day_of_last_month_refused_mid_month(text: str) -> None:
    bad = refused(parse_visit_day, text, TODAY)
    assert bad.key == "visit-date-too-old"
    assert bad.args_for_text == {"days": 20}  # back to the 1st


def test_the_first_of_a_month_allows_yesterday_only() -> None:
    first = date(2026, 12, 1)
    assert parse_visit_day("今天", first) == first
    assert parse_visit_day("昨天", first) == date(2026, 11, 30)
    assert parse_visit_day("11-30", first) == date(2026, 11, 30)
    for text in ("前天", "11-29", "2026-11-29"):
        bad = refused(parse_visit_day, text, first)
        assert (bad.key, bad.args_for_text) == ("visit-date-too-old", {"days": 1})


def test_the_second_of_a_month_does_not_reach_last_month() -> None:
    second = date(2026, 12, 2)
    assert parse_visit_day("昨天", second) == date(2026, 12, 1)
    assert parse_visit_day("12-01", second) == date(2026, 12, 1)
    assert refused(parse_visit_day, "前天", second).key == "visit-date-too-old"
    assert refused(parse_visit_day, "11-30", second).key == "visit-date-too-old"


def test_new_years_day_allows_new_years_eve() -> None:
    jan1 = date(2027, 1, 1)
    assert parse_visit_day("昨天", jan1) == date(2026, 12, 31)
    assert parse_visit_day("12-31", jan1) == date(2026, 12, 31)  # last year's, not next
    assert parse_visit_day("12月31日", jan1) == date(2026, 12, 31)
    assert parse_visit_day("2026-12-31", jan1) == date(2026, 12, 31)
    assert parse_visit_day("01-01", jan1) == jan1
    assert refused(parse_visit_day, "12-30", jan1).key == "visit-date-too-old"
    assert refused(parse_visit_day, "前天", jan1).key == "visit-date-too-old"
    assert refused(parse_visit_day, "2027-12-31", jan1).key == "visit-date-future"


def test_february_29() -> None:
    leap = date(2028, 2, 29)
    assert parse_visit_day("02-29", leap) == leap
    assert parse_visit_day("2-1", leap) == date(2028, 2, 1)
    assert refused(parse_visit_day, "01-31", leap).args_for_text == {"days": 28}
    march1 = date(2028, 3, 1)
    assert parse_visit_day("昨天", march1) == leap
    assert parse_visit_day("2月29日", march1) == leap
    # No 29 February this year nor last: not a day at all.
    assert refused(parse_visit_day, "02-29", date(2027, 3, 1)).key == "visit-date-bad"
    assert parse_visit_day("昨天", date(2027, 3, 1)) == date(2027, 2, 28)


@pytest.mark.parametrize(("day", "today", "allowed"), [
    (TODAY, TODAY, True),
    (date(2026, 11, 1), TODAY, True),
    (date(2026, 11, 20), TODAY, True),
    (date(2026, 10, 31), TODAY, False),
    (date(2026, 11, 22), TODAY, False),
    (date(2025, 11, 21), TODAY, False),  # the same month a year ago
    (date(2026, 11, 30), date(2026, 12, 1), True),
    (date(2026, 11, 29), date(2026, 12, 1), False),
    (date(2026, 12, 1), date(2026, 12, 1), True),
    (date(2026, 11, 30), date(2026, 12, 2), False),
    (date(2026, 12, 31), date(2027, 1, 1), True),
    (date(2026, 12, 30), date(2027, 1, 1), False),
    (date(2028, 2, 29), date(2028, 3, 1), True),
    (date(2028, 3, 2), date(2028, 3, 1), False),
])
def test_visit_day_allowed(day: date, today: date, allowed: bool) -> None:
    assert visit_day_allowed(day, today) is allowed


@pytest.mark.parametrize("today", [date(2026, 11, 1), date(2026, 11, 2), TODAY,
                                   date(2026, 11, 30), date(2027, 1, 1), date(2028, 3, 1),
                                   date(2028, 2, 29), date(2026, 3, 31)])
def test_typed_days_and_stored_days_follow_one_rule(today: date) -> None:
    """A day typed is accepted exactly when a button or a stored draft may carry it."""
    for back in range(-3, 40):
        day = today - timedelta(days=back)
        try:
            parse_visit_day(day.isoformat(), today)
            typed = True
        except InvalidInput:
            typed = False
        assert typed is visit_day_allowed(day, today), (day, today)


# ---------------------------------------------------------------- the day of a 再访

@pytest.mark.parametrize(("text", "expected"), [
    ("明天", date(2026, 11, 22)),
    ("明日", date(2026, 11, 22)),
    ("tomorrow", date(2026, 11, 22)),
    ("Tomorrow", date(2026, 11, 22)),
    ("后天", date(2026, 11, 23)),
    ("1", date(2026, 11, 22)),
    ("7", date(2026, 11, 28)),
    ("7天", date(2026, 11, 28)),
    ("7天后", date(2026, 11, 28)),
    ("７天", date(2026, 11, 28)),
    ("７", date(2026, 11, 28)),
    ("10 days", date(2026, 12, 1)),
    ("10 DAYS", date(2026, 12, 1)),
    ("10days", date(2026, 12, 1)),
    ("1 day", date(2026, 11, 22)),
    ("007", date(2026, 11, 28)),
    ("12-01", date(2026, 12, 1)),
    ("12月1日", date(2026, 12, 1)),
    ("１２月１日", date(2026, 12, 1)),
    ("12/1", date(2026, 12, 1)),
    ("2026-12-01", date(2026, 12, 1)),
    ("2027-01-05", date(2027, 1, 5)),
    ("11-22", date(2026, 11, 22)),
])
def test_revisit_day_typed(text: str, expected: date) -> None:
    assert parse_revisit_day(text, TODAY, 92) == expected


def test_revisit_limits_are_inclusive() -> None:
    assert parse_revisit_day("92", TODAY, 92) == date(2027, 2, 21)
    assert parse_revisit_day("92天", TODAY, 92) == TODAY + timedelta(days=92)
    assert parse_revisit_day("2027-02-21", TODAY, 92) == date(2027, 2, 21)
    assert parse_revisit_day("10", TODAY, 10) == date(2026, 12, 1)
    assert parse_revisit_day("12-01", TODAY, 10) == date(2026, 12, 1)
    for text in ("93", "93天", "2027-02-22", "02-22"):
        bad = refused(parse_revisit_day, text, TODAY, 92)
        assert (bad.key, bad.args_for_text) == ("revisit-date-far", {"days": 92})
    assert refused(parse_revisit_day, "12-02", TODAY, 10).key == "revisit-date-far"
    assert refused(parse_revisit_day, "11", TODAY, 10).key == "revisit-date-far"
    assert refused(parse_revisit_day, "后天", TODAY, 1).key == "revisit-date-far"
    assert parse_revisit_day("明天", TODAY, 1) == date(2026, 11, 22)


@pytest.mark.parametrize("text", ["0", "0天", "0 days", "000", "2026-11-21", "2026-11-20",
                                  "2025-12-01"])
def test_revisit_day_must_be_after_today(text: str) -> None:
    assert refused(parse_revisit_day, text, TODAY, 92).key == "revisit-date-past"


@pytest.mark.parametrize("text", [None, "", "   ", "下周", "大后天", "昨天", "今天", "-3",
                                  "1000", "7周", "02-30", "13-01", "12-32", "abc",
                                  "days", "天"])
def test_revisit_day_not_a_day(text: str | None) -> None:
    assert refused(parse_revisit_day, text, TODAY, 92).key == "revisit-date-bad"


def test_revisit_day_without_a_year_is_the_next_such_day() -> None:
    december = date(2026, 12, 20)
    assert parse_revisit_day("01-05", december, 92) == date(2027, 1, 5)
    assert parse_revisit_day("1月5日", december, 92) == date(2027, 1, 5)
    assert parse_revisit_day("12-31", december, 92) == date(2026, 12, 31)
    assert refused(parse_revisit_day, "2026-01-05", december, 92).key == "revisit-date-past"
    # Today or a day just gone, without a year, is a mistake, not next year's.
    assert refused(parse_revisit_day, "12-20", december, 92).key == "revisit-date-past"
    assert refused(parse_revisit_day, "07-01", december, 92).key == "revisit-date-past"
    # Over half a year back, without a year, is next year's: here too far.
    assert refused(parse_revisit_day, "06-01", december, 92).key == "revisit-date-far"
    assert refused(parse_revisit_day, "11-21", TODAY, 92).key == "revisit-date-past"
    assert refused(parse_revisit_day, "11-20", TODAY, 366).key == "revisit-date-past"
    assert parse_revisit_day("05-01", TODAY, 366) == date(2027, 5, 1)


def test_revisit_on_29_february_in_a_leap_year() -> None:
    assert parse_revisit_day("02-29", date(2028, 1, 10), 92) == date(2028, 2, 29)
    assert parse_revisit_day("2028-02-29", date(2027, 12, 1), 92) == date(2028, 2, 29)
    assert refused(parse_revisit_day, "2027-02-29", date(2026, 12, 1), 92).key == \
        "revisit-date-bad"


def test_revisit_02_29_typed_in_december_before_a_leap_year() -> None:
    # 2027-12-01 + 90 days is 2028-02-29, well within 92 days.
    assert parse_revisit_day("02-29", date(2027, 12, 1), 92) == date(2028, 2, 29)


# ---------------------------------------------------------------- notes, hardship, names

def test_visit_notes() -> None:
    assert clean_visit_notes("  母亲住院，情绪低落，已安慰。 \n") == "母亲住院，情绪低落，已安慰。"
    assert clean_visit_notes("x" * MAX_NOTES) == "x" * MAX_NOTES
    for blank in (None, "", "   ", "\u200b\u200b", "\n\t"):
        assert refused(clean_visit_notes, blank).key == "visit-notes-empty"
    bad = refused(clean_visit_notes, "y" * (MAX_NOTES + 1))
    assert (bad.key, bad.args_for_text) == ("visit-notes-too-long",
                                            {"length": MAX_NOTES + 1, "limit": MAX_NOTES})
    # Outer spaces do not count toward the limit.
    assert clean_visit_notes(" " + "z" * MAX_NOTES + " ") == "z" * MAX_NOTES


def test_help_note() -> None:
    assert clean_help_note(" 家里房屋漏雨，需要维修 ") == "家里房屋漏雨，需要维修"
    assert clean_help_note("h" * MAX_HELP) == "h" * MAX_HELP
    for blank in (None, "", "  ", "\u200b"):
        assert refused(clean_help_note, blank).key == "visit-help-empty"
    bad = refused(clean_help_note, "h" * (MAX_HELP + 1))
    assert (bad.key, bad.args_for_text) == ("visit-help-too-long",
                                            {"length": MAX_HELP + 1, "limit": MAX_HELP})


def test_person_not_registered() -> None:
    assert clean_person("  王大妈 ") == "王大妈"
    assert clean_person("Li   Ming\n") == "Li Ming"
    assert clean_person("张\u200b三") == "张三"  # an invisible character dropped
    assert clean_person("x" * 20) == "x" * 20
    for bad in (None, "", "   ", "\u200b", "/start", "张", "x" * 21, "x" * (NAME_MAX + 1)):
        assert refused(clean_person, bad).key == "visit-person-bad"


def test_toggle_occasions() -> None:
    chosen = ["住院"]
    assert toggle(chosen, "婚丧") == ["住院", "婚丧"]
    assert chosen == ["住院"]  # not changed in place
    assert toggle(["住院", "婚丧"], "住院") == ["婚丧"]
    assert toggle([], "其他") == ["其他"]
    assert toggle(["其他"], "其他") == []
    assert toggle(toggle(["a", "b"], "c"), "c") == ["a", "b"]


# ---------------------------------------------------------------- the steps of an entry

def test_steps_in_order_without_follow_up() -> None:
    assert [next_step(s, {}) for s in STEPS[:-2]] == list(STEPS[1:-1])
    assert next_step("kind", {}) == "whom"
    assert next_step("whom", {}) == "day"
    assert next_step("day", {}) == "notes"
    assert next_step("notes", {}) == "reasons"
    assert next_step("reasons", {}) == "follow"
    assert next_step("follow", {}) == "preview"
    assert next_step("follow", {"follow": "none"}) == "preview"
    assert next_step("preview", {}) == "preview"


@pytest.mark.parametrize("step", WHOM_STEPS)
def test_every_way_of_naming_leads_to_the_day(step: str) -> None:
    assert next_step(step, {}) == "day"
    assert next_step(step, {"person": "张三"}) == "day"
    assert next_step(step, {"editing": True}) == "preview"


def test_follow_up_asks_its_detail_then_previews() -> None:
    assert next_step("follow", {"follow": "revisit"}) == "revisit"
    assert next_step("follow", {"follow": FollowUp.REVISIT}) == "revisit"
    assert next_step("follow", {"follow": "help"}) == "help"
    assert next_step("follow", {"follow": "nonsense"}) == "preview"
    assert next_step("revisit", {"follow": "revisit"}) == "preview"
    assert next_step("help", {"follow": "help"}) == "preview"
    # Changing the follow-up from the preview still asks its date or the hardship.
    assert next_step("follow", {"follow": "revisit", "editing": True}) == "revisit"
    assert next_step("follow", {"follow": "help", "editing": True}) == "help"
    assert next_step("follow", {"follow": "none", "editing": True}) == "preview"


@pytest.mark.parametrize("step", EDITABLE)
def test_an_edit_returns_to_the_preview(step: str) -> None:
    data: dict[str, object] = {"editing": True, "person": "张三", "follow": "none"}
    assert next_step(step, data) == "preview"


def test_a_revisit_started_with_the_person_known_skips_whom() -> None:
    assert next_step("kind", {"person": "张三", "member_id": 7}) == "day"
    assert next_step("kind", {"person": ""}) == "whom"
    assert next_step("kind", {"person": None}) == "whom"
    assert next_step("kind", {"person": "张三", "editing": True}) == "preview"


# ---------------------------------------------------------------- a finished draft

def full_draft(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"kind": "talk", "person": "张三", "member_id": 12,
                               "team_id": 3, "day": "2026-11-20", "notes": "谈了家里的事",
                               "reasons": ["住院", "思想波动"], "follow": "none"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


def test_a_complete_draft() -> None:
    draft = check_draft(full_draft(), TODAY)
    assert draft == Draft(Kind.TALK, 12, "张三", date(2026, 11, 20), "谈了家里的事",
                          ("住院", "思想波动"), FollowUp.NONE, None, "")
    assert draft.kind is Kind.TALK and draft.follow_up is FollowUp.NONE


def test_a_draft_for_someone_not_registered_and_without_occasions() -> None:
    draft = check_draft(full_draft(kind="home", person="王大妈", member_id=None,
                                   reasons=..., follow=...), TODAY)
    assert (draft.kind, draft.member_id, draft.person) == (Kind.HOME, None, "王大妈")
    assert (draft.reasons, draft.follow_up) == ((), FollowUp.NONE)
    # A member id stored as text is read back as a number.
    assert check_draft(full_draft(member_id="12"), TODAY).member_id == 12


def test_a_draft_keeps_only_the_chosen_follow_up() -> None:
    revisit = check_draft(full_draft(follow="revisit", revisit_on="2026-11-28",
                                     help_note="旧的困难"), TODAY)
    assert (revisit.follow_up, revisit.revisit_on, revisit.help_note) == (
        FollowUp.REVISIT, date(2026, 11, 28), "")
    helped = check_draft(full_draft(follow="help", help_note="房屋漏雨",
                                    revisit_on="2026-11-28"), TODAY)
    assert (helped.follow_up, helped.revisit_on, helped.help_note) == (
        FollowUp.HELP, None, "房屋漏雨")
    none = check_draft(full_draft(revisit_on="2026-11-28", help_note="x"), TODAY)
    assert (none.follow_up, none.revisit_on, none.help_note) == (FollowUp.NONE, None, "")
    assert check_draft(full_draft(follow="revisit", revisit_on="2026-11-22"),
                       TODAY).revisit_on == date(2026, 11, 22)


@pytest.mark.parametrize(("changes", "key"), [
    ({"kind": ...}, "visit-missing-kind"),
    ({"kind": ""}, "visit-missing-kind"),
    ({"kind": "chat"}, "visit-missing-kind"),
    ({"kind": "TALK"}, "visit-missing-kind"),
    ({"person": ...}, "visit-missing-whom"),
    ({"person": ""}, "visit-missing-whom"),
    ({"day": ...}, "visit-missing-day"),
    ({"day": ""}, "visit-missing-day"),
    ({"day": "2026-11-22"}, "visit-missing-day"),  # tomorrow
    ({"day": "2026-10-31"}, "visit-missing-day"),  # last month, not yesterday
    ({"notes": ...}, "visit-missing-notes"),
    ({"notes": ""}, "visit-missing-notes"),
    ({"follow": "revisit"}, "visit-missing-revisit"),
    ({"follow": "revisit", "revisit_on": "2026-11-21"}, "visit-missing-revisit"),
    ({"follow": "revisit", "revisit_on": "2026-11-01"}, "visit-missing-revisit"),
    ({"follow": "help"}, "visit-missing-help"),
    ({"follow": "help", "help_note": ""}, "visit-missing-help"),
])
def test_a_draft_missing_a_part(changes: dict[str, object], key: str) -> None:
    assert refused(check_draft, full_draft(**changes), TODAY).key == key


def test_draft_errors_name_the_first_part_missing() -> None:
    empty: dict[str, object] = {}
    assert refused(check_draft, empty, TODAY).key == "visit-missing-kind"
    order = [("kind", "talk", "visit-missing-whom"), ("person", "张三", "visit-missing-day"),
             ("day", "2026-11-21", "visit-missing-notes"),
             ("notes", "记下", "visit-missing-revisit"),
             ("revisit_on", "2026-12-01", None)]
    data: dict[str, object] = {"follow": "revisit"}
    for key, value, error in order:
        data[key] = value
        if error:
            assert refused(check_draft, data, TODAY).key == error
    assert check_draft(data, TODAY).revisit_on == date(2026, 12, 1)
    helped: dict[str, object] = {"follow": "help", "day": "2025-01-01"}
    assert refused(check_draft, helped, TODAY).key == "visit-missing-kind"
    helped |= {"kind": "home", "person": "x"}
    assert refused(check_draft, helped, TODAY).key == "visit-missing-day"


def test_a_draft_kept_over_the_turn_of_the_month() -> None:
    data = full_draft(day="2026-11-29")
    assert check_draft(data, date(2026, 11, 30)).visited_on == date(2026, 11, 29)
    assert refused(check_draft, data, date(2026, 12, 1)).key == "visit-missing-day"
    yesterday = full_draft(day="2026-11-30")
    assert check_draft(yesterday, date(2026, 12, 1)).visited_on == date(2026, 11, 30)
    assert refused(check_draft, yesterday, date(2026, 12, 2)).key == "visit-missing-day"
    # A 再访 day reached while the draft waited is no longer after today.
    waiting = full_draft(day="2026-11-30", follow="revisit", revisit_on="2026-12-01")
    assert refused(check_draft, waiting, date(2026, 12, 1)).key == "visit-missing-revisit"


# ---------------------------------------------------------------- reminder days

def test_nag_days_default() -> None:
    assert nag_days(date(2026, 11, 30), [15], [3]) == [date(2026, 11, 15), date(2026, 11, 27)]
    assert nag_days(date(2026, 12, 31), [15], [3]) == [date(2026, 12, 15), date(2026, 12, 28)]
    assert nag_days(date(2026, 2, 28), [15], [3]) == [date(2026, 2, 15), date(2026, 2, 25)]
    assert nag_days(date(2028, 2, 29), [15], [3]) == [date(2028, 2, 15), date(2028, 2, 26)]


def test_nag_days_clamped_into_the_month() -> None:
    assert nag_days(date(2026, 11, 30), [31], []) == [date(2026, 11, 30)]
    assert nag_days(date(2026, 12, 31), [31], []) == [date(2026, 12, 31)]
    assert nag_days(date(2026, 2, 28), [30], []) == [date(2026, 2, 28)]
    assert nag_days(date(2028, 2, 29), [30], []) == [date(2028, 2, 29)]
    assert nag_days(date(2026, 2, 28), [29, 30, 31], []) == [date(2026, 2, 28)]
    assert nag_days(date(2026, 2, 28), [28], []) == [date(2026, 2, 28)]
    assert nag_days(date(2026, 2, 28), [1], [27]) == [date(2026, 2, 1)]


def test_nag_days_deduplicated_and_sorted() -> None:
    assert nag_days(date(2026, 11, 30), [27], [3]) == [date(2026, 11, 27)]
    assert nag_days(date(2026, 11, 30), [30, 31], [0]) == [date(2026, 11, 30)]
    assert nag_days(date(2026, 11, 30), [20, 5, 20], [0, 10, 25]) == [
        date(2026, 11, 5), date(2026, 11, 20), date(2026, 11, 30)]
    assert nag_days(date(2026, 11, 30), [1, 28], [1]) == [
        date(2026, 11, 1), date(2026, 11, 28), date(2026, 11, 29)]
    assert nag_days(date(2026, 11, 30), [], []) == []


def test_due_nag_is_the_latest_reached() -> None:
    days = [date(2026, 11, 15), date(2026, 11, 27)]
    assert due_nag(date(2026, 11, 14), days) is None
    assert due_nag(date(2026, 11, 15), days) == date(2026, 11, 15)
    assert due_nag(date(2026, 11, 26), days) == date(2026, 11, 15)
    assert due_nag(date(2026, 11, 27), days) == date(2026, 11, 27)
    assert due_nag(date(2026, 11, 30), days) == date(2026, 11, 27)
    assert due_nag(date(2026, 11, 30), []) is None
    assert due_nag(date(2026, 11, 1), [date(2026, 11, 1)]) == date(2026, 11, 1)


# ---------------------------------------------------------------- quotas and tallies

def test_quota_and_tally_by_kind() -> None:
    quota = Quota(talks=(4, 6), homes=(1, 2))
    assert (quota.of(Kind.TALK), quota.of(Kind.HOME)) == ((4, 6), (1, 2))
    assert Quota() == Quota((3, 5), (2, 4))
    counts = Tally(talks=3, homes=1)
    assert (counts.of(Kind.TALK), counts.of(Kind.HOME)) == (3, 1)


def test_tally_counts_each_officer() -> None:
    assert tally([]) == {}
    pairs = [(1, Kind.TALK), (2, Kind.HOME), (1, Kind.TALK), (1, Kind.HOME), (3, Kind.TALK)]
    assert tally(pairs) == {1: Tally(2, 1), 2: Tally(0, 1), 3: Tally(1, 0)}


def test_missing_and_met() -> None:
    quota = Quota()
    assert missing(Tally(0, 0), quota) == Missing(3, 2)
    assert missing(Tally(1, 2), quota) == Missing(2, 0)
    assert missing(Tally(3, 1), quota) == Missing(0, 1)
    assert missing(Tally(3, 2), quota) == Missing(0, 0)
    assert missing(Tally(9, 9), quota) == Missing(0, 0)  # never below zero
    assert missing(Tally(2, 1), quota).any
    assert missing(Tally(3, 1), quota).any and missing(Tally(2, 2), quota).any
    assert not Missing().any
    assert met(Tally(3, 2), quota) and met(Tally(5, 4), quota) and met(Tally(6, 9), quota)
    assert not met(Tally(2, 2), quota) and not met(Tally(3, 1), quota)
    assert met(Tally(0, 0), Quota((0, 5), (0, 4)))
    assert not met(Tally(0, 0), Quota((1, 5), (0, 4)))


def visit(follow: FollowUp, taken_by: int | None = None) -> Visit:
    return Visit(id=1, officer_id=1, kind=Kind.TALK, member_id=None, person="x", team_id=None,
                 visited_on=TODAY, notes="n", reasons=(), follow_up=follow, created_at=NOW,
                 help_note="h", help_taken_by=taken_by)


def test_help_open() -> None:
    assert visit(FollowUp.HELP).help_open
    assert not visit(FollowUp.HELP, taken_by=3).help_open
    assert not visit(FollowUp.NONE).help_open
    assert not visit(FollowUp.REVISIT).help_open


# ---------------------------------------------------------------- who was visited

SINCE = date(2025, 11, 22)


def test_coverage_since_is_inclusive() -> None:
    members = [(1, "张三"), (2, "李四"), (3, "王五"), (5, "赵六")]
    last = {1: date(2026, 1, 10), 2: SINCE, 3: SINCE - timedelta(days=1),
            99: date(2026, 5, 5)}  # 99: someone not in this group
    found = coverage(members, last, SINCE)
    assert found.since == SINCE
    assert found.visited == [("李四", SINCE), ("张三", date(2026, 1, 10))]  # longest ago first
    assert found.never == ["王五", "赵六"]
    assert found.size == 4


def test_coverage_keeps_members_with_the_same_name() -> None:
    members = [(1, "张三"), (2, "张三"), (3, "张三"), (4, "张三"), (5, "Amy")]
    last = {1: date(2026, 3, 1), 2: date(2026, 2, 1)}
    found = coverage(members, last, SINCE)
    assert found.visited == [("张三", date(2026, 2, 1)), ("张三", date(2026, 3, 1))]
    assert found.never == ["Amy", "张三", "张三"]
    assert found.size == 5


def test_coverage_ties_and_edges() -> None:
    day = date(2026, 6, 1)
    found = coverage([(1, "b"), (2, "a"), (3, "c")], {1: day, 2: day, 3: day}, SINCE)
    assert found.visited == [("a", day), ("b", day), ("c", day)]
    assert found.never == []
    empty = coverage([], {1: day}, SINCE)
    assert (empty.visited, empty.never, empty.size) == ([], [], 0)
    nobody = coverage([(1, "b"), (2, "a")], {}, SINCE)
    assert (nobody.visited, nobody.never, nobody.size) == ([], ["a", "b"], 2)


@pytest.mark.parametrize(("today", "first"), [
    (date(2026, 11, 21), date(2025, 11, 22)),
    (date(2026, 1, 1), date(2025, 1, 2)),
    (date(2026, 12, 31), date(2026, 1, 1)),
    (date(2028, 2, 29), date(2027, 3, 1)),
    (date(2028, 3, 1), date(2027, 3, 2)),
    (date(2028, 2, 28), date(2027, 3, 1)),
    (date(2027, 2, 28), date(2026, 3, 1)),
    (date(2029, 3, 1), date(2028, 3, 2)),
    (date(2029, 2, 28), date(2028, 2, 29)),
])
def test_year_ago(today: date, first: date) -> None:
    assert year_ago(today) == first
