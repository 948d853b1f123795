"""``kehoach render``: the plan's documents, written into ``out/`` all at once.

The plan document, one letter (công văn) and one checklist per unit. ``only``
and ``units`` narrow the run. Documents whose inputs have not changed since the
last run are not rendered again. Nothing a user changed by hand is overwritten
without ``force`` (which keeps a .bak copy); files the plan no longer makes are
reported and removed only with ``prune``. A PDF is never left older than its
DOCX: a rewritten document's PDF is made again (``--pdf``) or removed with it.
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
from typing import Any

from kehoach import __version__
from kehoach.diff.sides import compare_sides
from kehoach.plan.loader import read_text
from kehoach.plan.model import Plan
from kehoach.plan.validate import load_text
from kehoach.publish import batch, commit
from kehoach.publish.fingerprint import Fingerprints, fingerprints, inputs_hash, template_digest
from kehoach.publish.manifest import (
    MANIFEST,
    Entry,
    HandEditedError,
    Manifest,
    WrittenFile,
    as_written,
    backup_name,
    hand_edited,
    is_unchanged,
    safe_relative,
    sha256,
)
from kehoach.publish.pdfs import publish_pdfs
from kehoach.render import kinds, names
from kehoach.render.ics import left_out
from kehoach.render.pdf import pdf_name
from kehoach.text.errors import KehoachError, Problem, UsageError

KINDS = {
    "plan": "plan",
    "letters": "letter",
    "checklists": "checklist",
    "calendar": "calendar",
    "html": "html",
    "slogans": "slogans",
}
#: Kinds a run makes when it is not narrowed with ``--only``; extras only when asked.
CORE_KINDS = frozenset({"plan", "letter", "checklist"})
#: Every optional output, for the names a plan can make whichever options a run has.
ALL_EXTRAS = frozenset({"calendar", "html", "slogans"})


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
    #: PDFs removed because their DOCX was rewritten and this run made no PDF.
    removed_pdfs: list[str] = field(default_factory=list)


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
    plan: Plan, documents: list[kinds.Document], only: Iterable[str], unit_ids: Iterable[str]
) -> list[kinds.Document]:
    """The documents this run is asked for, in plan order."""
    wanted_kinds = {KINDS[k] for k in only} or set(KINDS.values())
    wanted = set(unit_ids)
    check_units(plan, wanted)
    return [d for d in documents if d.kind in wanted_kinds and (not wanted or d.unit in wanted)]


@dataclass(frozen=True)
class Published:
    """What writing a set of documents into out/ did."""

    written: list[WrittenFile]
    unchanged: list[str]
    backups: dict[str, str]
    stale: list[str]
    pruned: list[str]
    removed_pdfs: list[str] = field(default_factory=list)
    #: Files kehoach wrote of documents the plan no longer makes (of the run's kinds), and
    #: those of them that are not on disk.
    leftovers: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


def publish(
    plan: Plan,
    plan_dir: Path,
    out_dir: Path,
    documents: list[kinds.Document],
    *,
    keep: Iterable[str] | None = None,
    scope: Iterable[str] = (),
    force: bool = False,
    prune: bool = False,
    progress: Callable[[int, int], Callable[[int], None]] | None = None,
    prints: Fingerprints | None = None,
) -> Published:
    """Render the documents that changed and commit them into ``out_dir``, all or nothing.

    ``keep`` names every file the plan still makes; files kehoach wrote of the
    kinds in ``scope`` (what this run makes) that it no longer makes are stale.
    Files of other kinds are none of this run's business. None leaves staleness
    unchecked.
    """
    manifest = Manifest.load(out_dir)
    prints = prints or fingerprints(plan.model_dump(mode="json", by_alias=True))
    todo, unchanged = _changed(plan, prints, plan_dir, out_dir, manifest, documents)
    edited = hand_edited(out_dir, manifest, [d.name for d, _ in todo])
    if edited and not force:
        raise HandEditedError(edited)
    change = commit.Change(backups={name: backup_name(out_dir, name) for name in edited})
    leftovers = [] if keep is None else _leftovers(manifest, set(keep), frozenset(scope))
    stale, stale_edited, absent = _states(out_dir, manifest, leftovers)
    if prune:
        change.removals = stale
    written, same, removed_pdfs, pruned = _render_and_commit(
        plan, plan_dir, out_dir, manifest, todo, change, progress, force
    )
    stale = [] if prune else stale + stale_edited
    return Published(written, [*unchanged, *same], change.backups, stale, pruned, removed_pdfs, leftovers, absent)


def _leftovers(manifest: Manifest, keep: set[str], scope: frozenset[str]) -> list[str]:
    """Files kehoach wrote, of kinds this run makes, that the plan no longer makes."""
    return [n for n, entry in sorted(manifest.files.items()) if n not in keep and _kind(manifest, n, entry) in scope]


def _kind(manifest: Manifest, name: str, entry: Entry) -> str:
    """A PDF belongs with the DOCX it was made from (when that is still recorded), else to ``--pdf``."""
    if entry.kind != "pdf":
        return entry.kind
    source = manifest.files.get(name.removesuffix(".pdf") + ".docx")
    return source.kind if source is not None else "pdf"


def _states(out_dir: Path, manifest: Manifest, files: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The files as kehoach wrote them, those changed since, and those no longer there."""
    split: dict[bool | None, list[str]] = {True: [], False: [], None: []}
    for name in files:
        split[as_written(out_dir / safe_relative(name), manifest.files[name])].append(name)
    return split[True], split[False], split[None]


