## 职工小家 — 中文（默认语言）
## 所有用户可见的文字都在这里；占位符写作 { $name }。

# 通用
need-start = 您还没有登记。请发送 /start 登记成为职工小家成员。
pending-wait = 您的登记已提交，正在等工会小组长审核。审核通过后会通知您。
account-deactivated = 您的账号已停用。如有疑问，请联系工会。
not-in-flow = 请点下方菜单，或发送 /help 查看能做什么。
button-stale = 这个按钮已过期，请按最新的消息操作。
need-text = 这一步需要输入文字。
use-buttons = 请点下面的按钮选择。
not-allowed = 您没有权限做这件事。
item-not-found = 没有找到这一项。
# 列举几项时的分隔符
list-sep = 、
already-handled = 这一项已处理：{ $outcome }（{ $by }）。
unknown-command = 没有这个命令。发送 /help 查看可用的命令。
flow-resume = 接着上次的继续：
flow-expired = 您的「{ $flow }」太久没有继续，已自动取消。需要时请重新开始。
flow-reg = 登记
cancel-nothing = 现在没有进行中的操作。
cancel-done = 已取消「{ $flow }」。
private-only = 这个操作请在和我的私聊里进行。
btn-open-private = 打开私聊
error-user = 抱歉，出了点问题，请稍后再试。（编号 { $ref }）
error-admin = ⚠️ 机器人出错：{ $kind }（编号 { $ref }）。详情见服务器日志。

# 按钮
btn-skip = 跳过
btn-agree = 同意
btn-disagree = 不同意
btn-approve = ✅ 通过
btn-reject = ❌ 不通过

# 登记
reg-ask-name = 欢迎来到 <b>{ $branch }</b>！先做个登记。
    请输入您的姓名：
reg-intro-team = 您将加入班组：<b>{ $team }</b>。
reg-ask-team = 请选择您所在的班组：
reg-ask-employee-no = 请输入您的工号（可以跳过）：
reg-ask-consent = 隐私说明：我们保存您的姓名、班组、工号和您在这里提交的内容，只用于工会工作；匿名提交的内容不会让任何干部看到是谁写的。发送 /privacy 可随时查看详细说明。
    您同意吗？
reg-name-empty = 姓名不能为空，请重新输入。
reg-name-too-long = 姓名太长了（最多 { $max } 个字），请重新输入。
reg-employee-no-bad = 工号只能是字母、数字或“-”，最多 20 位。请重新输入，或点“跳过”。
reg-declined = 好的，没有登记。以后想登记时再发送 /start。
reg-team-gone = 这个班组已经不在了，请发送 /start 重新登记。
reg-welcome = 登记成功，欢迎 { $name }（{ $team }）！点下方菜单开始使用。
reg-submitted = 登记已提交，等 { $team } 的工会小组长审核，通过后会通知您。
reg-approved = { $name }，您的登记已通过，欢迎加入职工小家！发送 /start 开始使用。
reg-rejected = { $name }，您的登记没有通过。如有疑问，请联系班组工会小组长。
join-bad-code = 这个加入链接无效或已过期，请在登记时自己选择班组。
start-member = { $name }，您好！请点下方菜单，或发送 /help 查看能做什么。
approve-request = 🆕 新成员申请加入：
    姓名：<b>{ $name }</b>
    班组：{ $team }
    工号：{ $employee_no }
    编号：#{ $id }
approve-reminder = ⏰ { $name }（{ $team }）的登记已等了 { $hours } 小时，请审核。
approve-done = { $name }：{ $outcome }（审核人：{ $by }）

# 状态和角色
status-pending = 待审核
status-active = 已通过
status-rejected = 未通过
status-deactivated = 已停用
role-guest = 访客
role-worker = 职工
role-supervisor = 群监员
role-representative = 职工代表
role-officer = 工会委员
role-chair = 工会主席
role-admin = 管理员
role-granted-you = 您已被设为：{ $role }。
role-revoked-you = 您已不再担任：{ $role }。

# 帮助和命令
help-title = <b>职工小家</b> · 您的身份：{ $role }
    可以用的命令：
cmd-start = 登记 / 开始
cmd-help = 能做什么
cmd-cancel = 取消当前操作
cmd-lang = 切换语言
cmd-privacy = 隐私说明
cmd-members = 班组成员名单
cmd-promote = 设置角色：/promote 编号 角色
cmd-demote = 取消角色：/demote 编号 角色
cmd-move = 调整班组：/move 编号 班组代码
cmd-deactivate = 停用账号：/deactivate 编号
cmd-reactivate = 恢复账号：/reactivate 编号
cmd-setchat = 设置本群用途（在群里用）
menu-help = ❓ 帮助
menu-lang = 🌐 语言

lang-choose = 请选择语言 / Choose a language:
lang-set = 已切换为中文。
lang-keyboard = 菜单已更新。

