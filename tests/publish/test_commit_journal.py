"""out/ all or nothing however a run ends: SIGKILL at many points of a commit, SIGTERM, SIGHUP,
a full disk during --force, a manifest that cannot be trusted, a folder linked out of out/.

The kill tests run the real command in a subprocess, stop it inside its commit with the
test-only hook ``KEHOACH_TEST_STOP_AT`` (see kehoach.publish.commit), kill it with SIGKILL, run
another kehoach command once, and check that out/ is byte for byte the whole old render or
the whole new one, with nothing left beside it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import make_plan
from kehoach.cli.app import app
from kehoach.publish import commit
from kehoach.publish.manifest import MANIFEST, Manifest, hand_edited, sha256
from kehoach.publish.notes import listening
from kehoach.publish.pipeline import run_render
from kehoach.text import messages
from kehoach.text.errors import OutputError

runner = CliRunner()
UNITS = 100
#: Moves of the commit from the old render to the new one: each letter and checklist goes
#: aside and the new one comes in, and the same for the manifest (the plan document is unchanged).
MOVES = 2 * (2 * UNITS) + 2

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def plan_file(folder: Path, name: str, wording: str, units: int = UNITS) -> Path:
    """A plan whose every letter and checklist changes with ``wording``."""
    listed = [
        {"id": f"don-vi-{i:03d}", "name": f"Đơn vị số {i}", "tasks": [f"{wording} số {i}.", "Báo cáo kết quả."]}
        for i in range(units)
    ]
    return make_plan(folder, name=name, units=listed)


def snapshot(folder: Path, manifest: bool = True) -> dict[str, bytes]:
    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
    if not manifest:
        files.pop(MANIFEST, None)
    return files


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".kehoach-"))


class Run:
    """A kehoach command in a subprocess, its stderr read as it comes."""

    def __init__(self, args: list[str], cwd: Path, stop_at: str | None = None) -> None:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
        env.pop(commit.STOP_AT, None)
        if stop_at:
            env[commit.STOP_AT] = stop_at
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kehoach", *args],
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,  # so that its pool workers can be cleaned up with it
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for_stop(self, timeout: float = 120) -> None:
        """Until the hook says the command stopped where asked."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                raise AssertionError(f"ended before the stop point: {''.join(self.stderr)}")
            self.stderr.append(line)
            if line.startswith(commit.STOP_AT + "="):
                return
        raise AssertionError("never reached the stop point")

    def signal(self, signum: int) -> tuple[int, str]:
        """Send ``signum``; the exit status and everything it wrote on stderr."""
        os.kill(self.process.pid, signum)
        status = self.process.wait(timeout=120)
        with contextlib.suppress(queue.Empty):  # workers orphaned by SIGKILL may hold stderr open
            while (line := self.lines.get(timeout=2)) is not None:
                self.stderr.append(line)
        return status, "".join(self.stderr)

    def kill(self) -> None:
        """End the command and any worker of its pool still running."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


def command(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
    env.pop(commit.STOP_AT, None)
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def recovery_lines(stderr: str) -> list[str]:
    """The lines of stderr that report a recovery (any of the catalogue's sentences)."""
    starts = [
        messages.text(code, "vi", out="@").split("@")[0] for code in messages.TEXTS if code.startswith("recover.")
    ]
    return [line for line in stderr.splitlines() if any(line.startswith(s) for s in starts if s)]


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """An out/ rendered from the old plan, the new plan, and what a complete new render gives."""
    root = tmp_path_factory.mktemp("journal")
    old, new = plan_file(root, "cu.yaml", "Kiểm tra"), plan_file(root, "moi.yaml", "Rà soát")
    run_render(old, root / "base" / "out")
    run_render(new, root / "ref" / "out")
    return {
        "old": snapshot(root / "base" / "out"),
        "new": snapshot(root / "ref" / "out", manifest=False),
        "base": root / "base" / "out",
        "new_plan": new,
    }


def fresh_copy(scene: dict, folder: Path) -> Path:
    """A copy of the old out/ (times kept, so the manifest still knows every file)."""
    out = folder / "out"
    shutil.copytree(scene["base"], out)
    return out


def assert_whole(out: Path, scene: dict, expected: str) -> None:
    """out/ is exactly the old render, or has exactly the new documents and a manifest that knows them."""
    if expected == "old":
        assert snapshot(out) == scene["old"]
        return
    assert snapshot(out, manifest=False) == scene["new"]
    again = run_render(scene["new_plan"], out)
    assert again.files == [] and len(again.unchanged) == 2 * UNITS + 1


@pytest.mark.parametrize(
    ("point", "expected", "then"),
    [
        ("staged", "old", "validate"),
        ("journal", "old", "units"),
        ("move:1", "old", "validate"),  # the first old letter moved aside: out/ misses it
        (f"move:{MOVES // 2 | 1}", "old", "render"),  # half the commit, a letter aside again
        ("move:-1", "old", "validate"),  # all but the last move
        ("moved", "old", "validate"),  # every move made, not yet marked done
        ("committed", "new", "validate"),
        ("cleanup", "new", "units"),
    ],
)
def test_sigkill_inside_the_commit_then_any_command_settles_it(scene, tmp_path, point, expected, then):
    out = fresh_copy(scene, tmp_path)
    run = Run(["render", str(scene["new_plan"]), "-o", "out"], tmp_path, stop_at=point)
    try:
        run.wait_for_stop()
        if point not in ("staged", "journal", "committed", "cleanup"):
            assert snapshot(out) != scene["old"]  # really caught half way
        run.signal(signal.SIGKILL)
    finally:
        run.kill()
    assert leftovers(tmp_path)  # the killed run left its staging folder or its lock
    args = {"validate": ["validate", "moi.yaml"], "units": ["units", "moi.yaml"], "render": ["render", "moi.yaml"]}
    shutil.copy(scene["new_plan"], tmp_path / "moi.yaml")
    done = command(args[then], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert len(recovery_lines(done.stderr)) == 1, done.stderr
    assert leftovers(tmp_path) == []
    if then == "render":  # the next render found out/ as before and wrote the new documents itself
        assert snapshot(out, manifest=False) == scene["new"]
    else:
        assert_whole(out, scene, expected)


def test_a_300_unit_render_killed_in_mid_commit_is_undone_by_the_next_command(tmp_path):
    old = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 300)
    plan_file(tmp_path, "moi.yaml", "Rà soát", 300)
    out = tmp_path / "out"
    run_render(old, out)
    before = snapshot(out)
    run = Run(["render", "moi.yaml", "-o", "out"], tmp_path, stop_at=f"move:{(4 * 300 + 2) // 2 | 1}")
    try:
        run.wait_for_stop()
        run.signal(signal.SIGKILL)
    finally:
        run.kill()
    done = command(["validate", "moi.yaml"], tmp_path)
    assert done.returncode == 0 and len(recovery_lines(done.stderr)) == 1, done.stderr
    assert snapshot(out) == before and leftovers(tmp_path) == []
    manifest = Manifest.load(out)  # the next render refuses nothing as changed by hand
    assert len(manifest.files) == 601 and hand_edited(out, manifest, sorted(manifest.files)) == []


def test_sigkill_while_rendering_leaves_a_staging_folder_the_next_command_removes(scene, tmp_path):
    out = fresh_copy(scene, tmp_path)
    run = Run(["render", str(scene["new_plan"]), "-o", "out"], tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not [p for p in tmp_path.iterdir() if p.name.startswith(".kehoach-out.") and p.is_dir()]:
            assert run.process.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.2)  # the workers are writing documents into it
        run.signal(signal.SIGKILL)
    finally:
        run.kill()
    time.sleep(0.3)  # orphaned workers notice and stop
    done = command(["validate", str(scene["new_plan"])], tmp_path)
    assert done.returncode == 0 and len(recovery_lines(done.stderr)) == 1, done.stderr
    assert snapshot(out) == scene["old"] and leftovers(tmp_path) == []


def test_recovery_killed_half_way_is_finished_by_the_next_command(scene, tmp_path):
    out = fresh_copy(scene, tmp_path)
    shutil.copy(scene["new_plan"], tmp_path / "moi.yaml")
    render, recovery = Run(["render", "moi.yaml"], tmp_path, stop_at="move:-1"), None
    try:
        render.wait_for_stop()
        render.signal(signal.SIGKILL)
        recovery = Run(["validate", "moi.yaml"], tmp_path, stop_at="undo:5")
        recovery.wait_for_stop()
        recovery.signal(signal.SIGKILL)
    finally:
        render.kill()
        if recovery is not None:
            recovery.kill()
    assert snapshot(out) != scene["old"]
    done = command(["units", "moi.yaml"], tmp_path)
    assert done.returncode == 0 and len(recovery_lines(done.stderr)) == 1, done.stderr
    assert_whole(out, scene, "old")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_during_the_commit_roll_back_like_ctrl_c(tmp_path, signum, status):
    old, new = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 8), plan_file(tmp_path, "moi.yaml", "Rà soát", 8)
    out = tmp_path / "out"
    run_render(old, out)
    before = snapshot(out)
    run = Run(["render", str(new), "-o", "out"], tmp_path, stop_at="move:5")
    try:
        run.wait_for_stop()
        code, stderr = run.signal(signum)
    finally:
        run.kill()
    assert code == status
    assert "Traceback" not in stderr and messages.text("interrupted") in stderr
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_sigterm_before_the_commit_removes_the_staging_folder(tmp_path):
    old, new = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 8), plan_file(tmp_path, "moi.yaml", "Rà soát", 8)
    out = tmp_path / "out"
    run_render(old, out)
    before = snapshot(out)
    run = Run(["render", str(new), "-o", "out"], tmp_path, stop_at="staged")
    try:
        run.wait_for_stop()
        code, stderr = run.signal(signal.SIGTERM)
    finally:
        run.kill()
    assert code == 143 and "Traceback" not in stderr
    assert snapshot(out) == before and leftovers(tmp_path) == []


