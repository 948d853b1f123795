"""A template's Jinja source, parsed once, and where in it something went wrong.

A secretary who breaks a template in Word needs to find the spot again: "line 40"
means nothing in a Word file. So a DOCX part's source is cut into lines at every
paragraph (``<w:p``), and a line number, from a syntax error or from the template
frame of a failure while rendering, leads back to that paragraph's text. For the
HTML template a line is a line of the file.

A template may not reach outside itself: ``{% include %}``, ``{% import %}``,
``{% from %}`` and ``{% extends %}`` would read other files (there is no loader
to find them), so they are refused when the template is parsed, with the tag.

Nor may an ``{% if %}`` or ``{% for %}`` open inside one XML element and close
outside it (an ``if`` typed in a table cell, its ``endif`` below the table):
left out or repeated, its content would break the document's XML, which docxtpl
then "recovers" into a document missing whole parts. An ``if`` in one paragraph
and its ``endif`` in the next is fine (left out, the two paragraphs merge).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from types import TracebackType

from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import MAX_RANGE

from kehoach.render import internals
from kehoach.text.errors import KehoachError

#: docxtpl's escapes for a literal tag in a template ({_{ shows "{{"), as Jinja string literals.
_ESCAPED = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
#: Tags that would read another file, and how a user would have typed them.
FORBIDDEN = {
    nodes.Include: "{% include %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
    nodes.Extends: "{% extends %}",
}
#: The name Jinja gives a template made from a string, seen in its traceback frames.
_TEMPLATE_FILENAME = "<template>"
#: What a template's own code can raise while it renders (the data it is given is plain).
FAILURES = (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, RecursionError)
#: How much of a paragraph an error message quotes.
_QUOTE = 100
#: An XML start or end tag in a template's text (declarations, comments and empty elements ignored).
_XML_TAG = re.compile(r"<(/?)([^\s/>!?]+)[^>]*?(/?)>")
#: Jinja blocks whose content is left out or repeated, and the tags that continue or end them.
_BLOCKS = {"if", "for"}
_BRANCHES = {"elif", "else"}


@dataclass(frozen=True)
class Source:
    """One part of a template as Jinja source: ``part`` names it in messages."""

    name: str
    part: str
    text: str
    encoding: str = "utf-8"
    #: True for a DOCX part (one paragraph a line), False for a text file such as HTML.
    paragraphs: bool = True

    def place(self, line: int | None) -> str:
        """``word/document.xml``, or ``ke-hoach.html:12`` for a line of a text file."""
        return self.part if self.paragraphs or not line else f"{self.part}:{line}"

    def quote(self, line: int | None) -> str:
        """The text of the paragraph (or line) ``line``, as a reader sees it, shortened."""
        lines = self.text.split("\n")
        if not line or not 0 < line <= len(lines):
            return ""
        text = lines[line - 1]
        if self.paragraphs:
            text = html.unescape(re.sub(r"<[^>]*>", "", text))
        text = " ".join(text.split())
        return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"

    def error(self, code: str, line: int | None, **args: str) -> KehoachError:
        """A catalogue error naming the template, the part and the paragraph at ``line``."""
        if "detail" in args:  # the catalogue's sentence ends with its own full stop
            args["detail"] = args["detail"].rstrip(".")
        return KehoachError(code, name=self.name, place=self.place(line), text=self.quote(line), **args)


def docx_sources(tpl: DocxTemplate, name: str) -> list[Source]:
    """The body, headers and footers of an opened template, prepared as Jinja source."""
    return [Source(name, member, _prepared(xml), encoding) for member, xml, encoding in internals.part_sources(tpl)]


def _prepared(source: str) -> str:
    # docxtpl's escapes become Jinja string literals here, instead of a replacement over the
    # rendered text that would also change plan text; every paragraph starts a line.
    for escaped, plain in _ESCAPED:
        source = source.replace(escaped, "{{ '" + plain + "' }}")
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


def parse(env: Environment, source: Source) -> nodes.Template:
    """The source's syntax tree; a syntax error or a tag reaching other files is named where it is."""
    try:
        tree = env.parse(source.text)
    except TemplateSyntaxError as exc:
        raise source.error("template.error_at", exc.lineno, detail=exc.message or str(exc)) from None
    for kind, tag in FORBIDDEN.items():
        for node in tree.find_all(kind):
            raise source.error("template.forbidden_tag", node.lineno, tag=tag)
    if source.paragraphs:
        _check_nesting(env, source)
    return tree


def _check_nesting(env: Environment, source: Source) -> None:
    """Every if/for block leaves the XML elements open as it found them, in each branch."""
    elements: list[str] = []
    blocks: list[tuple[str, tuple[str, ...], int]] = []  # keyword, open elements at its start, line
    in_tag = False  # between "{%" and its keyword
    for line, kind, value in env.lex(source.text):
        if kind == "data":
            _follow_xml(value, elements)
        elif kind == "block_begin":
            in_tag = True
        elif kind == "name" and in_tag:
            in_tag = False
            _follow_block(value, line, elements, blocks, source)


def _follow_xml(data: str, elements: list[str]) -> None:
    for closing, name, empty in _XML_TAG.findall(data):
        if closing:
            if elements and elements[-1] == name:
                elements.pop()
        elif not empty:
            elements.append(name)


def _follow_block(
    keyword: str, line: int, elements: list[str], blocks: list[tuple[str, tuple[str, ...], int]], source: Source
) -> None:
    if keyword in _BLOCKS:
        blocks.append((keyword, tuple(elements), line))
        return
    if not blocks or (keyword not in _BRANCHES and keyword.removeprefix("end") != blocks[-1][0]):
        return
    opened, before, start = blocks[-1]
    if tuple(elements) != before:
        raise source.error("template.unbalanced", start, tag="{% " + opened + " %}", end="{% " + keyword + " %}")
    if keyword.startswith("end"):
        blocks.pop()


def failure(exc: Exception, source: Source, tags: str = "") -> KehoachError:
    """What a template's code raised while rendering, as an error naming where it happened.

    ``tags`` names misspelt variables when the caller could find them (an undefined
    variable's own message only says "'dict object' has no attribute …").
    """
    line = template_line(exc.__traceback__)
    if isinstance(exc, UndefinedError):
        return source.error("template.undefined_at", line, tags=tags or str(exc))
    if isinstance(exc, OverflowError):
        return source.error("template.too_big", line, limit=str(MAX_RANGE))
    return source.error("template.error_at", line, detail=str(exc) or type(exc).__name__)


def template_line(tb: TracebackType | None) -> int | None:
    """The template line an error was raised at: Jinja rewrites the traceback to show it."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