privacy-notice = <b>{ $branch } · 隐私说明</b>
    我们保存：您的 Telegram 编号、姓名、班组、工号（可不填），以及您提交的信息卡、隐患、学习记录，您点过的“已阅”。
    谁能看到：班组工会小组长和工会主席处理您提交的事项时能看到您的姓名；匿名提交的内容，任何干部都看不到是谁写的（数据库里也只存加密后的联系方式）。走访谈心记录只有记录的委员和工会主席能看。
    保存多久：办结的信息卡和隐患在提交满 { $years } 年后删除；机器人发出的消息和图片保存 { $days } 天。您发来的消息在处理完之前暂存，处理完即清除。
    删除：发送 /delete_my_data 可删除您的个人信息。您的姓名、工号、学习记录、考试成绩和“已阅”会删除；工会必须留档的事项（信息卡、隐患）保留内容，但不再关联到您。
    请注意：Telegram 公司和运行本机器人的服务器管理员在技术上能接触到消息内容；您发在群里的消息由群里所有人可见。

# 管理命令
admin-who-bad = 请用 #编号、工号或 id:Telegram编号 指定成员。
admin-who-unknown = 没有找到成员「{ $who }」。
admin-usage-promote = 用法：/promote #编号 角色（群监员、职工代表、工会委员、工会主席、管理员）
admin-usage-demote = 用法：/demote #编号 角色（群监员、职工代表、工会委员、工会主席、管理员）
admin-usage-move = 用法：/move #编号 班组代码
admin-usage-deactivate = 用法：/deactivate #编号
admin-usage-reactivate = 用法：/reactivate #编号
admin-granted = ✅ 已将 { $name }（#{ $id }）设为{ $role }。
admin-revoked = ✅ 已取消 { $name }（#{ $id }）的{ $role }角色。
admin-had-role = { $name }（#{ $id }）已经是{ $role }，没有变化。
admin-lacked-role = { $name }（#{ $id }）本来就不是{ $role }，没有变化。
admin-moved = ✅ 已将 { $name } 调到 { $team }。
admin-not-self = 不能停用或恢复自己的账号。
admin-status-unchanged = { $name } 现在是「{ $status }」，没有变化。
admin-deactivated = ✅ 已停用 { $name } 的账号。
admin-reactivated = ✅ 已恢复 { $name } 的账号。
members-usage = 用法：/members 班组代码。班组：{ $teams }
members-title = <b>{ $team } 成员</b>
members-line = #{ $id } { $name } · 工号 { $employee_no } · { $status } · { $roles }

# 群
group-hello = 大家好，我是 { $branch } 的职工小家机器人。请工会委员发送 /setchat 设置本群用途。
setchat-usage = 用法：/setchat team 班组代码 | officers | safety | branch
    （班组群、委员群、安全群、全体群）
setchat-team-unknown = 请写上班组代码。班组：{ $teams }
setchat-done = ✅ 本群已设为：{ $purpose } { $team }
purpose-team = 班组群
purpose-officers = 工会委员群
purpose-safety = 安全群
purpose-branch = 全体职工群

# 通用
btn-done = 完成
btn-back = 返回
btn-cancel = 取消
btn-submit = ✅ 提交
btn-edit = ✏️ 修改
need-member = 这项功能需要先登记成为成员。请发送 /start 登记。
flow-busy = 您还有一个没做完的「{ $flow }」。请先做完，或发送 /cancel 取消后再来。
reason-empty = 理由不能为空，请写一两句话。
reason-too-long = 太长了（{ $length } 字，最多 { $limit } 字），请简短一些。
menu-card = 📝 写信息卡
menu-mycards = 📋 我的信息卡
menu-cards = 🗂 待办信息卡
cmd-card = 写民主管理信息卡
cmd-mycards = 我的信息卡和答复
cmd-check = 用回执码查完全匿名的信息卡
cmd-cards = 待办的信息卡（按答复期限）
flow-card = 写信息卡
flow-cardact = 办理信息卡
flow-cardrate = 评价答复

# 信息卡：职工写卡
card-ask-category = 📝 <b>民主管理信息卡</b>
    有什么意见、建议或困难，写下来，工会负责转给能解决的领导，并在规定期限内给您书面答复。
    请先选择类别：
card-ask-text = 请写下您的意见或建议（最多 { $limit } 字）。说清楚：什么事、在哪里、希望怎么解决。
card-need-text = 这一步需要文字。请直接输入您的意见或建议（照片在下一步发）。
card-text-empty = 内容不能为空，请写下您的意见或建议。
card-text-too-long = 内容太长了：{ $length } 字，最多 { $limit } 字。
    您写的内容已保存，并原样发回给您，可以复制后删减再发；也可以点“只用前 { $limit } 字”。
btn-card-cut = 只用前 2000 字
card-ask-photos = 可以附上照片（最多 { $limit } 张，可不发）。已收到 { $count } 张。
    发完后点“完成”，不需要照片就点“跳过”。
card-photo-added = 📷 已收到第 { $count } 张照片（最多 { $limit } 张）。还可以继续发，发完点“完成”。
card-photos-full = 最多只能附 { $limit } 张照片，这张没有加上。请点“完成”继续。
card-need-photo = 这一步只收照片。发完后点“完成”，不需要照片就点“跳过”。
card-ask-identity = 请选择署名方式：
    • <b>实名</b>：工会看得到是谁写的，方便当面沟通。
    • <b>匿名</b>：任何干部都看不到是谁写的，答复仍会发到这里。
    • <b>完全匿名</b>：连系统也不留下您和这张卡的联系；提交后给您一个回执码，用 /check 回执码 查看答复。
