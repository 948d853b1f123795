"""``kehoach render``: the plan's documents, written into ``out/`` all at once.

The plan document, one letter (công văn) and one checklist per unit. ``only``
and ``units`` narrow the run. Documents whose inputs have not changed since the
last run are not rendered again. Nothing a user changed by hand is overwritten
without ``force`` (which keeps a .bak copy); files of units that no longer exist
are reported and removed only with ``prune``.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kehoach import __version__, batch, output, render
from kehoach.errors import KehoachError, Problem, UsageError
from kehoach.model import Plan
from kehoach.validate import load_plan

KINDS = {
    "plan": "plan",
    "letters": "letter",
    "checklists": "checklist",
    "calendar": "calendar",
    "html": "html",
    "slogans": "slogans",
}


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


def selected(
    plan: Plan, documents: list[render.Document], only: Iterable[str], unit_ids: Iterable[str]
) -> list[render.Document]:
    """The documents this run is asked for, in plan order."""
    kinds = {KINDS[k] for k in only} or set(KINDS.values())
    wanted = set(unit_ids)
    check_units(plan, wanted)
    return [d for d in documents if d.kind in kinds and (not wanted or d.unit in wanted)]


@dataclass(frozen=True)
class Published:
    """What writing a set of documents into out/ did."""

    written: list[WrittenFile]
    unchanged: list[str]
    backups: dict[str, str]
    stale: list[str]
    pruned: list[str]


def publish(
    plan: Plan,
    plan_dir: Path,
    out_dir: Path,
    documents: list[render.Document],
    *,
    keep: Iterable[str] | None = None,
    force: bool = False,
    prune: bool = False,
    progress: Callable[[int, int], Callable[[int], None]] | None = None,
    prints: render.Fingerprints | None = None,
) -> Published:
    """Render the documents that changed and commit them into ``out_dir``, all or nothing.

    ``keep`` names every file the plan still makes (files of its kinds that it no
    longer makes are stale); None leaves staleness unchecked.
    """
    manifest = output.Manifest.load(out_dir)
    prints = prints or render.fingerprints(plan.model_dump(mode="json", by_alias=True))
    todo, unchanged = _changed(plan, prints, plan_dir, out_dir, manifest, documents)
    edited = output.hand_edited(out_dir, manifest, [d.name for d, _ in todo])
    if edited and not force:
        raise HandEditedError(edited)
    change = output.Change(backups={name: output.backup_name(out_dir, name) for name in edited})
    stale, stale_edited = ([], []) if keep is None else output.prunable(out_dir, manifest, set(keep), RENDERED)
    if prune:
        change.removals = stale
    written, same = _render_and_commit(plan, plan_dir, out_dir, manifest, todo, change, progress)
    unchanged = [*unchanged, *same]
    return Published(written, unchanged, change.backups, [] if prune else stale + stale_edited, change.removals)


#: Kinds of files ``render`` makes (change notices are ``notify``'s, never stale for render).
RENDERED = frozenset({*KINDS.values(), "pdf"})


def run_render(
    plan_path: Path,
    out_dir: Path,
    only: Iterable[str] = (),
    unit_ids: Iterable[str] = (),
    force: bool = False,
    prune: bool = False,
    progress: Callable[[int, int], Callable[[int], None]] | None = None,
    changed_since: str | None = None,
    pdf: bool = False,
    extras: Iterable[str] = (),
) -> RenderResult:
    """Validate, find what changed, refuse to overwrite hand edits, render, commit all or nothing.

    ``progress(total, done_so_far)`` may return a callback that is told how many
    documents were just finished (the CLI shows a progress bar with it).
    ``changed_since`` (a git revision) narrows the run to the plan document and
    the units a semantic diff against that revision finds affected.

    A run whose every input is the same as a remembered run's (the plan file's
    bytes, the templates, the options, kehoach's version) and whose files are all
    still as written is answered from the manifest without reading the plan again.
    """
    options = {
        "only": sorted(only),
        "units": sorted(unit_ids),
        "extras": sorted(extras),
        "pdf": pdf,
        "force": force,
        "prune": prune,
    }
    key = None if changed_since is not None else _run_key(plan_path, options)
    replayed = _replay(out_dir, key)
    if replayed is not None:
        return replayed
    loaded = load_plan(plan_path)
    result = _render(loaded, plan_path, out_dir, options, progress, changed_since)
    if key is not None:
        _remember(out_dir, key, result)
    return result


def _render(loaded, plan_path, out_dir, options, progress, changed_since) -> RenderResult:  # type: ignore[no-untyped-def]
    plan = loaded.plan
    extra_kinds = frozenset(options["extras"])
    documents = render.documents(plan, extra_kinds)
    only = options["only"]
    chosen = selected(plan, documents, [*only, *extra_kinds] if only else [], options["units"])
    if changed_since is not None:
        chosen = _since(changed_since, plan_path, chosen)
    done = publish(
        plan,
        plan_path.parent,
        out_dir,
        chosen,
        keep=[name for d in documents for name in (d.name, d.name[: -len(".docx")] + ".pdf")],
        force=options["force"],
        prune=options["prune"],
        progress=progress,
        prints=render.fingerprints(loaded.document.data),
    )
    result = RenderResult(out_dir, done.written, done.unchanged, done.backups, done.stale, done.pruned, loaded.warnings)
    if not options["pdf"]:
        return result
    from kehoach.commands.pdf import publish_pdfs

    pdfs = publish_pdfs(out_dir, [d.name for d in chosen], force=options["force"])
    return dataclasses.replace(
        result, files=[*result.files, *pdfs.written], unchanged=[*result.unchanged, *pdfs.unchanged]
    )


def _run_key(plan_path: Path, options: dict) -> str | None:  # type: ignore[type-arg]
    """A fingerprint of everything a whole run depends on, or None when the plan cannot be read."""
    digest = hashlib.sha256()
    try:
        digest.update(plan_path.read_bytes())
    except OSError:
        return None
    for folder in render.template_dirs(plan_path.parent):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    digest.update(json.dumps([__version__, epoch, options], sort_keys=True).encode())
    return digest.hexdigest()


def _replay(out_dir: Path, key: str | None) -> RenderResult | None:
    """The remembered result of the same run, if every file it made is still as written."""
    if key is None:
        return None
    manifest = output.Manifest.load(out_dir)
    record = manifest.runs.get(key)
    if record is None:
        return None
    for name in record["files"]:
        if not output.as_written(out_dir / output.safe_relative(name), manifest.files.get(name)):
            return None
    warnings = [Problem(**w) for w in record["warnings"]]
    return RenderResult(out_dir, [], list(record["files"]), warnings=warnings)


def _remember(out_dir: Path, key: str, result: RenderResult) -> None:
    """Add this run to the manifest, so running it again with nothing changed is quick."""
    files = [*(f.name for f in result.files), *result.unchanged]
    if not files:
        return
    manifest = output.Manifest.load(out_dir)
    record = {"files": files, "warnings": [dataclasses.asdict(w) for w in result.warnings]}
    manifest.remember(key, record)
    with output.Staging(out_dir) as staging:
        staging.write(output.MANIFEST, manifest.to_bytes())
        staging.commit(output.Change(writes=[output.MANIFEST]))


def _since(rev: str, plan_path: Path, documents: list[render.Document]) -> list[render.Document]:
    """The documents a revision since ``rev`` changed: the plan's own, and affected units'."""
    from kehoach.commands.diff import run_diff

    result = run_diff(rev, str(plan_path), plan_path)
    if not result.changed:
        return []
    affected = set(result.affected)
    return [d for d in documents if d.unit is None or d.unit in affected]


def _changed(plan, prints, plan_dir, out_dir, manifest, documents):  # type: ignore[no-untyped-def]
    """Split the asked documents into those to render (with their inputs hash) and unchanged ones."""
    todo, unchanged = [], []
    templates = {d.template: d for d in documents}  # one document per template is enough to find it
    digests = {name: render.template_digest(render.template_for(d, plan_dir)) for name, d in templates.items()}
    for document in documents:
        inputs = render.inputs_hash(document, prints, plan, digests[document.template])
        if output.is_unchanged(out_dir, manifest, document.name, inputs):
            unchanged.append(document.name)
        else:
            todo.append((document, inputs))
    return todo, unchanged


def _render_and_commit(plan, plan_dir, out_dir, manifest, todo, change, progress):  # type: ignore[no-untyped-def]
    """Render ``todo`` into a staging folder and commit what differs from ``out/``.

    A document whose new bytes equal the file already there (its inputs changed but
    not its content) is not replaced: a changed file always means a changed document.
    """
    if not todo and not change.removals:
        return [], []
    tick = progress(len(todo), 0) if progress else (lambda done: None)
    kinds = {d.name: (d, inputs) for d, inputs in todo}
    written, same = [], []
    with output.Staging(out_dir) as staging:
        for item in batch.render_all([d for d, _ in todo], plan, plan_dir, staging, tick):
            document, inputs = kinds[item.name]
            before = manifest.files.get(item.name)
            if before is not None and before.sha256 == item.sha256 and output.as_written(out_dir / item.name, before):
                manifest.files[item.name] = dataclasses.replace(before, inputs=inputs)
                same.append(item.name)
                continue
            manifest.files[item.name] = output.Entry(
                item.sha256, inputs, document.kind, document.unit, item.size, item.mtime_ns
            )
            written.append(WrittenFile(item.name, item.size))
        for name in change.removals:
            manifest.files.pop(name, None)
        change.writes = [w.name for w in written] + [output.MANIFEST]
        staging.write(output.MANIFEST, manifest.to_bytes())
        staging.commit(change)
    order = {d.name: i for i, (d, _) in enumerate(todo)}
    return sorted(written, key=lambda w: order[w.name]), sorted(same, key=order.__getitem__)
