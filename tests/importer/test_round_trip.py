"""Round trip: every plan of the repo, rendered by kehoach, imported back, is the same plan.

``kehoach diff`` compares by meaning (units, tasks, phases, texts, the mục's layout), so a
plan that survives it has lost nothing a reader or a letter would show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from helpers import ROOT
from kehoach.cli.app import app
from kehoach.commands.diff import run_diff
from kehoach.commands.import_plan import run_import
from kehoach.plan import outline
from kehoach.plan.blocks import Item
from kehoach.plan.model import Plan, Section
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render

runner = CliRunner()

#: Every plan of the repo, as issue #14 asks: the seed plan and each example.
PLANS = [ROOT / "plan.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]


def render(plan: Path, folder: Path) -> Path:
    """The plan's own DOCX (and its letters beside it), rendered into ``folder``."""
    folder.mkdir()
    shutil.copy(plan, folder / "plan.yaml")
    run_render(folder / "plan.yaml", folder / "out")
    return next((folder / "out").glob("*.docx"))


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: Path(p).stem)
def test_a_rendered_plan_imports_back_to_the_same_plan(tmp_path: Path, plan: Path) -> None:
    docx = render(plan, tmp_path / "render")
    imported = tmp_path / "imported.yaml"
    result = run_import(docx, imported)
    assert imported.read_text(encoding="utf-8") == result.text
    result = runner.invoke(app, ["diff", str(plan), str(imported)])
    assert result.exit_code == 0, result.output  # `kehoach diff`: no change
    assert not run_diff(str(plan), str(imported), plan).changed


def test_the_reference_plan_keeps_its_units_tasks_and_phases(tmp_path: Path) -> None:
    docx = render(ROOT / "plan.yaml", tmp_path / "render")
    result = run_import(docx, tmp_path / "imported.yaml")
    assert result.counts["units"] == 8
    assert result.counts["tasks"] == 32
    assert result.counts["phases"] == 4
    assert result.counts["sections"] == 6


def test_the_letters_give_back_who_leads_each_khoan_and_whose_part_it_is(tmp_path: Path) -> None:
    """Leads (in the plan's order), partners and deadlines of the body's khoản, the units' own
    khoản of "Tổ chức thực hiện" (``unit:``) and the units, read from the letters beside the plan."""
    plan_file = ROOT / "examples" / "ha-noi-144-benh-an-dien-tu.yaml"
    docx = render(plan_file, tmp_path / "render")
    run_import(docx, tmp_path / "imported.yaml")
    plan, original = load_plan(tmp_path / "imported.yaml").plan, load_plan(plan_file).plan

    def given(found: Plan) -> list[tuple[str | None, list[str], list[str], str | None, str | None]]:
        return [
            (i.id, list(i.lead), list(i.with_), str(i.deadline) if i.deadline else None, i.unit)
            for i in walk(found)
            if i.lead or i.unit
        ]

    assert given(plan) == given(original)
    assert [(u.id, u.name) for u in plan.units] == [(u.id, u.name) for u in original.units]
    assert [s.id for s in plan.sections] == [s.id for s in original.sections]


def walk(plan: Plan) -> list[Item]:
    """Every khoản and điểm of the plan's body, in reading order."""
    found: list[Item] = []

    def items(part: Section | Item) -> None:
        for block in outline.content(part):
            for item in block.items or []:
                found.append(item)
                items(item)

    for section in plan.sections:
        items(section)
    return found


def test_a_task_tables_roles_and_the_units_only_it_names_come_back_from_the_letters(tmp_path: Path) -> None:
    """The Lâm Đồng plan gives most tasks in its Phụ lục's table: its columns' roles and the
    units named only there are read from the letters that quote its rows."""
    plan_file = ROOT / "examples" / "lam-dong-cchc-2026.yaml"
    docx = render(plan_file, tmp_path / "render")
    run_import(docx, tmp_path / "imported.yaml")
    plan, original = load_plan(tmp_path / "imported.yaml").plan, load_plan(plan_file).plan
    (table,) = [a.table for a in plan.appendices if a.table]
    assert [(c.label, c.role) for c in table.columns if c.role] == [
        (["Nhiệm vụ"], "task"),
        (["Thời gian hoàn thành"], "deadline"),
        (["Chủ trì thực hiện"], "lead"),
        (["Phối hợp thực hiện"], "with"),
    ]
    assert sorted((u.id, u.name) for u in plan.units) == sorted((u.id, u.name) for u in original.units)


def test_an_inspection_plans_header_team_notice_and_appendices_come_back(tmp_path: Path) -> None:
    """The Lào Cai inspection plan: its issuer's parent line and full name (from the letters'
    first sentence), its team and its schedule's notice (from the notices in out/thong-bao/),
    its Phụ lục II's title, headings and italic closing."""
    plan_file = ROOT / "examples" / "lao-cai-kiem-tra-vlncn-1105.yaml"
    docx = render(plan_file, tmp_path / "render")
    run_import(docx, tmp_path / "imported.yaml")
    plan, original = load_plan(tmp_path / "imported.yaml").plan, load_plan(plan_file).plan
    assert plan.issuer.model_dump() == original.issuer.model_dump()
    ((team,),) = [[b.team for b in s.body if b.team] for s in plan.sections if any(b.team for b in s.body)]
    (first,) = [b.team for s in original.sections for b in s.body if b.team]
    assert (team.name, team.members) == (first.name, first.members)
    ((_, schedule),) = list(outline.tables(plan))
    assert schedule.notice is not None and schedule.notice.team == team.id
    assert (
        schedule.notice.subject
        == "thông báo lịch kiểm tra việc chấp hành Quy định pháp luật trong sử dụng và bảo quản vật liệu nổ công nghiệp"
    )
    outline_, given = plan.appendices[1], original.appendices[1]
    assert (outline_.title, outline_.closing) == (given.title, given.closing)
    assert [b.heading for b in outline_.body[:2]] == ["BÁO CÁO", "TÌNH HÌNH THỰC HIỆN CÁC QUY ĐỊNH PHÁP LUẬT"]
    ((_, given_schedule),) = list(outline.tables(original))
    # its titles as written and bold (not Decree 30's capitals), and the "a." list of khoản 3.5
    assert plan.numbering.titles == original.numbering.titles
    (methods,) = [i for i in walk(plan) if i.title == "Phương thức kiểm tra"]
    assert [(b.marker, len(b.lines or [])) for b in methods.body] == [("a.", 4)]
    # the note under the schedule, "(*) Nếu có …" as typed: its star is not escaped
    assert [b.note for b in plan.appendices[0].body if b.note] == given_schedule.note


def test_a_plan_without_letters_keeps_its_issuers_short_name_and_drafting_unit_in_its_keywords(
    tmp_path: Path,
) -> None:
    """No page of the Bài toán lớn plan (no units, so no letters) shows the issuer's short name
    or drafting unit; its DOCX keeps them in its keywords (Word's Tags), and import reads them."""
    plan_file = ROOT / "examples" / "lao-cai-bai-toan-lon-2.yaml"
    docx = render(plan_file, tmp_path / "render")
    assert Document(str(docx)).core_properties.keywords == "short_name=Ủy ban nhân dân tỉnh; drafting_unit=KT"
    run_import(docx, tmp_path / "imported.yaml")
    issuer = load_plan(tmp_path / "imported.yaml").plan.issuer
    assert (issuer.short_name, issuer.drafting_unit) == ("Ủy ban nhân dân tỉnh", "KT")
