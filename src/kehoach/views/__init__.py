"""What each document shows, computed once in Python and handed to its template."""

from kehoach.views.common import CLOSING, HEADING, SECTION, TEXT, Header, Paragraph, Signature
from kehoach.views.plan import PlanView, plan_view
from kehoach.views.unit import UnitView, unit_view

__all__ = [
    "CLOSING",
    "HEADING",
    "SECTION",
    "TEXT",
    "Header",
    "Paragraph",
    "PlanView",
    "Signature",
    "UnitView",
    "plan_view",
    "unit_view",
]
