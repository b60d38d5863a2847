-- 学习型小家: study notes (with notebook photos), exams and their scores; and files
-- the bot uploads itself (score boards, later charts), kept for the outbox to send.

CREATE TABLE study_entries (
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    team_id INTEGER REFERENCES teams(id),
    kind TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes > 0),
    studied_on TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX study_member_day ON study_entries(member_id, studied_on);
CREATE INDEX study_team_day ON study_entries(team_id, studied_on);

CREATE TABLE study_photos (
    entry_id INTEGER NOT NULL REFERENCES study_entries(id),
    position INTEGER NOT NULL,
    file_id TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
);

CREATE TABLE exams (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES teams(id),
    subject TEXT NOT NULL,
    held_on TEXT NOT NULL,
    full_marks REAL NOT NULL CHECK (full_marks > 0),
    created_by INTEGER REFERENCES members(id),
    created_at TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    posted_at TEXT,
    posted_by INTEGER REFERENCES members(id)
);
CREATE INDEX exams_team ON exams(team_id, held_on);

CREATE TABLE exam_scores (
    exam_id INTEGER NOT NULL REFERENCES exams(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    score REAL NOT NULL CHECK (score >= 0),
    entered_by INTEGER REFERENCES members(id),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (exam_id, member_id)
);
CREATE INDEX exam_scores_member ON exam_scores(member_id);

CREATE TABLE outbox_files (
    id INTEGER PRIMARY KEY,
    filename TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL
);
