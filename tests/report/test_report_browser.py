"""report.html in headless Chromium (system package) through Playwright.

Skipped with a message when no Chromium is installed and CI is unset; with CI set, a missing
Chromium fails (see the ``browser`` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails under CI) with the reason
    expect = None

from eval.report import render_report
from eval.report.marks import BIDI_CONTROLS

pytestmark = pytest.mark.browser


@pytest.fixture()
def report(results_dir: Path) -> Path:
    return render_report(results_dir)


@pytest.fixture()
def page(browser, report: Path):
    """A page on the report, recording console messages, page errors, requests and dialogs."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = ctx.new_page()
    log = {"console": [], "errors": [], "requests": [], "dialogs": []}
    pg.on("console", lambda m: log["console"].append((m.type, m.text)))
    pg.on("pageerror", lambda e: log["errors"].append(str(e)))
    pg.on("request", lambda r: log["requests"].append(r.url))

    def on_dialog(d):
        log["dialogs"].append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.goto(report.as_uri())
    # (no wait_for_function: its polling evaluates strings in the page, which the report's CSP rightly forbids)
    assert pg.evaluate("window.mtevalReady") is True
    pg.log = log
    yield pg
    ctx.close()


def _go(page, fragment: str) -> None:
    """Set the location hash and return once the report's own hashchange handler has run.

    Setting ``location.hash`` queues the hashchange event, so asserting straight after it races
    the report's router; this waits for the event (our listener runs after the report's).
    """
    page.evaluate(
        """h => new Promise(done => {
            if (location.hash === h) { done(); return; }
            window.addEventListener("hashchange", () => setTimeout(done, 0), {once: true});
            location.hash = h;
        })""",
        fragment,
    )


def _visit_everything(page, n_docs: int = 3) -> None:
    for h in ["#findings", "#documents", *[f"#d{i}" for i in range(n_docs)], "#overview"]:
        _go(page, h)
        page.wait_for_timeout(50)


def test_loads_from_file_without_errors_or_network(page):
    _visit_everything(page)
    assert page.log["errors"] == []
    assert [m for m in page.log["console"] if m[0] in ("error", "warning")] == []
    for url in page.log["requests"]:
        assert url.startswith("file:") or url.startswith("data:"), url
    assert page.title().startswith("MT evaluation report")


def test_xss_corpus_does_not_execute(page):
    _visit_everything(page)
    _go(page, "#findings")
    page.fill("#f-q", "xss")
    expect(page.locator("#f-count")).not_to_have_text(re.compile(r"^20 of 20"))  # the debounced filter ran
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.log["dialogs"] == []
    # the payloads are visible as text in the document view
    _go(page, "#d2")
    assert "<script>window.__xss=1;alert(1)</script>" in page.inner_text("#doc-view")
    assert page.locator("#doc-view img, #doc-view script, #doc-view a[href^='javascript']").count() == 0


def test_filters_update_counts(page):
    _go(page, "#findings")
    count = page.locator("#f-count")
    rows = page.locator("#f-body tr")
    assert count.inner_text().startswith("20 of 20")
    assert rows.count() == 20
    page.get_by_label("Severity", exact=True).select_option(label="critical")
    assert count.inner_text().startswith("2 of 20") and rows.count() == 2
    page.get_by_label("System", exact=True).select_option(label="nllb-200")
    assert count.inner_text().startswith("2 of 20")
    page.get_by_label("Severity", exact=True).select_option(label="major")
    assert count.inner_text().startswith("4 of 20")  # omission, language_vs_country, characters, untranslated
    page.get_by_label("Search", exact=True).fill("روسيا")
    expect(count).to_have_text(re.compile(r"^1 of 20"))
    assert "name.language_vs_country" in rows.first.inner_text()
    page.get_by_role("button", name="Reset").click()
    expect(count).to_have_text(re.compile(r"^20 of 20"))
    page.get_by_label("Document", exact=True).select_option(label="nazarbayev-law")
    assert count.inner_text().startswith("4 of 20")
    # severity chips follow the filter
    assert "1 critical" in page.inner_text("#f-sevcounts")


def test_deep_link_filters_from_overview(page):
    page.click("a.pill.sev-critical")
    page.wait_for_url(re.compile(r"#findings"))
    expect(page.locator("#f-count")).to_have_text(re.compile(r"^2 of 20"))
    assert page.locator("#f-sev").input_value() == "0"


