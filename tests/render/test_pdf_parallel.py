"""PDFs in parallel: one LibreOffice process per core, each on its own profile, every document
converted exactly once, and a failure in one process leaves nothing half made.

Most tests put a stand-in ``soffice`` first on PATH: a script that converts the way
LibreOffice is called (profile, ``--outdir``, file names), records each call and can be
told to fail, hang or check that the calls really run at the same time. The last tests
use the real LibreOffice.
"""

from __future__ import annotations

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pypdf import PdfReader
from typer.testing import CliRunner

from helpers import PLAN
from kehoach.cli.app import app
from kehoach.commands.textconv import text_of
from kehoach.publish import commit
from kehoach.publish.pipeline import run_render
from kehoach.render import pdf
from kehoach.text.errors import KehoachError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a POSIX script")

runner = CliRunner()

#: The stand-in: converts ``in/x.docx`` into ``<outdir>/x.pdf`` as "%PDF-fake " + the DOCX's bytes.
FAKE_SOFFICE = r"""
import json, os, subprocess, sys, time, urllib.parse, urllib.request
from pathlib import Path

args = sys.argv[1:]
profile = Path(urllib.request.url2pathname(urllib.parse.urlparse(
    next(a for a in args if a.startswith("-env:UserInstallation=")).split("=", 1)[1]).path))
outdir = Path(args[args.index("--outdir") + 1])
files = args[args.index("--outdir") + 2:]
shared = Path(os.environ["FAKE_SOFFICE_DIR"])
(shared / f"running-{os.getpid()}").touch()
running = len(list(shared.glob("running-*")))
record = {"pid": os.getpid(), "profile": str(profile), "files": [os.path.abspath(f) for f in files],
          "running": running, "args": args}
with open(shared / "calls.jsonl", "a") as log:
    log.write(json.dumps(record) + "\n")
profile.mkdir(parents=True, exist_ok=True)
try:
    (profile / "in-use").open("x").close()
except FileExistsError:
    sys.exit("profile in use by another soffice")
together = int(os.environ.get("FAKE_SOFFICE_TOGETHER", "0"))
(shared / f"started-{os.getpid()}").touch()
waited = time.monotonic()
while len(list(shared.glob("started-*"))) < together:
    if time.monotonic() - waited > 30:
        sys.exit("the other soffice calls never ran at the same time")
    time.sleep(0.01)
if os.environ.get("FAKE_SOFFICE_HANG") == profile.name:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    (shared / "child").write_text(str(child.pid))
    child.wait()
if os.environ.get("FAKE_SOFFICE_FAIL") == profile.name:
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(1)
outdir.mkdir(exist_ok=True)
for name in files:
    if name.endswith(os.environ.get("FAKE_SOFFICE_SKIP", "\0")):
        continue
    (outdir / (Path(name).stem + ".pdf")).write_bytes(b"%PDF-fake " + Path(name).read_bytes())
(profile / "in-use").unlink()
(shared / f"running-{os.getpid()}").unlink()
"""


class Fake:
    """The stand-in soffice's calls, and the folder the run's temporary files go to."""

    def __init__(self, shared: Path, temp: Path) -> None:
        self.shared, self.temp = shared, temp

    def calls(self) -> list[dict]:
        log = self.shared / "calls.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def converted(self) -> list[str]:
        """Every file name given to a call, as many times as it was given."""
        return [Path(f).name for call in self.calls() for f in call["files"]]


@pytest.fixture
def fake(tmp_path, monkeypatch) -> Fake:
    """The stand-in soffice first on PATH, temporary folders in ``tmp_path/tmp``."""
    bin_dir, shared, temp = tmp_path / "bin", tmp_path / "calls", tmp_path / "tmp"
    for folder in (bin_dir, shared, temp):
        folder.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f"#!{sys.executable}\n{FAKE_SOFFICE}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_DIR", str(shared))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    return Fake(shared, temp)


def with_cores(monkeypatch, count: int) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(count)), raising=False)


def documents(folder: Path, count: int) -> list[Path]:
    """``count`` stand-in DOCX files of different sizes and contents, some with the same name."""
    made = []
    for i in range(count):
        path = folder / ("giao-viec" if i % 2 else "checklist") / f"unit-{i // 2}.docx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"document {i} ".encode() * (10 + 7 * i))
        made.append(path)
    return made


# --- one process per core, each with its own profile ------------------------------------------


@pytest.mark.parametrize("cores", [1, 2, 3, 4])
def test_one_soffice_per_core_at_the_same_time(tmp_path, fake, monkeypatch, cores):
    with_cores(monkeypatch, cores)
    monkeypatch.setenv("FAKE_SOFFICE_TOGETHER", str(cores))  # each call waits until all have started
    docs = documents(tmp_path / "docs", 17)
    converted = pdf.convert(docs)
    calls = fake.calls()
    assert len(calls) == cores
    assert len({call["profile"] for call in calls}) == cores
    assert max(call["running"] for call in calls) <= cores
    assert converted == {d: b"%PDF-fake " + d.read_bytes() for d in docs}


