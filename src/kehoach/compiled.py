"""A template prepared once and filled many times: the fast path of rendering.

docxtpl, used as documented, reopens the Word file, cleans its XML and compiles
its Jinja source for every document it renders; for a city's plan with a
thousand units that is most of the time. Here each template is opened, cleaned
and compiled once per process; a render only fills the compiled body, headers
and footers, puts the new body into the opened document, sizes the rules, and
zips the parts, copying the untouched ones from the template as they are.

The bytes are the same as rendering through docxtpl's own ``render`` and
python-docx's ``save`` (``render.render_docx``): the same docxtpl and
python-docx functions transform and serialise every part, and a test compares
the two paths on every document of the reference plans.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.oxml import parse_xml, serialize_part_xml
from docxtpl import DocxTemplate
from jinja2 import Template, TemplateError, UndefinedError

from kehoach import layout, render, writer
from kehoach.errors import KehoachError
from kehoach.model import Plan

_LISTING = re.compile("[\t\n\a\f]")
_ESCAPED = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


@dataclass(frozen=True)
class _Part:
    """A header or footer of the template: where it goes and its compiled source."""

    member: str
    encoding: str
    template: Template


class CompiledTemplate:
    """One template file, opened and compiled, ready to render documents quickly."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tpl: DocxTemplate = render.open_template(path)
        env = render.jinja_env()
        self.body = self._compile(env, self.tpl.patch_xml(self.tpl.get_xml()))
        self.parts = [
            self._compile_part(env, part, uri)
            for uri in (self.tpl.HEADER_URI, self.tpl.FOOTER_URI)
            for _, part in self.tpl.get_headers_footers(uri)
        ]
        self.entries = _zip_entries(self.tpl)
        self.fonts = layout.style_fonts(self.tpl.docx)

    def _compile(self, env: Any, source: str) -> Template:
        # docxtpl's escapes ({_{ for a literal {{ in a template) become Jinja string literals
        # here, instead of a replacement over the rendered text that would also change plan text.
        for escaped, plain in _ESCAPED:
            source = source.replace(escaped, "{{ '" + plain + "' }}")
        try:
            return env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", source))
        except TemplateError as exc:
            raise KehoachError("template.error", name=str(self.path), detail=str(exc)) from None

    def _compile_part(self, env: Any, part: Any, uri: str) -> _Part:
        xml = self.tpl.get_part_xml(part)
        encoding = self.tpl.get_headers_footers_encoding(xml)
        return _Part(part.partname.membername, encoding, self._compile(env, self.tpl.patch_xml(xml)))

    def _fill(self, template: Template, context: dict[str, Any]) -> str:
        """Jinja, then docxtpl's own clean-up of the result (as ``render_xml_part`` does)."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", template.render(context))
        if not _LISTING.search(xml):  # nothing for resolve_listing to turn into breaks or tabs
            return xml
        return self.tpl.resolve_listing(xml)

    def render(self, context: dict[str, Any], plan: Plan, title: str) -> bytes:
        """The finished DOCX for one document."""
        try:
            body = self._fill(self.body, context)
            parts = {p.member: self._fill(p.template, context).encode(p.encoding) for p in self.parts}
        except UndefinedError:
            raise render.undefined_error(self.path) from None
        except TemplateError as exc:
            raise KehoachError("template.error", name=str(self.path), detail=str(exc)) from None
        doc = self.tpl.docx
        tree = self.tpl.fix_tables(body)
        self.tpl.docx_ids_index = 1000
        self.tpl.fix_docpr_ids(tree)
        doc.element.replace(doc.element.body, tree)
        render.finish(doc, plan, title, self.fonts)
        fresh = {member: serialize_part_xml(parse_xml(xml)) for member, xml in parts.items()}
        fresh[doc.part.partname.membername] = serialize_part_xml(doc.element)
        core = doc.part.package._core_properties_part
        fresh[core.partname.membername] = serialize_part_xml(core._element)
        return writer.zip_entries([(name, fresh.get(name, data)) for name, data in self.entries])


def _zip_entries(tpl: DocxTemplate) -> list[tuple[str, bytes]]:
    """The template saved by python-docx, as (member, bytes) in the order it writes them."""
    raw = io.BytesIO()
    tpl.docx.save(raw)
    with zipfile.ZipFile(raw) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


_cache: dict[tuple[str, int, int], CompiledTemplate] = {}


def compiled(path: Path) -> CompiledTemplate:
    """The compiled template for ``path``, compiled once per process and file version."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = CompiledTemplate(path)
    return found