@commit.exclusive_run
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
    bytes, the templates, the options, kehoach's version) and which finds out/
    exactly as that run left it is answered from the manifest without reading
    the plan again.
    """
    options = {
        "only": sorted(only),
        "units": sorted(unit_ids),
        "extras": sorted(extras),
        "pdf": pdf,
        "force": force,
        "prune": prune,
    }
    text = read_text(plan_path)  # read once: the run remembered is the run of these bytes
    key = None if changed_since is not None else _run_key(plan_path, text, options)
    replayed = _replay(out_dir, key)
    if replayed is not None:
        return replayed
    loaded = load_text(text, plan_path)
    result, absent = _render(loaded, plan_path, out_dir, options, progress, changed_since)
    if key is not None and absent is not None:
        _remember(out_dir, key, result, absent)
    return result


def _render(loaded, plan_path, out_dir, options, progress, changed_since) -> tuple[RenderResult, list[str] | None]:  # type: ignore[no-untyped-def]
    """The run, and the files of documents the plan no longer makes, all missing (None if any is there)."""
    plan = loaded.plan
    extra_kinds = frozenset(options["extras"])
    documents = kinds.documents(plan, extra_kinds)
    only = options["only"]
    chosen = selected(plan, documents, [*only, *extra_kinds] if only else [], options["units"])
    if changed_since is not None:
        chosen = _since(changed_since, plan_path, chosen)
    done = publish(
        plan,
        plan_path.parent,
        out_dir,
        chosen,
        keep=made_by(plan),
        scope=run_kinds(only, extra_kinds, options["pdf"]),
        force=options["force"],
        prune=options["prune"],
        progress=progress,
        prints=fingerprints(loaded.document.data),
    )
    warnings = [*loaded.warnings, *_calendar_notes(loaded, chosen)]
    result = RenderResult(
        out_dir, done.written, done.unchanged, done.backups, done.stale, done.pruned, warnings, done.removed_pdfs
    )
    if options["pdf"]:
        result = _with_pdfs(result, [d.name for d in chosen], options["force"])
    return result, (done.absent if len(done.absent) == len(done.leftovers) else None)


def _calendar_notes(loaded, chosen: list[kinds.Document]) -> list[Problem]:  # type: ignore[no-untyped-def]
    """What this run's calendars (``--ics``) leave out, the warnings ``kehoach calendar`` shows too."""
    units = [d.unit for d in chosen if d.kind == "calendar"]
    if not units:
        return []
    return left_out(loaded, units)


