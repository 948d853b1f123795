"""One run at a time per out/: a second render waits for the first, or refuses naming it; a lock
left by a killed run is taken over; two renders started together never mix their manifests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import make_plan
from kehoach.cli.app import app
from kehoach.publish import commit, lock
from kehoach.publish.manifest import Manifest, as_written
from kehoach.publish.pipeline import run_render
from kehoach.text.errors import OutputError

runner = CliRunner()

HOLDER = """
import sys, time
from pathlib import Path
from kehoach.publish import lock
with lock.holding(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def plan_of(folder: Path, name: str, prefix: str, units: int = 3) -> Path:
    listed = [{"id": f"{prefix}-{i}", "name": f"Đơn vị {prefix} {i}", "tasks": [f"Việc {i}."]} for i in range(units)]
    return make_plan(folder, name=name, units=listed)


def hold_in_another_process(out: Path, seconds: float) -> subprocess.Popen[str]:
    """A process that holds ``out``'s lock for ``seconds`` (it says "held" once it does)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


@pytest.fixture(autouse=True)
def default_wait(monkeypatch):
    monkeypatch.delenv(lock.WAIT_VARIABLE, raising=False)


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)


def test_second_render_refuses_naming_the_holder_and_changes_nothing(tmp_path, short_wait):
    plan, out = plan_of(tmp_path, "plan.yaml", "a"), tmp_path / "out"
    holder = hold_in_another_process(out, 60)
    try:
        held = json.loads(lock.lock_path(out).read_text(encoding="utf-8"))
        assert held["pid"] == holder.pid and held["host"] == socket.gethostname()
        with pytest.raises(OutputError) as info:
            run_render(plan, out)
        assert info.value.code == "out.locked" and str(holder.pid) in info.value.message()
        result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
        assert result.exit_code == 4
        assert str(holder.pid) in result.output and str(lock.lock_path(out)) in result.output.replace("\n", "")
        assert not out.exists()
    finally:
        holder.kill()
        holder.wait()
    assert len(run_render(plan, out).files) == 7
    assert not lock.lock_path(out).exists()


def test_second_render_waits_for_a_holder_that_finishes(tmp_path):
    plan, out = plan_of(tmp_path, "plan.yaml", "a"), tmp_path / "out"
    holder = hold_in_another_process(out, 2.0)
    try:
        assert len(run_render(plan, out).files) == 7
        assert holder.poll() == 0  # the render went on only once the holder was done
    finally:
        holder.wait(timeout=30)
    assert not lock.lock_path(out).exists()


@pytest.mark.parametrize("reaped", [True, False])
def test_lock_of_a_killed_run_is_taken_over_at_once(tmp_path, reaped):
    plan, out = plan_of(tmp_path, "plan.yaml", "a"), tmp_path / "out"
    holder = hold_in_another_process(out, 60)
    holder.kill()  # SIGKILL: the lock file stays
    if reaped:
        holder.wait()
    assert lock.lock_path(out).exists()
    started = time.monotonic()
    assert len(run_render(plan, out).files) == 7
    assert time.monotonic() - started < lock.WAIT_SECONDS
    assert not lock.lock_path(out).exists()
    holder.wait()


def write_lock(out: Path, content: str, age: float = 0.0) -> Path:
    path = lock.lock_path(out)
    path.write_text(content, encoding="utf-8")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def test_a_lock_of_a_live_process_is_respected(tmp_path, short_wait):
    out = tmp_path / "out"
    me = lock.Holder.me()
    write_lock(out, json.dumps({"pid": 1, "host": me.host, "boot": me.boot}))  # init never ends
    with pytest.raises(OutputError) as info, lock.holding(out):
        pass
    assert info.value.args_["pid"] == 1


def test_a_lock_from_before_a_restart_is_stale(tmp_path):
    out = tmp_path / "out"
    write_lock(out, json.dumps({"pid": 1, "host": socket.gethostname(), "boot": "another-boot"}))
    with lock.holding(out, wait=0):
        assert json.loads(lock.lock_path(out).read_text(encoding="utf-8"))["pid"] == os.getpid()


def test_a_lock_of_another_machine_is_not_judged(tmp_path, short_wait):
    out = tmp_path / "out"
    write_lock(out, json.dumps({"pid": 999999, "host": "another-machine"}))
    with pytest.raises(OutputError) as info, lock.holding(out):
        pass
    assert info.value.args_["host"] == "another-machine"


def test_an_unreadable_lock_is_waited_for_while_fresh_and_taken_over_when_old(tmp_path, short_wait):
    out = tmp_path / "out"
    write_lock(out, "")
    with pytest.raises(OutputError), lock.holding(out):
        pass
    write_lock(out, "", age=60)
    with lock.holding(out):
        pass
    assert not lock.lock_path(out).exists()


def test_a_process_may_hold_its_lock_again_but_another_thread_waits(tmp_path):
    out = tmp_path / "out"
    refused: list[str] = []

    def other_thread() -> None:
        try:
            with lock.holding(out, wait=0.2):
                pass
        except OutputError as exc:
            refused.append(exc.code)

    with lock.holding(out) as first:
        with lock.holding(out) as second:
            assert (first, second) == (True, False)
        assert lock.held(out) and lock.lock_path(out).exists()
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert refused == ["out.locked"]
    assert not lock.held(out) and not lock.lock_path(out).exists()


def test_lock_folders_made_for_a_failed_run_are_removed(tmp_path):
    out = tmp_path / "new" / "deeper" / "out"
    with lock.holding(out):
        assert lock.lock_path(out).exists()
    assert not (tmp_path / "new").exists()


def test_two_renders_started_together_never_mix_their_manifests(tmp_path):
    plans = [plan_of(tmp_path, f"{name}.yaml", name, units=60) for name in ("a", "b")]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", lock.WAIT_VARIABLE: "120"}  # however slow the first
    env.pop(commit.STOP_AT, None)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "kehoach", "render", str(plan), "-o", "out"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for plan in plans
    ]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    out = tmp_path / "out"
    manifest = Manifest.load(out)
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*.docx")}
    assert on_disk == set(manifest.files)  # every file the two runs wrote is known
    assert all(as_written(out / name, entry) for name, entry in manifest.files.items())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".kehoach-")]
