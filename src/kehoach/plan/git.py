"""A plan as it was at a git revision, read without touching the working tree.

``kehoach diff`` compares two states of a plan: usually the last commit and the
file being edited. Checking a revision out would disturb the user's work, so the
text is read with ``git show REV:PATH``, which writes nothing: not the working
tree, not the index. Each side of a comparison is a :class:`Side`, a label for
messages ("HEAD~1:plan.yaml" or the path) and the text, validated like a file.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kehoach.plan import loader
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_text
from kehoach.text.errors import ExitCode, KehoachError, Problem, ProblemsError

#: The revision the plan is compared with when the command line names none.
DEFAULT_REV = "HEAD"


class GitError(KehoachError):
    """A plan cannot be read from git: no git, no repository, no such revision or file."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class Side:
    """One side of a comparison: where the text came from, and the text.

    ``rev`` is the revision for a side read from git and None for a file on disk;
    ``path`` is the file the text is (or was) in, used to point at errors.
    """

    label: str
    text: str
    path: Path
    rev: str | None = None


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run git without a shell; optional locks off so that reading never writes the index."""
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0"}
    try:
        return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git.missing") from None


def toplevel(repo_dir: Path) -> Path:
    """The top of the work tree holding ``repo_dir`` (a folder, or a file in one)."""
    folder = repo_dir if repo_dir.is_dir() else repo_dir.parent
    if not folder.is_dir():
        raise GitError("git.not_a_repo", path=str(repo_dir))
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise GitError("git.not_a_repo", path=str(repo_dir), detail=_stderr(done))
    return Path(done.stdout.decode("utf-8", "replace").strip())


def _stderr(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stderr.decode("utf-8", "replace").strip()


def relative_path(top: Path, repo_dir: Path, path: Path) -> str:
    """``path`` (absolute, or relative to ``repo_dir``) as git names it: from the top, with "/".

    Only the folder is resolved, so a plan that is a symbolic link is read as
    the link git stores, not as its target.
    """
    full = path if path.is_absolute() else repo_dir / path
    full = full.parent.resolve() / full.name
    try:
        return full.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GitError("git.not_a_repo", path=str(path)) from None


def _commit(top: Path, rev: str) -> str:
    """The commit ``rev`` names; a leading "-" would be read as an option, so it names none."""
    done = None if rev.startswith("-") else _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if done is None or done.returncode != 0:
        raise GitError("git.unknown_revision", rev=rev)
    return done.stdout.decode().strip()


def read_at(repo_dir: Path, rev: str, path: Path) -> str:
    """The text of ``path`` at revision ``rev`` of the repository holding ``repo_dir``.

    ``path`` is absolute or relative to ``repo_dir``. Nothing is checked out:
    ``git show`` prints the stored file, so the working tree and the index stay
    as the user left them.
    """
    top = toplevel(repo_dir)
    name = relative_path(top, repo_dir, path)
    commit = _commit(top, rev)
    kind = _git(top, "cat-file", "-t", f"{commit}:{name}")
    if kind.returncode != 0 or kind.stdout.strip() != b"blob":
        raise GitError("git.not_tracked", rev=rev, path=name)
    done = _git(top, "show", f"{commit}:{name}")
    if done.returncode != 0:
        raise GitError("git.not_tracked", rev=rev, path=name, detail=_stderr(done))
    return decode(done.stdout, f"{rev}:{name}")


def decode(raw: bytes, label: str) -> str:
    """Bytes of a stored plan as text, refused like a file on disk would be."""
    limit = loader.limits().bytes
    if len(raw) > limit:
        raise ProblemsError([Problem(label, 0, 0, "file.too_large", {"limit": limit})])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProblemsError([Problem(label, line, 0, "file.not_utf8")]) from None


def resolve_side(arg: str | None, default_rev: str | None, plan_path: Path) -> Side:
    """What one argument of ``kehoach diff [OLD] [NEW]`` names.

    An argument that exists on disk is a plan file (a file wins over a branch of
    the same name, as ``git`` itself needs ``--`` to tell them apart); ``REV:PATH``
    names a file at a revision, PATH from the repository's top; anything else is a
    revision of ``plan_path``. Without an argument the side is ``plan_path`` at
    ``default_rev``, or the working copy when ``default_rev`` is None.
    """
    if arg is None:
        return _working_copy(plan_path) if default_rev is None else _at_rev(default_rev, plan_path)
    if Path(arg).exists():
        return _working_copy(Path(arg))
    rev, colon, inside = arg.partition(":")
    if colon and rev and inside:
        return _at_rev(rev, toplevel(plan_path.absolute()) / inside)
    return _at_rev(arg, plan_path)


def resolve_sides(old: str | None, new: str | None, plan_path: Path) -> tuple[Side, Side]:
    """Both sides of ``kehoach diff``: HEAD's plan against the working copy unless told otherwise."""
    return resolve_side(old, DEFAULT_REV, plan_path), resolve_side(new, None, plan_path)


def _working_copy(path: Path) -> Side:
    return Side(label=str(path), text=loader.read_text(path), path=path)


def _at_rev(rev: str, plan_path: Path) -> Side:
    full = plan_path.absolute()
    top = toplevel(full)
    name = relative_path(top, full.parent, full)
    label = f"{rev}:{name}"
    return Side(label=label, text=read_at(full.parent, rev, full), path=Path(label), rev=rev)


def load_side(side: Side) -> Plan:
    """The validated plan of one side; problems name the side ("HEAD:plan.yaml:3:1")."""
    return load_text(side.text, side.path).plan
