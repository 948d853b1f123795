"""``kehoach render``: the plan's documents, written into ``out/`` all at once.

The documents are those of the kinds table (:mod:`kehoach.render.kinds`): the plan
document, one letter (công văn) and one checklist per unit, and the extras asked
for. :class:`RenderOptions` says what a run is asked; ``only`` and ``units`` narrow
it. Documents whose inputs have not changed since the last run are not rendered
again. Nothing a user changed by hand is overwritten without ``force`` (which keeps
a .bak copy); files the plan no longer makes are
reported and removed only with ``prune``. A PDF is never left older than its
DOCX: with ``--pdf`` the staged DOCX files are converted before the commit and
their PDFs committed with them; otherwise (or when the conversion fails, after
which the DOCX files are committed and the failure reported) a rewritten
document's PDF is removed in the same commit.
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
from kehoach.plan.validate import LoadedPlan, load_text
from kehoach.publish import batch, commit, pdfs
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
from kehoach.render import kinds, names
from kehoach.render.ics import left_out
from kehoach.render.pdf import pdf_name
from kehoach.text.errors import KehoachError, Problem, UsageError

#: The manifest's kind of a PDF made beside a DOCX (``--pdf``).
PDF_KIND = "pdf"


@dataclass(frozen=True)
class RenderOptions:
    """What a render is asked for; its JSON (names sorted, so stable) is part of the run's key.

    ``only`` holds ``--only`` names and ``extras`` the kinds' extra names
    (``calendar``, ``html``, ``slogans``), both checked against the kinds table.
    """

    only: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()
    pdf: bool = False
    force: bool = False
    prune: bool = False
    changed_since: str | None = None

    def __post_init__(self) -> None:
        for field_name in ("only", "units", "extras"):
            object.__setattr__(self, field_name, tuple(sorted(set(getattr(self, field_name)))))
        _known("--only", self.only, kinds.only_names())
        _known("extras", self.extras, [k.extra for k in kinds.extras() if k.extra])

    def to_json(self) -> str:
        """The options as stable JSON, for the run key."""
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


def _known(option: str, asked: Iterable[str], known: list[str]) -> None:
    """Every asked name is one the kinds table knows, or a usage error listing those it knows."""
    for name in asked:
        if name not in known:
            raise UsageError("render.unknown_kind", option=option, name=name, known=", ".join(known))


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


def selected(plan: Plan, documents: list[kinds.Document], options: RenderOptions) -> list[kinds.Document]:
    """The documents this run is asked for, in plan order."""
    wanted_kinds = run_kinds(options) - {PDF_KIND}
    wanted = set(options.units)
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
    #: A PDF conversion that failed after the DOCX files were committed (``--pdf``).
    pdf_error: KehoachError | None = None


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
    pdf: bool = False,
) -> Published:
    """Render the documents that changed and commit them into ``out_dir``, all or nothing.

    ``keep`` names every file the plan still makes; files kehoach wrote of the
    kinds in ``scope`` (what this run makes) that it no longer makes are stale.
    Files of other kinds are none of this run's business. None leaves staleness
    unchecked. With ``pdf``, the documents' PDFs are made and committed with them.
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
    run = _Run(plan, plan_dir, out_dir, manifest, change, force, documents if pdf else None)
    done = _render_and_commit(run, todo, progress)
    stale = [] if prune else stale + stale_edited
    return Published(
        [*done.written, *done.pdfs],
        [*unchanged, *done.same, *done.pdfs_unchanged],
        change.backups,
        stale,
        done.pruned,
        done.removed_pdfs,
        leftovers,
        absent,
        done.pdf_error,
    )


def _leftovers(manifest: Manifest, keep: set[str], scope: frozenset[str]) -> list[str]:
    """Files kehoach wrote, of kinds this run makes, that the plan no longer makes."""
    return [n for n, entry in sorted(manifest.files.items()) if n not in keep and _kind(manifest, n, entry) in scope]


def _kind(manifest: Manifest, name: str, entry: Entry) -> str:
    """A PDF belongs with the DOCX it was made from (when that is still recorded), else to ``--pdf``."""
    if entry.kind != PDF_KIND:
        return entry.kind
    source = manifest.files.get(name.removesuffix(".pdf") + ".docx")
    return source.kind if source is not None else PDF_KIND


