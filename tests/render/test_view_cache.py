"""The letter and checklist of a unit share one view, and never a view of another plan."""

from __future__ import annotations

import copy
import io

from docx import Document

from helpers import MINIMAL
from kehoach.plan.model import Plan
from kehoach.render import kinds
from kehoach.render.names import find_template


def test_a_new_plan_never_gets_the_view_of_a_freed_one(tmp_path):
    # Plans made and freed one after another: CPython hands a new plan the address of the
    # last, and a view remembered by that address alone was the old plan's (a letter naming
    # the previous issuer).
    for number in range(30):
        data = copy.deepcopy(MINIMAL)
        data["issuer"]["full_name"] = f"Cơ quan số {number}"
        data["units"] = [{"id": "a", "name": "Đơn vị A", "tasks": ["Việc."]}]
        plan = Plan.model_validate(data)
        letter = next(d for d in kinds.documents(plan) if d.kind == "letter")
        docx = kinds.render_document(letter, plan, find_template(letter.template, tmp_path))
        text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
        assert f"Cơ quan số {number} giao Đơn vị A" in text
        del plan, letter
