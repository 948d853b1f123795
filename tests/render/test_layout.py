"""Margins written straight into the sections give what python-docx's own setters give."""

from __future__ import annotations

import copy

import docx
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from kehoach.plan.model import Margins, Page
from kehoach.render import layout

PAGE = Page(margins=Margins(top=22.5, bottom=21, left=33, right=17))


def _with_python_docx(doc, page: Page) -> None:
    m = page.margins
    for section in doc.sections:
        section.top_margin, section.bottom_margin = Mm(m.top), Mm(m.bottom)
        section.left_margin, section.right_margin = Mm(m.left), Mm(m.right)


def _two_sections():
    doc = docx.Document()
    doc.add_paragraph("Trang dọc")
    doc.add_section()
    doc.add_paragraph("Trang ngang")
    return doc


def test_margins_are_written_as_python_docx_writes_them():
    doc = _two_sections()
    expected = copy.deepcopy(doc.element.body)
    reference = docx.Document()
    reference.element.replace(reference.element.body, expected)
    _with_python_docx(reference, PAGE)
    layout.apply_page(doc, PAGE)
    assert etree.tostring(doc.element.body) == etree.tostring(reference.element.body)
    assert [round(s.left_margin.mm, 1) for s in doc.sections] == [33.0, 33.0]


def test_a_section_without_margins_gets_them():
    doc = _two_sections()
    sections = doc.element.body.findall(f".//{qn('w:sectPr')}")
    sections[-1].remove(sections[-1].find(qn("w:pgMar")))
    layout.apply_page(doc, PAGE)
    assert [round(s.top_margin.mm, 1) for s in doc.sections] == [22.5, 22.5]
    assert [round(s.right_margin.mm, 1) for s in doc.sections] == [17.0, 17.0]
