"""``kehoach render --html``: the plan as one standalone HTML5 page for a web portal.

The page shows what the plan document shows (the same :class:`~kehoach.views.PlanView`,
so the same numbering and text) and needs nothing else: no stylesheet, script, font
or image from elsewhere, only an inline ``<style>`` with a print stylesheet for A4.

The template ``ke-hoach.html`` is found like the Word templates (a ``templates/``
folder beside the plan overrides the default) and rendered in the same Jinja
sandbox with StrictUndefined and autoescaping: plan text is only ever data. The
view (:class:`PageView`: the plan's view and the page settings) is handed over as
plain dicts and lists; a paragraph's runs are ``{text, bold, italic}`` and the
template itself writes ``<strong>``/``<em>``. Blocks are trimmed (``trim_blocks``,
``lstrip_blocks``) so a template can be laid out readably without leaving blank
lines in the page. An error in the template names its line and that line's text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach import views
from kehoach.plan.model import Plan
from kehoach.render import docx
from kehoach.render.source import FAILURES, Source, failure, parse
from kehoach.text import markup, vn
from kehoach.text.errors import KehoachError


@dataclass(frozen=True)
class PageSettings:
    """``page`` in the template: the ``<title>`` and the print stylesheet's lengths."""

    title: str
    margin: str
    font_size: str


@dataclass(frozen=True, kw_only=True)
class PageView(views.PlanView):
    """What the HTML template is given: the plan document's view and ``page``."""

    page: PageSettings
    footnotes: list[str] = dataclasses.field(default_factory=list)


def source(template_path: Path) -> Source:
    """The template file as Jinja source, its lines named ``ke-hoach.html:12`` in messages."""
    try:
        text = template_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KehoachError("template.not_utf8", name=str(template_path), position=exc.start) from None
    return Source(str(template_path), template_path.name, text, paragraphs=False)


def render_html_file(template_path: Path, plan: Plan) -> bytes:
    """The plan as one HTML5 page, UTF-8; the same plan and template give the same bytes."""
    return render_html(template_path, page_context(plan))


def render_html(template_path: Path, context: dict[str, Any]) -> bytes:
    """The page from its context (:func:`page_context`), built apart so a worker builds it once."""
    template = source(template_path)
    env = docx.jinja_env()
    env.trim_blocks = True
    env.lstrip_blocks = True
    try:
        text = env.from_string(parse(env, template)).render(context)
    except FAILURES as exc:
        raise failure(exc, template) from None
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def page_title(plan: Plan) -> str:
    """``<title>``: "Kế hoạch số 15/KH-UBND về tổ chức …"; a draft: "Dự thảo Kế hoạch về …"."""
    doc = plan.document
    subject = vn.lower_first(markup.plain(doc.subject))
    if doc.number is None:
        return f"Dự thảo {doc.type_name} về {subject}"
    return f"{doc.type_name} số {plan.symbol} về {subject}"


def page_context(plan: Plan) -> dict[str, Any]:
    """What the template is given: the plan view's fields and ``page``, as plain data."""
    view = views.plan_view(plan)
    margins = plan.page.margins
    page = PageSettings(
        title=page_title(plan),
        margin=" ".join(f"{_number(v)}mm" for v in (margins.top, margins.right, margins.bottom, margins.left)),
        font_size=f"{_number(plan.page.font_size)}pt",
    )
    fields = {f.name: getattr(view, f.name) for f in dataclasses.fields(view)}
    notes: list[str] = []
    context: dict[str, Any] = plain(PageView(**fields, page=page), notes)
    context["footnotes"] = notes
    return context


def plain(value: Any, notes: list[str] | None = None) -> Any:
    """The view as Jinja data for HTML: runs as ``{text, bold, italic, note}`` (the page emits
    the tags); a footnote's run holds its number (``note``), its text goes to ``notes``."""
    collected = notes if notes is not None else []
    return docx.to_context(value, runs=lambda runs: [_run(run, collected) for run in runs])


def _run(run: markup.Run, notes: list[str]) -> dict[str, Any]:
    if not run.note:
        return {**dataclasses.asdict(run), "note": 0}
    notes.append(run.text)
    return {"text": "", "bold": False, "italic": False, "note": len(notes)}


def _number(value: float) -> str:
    """20.0 → "20", 13.5 → "13.5" (CSS lengths without a needless ".0")."""
    return f"{value:g}"
