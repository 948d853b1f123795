"""Shared test helpers: build plans, render them, read DOCX files back as a user sees them."""

from __future__ import annotations

import copy
import difflib
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from kehoach.commands.import_plan import run_import
from kehoach.plan.model import Plan
from kehoach.render import compiled, docx, docx_bytes, kinds
from kehoach.render.footnotes import Footnotes, with_notes

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan.yaml"
LAO_CAI = ROOT / "examples" / "lao-cai-khoang-san.yaml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The default templates, shipped inside the package (the only copy in the repo).
TEMPLATES = ROOT / "src" / "kehoach" / "render" / "templates"
#: The reference plan's units, in plan order.
REFERENCE_UNITS = [
    "mttq",
    "van-hoa-xa-hoi",
    "trung-tam-su-nghiep-cong",
    "van-phong",
    "kinh-te-ha-tang",
    "cong-an-phuong",
    "truong-hoc",
    "to-dan-pho",
]

MINIMAL: dict[str, Any] = {
    "issuer": {
        "name": ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN DƯƠNG"],
        "abbr": "UBND",
        "full_name": "Ủy ban nhân dân phường An Dương",
        "drafting_unit": "VHXH",
    },
    "document": {
        "type": "KH",
        "number": 7,
        "place": "An Dương",
        "date": "2025-01-05",
        "subject": "Thử nghiệm",
    },
    "sections": [{"title": "Mục đích", "items": ["Một.", "Hai."]}],
    "closing": "Kết thúc./.",
    "recipients": ["Công an phường"],
    "signer": {
        "authority": "KT.",
        "authority_title": "Chủ tịch",
        "title": "Phó Chủ tịch",
        "name": "Nguyễn Văn A",
    },
}


def make_plan(tmp_path: Path, name: str = "plan.yaml", **overrides: Any) -> Path:
    """Write a small valid plan with top-level keys replaced, return its path."""
    data = copy.deepcopy(MINIMAL)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def blocks(doc: DocxDocument) -> list[Paragraph]:
    """All paragraphs in reading order, table cells included (row by row, left to right)."""
    out: list[Paragraph] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc._body))
        elif child.tag == qn("w:tbl"):
            table = Table(child, doc._body)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(cell.paragraphs)
    return out


def texts(doc: DocxDocument) -> list[str]:
    """Non-empty paragraph texts in reading order."""
    return [p.text for p in blocks(doc) if p.text.strip()]


def find(doc: DocxDocument, text: str) -> Paragraph:
    """The first paragraph whose text is ``text`` (or starts with it)."""
    for p in blocks(doc):
        if p.text == text or p.text.startswith(text):
            return p
    raise AssertionError(f"no paragraph {text!r}")


def _style_chain(paragraph: Paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _defaults(doc_part) -> dict[str, Any]:
    rpr = doc_part.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    size = rpr.find(qn("w:sz"))
    return {"size": int(size.get(qn("w:val"))) / 2 if size is not None else 10.0}


def effective(paragraph: Paragraph, run_index: int | None = None) -> dict[str, Any]:
    """Size (pt), bold and italic a run really has: run, then style chain, then defaults."""
    runs = [r for r in paragraph.runs if r.text]
    run = runs[run_index] if run_index is not None else runs[0]
    out: dict[str, Any] = {
        "size": run.font.size.pt if run.font.size else None,
        "bold": run.font.bold,
        "italic": run.font.italic,
    }
    for style in _style_chain(paragraph):
        if out["size"] is None and style.font.size is not None:
            out["size"] = style.font.size.pt
        if out["bold"] is None and style.font.bold is not None:
            out["bold"] = style.font.bold
        if out["italic"] is None and style.font.italic is not None:
            out["italic"] = style.font.italic
    if out["size"] is None:
        out["size"] = _defaults(paragraph.part)["size"]
    out["bold"] = bool(out["bold"])
    out["italic"] = bool(out["italic"])
    return out


def paragraph_format(paragraph: Paragraph, name: str) -> Any:
    """A paragraph-format value (alignment, indents, spacing) after style inheritance."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


_MARKER = re.compile(r"^([IVXL]+\.|\d+\.|[a-zđ]\)|[-+•])$")


def words(text: str) -> list[str]:
    """Words of a text with numbering and bullet markers dropped."""
    return [w for w in text.split() if not _MARKER.match(w)]


def open_docx(path: Path) -> DocxDocument:
    """python-docx's view of a rendered file."""
    return Document(str(path))


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` as a test user, ignoring the machine's own git configuration."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    done = subprocess.run([*command, *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout


def fuzz_scale() -> int:
    """How many times the usual examples a property tries: KEHOACH_FUZZ_SCALE (a deep, nightly-style run).

    A value that is not a whole number of at least 1 stops the run, rather than fuzzing as usual
    while the caller believes the run was deep.
    """
    raw = os.environ.get("KEHOACH_FUZZ_SCALE", "").strip() or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise pytest.UsageError(f"KEHOACH_FUZZ_SCALE must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def docxtpl_reference(template: Path, view: Any, plan: Plan, title: str) -> bytes:
    """A document made the way docxtpl documents it (open, render, save): what the fast path must equal."""
    tpl = DocxTemplate(template)
    styles = compiled.compiled(template).table_styles
    notes = Footnotes()
    tpl.render(kinds.docx_context(view, plan, styles, notes), docx.jinja_env())
    docx.finish(tpl.docx, plan, title, landscape=kinds.orientations(view))
    entries = docx_bytes.members(docx_bytes.docx_bytes(tpl.docx))
    return docx_bytes.zip_entries(with_notes(entries, notes.texts))


def converted(soffice: str, source: Path, out: Path, to: str) -> Path:
    """``source`` converted by LibreOffice into ``out`` (``to``: "pdf", "docx"), with a profile of
    its own there: a profile per call keeps parallel workers (pytest-xdist) from sharing
    LibreOffice's lock."""
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{out.resolve() / 'profile'}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    made = out / f"{source.stem}.{to}"
    assert made.is_file(), f"LibreOffice wrote no {to.upper()}"
    return made


def to_pdf(soffice: str, docx_path: Path, out: Path) -> Path:
    """``docx_path`` converted by LibreOffice into ``out``."""
    return converted(soffice, docx_path, out, "pdf")


def reads_as(source: str, rendered: str) -> float:
    """Word similarity of a rendered plan's text to its source's, the source's words as a reader
    counts them: extraction notes ("# …"), table rules ("|", " ⏎ ") and emphasis stars left out."""
    lines = [line for line in source.splitlines() if not line.startswith("#")]
    words = [w for w in " ".join(lines).replace("*", "").split() if w.strip("|/⏎")]
    return difflib.SequenceMatcher(None, words, rendered.split(), autojunk=False).ratio()


def imported_text(tmp_path: Path, text: str) -> Path:
    """The plan.yaml ``kehoach import`` makes of a plan typed as ``text`` (ke-hoach.txt)."""
    source = tmp_path / "ke-hoach.txt"
    source.write_text(text, encoding="utf-8")
    run_import(source, tmp_path / "plan.yaml")
    return tmp_path / "plan.yaml"
