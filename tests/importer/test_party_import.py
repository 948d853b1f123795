"""A Party committee's plan is recognised by its header and imported in the Party's form (issue #16)."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import FIXTURES
from kehoach.commands.import_plan import run_import
from kehoach.plan.validate import load_plan


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
