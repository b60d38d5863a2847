import pytest

from bot.members import (
    InvalidInput,
    InvalidTransition,
    clean_employee_no,
    clean_name,
    next_status,
    parse_who,
    registration_next_step,
)
from bot.roles import Actor, MemberStatus, Role


def test_names_are_cleaned() -> None:
    assert clean_name("  张\u200b 三 \n") == "张 三"
    for bad in ("", "   ", "/start", "x" * 33):
        with pytest.raises(InvalidInput):
            clean_name(bad)


def test_employee_numbers() -> None:
    assert clean_employee_no(" t-1024 ") == "T-1024"
    with pytest.raises(InvalidInput):
        clean_employee_no("工号!!")


def test_steps_skip_team_from_join_link() -> None:
    assert registration_next_step("name", team_known=False) == "team"
    assert registration_next_step("name", team_known=True) == "employee_no"
    assert registration_next_step("consent", team_known=False) is None


def test_status_machine() -> None:
    assert next_status(MemberStatus.PENDING, "approve") is MemberStatus.ACTIVE
    assert next_status(MemberStatus.ACTIVE, "deactivate") is MemberStatus.DEACTIVATED
    with pytest.raises(InvalidTransition):
        next_status(MemberStatus.ACTIVE, "approve")


def test_parse_who() -> None:
    assert parse_who("#12").member_id == 12
    assert parse_who("id:777").tg_user_id == 777
    assert parse_who("e-55").employee_no == "E-55"
    with pytest.raises(InvalidInput):
        parse_who("张三")


def test_roles_and_scopes() -> None:
    officer = Actor(1, 1, "李", team_id=10, status=MemberStatus.ACTIVE,
                    roles=frozenset({Role.OFFICER}))
    assert officer.officer_of(10) and not officer.officer_of(11)
    assert officer.may_set_chat_purpose("team", 10)
    assert not officer.may_set_chat_purpose("branch", None)
    assert not officer.may_manage_roles(Role.OFFICER)
    revoked = Actor(1, 1, "李", team_id=10, status=MemberStatus.DEACTIVATED,
                    roles=frozenset({Role.OFFICER}))
    assert not revoked.officer_of(10) and revoked.role_level == "guest"
    chair = Actor(2, 2, "王", status=MemberStatus.ACTIVE, roles=frozenset({Role.CHAIR}))
    assert chair.officer_of(99) and chair.may_manage_roles(Role.OFFICER)
    assert not chair.may_manage_roles(Role.ADMIN)
    assert Actor(3, config_admin=True).is_admin