def test_a_live_commit_is_never_touched_by_another_command(scene, tmp_path):
    out = fresh_copy(scene, tmp_path)
    shutil.copy(scene["new_plan"], tmp_path / "moi.yaml")
    run = Run(["render", "moi.yaml"], tmp_path, stop_at="move:3")
    try:
        run.wait_for_stop()
        half = snapshot(out)
        commit.recover_pending(out)
        done = command(["validate", "moi.yaml"], tmp_path)
        assert done.returncode == 0 and recovery_lines(done.stderr) == []
        assert snapshot(out) == half and len(leftovers(tmp_path)) == 2  # its staging folder and its lock
        run.signal(signal.SIGKILL)
    finally:
        run.kill()
    commit.recover_pending(out)
    assert_whole(out, scene, "old")


def test_journal_naming_a_path_outside_out_is_not_followed(tmp_path):
    out = tmp_path / "out"
    plan = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 2)
    run_render(plan, out)
    (tmp_path / "secret.txt").write_text("keep", encoding="utf-8")
    staging = tmp_path / ".kehoach-out.abcd1234"
    staging.mkdir()
    moves = [["out", "../secret.txt", "staging", "old/x"]]
    (staging / commit.JOURNAL).write_text(json.dumps({"version": 1, "folders": [], "moves": moves}), encoding="utf-8")
    notes: list[str] = []
    with listening(lambda code, args: notes.append(code)):
        run_render(plan, out)
    assert notes == ["recover.unreadable"]
    assert (tmp_path / "secret.txt").read_text(encoding="utf-8") == "keep" and staging.exists()


