"""Every benchmark of the bot against Telegram's limits and a bare PTB bot, in one run:

    python bench/run.py [--quick] [--only throughput,broadcast,charts,scale]
                        [--json bench-results.json]

Prints one table (ratios first; absolute figures are from this machine) and writes the
figures as JSON. Targets are reported, never asserted. `--quick` runs smaller sizes
(a smoke run for CI-like checks, not for figures).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the benches beside this file

from report import Figure, table, write_json

BENCHES = ["throughput", "broadcast", "charts", "scale"]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    parser.add_argument("--only", default=",".join(BENCHES),
                        help="comma-separated: " + ", ".join(BENCHES))
    parser.add_argument("--json", type=Path, default=Path("bench-results.json"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(wanted) - set(BENCHES)
    if unknown:
        parser.error(f"unknown bench: {', '.join(sorted(unknown))}")
    figures: list[Figure] = []
    started = time.monotonic()
    for name in wanted:
        module = importlib.import_module(f"bench_{name}")
        began = time.monotonic()
        print(f"· {name} …", file=sys.stderr, flush=True)
        got = await module.measure(args.quick)
        print(f"  {name}: {len(got)} figures in {time.monotonic() - began:.0f} s",
              file=sys.stderr, flush=True)
        figures += got
    seconds = time.monotonic() - started
    print(table(figures))
    print(f"\n{len(figures)} figures in {seconds:.0f} s; "
          f"targets met: {sum(1 for f in figures if f.met)}/"
          f"{sum(1 for f in figures if f.met is not None)}")
    write_json(args.json, figures, seconds)
    print(f"written: {args.json}")


if __name__ == "__main__":
    asyncio.run(main())
