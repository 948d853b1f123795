"""Semantic diff of plans: a small plan committed four times, each commit one kind of amendment."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import MINIMAL, PLAN, git
from kehoach import diff as D
from kehoach.plan.git import load_side, resolve_side
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan, load_text
from kehoach.text.errors import KehoachError

VHXH_NAME = "Phòng Văn hóa - Xã hội phường"
TTSNC_NAME = "Trung tâm sự nghiệp công phường"
VP_NAME = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường"
OLD_TASK = "Tham mưu tổ chức phát động phong trào thi đua yêu nước chào mừng Đại hội Đảng bộ phường."
NEW_TASK = (
    "Chủ trì, tham mưu tổ chức phát động phong trào thi đua yêu nước thiết thực chào mừng Đại hội Đảng bộ phường."
)
MOVED_TASK = "Mở chuyên mục tuyên truyền về đại hội đảng bộ các cấp trên Cổng thông tin điện tử của phường."
SECURITY_TASK = "Bảo đảm an ninh trật tự phục vụ các hoạt động chào mừng Đại hội."


def base_plan() -> dict[str, Any]:
    """MINIMAL with the reference plan's phases and five units (one naming Đợt 1, one Đợt 2)."""
    data = copy.deepcopy(MINIMAL)
    data["sections"] = [
        *data["sections"],
        {"title": "Các đợt tuyên truyền", "show": "phases"},
        {"title": "Tổ chức thực hiện", "show": "units"},
    ]
    data["phases"] = [
        {"id": "dot-1", "name": "Đợt 1", "start": "từ nay", "end": dt.date(2025, 8, 31)},
        {"id": "dot-2", "name": "Đợt 2", "start": dt.date(2025, 9, 1), "end": dt.date(2025, 10, 31)},
        {
            "id": "dot-3",
            "name": "Đợt 3",
            "start": {"event": "Đại hội đại biểu Đảng bộ thành phố"},
            "end": {"event": "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"},
        },
    ]
    data["units"] = [
        {
            "id": "mttq",
            "name": "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
            "relation": "đề nghị",
            "tasks": [{"text": "Phối hợp tuyên truyền tới hội viên, đoàn viên về Đại hội.", "phase": "dot-1"}],
        },
        {
            "id": "van-hoa-xa-hoi",
            "name": VHXH_NAME,
            "tasks": [
                "Là cơ quan thường trực, hướng dẫn các hoạt động tuyên truyền trên địa bàn phường.",
                MOVED_TASK,
            ],
        },
        {
            "id": "trung-tam-su-nghiep-cong",
            "name": TTSNC_NAME,
            "tasks": ["Xây dựng kế hoạch tuyên truyền trên hệ thống truyền thanh phường."],
        },
        {
            "id": "van-phong",
            "name": VP_NAME,
            "tasks": [
                OLD_TASK,
                "Tổng hợp và báo cáo kết quả thực hiện công tác tuyên truyền của các đơn vị.",
            ],
        },
        {
            "id": "cong-an-phuong",
            "name": "Công an phường",
            "tasks": [{"text": SECURITY_TASK, "phase": "dot-2", "with": ["van-phong"]}],
        },
    ]
    return data


def commit_1(data: dict[str, Any]) -> None:
    """Đợt 2 now ends on 15/11/2025."""
    data["phases"][1]["end"] = dt.date(2025, 11, 15)


def commit_2(data: dict[str, Any]) -> None:
    """A task of Văn phòng reworded; Văn hóa - Xã hội's second task handed to Trung tâm."""
    units = {u["id"]: u for u in data["units"]}
    units["van-phong"]["tasks"][0] = NEW_TASK
    units["trung-tam-su-nghiep-cong"]["tasks"].append(units["van-hoa-xa-hoi"]["tasks"].pop(1))


