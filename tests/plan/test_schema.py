"""Editor support: the JSON Schema (Vietnamese titles, validates real plans) and ``kehoach init``."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from helpers import FIXTURES, LAO_CAI, PLAN
from kehoach.cli.app import app
from kehoach.plan.schema import plan_schema
from kehoach.publish.pipeline import run_render

runner = CliRunner()


class DatesAsText(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text."""


DatesAsText.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read(path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=DatesAsText)


@pytest.mark.parametrize("path", [PLAN, LAO_CAI, FIXTURES / "good-minimal.yaml"], ids=lambda p: p.name)
def test_schema_validates_real_plans(path):
    jsonschema.Draft202012Validator(plan_schema()).validate(read(path))


def test_schema_rejects_what_the_validator_rejects():
    validator = jsonschema.Draft202012Validator(plan_schema())
    for name in (
        "unknown-key",
        "missing-subject",
        "unknown-relation",
        "margin-out-of-range",
        "wrong-type-list",
    ):
        assert list(validator.iter_errors(read(FIXTURES / "bad" / f"{name}.yaml"))), name


def test_every_field_has_a_vietnamese_title_and_description():
    schema = plan_schema()
    definitions = [("Plan", schema), *schema["$defs"].items()]
    checked = 0
    for name, definition in definitions:
        assert definition.get("title") and definition.get("description"), name
        inner = next((a for a in definition.get("anyOf", []) if "properties" in a), definition)
        for key, prop in inner.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{name}.{key}"
            checked += 1
    assert checked >= 75
    assert schema["properties"]["recipients"]["title"] == "Nơi nhận"


def test_schema_command_prints_json():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["title"] == "Kế hoạch"


def test_init_then_render_in_an_empty_folder(tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    plan = tmp_path / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./plan.schema.json")
    assert "/out/" in (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    schema = json.loads((tmp_path / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(read(plan))
    result = run_render(plan, tmp_path / "out")
    names = {f.name for f in result.files}
    assert "ke-hoach-01-KH-UBND.docx" in names and "giao-viec/cong-an-phuong.docx" in names
    assert result.warnings == []
    for part in (
        "issuer:",
        "document:",
        "page:",
        "basis:",
        "intro:",
        "sections:",
        "phases:",
        "units:",
        "key_tasks:",
        "appendices:",
        "slogans:",
        "closing:",
        "recipients:",
        "signer:",
    ):
        assert f"\n{part}" in text, part
    assert text.count("\n# ") > 10


def test_init_never_overwrites_a_plan(tmp_path):
    (tmp_path / "plan.yaml").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == "mine"
