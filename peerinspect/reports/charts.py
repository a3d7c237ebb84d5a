"""Charts for the HTML report, drawn as inline SVG by hand so the report needs nothing outside itself.

Every chart carries its numbers as text as well as shape and colour, so it reads in greyscale print
and to a screen reader (each SVG has a <title> and a <desc>).
"""

from __future__ import annotations

from html import escape

# From best to worst grade: dark green, light green, amber, red, with the text colour that reads on each.
_GRADE_FILLS = (("#1b7837", "#ffffff"), ("#a6d96a", "#102a12"), ("#fdb863", "#3a2400"), ("#b2182b", "#ffffff"))
_EMPTY_FILL = "#f3f3f3"
_EMPTY_STROKE = "#b5b5b5"
_EMPTY_TEXT = "#5c5c5c"
_BAR_FILL = "#2c5d8a"
_FONT = "font-family=\"'Segoe UI', 'Helvetica Neue', Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\""


def grade_colours(position: int, scale_size: int) -> tuple[str, str]:
    """Fill and text colour for the grade at `position` (0 is the best) on a scale of `scale_size` grades."""
    if scale_size <= 1:
        return _GRADE_FILLS[0]
    index = round(position * (len(_GRADE_FILLS) - 1) / (scale_size - 1))
    return _GRADE_FILLS[index]


def grade_scale(theme_title: str, grade_key: str | None, grades: list[dict]) -> str:
    """The framework's scale, worst grade on the left, with this theme's grade filled in and marked."""
    scale = sorted(grades, key=lambda g: g["rank"], reverse=True)  # worst first, so better reads further right
    width, gap, box = 440, 4, 34
    height = box + 12
    segment = (width - gap * (len(scale) - 1)) / max(len(scale), 1)
    chosen = next((g for g in scale if g["key"] == grade_key), None)
    summary = f"{theme_title}: {chosen['label']}" if chosen else f"{theme_title}: not yet judged"
    order = ", ".join(g["label"] for g in scale)
    parts = [
        f'<svg class="chart grade-scale" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" {_FONT}>',
        f"<title>{escape(summary)}</title>",
        f"<desc>{escape(f'Scale from worst to best: {order}.')}</desc>",
    ]
    for i, grade in enumerate(scale):
        x = i * (segment + gap)
        middle = x + segment / 2
        marked = chosen is not None and grade["key"] == chosen["key"]
        if marked:
            fill, ink = grade_colours(len(scale) - 1 - i, len(scale))
            parts.append(f'<rect x="{x:.1f}" y="1" width="{segment:.1f}" height="{box}" rx="3" fill="{fill}" stroke="#1a1a1a" stroke-width="2"/>')
            parts.append(f'<path d="M{middle - 6:.1f} {height} L{middle:.1f} {box + 4} L{middle + 6:.1f} {height} Z" fill="#1a1a1a"/>')
            parts.append(_label(grade["label"], middle, box, segment, size=12, weight=700, ink=ink))
        else:
            parts.append(f'<rect x="{x:.1f}" y="1" width="{segment:.1f}" height="{box}" rx="3" fill="{_EMPTY_FILL}" stroke="{_EMPTY_STROKE}"/>')
            parts.append(_label(grade["label"], middle, box, segment, size=11, weight=400, ink=_EMPTY_TEXT))
    parts.append("</svg>")
    return "".join(parts)


def _label(text: str, middle: float, box: int, room: float, *, size: int, weight: int, ink: str) -> str:
    """A grade label centred in its box, on two lines when one would not fit."""
    lines = [text]
    if len(text) * size * 0.58 > room - 6 and " " in text:
        words = text.split()
        cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
    first_y = 1 + box / 2 + size * 0.35 - (len(lines) - 1) * size * 0.55
    spans = "".join(
        f'<tspan x="{middle:.1f}" y="{first_y + n * size * 1.1:.1f}">{escape(line)}</tspan>' for n, line in enumerate(lines)
    )
    return f'<text text-anchor="middle" font-size="{size}" font-weight="{weight}" fill="{ink}">{spans}</text>'


def share_bars(title: str, items: list[dict]) -> str:
    """Horizontal bars, one per item, each labelled with its percentage and count: '18% (9 of 50)'."""
    label_width, bar_width, value_width = 170, 250, 110
    row, top = 26, 6
    width = label_width + bar_width + value_width
    height = top * 2 + row * len(items)
    longest = max((i["percent"] for i in items), default=0) or 1
    values = "; ".join(f"{i['label']}: {i['percent']}% ({i['count']} of {i['total']})" for i in items)
    parts = [
        f'<svg class="chart share-bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" {_FONT}>',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(values)}</desc>",
        f'<line x1="{label_width}" y1="{top - 2}" x2="{label_width}" y2="{height - top + 2}" stroke="#767676"/>',
    ]
    for n, item in enumerate(items):
        y = top + n * row
        length = bar_width * item["percent"] / longest
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end" font-size="12" fill="#1a1a1a">'
            f"{escape(item['label'])}</text>"
        )
        if item["count"]:
            parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{max(length, 2):.1f}" height="{row - 8}" fill="{_BAR_FILL}"/>')
        parts.append(
            f'<text x="{label_width + length + 6:.1f}" y="{y + row / 2 + 4:.1f}" font-size="12" fill="#1a1a1a">'
            f"<tspan font-weight=\"700\">{item['percent']}%</tspan> ({item['count']} of {item['total']})</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
