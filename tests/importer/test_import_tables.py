"""A Word table read back into plan.yaml's: the TT column kehoach numbers, merged or running on
across groups, and the total row kehoach sums."""

from __future__ import annotations

from kehoach.importer.source import Cell
from kehoach.importer.tables import table
from kehoach.plan.blocks import Table


def cells(*texts: str) -> list[Cell]:
    return [Cell((text,)) for text in texts]


HEAD = cells("**TT**", "**Nhiệm vụ**", "**Sản phẩm**", "**Kinh phí**")


def test_a_tt_merged_down_goes_on_with_the_task_above() -> None:
    rows = [
        HEAD,
        [Cell(("**I**",)), Cell(("**Nhóm một**",), span=3)],
        cells("1", "Lập kế hoạch", "Kế hoạch", "10"),
        [Cell(("2",), rows=2), Cell(("Kiểm tra",), rows=2), *cells("Kế hoạch kiểm tra", "5")],
        cells("Báo cáo kiểm tra", "3"),
        cells("3", "Tổng kết", "Báo cáo", "2"),
    ]
    found = table(rows)
    assert found["columns"][0] == {"label": "TT", "counter": True}
    assert found["rows"] == [
        {"group": "Nhóm một"},
        ["Lập kế hoạch", "Kế hoạch", "10"],
        [{"text": "Kiểm tra", "rows": 2}, "Kế hoạch kiểm tra", "5"],
        ["Báo cáo kiểm tra", "3"],
        ["Tổng kết", "Báo cáo", "2"],
    ]
    Table.model_validate(found)


def test_numbers_running_on_across_groups_and_a_total_row() -> None:
    rows = [
        HEAD,
        [Cell(("**I**",)), Cell(("**Nhóm một**",), span=3)],
        cells("1", "Lập kế hoạch", "Kế hoạch", "1.000"),
        [Cell(("**II**",)), Cell(("**Nhóm hai**",), span=3)],
        cells("2", "Tổng kết", "Báo cáo", "500"),
        [Cell(("**TỔNG CỘNG**",), span=3), Cell(("**1.500**",))],
    ]
    found = table(rows)
    assert found["restart"] is False
    assert found["columns"][3] == {"label": "Kinh phí", "number": True, "total": True}
    assert found["rows"][-1] == {"total": "TỔNG CỘNG"}
    Table.model_validate(found)


def test_numbers_that_skip_are_no_tt_column() -> None:
    found = table([HEAD, cells("1", "a", "b", "c"), cells("3", "d", "e", "f")])
    assert "counter" not in found["columns"][0]
    assert found["rows"][1] == ["3", "d", "e", "f"]