btn-identity-named = 实名
btn-identity-anonymous = 匿名
btn-identity-secret = 完全匿名
card-ask-publish = 答复以后，工会可能会把这张卡和答复在群里公开（不显示姓名）。您同意公开吗？
btn-publish-yes = 同意公开
btn-publish-no = 不公开
card-preview = <b>请确认您的信息卡</b>
    类别：{ $category }
    署名：{ $identity }{ $publish }
    照片：{ $photos } 张

    { $body }

    提交后，工会将在 { $days } 天内给您书面答复。
card-preview-publish-yes = （同意公开答复）
card-preview-publish-no = （不公开）
card-ask-edit = 要修改哪一项？
btn-edit-category = 类别
btn-edit-text = 内容
btn-edit-photos = 照片（重新发）
btn-edit-identity = 署名方式
card-submitted-named = ✅ 已提交，信息卡编号 <b>#{ $id }</b>。
    答复期限：<b>{ $due }</b> 前。答复后会发到这里，也可以用 /mycards 查看进度。
card-submitted-anonymous = ✅ 已匿名提交，信息卡编号 <b>#{ $id }</b>。
    任何干部都看不到是谁写的。答复期限：<b>{ $due }</b> 前，答复会发到这里；/mycards 里也能看到。
card-submitted-secret = ✅ 已完全匿名提交，信息卡编号 <b>#{ $id }</b>，答复期限：<b>{ $due }</b> 前。
    您的回执码：<code>{ $code }</code>
    请抄下或截图保存：系统没有留下您和这张卡的任何联系，所以它不会出现在 /mycards 里，答复也不会主动发给您。查看进度和答复请发送：/check { $code }
    回执码丢了就找不回来了。

# 信息卡：显示
card-heading = 📝 <b>信息卡 #{ $id }</b> · { $category }
card-heading-new = 🆕 <b>新信息卡 #{ $id }</b> · { $category }
card-heading-forwarded = 📨 <b>请答复：信息卡 #{ $id }</b> · { $category }
card-heading-replied = 💬 <b>信息卡 #{ $id } 已答复</b> · { $category }
    请标记落实情况。
card-heading-reopened = 🔁 <b>信息卡 #{ $id } 职工不满意，重新办理</b> · { $category }
card-heading-yours = 📝 <b>您的信息卡 #{ $id }</b> · { $category }
card-meta = 班组：{ $team } · 署名：{ $author }
    提交：{ $raised } · 答复期限：{ $due }
    状态：{ $status }
card-body = { $body }
card-photos = 📷 附照片 { $count } 张
card-reopened-note = 🔁 职工不满意，已重新办理 { $times } 次
card-reply-block = 💬 <b>答复</b>（{ $replier }，{ $date }）：
    { $body }
card-rating-reason = ：{ $reason }
card-outcome-reason = 不予采纳的理由：{ $reason }
card-return-reason = 退回理由：{ $reason }
card-identity-named = 实名
card-identity-anonymous = 匿名
card-identity-secret = 完全匿名
card-due-left = { $due }（还有 { $days } 天）
card-due-today = { $due }（今天到期）
card-due-over = { $due }（⚠️ 已超期 { $days } 天）
card-status-new = 待受理
card-status-accepted = 已受理
card-status-accepted-to = 已受理，转 { $department } 办理
card-status-replied = 已答复，待标记落实
card-status-closed = 已办结
card-status-returned = 已退回
card-status-duplicate = 重复
card-status-duplicate-of = 与 #{ $of } 重复
card-outcome-implemented = 已落实
card-outcome-partial = 部分落实
card-outcome-declined = 不予采纳
card-wait-accept = 待受理
card-wait-reply = 待部门答复
card-wait-outcome = 待标记落实
card-wait-nothing = 已办结
card-rated-satisfied = 职工评价：😊 满意
card-rated-basic = 职工评价：🙂 基本满意
card-rated-unsatisfied = 职工评价：😞 不满意

# 信息卡：工会办理
btn-card-accept = ✅ 受理
btn-card-return = ↩️ 退回
btn-card-duplicate = 🔁 重复
btn-card-proxy = ✍️ 代录答复
btn-card-reply = 💬 回复
btn-card-publish = 📢 公开答复
btn-outcome-implemented = 已落实
btn-outcome-partial = 部分落实
btn-outcome-declined = 不予采纳
card-done-accepted = ✅ 已受理，转 { $department }（{ $by }）
card-done-outcome = ✅ 已标记：{ $outcome }（{ $by }）
card-done-published = 已公开到群里。
card-already-handled = 这张卡已经处理过了：{ $state }（{ $by }）。
card-see-private = 请在和我的私聊里继续。
card-ask-return-reason = 退回信息卡 #{ $id }：请写退回的理由（会发给职工）。
card-ask-duplicate-of = 信息卡 #{ $id } 和哪张卡重复？请输入那张卡的编号，例如 12。
card-ask-replier = 代录信息卡 #{ $id } 的答复：是谁答复的？请写部门和姓名，例如“机电科 王科长”。
card-ask-reply = 请写信息卡 #{ $id } 的答复内容（会原样发给职工）。
card-ask-decline-reason = 信息卡 #{ $id } 不予采纳：请写理由（会发给职工）。
card-reply-empty = 答复内容不能为空。
card-ref-bad = 请输入卡的编号（数字），例如 12。
card-duplicate-bad = 没有这个编号的卡，或就是这张卡本身。请重新输入编号。
card-step-done-return = ↩️ 信息卡 #{ $id } 已退回，理由已告诉职工。
card-step-done-dup = 🔁 信息卡 #{ $id } 已标为重复。
card-step-done-reply = 💬 信息卡 #{ $id } 的答复已发出。
card-step-done-decline = 信息卡 #{ $id } 已标记为不予采纳，理由已告诉职工。
card-publish-not-allowed = 这张卡不能公开：还没有答复，或职工没有同意公开。
card-publish-no-chat = 还没有可以公开的群。请先在班组群或全区群里用 /setchat 设置用途。
card-publish-again = 这张卡已经在这个群公开过了。
card-public = 📢 <b>公开答复 · 信息卡 #{ $id }</b> · { $category }
    <b>职工提出：</b>
    { $body }
