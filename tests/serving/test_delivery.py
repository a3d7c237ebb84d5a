"""A file the app delivers (Textual's deliver_binary, as Save as… does when served) arrives in the browser as a
download, byte for byte, from the page's own server."""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

import pytest

from . import delivering_app
from .conftest import ServedTab, free_port, started


@pytest.fixture(scope="module")
def delivering_server():
    port = free_port()
    yield from started([sys.executable, delivering_app.__file__, "serve", str(port)], port)


def test_a_delivered_file_downloads_whole_from_the_server_itself(browser, delivering_server):
    tab = ServedTab(browser, delivering_server)
    try:
        # The page opens a delivery's one-time address in a new tab; kept here instead, to fetch as that tab would.
        tab.page.evaluate("window.opened = []; window.open = (address) => { window.opened.push(address); }")
        tab.wait_for("Press d to download the report")
        tab.page.locator(".xterm-helper-textarea").focus()
        tab.page.keyboard.press("d")
        tab.page.wait_for_function("window.opened.some(a => a && a.includes('/download/'))", timeout=30_000)
        [address] = [a for a in tab.page.evaluate("window.opened") if a and "/download/" in a]
        assert urlsplit(address).netloc == urlsplit(delivering_server).netloc
        response = tab.page.request.get(address)
        assert response.ok
        assert response.headers["content-disposition"] == "attachment; filename=report.html"
        assert response.body() == delivering_app.CONTENT
        tab.wait_for("Delivered")  # the app hears that the file went
        assert tab.page.request.get(address).status == 404  # and its address is used up
    finally:
        tab.close()
