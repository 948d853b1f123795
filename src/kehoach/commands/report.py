"""``kehoach report [-o FILE]``: the results report (Báo cáo kết quả thực hiện Kế hoạch) as DOCX.

Made from progress.yaml beside the plan, as of the day given, through the same
template machinery as every document (``bao-cao.docx``, which ``templates export``
copies out to edit). Without ``-o`` it goes into ``out/`` as
``bao-cao-ke-hoach-15-KH-UBND.docx``. The author writes in it (the "Khó khăn, vướng
mắc" section is left to fill), so a file already there is kept as ``….docx.bak``
before it is replaced.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from kehoach.commands.status import run_status
from kehoach.publish.files import write_atomic
from kehoach.render import kinds
from kehoach.text.errors import OutputError, Problem
from kehoach.views.report import By, report_view

#: The output folder when ``-o`` is not given, as for ``render``.
OUT_DIR = Path("out")


@dataclass(frozen=True)
class ReportResult:
    """Where the report went, the copy kept of the one it replaced, and warnings about progress.yaml."""

    path: Path
    backup: Path | None
    warnings: list[Problem] = field(default_factory=list)


def run_report(
    plan_path: Path, as_of: dt.date, target: Path | None = None, by: By = "unit", out_dir: Path = OUT_DIR
) -> ReportResult:
    """Write the report of the plan's progress as of ``as_of`` to ``target`` (default: into ``out_dir``)."""
    status = run_status(plan_path, as_of)
    plan = status.plan
    view = report_view(plan, status.view, by)
    document = kinds.document(kinds.REPORT, plan, None, view, plan_path.parent)
    template = kinds.template_for(document, plan_path.parent)
    data = kinds.render_document(document, plan, template)
    path = target if target is not None else out_dir / document.name
    backup = _keep(path, data)
    write_atomic(path, data)
    return ReportResult(path, backup, status.warnings)


def _keep(path: Path, data: bytes) -> Path | None:
    """A copy of a different report already at ``path`` (the author may have written in it)."""
    if not path.is_file() or path.read_bytes() == data:
        return None
    backup = path.with_name(path.name + ".bak")
    try:
        shutil.copyfile(path, backup)
    except OSError as exc:
        raise OutputError("write.failed", out=str(backup), detail=exc.strerror or str(exc)) from None
    return backup
