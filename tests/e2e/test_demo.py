from pathlib import Path

from tests.cli import run_cli


async def test_demo_runs_offline_and_writes_its_transcript(tmp_path: Path) -> None:
    code, out, err = await run_cli("demo", "--out", str(tmp_path / "demo"), timeout=60)
    assert code == 0, err
    transcript = (tmp_path / "demo" / "transcript.txt").read_text(encoding="utf-8")
    assert "已通过（审核人：李建国）" in transcript
    assert "这一项已处理" in transcript and "您没有权限" in transcript
    assert "demo finished" in out
