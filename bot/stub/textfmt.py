"""Telegram text rules: UTF-16 length counting and the HTML parse_mode parser.

Lengths are counted in UTF-16 code units, which is how Telegram measures entity offsets
and (within a few edge cases) the 4096/1024 limits. The HTML parser follows tdlib's
``parse_html`` closely so that the error texts match what the real Bot API answers
("can't parse entities: ..." followed by tdlib's message, byte offsets in UTF-8).
"""

from __future__ import annotations

import re
from typing import Any

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024

# tag name -> entity type (span / tg-emoji / a / pre / code are handled specially)
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
}
_SUPPORTED = {*_SIMPLE_TAGS, "a", "code", "pre", "span", "tg-emoji"}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_NUMERIC_RE = re.compile(r"#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});")
_NAMED_RE = re.compile(r"([a-z]{2,4});")


class EntityParseError(ValueError):
    """The text is not valid for its parse_mode; str(err) is tdlib's message."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units (characters outside the BMP count twice)."""
    return len(text.encode("utf-16-le")) // 2


def _space(ch: str) -> bool:
    return ch in " \t\r\n"


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """Decode an HTML entity starting at text[i] == '&'; return (char, next index)."""
    m = _NUMERIC_RE.match(text, i + 1)
    if m:
        body = m.group(1)
        code = int(body[1:], 16) if body[0] == "x" else int(body)
        if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
            return chr(code), m.end()
        return None
    m = _NAMED_RE.match(text, i + 1)
    if m and m.group(1) in _NAMED_ENTITIES:
        return _NAMED_ENTITIES[m.group(1)], m.end()
    return None


def _byte_offset(text: str, i: int) -> int:
    return len(text[:i].encode("utf-8"))


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into (plain text, entities) or raise EntityParseError."""
    out: list[str] = []
    offset = 0  # UTF-16 offset of the plain text produced so far
    stack: list[tuple[str, str, int]] = []  # (tag, argument, start offset)
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_entity(text, i)
            if decoded is not None:
                out.append(decoded[0])
                offset += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if ch != "<":
            out.append(ch)
            offset += utf16_len(ch)
            i += 1
            continue
        begin = _byte_offset(text, i)
        i += 1
        if i < n and text[i] == "/":
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {begin}")
            j = i + 1
            while j < n and not _space(text[j]) and text[j] != ">":
                j += 1
            end_name = text[i + 1 : j].lower()
            while j < n and _space(text[j]):
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {begin}")
            tag, arg, start = stack.pop()
            if end_name and end_name != tag:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {begin}, expected "</{tag}>", '
                    f'found "</{end_name}>"'
                )
            _add_entity(entities, tag, arg, start, offset)
            i = j + 1
            continue
        j = i
        while j < n and not _space(text[j]) and text[j] != ">":
            j += 1
        tag = text[i:j].lower()
        if tag not in _SUPPORTED:
            raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
        arg = ""
        i = j
        while True:
            while i < n and _space(text[i]):
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            if text[i] == ">":
                break
            a = i
            while i < n and not _space(text[i]) and text[i] not in "=>":
                i += 1
            attr = text[a:i].lower()
            if not attr:
                raise EntityParseError(
                    f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                )
            while i < n and _space(text[i]):
                i += 1
            if i >= n or text[i] != "=":
                if tag == "blockquote" and attr == "expandable":
                    arg = "expandable"
                    continue
                raise EntityParseError(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {begin}'
                )
            i += 1
            while i < n and _space(text[i]):
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
            value, i = _read_attr_value(text, i, begin)
            if (tag, attr) in {("a", "href"), ("tg-emoji", "emoji-id")}:
                arg = value
            elif tag == "code" and attr == "class" and value.startswith("language-"):
                arg = value[len("language-") :]
            elif tag == "span" and attr == "class" and value.startswith("tg-"):
                arg = value[3:]
        if tag == "span" and arg != "spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {begin}'
            )
        stack.append((tag, arg, offset))
        i += 1
    if stack:
        raise EntityParseError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _read_attr_value(text: str, i: int, begin: int) -> tuple[str, int]:
    n = len(text)
    if text[i] in "'\"":
        quote = text[i]
        i += 1
        buf: list[str] = []
        while i < n and text[i] != quote:
            if text[i] == "&":
                decoded = _decode_entity(text, i)
                if decoded is not None:
                    buf.append(decoded[0])
                    i = decoded[1]
                    continue
            buf.append(text[i])
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
        return "".join(buf), i + 1
    a = i
    while i < n and (text[i].isalnum() or text[i] in ".-"):
        i += 1
    if i >= n:
        raise EntityParseError(f"Unclosed start tag at byte offset {begin}")
    if not _space(text[i]) and text[i] != ">":
        raise EntityParseError(f"Unexpected end of name token at byte offset {begin}")
    return text[a:i].lower(), i


def _add_entity(
    entities: list[dict[str, Any]], tag: str, arg: str, start: int, end: int
) -> None:
    if end <= start:
        return  # Telegram silently drops empty entities
    ent: dict[str, Any] = {"offset": start, "length": end - start}
    if tag in _SIMPLE_TAGS:
        ent["type"] = _SIMPLE_TAGS[tag]
        if tag == "blockquote" and arg == "expandable":
            ent["type"] = "expandable_blockquote"
    elif tag == "span":
        ent["type"] = "spoiler"
    elif tag == "a":
        if not arg:
            return
        ent["type"] = "text_link"
        ent["url"] = arg
    elif tag == "tg-emoji":
        ent["type"] = "custom_emoji"
        ent["custom_emoji_id"] = arg
    elif tag == "code":
        ent["type"] = "code"
    else:  # pre
        ent["type"] = "pre"
    entities.append(ent)


def strip_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim leading/trailing whitespace as Telegram does, shifting entities to match."""
    stripped = text.lstrip()
    lead = utf16_len(text) - utf16_len(stripped)
    stripped = stripped.rstrip()
    total = utf16_len(stripped)
    fixed: list[dict[str, Any]] = []
    for ent in entities:
        start = max(ent["offset"] - lead, 0)
        end = min(ent["offset"] + ent["length"] - lead, total)
        if end > start:
            fixed.append({**ent, "offset": start, "length": end - start})
    return stripped, fixed


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Apply parse_mode (only HTML is parsed; Markdown modes pass through) and trim."""
    ents: list[dict[str, Any]] = list(entities or [])
    if parse_mode and parse_mode.lower() == "html":
        text, ents = parse_html(text)
    return strip_text(text, ents)
