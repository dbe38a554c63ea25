"""The published site in a real browser: Debian's Chromium, headless, driven by Playwright, opening pages
served from a loopback server. Nothing is downloaded: Playwright is told where the browser is.

Without /usr/bin/chromium the tests are skipped with the reason, unless RESOLVETOOL_REQUIRE_BROWSER is set
(as .ci/run sets it, after installing the package), where a missing browser fails them."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import HOSTILE, HOSTILE_TITLE

CHROMIUM = Path("/usr/bin/chromium")
REFERENCE = "interpol-ga-81-impact-cooperation"
# As the machine's notes advise: no sandbox as root, and nothing that reaches for the network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not CHROMIUM.is_file():
    if os.environ.get("RESOLVETOOL_REQUIRE_BROWSER"):
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium package (.ci/run does)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); .ci/run installs it", allow_module_level=True)

sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def serve() -> Iterator:
    servers = []

    def start(folder: Path) -> str:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 1200})
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    opened.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    opened.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    opened.problems = problems
    yield opened
    context.close()


def test_reference_site_in_chromium(run_cli, reference_project, serve, page, tmp_path):
    assert run_cli("render", "--site", "site", cwd=reference_project).exit_code == 0
    base = serve(reference_project / "site")
    page.goto(base + "index.html")
    page.get_by_role("link", name="81st session, Rome, 5 to 8 November 2012").first.click()
    page.wait_for_url("**/sessions/interpol-ga-81.html")
    page.locator(f"a[href='../resolutions/{REFERENCE}.html']").first.click()
    page.wait_for_url(f"**/resolutions/{REFERENCE}.html")
    assert page.locator(".clause.preambular").count() == 8
    assert page.locator(".clause.operative").count() == 2
    assert page.locator(".clause.preambular").first.inner_text().startswith("BEARING IN MIND Article 41")
    assert page.locator(".clause.operative .phrase").all_inner_texts() == ["APPROVES", "AUTHORIZES"]
    page.screenshot(path=str(tmp_path / "resolution.png"), full_page=True)
    # The link to the agreement it approves, and from there back.
    page.locator(".about a[href='../agreements/interpol-impact-cooperation.html']").click()
    page.wait_for_url("**/agreements/interpol-impact-cooperation.html")
    assert page.locator("h1").inner_text().startswith("Cooperation Agreement between")
    assert page.locator(".timeline li").count() == 2
    assert page.locator(f".referrers a[href='../resolutions/{REFERENCE}.html']").count() >= 1
    # Search from the box every page has.
    page.fill("header input[name=q]", "cyber threats")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/search.html?q=cyber+threats")
    page.wait_for_selector("body[data-search-ready='9']")
    results = page.locator("#search-results li a")
    assert results.count() >= 3
    assert f"resolutions/{REFERENCE}.html" in [results.nth(n).get_attribute("href") for n in range(results.count())]
    page.fill("#q", "cybercrim")  # the start of a word is enough, and results follow the typing
    page.wait_for_function("document.querySelectorAll('#search-results li').length > 0")
    assert page.locator("#search-status").inner_text().startswith(("1 record", "2 records", "3 records"))
    page.fill("#q", "nothing-matches-this")
    page.wait_for_function("document.querySelectorAll('#search-results li').length === 0")
    assert "No record matches" in page.locator("#search-status").inner_text()
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)
    page.emulate_media(media="print")
    page.goto(base + f"resolutions/{REFERENCE}.html")
    assert not page.locator("header.site").is_visible()  # the print stylesheet leaves out the site's frame
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    assert page.problems == []
    assert (tmp_path / "resolution.png").stat().st_size > 10_000
    print(f"screenshots in {tmp_path}")


def test_hostile_records_do_nothing_in_chromium(run_cli, make_tree, serve, page):
    root = make_tree(HOSTILE)
    assert run_cli("render", "--site", "site", cwd=root).exit_code == 0
    base = serve(root / "site")
    for path in (
        "index.html",
        "resolutions/res-1.html",
        "organizations/org.html",
        "sessions/assembly-1.html",
        "years/2020.html",
        "search.html?q=script",
        "search.html?q=quoted",
    ):
        page.goto(base + path)
        page.wait_for_load_state("load")
        if path.startswith("search"):
            page.wait_for_function("document.querySelectorAll('#search-results li').length > 0")
        page.locator("a, p, h1, li").evaluate_all(
            "els => els.forEach(el => el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"
        )
        assert page.evaluate("window.pwned") is None, path
        assert page.locator("img, svg, iframe, marquee").count() == 0, path
    page.goto(base + "resolutions/res-1.html")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    assert page.title().startswith(HOSTILE_TITLE)
    assert page.problems == []


def test_search_folds_as_the_index_does(run_cli, base_tree, serve, page):
    from helpers import BASE_TREE

    resolution = BASE_TREE["records/resolutions/2020/res-1.yaml"]
    titles = {
        "r-he": "לימוד השפה עִבְרִית",
        "r-ar": "تعليم اللغة العَرَبِيَّة",
        "r-fr": "Coopération régionale",
        "r-hi": "हिन्दी भाषा का प्रयोग",
    }
    root = base_tree(
        **{
            f"records__resolutions__2020__{rid}.yaml": resolution.replace("id: res-1", f"id: {rid}").replace(
                "title: A first decision", f'title: "{title}"'
            )
            for rid, title in titles.items()
        }
    )
    assert run_cli("render", "--site", "site", cwd=root).exit_code == 0
    base = serve(root / "site")
    for query, wanted in [
        ("עִבְרִית", "r-he"),
        ("עברית", "r-he"),
        ("العَرَبِيَّة", "r-ar"),
        ("العربية", "r-ar"),
        ("cooperation", "r-fr"),
        ("COOPÉRATION", "r-fr"),
        ("हिन्दी", "r-hi"),
    ]:
        page.goto(base + "search.html?q=" + query)
        page.wait_for_selector("body[data-search-ready]")
        hrefs = page.locator("#search-results li a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert f"resolutions/{wanted}.html" in hrefs, (query, hrefs)
    assert page.problems == []
