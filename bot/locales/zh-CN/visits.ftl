## 走访谈心：民情日记、每月任务、提醒

menu-visit = 📔 记走访谈心
cmd-visit = 记一次谈心或家访（民情日记）
cmd-visits = 我的民情日记和本月完成情况
flow-visit = 走访谈心记录
visit-officers-only = 民情日记只有工会委员、小组长和主席可以记。

visit-kind-talk = 谈心
visit-kind-home = 家访

# 记一次走访
visit-ask-kind = 📔 <b>民情日记</b>
    这次是谈心还是家访？
visit-ask-whom = { $kind }对象是谁？输入姓名或工号查找，或按下面的按钮选。
btn-visit-own-team = 本班组成员
btn-visit-by-team = 按班组选
btn-visit-unregistered = 没登记的人
btn-visit-write-as-is = 就写“{ $name }”（没登记）
visit-ask-team = 选一个班组：
visit-ask-member = { $team }（{ $count } 人），点名字选：
visit-team-empty = { $team }还没有登记的职工。可以输入姓名，或按“没登记的人”直接写名字。
visit-ask-found = 找到 { $count } 人，点名字选：
visit-ask-person = 请输入对方的姓名（没在职工小家登记的人，如家属、退休职工）：
visit-search-none = 没有找到“{ $name }”。可以重新输入，或直接按这个名字记下。
visit-search-none-retype = 没有找到“{ $name }”。请重新输入姓名或工号。
visit-search-several = 有几个人符合，请选一个：
visit-search-many = 符合的人太多，只列出前 10 个。可以输入完整姓名或工号。
visit-person-bad = 姓名要 2 到 20 个字，请重新输入。
visit-person-gone = 这个人已不在职工名单里（或不能记自己），请重新选。
btn-prev = ◀ 上一页
btn-next = 下一页 ▶
visit-ask-day = 哪天？点按钮，或输入本月的日期，如 11-18。
visit-date-bad = 没看懂日期。请输入如 11-18 或 11月18日，或点按钮。
visit-date-future = 不能记以后的日子。
visit-date-too-old = 只能记本月的（或昨天的）走访谈心。
visit-ask-notes = 请写下和{ $person }谈了什么、了解到的情况和想法（一条消息，最多 2000 字）。
visit-notes-empty = 记录是空的，请写几句。
visit-notes-too-long = 记录太长了：{ $length } 字，最多 { $limit } 字。
visit-ask-reasons = 因为什么事走访？可以多选，也可以不选，选好点【完成】。
btn-visit-reason = { $reason }
btn-visit-reason-on = ✓ { $reason }
visit-ask-follow = 还需要跟进吗？
btn-visit-follow-none = 不需要
btn-visit-follow-revisit = 🔁 再访
btn-visit-follow-help = 🆘 困难帮扶
visit-ask-revisit = 哪天再访？点按钮，或输入日期（{ $days } 天以内），到那天早上会提醒你。
btn-visit-in-days = { $days } 天后（{ $day }）
revisit-date-bad = 没看懂日期。请输入如 11-28、明天，或天数如 10。
revisit-date-past = 再访要定在明天或以后。
revisit-date-far = 再访最多定在 { $days } 天以内。
visit-ask-help = 请简单写明{ $person }的困难和需要的帮助（最多 500 字），会报告给工会主席。
visit-help-empty = 请写明困难情况。
visit-help-too-long = 太长了：{ $length } 字，最多 { $limit } 字。
visit-ask-edit = 要修改哪一项？
btn-visit-edit-kind = 类型
btn-visit-edit-whom = 对象
btn-visit-edit-day = 日期
btn-visit-edit-notes = 记录
btn-visit-edit-reasons = 原因
btn-visit-edit-follow = 跟进
visit-preview-title = 📔 <b>请核对</b>，没问题点【保存】：
visit-preview-facts = { $kind } · { $person }（{ $team }）· { $day }
visit-preview-reasons = 原因：{ $reasons }
visit-preview-follow = 跟进：{ $follow }
visit-preview-help = 🆘 困难情况：{ $note }
visit-no-reason = 无
visit-follow-none = 不需要
visit-follow-revisit-on = 🔁 { $day } 再访
visit-follow-help = 🆘 困难帮扶
visit-follow-help-taken = 🆘 帮扶已接手
visit-unregistered = 未登记
visit-missing-kind = 还没选谈心还是家访。
visit-missing-whom = 还没选对象。
visit-missing-day = 日期要重新选：只能记本月的（或昨天的）。
visit-missing-notes = 还没写记录。
visit-missing-revisit = 再访日期要重新选，要在今天以后。
visit-missing-help = 还没写困难情况。
visit-saved = ✅ 已记入民情日记 #{ $id }：{ $kind } · { $person } · { $day }
visit-saved-revisit = 🔁 { $day } 早上会提醒你再访。
visit-saved-help = 🆘 已报告工会主席（{ $count } 人）。
visit-saved-help-self = 🆘 已记为困难帮扶。

