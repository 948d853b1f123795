"""A province's plan: 5,000 units load within the default limits, and the limits still stop
what no plan is (junk, floods of values, alias bombs) however far ``--limit-scale`` raises them.

The large plans are written out as text here (``yaml.safe_dump`` would take a minute): the
minimal plan's header, two phases, and units whose tasks name phases, partners and sub-items,
the way bench/run.py's synthetic plans and a real province's plan do.
"""

from __future__ import annotations

import copy
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from helpers import FIXTURES, LAO_CAI, MINIMAL, PLAN
from kehoach.cli import common
from kehoach.cli.app import app
from kehoach.plan import loader
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_plan
from kehoach.text import messages
from kehoach.text.errors import ProblemsError

runner = CliRunner()

#: The reference plan's own task texts: a province's tasks read like a ward's.
SENTENCES = [task.text for unit in load_plan(PLAN).plan.units for task in unit.tasks]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _unit(i: int, tasks: int, units: int, rng: random.Random) -> str:
    lines = [
        f"  - id: don-vi-{i:04d}",
        f"    name: Trường Trung học cơ sở số {i} phường An Dương",
        f"    relation: {'đề nghị' if i % 7 == 0 else 'giao'}",
        "    tasks:",
    ]
    for t in range(tasks):
        lines += [f"      - text: {quoted(rng.choice(SENTENCES))}", f"        phase: dot-{t % 2 + 1}"]
        if t % 2 == 0:
            lines.append(f"        with: [don-vi-{rng.randrange(units):04d}, Công an phường]")
        if t % 3 == 0:
            lines += ["        bullets:", *(f"          - {quoted(rng.choice(SENTENCES)[:120])}" for _ in range(2))]
    return "\n".join(lines)


def province(units: int, tasks: Callable[[random.Random], int]) -> str:
    """plan.yaml of ``units`` units, ``tasks(rng)`` tasks each."""
    head = copy.deepcopy(MINIMAL)
    head["phases"] = [
        {"id": "dot-1", "name": "Đợt 1", "start": "2025-01-10", "end": "2025-06-30"},
        {"id": "dot-2", "name": "Đợt 2", "start": "2025-07-01", "end": "2025-12-31"},
    ]
    rng = random.Random(units)
    body = "\n".join(_unit(i, tasks(rng), units, rng) for i in range(units))
    return yaml.safe_dump(head, allow_unicode=True, sort_keys=False) + "units:\n" + body + "\n"


def line_of(text: str, pattern: str) -> int:
    """The 1-based line where ``pattern`` first matches."""
    found = re.search(pattern, text, re.MULTILINE)
    assert found is not None
    return text.count("\n", 0, found.start()) + 1


def values(data: object) -> int:
    """How many values the loader counts in ``data`` (keys are not values)."""
    if isinstance(data, dict):
        return 1 + sum(values(v) for v in data.values())
    if isinstance(data, list):
        return 1 + sum(values(v) for v in data)
    return 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "tasks", [lambda rng: 10, lambda rng: rng.randint(4, 12)], ids=["10 tasks a unit", "4 to 12 tasks a unit"]
)
def test_a_province_plan_of_5000_units_loads_with_the_default_limits(tmp_path, tasks):
    text = province(5000, tasks)
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_plan(path)
    # more than the limits this plan used to meet (20 MB, 200,000 values)
    assert path.stat().st_size > 20_000_000 or values(loaded.document.data) > 200_000
    assert [u.id for u in loaded.plan.units] == [f"don-vi-{i:04d}" for i in range(5000)]
    last = loaded.plan.units[-1]
    assert last.tasks[-1].text in SENTENCES
    # positions still point at the right line, at the end of 25 MB
    where = loaded.document.position(("units", 4999, "id"))
    assert where.line == line_of(text, r"^  - id: don-vi-4999$")


def test_a_mistake_deep_in_a_1000_unit_plan_points_at_its_line(tmp_path):
    text = province(1000, lambda rng: 10)
    at = line_of(text, r"^  - id: don-vi-0777$")
    lines = text.split("\n")
    phase = next(n for n in range(at, len(lines)) if lines[n].strip().startswith("phase: "))
    lines[phase] = lines[phase].replace("dot-", "dott-")
    path = tmp_path / "plan.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_plan(path)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.key_path) == ("unknown_phase", phase + 1, "units[777].tasks[0].phase")


# -- the limits still protect -----------------------------------------------------------------


def validate(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, [*args], env=env)


def test_an_alias_bomb_is_refused_even_with_the_limits_raised_100_times():
    bomb = str(FIXTURES / "bad" / "alias-bomb.yaml")
    result = validate("validate", bomb, "--limit-scale", "100")
    assert result.exit_code == 1
    assert messages.text("yaml.too_many_aliased", "vi", limit=loader.MAX_ALIASED) in result.output
    assert "Traceback" not in result.output


def test_a_flood_of_values_is_refused_at_the_limit(tmp_path):
    plan = copy.deepcopy(MINIMAL)
    path = tmp_path / "plan.yaml"
    flood = ", ".join(["Căn cứ."] * loader.MAX_VALUES)
    path.write_text(yaml.safe_dump(plan, allow_unicode=True) + f"basis: [{flood}]\n", encoding="utf-8")
    refused = validate("validate", str(path))
    assert refused.exit_code == 1
    assert messages.text("yaml.too_many_values", "vi", limit=loader.MAX_VALUES) in refused.output
    assert "--limit-scale 2" in refused.output  # the hint says how to raise it