card-reopened-reason = 职工不满意的理由：{ $reason }

# 信息卡：发给职工
card-accepted-you = ✅ 您的信息卡 #{ $id } 已受理，已转 { $department } 办理。
card-returned-you = ↩️ 您的信息卡 #{ $id } 被退回了。理由：{ $reason }
    如有疑问，可以修改后重新提交。
card-duplicate-you = 🔁 您的信息卡 #{ $id } 和信息卡 #{ $of } 说的是同一件事，将一起办理和答复。
card-replied-you = 💬 您的信息卡 #{ $id } 有答复了（{ $replier }）：
    { $body }

    您对答复满意吗？
card-outcome-you = 📌 您的信息卡 #{ $id } 的落实情况：{ $outcome ->
        [implemented] 已落实
        [partial] 部分落实
       *[declined] 不予采纳。理由：{ $reason }
    }
btn-rate-satisfied = 😊 满意
btn-rate-basic = 🙂 基本满意
btn-rate-unsatisfied = 😞 不满意
card-rate-thanks = 谢谢您的评价！
card-rate-done = 这条答复已经评价过了。
card-rated-note = 信息卡 #{ $id }：您的评价是“{ $rating ->
        [satisfied] 满意
        [basic] 基本满意
       *[unsatisfied] 不满意
    }”。谢谢！
card-ask-unsatisfied = 请简单说说对答复哪里不满意（一两句话）。工会会重新办理。
card-reopened-you = 🔁 已记下。信息卡 #{ $id } 重新交给工会办理，{ $days } 天内再给您答复。

# 信息卡：列表和查询
mycards-none = 您还没有提交过信息卡。点“📝 写信息卡”开始。（完全匿名的卡不在这里，请用 /check 回执码 查看。）
mycards-title = <b>我的信息卡</b>（最近 { $count } 张）：
mycards-footer = 点编号后的链接看详情。完全匿名的卡不在这里，请用 /check 回执码 查看。
cards-title = <b>待办信息卡</b>（{ $count } 张，按答复期限排列）：
cards-footer = 点 /card_编号 看详情和办理。筛选：/cards 班组代码 new|accepted|replied
cards-none = 没有待办的信息卡。
cards-bad-filter = 看不懂“{ $arg }”。可以用班组代码（例如 A1）或状态：new 待受理、accepted 待答复、replied 待标记落实。
card-list-line = /card_{ $id } { $category } · { $state } · { $due }
check-usage = 请在命令后面加上回执码，例如：/check ABCDE-23456
check-not-found = 没有找到这个回执码对应的信息卡。请检查是否抄错。

# 信息卡：提醒
card-remind = ⏰ 信息卡 #{ $id }（{ $category }）还有 { $days } 天到答复期限（{ $due }），现在{ $wait }。
card-remind-today = ⏰ 信息卡 #{ $id }（{ $category }）今天（{ $due }）到答复期限，现在{ $wait }。请今天内答复。
card-overdue-title = ⚠️ <b>超期未答复的信息卡</b>（{ $date }，共 { $count } 张）：
card-overdue-line = #{ $id } { $category } · { $team } · 超期 { $days } 天 · { $wait }
card-overdue-more = ……还有 { $count } 张，发送 /cards 查看全部。
card-publish-wrong-chat = 只能公开到全区群或本班组的群。
card-replied-dup-you = 💬 您的信息卡 #{ $id } 和信息卡 #{ $of } 合并办理，已有答复（{ $replier }）：
    { $body }
card-outcome-dup-you = 📌 您的信息卡 #{ $id }（与 #{ $of } 合并办理）的落实情况：{ $outcome ->
        [implemented] 已落实
        [partial] 部分落实
       *[declined] 不予采纳。理由：{ $reason }
    }
card-check-again = 为了不留下您和这张卡的联系，回执码没有保存。请重新发送 /check 回执码，再点“不满意”。
card-replier-empty = 请写答复人的部门和姓名，例如“机电科 王科长”。
card-replier-too-long = 太长了，最多 { $limit } 个字。请只写部门和姓名。

