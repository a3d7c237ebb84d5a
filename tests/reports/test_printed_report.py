"""The sample inspection's report as a head of service prints it: `peerinspect report --format html`, printed by
Chromium with its print dialog's defaults, then read back page by page (pypdf) and as pixels (poppler-utils)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader

from peerinspect import sample
from peerinspect.cli import main
from peerinspect.reports.content import merged_answers


class Printed(NamedTuple):
    pdf: Path
    pages: list[str]
    content: dict


@pytest.fixture(scope="module")
def printed(tmp_path_factory, print_to_pdf) -> dict[str, Printed]:
    """The sample's issued report and its internal version, each printed once for every test here."""
    folder = tmp_path_factory.mktemp("printed")
    workspace = folder / "workspace"
    inspection = sample.build_demo(workspace).summary(sample.MAIN_TITLE).inspection
    versions = {}
    for version, flags in (("external", []), ("internal", ["--internal"])):
        for form in ("html", "json"):
            code = main(["--workspace", str(workspace), "report", inspection.id, "--format", form,
                         "--output", str(folder / f"{version}.{form}"), "--as", inspection.lead_id, *flags])
            assert code == 0
        pdf = print_to_pdf(folder / f"{version}.html")
        content = json.loads((folder / f"{version}.json").read_text(encoding="utf-8"))
        versions[version] = Printed(pdf, [page.extract_text() for page in PdfReader(pdf).pages], content)
    return versions


VERSIONS = ["external", "internal"]


def squeezed(text: str) -> str:
    """Text with every space and line break taken out, so lines wrapped anywhere compare equal."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("version", VERSIONS)
def test_page_one_holds_the_key_facts_and_the_judgements_and_the_team_follows(printed, version):
    pages, content = printed[version].pages, printed[version].content
    first = squeezed(pages[0])
    assert squeezed("Summary of judgements") in first
    for theme in content["themes"]:
        assert squeezed(f"{theme['title']}") in first
        assert squeezed(theme["grade"]["label"]) in first
    for fact in (content["issue"]["text"], "Evidence", "Safeguarding", content["lead"]):
        assert squeezed(fact) in first
    assert "The inspection team" not in pages[0]
    others = [m["name"] for m in content["team"] if not m["lead"]]
    assert len(others) >= 10
    assert not [name for name in others if squeezed(name) in first]
    assert "The inspection team" in pages[1]
    assert all(squeezed(name) in squeezed(pages[1]) for name in others)


@pytest.mark.parametrize("version", VERSIONS)
def test_every_page_names_the_inspection_and_says_which_page_of_how_many(printed, version):
    pages, content = printed[version].pages, printed[version].content
    assert len(pages) >= 10
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page, f"page {number}"
        assert content["inspection"]["title"] in page, f"page {number}"
        assert "file:" not in page, f"page {number} carries the browser's own footer"


def test_every_page_of_the_internal_version_says_it_is_internal_and_no_page_of_the_issued_one_does(printed):
    internal, external = printed["internal"].pages, printed["external"].pages
    mark = "Internal: names cases and workers. Not for sending outside the inspection team."
    assert [n for n, page in enumerate(internal, start=1) if mark not in page] == []
    assert [n for n, page in enumerate(external, start=1) if "internal" in page.lower()] == []


def test_no_case_reference_or_worker_is_broken_across_lines(printed):
    text = "\n".join(printed["internal"].pages)
    appendix = printed["internal"].content["appendix"]
    names = {row["case_reference"] for row in appendix} | {row["allocated_worker"] for row in appendix}
    assert len(names) >= 40
    broken = {name for name in names if text.count(name) != squeezed(text).count(squeezed(name))}
    assert broken == set()
    assert all(text.count(row["case_reference"]) >= 1 for row in appendix)


def test_each_answer_to_the_key_question_is_printed_once_with_how_many_gave_it(printed):
    pages, content = printed["external"].pages, printed["external"].content
    key = content["key_question"]
    text = squeezed("\n".join(pages))
    section = text[text.index(squeezed(key["question"])):text.index(squeezed("Evidence base"))]
    bullets = [(group["title"], answer) for group in key["groups"] for answer in merged_answers(group["answers"])]
    assert key["answers"] - len(bullets) >= 18  # the sample repeats itself: 72 answers, 54 of them different
    for title, answer in bullets:
        said = squeezed(f"{answer['source']}: {answer['text']}")
        groups_saying_it = sum(said == squeezed(f"{a['source']}: {a['text']}") for _, a in bullets)
        assert section.count(said) == groups_saying_it, f"{title}: {answer['text']}"
        if answer["times"] > 1:
            assert said + squeezed(f"({answer['times_text']})") in section


# --- as pixels -------------------------------------------------------------------------------------

MARK_INK = (0x7A, 0x0F, 0x1D)  # the internal mark's dark red
TOP_MARGIN, BOTTOM_MARGIN, PAGE_HEIGHT = 18, 20, 297  # mm: @page's margins on A4


def page_images(pdftoppm: Path, pdf: Path) -> list[tuple[int, int, bytes]]:
    """Each page as (width, height, RGB bytes), rasterised by poppler at 50 dpi."""
    prefix = pdf.with_name(pdf.stem + "-page")
    subprocess.run([str(pdftoppm), "-r", "50", str(pdf), str(prefix)], check=True)
    images = []
    for ppm in sorted(pdf.parent.glob(prefix.name + "-*.ppm")):
        data = ppm.read_bytes()
        magic, width, height, _maximum, pixels = data.split(maxsplit=4)
        assert magic == b"P6"
        images.append((int(width), int(height), pixels[: int(width) * int(height) * 3]))
    return images


def band(image: tuple[int, int, bytes], top_mm: float, bottom_mm: float) -> list[tuple[int, int, int]]:
    width, height, pixels = image
    first, last = (int(height * mm / PAGE_HEIGHT) for mm in (top_mm, bottom_mm))
    rows = pixels[first * width * 3:last * width * 3]
    return [tuple(rows[i:i + 3]) for i in range(0, len(rows), 3)]


def reddish(pixel: tuple[int, int, int]) -> bool:
    r, g, b = pixel
    return r - g > 40 and r - b > 40


def inked(pixel: tuple[int, int, int]) -> bool:
    return min(pixel) < 200


@pytest.mark.parametrize("version", VERSIONS)
def test_every_page_shows_its_marks_in_the_margins_and_nothing_else_there(printed, pdftoppm, version):
    images = page_images(pdftoppm, printed[version].pdf)
    assert len(images) == len(printed[version].pages)
    for number, image in enumerate(images, start=1):
        head = band(image, 0, TOP_MARGIN - 4)
        foot = band(image, PAGE_HEIGHT - BOTTOM_MARGIN + 4, PAGE_HEIGHT)
        assert any(inked(p) for p in foot), f"page {number} has no footer"
        if version == "internal":
            assert sum(reddish(p) for p in head) > 20, f"page {number} does not show the internal mark"
        else:
            assert not any(inked(p) for p in head), f"page {number} prints something above the report"
