"""``kehoach render --html``: the plan as one standalone HTML5 page for a web portal.

The page shows what the plan document shows (the same :class:`~kehoach.views.PlanView`,
so the same numbering and text) and needs nothing else: no stylesheet, script, font
or image from elsewhere, only an inline ``<style>`` with a print stylesheet for A4.

The template ``ke-hoach.html`` is found like the Word templates (a ``templates/``
folder beside the plan overrides the default) and rendered in the same Jinja
sandbox with StrictUndefined and autoescaping: plan text is only ever data. The
view is handed over as plain dicts and lists; a paragraph's runs are
``{text, bold, italic}`` and the template itself writes ``<strong>``/``<em>``.
Blocks are trimmed (``trim_blocks``, ``lstrip_blocks``) so a template can be laid
out readably without leaving blank lines in the page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError

from kehoach import markup, render, views, vn
from kehoach.errors import KehoachError
from kehoach.model import Plan

HTML_TEMPLATE = "ke-hoach.html"

#: The name Jinja gives a template made from a string, seen in its traceback frames.
_TEMPLATE_FILENAME = "<template>"


def render_html(plan: Plan, plan_dir: Path) -> bytes:
    """The plan as one HTML5 page, UTF-8; the same plan and template give the same bytes."""
    return render_html_file(render.find_template(HTML_TEMPLATE, plan_dir), plan)


def render_html_file(template_path: Path, plan: Plan) -> bytes:
    """The page from a given template file (``render_html`` finds the plan's own or the default)."""
    try:
        source = template_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KehoachError("template.error", name=str(template_path), detail=f"không phải UTF-8 ({exc})") from None
    env = render.jinja_env()
    env.trim_blocks = True
    env.lstrip_blocks = True
    try:
        text = env.from_string(source).render(page_context(plan))
    except TemplateSyntaxError as exc:
        detail = f"{exc.message} (dòng {exc.lineno})"
        raise KehoachError("template.error", name=str(template_path), detail=detail) from None
    except TemplateError as exc:
        line = _template_line(exc.__traceback__)
        detail = f"{exc} (dòng {line})" if line else str(exc)
        raise KehoachError("template.error", name=str(template_path), detail=detail) from None
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def html_file_name(plan: Plan) -> str:
    """``ke-hoach-15-KH-UBND.html``: the plan document's name with the page's extension."""
    return str(Path(render.plan_file_name(plan)).with_suffix(".html"))


def page_title(plan: Plan) -> str:
    """``<title>``: "Kế hoạch số 15/KH-UBND về tổ chức …"; a draft: "Dự thảo Kế hoạch về …"."""
    doc = plan.document
    subject = vn.lower_first(markup.plain(doc.subject))
    if doc.number is None:
        return f"Dự thảo {doc.type_name} về {subject}"
    return f"{doc.type_name} số {plan.symbol} về {subject}"


def page_context(plan: Plan) -> dict[str, Any]:
    """What the template is given: the plan view's fields as plain data, and ``page``."""
    context = plain(views.plan_view(plan))
    margins = plan.page.margins
    context["page"] = {
        "title": page_title(plan),
        "margin": " ".join(f"{_number(v)}mm" for v in (margins.top, margins.right, margins.bottom, margins.left)),
        "font_size": f"{_number(plan.page.font_size)}pt",
    }
    return context


def plain(value: Any) -> Any:
    """The view as Jinja data for HTML: runs as ``{text, bold, italic}`` (the page emits the tags)."""
    return render.to_context(value, runs=lambda runs: [dataclasses.asdict(run) for run in runs])


def _number(value: float) -> str:
    """20.0 → "20", 13.5 → "13.5" (CSS lengths without a needless ".0")."""
    return f"{value:g}"


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line an error was raised at: Jinja rewrites the traceback to show it."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