# 隐患上报
menu-hazard = ⚠️ 报隐患
menu-hazards = 🦺 隐患清单
cmd-hazard = 上报隐患
cmd-hazards = 我的隐患和待处理的隐患
flow-hz = 上报隐患
flow-hzact = 处理隐患
flow-hzfix = 整改反馈
severity-ordinary = 一般
severity-significant = 较大
severity-major = 🔴 重大
hazard-status-reported = 待确认
hazard-status-confirmed = 整改中
hazard-status-fixed = 已整改，待验收
hazard-status-verified = 已验收销号
hazard-status-rejected = 不属实
hazard-status-duplicate = 重复
hazard-ask-location = ⚠️ <b>上报隐患</b>
    在哪里？点下面的地点，或直接输入（例如“3102 回风巷 200 米处”）。
hazard-ask-category = 什么类别？
hazard-ask-severity = 严重程度？重大隐患会立即通知安全群和工会主席。
hazard-ask-description = 请描述隐患：看到了什么，有什么危险（最多 1000 字）。
hazard-ask-photos = 可以附上照片（最多 { $limit } 张，可不发）。已收到 { $count } 张。
    发完点“完成”，不需要就点“跳过”。
hazard-ask-found = 什么时候发现的？点“刚才”，或输入时间，例如 6:30 或 11-20 6:30（最多往前 { $days } 天）。
btn-found-now = 刚才
btn-found-1h = 1 小时前
btn-found-3h = 3 小时前
btn-hazard-edit-location = 地点
btn-hazard-edit-category = 类别
btn-hazard-edit-severity = 严重程度
btn-hazard-edit-description = 描述
btn-hazard-edit-photos = 照片（重新发）
btn-hazard-edit-found = 发现时间
hazard-need-text = 这一步需要文字，请直接输入。
hazard-need-photo = 这一步只收照片。发完点“完成”，不需要就点“跳过”。
hazard-photo-as-file = 请以“照片”方式发送，不要作为文件发送。
hazard-location-empty = 地点不能为空。
hazard-location-too-long = 地点太长了（{ $length } 字，最多 { $limit } 字），请写简短些。
hazard-text-empty = 描述不能为空，请写下看到了什么。
hazard-text-too-long = 描述太长了（{ $length } 字，最多 { $limit } 字），请删减后重发。
hazard-found-bad = 看不懂这个时间。请输入例如 6:30，或 11-20 6:30。
hazard-found-future = 发现时间不能晚于现在。
hazard-found-too-old = 最多只能往前 { $days } 天。更早的隐患请直接联系安全科。
hazard-preview = <b>请确认隐患信息</b>
    地点：{ $location }
    类别：{ $category } · 严重程度：{ $severity }
    发现时间：{ $found }
    照片：{ $photos } 张

    { $body }
card-submitted-already = 这张信息卡已经提交了，编号 #{ $id }。
hazard-submitted-already = 这条隐患已经上报了，编号 #{ $id }。
hazard-submitted = ✅ 已上报，隐患编号 <b>#{ $id }</b>。确认、整改和验收时都会通知您。/hazards 可以查看进度。
hazard-submitted-major = ✅ 已上报重大隐患 <b>#{ $id }</b>，已立即通知安全群和工会主席。
    如有人员危险，请先撤人、报告调度！

# 隐患：显示和处理
hazard-heading = ⚠️ <b>隐患 #{ $id }</b> · { $category } · { $severity }
hazard-heading-new = 🆕 <b>新隐患 #{ $id }</b> · { $category } · { $severity }
hazard-heading-major = 🚨 <b>重大隐患 #{ $id }</b> · { $category }
hazard-heading-owner = 🛠 <b>请整改：隐患 #{ $id }</b> · { $category } · { $severity }
hazard-heading-fixed = 🛠 <b>隐患 #{ $id } 已整改，请验收</b> · { $category } · { $severity }
hazard-meta = 地点：{ $location } · 班组：{ $team }
    上报：{ $reporter } · 发现 { $found } · 上报 { $reported }
    状态：{ $status }
