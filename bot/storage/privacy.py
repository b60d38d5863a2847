"""Forgetting a member (/delete_my_data) and purging what is past its keeping time.

A member who asks to be forgotten loses everything that names them: the member row is
emptied (name, username, employee number, Telegram id), their roles, language, open
conversation, group sightings, study notes, exam scores and 已阅 marks go; what the
branch must keep as records stays without them — a card's text without its author or
its seal, a hazard without its reporter, a visit without the member's name."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from bot.storage import audit
from bot.storage.db import Database, ts

FORGOTTEN = "已注销"


async def forget_member(db: Database, member_id: int, tg_user_id: int, owner_tag: str,
                        now: datetime) -> bool:
    """Everything identifying the member, in one transaction; False if no such member."""
    async with db.tx() as tx:
        row = await tx.fetchone("SELECT name, employee_no FROM members WHERE id = ?",
                                (member_id,))
        if row is None:
            return False
        # Messages about them (a registration request to the officers, a card's 署名)
        # name them too: the name and number are replaced there, as written (HTML).
        placeholder = f"{FORGOTTEN}#{member_id}"
        for value in {row["name"], row["employee_no"]} - {None, ""}:
            for written in {value, html.escape(value, quote=False)}:
                if len(written) >= 2:
                    await tx.execute(
                        "UPDATE outbox SET payload = replace(payload, ?, ?)"
                        " WHERE instr(payload, ?) > 0", (written, placeholder, written))
        # A negative id frees the real one (they may register again) and stays unique.
        await tx.execute(
            "UPDATE members SET name = ?, username = NULL, employee_no = NULL,"
            " tg_user_id = ?, status = 'deactivated', consent_at = NULL, updated_at = ?"
            " WHERE id = ?", (f"{FORGOTTEN}#{member_id}", -member_id, ts(now), member_id))
        for sql in (
            "DELETE FROM member_roles WHERE member_id = ?",
            "DELETE FROM study_photos WHERE entry_id IN"
            " (SELECT id FROM study_entries WHERE member_id = ?)",
            "DELETE FROM study_entries WHERE member_id = ?",
            "DELETE FROM exam_scores WHERE member_id = ?",
            "DELETE FROM disclosure_reads WHERE member_id = ?",
            "UPDATE cards SET author_member_id = NULL, publish_ok = 0"
            " WHERE author_member_id = ?",
            "UPDATE hazards SET reporter_member_id = NULL WHERE reporter_member_id = ?",
            "UPDATE visits SET member_id = NULL, person = '" + FORGOTTEN + "'"
            " WHERE member_id = ?",
        ):
            await tx.execute(sql, (member_id,))
        await tx.execute("UPDATE hazards SET owner_name = ? WHERE owner_member_id = ?",
                         (FORGOTTEN, member_id))
        await tx.execute("DELETE FROM card_owners WHERE owner_tag = ?", (owner_tag,))
        await tx.execute("DELETE FROM submit_receipts WHERE owner_tag = ?", (owner_tag,))
        for table in ("user_prefs", "flows", "chat_members"):
            await tx.execute(f"DELETE FROM {table} WHERE tg_user_id = ?", (tg_user_id,))
        await tx.execute(
            "UPDATE outbox SET payload = '{}', chat_id = 0, status = 'failed',"
            " error = 'member forgotten' WHERE chat_id = ? AND status = 'pending'",
            (tg_user_id,))
        await tx.execute("UPDATE outbox SET payload = '{}', chat_id = 0 WHERE chat_id = ?",
                         (tg_user_id,))
        await audit.record(tx, now, None, "member", member_id, None, "forgotten")
    return True


@dataclass(frozen=True)
class Purged:
    cards: int
    hazards: int
    outbox: int
    files: int


async def purge(db: Database, items_before: datetime, messages_before: datetime) -> Purged:
    """Closed cards and hazards raised before `items_before`, and sent or failed
    messages (and the images made for them) from before `messages_before`."""
    cutoff, sent_cutoff = ts(items_before), ts(messages_before)
    closed_cards = ("SELECT id FROM cards WHERE status IN ('closed', 'returned', 'duplicate')"
                    " AND created_at < ?")
    closed_hazards = ("SELECT id FROM hazards WHERE status IN ('verified', 'rejected',"
                      " 'duplicate') AND created_at < ?")
    async with db.tx() as tx:
        for table in ("card_photos", "card_replies", "card_owners", "card_publications"):
            await tx.execute(f"DELETE FROM {table} WHERE card_id IN ({closed_cards})",
                             (cutoff,))
        await tx.execute("UPDATE cards SET duplicate_of = NULL WHERE duplicate_of IN"
                         f" ({closed_cards})", (cutoff,))
        cards = await tx.execute(f"DELETE FROM cards WHERE id IN ({closed_cards})", (cutoff,))
        await tx.execute(f"DELETE FROM hazard_photos WHERE hazard_id IN ({closed_hazards})",
                         (cutoff,))
        await tx.execute("UPDATE hazards SET duplicate_of = NULL WHERE duplicate_of IN"
                         f" ({closed_hazards})", (cutoff,))
        hazards = await tx.execute(f"DELETE FROM hazards WHERE id IN ({closed_hazards})",
                                   (cutoff,))
        kept = ("SELECT outbox_id FROM disclosure_posts UNION SELECT pin_outbox_id FROM"
                " disclosure_posts WHERE pin_outbox_id IS NOT NULL UNION SELECT"
                " progress_outbox_id FROM disclosures WHERE progress_outbox_id IS NOT NULL"
                " UNION SELECT outbox_id FROM notification_ledger WHERE outbox_id IS NOT NULL")
        outbox = await tx.execute(
            "DELETE FROM outbox WHERE status IN ('sent', 'failed', 'uncertain')"
            f" AND created_at < ? AND id NOT IN ({kept})", (sent_cutoff,))
        # An image a message still waiting names ({"file": id}) stays until it is sent.
        files = await tx.execute(
            "DELETE FROM outbox_files WHERE created_at < ? AND id NOT IN"
            " (SELECT file FROM disclosure_images) AND NOT EXISTS (SELECT 1 FROM outbox o"
            " WHERE o.status IN ('pending', 'sending')"
            " AND instr(o.payload, '\"file\": ' || outbox_files.id) > 0)", (sent_cutoff,))
    return Purged(cards, hazards, outbox, files)
