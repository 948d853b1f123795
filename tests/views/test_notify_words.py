"""Change notices say what changed in words, as a formal letter does: never "31/10/2025 → 15/11/2025"."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from helpers import make_plan, open_docx, texts
from kehoach.commands.notify import run_notify
from kehoach.diff import diff_plans
from kehoach.plan.validate import load_plan
from kehoach.views.notice import notice_view

PHASES = [
    {"id": "dot-1", "name": "Đợt 1", "start": "2025-01-05", "end": "2025-02-28"},
    {
        "id": "dot-2",
        "name": "Đợt 2",
        "start": "2025-03-01",
        "end": "2025-04-30",
        "description": "là thời gian cao điểm",
    },
]
UNITS = [
    {
        "id": "cong-an-phuong",
        "name": "Công an phường",
        "tasks": [
            {"text": "Bảo đảm an ninh trật tự.", "deadline": "2025-02-15"},
            {"text": "Tuần tra khu vực chợ.", "phase": "dot-2"},
            {"text": "Báo cáo kết quả.", "deadline": "Quý I/2025"},
        ],
    }
]
DOCUMENT = {"type": "KH", "number": 7, "place": "An Dương", "date": "2025-01-05", "subject": "Thử nghiệm"}


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The text of the notice Công an phường receives for a revision that changes everything it can."""
    folder = tmp_path_factory.mktemp("notice")
    old = make_plan(folder, "old.yaml", phases=PHASES, units=UNITS, document=DOCUMENT)
    phases, units = copy.deepcopy(PHASES), copy.deepcopy(UNITS)
    phases[1]["end"] = "2025-05-15"
    phases[1]["name"] = "Đợt hai"
    phases[1]["description"] = "là thời gian tập trung cao điểm"
    tasks = units[0]["tasks"]
    tasks[0]["deadline"] = "2025-02-20"
    del tasks[2]["deadline"]
    units[0].update(name="Công an phường An Dương", relation="đề nghị")
    new = make_plan(folder, "new.yaml", phases=phases, units=units, document={**DOCUMENT, "date": "2025-01-06"})
    result = run_notify(str(old), str(new), new, folder / "out")
    assert [f.name for f in result.files] == ["dieu-chinh/cong-an-phuong.docx"]
    return texts(open_docx(folder / "out" / "dieu-chinh" / "cong-an-phuong.docx"))


def test_no_arrow_anywhere_in_the_notice(notice: list[str]) -> None:
    assert not [line for line in notice if "→" in line or "->" in line]


def test_a_phase_end_moved_is_said_in_words(notice: list[str]) -> None:
    assert "- Đợt hai: điều chỉnh thời gian kết thúc từ ngày 30/4/2025 thành ngày 15/5/2025." in notice


def test_a_renamed_phase_and_its_description_are_quoted(notice: list[str]) -> None:
    assert "- Đợt hai: điều chỉnh tên từ “Đợt 2” thành “Đợt hai”." in notice
    assert (
        "- Đợt hai: điều chỉnh phần mô tả từ “là thời gian cao điểm” thành “là thời gian tập trung cao điểm”." in notice
    )


def test_task_deadlines_moved_set_or_dropped(notice: list[str]) -> None:
    assert "- Bảo đảm an ninh trật tự: điều chỉnh thời hạn từ ngày 15/02/2025 thành ngày 20/02/2025." in notice
    assert (
        "- Tuần tra khu vực chợ: điều chỉnh thời hạn từ Đợt 2 (đến 30/4/2025) thành Đợt hai (đến 15/5/2025)." in notice
    )
    assert "- Báo cáo kết quả: bỏ thời hạn Quý I/2025." in notice


def test_general_changes_in_words(notice: list[str]) -> None:
    assert "- Ngày ban hành: điều chỉnh từ ngày 05/01/2025 thành ngày 06/01/2025." in notice
    assert "- Tên đơn vị: điều chỉnh từ “Công an phường” thành “Công an phường An Dương”." in notice
    assert "- Hình thức (giao hoặc đề nghị): điều chỉnh từ “giao” thành “đề nghị”." in notice


def test_a_phase_id_is_not_a_letters_business(tmp_path: Path) -> None:
    """Renaming a phase's id changes nothing a unit reads: no line about it in the notice."""
    old = make_plan(tmp_path, "old.yaml", phases=PHASES, units=UNITS, document=DOCUMENT)
    phases, units = copy.deepcopy(PHASES), copy.deepcopy(UNITS)
    phases[1].update(id="giai-doan-2", end="2025-05-15")
    units[0]["tasks"][1]["phase"] = "giai-doan-2"
    new = make_plan(tmp_path, "new.yaml", phases=phases, units=units, document=DOCUMENT)
    view = notice_view(diff_plans(load_plan(old).plan, load_plan(new).plan), "cong-an-phuong")
    body = [paragraph.text for paragraph in view.body]
    assert "- Đợt 2: điều chỉnh thời gian kết thúc từ ngày 30/4/2025 thành ngày 15/5/2025." in body
    assert not [line for line in body if "giai-doan-2" in line or "dot-2" in line]


def test_english_notice_uses_words_too(tmp_path: Path) -> None:
    old = make_plan(tmp_path, "old.yaml", phases=PHASES, units=UNITS, document=DOCUMENT)
    phases = copy.deepcopy(PHASES)
    phases[1]["end"] = "2025-05-15"
    new = make_plan(tmp_path, "new.yaml", phases=phases, units=UNITS, document=DOCUMENT)
    view = notice_view(diff_plans(load_plan(old).plan, load_plan(new).plan), "cong-an-phuong", "en")
    body = [paragraph.text for paragraph in view.body]
    assert "- Đợt 2: the end is changed from 30/4/2025 to 15/5/2025." in body
