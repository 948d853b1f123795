"""Filling Word templates with docxtpl, and finishing the layout of what comes out.

Rendering runs in a Jinja sandbox with StrictUndefined: plan text is only ever
data, and a misspelt variable in a template is an error, not a blank. The web
page (:mod:`kehoach.render.html`) renders in the same sandbox.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from lxml import etree

from kehoach import views
from kehoach.plan.model import Plan
from kehoach.render import docx_bytes, footnotes, internals, layout, tables
from kehoach.text import markup
from kehoach.text.errors import KehoachError
from kehoach.text.markup import Run
from kehoach.views.unit import RowId

#: The longest text or list a template may make by repeating one (``"x" * n``).
MAX_REPEAT = 100 * MAX_RANGE
#: The largest integer power a template may compute, in bits.
MAX_POWER_BITS = 4096


class Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, also refusing arithmetic that would hang or exhaust the machine.

    The sandbox caps ``range()`` at MAX_RANGE items, but ``10**100000000`` would still
    keep a core busy for minutes (even while compiling: Jinja folds constants) and ``"x" * 10**9``
    fill the memory. Intercepted, ``**`` and ``*`` are checked before they run and
    never folded.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, unless the result would be too big to make."""
        if operator == "**" and _huge_power(left, right):
            raise OverflowError(f"power over {MAX_POWER_BITS} bits")
        if operator == "*" and _huge_repeat(left, right):
            raise OverflowError(f"repetition over {MAX_REPEAT} items")
        return super().call_binop(context, operator, left, right)


def _huge_power(left: Any, right: Any) -> bool:
    if not (isinstance(left, int) and isinstance(right, int)) or right <= 0 or abs(left) < 2:
        return False
    return right * abs(left).bit_length() > MAX_POWER_BITS


def _huge_repeat(left: Any, right: Any) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(count, int):
            return len(sequence) * count > MAX_REPEAT
    return False


def jinja_env() -> Sandbox:
    """The environment every template renders in."""
    return Sandbox(undefined=StrictUndefined, autoescape=True)


def to_context(
    value: Any,
    runs: Callable[[tuple[Run, ...]], Any] | None = None,
    tables: Callable[[views.Table], Any] | None = None,
    marks: Callable[[RowId], Any] | None = None,
    anchors: Callable[[str, Any], Any] | None = None,
) -> Any:
    """Plain data for Jinja: dataclasses become dicts, runs become Word runs (or what ``runs``
    makes), tables what ``tables`` makes of them, a checklist row's id what ``marks`` makes
    (else dicts like any view), a paragraph's runs with its anchor what ``anchors`` makes of
    the two (else the runs alone)."""
    return _Plain(runs or rich_text, tables, marks, anchors).value(value)


@dataclass(frozen=True)
class _Plain:
    runs: Callable[[tuple[Run, ...]], Any]
    tables: Callable[[views.Table], Any] | None
    marks: Callable[[RowId], Any] | None = None
    anchors: Callable[[str, Any], Any] | None = None

    def value(self, value: Any) -> Any:
        # exact types first: a province's plan converts millions of values, most of them texts
        kind = type(value)
        if kind in _SCALARS:
            return value
        if kind is list:
            return [self.value(v) for v in value]
        if kind is tuple and value:
            if type(value[0]) is not Run:
                return [self.value(v) for v in value]
            if all(isinstance(v, Run) for v in value):
                return self.runs(value)
        names = _plain_fields(kind)
        if names is not None:
            return {name: self.value(getattr(value, name)) for name in names}
        return self._general(value)

    def _general(self, value: Any) -> Any:
        if isinstance(value, str | int | float | bool) or value is None:
            return value
        if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
            return self.runs(value)
        if self.tables is not None and isinstance(value, views.Table):
            return self.tables(value)
        if self.marks is not None and isinstance(value, RowId):
            return self.marks(value)
        names = _field_names(type(value))
        if names is not None:
            data = {name: self.value(getattr(value, name)) for name in names}
            if isinstance(value, views.Paragraph | views.Table):
                data["text"] = value.text
            if isinstance(value, views.Paragraph) and value.anchor and self.anchors is not None:
                data["runs"] = self.anchors(value.anchor, data["runs"])
            return data
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        return value


