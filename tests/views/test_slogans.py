"""Slogan sheets: one landscape page per slogan, large bold type filling the width, even lines."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from helpers import PLAN, ROOT, docxtpl_reference, effective, make_plan, open_docx, paragraph_format, to_pdf
from kehoach.plan.validate import load_plan
from kehoach.publish.fingerprint import fingerprints, inputs_hash
from kehoach.render import check, docx, kinds, names
from kehoach.text import markup
from kehoach.views import slogans as S


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN).plan


@pytest.fixture(scope="module")
def view(plan):
    return S.slogans_view(plan)


def _document(plan, view) -> kinds.Document:
    return kinds.document(kinds.SLOGANS, plan, None, given=view)


@pytest.fixture(scope="module")
def docx_path(plan, view, tmp_path_factory) -> Path:
    template = names.find_template(kinds.SLOGANS.template or "", ROOT)
    data = kinds.render_document(_document(plan, view), plan, template)
    path = tmp_path_factory.mktemp("slogans") / kinds.SLOGANS.name_for(plan, None)
    path.write_bytes(data)
    return path


def _widths(sheet) -> list[float]:
    return [S.line_width(line, sheet.size_pt) for line in sheet.lines]


# --- line breaking -------------------------------------------------------------------


def _brute_widest(words: list[str], n: int) -> float:
    """The least widest line over every way to break ``words`` into ``n`` lines.

    Exhaustive, and independent of break_lines' dynamic programming: every line is measured as
    the joined string it is (no sum of word widths). Each possible line is measured once, and a
    partial break already as wide as the best found is not extended (its widest line can only
    grow), so the reference plan's 37-word slogans take milliseconds, not minutes.
    """
    width = {
        (a, b): S.line_width(" ".join(words[a:b]), 1.0) for a in range(len(words)) for b in range(a + 1, len(words) + 1)
    }
    best = float("inf")

    def extend(start: int, lines_left: int, widest: float) -> None:
        nonlocal best
        if lines_left == 1:
            best = min(best, max(widest, width[start, len(words)]))
            return
        for end in range(start + 1, len(words) - lines_left + 2):
            line_widest = max(widest, width[start, end])
            if line_widest < best:
                extend(end, lines_left - 1, line_widest)

    extend(0, n, 0.0)
    return best


def test_breaks_only_between_words_and_keeps_the_text(plan):
    for slogan in plan.slogans:
        words = slogan.split()
        for n in range(1, S.MAX_LINES + 1):
            lines = S.break_lines(words, n)
            assert len(lines) == n
            assert " ".join(lines) == slogan
            assert all(line and line == line.strip() for line in lines)
            assert all(set(line.split()) <= set(words) for line in lines)


EVEN = "Tất cả vì mục tiêu dân giàu, nước mạnh, dân chủ, công bằng, văn minh!"


def test_breaks_make_the_widest_line_as_short_as_possible():
    words = EVEN.split()
    for n in range(1, 6):
        widest = max(S.line_width(line, 1.0) for line in S.break_lines(words, n))
        assert widest == pytest.approx(_brute_widest(words, n), rel=1e-9)


def test_repo_slogans_widest_line_is_optimal(view):
    for sheet in view.sheets:
        n = len(sheet.lines)
        widest = max(S.line_width(line, 1.0) for line in sheet.lines)
        assert widest == pytest.approx(_brute_widest(sheet.text.split(), n), rel=1e-9)


def test_break_lines_rejects_impossible_counts():
    with pytest.raises(ValueError):
        S.break_lines(["một", "hai"], 3)
    with pytest.raises(ValueError):
        S.break_lines(["một"], 0)


# --- the view --------------------------------------------------------------------------


def test_one_sheet_per_slogan_with_its_exact_text(plan, view):
    assert len(view.sheets) == len(plan.slogans) == 11
    for slogan, sheet in zip(plan.slogans, view.sheets, strict=True):
        assert sheet.text == markup.plain(slogan)
        assert " ".join(sheet.lines) == sheet.text
        assert 1 <= len(sheet.lines) <= S.MAX_LINES
    assert view.sheets[0].lines[-1].endswith("của Đảng!")


def test_text_area_is_landscape_a4_with_the_plan_margins(plan, view):
    m = plan.page.margins
    assert view.width_pt == pytest.approx((297 - m.left - m.right) * 72 / 25.4)
    assert view.height_pt == pytest.approx((210 - m.top - m.bottom) * 72 / 25.4)


def test_lines_fill_the_width_and_fit_the_page(view):
    for sheet in view.sheets:
        widths = _widths(sheet)
        assert max(widths) <= view.width_pt * S.WIDTH_FILL, sheet.lines
        assert max(widths) >= view.width_pt * 0.8, sheet.lines
        assert len(sheet.lines) * S.LINE_HEIGHT_EM * sheet.size_pt <= view.height_pt * S.HEIGHT_FILL
        assert sheet.size_half_points == sheet.size_pt * 2 == int(sheet.size_half_points)
        assert 30 <= sheet.size_pt <= S.MAX_SIZE_PT


def test_multi_line_slogans_wrap_evenly(view):
    for sheet in view.sheets:
        if len(sheet.lines) > 1:
            widths = _widths(sheet)
            assert min(widths) >= 0.6 * max(widths), sheet.lines


def test_a_half_point_more_would_overflow_or_lose_the_line_budget(view):
    """Sizes are the largest half-point the layout allows (rounded down, never up)."""
    for sheet in view.sheets:
        bigger = (sheet.size_half_points + 1) / 2
        widest = max(S.line_width(line, bigger) for line in sheet.lines)
        too_wide = widest > view.width_pt * S.WIDTH_FILL
        too_tall = len(sheet.lines) * S.LINE_HEIGHT_EM * bigger > view.height_pt * S.HEIGHT_FILL
        assert too_wide or too_tall or bigger > S.MAX_SIZE_PT


def test_short_slogan_is_capped_and_margins_come_from_the_plan(tmp_path):
    path = make_plan(
        tmp_path,
        slogans=["Chào!", "Một *khẩu hiệu* có chữ nghiêng"],
        page={"margins": {"left": 35, "right": 20}},
    )
    plan = load_plan(path).plan
    view = S.slogans_view(plan)
    assert view.width_pt == pytest.approx((297 - 55) * 72 / 25.4)
    short, marked = view.sheets
    assert short.lines == ("Chào!",) and short.size_pt == S.MAX_SIZE_PT
    assert marked.text == "Một khẩu hiệu có chữ nghiêng"
    assert " ".join(marked.lines) == marked.text


def test_context_is_the_same_through_to_context_and_pickles_stably(plan, view):
    assert docx.to_context(view) == S.sheet_context(view)
    assert S.slogans_view(plan) == view
    prints = fingerprints(plan.model_dump(mode="json", by_alias=True))
    again = _document(plan, S.slogans_view(plan))
    assert inputs_hash(again, prints, plan, "t") == inputs_hash(_document(plan, view), prints, plan, "t")
    assert pickle.loads(pickle.dumps(view)).sheets[0].runs.xml == view.sheets[0].runs.xml


def test_template_uses_only_what_the_view_provides():
    path = names.find_template(kinds.SLOGANS.template or "", ROOT)
    paths = check.used_paths(check.jinja_source(path))
    assert ("sheets", check.ITEM, "runs") in paths
    assert all(check.resolves(S.SlogansView, p) for p in paths)


# --- the Word document -----------------------------------------------------------------


def test_fast_path_matches_docxtpl(plan, view, docx_path):
    template = names.find_template(kinds.SLOGANS.template or "", ROOT)
    title = kinds.SLOGANS.title(plan, None)
    assert docxtpl_reference(template, view, plan, title) == docx_path.read_bytes()


def test_docx_has_one_centred_bold_paragraph_per_slogan(view, docx_path):
    doc = open_docx(docx_path)
    paragraphs = doc.paragraphs
    assert len(paragraphs) == len(view.sheets)
    for paragraph, sheet in zip(paragraphs, view.sheets, strict=True):
        assert paragraph.style.name == "KH Khẩu hiệu"
        assert paragraph.text.split("\n") == list(sheet.lines)
        assert paragraph_format(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert paragraph_format(paragraph, "page_break_before") is True
        assert paragraph_format(paragraph, "first_line_indent") == 0
        assert paragraph_format(paragraph, "space_before") == 0
        assert paragraph_format(paragraph, "space_after") == 0
        font = effective(paragraph)
        assert font["bold"] and not font["italic"]
        assert font["size"] == sheet.size_pt
        runs = [r for r in paragraph.runs if r.text]
        assert len(runs) == 1 and runs[0].font.name is None
        assert paragraph.style.base_style.font.name == "Times New Roman"
    assert not doc.element.body.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")


def test_docx_is_landscape_a4_centred_without_page_numbers(plan, docx_path):
    doc = open_docx(docx_path)
    (section,) = doc.sections
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width.mm == pytest.approx(297, abs=0.05)
    assert section.page_height.mm == pytest.approx(210, abs=0.05)
    assert section.left_margin.mm == pytest.approx(plan.page.margins.left, abs=0.05)
    assert section.right_margin.mm == pytest.approx(plan.page.margins.right, abs=0.05)
    sect_pr = section._sectPr
    assert sect_pr.find(qn("w:vAlign")).get(qn("w:val")) == "center"
    assert sect_pr.find(qn("w:headerReference")) is None
    assert sect_pr.find(qn("w:footerReference")) is None
    assert doc.core_properties.title == kinds.SLOGANS.title(plan, None)


# --- LibreOffice lays it out as planned ------------------------------------------------


def test_libreoffice_prints_each_slogan_on_one_page_as_planned(soffice, view, docx_path, tmp_path):
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = to_pdf(soffice, docx_path, tmp_path)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(view.sheets)
        for page, sheet in zip(doc.pages, view.sheets, strict=True):
            assert page.width > page.height
            lines = page.extract_text_lines()
            assert [line["text"] for line in lines] == list(sheet.lines)
            chars = [c for c in page.chars if c["text"].strip()]
            assert all("Bold" in c["fontname"] for c in chars)
            assert all(c["size"] == pytest.approx(sheet.size_pt, abs=0.1) for c in chars)
            left = min(line["x0"] for line in lines)
            right = max(line["x1"] for line in lines)
            assert right - left <= view.width_pt
            assert right - left >= 0.8 * view.width_pt
