"""ChatMember JSON objects, complete enough for PTB's strict constructors."""

from __future__ import annotations

from typing import Any


def member_json(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember JSON object with every field PTB requires for ``status``."""
    if status == "creator":
        return {"status": status, "user": user, "is_anonymous": False}
    if status == "administrator":
        rights = (
            "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members "
            "can_change_info can_invite_users can_post_stories can_edit_stories "
            "can_delete_stories can_pin_messages"
        ).split()
        flags = dict.fromkeys(rights, True)
        return {"status": status, "user": user, "can_be_edited": False,
                "is_anonymous": False, "can_promote_members": False, **flags}
    if status == "restricted":
        perms = (
            "can_change_info can_invite_users can_pin_messages can_send_messages "
            "can_send_polls can_send_other_messages can_add_web_page_previews "
            "can_manage_topics can_send_audios can_send_documents can_send_photos "
            "can_send_videos can_send_video_notes can_send_voice_notes can_edit_tag"
        ).split()
        return {"status": status, "user": user, "is_member": True, "until_date": 0,
                **dict.fromkeys(perms, False)}
    if status == "kicked":
        return {"status": status, "user": user, "until_date": 0}
    return {"status": status, "user": user}
