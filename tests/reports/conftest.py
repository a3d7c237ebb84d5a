"""Programs the printed-report tests drive: Debian's Chromium prints, poppler-utils turns pages into pixels.

Without them those tests skip, naming the package to install; on CI (CI=true) they fail instead, so a
missing browser can never pass for a report that prints well.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Chromium started for printing only: no sandbox (tests may run as root), nothing fetched in the background.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def installed(command: str, package: str) -> Path:
    """The program's path; else a skip naming the Debian package, or on CI a failure."""
    found = shutil.which(command)
    if found:
        return Path(found)
    message = f"{command} is not installed: apt-get install -y {package} (Debian's package), as .ci/run does"
    if on_ci():
        pytest.fail(f"{message}; CI runs every test")
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Path:
    return installed("chromium", "chromium")


@pytest.fixture(scope="session")
def pdftoppm() -> Path:
    return installed("pdftoppm", "poppler-utils")


# Per module: the browser's own event loop is gone before tests that run theirs (the terminal UI's) begin.
@pytest.fixture(scope="module")
def print_to_pdf(chromium):
    """Prints HTML files to PDF as Chromium's print dialog does by default: the page's own size and margins,
    the browser's header and footer on (the date and the file's address, unless the page gives its own),
    background graphics off (colour the page asks to keep still prints)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)

        def printed(html: Path) -> Path:
            page = browser.new_page()
            try:
                page.goto(html.resolve().as_uri())
                pdf = html.with_suffix(".pdf")
                page.pdf(path=str(pdf), prefer_css_page_size=True, display_header_footer=True, print_background=False)
                return pdf
            finally:
                page.close()

        yield printed
        browser.close()
