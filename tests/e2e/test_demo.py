from pathlib import Path

from tests.cli import run_cli


async def test_demo_runs_offline_and_writes_its_transcript(tmp_path: Path) -> None:
    code, out, err = await run_cli("demo", "--out", str(tmp_path / "demo"), timeout=90)
    assert code == 0, err
    transcript = (tmp_path / "demo" / "transcript.txt").read_text(encoding="utf-8")
    assert "已通过（审核人：李建国）" in transcript
    assert "这一项已处理" in transcript and "您没有权限" in transcript
    assert "demo finished" in out
    # The study scene: a table with mistakes is refused whole, the fixed one posted as
    # a score-board image, which the demo keeps.
    assert "没有导入任何成绩" in transcript and "已导入 7 人的成绩" in transcript
    board = (tmp_path / "demo" / "score-board.png").read_bytes()
    assert board.startswith(b"\x89PNG") and 10_000 < len(board) < 150_000
    # The visits scene: a talk and a hardship home visit, the chair taking it on, a
    # worker refused the diary, and the calendar's three reminders.
    for seen in ("已记入民情日记 #1：谈心 · 张小军", "工会主席 赵红梅 已接手帮扶",
                 "→ 张小军: 没有找到这一项", "再访提醒：你定在", "走访谈心提醒",
                 "走访谈心完成情况"):
        assert seen in transcript, seen
    # The disclosures scene: a welfare table drawn as an image, approved by the chair,
    # pinned where the bot is an admin, read once per member, questioned, corrected.
    for seen in ("待审批（李建国 起草）", "发送完毕：已发到 2/2 个群", "没能置顶",
                 "已记下，谢谢！本群已阅 1 人", "你已经点过已阅了", "还没有在职工小家登记",
                 "关于厂务公开《中秋节福利发放明细》 /disclosure_1",
                 "📝 更正：《中秋节福利发放明细》", "综采一班工作群：1/9"):
        assert seen in transcript, seen
    table = (tmp_path / "demo" / "disclosure-table.png").read_bytes()
    assert table.startswith(b"\x89PNG")
    # The figures scene: /stats with its charts, a worker's own figures, an export; the
    # charts and the workbook kept in the folder.
    for seen in ("看哪段时间的数据", "我的数据 · 今年", "月度台账"):
        assert seen in transcript, seen
    for name in ("chart-cards.png", "chart-hazards.png", "chart-study.png",
                 "chart-visits.png"):
        chart = (tmp_path / "demo" / name).read_bytes()
        assert chart.startswith(b"\x89PNG") and len(chart) < 100_000, name
    assert (tmp_path / "demo" / "xiaojia-2026-11.xlsx").read_bytes().startswith(b"PK")
