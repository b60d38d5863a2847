-- 厂务公开: disclosures drafted by an officer, approved by a chair (never the drafter),
-- broadcast through the outbox to group chats, read (已阅) and questioned (有疑问).
-- A correction (更正) is a disclosure of its own with parent_id set: it is approved the
-- same way and posted as a reply to each message of the original.

CREATE TABLE disclosures (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES disclosures(id),
    category TEXT NOT NULL,
    period TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- none | photo | document | table; file is the Telegram file id of the upload
    attachment TEXT NOT NULL DEFAULT 'none',
    file_id TEXT,
    file_name TEXT,
    pin INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'approved')),
    drafted_by INTEGER NOT NULL REFERENCES members(id),
    decided_by INTEGER REFERENCES members(id),
    decided_at TEXT,
    return_comment TEXT,
    -- a returned draft, edited and submitted again as this one
    replaced_by INTEGER REFERENCES disclosures(id),
    -- the drafter's "已发送 12/40" message, and when it was last brought up to date
    progress_outbox_id INTEGER REFERENCES outbox(id),
    progress_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX disclosures_status ON disclosures(status, id);
CREATE INDEX disclosures_parent ON disclosures(parent_id);

-- The images a table was drawn as (outbox_files), in order.
CREATE TABLE disclosure_images (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    position INTEGER NOT NULL,
    file INTEGER NOT NULL,
    PRIMARY KEY (disclosure_id, position)
);

-- The group chats picked when drafting.
CREATE TABLE disclosure_targets (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    chat_id INTEGER NOT NULL,
    PRIMARY KEY (disclosure_id, chat_id)
);

-- One row per chat the disclosure was queued to: outbox_id is its message with the
-- buttons (its status and message id live in the outbox row).
CREATE TABLE disclosure_posts (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    chat_id INTEGER NOT NULL,
    outbox_id INTEGER NOT NULL UNIQUE REFERENCES outbox(id),
    pin_outbox_id INTEGER REFERENCES outbox(id),
    shown_count INTEGER NOT NULL DEFAULT 0,
    count_edit_at TEXT,
    PRIMARY KEY (disclosure_id, chat_id)
);

-- 已阅: each member once per chat.
CREATE TABLE disclosure_reads (
    disclosure_id INTEGER NOT NULL REFERENCES disclosures(id),
    chat_id INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members(id),
    read_at TEXT NOT NULL,
    PRIMARY KEY (disclosure_id, chat_id, member_id)
);
CREATE INDEX disclosure_reads_member ON disclosure_reads(disclosure_id, member_id);

-- Who is in which group, as far as the bot has seen (joins, leaves, presses).
CREATE TABLE chat_members (
    chat_id INTEGER NOT NULL,
    tg_user_id INTEGER NOT NULL,
    present INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (chat_id, tg_user_id)
);

-- A card raised with 有疑问 under a disclosure.
ALTER TABLE cards ADD COLUMN disclosure_id INTEGER REFERENCES disclosures(id);
CREATE INDEX cards_disclosure ON cards(disclosure_id) WHERE disclosure_id IS NOT NULL;
