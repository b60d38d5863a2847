## Xiaojia — English
## Every user-facing text lives here; placeholders are written { $name }.

# General
need-start = You are not registered yet. Send /start to join.
pending-wait = Your registration was sent and waits for your team officer's approval. You will be told.
account-deactivated = Your account is deactivated. Please contact the union if this is a mistake.
not-in-flow = Use the menu below, or send /help to see what you can do.
button-stale = This button has expired; please use the latest message.
need-text = This step needs text.
use-buttons = Please choose with the buttons below.
not-allowed = You are not allowed to do that.
item-not-found = That item was not found.
# Between the items of a list
list-sep = { ", " }
already-handled = Already handled: { $outcome } ({ $by }).
unknown-command = Unknown command. Send /help to see what you can use.
flow-resume = Carrying on where you left off:
flow-expired = Your "{ $flow }" was idle too long and has been cancelled. Start again when you need to.
flow-reg = registration
cancel-nothing = Nothing is in progress.
cancel-done = Cancelled "{ $flow }".
private-only = Please do this in a private chat with me.
btn-open-private = Open private chat
error-user = Sorry, something went wrong. Please try again later. (ref { $ref })
error-admin = ⚠️ Bot error: { $kind } (ref { $ref }). See the server log.

# Buttons
btn-skip = Skip
btn-agree = I agree
btn-disagree = I disagree
btn-approve = ✅ Approve
btn-reject = ❌ Reject

# Registration
reg-ask-name = Welcome to <b>{ $branch }</b>! Let's register you.
    Please type your name:
reg-intro-team = You will join the team <b>{ $team }</b>.
reg-ask-team = Choose your team:
reg-ask-employee-no = Type your employee number (or skip):
reg-ask-consent = Privacy: we keep your name, team, employee number and what you submit here, for union work only; nobody sees who wrote an anonymous submission. Send /privacy for the full notice.
    Do you agree?
reg-name-empty = The name cannot be empty. Please type it again.
reg-name-too-long = That name is too long (at most { $max } characters). Please type it again.
reg-employee-no-bad = An employee number is letters, digits or "-", at most 20. Type it again, or press Skip.
reg-declined = All right, you are not registered. Send /start whenever you want to join.
reg-team-gone = That team no longer exists. Send /start to register again.
reg-welcome = Registered. Welcome, { $name } ({ $team })! Use the menu below.
reg-submitted = Registration sent. An officer of { $team } will approve it and you will be told.
reg-approved = { $name }, your registration is approved. Welcome! Send /start to begin.
reg-rejected = { $name }, your registration was not approved. Please contact your team officer.
join-bad-code = This join link is invalid or expired; please choose your team while registering.
start-member = Hello, { $name }! Use the menu below, or send /help to see what you can do.
approve-request = 🆕 New member asks to join:
    Name: <b>{ $name }</b>
    Team: { $team }
    Employee no.: { $employee_no }
    Number: #{ $id }
approve-reminder = ⏰ { $name } ({ $team }) has waited { $hours } hours for approval.
approve-done = { $name }: { $outcome } (by { $by })

# Status and roles
status-pending = pending
status-active = approved
status-rejected = rejected
status-deactivated = deactivated
role-guest = guest
role-worker = worker
role-supervisor = safety supervisor
role-representative = worker representative
role-officer = union officer
role-chair = union chair
role-admin = admin
role-granted-you = You are now: { $role }.
role-revoked-you = You are no longer: { $role }.

# Help and commands
help-title = <b>Xiaojia</b> · your role: { $role }
    Commands you can use:
cmd-start = register / start
cmd-help = what I can do
cmd-cancel = cancel what is in progress
cmd-lang = change language
cmd-privacy = privacy notice
cmd-members = team member list
cmd-promote = give a role: /promote NUMBER ROLE
cmd-demote = take a role: /demote NUMBER ROLE
cmd-move = change team: /move NUMBER TEAMCODE
cmd-deactivate = deactivate: /deactivate NUMBER
cmd-reactivate = reactivate: /reactivate NUMBER
cmd-setchat = set this group's purpose (in the group)
menu-help = ❓ Help
menu-lang = 🌐 Language

lang-choose = 请选择语言 / Choose a language:
lang-set = Language set to English.
lang-keyboard = Menu updated.

privacy-notice = <b>{ $branch } · Privacy notice</b>
    What we keep: your Telegram id, name, team, employee number (optional), the cards, hazard reports and study logs you submit, and the disclosures you marked read.
    Who sees it: your team's officers and the chair see your name on what you submit; for anonymous submissions no officer can see who wrote them (the database keeps only an encrypted way to reach you). Visit diary entries are read by their author and the chairs only.
    How long: closed cards and hazards are deleted { $years } years after they were raised; messages and images the bot sent are kept { $days } days. What you send the bot is held only until it is handled, then cleared.
    Deleting: send /delete_my_data to remove your personal data. Your name, employee number, study logs, exam scores and read marks are deleted; what the union must keep as records (cards, hazards) stays, no longer linked to you.
    Please note: Telegram and whoever runs this bot's server can technically access message content; what you post in a group is seen by everyone in it.

