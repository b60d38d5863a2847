"""What every bench of `bench/run.py` reports: figures with their targets, as a table and
as JSON. A figure is measured, never asserted: `met` says whether the target was reached
and the table shows it, the run does not fail on it."""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    bench: str  # which script: throughput, broadcast, charts, scale
    name: str  # what was measured, e.g. "bot / baseline updates/s"
    value: float
    unit: str  # "×", "updates/s", "ms", "KB", "MB", "msg/s", "s", "" (a count)
    target: str = ""  # as written in the issue, e.g. "≥ 0.8"
    met: bool | None = None  # None: no target
    note: str = ""  # how it was measured, or why the target is missed

    @property
    def is_ratio(self) -> bool:
        return self.unit == "×"


def shown(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if abs(value) >= 100 or float(value).is_integer():
        number = f"{value:,.0f}"
    elif abs(value) >= 10:
        number = f"{value:.1f}"
    else:
        number = f"{value:.2f}"
    return f"{number} {unit}".rstrip()


def table(figures: list[Figure]) -> str:
    """Markdown: ratios first, then the absolute figures (from one machine)."""
    ordered = [f for f in figures if f.is_ratio] + [f for f in figures if not f.is_ratio]
    lines = ["| bench | figure | measured | target | met |", "|---|---|---|---|---|"]
    for f in ordered:
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.bench} | {f.name} | {shown(f.value, f.unit)} | {f.target} | {met} |")
    return "\n".join(lines)


def machine() -> dict[str, object]:
    import os

    return {"python": sys.version.split()[0], "platform": platform.platform(),
            "cpus": os.cpu_count(), "at": datetime.now(UTC).isoformat(timespec="seconds")}


def write_json(path: Path, figures: list[Figure], seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"machine": machine(), "seconds": round(seconds, 1),
                                "figures": [asdict(f) for f in figures]},
                               ensure_ascii=False, indent=2) + "\n", "utf-8")
