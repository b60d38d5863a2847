-- 隐患上报: hazard reports, their photos (as reported and as fixed).

CREATE TABLE hazards (
    id INTEGER PRIMARY KEY,
    team_id INTEGER REFERENCES teams(id),
    reporter_member_id INTEGER REFERENCES members(id),
    location TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('ordinary', 'significant', 'major')),
    description TEXT NOT NULL,
    found_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('reported', 'confirmed', 'fixed', 'verified',
                                           'rejected', 'duplicate')),
    owner_member_id INTEGER REFERENCES members(id),
    owner_name TEXT,
    deadline TEXT,
    first_deadline TEXT,
    confirmed_by INTEGER REFERENCES members(id),
    confirmed_at TEXT,
    handled_by INTEGER REFERENCES members(id),
    reject_reason TEXT,
    duplicate_of INTEGER REFERENCES hazards(id),
    fixed_at TEXT,
    fixed_by INTEGER REFERENCES members(id),
    redo_reason TEXT,
    rounds INTEGER NOT NULL DEFAULT 0,
    verified_by INTEGER REFERENCES members(id),
    verified_at TEXT
);
CREATE INDEX hazards_open ON hazards(status, deadline);
CREATE INDEX hazards_team_found ON hazards(team_id, found_at);
CREATE INDEX hazards_reporter ON hazards(reporter_member_id);
CREATE INDEX hazards_owner ON hazards(owner_member_id, status);

CREATE TABLE hazard_photos (
    hazard_id INTEGER NOT NULL REFERENCES hazards(id),
    kind TEXT NOT NULL CHECK (kind IN ('report', 'fix')),
    round INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    file_id TEXT NOT NULL,
    PRIMARY KEY (hazard_id, kind, round, position)
);
