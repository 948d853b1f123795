"""The progress dashboard (``kehoach status --html FILE``): one self-contained web page.

Per unit and per phase a bar of done / in progress / not started, the counts beside it,
and the overdue tasks listed. CSS only: no script, no font or image to fetch, so it opens
offline, from an e-mail or a USB stick, and prints as it shows (the bars keep their
colours on paper). Rendered in the same sandbox as every template, text escaped.
"""

from __future__ import annotations

from typing import Any

from kehoach.render.docx import jinja_env
from kehoach.text import vn
from kehoach.views.status import StatusView, Tally

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; margin: 2em auto; max-width: 60em;
       padding: 0 1em; color: #000; }
h1 { font-size: 15pt; text-align: center; margin-bottom: 0.2em; }
p.sub { text-align: center; font-style: italic; margin-top: 0; }
h2 { font-size: 13pt; text-transform: uppercase; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 0.25em 0.4em; vertical-align: middle; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; width: 3.5em; }
td.progress { width: 25%; }
tr > td:first-child { width: 35%; }
div.bar { display: flex; height: 0.9em; border: 1px solid #444; background: #fff; }
div.bar span { display: block; height: 100%; }
.done { background: #2e7d32; }
.doing { background: #f9a825; }
.late { color: #b71c1c; }
.key span { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #444; vertical-align: middle; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { margin: 0; max-width: none; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>TIẾN ĐỘ THỰC HIỆN</h1>
<p class="sub">{{ plan }} — tính đến ngày {{ as_of }}</p>
<p class="key"><span class="done"></span> Hoàn thành &nbsp; <span class="doing"></span> Đang thực hiện
&nbsp; <span></span> Chưa thực hiện</p>
{% for section in sections %}
<h2>{{ section.title }}</h2>
<table>
<tr><th>{{ section.head }}</th><th>Tiến độ</th><th>Tổng</th><th>Hoàn thành</th><th>Đang thực hiện</th>
<th>Chưa thực hiện</th><th>Quá hạn</th></tr>
{% for row in section.rows %}
<tr><td>{{ row.name }}</td>
<td class="progress"><div class="bar" role="img" aria-label="{{ row.label }}">
<span class="done" style="width: {{ row.done_pct }}%"></span>
<span class="doing" style="width: {{ row.doing_pct }}%"></span></div></td>
<td class="n">{{ row.total }}</td><td class="n">{{ row.done }}</td><td class="n">{{ row.in_progress }}</td>
<td class="n">{{ row.not_started }}</td><td class="n{% if row.overdue %} late{% endif %}">{{ row.overdue }}</td></tr>
{% endfor %}
</table>
{% endfor %}
<h2>Nhiệm vụ quá hạn</h2>
{% if overdue %}
<ol>
{% for task in overdue %}<li class="late">{{ task }}</li>
{% endfor %}
</ol>
{% else %}
<p>Không có nhiệm vụ quá hạn.</p>
{% endif %}
</body>
</html>
"""


def dashboard_html(view: StatusView) -> bytes:
    """The page of ``view``, the same bytes for the same view."""
    page = jinja_env().from_string(PAGE).render(**_context(view))
    return page.encode("utf-8")


def _context(view: StatusView) -> dict[str, Any]:
    sections = [
        {"title": "Theo đơn vị", "head": "Đơn vị", "rows": [_row(t) for t in view.units]},
        {"title": "Theo đợt", "head": "Đợt", "rows": [_row(t) for t in view.phases]},
    ]
    overdue = [
        f"{t.unit_name}: {t.number}. {t.text} (thời hạn {vn.short_date(t.due)}; {vn.lower_first(t.status_words)})"
        for t in view.overdue
        if t.due is not None
    ]
    return {
        "title": f"Tiến độ thực hiện {view.plan}",
        "plan": view.plan,
        "as_of": vn.short_date(view.as_of),
        "sections": sections,
        "overdue": overdue,
    }


def _row(tally: Tally) -> dict[str, Any]:
    total = tally.total or 1
    return {
        "name": tally.name,
        "total": tally.total,
        "done": tally.done,
        "in_progress": tally.in_progress,
        "not_started": tally.not_started,
        "overdue": tally.overdue,
        "done_pct": f"{100 * tally.done / total:.1f}",
        "doing_pct": f"{100 * tally.in_progress / total:.1f}",
        "label": f"{tally.done}/{tally.total} hoàn thành",
    }
