"""``render --html``: one valid, self-contained HTML5 page that says what the plan document says."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from helpers import LAO_CAI, PLAN, make_plan, open_docx, texts
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render.html import page_title, render_html_file
from kehoach.render.kinds import HTML
from kehoach.render.names import find_template
from kehoach.text.errors import KehoachError

#: Elements whose content the reader sees as a block of its own (a paragraph, a cell …).
#: The web page's template, as the kinds table names it.
HTML_TEMPLATE = HTML.template or ""
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
#: Elements never shown as text.
HIDDEN = {"head", "script", "style", "template", "noscript"}
#: Elements that would load something from elsewhere.
FETCHING = {"link", "script", "img", "iframe", "frame", "object", "embed", "source", "video", "audio", "base", "track"}
FETCHING_ATTRIBUTES = {"src", "href", "srcset", "data", "poster", "action", "formaction", "background", "xlink:href"}


def page(plan_path: Path) -> bytes:
    """The page as ``render --html`` makes it: the plan's own template if it has one, else the default."""
    return render_html_file(find_template(HTML_TEMPLATE, plan_path.parent), load_plan(plan_path).plan)


def parse(data: bytes) -> Element:
    """The page as a browser builds it; strict: any HTML5 parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)


def normalised(text: str) -> str:
    return " ".join(text.split())


def blocks(root: Element) -> list[str]:
    """Visible text, block by block in reading order, whitespace-normalised; empty blocks dropped."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        text = normalised("".join(pending))
        if text:
            out.append(text)
        pending.clear()

    def walk(el: Element) -> None:
        if el.tag in HIDDEN or not isinstance(el.tag, str):
            return
        block = el.tag in BLOCK
        if block:
            flush()
        pending.append(el.text or "")
        for child in el:
            walk(child)
            pending.append(child.tail or "")
        if block:
            flush()

    walk(root)
    flush()
    return out


def docx_blocks(plan_path: Path, out: Path) -> list[str]:
    """The plan document's non-empty paragraphs (header and signature tables included), normalised."""
    result = run_render(plan_path, out, only=["plan"])
    [written] = result.files
    return [normalised(t) for t in texts(open_docx(out / written.name))]


def style_text(root: Element) -> str:
    return "".join(s.text or "" for s in root.iter("style"))


def css_block(css: str, opening: str) -> str:
    """The body of the CSS block that starts with ``opening`` (e.g. "@media print")."""
    start = css.index(opening)
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i + 1 : j]
    raise AssertionError(f"unclosed {opening}")


def find_class(root: Element, cls: str) -> Element:
    for el in root.iter():
        if cls in (el.get("class") or "").split():
            return el
    raise AssertionError(f"no element of class {cls}")


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    return {"plan": page(PLAN), "lao-cai": page(LAO_CAI)}


@pytest.mark.parametrize("name", ["plan", "lao-cai"])
def test_page_is_valid_html5(pages, name):
    data = pages[name]
    assert data.startswith(b"<!DOCTYPE html>\n")
    assert data.endswith(b"</html>\n")
    data.decode("utf-8")  # UTF-8, no BOM
    root = parse(data)
    assert root.tag == "html"
    assert root.get("lang") == "vi"
    head = root.find("head")
    metas = head.findall("meta")
    assert metas[0].get("charset") == "utf-8"
    assert any(m.get("name") == "viewport" and "width=device-width" in m.get("content", "") for m in metas)
    assert len(root.findall(".//title")) == 1


def test_title_names_type_number_and_subject(pages):
    assert parse(pages["plan"]).findtext("head/title") == (
        "Kế hoạch số 15/KH-UBND về tổ chức các hoạt động tuyên truyền chào mừng Đại hội đại biểu Đảng bộ "
        "phường An Dương lần thứ nhất, Đại hội đại biểu Đảng bộ Thành phố nhiệm kỳ 2025 - 2030, tiến tới Đại hội "
        "đại biểu toàn quốc lần thứ XIV của Đảng"
    )
    draft = parse(pages["lao-cai"]).findtext("head/title")
    assert draft.startswith("Dự thảo Kế hoạch về triển khai thực hiện Chỉ thị số 11-CT/TU")


