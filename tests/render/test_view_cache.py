"""The letter and checklist of a unit share one view, and never a view of another plan."""

from __future__ import annotations

import copy
import io
import zipfile

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


def _unit_documents(tmp_path, task: str):
    data = copy.deepcopy(MINIMAL)
    data["units"] = [{"id": "a", "name": "Đơn vị A", "tasks": [task]}]
    plan = Plan.model_validate(data)
    made = [d for d in kinds.documents(plan) if d.unit == "a"]
    return plan, made


def _render(plan, document, tmp_path):
    return kinds.render_document(document, plan, find_template(document.template, tmp_path))


def test_a_units_letter_and_checklist_share_one_context(tmp_path, monkeypatch):
    plan, made = _unit_documents(tmp_path, "Rà soát hồ sơ.")
    assert [d.kind for d in made] == ["letter", "checklist"]
    alone = {}
    for document in made:
        kinds._last_unit_context.clear()
        alone[document.kind] = _render(plan, document, tmp_path)
    kinds._last_unit_context.clear()
    made_contexts = []
    monkeypatch.setattr(kinds, "docx_context", lambda *a: made_contexts.append(1) or kinds_docx_context(*a))
    together = {d.kind: _render(plan, d, tmp_path) for d in made}
    assert len(made_contexts) == 1
    assert together == alone


def test_a_context_with_footnotes_is_made_for_each_document(tmp_path, monkeypatch):
    plan, made = _unit_documents(tmp_path, "Rà soát hồ sơ^[Theo Công văn số 12/UBND.] của đơn vị.")
    kinds._last_unit_context.clear()
    made_contexts = []
    monkeypatch.setattr(kinds, "docx_context", lambda *a: made_contexts.append(1) or kinds_docx_context(*a))
    for document in made:
        data = _render(plan, document, tmp_path)
        footnotes = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
        assert "Theo Công văn số 12/UBND." in footnotes, document.kind
    assert len(made_contexts) == 2


kinds_docx_context = kinds.docx_context
