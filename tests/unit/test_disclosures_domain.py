"""厂务公开, plain rules: the title, period, body, a chair's comment and a correction as
typed; the steps of a draft and the check of a finished one; who may approve; the pacing
of the 已阅 count and of the drafter's progress line; read shares; the months offered;
what an uploaded document is taken as."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.disclosures import (
    EDITABLE,
    MAX_BODY,
    MAX_COMMENT,
    MAX_CORRECTION,
    MAX_PERIOD,
    MAX_TITLE,
    STEPS,
    Attachment,
    Disclosure,
    Progress,
    Status,
    approval_refusal,
    attachment_kind,
    clean_body,
    clean_comment,
    clean_correction,
    clean_period,
    clean_title,
    missing,
    month_label,
    next_edit_at,
    next_step,
    progress_due,
    read_share,
    recent_months,
)
from bot.members import InvalidInput

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=UTC)


def refused(call: object, *args: object) -> InvalidInput:
    """The InvalidInput raised by call(*args); fails the test if none is."""
    assert callable(call)
    with pytest.raises(InvalidInput) as caught:
        call(*args)
    return caught.value


# ---------------------------------------------------------------- title and period

@pytest.mark.parametrize(("text", "expected"), [
    ("11月工资公开", "11月工资公开"),
    ("  11月工资公开  ", "11月工资公开"),
    ("11月\n工资\t公开", "11月 工资 公开"),            # one line
    ("11月   工资", "11月 工资"),                       # runs of spaces collapse
    ("２０２６年１１月　工资", "2026年11月 工资"),       # NFKC: full-width digits and space
    ("ＡＢＣ班组奖金", "ABC班组奖金"),
    ("①号", "1号"),
    ("ab", "ab"),                                        # two characters are enough
])
def test_title_cleaned(text: str, expected: str) -> None:
    assert clean_title(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "工", " 工 ", "\n\t", "\u3000工\u3000"])
def test_title_too_short(text: str) -> None:
    assert refused(clean_title, text).key == "disclose-title-short"


def test_title_limit_counts_after_cleaning() -> None:
    at_limit = "工" * MAX_TITLE
    assert clean_title(at_limit) == at_limit
    assert clean_title(f"   {at_limit}\n") == at_limit  # padding does not count
    bad = refused(clean_title, at_limit + "资")
    assert bad.key == "disclose-title-long"
    assert bad.args_for_text == {"limit": MAX_TITLE, "length": MAX_TITLE + 1}


def test_title_length_measured_after_nfkc() -> None:
    # "㍿" is four characters once normalised (株式会社).
    assert len(clean_title("㍿" + "a" * (MAX_TITLE - 4))) == MAX_TITLE
    bad = refused(clean_title, "㍿" + "a" * (MAX_TITLE - 3))
    assert bad.args_for_text == {"limit": MAX_TITLE, "length": MAX_TITLE + 1}


@pytest.mark.parametrize(("call", "key"), [
    (clean_title, "disclose-title-short"),
    (clean_period, "disclose-period-empty"),
    (clean_body, "disclose-body-empty"),
    (clean_comment, "disclose-comment-empty"),
    (clean_correction, "disclose-fix-empty"),
])
def test_invisible_text_refused(call: object, key: str) -> None:
    """Every other text the bot takes (cards, hazards, study, visits) refuses text a reader
    cannot see: here a title or body of zero-width spaces would be posted to every group."""
    assert refused(call, "\u200b\u200b\u200b").key == key


@pytest.mark.parametrize(("text", "expected"), [
    ("2026年11月", "2026年11月"),
    (" 2026年 11月 ", "2026年 11月"),
    ("２０２６年１１月", "2026年11月"),
    ("2026\n第四季度", "2026 第四季度"),
    ("x", "x"),                                 # a single character is a period
])
def test_period_cleaned(text: str, expected: str) -> None:
    assert clean_period(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "\n", "\u3000"])
def test_period_empty(text: str) -> None:
    assert refused(clean_period, text).key == "disclose-period-empty"


def test_period_limit() -> None:
    assert clean_period("月" * MAX_PERIOD) == "月" * MAX_PERIOD
    bad = refused(clean_period, "月" * (MAX_PERIOD + 1))
    assert (bad.key, bad.args_for_text) == ("disclose-period-long", {"limit": MAX_PERIOD})
    # Full-width padding is whitespace after NFKC and does not count.
    assert clean_period("\u3000" + "月" * MAX_PERIOD + "\u3000") == "月" * MAX_PERIOD


# ---------------------------------------------------------------- body, comment, correction

BLOCKS = [
    (clean_body, MAX_BODY, "disclose-body-long", "disclose-body-empty"),
    (clean_comment, MAX_COMMENT, "disclose-comment-long", "disclose-comment-empty"),
    (clean_correction, MAX_CORRECTION, "disclose-fix-long", "disclose-fix-empty"),
]
BLOCK_IDS = ["body", "comment", "correction"]


@pytest.mark.parametrize(("call", "limit", "long_key", "empty_key"), BLOCKS, ids=BLOCK_IDS)
def test_block_keeps_lines_and_trims_ends(call: object, limit: int, long_key: str,
                                          empty_key: str) -> None:
    assert callable(call)
    text = "\n\n  一班：3000元   \n  二班：2800元\t\n\n\n备注：按出勤  \n\n"
    # Outer blank lines and trailing spaces go; inner indentation and blank lines stay.
    assert call(text) == "一班：3000元\n  二班：2800元\n\n\n备注：按出勤"
    assert call("\r\n一\r\n二\r\n") == "一\n二"


@pytest.mark.parametrize(("call", "limit", "long_key", "empty_key"), BLOCKS, ids=BLOCK_IDS)
@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \t \n \u3000 "])
def test_block_empty(call: object, limit: int, long_key: str, empty_key: str,
                     text: str) -> None:
    assert refused(call, text).key == empty_key


@pytest.mark.parametrize(("call", "limit", "long_key", "empty_key"), BLOCKS, ids=BLOCK_IDS)
def test_block_limit(call: object, limit: int, long_key: str, empty_key: str) -> None:
    assert callable(call)
    assert call("字" * limit) == "字" * limit
    assert call("\n  " + "字" * limit + "  \n") == "字" * limit  # trimmed before counting
    bad = refused(call, "字" * (limit + 1))
    assert bad.key == long_key
    assert bad.args_for_text == {"limit": limit, "length": limit + 1}


def test_block_limits_are_ordered() -> None:
    assert MAX_COMMENT < MAX_CORRECTION < MAX_BODY < 4096  # one Telegram message


def test_body_keeps_the_characters_as_typed() -> None:
    """Only whitespace is touched in a body: amounts in full-width digits stay as typed."""
    assert clean_body("合计：１０００元") == "合计：１０００元"


# ---------------------------------------------------------------- steps of a draft

def test_steps_in_order() -> None:
    assert STEPS == ("category", "period", "title", "body", "attach", "chats", "pin")
    assert [next_step(s, False) for s in STEPS] == [*STEPS[1:], "preview"]


def test_every_step_when_editing_goes_back_to_the_preview() -> None:
    assert set(EDITABLE) <= set(STEPS)
    assert "category" not in EDITABLE
    assert all(next_step(s, True) == "preview" for s in STEPS)


@pytest.mark.parametrize("step", ["preview", "", "nonsense"])
def test_unknown_step_goes_to_the_preview(step: str) -> None:
    assert next_step(step, False) == "preview"
    assert next_step(step, True) == "preview"


COMPLETE = {"category": "工资", "period": "2026年11月", "title": "11月工资", "body": "见表",
            "chats": [-100]}


def test_a_complete_draft_lacks_nothing() -> None:
    assert missing(COMPLETE) is None
    assert missing({**COMPLETE, "att": "none", "pin": False}) is None  # optional parts


@pytest.mark.parametrize(("dropped", "key"), [
    ("category", "disclose-missing-category"),
    ("period", "disclose-missing-period"),
    ("title", "disclose-missing-title"),
    ("body", "disclose-missing-body"),
    ("chats", "disclose-missing-chats"),
])
def test_missing_names_the_part(dropped: str, key: str) -> None:
    without = {k: v for k, v in COMPLETE.items() if k != dropped}
    assert missing(without) == key
    assert missing({**COMPLETE, dropped: type(COMPLETE[dropped])()}) == key  # "" or []


def test_missing_names_the_first_part_lacking() -> None:
    assert missing({}) == "disclose-missing-category"
    assert missing({"category": "工资", "chats": [1]}) == "disclose-missing-period"
    assert missing({**COMPLETE, "title": "", "body": ""}) == "disclose-missing-title"
    assert missing({**COMPLETE, "body": "", "chats": []}) == "disclose-missing-body"


# ---------------------------------------------------------------- who approves

CHAIR, OTHER_CHAIR, DRAFTER = 7, 8, 3


@pytest.mark.parametrize(("is_chair", "member_id", "expected"), [
    (True, OTHER_CHAIR, None),                          # another chair approves
    (True, CHAIR, None),
    (False, OTHER_CHAIR, "disclose-chairs-only"),       # an officer, not a chair
    (False, DRAFTER, "disclose-chairs-only"),
    (True, None, "disclose-chairs-only"),               # a chair not registered
    (False, None, "disclose-chairs-only"),
    (True, DRAFTER, "disclose-own-draft"),              # the drafter, though a chair
])
def test_approval_refusal(is_chair: bool, member_id: int | None,
                          expected: str | None) -> None:
    assert approval_refusal(is_chair, member_id, DRAFTER) == expected


# ---------------------------------------------------------------- pacing

def test_first_count_edit_is_now() -> None:
    assert next_edit_at(None, NOW, 10) == NOW


@pytest.mark.parametrize(("ago", "expected_after_now"), [
    (0, 10),    # just edited: wait the whole interval
    (3, 7),
    (9.5, 0.5),
    (10, 0),    # exactly the interval: now
    (60, 0),    # long ago: now, never in the past
])
def test_count_edits_paced(ago: float, expected_after_now: float) -> None:
    last = NOW - timedelta(seconds=ago)
    assert next_edit_at(last, NOW, 10) == NOW + timedelta(seconds=expected_after_now)


def test_progress_counts() -> None:
    p = Progress(total=40, sent=10, failed=1, uncertain=1)
    assert p.done == 12 and not p.finished
    assert Progress(40, 38, 1, 1).finished
    assert Progress(3, 3, 0, 0).finished
    assert Progress(3, 0, 3, 0).finished            # all failed is over too
    assert Progress(3, 0, 0, 3).finished
    assert not Progress(3, 2, 0, 0).finished
    assert Progress(0, 0, 0, 0).finished            # nothing queued: nothing to wait for
    assert Progress(0, 0, 0, 0).done == 0


MIDWAY = Progress(40, 12, 0, 0)


def test_progress_line_first_update_at_once() -> None:
    assert progress_due(None, NOW, 5, MIDWAY)


@pytest.mark.parametrize(("ago", "due"), [(0, False), (4.9, False), (5, True), (30, True)])
def test_progress_line_paced(ago: float, due: bool) -> None:
    assert progress_due(NOW - timedelta(seconds=ago), NOW, 5, MIDWAY) is due


@pytest.mark.parametrize("progress", [
    Progress(40, 0, 0, 0),     # nothing out yet: nothing to say
    Progress(40, 40, 0, 0),    # over: the report says it all
    Progress(40, 30, 8, 2),
    Progress(0, 0, 0, 0),
])
def test_progress_line_not_before_or_after(progress: Progress) -> None:
    assert not progress_due(None, NOW, 5, progress)
    assert not progress_due(NOW - timedelta(hours=1), NOW, 5, progress)


def test_progress_line_counts_failures_as_progress() -> None:
    assert progress_due(None, NOW, 5, Progress(40, 0, 1, 0))
    assert progress_due(None, NOW, 5, Progress(40, 0, 0, 1))


@pytest.mark.parametrize(("read", "expected", "share"), [
    (18, 22, "18/22"),
    (0, 22, "0/22"),
    (22, 22, "22/22"),
    (0, 0, "0/0"),
    (5, 3, "5/5"),     # more read than expected: the readers count
    (1, 0, "1/1"),
])
def test_read_share(read: int, expected: int, share: str) -> None:
    assert read_share(read, expected) == share


# ---------------------------------------------------------------- months

def test_recent_months_newest_first() -> None:
    assert recent_months(date(2026, 11, 21)) == [(2026, 11), (2026, 10), (2026, 9)]


def test_recent_months_across_the_new_year() -> None:
    assert recent_months(date(2027, 1, 1)) == [(2027, 1), (2026, 12), (2026, 11)]
    assert recent_months(date(2027, 2, 28)) == [(2027, 2), (2027, 1), (2026, 12)]
    assert recent_months(date(2027, 3, 31)) == [(2027, 3), (2027, 2), (2027, 1)]


def test_recent_months_count() -> None:
    assert recent_months(date(2026, 11, 21), 1) == [(2026, 11)]
    assert recent_months(date(2026, 11, 21), 0) == []
    thirteen = recent_months(date(2026, 11, 21), 13)
    assert thirteen[0] == (2026, 11) and thirteen[12] == (2025, 11)
    assert thirteen[10:12] == [(2026, 1), (2025, 12)]
    assert len(set(thirteen)) == 13


@pytest.mark.parametrize(("year", "month", "lang", "label"), [
    (2026, 11, "zh-CN", "2026年11月"),
    (2026, 1, "zh-CN", "2026年1月"),
    (2026, 1, "zh", "2026年1月"),
    (2026, 1, "en", "2026-01"),
    (2026, 12, "en", "2026-12"),
])
def test_month_label(year: int, month: int, lang: str, label: str) -> None:
    assert month_label(year, month, lang) == label


def test_month_label_is_a_valid_period() -> None:
    for year, month in recent_months(date(2027, 1, 5), 12):
        for lang in ("zh-CN", "en"):
            label = month_label(year, month, lang)
            assert clean_period(label) == label


# ---------------------------------------------------------------- attachments

@pytest.mark.parametrize(("name", "mime", "kind"), [
    ("工资表.csv", "text/csv", Attachment.TABLE),
    ("工资表.CSV", None, Attachment.TABLE),
    ("奖金.xlsx", None, Attachment.TABLE),
    ("奖金.XLSX", "application/octet-stream", Attachment.TABLE),
    ("a.b.xlsx", None, Attachment.TABLE),
    ("通知.pdf", "application/pdf", Attachment.DOCUMENT),
    ("通知.PDF", None, Attachment.DOCUMENT),
    ("scan", "application/pdf", Attachment.DOCUMENT),       # a PDF by its type alone
    (None, "application/pdf", Attachment.DOCUMENT),
    ("通知.pdf", "application/octet-stream", Attachment.DOCUMENT),
    ("说明.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     None),
    ("说明.doc", "application/msword", None),
    ("旧表.xls", "application/vnd.ms-excel", None),      # old Excel: not read
    ("图.png", "image/png", None),
    ("csv", None, None),                                   # a name that only says csv
    ("表.csv.exe", None, None),
    (None, None, None),
    ("", "", None),
])
def test_attachment_kind(name: str | None, mime: str | None, kind: Attachment | None) -> None:
    assert attachment_kind(name, mime) == kind


def test_a_table_is_known_by_its_name_not_its_type() -> None:
    """Tables are read by their file name's suffix, so a type alone does not make one."""
    assert attachment_kind("data", "text/csv") is None


# ---------------------------------------------------------------- the record

def test_disclosure_record_defaults() -> None:
    d = Disclosure(id=1, category="工资", period="2026年11月", title="11月工资", body="见表",
                   status=Status.PENDING, drafted_by=3, created_at=NOW)
    assert not d.is_correction
    assert d.attachment is Attachment.NONE and d.images == () and not d.pin
    assert d.decided_by is None and d.return_comment is None
    fix = Disclosure(id=2, category="工资", period="2026年11月", title="11月工资",
                     body="更正", status=Status.PENDING, drafted_by=3, created_at=NOW,
                     parent_id=1)
    assert fix.is_correction
    assert [s.value for s in Status] == ["pending", "returned", "approved"]
    assert [a.value for a in Attachment] == ["none", "photo", "document", "table"]