def test_the_scale_multiplies_size_and_values_but_not_aliases_or_depth(monkeypatch):
    monkeypatch.setenv(loader.LIMIT_SCALE_ENV, "3")
    assert loader.limits() == loader.Limits(
        3 * loader.MAX_BYTES, 3 * loader.MAX_VALUES, loader.MAX_ALIASED, loader.MAX_DEPTH
    )


def test_nesting_stays_limited_when_the_limits_are_raised(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("a: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    result = validate("validate", str(path), "--limit-scale", "100")
    assert messages.text("yaml.too_deep", "vi", limit=loader.MAX_DEPTH) in result.output


# -- one option raises them, on every command that loads a plan --------------------------------


@pytest.fixture(scope="module")
def over_size(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid minimal plan just over the size limit (a long comment at its end)."""
    path = tmp_path_factory.mktemp("big") / "plan.yaml"
    text = yaml.safe_dump(MINIMAL, allow_unicode=True, sort_keys=False)
    padding = ("# " + "x" * 97 + "\n") * (loader.MAX_BYTES // 100 + 10)
    path.write_text(text + padding, encoding="utf-8")
    assert loader.MAX_BYTES < path.stat().st_size < 2 * loader.MAX_BYTES
    return path


def test_a_file_over_the_size_limit_is_refused_with_the_way_to_raise_it(over_size):
    result = validate("validate", str(over_size))
    assert result.exit_code == 1
    assert messages.text("file.too_large", "vi", limit=loader.MAX_BYTES) in result.output
    assert messages.hint("file.too_large", "vi") in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{plan}", "--limit-scale", "2"],
        ["--limit-scale", "2", "validate", "{plan}"],
        ["lint", "{plan}", "--limit-scale", "2"],
        ["--limit-scale", "2", "units", "{plan}"],
        ["render", "{plan}", "-o", "{out}", "--limit-scale", "2"],
    ],
    ids=["validate", "before the command", "lint", "units", "render"],
)
def test_limit_scale_raises_the_size_limit(over_size, tmp_path, args):
    result = validate(*[a.format(plan=over_size, out=tmp_path / "out") for a in args])
    assert result.exit_code == 0, result.output
    # only for that command: the next one has the default limits again
    assert validate("validate", str(over_size)).exit_code == 1


def test_the_environment_variable_raises_it_too_and_a_bad_value_is_a_usage_error(over_size):
    assert validate("validate", str(over_size), env={loader.LIMIT_SCALE_ENV: "2"}).exit_code == 0
    bad = validate("validate", str(over_size), env={loader.LIMIT_SCALE_ENV: "hai"})
    assert bad.exit_code == 2
    assert messages.text("limits.bad_scale", "vi", name=loader.LIMIT_SCALE_ENV, value="hai", most=100) in bad.output


def test_the_command_line_and_the_loader_name_the_same_variable_and_range():
    assert (common.LIMIT_SCALE_ENV, common.MAX_LIMIT_SCALE) == (loader.LIMIT_SCALE_ENV, loader.MAX_LIMIT_SCALE)
    for lang in ("vi", "en"):
        help_text = messages.text("help.opt.limit_scale", lang)
        assert f"{loader.MAX_BYTES // 1_000_000} MB" in help_text and loader.LIMIT_SCALE_ENV in help_text


# -- units found by id, as before --------------------------------------------------------------


def scan(plan: Plan, unit_id: str):
    """What ``Plan.unit`` did before it had an index: the first unit with that id."""
    return next((u for u in plan.units if u.id == unit_id), None)


@pytest.mark.parametrize("path", [PLAN, LAO_CAI], ids=["reference", "lao-cai"])
def test_plan_unit_finds_what_a_scan_finds_for_every_id(path):
    plan = load_plan(path).plan
    refs = {ref for u in plan.units for t in u.tasks for ref in t.with_}
    refs |= {ref for k in plan.key_tasks for ref in [*k.lead, *k.with_]}
    for unit_id in [u.id for u in plan.units] + sorted(refs) + ["khong-co", ""]:
        assert plan.unit(unit_id) is scan(plan, unit_id)
    for unit in plan.units:
        assert plan.key_tasks_led_by(unit.id) == [k for k in plan.key_tasks if unit.id in k.lead]


def test_plan_unit_keeps_the_first_of_a_repeated_id_and_follows_a_copy_with_other_units():
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["units"] = [{"id": "a", "name": "Một"}, {"id": "b", "name": "Hai"}, {"id": "a", "name": "Ba"}]
    plan = Plan.model_validate(data)
    assert plan.unit("a") is scan(plan, "a") and plan.unit("a").name == "Một"
    other = plan.model_copy(update={"units": plan.units[1:]})
    assert other.unit("a").name == "Ba" and other.unit("b") is plan.unit("b")
    assert plan.unit("a").name == "Một"
    # the index is no field: dumps and equality are those of the plan alone
    assert plan == Plan.model_validate(data) and "_units_by_id" not in plan.model_dump()


def test_a_text_given_to_many_units_is_held_once(tmp_path):
    """A province gives the same task to every commune: the plan keeps one copy of its words
    (the loader holds each text once, and cleaning leaves a clean text as it is)."""
    plan = copy.deepcopy(MINIMAL)
    task = "Rà soát,  thống kê số hộ nghèo trên địa bàn."
    plan["units"] = [{"id": f"xa-{i}", "name": f"UBND xã {i}", "tasks": [task, SENTENCES[0]]} for i in range(3)]
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    units = load_plan(path).plan.units
    assert units[0].tasks[0].text == "Rà soát, thống kê số hộ nghèo trên địa bàn."  # still cleaned
    assert units[1].tasks[1].text is units[0].tasks[1].text is units[2].tasks[1].text
