"""The fast path (templates compiled once, parts copied) gives docxtpl's bytes exactly."""

from __future__ import annotations

import io
import os
import zipfile
from concurrent.futures import ProcessPoolExecutor

import pytest
from docxtpl import RichText
from lxml import etree

from helpers import LAO_CAI, PLAN, docxtpl_reference
from kehoach.plan.validate import load_plan
from kehoach.publish import batch
from kehoach.publish.pipeline import run_render
from kehoach.render import compiled, docx, internals, kinds, names, streamed
from kehoach.text.markup import Run


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


EXAMPLES = sorted((PLAN.parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", [PLAN, *EXAMPLES], ids=lambda p: p.stem)
def test_a_body_parsed_in_pieces_gives_the_same_bytes(path, monkeypatch):
    """A province's plan document is parsed a paragraph at a time (render.streamed); forced on
    every document here, each is still docxtpl's, byte for byte: tables, sections, rules,
    footnotes and all."""
    monkeypatch.setattr(compiled, "STREAMED_BODY", 0)
    cut = []
    real_parse = streamed.parse
    monkeypatch.setattr(streamed, "parse", lambda *args: cut.append(real_parse(*args)) or cut[-1])
    plan = load_plan(path).plan
    documents = [d for d in kinds.documents(plan) if path == PLAN or d.unit is None]
    for document in documents:
        template = names.find_template(document.template, path.parent)
        fast = kinds.render_document(document, plan, template)
        slow = docxtpl_reference(template, document.view(plan), plan, document.title)
        assert fast == slow, document.name
    assert cut and all(c is not None and c.parts for c in cut)  # each body was cut, none parsed whole


def test_a_rule_under_a_long_run_of_paragraphs_is_parsed_whole():
    """A rule measures the paragraphs of one style just above it: after more of them than are
    kept, the body cannot be cut, and is parsed whole."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    para = '<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
    short = [para.format("Body")] * 3 + [para.format("Rule")]
    long = [para.format("Body")] * (streamed.WINDOW + 2) + [para.format("Rule")]
    for paragraphs, cut in ((short, True), (long, False)):
        chunks = [f"<w:body {w}>".encode(), *(p.encode() for p in paragraphs), b"</w:body>"]
        assert (streamed.parse(chunks, frozenset({"Rule"})) is not None) is cut


TEXTS = ["Kế hoạch ", "số 15", " <a&b>", "\"Ngày hội\" 'đại đoàn kết'", "", "  ", "100% {x} %s", "Phường\u00a0Ba Đình"]


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("italic", [False, True])
def test_texts_are_written_when_printed_as_docxtpl_writes_them(bold, italic):
    runs = tuple(Run(text, bold=bold and i % 2 == 0, italic=italic or i == 3) for i, text in enumerate(TEXTS))
    eager = RichText()
    for run in runs:
        eager.add(run.text, bold=run.bold, italic=run.italic)
    assert str(docx.rich_text(runs)) == eager.xml
    assert str(docx.rich_text((*runs, Run("chú thích", note=True)))) == eager.xml  # a footnote without notes: left out


def test_a_large_run_renders_the_whole_plan_first_in_the_parent(tmp_path, monkeypatch):
    """From MEMORY_FIRST documents the plan's own documents are rendered by the parent before
    the pool is forked (so no worker copies the plan's pages), and each pool of workers renders
    RENEWED documents at most (then hands back its copies): the same files as a serial run."""
    serial = run_render(LAO_CAI, tmp_path / "serial")
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(batch, "MEMORY_FIRST", 2)
    monkeypatch.setattr(batch, "RENEWED", 4)
    monkeypatch.setattr(batch, "workers", lambda: 2)
    pools = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Counted)
    here, render_one = [], batch._render_one
    parent = os.getpid()

    def recorded(document, *args):
        if os.getpid() == parent:
            here.append(document.name)
        return render_one(document, *args)

    monkeypatch.setattr(batch, "_render_one", recorded)
    pooled = run_render(LAO_CAI, tmp_path / "pooled")
    plan = load_plan(LAO_CAI).plan
    assert here == [d.name for d in kinds.documents(plan) if d.unit is None]
    unit_documents = len(kinds.documents(plan)) - len(here)
    assert len(pools) == -(-unit_documents // 4) > 1
    assert sorted(f.name for f in pooled.files) == sorted(f.name for f in serial.files)
    for item in serial.files:
        assert (tmp_path / "serial" / item.name).read_bytes() == (tmp_path / "pooled" / item.name).read_bytes()


def _table(grid: list[int], rows: list[list[int]]) -> str:
    """A table with a grid of these widths and rows of cells merging this many columns each."""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    cell = "<w:tc>{}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    span = '<w:tcPr><w:gridSpan w:val="{}"/></w:tcPr>'
    body = "".join(
        "<w:tr>" + "".join(cell.format(span.format(s) if s != 1 else "") for s in row) + "</w:tr>" for row in rows
    )
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{body}</w:tbl>"


_BODY = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}</w:body></w:document>'


@pytest.mark.parametrize(
    "tables",
    [
        [_table([3000, 3000], [[1, 1], [2]])],  # fits: nothing to do
        [_table([3000, 3000], [[1, 1, 1], [1, 1]])],  # a row wider than the grid: columns added
        [_table([2000, 2000, 2000], [[1, 1], [2]])],  # no row fills the grid: columns removed
        [_table([2000, 2000, 2000], [[2, 1], [3]])],  # full only with its merges counted
        [_table([3000, 3000], [[1, 1]]), _table([1000, 1000, 1000], [[1]])],  # the second is fixed
        [_table([3000, 3000], [["x", 1], [1, 1]])],  # a merge that is not a number: docxtpl's answer
        [_table([3000, 3000], [[0, 1, 1]])],  # a merge of no column
        [_table([3000], [])],  # no rows
        [_table([3000, 3000], [[1, 1]]).replace("<w:tblGrid>", "<w:tblGrid/><w:tblGrid>", 1)],
    ],
)
def test_filled_body_fixes_tables_as_docxtpl_does(tables):
    """The quick check of table grids gives the tree docxtpl's ``fix_tables`` gives, fixed or not."""
    xml = _BODY.format("".join(tables)).encode()
    tpl = docx.open_template(names.find_template("checklist.docx", PLAN.parent))

    def docxtpl_fixed() -> bytes:
        tree = tpl.fix_tables(xml)
        tpl.docx_ids_index = internals.DOCPR_FIRST_ID
        tpl.fix_docpr_ids(tree)
        return etree.tostring(tree)

    assert _outcome(lambda: etree.tostring(internals.filled_body(tpl, xml))) == _outcome(docxtpl_fixed)


def _outcome(make):
    """What ``make`` returns, or the kind of error it raises."""
    try:
        return make()
    except Exception as exc:  # the error itself is what is compared
        return type(exc)


def test_a_grid_that_no_longer_fits_is_fixed():
    """The fixture above reaches docxtpl's fix: a row wider than its grid gets columns."""
    xml = _BODY.format(_table([3000, 3000], [[1, 1, 1]])).encode()
    tpl = docx.open_template(names.find_template("checklist.docx", PLAN.parent))
    fixed = internals.filled_body(tpl, xml)
    assert [c.get(f"{{{W}}}w") for c in fixed.iter(f"{{{W}}}gridCol")] == ["2000", "2000", "2000"]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_kehoachs_own_tables_need_no_fixing(monkeypatch):
    """Every table of the reference plan's documents (the checklist's, the plan's task table)
    passes the quick check, so docxtpl's slow walk of their cells is never run."""
    monkeypatch.setattr("docxtpl.DocxTemplate.fix_tables", lambda *a: pytest.fail("fix_tables was run"))
    compiled._cache.clear()
    for path in (PLAN, LAO_CAI):
        plan = load_plan(path).plan
        for document in kinds.documents(plan):
            kinds.render_document(document, plan, names.find_template(document.template, path.parent))
    compiled._cache.clear()


#: What ``docx.drop_empty_runs_in`` removes, as an XPath (what it was written as before).
_EMPTY_RUNS = etree.XPath(
    ".//w:r[not(@*) and count(node()) = 1][w:t[not(node()) and count(@*) = 1 and @xml:space = 'preserve']]",
    namespaces={"w": W},
)
_NS = f'xmlns:w="{W}"'


@pytest.mark.parametrize(
    "runs",
    [
        '<w:r><w:t xml:space="preserve"></w:t></w:r><w:r><w:t xml:space="preserve"/></w:r>',  # both go
        '<w:r><w:t xml:space="preserve"></w:t></w:r>tail',  # text after it: kept
        '<w:r><w:t xml:space="preserve"></w:t>after</w:r>',
        '<w:r>before<w:t xml:space="preserve"></w:t></w:r>',
        '<w:r w:rsidR="00A1"><w:t xml:space="preserve"></w:t></w:r>',  # attributes: kept
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r>',
        '<w:r><w:t xml:space="preserve" w:x="1"></w:t></w:r>',
        "<w:r><w:t></w:t></w:r>",
        '<w:r><w:t xml:space="default"></w:t></w:r>',
        '<w:r><w:t xml:space="preserve"> </w:t></w:r>',
        '<w:r><w:t xml:space="preserve"><!-- c --></w:t></w:r>',
        '<w:r><!-- c --><w:t xml:space="preserve"></w:t></w:r>',
        '<w:hyperlink><w:r><w:t xml:space="preserve"></w:t></w:r></w:hyperlink>',  # deeper: goes
        '<w:t xml:space="preserve"></w:t>',  # no run around it
    ],
)
def test_empty_runs_are_found_as_the_xpath_finds_them(runs):
    expected = etree.fromstring(f"<w:p {_NS}>{runs}</w:p>")
    for run in _EMPTY_RUNS(expected):
        if run.tail is None and run[0].tail is None:
            run.getparent().remove(run)
    dropped = etree.fromstring(f"<w:p {_NS}>{runs}</w:p>")
    docx.drop_empty_runs_in(dropped)
    assert etree.tostring(dropped) == etree.tostring(expected)
