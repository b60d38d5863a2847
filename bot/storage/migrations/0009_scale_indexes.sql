-- Indexes for a large branch (issue 10, scale). The monthly figures count the cards
-- raised and the hazards found in a period for the whole branch, not one team only:
-- each index holds every column those counts read, so a month of tens of thousands of
-- items is counted from the indexes alone (a card's latest rating included).

CREATE INDEX cards_month ON cards(created_at, team_id, due_on, status, accepted_by,
                                  first_replied_at, outcome);
CREATE INDEX card_replies_rating ON card_replies(card_id, round, rating);
CREATE INDEX hazards_month ON hazards(found_at, team_id, category, severity, status,
                                      confirmed_by, first_deadline, deadline, fixed_at);
