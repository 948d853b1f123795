"""``kehoach calendar`` writes where ``render --ics`` does, as it does; both say what a calendar leaves out."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from helpers import PLAN
from kehoach.cli.app import app
from kehoach.commands.calendar import run_calendar
from kehoach.plan.validate import load_plan
from kehoach.publish.manifest import Manifest
from kehoach.publish.pipeline import run_render
from kehoach.render import kinds
from kehoach.render.ics import calendar_for, ics_bytes

runner = CliRunner()

#: What the reference plan's calendars leave out: two phases bounded by congresses without expected dates.
LEFT_OUT = [
    "Bỏ qua Đợt 3: chưa có ngày dự kiến của «Đại hội đại biểu Đảng bộ thành phố nhiệm kỳ 2025-2030».",
    "Bỏ qua Đợt 4: chưa có ngày dự kiến của «Đại hội đại biểu toàn quốc lần thứ XIV».",
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the reference plan, made the current folder as a user's would be."""
    (tmp_path / "plan.yaml").write_bytes(PLAN.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _default_mode() -> int:
    """The mode a new file gets here (0o666 less the umask), as every file of out/ has."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def test_without_o_the_calendar_goes_into_out_named_as_render_names_it(folder: Path) -> None:
    result = runner.invoke(app, ["calendar"])
    assert result.exit_code == 0, result.output
    target = folder / "out" / "ke-hoach-15-KH-UBND.ics"
    assert f"Đã ghi lịch {Path('out') / 'ke-hoach-15-KH-UBND.ics'}." in result.output
    assert not list(folder.glob("*.ics"))
    assert _mode(target) == _default_mode()
    assert target.read_bytes() == ics_bytes(calendar_for(load_plan(PLAN).plan)[0])
    assert Manifest.load(folder / "out").files["ke-hoach-15-KH-UBND.ics"].kind == "calendar"


def test_a_units_calendar_goes_into_out_lich(folder: Path) -> None:
    result = runner.invoke(app, ["calendar", "--unit", "cong-an-phuong"])
    assert result.exit_code == 0, result.output
    assert (folder / "out" / "lich" / "cong-an-phuong.ics").is_file()
    assert str(Path("out") / "lich" / "cong-an-phuong.ics") in result.output


def test_calendar_and_render_ics_write_the_same_file(folder: Path) -> None:
    """Either command first, the other then finds the file as kehoach wrote it: nothing to redo or refuse."""
    assert runner.invoke(app, ["calendar", "--unit", "cong-an-phuong"]).exit_code == 0
    before = (folder / "out" / "lich" / "cong-an-phuong.ics").read_bytes()
    rendered = run_render(folder / "plan.yaml", folder / "out", extras=["calendar"])
    assert "lich/cong-an-phuong.ics" in rendered.unchanged
    assert (folder / "out" / "lich" / "cong-an-phuong.ics").read_bytes() == before
    again = runner.invoke(app, ["calendar", "--unit", "cong-an-phuong"])
    assert again.exit_code == 0 and "không đổi, giữ nguyên" in again.output


def test_names_come_from_the_documents_render_makes(folder: Path) -> None:
    plan = load_plan(folder / "plan.yaml").plan
    names = {d.unit: d.name for d in kinds.documents(plan, frozenset({"calendar"})) if d.kind == "calendar"}
    assert names[None] == "ke-hoach-15-KH-UBND.ics"
    assert names["mttq"] == "lich/mttq.ics"
    for unit_id in (None, "mttq"):
        assert run_calendar(folder / "plan.yaml", unit_id=unit_id).path == Path("out") / names[unit_id]


def test_a_hand_edited_calendar_is_kept_unless_forced(folder: Path) -> None:
    assert runner.invoke(app, ["calendar"]).exit_code == 0
    target = folder / "out" / "ke-hoach-15-KH-UBND.ics"
    target.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    refused = runner.invoke(app, ["calendar"])
    assert refused.exit_code == 4, refused.output
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\nEND")
    forced = runner.invoke(app, ["calendar", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (folder / "out" / "ke-hoach-15-KH-UBND.ics.bak").is_file()


def test_o_writes_that_file_with_an_ordinary_mode(folder: Path) -> None:
    result = runner.invoke(app, ["calendar", "-o", "lich-cua-toi.ics"])
    assert result.exit_code == 0, result.output
    target = folder / "lich-cua-toi.ics"
    assert _mode(target) == _default_mode()
    assert icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert not (folder / "out").exists()
    assert not [p for p in folder.iterdir() if p.name.startswith(".kehoach-")]


def test_both_commands_say_which_phases_are_left_out(folder: Path) -> None:
    calendar = runner.invoke(app, ["calendar"])
    rendered = runner.invoke(app, ["render", "--ics"])
    assert rendered.exit_code == 0, rendered.output
    for output in (calendar.output, rendered.output):
        for note in LEFT_OUT:
            assert note in output
        assert "plan.yaml:163:5: cảnh báo: Bỏ qua Đợt 3" in output  # where to add the expected date
    replayed = runner.invoke(app, ["render", "--ics"])  # answered from the manifest: the notes still come
    assert all(note in replayed.output for note in LEFT_OUT)
    plain = runner.invoke(app, ["render"])
    assert "Bỏ qua" not in plain.output


def test_a_units_calendar_notes_only_its_own_phases(tmp_path: Path) -> None:
    """A unit whose tasks name only dated phases has nothing left out of its calendar."""
    text = PLAN.read_text(encoding="utf-8")
    anchor = "  - id: cong-an-phuong\n    name: Công an phường\n    tasks:\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "      - text: Tuần tra.\n        phase: dot-1\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    assert run_calendar(plan, tmp_path / "x.ics", "cong-an-phuong").notes == []
    assert [n.message() for n in run_calendar(plan, tmp_path / "y.ics").notes] == LEFT_OUT
