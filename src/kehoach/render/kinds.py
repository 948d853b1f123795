"""Every kind of document kehoach makes, in one table: :data:`KINDS`.

A kind says which template fills it, where its files go and what they are
called, which view it shows, whether there is one per plan or one per unit,
and when a run makes it (always, with an option such as ``--ics``, or only by
its own command). The list of a plan's documents, the template check and
export, ``render --only`` and the extras flags, staleness and ``--prune``, change
notices and PDFs all read this table, so adding a kind means a row here, a view
and a template, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from kehoach import views
from kehoach.plan.addressees import addressee, addressees
from kehoach.plan.model import Plan
from kehoach.render import controls, html, layout
from kehoach.render.compiled import compiled
from kehoach.render.docx import rich_text, table_context, to_context
from kehoach.render.footnotes import Footnotes
from kehoach.render.ics import calendar_for, ics_bytes
from kehoach.render.names import find_template, party_name, plan_file_name, template_dirs
from kehoach.render.tables import TableStyles
from kehoach.text import markup
from kehoach.views import slogans
from kehoach.views.addressee import addressee_view
from kehoach.views.notice import NoticeView
from kehoach.views.report import ReportView

Format = Literal["docx", "html", "ics"]
#: What a kind's rules receive: the plan, and the unit's id (None for a document of the whole plan).
Rule = Callable[[Plan, str | None], Any]


class Scope(StrEnum):
    """Whether a kind makes one document for the plan, one per unit, both, or one per addressee."""

    PLAN = "plan"
    UNITS = "units"
    UNITS_AND_PLAN = "units and plan"
    #: One per body a schedule names (:mod:`kehoach.plan.addressees`), not a unit.
    ADDRESSEES = "addressees"


class Made(StrEnum):
    """When a kind is made: by every render, by a render asked for it, or only by its own command."""

    DEFAULT = "default"
    EXTRA = "extra"
    COMMAND = "command"


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its template, its files, its view and when it is made.

    A unit's document goes into ``folder`` as ``<unit id>.<format>``; a document
    of the whole plan is named after the plan document (``ke-hoach-15-KH-UBND.ics``)
    beside it, unless ``file_name`` gives its own rule. ``view`` is None for a kind
    whose view its command gives (a change notice's comes from a diff).
    """

    name: str
    format: Format
    template: str | None
    view: Rule | None
    #: The type the template receives, for ``kehoach templates check`` (None: no template).
    view_type: type | None
    title: Rule
    scope: Scope = Scope.PLAN
    made: Made = Made.DEFAULT
    folder: str = ""
    #: The name ``render --only`` knows it by (None: it cannot be asked for alone).
    only: str | None = None
    #: The name of its option in :class:`RenderOptions`' extras, and the command line's flag.
    extra: str | None = None
    flag: str | None = None
    file_name: Rule | None = None
    #: Whether the plan has anything for it (no slogans, no slogan sheets).
    applies: Callable[[Plan], bool] = lambda plan: True
    #: A template the kind had before, which a plan's own ``templates/`` may still hold: it wins there.
    former_template: str | None = None

    def template_in(self, plan_dir: Path | None) -> str | None:
        """The template's name for a plan in ``plan_dir`` (its own former template if it kept one)."""
        former = self.former_template
        if plan_dir is not None and former is not None and (template_dirs(plan_dir)[0] / former).is_file():
            return former
        return self.template

    def name_for(self, plan: Plan, unit_id: str | None) -> str:
        """The file's path inside out/, by the kind's rule."""
        if self.file_name is not None:
            return str(self.file_name(plan, unit_id))
        if unit_id is not None:
            return f"{self.folder}/{unit_id}.{self.format}"
        return plan_file_name(plan).removesuffix(".docx") + f".{self.format}"

    @property
    def converts_to_pdf(self) -> bool:
        """Word documents get a PDF with ``--pdf``; a web page or a calendar has none."""
        return self.format == "docx"


