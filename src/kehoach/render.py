"""Views into documents: find the template, fill it with docxtpl, finish the layout.

Templates are Word files with Jinja tags. The defaults ship inside the package
(``src/kehoach/templates``, real files: the repo keeps no other copy); a
``templates/`` folder beside the plan overrides them file by file. Rendering runs
in a Jinja sandbox with StrictUndefined: plan text is only ever data, and a
misspelt variable in a template is an error, not a blank.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined
from jinja2.runtime import Context
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from lxml import etree

from kehoach import __version__, layout, markup, views, vn, writer
from kehoach.errors import KehoachError
from kehoach.markup import Run
from kehoach.model import Plan

PLAN_TEMPLATE = "ke-hoach.docx"
LETTER_TEMPLATE = "giao-viec.docx"
CHECKLIST_TEMPLATE = "checklist.docx"
LETTER_DIR = "giao-viec"
CHECKLIST_DIR = "checklist"


def template_dirs(plan_dir: Path) -> list[Path]:
    """Where templates are looked for, first match wins."""
    default = Path(str(resources.files("kehoach").joinpath("templates")))
    return [plan_dir / "templates", default]


def find_template(name: str, plan_dir: Path) -> Path:
    """The template file ``name``: the plan's own if it has one, else the default."""
    dirs = template_dirs(plan_dir)
    for folder in dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise KehoachError("template.missing", name=name, searched=", ".join(map(str, dirs)))


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


def to_context(value: Any, runs: Callable[[tuple[Run, ...]], Any] | None = None) -> Any:
    """Plain data for Jinja: dataclasses become dicts, runs become Word runs (or what ``runs`` makes)."""
    runs = runs or rich_text
    if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
        return runs(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_context(getattr(value, f.name), runs) for f in dataclasses.fields(value)}
        if isinstance(value, views.Paragraph):
            data["text"] = value.text
        return data
    if isinstance(value, list | tuple):
        return [to_context(v, runs) for v in value]
    return value


def rich_text(runs: tuple[Run, ...]) -> RichText:
    """Word runs with their emphasis; docxtpl escapes the text itself."""
    rich = RichText()
    for run in runs:
        rich.add(run.text, bold=run.bold, italic=run.italic)
    return rich


def open_template(template: Path) -> DocxTemplate:
    """The template opened by docxtpl, or an error saying it is not a Word file or which part is broken."""
    tpl = DocxTemplate(template)
    try:
        tpl.init_docx()
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


def finish(doc: DocxDocument, plan: Plan, title: str, fonts: dict[str, layout.StyleFont] | None = None) -> None:
    """What every rendered document gets after its template is filled: margins, rules, properties."""
    layout.apply_page(doc, plan.page)
    layout.size_rules(doc, fonts)
    writer.set_properties(
        doc,
        title=title,
        author=plan.issuer.full_name,
        when=writer.document_time(plan.document.date, plan.document.the_year),
        subject=markup.plain(plan.document.subject),
        identifier=plan.symbol.replace("\u00a0", "").strip("/"),
    )


def plan_file_name(plan: Plan) -> str:
    """``ke-hoach-15-KH-UBND.docx``; a draft without number: ``ke-hoach-du-thao-KH-UBND.docx``."""
    doc = plan.document
    number = f"{doc.number:02d}" if doc.number else "du-thao"
    groups = "-".join(vn.ascii_name(g) for g in (doc.type, plan.issuer.abbr))
    return f"{vn.slug(doc.type_name)}-{number}-{groups}.docx"


@dataclass(frozen=True)
class Document:
    """One document a plan gives rise to: where it goes, which template, what it shows.

    The view is built when the document is rendered (in the worker that renders it),
    not when the list of documents is made: a run decides what to render from
    fingerprints of the plan's text, so unchanged documents cost no view at all.
    ``given`` is a view made elsewhere (a change notice's comes from a diff).
    """

    name: str
    kind: str
    unit: str | None
    template: str | None
    title: str
    given: Any = None

    def view(self, plan: Plan) -> Any:
        """What the template shows (a calendar's view is its finished bytes)."""
        if self.given is not None:
            return self.given
        return _VIEWS[self.kind](plan, self.unit)


def _unit_view(plan: Plan, unit_id: str | None) -> views.UnitView:
    """A unit's view; the letter and the checklist rendered one after the other share it."""
    key = (id(plan), unit_id)
    if _last_unit_view.get("key") != key:
        unit = plan.unit(unit_id or "")
        assert unit is not None
        _last_unit_view.update(key=key, view=views.unit_view(plan, unit))
    return _last_unit_view["view"]


_last_unit_view: dict[str, Any] = {}


def _slogans_view(plan: Plan, unit_id: str | None) -> Any:
    from kehoach.views.slogans import slogans_view

    return slogans_view(plan)