def commit_3(data: dict[str, Any]) -> None:
    """A new unit with one task."""
    data["units"].append(
        {
            "id": "quan-su",
            "name": "Ban Chỉ huy Quân sự phường",
            "tasks": ["Phối hợp giữ gìn trật tự trong thời gian diễn ra Đại hội."],
        }
    )


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose plan.yaml has four commits: the base plan and the three amendments."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    data = base_plan()
    for message, amend in (("base", None), ("dot 2", commit_1), ("tasks", commit_2), ("unit", commit_3)):
        if amend:
            amend(data)
        (root / "plan.yaml").write_text(dump(data), encoding="utf-8")
        git(root, "add", "plan.yaml")
        git(root, "commit", "-q", "-m", message)
    return root


def diff_revs(repo: Path, old: str, new: str) -> D.PlanDiff:
    plan = repo / "plan.yaml"
    return D.diff_plans(load_side(resolve_side(old, None, plan)), load_side(resolve_side(new, None, plan)))


def only(result: dict[str, Any], *parts: str) -> None:
    """Every part of a JSON diff other than ``parts`` is empty."""
    rest = {k: v for k, v in result.items() if k not in {*parts, "empty", "affected_units"}}
    assert all(v == [] for v in rest.values()), rest


# --- the three commits ---------------------------------------------------------


def test_phase_end_moved(repo: Path) -> None:
    diff = diff_revs(repo, "HEAD~3", "HEAD~2")
    result = to_json_roundtrip(diff)
    end = {
        "field": "end",
        "old": {"text": "31/10/2025", "first": "2025-10-31", "last": "2025-10-31"},
        "new": {"text": "15/11/2025", "first": "2025-11-15", "last": "2025-11-15"},
        "old_text": "31/10/2025",
        "new_text": "15/11/2025",
    }
    assert result["phases"] == [
        {
            "kind": "changed",
            "key": "dot-2",
            "name": "Đợt 2",
            "heading": "Đợt 2: Từ 01/9/2025 đến 15/11/2025",
            "fields": [end],
            "content": [],
        }
    ]
    assert result["deadlines"] == [
        {
            "unit": "cong-an-phuong",
            "number": 1,
            "text": SECURITY_TASK,
            "old": "Đợt 2 (đến 31/10/2025)",
            "new": "Đợt 2 (đến 15/11/2025)",
            "old_due": "2025-10-31",
            "new_due": "2025-11-15",
        }
    ]
    only(result, "phases", "deadlines")
    assert D.to_markdown(diff) == (
        "# Thay đổi của kế hoạch\n\n## Các đợt\n\n- Đợt 2: kết thúc 31/10/2025 → 15/11/2025\n"
    )
    # Units naming no phase list them all in their letters; mttq names only Đợt 1.
    assert D.affected_units(diff) == [
        "van-hoa-xa-hoi",
        "trung-tam-su-nghiep-cong",
        "van-phong",
        "cong-an-phuong",
    ]
    police = D.changes_for_unit(diff, "cong-an-phuong")
    assert [(d.old, d.new) for d in police.deadlines] == [("Đợt 2 (đến 31/10/2025)", "Đợt 2 (đến 15/11/2025)")]
    assert [p.key for p in police.phases] == ["dot-2"]
    assert D.changes_for_unit(diff, "mttq").is_empty


