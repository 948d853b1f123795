"""What kehoach ships: its templates (real files, one copy, rebuilt byte for byte), the sdist
and wheel made from them, ``templates export`` and ``init`` writing them out safely, and a
starter plan that renders as it reads."""

from __future__ import annotations

import importlib.util
import re
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from hatchling.builders.sdist import SdistBuilder
from hatchling.builders.wheel import WheelBuilder
from typer.testing import CliRunner

from helpers import ROOT, TEMPLATES, open_docx, texts
from kehoach.cli.app import app
from kehoach.render.kinds import templates as kind_templates
from kehoach.render.names import find_template

#: The default templates (the kinds table's), with the views each receives.
VIEWS = kind_templates()

runner = CliRunner()
HAS_PROC = Path("/proc/self").is_dir() and Path("/sys/kernel").is_dir()


def tool(name: str) -> ModuleType:
    """A script of tools/ imported as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def says(output: str, text: str) -> bool:
    """Whether ``output`` has ``text``, wherever the console broke its lines."""
    return "".join(text.split()) in "".join(output.split())


# --- the templates: one real copy, the one the build script makes -------------------------


def test_templates_are_real_files_inside_the_package():
    """No symbolic link (a Windows checkout without core.symlinks breaks on one), no second copy."""
    assert TEMPLATES.is_dir() and not TEMPLATES.is_symlink()
    assert sorted(p.name for p in TEMPLATES.iterdir()) == sorted(VIEWS)
    assert all(p.is_file() and not p.is_symlink() for p in TEMPLATES.iterdir())
    # a templates/ folder beside the repo's plan.yaml would override the defaults for that plan
    assert not (ROOT / "templates").exists()


def test_build_script_reproduces_the_committed_templates_byte_for_byte():
    build = tool("build_templates")
    made = build.built()
    assert sorted(made) == sorted(name for name in VIEWS if name.endswith(".docx"))
    assert build.drifted(TEMPLATES) == []


def test_build_script_check_fails_on_a_template_that_drifted(tmp_path):
    build = tool("build_templates")
    assert build.main(["--out", str(tmp_path)]) == 0
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "checklist.docx").write_bytes(b"changed in Word")
    assert build.main(["--check", "--out", str(tmp_path)]) == 1
    assert build.drifted(tmp_path) == ["checklist.docx"]


def test_readme_lists_exactly_the_templates_kehoach_uses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("The defaults live in") :].split("\n\n")[0]
    assert sorted(set(re.findall(r"`([\w.-]+\.(?:docx|html))`", paragraph))) == sorted(VIEWS)


def test_sdist_holds_what_its_tests_need_and_its_wheel_the_templates(tmp_path):
    sdist = Path(next(iter(SdistBuilder(str(ROOT)).build(directory=str(tmp_path / "dist")))))
    with tarfile.open(sdist) as archive:
        names = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
        archive.extractall(tmp_path / "unpacked", filter="data")
    for needed in ("plan.yaml", "examples/lao-cai-khoang-san.yaml", "tools/build_templates.py", "tests/conftest.py"):
        assert needed in names, needed
    assert {f"src/kehoach/render/templates/{name}" for name in VIEWS} <= names
    [root] = (tmp_path / "unpacked").iterdir()
    wheel = Path(next(iter(WheelBuilder(str(root)).build(directory=str(tmp_path / "wheel")))))
    with zipfile.ZipFile(wheel) as archive:
        for name in VIEWS:
            assert archive.read(f"kehoach/render/templates/{name}") == (TEMPLATES / name).read_bytes(), name


# --- templates export ---------------------------------------------------------------------


def test_export_writes_every_template_the_web_page_too(tmp_path):
    target = tmp_path / "mau"
    result = runner.invoke(app, ["templates", "export", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == sorted(VIEWS)
    for name in VIEWS:
        assert (target / name).read_bytes() == (TEMPLATES / name).read_bytes()
    assert says(result.output, f"Đã chép mẫu ke-hoach.html vào {target / 'ke-hoach.html'}.")


def test_templates_check_covers_the_web_page(tmp_path):
    result = runner.invoke(app, ["templates", "check", str(ROOT / "plan.yaml")], catch_exceptions=False)
    assert result.exit_code == 0
    assert says(result.output, f"Mẫu {find_template('ke-hoach.html', tmp_path)}: không có lỗi.")


def test_export_onto_a_file_is_a_message_not_a_crash(tmp_path):
    target = tmp_path / "mau"
    target.write_text("một tệp", encoding="utf-8")
    result = runner.invoke(app, ["templates", "export", str(target)], catch_exceptions=False)
    assert result.exit_code == 4
    assert says(result.stderr, f"'{target}' là một tệp, không phải thư mục.")
    assert target.read_text(encoding="utf-8") == "một tệp"


def test_export_below_a_file_is_a_message_not_a_crash(tmp_path):
    (tmp_path / "a").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["templates", "export", str(tmp_path / "a" / "mau")], catch_exceptions=False)
    assert result.exit_code == 4
    assert says(result.stderr, f"'{tmp_path / 'a'}' là một tệp, không phải thư mục.")


@pytest.mark.skipif(not HAS_PROC, reason="/proc and /sys are Linux's")
@pytest.mark.parametrize(
    ("path", "message"),
    [("/proc/kehoach-mau", "Không ghi được /proc/kehoach-mau:"), ("/sys/kehoach-mau", "Không có quyền ghi")],
)
def test_export_where_nothing_can_be_written(path, message):
    result = runner.invoke(app, ["templates", "export", path], catch_exceptions=False)
    assert result.exit_code == 4
    assert says(result.stderr, message)


# --- init ---------------------------------------------------------------------------------


def test_init_keeps_an_existing_schema(tmp_path):
    (tmp_path / "plan.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert (tmp_path / "plan.schema.json").read_text(encoding="utf-8") == "{}"
    assert says(result.output, f"Đã có {tmp_path / 'plan.schema.json'}; giữ nguyên.")
    assert (tmp_path / "plan.yaml").is_file()


def test_init_onto_a_file_is_a_message_not_a_crash(tmp_path):
    target = tmp_path / "plan.yaml"
    target.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)], catch_exceptions=False)
    assert result.exit_code == 4
    assert says(result.stderr, f"'{target}' là một tệp, không phải thư mục.")
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.skipif(not HAS_PROC, reason="/proc and /sys are Linux's")
@pytest.mark.parametrize(
    ("path", "message"),
    [("/proc/kehoach-init", "Không ghi được /proc/kehoach-init:"), ("/sys/kehoach-init", "Không có quyền ghi")],
)
def test_init_where_nothing_can_be_written(path, message):
    result = runner.invoke(app, ["init", path], catch_exceptions=False)
    assert result.exit_code == 4
    assert says(result.stderr, message)


# --- the starter plan ---------------------------------------------------------------------


def _list_texts(node: object, key: str = "") -> list[str]:
    """Every string given as an element of a list of running text (items, bullets, tasks, basis…)."""
    found: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            found += _list_texts(v, str(k))
    elif isinstance(node, list):
        for element in node:
            if isinstance(element, str) and key in {"items", "bullets", "tasks", "basis", "closing", "slogans"}:
                found.append(element)
            else:
                found += _list_texts(element, key)
    return found


def test_starter_plan_lists_split_only_where_meant(tmp_path):
    """In ``[a, b]`` YAML splits at every comma: a sentence split there starts in lower case."""
    runner.invoke(app, ["init", str(tmp_path)], catch_exceptions=False)
    data = yaml.safe_load((tmp_path / "plan.yaml").read_text(encoding="utf-8"))
    elements = _list_texts(data)
    assert len(elements) > 8
    assert all(e[0] == "(" or e[0].isupper() for e in elements), elements


def test_starter_plan_renders_the_bullets_it_shows(tmp_path):
    runner.invoke(app, ["init", str(tmp_path)], catch_exceptions=False)
    result = runner.invoke(app, ["render", str(tmp_path / "plan.yaml"), "-o", str(tmp_path / "out"), "--only", "plan"])
    assert result.exit_code == 0, result.output
    body = texts(open_docx(tmp_path / "out" / "ke-hoach-01-KH-UBND.docx"))
    assert "- Treo cờ Tổ quốc, băng rôn tại các tuyến đường chính." in body
    assert not [line for line in body if line.startswith(("- Treo cờ Tổ quốc;", "- băng rôn"))]
