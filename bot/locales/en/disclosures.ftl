## Disclosures (厂务公开): drafting, approval, the posts in the groups, the archive.

menu-disclose = 📢 Disclosures
cmd-disclose = Draft a disclosure for a chair to approve
cmd-disclosures = Disclosures: reads, questions, who has not read
flow-disclose = disclosure draft
flow-dback = return comment
flow-dfix = correction
btn-plain = { $text }

disclose-officers-only = Disclosures are drafted by officers and approved by a chair.
disclose-ask-category = 📢 New disclosure (step 1 of 7)
    What is it about?
disclose-ask-period = Which period? Tap a month, or type it (e.g. "2026 Q3").
disclose-ask-title = The title? (one line, at most 60 characters)
disclose-ask-body = Write what is disclosed (at most 3000 characters).
disclose-ask-attach = Attach a photo, a PDF, or a CSV/XLSX table? A table is posted as images, with the original file.
    Send the file or photo now, or tap below.
disclose-ask-chats = Which groups? Tap a group to pick or drop it ({ $count } picked), then "Done".
disclose-no-chats = No group has a purpose yet. Add the bot to a group, send /setchat there (e.g. /setchat team A1), then come back.
disclose-chats-pick = Pick at least one group.
disclose-ask-pin = Pin it in the groups? (the bot must be a group admin)
disclose-ask-edit = What do you want to change?
disclose-preview = 📢 <b>Disclosure (preview)</b>
    Category: { $category }
    Period: { $period }
    Title: <b>{ $title }</b>

    { $body }

    Attachment: { $attachment }
    To { $count } groups: { $chats }
    { $pin }

    Submit it when it is right; a chair approves it before it goes out.
disclose-pin-yes = Pinned once posted
disclose-pin-no = Not pinned
disclose-att-none = none
disclose-att-photo = one photo
disclose-att-document = file { $name }
disclose-att-table = table { $name } (as { $pages } images)
disclose-att-bad-type = Only a photo, a PDF, or a CSV / Excel (.xlsx) table.
disclose-att-big = The file is too big: at most { $limit } MB.
disclose-table-empty = The table is empty.
disclose-table-wide = A table has at most { $limit } columns; drop the ones not to publish.
disclose-table-long = The table has { $rows } rows; at most { $limit }. Split it into several disclosures.
disclose-table-no-font = The server has no Chinese font, so the table cannot be drawn; only the file goes out.
disclose-table-footer = Page { $page }/{ $pages } · { $rows } rows
disclose-title-short = The title is too short.
disclose-title-long = The title has { $length } characters; at most { $limit }.
disclose-period-empty = Say which period it is for.
disclose-period-long = The period has at most { $limit } characters.
disclose-body-empty = The text cannot be empty.
disclose-body-long = The text has { $length } characters; at most { $limit }. Attach long details as a table.
disclose-missing-category = No category picked yet.
disclose-missing-period = No period yet.
disclose-missing-title = No title yet.
disclose-missing-body = No text yet.
disclose-missing-chats = No groups picked yet.
disclose-chats-gone = None of the picked groups can be posted to any more; pick again.
disclose-no-approver = Another chair must approve it, and there is none. Ask an admin to make one (/promote); the draft is kept.
disclose-submitted = ✅ Submitted: disclosure #{ $id } "{ $title }", sent to { $count } chair(s). Once approved it goes to the groups, and I will tell you how it goes.

disclose-ask-approve = 📢 <b>Disclosure #{ $id } to approve</b> (drafted by { $drafter })
    Category: { $category }
    Period: { $period }
    Title: <b>{ $title }</b>

    { $body }

    Attachment: { $attachment }
    To { $count } groups: { $chats }
    { $pin }
disclose-ask-approve-fix = 📢 <b>Correction #{ $id } to approve</b> (drafted by { $drafter })
    It corrects #{ $parent } "{ $title }"
    and goes as a reply in { $count } groups:

    { $body }
btn-disclose-approve = ✅ Approve
btn-disclose-return = ↩️ Return
btn-disclose-submit = 📨 Submit for approval
btn-disclose-no-attach = No attachment
btn-disclose-pin = 📌 Pin
btn-disclose-no-pin = Don't pin
btn-disclose-redo = ✏️ Edit and resubmit
btn-disclose-fix = 📝 Correct
btn-disclose-unread = 👥 Not read yet
btn-disclose-team = { $team } (read { $read }/{ $total })
btn-disclose-read = 👁 Read ({ $count })
btn-disclose-question = ❓ Question
btn-disclose-edit-period = Period
btn-disclose-edit-title = Title
btn-disclose-edit-body = Text
btn-disclose-edit-attach = Attachment
btn-disclose-edit-chats = Groups
btn-disclose-edit-pin = Pin
btn-chat-on = ✅ { $chat }
btn-chat-off = ▫️ { $chat }
btn-chats-teams = All team groups
btn-chats-all = All
btn-chats-none = None

