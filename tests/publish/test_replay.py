"""Whatever path ``render`` takes, out/ ends up as a fresh render of the plan it was given.

A run can be answered from a remembered run, documents can be skipped as
unchanged, identical bytes are not rewritten: none of it may leave a document of
another version of the plan in out/ while the run says all is well. Each check
compares out/ byte for byte with a render of the same plan into an empty folder.
"""

from __future__ import annotations

import copy
import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import MINIMAL, PLAN, open_docx, texts
from kehoach.cli.app import app
from kehoach.publish import pipeline as command
from kehoach.publish.manifest import MANIFEST
from kehoach.publish.pipeline import run_render
from kehoach.render import kinds, names

runner = CliRunner()


def files_of(folder: Path) -> dict[str, bytes]:
    """What a user finds in ``folder``: every file but kehoach's manifest."""
    if not folder.exists():
        return {}
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    found.pop(MANIFEST, None)
    return found


_fresh_cache: dict[tuple[Any, ...], dict[str, bytes]] = {}


def fresh(plan: Path, **options: Any) -> dict[str, bytes]:
    """The files a render of ``plan`` (as it is now, with its templates) makes in an empty folder."""
    templates = plan.parent / "templates"
    state = tuple(sorted((p.name, p.read_bytes()) for p in templates.glob("*"))) if templates.is_dir() else ()
    key = (str(plan), plan.read_bytes(), state, repr(sorted(options.items())))
    if key not in _fresh_cache:
        with tempfile.TemporaryDirectory() as folder:
            run_render(plan, Path(folder) / "out", **options)
            _fresh_cache[key] = files_of(Path(folder) / "out")
    return _fresh_cache[key]


def assert_as_fresh(out: Path, plan: Path, **options: Any) -> None:
    """Every file a fresh render makes is in out/ with exactly its bytes."""
    expected = fresh(plan, **options)
    assert expected, "a fresh render made nothing"
    found = files_of(out)
    wrong = sorted(name for name, data in expected.items() if found.get(name) != data)
    assert not wrong, f"not as a fresh render: {wrong}"


def letter_of(out: Path, unit: str) -> list[str]:
    return texts(open_docx(out / "giao-viec" / f"{unit}.docx"))


def edited(data: bytes, old: str, new: str) -> bytes:
    """The plan's bytes with one text replaced (which must be there)."""
    assert old.encode() in data, old
    return data.replace(old.encode(), new.encode())


RENAMED = ("name: Công an phường\n", "name: Công an phường MỚI\n")


# --- the undo scenario of the issue -----------------------------------------------------------


def test_undo_after_a_render_gives_the_first_plan_back(tmp_path):
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    first = plan.read_bytes()
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đã ghi 17 tệp" in result.output
    plan.write_bytes(edited(first, *RENAMED))
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0 and "Đã ghi 3 tệp" in result.output, result.output
    assert "Kính gửi: Công an phường MỚI." in letter_of(out, "cong-an-phuong")
    assert_as_fresh(out, plan)
    plan.write_bytes(first)  # the undo: cp, git checkout or Ctrl-Z in the editor
    result = runner.invoke(app, ["render", str(plan), "-o", str(out)])
    assert result.exit_code == 0 and "Đã ghi 3 tệp" in result.output, result.output
    assert "Kính gửi: Công an phường." in letter_of(out, "cong-an-phuong")
    assert_as_fresh(out, plan)


def test_save_undo_save_as_watch_renders_it(tmp_path, monkeypatch):
    """``watch`` runs ``run_render`` on every save; each round must match the plan just saved."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    versions = [plan.read_bytes()]
    versions.append(edited(versions[0], "name: Phòng Văn hóa", "name: Phòng Văn hóa MỚI"))
    out = tmp_path / "out"
    for version in [0, 1, 0, 1, 0, 0]:
        plan.write_bytes(versions[version])
        run_render(plan, out)
        assert_as_fresh(out, plan)

    def no_parsing(*args):
        raise AssertionError("the plan was parsed again")

    monkeypatch.setattr(command, "load_text", no_parsing)
    again = run_render(plan, out)  # nothing changed since the last round: answered from the manifest
    assert again.files == [] and len(again.unchanged) == 17
    assert_as_fresh(out, plan)


def test_a_remembered_run_is_not_replayed_over_a_later_run(tmp_path):
    """Run A, run B, back to A: A's record must not vouch for files B wrote."""
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    first = plan.read_bytes()
    out = tmp_path / "out"
    run_render(plan, out, unit_ids=["cong-an-phuong"])
    plan.write_bytes(edited(first, *RENAMED))
    run_render(plan, out, unit_ids=["cong-an-phuong"])
    run_render(plan, out, only=["letters"])
    plan.write_bytes(first)
    run_render(plan, out, unit_ids=["cong-an-phuong"])
    assert_as_fresh(out, plan, unit_ids=["cong-an-phuong"])
    run_render(plan, out, only=["letters"])
    assert_as_fresh(out, plan, only=["letters"])


# --- two plans, one out/ ----------------------------------------------------------------------


