"""What each document shows, computed once in Python and handed to its template."""

from kehoach.views.common import (
    CLOSING,
    HEADING,
    NOTE,
    SECTION,
    TABLE,
    TEXT,
    Cell,
    Header,
    Paragraph,
    Row,
    Signature,
    Table,
)
from kehoach.views.plan import PlanView, plan_view
from kehoach.views.unit import UnitView, unit_view

__all__ = [
    "CLOSING",
    "HEADING",
    "NOTE",
    "SECTION",
    "TABLE",
    "TEXT",
    "Cell",
    "Header",
    "Paragraph",
    "PlanView",
    "Row",
    "Signature",
    "Table",
    "UnitView",
    "plan_view",
    "unit_view",
]