# Admin commands
admin-who-bad = Name a member as #NUMBER, an employee number, or id:TELEGRAM_ID.
admin-who-unknown = No member "{ $who }" found.
admin-usage-promote = Usage: /promote #NUMBER ROLE (supervisor, representative, officer, chair, admin)
admin-usage-demote = Usage: /demote #NUMBER ROLE (supervisor, representative, officer, chair, admin)
admin-usage-move = Usage: /move #NUMBER TEAMCODE
admin-usage-deactivate = Usage: /deactivate #NUMBER
admin-usage-reactivate = Usage: /reactivate #NUMBER
admin-granted = ✅ { $name } (#{ $id }) is now { $role }.
admin-revoked = ✅ { $name } (#{ $id }) is no longer { $role }.
admin-had-role = { $name } (#{ $id }) already is { $role }; nothing changed.
admin-lacked-role = { $name } (#{ $id }) is not { $role }; nothing changed.
admin-moved = ✅ { $name } moved to { $team }.
admin-not-self = You cannot deactivate or reactivate yourself.
admin-status-unchanged = { $name } is "{ $status }"; nothing changed.
admin-deactivated = ✅ { $name } is deactivated.
admin-reactivated = ✅ { $name } is active again.
members-usage = Usage: /members TEAMCODE. Teams: { $teams }
members-title = <b>Members of { $team }</b>
members-line = #{ $id } { $name } · no. { $employee_no } · { $status } · { $roles }

# Groups
group-hello = Hello everyone, I am the { $branch } union bot. An officer, please send /setchat to tell me what this group is for.
setchat-usage = Usage: /setchat team TEAMCODE | officers | safety | branch
setchat-team-unknown = Please add the team code. Teams: { $teams }
setchat-done = ✅ This group is now: { $purpose } { $team }
purpose-team = team chat
purpose-officers = officers' chat
purpose-safety = safety chat
purpose-branch = branch-wide chat

# Common
btn-done = Done
btn-back = Back
btn-cancel = Cancel
btn-submit = ✅ Submit
btn-edit = ✏️ Edit
need-member = Please register first: send /start.
flow-busy = You have an unfinished "{ $flow }". Finish it first, or send /cancel.
reason-empty = The reason can't be empty; a sentence or two is enough.
reason-too-long = Too long ({ $length } characters, at most { $limit }). Please shorten it.
menu-card = 📝 Write a card
menu-mycards = 📋 My cards
menu-cards = 🗂 Cards to handle
cmd-card = Write a suggestion card
cmd-mycards = My cards and their replies
cmd-check = Check a fully anonymous card by its receipt code
cmd-cards = Open cards, by reply date
flow-card = writing a card
flow-cardact = handling a card
flow-cardrate = rating a reply

# Cards: writing one
card-ask-category = 📝 <b>Suggestion card</b>
    Write down a suggestion, complaint or difficulty. The union passes it to the leader who can act on it, and you get a written reply by the deadline.
    First choose a category:
card-ask-text = Write your suggestion (at most { $limit } characters): what, where, and what you would like done.
card-need-text = This step needs text. Type your suggestion (photos come next).
card-text-empty = The text can't be empty. Please write your suggestion.
card-text-too-long = That is too long: { $length } characters, at most { $limit }.
    Your text is kept and sent back to you so you can copy and shorten it; or tap "Use the first { $limit }".
btn-card-cut = Use the first 2000
card-ask-photos = You may add photos (up to { $limit }, optional). Received so far: { $count }.
    Tap "Done" when finished, or "Skip" for none.
card-photo-added = 📷 Photo { $count } received (at most { $limit }). Send more, or tap "Done".
card-photos-full = At most { $limit } photos; this one was not added. Tap "Done" to go on.
card-need-photo = This step takes photos only. Tap "Done" when finished, or "Skip" for none.
card-ask-identity = How do you sign it?
    • <b>Real name</b>: the union sees who wrote it and can talk to you.
    • <b>Anonymous</b>: no officer can see who wrote it; the reply still comes here.
    • <b>Fully anonymous</b>: not even the system keeps a link to you; you get a receipt code and read the reply with /check CODE.
btn-identity-named = Real name
btn-identity-anonymous = Anonymous
btn-identity-secret = Fully anonymous
card-ask-publish = After replying, the union may post this card and its reply in a group (without your name). Do you agree?
btn-publish-yes = Agree
btn-publish-no = Don't publish
card-preview = <b>Please check your card</b>
    Category: { $category }
    Signed: { $identity }{ $publish }
    Photos: { $photos }

    { $body }

    After you submit, the union replies in writing within { $days } days.
card-preview-publish-yes = (may be published)
card-preview-publish-no = (not to be published)
card-ask-edit = What do you want to change?
btn-edit-category = Category
btn-edit-text = Text
btn-edit-photos = Photos (send again)
btn-edit-identity = Signature
card-submitted-named = ✅ Submitted as card <b>#{ $id }</b>.
    Reply due by <b>{ $due }</b>. The reply will come here; /mycards shows progress.
card-submitted-anonymous = ✅ Submitted anonymously as card <b>#{ $id }</b>.
    No officer can see who wrote it. Reply due by <b>{ $due }</b>; it will come here, and /mycards lists it.
card-submitted-secret = ✅ Submitted fully anonymously as card <b>#{ $id }</b>, reply due by <b>{ $due }</b>.
    Your receipt code: <code>{ $code }</code>
    Write it down or take a screenshot: nothing links you to this card, so it is not in /mycards and the reply will not be sent to you. To see progress and the reply, send: /check { $code }
    A lost code cannot be recovered.

# Cards: display
card-heading = 📝 <b>Card #{ $id }</b> · { $category }
card-heading-new = 🆕 <b>New card #{ $id }</b> · { $category }
card-heading-forwarded = 📨 <b>Please reply: card #{ $id }</b> · { $category }
card-heading-replied = 💬 <b>Card #{ $id } was answered</b> · { $category }
    Please mark the outcome.
card-heading-reopened = 🔁 <b>Card #{ $id }: the worker is not satisfied, handle it again</b> · { $category }
card-heading-yours = 📝 <b>Your card #{ $id }</b> · { $category }
card-meta = Team: { $team } · Signed: { $author }
    Raised: { $raised } · Reply due: { $due }
    Status: { $status }
card-body = { $body }
card-photos = 📷 { $count } photo(s) attached
card-reopened-note = 🔁 Reopened { $times } time(s) after an unsatisfied rating
card-reply-block = 💬 <b>Reply</b> ({ $replier }, { $date }):
    { $body }
card-rating-reason = : { $reason }
card-outcome-reason = Reason for not adopting: { $reason }
card-return-reason = Returned because: { $reason }
card-identity-named = real name
card-identity-anonymous = anonymous
card-identity-secret = fully anonymous
card-due-left = { $due } ({ $days } day(s) left)
card-due-today = { $due } (due today)
card-due-over = { $due } (⚠️ { $days } day(s) overdue)
card-status-new = waiting to be accepted
card-status-accepted = accepted
card-status-accepted-to = accepted, forwarded to { $department }
card-status-replied = answered, outcome to be marked
card-status-closed = closed
card-status-returned = returned
card-status-duplicate = duplicate
card-status-duplicate-of = duplicate of #{ $of }
card-outcome-implemented = implemented
card-outcome-partial = partly implemented
card-outcome-declined = not adopted
card-wait-accept = waiting to be accepted
card-wait-reply = waiting for the department's reply
card-wait-outcome = waiting for the outcome
card-wait-nothing = closed
card-rated-satisfied = Worker's rating: 😊 satisfied
card-rated-basic = Worker's rating: 🙂 mostly satisfied
card-rated-unsatisfied = Worker's rating: 😞 not satisfied

# Cards: handling
btn-card-accept = ✅ Accept
btn-card-return = ↩️ Return
btn-card-duplicate = 🔁 Duplicate
btn-card-proxy = ✍️ Record reply
btn-card-reply = 💬 Reply
btn-card-publish = 📢 Publish reply
btn-outcome-implemented = Implemented
btn-outcome-partial = Partly
btn-outcome-declined = Not adopted
card-done-accepted = ✅ Accepted, forwarded to { $department } ({ $by })
card-done-outcome = ✅ Marked: { $outcome } ({ $by })
card-done-published = Posted to the group.
card-already-handled = This card was already handled: { $state } ({ $by }).
card-see-private = Please continue in your private chat with me.
card-ask-return-reason = Returning card #{ $id }: write the reason (the worker will read it).
card-ask-duplicate-of = Card #{ $id } repeats which card? Type its number, e.g. 12.
card-ask-replier = Recording the reply to card #{ $id }: who answered? Department and name, e.g. "Electrical dept. Manager Wang".
card-ask-reply = Write the reply to card #{ $id } (sent to the worker as written).
card-ask-decline-reason = Card #{ $id } not adopted: write the reason (the worker will read it).
card-reply-empty = The reply can't be empty.
card-ref-bad = Please type the card's number, e.g. 12.
card-duplicate-bad = There is no card with that number, or it is this card. Type the number again.
card-step-done-return = ↩️ Card #{ $id } returned; the worker has the reason.
card-step-done-dup = 🔁 Card #{ $id } marked as a duplicate.
card-step-done-reply = 💬 The reply to card #{ $id } was sent.
card-step-done-decline = Card #{ $id } marked not adopted; the worker has the reason.
card-publish-not-allowed = This card can't be published: no reply yet, or the worker did not agree.
card-publish-no-chat = No group to publish to yet. Set a team or branch chat with /setchat first.
card-publish-again = This card was already published in that group.
card-public = 📢 <b>Public reply · card #{ $id }</b> · { $category }
    <b>A worker wrote:</b>
    { $body }
card-reopened-reason = Why the worker is not satisfied: { $reason }

# Cards: to the worker
card-accepted-you = ✅ Your card #{ $id } was accepted and forwarded to { $department }.
card-returned-you = ↩️ Your card #{ $id } was returned. Reason: { $reason }
    You may revise it and submit again.
card-duplicate-you = 🔁 Your card #{ $id } raises the same matter as card #{ $of }; they will be handled and answered together.
card-replied-you = 💬 Your card #{ $id } has a reply ({ $replier }):
    { $body }

    Are you satisfied with it?
card-outcome-you = 📌 Outcome of your card #{ $id }: { $outcome ->
        [implemented] implemented
        [partial] partly implemented
       *[declined] not adopted. Reason: { $reason }
    }
btn-rate-satisfied = 😊 Satisfied
btn-rate-basic = 🙂 Mostly
btn-rate-unsatisfied = 😞 Not satisfied
card-rate-thanks = Thank you for your rating!
card-rate-done = This reply has already been rated.
card-rated-note = Card #{ $id }: you rated the reply "{ $rating ->
        [satisfied] satisfied
        [basic] mostly satisfied
       *[unsatisfied] not satisfied
    }". Thank you!
card-ask-unsatisfied = In a sentence or two, what is unsatisfying about the reply? The union will handle it again.
card-reopened-you = 🔁 Noted. Card #{ $id } goes back to the union; you will get a new reply within { $days } days.

# Cards: lists and lookups
mycards-none = You have not submitted any cards yet. Tap "📝 Write a card" to start. (Fully anonymous cards are not listed; use /check CODE.)
mycards-title = <b>My cards</b> (latest { $count }):
mycards-footer = Tap a card's link for details. Fully anonymous cards are not listed; use /check CODE.
cards-title = <b>Open cards</b> ({ $count }, soonest due first):
cards-footer = Tap /card_NUMBER for details and actions. Filter: /cards TEAMCODE new|accepted|replied
cards-none = No open cards.
cards-bad-filter = I don't understand "{ $arg }". Use a team code (e.g. A1) or a status: new, accepted, replied.
card-list-line = /card_{ $id } { $category } · { $state } · { $due }
check-usage = Add the receipt code after the command, e.g. /check ABCDE-23456
check-not-found = No card has that receipt code. Please check for typos.

# Cards: reminders
card-remind = ⏰ Card #{ $id } ({ $category }): { $days } day(s) left until the reply is due ({ $due }); it is { $wait }.
card-remind-today = ⏰ Card #{ $id } ({ $category }): the reply is due today ({ $due }); it is { $wait }. Please reply today.
card-overdue-title = ⚠️ <b>Cards past their reply date</b> ({ $date }, { $count } in all):
card-overdue-line = #{ $id } { $category } · { $team } · { $days } day(s) overdue · { $wait }
card-overdue-more = …and { $count } more; send /cards to see all.
card-publish-wrong-chat = Answers can be published only to the branch chat or the card's own team chat.
card-replied-dup-you = 💬 Your card #{ $id } is handled together with card #{ $of }, which has a reply ({ $replier }):
    { $body }
card-outcome-dup-you = 📌 Outcome of your card #{ $id } (handled with #{ $of }): { $outcome ->
        [implemented] implemented
        [partial] partly implemented
       *[declined] not adopted. Reason: { $reason }
    }
card-check-again = So that nothing links you to the card, the receipt code was not kept. Please send /check CODE again and tap "Not satisfied".
card-replier-empty = Write who answered: department and name, e.g. "Electrical dept. Manager Wang".
card-replier-too-long = Too long: at most { $limit } characters. Just the department and name, please.

# Hazards
menu-hazard = ⚠️ Report a hazard
menu-hazards = 🦺 Hazards
cmd-hazard = Report a hazard
cmd-hazards = My hazards and those to handle
flow-hz = reporting a hazard
flow-hzact = handling a hazard
flow-hzfix = reporting a fix
severity-ordinary = ordinary
severity-significant = significant
severity-major = 🔴 major
hazard-status-reported = to be confirmed
hazard-status-confirmed = being fixed
hazard-status-fixed = fixed, to be verified
hazard-status-verified = verified and closed
hazard-status-rejected = not confirmed
hazard-status-duplicate = duplicate
hazard-ask-location = ⚠️ <b>Report a hazard</b>
    Where? Tap a place below or type it (e.g. "3102 return airway, 200 m").
hazard-ask-category = What kind?
hazard-ask-severity = How serious? A major hazard alerts the safety chat and the chairs at once.
hazard-ask-description = Describe it: what you saw and what the danger is (at most 1000 characters).
hazard-ask-photos = You may add photos (up to { $limit }, optional). Received so far: { $count }.
    Tap "Done" when finished, or "Skip" for none.
hazard-ask-found = When was it found? Tap "Just now" or type a time, e.g. 6:30 or 11-20 6:30 (at most { $days } days back).
btn-found-now = Just now
btn-found-1h = 1 hour ago
btn-found-3h = 3 hours ago
btn-hazard-edit-location = Place
btn-hazard-edit-category = Kind
btn-hazard-edit-severity = Severity
btn-hazard-edit-description = Description
btn-hazard-edit-photos = Photos (send again)
btn-hazard-edit-found = Time found
hazard-need-text = This step needs text; please type it.
hazard-need-photo = This step takes photos only. Tap "Done" when finished, or "Skip" for none.
hazard-photo-as-file = Please send it as a photo, not as a file.
hazard-location-empty = The place can't be empty.
hazard-location-too-long = The place is too long ({ $length } characters, at most { $limit }).
hazard-text-empty = The description can't be empty; say what you saw.
hazard-text-too-long = The description is too long ({ $length } characters, at most { $limit }).
hazard-found-bad = I can't read that time. Type e.g. 6:30 or 11-20 6:30.
hazard-found-future = The time found can't be in the future.
hazard-found-too-old = At most { $days } days back. For older hazards, contact the safety department.
hazard-preview = <b>Please check the report</b>
    Place: { $location }
    Kind: { $category } · Severity: { $severity }
    Found: { $found }
    Photos: { $photos }

    { $body }
card-submitted-already = This card was submitted already, as #{ $id }.
hazard-submitted-already = This hazard was reported already, as #{ $id }.
hazard-submitted = ✅ Reported as hazard <b>#{ $id }</b>. You will be told when it is confirmed, fixed and verified; /hazards shows progress.
hazard-submitted-major = ✅ Major hazard <b>#{ $id }</b> reported; the safety chat and the chairs have been alerted.
    If people are in danger, evacuate and call the dispatcher first!
hazard-heading = ⚠️ <b>Hazard #{ $id }</b> · { $category } · { $severity }
hazard-heading-new = 🆕 <b>New hazard #{ $id }</b> · { $category } · { $severity }
hazard-heading-major = 🚨 <b>Major hazard #{ $id }</b> · { $category }
hazard-heading-owner = 🛠 <b>Please fix: hazard #{ $id }</b> · { $category } · { $severity }
hazard-heading-fixed = 🛠 <b>Hazard #{ $id } fixed, please verify</b> · { $category } · { $severity }
hazard-meta = Place: { $location } · Team: { $team }
    Reported by { $reporter } · found { $found } · reported { $reported }
    Status: { $status }
hazard-owner-line = Owner: { $owner } · deadline: { $deadline }
hazard-body = { $body }
hazard-photos = 📷 { $count } photo(s) of the site
hazard-fix-photos = 📷 { $count } photo(s) of the fix
hazard-redo-line = ↩️ Sent back for the { $rounds }. time: { $reason }
hazard-reject-line = Not confirmed: { $reason }
hazard-duplicate-line = Duplicate of hazard #{ $of }
hazard-deadline-left = { $deadline } ({ $days } day(s) left)
hazard-deadline-today = { $deadline } (due today)
hazard-deadline-over = { $deadline } (⚠️ { $days } day(s) overdue)
hazard-list-line = /hazard_{ $id } { $severity } · { $category } · { $location } · { $status } · { $deadline }
btn-hazard-confirm = ✅ Confirm
btn-hazard-reject = ❌ Not confirmed
btn-hazard-duplicate = 🔁 Duplicate
btn-hazard-fixed = 🛠 Fixed
btn-hazard-pass = ✅ Verified
btn-hazard-redo = ↩️ Not fixed
btn-hazard-department = A department
btn-deadline-0 = Today
btn-deadline-3 = 3 days
btn-deadline-7 = 7 days
hazard-ask-owner = Confirming hazard #{ $id }: who fixes it? Pick a team and then a person, or a department.
hazard-ask-owner-member = Pick the owner:
hazard-ask-owner-dept = Which department? Tap one or type its name.
hazard-ask-deadline = Deadline for hazard #{ $id }? Tap one or type a date (e.g. 12-01).
hazard-ask-reject = Hazard #{ $id } not confirmed: write the reason (the reporter will read it).
hazard-ask-dup = Hazard #{ $id } repeats which one? Type its number, e.g. 12.
hazard-ask-redo-reason = Hazard #{ $id } not properly fixed: write what is missing (the owner will read it).
hazard-ask-redo-deadline = Set a new deadline for hazard #{ $id }: tap one or type a date (e.g. 12-01).
hazard-ask-fix-photos = Hazard #{ $id } fixed: send photos of the result (at least 1, at most { $limit }). Received: { $count }. Tap "Done" when finished.
hazard-owner-bad = Type the department's name (at most { $limit } characters).
hazard-deadline-bad = I can't read that date. Type e.g. 12-01 or 2026-12-01, or tap a button.
hazard-deadline-past = The deadline can't be before today.
hazard-deadline-far = The deadline must be within { $days } days.
hazard-duplicate-bad = There is no hazard with that number, or it is this one. Type the number again.
hazard-fix-needs-photo = Send at least 1 photo of the fix, then tap "Done".
hazard-verify-own = The owner and whoever reported the fix can't verify it; another supervisor or officer must.
hazard-already-handled = This hazard was already handled: { $state } ({ $by }).
hazard-done-verified = ✅ Verified and closed ({ $by })
hazard-step-done-deadline = ✅ Hazard #{ $id } confirmed; owner and deadline below.
hazard-step-done-redo_deadline = ↩️ Hazard #{ $id } sent back to the owner.
hazard-step-done-reject = Hazard #{ $id } marked not confirmed; the reporter has been told.
hazard-step-done-dup = 🔁 Hazard #{ $id } marked as a duplicate.
hazard-step-done-fix = 🛠 The fix of hazard #{ $id } is reported and waits for verification.
hazard-owner-you = 🛠 You are the owner of hazard #{ $id } ({ $category }, { $location }); deadline { $deadline }. When it is fixed, tap "Fixed" and send photos.
hazard-confirmed-reporter = ✅ Your hazard #{ $id } ({ $category }, { $location }) is confirmed; { $owner } fixes it by { $deadline }. Thank you!
hazard-rejected-reporter = Your hazard #{ $id } ({ $location }) was not confirmed. Reason: { $reason }
hazard-duplicate-reporter = Your hazard #{ $id } ({ $location }) is the same as hazard #{ $of }; they are fixed together. Thank you!
hazard-fixed-reporter = 🛠 Your hazard #{ $id } ({ $location }) has been fixed and waits for verification.
hazard-verified-reporter = ✅ Your hazard #{ $id } ({ $location }) is verified and closed. Thank you!
hazard-verified-owner = ✅ Hazard #{ $id } ({ $location }) passed verification and is closed.
hazard-redo-owner = ↩️ Hazard #{ $id } ({ $location }) is not properly fixed: { $reason }
    New deadline: { $deadline }. Tap "Fixed" again when done.
hazard-redo-reporter = ↩️ Your hazard #{ $id } ({ $location }) failed verification and was sent back; new deadline { $deadline }.
hazard-remind = ⏰ Hazard #{ $id } ({ $category }, { $location }): { $days } day(s) left until the deadline ({ $deadline }).
hazard-remind-today = ⏰ Hazard #{ $id } ({ $category }, { $location }): the deadline is today ({ $deadline }).
hazard-overdue = ⚠️ Hazard #{ $id } ({ $category }, { $location }) is past its deadline ({ $deadline }). Please fix it and tap "Fixed" with photos.
hazard-escalate = ⚠️ <b>Hazard overdue</b>: #{ $id } ({ $category }, { $location }), owner { $owner }, deadline { $deadline }, { $days } day(s) overdue.
hazards-mine = <b>Reported by me</b> (latest { $count }):
hazards-owned = <b>Mine to fix</b> ({ $count }):
hazards-open-team = <b>Open in my team</b> ({ $count }):
hazards-open-handle = <b>To handle</b> ({ $count }, major and soonest first):
hazards-open-all = <b>Open in the branch</b> ({ $count }, major and soonest first):
hazards-none = No hazards yet. Found one? Tap "⚠️ Report a hazard".
hazards-footer = Tap /hazard_NUMBER for details.

## Study: study notes, exams, the score board

menu-study = 📚 Log study
menu-mystudy = 📖 My study
cmd-study = Log a study note
cmd-mystudy = My study notes and exam scores
cmd-exam = Create an exam, enter scores, post the score board
cmd-exams = My team's exams
flow-study = study note
flow-exam = new exam
flow-examone = score entry
flow-examfile = score table upload
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
btn-today = Today
btn-yesterday = Yesterday
btn-minutes = { $minutes } min
btn-save = 💾 Save
btn-study-now = 📚 Log study

study-ask-kind = 📚 <b>Study note</b>
    What did you study?
study-ask-minutes = How long? Press a button or type minutes (at most { $max }, e.g. 45 or 1.5h).
study-ask-day = Which day? You may log up to { $days } days back; type a date like 11-18.
study-ask-notes = Send your notes: type them, or send photos of your notebook (up to { $limit }), or both.
study-notes-so-far = Received: { $length } characters of text · { $count }/{ $limit } photos.
    You can send more; press Save when done.
study-photos-full = At most { $limit } photos; this one was not added. Press Save when done.
study-need-notes = Please send your notes as text, or a photo of your notebook.
study-photo-as-file = Please send the picture as a photo, not as a file.
study-notes-empty = The notes are empty; write a few lines on what you learned.
study-notes-too-long = The notes are too long: { $length } characters, at most { $limit }.
study-minutes-bad = Could not read the duration. Type minutes from 1 to { $max }, e.g. 45 or 1.5h.
study-date-bad = Could not read the date. Type e.g. 11-18, or press a button.
study-date-future = You cannot log a day in the future.
study-date-too-old = You can log study only up to { $days } days back.
study-saved = ✅ Logged: { $kind } · { $minutes } min · { $day }
study-progress-now = This month { $count }/{ $target } notes
study-progress-month = Month { $month }: { $count }/{ $target } notes
study-progress-left = { $left } to go
study-progress-done = monthly target reached 👍

mystudy-title = 📖 <b>My study</b>
mystudy-none-month = No study notes this month yet. Send /study to log one.
study-entry-line = { $day } { $kind } { $minutes } min · { $what }
study-has-text = { $length } characters
study-has-photos = { $count } photo(s)
mystudy-year = <b>{ $year }</b>: { $count } notes, { $minutes } min
mystudy-kind-line = · { $kind }: { $count } notes, { $minutes } min
mystudy-exams = <b>Recent exams</b>
mystudy-exam-line = · { $date } { $subject }: { $score } (out of { $full })
mystudy-footer = Log a note: /study

study-weekly-remind = 📚 <b>Study reminder</b>
    { $team }: the weekly study is this { $weekday } at { $time }. Please be on time and bring your notebook.
study-nudge = 📚 You have logged { $count } study notes in month { $month }; the target is { $target }, { $left } to go. The month ends on { $last } — log one when you have a moment.
study-report-title = 📊 <b>{ $team } · study notes { $month }</b>
study-report-rate = { $logged }/{ $size } members logged notes ({ $rate }% participation); { $reached } reached { $target }.
study-report-logged = Logged:
study-report-line = · { $name }: { $count }
study-report-missing = No notes: { $names }

exam-officers-only = Creating exams and entering scores is for union officers and team leaders.
exam-ask-team = 📝 <b>New exam</b>
    For which team?
exam-ask-subject = What is the subject? (at most 30 characters, e.g. Safety rules)
exam-ask-date = When was it held? Press a button or type a date like 11-18.
exam-ask-full = Full marks? Press a button or type a number.
exam-preview = 📝 <b>Please check</b>
    Subject: { $subject }
    Team: { $team }
    Date: { $date }
    Full marks: { $full }
btn-exam-create = ✅ Create
btn-exam-edit-subject = Subject
btn-exam-edit-held_on = Date
btn-exam-edit-full = Full marks
exam-subject-empty = The subject cannot be empty.
exam-subject-too-long = The subject is too long, at most { $limit } characters.
exam-date-bad = Could not read the date. Type e.g. 11-18 or 2026-11-18, or press a button.
exam-date-future = An exam date cannot be in the future.
exam-date-too-old = Only exams within the last year can be entered.
exam-full-bad = Full marks must be a number from 1 to { $max }.
exam-heading = 📝 <b>Exam #{ $id }</b> { $subject }
exam-created = ✅ Exam created: <b>#{ $id }</b> { $subject }
exam-facts = Team: { $team } · Date: { $date } · Full marks { $full }
exam-scored = Scores entered { $count }/{ $size } · average { $average }
exam-scored-none = No scores yet ({ $size } members in the team).
exam-posted = 📢 The score board has been posted to the team chat.
exam-posted-stale = ⚠️ Scores changed after posting; post the board again.
btn-exam-one = ✍️ Enter one by one
btn-exam-file = 📎 Upload a table
btn-exam-preview = 👀 Preview the board
btn-exam-post = 📢 Post to team chat
exam-ask-pick = ✍️ <b>{ $subject }</b>: press a name to enter a score ({ $count }/{ $size } entered). You can also type a name or employee number. Press Done when finished.
exam-pick-unknown = No such person (must be an approved member of this team). Press a name, or type the full name or employee number.
exam-ask-score = Score for { $name }? (out of { $full })
exam-score-bad = Type a score from 0 to { $full }, e.g. 85 or 85.5.
exam-score-over = A score cannot be above the full marks, { $full }.
exam-score-saved = ✅ { $name }: { $score }
exam-ask-file = 📎 Upload the score table (a CSV or Excel .xlsx file, at most { $limit } KB).
    Two columns: <b>name or employee number</b> and <b>score</b>; the first row may be a header (name, employee no, score). Write "absent" for those who missed it.
    Every problem row is listed at once; no score is imported until the whole table is clean.
exam-need-file = Please send the score table as a file (CSV or .xlsx).
exam-file-big = The file is too large; at most { $limit } KB.
exam-file-type = Only CSV or Excel .xlsx files can be read.
exam-file-xls = This is an old Excel file (.xls). Save it as .xlsx or CSV in Excel and send it again.
exam-file-unreadable = This file cannot be opened; make sure it is a CSV or .xlsx file.
exam-file-empty = There are no scores in the table.
exam-file-rows = The table is too long; at most { $limit } rows.
exam-file-no-score-column = The header has no "score" column.
exam-file-no-person-column = The header has no "name" or "employee no" column.
exam-file-errors = ❌ The table has { $count } problem(s); <b>no score was imported</b>:
exam-file-errors-more = …and { $count } more
exam-file-fix = Fix them and send the whole table again.
exam-row-line = Row { $line }: { $problem }
exam-row-unknown = "{ $who }" not found (must be an approved member of this team)
exam-row-ambiguous = two members are called "{ $who }"; use the employee number
exam-row-mismatch = name and employee number do not match: { $who }
exam-row-no-person = no name or employee number
exam-row-duplicate = { $who } is listed twice (already on row { $first })
exam-row-score-missing = { $who } has no score (write "absent" if they missed it)
exam-row-score-bad = { $who }: "{ $score }" is not a number
exam-row-score-over = { $who }: { $score } is above the full marks, { $full }
exam-file-clean = ✅ The table is clean: { $count } scores, average { $average }, { $absent } absent. Import?
exam-file-clean-overwrite = ✅ The table is clean: { $count } scores, average { $average }, { $absent } absent.
    { $overwrite } of them already have a score, which will be replaced. Import?
btn-import = ✅ Import
exam-file-imported = ✅ Imported { $count } scores.
exam-file-cancelled = Cancelled; no scores were imported.
exam-no-scores = No scores entered yet.
exam-no-team-chat = This team has no team chat registered. Add the bot to the team's group and send /setchat there, choosing "team chat".
exam-already-posted = These scores have already been posted. Post again after a score changes.
exam-post-queued = Posted: { $pages } image(s) to { $chats } chat(s).
image-no-font = The server has no Chinese font, so no image can be drawn. Ask the admin to install fonts-noto-cjk or fonts-wqy-microhei.
board-title = { $branch } score board
board-subtitle = { $subject } · { $team } · { $date } · full marks { $full }
board-rank = Rank
board-name = Name
board-number = Employee no.
board-score = Score
board-footer = { $count } took part · average { $average } · top { $top } · page { $page }/{ $pages }
board-caption = 📢 <b>Exam results</b>: { $subject } ({ $date })
board-preview-caption = 👀 Preview: not posted yet.
exams-title = 📝 <b>Exams</b> (latest { $count })
exam-list-line = /exam_{ $id } { $date } { $subject } { $posted }
exams-none = No exams yet. Send /exam to create one.
exams-footer = Press a number to open an exam, enter scores or post the board.

# Deleting one's personal data
cmd-delete_my_data = Delete my personal data
flow-forget = deleting your data
forget-ask = ⚠️ <b>Delete my personal data</b>
    Deleted: your name, employee number, Telegram id, roles, study logs, exam scores, read marks, and the link between you and your anonymous cards.
    Kept, no longer linked to you: the text of the cards and hazards you submitted, which the union must keep as records.
    This cannot be undone; to use the bot again you would register again with /start. Are you sure?
btn-forget-yes = Yes, delete
forget-kept = Nothing was deleted.
forget-nothing = You are not registered: there is no personal data of yours here.
forget-done = ✅ Your personal data is deleted. Thank you for your part in the union's work.
flood-notice = You are sending too fast; please wait a moment.