def test_task_reworded_and_task_moved(repo: Path) -> None:
    diff = diff_revs(repo, "HEAD~2", "HEAD~1")
    result = to_json_roundtrip(diff)
    assert result["tasks"] == [
        {
            "kind": "moved",
            "old_unit": "van-hoa-xa-hoi",
            "new_unit": "trung-tam-su-nghiep-cong",
            "old_number": 2,
            "new_number": 2,
            "id": None,
            "old_text": MOVED_TASK,
            "new_text": MOVED_TASK,
            "reworded": False,
            "words": [],
            "fields": [],
            "bullets": [],
        },
        {
            "kind": "changed",
            "old_unit": "van-phong",
            "new_unit": "van-phong",
            "old_number": 1,
            "new_number": 1,
            "id": None,
            "old_text": OLD_TASK,
            "new_text": NEW_TASK,
            "reworded": True,
            "words": [
                ["delete", "Tham"],
                ["insert", "Chủ trì, tham"],
                ["equal", "mưu tổ chức phát động phong trào thi đua yêu nước"],
                ["insert", "thiết thực"],
                ["equal", "chào mừng Đại hội Đảng bộ phường."],
            ],
            "fields": [],
            "bullets": [],
        },
    ]
    only(result, "tasks")
    markdown = D.to_markdown(diff)
    assert markdown == (
        "# Thay đổi của kế hoạch\n\n## Nhiệm vụ\n\n"
        f"### {TTSNC_NAME}\n\n"
        f"- Chuyển từ {VHXH_NAME} sang {TTSNC_NAME}: {MOVED_TASK}\n\n"
        f"### {VP_NAME}\n\n"
        "- Sửa nội dung (nhiệm vụ 1): ~~Tham~~ **Chủ trì, tham** mưu tổ chức phát động phong trào"
        " thi đua yêu nước **thiết thực** chào mừng Đại hội Đảng bộ phường.\n"
    )
    assert D.affected_units(diff) == ["van-hoa-xa-hoi", "trung-tam-su-nghiep-cong", "van-phong"]


def test_moved_task_is_removed_for_one_unit_and_new_for_the_other(repo: Path) -> None:
    diff = diff_revs(repo, "HEAD~2", "HEAD~1")
    losing = D.changes_for_unit(diff, "van-hoa-xa-hoi")
    gaining = D.changes_for_unit(diff, "trung-tam-su-nghiep-cong")
    assert [t.text for t in losing.removed_tasks] == [MOVED_TASK]
    assert losing.new_tasks == () and losing.reworded == ()
    assert [t.text for t in gaining.new_tasks] == [MOVED_TASK]
    assert gaining.removed_tasks == ()
    office = D.changes_for_unit(diff, "van-phong")
    assert [(t.old.text, t.new.text) for t in office.reworded] == [(OLD_TASK, NEW_TASK)]
    assert office.new_tasks == office.removed_tasks == ()
    assert office.subject == "V/v điều chỉnh Kế hoạch số 07/KH-UBND"


def test_unit_added(repo: Path) -> None:
    diff = diff_revs(repo, "HEAD~1", "HEAD")
    result = to_json_roundtrip(diff)
    assert result["units"] == [
        {
            "kind": "added",
            "id": "quan-su",
            "name": "Ban Chỉ huy Quân sự phường",
            "relation": "giao",
            "fields": [],
            "reordered": False,
        }
    ]
    assert [(t["kind"], t["new_unit"], t["new_number"]) for t in result["tasks"]] == [("added", "quan-su", 1)]
    only(result, "units", "tasks")
    assert D.to_markdown(diff) == (
        "# Thay đổi của kế hoạch\n\n## Đơn vị thực hiện\n\n- Thêm đơn vị: Ban Chỉ huy Quân sự phường\n\n"
        "## Nhiệm vụ\n\n### Ban Chỉ huy Quân sự phường\n\n"
        "- Thêm nhiệm vụ: Phối hợp giữ gìn trật tự trong thời gian diễn ra Đại hội.\n"
    )
    assert D.affected_units(diff) == ["quan-su"]
    assert result["affected_units"] == ["quan-su"]


def test_all_three_commits_at_once(repo: Path) -> None:
    diff = diff_revs(repo, "HEAD~3", "HEAD")
    assert [t.kind for t in diff.tasks] == ["moved", "changed", "added"]
    assert [p.key for p in diff.phases] == ["dot-2"]
    assert D.affected_units(diff) == [
        "van-hoa-xa-hoi",
        "trung-tam-su-nghiep-cong",
        "van-phong",
        "cong-an-phuong",
        "quan-su",
    ]


def to_json_roundtrip(diff: D.PlanDiff) -> dict[str, Any]:
    """to_json's result survives json.dumps unchanged (it is plain JSON data)."""
    result = D.to_json(diff)
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    assert result["empty"] is diff.is_empty
    return result