def _calendar_view(plan: Plan, unit_id: str | None) -> bytes:
    from kehoach.calendar_export import calendar_for, ics_bytes

    return ics_bytes(calendar_for(plan, unit_id)[0])


_VIEWS = {
    "plan": lambda plan, unit_id: views.plan_view(plan),
    "html": lambda plan, unit_id: views.plan_view(plan),
    "letter": _unit_view,
    "checklist": _unit_view,
    "slogans": _slogans_view,
    "calendar": _calendar_view,
}


def documents(plan: Plan, extras: frozenset[str] = frozenset()) -> list[Document]:
    """Every document of the plan, in plan order: the plan, then each unit's letter and checklist.

    ``extras`` adds the optional outputs: "calendar" (.ics files), "html" (the plan as a
    web page) and "slogans" (one landscape page per slogan, for the print shop).
    """
    out = [Document(plan_file_name(plan), "plan", None, PLAN_TEMPLATE, markup.plain(plan.document.subject))]
    for unit in plan.units:
        letter_title = f"V/v triển khai {plan.document.type_name} số {plan.symbol} - {unit.name}"
        out.append(Document(f"{LETTER_DIR}/{unit.id}.docx", "letter", unit.id, LETTER_TEMPLATE, letter_title))
        checklist_title = f"Bảng theo dõi thực hiện nhiệm vụ - {unit.name}"
        out.append(
            Document(f"{CHECKLIST_DIR}/{unit.id}.docx", "checklist", unit.id, CHECKLIST_TEMPLATE, checklist_title)
        )
    if "calendar" in extras:
        whole = plan_file_name(plan).removesuffix(".docx") + ".ics"  # beside the plan: no unit id can take it
        out += [Document(f"lich/{u.id}.ics", "calendar", u.id, None, f"lich/{u.id}.ics") for u in plan.units]
        out.append(Document(whole, "calendar", None, None, whole))
    if "html" in extras:
        from kehoach.html_page import HTML_TEMPLATE, html_file_name, page_title

        out.append(Document(html_file_name(plan), "html", None, HTML_TEMPLATE, page_title(plan)))
    if "slogans" in extras and plan.slogans:
        from kehoach.views import slogans

        out.append(Document(slogans.FILE_NAME, slogans.KIND, None, slogans.TEMPLATE, slogans.TITLE))
    return out


@dataclass(frozen=True)
class Fingerprints:
    """Hashes of the plan's text: all of it, all but the units' tasks, and each unit.

    A unit's letter depends on its own entry and on the plan around it (header,
    phases, key tasks, other units' names) but not on other units' tasks; so a
    task changed in one unit re-renders that unit's documents and the plan's.
    """

    whole: str
    around_units: str
    units: dict[str, str]


def fingerprints(data: dict[str, Any]) -> Fingerprints:
    """Fingerprints of a plan's raw data (as loaded, before any view is built)."""
    units = data.get("units") or []
    unit_hashes = {str(u.get("id")): _digest(u) for u in units if isinstance(u, dict)}
    around = {**data, "units": [{k: v for k, v in u.items() if k != "tasks"} for u in units if isinstance(u, dict)]}
    return Fingerprints(_digest(data), _digest(around), unit_hashes)


def _digest(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs_hash(document: Document, prints: Fingerprints, plan: Plan, template_digest: str) -> str:
    """A fingerprint of everything the document's bytes depend on (a cache key, never shown).

    The plan's part is its text's fingerprint (a unit's own for its documents); a
    given view (change notices) is pickled instead, which is exact for its plain
    values. Should two equal inputs ever hash differently, the document is only
    rendered again.
    """
    if document.given is not None:
        source = pickle.dumps(document.given, protocol=5).hex()
    elif document.unit is not None and document.unit in prints.units:
        source = prints.around_units + prints.units[document.unit]
    else:
        source = prints.whole
    when = writer.document_time(plan.document.date, plan.document.the_year).isoformat()
    parts = [__version__, template_digest, document.kind, document.name, document.title, when, source]
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


def template_digest(template: Path | None) -> str:
    """The template file's hash, for the inputs of every document made from it."""
    return "" if template is None else hashlib.sha256(template.read_bytes()).hexdigest()


def render_document(document: Document, plan: Plan, template: Path | None) -> bytes:
    """The finished bytes of one document, through the template compiled once per run."""
    from kehoach.compiled import compiled

    view = document.view(plan)
    if template is None:  # made without a template (calendars): the view is the content
        return bytes(view)
    if document.kind == "html":
        from kehoach.html_page import render_html_file

        return render_html_file(template, plan)
    return compiled(template).render(to_context(view), plan, document.title)


def template_for(document: Document, plan_dir: Path) -> Path | None:
    """The template file a document is made from, or None for one made without."""
    return None if document.template is None else find_template(document.template, plan_dir)
