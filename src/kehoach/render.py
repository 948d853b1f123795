"""Views into documents: find the template, fill it with docxtpl, finish the layout.

Templates are Word files with Jinja tags. The defaults ship inside the package; a
``templates/`` folder beside the plan overrides them file by file. Rendering runs
in a Jinja sandbox with StrictUndefined: plan text is only ever data, and a
misspelt variable in a template is an error, not a blank.
"""

from __future__ import annotations

import dataclasses
import zipfile
from importlib import resources
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, RichText
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from kehoach import layout, markup, views, vn, writer
from kehoach.errors import KehoachError
from kehoach.markup import Run
from kehoach.model import Plan, Unit

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


def to_context(value: Any) -> Any:
    """Plain data for Jinja: dataclasses become dicts, runs become Word runs."""
    if isinstance(value, tuple) and value and all(isinstance(v, Run) for v in value):
        return rich_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: to_context(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, views.Paragraph):
            data["text"] = value.text
        return data
    if isinstance(value, list | tuple):
        return [to_context(v) for v in value]
    return value


def rich_text(runs: tuple[Run, ...]) -> RichText:
    """Word runs with their emphasis; docxtpl escapes the text itself."""
    rich = RichText()
    for run in runs:
        rich.add(run.text, bold=run.bold, italic=run.italic)
    return rich


def render_docx(template: Path, context: dict[str, Any], plan: Plan, title: str) -> bytes:
    """Fill ``template`` with ``context`` and return the finished, deterministic DOCX."""
    tpl = DocxTemplate(template)
    try:
        tpl.init_docx()
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise KehoachError("template.unreadable", name=str(template), detail=str(exc)) from None
    try:
        tpl.render(context, jinja_env())
    except TemplateError as exc:
        raise KehoachError("template.error", name=template.name, detail=str(exc)) from None
    doc = tpl.docx
    layout.apply_page(doc, plan.page)
    layout.size_rules(doc)
    when = writer.document_time(plan.document.date, plan.document.the_year)
    writer.set_properties(doc, title=title, author=plan.issuer.full_name, when=when)
    return writer.docx_bytes(doc)


def plan_file_name(plan: Plan) -> str:
    """``ke-hoach-15-KH-UBND.docx``; a draft without number: ``ke-hoach-du-thao-KH-UBND.docx``."""
    doc = plan.document
    number = f"{doc.number:02d}" if doc.number else "du-thao"
    groups = "-".join(vn.ascii_name(g) for g in (doc.type, plan.issuer.abbr))
    return f"{vn.slug(doc.type_name)}-{number}-{groups}.docx"


def render_plan(plan: Plan, plan_dir: Path) -> bytes:
    """The plan document itself."""
    context = to_context(views.plan_view(plan))
    title = markup.plain(plan.document.subject)
    return render_docx(find_template(PLAN_TEMPLATE, plan_dir), context, plan, title)


def letter_file_name(unit: Unit) -> str:
    """``giao-viec/cong-an-phuong.docx``: unit ids are safe file names (see model)."""
    return f"{LETTER_DIR}/{unit.id}.docx"


def checklist_file_name(unit: Unit) -> str:
    """``checklist/cong-an-phuong.docx``."""
    return f"{CHECKLIST_DIR}/{unit.id}.docx"


def render_letter(plan: Plan, view: views.UnitView, plan_dir: Path) -> bytes:
    """The công văn giving one unit its tasks (or asking it to take part)."""
    title = f"V/v triển khai {plan.document.type_name} số {plan.symbol} - {view.unit_name}"
    return render_docx(find_template(LETTER_TEMPLATE, plan_dir), to_context(view), plan, title)


def render_checklist(plan: Plan, view: views.UnitView, plan_dir: Path) -> bytes:
    """The printable sheet on which a unit ticks its tasks off."""
    title = f"{view.checklist_title.capitalize()} - {view.unit_name}"
    return render_docx(find_template(CHECKLIST_TEMPLATE, plan_dir), to_context(view), plan, title)
