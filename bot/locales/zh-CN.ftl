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
    我们保存：您的 Telegram 编号、姓名、班组、工号（可不填），以及您提交的信息卡、隐患、学习记录等。
    谁能看到：班组工会小组长和工会主席处理您提交的事项时能看到您的姓名；匿名提交的内容，任何干部都看不到是谁写的。
    保存多久：事项办结后按工会规定保存，到期清除；如需删除您的个人信息，请联系工会管理员。
    请注意：Telegram 公司和运行本机器人的服务器管理员在技术上能接触到消息内容。

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