def test_file_name_follows_the_plan_document():
    assert HTML.name_for(load_plan(PLAN).plan, None) == "ke-hoach-15-KH-UBND.html"
    assert HTML.name_for(load_plan(LAO_CAI).plan, None) == "ke-hoach-du-thao-KH-UBND.html"


@pytest.mark.parametrize("name", ["plan", "lao-cai"])
def test_nothing_is_loaded_from_elsewhere(pages, name):
    root = parse(pages[name])
    for el in root.iter():
        assert el.tag not in FETCHING, el.tag
        assert not FETCHING_ATTRIBUTES & set(el.attrib), (el.tag, el.attrib)
        assert "style" not in el.attrib, el.tag
    assert [s for s in root.iter("style")] == root.findall("head/style")
    css = style_text(root).lower()
    assert "url(" not in css
    assert "@import" not in css


@pytest.mark.parametrize("plan_path", [PLAN, LAO_CAI], ids=["plan", "lao-cai"])
def test_visible_text_is_the_documents_text(tmp_path, plan_path):
    expected = docx_blocks(plan_path, tmp_path / "out")
    got = blocks(parse(page(plan_path)))
    assert " ".join(got).split() == " ".join(expected).split(), "\n".join(
        list(difflib.unified_diff(" ".join(expected).split(), " ".join(got).split(), lineterm="", n=3))[:60]
    )
    assert got == expected, "\n".join(list(difflib.unified_diff(expected, got, lineterm="", n=1))[:60])


def test_reference_page_has_the_documents_parts(pages):
    root = parse(pages["plan"])
    header = find_class(root, "dau")
    assert blocks(header) == [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG AN DƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/KH-UBND",
        "An Dương, ngày 01 tháng 8 năm 2025",
    ]
    assert find_class(root, "tieu-ngu").find("span").text == "Độc lập - Tự do - Hạnh phúc"
    assert [h.text for h in root.iter("h1")] == ["KẾ HOẠCH"]
    sections = ["".join(h.itertext()) for h in root.iter("h2")]
    assert [s.split(".")[0] for s in sections] == ["I", "II", "III", "IV", "V", "VI"]
    for h2 in root.iter("h2"):  # section headings are bold
        assert [child.tag for child in h2] == ["strong"]
    signature = blocks(find_class(root, "ky"))
    assert signature[:2] == ["Nơi nhận:", "- Thường Trực Đảng ủy;"]
    assert signature[-4:] == ["- Lưu: VT, VHXH.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Mạnh Hùng"]
    assert not root.findall(".//table")


