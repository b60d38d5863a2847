-- 民主管理信息卡: cards, their photos, replies and publications.
-- Who wrote an anonymous card is never in `cards`: only `card_owners` holds a sealed
-- chat id and a keyed owner tag (or, for fully anonymous cards, only the receipt hash),
-- and only the author-facing queries read that table.

CREATE TABLE cards (
    id INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams(id),
    category TEXT NOT NULL,
    body TEXT NOT NULL,
    identity TEXT NOT NULL CHECK (identity IN ('named', 'anonymous', 'secret')),
    author_member_id INTEGER REFERENCES members(id),
    publish_ok INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('new', 'accepted', 'replied', 'closed', 'returned',
                                           'duplicate')),
    created_at TEXT NOT NULL,
    due_on TEXT NOT NULL,
    department TEXT,
    accepted_by INTEGER REFERENCES members(id),
    accepted_at TEXT,
    handled_by INTEGER REFERENCES members(id),
    return_reason TEXT,
    duplicate_of INTEGER REFERENCES cards(id),
    first_replied_at TEXT,
    replied_at TEXT,
    rounds INTEGER NOT NULL DEFAULT 0,
    outcome TEXT CHECK (outcome IN ('implemented', 'partial', 'declined')),
    outcome_reason TEXT,
    outcome_by INTEGER REFERENCES members(id),
    outcome_at TEXT,
    reopened INTEGER NOT NULL DEFAULT 0,
    CHECK (identity = 'named' OR author_member_id IS NULL)
);
CREATE INDEX cards_open ON cards(status, due_on);
CREATE INDEX cards_team_created ON cards(team_id, created_at);
CREATE INDEX cards_author ON cards(author_member_id);

CREATE TABLE card_owners (
    card_id INTEGER PRIMARY KEY REFERENCES cards(id),
    owner_tag TEXT,
    sealed_chat TEXT,
    receipt_hash TEXT UNIQUE
);
CREATE INDEX card_owners_tag ON card_owners(owner_tag);

CREATE TABLE card_photos (
    card_id INTEGER NOT NULL REFERENCES cards(id),
    position INTEGER NOT NULL,
    file_id TEXT NOT NULL,
    PRIMARY KEY (card_id, position)
);

CREATE TABLE card_replies (
    id INTEGER PRIMARY KEY,
    card_id INTEGER NOT NULL REFERENCES cards(id),
    round INTEGER NOT NULL,
    body TEXT NOT NULL,
    replier TEXT NOT NULL,
    replier_member_id INTEGER REFERENCES members(id),
    recorded_by INTEGER REFERENCES members(id),
    created_at TEXT NOT NULL,
    rating TEXT CHECK (rating IN ('satisfied', 'basic', 'unsatisfied')),
    rating_reason TEXT,
    rated_at TEXT,
    UNIQUE (card_id, round)
);

CREATE TABLE card_publications (
    card_id INTEGER NOT NULL REFERENCES cards(id),
    chat_id INTEGER NOT NULL,
    published_by INTEGER REFERENCES members(id),
    published_at TEXT NOT NULL,
    PRIMARY KEY (card_id, chat_id)
);
