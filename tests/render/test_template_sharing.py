"""The letter and the change notice come from one template (issue #17): a Word edit is made once.

A secretary who changes the letterhead of ``giao-viec.docx`` sees it in the next
letters and the next change notices; the template can still word the two apart
with ``{% if notice %}``; a ``dieu-chinh.docx`` of her own from before keeps
working; and docxtpl's and python-docx's internals are used in one module only.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from helpers import ROOT, TEMPLATES, make_plan, open_docx, texts
from kehoach.commands.notify import run_notify
from kehoach.commands.templates import run_check
from kehoach.publish.pipeline import run_render

UNITS = [
    {"id": "cong-an-phuong", "name": "Công an phường", "tasks": ["Bảo đảm an ninh trật tự."]},
    {"id": "van-phong", "name": "Văn phòng HĐND và UBND", "tasks": ["Chuẩn bị hội trường."]},
]
LETTER = Path("giao-viec") / "cong-an-phuong.docx"
NOTICE = Path("dieu-chinh") / "cong-an-phuong.docx"
ADDRESSEE = "{{ addressee }}"


def build_tool() -> ModuleType:
    """tools/build_templates.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "tools" / "build_templates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def edited_template(target: Path, after_addressee: str, source: Path = TEMPLATES / "giao-viec.docx") -> Path:
    """A copy of a template with text put after the Kính gửi tag, as a user would type it in Word."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(ADDRESSEE) == 1
                data = xml.replace(ADDRESSEE, ADDRESSEE + after_addressee).encode("utf-8")
            dst.writestr(info, data)
    return target


def revision(folder: Path) -> tuple[Path, Path]:
    """Two revisions of a plan in ``folder``: the second gives Công an phường one more task."""
    old = make_plan(folder, "old.yaml", units=UNITS)
    units = copy.deepcopy(UNITS)
    units[0]["tasks"].append("Tuần tra khu vực chợ.")
    return old, make_plan(folder, "plan.yaml", units=units)


def letter_and_notice(folder: Path) -> tuple[list[str], list[str]]:
    """The text of Công an phường's letter and of its change notice, rendered from ``folder``."""
    old, new = revision(folder)
    run_render(new, folder / "out")
    result = run_notify(str(old), str(new), new, folder / "out")
    assert [f.name for f in result.files] == [NOTICE.as_posix()]
    return texts(open_docx(folder / "out" / LETTER)), texts(open_docx(folder / "out" / NOTICE))


def kinh_gui(lines: list[str]) -> str:
    return next(line for line in lines if line.startswith("Kính gửi"))


def test_the_defaults_hold_one_template_for_letters_and_notices() -> None:
    assert (TEMPLATES / "giao-viec.docx").is_file()
    assert not (TEMPLATES / "dieu-chinh.docx").exists()


def test_by_default_letter_and_notice_share_the_letter_template(tmp_path: Path) -> None:
    letter, notice = letter_and_notice(tmp_path)
    assert kinh_gui(letter) == kinh_gui(notice) == "Kính gửi: Công an phường."
    assert any(line.startswith("V/v triển khai") for line in letter)
    assert any(line.startswith("V/v điều chỉnh") for line in notice)


def test_one_override_of_the_letter_template_changes_letters_and_notices(tmp_path: Path) -> None:
    edited_template(tmp_path / "templates" / "giao-viec.docx", " (mẫu riêng của phường)")
    letter, notice = letter_and_notice(tmp_path)
    assert kinh_gui(letter) == kinh_gui(notice) == "Kính gửi: Công an phường. (mẫu riêng của phường)"


def test_the_template_tells_a_notice_from_a_letter(tmp_path: Path) -> None:
    switch = "{% if notice %} – điều chỉnh{% else %} – giao việc{% endif %}"
    edited_template(tmp_path / "templates" / "giao-viec.docx", switch)
    letter, notice = letter_and_notice(tmp_path)
    assert kinh_gui(letter) == "Kính gửi: Công an phường. – giao việc"
    assert kinh_gui(notice) == "Kính gửi: Công an phường. – điều chỉnh"


