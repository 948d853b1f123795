"""``kehoach notify [OLD] [NEW]``: a change notice (công văn điều chỉnh) for each affected unit."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.diff import run_diff
from kehoach.diff.sides import DiffResult
from kehoach.publish import commit
from kehoach.publish.pipeline import RenderResult, publish
from kehoach.render import kinds
from kehoach.views.notice import notice_view


def notices(result: DiffResult, plan_dir: Path, lang: str = "vi") -> list[kinds.Document]:
    """One notice document per affected unit, in plan order, made with the letter's template."""
    plan = result.diff.new
    return [
        kinds.document(kinds.NOTICE, plan, unit_id, notice_view(result.diff, unit_id, lang), plan_dir)
        for unit_id in result.affected
    ]


@commit.exclusive_run
def run_notify(old: str | None, new: str | None, plan_path: Path, out_dir: Path, force: bool = False) -> RenderResult:
    """Write the notices of a revision into ``out_dir/dieu-chinh/`` (all or nothing)."""
    result = run_diff(old, new, plan_path)
    done = publish(result.diff.new, plan_path.parent, out_dir, notices(result, plan_path.parent), force=force)
    return RenderResult(out_dir, done.written, done.unchanged, done.backups)
