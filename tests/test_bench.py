"""The benchmark still runs: ``bench/run.py --quick`` is what the README's speed figures come from.

It times nothing here (timings belong to the benchmark, never to unit tests); it checks that a
smoke run ends well and prints its table, its paired ratios and the machine it ran on, so a
change to kehoach's commands or output does not leave the benchmark broken until the next
time someone needs figures. Half a minute on a busy machine, hence ``slow``.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench" / "run.py"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BENCH.is_file(), reason="bench/ is not shipped in the sdist"),
]


@pytest.fixture(scope="module")
def quick() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH), "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


def test_the_quick_run_ends_well_and_prints_its_table(quick):
    assert quick.returncode == 0, quick.stderr
    lines = quick.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split()[:4] == ["units", "docs", "wall", "s"])
    assert [line.split()[:2] for line in lines[header + 1 : header + 3]] == [["10", "21"], ["100", "201"]]


def test_the_quick_run_names_the_machine_and_pairs_its_runs(quick):
    assert re.search(r"^machine: \d+ cores, load average [\d.]+ [\d.]+ [\d.]+", quick.stdout, re.MULTILINE)
    assert re.search(r"render 10 units → 100 +wall .* ≤ 11 [✓✗]", quick.stdout)
    assert re.search(r"validate 100 units → lint +wall .* ≤ 1\.5 [✓✗]", quick.stdout)


def test_distinct_gives_every_task_words_of_its_own():
    """``--distinct``, memory's worst case: no two tasks or sub-items of the plan share a text."""
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)  # a script, not a package
    assert spec is not None and spec.loader is not None
    run = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # its dataclasses look it up
    spec.loader.exec_module(run)
    shared = [t["text"] for u in run.synthetic_plan(20)["units"] for t in u["tasks"]]
    distinct = [t["text"] for u in run.synthetic_plan(20, distinct=True)["units"] for t in u["tasks"]]
    assert len(set(shared)) < len(shared) and len(set(distinct)) == len(distinct) == 200