@dataclass(frozen=True)
class Document:
    """One document a plan gives rise to: where it goes, which template, what it shows.

    The view is built when the document is rendered (in the worker that renders it),
    not when the list of documents is made: a run decides what to render from
    fingerprints of the plan's text, so unchanged documents cost no view at all.
    ``given`` is a view made elsewhere (a change notice's comes from a diff).
    ``kind`` is the kind's name, as the manifest records it.
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
        builder = kind(self.kind).view
        assert builder is not None, f"{self.kind} documents are made with their view"
        return builder(plan, self.unit)


def _unit_view(plan: Plan, unit_id: str | None) -> views.UnitView:
    """A unit's view; the letter and the checklist rendered one after the other share it.

    The entry keeps the plan itself, compared by identity: keyed by ``id(plan)`` alone, a
    later plan made at the address of a freed one would be given the old plan's view.
    """
    last = _last_unit_view.get("view")
    if last is not None and last[0] is plan and last[1] == unit_id:
        return last[2]
    unit = plan.unit(unit_id or "")
    assert unit is not None
    view = views.unit_view(plan, unit)
    _last_unit_view["view"] = (plan, unit_id, view)
    return view


#: The last unit view built, with its plan and unit: at most one entry.
_last_unit_view: dict[str, tuple[Plan, str | None, views.UnitView]] = {}


def _unit_name(plan: Plan, unit_id: str | None) -> str:
    unit = plan.unit(unit_id or "")
    return unit.name if unit is not None else str(unit_id)


def _letter_title(plan: Plan, unit_id: str | None) -> str:
    return f"V/v triển khai {plan.document.type_name} số {plan.symbol} - {_unit_name(plan, unit_id)}"


def _addressee_title(plan: Plan, key: str | None) -> str:
    found = addressee(plan, key or "")
    return f"Thông báo thực hiện {plan.document.type_name} số {plan.symbol} - {found.name if found else key}"


def _notice_title(plan: Plan, unit_id: str | None) -> str:
    return f"V/v điều chỉnh {plan.document.type_name} số {plan.symbol} - {unit_id}"


PLAN = DocumentKind(
    "plan",
    "docx",
    "ke-hoach.docx",
    lambda plan, unit_id: views.plan_view(plan),
    views.PlanView,
    lambda plan, unit_id: markup.plain(plan.document.subject),
    only="plan",
)
LETTER = DocumentKind(
    "letter",
    "docx",
    "giao-viec.docx",
    _unit_view,
    views.UnitView,
    _letter_title,
    Scope.UNITS,
    folder="giao-viec",
    only="letters",
)
CHECKLIST = DocumentKind(
    "checklist",
    "docx",
    "checklist.docx",
    _unit_view,
    views.UnitView,
    lambda plan, unit_id: f"Bảng theo dõi thực hiện nhiệm vụ - {_unit_name(plan, unit_id)}",
    Scope.UNITS,
    folder="checklist",
    only="checklists",
)
#: The notices to the bodies a schedule names (the inspected): the letter's template too.
ADDRESSEE = DocumentKind(
    "addressee",
    "docx",
    "giao-viec.docx",
    lambda plan, key: addressee_view(plan, key or ""),
    NoticeView,
    lambda plan, key: _addressee_title(plan, key),
    Scope.ADDRESSEES,
    folder="thong-bao",
    only="addressees",
    applies=lambda plan: bool(addressees(plan)),
)
#: Change notices (``kehoach notify``) share the letter's template; its view says ``notice``.
NOTICE = DocumentKind(
    "notice",
    "docx",
    "giao-viec.docx",
    None,
    NoticeView,
    _notice_title,
    Scope.UNITS,
    Made.COMMAND,
    "dieu-chinh",
    former_template="dieu-chinh.docx",
)
CALENDAR: DocumentKind = DocumentKind(  # annotated: its own name_for refers to it
    "calendar",
    "ics",
    None,
    lambda plan, unit_id: ics_bytes(calendar_for(plan, unit_id)[0]),
    None,
    lambda plan, unit_id: CALENDAR.name_for(plan, unit_id),
    Scope.UNITS_AND_PLAN,
    Made.EXTRA,
    "lich",
    extra="calendar",
    flag="--ics",
)
HTML = DocumentKind(
    "html",
    "html",
    "ke-hoach.html",
    lambda plan, unit_id: html.page_context(plan),
    html.PageView,
    lambda plan, unit_id: html.page_title(plan),
    made=Made.EXTRA,
    extra="html",
    flag="--html",
)
SLOGANS = DocumentKind(
    "slogans",
    "docx",
    "khau-hieu.docx",
    lambda plan, unit_id: slogans.slogans_view(plan),
    slogans.SlogansView,
    lambda plan, unit_id: "Khẩu hiệu tuyên truyền",
    made=Made.EXTRA,
    extra="slogans",
    flag="--slogans",
    file_name=lambda plan, unit_id: "khau-hieu.docx",
    applies=lambda plan: bool(plan.slogans),
)

#: The results report (``kehoach report``): its view comes from progress.yaml and a day.
REPORT = DocumentKind(
    "report",
    "docx",
    "bao-cao.docx",
    None,
    ReportView,
    lambda plan, unit_id: f"Báo cáo kết quả thực hiện {plan.document.type_name} số {plan.symbol}",
    made=Made.COMMAND,
    file_name=lambda plan, unit_id: "bao-cao-" + plan_file_name(plan),
)

#: Reminders (``kehoach remind``) share the letter's template too; their view comes from progress.yaml.
REMINDER = DocumentKind(
    "reminder",
    "docx",
    "giao-viec.docx",
    None,
    NoticeView,
    lambda plan, unit_id: (
        f"V/v đôn đốc thực hiện {plan.document.type_name} số {plan.symbol} - {_unit_name(plan, unit_id)}"
    ),
    Scope.UNITS,
    Made.COMMAND,
    "don-doc",
)

#: Templates with a Party form of their own (``<name>.dang.docx``): the plan, the công văn and
#: the results report. A checklist has no letterhead, so one serves both profiles.
PARTY_TEMPLATES = frozenset({"ke-hoach.docx", "giao-viec.docx", "bao-cao.docx"})

#: Every kind, in the order a plan's documents are listed (and templates exported).
KINDS: tuple[DocumentKind, ...] = (
    PLAN,
    LETTER,
    CHECKLIST,
    ADDRESSEE,
    NOTICE,
    CALENDAR,
    HTML,
    SLOGANS,
    REPORT,
    REMINDER,
)


def kind(name: str) -> DocumentKind:
    """The kind of this name (as the manifest records it)."""
    return next(k for k in KINDS if k.name == name)


def only_names() -> list[str]:
    """What ``render --only`` accepts, in table order."""
    return [k.only for k in KINDS if k.only]


def extras() -> list[DocumentKind]:
    """The kinds a render makes only when asked (``--ics``, ``--html``, ``--slogans``)."""
    return [k for k in KINDS if k.made is Made.EXTRA]


def templates(plan_dir: Path | None = None) -> dict[str, tuple[type, ...]]:
    """Every template kehoach renders with, and the views it receives (a shared one, all of them).

    Without ``plan_dir``, the default templates (what ``templates export`` copies);
    with it, those a plan there uses (a former template it kept in place of one).
    """
    used = [name for k in KINDS if (name := k.template_in(plan_dir)) is not None]
    party = [party_name(name) for name in used if name in PARTY_TEMPLATES]
    return {name: template_views(name) for name in dict.fromkeys([*used, *party])}


def template_views(name: str) -> tuple[type, ...]:
    """The views a template of this name receives: of every kind made with it (or made with it
    before); a Party template (``ke-hoach.dang.docx``) those of the State one it stands for."""
    name = next((t for t in PARTY_TEMPLATES if party_name(t) == name), name)
    given = (k.view_type for k in KINDS if name in (k.template, k.former_template))
    return tuple(dict.fromkeys(v for v in given if v is not None))


def document(
    kind_: DocumentKind, plan: Plan, unit_id: str | None, given: Any = None, plan_dir: Path | None = None
) -> Document:
    """The kind's document for the plan (``unit_id`` None) or for one unit, of a plan in ``plan_dir``."""
    name = kind_.name_for(plan, unit_id)
    title = str(kind_.title(plan, unit_id))
    template = kind_.template_in(plan_dir)
    if plan.profile == "đảng" and template in PARTY_TEMPLATES:
        template = party_name(template)
    return Document(name, kind_.name, unit_id, template, title, given)


