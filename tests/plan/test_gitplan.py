"""Reading a plan at a git revision: nothing in the working tree or index moves, errors have codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import git, make_plan
from kehoach.plan.git import GitError, Side, load_side, read_at, resolve_side, resolve_sides
from kehoach.plan.validate import load_text
from kehoach.text.errors import ExitCode, ProblemsError


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git config, and no repository found above tmp_path."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits of plan.yaml (subject "Một", then "Hai"); the working copy says "Ba", uncommitted."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for subject in ("Một", "Hai"):
        make_plan(root, document={**base_document(), "subject": subject})
        git(root, "add", "plan.yaml")
        git(root, "commit", "-q", "-m", subject)
    make_plan(root, document={**base_document(), "subject": "Ba"})
    return root


def base_document() -> dict[str, object]:
    return {"type": "KH", "number": 7, "place": "An Dương", "date": "2025-01-05", "subject": ""}


def subject(text: str) -> str:
    return load_text(text, Path("plan.yaml")).plan.document.subject


def test_read_at_leaves_working_tree_and_index_alone(repo: Path) -> None:
    plan = repo / "plan.yaml"
    working = plan.read_bytes()
    before = git(repo, "status", "--porcelain")
    index = (repo / ".git" / "index").read_bytes()
    assert before == " M plan.yaml\n"
    assert subject(read_at(repo, "HEAD", Path("plan.yaml"))) == "Hai"
    assert subject(read_at(repo, "HEAD~1", plan)) == "Một"
    assert (repo / ".git" / "index").read_bytes() == index
    assert plan.read_bytes() == working
    assert git(repo, "status", "--porcelain") == before


def test_read_at_from_a_sub_folder(repo: Path) -> None:
    sub = repo / "plans"
    sub.mkdir()
    make_plan(sub, document={**base_document(), "subject": "Con"})
    git(repo, "add", "plans/plan.yaml")
    git(repo, "commit", "-q", "-m", "sub")
    assert subject(read_at(sub, "HEAD", Path("plan.yaml"))) == "Con"
    assert subject(read_at(repo, "HEAD", Path("plans/plan.yaml"))) == "Con"


def error_code(call, *args) -> str:
    with pytest.raises(GitError) as caught:
        call(*args)
    return caught.value.code


def test_unknown_revision(repo: Path) -> None:
    assert error_code(read_at, repo, "khong-co", Path("plan.yaml")) == "git.unknown_revision"
    assert error_code(read_at, repo, "HEAD~5", Path("plan.yaml")) == "git.unknown_revision"
    assert error_code(read_at, repo, "--output=/tmp/x", Path("plan.yaml")) == "git.unknown_revision"


def test_revision_of_an_empty_repository(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    make_plan(empty)
    assert error_code(resolve_side, None, "HEAD", empty / "plan.yaml") == "git.unknown_revision"


def test_path_not_tracked(repo: Path) -> None:
    make_plan(repo, name="other.yaml")
    assert error_code(read_at, repo, "HEAD", Path("other.yaml")) == "git.not_tracked"
    assert error_code(read_at, repo, "HEAD", Path("missing.yaml")) == "git.not_tracked"
    (repo / "plans").mkdir()
    make_plan(repo / "plans")
    git(repo, "add", "plans/plan.yaml")
    git(repo, "commit", "-q", "-m", "folder")
    assert error_code(read_at, repo, "HEAD~1", Path("plans/plan.yaml")) == "git.not_tracked"
    assert error_code(read_at, repo, "HEAD", Path("plans")) == "git.not_tracked"


def test_not_a_repository(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    make_plan(plain)
    assert error_code(read_at, plain, "HEAD", Path("plan.yaml")) == "git.not_a_repo"
    assert error_code(read_at, tmp_path / "nowhere", "HEAD", Path("plan.yaml")) == "git.not_a_repo"
    assert error_code(resolve_side, None, "HEAD", plain / "plan.yaml") == "git.not_a_repo"


def test_path_outside_the_repository(repo: Path, tmp_path: Path) -> None:
    outside = make_plan(tmp_path, name="outside.yaml")
    assert error_code(read_at, repo, "HEAD", outside) == "git.not_a_repo"


def test_git_not_installed(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    monkeypatch.setenv("PATH", str(empty_bin))
    assert error_code(read_at, repo, "HEAD", Path("plan.yaml")) == "git.missing"


def test_errors_have_sentences_and_a_usage_exit_code(repo: Path) -> None:
    with pytest.raises(GitError) as caught:
        read_at(repo, "khong-co", Path("plan.yaml"))
    assert caught.value.message() == "Kho git không có phiên bản 'khong-co'."
    assert caught.value.message("en") == "The git repository has no revision 'khong-co'."
    assert caught.value.exit_code == ExitCode.USAGE


def test_sides_of_kehoach_diff(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    plan = Path("plan.yaml")
    old, new = resolve_sides(None, None, plan)
    assert (old.label, old.rev, subject(old.text)) == ("HEAD:plan.yaml", "HEAD", "Hai")
    assert (new.label, new.rev, subject(new.text)) == ("plan.yaml", None, "Ba")
    old, new = resolve_sides("HEAD~1", None, plan)
    assert (old.label, subject(old.text), subject(new.text)) == ("HEAD~1:plan.yaml", "Một", "Ba")
    old, new = resolve_sides("HEAD~1", "HEAD", plan)
    assert (old.label, new.label) == ("HEAD~1:plan.yaml", "HEAD:plan.yaml")
    assert subject(resolve_side("HEAD~1:plan.yaml", None, plan).text) == "Một"


def test_a_path_on_disk_wins_over_a_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    make_plan(repo, name="HEAD", document={**base_document(), "subject": "Tệp"})
    side = resolve_side("HEAD", "HEAD", Path("plan.yaml"))
    assert (side.label, side.rev, subject(side.text)) == ("HEAD", None, "Tệp")


def test_load_side_names_the_revision_in_problems(repo: Path) -> None:
    plan = load_side(resolve_side(None, "HEAD", repo / "plan.yaml"))
    assert plan.document.subject == "Hai"
    broken = Side(label="HEAD:plan.yaml", text="issuer: {}\n", path=Path("HEAD:plan.yaml"), rev="HEAD")
    with pytest.raises(ProblemsError) as caught:
        load_side(broken)
    assert {p.path for p in caught.value.problems} == {"HEAD:plan.yaml"}
    assert any(p.line == 1 for p in caught.value.problems)


def test_load_text_runs_the_cross_checks(tmp_path: Path) -> None:
    text = make_plan(tmp_path, units=[{"id": "a", "name": "A", "tasks": [{"text": "X.", "phase": "khong-co"}]}])
    with pytest.raises(ProblemsError) as caught:
        load_text(text.read_text(encoding="utf-8"), Path("x.yaml"))
    assert [p.code for p in caught.value.problems] == ["unknown_phase"]
