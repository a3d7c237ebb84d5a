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
from textual.widget import Widget
from textual.widgets import SelectionList
from textual.widgets._toggle_button import ToggleButton  # Checkbox and RadioButton: not exported on its own

# WCAG 2.1 AA: normal text (1.4.3), and symbols that carry meaning beside it such as ✖ and ⚠ (1.4.11).
AA_NORMAL_TEXT = 4.5
AA_SYMBOL = 3.0


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
    """Space, lines, borders, blocks and scrollbar glyphs: drawing, not text. Emoji too, which the terminal draws
    in colours of its own."""
    code = ord(character)
    return character.isspace() or 0x2500 <= code <= 0x259F or code >= 0x1F000 or unicodedata.category(character) == "Cf"


def is_symbol(text: str) -> bool:
    return all(unicodedata.category(character) == "So" or is_graphic(character) for character in text)


class PaintedText:
    """A run of text as painted: where, what, in which colours, and the widget it belongs to."""

    def __init__(self, widget: Widget, text: str, foreground: Color, background: Color) -> None:
        self.widget = widget
        self.text = text
        self.foreground = foreground
        self.background = background
        self.ratio = contrast_ratio(foreground, background)
        self.required = AA_SYMBOL if is_symbol(text) else AA_NORMAL_TEXT

    def __str__(self) -> str:
        names = [type(node).__name__ + (f"#{node.id}" if node.id else "") for node in self.widget.ancestors_with_self]
        return (f"{' > '.join(reversed(names[:3]))}: {self.text.strip()!r} {self.foreground.hex6} on {self.background.hex6} "
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


def _owner(screen, x: int, y: int) -> Widget | None:
    try:
        widget, _ = screen.get_widget_at(x, y)
    except Exception:  # noqa: BLE001 - a cell outside every widget (Textual raises NoWidget)
        return None
    if isinstance(screen, ModalScreen) and widget is screen:
        return None
    return widget


def below_aa(app: App) -> list[str]:
    """Each run of text the current screen paints below WCAG AA, named with its widget, colours and ratio."""
    return [str(run) for run in painted_text(app) if run.ratio < run.required and not _unticked_mark(run)]


def _unticked_mark(run: PaintedText) -> bool:
    """A checkbox's X or a radio button's dot, when not chosen, is drawn to be barely seen: its absence is what
    says 'not chosen'. Chosen, it must be read like any text."""
    widget = run.widget
    if isinstance(widget, ToggleButton):
        return run.text.strip() == widget.BUTTON_INNER and not widget.value
    return run.text.strip() == ToggleButton.BUTTON_INNER and isinstance(widget, SelectionList)
