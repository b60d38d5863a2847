"""User-facing texts: Project Fluent catalogs per language (bot/locales/<lang>/*.ftl,
one file per area, read as one catalog).

Handlers never hold strings; they ask `Texts.get(lang, key, **args)`. Every string
argument is HTML-escaped (messages go out with parse_mode HTML) unless wrapped in
`Safe`, which marks text the bot itself rendered from other catalog entries.
"""

from __future__ import annotations

import html
from functools import cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax import FluentParser, ast

LANGUAGES = ("zh-CN", "en")


class Safe(str):
    """Text already escaped or produced by the bot; inserted as is."""


class MissingText(KeyError):
    pass


@cache
def _source(lang: str) -> str:
    folder = resources.files("bot.locales").joinpath(lang)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".ftl")),
                   key=lambda f: f.name)
    return "\n".join(f.read_text("utf-8") for f in files)


def catalog_variables(lang: str) -> dict[str, set[str]]:
    """Every message id of a catalog with the variables it uses (for the parity test)."""
    resource = FluentParser().parse(_source(lang))
    found: dict[str, set[str]] = {}
    for entry in resource.body:
        if isinstance(entry, ast.Junk):
            raise ValueError(f"{lang}: syntax error near {(entry.content or '')[:60]!r}")
        if isinstance(entry, ast.Message):
            names: set[str] = set()
            _collect(entry, names)
            found[entry.id.name] = names
    return found


def _collect(node: Any, names: set[str]) -> None:
    if isinstance(node, ast.VariableReference):
        names.add(node.id.name)
    if isinstance(node, ast.BaseNode):
        for value in vars(node).values():
            if isinstance(value, list):
                for item in value:
                    _collect(item, names)
            else:
                _collect(value, names)


class Texts:
    def __init__(self, default_language: str = "zh-CN") -> None:
        self.default_language = default_language
        self._bundles: dict[str, FluentBundle] = {}
        for lang in LANGUAGES:
            bundle = FluentBundle([lang], use_isolating=False)
            bundle.add_resource(FluentResource(_source(lang)))
            self._bundles[lang] = bundle

    def language(self, lang: str | None) -> str:
        return lang if lang in self._bundles else self.default_language

    def has(self, key: str, lang: str | None = None) -> bool:
        return self._bundles[self.language(lang)].has_message(key)

    def get(self, lang: str | None, key: str, **args: Any) -> str:
        bundle = self._bundles[self.language(lang)]
        if not bundle.has_message(key):
            raise MissingText(key)
        message = bundle.get_message(key)
        if message.value is None:
            raise MissingText(key)
        prepared = {name: _prepare(value) for name, value in args.items()}
        # Fluent refuses a placeable over 2,500 characters (a guard against expansion);
        # a long text the user wrote (a card, a disclosure) goes in after formatting.
        held = {name: value for name, value in prepared.items()
                if isinstance(value, str) and len(value) > LONG_ARG}
        for n, name in enumerate(held):
            prepared[name] = f"\x00{n}\x00"
        text, errors = bundle.format_pattern(message.value, prepared)
        if errors:
            raise MissingText(f"{key}: {errors[0]}")
        text = str(text)
        for n, value in enumerate(held.values()):
            text = text.replace(f"\x00{n}\x00", value)
        return text

    def label(self, lang: str | None, key: str, **args: Any) -> str:
        """A button's label: not parsed as HTML, so the arguments go in as typed."""
        return self.get(lang, key, **{name: Safe(value) if isinstance(value, str) else value
                                      for name, value in args.items()})

    def __call__(self, lang: str | None, key: str, **args: Any) -> str:
        return self.get(lang, key, **args)


LONG_ARG = 1000


def _prepare(value: Any) -> Any:
    if isinstance(value, Safe):
        return str(value)
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return fluent_number(value, useGrouping=False)  # 2000 字, not 2,000 字
    return value
