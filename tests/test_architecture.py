"""The layers hold: imports only go down, no module imports another inside a function, no cycle.

A reader following a plan from the command line to a written file goes down
cli → commands → publish → render → views → diff | lint → plan → text and never
climbs back. The contracts are in pyproject.toml ([tool.importlinter]); a cycle,
an upward import or an import hidden in a function to dodge one fails here.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import grimp
from importlinter import cli as importlinter_cli

from helpers import ROOT

PACKAGE = ROOT / "src" / "kehoach"
#: The one documented way a kehoach module loads another lazily: the root group's importlib call.
LAZY_LOADER = PACKAGE / "cli" / "app.py"


def test_the_layer_contracts_are_kept() -> None:
    code = importlinter_cli.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert code == 0, "a contract of [tool.importlinter] is broken: run .venv/bin/lint-imports to see which"


def imports_inside_functions(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of a kehoach module made inside a function."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").startswith("kehoach")):
                found.append((inner.lineno, "." * inner.level + (inner.module or "")))
            elif isinstance(inner, ast.Import):
                found += [(inner.lineno, a.name) for a in inner.names if a.name.split(".")[0] == "kehoach"]
    return found


def test_the_check_sees_an_import_hidden_in_a_function() -> None:
    source = "import json\n\ndef f():\n    import json\n    from kehoach.render import kinds\n    from . import x\n"
    assert imports_inside_functions(source) == [(5, "kehoach.render"), (6, ".")]


def test_no_kehoach_module_imports_another_inside_a_function() -> None:
    found = {
        f"{path.relative_to(PACKAGE)}:{line}": module
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, module in imports_inside_functions(path.read_text(encoding="utf-8"))
    }
    assert found == {}
    assert "importlib.import_module" in LAZY_LOADER.read_text(encoding="utf-8")


def cycles(graph: grimp.ImportGraph) -> list[tuple[str, str]]:
    """Imports ``a → b`` where ``b`` leads back to ``a``, directly or through other modules."""
    return [
        (module, other)
        for module in sorted(graph.modules)
        for other in sorted(graph.find_modules_directly_imported_by(module))
        if graph.chain_exists(importer=other, imported=module)
    ]


def test_cycles_are_found_when_there_is_one() -> None:
    graph = grimp.ImportGraph()
    for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=importer, imported=imported)
    assert cycles(graph) == [("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a")]


def test_the_import_graph_has_no_cycle() -> None:
    graph = grimp.build_graph("kehoach", exclude_type_checking_imports=True, cache_dir=None)
    assert cycles(graph) == []


def loaded_modules(*args: str) -> set[str]:
    """The modules (kehoach's and the libraries') a command line loads, run in a fresh interpreter."""
    code = (
        "import sys; from kehoach.cli.app import main; sys.argv = ['kehoach', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('loaded:', *sys.modules, file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )
    lines = [line for line in run.stderr.splitlines() if line.startswith("loaded: ")]
    assert lines, run.stderr
    return set(lines[-1].split()[1:])


def layer(module: str) -> str:
    """``kehoach.render.kinds`` → ``render``."""
    return module.partition(".")[2].split(".")[0]


def test_help_loads_no_command() -> None:
    loaded = loaded_modules("--help")
    assert {m for m in loaded if m.startswith("kehoach.cli.")} == {"kehoach.cli.app", "kehoach.cli.common"}
    assert not {m for m in loaded if layer(m) in {"commands", "render", "plan", "diff", "views"}}


def test_validate_loads_its_command_and_not_the_pipeline() -> None:
    loaded = loaded_modules("validate", str(ROOT / "plan.yaml"))
    assert {"kehoach.cli.validate", "kehoach.commands.validate", "kehoach.plan.validate"} <= loaded
    assert not {m for m in loaded if layer(m) in {"render", "diff", "views"}}
    assert "kehoach.publish.pipeline" not in loaded and "kehoach.cli.render" not in loaded


def test_render_loads_neither_pdf_nor_calendar_libraries(tmp_path) -> None:
    """pypdf (print packs) and icalendar (``--ics``) cost a tenth of a second each to import:
    a plain render, which uses neither, does not load them; ``--ics`` does load icalendar."""
    plain = loaded_modules("render", str(ROOT / "plan.yaml"), "-o", str(tmp_path / "plain"))
    assert "kehoach.publish.pipeline" in plain
    assert not {m for m in plain if m.split(".")[0] in {"pypdf", "icalendar"}}
    with_ics = loaded_modules("render", str(ROOT / "plan.yaml"), "-o", str(tmp_path / "ics"), "--ics")
    assert "icalendar" in with_ics and "pypdf" not in with_ics
