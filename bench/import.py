"""Benchmark: how fast ``kehoach import`` reads a plan (issue #14: a 15-page plan in under a second).

It times the core (:func:`kehoach.commands.import_plan.read`, then the YAML and its
validation, as ``kehoach import -o -`` does them) on the seed plan's OCR text, on the
repo's plan rendered to DOCX (with its letters beside it) and, where LibreOffice is
installed, on that DOCX converted to PDF. Each is run ``--repeat`` times; the median and
the best are printed, with the source's size. Timings are printed, never asserted.

Run: ``python bench/import.py`` (``--repeat 9`` to choose).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kehoach.commands.import_plan import run_import  # noqa: E402
from kehoach.publish.pipeline import run_render  # noqa: E402
from kehoach.render import pdf  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "ke-hoach-15-KH-UBND.txt"


def sources(folder: Path) -> list[tuple[str, Path]]:
    """The seed's OCR text, the repo's plan as DOCX, and as PDF where LibreOffice is found."""
    shutil.copy(ROOT / "plan.yaml", folder / "plan.yaml")
    run_render(folder / "plan.yaml", folder / "out")
    docx = folder / "out" / "ke-hoach-15-KH-UBND.docx"
    found = [("OCR text (seed plan)", SEED), ("DOCX (plan.yaml rendered)", docx)]
    soffice = pdf.find_soffice()
    if soffice is not None:
        command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf"]
        subprocess.run([*command, "--outdir", str(folder / "pdf"), str(docx)], check=True, capture_output=True)
        found.append(("PDF (text layer)", folder / "pdf" / "ke-hoach-15-KH-UBND.pdf"))
    return found


def timed(source: Path, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        run_import(source, None)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = [(label, path, timed(path, args.repeat)) for label, path in sources(folder)]
        print(f"{'source':28} {'KB':>7} {'median s':>9} {'best s':>7}  target < 1 s for 15 pages")
        for label, path, times in rows:
            size = path.stat().st_size / 1024
            print(f"{label:28} {size:7.1f} {statistics.median(times):9.3f} {min(times):7.3f}")


if __name__ == "__main__":
    main()
