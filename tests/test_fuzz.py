"""Property-based tests: random valid plans render faithfully, and no input makes kehoach crash.

The strategies build plans as plain dicts (what a user writes in plan.yaml): Vietnamese text with
every tone mark, XML and Jinja special characters, optional parts left out, up to 50 units. The
properties: what was written comes back out of the DOCX files, the same plan renders to the same
bytes, arbitrary input is either valid or a list of problems (never a traceback, never exit 3), and
a control character is reported on its own line.

The last part keeps the bugs these properties found, each with its minimal reproduction (an
``@example`` or a parameter): fixed ones as regression tests, open ones as ``xfail(strict=True)``,
so that a fix makes the test fail until its mark is removed.

Each test asserts the outcome its name gives: "…renders" means valid, exit 0 and documents that say
what the plan says; "…is_a_problem" means exit 1 with the problem at its line and column; "…or…"
means one of the two, each checked as fully. ``KEHOACH_FUZZ_SCALE=10`` runs every property with ten
times as many examples (a nightly-style deep run; see conftest.py).
"""

from __future__ import annotations

import base64
import contextlib
import copy
import datetime as dt
import io
import itertools
import random
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from docx.document import Document as DocxDocument
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helpers import MINIMAL, fuzz_scale, open_docx, texts
from kehoach.cli.app import main
from kehoach.plan import when
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.text import markup, messages, vn
from kehoach.text.errors import ExitCode, Problem, ProblemsError


def fuzz(max_examples: int) -> settings:
    """``max_examples`` in a usual run, KEHOACH_FUZZ_SCALE times as many in a deep one.

    The rest (no deadline, no example database) is conftest.py's Hypothesis profile, so that a
    deep run is the same test looking further, not a differently configured one.
    """
    return settings(max_examples=max_examples * fuzz_scale())


# --- Text -------------------------------------------------------------------------------------------

#: No tone, sắc, huyền, hỏi, ngã, nặng.
TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"


def _vietnamese_letters() -> str:
    letters = set(CONSONANTS)
    for vowel in VOWELS:
        letters.update(unicodedata.normalize("NFC", vowel + tone) for tone in TONES)
    letters |= {c.upper() for c in letters}
    return "".join(sorted(letters))


LETTERS = _vietnamese_letters()
PUNCTUATION = "0123456789 .,;:!?()-–/…“”‘’&<>\"'{}%#_[]@$=+|~^`\\*"
#: docxtpl's escapes of its own tags, which plan text once lost its "_" in.
DOCXTPL_ESCAPES = ("{_{", "}_}", "{_%", "%_}")
#: Things that mean something to YAML, XML, Jinja, docxtpl or the inline markup.
SNIPPETS = (
    "{{ 7*7 }}",
    "{% for x in y %}",
    "{%p if x %}",
    "{{r x }}",
    "{%tr endfor %}",
    "{# c #}",
    "<w:p>",
    "</w:t>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#1;",
    "*nghiêng*",
    "**đậm**",
    "\\*",
    "5 * 3",
    "yes",
    "null",
    "~",
    "- a",
    "a: b",
    "#x",
    "&a",
    "*b",
    "!tag",
    "---",
    "...",
    "%YAML",
    "@",
    "`",
    *DOCXTPL_ESCAPES,
)
#: Unusual but legal characters: spaces str.split() collapses, invisible and astral characters,
#: a decomposed tone mark (the loader composes it), a C1 character.
EXOTIC = ("\u00a0", "\u200b", "\u2009", "\t", "\n", "\r\n", "😀", "\u0301", "ß", "\ufeff", "\x9f")


word = st.text(st.sampled_from(LETTERS), min_size=1, max_size=9)
piece = st.one_of(
    word,
    word,
    word,
    st.text(st.sampled_from(PUNCTUATION), min_size=1, max_size=3),
    st.sampled_from(SNIPPETS),
    st.sampled_from(EXOTIC),
)
short_text = st.builds(
    lambda parts, sep: sep.join(parts),
    st.lists(piece, min_size=1, max_size=10),
    st.sampled_from([" ", " ", " ", "", "  ", "\n"]),
).filter(str.split)
long_text = st.builds(lambda t, n: " ".join([t] * n), short_text, st.integers(10, 40))
#: Ready-made texts of the same kind: one costs Hypothesis a single choice, so that a plan with 50 units
#: does not outgrow the data Hypothesis may draw for one example.
CANNED = sorted(
    {
        t
        for t in (
            " ".join(random.Random(n).choices([*LETTERS, *PUNCTUATION, *SNIPPETS, *EXOTIC], k=n % 12 + 1))
            for n in range(200)
        )
        if t.split()
    }
)
CANNED_TEXT = st.sampled_from(CANNED)
#: Short, ready-made or (one in eight) long: hundreds to a few thousand characters.
TEXT = st.integers(0, 7).flatmap(lambda n: short_text if n < 3 else CANNED_TEXT if n < 7 else long_text)


def clean(text: str) -> str:
    """A text value as the model keeps it: composed (NFC) and with its whitespace collapsed."""
    return " ".join(vn.nfc(text).split())


def shown(text: str) -> str:
    """A text value as a reader sees it in the DOCX: clean, emphasis markers gone."""
    return markup.plain(clean(text))