hazard-owner-line = 整改责任人：{ $owner } · 期限：{ $deadline }
hazard-body = { $body }
hazard-photos = 📷 现场照片 { $count } 张
hazard-fix-photos = 📷 整改照片 { $count } 张
hazard-redo-line = ↩️ 第 { $rounds } 次退回整改：{ $reason }
hazard-reject-line = 不属实：{ $reason }
hazard-duplicate-line = 与隐患 #{ $of } 重复
hazard-deadline-left = { $deadline }（还有 { $days } 天）
hazard-deadline-today = { $deadline }（今天到期）
hazard-deadline-over = { $deadline }（⚠️ 超期 { $days } 天）
hazard-list-line = /hazard_{ $id } { $severity } · { $category } · { $location } · { $status } · { $deadline }
btn-hazard-confirm = ✅ 确认
btn-hazard-reject = ❌ 不属实
btn-hazard-duplicate = 🔁 重复
btn-hazard-fixed = 🛠 已整改
btn-hazard-pass = ✅ 验收通过
btn-hazard-redo = ↩️ 未整改到位
btn-hazard-department = 交给部门
btn-deadline-0 = 今天
btn-deadline-3 = 3 天
btn-deadline-7 = 7 天
hazard-ask-owner = 确认隐患 #{ $id }：整改责任人是谁？选班组再选人，或交给部门。
hazard-ask-owner-member = 选整改责任人：
hazard-ask-owner-dept = 交给哪个部门？点下面的，或输入部门名称。
hazard-ask-deadline = 隐患 #{ $id } 的整改期限？点下面的，或输入日期（例如 12-01）。
hazard-ask-reject = 隐患 #{ $id } 不属实：请写理由（会告诉上报人）。
hazard-ask-dup = 隐患 #{ $id } 和哪一条重复？请输入编号，例如 12。
hazard-ask-redo-reason = 隐患 #{ $id } 未整改到位：请写哪里没有整改好（会告诉责任人）。
hazard-ask-redo-deadline = 请给隐患 #{ $id } 定新的整改期限：点下面的，或输入日期（例如 12-01）。
hazard-ask-fix-photos = 隐患 #{ $id } 已整改：请发整改后的照片（至少 1 张，最多 { $limit } 张）。已收到 { $count } 张。发完点“完成”。
hazard-owner-bad = 请写部门名称（最多 { $limit } 个字）。
hazard-deadline-bad = 看不懂这个日期。请输入例如 12-01 或 2026-12-01，或点按钮。
hazard-deadline-past = 期限不能早于今天。
hazard-deadline-far = 期限最多 { $days } 天以内。
hazard-duplicate-bad = 没有这个编号的隐患，或就是这一条本身。请重新输入编号。
hazard-fix-needs-photo = 请至少发 1 张整改后的照片，再点“完成”。
hazard-verify-own = 整改人和责任人不能自己验收，请其他群监员或工会委员验收。
hazard-already-handled = 这条隐患已经处理过了：{ $state }（{ $by }）。
hazard-done-verified = ✅ 验收通过，已销号（{ $by }）
hazard-step-done-deadline = ✅ 隐患 #{ $id } 已确认，整改责任人和期限见下。
hazard-step-done-redo_deadline = ↩️ 隐患 #{ $id } 已退回整改，已通知责任人。
hazard-step-done-reject = 隐患 #{ $id } 已标为不属实，已告诉上报人。
hazard-step-done-dup = 🔁 隐患 #{ $id } 已标为重复。
hazard-step-done-fix = 🛠 隐患 #{ $id } 的整改情况已提交，等待验收。

# 隐患：通知
hazard-owner-you = 🛠 您被指定为隐患 #{ $id }（{ $category }，{ $location }）的整改责任人，期限 { $deadline }。整改好后点“已整改”，并发整改后的照片。
hazard-confirmed-reporter = ✅ 您上报的隐患 #{ $id }（{ $category }，{ $location }）已确认，由 { $owner } 整改，期限 { $deadline }。谢谢您！
hazard-rejected-reporter = 您上报的隐患 #{ $id }（{ $location }）经核实不属实。理由：{ $reason }
hazard-duplicate-reporter = 您上报的隐患 #{ $id }（{ $location }）和隐患 #{ $of } 是同一处，将一起整改。谢谢您！
hazard-fixed-reporter = 🛠 您上报的隐患 #{ $id }（{ $location }）已整改，等待验收。
hazard-verified-reporter = ✅ 您上报的隐患 #{ $id }（{ $location }）已验收销号。谢谢您！
hazard-verified-owner = ✅ 隐患 #{ $id }（{ $location }）验收通过，已销号。
hazard-redo-owner = ↩️ 隐患 #{ $id }（{ $location }）未整改到位：{ $reason }
    新期限：{ $deadline }。整改好后再点“已整改”。
hazard-redo-reporter = ↩️ 您上报的隐患 #{ $id }（{ $location }）验收未通过，已退回整改，新期限 { $deadline }。
hazard-remind = ⏰ 隐患 #{ $id }（{ $category }，{ $location }）还有 { $days } 天到整改期限（{ $deadline }）。
hazard-remind-today = ⏰ 隐患 #{ $id }（{ $category }，{ $location }）今天（{ $deadline }）到整改期限。
hazard-overdue = ⚠️ 隐患 #{ $id }（{ $category }，{ $location }）已超过整改期限（{ $deadline }）。请尽快整改，并点“已整改”发照片。
hazard-escalate = ⚠️ <b>隐患超期未整改</b>：#{ $id }（{ $category }，{ $location }），责任人 { $owner }，期限 { $deadline }，已超期 { $days } 天。

# 隐患：清单
hazards-mine = <b>我上报的</b>（最近 { $count } 条）：
hazards-owned = <b>我负责整改的</b>（{ $count } 条）：
hazards-open-team = <b>本班组未销号的隐患</b>（{ $count } 条）：
hazards-open-handle = <b>待处理的隐患</b>（{ $count } 条，重大在前、期限近的在前）：
hazards-open-all = <b>全区未销号的隐患</b>（{ $count } 条，重大在前、期限近的在前）：
hazards-none = 没有隐患记录。发现隐患请点“⚠️ 报隐患”。
hazards-footer = 点 /hazard_编号 看详情。

## 学习型小家: study notes, exams, the score board

menu-study = 📚 记学习笔记
menu-mystudy = 📖 我的学习
cmd-study = 记一篇学习笔记
cmd-mystudy = 我的学习记录和考试成绩
cmd-exam = 建考试、录成绩、公布成绩牌
cmd-exams = 本班组的考试
flow-study = 学习笔记
flow-exam = 建考试
flow-examone = 录成绩
flow-examfile = 上传成绩表
weekday-1 = 星期一
weekday-2 = 星期二
weekday-3 = 星期三
weekday-4 = 星期四
weekday-5 = 星期五
weekday-6 = 星期六
weekday-7 = 星期日
btn-today = 今天
btn-yesterday = 昨天
btn-minutes = { $minutes } 分钟
btn-save = 💾 保存
btn-study-now = 📚 记学习笔记

