"""Hypothesis strategies for the generated-updates suite (tests/e2e/test_hardening_generated.py):
what a user may send the bot, as plain data — texts (4,096-unit Chinese, emoji, RTL and
zero-width characters, HTML-looking text), photos, documents (CSV, XLSX, PDF, damaged
files, random bytes), stickers, voice, locations, contacts, edits, commands known and
unknown, and button presses of the current prompt or of anything at all.

HTML-looking text carries *sentinels*: every fragment is `<prefix>Qz<NN><suffix>`, so a
bot message showing `QzNN` must show the fragment's prefix literally right before it,
and no entity may start at the sentinel (else the user's text was read as markup)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from hypothesis import strategies as st

from bot.limits import utf16_len

# ---- HTML-looking fragments ------------------------------------------------------------
# (prefix, suffix): the fragment sent is prefix + sentinel + suffix.
MARKUP: tuple[tuple[str, str], ...] = (
    ("<b>", "</b>"),
    ("<i>", "</i>"),
    ("<u>", "</u>"),
    ("<s>", "</s>"),
    ("<code>", "</code>"),
    ("<pre>", "</pre>"),
    ("<a href='x'>", "</a>"),
    ('<a href="https://evil.example/?a=1&b=2">', "</a>"),
    ("<tg-spoiler>", "</tg-spoiler>"),
    ('<span class="tg-spoiler">', "</span>"),
    ("<blockquote>", "</blockquote>"),
    ("<blockquote expandable>", "</blockquote>"),
    ('<tg-emoji emoji-id="5368324170671202286">', "</tg-emoji>"),
    ("<script>", "</script>"),
    ("<img src=x onerror=alert(1)>", ""),
    ("</b>", ""),
    ("<b>", ""),
    ("&", ""),
    ("&amp;", ""),
    ("&lt;", "&gt;"),
    ("&#60;b&#62;", ""),
    ("<", ">"),
    ("<<b>>", ""),
    ("*", "*"),
    ("_", "_"),
    ("`", "`"),
    ("[x](http://e.x)", ""),
    ("<b>x</b> & <a href='x'>", ""),
)
SENTINEL_RE = re.compile(r"Qz(\d\d)")


def sentinel(index: int) -> str:
    return f"Qz{index:02d}"


def fragment(index: int) -> str:
    prefix, suffix = MARKUP[index]
    return f"{prefix}{sentinel(index)}{suffix}"


def prefix_of(index: int) -> str:
    return MARKUP[index][0]


# Names (at most 32 characters) the lanes' members are registered with.
HTML_NAMES = (
    "<b>Qz00</b> & <a href='x'>Qz06",
    "张<i>Qz01</i>&amp;Qz18",
    "&lt;Qz19&gt; <code>Qz04</code>",
    "李<u>Qz02</u> &Qz17",
    "<b>x</b> & <a href='x'>Qz27",
    "王<tg-spoiler>Qz08</tg-spoiler>",
    "<s>Qz03</s><<b>>Qz22",
    "赵*Qz23* _Qz24_ `Qz25`",
    "孙<script>Qz13</script>",
    "周<pre>Qz05</pre>",
    "吴&#60;b&#62;Qz20",
    "郑<blockquote>Qz10</blockquote>",
)

# ---- characters ------------------------------------------------------------------------
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
EMOJI = ("😀", "👍🏽", "👨‍👩‍👧‍👦", "🇨🇳", "🏳️‍🌈", "❤️", "🧑🏿‍🔧", "🧑\u200d💻", "☕", "🀄", "𠮷",
         "𝕏", "🫠", "1️⃣", "👁‍🗨")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f")
BIDI = ("\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068",
        "\u2069", "\u200e", "\u200f", "\u061c", "\u202egnp.exe")
OTHER_SCRIPTS = ("مرحبا بالعالم", "שלום עולם", "Ελληνικά", "ไทย", "한국어", "Z̤̈́a̠̒l͇̕g͔̈o̧͒",
                 "e\u0301\u0301\u0301", "ǅ", "ﬁ", "Å", "ｆｕｌｌ　ｗｉｄｔｈ", "１２３", "٣٤",
                 "\U000e0041", "\U0010fffd")
WHITESPACE = (" ", "  ", "\n", "\n\n\n", "\t", "\r\n", "\u3000", "\u2028", "\u2029", "\u00a0",
              "\u2003", "\u205f")
# Texts the bot's buttons, parsers and menus know, typed instead of pressed.
KNOWN_WORDS = ("完成", "跳过", "同意", "不同意", "提交", "修改", "取消", "返回", "今天", "昨天",
               "安全生产", "工资", "通风", "回风巷", "一般", "重大", "谈心", "家访", "30", "60",
               "0", "-1", "100", "1e9", "999999999999999999999", "2026-11-15", "2026-11-16",
               "11-15", "11月15日", "刚才", "3小时前", "A1", "B2", "C3", "T-1024", "缺考",
               "本班组成员", "就写", "📝 写信息卡", "⚠️ 报告隐患", "📚 学习笔记", "帮助")


def _clip_units(text: str, units: int) -> str:
    """At most `units` UTF-16 code units of `text` (never half a surrogate pair)."""
    out, used = [], 0
    for ch in text:
        step = 2 if ord(ch) > 0xFFFF else 1
        if used + step > units:
            break
        out.append(ch)
        used += step
    return "".join(out)


def _repeat_to(unit: str, units: int) -> str:
    unit = unit or "长"
    reps = units // max(utf16_len(unit), 1) + 1
    return _clip_units(unit * reps, units)


def _text_piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=20),
        st.text(CJK, min_size=1, max_size=30),
        st.sampled_from(EMOJI),
        st.sampled_from(INVISIBLE),
        st.sampled_from(BIDI),
        st.sampled_from(OTHER_SCRIPTS),
        st.sampled_from(WHITESPACE),
        st.integers(0, len(MARKUP) - 1).map(fragment),
        st.integers(0, len(MARKUP) - 1).map(fragment),
        st.sampled_from(KNOWN_WORDS),
    )


def _nonempty(text: str) -> str:
    return text if text else "空"


SHORT_TEXT = st.lists(_text_piece(), min_size=1, max_size=8).map("".join).map(_nonempty)
# Telegram's limit for a message a user sends is the bot's too: 4,096 UTF-16 units.
LIMITS = (1024, 1025, 2000, 2001, 2049, 4000, 4096)
LONG_TEXT = st.one_of(
    st.builds(_repeat_to, st.text(CJK, min_size=1, max_size=12), st.just(4096)),
    st.builds(_repeat_to, st.sampled_from(EMOJI), st.just(4096)),
    st.builds(_repeat_to, st.lists(_text_piece(), min_size=1, max_size=4).map("".join),
              st.sampled_from(LIMITS)),
    st.builds(lambda a, b: _clip_units(a + b, 4096),
              st.builds(_repeat_to, st.text(CJK, min_size=1, max_size=4), st.just(4090)),
              st.sampled_from([*EMOJI, *BIDI, *INVISIBLE])),
)
TEXT = st.one_of(SHORT_TEXT, SHORT_TEXT, SHORT_TEXT, LONG_TEXT)
# What a person would type at a step asking for words: a few characters, now and then
# with HTML-looking text in them (so names, titles and bodies carry it through).
PLAUSIBLE = st.one_of(
    st.text(CJK, min_size=2, max_size=12),
    st.tuples(st.text(CJK, min_size=1, max_size=6), st.integers(0, len(MARKUP) - 1).map(
        fragment)).map("".join),
    st.sampled_from(KNOWN_WORDS),
)
CAPTION = st.one_of(st.none(), SHORT_TEXT.map(lambda t: _clip_units(t, 1024)),
                    LONG_TEXT.map(lambda t: _clip_units(t, 1024)))

# ---- commands --------------------------------------------------------------------------
KNOWN_COMMANDS = ("/start", "/help", "/cancel", "/lang", "/privacy", "/delete_my_data",
                  "/members", "/promote", "/demote", "/move", "/deactivate", "/reactivate",
                  "/card", "/mycards", "/cards", "/check", "/hazard", "/hazards", "/study",
                  "/mystudy", "/exam", "/exams", "/visit", "/visits", "/stats", "/export",
                  "/disclose", "/disclosures", "/setchat")
LINKS = ("/card_", "/hazard_", "/exam_", "/visit_", "/disclosure_")
ODD_COMMANDS = ("/CARD", "/Start", "/card@other_bot", "/card@xiaojia_bot", "/cancel@xiaojia_bot",
                "/start join_nosuchcode", "/start join_", "/start dq_1", "/start dq_x",
                "/start dq_99999999999999999999", "/check QZ00-<b>", "/promote #1 工会主席",
                "/a" * 20, "/", "/ 空格", "/_", "/card_", "/card_0", "/card_-1",
                "/card_99999999999999999999", "/hazard_1@xiaojia_bot", "/ping", "/setchat team A1")
COMMAND = st.one_of(
    st.sampled_from(KNOWN_COMMANDS),
    st.tuples(st.sampled_from(KNOWN_COMMANDS), SHORT_TEXT).map(lambda p: f"{p[0]} {p[1]}"),
    st.tuples(st.sampled_from(LINKS), st.integers(0, 60)).map(lambda p: f"{p[0]}{p[1]}"),
    st.sampled_from(ODD_COMMANDS),
    st.text("abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=40).map(
        lambda t: f"/{t}"),
)

# ---- callback data ---------------------------------------------------------------------
FLOW_NAMES = ("reg", "card", "hz", "study", "visit", "disclose", "exam", "examone",
              "examfile", "forget", "dback", "dfix", "cardact", "cardrate", "hzact", "hzfix",
              "nosuch")
STEP_NAMES = ("name", "team", "employee_no", "consent", "category", "text", "photos",
              "identity", "publish", "preview", "edit", "location", "severity", "description",
              "found", "kind", "minutes", "day", "notes", "whom", "member", "person",
              "reasons", "follow", "revisit", "help", "period", "title", "body", "attach",
              "chats", "pin", "subject", "held_on", "full", "pick", "score", "file",
              "confirm", "return", "dup", "who", "reply", "decline", "owner_team",
              "owner_member", "owner_dept", "deadline", "redo_deadline", "redo_reason",
              "reject", "")
VALUES = ("0", "1", "2", "3", "99", "-1", "done", "skip", "yes", "no", "submit", "save", "edit",
          "cancel", "back", "cut", "none", "all", "teams", "own", "person", "free0", "free1",
          "p1", "p-1", "p99", "named", "anonymous", "secret", "major", "ordinary", "now", "1h",
          "2026-11-20", "2026-11-16", "1e9", "９", "", "::", "\u202e", "photos", "text",
          "category", "99999999999999999999", "-1001000000101")
ITEM_PREFIXES = ("c", "h", "e", "m", "v", "vc", "da", "dd", "dr", "st", "ex", "lang")
ITEM_ACTIONS = ("ok", "no", "one", "file", "preview", "post", "return", "dup", "who", "reply",
                "decline", "rate", "fix", "redo", "zh-CN", "en", "xx", "month", "all", "")


def _fit_data(data: str) -> str:
    """Callback data as Telegram carries it: 1 to 64 bytes of UTF-8."""
    raw = data.encode("utf-8")[:64].decode("utf-8", "ignore")
    return raw or "x"


CALLBACK_DATA = st.one_of(
    st.tuples(st.sampled_from(FLOW_NAMES), st.sampled_from(STEP_NAMES),
              st.sampled_from(VALUES)).map(lambda p: f"f:{p[0]}:{p[1]}:{p[2]}"),
    st.tuples(st.sampled_from(ITEM_PREFIXES), st.integers(-1, 40),
              st.sampled_from(ITEM_ACTIONS)).map(lambda p: f"{p[0]}:{p[1]}:{p[2]}"),
    st.sampled_from(("study:start", "visit:start", "vq", "f:", "f:card", "f:card:text",
                     "f:card:text:cut:extra", "m:ok:", "lang:", ":", "\x00", "🀄")),
    st.text(max_size=64),
    st.binary(min_size=1, max_size=64).map(lambda b: b.decode("latin-1")),
).map(_fit_data)

# ---- files -----------------------------------------------------------------------------
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x00\xc0"
       b"\x08\x02\x00\x00\x00")
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
PHOTO_BYTES = st.one_of(
    st.binary(min_size=1, max_size=200).map(lambda b: PNG + b),
    st.binary(min_size=1, max_size=200).map(lambda b: JPEG + b),
    st.binary(min_size=1, max_size=300),
)

CELL = st.one_of(
    SHORT_TEXT.map(lambda t: _clip_units(t, 60)),
    st.sampled_from(("姓名", "成绩", "工号", "name", "score", "缺考", "-", "", "=1+1", "=A1",
                     "100", "59.5", "1e400", "nan", "-0", "１００", "T-1024")),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(HTML_NAMES),
)
ROWS = st.lists(st.lists(CELL, max_size=6), max_size=25)
ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode(encoding, "ignore")


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([ILLEGAL_XLSX.sub("", cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def damaged_xlsx(rows: list[list[str]], member: int | str, junk: bytes) -> bytes:
    """A real workbook with one of its parts (by index or name) replaced by `junk` (a
    damaged download, a file another program half-wrote)."""
    good = xlsx_bytes(rows)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w") as zout:
        names = zin.namelist()
        victim = member if isinstance(member, str) else names[member % len(names)]
        for name in names:
            zout.writestr(name, junk if name == victim else zin.read(name))
    return out.getvalue()


def long_field_csv(units: int) -> bytes:
    """A CSV whose quote never closes: the rest of the file is one field."""
    return ('姓名,成绩\n"' + "张" * units).encode("utf-8")


@dataclass(frozen=True)
class Doc:
    data: bytes
    filename: str
    mime: str
    caption: str | None

    def __repr__(self) -> str:
        return f"Doc({self.filename!r}, {len(self.data)} bytes, {self.mime!r})"


FILENAMES = ("成绩.xlsx", "scores.XLSX", "a.csv", "工资表.csv", "x.txt", "公开.pdf", "old.xls",
             "noext", ".csv", "😀.xlsx", "<b>Qz00</b>.csv", "\u202excsv.exe", "a" * 200 + ".csv",
             "table.csv.exe", "")
MIMES = ("application/octet-stream", "text/csv", "application/pdf", "application/vnd."
         "openxmlformats-officedocument.spreadsheetml.sheet", "image/png", "")


DOCUMENT = st.one_of(
    st.builds(Doc, st.builds(csv_bytes, ROWS, st.sampled_from(("utf-8", "utf-8-sig", "gb18030")),
                             st.sampled_from((",", "\t", ";", "，"))),
              st.sampled_from(("成绩.csv", "a.csv", "b.txt", "公开表.CSV")),
              st.just("text/csv"), CAPTION),
    st.builds(Doc, st.builds(xlsx_bytes, ROWS), st.sampled_from(("成绩.xlsx", "t.XLSX")),
              st.sampled_from(MIMES), CAPTION),
    st.builds(Doc, st.builds(damaged_xlsx, ROWS, st.integers(0, 20),
                             st.sampled_from((b"", b"garbage<<", b"<?xml version='1.0'?><x/>",
                                              b"\x00" * 10))),
              st.sampled_from(("坏的.xlsx", "b.xlsx")), st.sampled_from(MIMES), CAPTION),
    st.builds(Doc, st.builds(long_field_csv, st.sampled_from((10, 140_000))),
              st.just("长.csv"), st.just("text/csv"), CAPTION),
    st.builds(Doc, st.binary(max_size=400).map(lambda b: b"%PDF-1.4\n" + b),
              st.sampled_from(("公开.pdf", "x.PDF", "noext")),
              st.sampled_from(("application/pdf", "application/octet-stream")), CAPTION),
    st.builds(Doc, st.binary(max_size=2000), st.sampled_from(FILENAMES), st.sampled_from(MIMES),
              CAPTION),
)

# ---- actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One thing a lane's user does. `kind` picks the meaning of the other fields."""

    kind: str
    lane: int
    text: str = ""
    number: int = 0
    other: int = 0
    payload: object = None

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else \
            f"{self.text[:40]}…({len(self.text)} chars){self.text[-10:]}"
        extra = f", payload={self.payload!r}" if self.payload is not None else ""
        return f"Action({self.kind}, lane={self.lane}, text={text!r}, n={self.number}, " \
               f"o={self.other}{extra})"