# --- Ids and points in time -------------------------------------------------------------------------

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
SLUG = st.one_of(
    st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True),
    st.from_regex(r"[a-z0-9]{55,60}", fullmatch=True),
    st.sampled_from(["con-1", "com10", "lpt", "nul0", "a", "0"]),
).filter(lambda s: len(s) <= 60 and s not in RESERVED)
LOOKS_LIKE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

#: Keys whose string values are not free text (ids, choices), and keys of points in time.
NOT_TEXT = {"id", "phase", "type", "number", "authority", "show", "title_style", "relation", "connector"}
TIME = {"start", "end", "deadline"}
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
YEARS = st.integers(2000, 2040)
ROMAN = ("I", "II", "III", "IV")


def _is_event(text: str) -> bool:
    """True when when.py reads ``text`` as an event (not a date, and not an impossible one)."""
    try:
        return when.parse(text)["kind"] == "event"
    except ValueError:
        return False


EVENT = short_text.filter(_is_event)
NOW_OR_RECURRING = ["nay", "từ nay", "Từ nay", "Hằng năm", "hàng tháng", "Thường xuyên", "Định kỳ hằng quý"]
WHEN_TEXT = st.one_of(
    st.sampled_from(NOW_OR_RECURRING),
    st.builds(lambda d, p: f"{p}{d.day}/{d.month}/{d.year}", DATES, st.sampled_from(["", "ngày ", "Trước "])),
    st.builds(lambda d: d.isoformat(), DATES),
    st.builds(lambda m, y, p: f"{p}tháng {m}/{y}", st.integers(1, 12), YEARS, st.sampled_from(["", "Xong "])),
    st.builds(lambda q, y: f"Quý {q}/{y}", st.sampled_from(ROMAN), YEARS),
    st.builds(lambda q, y: f"quý {q}/{y}", st.integers(1, 4), YEARS),
    st.builds(lambda y, p: f"{p}năm {y}", YEARS, st.sampled_from(["", "Trong "])),
    EVENT,
)
WHEN_VALUE = st.one_of(
    WHEN_TEXT,
    WHEN_TEXT,
    DATES,
    YEARS,
    st.fixed_dictionaries({"event": EVENT}, optional={"expected": DATES}),
    st.fixed_dictionaries({"quarter": st.integers(1, 4), "year": YEARS}),
    st.fixed_dictionaries({"month": st.integers(1, 12), "year": YEARS}),
    st.fixed_dictionaries({"year": YEARS}),
)


