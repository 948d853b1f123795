"""A template prepared once and filled many times: the fast path of rendering.

docxtpl, used as documented, reopens the Word file, cleans its XML and compiles
its Jinja source for every document it renders; for a city's plan with a
thousand units that is most of the time. Here each template is opened, cleaned
and compiled once per process; a render only fills the compiled body, headers
and footers, puts the new body into the opened document, sizes the rules, and
zips the parts, copying the untouched ones from the template as they are.

The bytes are the same as rendering through docxtpl's own ``render`` and
python-docx's ``save``: the same docxtpl and python-docx functions transform and
serialise every part, and a test (tests/render/test_fast_path.py, which keeps that
reference) compares the two paths on every document of the reference plans.
Those functions are not documented API: every call of them goes through
:mod:`kehoach.render.internals`, which lists them (and pyproject.toml pins both
libraries to the minor versions proven).

Whatever a template gets wrong (a syntax error, a tag reaching other files, a
misspelt variable, a loop too large, tags that leave the XML broken once filled)
is reported with the template, the part and the paragraph, never as a crash.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template, UndefinedError
from lxml import etree

from kehoach.plan.model import Plan
from kehoach.render import check, docx, docx_bytes, footnotes, internals, layout, streamed, tables
from kehoach.render.source import FAILURES, Source, docx_sources, failure, parse
from kehoach.text.errors import KehoachError

#: What docxtpl's ``resolve_listing`` turns into Word's breaks and tabs. Looked for one at a time
#: (``in``, a scan in C), which is a hundred times quicker than a pattern of the four.
_LISTING = ("\t", "\n", "\a", "\f")
_LISTING_BYTES = tuple(c.encode() for c in _LISTING)
#: A new line Jinja leaves before a paragraph, which docxtpl's ``render_xml_part`` removes.
_PARAGRAPH_BREAK = re.compile(r"\n<w:p([ >])")
#: An empty run docxtpl leaves around each ``{{r …}}`` tag, with no tail after it: the body's
#: runs :func:`kehoach.render.docx.drop_empty_runs` removes, removed here before parsing.
_EMPTY_RUN = re.compile(rb'<w:r><w:t xml:space="preserve"></w:t></w:r>(?=<)')
#: Where the filled body is cut into pieces cleaned one at a time (see ``_cleaned``).
_PARAGRAPH_END = b"</w:p>"
#: A filled body larger than this (a plan of some 1,500 units) is parsed in pieces: a smaller
#: one is parsed whole, which is quicker.
STREAMED_BODY = 8_000_000
#: Pieces of Jinja's output encoded at a time.
_BATCH = 4096


@dataclass(frozen=True)
class _Part:
    """A part of the template (body, header or footer): its source and its compiled template."""

    source: Source
    template: Template

    @property
    def member(self) -> str:
        """The zip member the part is written to (``word/header1.xml``)."""
        return self.source.part


class CompiledTemplate:
    """One template file, opened and compiled, ready to render documents quickly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tpl: DocxTemplate = docx.open_template(path)
        env = docx.jinja_env()
        self.body, *self.parts = [_Part(s, env.from_string(parse(env, s))) for s in docx_sources(self.tpl, str(path))]
        self.entries = _zip_entries(self.tpl)
        self.fonts = layout.style_fonts(self.tpl.docx)
        self.table_styles = _table_styles(self.fonts)
        self.rules = layout.rule_styles(self.fonts)
        #: Each header's and footer's last filled XML and what it was written as.
        self._last_parts: dict[str, tuple[bytes, bytes]] = {}
        #: The document properties last set on the opened document.
        self._properties: dict[str, object] = {}

    def _fill(self, part: _Part, context: dict[str, Any], views: tuple[type, ...]) -> str:
        """Jinja, then docxtpl's own clean-up of the result (as ``render_xml_part`` does)."""
        with self._jinja(part, views):
            xml = _PARAGRAPH_BREAK.sub(r"<w:p\1", part.template.render(context))
        if not any(c in xml for c in _LISTING):  # nothing for resolve_listing to turn into breaks or tabs
            return xml
        return internals.resolve_listing(self.tpl, xml)

    def _fill_body(self, context: dict[str, Any], views: tuple[type, ...]) -> list[bytes]:
        """The body as :meth:`_fill` makes it, in UTF-8 (its encoding), in pieces encoded as Jinja
        yields them.

        A province's plan document fills 36 MB of UTF-8; as one text, and with Jinja's list of
        pieces joined into it, it took four times that.
        """
        with self._jinja(self.body, views):
            chunks = list(_cleaned(_utf8(self.body.template.generate(context))))
        if not any(c in chunk for chunk in chunks for c in _LISTING_BYTES):
            return chunks
        xml = b"".join(chunks).decode("utf-8")
        return [internals.resolve_listing(self.tpl, xml).encode("utf-8")]

    @contextmanager
    def _jinja(self, part: _Part, views: tuple[type, ...]) -> Iterator[None]:
        """A template's error while it fills, named with its template, part and paragraph."""
        try:
            yield
        except UndefinedError as exc:
            raise failure(exc, part.source, _misspelt(self.path, views)) from None
        except FAILURES as exc:
            raise failure(exc, part.source) from None

    def _body_tree(self, context: dict[str, Any], views: tuple[type, ...]) -> tuple[Any, list[bytes]]:
        """The filled body parsed, and the parts of it written out already (a large body's
        paragraphs, :mod:`kehoach.render.streamed`); the context is emptied and the text let go
        once they are used, so that a province's plan does not hold them beside its tree."""
        chunks = self._fill_body(context, views)
        context.clear()
        cut = streamed.parse(chunks, self.rules) if sum(map(len, chunks)) > STREAMED_BODY else None
        if cut is not None:
            chunks = [etree.tostring(cut.body, encoding="UTF-8")]
        xml = b"".join(chunks)
        chunks.clear()
        with self._well_formed(self.body.member):
            tree = internals.filled_body(self.tpl, xml)
        return tree, (cut.parts if cut is not None else [])

    def render(
        self,
        context: dict[str, Any],
        plan: Plan,
        title: str,
        views: tuple[type, ...] = (),
        landscape: tuple[bool, ...] = (),
        notes: list[str] | None = None,
    ) -> bytes:
        """The finished DOCX for one document; ``views`` (those the template receives) name
        misspelt tags; ``landscape`` turns sections (in order) to landscape pages; ``notes``
        are the texts of the footnotes the context refers to. The context is emptied (see
        :meth:`_body_tree`)."""
        parts = {p.member: self._fill(p, context, views).encode(p.source.encoding) for p in self.parts}
        tree, written = self._body_tree(context, views)
        doc = self.tpl.docx
        internals.replace_body(doc, tree)
        docx.finish(doc, plan, title, self.fonts, landscape, self._properties)
        fresh = {member: self._serialized(member, xml) for member, xml in parts.items()}
        fresh |= internals.saved_parts(doc)
        internals.release_body(doc)
        if written:
            fresh[self.body.member] = streamed.written(fresh[self.body.member], written)
        entries = [(name, fresh.get(name, data)) for name, data in self.entries]
        return docx_bytes.zip_entries(footnotes.with_notes(entries, notes or []))

    def _serialized(self, member: str, xml: bytes) -> bytes:
        """A filled header or footer as python-docx writes it; the same as the last document's
        (a letter's header names no unit) is not parsed again."""
        last = self._last_parts.get(member)
        if last is not None and last[0] == xml:
            return last[1]
        with self._well_formed(member):
            written = internals.serialized(xml)
        self._last_parts[member] = (xml, written)
        return written

    @contextmanager
    def _well_formed(self, member: str) -> Iterator[None]:
        """A filled part that is not XML means tags that open in one place and close in another."""
        try:
            yield
        except etree.XMLSyntaxError as exc:
            raise KehoachError("template.bad_output", name=str(self.path), part=member, detail=exc.msg) from None


