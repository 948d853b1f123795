"""Quiet output at scale: over 40 written files, a summary instead of a row per file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import PLAN, make_plan
from kehoach.cli.app import app
from kehoach.publish.manifest import MANIFEST

runner = CliRunner()


def _units(count: int) -> list[dict[str, object]]:
    return [{"id": f"don-vi-{i:03d}", "name": f"Trường học số {i}", "tasks": ["Việc một."]} for i in range(count)]


def _render(folder: Path, *args: str) -> str:
    """``kehoach render plan.yaml -o out`` run in ``folder`` (short paths keep rows on one line)."""
    result = runner.invoke(app, ["render", "plan.yaml", "-o", "out", *args])
    assert result.exit_code == 0, result.output
    return result.output


def _row(output: str, *cells: str) -> list[str]:
    """The cells of the table row whose first cells are ``cells``."""
    for line in output.splitlines():
        found = [cell.strip() for cell in line.strip("│ ").split("│")]
        if found[: len(cells)] == list(cells):
            return found
    raise AssertionError(f"no row {cells} in:\n{output}")


@pytest.fixture
def hundred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan of 100 units (201 documents), in the current folder."""
    make_plan(tmp_path, units=_units(100))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_hundred_units_print_a_summary_per_folder_and_kind(hundred: Path):
    output = _render(hundred)

    assert _row(output, "out", "DOCX")[2] == "1"
    assert _row(output, "out/giao-viec", "DOCX")[2] == "100"
    assert _row(output, "out/checklist", "DOCX")[2] == "100"
    total = _row(output, "Tổng cộng")
    assert total[2] == "201"
    size = sum(p.stat().st_size for p in (hundred / "out").rglob("*.docx"))
    assert total[3] == f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    assert re.search(r"Thời gian: \d+,\d giây\.", output)
    assert f"out/{MANIFEST}" in output and "--verbose" in output
    assert "don-vi-" not in output  # no row per file
    assert "Đã ghi 201 tệp vào out." in output


def test_the_manifest_still_lists_every_file(hundred: Path):
    _render(hundred)

    listed = json.loads((hundred / "out" / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert len(listed) == 201
    assert "giao-viec/don-vi-099.docx" in listed


@pytest.mark.parametrize("flag", ["--verbose", "-v"])
def test_verbose_prints_a_row_per_file(hundred: Path, flag: str):
    output = _render(hundred, flag)

    for i in range(100):
        assert f"out/giao-viec/don-vi-{i:03d}.docx" in output
        assert f"out/checklist/don-vi-{i:03d}.docx" in output
    assert "Tổng cộng" not in output and MANIFEST not in output


def test_forty_one_files_are_summed_up_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    make_plan(tmp_path, units=_units(20))
    monkeypatch.chdir(tmp_path)

    output = _render(tmp_path, "--lang", "en")

    assert _row(output, "Total")[2] == "41"
    assert re.search(r"Time taken: \d+\.\d s\.", output)
    assert "don-vi-" not in output


def test_the_repo_plan_lists_its_17_files_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(PLAN), "-o", "out"])

    assert result.exit_code == 0, result.output
    listed = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert len(listed) == 17
    rows = [_row(result.output, f"out/{name}") for name in listed]
    assert all(float(row[1]) > 0 for row in rows)  # its size in kB, as before
    assert "Tổng cộng" not in result.output and MANIFEST not in result.output
    assert "Đã ghi 17 tệp vào out." in result.output
