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
    What we keep: your Telegram id, name, team, employee number (optional), and the cards, hazard reports and study logs you submit.
    Who sees it: your team's officers and the chair see your name on what you submit; for anonymous submissions no officer can see who wrote them.
    How long: closed items are kept as the union's rules require, then purged; to have your personal data removed, ask the union admin.
    Please note: Telegram and whoever runs this bot's server can technically access message content.

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