def small_plan(folder: Path) -> Path:
    data = copy.deepcopy(MINIMAL)
    data["units"] = [
        {"id": "cong-an-phuong", "name": "Công an phường (kế hoạch khác)", "tasks": ["Việc khác."]},
        {"id": "b", "name": "Đơn vị B", "tasks": ["Việc B."]},
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_two_plans_rendered_into_one_out_one_after_the_other(tmp_path):
    other = small_plan(tmp_path / "khac")
    out = tmp_path / "out"
    run_render(PLAN, out)
    result = run_render(other, out)
    assert_as_fresh(out, other)
    assert "Kính gửi: Công an phường (kế hoạch khác)." in letter_of(out, "cong-an-phuong")
    reference_only = sorted(set(fresh(PLAN)) - set(fresh(other)))
    assert sorted(result.stale) == reference_only
    cli = runner.invoke(app, ["render", str(PLAN), "-o", str(out)])
    assert cli.exit_code == 0, cli.output
    assert_as_fresh(out, PLAN)
    assert "Tệp cũ, kế hoạch không còn tạo ra: giao-viec/b.docx" in " ".join(cli.output.split())
    for _ in range(2):  # a run that found stale files is never answered as if all were current
        again = run_render(PLAN, out)
        assert sorted(again.stale) == ["checklist/b.docx", "giao-viec/b.docx", "ke-hoach-07-KH-UBND.docx"]
        assert_as_fresh(out, PLAN)


# --- random edits, undos and renders ------------------------------------------------------------

BASE: dict[str, Any] = {
    **copy.deepcopy(MINIMAL),
    "sections": [*MINIMAL["sections"], {"title": "Các đợt", "show": "phases"}, {"title": "Phân công", "show": "units"}],
    "phases": [
        {"id": "dot-1", "name": "Đợt 1", "start": "2025-02-01", "end": "2025-03-31"},
        {"id": "dot-2", "name": "Đợt 2", "start": "2025-04-01", "end": "2025-06-30"},
    ],
    "units": [
        {"id": "a", "name": "Đơn vị A", "tasks": [{"text": "Việc A1.", "phase": "dot-1"}, "Việc A2."]},
        {"id": "b", "name": "Đơn vị B", "relation": "đề nghị", "tasks": [{"text": "Việc B1.", "with": ["a"]}]},
        {"id": "c", "name": "Đơn vị C", "tasks": ["Việc C1.", {"text": "Việc C2.", "phase": "dot-2"}]},
    ],
    "slogans": ["Nhiệt liệt chào mừng!"],
}
NAMES = ["Đơn vị A", "Đơn vị MỚI", "Công an phường", "Đơn vị B"]
TASKS = ["Việc một.", "Việc hai, sửa lại.", "Việc A1."]
ENDS = ["2025-03-31", "2025-03-15", "2025-02-28"]
UNIT_C = copy.deepcopy(BASE["units"][2])


def _units(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data["units"]


def rename(data: dict[str, Any], i: int, j: int) -> None:
    units = _units(data)
    units[i % len(units)]["name"] = NAMES[j % len(NAMES)]


def reword(data: dict[str, Any], i: int, j: int) -> None:
    unit = _units(data)[i % len(_units(data))]
    if unit["tasks"]:
        k = j % len(unit["tasks"])
        task = unit["tasks"][k]
        text = TASKS[(i + j) % len(TASKS)]
        unit["tasks"][k] = {**task, "text": text} if isinstance(task, dict) else text


def move_phase_end(data: dict[str, Any], i: int, j: int) -> None:
    data["phases"][0]["end"] = ENDS[j % len(ENDS)]


def add_task(data: dict[str, Any], i: int, j: int) -> None:
    _units(data)[i % len(_units(data))]["tasks"].append(TASKS[j % len(TASKS)])


def remove_task(data: dict[str, Any], i: int, j: int) -> None:
    tasks = _units(data)[i % len(_units(data))]["tasks"]
    if tasks:
        tasks.pop(j % len(tasks))


def toggle_unit_c(data: dict[str, Any], i: int, j: int) -> None:
    """Unit c (which no other unit cites) leaves the plan, or comes back."""
    ids = [u["id"] for u in _units(data)]
    if "c" in ids:
        del _units(data)[ids.index("c")]
    else:
        _units(data).append(copy.deepcopy(UNIT_C))


EDITS = [rename, reword, move_phase_end, add_task, remove_task, toggle_unit_c]


@functools.cache
def template_variant() -> bytes:
    """The default letter template with a visible change of its own, as a secretary might make."""
    with tempfile.TemporaryDirectory() as folder:
        doc = Document(str(names.find_template(kinds.LETTER.template or "", Path(folder))))
        paragraph = next(p for p in doc.paragraphs if p.text == "{{ addressee }}")
        paragraph.runs[-1].text += " (mẫu riêng)"
        target = Path(folder) / "variant.docx"
        doc.save(str(target))
        return target.read_bytes()


class Workspace:
    """A plan folder and its out/, with every version of the plan written so far."""

    def __init__(self, root: Path) -> None:
        self.plan = root / "plan.yaml"
        self.out = root / "out"
        self.data = copy.deepcopy(BASE)
        self.history: list[bytes] = []
        self.save()

    def save(self) -> None:
        self.plan.write_text(yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        self.history.append(self.plan.read_bytes())

    def edit(self, which: int, i: int, j: int) -> None:
        EDITS[which % len(EDITS)](self.data, i, j)
        self.save()

    def undo(self, back: int) -> None:
        """Earlier bytes back in the file exactly (cp, git checkout, Ctrl-Z)."""
        earlier = self.history[:-1] or self.history
        old = earlier[-1 - back % len(earlier)]
        self.plan.write_bytes(old)
        self.data = yaml.safe_load(old)
        self.history.append(old)

    def toggle_template(self, variant: bytes) -> None:
        target = self.plan.parent / "templates" / kinds.LETTER.template or ""
        if target.exists():
            target.unlink()
        else:
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(variant)

    def render(self, only: list[str], units: list[int], extras: list[str], prune: bool) -> None:
        ids = sorted({_units(self.data)[i % len(_units(self.data))]["id"] for i in units})
        options = {"only": only, "unit_ids": ids, "extras": extras}
        result = run_render(self.plan, self.out, prune=prune, **options)
        assert_as_fresh(self.out, self.plan, **options)
        self.check_leftovers(result, only, extras, prune)

    def check_leftovers(self, result: Any, only: list[str], extras: list[str], prune: bool) -> None:
        """Files the plan no longer makes, of the kinds the run makes, are reported or pruned; no others."""
        made = set(fresh(self.plan, extras=["calendar", "html", "slogans"]))
        assert not (set(result.stale) | set(result.pruned)) & made
        only_kinds = {"plan": "plan", "letters": "letter", "checklists": "checklist"}  # as the README names them
        made_kinds = {only_kinds[k] for k in only} if only else {"plan", "letter", "checklist"}
        left = {name for name in files_of(self.out) if name not in made and kind_of(name) in made_kinds | set(extras)}
        if prune:
            assert not left, left
        else:
            assert left <= set(result.stale), (left, result.stale)


def kind_of(name: str) -> str:
    """The kind of a file of out/, by where the README says each kind goes."""
    if name.startswith("giao-viec/"):
        return "letter"
    if name.startswith("checklist/"):
        return "checklist"
    if name.startswith("lich/") or name.endswith(".ics"):
        return "calendar"
    if name.endswith(".html"):
        return "html"
    return "slogans" if name == "khau-hieu.docx" else "plan"


#: Ways to run ``render`` (only, units by position, extras, prune); a few, so that runs repeat.
RUNS = [
    ([], [], [], False),
    (["letters"], [], [], False),
    ([], [0], [], False),
    ([], [], ["html", "calendar", "slogans"], True),
    (["plan", "checklists"], [1, 2], ["html"], False),
    ([], [], [], True),
]
changes = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, len(EDITS) - 1), st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.just("undo"), st.integers(0, 4)),
    st.tuples(st.just("template")),
    st.tuples(st.just("nothing")),
)