def documents(plan: Plan, extras: Iterable[str] = frozenset()) -> list[Document]:
    """Every document of the plan a render makes, in plan order.

    First the default kinds: those of the whole plan, then each unit's, unit by
    unit (letter and checklist together), then the notices to the bodies a schedule
    names; then each extra named in ``extras``
    (``"calendar"``, ``"html"``, ``"slogans"``), its units' documents before the plan's.
    """
    asked = set(extras)
    default = [k for k in KINDS if k.made is Made.DEFAULT and k.applies(plan)]
    out = [document(k, plan, None) for k in default if k.scope in (Scope.PLAN, Scope.UNITS_AND_PLAN)]
    for unit in (u for u in plan.units if u.letters):  # a unit without letters gets no document
        out += [document(k, plan, unit.id) for k in default if k.scope in (Scope.UNITS, Scope.UNITS_AND_PLAN)]
    for each in (k for k in default if k.scope is Scope.ADDRESSEES):
        out += [document(each, plan, found.key) for found in addressees(plan)]
    for extra in (k for k in KINDS if k.made is Made.EXTRA and k.extra in asked and k.applies(plan)):
        out += _each(extra, plan)
    return out


def _each(kind_: DocumentKind, plan: Plan) -> list[Document]:
    units = [] if kind_.scope is Scope.PLAN else [document(kind_, plan, u.id) for u in plan.units if u.letters]
    whole = [] if kind_.scope is Scope.UNITS else [document(kind_, plan, None)]
    return units + whole


