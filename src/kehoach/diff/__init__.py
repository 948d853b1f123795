"""What changed between two versions of a plan, by meaning rather than by line.

A plan is amended over weeks: a phase is extended, a task is reworded or handed
to another unit. A line diff of plan.yaml shows YAML; the units that received
letters need to know which of *their* tasks changed. This package pairs the parts
of two plans (phases by id or name, units by id, tasks by id or by wording) and
reports each change once: a task handed to another unit is "moved", not removed
and added. :func:`affected_units` and :func:`changes_for_unit` say who must be
told; :func:`to_json`, :func:`to_markdown`, :func:`lines` and :func:`text_rows` render a diff
without printing anything.

Its modules follow one another, each using only those before it:

- :mod:`~kehoach.diff.wording`: catalogue labels, values and phases as the documents write them;
- :mod:`~kehoach.diff.pairing`: word diffs, similarity, and pairing two lists of texts;
- :mod:`~kehoach.diff.changes`: the results, one dataclass per kind of change, and :class:`PlanDiff`;
- :mod:`~kehoach.diff.texts`: lists of paragraphs compared (and what each notice to a body of
  a schedule tells it);
- :mod:`~kehoach.diff.shape`: a mục's layout as its reader sees it, however the YAML writes it;
- :mod:`~kehoach.diff.tasks`: units, tasks (moves included) and key tasks compared;
- :mod:`~kehoach.diff.compare`: :func:`diff_plans`, the whole plan part by part;
- :mod:`~kehoach.diff.units`: who must be told, and what (:func:`affected_units`, :func:`changes_for_unit`);
- :mod:`~kehoach.diff.output` and :mod:`~kehoach.diff.jsondata`: a diff as styled lines, Markdown, JSON.
"""

from kehoach.diff.changes import (
    LETTER_PHASE_FIELDS,
    DeadlineChange,
    FieldChange,
    KeyTaskChange,
    PhaseChange,
    PlanDiff,
    SectionChange,
    TaskChange,
    TextChange,
    UnitChange,
)
from kehoach.diff.compare import diff_plans
from kehoach.diff.jsondata import to_json
from kehoach.diff.output import Line, Span, lines, text_rows, to_markdown, unit_name
from kehoach.diff.pairing import (
    MAX_COMPARISONS,
    SIMILARITY,
    Pairs,
    Segment,
    pair_equal,
    pair_items,
    similarity,
    word_diff,
    words,
)
from kehoach.diff.tasks import Ref
from kehoach.diff.texts import T, diff_texts
from kehoach.diff.units import LETTER_HEADER, UnitChanges, affected_units, changes_for_unit, notice_subject
from kehoach.diff.wording import Value, label, show

__all__ = [
    "LETTER_HEADER",
    "LETTER_PHASE_FIELDS",
    "MAX_COMPARISONS",
    "SIMILARITY",
    "DeadlineChange",
    "FieldChange",
    "KeyTaskChange",
    "Line",
    "Pairs",
    "PhaseChange",
    "PlanDiff",
    "Ref",
    "SectionChange",
    "Segment",
    "Span",
    "T",
    "TaskChange",
    "TextChange",
    "UnitChange",
    "UnitChanges",
    "Value",
    "affected_units",
    "changes_for_unit",
    "diff_plans",
    "diff_texts",
    "label",
    "lines",
    "notice_subject",
    "pair_equal",
    "pair_items",
    "show",
    "similarity",
    "text_rows",
    "to_json",
    "to_markdown",
    "unit_name",
    "word_diff",
    "words",
]
