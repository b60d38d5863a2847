"""The [disclosures] section of the config: the categories (五公开), how often the 已阅
count and the drafter's progress are brought up to date, the category of a 有疑问 card and
the rows per table image; and the example config's section."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, parse_config
from bot.config_items import DEFAULT_DISCLOSURE_CATEGORIES, DisclosuresConfig

ROOT = Path(__file__).resolve().parents[2]


def test_disclosures_defaults() -> None:
    disclosures = parse_config({}).disclosures
    assert disclosures.categories == DEFAULT_DISCLOSURE_CATEGORIES
    assert disclosures.categories == ["考勤", "工资", "奖金", "奖惩", "经费收支", "福利发放",
                                      "其他"]
    assert disclosures.count_refresh_seconds == 10
    assert disclosures.progress_seconds == 5
    assert disclosures.question_category == "厂务公开"
    assert disclosures.table_rows_per_image == 25
    assert parse_config({"disclosures": {}}).disclosures == disclosures
    assert DisclosuresConfig() == disclosures


def test_disclosures_settings_read() -> None:
    disclosures = parse_config({"disclosures": {
        "categories": ["工资", "奖金"], "count_refresh_seconds": 30, "progress_seconds": 2,
        "question_category": "公开质询", "table_rows_per_image": 40}}).disclosures
    assert disclosures.categories == ["工资", "奖金"]
    assert (disclosures.count_refresh_seconds, disclosures.progress_seconds) == (30, 2)
    assert disclosures.question_category == "公开质询"
    assert disclosures.table_rows_per_image == 40


def test_disclosures_config_is_frozen() -> None:
    disclosures = parse_config({}).disclosures
    with pytest.raises(ValueError, match="frozen"):
        disclosures.count_refresh_seconds = 1


@pytest.mark.parametrize(("disclosures", "message"), [
    ({"categories": ["工资", "奖金", "工资"]}, "disclosures: disclosure categories must be unique"),
    ({"categories": ["其他", "其他"]}, "disclosure categories must be unique"),
    ({"categories": []}, "disclosures.categories"),
    ({"categories": [""]}, "disclosures.categories[0]"),
    ({"categories": ["工资", "字" * 21]}, "disclosures.categories[1]"),
    ({"categories": [f"c{i}" for i in range(13)]}, "disclosures.categories"),
    ({"categories": "工资"}, "disclosures.categories"),
    ({"count_refresh_seconds": 2}, "disclosures.count_refresh_seconds"),
    ({"count_refresh_seconds": 0}, "disclosures.count_refresh_seconds"),
    ({"count_refresh_seconds": 3601}, "disclosures.count_refresh_seconds"),
    ({"count_refresh_seconds": "often"}, "disclosures.count_refresh_seconds"),
    ({"progress_seconds": 0}, "disclosures.progress_seconds"),
    ({"progress_seconds": 601}, "disclosures.progress_seconds"),
    ({"question_category": ""}, "disclosures.question_category"),
    ({"question_category": "字" * 21}, "disclosures.question_category"),
    ({"table_rows_per_image": 4}, "disclosures.table_rows_per_image"),
    ({"table_rows_per_image": 61}, "disclosures.table_rows_per_image"),
    ({"table_rows_per_image": -25}, "disclosures.table_rows_per_image"),
    ({"colour": "red"}, "disclosures.colour: unknown key"),
])
def test_bad_disclosures_config_refused(disclosures: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"disclosures": disclosures})
    assert message in str(caught.value)


@pytest.mark.parametrize(("key", "value"), [
    ("count_refresh_seconds", 3),
    ("count_refresh_seconds", 3600),
    ("progress_seconds", 1),
    ("progress_seconds", 600),
    ("table_rows_per_image", 5),
    ("table_rows_per_image", 60),
])
def test_bounds_are_inclusive(key: str, value: int) -> None:
    assert getattr(parse_config({"disclosures": {key: value}}).disclosures, key) == value


def test_one_and_twelve_categories_are_fine() -> None:
    assert parse_config({"disclosures": {"categories": ["工资"]}}).disclosures.categories == [
        "工资"]
    twelve = [f"类别{i}" for i in range(12)]
    assert parse_config({"disclosures": {"categories": twelve}}).disclosures.categories == twelve


def test_example_config_has_the_disclosures_section() -> None:
    path = ROOT / "config.example.toml"
    raw = tomllib.loads(path.read_text("utf-8"))
    assert "disclosures" in raw
    assert set(raw["disclosures"]) == set(DisclosuresConfig.model_fields)
    disclosures = load_config(path).disclosures
    assert disclosures.categories == DEFAULT_DISCLOSURE_CATEGORIES
    assert disclosures == DisclosuresConfig()  # the example shows the defaults
