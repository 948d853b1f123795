"""Build ``src/kehoach/data/font-metrics.json`` from Liberation Serif.

Liberation Serif is metric-compatible with Times New Roman: every glyph has the
same advance width. kehoach needs those widths to draw the decree's rules (the
line under the motto is exactly as long as the text), so it ships them as data
instead of requiring the font at run time. Run this once when the character set
changes: ``python tools/build_metrics.py /usr/share/fonts/truetype/liberation2``
(Liberation 2: the 1.x fonts lack letters such as Ệ).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

FACES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold-italic": "LiberationSerif-BoldItalic.ttf",
}
RANGES = [(0x20, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x2610, 0x2613)]


def widths(font_path: Path) -> dict[str, int]:
    font = TTFont(font_path)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    out = {}
    for lo, hi in RANGES:
        for cp in range(lo, hi):
            glyph = cmap.get(cp)
            if glyph is not None:
                out[chr(cp)] = hmtx[glyph][0]
    return out


def main(font_dir: str) -> None:
    root = Path(font_dir)
    data = {"units_per_em": 2048, "faces": {k: widths(root / v) for k, v in FACES.items()}}
    target = Path(__file__).resolve().parents[1] / "src/kehoach/data/font-metrics.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