def test_an_old_notice_template_beside_the_plan_is_still_honoured(tmp_path: Path) -> None:
    edited_template(tmp_path / "templates" / "dieu-chinh.docx", " (mẫu điều chỉnh cũ)")
    letter, notice = letter_and_notice(tmp_path)
    assert kinh_gui(notice) == "Kính gửi: Công an phường. (mẫu điều chỉnh cũ)"
    assert kinh_gui(letter) == "Kính gửi: Công an phường."


def test_templates_check_names_a_letter_tag_notices_lack(tmp_path: Path) -> None:
    """plan_reference is a letter's only: in the shared template it would break every notice."""
    template = edited_template(tmp_path / "templates" / "giao-viec.docx", " {{ plan_reference }}")
    make_plan(tmp_path, units=UNITS)
    found = run_check(tmp_path)
    assert [f.tag for f in found[template]] == ["{{ plan_reference }}"]
    assert all(not findings for path, findings in found.items() if path != template)


def test_templates_check_covers_an_old_notice_template(tmp_path: Path) -> None:
    template = edited_template(tmp_path / "templates" / "dieu-chinh.docx", " {{ unit_nam }}")
    make_plan(tmp_path, units=UNITS)
    assert [f.tag for f in run_check(tmp_path)[template]] == ["{{ unit_nam }}"]


def test_build_check_fails_on_a_template_it_no_longer_builds(tmp_path: Path) -> None:
    build = build_tool()
    assert "dieu-chinh.docx" not in build.built()
    assert build.main(["--out", str(tmp_path)]) == 0
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "dieu-chinh.docx").write_bytes((tmp_path / "giao-viec.docx").read_bytes())
    assert build.drifted(tmp_path) == ["dieu-chinh.docx"]
    assert build.main(["--check", "--out", str(tmp_path)]) == 1


#: Undocumented methods and private fields of docxtpl and python-docx that kehoach relies on.
INTERNALS = re.compile(
    r"init_docx|patch_xml|get_xml|get_part_xml|get_headers_footers|resolve_listing\(|fix_tables|fix_docpr_ids"
    r"|docx_ids_index|HEADER_URI|FOOTER_URI|serialize_part_xml|parse_xml|docx\.opc\.oxml"
    r"|_core_properties_part|\._body\b|\._tc\b|\._element\b|\.element\.body\b"
)

#: A call of the module that holds them (``internals.resolve_listing(...)``) is not a use elsewhere.
CALLS_HOME = re.compile(r"\binternals\.\w+")


def test_docxtpl_and_python_docx_internals_are_used_in_one_module() -> None:
    home = ROOT / "src" / "kehoach" / "render" / "internals.py"
    users = {
        str(path.relative_to(ROOT)): sorted(
            set(INTERNALS.findall(CALLS_HOME.sub("", path.read_text(encoding="utf-8"))))
        )
        for path in sorted((ROOT / "src").rglob("*.py"))
        if path != home
    }
    assert {path: names for path, names in users.items() if names} == {}
    documented = home.read_text(encoding="utf-8").split('"""')[1]
    for name in ("init_docx", "patch_xml", "fix_tables", "fix_docpr_ids", "_core_properties_part", "_body", "_tc"):
        assert name in documented, name
    assert "tests/render/test_fast_path.py" in documented


@pytest.mark.parametrize("library", ["docxtpl", "python-docx"])
def test_the_libraries_it_relies_on_are_pinned_to_a_minor_version(library: str) -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pin = re.search(rf'"{library}>=(\d+)\.(\d+),<(\d+)\.(\d+)"', pyproject)
    assert pin is not None, pyproject
    low_major, low_minor, high_major, high_minor = map(int, pin.groups())
    assert (high_major, high_minor) == (low_major, low_minor + 1)