# 本月进度
visit-progress-now = 本月 谈心 { $talks }/{ $talks_min } · 家访 { $homes }/{ $homes_min }
visit-progress-month = { $month }月 谈心 { $talks }/{ $talks_min } · 家访 { $homes }/{ $homes_min }
visit-count-now = 本月 谈心 { $talks } 次 · 家访 { $homes } 次
visit-count-month = { $month }月 谈心 { $talks } 次 · 家访 { $homes } 次
visit-progress-done = ✓ 已完成
visit-progress-left = 还差{ $what }
visit-progress-short = 差{ $what }
visit-missing-talks = 谈心 { $count } 次
visit-missing-homes = 家访 { $count } 次

# 日记和单条记录
visits-title = 📔 <b>我的民情日记</b>
visit-entry-line = /visit_{ $id } { $day } { $kind } { $person } { $extra }
visits-more = ……还有 { $count } 条
visits-none-month = （这个月还没有记录）
visits-footer = 点编号看全文。发 /visit 记一次新的。
visits-help-waiting = 🆘 <b>等待接手的困难帮扶：{ $count } 件</b>
btn-visit-completion = 📊 各委员完成情况
btn-visit-coverage = 👥 未走访名单
btn-visit-again = 🔁 再记一次走访
visit-title = 📔 <b>民情日记 #{ $id }</b> · { $kind }
visit-facts = { $person }（{ $team }）· { $day } · 记录人 { $author }
visit-help-taken-by = ✅ { $name } 已接手帮扶。

# 困难帮扶
visit-help-notice = 🆘 <b>困难帮扶</b> · 民情日记 /visit_{ $id }
    { $person }（{ $team }）· { $kind } { $day } · 记录人 { $author }
    原因：{ $reasons }
    困难情况：{ $note }
btn-visit-take-help = ✅ 我来跟进
visit-help-took = 已接手{ $person }的困难帮扶，记录人会收到通知。
visit-help-already = 这件帮扶已由 { $name } 接手。
visit-help-taken-notice = ✅ 你 { $day } 报告的{ $person }的困难，工会主席 { $chair } 已接手帮扶。

# 提醒和报表
btn-visit-now = 📔 记一次走访
visit-nag = 📔 <b>走访谈心提醒</b>
    { $month }月到现在：谈心 { $talks } 次、家访 { $homes } 次，{ $what }。
    每月要求：谈心 { $talks_min }–{ $talks_max } 次，家访 { $homes_min }–{ $homes_max } 次。本月到 { $last } 为止，请抽空完成。
visit-revisit-remind = 🔁 再访提醒：你定在 { $day } 再访{ $person }（{ $first } { $kind }，/visit_{ $id }）。
visit-report-title = 📊 <b>{ $month } 走访谈心完成情况</b>
visit-report-rate = 达到每月最低要求：{ $done }/{ $size } 人
visit-report-line = { $name }（{ $team }）谈心 { $talks }/{ $talks_min } · 家访 { $homes }/{ $homes_min } · { $status }
visit-report-ok = ✓ 完成
visit-report-no-officers = 还没有工会委员（小组长）。
visit-coverage-branch = 👥 <b>近 12 个月走访覆盖</b>（已走访/人数），点班组看名单：
visit-coverage-team-line = { $team }：{ $visited }/{ $size }
visit-coverage-title = 👥 <b>{ $team } · 近 12 个月走访</b>（{ $since } 起）
visit-coverage-rate = 已谈心或家访：{ $visited }/{ $size } 人
visit-coverage-never = 还没走访过的 { $count } 人：{ $names }
visit-coverage-more = ……还有 { $count } 人
visit-coverage-all = ✓ 每个人都走访过了。
visit-coverage-oldest = 最久没走访的：{ $name }（上次 { $day }）
