"""Benchmark: how long kehoach takes, measured, never asserted in unit tests.

Prints, for the repo's plan.yaml and the Lào Cai example: the whole
``kehoach render`` process (wall time, fresh interpreter), the in-process render
time per document (median of several runs), and ``kehoach --help`` and
``kehoach validate`` start-up times. Run: ``python bench/run.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = [ROOT / "plan.yaml", ROOT / "examples" / "lao-cai-khoang-san.yaml"]
REPEAT = 5


def wall(args: list[str]) -> float:
    """Median wall time of a whole command, in seconds."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(plan: Path) -> float:
    """Median time of render_plan (validate excluded), in milliseconds."""
    from kehoach.render import render_plan
    from kehoach.validate import load_plan

    loaded = load_plan(plan)
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        render_plan(loaded.plan, plan.parent)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    kehoach = [sys.executable, "-m", "kehoach"]
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; median of {REPEAT} runs")
    print(f"{'what':<52}{'time':>12}")
    print(f"{'kehoach --help':<52}{wall([*kehoach, '--help']):>10.3f} s")
    print(f"{'kehoach validate plan.yaml':<52}{wall([*kehoach, 'validate', 'plan.yaml']):>10.3f} s")
    with tempfile.TemporaryDirectory() as out:
        for plan in PLANS:
            rel = plan.relative_to(ROOT)
            took = wall([*kehoach, "render", str(rel), "-o", out])
            print(f"{'kehoach render ' + str(rel) + ' (process)':<52}{took:>10.3f} s")
            print(f"{'  render of the plan document (in process)':<52}{in_process(plan):>9.1f} ms")


if __name__ == "__main__":
    main()