# --- a full disk during --force backups ---------------------------------------------------


def test_full_disk_during_force_leaves_no_empty_backup(tmp_path, monkeypatch):
    old, new = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 3), plan_file(tmp_path, "moi.yaml", "Rà soát", 3)
    out = tmp_path / "out"
    run_render(old, out)
    letter = out / "giao-viec" / "don-vi-001.docx"
    letter.write_bytes(b"sua tay")
    before = snapshot(out)
    real_replace = os.replace

    def full_disk(source, target):  # making the backup fails
        if str(target).endswith(".bak"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(commit.os, "replace", full_disk)
    result = runner.invoke(app, ["render", str(new), "-o", str(out), "--force"])
    # The terminal wraps the line anywhere the temporary path puts it: compare without spacing.
    assert result.exit_code == 4 and "Nospaceleft" in "".join(result.output.split())
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*.bak*")] and leftovers(tmp_path) == []
    done = run_render(new, out, force=True)  # room again: the backup is whole
    assert done.backups == {"giao-viec/don-vi-001.docx": "giao-viec/don-vi-001.docx.bak"}
    assert (out / "giao-viec" / "don-vi-001.docx.bak").read_bytes() == b"sua tay"


def test_full_disk_while_writing_the_journal_changes_nothing(tmp_path, monkeypatch):
    old, new = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 3), plan_file(tmp_path, "moi.yaml", "Rà soát", 3)
    out = tmp_path / "out"
    run_render(old, out)
    (out / "giao-viec" / "don-vi-001.docx").write_bytes(b"sua tay")
    before = snapshot(out)

    def no_room(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(commit, "_write_durably", no_room)
    with pytest.raises(OutputError) as info:
        run_render(new, out, force=True)
    assert info.value.code == "write.failed"
    assert snapshot(out) == before and leftovers(tmp_path) == []


# --- the manifest is untrusted input ----------------------------------------------------------

BAD_MANIFESTS = {
    "not json": b"{ not json",
    "not utf-8": b"\xff\xfe{}",
    "a list": b"[]",
    "files a list": b'{"version": 1, "files": []}',
    "entry of wrong type": b'{"version": 1, "files": {"giao-viec/don-vi-000.docx": "abc"}}',
    "size a string": json.dumps(
        {"files": {"giao-viec/don-vi-000.docx": {"sha256": "0" * 64, "inputs": "", "kind": "letter", "size": "1"}}}
    ).encode(),
    "path out of out/": json.dumps(
        {"files": {"../x.docx": {"sha256": "0" * 64, "inputs": "", "kind": "letter"}}}
    ).encode(),
    "absolute path": json.dumps(
        {"files": {"/tmp/x.docx": {"sha256": "0" * 64, "inputs": "", "kind": "letter"}}}
    ).encode(),
    "backslash": json.dumps({"files": {"..\\x.docx": {"sha256": "0" * 64, "inputs": "", "kind": "letter"}}}).encode(),
    "runs of wrong type": b'{"version": 1, "files": {}, "runs": {"k": {"files": "abc"}}}',
    "deeply nested": b"[" * 100000 + b"]" * 100000,
}


@pytest.mark.parametrize("damage", sorted(BAD_MANIFESTS))
def test_an_untrusted_manifest_is_ignored_with_one_warning(tmp_path, damage):
    plan = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 2)
    out = tmp_path / "out"
    run_render(plan, out)
    (out / MANIFEST).write_bytes(BAD_MANIFESTS[damage])
    before = snapshot(out)
    result = runner.invoke(app, ["render", str(plan), "-o", str(out), "--prune"])
    assert result.exit_code == 4, result.output  # files kehoach cannot vouch for: not overwritten
    assert result.output.count(messages.text("manifest.untrusted", path="@", detail="@").split("@")[0]) == 1
    assert snapshot(out) == before
    result = runner.invoke(app, ["render", str(plan), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["render", str(plan), "-o", str(out)]).exit_code == 0  # a good manifest again


def test_a_manifest_naming_a_file_outside_out_never_reaches_it(tmp_path):
    plan = make_plan(tmp_path, units=[{"id": "a", "name": "Đơn vị A", "tasks": ["Việc."]}])
    out = tmp_path / "out"
    run_render(plan, out)
    outside = tmp_path / "x.docx"
    outside.write_bytes(b"not kehoach's")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["../x.docx"] = {"sha256": sha256(b"not kehoach's"), "inputs": "", "kind": "letter"}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["render", str(plan), "-o", str(out), "--prune", "--force"])
    assert result.exit_code == 0, result.output
    assert outside.read_bytes() == b"not kehoach's"


