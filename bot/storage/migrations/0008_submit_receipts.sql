-- What a 提交 press made, kept a day so a press repeated after a crash (the receipt
-- died with the process) can be answered with the number. Keyed by the owner tag (a
-- keyed hash of the Telegram id) and the preview message pressed; what was made is
-- sealed with the seal key, as a fully anonymous card's receipt code is in it.

CREATE TABLE submit_receipts (
    owner_tag TEXT NOT NULL,
    message_id INTEGER NOT NULL,
    sealed TEXT NOT NULL,
    said INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    PRIMARY KEY (owner_tag, message_id)
);

CREATE INDEX submit_receipts_created ON submit_receipts (created_at);
