"""``kehoach notify [OLD] [NEW]``: a change notice (công văn điều chỉnh) for each affected unit."""

from __future__ import annotations

from pathlib import Path

from kehoach.commands.diff import run_diff
from kehoach.publish import commit
from kehoach.publish.pipeline import RenderResult, publish
from kehoach.render import kinds
from kehoach.views.notice import notice_view

NOTICE_TEMPLATE = "dieu-chinh.docx"
NOTICE_DIR = "dieu-chinh"


def notices(result, lang: str = "vi") -> list[kinds.Document]:  # type: ignore[no-untyped-def]
    """One notice document per affected unit, in plan order."""
    subject = f"V/v điều chỉnh {result.diff.new.document.type_name} số {result.diff.new.symbol}"
    return [
        kinds.Document(
            f"{NOTICE_DIR}/{unit_id}.docx",
            "notice",
            unit_id,
            NOTICE_TEMPLATE,
            f"{subject} - {unit_id}",
            given=notice_view(result.diff, unit_id, lang),
        )
        for unit_id in result.affected
    ]


@commit.exclusive_run
def run_notify(old: str | None, new: str | None, plan_path: Path, out_dir: Path, force: bool = False) -> RenderResult:
    """Write the notices of a revision into ``out_dir/dieu-chinh/`` (all or nothing)."""
    result = run_diff(old, new, plan_path)
    done = publish(result.diff.new, plan_path.parent, out_dir, notices(result), force=force)
    return RenderResult(out_dir, done.written, done.unchanged, done.backups)
