"""How the visit diary reads: this month's progress against the quota (and a past
month's), what is still missing, the monthly reminder, the chairs' completion table and
who was (not) visited, in both languages, with names escaped."""

from __future__ import annotations

from datetime import date

import pytest

from bot.texts import Texts
from bot.visit_calendar import coverage
from bot.visit_views import (
    MAX_NAMES,
    completion_text,
    coverage_text,
    missing_text,
    nag_text,
    progress,
)
from bot.visits import Quota, Tally

NOV = "2026-11"
QUOTA = Quota()  # talks 3-5, home visits 2-4
BOLD = "<b>x</b>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt;"


@pytest.fixture(scope="module")
def t() -> Texts:
    return Texts()


# ---------------------------------------------------------------- progress

@pytest.mark.parametrize(("counts", "zh", "en"), [
    (Tally(3, 2), "本月 谈心 3/3 · 家访 2/2 · ✓ 已完成",
     "This month: talks 3/3 · home visits 2/2 · ✓ done"),
    (Tally(6, 5), "本月 谈心 6/3 · 家访 5/2 · ✓ 已完成",
     "This month: talks 6/3 · home visits 5/2 · ✓ done"),
    (Tally(1, 2), "本月 谈心 1/3 · 家访 2/2 · 还差谈心 2 次",
     "This month: talks 1/3 · home visits 2/2 · still 2 talk(s) to go"),
    (Tally(3, 0), "本月 谈心 3/3 · 家访 0/2 · 还差家访 2 次",
     "This month: talks 3/3 · home visits 0/2 · still 2 home visit(s) to go"),
])
def test_progress_this_month(t: Texts, counts: Tally, zh: str, en: str) -> None:
    assert progress(t, "zh-CN", NOV, NOV, counts, QUOTA) == zh
    assert progress(t, "en", NOV, NOV, counts, QUOTA) == en


def test_progress_missing_both(t: Texts) -> None:
    assert progress(t, "zh-CN", NOV, NOV, Tally(2, 1), QUOTA) == \
        "本月 谈心 2/3 · 家访 1/2 · 还差谈心 1 次、家访 1 次"
    english = progress(t, "en", NOV, NOV, Tally(2, 1), QUOTA)
    assert english.startswith("This month: talks 2/3 · home visits 1/2 · still 1 talk(s)")
    assert english.endswith("1 home visit(s) to go")


def test_english_progress_has_no_chinese_punctuation(t: Texts) -> None:
    assert "、" not in progress(t, "en", NOV, NOV, Tally(2, 1), QUOTA)


def test_progress_of_a_past_month_says_short(t: Texts) -> None:
    assert progress(t, "zh-CN", "2026-10", NOV, Tally(1, 2), QUOTA) == \
        "10月 谈心 1/3 · 家访 2/2 · 差谈心 2 次"
    assert progress(t, "zh-CN", "2026-10", NOV, Tally(0, 0), QUOTA) == \
        "10月 谈心 0/3 · 家访 0/2 · 差谈心 3 次、家访 2 次"
    assert progress(t, "zh-CN", "2026-01", NOV, Tally(3, 2), QUOTA) == \
        "1月 谈心 3/3 · 家访 2/2 · ✓ 已完成"
    assert progress(t, "en", "2026-10", NOV, Tally(1, 2), QUOTA) == \
        "Month 10: talks 1/3 · home visits 2/2 · 2 talk(s) short"
    assert "还差" not in progress(t, "zh-CN", "2026-10", NOV, Tally(0, 0), QUOTA)


def test_progress_against_an_officers_own_quota(t: Texts) -> None:
    own = Quota(talks=(1, 2), homes=(0, 1))
    assert progress(t, "zh-CN", NOV, NOV, Tally(1, 0), own) == \
        "本月 谈心 1/1 · 家访 0/0 · ✓ 已完成"


def test_progress_without_a_quota_shows_counts_only(t: Texts) -> None:
    assert progress(t, "zh-CN", NOV, NOV, Tally(2, 1), None) == "本月 谈心 2 次 · 家访 1 次"
    assert progress(t, "zh-CN", "2026-10", NOV, Tally(0, 0), None) == \
        "10月 谈心 0 次 · 家访 0 次"
    assert progress(t, "en", NOV, NOV, Tally(2, 1), None) == \
        "This month: 2 talk(s) · 1 home visit(s)"
    assert progress(t, "en", "2026-10", NOV, Tally(2, 1), None) == \
        "Month 10: 2 talk(s) · 1 home visit(s)"


def test_missing_text(t: Texts) -> None:
    assert missing_text(t, "zh-CN", 2, 1) == "还差谈心 2 次、家访 1 次"
    assert missing_text(t, "zh-CN", 0, 1) == "还差家访 1 次"
    assert missing_text(t, "zh-CN", 2, 0, past=True) == "差谈心 2 次"
    assert missing_text(t, "en", 2, 0) == "still 2 talk(s) to go"
    assert missing_text(t, "en", 0, 1, past=True) == "1 home visit(s) short"


# ---------------------------------------------------------------- the reminder

def test_nag_text(t: Texts) -> None:
    zh = nag_text(t, "zh-CN", NOV, Tally(1, 0), QUOTA, date(2026, 11, 30))
    assert zh == ("📔 <b>走访谈心提醒</b>\n"
                  "11月到现在：谈心 1 次、家访 0 次，还差谈心 2 次、家访 2 次。\n"
                  "每月要求：谈心 3–5 次，家访 2–4 次。本月到 11-30 为止，请抽空完成。")
    en = nag_text(t, "en", NOV, Tally(3, 1), Quota((3, 6), (2, 3)), date(2026, 11, 30))
    assert en == ("📔 <b>Visits reminder</b>\n"
                  "Month 11 so far: 3 talk(s), 1 home visit(s); still 1 home visit(s) to go.\n"
                  "Each month: 3–6 talks and 2–3 home visits. The month ends on 11-30.")


