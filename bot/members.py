"""Members: registration rules and the membership state machine. Plain Python."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.roles import MemberStatus

NAME_MAX = 32
EMPLOYEE_NO = re.compile(r"^[A-Za-z0-9-]{1,20}$")

# The registration flow, step by step.
REGISTRATION_STEPS = ("name", "team", "employee_no", "consent")

_TRANSITIONS = {
    (MemberStatus.PENDING, "approve"): MemberStatus.ACTIVE,
    (MemberStatus.PENDING, "reject"): MemberStatus.REJECTED,
    (MemberStatus.ACTIVE, "deactivate"): MemberStatus.DEACTIVATED,
    (MemberStatus.DEACTIVATED, "reactivate"): MemberStatus.ACTIVE,
    (MemberStatus.REJECTED, "reapply"): MemberStatus.PENDING,
    (MemberStatus.DEACTIVATED, "reapply"): MemberStatus.PENDING,
}


class InvalidInput(ValueError):
    """Input the user must correct; `.key` names the text that explains why."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_for_text = args


class InvalidTransition(Exception):
    def __init__(self, current: MemberStatus, action: str) -> None:
        super().__init__(f"{action} not allowed from {current}")
        self.current = current
        self.action = action


def next_status(current: MemberStatus, action: str) -> MemberStatus:
    try:
        return _TRANSITIONS[(current, action)]
    except KeyError:
        raise InvalidTransition(current, action) from None


def clean_name(text: str) -> str:
    """A member's name as typed: trimmed, one line, no control or invisible characters."""
    name = "".join(ch for ch in text.strip() if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("reg-name-empty")
    if len(name) > NAME_MAX:
        raise InvalidInput("reg-name-too-long", max=NAME_MAX)
    if name.startswith("/"):
        raise InvalidInput("reg-name-empty")
    return name


def clean_employee_no(text: str) -> str:
    value = text.strip().upper()
    if not EMPLOYEE_NO.match(value):
        raise InvalidInput("reg-employee-no-bad")
    return value


def registration_next_step(step: str, team_known: bool) -> str | None:
    """The step after `step`; the team step is skipped when a join link chose the team."""
    index = REGISTRATION_STEPS.index(step) + 1
    while index < len(REGISTRATION_STEPS):
        candidate = REGISTRATION_STEPS[index]
        if candidate == "team" and team_known:
            index += 1
            continue
        return candidate
    return None


@dataclass(frozen=True)
class Who:
    """How an admin names a member in a role command: #12, an employee number, or a user id."""

    member_id: int | None = None
    employee_no: str | None = None
    tg_user_id: int | None = None


def parse_who(text: str) -> Who:
    text = text.strip()
    if text.startswith("#") and text[1:].isdigit():
        return Who(member_id=int(text[1:]))
    if text.startswith("id:") and text[3:].isdigit():
        return Who(tg_user_id=int(text[3:]))
    if EMPLOYEE_NO.match(text):
        return Who(employee_no=text.upper())
    raise InvalidInput("admin-who-bad")


@dataclass(frozen=True)
class Team:
    id: int
    code: str
    name: str
    join_code: str
    auto_approve: bool


@dataclass(frozen=True)
class Member:
    id: int
    tg_user_id: int
    name: str
    team_id: int | None
    employee_no: str | None
    status: MemberStatus
    roles: frozenset[str]
    decided_by: int | None = None

    @property
    def forgotten(self) -> bool:
        """Emptied at their own request (/delete_my_data): no Telegram account any more."""
        return self.tg_user_id < 0
