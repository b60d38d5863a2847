"""The [visits] section of the config: quotas as [least, most], the occasions, reminder
days, the 再访 horizon and each officer's own quota; and the quota an officer is held to."""

from __future__ import annotations

from datetime import time
from types import SimpleNamespace
from typing import cast

import pytest

from bot.config import ConfigError, parse_config
from bot.config_items import DEFAULT_VISIT_REASONS, VisitQuotaConfig
from bot.members import Member
from bot.roles import MemberStatus, Role
from bot.services import Services
from bot.visit_actions import quota_for, quota_of
from bot.visits import Quota


def test_visits_defaults() -> None:
    visits = parse_config({}).visits
    assert (visits.talks, visits.home_visits) == ((3, 5), (2, 4))
    assert visits.reasons == DEFAULT_VISIT_REASONS
    assert visits.reasons == ["住院", "家庭变故", "婚丧", "生活困难", "思想波动", "岗位变动",
                              "其他"]
    assert visits.remind_days == [15]
    assert visits.remind_days_before_month_end == [3]
    assert visits.remind_at == time(9, 0)
    assert visits.revisit_max_days == 92
    assert visits.officers == []


def test_visits_settings_read() -> None:
    visits = parse_config({"visits": {
        "talks": [4, 4], "home_visits": [0, 1], "reasons": ["住院", "其他"],
        "remind_days": [10, 20], "remind_days_before_month_end": [0, 27],
        "remind_at": "08:30", "revisit_max_days": 366,
        "officers": [{"employee_no": "A1-003", "talks": [2, 3], "home_visits": [1, 2]},
                     {"user_id": 5001}]}}).visits
    assert (visits.talks, visits.home_visits) == ((4, 4), (0, 1))
    assert visits.reasons == ["住院", "其他"]
    assert (visits.remind_days, visits.remind_days_before_month_end) == ([10, 20], [0, 27])
    assert visits.remind_at == time(8, 30) and visits.revisit_max_days == 366
    first, second = visits.officers
    assert (first.employee_no, first.user_id, first.talks, first.home_visits) == (
        "A1-003", 0, (2, 3), (1, 2))
    assert (second.employee_no, second.user_id, second.talks, second.home_visits) == (
        "", 5001, None, None)


@pytest.mark.parametrize(("visits", "message"), [
    ({"talks": [5, 3]}, "visits: talks: the least (5) is above the most (3)"),
    ({"home_visits": [3, 2]}, "home_visits: the least (3) is above the most (2)"),
    ({"officers": [{"user_id": 7, "talks": [3, 2]}]},
     "visits.officers[0]: talks: the least (3) is above the most (2)"),
    ({"officers": [{"user_id": 7, "home_visits": [5, 0]}]},
     "visits.officers[0]: home_visits: the least (5)"),
    ({"officers": [{}]}, "give employee_no or user_id (one of them)"),
    ({"officers": [{"talks": [1, 2]}]}, "give employee_no or user_id (one of them)"),
    ({"officers": [{"employee_no": "A1", "user_id": 7}]},
     "give employee_no or user_id (one of them)"),
    ({"officers": [{"employee_no": "A1"}, {"employee_no": "A1"}]}, "each officer at most once"),
    ({"officers": [{"employee_no": "a1-003"}, {"employee_no": "A1-003"}]},
     "each officer at most once"),
    ({"officers": [{"user_id": 7}, {"user_id": 8}, {"user_id": 7}]},
     "each officer at most once"),
    ({"reasons": ["住院", "婚丧", "住院"]}, "visit reasons must be unique"),
    ({"reasons": []}, "visits.reasons"),
    ({"reasons": [""]}, "visits.reasons[0]"),
    ({"reasons": [f"r{i}" for i in range(11)]}, "visits.reasons"),
    ({"talks": [0, 32]}, "visits.talks[1]"),
    ({"talks": [-1, 3]}, "visits.talks[0]"),
    ({"talks": [3]}, "visits.talks"),
    ({"remind_days": [0]}, "visits.remind_days[0]"),
    ({"remind_days": [32]}, "visits.remind_days[0]"),
    ({"remind_days_before_month_end": [28]}, "visits.remind_days_before_month_end[0]"),
    ({"remind_days_before_month_end": [-1]}, "visits.remind_days_before_month_end[0]"),
    ({"revisit_max_days": 6}, "visits.revisit_max_days"),
    ({"revisit_max_days": 367}, "visits.revisit_max_days"),
    ({"officers": [{"user_id": 7, "colour": "red"}]}, "visits.officers[0].colour: unknown key"),
    ({"colour": "red"}, "visits.colour: unknown key"),
])
def test_bad_visits_config_refused(visits: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"visits": visits})
    assert message in str(caught.value)