def test_appendix_is_a_table_with_a_head(pages):
    root = parse(pages["lao-cai"])
    [table] = root.findall(".//table")
    assert [th.text for th in table.findall("thead/tr/th")] == [
        "TT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện",
        "Ghi chú",
    ]
    rows = table.findall("tbody/tr")
    assert len(rows) == len(load_plan(LAO_CAI).plan.key_tasks)
    assert [row[0].text for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert all(len(row.findall("td")) == 6 for row in rows)


def test_print_stylesheet_is_a4_times_14pt(pages):
    css = style_text(parse(pages["plan"]))
    assert "@page { size: A4; margin: 20mm 15mm 20mm 30mm; }" in css
    assert "font-size: 14pt" in css_block(css, "@media print")
    family = css_block(css, "body {").split("font-family:")[1].split(";")[0]
    assert family.strip().startswith('"Times New Roman"')


def test_page_settings_of_the_plan_reach_the_print_stylesheet(tmp_path):
    plan = make_plan(tmp_path, page={"margins": {"top": 25, "left": 35}, "font_size": 13})
    css = style_text(parse(page(plan)))
    assert "@page { size: A4; margin: 25mm 15mm 20mm 35mm; }" in css
    assert "font-size: 13pt" in css_block(css, "@media print")


def test_plan_text_is_data_not_markup(tmp_path):
    nasty = "Giá < 5 & > 2 {{ 7*7 }} {% if %} <script>alert(1)</script>"
    plan = make_plan(
        tmp_path,
        document={**_document(tmp_path), "subject": nasty},
        sections=[{"title": "Mục <b>đậm</b> & {{ 7*7 }}", "items": [nasty, "Có *nghiêng* và **đậm**."]}],
        recipients=["Phòng <i>Kinh tế</i> & Hạ tầng"],
    )
    data = page(plan)
    root = parse(data)
    text = blocks(root)
    assert nasty in text  # the subject
    assert f"1. {nasty}" in text
    assert "I. MỤC <B>ĐẬM</B> & {{ 7*7 }}" in text
    assert "- Phòng <i>Kinh tế</i> & Hạ tầng;" in text
    assert root.findtext("head/title") == f"Kế hoạch số 07/KH-UBND về g{nasty[1:]}"
    assert "49" not in " ".join(text)
    assert not root.findall(".//script")
    assert not root.findall(".//b") and not root.findall(".//i")
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    assert b"Gi\xc3\xa1 &lt; 5 &amp; &gt; 2 {{ 7*7 }}" in data
    assert "Có <em>nghiêng</em> và <strong>đậm</strong>.".encode() in data


def test_same_plan_same_bytes(tmp_path):
    first = page(PLAN)
    assert page(PLAN) == first
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = "import sys; from pathlib import Path; from kehoach.plan.validate import load_plan;"
    code += "from kehoach.render.html import render_html_file; p = Path(sys.argv[1]);"
    code += "sys.stdout.buffer.write(render_html_file(Path(sys.argv[2]), load_plan(p).plan))"
    other = subprocess.run(
        [sys.executable, "-c", code, str(PLAN), str(find_template(HTML_TEMPLATE, PLAN.parent))],
        capture_output=True,
        check=True,
        env=env,
    )
    assert other.stdout == first


def test_a_template_beside_the_plan_overrides_the_default(tmp_path):
    plan = make_plan(tmp_path, document={**_document(tmp_path), "subject": "Mẫu <riêng>"})
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / HTML_TEMPLATE).write_text(
        "<!DOCTYPE html>\n<html lang=vi><title>{{ page.title }}</title>\n"
        "{% for b in body %}\n<p>{{ b.text }}</p>\n{% endfor %}\n<p>{{ subject }}</p>\n",
        encoding="utf-8",
    )
    data = page(plan).decode()
    assert data == (
        "<!DOCTYPE html>\n<html lang=vi><title>Kế hoạch số 07/KH-UBND về mẫu &lt;riêng&gt;</title>\n"
        "<p>I. MỤC ĐÍCH</p>\n<p>1. Một.</p>\n<p>2. Hai.</p>\n<p>Kết thúc./.</p>\n<p>Mẫu &lt;riêng&gt;</p>\n"
    )


def _document(tmp_path: Path) -> dict:
    return load_plan(make_plan(tmp_path, "base.yaml")).plan.document.model_dump(mode="json")


@pytest.mark.parametrize(
    ("template", "code", "place", "text"),
    [
        ("<p>\n{{ subjet }}</p>", "template.undefined_at", "ke-hoach.html:2", "{{ subjet }}</p>"),
        ("<p>{% if %}</p>", "template.error_at", "ke-hoach.html:1", "<p>{% if %}</p>"),
        ("<p>\n\n{{ header.__class__.__mro__ }}", "template.error_at", "ke-hoach.html:3", "{{ header.__class__"),
        ('<p>{% include "x.html" %}', "template.forbidden_tag", "ke-hoach.html:1", '<p>{% include "x.html" %}'),
        ("\n{% for i in range(10**9) %}{% endfor %}", "template.too_big", "ke-hoach.html:2", "{% for i in range"),
    ],
    ids=["undefined", "syntax", "sandbox", "include", "huge-range"],
)
def test_a_broken_template_is_a_user_error(tmp_path, template, code, place, text):
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / HTML_TEMPLATE).write_text(template, encoding="utf-8")
    with pytest.raises(KehoachError) as raised:
        page(plan)
    assert raised.value.code == code
    assert raised.value.args_["name"].endswith(HTML_TEMPLATE)
    assert raised.value.args_["place"] == place
    assert raised.value.args_["text"].startswith(text)


def test_page_title_of_a_plan(plan_model):
    assert page_title(plan_model).startswith("Kế hoạch số 15/KH-UBND về tổ chức các hoạt động")
