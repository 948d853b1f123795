"""Where templates are found, and what the plan document is called.

Templates are Word files with Jinja tags. The defaults ship inside the package
(``src/kehoach/render/templates``, real files: the repo keeps no other copy); a
``templates/`` folder beside the plan overrides them file by file. Which kind of
document uses which template, and the other file names, are in the kinds table
(:mod:`kehoach.render.kinds`); the plan document's name is here because the
names of the documents of the whole plan are made from it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kehoach.plan.model import Plan
from kehoach.text import vn
from kehoach.text.errors import KehoachError


def template_dirs(plan_dir: Path) -> list[Path]:
    """Where templates are looked for, first match wins."""
    default = Path(str(resources.files("kehoach.render").joinpath("templates")))
    return [plan_dir / "templates", default]


def find_template(name: str, plan_dir: Path) -> Path:
    """The template file ``name``: the plan's own if it has one, else the default."""
    dirs = template_dirs(plan_dir)
    for folder in dirs:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise KehoachError("template.missing", name=name, searched=", ".join(map(str, dirs)))


def plan_file_name(plan: Plan) -> str:
    """``ke-hoach-15-KH-UBND.docx``; a draft without number: ``ke-hoach-du-thao-KH-UBND.docx``."""
    doc = plan.document
    number = f"{doc.number:02d}" if doc.number else "du-thao"
    groups = "-".join(vn.ascii_name(g) for g in (doc.type, plan.issuer.abbr))
    return f"{vn.slug(doc.type_name)}-{number}-{groups}.docx"


def party_name(template: str) -> str:
    """The Party form of a template: "ke-hoach.docx" → "ke-hoach.dang.docx"."""
    stem, dot, ext = template.rpartition(".")
    return f"{stem}.dang{dot}{ext}"
