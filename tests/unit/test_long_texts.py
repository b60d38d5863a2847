"""Long texts: a user's 3,000 characters pass through the catalogs whole (Fluent alone
refuses a placeable over 2,500), and messages are split as Telegram counts length
(UTF-16 code units: an emoji is two)."""

from __future__ import annotations

from bot.limits import MESSAGE_MAX, split_text, utf16_len
from bot.texts import Texts


def test_a_long_argument_goes_in_whole_and_escaped() -> None:
    texts = Texts()
    body = "<b>" + "工资&奖金" * 700  # 3,503 characters, longer still once escaped
    text = texts.get("zh-CN", "disclose-post", category="工资", title="标题", period="10月",
                     body=body, approver="张主席", day="2026-11-16")
    assert "&lt;b&gt;" + "工资&amp;奖金" * 700 in text
    assert "<b>厂务公开 · 工资</b>" in text  # the catalog's own markup is untouched


def test_two_long_arguments_do_not_swap() -> None:
    texts = Texts()
    one, two = "甲" * 1500, "乙" * 1500
    text = texts.get("zh-CN", "disclose-post", category="工资", title=one, period="10月",
                     body=two, approver="张主席", day="2026-11-16")
    assert text.index(one) < text.index(two)


def test_utf16_length_counts_an_emoji_twice() -> None:
    assert utf16_len("职工") == 2
    assert utf16_len("👍") == 2
    assert utf16_len("a👍b") == 4


def test_split_keeps_each_part_within_telegram_units() -> None:
    text = "👍" * 3000  # 3,000 characters, 6,000 units
    parts = split_text(text)
    assert len(parts) == 2
    assert all(utf16_len(p) <= MESSAGE_MAX for p in parts)
    assert "".join(parts) == text


def test_split_never_cuts_an_emoji_in_half_or_an_entity() -> None:
    text = "a" + "👍" * 2100 + "&amp;" * 10
    parts = split_text(text)
    assert all(utf16_len(p) <= MESSAGE_MAX for p in parts)
    assert "".join(parts) == text
    assert not any(p.endswith("&am") or p.startswith("p;") for p in parts)


def test_short_text_is_one_part() -> None:
    assert split_text("👍" * 2048) == ["👍" * 2048]
    assert len(split_text("👍" * 2049)) == 2