def made_by(plan: Plan) -> set[str]:
    """Every file the plan makes with any options: its documents and their PDFs."""
    made = {d.name for d in kinds.documents(plan, ALL_EXTRAS)}
    return made | {pdf for pdf in map(pdf_name, made) if pdf}


def run_kinds(only: Iterable[str], extras: Iterable[str], pdf: bool) -> frozenset[str]:
    """The kinds of files a run makes: only among them are files stale or pruned."""
    asked = {KINDS[k] for k in only}
    made = (asked | {KINDS[k] for k in extras}) if asked else CORE_KINDS | {KINDS[k] for k in extras}
    return frozenset(made | ({"pdf"} if pdf else set()))


def _with_pdfs(result: RenderResult, files: list[str], force: bool) -> RenderResult:
    """The run's result with the PDFs of its Word documents made (one LibreOffice run)."""
    converted = publish_pdfs(result.out_dir, files, force=force)
    made = {w.name for w in converted.written}
    return dataclasses.replace(
        result,
        files=[*result.files, *converted.written],
        unchanged=[*result.unchanged, *converted.unchanged],
        removed_pdfs=[n for n in result.removed_pdfs if n not in made],
    )


def _run_key(plan_path: Path, text: str, options: dict) -> str:  # type: ignore[type-arg]
    """A fingerprint of everything a whole run depends on: the plan's text, templates, options."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for folder in names.template_dirs(plan_path.parent):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    digest.update(json.dumps([__version__, epoch, str(plan_path), options], sort_keys=True).encode())
    return digest.hexdigest()


def _files_digest(manifest: Manifest) -> str:
    """A fingerprint of every file the manifest records (hash, size, time): out/ as kehoach left it."""
    state = {name: dataclasses.asdict(entry) for name, entry in manifest.files.items()}
    return sha256(json.dumps(state, sort_keys=True).encode("utf-8"))


def _replay(out_dir: Path, key: str | None) -> RenderResult | None:
    """The remembered result of the same run, if out/ is exactly as that run left it.

    The manifest's record of every file must be the one the run left (so no other
    run wrote anything since), each of the run's files must still be as written
    and each file it found missing must still be missing. Anything else, or a
    record that cannot be read, means a real run.
    """
    if key is None:
        return None
    manifest = Manifest.load(out_dir)
    record = manifest.runs.get(key)
    try:
        if not isinstance(record, dict) or record.get("manifest") != _files_digest(manifest):
            return None
        if not _still_as_left(out_dir, manifest, record["files"], record["absent"]):
            return None
        warnings = [Problem(**w) for w in record["warnings"]]
        return RenderResult(out_dir, [], list(record["files"]), warnings=warnings)
    except (KeyError, TypeError, ValueError, KehoachError):
        return None


def _still_as_left(out_dir: Path, manifest: Manifest, files: list[str], absent: list[str]) -> bool:
    for name in files:
        if not as_written(out_dir / safe_relative(name), manifest.files.get(name)):
            return False
    return all(not (out_dir / safe_relative(name)).exists() for name in absent)


def _remember(out_dir: Path, key: str, result: RenderResult, absent: list[str]) -> None:
    """Add this run to the manifest, so running it again with nothing changed is quick.

    Only a run that found no file of a document the plan no longer makes is
    remembered (with the names it looked for): any such file makes a real run.
    """
    files = [*(f.name for f in result.files), *result.unchanged]
    if not files:
        return
    manifest = Manifest.load(out_dir)
    record: dict[str, Any] = {
        "files": files,
        "absent": absent,
        "manifest": _files_digest(manifest),
        "warnings": [dataclasses.asdict(w) for w in result.warnings],
    }
    manifest.remember(key, record)
    with commit.Staging(out_dir) as staging:
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(commit.Change(writes=[MANIFEST]))


def _since(rev: str, plan_path: Path, documents: list[kinds.Document]) -> list[kinds.Document]:
    """The documents a revision since ``rev`` changed: the plan's own, and affected units'."""
    result = compare_sides(rev, str(plan_path), plan_path)
    if not result.changed:
        return []
    affected = set(result.affected)
    return [d for d in documents if d.unit is None or d.unit in affected]


def _changed(plan, prints, plan_dir, out_dir, manifest, documents):  # type: ignore[no-untyped-def]
    """Split the asked documents into those to render (with their inputs hash) and unchanged ones."""
    todo, unchanged = [], []
    templates = {d.template: d for d in documents}  # one document per template is enough to find it
    digests = {name: template_digest(kinds.template_for(d, plan_dir)) for name, d in templates.items()}
    for document in documents:
        inputs = inputs_hash(document, prints, plan, digests[document.template])
        if is_unchanged(out_dir, manifest, document.name, inputs):
            unchanged.append(document.name)
        else:
            todo.append((document, inputs))
    return todo, unchanged


def _render_and_commit(plan, plan_dir, out_dir, manifest, todo, change, progress, force):  # type: ignore[no-untyped-def]
    """Render ``todo`` into a staging folder and commit what differs from ``out/``.

    A document whose new bytes equal the file already there (its inputs changed but
    not its content) is not replaced: a changed file always means a changed document.
    Returns (written, same, removed PDFs, removed stale files).
    """
    if not todo and not change.removals:
        return [], [], [], []
    tick = progress(len(todo), 0) if progress else (lambda done: None)
    by_name = {d.name: (d, inputs) for d, inputs in todo}
    written, same = [], []
    with commit.Staging(out_dir) as staging:
        for item in batch.render_all([d for d, _ in todo], plan, plan_dir, staging, tick):
            document, inputs = by_name[item.name]
            before = manifest.files.get(item.name)
            if before is not None and before.sha256 == item.sha256 and as_written(out_dir / item.name, before):
                manifest.files[item.name] = dataclasses.replace(before, inputs=inputs)
                same.append(item.name)
                continue
            manifest.files[item.name] = Entry(
                item.sha256, inputs, document.kind, document.unit, item.size, item.mtime_ns
            )
            written.append(WrittenFile(item.name, item.size))
        pruned = list(change.removals)
        for name in pruned:
            manifest.files.pop(name, None)
        removed_pdfs = _drop_outdated_pdfs(out_dir, manifest, [w.name for w in written], change, force)
        change.writes = [w.name for w in written] + [MANIFEST]
        staging.write(MANIFEST, manifest.to_bytes())
        staging.commit(change)
    order = {d.name: i for i, (d, _) in enumerate(todo)}
    written.sort(key=lambda w: order[w.name])
    return written, sorted(same, key=order.__getitem__), removed_pdfs, pruned


def _drop_outdated_pdfs(out_dir, manifest, written, change, force) -> list[str]:  # type: ignore[no-untyped-def]
    """PDFs kehoach made of documents this run rewrites: removed in the same commit, never left older.

    ``--pdf`` makes them again right after; a PDF changed by hand is kept as a .bak
    copy with ``force`` and stops the run without it, like any hand edit.
    """
    outdated = [p for p in map(pdf_name, written) if p and p in manifest.files and p not in change.removals]
    edited = hand_edited(out_dir, manifest, outdated)
    if edited and not force:
        raise HandEditedError(edited)
    change.backups.update({name: backup_name(out_dir, name) for name in edited})
    present = [p for p in outdated if as_written(out_dir / p, manifest.files[p]) is not None]
    for name in outdated:
        manifest.files.pop(name)
    change.removals = [*change.removals, *present]
    return present
