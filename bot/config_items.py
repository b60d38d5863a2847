"""The config sections of the branch's work items: cards, hazards, study, visits,
disclosures."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

_CODE = re.compile(r"^[A-Za-z0-9_]{1,16}$")
Label = Annotated[str, Field(min_length=1, max_length=20)]


def _code_shape(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError("expected 1-16 letters, digits or _")
    return value


# A team or department code, as typed in commands (/setchat team A1).
Code = Annotated[str, AfterValidator(_code_shape)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


DEFAULT_CARD_CATEGORIES = ["安全生产", "生产经营", "工资福利", "劳动保护", "生活后勤", "管理制度",
                           "其他"]


class DepartmentConfig(_Strict):
    """Where an accepted card is forwarded: a department or leader who answers it."""

    code: Code
    name: Annotated[str, Field(min_length=1, max_length=40)]
    # Telegram user ids of its leaders; a registered leader answers in the bot (回复),
    # otherwise an officer records the answer on their behalf (代录).
    leader_user_ids: list[int] = []


class CardsConfig(_Strict):
    reply_days: Annotated[int, Field(ge=1, le=365)] = 30
    categories: Annotated[list[Annotated[str, Field(min_length=1, max_length=20)]],
                          Field(min_length=1, max_length=20)] = DEFAULT_CARD_CATEGORIES
    remind_days_before: list[Annotated[int, Field(ge=1, le=60)]] = [7, 3, 1]
    # Local time of day at which the 30-day clock's reminders and digests go out.
    remind_at: time = time(9, 0)
    departments: list[DepartmentConfig] = [
        DepartmentConfig(code="office", name="区队办公室"),
    ]
    # The key that seals an anonymous card's link to its author's chat. Read from this
    # environment variable if set, else from the file (created on first start beside the
    # database when empty). Back it up with the database.
    seal_key_env: str = "XIAOJIA_SEAL_KEY"
    seal_key_file: str = ""

    @model_validator(mode="after")
    def _unique(self) -> CardsConfig:
        if len(set(self.categories)) != len(self.categories):
            raise ValueError("card categories must be unique")
        codes = [d.code for d in self.departments]
        if not codes or len(codes) != len(set(codes)):
            raise ValueError("departments: need at least one, with unique codes")
        return self


DEFAULT_HAZARD_CATEGORIES = ["通风", "瓦斯", "粉尘", "防灭火", "顶板", "机电", "运输", "水害",
                             "其他"]
DEFAULT_LOCATIONS = ["综采工作面", "掘进工作面", "主运输巷", "回风巷", "变电所", "水泵房", "地面"]


class HazardsConfig(_Strict):
    # Quick location buttons; a worker may also type any place.
    locations: Annotated[list[Annotated[str, Field(min_length=1, max_length=20)]],
                         Field(max_length=20)] = DEFAULT_LOCATIONS
    categories: Annotated[list[Annotated[str, Field(min_length=1, max_length=20)]],
                          Field(min_length=1, max_length=20)] = DEFAULT_HAZARD_CATEGORIES
    # Departments a confirmed hazard can be given to, besides a named member.
    departments: list[Annotated[str, Field(min_length=1, max_length=20)]] = [
        "机电科", "通风科", "运输队", "安全科"]
    # Remind the owner this many days before the deadline (and once when overdue).
    remind_days_before: list[Annotated[int, Field(ge=1, le=30)]] = [1]
    # How far back "when found" may go.
    found_max_days: Annotated[int, Field(ge=1, le=60)] = 7

    @model_validator(mode="after")
    def _unique(self) -> HazardsConfig:
        for name, values in (("locations", self.locations), ("categories", self.categories),
                             ("departments", self.departments)):
            if len(set(values)) != len(values):
                raise ValueError(f"hazard {name} must be unique")
        return self


DEFAULT_STUDY_KINDS = ["政治学习", "业务学习", "操作规程", "应知应会", "法律法规", "其他"]


class StudyTeamConfig(_Strict):
    """A team's weekly study (day and time) and how its score board names people."""

    team: str
    weekday: Annotated[int, Field(ge=1, le=7)] | None = None  # 1 = Monday … 7 = Sunday
    at: time = time(16, 0)
    board_shows: Literal["name", "employee_no"] = "name"


