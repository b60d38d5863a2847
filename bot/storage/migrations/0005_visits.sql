-- 走访谈心: the officers' diary of talks and home visits. A visit names a registered
-- member (member_id) or, for someone not registered, only the name written (person).
-- Diary notes are read by their author and the chairs only.

CREATE TABLE visits (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES members(id),
    kind TEXT NOT NULL CHECK (kind IN ('talk', 'home')),
    member_id INTEGER REFERENCES members(id),
    person TEXT NOT NULL,
    team_id INTEGER REFERENCES teams(id),
    visited_on TEXT NOT NULL,
    notes TEXT NOT NULL,
    reasons TEXT NOT NULL DEFAULT '[]',
    follow_up TEXT NOT NULL DEFAULT 'none' CHECK (follow_up IN ('none', 'revisit', 'help')),
    revisit_on TEXT,
    help_note TEXT NOT NULL DEFAULT '',
    help_taken_by INTEGER REFERENCES members(id),
    help_taken_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX visits_officer_day ON visits(officer_id, visited_on);
CREATE INDEX visits_member_day ON visits(member_id, visited_on);
CREATE INDEX visits_day ON visits(visited_on);
CREATE INDEX visits_revisit ON visits(revisit_on) WHERE follow_up = 'revisit';
CREATE INDEX visits_help_open ON visits(id) WHERE follow_up = 'help' AND help_taken_by IS NULL;
