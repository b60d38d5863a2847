-- Foundation: teams, members and roles, chats, conversations, audit log,
-- outbox and notification ledger. Timestamps are ISO-8601 UTC text.

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    join_code TEXT NOT NULL UNIQUE,
    auto_approve INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    tg_user_id INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL,
    username TEXT,
    team_id INTEGER REFERENCES teams(id),
    employee_no TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'rejected', 'deactivated')),
    consent_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_by INTEGER REFERENCES members(id)
);
CREATE INDEX members_team ON members(team_id, status);
CREATE INDEX members_employee_no ON members(employee_no);

CREATE TABLE member_roles (
    member_id INTEGER NOT NULL REFERENCES members(id),
    role TEXT NOT NULL,
    granted_by INTEGER REFERENCES members(id),
    granted_at TEXT NOT NULL,
    PRIMARY KEY (member_id, role)
);

CREATE TABLE user_prefs (
    tg_user_id INTEGER PRIMARY KEY,
    language TEXT NOT NULL
);

CREATE TABLE chats (
    chat_id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    title TEXT,
    purpose TEXT,
    team_id INTEGER REFERENCES teams(id),
    status TEXT NOT NULL CHECK (status IN ('active', 'removed', 'migrated', 'blocked')),
    migrated_to INTEGER,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX chats_purpose ON chats(purpose, status);

CREATE TABLE flows (
    tg_user_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    step TEXT NOT NULL,
    data TEXT NOT NULL,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX flows_updated ON flows(updated_at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_member_id INTEGER,
    item_type TEXT NOT NULL,
    item_id TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    note TEXT
);
CREATE INDEX audit_item ON audit_log(item_type, item_id);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    method TEXT NOT NULL,
    payload TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
    attempts INTEGER NOT NULL DEFAULT 0,
    message_id INTEGER,
    error TEXT,
    ref TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, not_before, priority);
CREATE INDEX outbox_ref ON outbox(ref);

CREATE TABLE notification_ledger (
    item TEXT NOT NULL,
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    outbox_id INTEGER REFERENCES outbox(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (item, kind, period)
);