@pytest.mark.slow  # 15 s of renders: CI runs it with the other slow checks (pytest -m slow)
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(st.tuples(changes, st.sampled_from(range(len(RUNS)))), min_size=1, max_size=8))
def test_random_edits_undos_and_renders_match_fresh_renders(sequence):
    """After each change of the plan or its templates, a render; out/ checked after each render."""
    variant = template_variant()
    with tempfile.TemporaryDirectory() as folder:
        space = Workspace(Path(folder))
        space.render(*RUNS[0])
        for change, run in sequence:
            if change[0] == "edit":
                space.edit(*change[1:])
            elif change[0] == "undo":
                space.undo(change[1])
            elif change[0] == "template":
                space.toggle_template(variant)
            space.render(*RUNS[run])
        space.render(*RUNS[0])


# --- a city-sized plan --------------------------------------------------------------------------


def big_plan(folder: Path, units: int) -> Path:
    data = copy.deepcopy(BASE)
    data["units"] = [
        {"id": f"don-vi-{n:04d}", "name": f"Tổ dân phố số {n}", "tasks": [f"Việc của tổ số {n}."]}
        for n in range(1, units + 1)
    ]
    path = folder / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.slow
def test_undo_on_a_thousand_unit_plan(tmp_path):
    plan = big_plan(tmp_path, 1000)
    first = plan.read_bytes()
    out = tmp_path / "out"
    assert len(run_render(plan, out).files) == 2001
    assert_as_fresh(out, plan)
    plan.write_bytes(edited(first, "Tổ dân phố số 500\n", "Tổ dân phố số 500 MỚI\n"))
    changed = ["checklist/don-vi-0500.docx", "giao-viec/don-vi-0500.docx", "ke-hoach-07-KH-UBND.docx"]
    assert sorted(f.name for f in run_render(plan, out).files) == changed
    assert_as_fresh(out, plan)
    plan.write_bytes(first)
    assert sorted(f.name for f in run_render(plan, out).files) == changed
    assert_as_fresh(out, plan)
    again = run_render(plan, out)
    assert again.files == [] and len(again.unchanged) == 2001
    assert_as_fresh(out, plan)