study-ask-kind = 📚 <b>学习笔记</b>
    这次学的是什么？
study-ask-minutes = 学了多长时间？点按钮，或输入分钟数（最多 { $max } 分钟，如 45、1.5小时）。
study-ask-day = 哪天学的？可以补记 { $days } 天以内的，输入日期如 11-18。
study-ask-notes = 请发学习笔记：直接打字，或拍笔记本的照片（最多 { $limit } 张），两样都发也行。
study-notes-so-far = 已收到：文字 { $length } 字 · 照片 { $count }/{ $limit } 张。
    还可以接着发，发完点【保存】。
study-photos-full = 最多 { $limit } 张照片，这张没有加上。发完请点【保存】。
study-need-notes = 请发文字笔记，或笔记本的照片。
study-photo-as-file = 照片请用“照片”方式发送，不要用“文件”方式。
study-notes-empty = 笔记内容是空的，请写几句学到的东西。
study-notes-too-long = 笔记太长了：{ $length } 字，最多 { $limit } 字。
study-minutes-bad = 没看懂时长。请输入分钟数，1 到 { $max } 之间，如 45 或 1.5小时。
study-date-bad = 没看懂日期。请输入如 11-18 或 11月18日，或点按钮。
study-date-future = 不能记以后的日子。
study-date-too-old = 只能补记 { $days } 天以内的学习。
study-saved = ✅ 已记录：{ $kind } · { $minutes } 分钟 · { $day }
study-progress-now = 本月 { $count }/{ $target } 篇
study-progress-month = { $month } 月 { $count }/{ $target } 篇
study-progress-left = 还差 { $left } 篇
study-progress-done = 已完成本月目标 👍

mystudy-title = 📖 <b>我的学习</b>
mystudy-none-month = 本月还没有记学习笔记。发 /study 记一篇。
study-entry-line = { $day } { $kind } { $minutes } 分钟 · { $what }
study-has-text = 文字 { $length } 字
study-has-photos = 照片 { $count } 张
mystudy-year = <b>{ $year } 年</b>：共 { $count } 篇，{ $minutes } 分钟
mystudy-kind-line = · { $kind }：{ $count } 篇，{ $minutes } 分钟
mystudy-exams = <b>最近的考试</b>
mystudy-exam-line = · { $date } { $subject }：{ $score } 分（满分 { $full }）
mystudy-footer = 记笔记：/study

study-weekly-remind = 📚 <b>学习提醒</b>
    { $team } 本周{ $weekday } { $time } 集中学习，请大家准时参加，带好学习笔记本。
study-nudge = 📚 { $month } 月您已记学习笔记 { $count } 篇，目标 { $target } 篇，还差 { $left } 篇。本月到 { $last } 结束，有空记一篇吧。
study-report-title = 📊 <b>{ $team } · { $month } 学习笔记</b>
study-report-rate = 有记录 { $logged }/{ $size } 人（参与率 { $rate }%），达到 { $target } 篇的 { $reached } 人。
study-report-logged = 已记：
study-report-line = · { $name }：{ $count } 篇
study-report-missing = 没有记录：{ $names }

exam-officers-only = 建考试、录成绩是工会委员和小组长的工作。
exam-ask-team = 📝 <b>建考试</b>
    给哪个班组？
exam-ask-subject = 考试科目是什么？（最多 30 字，如：安全规程、应知应会）
exam-ask-date = 哪天考的？点按钮，或输入日期如 11-18。
exam-ask-full = 满分多少分？点按钮，或输入数字。
exam-preview = 📝 <b>请核对</b>
    科目：{ $subject }
    班组：{ $team }
    日期：{ $date }
    满分：{ $full }
btn-exam-create = ✅ 建立
btn-exam-edit-subject = 科目
btn-exam-edit-held_on = 日期
btn-exam-edit-full = 满分
exam-subject-empty = 科目不能为空。
exam-subject-too-long = 科目太长，最多 { $limit } 字。
exam-date-bad = 没看懂日期。请输入如 11-18 或 2026-11-18，或点按钮。
exam-date-future = 考试日期不能是以后的日子。
exam-date-too-old = 只能登记一年以内的考试。
exam-full-bad = 满分请输入 1 到 { $max } 之间的数字。
exam-heading = 📝 <b>考试 #{ $id }</b> { $subject }
exam-created = ✅ 考试已建立：<b>#{ $id }</b> { $subject }
exam-facts = 班组：{ $team } · 日期：{ $date } · 满分 { $full }
exam-scored = 已录成绩 { $count }/{ $size } 人 · 平均 { $average } 分
exam-scored-none = 还没有录成绩（本班组 { $size } 人）。
exam-posted = 📢 成绩牌已公布到班组群。
exam-posted-stale = ⚠️ 公布后成绩有改动，需要重新公布。
btn-exam-one = ✍️ 逐个录入
btn-exam-file = 📎 上传成绩表
btn-exam-preview = 👀 预览成绩牌
btn-exam-post = 📢 公布到班组群
exam-ask-pick = ✍️ <b>{ $subject }</b>：点名字录成绩（已录 { $count }/{ $size }）。也可以直接输入姓名或工号。录完点【完成】。
exam-pick-unknown = 没找到这个人（要本班组、已通过审核的成员）。请点名字，或输入完整的姓名或工号。
exam-ask-score = { $name } 的成绩是多少？（满分 { $full }）
exam-score-bad = 请输入成绩数字，0 到 { $full } 之间，如 85 或 85.5。
exam-score-over = 成绩不能超过满分 { $full } 分。
exam-score-saved = ✅ { $name }：{ $score } 分
exam-ask-file = 📎 请上传成绩表（CSV 或 Excel .xlsx 文件，不超过 { $limit } KB）。
    两列：<b>姓名或工号</b>、<b>成绩</b>，第一行可以是表头（姓名、工号、成绩）。缺考的写“缺考”。
    有问题的行会一次全部列出；表格全部没问题之前，一个成绩也不导入。
