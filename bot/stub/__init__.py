"""A loopback stand-in of the Telegram Bot API, for end-to-end tests and the offline demo.

The real ``telegram.ext.Application`` talks HTTP to :class:`BotApiStub`; tests act as
users through :meth:`BotApiStub.user` / :meth:`BotApiStub.group` handles.
"""

from bot.stub.core import ApiError, Event
from bot.stub.driver import UserHandle
from bot.stub.group import GroupHandle
from bot.stub.limits import FloodLimits
from bot.stub.server import BotApiStub
from bot.stub.state import CallbackAnswer, Message, Request

__all__ = [
    "ApiError",
    "BotApiStub",
    "CallbackAnswer",
    "Event",
    "FloodLimits",
    "GroupHandle",
    "Message",
    "Request",
    "UserHandle",
]
