"""Revisions over git: the diff command, affected units, change notices, tracked changes, textconv."""

from __future__ import annotations

import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import PLAN, REFERENCE_UNITS, git, open_docx, texts, to_pdf
from kehoach.cli.app import app
from kehoach.commands.diff import run_diff
from kehoach.commands.notify import run_notify
from kehoach.publish.pipeline import run_render

runner = CliRunner()

POLICE = "Xây dựng kế hoạch bảo đảm an ninh trật tự, an toàn giao thông phục vụ"
POLICE_NEW = "Xây dựng và triển khai kế hoạch bảo đảm an ninh trật tự, an toàn giao thông phục vụ"
BUDGET = (
    "      - Tham mưu đề xuất dự toán kinh phí phục vụ công tác chỉnh trang đô thị, trang trí tuyên truyền và tổ"
    " chức các hoạt động chào mừng Đại hội Đảng bộ phường lần thứ nhất và Đại hội Đảng các cấp.\n"
)
NEW_UNIT = """  - id: quan-su
    name: Ban Chỉ huy Quân sự phường
    tasks:
      - Phối hợp bảo đảm an ninh, trật tự trong thời gian diễn ra Đại hội.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository with the reference plan and three revisions of it."""
    root = tmp_path_factory.mktemp("repo")
    plan = root / "plan.yaml"
    text = PLAN.read_text(encoding="utf-8")
    git(root, "init", "-q")
    steps = [
        ("the plan as issued", text),
        ("Đợt 2 ends later", text := text.replace("    end: 2025-10-31", "    end: 2025-11-15")),
        ("a task reworded, another moved", text := _move_budget(text.replace(POLICE, POLICE_NEW))),
        ("a unit added", text + "" if NEW_UNIT in text else _add_unit(text)),
    ]
    for message, content in steps:
        plan.write_text(content, encoding="utf-8")
        git(root, "add", "plan.yaml")
        git(root, "commit", "-qm", message)
    return root


def _move_budget(text: str) -> str:
    assert BUDGET in text
    text = text.replace(BUDGET, "")
    anchor = "  - id: cong-an-phuong\n    name: Công an phường\n    tasks:\n"
    return text.replace(anchor, anchor + BUDGET)


def _add_unit(text: str) -> str:
    anchor = "  - id: truong-hoc\n"
    return text.replace(anchor, NEW_UNIT + "\n" + anchor)


def cli(repo: Path, *args: str):
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        return runner.invoke(app, list(args))
    finally:
        os.chdir(cwd)


def test_phase_moved(repo):
    result = cli(repo, "diff", "HEAD~3", "HEAD~2", "--format", "markdown")
    assert result.exit_code == 1
    assert "Đợt 2: kết thúc 31/10/2025 → 15/11/2025" in result.output
    data = json.loads(cli(repo, "diff", "HEAD~3", "HEAD~2", "--format", "json").output)
    assert data["affected_units"] == REFERENCE_UNITS
    text = cli(repo, "diff", "HEAD~3", "HEAD~2")
    assert "Đợt 2" in text.output and "15/11/2025" in text.output
    assert "Đơn vị có công văn, bảng theo dõi thay đổi:" in text.output


def test_task_reworded_and_moved(repo):
    result = run_diff("HEAD~2", "HEAD~1", repo / "plan.yaml")
    kinds = sorted(t.kind for t in result.diff.tasks)
    assert kinds == ["changed", "moved"]
    assert result.affected == ["kinh-te-ha-tang", "cong-an-phuong"]
    markdown = cli(repo, "diff", "HEAD~2", "HEAD~1", "--format", "markdown").output
    assert "Chuyển từ Phòng Kinh tế, Hạ tầng và Đô thị sang Công an phường" in markdown
    assert "**và triển khai**" in markdown


def test_unit_added(repo):
    result = run_diff("HEAD~1", "HEAD", repo / "plan.yaml")
    assert [(u.kind, u.id) for u in result.diff.units] == [("added", "quan-su")]
    assert result.affected == ["quan-su"]


def test_no_change_exits_zero(repo):
    result = cli(repo, "diff", "HEAD", "HEAD")
    assert result.exit_code == 0 and "Không có thay đổi." in result.output
    assert cli(repo, "diff").exit_code == 0  # HEAD against the unchanged working copy


def test_notices_tell_each_unit_what_changed(repo, tmp_path):
    result = run_notify("HEAD~2", "HEAD~1", repo / "plan.yaml", tmp_path / "out")
    assert sorted(f.name for f in result.files) == ["dieu-chinh/cong-an-phuong.docx", "dieu-chinh/kinh-te-ha-tang.docx"]
    lost = texts(open_docx(tmp_path / "out" / "dieu-chinh" / "kinh-te-ha-tang.docx"))
    gained = texts(open_docx(tmp_path / "out" / "dieu-chinh" / "cong-an-phuong.docx"))
    assert "V/v điều chỉnh Kế hoạch số 15/KH-UBND" in "\n".join(lost)
    removed = lost.index(next(t for t in lost if t.endswith("Không còn thực hiện")))
    assert lost[removed + 1].startswith("- Tham mưu đề xuất dự toán kinh phí")
    assert lost[removed + 1].endswith("(chuyển sang Công an phường)")
    added = gained.index(next(t for t in gained if t.endswith("Bổ sung nhiệm vụ")))
    assert gained[added + 1].startswith("- Tham mưu đề xuất dự toán kinh phí")
    assert any(t.startswith("- " + POLICE_NEW) for t in gained)
    assert "Kính gửi: Công an phường." in gained
    assert gained[-1] == "Vũ Mạnh Hùng"


