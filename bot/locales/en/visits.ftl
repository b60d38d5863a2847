## Visits and talks: the officers' diary, monthly quotas, reminders

menu-visit = 📔 Log a visit
cmd-visit = Log a talk or a home visit (diary)
cmd-visits = My visit diary and this month's quota
flow-visit = visit diary entry
visit-officers-only = Only union officers, group leaders and chairs keep the visit diary.

visit-kind-talk = talk
visit-kind-home = home visit

# Logging a visit
visit-ask-kind = 📔 <b>Visit diary</b>
    A talk or a home visit?
visit-ask-whom = Who was the { $kind } with? Type a name or employee number, or pick below.
btn-visit-own-team = My team
btn-visit-by-team = By team
btn-visit-unregistered = Not registered
btn-visit-write-as-is = Write “{ $name }” (not registered)
visit-ask-team = Pick a team:
visit-ask-member = { $team } ({ $count } people), tap a name:
visit-team-empty = { $team } has no registered members yet. Type a name, or use “Not registered”.
visit-ask-found = { $count } found, tap a name:
visit-ask-person = Type the person's name (someone not registered with the bot, e.g. family or a retiree):
visit-search-none = Nobody called “{ $name }” was found. Type again, or keep the name as written.
visit-search-none-retype = Nobody called “{ $name }” was found. Type the name or employee number again.
visit-search-several = Several people match; pick one:
visit-search-many = Too many match; showing the first 10. Type the full name or employee number.
visit-person-bad = A name is 2 to 20 characters; please type it again.
visit-person-gone = That person is no longer on the member list (or it is yourself); pick again.
btn-prev = ◀ Previous
btn-next = Next ▶
visit-ask-day = Which day? Tap a button, or type a date this month, e.g. 11-18.
visit-date-bad = That date was not understood. Type e.g. 11-18, or tap a button.
visit-date-future = A day in the future cannot be logged.
visit-date-too-old = Only this month's visits (or yesterday's) can be logged.
visit-ask-notes = Write what you talked about with { $person }, what you learned and what they think (one message, up to 2000 characters).
visit-notes-empty = The notes are empty; please write a few lines.
visit-notes-too-long = Too long: { $length } characters, at most { $limit }.
visit-ask-reasons = What was the occasion? Pick any (or none), then tap Done.
btn-visit-reason = { $reason }
btn-visit-reason-on = ✓ { $reason }
visit-ask-follow = Any follow-up?
btn-visit-follow-none = None
btn-visit-follow-revisit = 🔁 Visit again
btn-visit-follow-help = 🆘 Hardship help
visit-ask-revisit = When to visit again? Tap a button or type a date (within { $days } days); you will be reminded that morning.
btn-visit-in-days = in { $days } days ({ $day })
revisit-date-bad = That date was not understood. Type e.g. 11-28, tomorrow, or a number of days such as 10.
revisit-date-past = The next visit must be tomorrow or later.
revisit-date-far = The next visit can be at most { $days } days ahead.
visit-ask-help = Briefly describe { $person }'s hardship and the help needed (up to 500 characters); the chairs will be told.
visit-help-empty = Please describe the hardship.
visit-help-too-long = Too long: { $length } characters, at most { $limit }.
visit-ask-edit = What do you want to change?
btn-visit-edit-kind = Kind
btn-visit-edit-whom = Person
btn-visit-edit-day = Day
btn-visit-edit-notes = Notes
btn-visit-edit-reasons = Occasion
btn-visit-edit-follow = Follow-up
visit-preview-title = 📔 <b>Please check</b>, then tap Save:
visit-preview-facts = { $kind } · { $person } ({ $team }) · { $day }
visit-preview-reasons = Occasion: { $reasons }
visit-preview-follow = Follow-up: { $follow }
visit-preview-help = 🆘 Hardship: { $note }
visit-no-reason = none
visit-follow-none = none
visit-follow-revisit-on = 🔁 visit again { $day }
visit-follow-help = 🆘 hardship help
visit-follow-help-taken = 🆘 help taken on
visit-unregistered = not registered
visit-missing-kind = Talk or home visit is not chosen yet.
visit-missing-whom = The person is not chosen yet.
visit-missing-day = Pick the day again: only this month's (or yesterday).
visit-missing-notes = The notes are not written yet.
visit-missing-revisit = Pick the next visit's day again; it must be after today.
visit-missing-help = The hardship is not described yet.
visit-saved = ✅ Saved in the diary as #{ $id }: { $kind } · { $person } · { $day }
visit-saved-revisit = 🔁 You will be reminded on the morning of { $day }.
visit-saved-help = 🆘 The chairs ({ $count }) have been told.
visit-saved-help-self = 🆘 Recorded as a hardship case.

