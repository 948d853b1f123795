"""kehoach watch: every save is validated and rendered; a mistake is shown and the watch goes on."""

from __future__ import annotations

import queue
import threading
import time

from helpers import make_plan
from kehoach.commands.watch import run_watch
from kehoach.publish.pipeline import RenderResult
from kehoach.text.errors import ProblemsError


def test_watch_renders_on_save_and_reports_mistakes(tmp_path):
    plan = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A", "tasks": ["Việc một."]}])
    out = tmp_path / "out"
    outcomes: queue.Queue = queue.Queue()
    stop = threading.Event()
    worker = threading.Thread(
        target=run_watch, args=(plan, out, outcomes.put, stop), kwargs={"force_polling": True}, daemon=True
    )
    worker.start()
    try:
        first = outcomes.get(timeout=60)
        assert isinstance(first, RenderResult) and len(first.files) == 3
        time.sleep(0.5)
        plan.write_text(plan.read_text(encoding="utf-8").replace("Việc một.", "Việc hai."), encoding="utf-8")
        second = outcomes.get(timeout=60)
        assert isinstance(second, RenderResult)
        assert {f.name for f in second.files} == {"giao-viec/a.docx", "checklist/a.docx"}  # the plan shows no units
        before = {p: p.read_bytes() for p in out.rglob("*.docx")}
        plan.write_text(plan.read_text(encoding="utf-8").replace("  place:", "  plac:"), encoding="utf-8")
        third = outcomes.get(timeout=60)
        assert isinstance(third, ProblemsError)
        assert any(p.code == "extra_forbidden" and p.line > 0 for p in third.problems)
        assert {p: p.read_bytes() for p in out.rglob("*.docx")} == before
    finally:
        stop.set()
        worker.join(timeout=30)
    assert not worker.is_alive()
