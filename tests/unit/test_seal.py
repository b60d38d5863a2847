"""Sealing who wrote an anonymous card: Fernet seals, owner tags, receipt codes, the key."""

from __future__ import annotations

import logging
import os
import re
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from bot.config import ConfigError
from bot.seal import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Sealer,
    SealError,
    load_key,
    looks_like_code,
    new_receipt_code,
    normalise_code,
)

ENV = "XJ_TEST_SEAL_KEY"
KEY_A = Fernet.generate_key()
KEY_B = Fernet.generate_key()
TG_ID = 777000123


# ---------------------------------------------------------------- seal and open

def test_seal_open_round_trip() -> None:
    sealer = Sealer(KEY_A)
    sealed = sealer.seal(TG_ID)
    assert str(TG_ID) not in sealed
    assert sealer.open(sealed) == TG_ID
    again = sealer.seal(TG_ID)
    assert again != sealed  # a fresh nonce each time: equal ids do not look equal
    assert Sealer(KEY_A).open(again) == TG_ID  # another instance with the same key


def test_open_with_another_key_fails() -> None:
    sealed = Sealer(KEY_A).seal(TG_ID)
    with pytest.raises(SealError):
        Sealer(KEY_B).open(sealed)


@pytest.mark.parametrize("bad", ["", "abc", "not-a-token", "gAAAAA" + "x" * 80])
def test_open_garbage_fails(bad: str) -> None:
    with pytest.raises(SealError):
        Sealer(KEY_A).open(bad)


def test_open_tampered_or_non_numeric_fails() -> None:
    sealer = Sealer(KEY_A)
    sealed = sealer.seal(TG_ID)
    flipped = sealed[:20] + ("A" if sealed[20] != "A" else "B") + sealed[21:]
    with pytest.raises(SealError):
        sealer.open(flipped)
    not_a_number = Fernet(KEY_A).encrypt(b"hello").decode()
    with pytest.raises(SealError):
        sealer.open(not_a_number)


# ---------------------------------------------------------------- owner tags

def test_tag_stable_per_key_and_distinct() -> None:
    a = Sealer(KEY_A)
    tag = a.tag(TG_ID)
    assert tag == a.tag(TG_ID) == Sealer(KEY_A).tag(TG_ID)
    assert re.fullmatch(r"[0-9a-f]{64}", tag)
    assert str(TG_ID) not in tag
    assert Sealer(KEY_B).tag(TG_ID) != tag
    assert a.tag(TG_ID + 1) != tag
    assert len({a.tag(n) for n in range(1, 200)}) == 199


def test_tag_and_code_hash_are_separate_domains() -> None:
    a = Sealer(KEY_A)
    assert a.tag(1234567890) != a.code_hash("1234567890")


# ---------------------------------------------------------------- receipt codes

def test_code_hash_normalises_case_dashes_and_spaces() -> None:
    a = Sealer(KEY_A)
    reference = a.code_hash("ABCDE-FGHJK")
    for typed in ("abcde-fghjk", "ABCDEFGHJK", " abcde fghjk ", "AbCdE - fGhJk\n",
                  "ABC-DE-FGH-JK", "ABCDE\u2014FGHJK", "ABCDE_FGHJK"):
        assert a.code_hash(typed) == reference, typed
    assert a.code_hash("ABCDE-FGHJM") != reference
    assert Sealer(KEY_B).code_hash("ABCDE-FGHJK") != reference
    assert re.fullmatch(r"[0-9a-f]{64}", reference)
    assert "ABCDE" not in reference.upper()


def test_code_typed_in_full_width_is_recognised() -> None:
    typed = "ＡＢＣＤＥ－ＦＧＨＪＫ"
    assert normalise_code(typed) == "ABCDEFGHJK"
    assert looks_like_code(typed)
    assert Sealer(KEY_A).code_hash(typed) == Sealer(KEY_A).code_hash("ABCDE-FGHJK")


def test_code_alphabet_avoids_confusable_characters() -> None:
    assert not set("01OIL") & set(CODE_ALPHABET)
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 31
    assert CODE_ALPHABET == CODE_ALPHABET.upper()