def _states(out_dir: Path, manifest: Manifest, files: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The files as kehoach wrote them, those changed since, and those no longer there."""
    split: dict[bool | None, list[str]] = {True: [], False: [], None: []}
    for name in files:
        split[as_written(out_dir / safe_relative(name), manifest.files[name])].append(name)
    return split[True], split[False], split[None]


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
    """:func:`render_plan` with the options as keywords (print-pack, watch and tests call it so)."""
    options = RenderOptions(tuple(only), tuple(unit_ids), tuple(extras), pdf, force, prune, changed_since)
    return render_plan(plan_path, out_dir, options, progress)


@commit.exclusive_run
def render_plan(
    plan_path: Path,
    out_dir: Path,
    options: RenderOptions,
    progress: Callable[[int, int], Callable[[int], None]] | None = None,
) -> RenderResult:
    """Validate, find what changed, refuse to overwrite hand edits, render, commit all or nothing.

    ``progress(total, done_so_far)`` may return a callback that is told how many
    documents were just finished (the CLI shows a progress bar with it).
    ``options.changed_since`` (a git revision) narrows the run to the plan document
    and the units a semantic diff against that revision finds affected.

    A run whose every input is the same as a remembered run's (the plan file's
    bytes, the templates, the options, kehoach's version) and which finds out/
    exactly as that run left it is answered from the manifest without reading
    the plan again. A PDF conversion that fails is raised after the DOCX files
    are committed.
    """
    text = read_text(plan_path)  # read once: the run remembered is the run of these bytes
    key = None if options.changed_since is not None else _run_key(plan_path, text, options)
    replayed = _replay(out_dir, key)
    if replayed is not None:
        return replayed
    prepared = _prepared(load_text(text, plan_path), plan_path, options)
    del text  # kept, the YAML's text would stay in memory (and in every worker) all the run
    batch.give_back_memory()
    result, absent, pdf_error = _render(prepared, plan_path, out_dir, options, progress)
    if pdf_error is not None:
        raise pdf_error
    if key is not None and absent is not None:
        _remember(out_dir, key, result, absent)
    return result


@dataclass(frozen=True)
class _Prepared:
    """What a run keeps of a loaded plan.

    The YAML document (its text, raw data and the position of every value: a third of a
    province's plan in memory) is let go before rendering starts, so that the workers the
    run forks neither inherit nor copy it.
    """

    plan: Plan
    chosen: list[kinds.Document]
    prints: Fingerprints
    warnings: list[Problem]


def _prepared(loaded: LoadedPlan, plan_path: Path, options: RenderOptions) -> _Prepared:
    """The documents a run makes, the plan's fingerprints and its warnings, from the loaded plan."""
    plan = loaded.plan
    chosen = selected(plan, kinds.documents(plan, options.extras), options)
    if options.changed_since is not None:
        chosen = _since(options.changed_since, plan_path, chosen)
    warnings = [*loaded.warnings, *_calendar_notes(loaded, chosen)]
    return _Prepared(plan, chosen, fingerprints(loaded.document.data), warnings)


def _render(
    prepared: _Prepared,
    plan_path: Path,
    out_dir: Path,
    options: RenderOptions,
    progress: Callable[[int, int], Callable[[int], None]] | None,
) -> tuple[RenderResult, list[str] | None, KehoachError | None]:
    """The run, the files of documents the plan no longer makes, all missing (None if any is
    there), and a PDF conversion's failure."""
    plan = prepared.plan
    done = publish(
        plan,
        plan_path.parent,
        out_dir,
        prepared.chosen,
        keep=made_by(plan),
        scope=run_kinds(options),
        force=options.force,
        prune=options.prune,
        progress=progress,
        prints=prepared.prints,
        pdf=options.pdf,
    )
    warnings = prepared.warnings
    result = RenderResult(
        out_dir, done.written, done.unchanged, done.backups, done.stale, done.pruned, warnings, done.removed_pdfs
    )
    return result, (done.absent if len(done.absent) == len(done.leftovers) else None), done.pdf_error


def _calendar_notes(loaded: LoadedPlan, chosen: list[kinds.Document]) -> list[Problem]:
    """What this run's calendars (``--ics``) leave out, the warnings ``kehoach calendar`` shows too."""
    units = [d.unit for d in chosen if d.kind == kinds.CALENDAR.name]
    if not units:
        return []
    return left_out(loaded, units)


def made_by(plan: Plan) -> set[str]:
    """Every file the plan makes with any options: its documents and their PDFs."""
    documents = kinds.documents(plan, [k.extra for k in kinds.extras() if k.extra])
    made = {d.name for d in documents}
    return made | {p for d in documents if kinds.kind(d.kind).converts_to_pdf and (p := pdf_name(d.name))}


def run_kinds(options: RenderOptions) -> frozenset[str]:
    """The kinds of files a run makes: only among them are files stale or pruned."""
    extras = {k.name for k in kinds.extras() if k.extra in options.extras}
    if options.only:
        made = {k.name for k in kinds.KINDS if k.only in options.only} | extras
    else:
        made = {k.name for k in kinds.KINDS if k.made is kinds.Made.DEFAULT} | extras
    return frozenset(made | ({PDF_KIND} if options.pdf else set()))


def _run_key(plan_path: Path, text: str, options: RenderOptions) -> str:
    """A fingerprint of everything a whole run depends on: the plan's text, templates, options."""
    digest = hashlib.sha256(text.encode("utf-8"))
    for folder in names.template_dirs(plan_path.parent):
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(path.name.encode() + b"\x00" + path.read_bytes())
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    digest.update(json.dumps([__version__, epoch, str(plan_path), options.to_json()], sort_keys=True).encode())
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


def _changed(
    plan: Plan, prints: Fingerprints, plan_dir: Path, out_dir: Path, manifest: Manifest, documents: list[kinds.Document]
) -> tuple[list[tuple[kinds.Document, str]], list[str]]:
    """Split the asked documents into those to render (with their inputs hash) and unchanged ones."""
    todo: list[tuple[kinds.Document, str]] = []
    unchanged: list[str] = []
    templates = {d.template: d for d in documents}  # one document per template is enough to find it
    digests = {name: template_digest(kinds.template_for(d, plan_dir)) for name, d in templates.items()}
    for document in documents:
        inputs = inputs_hash(document, prints, plan, digests[document.template])
        if is_unchanged(out_dir, manifest, document.name, inputs):
            unchanged.append(document.name)
        else:
            todo.append((document, inputs))
    return todo, unchanged


@dataclass
class _Run:
    """What rendering and committing a set of documents needs to know and change."""

    plan: Plan
    plan_dir: Path
    out_dir: Path
    manifest: Manifest
    change: commit.Change
    force: bool
    #: The documents whose PDFs the run makes (``--pdf``); None for a run without PDFs.
    pdf_documents: list[kinds.Document] | None


@dataclass
class _Done:
    """What a commit did: documents written or found the same, files pruned, PDFs made, kept or removed."""

    written: list[WrittenFile] = field(default_factory=list)
    same: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    removed_pdfs: list[str] = field(default_factory=list)
    pdfs: list[WrittenFile] = field(default_factory=list)
    pdfs_unchanged: list[str] = field(default_factory=list)
    pdf_error: KehoachError | None = None


def _render_and_commit(
    run: _Run, todo: list[tuple[kinds.Document, str]], progress: Callable[[int, int], Callable[[int], None]] | None
) -> _Done:
    """Render ``todo`` into a staging folder (and their PDFs) and commit what differs from ``out/``.

    A document whose new bytes equal the file already there (its inputs changed but
    not its content) is not replaced: a changed file always means a changed document.
    """
    if run.pdf_documents is not None:
        needed = pdfs.needed(run.out_dir, run.manifest, run.pdf_documents)
        if not todo and not run.change.removals and not needed.todo:
            return _Done(pdfs_unchanged=needed.unchanged)
    elif not todo and not run.change.removals:
        return _Done()
    tick = progress(len(todo), 0) if progress else (lambda done: None)
    done = _Done(pruned=list(run.change.removals))
    with commit.Staging(run.out_dir) as staging:
        _stage_documents(run, staging, todo, tick, done)
        for name in done.pruned:
            run.manifest.files.pop(name, None)
        written = [w.name for w in done.written]
        if run.pdf_documents is not None:
            done.pdf_error = _stage_pdfs(run, staging, set(written), done)
        if run.pdf_documents is None or done.pdf_error is not None:
            done.removed_pdfs = _drop_outdated_pdfs(run.out_dir, run.manifest, written, run.change, run.force)
        run.change.writes = [*written, *(p.name for p in done.pdfs), MANIFEST]
        staging.write(MANIFEST, run.manifest.to_bytes())
        staging.commit(run.change)
    order = {d.name: i for i, (d, _) in enumerate(todo)}
    done.written.sort(key=lambda w: order[w.name])
    done.same.sort(key=order.__getitem__)
    return done


def _stage_documents(
    run: _Run, staging: commit.Staging, todo: list[tuple[kinds.Document, str]], tick: Callable[[int], None], done: _Done
) -> None:
    """Render into the staging folder; record each document that differs from its file in the manifest."""
    by_name = {d.name: (d, inputs) for d, inputs in todo}
    for item in batch.render_all([d for d, _ in todo], run.plan, run.plan_dir, staging, tick):
        document, inputs = by_name[item.name]
        before = run.manifest.files.get(item.name)
        if before is not None and before.sha256 == item.sha256 and as_written(run.out_dir / item.name, before):
            run.manifest.files[item.name] = dataclasses.replace(before, inputs=inputs)
            done.same.append(item.name)
            continue
        run.manifest.files[item.name] = Entry(
            item.sha256, inputs, document.kind, document.unit, item.size, item.mtime_ns
        )
        done.written.append(WrittenFile(item.name, item.size))


def _stage_pdfs(run: _Run, staging: commit.Staging, staged: set[str], done: _Done) -> KehoachError | None:
    """Convert the documents whose PDF is missing or older and stage the PDFs, for the same commit.

    A failed conversion (no LibreOffice) is returned, not raised: the DOCX files are
    then committed without new PDFs (and the PDFs of rewritten ones removed), and the
    failure is reported after the commit.
    """
    assert run.pdf_documents is not None
    needed = pdfs.needed(run.out_dir, run.manifest, run.pdf_documents)
    edited = pdfs.hand_edits(run.out_dir, run.manifest, list(needed.todo), run.force)
    done.pdfs_unchanged = needed.unchanged
    try:
        done.pdfs = pdfs.stage_pdfs(staging, run.manifest, needed.todo, staged)
    except KehoachError as exc:
        return exc
    run.change.backups.update({name: backup_name(run.out_dir, name) for name in edited})
    return None


def _drop_outdated_pdfs(
    out_dir: Path, manifest: Manifest, written: list[str], change: commit.Change, force: bool
) -> list[str]:
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
