"""学习型小家, plain rules: minutes and dates typed by a worker, notes, month arithmetic,
targets and reminders, exam subjects, full marks and scores, ranks and averages, the
monthly figures, and the study section of the config."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.config import ConfigError, parse_config
from bot.members import InvalidInput
from bot.study import (
    MAX_FULL_MARKS,
    MAX_NOTES,
    MAX_SUBJECT,
    Exam,
    StudyEntry,
    average,
    below_target,
    check_entry,
    clean_notes,
    clean_subject,
    competition_ranks,
    fmt_score,
    last_day,
    month_bounds,
    next_weekly,
    nudge_day,
    parse_full_marks,
    parse_minutes,
    parse_past_date,
    parse_score,
    previous_month,
    totals_by_kind,
)
from bot.study_figures import (
    TeamStudy,
    exam_averages,
    team_exam_average,
    team_participation,
    worker_notes,
)

NOW = datetime(2026, 11, 16, 2, 0, tzinfo=UTC)


def refused(call: object, *args: object) -> InvalidInput:
    """The InvalidInput raised by call(*args); fails the test if none is."""
    assert callable(call)
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    return caught.value


def entry(kind: str, minutes: int, member_id: int = 1) -> StudyEntry:
    return StudyEntry(id=0, member_id=member_id, team_id=1, kind=kind, minutes=minutes,
                      studied_on=date(2026, 11, 1), notes="笔记", created_at=NOW)


def exam(exam_id: int = 1, team_id: int = 1, changed_at: datetime = NOW,
         posted_at: datetime | None = None) -> Exam:
    return Exam(id=exam_id, team_id=team_id, subject="安全规程", held_on=date(2026, 11, 10),
                full_marks=100.0, created_by=None, created_at=NOW - timedelta(days=1),
                changed_at=changed_at, posted_at=posted_at)


# ---------------------------------------------------------------- minutes

@pytest.mark.parametrize(("typed", "minutes"), [
    ("45", 45),
    ("45分钟", 45),
    ("45分", 45),
    ("45 分钟", 45),
    ("90min", 90),
    ("30m", 30),
    ("１２０", 120),           # full-width digits
    ("1.5小时", 90),
    ("2h", 120),
    ("2 H", 120),
    ("1hr", 60),
    ("3 hours", 180),
    ("0.5小时", 30),
    ("8小时", 480),            # exactly the maximum
    ("480", 480),
    ("1", 1),                  # the minimum
    ("2.5", 3),                # halves round up, not to even
    ("1.5", 2),
])
def test_minutes_accepted(typed: str, minutes: int) -> None:
    assert parse_minutes(typed, 480) == minutes


@pytest.mark.parametrize("typed", [
    "0", "0.4", "481", "8.1小时", "-5", "abc", "", "   ", None, "1,5", "半小时", "45秒",
])
def test_minutes_refused_name_the_maximum(typed: str | None) -> None:
    bad = refused(parse_minutes, typed, 480)
    assert bad.key == "study-minutes-bad"
    assert bad.args_for_text == {"max": 480}


def test_minutes_maximum_is_the_configured_one() -> None:
    assert parse_minutes("2小时", 120) == 120
    assert refused(parse_minutes, "121", 120).args_for_text == {"max": 120}


# ---------------------------------------------------------------- past dates

TODAY = date(2026, 1, 5)  # early January: a day without a year may fall last year


@pytest.mark.parametrize(("typed", "day"), [
    ("今天", date(2026, 1, 5)),
    ("今日", date(2026, 1, 5)),
    ("Today", date(2026, 1, 5)),
    ("昨天", date(2026, 1, 4)),
    ("YESTERDAY", date(2026, 1, 4)),
    ("前天", date(2026, 1, 3)),
    ("01-05", date(2026, 1, 5)),
    ("1-4", date(2026, 1, 4)),
    ("01/04", date(2026, 1, 4)),
    ("1.4", date(2026, 1, 4)),
    ("1月4日", date(2026, 1, 4)),
    ("1月4", date(2026, 1, 4)),
    ("１月４日", date(2026, 1, 4)),       # full-width digits
    (" 1 月 4 日 ", date(2026, 1, 4)),    # spaces anywhere
    ("12-31", date(2025, 12, 31)),       # no year: the most recent such day
    ("12月29日", date(2025, 12, 29)),     # exactly days_back (7) ago
    ("2026-01-05", date(2026, 1, 5)),
    ("2026/1/1", date(2026, 1, 1)),
    ("2025-12-31", date(2025, 12, 31)),
    ("2025年12月31日", date(2025, 12, 31)),
])
def test_past_date_accepted(typed: str, day: date) -> None:
    assert parse_past_date(typed, TODAY, 7, "study-date") == day


@pytest.mark.parametrize(("typed", "key", "args"), [
    ("", "study-date-bad", {}),
    (None, "study-date-bad", {}),
    ("明天", "study-date-bad", {}),
    ("x", "study-date-bad", {}),
    ("1-1-1", "study-date-bad", {}),
    ("13-01", "study-date-bad", {}),
    ("02-30", "study-date-bad", {}),
    ("2025-02-29", "study-date-bad", {}),   # not a leap year
    ("2026-01-06", "study-date-future", {}),
    ("2027-01-01", "study-date-future", {}),
    ("12-28", "study-date-too-old", {"days": 7}),  # 8 days ago
    ("2025-12-28", "study-date-too-old", {"days": 7}),
    ("2024-12-31", "study-date-too-old", {"days": 7}),
    # No year, a few days ahead: the future (a slip), not last year's day.
    ("01-06", "study-date-future", {}),
    # No year, more than half a year ahead: last year's, here too old.
    ("12-20", "study-date-too-old", {"days": 7}),
])
def test_past_date_refused(typed: str | None, key: str, args: dict[str, object]) -> None:
    bad = refused(parse_past_date, typed, TODAY, 7, "study-date")
    assert (bad.key, bad.args_for_text) == (key, args)


def test_past_date_error_keys_follow_the_given_key() -> None:
    assert refused(parse_past_date, "?", TODAY, 7, "exam-date").key == "exam-date-bad"
    assert refused(parse_past_date, "2027-01-01", TODAY, 7, "exam-date").key == \
        "exam-date-future"
    assert refused(parse_past_date, "2020-01-01", TODAY, 7, "exam-date").key == \
        "exam-date-too-old"


def test_no_year_means_this_year_unless_half_a_year_ahead() -> None:
    today = date(2026, 3, 10)
    assert parse_past_date("03-10", today, 366, "k") == date(2026, 3, 10)
    assert parse_past_date("03-09", today, 366, "k") == date(2026, 3, 9)
    assert refused(parse_past_date, "03-11", today, 366, "k").key == "k-future"
    assert refused(parse_past_date, "09-01", today, 366, "k").key == "k-future"
    assert parse_past_date("09-10", today, 366, "k") == date(2025, 9, 10)
    assert parse_past_date("12-31", today, 366, "k") == date(2025, 12, 31)


def test_no_year_leap_day_falls_back_to_last_year() -> None:
    assert parse_past_date("02-29", date(2025, 3, 1), 366, "k") == date(2024, 2, 29)


def test_today_only_when_no_days_back() -> None:
    assert parse_past_date("今天", TODAY, 0, "k") == TODAY
    bad = refused(parse_past_date, "昨天", TODAY, 0, "k")
    assert (bad.key, bad.args_for_text) == ("k-too-old", {"days": 0})


# ---------------------------------------------------------------- notes

@pytest.mark.parametrize(("typed", "kept"), [
    ("  学习了《煤矿安全规程》第三章  ", "学习了《煤矿安全规程》第三章"),
    ("第一行\n第二行", "第一行\n第二行"),
    ("x" * MAX_NOTES, "x" * MAX_NOTES),
])
def test_notes_kept_trimmed(typed: str, kept: str) -> None:
    assert clean_notes(typed) == kept


@pytest.mark.parametrize("typed", [None, "", "   ", "\n\t", "\u200b", " \u200b\u200d "])
def test_blank_notes_refused(typed: str | None) -> None:
    assert refused(clean_notes, typed).key == "study-notes-empty"


def test_long_notes_refused_with_length_and_limit() -> None:
    bad = refused(clean_notes, "字" * (MAX_NOTES + 1))
    assert bad.key == "study-notes-too-long"
    assert bad.args_for_text == {"length": MAX_NOTES + 1, "limit": MAX_NOTES}


@pytest.mark.parametrize(("notes", "photos"), [
    ("学习笔记", []),
    ("", ["photo-1"]),
    ("学习笔记", ["photo-1", "photo-2"]),
])
def test_entry_needs_notes_or_a_photo(notes: str, photos: list[str]) -> None:
    check_entry(notes, photos)  # no error


@pytest.mark.parametrize("notes", ["", "  ", "\u200b"])
def test_entry_without_notes_or_photo_refused(notes: str) -> None:
    assert refused(check_entry, notes, []).key == "study-need-notes"


# ---------------------------------------------------------------- months, targets, reminders

@pytest.mark.parametrize(("month", "bounds"), [
    ("2026-11", (date(2026, 11, 1), date(2026, 11, 30))),
    ("2026-12", (date(2026, 12, 1), date(2026, 12, 31))),
    ("2026-02", (date(2026, 2, 1), date(2026, 2, 28))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
])
def test_month_bounds(month: str, bounds: tuple[date, date]) -> None:
    assert month_bounds(month) == bounds


@pytest.mark.parametrize(("day", "month"), [
    (date(2026, 11, 16), "2026-10"),
    (date(2026, 1, 1), "2025-12"),
    (date(2026, 3, 31), "2026-02"),
])
def test_previous_month(day: date, month: str) -> None:
    assert previous_month(day) == month


@pytest.mark.parametrize(("day", "last"), [
    (date(2026, 11, 16), date(2026, 11, 30)),
    (date(2024, 2, 1), date(2024, 2, 29)),
    (date(2026, 12, 31), date(2026, 12, 31)),
])
def test_last_day(day: date, last: date) -> None:
    assert last_day(day) == last


def test_totals_by_kind_most_notes_first_with_minutes_summed() -> None:
    entries = [entry("业务学习", 30), entry("政治学习", 60), entry("政治学习", 45),
               entry("操作规程", 20), entry("政治学习", 15), entry("操作规程", 90)]
    assert totals_by_kind(entries) == [("政治学习", 3, 120), ("操作规程", 2, 110),
                                       ("业务学习", 1, 30)]
    assert totals_by_kind([]) == []


def test_below_target_counts_no_entry_as_zero_and_keeps_order() -> None:
    counts = {1: 4, 2: 3, 3: 5}
    assert below_target(counts, [5, 3, 2, 1, 4], 4) == [5, 2, 4]
    assert below_target(counts, [1, 3], 4) == []
    assert below_target({}, [7], 1) == [7]


def test_nudge_day_is_days_before_the_last_day() -> None:
    assert nudge_day(date(2026, 11, 30), 3) == date(2026, 11, 27)
    assert nudge_day(date(2026, 11, 30), 0) == date(2026, 11, 30)
    assert nudge_day(date(2026, 3, 31), 20) == date(2026, 3, 11)


MONDAY = date(2026, 11, 16)


@pytest.mark.parametrize(("today", "weekday", "day"), [
    (MONDAY, 1, MONDAY),                         # today included
    (MONDAY, 3, date(2026, 11, 18)),
    (MONDAY, 7, date(2026, 11, 22)),
    (date(2026, 11, 18), 1, date(2026, 11, 23)),  # Wednesday → next Monday
    (date(2026, 11, 22), 7, date(2026, 11, 22)),  # Sunday, today
    (date(2026, 11, 22), 1, date(2026, 11, 23)),
    (date(2026, 12, 30), 5, date(2027, 1, 1)),    # across the year
])
def test_next_weekly(today: date, weekday: int, day: date) -> None:
    assert next_weekly(today, weekday) == day
    assert day.isoweekday() == weekday
    assert 0 <= (day - today).days < 7


# ---------------------------------------------------------------- exams: subject, marks, score

@pytest.mark.parametrize(("typed", "subject"), [
    ("安全规程", "安全规程"),
    ("  安全  规程\n考试 ", "安全 规程 考试"),
    ("x" * MAX_SUBJECT, "x" * MAX_SUBJECT),
])
def test_subject_cleaned(typed: str, subject: str) -> None:
    assert clean_subject(typed) == subject


@pytest.mark.parametrize(("typed", "key", "args"), [
    (None, "exam-subject-empty", {}),
    ("   ", "exam-subject-empty", {}),
    ("\u200b", "exam-subject-empty", {}),
    ("x" * (MAX_SUBJECT + 1), "exam-subject-too-long", {"limit": MAX_SUBJECT}),
])
def test_subject_refused(typed: str | None, key: str, args: dict[str, object]) -> None:
    bad = refused(clean_subject, typed)
    assert (bad.key, bad.args_for_text) == (key, args)


@pytest.mark.parametrize(("typed", "full"), [
    ("100", 100.0),
    ("100分", 100.0),
    ("１００分", 100.0),
    (" 100 ", 100.0),
    ("100.00", 100.0),
    ("0.5", 0.5),
    ("1000", 1000.0),
])
def test_full_marks_accepted(typed: str, full: float) -> None:
    assert parse_full_marks(typed) == full


@pytest.mark.parametrize("typed", [
    "0", "1000.5", "1001", "100.123", "-1", "1e2", "abc", "", None,
])
def test_full_marks_refused(typed: str | None) -> None:
    bad = refused(parse_full_marks, typed)
    assert (bad.key, bad.args_for_text) == ("exam-full-bad", {"max": MAX_FULL_MARKS})


def test_full_marks_with_a_space_before_the_unit() -> None:
    assert parse_full_marks("100 分") == 100.0


@pytest.mark.parametrize(("typed", "score"), [
    ("85", 85.0),
    ("85.5", 85.5),
    ("85.25", 85.25),
    ("85分", 85.0),
    ("８５分", 85.0),
    ("85 分", 85.0),
    (" 85 ", 85.0),
    ("0", 0.0),
    ("100", 100.0),   # exactly the full marks
    ("0085", 85.0),
])
def test_score_accepted(typed: str, score: float) -> None:
    assert parse_score(typed, 100.0) == score


@pytest.mark.parametrize(("typed", "key"), [
    ("85.255", "exam-score-bad"),   # three decimals
    ("85.", "exam-score-bad"),
    (".5", "exam-score-bad"),
    ("-1", "exam-score-bad"),
    ("1e1", "exam-score-bad"),
    ("abc", "exam-score-bad"),
    ("", "exam-score-bad"),
    (None, "exam-score-bad"),
    ("100.01", "exam-score-over"),
    ("101", "exam-score-over"),
])
def test_score_refused_names_the_full_marks(typed: str | None, key: str) -> None:
    bad = refused(parse_score, typed, 100.0)
    assert (bad.key, bad.args_for_text) == (key, {"full": "100"})


def test_score_over_a_fractional_full_marks() -> None:
    assert parse_score("60.5", 60.5) == 60.5
    bad = refused(parse_score, "61", 60.5)
    assert (bad.key, bad.args_for_text) == ("exam-score-over", {"full": "60.5"})


@pytest.mark.parametrize(("score", "text"), [
    (85.0, "85"), (85.5, "85.5"), (85.25, "85.25"), (85.1, "85.1"), (0.0, "0"),
    (100.0, "100"), (10.0, "10"), (1000.0, "1000"), (0.1, "0.1"),
])
def test_fmt_score(score: float, text: str) -> None:
    assert fmt_score(score) == text


@pytest.mark.parametrize(("scores", "ranks"), [
    ([], []),
    ([90.0], [1]),
    ([90.0, 80.0, 80.0, 70.0], [1, 2, 2, 4]),
    ([100.0, 100.0, 100.0], [1, 1, 1]),
    ([99.0, 98.0, 97.0], [1, 2, 3]),
    ([95.0, 95.0, 90.0, 90.0, 85.0], [1, 1, 3, 3, 5]),
])
def test_competition_ranks(scores: list[float], ranks: list[int]) -> None:
    assert competition_ranks(scores) == ranks


@pytest.mark.parametrize(("scores", "mean"), [
    ([], None),
    ([85.0], 85.0),
    ([80.0, 90.0], 85.0),
    ([90.0, 85.0, 80.0], 85.0),
    ([100.0, 0.0, 0.0], 33.3),     # one decimal
    ([85.5, 86.0], 85.8),
])
def test_average(scores: list[float], mean: float | None) -> None:
    assert average(scores) == mean


@pytest.mark.parametrize(("posted_at", "current"), [
    (None, False),
    (NOW - timedelta(seconds=1), False),    # a score changed after it was posted
    (NOW, True),
    (NOW + timedelta(hours=1), True),
])
def test_posted_current(posted_at: datetime | None, current: bool) -> None:
    assert exam(changed_at=NOW, posted_at=posted_at).posted_current is current


# ---------------------------------------------------------------- monthly figures

MEMBERS = [(1, "张三", 10), (2, "李四", 10), (3, "王五", 10), (4, "赵六", 20), (5, "钱七", None)]


def test_worker_notes_fewest_first_then_by_name() -> None:
    rows = worker_notes(MEMBERS, {1: 4, 2: 1, 4: 6, 99: 3}, 4)
    assert [(r.member_id, r.notes) for r in rows] == [(3, 0), (5, 0), (2, 1), (1, 4), (4, 6)]
    assert [r.name for r in rows][:2] == sorted(["王五", "钱七"])
    assert all(r.target == 4 for r in rows)
    assert [r.reached for r in rows] == [False, False, False, True, True]
    assert 99 not in {r.member_id for r in rows}  # counts of non-members are ignored


def test_team_participation() -> None:
    rows = worker_notes(MEMBERS, {1: 4, 2: 1, 4: 6}, 4)
    teams = team_participation(rows)
    assert set(teams) == {10, 20, None}
    assert teams[10] == TeamStudy(10, members=3, logged=2, reached=1, notes=5)
    assert teams[10].participation == 66.7
    assert teams[20] == TeamStudy(20, members=1, logged=1, reached=1, notes=6)
    assert teams[20].participation == 100.0
    assert teams[None] == TeamStudy(None, members=1, logged=0, reached=0, notes=0)
    assert teams[None].participation == 0.0
    assert team_participation([]) == {}


def test_participation_of_an_empty_team_is_zero() -> None:
    assert TeamStudy(1, members=0, logged=0, reached=0, notes=0).participation == 0.0


def test_exam_averages_one_per_exam() -> None:
    exams = [exam(1), exam(2), exam(3)]
    found = exam_averages(exams, {1: [80.0, 90.0, 100.0], 3: [59.5], 42: [1.0]})
    assert [(a.exam.id, a.scored, a.average) for a in found] == [
        (1, 3, 90.0), (2, 0, None), (3, 1, 59.5)]


def test_team_exam_average_pools_every_score() -> None:
    exams = [exam(1, team_id=10), exam(2, team_id=10), exam(3, team_id=20),
             exam(4, team_id=30)]
    scores = {1: [100.0], 2: [50.0, 50.0, 50.0], 3: [70.0, 80.0]}
    # Team 10: (100 + 50 * 3) / 4, not the mean of the exam means (75).
    assert team_exam_average(exams, scores) == {10: 62.5, 20: 75.0, 30: None}
    assert team_exam_average([], scores) == {}


# ---------------------------------------------------------------- config: [study]

TEAMS = [{"code": "A1", "name": "一班"}, {"code": "B2", "name": "二班"}]


def test_study_defaults() -> None:
    study = parse_config({}).study
    assert study.monthly_target == 4 and study.board_page_size == 20
    assert len(study.kinds) == len(set(study.kinds)) >= 1
    assert study.teams == []


def test_study_team_settings_and_defaults_for_unlisted_teams() -> None:
    config = parse_config({"teams": TEAMS, "study": {"teams": [
        {"team": "A1", "weekday": 3, "at": "15:30", "board_shows": "employee_no"}]}})
    a1 = config.study.team("A1")
    assert (a1.weekday, a1.at.hour, a1.at.minute, a1.board_shows) == (3, 15, 30, "employee_no")
    b2 = config.study.team("B2")
    assert (b2.team, b2.weekday, b2.board_shows) == ("B2", None, "name")


@pytest.mark.parametrize(("study", "message"), [
    ({"teams": [{"team": "ZZ"}]}, "study.teams"),
    ({"teams": [{"team": "A1"}, {"team": "A1"}]}, "study.teams"),
    ({"kinds": ["政治学习", "政治学习"]}, "kinds must be unique"),
    ({"kinds": []}, "study.kinds"),
    ({"teams": [{"team": "A1", "weekday": 8}]}, "study.teams[0].weekday"),
    ({"teams": [{"team": "A1", "weekday": 0}]}, "study.teams[0].weekday"),
    ({"teams": [{"team": "A1", "board_shows": "photo"}]}, "study.teams[0].board_shows"),
    ({"monthly_target": 0}, "study.monthly_target"),
    ({"board_page_size": 41}, "study.board_page_size"),
    ({"colour": "red"}, "study.colour: unknown key"),
])
def test_bad_study_config_refused(study: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"teams": TEAMS, "study": study})
    assert message in str(caught.value)


def test_unknown_study_team_is_named() -> None:
    with pytest.raises(ConfigError, match=r"study\.teams.*'ZZ'"):
        parse_config({"teams": TEAMS, "study": {"teams": [{"team": "ZZ"}]}})