class StudyConfig(_Strict):
    kinds: Annotated[list[Label], Field(min_length=1, max_length=12)] = DEFAULT_STUDY_KINDS
    # Duration buttons, in minutes; a worker may also type a number up to max_minutes.
    durations: Annotated[list[Annotated[int, Field(ge=5, le=480)]],
                         Field(min_length=1, max_length=4)] = [30, 60, 90]
    max_minutes: Annotated[int, Field(ge=30, le=720)] = 480
    # How many days back a study may be logged (0 = today only).
    backdate_days: Annotated[int, Field(ge=0, le=31)] = 7
    # Study notes (篇) each worker is expected to keep a month.
    monthly_target: Annotated[int, Field(ge=1, le=31)] = 4
    max_photos: Annotated[int, Field(ge=1, le=5)] = 3
    # The weekly study reminder goes to the team chat this long before it starts.
    remind_before_minutes: Annotated[int, Field(ge=10, le=1440)] = 120
    # Workers below the target get one reminder this many days before the month's last
    # day; officers get their team's participation on the 1st. Both at remind_at.
    month_end_days_before: Annotated[int, Field(ge=0, le=20)] = 3
    remind_at: time = time(9, 0)
    # Rows per score-board image; longer lists become several images.
    board_page_size: Annotated[int, Field(ge=5, le=40)] = 20
    teams: list[StudyTeamConfig] = []

    @model_validator(mode="after")
    def _unique(self) -> StudyConfig:
        if len(set(self.kinds)) != len(self.kinds):
            raise ValueError("study kinds must be unique")
        codes = [t.team for t in self.teams]
        if len(set(codes)) != len(codes):
            raise ValueError("study.teams: each team at most once")
        return self

    def team(self, code: str) -> StudyTeamConfig:
        for entry in self.teams:
            if entry.team == code:
                return entry
        return StudyTeamConfig(team=code)


DEFAULT_VISIT_REASONS = ["住院", "家庭变故", "婚丧", "生活困难", "思想波动", "岗位变动", "其他"]
Range = tuple[Annotated[int, Field(ge=0, le=31)], Annotated[int, Field(ge=0, le=31)]]


def _ordered(name: str, value: Range) -> None:
    if value[0] > value[1]:
        raise ValueError(f"{name}: the least ({value[0]}) is above the most ({value[1]})")


class VisitQuotaConfig(_Strict):
    """One officer's own monthly quota, named by employee number or Telegram user id."""

    employee_no: str = ""
    user_id: int = 0
    # Either may be left out: it is then the branch's.
    talks: Range | None = None
    home_visits: Range | None = None

    @model_validator(mode="after")
    def _named_once(self) -> VisitQuotaConfig:
        if bool(self.employee_no) == bool(self.user_id):
            raise ValueError("give employee_no or user_id (one of them)")
        for name, value in (("talks", self.talks), ("home_visits", self.home_visits)):
            if value is not None:
                _ordered(name, value)
        return self

    @property
    def key(self) -> str:
        return f"no:{self.employee_no.upper()}" if self.employee_no else f"id:{self.user_id}"


