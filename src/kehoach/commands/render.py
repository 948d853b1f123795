"""``kehoach render``: the plan's documents, written into ``out/`` all at once.

The plan document, one letter (công văn) and one checklist per unit. ``only``
and ``units`` narrow the run. Documents whose inputs have not changed since the
last run are not rendered again. Nothing a user changed by hand is overwritten
without ``force`` (which keeps a .bak copy); files of units that no longer exist
are reported and removed only with ``prune``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach import output, render
from kehoach.errors import KehoachError, Problem, UsageError
from kehoach.model import Plan
from kehoach.validate import load_plan

KINDS = {"plan": "plan", "letters": "letter", "checklists": "checklist"}


@dataclass(frozen=True)
class WrittenFile:
    """One file of the run, relative to the output folder."""

    name: str
    size: int


@dataclass(frozen=True)
class RenderResult:
    """What a render did to the output folder, and the plan's warnings."""

    out_dir: Path
    files: list[WrittenFile]
    unchanged: list[str] = field(default_factory=list)
    backups: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class HandEditedError(KehoachError):
    """Files in out/ changed by hand (or not written by kehoach) would be overwritten."""

    def __init__(self, names: list[str]) -> None:
        super().__init__("out.hand_edited", files=", ".join(names), count=len(names))
        self.names = names


def check_units(plan: Plan, wanted: Iterable[str]) -> None:
    """Every asked unit id exists, or a usage error naming the known ones."""
    known = [u.id for u in plan.units]
    for unit_id in wanted:
        if unit_id not in known:
            args = {"id": unit_id, "known": ", ".join(known)}
            close = difflib.get_close_matches(unit_id, known, n=1)
            if close:
                args["suggestion"] = close[0]
            raise UsageError("unit.unknown", **args)


def selected(plan: Plan, only: Iterable[str], unit_ids: Iterable[str]) -> list[render.Document]:
    """The documents this run is asked for, in plan order."""
    kinds = {KINDS[k] for k in only} or set(KINDS.values())
    wanted = set(unit_ids)
    check_units(plan, wanted)
    return [d for d in render.documents(plan) if d.kind in kinds and (not wanted or d.unit in wanted)]


def run_render(
    plan_path: Path,
    out_dir: Path,
    only: Iterable[str] = (),
    unit_ids: Iterable[str] = (),
    force: bool = False,
    prune: bool = False,
) -> RenderResult:
    """Validate, render what changed, check for hand edits, then commit all or nothing."""
    loaded = load_plan(plan_path)
    plan, plan_dir = loaded.plan, plan_path.parent
    manifest = output.Manifest.load(out_dir)
    change, written, unchanged = _render_changed(plan, plan_dir, out_dir, manifest, only, unit_ids)
    edited = output.hand_edited(out_dir, manifest, list(change.writes))
    if edited and not force:
        raise HandEditedError(edited)
    change.backups = {name: output.backup_name(out_dir, name) for name in edited}
    all_names = {d.name: d for d in render.documents(plan)}
    stale, stale_edited = output.prunable(out_dir, manifest, all_names)
    if prune:
        change.removals = stale
        for name in stale:
            manifest.files.pop(name, None)
    if change.writes or change.removals:
        change.writes[output.MANIFEST] = manifest.to_bytes()
        output.commit(out_dir, change)
    return RenderResult(
        out_dir,
        written,
        unchanged,
        change.backups,
        stale=[] if prune else stale + stale_edited,
        pruned=change.removals if prune else [],
        warnings=loaded.warnings,
    )


def _render_changed(plan, plan_dir, out_dir, manifest, only, unit_ids):  # type: ignore[no-untyped-def]
    """Render the asked documents whose inputs changed; record them in the manifest."""
    change = output.Change()
    written, unchanged = [], []
    for document in selected(plan, only, unit_ids):
        template = render.find_template(document.template, plan_dir)
        inputs = render.inputs_hash(document, plan, template)
        if output.is_unchanged(out_dir, manifest, document.name, inputs):
            unchanged.append(document.name)
            continue
        data = render.render_document(document, plan, template)
        change.writes[document.name] = data
        manifest.files[document.name] = output.Entry(
            output.sha256(data), inputs, document.kind, document.unit
        )
        written.append(WrittenFile(document.name, len(data)))
    return change, written, unchanged