def test_least_equal_to_most_and_zero_are_fine() -> None:
    visits = parse_config({"visits": {"talks": [0, 0], "home_visits": [31, 31]}}).visits
    assert (visits.talks, visits.home_visits) == ((0, 0), (31, 31))


def test_an_employee_number_and_a_user_id_with_the_same_digits_are_two_officers() -> None:
    visits = parse_config({"visits": {"officers": [{"employee_no": "1001"},
                                                   {"user_id": 1001}]}}).visits
    assert len(visits.officers) == 2


# ---------------------------------------------------------------- the quota held to

def services(visits: dict[str, object]) -> Services:
    return cast(Services, SimpleNamespace(config=parse_config({"visits": visits})))


def officer(employee_no: str | None = "A1-003", tg_user_id: int = 5001,
            roles: frozenset[str] = frozenset({Role.OFFICER.value})) -> Member:
    return Member(id=9, tg_user_id=tg_user_id, name="李干事", team_id=1,
                  employee_no=employee_no, status=MemberStatus.ACTIVE, roles=roles)


def test_quota_for_uses_the_branch_quota_by_default() -> None:
    s = services({"talks": [4, 6], "home_visits": [1, 3]})
    assert quota_for(s, officer()) == Quota((4, 6), (1, 3))
    assert quota_for(services({}), officer(None)) == Quota((3, 5), (2, 4))


def test_an_officer_named_by_employee_number_in_any_case() -> None:
    s = services({"officers": [{"employee_no": "a1-003", "talks": [1, 2],
                                "home_visits": [0, 1]}]})
    assert quota_for(s, officer("A1-003")) == Quota((1, 2), (0, 1))
    assert quota_for(s, officer("a1-003")) == Quota((1, 2), (0, 1))
    assert quota_for(s, officer("A1-004")) == Quota()
    assert quota_for(s, officer(None)) == Quota()


def test_an_officer_named_by_user_id() -> None:
    s = services({"talks": [4, 6], "officers": [
        {"user_id": 5001, "talks": [2, 2]}, {"employee_no": "B9", "talks": [7, 8]}]})
    assert quota_for(s, officer("ZZ", 5001)) == Quota((2, 2), (2, 4))
    assert quota_for(s, officer("b9", 6000)) == Quota((7, 8), (2, 4))
    assert quota_for(s, officer("ZZ", 6000)) == Quota((4, 6), (2, 4))
    # An override by employee number does not match someone without one.
    assert quota_for(s, officer(None, 6000)) == Quota((4, 6), (2, 4))


def test_only_officers_hold_a_quota() -> None:
    s = services({})
    assert quota_of(s, officer()) == Quota()
    both = frozenset({Role.OFFICER.value, Role.CHAIR.value})
    assert quota_of(s, officer(roles=both)) == Quota()
    assert quota_of(s, officer(roles=frozenset({Role.CHAIR.value}))) is None
    assert quota_of(s, officer(roles=frozenset())) is None


def test_quota_override_model_alone() -> None:
    own = VisitQuotaConfig(user_id=3)
    assert (own.talks, own.home_visits) == (None, None)  # the branch's, see quota_for