def test_new_receipt_code_format() -> None:
    letters = re.escape(CODE_ALPHABET)
    pattern = re.compile(rf"[{letters}]{{5}}-[{letters}]{{5}}")
    codes = [new_receipt_code() for _ in range(300)]
    for code in codes:
        assert pattern.fullmatch(code), code
        assert looks_like_code(code)
        assert normalise_code(code) == code.replace("-", "")
    assert CODE_LENGTH == 10
    assert len(set(codes)) == len(codes)  # 31**10 possibilities: no repeats expected
    assert set("".join(codes)) - {"-"} <= set(CODE_ALPHABET)


def test_looks_like_code() -> None:
    code = new_receipt_code()
    assert looks_like_code(code)
    assert looks_like_code(code.lower())
    assert looks_like_code(code.replace("-", " "))
    assert looks_like_code(" " + code.replace("-", "") + " ")
    for bad in ("", "   ", "-----", code[:-1], code + "2", "ABCDE-FGHJ", "ABCDE-FGHJKM",
                "你好你好你好你好你好"):
        assert not looks_like_code(bad), bad


def test_normalise_code() -> None:
    assert normalise_code(" ab-cd ef\t") == "ABCDEF"
    assert normalise_code("a.b,c/d") == "ABCD"
    assert normalise_code("") == ""


# ---------------------------------------------------------------- the key

@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv(ENV, raising=False)
    return monkeypatch


def test_load_key_creates_a_private_file(no_env: pytest.MonkeyPatch, tmp_path: Path,
                                         caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "secrets" / "deeper" / "seal.key"
    with caplog.at_level(logging.WARNING, logger="bot.seal"):
        key = load_key(ENV, path)
    assert path.exists()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_bytes() == key + b"\n"
    Fernet(key)  # a usable key
    assert "created a new seal key" in caplog.text
    assert key.decode() not in caplog.text  # the key itself is never logged
    # Read back, not replaced.
    assert load_key(ENV, path) == key
    assert load_key(ENV, str(path)) == key
    assert Sealer(load_key(ENV, path)).open(Sealer(key).seal(TG_ID)) == TG_ID


def test_load_key_without_env_name_uses_the_file(no_env: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "seal.key"
    path.write_bytes(b"  " + KEY_A + b"\n\n")
    assert load_key("", path) == KEY_A


def test_load_key_prefers_the_environment(no_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "seal.key"
    path.write_bytes(KEY_A + b"\n")
    no_env.setenv(ENV, "  " + KEY_B.decode() + "\n")
    assert load_key(ENV, path) == KEY_B
    assert path.read_bytes() == KEY_A + b"\n"  # the file is left alone
    missing = tmp_path / "none" / "seal.key"
    assert load_key(ENV, missing) == KEY_B
    assert not missing.exists()  # nothing created when the environment has the key
    no_env.setenv(ENV, "   ")  # blank counts as unset
    assert load_key(ENV, path) == KEY_A


@pytest.mark.parametrize("bad", ["not-a-key", "c2hvcnQ=", "x" * 44, "!" * 44,
                                 Fernet.generate_key().decode()[:-2]])
def test_load_key_malformed_env_is_a_config_error(no_env: pytest.MonkeyPatch, tmp_path: Path,
                                                  bad: str) -> None:
    no_env.setenv(ENV, bad)
    path = tmp_path / "seal.key"
    with pytest.raises(ConfigError) as caught:
        load_key(ENV, path)
    assert f"${ENV}" in str(caught.value)
    assert bad not in str(caught.value)  # a wrong key is not echoed
    assert not path.exists()


@pytest.mark.parametrize("content", [b"", b"\n", b"not-a-key\n", b"x" * 44])
def test_load_key_malformed_file_is_a_config_error(no_env: pytest.MonkeyPatch, tmp_path: Path,
                                                   content: bytes) -> None:
    path = tmp_path / "seal.key"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        load_key(ENV, path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content  # never overwritten
