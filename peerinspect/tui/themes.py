"""The app's two themes, dark and light: Textual's own, with the colours that were too faint for WCAG AA darkened
or lightened until every text the app paints reaches 4.5:1 (tests/tui/test_contrast.py measures it)."""

from __future__ import annotations

from textual.theme import Theme

# Primary is a background (the cursor row, the active tab, the main button) under near-white text, so it is a
# shade darker than Textual's; text in the theme's colours uses the $text-primary, $text-error… variables.
DARK = Theme(
    name="dark",
    primary="#005FAD",
    secondary="#4C9BE8",
    accent="#FFA62B",
    warning="#FFA62B",
    error="#A8324F",
    success="#4EBF71",
    foreground="#E0E0E0",
    dark=True,
)

LIGHT = Theme(
    name="light",
    primary="#004578",
    secondary="#005A9E",
    accent="#FFA62B",
    warning="#8A5300",
    error="#A8324F",
    success="#1E7B3A",
    # A shade darker than Textual's #1F1F1F, so text Textual dims (the header's subtitle) still reads at 4.5:1.
    foreground="#111111",
    surface="#D8D8D8",
    panel="#D0D0D0",
    background="#E0E0E0",
    dark=False,
    variables={"footer-key-foreground": "#004578"},
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT)}
DEFAULT_THEME = DARK.name


def other_theme(name: str) -> str:
    """The theme Ctrl+T switches to from `name`."""
    return LIGHT.name if name == DARK.name else DARK.name