def actions(lanes: int) -> st.SearchStrategy[Action]:
    lane = st.integers(0, lanes - 1)
    small = st.integers(0, 10_000)
    return st.one_of(
        # Doing what the prompt asks (pressing one of its buttons, or typing at a text
        # step) is weighted up, so every step of every conversation is reached.
        st.builds(Action, st.just("advance"), lane, TEXT, small, small),
        st.builds(Action, st.just("advance"), lane, SHORT_TEXT, small, small),
        st.builds(Action, st.just("advance"), lane, SHORT_TEXT, small, small),
        st.builds(Action, st.just("advance"), lane, PLAUSIBLE, small, small),
        st.builds(Action, st.just("advance"), lane, PLAUSIBLE, small, small),
        st.builds(Action, st.just("advance"), lane, PLAUSIBLE, small, small),
        st.builds(Action, st.just("advance"), lane, PLAUSIBLE, small, small),
        st.builds(Action, st.just("text"), lane, TEXT),
        st.builds(Action, st.just("photo"), lane, st.just(""), small, small,
                  st.tuples(PHOTO_BYTES, CAPTION)),
        st.builds(Action, st.just("document"), lane, payload=DOCUMENT),
        st.builds(Action, st.just("sticker"), lane, st.sampled_from(EMOJI)),
        st.builds(Action, st.just("voice"), lane, st.just(""), st.integers(0, 3600),
                  payload=st.binary(max_size=100)),
        st.builds(Action, st.just("location"), lane, payload=st.tuples(
            st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False))),
        st.builds(Action, st.just("contact"), lane, SHORT_TEXT, st.integers(0, 3),
                  payload=st.text(max_size=20)),
        st.builds(Action, st.just("edit"), lane, TEXT, small),
        st.builds(Action, st.just("command"), lane, COMMAND),
        st.builds(Action, st.just("press"), lane, st.just(""), small, small),
        st.builds(Action, st.just("forge"), lane, CALLBACK_DATA, small),
    )


def plans(lanes: int, min_size: int, max_size: int) -> st.SearchStrategy[list[Action]]:
    return st.lists(actions(lanes), min_size=min_size, max_size=max_size)