def test_sort_by_keyboard(page):
    _go(page, "#findings")
    button = page.locator("#f-table th button", has_text="Document")
    button.focus()
    page.keyboard.press("Enter")
    th = button.locator("xpath=..")
    assert th.get_attribute("aria-sort") == "ascending"
    docs = page.locator("#f-body tr td:nth-child(2)").all_inner_texts()
    assert docs[0] == "(corpus)" or docs == sorted(docs)
    page.keyboard.press("Enter")
    assert th.get_attribute("aria-sort") == "descending"
    assert page.locator("#f-body tr td:nth-child(2)").first.inner_text() != docs[0]


def test_finding_row_links_to_its_sentence(page):
    _go(page, "#findings")
    page.get_by_label("Check", exact=True).select_option(label="number.mismatch")
    page.locator("#f-body a", has_text="Go to sentence").click()
    page.wait_for_url(re.compile(r"#d0-r1$"))
    row = page.locator("#d0-r1")
    expect(row).to_be_visible()
    expect(row).to_be_focused()
    assert "6 يناير" in row.inner_text() and "number.mismatch" in row.inner_text()
    assert page.evaluate("document.activeElement.id") == "d0-r1"


def test_rtl_cells_compute_rtl(page):
    _go(page, "#d0")
    dirs = page.evaluate("[...document.querySelectorAll('#doc-view td.ar')].map(td => getComputedStyle(td).direction)")
    assert dirs and set(dirs) == {"rtl"}
    assert set(page.evaluate("[...document.querySelectorAll('#doc-view td.en')].map(td => getComputedStyle(td).direction)")) == {"ltr"}
    font = page.evaluate("getComputedStyle(document.querySelector('#doc-view td.ar')).fontFamily")
    assert "Noto Naskh Arabic" in font
    # Arabic excerpts in the findings table too
    _go(page, "#findings")
    ex = page.evaluate("[...document.querySelectorAll('#f-body td.ar')].map(td => getComputedStyle(td).direction)")
    assert ex and set(ex) == {"rtl"}


def test_bidi_controls_do_not_reorder_the_chrome(page):
    _go(page, "#d2")
    body = page.evaluate("document.body.innerText")
    assert not any(ch in body for ch in BIDI_CONTROLS)
    markers = page.locator("#doc-view span.bidi")
    assert markers.count() >= 4 and page.evaluate("getComputedStyle(document.querySelector('#doc-view span.bidi')).unicodeBidi") == "isolate"
    # the header tabs still read left to right
    xs = page.evaluate("[...document.querySelectorAll('nav.tabs a')].map(a => a.getBoundingClientRect().left)")
    assert xs == sorted(xs)
    # the row of the finding whose document id and message carry U+202E keeps its column order
    _go(page, "#findings")
    page.get_by_label("Check", exact=True).select_option(label="characters")
    page.get_by_label("System", exact=True).select_option(label="nllb-200")
    cells = page.evaluate("[...document.querySelector('#f-body tr').cells].map(c => c.getBoundingClientRect().left)")
    assert cells == sorted(cells)
    assert "⟨RLO⟩" in page.inner_text("#f-body tr")


def test_document_navigation_and_toggles(page):
    _go(page, "#documents")
    assert page.locator("#doc-list").is_visible()
    page.get_by_label("Open document").select_option(label="nazarbayev-law")
    page.wait_for_url(re.compile(r"#d1$"))
    expect(page.locator("#doc-view")).to_contain_text("ولاية الناصرة")
    page.get_by_role("button", name="Next →").click()
    page.wait_for_url(re.compile(r"#d2$"))
    expect(page.locator("#doc-next")).to_be_disabled()
    page.get_by_label("Colour names").uncheck()
    assert "hide-names" in page.get_attribute("#doc-view", "class")


def test_screenshots(page, artifacts_dir: Path):
    _go(page, "#overview")
    page.screenshot(path=str(artifacts_dir / "report-overview.png"), full_page=True)
    _go(page, "#d0")
    page.wait_for_selector("#d0-r0")
    page.screenshot(path=str(artifacts_dir / "report-document.png"), full_page=True)
    for name in ("report-overview.png", "report-document.png"):
        assert (artifacts_dir / name).stat().st_size > 20_000


def test_print_layout_shows_overview_without_controls(page):
    page.emulate_media(media="print")
    assert page.locator("#overview").is_visible()
    assert not page.locator("#f-form").is_visible() and not page.locator("nav.tabs").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_in_page_anchors_keep_or_select_their_view(page):
    _go(page, "#findings")
    _go(page, "#main")  # the skip link must not switch views
    assert page.locator("#findings").is_visible() and not page.locator("#overview").is_visible()
    _go(page, "#sig-1")  # a footnote lives in the overview
    assert page.locator("#overview").is_visible() and page.locator("#sig-1").is_visible()