def render_document(document: Document, plan: Plan, template: Path | None) -> bytes:
    """The finished bytes of one document, through the template compiled once per run."""
    kind_ = kind(document.kind)
    view = document.view(plan)
    if template is None:  # made without a template (calendars): the view is the content
        return bytes(view)
    if kind_.format == "html":
        return html.render_html(template, view)
    made = compiled(template)
    notes = Footnotes()
    context = _unit_context(view, plan, made.table_styles, notes)
    names = template_views(template.name)
    return made.render(context, plan, document.title, names, orientations(view), notes.texts)


def _unit_context(view: Any, plan: Plan, styles: TableStyles, notes: Footnotes) -> dict[str, Any]:
    """:func:`docx_context`, made once for a unit's letter and checklist (the same view, see
    :func:`_unit_view`): a copy, since a render empties the context it is given.

    A context whose texts carry footnotes is not shared: their references were numbered
    into this document's ``notes``. Nor is any other view's: a plan document's context,
    kept, would hold a province's texts to the end of the run.
    """
    if not isinstance(view, views.UnitView):
        return docx_context(view, plan, styles, notes)
    last = _last_unit_context.get("context")
    if last is not None and last[0] is view and last[1] == styles:
        return dict(last[2])
    context = docx_context(view, plan, styles, notes)
    if not notes.texts:
        _last_unit_context["context"] = (view, styles, dict(context))
    return context


#: The last unit context made, with its view and table styles: at most one entry.
_last_unit_context: dict[str, tuple[views.UnitView, TableStyles, dict[str, Any]]] = {}


def docx_context(view: Any, plan: Plan, styles: TableStyles, notes: Footnotes | None = None) -> dict[str, Any]:
    """A view as a Word template is given it: runs as Word runs (footnote references made in
    ``notes``), tables as the XML of Word tables as wide as their page."""
    context: dict[str, Any] = to_context(
        view,
        runs=lambda runs: rich_text(runs, notes),
        tables=lambda t: table_context(t, layout.text_width(plan.page, t.landscape), styles),
        marks=controls.row_marks,
        anchors=controls.anchored,
    )
    return context


def orientations(view: Any) -> tuple[bool, ...]:
    """Which sections of a document are landscape: the plan's body is not, each appendix as it says."""
    if isinstance(view, views.PlanView):
        return (False, *(a.landscape for a in view.appendices))
    return ()


def template_for(document: Document, plan_dir: Path) -> Path | None:
    """The template file a document is made from, or None for one made without."""
    return None if document.template is None else find_template(document.template, plan_dir)
