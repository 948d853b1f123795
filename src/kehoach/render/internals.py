"""Every use kehoach makes of docxtpl's and python-docx's undocumented internals, and only here.

The fast path (:mod:`kehoach.render.compiled`) prepares a template once and fills
it many times, which docxtpl's documented API (``render`` then ``save``) cannot
do; the template check and error messages read a template's parts as docxtpl
prepares them; rules are sized and documents read back paragraph by paragraph.
For that kehoach calls methods and reads fields that are no promise of either
library, and a minor release may change them. That is why pyproject.toml pins
both to the minor versions proven, and why they are gathered here.

Relied on, in docxtpl (0.20), methods of ``DocxTemplate``:

- ``init_docx()`` (open the file), the ``docx`` field it sets;
- ``get_xml()``, ``patch_xml()``, ``get_headers_footers(uri)`` with ``HEADER_URI`` and
  ``FOOTER_URI``, ``get_part_xml(part)``, ``get_headers_footers_encoding(xml)``
  (a part's Jinja source, as ``render`` prepares it);
- ``resolve_listing(xml)``, ``fix_tables(xml)``, ``fix_docpr_ids(tree)`` and the
  ``docx_ids_index`` field (what ``render`` does to a filled part);
- ``RichText`` keeps its WordprocessingML in its ``xml`` field, which it prints
  (``__html__``): footnote references are added there, and a text made when printed
  (a province's plan document) provides it as a property; ``RichText.add`` writes a run
  of plain text as :func:`plain_runs_xml` does.

In python-docx (1.2):

- ``docx.opc.oxml.parse_xml`` and ``serialize_part_xml`` (how ``save`` writes a part);
- ``Part.partname.membername`` (a part's zip member), ``CT_Document.body`` (the ``w:body``);
- ``OpcPackage._core_properties_part`` and its ``_element`` (the core properties);
- ``Document._body`` (the parent a ``Paragraph`` or ``Table`` needs) and ``_Cell._tc``;
- for ``kehoach import`` of a plan typed in Word, the numbers Word puts before a paragraph
  itself: ``Paragraph._p`` with ``CT_P.pPr.numPr`` (``numId``, ``ilvl``), a style's
  ``element.pPr.numPr``, and ``DocumentPart.numbering_part`` (its ``w:num`` and
  ``w:abstractNum`` definitions, read with lxml); and the bookmarks in ``Paragraph._p``
  (the ids kehoach marks a plan's mục and items with).

Not counted as internals: ``docx.oxml.ns.qn`` (the namespace helper python-docx's
own documentation shows), lxml's API on the elements, and the documented
``Document``, ``core_properties``, ``styles``, ``sections`` and ``save``.

Proven by tests/render/test_fast_path.py, which renders every document of the reference
plans through the fast path and through docxtpl's own ``render`` and python-docx's
``save`` and compares the bytes, and by the template, layout and textconv tests
(tests/render/test_templates_errors.py, tests/render/test_render.py, tests/cli/test_cli.py).
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable
from typing import Any, cast

from docx.document import Document as DocxDocument
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate, RichText
from lxml import etree

#: The first id docxtpl's ``render`` gives drawings (``w:docPr``) it renumbers.
DOCPR_FIRST_ID = 1000


def open_docx(tpl: DocxTemplate) -> None:
    """Open the template's Word file now, so that a broken one fails here and can be named."""
    tpl.init_docx()


def part_sources(tpl: DocxTemplate) -> list[tuple[str, str, str]]:
    """(zip member, Jinja source as docxtpl prepares it, encoding) of the body, then headers and footers."""
    parts = [(tpl.docx.part.partname.membername, tpl.patch_xml(tpl.get_xml()), "utf-8")]
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            xml = tpl.get_part_xml(part)
            parts.append((part.partname.membername, tpl.patch_xml(xml), tpl.get_headers_footers_encoding(xml)))
    return parts


def resolve_listing(tpl: DocxTemplate, xml: str) -> str:
    """Tabs, new lines and page breaks in filled text made into Word's own elements."""
    return str(tpl.resolve_listing(xml))