disclose-chairs-only = Only a chair can approve.
disclose-own-draft = You drafted it, so another chair must approve it.
disclose-already-approved = Already approved by { $by }.
disclose-already-returned = Already returned by { $by }.
disclose-already-pending = Still waiting for approval.
disclose-approve-done = ✅ Disclosure #{ $id } approved; going to { $count } groups.
disclose-ask-comment = ↩️ Returning disclosure #{ $id }: write why; the drafter gets it.
disclose-comment-empty = Write why it is returned.
disclose-comment-long = The comment has { $length } characters; at most { $limit }.
disclose-redo-done = This returned draft was already submitted again; see /disclosures.
disclose-return-done = ↩️ Disclosure #{ $id } returned with your comment.
disclose-returned = ↩️ Disclosure #{ $id } "{ $title }" was returned by { $by }.
    Comment: { $comment }
disclose-approved-sending = ✅ Disclosure #{ $id } "{ $title }" approved by { $by }; going to { $total } groups…
disclose-approved-nowhere = ✅ Disclosure #{ $id } "{ $title }" approved by { $by }, but none of its groups can be posted to, so nothing went out. See /disclosures.
disclose-progress = 📤 Disclosure #{ $id } "{ $title }": sent { $done }/{ $total }
disclose-report = 📢 Disclosure #{ $id } "{ $title }" is out: posted in { $sent }/{ $total } groups.
disclose-report-pinned = 📌 Pinned in { $count } groups.
disclose-report-failed = ⚠️ Not posted:
    { $chats }
disclose-report-unsure = ❔ Interrupted while sending; check these groups: { $chats }
disclose-report-pin-failed = 📌 Could not pin (is the bot an admin?): { $chats }
disclose-fail-removed = · { $chat }: the bot was removed
disclose-fail-error = · { $chat }: sending failed

disclose-post = 📢 <b>Disclosure · { $category }</b>
    <b>{ $title }</b>
    Period: { $period }

    { $body }

    Approved by { $approver } · { $day }
disclose-post-fix = 📝 <b>Correction</b>: "{ $title }"

    { $body }

    Approved by { $approver } · { $day }
disclose-read-done = Noted, thank you! { $count } read in this group.
disclose-read-again = You already marked it read. { $count } read in this group.
disclose-read-register = You are not registered with the bot, so this read is not counted. Message @{ $bot } and send /start to register.

card-question-intro = ❓ A question about disclosure #{ $id } "{ $title }": write it, and the union answers it as a card (within 30 days).
card-about-disclosure = About disclosure #{ $id } "{ $title }"
card-about-disclosure-link = ❓ About disclosure "{ $title }" /disclosure_{ $id }

disclose-fix-preview = 📝 Correction to disclosure #{ $id } (preview):

    { $body }

    Once approved it goes as a reply under each original post.
disclose-ask-fix = 📝 Correcting disclosure #{ $id }: write the correction (at most 1500 characters).
disclose-fix-nowhere = The original has not been posted in any group yet, so there is nothing to correct.
disclose-fix-empty = The correction cannot be empty.
disclose-fix-long = The correction has { $length } characters; at most { $limit }.
disclose-fix-submitted = ✅ Correction #{ $id } submitted to { $count } chair(s).
disclose-fix-line = 📝 Correction #{ $id } ({ $day }, { $status }): { $body }
disclose-fix-pending = waiting for approval
disclose-fix-returned = returned
disclose-fix-approved = posted

disclose-archive-empty = No disclosures yet. Draft one with /disclose.
disclose-archive-head = 📢 Disclosures (latest { $count })
disclose-archive-line = /disclosure_{ $id } { $category } · { $period } "{ $title }"
    { $status } · { $chats } groups · read { $read } · questions { $questions }
disclose-status-pending = ⏳ waiting for approval
disclose-status-returned = ↩️ returned by { $by } ({ $day })
disclose-status-approved = ✅ approved by { $by } ({ $day })
disclose-detail = 📢 <b>Disclosure #{ $id }</b> · { $category } · { $period }
    <b>{ $title }</b>
    Drafted by { $drafter }; { $status }
    Attachment: { $attachment }

    { $body }
disclose-detail-comment = Return comment: { $comment }
disclose-detail-chats = Reads per group ({ $count } groups; read/registered members there):
disclose-detail-targets = To go to: { $chats }
disclose-detail-questions = ❓ { $count } question(s): { $links }
disclose-chat-reads = · { $chat }: { $share }
disclose-chat-pending = · { $chat }: waiting to be sent
disclose-chat-sending = · { $chat }: being sent
disclose-chat-failed = · { $chat }: not posted
disclose-chat-uncertain = · { $chat }: interrupted, please check
disclose-chat-unknown = group { $id }
disclose-pick-team = Which team's unread list? (disclosure #{ $id })
disclose-unread = 👥 { $count } in { $team } have not marked disclosure #{ $id } read:
    { $names }
disclose-unread-none = 👍 Everyone in { $team } has read disclosure #{ $id }.