class VisitsConfig(_Strict):
    # Each officer's talks (谈心) and home visits (家访) a month, as [least, most].
    talks: Range = (3, 5)
    home_visits: Range = (2, 4)
    # The occasions that call for a talk or a visit (四必访 / 五必谈), picked as tags.
    reasons: Annotated[list[Label], Field(min_length=1, max_length=10)] = \
        DEFAULT_VISIT_REASONS
    # Officers below the least get one reminder on these days of the month and on these
    # days before its last day, at remind_at; the chairs get the completion table of the
    # month on the 1st at remind_at. A 再访 reminder goes out at remind_at on its day.
    remind_days: list[Annotated[int, Field(ge=1, le=31)]] = [15]
    remind_days_before_month_end: list[Annotated[int, Field(ge=0, le=27)]] = [3]
    remind_at: time = time(9, 0)
    # How far ahead a 再访 may be set.
    revisit_max_days: Annotated[int, Field(ge=7, le=366)] = 92
    officers: list[VisitQuotaConfig] = []

    @model_validator(mode="after")
    def _check(self) -> VisitsConfig:
        _ordered("talks", self.talks)
        _ordered("home_visits", self.home_visits)
        if len(set(self.reasons)) != len(self.reasons):
            raise ValueError("visit reasons must be unique")
        keys = [o.key for o in self.officers]
        if len(set(keys)) != len(keys):
            raise ValueError("visits.officers: each officer at most once")
        return self


DEFAULT_DISCLOSURE_CATEGORIES = ["考勤", "工资", "奖金", "奖惩", "经费收支", "福利发放", "其他"]


class DisclosuresConfig(_Strict):
    # 厂务公开: what is published (五公开).
    categories: Annotated[list[Label], Field(min_length=1, max_length=12)] = \
        DEFAULT_DISCLOSURE_CATEGORIES
    # The 已阅 (N) count on a posted disclosure is brought up to date at most this often
    # per message (each update is an edit, and a group takes 20 messages a minute).
    count_refresh_seconds: Annotated[int, Field(ge=3, le=3600)] = 10
    # The drafter's "已发送 12/40" is updated at most this often.
    progress_seconds: Annotated[int, Field(ge=1, le=600)] = 5
    # The category of a card raised with 有疑问 under a disclosure.
    question_category: Label = "厂务公开"
    # A table (CSV/XLSX) becomes images of this many rows each, at most 10 images.
    table_rows_per_image: Annotated[int, Field(ge=5, le=60)] = 25

    @model_validator(mode="after")
    def _check(self) -> DisclosuresConfig:
        if len(set(self.categories)) != len(self.categories):
            raise ValueError("disclosure categories must be unique")
        return self


class SummariesConfig(_Strict):
    # Either can be turned off.
    monthly_summary: bool = True
    weekly_digest: bool = True
    # The monthly summary (charts of last month) goes to each branch chat and team chat
    # on this day of the month at this time; charts show this many months of cards.
    day: Annotated[int, Field(ge=1, le=28)] = 1
    at: time = time(9, 0)
    months_shown: Annotated[int, Field(ge=1, le=12)] = 6
    # Each officer's weekly digest of what waits for them: ISO weekday (1 = Monday), time.
    digest_weekday: Annotated[int, Field(ge=1, le=7)] = 1
    digest_at: time = time(8, 30)
    # Cards and hazards due within this many days are listed in the digest.
    digest_days_ahead: Annotated[int, Field(ge=1, le=30)] = 7


class PrivacyConfig(_Strict):
    # Closed cards and hazards (办结、退回、重复；验收销号、不属实) raised longer ago than
    # this are deleted with their replies and photos; sent messages and the images made
    # for them after keep_messages_days.
    keep_closed_days: Annotated[int, Field(ge=30)] = 1095
    keep_messages_days: Annotated[int, Field(ge=1)] = 30


class FloodConfig(_Strict):
    # Each user's updates: at most max_updates per per_seconds (a burst, then a steady
    # rate); the rest are dropped and the user told once per notice_seconds.
    max_updates: Annotated[int, Field(ge=3, le=1000)] = 20
    per_seconds: Annotated[float, Field(gt=0, le=3600)] = 10.0
    notice_seconds: Annotated[float, Field(ge=1, le=3600)] = 60.0


class ChartsConfig(_Strict):
    # A font file with Chinese glyphs (.ttf/.otf/.ttc). Empty: found on the system
    # (Debian: fonts-noto-cjk or fonts-wqy-microhei).
    font_file: str = ""
