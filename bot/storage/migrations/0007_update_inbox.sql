-- Updates as they come from Telegram, kept until handled. Polling confirms a batch to
-- Telegram with its next getUpdates, before the batch is handled; a webhook answers 200
-- once an update is queued. An update is written here first, so one that the process
-- did not live to handle is handled at the next start. Once handled its payload is
-- cleared; the id stays a while so a copy Telegram sends again is not handled twice.

CREATE TABLE update_inbox (
    update_id INTEGER PRIMARY KEY,
    payload TEXT,
    received_at TEXT NOT NULL,
    handled_at TEXT
);

CREATE INDEX update_inbox_handled ON update_inbox (handled_at);