# ---------------------------------------------------------------- the completion table

def rows() -> list[tuple[str, str, Tally, Quota]]:
    return [(BOLD, "一班", Tally(3, 2), QUOTA),  # done
            ("张三", "二班", Tally(1, 0), QUOTA),  # behind
            ("李四", "一班", Tally(0, 2), QUOTA),  # behind
            ("王五", "一班", Tally(5, 4), QUOTA)]  # done


def test_completion_puts_those_behind_first(t: Texts) -> None:
    text = completion_text(t, "zh-CN", NOV, rows(), past=False)
    assert text.split("\n") == [
        "📊 <b>2026-11 走访谈心完成情况</b>",
        "达到每月最低要求：2/4 人",
        "李四（一班）谈心 0/3 · 家访 2/2 · 还差谈心 3 次",
        "张三（二班）谈心 1/3 · 家访 0/2 · 还差谈心 2 次、家访 2 次",
        f"{ESCAPED}（一班）谈心 3/3 · 家访 2/2 · ✓ 完成",
        "王五（一班）谈心 5/3 · 家访 4/2 · ✓ 完成"]
    assert BOLD not in text


def test_completion_of_a_month_that_is_over(t: Texts) -> None:
    text = completion_text(t, "zh-CN", "2026-10", rows(), past=True)
    assert "李四（一班）谈心 0/3 · 家访 2/2 · 差谈心 3 次" in text.split("\n")
    assert "还差" not in text
    english = completion_text(t, "en", "2026-10", rows(), past=True).split("\n")
    assert english[:3] == ["📊 <b>Visits and talks, 2026-10</b>",
                           "Reached the monthly minimum: 2/4",
                           "李四 (一班) talks 0/3 · home visits 2/2 · 3 talk(s) short"]
    assert english[4] == f"{ESCAPED} (一班) talks 3/3 · home visits 2/2 · ✓ done"


def test_completion_counts_against_each_officers_quota(t: Texts) -> None:
    light = Quota((1, 2), (0, 1))
    text = completion_text(t, "zh-CN", NOV, [("甲", "一班", Tally(1, 0), light),
                                             ("乙", "一班", Tally(1, 0), QUOTA)], False)
    lines = text.split("\n")
    assert lines[1] == "达到每月最低要求：1/2 人"
    assert lines[2].startswith("乙") and lines[3] == "甲（一班）谈心 1/1 · 家访 0/0 · ✓ 完成"
    empty = completion_text(t, "zh-CN", NOV, [], False)
    assert empty.split("\n")[1] == "达到每月最低要求：0/0 人"


# ---------------------------------------------------------------- who was visited

SINCE = date(2025, 11, 22)


def test_coverage_text(t: Texts) -> None:
    found = coverage([(1, BOLD), (2, "张三"), (3, "李四"), (4, "王五")],
                     {2: date(2026, 1, 10), 3: date(2026, 6, 1), 4: date(2024, 1, 1)}, SINCE)
    assert coverage_text(t, "zh-CN", "<i>一班</i>", found).split("\n") == [
        "👥 <b>&lt;i&gt;一班&lt;/i&gt; · 近 12 个月走访</b>（2025-11-22 起）",
        "已谈心或家访：2/4 人",
        f"还没走访过的 2 人：{ESCAPED}、王五",
        "最久没走访的：张三（上次 2026-01-10）"]
    oldest = coverage([(1, BOLD)], {1: date(2026, 1, 10)}, SINCE)
    assert f"Longest since a visit: {ESCAPED} (last 2026-01-10)" in \
        coverage_text(t, "en", "A", oldest).split("\n")


def test_coverage_text_when_everyone_or_no_one_was_visited(t: Texts) -> None:
    everyone = coverage([(1, "张三")], {1: date(2026, 1, 10)}, SINCE)
    assert coverage_text(t, "zh-CN", "一班", everyone).split("\n")[2:] == [
        "✓ 每个人都走访过了。", "最久没走访的：张三（上次 2026-01-10）"]
    nobody = coverage([(1, "张三"), (2, "李四")], {}, SINCE)
    lines = coverage_text(t, "en", "A1", nobody).split("\n")
    assert lines[1:] == ["Talked with or visited: 0/2", "Never visited (2): 张三, 李四"]


def test_coverage_text_shows_at_most_60_names(t: Texts) -> None:
    assert MAX_NAMES == 60
    exactly = coverage([(i, f"m{i:03d}") for i in range(60)], {}, SINCE)
    lines = coverage_text(t, "zh-CN", "一班", exactly).split("\n")
    assert lines[2] == "还没走访过的 60 人：" + "、".join(f"m{i:03d}" for i in range(60))
    assert len(lines) == 3
    many = coverage([(i, f"m{i:03d}") for i in range(65)], {}, SINCE)
    lines = coverage_text(t, "zh-CN", "一班", many).split("\n")
    assert lines[2] == "还没走访过的 65 人：" + "、".join(f"m{i:03d}" for i in range(60))
    assert "m060" not in lines[2]
    assert lines[3] == "……还有 5 人"
    assert coverage_text(t, "en", "A1", many).split("\n")[3] == "… 5 more"
    one_more = coverage([(i, f"m{i:03d}") for i in range(61)], {}, SINCE)
    assert coverage_text(t, "zh-CN", "一班", one_more).split("\n")[3] == "……还有 1 人"
