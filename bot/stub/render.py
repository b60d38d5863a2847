"""Readable one-event renderings for the transcript (the offline demo prints these)."""

from __future__ import annotations

from bot.stub.state import Message

INDENT = "     "


def block(head: str, body: str) -> str:
    """``head`` + first line of ``body``; further lines indented under it."""
    lines = body.splitlines() or [""]
    return "\n".join([head + lines[0], *(INDENT + line for line in lines[1:])])


def buttons(msg: Message) -> str:
    rows = msg.buttons
    return "\n".join(INDENT + " ".join(f"[{text}]" for text, _ in row) for row in rows)


def with_buttons(line: str, msg: Message) -> str:
    shown = buttons(msg)
    return f"{line}\n{shown}" if shown else line
