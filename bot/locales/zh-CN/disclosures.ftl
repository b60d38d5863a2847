## 厂务公开: drafting, approval, the posts in the groups, the archive.

menu-disclose = 📢 厂务公开
cmd-disclose = 起草一条厂务公开，交主席审批
cmd-disclosures = 厂务公开记录：已阅、疑问、未阅名单
flow-disclose = 厂务公开草稿
flow-dback = 退回意见
flow-dfix = 更正
btn-plain = { $text }

disclose-officers-only = 厂务公开由工会委员起草、主席审批。
disclose-ask-category = 📢 起草厂务公开（第 1 步，共 7 步）
    公开什么内容？
disclose-ask-period = 是哪个时间段的？点月份，或直接打字（如“2026年第三季度”）。
disclose-ask-title = 标题是什么？（一句话，不超过 60 字）
disclose-ask-body = 请写公开的内容（不超过 3000 字）。
disclose-ask-attach = 要附一张照片、PDF，或 CSV/XLSX 表格吗？表格会转成图片发到群里，原文件也一并附上。
    直接发文件或照片；不需要就点下面。
disclose-ask-chats = 发到哪些群？点群名选中或取消（已选 { $count } 个），选好点“完成”。
disclose-no-chats = 还没有登记用途的群。请先把机器人拉进群，在群里发 /setchat（如 /setchat team A1），再回来继续。
disclose-chats-pick = 请至少选一个群。
disclose-ask-pin = 发到群里后要置顶吗？（机器人需要是群管理员）
disclose-ask-edit = 要改哪一项？
disclose-preview = 📢 <b>厂务公开（预览）</b>
    类别：{ $category }
    期间：{ $period }
    标题：<b>{ $title }</b>

    { $body }

    附件：{ $attachment }
    发往 { $count } 个群：{ $chats }
    { $pin }

    确认无误后提交，由工会主席审批后发出。
disclose-pin-yes = 发出后置顶
disclose-pin-no = 不置顶
disclose-att-none = 无
disclose-att-photo = 照片一张
disclose-att-document = 文件 { $name }
disclose-att-table = 表格 { $name }（转成 { $pages } 张图片）
disclose-att-bad-type = 只收照片、PDF，或 CSV / Excel（.xlsx）表格。
disclose-att-big = 文件太大，最大 { $limit } MB。
disclose-table-empty = 表格是空的。
disclose-table-wide = 表格最多 { $limit } 列，请删去不用公开的列再发。
disclose-table-long = 表格有 { $rows } 行，最多 { $limit } 行。请分成几次公开。
disclose-table-no-font = 服务器没有中文字体，表格不能转成图片，将只附原文件。
disclose-table-footer = 第 { $page }/{ $pages } 页 · 共 { $rows } 行
disclose-title-short = 标题太短了，请写一句话。
disclose-title-long = 标题有 { $length } 字，最多 { $limit } 字。
disclose-period-empty = 请写是哪个时间段的。
disclose-period-long = 时间段最多 { $limit } 字。
disclose-body-empty = 内容不能为空。
disclose-body-long = 内容有 { $length } 字，最多 { $limit } 字。太长的明细请做成表格附上。
disclose-missing-category = 还没选类别。
disclose-missing-period = 还没写期间。
disclose-missing-title = 还没写标题。
disclose-missing-body = 还没写内容。
disclose-missing-chats = 还没选发到哪些群。
disclose-chats-gone = 选的群都已不能发送（机器人被移出或群已取消登记），请重新选。
disclose-no-approver = 需要另一位工会主席审批，目前没有。请管理员先设一位主席（/promote），草稿已保留。
disclose-submitted = ✅ 已提交审批：厂务公开 #{ $id }《{ $title }》，已发给 { $count } 位主席。批准后自动发到群里，我会告诉你进度。

disclose-ask-approve = 📢 <b>厂务公开 #{ $id } 待审批</b>（{ $drafter } 起草）
    类别：{ $category }
    期间：{ $period }
    标题：<b>{ $title }</b>

    { $body }

    附件：{ $attachment }
    发往 { $count } 个群：{ $chats }
    { $pin }
disclose-ask-approve-fix = 📢 <b>更正 #{ $id } 待审批</b>（{ $drafter } 起草）
    更正的是：#{ $parent }《{ $title }》
    将回复在 { $count } 个群的原消息下：

    { $body }
btn-disclose-approve = ✅ 批准发布
btn-disclose-return = ↩️ 退回
btn-disclose-submit = 📨 提交审批
btn-disclose-no-attach = 不加附件
btn-disclose-pin = 📌 置顶
btn-disclose-no-pin = 不置顶
btn-disclose-redo = ✏️ 修改后重新提交
btn-disclose-fix = 📝 更正
btn-disclose-unread = 👥 未阅名单
btn-disclose-team = { $team }（已阅 { $read }/{ $total }）
btn-disclose-read = 👁 已阅 ({ $count })
btn-disclose-question = ❓ 有疑问
btn-disclose-edit-period = 期间
btn-disclose-edit-title = 标题
btn-disclose-edit-body = 内容
btn-disclose-edit-attach = 附件
btn-disclose-edit-chats = 发往的群
btn-disclose-edit-pin = 置顶
btn-chat-on = ✅ { $chat }
btn-chat-off = ▫️ { $chat }
btn-chats-teams = 全部班组群
btn-chats-all = 全选
btn-chats-none = 清空