exam-need-file = 请把成绩表作为文件发过来（CSV 或 .xlsx）。
exam-file-big = 文件太大，最大 { $limit } KB。
exam-file-type = 只能读 CSV 或 Excel .xlsx 文件。
exam-file-xls = 这是旧版 Excel（.xls）。请在 Excel 里“另存为” .xlsx 或 CSV 再发。
exam-file-unreadable = 这个文件打不开，请确认是 CSV 或 .xlsx 格式。
exam-file-empty = 表格里没有成绩。
exam-file-rows = 表格太长，最多 { $limit } 行。
exam-file-no-score-column = 表头里没有“成绩”一列。
exam-file-no-person-column = 表头里没有“姓名”或“工号”一列。
exam-file-errors = ❌ 表格有 { $count } 处问题，<b>没有导入任何成绩</b>：
exam-file-errors-more = ……还有 { $count } 处
exam-file-fix = 改好后把整个表格再发一次。
exam-row-line = 第 { $line } 行：{ $problem }
exam-row-unknown = 找不到“{ $who }”（要本班组、已通过审核的成员）
exam-row-ambiguous = 有两个人都叫“{ $who }”，请改用工号
exam-row-mismatch = 姓名和工号对不上：{ $who }
exam-row-no-person = 没有姓名或工号
exam-row-duplicate = { $who } 重复了（第 { $first } 行已有）
exam-row-score-missing = { $who } 没有成绩（缺考请写“缺考”）
exam-row-score-bad = { $who } 的成绩“{ $score }”不是数字
exam-row-score-over = { $who } 的成绩 { $score } 超过满分 { $full }
exam-file-clean = ✅ 表格没问题：{ $count } 人有成绩，平均 { $average } 分，缺考 { $absent } 人。导入吗？
exam-file-clean-overwrite = ✅ 表格没问题：{ $count } 人有成绩，平均 { $average } 分，缺考 { $absent } 人。
    其中 { $overwrite } 人已有成绩，将改成表格里的分数。导入吗？
btn-import = ✅ 导入
exam-file-imported = ✅ 已导入 { $count } 人的成绩。
exam-file-cancelled = 已取消，没有导入成绩。
exam-no-scores = 还没有录入成绩。
exam-no-team-chat = 本班组还没有登记班组群。请把机器人拉进班组群，在群里发 /setchat 选“班组群”。
exam-already-posted = 这些成绩已经公布过了。成绩有改动后才能再次公布。
exam-post-queued = 已公布：{ $pages } 张图，发往 { $chats } 个群。
image-no-font = 服务器上没有中文字体，画不了图。请管理员安装 fonts-noto-cjk 或 fonts-wqy-microhei。
board-title = { $branch } 成绩公布牌
board-subtitle = { $subject } · { $team } · { $date } · 满分 { $full }
board-rank = 名次
board-name = 姓名
board-number = 工号
board-score = 成绩
board-footer = 参考 { $count } 人 · 平均 { $average } 分 · 最高 { $top } 分 · 第 { $page }/{ $pages } 页
board-caption = 📢 <b>成绩公布</b>：{ $subject }（{ $date }）
board-preview-caption = 👀 预览：还没有公布。
exams-title = 📝 <b>考试</b>（最近 { $count } 场）
exam-list-line = /exam_{ $id } { $date } { $subject } { $posted }
exams-none = 还没有考试。发 /exam 建一场。
exams-footer = 点编号打开考试，录成绩或公布成绩牌。

# 删除个人信息
cmd-delete_my_data = 删除我的个人信息
flow-forget = 删除个人信息
forget-ask = ⚠️ <b>删除我的个人信息</b>
    将删除：您的姓名、工号、Telegram 编号、角色、学习记录、考试成绩、“已阅”记录，以及您和匿名信息卡的联系。
    将保留（不再关联到您）：您提交的信息卡和隐患的内容，工会必须留档。
    删除后不能恢复；以后想用，需要重新发送 /start 登记。确定吗？
btn-forget-yes = 确定删除
forget-kept = 好的，没有删除任何信息。
forget-nothing = 您没有登记，这里没有您的个人信息。
forget-done = ✅ 已删除您的个人信息。谢谢您参与工会工作。
flood-notice = 您发得太快了，请稍等一会儿再发。