def test_tracked_changes_copy(repo, tmp_path):
    pytest.importorskip("python_redlines")
    target = tmp_path / "sua-doi.docx"
    result = cli(repo, "diff", "HEAD~2", "HEAD~1", "--docx", str(target))
    assert result.exit_code == 1, result.output
    with zipfile.ZipFile(target) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    # Word marks: w:ins / w:del for words, w:moveTo / w:moveFrom for the task that changed unit
    inserted = " ".join(re.findall(r"<w:(?:ins|moveTo) [^/>]*>.*?</w:(?:ins|moveTo)>", xml, re.S))
    deleted = " ".join(re.findall(r"<w:(?:del|moveFrom) [^/>]*>.*?</w:(?:del|moveFrom)>", xml, re.S))
    inserted_text = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", inserted))
    deleted_text = " ".join(re.findall(r"<w:delText[^>]*>([^<]*)</w:delText>", deleted))
    assert re.search(r"<w:ins [^>]*><w:r><w:t[^>]*>và triển khai ?</w:t>", xml)
    assert "Tham mưu đề xuất dự toán kinh phí" in inserted_text and "Tham mưu đề xuất dự toán kinh phí" in deleted_text
    assert "Công an" not in deleted_text and "Mặt trận" not in inserted_text + deleted_text
    words = set(inserted_text.split()) | set(deleted_text.split())
    budget_words = set(BUDGET.split()) | {"và", "triển", "khai"}
    assert words <= budget_words | {"-"}, words - budget_words


def test_tracked_changes_copy_opens_in_libreoffice(repo, tmp_path, soffice):
    pytest.importorskip("python_redlines")
    target = tmp_path / "sua-doi.docx"
    cli(repo, "diff", "HEAD~2", "HEAD~1", "--docx", str(target))
    assert to_pdf(soffice, target, tmp_path).stat().st_size > 1000


def test_without_python_redlines_it_says_how_to_install(repo, tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_redlines(name, *args, **kwargs):
        if name.startswith("python_redlines"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_redlines)
    result = cli(repo, "diff", "HEAD~2", "HEAD~1", "--docx", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert "pip install 'kehoach[redline]'" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_render_changed_since_renders_only_affected_units(repo, tmp_path):
    result = run_render(repo / "plan.yaml", tmp_path / "out", changed_since="HEAD~1")
    assert sorted(f.name for f in result.files) == [
        "checklist/quan-su.docx",
        "giao-viec/quan-su.docx",
        "ke-hoach-15-KH-UBND.docx",
    ]
    assert run_render(repo / "plan.yaml", tmp_path / "out2", changed_since="HEAD").files == []


def test_textconv_prints_the_text_in_reading_order(tmp_path):
    run_render(PLAN, tmp_path / "out", only=["plan"])
    result = runner.invoke(app, ["textconv", str(tmp_path / "out" / "ke-hoach-15-KH-UBND.docx")])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN DƯƠNG"]
    assert lines.index("KẾ HOẠCH") < lines.index("I. MỤC ĐÍCH, YÊU CẦU") < lines.index("Vũ Mạnh Hùng")


def test_textconv_prints_the_footnotes_after_the_text(tmp_path):
    """A footnote's change shows in a diff: its text comes after the body, one note a line."""
    text = PLAN.read_text(encoding="utf-8")
    assert "Kế hoạch số 05-KH/ĐU" in text
    noted = text.replace("Kế hoạch số 05-KH/ĐU", "Kế hoạch số 05-KH/ĐU^[Thành lập năm 2025.]", 1)
    (tmp_path / "plan.yaml").write_text(noted, encoding="utf-8")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    result = runner.invoke(app, ["textconv", str(tmp_path / "out" / "ke-hoach-15-KH-UBND.docx")])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1] == "Thành lập năm 2025."
    assert lines.index("Vũ Mạnh Hùng") < len(lines) - 1


def test_unclear_revisions_get_clear_messages(repo, tmp_path):
    result = cli(repo, "diff", "khong-co-ban-nay")
    assert result.exit_code == 2 and "khong-co-ban-nay" in result.output
    (tmp_path / "plan.yaml").write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(tmp_path, "diff", "HEAD~1")
    assert result.exit_code == 2 and "git" in result.output
    assert git(repo, "status", "--porcelain") == ""
