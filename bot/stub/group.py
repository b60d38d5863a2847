"""Group chats seen from the user side: adding/removing the bot, migration."""

from __future__ import annotations

import copy

from bot.stub.driver import ChatView, UserHandle
from bot.stub.state import Chat


class GroupHandle(ChatView):
    """A group or supergroup. Members talk in it with ``user.send_to(group, ...)``."""

    @property
    def title(self) -> str:
        return self.chat.label

    def _service(self, by: UserHandle, fields: dict[str, object], line: str) -> None:
        msg = self.stub.add_message(self.chat, by.id, fields)
        self.stub.log(self.chat.id, line)
        self.stub.push_update("message", copy.deepcopy(msg.data))

    def add_member(self, user: UserHandle, status: str = "member") -> None:
        self.chat.members[user.id] = status

    async def add_bot(self, by: UserHandle, status: str = "member") -> None:
        """``by`` adds the bot (status member or administrator): my_chat_member update
        plus the new_chat_members service message, as Telegram sends them."""
        self.chat.members.setdefault(by.id, "creator")
        old = self.chat.bot_status
        self.chat.bot_status = status
        self.stub.chat_member_update(self.chat, self.stub.bot_id, old, status, actor=by.id)
        self._service(
            by,
            {"new_chat_members": [self.stub.bot_user()]},
            f"➕ {by.name} added the bot to {self.title} as {status}",
        )

    async def promote_bot(self, by: UserHandle) -> None:
        old = self.chat.bot_status
        self.chat.bot_status = "administrator"
        self.stub.chat_member_update(self.chat, self.stub.bot_id, old, "administrator", by.id)
        self.stub.log(self.chat.id, f"⭐ {by.name} made the bot an admin of {self.title}")

    async def remove_bot(self, by: UserHandle) -> None:
        """``by`` kicks the bot: my_chat_member → kicked; later sends answer 403."""
        old = self.chat.bot_status
        self.chat.bot_status = "kicked"
        self.stub.chat_member_update(self.chat, self.stub.bot_id, old, "kicked", actor=by.id)
        self.stub.log(self.chat.id, f"➖ {by.name} removed the bot from {self.title}")

    async def migrate(self, new_chat_id: int, by: UserHandle | None = None) -> GroupHandle:
        """Upgrade this group to a supergroup with ``new_chat_id``: the old chat gets a
        message with migrate_to_chat_id, the new one a message with migrate_from_chat_id."""
        old = self.chat
        new = Chat(new_chat_id, "supergroup", title=old.title, bot_status=old.bot_status,
                   members=dict(old.members))
        self.stub.chats[new_chat_id] = new
        actor = by.id if by else next(iter(old.members), self.stub.bot_id)
        if old.bot_status in ("member", "administrator"):
            msg = self.stub.add_message(old, actor, {"migrate_to_chat_id": new_chat_id})
            self.stub.push_update("message", copy.deepcopy(msg.data))
            msg = self.stub.add_message(new, actor, {"migrate_from_chat_id": old.id})
            self.stub.push_update("message", copy.deepcopy(msg.data))
        old.migrated_to = new_chat_id
        self.stub.log(old.id, f"⬆️ {old.label} was upgraded to supergroup {new_chat_id}")
        return GroupHandle(self.stub, new)
