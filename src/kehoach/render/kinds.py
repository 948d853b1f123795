"""The documents a plan gives rise to, and how each is made into bytes.

The plan document, one letter and one checklist per unit, and the optional
outputs (calendars, the web page, the slogans). Each document names its
template; :func:`render_document` sends it through the compiled Word template,
the web page's template or, for a calendar, no template at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kehoach import views
from kehoach.plan.model import Plan
from kehoach.render.compiled import compiled
from kehoach.render.docx import to_context
from kehoach.render.html import HTML_TEMPLATE, html_file_name, page_title, render_html_file
from kehoach.render.ics import calendar_for, ics_bytes
from kehoach.render.names import (
    CHECKLIST_DIR,
    CHECKLIST_TEMPLATE,
    LETTER_DIR,
    LETTER_TEMPLATE,
    PLAN_TEMPLATE,
    find_template,
    plan_file_name,
)
from kehoach.text import markup
from kehoach.views import slogans


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
    return slogans.slogans_view(plan)


def _calendar_view(plan: Plan, unit_id: str | None) -> bytes:
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
        out.append(Document(html_file_name(plan), "html", None, HTML_TEMPLATE, page_title(plan)))
    if "slogans" in extras and plan.slogans:
        out.append(Document(slogans.FILE_NAME, slogans.KIND, None, slogans.TEMPLATE, slogans.TITLE))
    return out


def render_document(document: Document, plan: Plan, template: Path | None) -> bytes:
    """The finished bytes of one document, through the template compiled once per run."""
    view = document.view(plan)
    if template is None:  # made without a template (calendars): the view is the content
        return bytes(view)
    if document.kind == "html":
        return render_html_file(template, plan)
    return compiled(template).render(to_context(view), plan, document.title)


def template_for(document: Document, plan_dir: Path) -> Path | None:
    """The template file a document is made from, or None for one made without."""
    return None if document.template is None else find_template(document.template, plan_dir)
