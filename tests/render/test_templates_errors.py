"""A broken template is a message naming the template and the place in it, exit code 1, never a crash.

Each case puts a changed copy of a default template in a ``templates/`` folder beside
a plan, as a secretary would after editing it in Word, and runs the real command.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import TEMPLATES, make_plan, open_docx, texts
from kehoach.cli.app import app
from kehoach.publish import batch

runner = CliRunner()


def broken_copy(folder: Path, name: str, member: str, *changes: tuple[str, str]) -> Path:
    """The default template ``name`` with text of one zip member replaced, saved into ``folder``."""
    folder.mkdir(exist_ok=True)
    target = folder / name
    with zipfile.ZipFile(TEMPLATES / name) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                text = data.decode("utf-8")
                for old, new in changes:
                    assert old in text, old
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            out.writestr(info, data)
    return target


def run(*args: str) -> tuple[int, str]:
    """Exit code and the error output (an uncaught exception fails the test: it would be exit code 3)."""
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def says(output: str, text: str) -> bool:
    """Whether ``output`` has ``text``, wherever the console broke its lines (even inside a long path)."""
    return "".join(text.split()) in "".join(output.split())


PLAN_CASES = {
    "include": (
        "word/document.xml",
        [("{{ type_name }}", '{% include "mau-khac.docx" %}')],
        ["dùng thẻ {% include %}", 'tại word/document.xml “{% include "mau-khac.docx" %}”', "không được chèn"],
    ),
    "import": (
        "word/document.xml",
        [("{{ subject }}", '{% import "macros.html" as m %}')],
        ["dùng thẻ {% import %}", '“{% import "macros.html" as m %}”'],
    ),
    "from-import": (
        "word/document.xml",
        [("{{ subject }}", '{% from "macros.html" import x %}')],
        ["dùng thẻ {% from … import %}"],
    ),
    "extends": (
        "word/document.xml",
        [("{{ type_name }}", '{% extends "goc.docx" %}')],
        ["dùng thẻ {% extends %}", '“{% extends "goc.docx" %}”'],
    ),
    "huge-range": (
        "word/document.xml",
        [("{{ type_name }}", "{% for i in range(10**9) %}.{% endfor %}")],
        ["tạo một dãy, chuỗi hoặc số quá lớn", "“{% for i in range(10**9) %}.{% endfor %}”", "tối đa 100000"],
    ),
    "huge-power": (
        "word/document.xml",
        [("{{ type_name }}", "{{ 10**100000000 }}")],
        ["quá lớn tại word/document.xml “{{ 10**100000000 }}”"],
    ),
    "huge-repeat": (
        "word/document.xml",
        [("{{ subject }}", '{{ "ab" * 10**9 }}')],
        ['quá lớn tại word/document.xml “{{ "ab" * 10**9 }}”'],
    ),
    "syntax": (
        "word/document.xml",
        [("{{ type_name }}", "{{ type_name }")],
        ["có lỗi tại word/document.xml “{{ type_name }{{ subject }}”: unexpected '}'."],
    ),
    "undefined": (
        "word/document.xml",
        [("{{ type_name }}", "{{ type_nam }}")],
        ["dùng biến không có: {{ type_nam }} (tại word/document.xml “{{ type_nam }}”)"],
    ),
    "undefined-in-header": (
        "word/header1.xml",
        [("</w:hdr>", "<w:p><w:r><w:t>Trang {{ page_numbr }}</w:t></w:r></w:p></w:hdr>")],
        ["dùng biến không có: {{ page_numbr }} (tại word/header1.xml “Trang {{ page_numbr }}”)"],
    ),
    "division": (
        "word/document.xml",
        [("{{ subject }}", "{{ 1 / 0 }}")],
        ["có lỗi tại word/document.xml “{{ 1 / 0 }}”: division by zero."],
    ),
    "sandbox": (
        "word/document.xml",
        [("{{ subject }}", "{{ header.__class__ }}")],
        ["“{{ header.__class__ }}”", "unsafe"],
    ),
    "if-across-a-table": (
        "word/document.xml",
        [("{{ header.place_date }}", "{% if false %}"), ("{{ type_name }}", "{% endif %}")],
        ["thẻ {% if %} tại word/document.xml “{% if false %}”", "nhưng {% endif %} lại ở ngoài phần tử đó"],
    ),
    "xml-body": (
        "word/document.xml",
        [("<w:body>", "<w:body><w:p>")],
        ["bị hỏng: phần word/document.xml không phải XML hợp lệ (dòng 2, cột", "Mở mẫu bằng Word hoặc LibreOffice"],
    ),
    "xml-header": (
        "word/header1.xml",
        [("</w:hdr>", "<w:p></w:hdr>")],
        ["bị hỏng: phần word/header1.xml không phải XML hợp lệ"],
    ),
}


@pytest.mark.parametrize("case", list(PLAN_CASES))
def test_broken_plan_template_is_named_with_its_place(tmp_path, case):
    member, changes, expected = PLAN_CASES[case]
    plan = make_plan(tmp_path)
    broken_copy(tmp_path / "templates", "ke-hoach.docx", member, *changes)
    code, err = run("render", str(plan), "-o", str(tmp_path / "out"))
    assert code == 1, err
    assert says(err, "templates/ke-hoach.docx")
    for text in expected:
        assert says(err, text), text
    assert not (tmp_path / "out").exists()


def test_templates_check_names_a_forbidden_tag_too(tmp_path):
    plan = make_plan(tmp_path)
    broken_copy(tmp_path / "templates", "giao-viec.docx", "word/document.xml", ("{{ addressee }}", '{% include "x" %}'))
    code, err = run("templates", "check", str(plan))
    assert code == 1
    # the paragraph's text, then the {%p %} tags of the paragraphs docxtpl folded into it
    assert says(err, 'giao-viec.docx\' dùng thẻ {% include %} tại word/document.xml “{% include "x" %}{% for b in body')


def test_an_if_and_its_endif_in_two_paragraphs_still_renders(tmp_path):
    """docxtpl joins the paragraphs when the condition is false: a working template stays accepted."""
    plan = make_plan(tmp_path)
    changes = [("{{ type_name }}", "{% if false %}{{ type_name }}"), ("{{ subject }}", "{% endif %}{{ subject }}")]
    broken_copy(tmp_path / "templates", "ke-hoach.docx", "word/document.xml", *changes)
    code, err = run("render", str(plan), "-o", str(tmp_path / "out"), "--only", "plan")
    assert code == 0, err
    body = texts(open_docx(tmp_path / "out" / "ke-hoach-07-KH-UBND.docx"))
    assert "KẾ HOẠCH" not in body
    assert "Thử nghiệm" in body


HTML_CASES = {
    "include": (
        '<p>\n{% include "dau-trang.html" %}</p>',
        ["dùng thẻ {% include %} tại ke-hoach.html:2 “{% include"],
    ),
    "undefined": ("<p>\n\n{{ page.titel }}</p>", ["dùng biến không có:", "tại ke-hoach.html:3 “{{ page.titel }}</p>”"]),
    "huge-range": ("{% for i in range(10**9) %}{% endfor %}", ["quá lớn tại ke-hoach.html:1"]),
    "syntax": ("<p>\n{% if %}</p>", ["có lỗi tại ke-hoach.html:2 “{% if %}</p>”"]),
}


@pytest.mark.parametrize("case", list(HTML_CASES))
def test_broken_web_page_template_is_named_with_its_line(tmp_path, case):
    source, expected = HTML_CASES[case]
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ke-hoach.html").write_text(source, encoding="utf-8")
    code, err = run("render", str(plan), "-o", str(tmp_path / "out"), "--html")
    assert code == 1, err
    for text in expected:
        assert says(err, text), text
    assert not (tmp_path / "out").exists()


def test_web_page_template_that_is_not_utf8(tmp_path):
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ke-hoach.html").write_bytes(b"<p>K\xe9 ho\xe1ch</p>")  # Latin-1, as old editors save
    code, err = run("render", str(plan), "-o", str(tmp_path / "out"), "--html")
    assert code == 1
    assert says(err, "ke-hoach.html' không phải văn bản UTF-8 (byte 4)")


def test_templates_check_finds_a_misspelt_variable_in_the_web_page(tmp_path):
    plan = make_plan(tmp_path)
    (tmp_path / "templates").mkdir()
    page = (TEMPLATES / "ke-hoach.html").read_text(encoding="utf-8").replace("{{ page.title }}", "{{ page.titel }}")
    (tmp_path / "templates" / "ke-hoach.html").write_text(page, encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(plan)], catch_exceptions=False)
    assert result.exit_code == 1
    assert says(result.output, "ke-hoach.html' dùng biến không có: {{ page.titel }}")


def test_broken_template_is_named_when_documents_render_in_a_process_pool(tmp_path, monkeypatch):
    """The error crosses the process boundary with everything it names."""
    monkeypatch.setattr(batch, "POOL_THRESHOLD", 2)
    monkeypatch.setattr(batch, "workers", lambda: 2)
    units = [{"id": f"don-vi-{n}", "name": f"Đơn vị {n}", "tasks": ["Việc."]} for n in range(3)]
    plan = make_plan(tmp_path, units=units)
    broken_copy(tmp_path / "templates", "giao-viec.docx", "word/document.xml", ("{{ addressee }}", "{{ adressee }}"))
    code, err = run("render", str(plan), "-o", str(tmp_path / "out"))
    assert code == 1, err
    assert says(err, "giao-viec.docx' dùng biến không có: {{ adressee }} (tại word/document.xml “{{ adressee }}")
    assert not (tmp_path / "out").exists()
