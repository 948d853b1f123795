"""A large plan document through the fast path: the same bytes as docxtpl's own render.

The fast path moves a filled body into the opened template piece by piece (one move of a
whole body costs the square of its size in lxml) and empties it once the document is saved.
An appendix table of 150 rows is moved row by row; the bytes must not change for it.
"""

from __future__ import annotations

import copy

import yaml

from helpers import MINIMAL, docxtpl_reference
from kehoach.plan.validate import load_plan
from kehoach.render import kinds, names

UNITS = 60
KEY_TASKS = 150


def large_plan(tmp_path):
    data = copy.deepcopy(MINIMAL)
    data["phases"] = [{"id": "dot-1", "name": "Đợt 1", "start": "2025-01-10", "end": "2025-06-30"}]
    data["units"] = [
        {
            "id": f"don-vi-{i:03d}",
            "name": f"Trường Tiểu học số {i}",
            "tasks": [
                {"text": f"Treo cờ, băng rôn tại trường số {i}.", "phase": "dot-1", "with": ["Công an phường"]},
                {"text": "Báo cáo kết quả   sau đợt.", "bullets": ["Bằng văn bản.", "Qua phần mềm."]},
            ],
        }
        for i in range(UNITS)
    ]
    data["key_tasks"] = [
        {"text": f"Nhiệm vụ trọng tâm số {k}.", "lead": [f"don-vi-{k % UNITS:03d}"], "deadline": "Quý II/2025"}
        for k in range(KEY_TASKS)
    ]
    data["appendices"] = [{"title": "Nhiệm vụ trọng tâm", "show": "key_tasks"}]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_large_plan_document_and_its_letters_are_docxtpls_bytes(tmp_path):
    path = large_plan(tmp_path)
    plan = load_plan(path).plan
    documents = kinds.documents(plan)
    # the plan document twice: a body moved in, saved, emptied, then moved in again
    for document in [documents[0], *documents[1:7], documents[0]]:
        template = names.find_template(document.template, path.parent)
        fast = kinds.render_document(document, plan, template)
        slow = docxtpl_reference(template, document.view(plan), plan, document.title)
        assert fast == slow, document.name
