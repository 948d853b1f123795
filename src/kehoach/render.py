"""Views into documents: find the template, fill it with docxtpl, finish the layout.

Templates are Word files with Jinja tags. The defaults ship inside the package; a
``templates/`` folder beside the plan overrides them file by file. Rendering runs
in a Jinja sandbox with StrictUndefined: plan text is only ever data, and a
misspelt variable in a template is an error, not a blank.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

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


def jinja_env() -> SandboxedEnvironment:
    """The environment every template renders in."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


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
    """The template opened by docxtpl, or an error saying it is not a Word file."""
    tpl = DocxTemplate(template)
    try:
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KehoachError("template.unreadable", name=str(template), detail=str(exc)) from None
    return tpl


def undefined_error(template: Path) -> KehoachError:
    """A misspelt variable, named with its tag (found by checking the template)."""
    from kehoach.templates import check

    tags = ", ".join(f.tag for f in check(template)) or "?"
    return KehoachError("template.undefined", name=str(template), tags=tags)


def render_docx(template: Path, context: dict[str, Any], plan: Plan, title: str) -> bytes:
    """Render the way docxtpl documents it: open, render, save. The reference for the fast path."""
    tpl = open_template(template)
    try:
        tpl.render(context, jinja_env())
    except UndefinedError:
        raise undefined_error(template) from None
    except TemplateError as exc:
        near = " ".join(" ".join(getattr(exc, "docx_context", [])).split())[:120]
        detail = f"{exc} — {near}" if near else str(exc)
        raise KehoachError("template.error", name=str(template), detail=detail) from None
    finish(tpl.docx, plan, title)
    return writer.docx_bytes(tpl.docx)


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
    """One document a plan gives rise to: where it goes, which template, what it shows."""

    name: str
    kind: str
    unit: str | None
    template: str | None
    view: Any
    title: str


def documents(plan: Plan, extras: frozenset[str] = frozenset()) -> list[Document]:
    """Every document of the plan, in plan order: the plan, then each unit's letter and checklist.

    ``extras`` adds the optional outputs: "calendar" (.ics files), "html" (the plan as a
    web page) and "slogans" (one landscape page per slogan, for the print shop).
    """
    out = [
        Document(
            plan_file_name(plan),
            "plan",
            None,
            PLAN_TEMPLATE,
            views.plan_view(plan),
            markup.plain(plan.document.subject),
        )
    ]
    for unit in plan.units:
        view = views.unit_view(plan, unit)
        letter_title = f"V/v triển khai {plan.document.type_name} số {plan.symbol} - {unit.name}"
        out.append(Document(f"{LETTER_DIR}/{unit.id}.docx", "letter", unit.id, LETTER_TEMPLATE, view, letter_title))
        out.append(
            Document(
                f"{CHECKLIST_DIR}/{unit.id}.docx",
                "checklist",
                unit.id,
                CHECKLIST_TEMPLATE,
                view,
                f"Bảng theo dõi thực hiện nhiệm vụ - {unit.name}",
            )
        )
    if "calendar" in extras:
        out += _calendars(plan)
    if "html" in extras:
        from kehoach.html_page import HTML_TEMPLATE, html_file_name, page_title

        out.append(Document(html_file_name(plan), "html", None, HTML_TEMPLATE, out[0].view, page_title(plan)))
    if "slogans" in extras and plan.slogans:
        from kehoach.views import slogans

        view = slogans.slogans_view(plan)
        out.append(Document(slogans.FILE_NAME, slogans.KIND, None, slogans.TEMPLATE, view, slogans.TITLE))
    return out


def _calendars(plan: Plan) -> list[Document]:
    """One .ics per unit and one for the whole plan; their bytes are their view (they are cheap)."""
    from kehoach.calendar_export import unit_calendars

    whole = plan_file_name(plan).removesuffix(".docx") + ".ics"  # beside the plan: no unit id can take it
    out = []
    for name, data in unit_calendars(plan).items():
        unit = name.removeprefix("lich/").removesuffix(".ics")
        if plan.unit(unit) is None:
            out.append(Document(whole, "calendar", None, None, data, whole))
        else:
            out.append(Document(name, "calendar", unit, None, data, name))
    return out


def inputs_hash(document: Document, plan: Plan, template_digest: str) -> str:
    """A fingerprint of everything the document's bytes depend on (a cache key, never shown).

    Pickle is used because it is fast and exact for plain values (views hold only
    strings, numbers, dates, tuples and lists; pydantic models, which carry sets
    whose order changes from one process to the next, are dumped first). Should
    two equal views ever pickle differently, the document is only rendered again.
    """
    digest = hashlib.sha256()
    digest.update(template_digest.encode())
    digest.update(
        pickle.dumps(
            (
                __version__,
                document.view,
                plan.page.model_dump(mode="json"),
                document.title,
                plan.issuer.full_name,
                plan.symbol,
                writer.document_time(plan.document.date, plan.document.the_year),
            ),
            protocol=5,
        )
    )
    return digest.hexdigest()


def template_digest(template: Path | None) -> str:
    """The template file's hash, for the inputs of every document made from it."""
    return "" if template is None else hashlib.sha256(template.read_bytes()).hexdigest()


def render_document(document: Document, plan: Plan, template: Path | None) -> bytes:
    """The finished bytes of one document, through the template compiled once per run."""
    from kehoach.compiled import compiled

    if template is None:  # made without a template (calendars): the view is the content
        return bytes(document.view)
    if document.kind == "html":
        from kehoach.html_page import render_html_file

        return render_html_file(template, plan)
    return compiled(template).render(to_context(document.view), plan, document.title)


def template_for(document: Document, plan_dir: Path) -> Path | None:
    """The template file a document is made from, or None for one made without."""
    return None if document.template is None else find_template(document.template, plan_dir)
