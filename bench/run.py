"""Benchmark: how fast kehoach renders, measured here and never asserted in unit tests.

For synthetic plans of 10, 100 and 1,000 units (10 tasks each, sentences taken from
the reference plan, 4 phases), built with kehoach's own models, it runs the real
``kehoach render`` command and prints wall time, documents per second, milliseconds
per document, peak memory of the whole process tree, and the time of a second
render with nothing changed. On the same plan it measures two references:

(a) a plain docxtpl loop, what a user would write by hand: load the template,
    render, save, for every document;
(b) the floor: re-zipping the same number of already-rendered documents;

and prints kehoach / (a) and kehoach / (b). Then the start-up figures: the whole
``kehoach render`` of the repo's plan, ``kehoach --help`` and ``kehoach validate``.

Run: ``python bench/run.py`` (``--sizes 10 100`` for a quicker run).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import yaml

from kehoach.render import docx, kinds, names

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan.yaml"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def synthetic_plan(units: int, seed: int = 30) -> dict:
    """A plan of ``units`` units with 10 tasks each, validated by kehoach's own models."""
    from kehoach.plan.model import Plan
    from kehoach.plan.validate import load_plan

    reference = load_plan(PLAN).plan
    sentences = [t.text for u in reference.units for t in u.tasks]
    rng = random.Random(seed)
    data = reference.model_dump(mode="json", by_alias=True, exclude_none=True)
    phases = [p["id"] for p in data["phases"]]
    data["units"] = [
        {
            "id": f"don-vi-{i:04d}",
            "name": f"Trường Trung học cơ sở số {i} phường An Dương",
            "relation": "đề nghị" if i % 7 == 0 else "giao",
            "tasks": [
                {"text": rng.choice(sentences), "phase": phases[j % len(phases)]}
                | ({"bullets": [rng.choice(sentences)[:120]]} if j % 3 == 0 else {})
                for j in range(10)
            ],
        }
        for i in range(units)
    ]
    Plan.model_validate(data)
    return data


class PeakMemory:
    """Samples the memory of a process and its children (Linux /proc).

    It adds up each process's proportional set size (PSS: private pages, plus shared
    ones divided among the processes that share them), so pages a worker shares with
    the parent after ``fork`` are counted once, not once per process as RSS would.
    """

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _tree(self, pid: int) -> list[int]:
        found = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                for child in (task / "children").read_text().split():
                    found += self._tree(int(child))
        except OSError:
            pass
        return found

    def _rss(self, pid: int) -> int:
        for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
            try:
                for line in Path(name).read_text().splitlines():
                    if line.startswith(field):
                        return int(line.split()[1]) * 1024
            except OSError:
                continue
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self.pid)))
            time.sleep(0.02)


def run_kehoach(args: list[str], cwd: Path, memory: bool = False) -> tuple[float, int]:
    """Wall time and, if asked, peak memory (bytes) of one ``kehoach`` command.

    Memory is sampled in a run of its own: reading /proc while kehoach keeps both
    cores busy would slow the run being timed.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "kehoach", *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    if memory:
        with PeakMemory(process.pid) as sampler:
            _, err = process.communicate()
        peak = sampler.peak
    else:
        _, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"kehoach {' '.join(args)} failed: {err.decode()}")
    return time.perf_counter() - start, peak


def docxtpl_loop(plan_path: Path, out: Path) -> float:
    """Reference (a): load the template, render, save, for every document."""
    from docxtpl import DocxTemplate

    from kehoach.plan.validate import load_plan

    plan = load_plan(plan_path).plan
    jobs = [
        (names.find_template(d.template, plan_path.parent), docx.to_context(d.view(plan)), d.name)
        for d in kinds.documents(plan)
    ]
    start = time.perf_counter()
    for template, context, name in jobs:
        tpl = DocxTemplate(template)
        tpl.render(context, docx.jinja_env())
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tpl.save(target)
    return time.perf_counter() - start


def rezip_floor(rendered: Path, out: Path) -> tuple[float, int]:
    """Reference (b): re-zip every rendered document (read its parts, write a new zip)."""
    files = sorted(rendered.rglob("*.docx"))
    start = time.perf_counter()
    for i, path in enumerate(files):
        with (
            zipfile.ZipFile(path) as src,
            zipfile.ZipFile(out / f"{i}.docx", "w", zipfile.ZIP_DEFLATED) as dst,
        ):
            for info in src.infolist():
                dst.writestr(info.filename, src.read(info))
    return time.perf_counter() - start, len(files)


def bench_size(units: int, work: Path) -> dict:
    folder = work / f"plan-{units}"
    folder.mkdir()
    plan_path = folder / "plan.yaml"
    plan_path.write_text(yaml.safe_dump(synthetic_plan(units), allow_unicode=True, sort_keys=False), encoding="utf-8")
    wall, _ = run_kehoach(["render", "plan.yaml", "-o", "out"], folder)
    again, _ = run_kehoach(["render", "plan.yaml", "-o", "out"], folder)
    _, peak = run_kehoach(["render", "plan.yaml", "-o", "memory"], folder, memory=True)
    documents = sum(1 for _ in (folder / "out").rglob("*.docx"))
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    loop = docxtpl_loop(plan_path, folder / "a")
    floor, _ = rezip_floor(folder / "out", folder / "b")
    shutil.rmtree(folder)
    return {
        "units": units,
        "docs": documents,
        "wall": wall,
        "peak": peak,
        "again": again,
        "loop": loop,
        "floor": floor,
    }


def median_wall(args: list[str], repeat: int = 5) -> float:
    return statistics.median(run_kehoach(args, ROOT)[0] for _ in range(repeat))


def print_sizes(rows: list[dict]) -> None:
    head = (
        f"{'units':>6} {'docs':>5} {'wall s':>7} {'docs/s':>7} {'ms/doc':>7} {'PSS MB':>8} "
        f"{'2nd run':>8} {'(a) s':>7} {'k/(a)':>6} {'(b) s':>6} {'k/(b)':>6}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['units']:>6} {r['docs']:>5} {r['wall']:>7.2f} {r['docs'] / r['wall']:>7.0f} "
            f"{1000 * r['wall'] / r['docs']:>7.2f} {r['peak'] / 2**20:>8.0f} "
            f"{100 * r['again'] / r['wall']:>7.0f}% {r['loop']:>7.2f} {r['wall'] / r['loop']:>6.2f} "
            f"{r['floor']:>6.2f} {r['wall'] / r['floor']:>6.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    args = parser.parse_args()
    import docxtpl

    print(f"machine: {cores()} cores, Python {sys.version.split()[0]}, docxtpl {docxtpl.__version__}")
    print("k = kehoach render (whole process, fresh out/); (a) plain docxtpl loop; (b) re-zip floor;")
    print("2nd run = kehoach render again with nothing changed, as % of the first\n")
    with tempfile.TemporaryDirectory() as work:
        rows = [bench_size(n, Path(work)) for n in args.sizes]
    print_sizes(rows)
    with tempfile.TemporaryDirectory() as out:
        print(
            f"\nkehoach render plan.yaml (17 documents), whole process: "
            f"{median_wall(['render', 'plan.yaml', '-o', out + '/fresh'], 1):.3f} s (first run)"
        )
        shutil.rmtree(out + "/fresh")
    print(f"kehoach --help: {median_wall(['--help']):.3f} s (median of 5)")
    print(f"kehoach validate plan.yaml: {median_wall(['validate', 'plan.yaml']):.3f} s (median of 5)")


if __name__ == "__main__":
    main()
