"""Configuration: one TOML file, validated with pydantic.

A missing, unknown or ill-typed key stops start-up with one line naming the key
(`ConfigError`), never a traceback; the CLI turns it into exit code 2.
"""

from __future__ import annotations

import os
import tomllib
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.config_items import (
    CardsConfig,
    ChartsConfig,
    Code,
    DepartmentConfig,
    DisclosuresConfig,
    FloodConfig,
    HazardsConfig,
    PrivacyConfig,
    StudyConfig,
    SummariesConfig,
    VisitsConfig,
)

__all__ = ["CardsConfig", "ChartsConfig", "Config", "ConfigError", "DepartmentConfig",
           "DisclosuresConfig", "HazardsConfig", "StudyConfig", "VisitsConfig", "load_config",
           "parse_config"]

LANGUAGES = ("zh-CN", "en")


class ConfigError(Exception):
    """A config problem, already phrased as one line for the operator."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WebhookConfig(_Strict):
    listen: str = "0.0.0.0"
    port: Annotated[int, Field(ge=1, le=65535)] = 8443
    url: str = ""
    path: str = "telegram"
    secret_token: str = ""


class TelegramConfig(_Strict):
    token: str = ""
    token_env: str = "XIAOJIA_BOT_TOKEN"
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    poll_timeout: Annotated[int, Field(ge=0, le=50)] = 30
    webhook: WebhookConfig = WebhookConfig()

    def resolved_token(self) -> str:
        token = self.token or os.environ.get(self.token_env, "")
        if not token:
            raise ConfigError(
                f"telegram.token: no bot token (set telegram.token or the {self.token_env} "
                "environment variable)"
            )
        return token

    @model_validator(mode="after")
    def _webhook_complete(self) -> TelegramConfig:
        if self.mode == "webhook" and not (self.webhook.url and self.webhook.secret_token):
            raise ValueError("webhook mode needs telegram.webhook.url and secret_token")
        return self


class QuietHours(_Strict):
    start: time = time(22, 0)
    end: time = time(7, 0)


class BranchConfig(_Strict):
    name: str = "职工小家"
    timezone: str = "Asia/Shanghai"
    language: Literal["zh-CN", "en"] = "zh-CN"
    quiet_hours: QuietHours = QuietHours()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (expected e.g. Asia/Shanghai)") from exc
        return value


class TeamConfig(_Strict):
    code: Code
    name: Annotated[str, Field(min_length=1, max_length=40)]
    auto_approve: bool = False


class AdminsConfig(_Strict):
    user_ids: list[int] = []


class DatabaseConfig(_Strict):
    path: str = "xiaojia.sqlite3"
    busy_timeout_ms: Annotated[int, Field(ge=0)] = 5000


class ConversationConfig(_Strict):
    idle_minutes: Annotated[int, Field(ge=1)] = 720


class JobsConfig(_Strict):
    sweep_seconds: Annotated[float, Field(gt=0)] = 60.0
    pending_member_remind_hours: Annotated[int, Field(ge=1)] = 24


class OutboxConfig(_Strict):
    global_per_second: Annotated[float, Field(gt=0, le=30)] = 30.0
    per_chat_seconds: Annotated[float, Field(ge=0)] = 1.0
    per_group_per_minute: Annotated[int, Field(ge=1, le=20)] = 20
    in_flight: Annotated[int, Field(ge=1, le=32)] = 8
    max_attempts: Annotated[int, Field(ge=1)] = 8


class Config(_Strict):
    telegram: TelegramConfig = TelegramConfig()
    database: DatabaseConfig = DatabaseConfig()
    branch: BranchConfig = BranchConfig()
    teams: list[TeamConfig] = []
    admins: AdminsConfig = AdminsConfig()
    conversations: ConversationConfig = ConversationConfig()
    jobs: JobsConfig = JobsConfig()
    outbox: OutboxConfig = OutboxConfig()
    cards: CardsConfig = CardsConfig()
    hazards: HazardsConfig = HazardsConfig()
    study: StudyConfig = StudyConfig()
    visits: VisitsConfig = VisitsConfig()
    disclosures: DisclosuresConfig = DisclosuresConfig()
    summaries: SummariesConfig = SummariesConfig()
    privacy: PrivacyConfig = PrivacyConfig()
    flood: FloodConfig = FloodConfig()
    charts: ChartsConfig = ChartsConfig()

    @model_validator(mode="after")
    def _unique_team_codes(self) -> Config:
        codes = [t.code for t in self.teams]
        if len(codes) != len(set(codes)):
            raise ValueError("team codes must be unique")
        unknown = {t.team for t in self.study.teams} - set(codes)
        if unknown:
            raise ValueError(f"study.teams: unknown team {sorted(unknown)[0]!r}")
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.branch.timezone)


def _describe(error: Any) -> str:
    loc = ""
    for part in error["loc"]:
        loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
    kind = error["type"]
    if kind == "extra_forbidden":
        message = "unknown key"
    elif kind == "missing":
        message = "missing required key"
    else:
        message = error["msg"].removeprefix("Value error, ")
    return f"{loc or 'config'}: {message}"


def parse_config(data: dict[str, Any]) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc.errors()[0])) from None


def load_config(path: str | Path) -> Config:
    """Read and validate a TOML config file; relative database paths follow the file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    config = parse_config(data)
    db_path = Path(config.database.path)
    if not db_path.is_absolute() and config.database.path != ":memory:":
        database = config.database.model_copy(update={"path": str(path.parent / db_path)})
        config = config.model_copy(update={"database": database})
    key_file = config.cards.seal_key_file
    if key_file and not Path(key_file).is_absolute():
        cards = config.cards.model_copy(update={"seal_key_file": str(path.parent / key_file)})
        config = config.model_copy(update={"cards": cards})
    return config
