"""The demo's hazard scene: an ordinary hazard confirmed, fixed with a photo and
verified by someone other than the fixer; then a major one that alerts at once."""

from __future__ import annotations

from typing import Any

from bot.stub import BotApiStub, Message, UserHandle


async def _with(user: UserHandle, needle: str) -> Message:
    while True:
        message = await user.next_message()
        if needle in (message.text or "") or any(needle in label for row in message.buttons
                                                 for label, _ in row):
            return message


async def _report(worker: UserHandle, place: str, kind: str, severity: str, text: str,
                  photo: bool) -> None:
    await worker.command("/hazard")
    await worker.tap(place)
    await worker.tap(kind)
    await worker.tap(severity)
    await worker.next_message()
    await worker.send(text)
    ask = await worker.next_message()
    if photo:
        await worker.send_photo(b"\\x89PNG demo photo of the torn duct")
        ask = await worker.next_message()
    await worker.press(ask, "完成" if photo else "跳过")
    await worker.next_message()
    await worker.send("6:40")  # found early in the shift, reported after it
    await worker.tap("提交")
    await worker.next_message()


async def scene_hazards(stub: BotApiStub, app: Any) -> None:
    officer = stub.user(700101, "李建国")
    worker = stub.user(700201, "张小军")
    owner = stub.user(700301, "王后勤")
    admin = stub.user(700001, "周管理员")
    for handle in (officer, worker, owner, admin):
        handle.catch_up()

    # 1. An ordinary hazard: confirmed with an owner and a deadline, fixed, verified.
    await _report(worker, "回风巷", "通风", "一般", "回风巷 200 米处风筒破口，漏风严重。", True)
    notice = await _with(officer, "新隐患")
    await officer.press(notice, "确认")
    await officer.press(await _with(officer, "整改责任人是谁"), "综采一班")
    await officer.tap("王后勤")
    await officer.tap("3 天")
    await officer.next_message()
    task = await _with(owner, "请整改")
    await owner.press(task, "已整改")
    await owner.next_message()
    await owner.send_photo(b"\\x89PNG demo photo of the mended duct")
    await owner.tap("完成")
    await owner.next_message()
    to_verify = await _with(officer, "请验收")
    await owner.command("/hazards")
    await owner.next_message()
    await officer.press(to_verify, "验收通过")
    await _with(worker, "已验收销号")

    # 2. A major hazard: the chairs (here, the admin) are alerted at once.
    await _report(worker, "综采工作面", "瓦斯", "重大", "工作面上隅角瓦斯浓度 1.2%，已撤人。",
                  False)
    await _with(admin, "重大隐患")
    await officer.command("/hazards")
    await officer.next_message()