disclose-chairs-only = 只有工会主席可以审批。
disclose-own-draft = 自己起草的不能自己审批，请另一位主席审批。
disclose-already-approved = 已由 { $by } 批准。
disclose-already-returned = 已由 { $by } 退回。
disclose-already-pending = 还在等审批。
disclose-approve-done = ✅ 已批准厂务公开 #{ $id }，正在发往 { $count } 个群。
disclose-ask-comment = ↩️ 退回厂务公开 #{ $id }：请写退回意见，起草人会收到。
disclose-comment-empty = 请写退回的理由。
disclose-comment-long = 意见有 { $length } 字，最多 { $limit } 字。
disclose-redo-done = 这份退回的草稿已经重新提交过了，请到 /disclosures 查看。
disclose-return-done = ↩️ 已退回厂务公开 #{ $id }，意见已转给起草人。
disclose-returned = ↩️ 厂务公开 #{ $id }《{ $title }》被 { $by } 退回。
    意见：{ $comment }
disclose-approved-sending = ✅ 厂务公开 #{ $id }《{ $title }》已由 { $by } 批准，正在发往 { $total } 个群……
disclose-approved-nowhere = ✅ 厂务公开 #{ $id }《{ $title }》已由 { $by } 批准，但选的群都已不能发送，没有发出。请用 /disclosures 查看。
disclose-progress = 📤 厂务公开 #{ $id }《{ $title }》已发送 { $done }/{ $total }
disclose-report = 📢 厂务公开 #{ $id }《{ $title }》发送完毕：已发到 { $sent }/{ $total } 个群。
disclose-report-pinned = 📌 已置顶 { $count } 个群。
disclose-report-failed = ⚠️ 没有发出：
    { $chats }
disclose-report-unsure = ❔ 发送时中断，请到这些群里看一下是否收到：{ $chats }
disclose-report-pin-failed = 📌 没能置顶（机器人不是管理员？）：{ $chats }
disclose-fail-removed = · { $chat }：机器人已被移出群
disclose-fail-error = · { $chat }：发送失败

disclose-post = 📢 <b>厂务公开 · { $category }</b>
    <b>{ $title }</b>
    期间：{ $period }

    { $body }

    审核：{ $approver } · { $day }
disclose-post-fix = 📝 <b>更正</b>：《{ $title }》

    { $body }

    审核：{ $approver } · { $day }
disclose-read-done = 已记下，谢谢！本群已阅 { $count } 人。
disclose-read-again = 你已经点过已阅了。本群已阅 { $count } 人。
disclose-read-register = 你还没有在职工小家登记，已阅不能计入。请私聊 @{ $bot } 发 /start 登记。

card-question-intro = ❓ 对厂务公开 #{ $id }《{ $title }》有疑问：请写下你的问题，会作为信息卡交工会答复（30 天内）。
card-about-disclosure = 关于厂务公开 #{ $id }《{ $title }》
card-about-disclosure-link = ❓ 关于厂务公开《{ $title }》 /disclosure_{ $id }

disclose-fix-preview = 📝 更正厂务公开 #{ $id }（预览）：

    { $body }

    审批后将回复在各群的原消息下。
disclose-ask-fix = 📝 更正厂务公开 #{ $id }：请写更正的内容（不超过 1500 字）。
disclose-fix-nowhere = 原公开还没有发到任何群，不能更正。
disclose-fix-empty = 更正内容不能为空。
disclose-fix-long = 更正有 { $length } 字，最多 { $limit } 字。
disclose-fix-submitted = ✅ 更正 #{ $id } 已提交审批，已发给 { $count } 位主席。
disclose-fix-line = 📝 更正 #{ $id }（{ $day }，{ $status }）：{ $body }
disclose-fix-pending = 待审批
disclose-fix-returned = 已退回
disclose-fix-approved = 已发出

disclose-archive-empty = 还没有厂务公开。用 /disclose 起草。
disclose-archive-head = 📢 厂务公开记录（最近 { $count } 条）
disclose-archive-line = /disclosure_{ $id } { $category } · { $period }《{ $title }》
    { $status } · { $chats } 个群 · 已阅 { $read } · 疑问 { $questions }
disclose-status-pending = ⏳ 待审批
disclose-status-returned = ↩️ { $by } 退回（{ $day }）
disclose-status-approved = ✅ { $by } 批准（{ $day }）
disclose-detail = 📢 <b>厂务公开 #{ $id }</b> · { $category } · { $period }
    <b>{ $title }</b>
    起草：{ $drafter }　{ $status }
    附件：{ $attachment }

    { $body }
disclose-detail-comment = 退回意见：{ $comment }
disclose-detail-chats = 各群已阅（{ $count } 个群，已阅/群里登记的人数）：
disclose-detail-targets = 将发往：{ $chats }
disclose-detail-questions = ❓ 疑问 { $count } 条：{ $links }
disclose-chat-reads = · { $chat }：{ $share }
disclose-chat-pending = · { $chat }：等待发送
disclose-chat-sending = · { $chat }：正在发送
disclose-chat-failed = · { $chat }：没有发出
disclose-chat-uncertain = · { $chat }：发送中断，请核对
disclose-chat-unknown = 群 { $id }
disclose-pick-team = 看哪个班组的未阅名单？（厂务公开 #{ $id }）
disclose-unread = 👥 { $team } 还有 { $count } 人没点已阅（厂务公开 #{ $id }）：
    { $names }
disclose-unread-none = 👍 { $team } 的人都已阅厂务公开 #{ $id }。