def filled_body(tpl: DocxTemplate, xml: str | bytes) -> Any:
    """The filled body as docxtpl's ``render`` leaves it: tables fixed, drawing ids renumbered.

    ``fix_tables`` parses ``xml`` (lxml reads UTF-8 bytes as it reads text) and then walks
    every cell of every table in Python to find grids that no longer fit their rows: half
    the time of a checklist's body, for tables whose grid fits in every document kehoach
    makes. Here the body is parsed as ``fix_tables`` parses it, one XPath per table asks
    whether ``fix_tables`` would change it, and only then is ``fix_tables`` itself run.
    """
    tree = etree.fromstring(xml, etree.XMLParser(recover=True))
    if not _grids_fit(tree):
        tree = tpl.fix_tables(xml)
    tpl.docx_ids_index = DOCPR_FIRST_ID
    tpl.fix_docpr_ids(tree)
    return tree


def _grids_fit(tree: Any) -> bool:
    """Whether ``fix_tables`` would leave every table of ``tree`` as it is (see :func:`_grid_fits`)."""
    namespace = tree.nsmap.get("w")
    if namespace is None:
        return False  # fix_tables fails on it: let it
    fits = _grid_fits(namespace)
    return all(
        fits(table, n=len(table.findall(f"{{{namespace}}}tblGrid[1]/{{{namespace}}}gridCol")))
        for table in tree.iter(f"{{{namespace}}}tbl")
    )


@functools.cache
def _grid_fits(namespace: str) -> etree.XPath:
    """True for a table ``fix_tables`` surely leaves alone, given ``$n`` the columns of its grid.

    ``fix_tables`` adds columns when a row (of the table or of one inside it) has more
    cells than the grid, and removes some when no row, its merged cells (``w:gridSpan``)
    counted, fills the grid. With every merge a whole number of at least one cell, a row
    of exactly ``$n`` cells fills it. A table this does not prove (no grid, an odd merge,
    no full row) is left to ``fix_tables``, which gives the same answer more slowly.
    """
    return etree.XPath(
        "w:tblGrid and not(descendant::w:tr[count(w:tc) > $n])"
        " and not(descendant::w:tr/w:tc/w:tcPr[1]/w:gridSpan[1]"
        "[not(@w:val) or string(number(@w:val)) != @w:val or @w:val < 1])"
        " and ($n = 0 or descendant::w:tr[count(w:tc) = $n])",
        namespaces={"w": namespace},
    )


def body(doc: DocxDocument) -> Any:
    """The document's ``w:body`` element, to walk its paragraphs and tables in order."""
    return doc.element.body


def replace_body(doc: DocxDocument, tree: Any) -> None:
    """Put a filled body into the opened document in place of its own, in time linear in its size.

    The filled body was parsed into a document of its own, and an element moved between
    lxml documents has its namespaces fixed up: lxml (6.1) caches how the old ones map to
    the new, but never finds the ``xml:`` namespace of ``xml:space="preserve"`` (on every
    ``w:t`` with spaces) in that cache and adds it again at each one, so one move of a
    body costs the square of its text runs (0.2 s at a thousand units, 8 s at five
    thousand). Moved piece by piece, each move holds a few runs: the same tree, the same
    bytes. A letter's body (a few hundred elements) is moved whole, which is quicker for it.
    """
    if len(tree) + sum(len(child) for child in tree) <= _WHOLE_MOVE * 8:
        doc.element.replace(doc.element.body, tree)
        return
    children = _detached_children(tree)
    doc.element.replace(doc.element.body, tree)
    _adopt_children(tree, children)


def release_body(doc: DocxDocument) -> None:
    """Empty the body once its document is saved: the next render replaces it anyway.

    Kept, a plan document's body (a million elements for a province) would stay in the
    worker's memory to the end of the run, and moving it out at the next render would
    cost the square of its size again (the same namespace fix-up, see :func:`replace_body`).
    """
    doc.element.body.clear()


#: An element with more children than this is moved as its shell, then child by child.
_WHOLE_MOVE = 64


def _detached_children(element: Any) -> list[Any]:
    """The element's children, taken out of it (with their tails) inside their own document."""
    children = list(element)
    for child in children:
        element.remove(child)
    return children


def _adopt_children(parent: Any, children: list[Any]) -> None:
    """Append children from another document to ``parent``, a small subtree per move."""
    for child in children:
        if len(child) <= _WHOLE_MOVE:
            parent.append(child)
            continue
        grandchildren = _detached_children(child)
        parent.append(child)
        _adopt_children(child, grandchildren)


def serialized(xml: bytes) -> bytes:
    """A part's XML as python-docx's ``save`` writes it.

    Bytes, not text: a header may declare an encoding of its own. ``parse_xml`` is annotated
    ``str`` but hands the value to lxml, which takes both.
    """
    return bytes(serialize_part_xml(parse_xml(cast(str, xml))))