# This month's progress
visit-progress-now = This month: talks { $talks }/{ $talks_min } · home visits { $homes }/{ $homes_min }
visit-progress-month = Month { $month }: talks { $talks }/{ $talks_min } · home visits { $homes }/{ $homes_min }
visit-count-now = This month: { $talks } talk(s) · { $homes } home visit(s)
visit-count-month = Month { $month }: { $talks } talk(s) · { $homes } home visit(s)
visit-progress-done = ✓ done
visit-progress-left = still { $what } to go
visit-progress-short = { $what } short
visit-missing-talks = { $count } talk(s)
visit-missing-homes = { $count } home visit(s)

# The diary and one entry
visits-title = 📔 <b>My visit diary</b>
visit-entry-line = /visit_{ $id } { $day } { $kind } { $person } { $extra }
visits-more = … { $count } more
visits-none-month = (nothing logged this month)
visits-footer = Tap a number to read it. Send /visit to log a new one.
visits-help-waiting = 🆘 <b>Hardship cases waiting for a chair: { $count }</b>
btn-visit-completion = 📊 Officers' progress
btn-visit-coverage = 👥 Not yet visited
btn-visit-again = 🔁 Log another visit
visit-title = 📔 <b>Diary #{ $id }</b> · { $kind }
visit-facts = { $person } ({ $team }) · { $day } · by { $author }
visit-help-taken-by = ✅ { $name } has taken on the help.

# Hardship help
visit-help-notice = 🆘 <b>Hardship help</b> · diary /visit_{ $id }
    { $person } ({ $team }) · { $kind } { $day } · by { $author }
    Occasion: { $reasons }
    Hardship: { $note }
btn-visit-take-help = ✅ I'll follow up
visit-help-took = You have taken on { $person }'s hardship case; the officer will be told.
visit-help-already = { $name } has already taken this case on.
visit-help-taken-notice = ✅ The hardship of { $person } you reported on { $day } has been taken on by chair { $chair }.

# Reminders and reports
btn-visit-now = 📔 Log a visit
visit-nag = 📔 <b>Visits reminder</b>
    Month { $month } so far: { $talks } talk(s), { $homes } home visit(s); { $what }.
    Each month: { $talks_min }–{ $talks_max } talks and { $homes_min }–{ $homes_max } home visits. The month ends on { $last }.
visit-revisit-remind = 🔁 Visit again: you planned to see { $person } again on { $day } ({ $kind } on { $first }, /visit_{ $id }).
visit-report-title = 📊 <b>Visits and talks, { $month }</b>
visit-report-rate = Reached the monthly minimum: { $done }/{ $size }
visit-report-line = { $name } ({ $team }) talks { $talks }/{ $talks_min } · home visits { $homes }/{ $homes_min } · { $status }
visit-report-ok = ✓ done
visit-report-no-officers = There are no officers yet.
visit-coverage-branch = 👥 <b>Visited in the last 12 months</b> (visited/members); tap a team for names:
visit-coverage-team-line = { $team }: { $visited }/{ $size }
visit-coverage-title = 👥 <b>{ $team } · visits in the last 12 months</b> (since { $since })
visit-coverage-rate = Talked with or visited: { $visited }/{ $size }
visit-coverage-never = Never visited ({ $count }): { $names }
visit-coverage-more = … { $count } more
visit-coverage-all = ✓ Everyone has been visited.
visit-coverage-oldest = Longest since a visit: { $name } (last { $day })
