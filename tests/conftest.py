"""Fixtures: the repo's plan rendered once per session (rendering is the slow part).

Also the Hypothesis profiles of tests/test_fuzz.py: "default" for every run, and "deep"
when ``KEHOACH_FUZZ_SCALE=N`` (N > 1) asks for N times as many examples, a nightly-style
run that looks further than a developer's edit-test loop can afford to.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import LAO_CAI, PLAN, fuzz_scale, open_docx
from kehoach.plan.validate import load_plan
from kehoach.publish.pipeline import run_render
from kehoach.render import pdf

# The everyday run (and CI) draws the same examples every time, so a red CI always means a change
# broke something; the deep run (KEHOACH_FUZZ_SCALE) explores new ones.
settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.register_profile(
    "deep", parent=settings.get_profile("default"), max_examples=100 * fuzz_scale(), print_blob=True, derandomize=False
)
settings.load_profile("deep" if fuzz_scale() > 1 else "default")


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


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice kehoach itself would use (pdf.find_soffice).

    Skipped where it is not installed, except under KEHOACH_REQUIRE_SOFFICE=1 (CI sets it):
    there a missing LibreOffice fails, so a green run always means the PDFs were checked.
    Session-wide, so module fixtures that convert once (test_print.with_pdfs) use it too.
    """
    found = pdf.find_soffice()
    if found is None:
        if os.environ.get("KEHOACH_REQUIRE_SOFFICE") == "1":
            pytest.fail("LibreOffice (soffice) is required here (KEHOACH_REQUIRE_SOFFICE=1) but not installed")
        pytest.skip("LibreOffice not installed")
    return found


@pytest.fixture(scope="session")
def plan_model():
    """The repo's plan, validated."""
    return load_plan(PLAN).plan
