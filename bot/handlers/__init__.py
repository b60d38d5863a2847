"""Every handler, added in one ordered place. Earlier entries win within a group."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.handlers import (
    admin,
    basics,
    card_buttons,
    card_lists,
    card_rating,  # noqa: F401  (registers its flow)
    card_steps,  # noqa: F401  (registers its flow)
    card_submit,
    disclose_buttons,
    disclose_draft,
    disclose_lists,
    exam_buttons,
    exam_create,
    exam_scores,  # noqa: F401  (registers its flows)
    export_cmd,
    flows,
    groups,
    hazard_buttons,
    hazard_lists,
    hazard_report,
    hazard_steps,  # noqa: F401  (registers its flows)
    privacy,
    registration,
    stats,
    study_lists,
    study_log,
    throttle,
    visit_lists,
    visit_log,
)
from bot.handlers.errors import on_error
from bot.handlers.menu import MENU

PRIVATE = filters.ChatType.PRIVATE
GROUPS = filters.ChatType.GROUPS
NEW = filters.UpdateType.MESSAGE  # edits of old messages never drive a flow
# Commands that only make sense in a private chat; in a group they get a deep link.
PRIVATE_ONLY = ["start", "cancel", "lang", "privacy", "members", "promote", "demote", "move",
                "deactivate", "reactivate", "card", "mycards", "cards", "check", "hazard",
                "hazards", "study", "mystudy", "exam", "exams", "visit", "visits", "disclose",
                "disclosures", "stats", "export", "delete_my_data"]
CARD_LINK = filters.Regex(r"^/card_\d+(@\w+)?$")
HAZARD_LINK = filters.Regex(r"^/hazard_\d+(@\w+)?$")
EXAM_LINK = filters.Regex(r"^/exam_\d+(@\w+)?$")
VISIT_LINK = filters.Regex(r"^/visit_\d+(@\w+)?$")
DISCLOSURE_LINK = filters.Regex(r"^/disclosure_\d+(@\w+)?$")


def register(app: Application) -> None:
    def private(name: str, callback: Any) -> None:
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE & NEW))

    app.add_handler(TypeHandler(Update, throttle.guard), group=-1)
    private("start", registration.start)
    private("cancel", flows.cancel)
    app.add_handler(CommandHandler("help", basics.show_help, filters=NEW))
    private("lang", basics.choose_language)
    private("privacy", basics.privacy)
    private("delete_my_data", privacy.delete_my_data)
    private("members", admin.list_members)
    private("promote", admin.promote)
    private("demote", admin.demote)
    private("move", admin.move)
    private("deactivate", admin.deactivate)
    private("reactivate", admin.reactivate)
    private("card", card_submit.start_card)
    private("mycards", card_lists.my_cards)
    private("cards", card_lists.open_cards)
    private("check", card_lists.check)
    app.add_handler(MessageHandler(PRIVATE & NEW & CARD_LINK, card_lists.show_card))
    private("hazard", hazard_report.start_hazard)
    private("hazards", hazard_lists.list_hazards)
    app.add_handler(MessageHandler(PRIVATE & NEW & HAZARD_LINK, hazard_lists.show_hazard))
    private("study", study_log.start_study)
    private("mystudy", study_lists.my_study)
    private("exam", exam_create.start_exam)
    private("exams", study_lists.list_exams)
    app.add_handler(MessageHandler(PRIVATE & NEW & EXAM_LINK, exam_buttons.show_exam))
    private("visit", visit_log.start_visit)
    private("visits", visit_lists.my_visits)
    app.add_handler(MessageHandler(PRIVATE & NEW & VISIT_LINK, visit_lists.show_visit))
    private("stats", stats.show_stats)
    private("export", export_cmd.start_export)
    private("disclose", disclose_draft.start_disclose)
    private("disclosures", disclose_lists.list_disclosures)
    app.add_handler(MessageHandler(PRIVATE & NEW & DISCLOSURE_LINK,
                                   disclose_lists.show_disclosure))

    app.add_handler(CommandHandler("setchat", groups.set_purpose, filters=GROUPS & NEW))
    app.add_handler(CommandHandler(PRIVATE_ONLY, groups.private_only, filters=GROUPS & NEW))

    app.add_handler(CallbackQueryHandler(flows.route_button, pattern=r"^f:"))
    app.add_handler(CallbackQueryHandler(registration.decide, pattern=r"^m:"))
    app.add_handler(CallbackQueryHandler(card_buttons.on_button, pattern=r"^c:"))
    app.add_handler(CallbackQueryHandler(hazard_buttons.on_button, pattern=r"^h:"))
    app.add_handler(CallbackQueryHandler(exam_buttons.on_button, pattern=r"^e:"))
    app.add_handler(CallbackQueryHandler(study_log.start_from_button, pattern=r"^study:start$"))
    app.add_handler(CallbackQueryHandler(visit_lists.on_button, pattern=r"^v:"))
    app.add_handler(CallbackQueryHandler(visit_lists.on_coverage, pattern=r"^vc:"))
    app.add_handler(CallbackQueryHandler(visit_lists.on_completion, pattern=r"^vq$"))
    app.add_handler(CallbackQueryHandler(visit_log.start_from_button, pattern=r"^visit:start$"))
    app.add_handler(CallbackQueryHandler(disclose_buttons.on_decision, pattern=r"^da:"))
    app.add_handler(CallbackQueryHandler(disclose_buttons.on_drafter, pattern=r"^dd:"))
    app.add_handler(CallbackQueryHandler(disclose_buttons.on_read, pattern=r"^dr:"))
    app.add_handler(CallbackQueryHandler(stats.on_period, pattern=r"^st:"))
    app.add_handler(CallbackQueryHandler(export_cmd.on_export, pattern=r"^ex:"))
    app.add_handler(CallbackQueryHandler(basics.set_language, pattern=r"^lang:"))
    app.add_handler(CallbackQueryHandler(basics.stale_button))

    app.add_handler(ChatMemberHandler(groups.bot_membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(ChatMemberHandler(groups.members_changed, ChatMemberHandler.CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, groups.migrated))
    app.add_handler(MessageHandler(
        filters.StatusUpdate.NEW_CHAT_MEMBERS | filters.StatusUpdate.LEFT_CHAT_MEMBER,
        groups.members_changed))

    app.add_handler(MessageHandler(PRIVATE & NEW & filters.COMMAND, basics.unknown_command))
    app.add_handler(MessageHandler(PRIVATE & NEW & filters.TEXT & _menu_filter(),
                                   basics.menu_button))
    app.add_handler(MessageHandler(PRIVATE & NEW & ~filters.StatusUpdate.ALL, flows.route_message))

    app.add_error_handler(on_error)
    basics.MENU_ACTIONS.update({"card": card_submit.start_card, "mycards": card_lists.my_cards,
                                "cards": card_lists.open_cards,
                                "hazard": hazard_report.start_hazard,
                                "hazards": hazard_lists.list_hazards,
                                "study": study_log.start_study,
                                "mystudy": study_lists.my_study,
                                "visit": visit_log.start_visit,
                                "visits": visit_lists.my_visits,
                                "disclose": disclose_draft.start_disclose,
                                "stats": stats.show_stats})


def _menu_filter() -> filters.BaseFilter:
    from bot.texts import LANGUAGES, Texts

    texts = Texts()
    labels = [texts.get(lang, key) for key, _, _ in MENU for lang in LANGUAGES]
    return filters.Text(labels)
