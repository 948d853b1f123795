"""The fast path (templates compiled once, parts copied) gives docxtpl's bytes exactly."""

from __future__ import annotations

import io
import zipfile

import pytest

from helpers import LAO_CAI, PLAN, docxtpl_reference
from kehoach.plan.validate import load_plan
from kehoach.publish import batch
from kehoach.publish.pipeline import run_render
from kehoach.render import kinds, names


@pytest.mark.parametrize("path", [PLAN, LAO_CAI], ids=["reference", "lao-cai"])
def test_fast_path_equals_docxtpl_render_and_save(path):
    plan = load_plan(path).plan
    for document in kinds.documents(plan):
        template = names.find_template(document.template, path.parent)
        fast = kinds.render_document(document, plan, template)
        slow = docxtpl_reference(template, document.view(plan), plan, document.title)
        assert fast == slow, document.name


def test_process_pool_gives_the_same_files(tmp_path, monkeypatch):
    serial = run_render(LAO_CAI, tmp_path / "serial")
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(batch, "workers", lambda: 2)
    pooled = run_render(LAO_CAI, tmp_path / "pooled")
    assert [f.name for f in pooled.files] == [f.name for f in serial.files]
    for item in serial.files:
        assert (tmp_path / "serial" / item.name).read_bytes() == (tmp_path / "pooled" / item.name).read_bytes()


def test_the_body_keeps_no_empty_run_of_docxtpl(tmp_path):
    """docxtpl leaves an empty run on each side of a ``{{r …}}`` tag: a third of a large plan's
    elements. Both paths drop them (the fast path before parsing, ``finish`` after docxtpl)."""
    plan = load_plan(PLAN).plan
    document = next(d for d in kinds.documents(plan) if d.unit is None)
    template = names.find_template(document.template, PLAN.parent)
    data = kinds.render_document(document, plan, template)
    with zipfile.ZipFile(io.BytesIO(data)) as docx_file:
        body = docx_file.read("word/document.xml")
    assert b'<w:r><w:t xml:space="preserve"/></w:r>' not in body
    assert body.count(b"<w:r>") > 100  # the text is all there, in its runs