# --- plans without git -----------------------------------------------------------


def plan_of(data: dict[str, Any]) -> Plan:
    return load_text(dump(data), Path("plan.yaml")).plan


def test_identical_plans_give_an_empty_diff() -> None:
    reference = load_plan(PLAN).plan
    diff = D.diff_plans(reference, reference)
    assert diff.is_empty
    assert D.affected_units(diff) == []
    assert D.lines(diff) == []
    assert D.to_markdown(diff) == "# Thay đổi của kế hoạch\n\nKhông có thay đổi.\n"
    assert D.to_json(diff)["empty"] is True
    same = D.diff_plans(plan_of(base_plan()), plan_of(base_plan()))
    assert same.is_empty


def test_the_same_text_written_differently_is_no_change() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["phases"][1]["end"] = "31/10/2025"
    other["units"][1]["tasks"][0] = {"text": "  " + data["units"][1]["tasks"][0]}
    assert D.diff_plans(plan_of(data), plan_of(other)).is_empty


def test_header_changes_reach_every_unit() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["document"]["number"] = 8
    other["document"]["date"] = "2025-02-10"
    other["signer"]["name"] = "Trần Văn B"
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(f.field, f.old_text, f.new_text) for f in diff.header] == [
        ("document.number", "7", "8"),
        ("document.date", "05/01/2025", "10/02/2025"),
        ("signer.name", "Nguyễn Văn A", "Trần Văn B"),
    ]
    assert D.to_json(diff)["header"][1]["new"] == "2025-02-10"
    assert D.affected_units(diff) == [u["id"] for u in data["units"]]
    assert "- Người ký: Nguyễn Văn A → Trần Văn B" in D.to_markdown(diff).splitlines()
    assert "- Signer: Nguyễn Văn A → Trần Văn B" in D.to_markdown(diff, lang="en").splitlines()


def test_margins_change_no_letter() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["page"] = {"margins": {"left": 35}}
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(f.field, f.old_text, f.new_text) for f in diff.header] == [("page.margins.left", "30", "35")]
    assert D.affected_units(diff) == []


def test_phase_added_reaches_units_that_name_no_phase() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["phases"].append({"id": "dot-4", "name": "Đợt 4", "start": {"event": "Đại hội XIV"}, "end": 2026})
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(p.kind, p.key) for p in diff.phases] == [("added", "dot-4")]
    assert "- Thêm đợt: Đợt 4: Từ sau Đại hội XIV đến năm 2026" in D.to_markdown(diff).splitlines()
    assert D.affected_units(diff) == ["van-hoa-xa-hoi", "trung-tam-su-nghiep-cong", "van-phong"]


def test_phase_renamed_and_id_kept() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["phases"][0]["name"] = "Đợt đầu"
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert "- Đổi tên đợt: Đợt 1 → Đợt đầu" in D.to_markdown(diff).splitlines()
    # mttq's task is in Đợt 1: its letter names the phase, and the task's time reads "Đợt đầu (đến …)".
    assert "mttq" in D.affected_units(diff)
    assert [d.new for d in D.changes_for_unit(diff, "mttq").deadlines] == ["Đợt đầu (đến 31/8/2025)"]


def test_phase_id_changed_with_its_tasks_is_no_task_change() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["phases"][1]["id"] = "dot-hai"
    other["units"][4]["tasks"][0]["phase"] = "dot-hai"
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(f.field, f.old, f.new) for p in diff.phases for f in p.fields] == [("key", "dot-2", "dot-hai")]
    assert diff.tasks == ()


def test_unit_renamed_and_relation_changed() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["units"][3]["name"] = "Văn phòng HĐND và UBND phường"
    other["units"][0]["relation"] = "giao"
    diff = D.diff_plans(plan_of(data), plan_of(other))
    lines = D.to_markdown(diff).splitlines()
    assert "- Ủy ban Mặt trận Tổ quốc Việt Nam phường: hình thức đề nghị → giao" in lines
    assert f"- Đổi tên đơn vị: {VP_NAME} → Văn phòng HĐND và UBND phường" in lines
    # Công an phường's task names Văn phòng as partner: its letter shows the new name.
    assert D.affected_units(diff) == ["mttq", "van-phong", "cong-an-phuong"]
    assert [u.id for u in D.changes_for_unit(diff, "cong-an-phuong").partners] == ["van-phong"]


