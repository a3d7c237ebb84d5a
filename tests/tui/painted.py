"""What the screen paints, cell by cell: each run of text with the colours it is drawn in, and WCAG's contrast.

The colours are read from the screen's last full render, after Textual has resolved every `$variable` of the
theme, blended each widget's background with its ancestors' and turned dim text into a colour, so what is
measured is what a person sees, not what the stylesheet says.
"""

from __future__ import annotations

import unicodedata

from rich.color import Color as RichColor
from rich.cells import cell_len
from textual.app import App
from textual.color import Color
from textual.screen import ModalScreen

# WCAG 2.1 AA, normal text.
AA_NORMAL_TEXT = 4.5


def relative_luminance(color: Color) -> float:
    """WCAG's relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast_ratio(foreground: Color, background: Color) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_graphic(character: str) -> bool:
    """Lines, borders, blocks and scrollbar glyphs: not text, so WCAG asks 3:1 of them, not 4.5:1."""
    return character.isspace() or 0x2500 <= ord(character) <= 0x259F or unicodedata.category(character) == "Cf"


class PaintedText:
    """A run of text as painted: where, what, in which colours, and the widget it belongs to."""

    def __init__(self, widget: str, text: str, foreground: Color, background: Color) -> None:
        self.widget = widget
        self.text = text
        self.foreground = foreground
        self.background = background
        self.ratio = contrast_ratio(foreground, background)

    def __str__(self) -> str:
        return (f"{self.widget}: {self.text.strip()!r} {self.foreground.hex6} on {self.background.hex6} "
                f"= {self.ratio:.2f}:1")


def _colour(rich_color: RichColor | None, fallback: Color) -> Color:
    return fallback if rich_color is None or rich_color.is_default else Color.from_rich_color(rich_color)


def painted_text(app: App) -> list[PaintedText]:
    """Every run of text the current screen paints, with its colours and the widget under it.

    Text seen through a modal screen's shaded backdrop belongs to the screen below, which cannot be used
    until the dialog closes, so it is left out.
    """
    screen = app.screen
    # Textual's own screenshot reads the same full render (App.export_screenshot).
    update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    default_background = Color.parse(app.theme_variables["background"])
    default_foreground = Color.parse(app.theme_variables["foreground"])
    runs: list[PaintedText] = []
    for y, line in enumerate(update.strips, update.region.y):
        x = update.region.x
        for strip in line:
            for segment in strip:
                text, style, control = segment
                if control or not text:
                    continue
                width = cell_len(text)
                if style is not None and any(not is_graphic(character) for character in text):
                    foreground = _colour(style.color, default_foreground)
                    background = _colour(style.bgcolor, default_background)
                    if style.reverse:
                        foreground, background = background, foreground
                    owner = _owner(screen, x, y)
                    if owner is not None:
                        runs.append(PaintedText(owner, text, foreground, background))
                x += width
    return runs


def _owner(screen, x: int, y: int) -> str | None:
    try:
        widget, _ = screen.get_widget_at(x, y)
    except Exception:  # noqa: BLE001 - a cell outside every widget (Textual raises NoWidget)
        return None
    if isinstance(screen, ModalScreen) and widget is screen:
        return None
    names = [type(node).__name__ + (f"#{node.id}" if node.id else "") for node in widget.ancestors_with_self]
    return " > ".join(reversed(names[:3]))


def below_aa(app: App) -> list[str]:
    """Each run of text the current screen paints below WCAG AA, named with its widget, colours and ratio."""
    return [str(run) for run in painted_text(app) if run.ratio < AA_NORMAL_TEXT]
