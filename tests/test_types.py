"""The types hold: mypy, strict, passes over all of src/, and every ``type: ignore`` says why.

A wrong type is a crash a user meets on one plan and not another (a ``None`` where
a date was expected, a view missing a field); strict mypy finds those before a
release. The settings are pyproject.toml's [tool.mypy]; ``.venv/bin/mypy`` runs
the same check by hand.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from helpers import ROOT

PACKAGE = ROOT / "src" / "kehoach"
#: ``# type: ignore[code, code]`` followed by a second comment that says why it must stay.
JUSTIFIED_IGNORE = re.compile(r"#\s*type:\s*ignore\[[a-z-]+(,\s*[a-z-]+)*\]\s+#\s*\S.*")


def mypy(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """mypy with the project's configuration, its cache out of the work tree."""
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(cache)]
    return subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mypy-cache")


def test_mypy_strict_passes_over_every_module_of_src(cache: Path) -> None:
    result = mypy(cache)
    assert result.returncode == 0, result.stdout + result.stderr
    modules = len(list(PACKAGE.rglob("*.py")))
    assert f"no issues found in {modules} source files" in result.stdout, result.stdout


def test_the_configuration_is_strict(cache: Path, tmp_path: Path) -> None:
    """An untyped function and a bare ignore fail: the settings really are strict."""
    sample = tmp_path / "sample.py"
    sample.write_text("def double(x):\n    return x * 2\n\n\nvalue: int = 'two'  # type: ignore\n", encoding="utf-8")
    result = mypy(cache, str(sample))
    assert result.returncode == 1
    assert "[no-untyped-def]" in result.stdout
    assert "[ignore-without-code]" in result.stdout


def ignores_without_reason(source: str) -> list[tuple[int, str]]:
    """(line, comment) of every ``type: ignore`` without an error code and a reason after it."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT or "type: ignore" not in token.string:
            continue
        if not JUSTIFIED_IGNORE.fullmatch(token.string):
            found.append((token.start[0], token.string))
    return found


def test_ignores_without_reason_are_found() -> None:
    source = "a = 1  # type: ignore\nb = 2  # type: ignore[assignment]\nc = 3  # type: ignore[misc]  # why\n"
    assert [line for line, _ in ignores_without_reason(source)] == [1, 2]


def test_every_type_ignore_in_src_names_its_code_and_says_why() -> None:
    unjustified = {
        f"{path.relative_to(ROOT)}:{line}": comment
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, comment in ignores_without_reason(path.read_text(encoding="utf-8"))
    }
    assert not unjustified, unjustified