def test_task_fields_and_sub_items() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    task = other["units"][4]["tasks"][0]
    task.update(phase="dot-3", deadline="Quý IV/2025", bullets=["Lập phương án bảo vệ."])
    task["with"] = ["van-phong", "van-hoa-xa-hoi"]
    diff = D.diff_plans(plan_of(data), plan_of(other))
    (change,) = diff.tasks
    assert change.kind == "changed" and not change.reworded
    assert [(f.field, f.old_text, f.new_text) for f in change.fields] == [
        ("deadline", "", "Quý IV/2025"),
        ("phase", "Đợt 2", "Đợt 3"),
        ("with", VP_NAME, f"{VP_NAME}; {VHXH_NAME}"),
    ]
    assert [(b.kind, b.new) for b in change.bullets] == [("added", "Lập phương án bảo vệ.")]
    assert D.to_markdown(diff).splitlines()[6:10] == [
        "- Thời hạn (nhiệm vụ 1): (không có) → Quý IV/2025",
        "- Đợt (nhiệm vụ 1): Đợt 2 → Đợt 3",
        f"- Phối hợp (nhiệm vụ 1): {VP_NAME} → {VP_NAME}; {VHXH_NAME}",
        "- Thêm ý (nhiệm vụ 1): Lập phương án bảo vệ.",
    ]
    police = D.changes_for_unit(diff, "cong-an-phuong")
    assert police.changed_tasks == (change,) and police.reworded == ()
    assert [(d.old, d.new) for d in police.deadlines] == [("Đợt 2 (đến 31/10/2025)", "Đợt 3; Quý IV/2025")]


def test_unrelated_tasks_are_removed_and_added() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["units"][2]["tasks"] = ["Tổ chức hội diễn văn nghệ quần chúng chào mừng."]
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(t.kind, t.unit) for t in diff.tasks] == [
        ("removed", "trung-tam-su-nghiep-cong"),
        ("added", "trung-tam-su-nghiep-cong"),
    ]
    assert [line.kind for line in D.lines(diff)] == ["removed", "added"]


def test_tasks_with_ids_pair_by_id_whatever_their_words() -> None:
    data = base_plan()
    data["units"][2]["tasks"] = [{"id": "truyen-thanh", "text": "Xây dựng kế hoạch tuyên truyền."}]
    other = copy.deepcopy(data)
    other["units"][2]["tasks"] = [{"id": "truyen-thanh", "text": "Phát thanh hằng ngày về Đại hội."}]
    (change,) = D.diff_plans(plan_of(data), plan_of(other)).tasks
    assert change.kind == "changed" and change.reworded


def test_moved_and_reworded_task_reports_once() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    task = other["units"][1]["tasks"].pop(1)
    other["units"][4]["tasks"].append(task.replace("Mở chuyên mục", "Mở thêm chuyên mục"))
    diff = D.diff_plans(plan_of(data), plan_of(other))
    (change,) = diff.tasks
    assert (change.kind, change.old_unit, change.new_unit, change.reworded) == (
        "moved",
        "van-hoa-xa-hoi",
        "cong-an-phuong",
        True,
    )
    (line,) = D.lines(diff)
    assert line.kind == "moved" and line.group == "Công an phường"
    assert ("thêm", "insert") in line.segments
    assert line.text.startswith(f"Chuyển từ {VHXH_NAME} sang Công an phường: Mở thêm chuyên mục")