def saved_parts(doc: DocxDocument) -> dict[str, bytes]:
    """The document's body and core properties, as ``save`` would write them, by zip member."""
    core = doc.part.package._core_properties_part
    return {
        doc.part.partname.membername: serialize_part_xml(doc.element),
        core.partname.membername: serialize_part_xml(core._element),
    }


def paragraph(element: Any, doc: DocxDocument) -> Paragraph:
    """A ``w:p`` element of the document as python-docx's paragraph (for its formatting)."""
    return Paragraph(element, doc._body)


def table(element: Any, doc: DocxDocument) -> Table:
    """A ``w:tbl`` element of the document as python-docx's table."""
    return Table(element, doc._body)


def cell_key(cell: _Cell) -> int:
    """The same for every grid position of one merged cell (python-docx repeats it in ``row.cells``)."""
    return id(cell._tc)


class _WhenPrinted(RichText):  # type: ignore[misc]  # docxtpl has no type hints
    """A RichText whose ``xml`` is made each time it is read (what Jinja prints), not kept."""

    def __init__(self, write: Callable[[], str]) -> None:
        self._write = write
        self._fixed: str | None = None

    @property
    def xml(self) -> str:
        return self._fixed if self._fixed is not None else self._write()

    @xml.setter
    def xml(self, value: str) -> None:  # what ``add`` and :func:`append_runs` do
        self._fixed = value


def plain_runs_xml(runs: Iterable[tuple[str, bool, bool]]) -> str:
    """The WordprocessingML docxtpl's ``RichText.add(text, bold=…, italic=…)`` writes for each
    (text, bold, italic), joined: the text escaped by ``html.escape``, ``<w:b/>`` and ``<w:i/>``
    in that order. ``add`` weighs each of its fifteen options for every run; a province's plan
    document has a hundred thousand runs (``tests/render/test_fast_path.py`` compares the two)."""
    return "".join(_RUN_XML[bool(bold), bool(italic)].format(html.escape(text)) for text, bold, italic in runs)


_RUN_XML = {
    (bold, italic): "<w:r>"
    + (f"<w:rPr>{'<w:b/>' * bold}{'<w:i/>' * italic}</w:rPr>" if bold or italic else "")
    + '<w:t xml:space="preserve">{}</w:t></w:r>'
    for bold in (False, True)
    for italic in (False, True)
}


def rich_text_when_printed(write: Callable[[], str]) -> RichText:
    """Runs as a docxtpl RichText whose XML ``write`` makes when the template prints it."""
    return _WhenPrinted(write)


def append_runs(rich: RichText, xml: str) -> None:
    """Add runs of our own (a footnote reference) to a docxtpl RichText, which keeps its runs
    as WordprocessingML text in ``xml`` and offers no method for a run that is not text."""
    rich.xml += xml


def bookmarks(paragraph: Paragraph) -> list[str]:
    """The names of the bookmarks that start in ``paragraph``."""
    return [b.get(qn("w:name")) or "" for b in paragraph._p.iter(qn("w:bookmarkStart"))]


def numbered_as(paragraph: Paragraph, style: Any) -> tuple[int, int] | None:
    """(numId, ilvl) of a paragraph Word numbers itself: its own ``w:numPr``, else its style's
    (or a base style's); None for one it does not (kehoach's documents write their numbers)."""
    p_pr = paragraph._p.pPr
    num_pr: Any = p_pr.numPr if p_pr is not None else None
    while (num_pr is None or num_pr.numId is None) and style is not None:
        s_pr = style.element.pPr
        num_pr = s_pr.numPr if s_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    return int(num_pr.numId.val), int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0


def numbering_levels(doc: DocxDocument) -> dict[tuple[int, int], tuple[str, str, int]]:
    """(numId, ilvl) → (numFmt, lvlText, start) of the document's lists; {} without a
    numbering part. A level's overrides (``w:lvlOverride``) are not followed."""
    try:
        root = doc.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
    out: dict[tuple[int, int], tuple[str, str, int]] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        levels = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
        for lvl in levels.findall(qn("w:lvl")) if levels is not None else []:
            fmt, text, start = (lvl.find(qn(f"w:{name}")) for name in ("numFmt", "lvlText", "start"))
            out[(int(num.get(qn("w:numId"))), int(lvl.get(qn("w:ilvl"))))] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
    return out