def optional(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A dict holding any subset of ``fields``."""
    return st.fixed_dictionaries({}, optional=fields)


def _with_required(required: dict[str, st.SearchStrategy[Any]], **fields: st.SearchStrategy[Any]):
    return st.fixed_dictionaries(required, optional=fields)


# --- Plan parts -------------------------------------------------------------------------------------

BULLET = st.recursive(
    TEXT,
    lambda children: _with_required({"text": TEXT}, bullets=st.lists(children, max_size=3)),
    max_leaves=5,
)
BULLETS = st.lists(BULLET, max_size=3)
ITEM = st.recursive(
    TEXT,
    lambda children: optional(
        title=TEXT,
        text=TEXT,
        title_style=st.sampled_from(["bold", "italic", "bold-italic", "plain"]),
        paragraphs=st.lists(TEXT, max_size=2),
        items=st.lists(children, max_size=3),
        bullets=BULLETS,
    ).filter(lambda d: "title" in d or "text" in d),
    max_leaves=6,
)
ITEMS = st.lists(ITEM, max_size=4)
SECTION = _with_required(
    {"title": TEXT},
    paragraphs=st.lists(TEXT, max_size=2),
    items=ITEMS,
    bullets=BULLETS,
    closing=st.lists(TEXT, max_size=2),
)
PHASE = _with_required(
    {"name": TEXT, "start": WHEN_VALUE},
    id=SLUG,
    end=WHEN_VALUE,
    connector=st.sampled_from(["đến", "và"]),
    description=TEXT,
    paragraphs=st.lists(TEXT, max_size=2),
    items=ITEMS,
    bullets=BULLETS,
)
LINES = st.one_of(TEXT, st.lists(TEXT, max_size=3))
#: Short and without spaces (so the symbol "15/KH-UBND" can be written), or any text of up to 20
#: characters, the model's limit (a longer one would make the file name too long to write).
ABBR = st.one_of(
    st.text(st.sampled_from(LETTERS.upper() + "0123456789&.-"), min_size=1, max_size=8),
    TEXT.filter(lambda t: len(clean(t)) <= 20),
)
ISSUER = _with_required(
    {
        "name": st.one_of(TEXT, st.lists(TEXT, min_size=1, max_size=3)),
        "abbr": ABBR,
        "full_name": TEXT,
        "drafting_unit": TEXT.filter(lambda t: len(clean(t)) <= 20),
    },
    parent=LINES,
    short_name=TEXT,
)
MARGINS = optional(
    top=st.floats(20, 25),
    bottom=st.integers(20, 25),
    left=st.floats(30, 35),
    right=st.floats(15, 20),
)
PAGE = optional(margins=MARGINS, font_size=st.sampled_from([13, 13.5, 14]))
SIGNER = st.one_of(
    _with_required({"name": TEXT}, on_behalf=TEXT, title=TEXT),
    _with_required(
        {"name": TEXT, "authority": st.sampled_from(vn.AUTHORITIES), "authority_title": TEXT},
        on_behalf=TEXT,
        title=TEXT,
    ),
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """document: numbered or a draft (no number), dated or with only a year (or both)."""
    doc: dict[str, Any] = {"place": draw(TEXT), "subject": draw(TEXT)}
    if draw(st.booleans()):
        doc["type"] = draw(st.sampled_from(sorted(vn.DOCUMENT_TYPES)))
    if draw(st.booleans()):
        doc["number"] = draw(st.integers(1, 99_999))
    dated = draw(st.sampled_from(["date", "year", "both"]))
    if dated != "year":
        doc["date"] = draw(DATES)
    if dated != "date":
        doc["year"] = draw(YEARS)
    return doc


def _symbol_number(draw: st.DrawFn, plan: dict[str, Any]) -> None:
    """Sometimes write the number as the symbol "15/KH-UBND" (its groups must match the plan)."""
    doc, abbr = plan["document"], clean(plan["issuer"]["abbr"])
    if "number" in doc and re.fullmatch(r"[^\s/]+", abbr) and draw(st.booleans()):
        doc["number"] = f"{doc['number']}/{doc.get('type', 'KH')}-{abbr}"


def phase_key(phase: dict[str, Any]) -> str:
    return phase.get("id") or vn.slug(clean(phase["name"]))


def _unique_phase_keys(phases: list[dict[str, Any]]) -> None:
    """Give a phase an id where its key would repeat another's."""
    used: set[str] = set()
    for i, phase in enumerate(phases):
        key = phase_key(phase)
        if not key or key in used:
            n = 0
            while f"dot-{i}-{n}" in used:
                n += 1
            phase["id"] = key = f"dot-{i}-{n}"
        used.add(key)


def _when(value: Any) -> when.When:
    return when.When.model_validate(value)


def _phase_start(phase: dict[str, Any], doc: dict[str, Any]) -> dt.date | None:
    start = _when(phase["start"])
    return doc.get("date") if start.kind == "now" else start.first


def _fit_phases(phases: list[dict[str, Any]], doc: dict[str, Any]) -> None:
    """Drop ends that fall before their start or after the next phase's start (errors by design)."""
    for phase in phases:
        first, last = _phase_start(phase, doc), _when(phase.get("end", "nay")).last
        if first and last and last < first:
            del phase["end"]
    for before, phase in itertools.pairwise(phases):
        last, first = _when(before.get("end", "nay")).last, _when(phase["start"]).first
        if last and first and first <= last:
            del before["end"]


def _fit_deadlines(units: list[dict[str, Any]], phases: list[dict[str, Any]], doc: dict[str, Any]) -> None:
    """Drop a deadline outside the phase its task belongs to, or before the issue date (errors by design)."""
    by_key = {phase_key(p): p for p in phases}
    _drop_past((t for unit in units for t in unit["tasks"] if isinstance(t, dict)), _issued(doc))
    for task in (t for unit in units for t in unit["tasks"] if isinstance(t, dict)):
        if "phase" not in task or "deadline" not in task:
            continue
        phase = by_key[task["phase"]]
        first, last = _phase_start(phase, doc), _when(phase.get("end", "nay")).last
        due = _when(task["deadline"]).last
        if due and ((last and due > last) or (first and due < first)):
            del task["deadline"]


def _issued(doc: dict[str, Any]) -> dt.date | None:
    """The issue date (a draft has none)."""
    return _when(doc["date"]).last if "date" in doc else None


def _drop_past(tasks: Iterable[dict[str, Any]], issued: dt.date | None) -> None:
    """Drop a dated deadline that has passed on the issue date (an error by design)."""
    for task in tasks:
        due = _when(task["deadline"]).last if "deadline" in task else None
        if due and issued and due < issued:
            del task["deadline"]


def references(unit_ids: list[str]) -> st.SearchStrategy[list[str]]:
    """Lead or partner units: ids of the plan's units, or names of units outside it."""
    outside = TEXT.filter(lambda t: not LOOKS_LIKE_ID.match(clean(t)))
    ref = st.one_of(st.sampled_from(unit_ids), outside) if unit_ids else outside
    return st.lists(ref, max_size=3)


def tasks(phase_keys: list[str], unit_ids: list[str]) -> st.SearchStrategy[Any]:
    fields: dict[str, st.SearchStrategy[Any]] = {
        "bullets": BULLETS,
        "deadline": WHEN_VALUE,
        "with": references(unit_ids),
    }
    if phase_keys:
        fields["phase"] = st.sampled_from(phase_keys)
    return st.one_of(TEXT, _with_required({"text": TEXT}, **fields))


def key_tasks(unit_ids: list[str]) -> st.SearchStrategy[list[dict[str, Any]]]:
    task = _with_required(
        {"text": TEXT, "lead": references(unit_ids).filter(bool)},
        deadline=WHEN_VALUE,
        note=TEXT,
        **{"with": references(unit_ids)},
    )
    return st.lists(task, max_size=3)


UNIT = _with_required(
    {"id": SLUG, "name": TEXT},
    relation=st.sampled_from(["giao", "đề nghị"]),
)


def _sections(draw: st.DrawFn, plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Free sections, plus one showing each list the plan has (so its text is in the document)."""
    sections = draw(st.lists(SECTION, min_size=1, max_size=4))
    for show in ("phases", "units", "slogans"):
        if plan.get(show):
            shown_section = draw(SECTION)
            shown_section["show"] = show
            sections.insert(draw(st.integers(0, len(sections))), shown_section)
    return sections


CANNED_BULLETS = st.lists(CANNED_TEXT, max_size=3)
CANNED_TASK = st.one_of(CANNED_TEXT, _with_required({"text": CANNED_TEXT}, bullets=CANNED_BULLETS))


def _bulk_units(draw: st.DrawFn, room: int, taken: set[str]) -> list[dict[str, Any]]:
    """Sometimes many more units (a process pool renders 48 documents or more), cheaply drawn."""
    count = draw(st.one_of(st.just(0), st.integers(0, room), st.integers(room // 2, room)))
    tails = ["", "-to-dan-pho", "-" + "x" * 50]
    units = []
    for i in range(count):
        unit_id = f"bulk-{i}{draw(st.sampled_from(tails))}"[:60]
        if unit_id in taken:
            continue
        relation = draw(st.sampled_from(["giao", "đề nghị"]))
        unit = {"id": unit_id, "name": draw(CANNED_TEXT), "relation": relation}
        units.append({**unit, "tasks": draw(st.lists(CANNED_TASK, max_size=3))})
    return units


@st.composite
def appendices(draw: st.DrawFn) -> list[dict[str, Any]]:
    """None, the key-task table, or that and an appendix of free text (one table is printed once)."""
    found = draw(st.lists(st.fixed_dictionaries({"title": TEXT}), max_size=2))
    for appendix in found[1:]:
        appendix["body"] = draw(st.lists(TEXT, min_size=1, max_size=2))
    return found


@st.composite
def plans(draw: st.DrawFn, max_units: int = 50) -> dict[str, Any]:
    """A valid plan.yaml as a dict; empty optional parts are left out or empty."""
    plan: dict[str, Any] = {"issuer": draw(ISSUER), "document": draw(documents())}
    plan.update(draw(optional(page=PAGE, basis=LINES, intro=LINES, closing=TEXT)))
    phases = draw(st.lists(PHASE, max_size=4))
    _unique_phase_keys(phases)
    _fit_phases(phases, plan["document"])
    units = draw(st.lists(UNIT, max_size=min(4, max_units), unique_by=lambda u: u["id"]))
    units += _bulk_units(draw, max_units - len(units), {u["id"] for u in units})
    unit_ids = [u["id"] for u in units]
    for unit in (u for u in units if "tasks" not in u):
        unit["tasks"] = draw(st.lists(tasks([phase_key(p) for p in phases], unit_ids), max_size=4))
    _fit_deadlines(units, phases, plan["document"])
    _symbol_number(draw, plan)
    plan.update(
        phases=phases,
        units=units,
        slogans=draw(st.lists(TEXT, max_size=5)),
        recipients=draw(st.lists(TEXT, max_size=4)),
        key_tasks=draw(key_tasks(unit_ids)),
        appendices=draw(appendices()),
    )
    _drop_past(plan["key_tasks"], _issued(plan["document"]))
    plan["sections"] = _sections(draw, plan)
    plan["signer"] = draw(SIGNER)
    for key in ("phases", "units", "slogans", "recipients", "key_tasks", "appendices"):
        if not plan[key] and draw(st.booleans()):
            del plan[key]
    return plan


def dump(plan: Any) -> str:
    return yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)


def write_plan(folder: Path, plan: Any) -> Path:
    path = folder / "plan.yaml"
    path.write_text(dump(plan), encoding="utf-8")
    return path


# --- What the documents should say ------------------------------------------------------------------


def task_text(task: Any) -> str:
    return task if isinstance(task, str) else task["text"]


def flat_bullets(bullets: list[Any]) -> Iterator[str]:
    for bullet in bullets:
        if isinstance(bullet, str):
            yield bullet
        else:
            yield bullet["text"]
            yield from flat_bullets(bullet.get("bullets", []))


def task_bullets(task: Any) -> list[str]:
    return [] if isinstance(task, str) else list(flat_bullets(task.get("bullets", [])))


def led_key_tasks(plan: dict[str, Any], unit_id: str) -> list[str]:
    return [k["text"] for k in plan.get("key_tasks", []) if unit_id in [clean(r) for r in k["lead"]]]


def body_texts(part: Any) -> Iterator[str]:
    """Texts of paragraphs, items and bullets (a string, a list, or an item's dict), in order."""
    if isinstance(part, str):
        yield part
    elif isinstance(part, list):
        for child in part:
            yield from body_texts(child)
    elif isinstance(part, dict):
        for key in ("title", "text", "paragraphs", "items", "bullets", "closing"):
            yield from body_texts(part.get(key, []))


def plan_document_texts(plan: dict[str, Any]) -> Iterator[str]:
    """Everything the plan document must show, as a reader sees it.

    Section titles are upper-cased; names (of phases, units, recipients, the signer) are shown as
    written, emphasis markers included; running text loses its markers to emphasis.
    """
    yield shown(plan["document"]["subject"])
    for key in ("basis", "intro", "closing", "slogans"):
        yield from map(shown, body_texts(plan.get(key, [])))
    for section in plan["sections"]:
        yield vn.upper(shown(section["title"]))
        yield from map(shown, body_texts({**section, "title": []}))
    for phase in plan.get("phases", []):
        yield from (clean(phase[k]) for k in ("name", "description") if k in phase)
        yield from map(shown, body_texts({**phase, "title": []}))
    for unit in plan.get("units", []):
        yield clean(unit["name"])
        yield from map(shown, body_texts(unit["tasks"]))
    if plan.get("appendices"):
        yield from (shown(task["text"]) for task in plan.get("key_tasks", []))
    for appendix in plan.get("appendices", []):
        yield from map(shown, appendix.get("body", []))
    yield from (f"- {clean(r).rstrip(';.')};" for r in plan.get("recipients", []))
    yield clean(plan["signer"]["name"])


#: The folders of a unit's documents: its letter and its checklist.
KINDS = ("giao-viec", "checklist")


def check_plan_document(docs: dict[str, Any], plan: dict[str, Any]) -> None:
    (name,) = [n for n in docs if "/" not in n]
    paragraphs = texts(docs[name])
    body = "\n".join(paragraphs)
    assert [t for t in plan_document_texts(plan) if t not in body] == []
    for n, slogan in enumerate(plan.get("slogans", []), 1):
        assert f"{n}. {shown(slogan)}" in paragraphs
    for unit in plan.get("units", []):
        for task in unit["tasks"]:
            assert f"- {shown(task_text(task))}" in paragraphs


def check_letter(docs: dict[str, Any], unit: dict[str, Any]) -> None:
    paragraphs = texts(docs[f"giao-viec/{unit['id']}.docx"])
    body = "\n".join(paragraphs)
    assert f"Kính gửi: {clean(unit['name'])}." in paragraphs
    for n, task in enumerate(unit["tasks"], 1):
        assert f"{n}. {shown(task_text(task))}" in paragraphs
        for bullet in task_bullets(task):
            assert shown(bullet) in body


def check_checklist(docs: dict[str, Any], plan: dict[str, Any], unit: dict[str, Any]) -> None:
    rows = docs[f"checklist/{unit['id']}.docx"].tables[0].rows[1:]
    expected = []
    for task in unit["tasks"]:
        expected += [task_text(task), *task_bullets(task)]
    expected += led_key_tasks(plan, unit["id"])
    assert [r.cells[1].text for r in rows] == [shown(t) for t in expected]


def rendered_documents(out: Path, plan: dict[str, Any]) -> dict[str, DocxDocument]:
    """The documents in ``out``, after checking they are the plan's, each a DOCX saying what the plan says."""
    docs = {p.relative_to(out).as_posix(): open_docx(p) for p in out.rglob("*.docx")}
    ids = [unit["id"] for unit in plan.get("units", [])]
    assert sorted(n for n in docs if "/" in n) == sorted(f"{kind}/{i}.docx" for i in ids for kind in KINDS)
    check_plan_document(docs, plan)
    for unit in plan.get("units", []):
        check_letter(docs, unit)
        check_checklist(docs, plan, unit)
    return docs


# --- 1 and 2: valid plans ---------------------------------------------------------------------------


def _many_units(count: int) -> dict[str, Any]:
    """A plan with ``count`` units, every task with sub-items: a fixed example for the process pool."""
    tasks = [[{"text": CANNED[-i], "bullets": CANNED[i : i + 2]}] for i in range(count)]
    units = [{"id": f"don-vi-{i}", "name": CANNED[i], "tasks": tasks[i]} for i in range(count)]
    sections = [*MINIMAL["sections"], {"title": "Tổ chức thực hiện", "show": "units"}]
    return {**copy.deepcopy(MINIMAL), "units": units, "sections": sections}


@pytest.mark.slow  # 25 s: CI runs it with the other slow checks (pytest -m slow)
@fuzz(60)
@example(plan=_many_units(50))
@given(plan=plans())
def test_valid_plan_renders_what_it_says(plan):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out"
        run_render(write_plan(folder, plan), out)
        rendered_documents(out, plan)


def _documents(out: Path) -> dict[str, bytes]:
    """The DOCX files of a render (the manifest beside them records file times, so it differs)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


@fuzz(30)
@example(plan=_many_units(30))
@given(plan=plans(max_units=30))
def test_same_plan_renders_to_same_bytes(plan):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_plan(folder, plan)
        run_render(path, folder / "one")
        run_render(path, folder / "two")
        one, two = _documents(folder / "one"), _documents(folder / "two")
        assert one.keys() == two.keys()
        assert [name for name in one if one[name] != two[name]] == []


# --- 3: any input is valid or a list of problems ----------------------------------------------------


def run_cli(*args: str) -> tuple[int, str]:
    """Run ``kehoach *args --lang vi`` in-process: its exit code and everything it printed."""
    out, err = io.StringIO(), io.StringIO()
    code: Any = 0
    with (
        mock.patch.object(sys, "argv", ["kehoach", *args, "--lang", "vi"]),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            main()
        except SystemExit as exc:
            code = exc.code
    return (0 if code is None else int(code)), out.getvalue() + err.getvalue()


def problems_of(path: Path) -> list[Problem]:
    """What the validator finds in the file; none when it is valid."""
    try:
        load_plan(path)
    except ProblemsError as exc:
        assert exc.problems, "a ProblemsError that lists no problem"
        return exc.problems
    return []


def assert_listed(problems: list[Problem], printed: str) -> None:
    """The user saw every problem with its place, and the sentence counting them."""
    assert problems, printed
    assert [p.where for p in problems if f"{p.where}: " not in printed] == [], printed
    summary = messages.text("plan.invalid", "vi", count=len(problems))
    assert " ".join(summary.split()) in " ".join(printed.split()), printed
    assert "Traceback" not in printed


def assert_valid_or_problems(raw: bytes) -> None:
    """``kehoach validate`` says "valid" (exit 0) or lists the file's problems (exit 1); nothing else."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_bytes(raw)
        problems = problems_of(path)
        code, printed = run_cli("validate", str(path))
    if problems:
        assert code == ExitCode.PROBLEMS, printed
        assert_listed(problems, printed)
    else:
        assert code == ExitCode.OK, printed
        assert messages.text("plan.valid", "vi") in printed
        assert "Traceback" not in printed


def assert_problems(raw: bytes) -> list[Problem]:
    """``kehoach validate`` exits 1 listing the file's problems, the first at a line and column."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_bytes(raw)
        problems = problems_of(path)
        code, printed = run_cli("validate", str(path))
    assert code == ExitCode.PROBLEMS, printed
    assert_listed(problems, printed)
    assert problems[0].line >= 1 and problems[0].column >= 1, problems[0]
    return problems


YAML_TOKENS = st.sampled_from(
    [
        *["\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ", ", "&a ", "*a", "!!str ", "!!int ", "!x "],
        *["'", '"', "#", "|", ">", "---", "...", "%YAML 1.1", "\t", "\\", "~", "null", "2025-08-01", ".nan"],
        *["sections", "units", "tasks", "document", "issuer", "signer", "text", "title", "id", "name"],
        *["<<: ", "!!binary ", "!!python/tuple ", "!!set ", "!!omap ", "!!timestamp ", "2025-02-30"],
    ]
)
YAML_TEXT = st.lists(st.one_of(YAML_TOKENS, word, st.text(max_size=4)), max_size=40).map("".join)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    TEXT,
    DATES,
    st.binary(max_size=8),
)
PLAN_KEYS = sorted({*MINIMAL, *MINIMAL["issuer"], *MINIMAL["document"], *MINIMAL["signer"]})
KEYS = st.one_of(st.sampled_from([*PLAN_KEYS, "units", "phases", "items", "tasks", "bullets"]), st.text())
STRUCTURE = st.recursive(
    SCALAR,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=25,
)


@fuzz(150)
@given(raw=st.binary(max_size=300))
def test_random_bytes_are_valid_or_problems(raw):
    assert_valid_or_problems(raw)


@fuzz(150)
@given(text=st.one_of(st.text(max_size=200), YAML_TEXT))
def test_random_text_is_valid_or_problems(text):
    raw = text.encode("utf-8", "surrogatepass")
    assert_valid_or_problems(raw)


@fuzz(150)
@given(data=st.one_of(STRUCTURE, st.dictionaries(KEYS, STRUCTURE, max_size=8)))
def test_random_yaml_is_valid_or_problems(data):
    raw = dump(data).encode()
    assert_valid_or_problems(raw)


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Key paths of every value in a nested dict/list, the root included."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*path, i))


def replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A deep copy of ``data`` with the value at ``path`` replaced."""
    if not path:
        return value
    out = copy.deepcopy(data)
    parent = out
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return out


@fuzz(100)
@given(plan=plans(max_units=5), data=st.data())
def test_plan_with_one_random_value_is_valid_or_problems(plan, data):
    path = data.draw(st.sampled_from(list(_paths(plan))), label="path")
    mutated = replaced(plan, path, data.draw(STRUCTURE, label="value"))
    raw = dump(mutated).encode()
    assert_valid_or_problems(raw)


# --- 4: a control character is reported where it is -------------------------------------------------

CONTROL = st.sampled_from([chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]])
#: Starts the bad value, so the line where it is found is the line where the value starts.
MARKER = "⟦値⟧"


def string_paths(data: Any) -> list[tuple[Any, ...]]:
    return [p for p in _paths(data) if p and isinstance(_at(data, p), str)]


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def yaml_line(text: str, index: int) -> int:
    """1-based line of ``text[index]``, counting line breaks the way YAML 1.1 (and PyYAML) does."""
    return 1 + len(re.findall(r"\r\n|[\r\n\x85\u2028\u2029]", text[:index]))


def bad_value(data: st.DataObject) -> str:
    before, after = data.draw(st.one_of(st.just(""), TEXT)), data.draw(st.one_of(st.just(""), TEXT))
    return f"{MARKER}{before}{data.draw(CONTROL)}{after}"


def first_problem(plan: dict[str, Any]) -> tuple[Any, int]:
    """The first problem kehoach reports for ``plan``, and the line where MARKER is."""
    text = dump(plan)
    assert text.count(MARKER) == 1
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ProblemsError) as caught:
            load_plan(path)
    return caught.value.problems[0], yaml_line(text, text.index(MARKER))


@fuzz(60)
@given(plan=plans(max_units=6), data=st.data())
def test_control_character_is_reported_on_its_line(plan, data):
    paths = [p for p in string_paths(plan) if not set(p) & (NOT_TEXT | TIME)]
    path = data.draw(st.sampled_from(paths), label="path")
    problem, line = first_problem(replaced(plan, path, bad_value(data)))
    assert (problem.code, problem.line) == ("control_character", line)


# --- Bugs found by the properties above: fixed ones as regression tests, open ones strict xfail ------


@fuzz(30)
@given(plan=plans(max_units=3), data=st.data())
def test_control_character_in_a_time_is_reported_on_its_line(plan, data):
    plan.setdefault("phases", []).append({"id": "them", "name": "Đợt thêm", "start": "nay"})
    paths = [p for p in string_paths(plan) if p[-1] in TIME]
    path = data.draw(st.sampled_from(paths), label="path")
    problem, line = first_problem(replaced(plan, path, bad_value(data)))
    assert (problem.code, problem.line) == ("control_character", line)


@pytest.mark.parametrize("place", ["start", "deadline"])
def test_control_character_in_a_time_minimal(place):
    problem, line = first_problem(_plan_with_time(f"{MARKER}\x01nay", place))
    assert (problem.code, problem.line) == ("control_character", line)


@pytest.mark.parametrize("place", ["start", "deadline"])
@pytest.mark.parametrize("key", ["event", "text"])
def test_control_character_in_a_time_mapping_is_reported(key, place):
    time = {"year": 2026, key: f"{MARKER}Đại hội\x01"}
    problem, line = first_problem(_plan_with_time(time, place))
    assert (problem.code, problem.line) == ("control_character", line)


#: A merge key (valid YAML 1.1), an impossible date, an unknown tag: keys PyYAML cannot construct;
#: each with the problem it must be, its line within the snippet and its column.
BAD_KEYS = [
    ("<<: 1\n", "yaml.bad_value", 1, 1),
    ("a:\n  <<: {b: 1}\n", "yaml.bad_value", 2, 3),
    ("2025-02-30: 1\n", "impossible_date", 1, 1),
    ("!!python/object:x y: 1\n", "yaml.bad_value", 1, 1),
]


def problems_after_valid_plan(snippet: str) -> list[tuple[str, int, int]]:
    """Code, line and column of each problem of a valid plan with ``snippet`` added at its end,
    lines counted from the snippet's first (so that the snippet is the only thing wrong)."""
    valid = dump(MINIMAL)
    problems = assert_problems((valid + snippet).encode())
    return [(p.code, p.line - valid.count("\n"), p.column) for p in problems]


@pytest.mark.parametrize(("text", "code", "line", "column"), BAD_KEYS)
def test_yaml_unconstructable_key_is_a_problem(text, code, line, column):
    assert problems_after_valid_plan(text) == [(code, line, column)]


@pytest.mark.parametrize("text", ["a: " + "[" * 800 + "]" * 800, "a: &a [*a]\n", "a: &a {b: *a}\n"])
def test_yaml_deep_or_recursive_is_a_problem(text):
    assert [(code, line) for code, line, _ in problems_after_valid_plan(text)] == [("yaml.too_deep", 1)]


def render_or_problems(plan: dict[str, Any]) -> tuple[dict[str, DocxDocument], list[Problem]]:
    """``kehoach render`` writes the plan's documents, each saying what the plan says (exit 0), or
    lists the plan's problems and leaves no trace, not even out/ (exit 1); nothing else.

    Returns the documents (none when there were problems) and the problems (none when it rendered).
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_plan(folder, plan)
        code, printed = run_cli("render", str(path), "-o", str(folder / "out"))
        problems = problems_of(path)
        if code == ExitCode.PROBLEMS:
            assert_listed(problems, printed)
            assert sorted(p.name for p in folder.iterdir()) == ["plan.yaml"]
            return {}, problems
        assert (code, problems) == (ExitCode.OK, []), printed
        return rendered_documents(folder / "out", plan), []


def assert_renders(plan: dict[str, Any]) -> dict[str, DocxDocument]:
    """The plan is valid and renders (see ``render_or_problems``); its documents."""
    docs, problems = render_or_problems(plan)
    assert problems == []
    return docs


def line_of(plan: dict[str, Any], key_path: str) -> int:
    """The line of ``plan.yaml`` that holds the value at ``key_path`` ("units[0].name"), found by
    writing the plan with a marker there."""
    path = tuple(int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", key_path))
    text = dump(replaced(plan, path, MARKER))
    return yaml_line(text, text.index(MARKER))


def _plan_with_time(value: Any, place: str) -> dict[str, Any]:
    plan = copy.deepcopy(MINIMAL)
    if place == "start":
        plan["phases"] = [{"name": "Đợt 1", "start": value}]
        plan["sections"].append({"title": "Các đợt", "show": "phases"})
    else:
        plan["units"] = [{"id": "a", "name": "Đơn vị A", "tasks": [{"text": "Việc", "deadline": value}]}]
        plan["sections"].append({"title": "Tổ chức thực hiện", "show": "units"})
    return plan


#: What a user may write for the numbers of a time: any number, or any YAML value.
TIME_NUMBER = st.one_of(st.integers(), st.integers(), STRUCTURE)


@fuzz(40)
@example(value={"quarter": 5, "year": 2026}, place="start")
@example(value={"month": 13, "year": 2026}, place="deadline")
@example(value=-5, place="deadline")
@example(value=10**30, place="start")
@example(value={"quarter": [], "year": 2026}, place="deadline")
@given(
    value=st.one_of(
        st.integers(),
        st.fixed_dictionaries({"quarter": TIME_NUMBER, "year": TIME_NUMBER}),
        st.fixed_dictionaries({"month": TIME_NUMBER, "year": TIME_NUMBER}),
        st.fixed_dictionaries({"kind": st.just("quarter"), "quarter": st.integers(), "year": YEARS}),
    ),
    place=st.sampled_from(["start", "deadline"]),
)
def test_any_time_values_render_or_are_problems(value, place):
    plan = _plan_with_time(value, place)
    _, problems = render_or_problems(plan)
    if problems:
        # the time is the plan's last value, from its line to the end; YAML-level problems have no key path
        where = "phases[0].start" if place == "start" else "units[0].tasks[0].deadline"
        assert [p.key_path for p in problems if p.key_path and not p.key_path.startswith(where)] == []
        assert [p.line for p in problems if not line_of(plan, where) <= p.line <= dump(plan).count("\n")] == []


@fuzz(20)
@example(year=10_000)
@given(year=st.integers())
def test_any_draft_year_renders_or_is_a_problem(year):
    document = {k: v for k, v in MINIMAL["document"].items() if k not in ("number", "date")}
    plan = {**copy.deepcopy(MINIMAL), "document": {**document, "year": year}}
    docs, problems = render_or_problems(plan)
    if problems:
        assert [(p.key_path, p.line) for p in problems] == [("document.year", line_of(plan, "document.year"))]
    else:
        date_line = next(t for t in texts(docs["ke-hoach-du-thao-KH-UBND.docx"]) if t.startswith("An Dương, ngày"))
        assert date_line.endswith(f"năm {year}")


@pytest.mark.parametrize("raw", [b"ab\x01cd", b"   ", "Thử nghiệm".encode()])
def test_binary_value_is_a_problem_at_its_place(raw):
    """A !!binary value once reached the documents unchecked (a control character, a blank subject)."""
    subject = f"subject: !!binary {base64.b64encode(raw).decode()}"
    text = dump(MINIMAL).replace("subject: Thử nghiệm", subject)
    problems = assert_problems(text.encode())
    line = text[: text.index(subject)].count("\n") + 1
    assert [(p.code, p.line, p.column, p.args.get("tag")) for p in problems] == [
        ("yaml.bad_value", line, len("  subject: ") + 1, "binary")
    ]


def test_fifty_sections_render_numbered_to_l():
    plan = {**copy.deepcopy(MINIMAL), "sections": [{"title": f"Mục {n}"} for n in range(1, 51)]}
    paragraphs = texts(assert_renders(plan)["ke-hoach-07-KH-UBND.docx"])
    assert [t for t in paragraphs if t.startswith(("XLIX.", "L."))] == ["XLIX. MỤC 49", "L. MỤC 50"]


def test_553_points_render_each_with_its_own_letter():
    plan = copy.deepcopy(MINIMAL)
    plan["sections"] = [{"title": "Mục", "items": [{"title": "Khoản", "items": ["Điểm."] * 553}]}]
    paragraphs = texts(assert_renders(plan)["ke-hoach-07-KH-UBND.docx"])
    labels = [t.removesuffix(" Điểm.") for t in paragraphs if t.endswith(") Điểm.")]
    assert len(labels) == len(set(labels)) == 553
    assert labels[:3] == ["a)", "b)", "c)"]


@pytest.mark.parametrize("field", ["subject", "full_name", "unit_name"])
def test_long_subject_issuer_or_unit_name_renders(field):
    plan = copy.deepcopy(MINIMAL)
    long = " ".join(["Tổ chức tuyên truyền"] * 13)  # 272 characters, a long but real trích yếu
    unit = {"id": "a", "name": long[:220] if field == "unit_name" else "Đơn vị A", "tasks": ["Việc."]}
    plan["units"] = [unit]
    plan["sections"].append({"title": "Tổ chức thực hiện", "show": "units"})
    if field == "subject":
        plan["document"]["subject"] = long
    elif field == "full_name":
        plan["issuer"]["full_name"] = long
    docs = assert_renders(plan)  # the subject and the unit's name are checked there
    letter = " ".join(texts(docs["giao-viec/a.docx"]))
    assert f"{plan['issuer']['full_name']} giao {unit['name']} thực hiện các nhiệm vụ sau:" in letter
    properties = docs["ke-hoach-07-KH-UBND.docx"].core_properties
    # document properties hold at most 255 characters (the OPC limit): a longer text is cut with "…"
    cut = long[:254] + "…"
    assert properties.author == (cut if field == "full_name" else MINIMAL["issuer"]["full_name"])
    assert properties.subject == (cut if field == "subject" else MINIMAL["document"]["subject"])


@fuzz(20)
@example(text="a %_} b")
@given(text=st.builds("{}{}{}".format, short_text, st.sampled_from(DOCXTPL_ESCAPES), short_text))
def test_docxtpl_escapes_are_kept(text):
    plan = {**copy.deepcopy(MINIMAL), "sections": [{"title": "Mục", "items": [text]}]}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        run_render(write_plan(Path(tmp), plan), out)
        (path,) = out.glob("*.docx")
        assert f"1. {shown(text)}" in texts(open_docx(path))


def test_abbreviation_of_20_characters_renders_in_the_symbol():
    plan = copy.deepcopy(MINIMAL)
    plan["issuer"]["abbr"] = "A" * 20
    docs = assert_renders(plan)
    assert f"Số: 07/KH-{'A' * 20}" in texts(docs[f"ke-hoach-07-KH-{'A' * 20}.docx"])


@pytest.mark.parametrize("length", [21, 250])
def test_longer_abbreviation_is_a_problem_at_its_line(length):
    plan = copy.deepcopy(MINIMAL)
    plan["issuer"]["abbr"] = "A" * length
    _, problems = render_or_problems(plan)
    assert [(p.code, p.key_path, p.line, p.column) for p in problems] == [
        ("string_too_long", "issuer.abbr", line_of(plan, "issuer.abbr"), len("  abbr: ") + 1)
    ]