def test_lists_and_sections() -> None:
    data = base_plan()
    data["sections"][0]["items"] = ["Một là mục đích thứ nhất.", "Hai là mục đích thứ hai."]
    data["slogans"] = [
        "Nhiệt liệt chào mừng Đại hội Đảng bộ phường!",
        "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
    ]
    other = copy.deepcopy(data)
    other["slogans"] = [
        "Hân hoan chào mừng Đại hội Đảng bộ phường!",
        "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
    ]
    other["recipients"] = ["Công an phường", "Các tổ dân phố"]
    other["sections"][0]["items"] = ["Một là mục đích thứ nhất.", "Hai là mục đích thứ hai, sửa lại.", "Ba."]
    other["sections"].insert(1, {"title": "Nội dung tuyên truyền", "items": ["Tuyên truyền."]})
    diff = D.diff_plans(plan_of(data), plan_of(other))
    markdown = D.to_markdown(diff).splitlines()
    assert "- Sửa: ~~Nhiệt liệt~~ **Hân hoan** chào mừng Đại hội Đảng bộ phường!" in markdown
    assert "- Thêm: Các tổ dân phố" in markdown
    assert "- Thêm mục: II. Nội dung tuyên truyền" in markdown
    assert "- I. Mục đích: sửa nội dung (1 đoạn sửa, 1 đoạn thêm)" in markdown
    assert [(s.kind, s.old_number, s.new_number) for s in diff.sections] == [
        ("changed", 1, 1),
        ("added", None, 2),
    ]
    assert D.affected_units(diff) == []


def test_key_tasks_reach_their_leads() -> None:
    data = base_plan()
    data["key_tasks"] = [{"text": "Tổng kết công tác tuyên truyền.", "lead": ["van-phong"], "deadline": "Quý I/2026"}]
    other = copy.deepcopy(data)
    other["key_tasks"][0]["deadline"] = "Quý II/2026"
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert "- Thời hạn (dòng 1): Quý I/2026 → Quý II/2026" in D.to_markdown(diff).splitlines()
    assert D.affected_units(diff) == ["van-phong"]
    assert D.to_json(diff)["key_tasks"][0]["fields"][0]["new"] == {
        "text": "Quý II/2026",
        "first": "2026-04-01",
        "last": "2026-06-30",
    }


def test_removed_unit_comes_last_and_keeps_its_tasks() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    other["units"].pop(0)
    diff = D.diff_plans(plan_of(data), plan_of(other))
    assert [(u.kind, u.id) for u in diff.units] == [("removed", "mttq")]
    assert D.affected_units(diff) == ["mttq"]
    assert len(D.changes_for_unit(diff, "mttq").removed_tasks) == 1
    with pytest.raises(KehoachError) as caught:
        D.changes_for_unit(diff, "khong-co")
    assert caught.value.code == "unit.unknown"


def test_lines_carry_styles_for_a_terminal() -> None:
    data = base_plan()
    other = copy.deepcopy(data)
    commit_1(other)
    (line,) = D.lines(D.diff_plans(plan_of(data), plan_of(other)), lang="en")
    assert line.kind == "changed" and line.section == "phases"
    assert line.segments == (
        D.Span("Đợt 2: ends ", "label"),
        D.Span("31/10/2025", "old"),
        D.Span(" → ", "text"),
        D.Span("15/11/2025", "new"),
    )


def test_word_diff_and_similarity() -> None:
    assert D.word_diff("a b c", "a x c") == (
        D.Segment("equal", "a"),
        D.Segment("delete", "b"),
        D.Segment("insert", "x"),
        D.Segment("equal", "c"),
    )
    assert D.similarity("Một hai ba bốn", "một hai ba năm") == 0.75
    # the best pair wins, whatever the order
    assert D.pair_items(["a b c d", "a b x y"], ["a b x y z", "a b c d e"]) == [(1, 0), (0, 1)]
    assert D.pair_items(["a b c"], ["x y z"]) == []


def test_every_label_has_both_languages() -> None:
    from kehoach.text import messages

    labels = [code for code in messages.TEXTS if code.startswith("diff.")]
    assert len(labels) > 20
    assert all(all(messages.TEXTS[code]) for code in labels)