def _plain_fields(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass that becomes a plain dict (no table, paragraph nor row id:
    those are made otherwise), found once per class."""
    if cls not in _PLAIN:
        special = issubclass(cls, views.Table | views.Paragraph | RowId)
        _PLAIN[cls] = None if special else _field_names(cls)
    return _PLAIN[cls]


_PLAIN: dict[type, tuple[str, ...] | None] = {}
#: Types :meth:`_Plain.value` gives back as they are (their subclasses, enums, take the general way).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def table_context(table: views.Table, width: int, styles: tables.TableStyles) -> dict[str, Any]:
    """A table as the Word templates place it: ``{{p b.xml }}``, its text beside (``b.text``)."""
    return {"kind": table.kind, "xml": tables.table_xml(table, width, styles), "text": table.text}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names, looked up once per class (a province's plan asks millions of times)."""
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELDS[cls]


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def rich_text(runs: tuple[Run, ...], notes: footnotes.Footnotes | None = None) -> RichText:
    """Word runs with their emphasis (written as docxtpl's ``RichText.add`` writes them), and the references of
    footnotes where ``notes`` collects them (elsewhere, a slogan sheet, they are left out).

    Runs without a footnote to number are written when the template prints them, not kept: a
    province's plan document shows a hundred thousand texts, whose XML, kept beside the view
    that already holds them, was 60 MB of its context. Runs with a footnote are written now,
    so that footnotes are numbered in the order of the view."""
    if notes is None or not any(run.note for run in runs):
        return internals.rich_text_when_printed(lambda: _plain(runs))
    rich = RichText()
    for run in runs:
        internals.append_runs(rich, notes.reference(run.text) if run.note else _plain((run,)))
    return rich


def _plain(runs: tuple[Run, ...]) -> str:
    """The runs' text as Word runs, footnotes left out."""
    return internals.plain_runs_xml((run.text, run.bold, run.italic) for run in runs if not run.note)


def open_template(template: Path) -> DocxTemplate:
    """The template opened by docxtpl, or an error saying it is not a Word file or which part is broken."""
    tpl = DocxTemplate(template)
    try:
        internals.open_docx(tpl)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KehoachError("template.unreadable", name=str(template), detail=str(exc)) from None
    except etree.XMLSyntaxError as exc:
        raise bad_xml(template, exc) from None
    return tpl


def bad_xml(template: Path, exc: etree.XMLSyntaxError) -> KehoachError:
    """A part of the template that is not well-formed XML, named with its line and column."""
    part, found = _broken_part(template) or ("?", exc)
    line, column = found.position
    return KehoachError("template.bad_xml", name=str(template), part=part, line=line, column=column, detail=found.msg)


def _broken_part(template: Path) -> tuple[str, etree.XMLSyntaxError] | None:
    """The first XML part of the zip that lxml cannot parse (python-docx does not say which)."""
    with zipfile.ZipFile(template) as archive:
        for info in archive.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            try:
                etree.fromstring(archive.read(info))
            except etree.XMLSyntaxError as exc:
                return info.filename, exc
    return None


#: What a run that holds nothing is made of: ``<w:r><w:t xml:space="preserve"></w:t></w:r>``.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN, _TEXT, _XML_SPACE = f"{_W}r", f"{_W}t", "{http://www.w3.org/XML/1998/namespace}space"
#: No text beside the run's one element (asked of lxml: python-docx's run gives ``text`` a meaning of its own).
_ONE_NODE = etree.XPath("count(node()) = 1")


def drop_empty_runs(doc: DocxDocument) -> None:
    """Remove the empty runs docxtpl leaves around every ``{{r …}}`` tag of the body.

    They show nothing in Word, but a province's plan has a hundred thousand of them: a
    third of its body's elements, its memory and its time. The fast path removes the same
    runs from the filled text before parsing it (``compiled._EMPTY_RUN``);
    this is what docxtpl's own path gets, so that both give the same bytes.
    """
    drop_empty_runs_in(internals.body(doc))


def drop_empty_runs_in(element: Any) -> None:
    """:func:`drop_empty_runs` inside one element (a paragraph of a body parsed in pieces).

    A run without attributes whose only node is an empty ``w:t`` with no attribute but
    ``xml:space="preserve"``, with no text after either. Found by lxml's own walk to each
    ``w:t``: an XPath testing every run took three times as long.
    """
    empty = []
    for text in element.iter(_TEXT):
        if text.text is not None or len(text) or text.tail is not None or len(text.attrib) != 1:
            continue
        run = text.getparent()
        if text.get(_XML_SPACE) != "preserve" or run is None or run is element or run.tag != _RUN:
            continue
        if not run.attrib and len(run) == 1 and run.tail is None and _ONE_NODE(run):
            empty.append(run)
    for run in empty:
        run.getparent().remove(run)


def finish(
    doc: DocxDocument,
    plan: Plan,
    title: str,
    fonts: dict[str, layout.StyleFont] | None = None,
    landscape: tuple[bool, ...] = (),
    properties: dict[str, object] | None = None,
) -> None:
    """What every rendered document gets after its template is filled: margins, the
    orientation of each section (``landscape``, in order; the others as the template has
    them), rules, properties (``properties``: those set on this opened document before,
    see :func:`docx_bytes.set_properties`)."""
    drop_empty_runs(doc)
    layout.apply_page(doc, plan.page)
    layout.orient(doc, landscape)
    layout.size_rules(doc, fonts)
    docx_bytes.set_properties(
        doc,
        title=title,
        author=plan.issuer.full_name,
        when=docx_bytes.document_time(plan.document.date, plan.document.the_year),
        subject=markup.plain(plan.document.subject),
        identifier=plan.symbol.replace("\u00a0", "").strip("/"),
        keywords=docx_bytes.issuer_keywords(plan.issuer.model_dump(include=set(docx_bytes.ISSUER_KEYWORDS))),
        last=properties,
    )