def test_a_few_documents_do_not_start_a_libreoffice_per_core(tmp_path, fake, monkeypatch):
    """Starting LibreOffice costs about six documents' time: a few documents share one process."""
    with_cores(monkeypatch, 8)
    docs = documents(tmp_path / "docs", 9)
    converted = pdf.convert(docs)
    assert len(fake.calls()) == 9 // pdf.MIN_PER_CALL == 2
    assert converted == {d: b"%PDF-fake " + d.read_bytes() for d in docs}


def test_every_document_is_converted_exactly_once(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    docs = documents(tmp_path / "docs", 17)
    pdf.convert(docs)
    given = fake.converted()
    assert len(given) == 17 and len(set(given)) == 17


def test_batches_are_balanced_by_size(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    docs = documents(tmp_path / "docs", 17)
    pdf.convert(docs)
    by_index = {f"{i:05d}.docx": d.stat().st_size for i, d in enumerate(docs)}
    totals = sorted(sum(by_index[Path(f).name] for f in call["files"]) for call in fake.calls())
    assert totals[1] - totals[0] <= max(by_index.values())


def test_the_plan_goes_alone_beside_many_letters():
    """One large document and many small ones: the large one is not added to a full batch."""
    assert pdf.batches([1000, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100], 2) == [[0], list(range(1, 11))]
    assert pdf.batches([5, 5], 4) == [[0], [1]]


def test_no_call_is_given_more_than_max_per_call(tmp_path, fake, monkeypatch):
    """soffice stops converting silently past ~247 file names: large batches are split, still one per core at a time."""
    with_cores(monkeypatch, 2)
    monkeypatch.setattr(pdf, "MAX_PER_CALL", 4)
    docs = documents(tmp_path / "docs", 23)
    converted = pdf.convert(docs)
    calls = fake.calls()
    assert all(len(call["files"]) <= 4 for call in calls)
    assert len(calls) == 6 and max(call["running"] for call in calls) <= 2
    assert len({call["profile"] for call in calls}) == 2  # a core's profile serves its calls one after another
    assert sorted(fake.converted()) == sorted(f"{i:05d}.docx" for i in range(23))
    assert converted == {d: b"%PDF-fake " + d.read_bytes() for d in docs}


def test_the_profiles_are_temporary(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    pdf.convert(documents(tmp_path / "docs", 5))
    assert all(not Path(call["profile"]).exists() for call in fake.calls())
    assert list(fake.temp.iterdir()) == []


# --- a failure in one process ------------------------------------------------------------------


def alive(pid: int) -> bool:
    """Whether a process runs (a zombie waiting for its parent's wait does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_failed_call_stops_the_others_and_leaves_nothing(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    monkeypatch.setenv("FAKE_SOFFICE_TOGETHER", "2")
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "profile-0")
    monkeypatch.setenv("FAKE_SOFFICE_HANG", "profile-1")  # would run for two minutes, with a child of its own
    start = time.monotonic()
    with pytest.raises(KehoachError) as failed:
        pdf.convert(documents(tmp_path / "docs", 9))
    assert time.monotonic() - start < 60
    assert failed.value.code == "pdf.failed"
    assert "status 1" in failed.value.args_["detail"] and "could not be loaded" in failed.value.args_["detail"]
    # the hanging call may be stopped before it starts its child (a loaded machine): then there
    # is no child to look for
    child = fake.shared / "child"
    pids = [call["pid"] for call in fake.calls()] + ([int(child.read_text())] if child.exists() else [])
    deadline = time.monotonic() + 10
    while any(map(alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, pids))
    assert list(fake.temp.iterdir()) == []


def test_a_call_that_never_ends_is_stopped(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 1)
    monkeypatch.setattr(pdf, "SECONDS_TO_START", 3)
    monkeypatch.setattr(pdf, "SECONDS_PER_DOCUMENT", 0)
    monkeypatch.setenv("FAKE_SOFFICE_HANG", "profile-0")
    with pytest.raises(KehoachError) as failed:
        pdf.convert(documents(tmp_path / "docs", 4))
    assert failed.value.args_["detail"] == "soffice gave no answer within 3 s"
    # on a loaded machine the call may be stopped before it starts its child: then there is none
    child = fake.shared / "child"
    pid = int(child.read_text()) if child.exists() else None
    deadline = time.monotonic() + 10
    while pid is not None and alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid is None or not alive(pid)
    assert list(fake.temp.iterdir()) == []


def test_a_document_soffice_silently_skipped_is_reported(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    monkeypatch.setenv("FAKE_SOFFICE_SKIP", "00003.docx")
    docs = documents(tmp_path / "docs", 6)
    with pytest.raises(KehoachError) as failed:
        pdf.convert(docs)
    assert failed.value.args_["detail"] == f"no PDF for {docs[3].name}"


# --- through render --pdf ----------------------------------------------------------------------


def pdfs_match_docx(out: Path) -> bool:
    """Every PDF in ``out`` is the stand-in's PDF of the DOCX beside it, as that DOCX is now."""
    return all(p.read_bytes() == b"%PDF-fake " + p.with_suffix(".docx").read_bytes() for p in out.rglob("*.pdf"))


def test_render_pdf_spreads_the_reference_plan_over_the_cores(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    out = tmp_path / "out"
    run_render(PLAN, out, pdf=True)
    assert len(fake.calls()) == 2 and len(fake.converted()) == 17
    assert len(list(out.rglob("*.pdf"))) == 17 and pdfs_match_docx(out)


def test_render_pdf_failing_in_one_process_commits_the_docx_without_old_pdfs(tmp_path, fake, monkeypatch):
    with_cores(monkeypatch, 2)
    out, plan = tmp_path / "out", tmp_path / "plan.yaml"
    shutil.copyfile(PLAN, plan)
    run_render(plan, out, pdf=True)
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["document"]["subject"] += " (sửa đổi)"  # every document names the plan: all change
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    monkeypatch.setenv("FAKE_SOFFICE_FAIL", "profile-1")
    result = runner.invoke(app, ["render", str(plan), "-o", str(out), "--pdf"])
    assert result.exit_code == 1, result.output
    assert "status 1" in " ".join(result.output.split())
    assert "sửa đổi" in text_of(out / "ke-hoach-15-KH-UBND.docx")
    assert list(out.rglob("*.pdf")) == []  # the old PDFs went with their DOCX; none half made
    assert commit.stagings(out) == []
    assert list(fake.temp.iterdir()) == []


# --- with LibreOffice --------------------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    """Each page's text (pypdf's reading: three times as fast as pdfplumber's)."""
    return [page.extract_text() for page in PdfReader(path).pages]


def embedded_fonts(path: Path) -> set[str]:
    """The fonts of a PDF whose program is embedded (subset prefixes dropped)."""
    found = set()
    with open(path, "rb") as handle:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(handle))):
            for font in resolve1(resolve1(page.resources).get("Font", {})).values():
                font = resolve1(font)
                descriptor = resolve1(font.get("FontDescriptor"))
                if descriptor is None and "DescendantFonts" in font:
                    descriptor = resolve1(resolve1(resolve1(font["DescendantFonts"])[0]).get("FontDescriptor"))
                if descriptor and any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3")):
                    found.add(str(font.get("BaseFont")).split("+")[-1])
    return found


def word_counts(text: str) -> collections.Counter[str]:
    """Words of a text, page numbers ("Trang 1/2", a lone "2") left out: the PDF has them, the DOCX has fields.

    Hyphens part words: a line of the PDF may end at one.
    """
    text = re.sub(r"Trang \d+/\d+", " ", text)
    return collections.Counter(w for w in re.findall(r"[^\s-]+", text) if not re.fullmatch(r"\d+", w))


@pytest.fixture(scope="module")
def in_parallel(soffice, tmp_path_factory):
    """The reference plan rendered with --pdf by two LibreOffice processes."""
    with pytest.MonkeyPatch.context() as patch:
        with_cores(patch, 2)
        out = tmp_path_factory.mktemp("parallel")
        run_render(PLAN, out, pdf=True)
    return out


def test_render_pdf_with_libreoffice_gives_the_docx_text(in_parallel):
    docx = sorted(in_parallel.rglob("*.docx"))
    assert len(docx) == 17 and sorted(in_parallel.rglob("*.pdf")) == [d.with_suffix(".pdf") for d in docx]
    for document in docx:
        printed = word_counts(" ".join(page_texts(document.with_suffix(".pdf"))))
        written = word_counts(text_of(document))
        assert written - printed == collections.Counter(), document.name  # every word, as often (or more: a
        assert set(printed) == set(written), document.name  # table's header row is repeated on each page)


def test_the_pdfs_are_those_one_plain_soffice_call_makes(in_parallel, soffice, tmp_path):
    """Same pages, text and embedded fonts as before: every document in one soffice call, on a new profile."""
    docx = sorted(in_parallel.rglob("*.docx"))
    (tmp_path / "in").mkdir()
    for i, document in enumerate(docx):
        shutil.copyfile(document, tmp_path / "in" / f"{i:02d}.docx")
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    command = [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path / "out")]
    inputs = sorted(map(str, (tmp_path / "in").iterdir()))
    subprocess.run([*command, *inputs], check=True, capture_output=True, timeout=600)
    for i, document in enumerate(docx):
        alone = tmp_path / "out" / f"{i:02d}.pdf"
        assert page_texts(document.with_suffix(".pdf")) == page_texts(alone), document.name
        assert embedded_fonts(document.with_suffix(".pdf")) == embedded_fonts(alone) != set(), document.name