# --- folders linked out of out/ -------------------------------------------------------------


@pytest.mark.parametrize("options", [[], ["--force"], ["--prune"]])
def test_a_folder_linked_out_of_out_is_never_written_through(tmp_path, options):
    old = plan_file(tmp_path, "cu.yaml", "Kiểm tra", 3)
    new = plan_file(tmp_path, "moi.yaml", "Rà soát", 2)  # one unit fewer: a stale letter to prune
    out = tmp_path / "out"
    run_render(old, out)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(out / "giao-viec", elsewhere)
    (out / "giao-viec").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "don-vi-000.docx").write_bytes(b"hand edit")  # so --force would back it up
    before = snapshot(elsewhere)
    result = runner.invoke(app, ["render", str(new), "-o", str(out), *options])
    assert result.exit_code == 4, result.output
    assert "giao-viec" in result.output and str(elsewhere) in result.output.replace("\n", "")
    assert snapshot(elsewhere) == before and leftovers(tmp_path) == []


def test_the_commit_itself_refuses_a_linked_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "lich").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with commit.Staging(out) as staging:
        staging.write("lich/a.ics", b"x")
        with pytest.raises(OutputError) as info:
            staging.commit(commit.Change(writes=["lich/a.ics"]))
    assert info.value.code == "out.symlink"
    assert list((tmp_path / "elsewhere").iterdir()) == [] and leftovers(tmp_path) == []
