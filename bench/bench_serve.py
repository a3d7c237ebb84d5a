"""Many browser tabs on one `peerinspect serve`: how long each waits for its sign-in screen and, once the password
is given, for its dashboard; and the memory the server and its tab processes hold.

    python bench/bench_serve.py               # 20 tabs at once, after one tab alone (the yardstick)
    python bench/bench_serve.py --tabs 5      # a quick look

The workspace is the demo's, on today's clock, with sign-in required and every person given a password at
argon2id's recommended costs (what a real sign-in pays). The yardstick is the same tab opened alone on the same
server in the same run, so a busy machine slows both; the load average is printed before and after. Tabs are
Debian's Chromium driven by Playwright, each in its own browser context; a tab's screen is read from the bytes
its terminal receives, as the tests read it (tests/serving/conftest.py). Typing is not timed: a tab's figure is
page open to sign-in screen, plus Enter to dashboard.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peerinspect.engine import accounts, authority  # noqa: E402
from peerinspect.sample import build_demo  # noqa: E402
from peerinspect.serving import warm  # noqa: E402
from tests.reports.conftest import CHROMIUM_ARGS  # noqa: E402
from tests.serving.conftest import ServedTab, free_port  # noqa: E402

FIRST, OWN = "violet-harbour-lantern", "{}-copper-meadow-falcon"
LEAD = "Morwenna Tallis"


def workspace(root: Path) -> list[tuple[str, str]]:
    """The demo with sign-in required; each person's name and password."""
    engine = build_demo(root, clock=datetime.now)
    people = [p.name for p in engine.people() if not p.has_left(engine.today())]
    signers = []
    for n, name in enumerate(people):
        accounts.set_password(engine, as_person=LEAD, person=name, password=FIRST)
        accounts.change_password(engine, person=name, current=FIRST, new=OWN.format(n))
        signers.append((name, OWN.format(n)))
    authority.update_settings(engine, {"sign_in_required": True}, as_person=LEAD)
    return signers


class Timed:
    """One tab through sign-in, stepped without waiting, so many tabs progress at once."""

    def __init__(self, browser, origin: str, name: str, password: str) -> None:
        self.name, self.password = name, password
        self.opened = time.perf_counter()
        self.tab = ServedTab(browser, origin)
        self.state, self.at = "opening", self.opened
        self.to_sign_in = self.to_dashboard = None

    def step(self) -> None:
        now, text = time.perf_counter(), self.tab.text
        if self.state == "opening" and "Password" in text and "Name" in text:
            self.to_sign_in = now - self.opened
            self.tab.page.locator(".xterm-helper-textarea").focus()
            self.tab.page.keyboard.type(self.name)
            self.tab.page.keyboard.press("Tab")
            self.state, self.at = "named", now
        elif self.state == "named" and now - self.at > 0.5:  # the focus has moved to the password by now
            self.tab.page.keyboard.type(self.password)
            self.state = "typed"
        elif self.state == "typed" and "•" * len(self.password) in text:
            self.tab.page.keyboard.press("Enter")
            self.state, self.at = "signing in", time.perf_counter()
        elif self.state == "signing in" and f"{self.name} · " in text:
            self.to_dashboard = now - self.at
            self.state = "done"

    @property
    def seconds(self) -> float:
        return self.to_sign_in + self.to_dashboard


def run_tabs(browser, origin: str, signers: list[tuple[str, str]], count: int, patience: float) -> list[Timed]:
    tabs = [Timed(browser, origin, *signers[n % len(signers)]) for n in range(count)]
    deadline = time.perf_counter() + patience
    while any(t.state != "done" for t in tabs):
        if time.perf_counter() > deadline:
            stuck = [f"{t.name}: {t.state}" for t in tabs if t.state != "done"]
            raise SystemExit(f"tabs still not signed in after {patience:.0f} s: {stuck}")
        for tab in tabs:
            tab.step()
        tabs[0].tab.page.wait_for_timeout(20)  # lets Playwright deliver every tab's frames
    return tabs


def memory(pid: int) -> tuple[float, float, int]:
    """The server and every process under it: resident and proportional set size in MiB, and how many."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        tree.append(current)
        waiting.extend(children.get(current, []))
    rss = pss = 0
    for process in tree:
        try:
            for line in Path(f"/proc/{process}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return rss / 1024, pss / 1024, len(tree)


def ready(server: subprocess.Popen) -> None:
    """Once the server listens and its tabs start warm (where they can: on Linux), or it has said all it will."""
    if not warm.supported():
        time.sleep(2)
        return
    for line in server.stdout:
        if warm.WARM in line:
            return


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=20)
    parser.add_argument("--patience", type=float, default=300, help="seconds before giving up on the tabs")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    print(f"load average before: {load()}; {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="peerinspect-bench-serve-") as scratch:
        signers = workspace(Path(scratch) / "workspace")
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "peerinspect", "--workspace", str(Path(scratch) / "workspace"),
                                   "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True)
        origin = f"http://127.0.0.1:{port}"
        try:
            ready(server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                [alone] = run_tabs(browser, origin, signers, 1, options.patience)
                alone.tab.close()
                time.sleep(1)
                started = time.perf_counter()
                tabs = run_tabs(browser, origin, signers, options.tabs, options.patience)
                all_in = time.perf_counter() - started
                rss, pss, processes = memory(server.pid)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    seconds = [t.seconds for t in tabs]
    print(f"\none tab alone (yardstick): sign-in screen {alone.to_sign_in:.2f} s, dashboard {alone.to_dashboard:.2f} s, "
          f"together {alone.seconds:.2f} s")
    print(f"{options.tabs} tabs at once: page open to sign-in screen, p50 {statistics.median(t.to_sign_in for t in tabs):.2f} s, "
          f"p95 {p95([t.to_sign_in for t in tabs]):.2f} s")
    print(f"{options.tabs} tabs at once: Enter to dashboard, p50 {statistics.median(t.to_dashboard for t in tabs):.2f} s, "
          f"p95 {p95([t.to_dashboard for t in tabs]):.2f} s")
    print(f"{options.tabs} tabs at once: together (untyped), p50 {statistics.median(seconds):.2f} s, "
          f"p95 {p95(seconds):.2f} s = {p95(seconds) / alone.seconds:.1f}× one tab alone (target: p95 under 3 s)")
    print(f"every tab signed in within {all_in:.1f} s of the first opening")
    print(f"server memory with {options.tabs} tabs signed in: {processes} processes, RSS {rss:,.0f} MiB, "
          f"PSS {pss:,.0f} MiB (target: under 3 GiB)")
    print(f"load average after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
