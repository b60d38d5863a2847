from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_is_valid() -> None:
    config = load_config(ROOT / "config.example.toml")
    assert config.branch.timezone == "Asia/Shanghai"
    assert [t.code for t in config.teams] == ["A1", "B2"]


def test_defaults() -> None:
    config = parse_config({})
    assert config.branch.language == "zh-CN"
    assert (config.branch.quiet_hours.start.hour, config.branch.quiet_hours.end.hour) == (22, 7)


@pytest.mark.parametrize(("data", "message"), [
    ({"telegram": {"tokn": "x"}}, "telegram.tokn: unknown key"),
    ({"teams": [{"name": "一班"}]}, "teams[0].code: missing required key"),
    ({"teams": [{"code": "a b", "name": "x"}]}, "teams[0].code: expected 1-16 letters"),
    ({"outbox": {"global_per_second": "fast"}}, "outbox.global_per_second:"),
    ({"outbox": {"global_per_second": 31}}, "outbox.global_per_second:"),
    ({"branch": {"timezone": "Nowhere/City"}}, "branch.timezone: unknown time zone"),
    ({"branch": {"language": "fr"}}, "branch.language:"),
    ({"telegram": {"mode": "webhook"}}, "webhook mode needs"),
])
def test_bad_keys_are_named(data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(data)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    config = parse_config({"telegram": {"token_env": "XJ_TEST_TOKEN"}})
    with pytest.raises(ConfigError, match=r"telegram\.token"):
        config.telegram.resolved_token()
    monkeypatch.setenv("XJ_TEST_TOKEN", "1:abc")
    assert config.telegram.resolved_token() == "1:abc"


def test_relative_database_path_follows_the_file(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text('[database]\npath = "data/x.sqlite3"\n', encoding="utf-8")
    assert load_config(tmp_path / "c.toml").database.path == str(tmp_path / "data/x.sqlite3")