def _utf8(pieces: Iterable[str]) -> Iterator[bytes]:
    """Jinja's pieces in UTF-8, joined and encoded a batch at a time."""
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == _BATCH:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    yield "".join(batch).encode("utf-8")


def _cleaned(batches: Iterable[bytes]) -> Iterator[bytes]:
    """The filled body with docxtpl's new lines before paragraphs and the empty runs taken out,
    a piece at a time: each piece ends at a paragraph's end (``</w:p>``), which neither pattern
    can reach across, so that cleaning the pieces gives the bytes cleaning the whole would."""
    carry = b""
    for batch in batches:
        text = carry + batch
        cut = text.rfind(_PARAGRAPH_END) + len(_PARAGRAPH_END)
        if cut < len(_PARAGRAPH_END):
            carry = text
            continue
        carry = text[cut:]
        yield _EMPTY_RUN.sub(b"", _joined_paragraphs(text[:cut]))
    yield _EMPTY_RUN.sub(b"", _joined_paragraphs(carry))


def _joined_paragraphs(xml: bytes) -> bytes:
    """``xml`` without the new line before each paragraph (``_PARAGRAPH_BREAK``), by two
    replacements in C: the pattern's substitution, a group copied for each of a letter's
    hundred paragraphs, took twice as long."""
    return xml.replace(b"\n<w:p ", b"<w:p ").replace(b"\n<w:p>", b"<w:p>")


def _table_styles(fonts: dict[str, layout.StyleFont]) -> tables.TableStyles:
    """The ids of the styles of tables kehoach makes, as this template names them ("KH Bảng",
    "KH Đầu bảng"; a template edited in Word may give them other ids)."""
    ids = {font.name: style_id for style_id, font in fonts.items()}
    return tables.TableStyles(ids.get(TABLE_TEXT, "Normal"), ids.get(TABLE_HEADER, ids.get(TABLE_TEXT, "Normal")))


#: The paragraph styles of the cells of tables kehoach makes.
TABLE_TEXT, TABLE_HEADER = "KH Bảng", "KH Đầu bảng"


def _misspelt(path: Path, views: tuple[type, ...]) -> str:
    """The template's variables its views lack, as tags (empty when the check finds none)."""
    return ", ".join(f.tag for f in check.check(path, views))


def _zip_entries(tpl: DocxTemplate) -> list[tuple[str, bytes]]:
    """The template saved by python-docx, as (member, bytes) in the order it writes them."""
    raw = io.BytesIO()
    tpl.docx.save(raw)
    return docx_bytes.members(raw.getvalue())


_cache: dict[tuple[str, int, int], CompiledTemplate] = {}


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template for ``path``, compiled once per process and file version."""
    stat = path.stat()
    key = (str(path.absolute()), stat.st_mtime_ns, stat.st_size)  # resolve() costs a call per folder
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = CompiledTemplate(path)
    return found
