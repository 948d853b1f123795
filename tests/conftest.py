"""Fixtures: the repo's plan rendered once per session (rendering is the slow part)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import LAO_CAI, PLAN, open_docx
from kehoach.commands.render import run_render


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """out/ of the repo's plan.yaml."""
    out = tmp_path_factory.mktemp("out")
    run_render(PLAN, out)
    return out


@pytest.fixture(scope="session")
def plan_docx(rendered: Path):
    """The rendered reference plan, opened with python-docx."""
    return open_docx(rendered / "ke-hoach-15-KH-UBND.docx")


@pytest.fixture(scope="session")
def lao_cai_docx(tmp_path_factory: pytest.TempPathFactory):
    """The rendered Lào Cai draft (another shape: draft, no phases, appendix table)."""
    out = tmp_path_factory.mktemp("out-lao-cai")
    run_render(LAO_CAI, out)
    return open_docx(out / "ke-hoach-du-thao-KH-UBND.docx")


@pytest.fixture
def soffice() -> str:
    """LibreOffice's soffice; CI sets KEHOACH_REQUIRE_SOFFICE=1 so it is never skipped there."""
    import os

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("KEHOACH_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice not installed")
    return found


@pytest.fixture(scope="session")
def plan_model():
    """The repo's plan, validated."""
    from kehoach.validate import load_plan

    return load_plan(PLAN).plan
