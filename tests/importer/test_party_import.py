"""A Party committee's plan is recognised by its header and imported in the Party's form (issue #16)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from helpers import FIXTURES, ROOT
from kehoach.commands.import_plan import run_import
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render


def test_a_party_plan_s_text_imports_with_its_profile_issuer_number_and_signer(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    run_import(FIXTURES / "cong-hai-18-KH-DU.txt", target)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["profile"] == "đảng"
    assert data["issuer"]["parent"] == ["Đảng bộ tỉnh Khánh Hoà"]
    assert data["issuer"]["name"] == ["Đảng uỷ xã Công Hải"]
    assert data["issuer"]["abbr"] == "ĐU"
    assert data["issuer"]["full_name"] == "Ban Thường vụ Đảng uỷ xã Công Hải"
    assert data["signer"] == {"on_behalf": "Ban Thường vụ", "title": "Bí thư", "name": "Vũ Thị Thuỳ Trang"}
    assert data["archive"] == ["Văn phòng Đảng uỷ"]
    assert data["document"]["subject"].endswith("nhiệm kỳ 2026 - 2031")
    plan = load_plan(target).plan
    assert plan.number_line.split()[0] == "Số" and ":" not in plan.number_line
    assert [s.title for s in plan.sections] == ["Mục đích, yêu cầu", "Nội dung, nhiệm vụ chủ yếu", "Tổ chức thực hiện"]


def test_a_party_plan_rendered_by_kehoach_imports_from_its_docx(tmp_path: Path) -> None:
    """The Party's header table holds "ĐẢNG CỘNG SẢN VIỆT NAM", not "CỘNG HÒA …": still the header."""
    shutil.copy(ROOT / "examples" / "cong-hai-18-KH-DU.yaml", tmp_path / "plan.yaml")
    run_render(tmp_path / "plan.yaml", tmp_path / "out", only=["plan"])
    target = tmp_path / "imported.yaml"
    run_import(tmp_path / "out" / "ke-hoach-18-KH-DU.docx", target)
    plan, original = load_plan(target).plan, load_plan(ROOT / "examples" / "cong-hai-18-KH-DU.yaml").plan
    assert plan.profile == "đảng"
    assert plan.issuer.name == original.issuer.name and plan.issuer.parent == original.issuer.parent
    assert (plan.symbol, plan.document.date, plan.signer) == (original.symbol, original.document.date, original.signer)
    assert [s.title for s in plan.sections] == [s.title for s in original.sections]
