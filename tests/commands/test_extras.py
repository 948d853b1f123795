"""The optional outputs through the real command: web page, calendars, slogan sheets."""

from __future__ import annotations

import icalendar
from typer.testing import CliRunner

from helpers import PLAN
from kehoach.cli.app import app

runner = CliRunner()


def test_render_html_ics_and_slogans(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(PLAN), "-o", str(out), "--html", "--ics", "--slogans"])
    assert result.exit_code == 0, result.output
    assert (out / "ke-hoach-15-KH-UBND.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (out / "khau-hieu.docx").is_file()
    whole = icalendar.Calendar.from_ical((out / "ke-hoach-15-KH-UBND.ics").read_bytes())
    assert [str(e["SUMMARY"]) for e in whole.walk("VEVENT")][:2] == [
        "Đợt 1: Từ nay đến 31/8/2025",
        "Đợt 2: Từ 01/9/2025 đến 31/10/2025",
    ]
    assert len(list((out / "lich").glob("*.ics"))) == 8
    again = runner.invoke(app, ["render", str(PLAN), "-o", str(out), "--html", "--ics", "--slogans"])
    assert "Đã ghi 0 tệp" in again.output


def test_calendar_command_for_one_unit(tmp_path):
    target = tmp_path / "cong-an.ics"
    result = runner.invoke(app, ["calendar", str(PLAN), "--unit", "cong-an-phuong", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Bỏ qua Đợt 3" in result.output
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert "Công an phường" in str(calendar["X-WR-CALNAME"])
    assert runner.invoke(app, ["calendar", str(PLAN), "--unit", "khong-co"]).exit_code == 2
