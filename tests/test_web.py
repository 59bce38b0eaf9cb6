"""The analyst's web app in a real browser: Debian's Chromium driven by Playwright.

A real server (the HTTP API with the web app mounted, under uvicorn on a free loopback
port) serves a SQLite store loaded with examples/, an article about North Korea and Iran
(so the PRK–IRN dyad has events) and an article whose text and title are markup.
Every page is screenshotted into the test's tmp folder, and into ``DOSSIER_SCREENSHOTS``
when that names a folder.

Needs ``playwright`` (the dev extra), ``/usr/bin/chromium`` (``scripts/chromium.sh``
installs it; ``DOSSIER_CHROMIUM`` names another) and the built bundle
(``scripts/build_web.sh``). Without them the tests skip locally and fail under CI.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
SHOTS_ENV = "DOSSIER_SCREENSHOTS"

PRK_IRN = """\
North Korea and Iran Deepen Missile Ties, Seoul Says

SEOUL, March 4, 2024 (Dossier Wire) — North Korea sent a delegation of missile engineers \
to Tehran in January, South Korea's spy agency said on Monday. North Korea also shipped \
ballistic missile parts to Iran last year, the agency said.

Iranian defense officials signed a military cooperation agreement with North Korea in \
late 2023, according to the agency. The two countries held talks on satellite launches \
in February.

The United States imposed sanctions on three Iranian companies on Friday and accused Iran \
and North Korea of sharing ballistic missile technology.

"We have never sold weapons to Iran," a North Korean foreign ministry spokesman told the \
state news agency KCNA. Pyongyang has denied sending missiles to Iran.
"""

XSS_TITLE = 'Markup in a headline <img src=x onerror="window.__xss=1;alert(1)">'
XSS_TEXT = """\
Japan protested to China over a naval drill near the Senkaku Islands on Tuesday, \
Tokyo said. <script>window.__xss=1;alert(1)</script>

The statement quoted an official: "<img src=x onerror=alert(1)> is not a policy." \
China rejected the protest on Wednesday. <b onmouseover=alert(1)>bold</b>
"""
XSS_ID = "markup-test"

ADDED_TEXT = """\
Brazil and Argentina Sign Lithium Accord

BRASILIA, May 6, 2024 (Dossier Wire) — Brazil and Argentina signed an agreement on \
lithium mining on Monday, the two governments said, pledging joint investment in \
quetzalcoatlite processing plants.
"""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    """Skip locally; under CI the browser tests must run, so fail."""
    if _in_ci():
        pytest.fail(f"{reason} (CI must run the browser tests)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def web_ready():
    """The API and the built bundle, or a skip (a failure under CI) naming what is missing."""
    try:
        from dossier.api import create_app  # noqa: F401
    except ImportError as exc:
        _unavailable(f"the HTTP API (dossier.api.create_app) is not importable yet: {exc}")
    from dossier.web import bundle_missing

    missing = bundle_missing()
    if missing:
        _unavailable(f"the web bundle is not built ({', '.join(missing)} missing): run scripts/build_web.sh")


@pytest.fixture(scope="module")
def web_store_url(web_ready, tmp_path_factory) -> str:
    from dossier.ingest import read_inputs
    from dossier.ingest.records import record_from_text
    from dossier.pipeline import ingest_records
    from dossier.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('web-store') / 'web.db'}"
    records = [
        *read_inputs([str(EXAMPLES)]),
        record_from_text(PRK_IRN, id="prk-irn-missiles"),
        record_from_text(XSS_TEXT, id=XSS_ID, title=XSS_TITLE, published="2024-05-02", outlet="<i>Test</i> Wire"),
    ]
    with Store(url) as store:
        outcomes = list(ingest_records(records, store))
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return url


def _app(url: str, token: str | None = None):
    from dossier.api import create_app
    from dossier.web import mount_web

    app = create_app(url, token=token)
    if not any(getattr(route, "path", None) == "/app/" for route in app.routes):
        mount_web(app)  # until create_app mounts it itself
    return app


@contextmanager
def _serve(app):
    """Serve ``app`` with uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(web_store_url):
    with _serve(_app(web_store_url)) as url:
        yield url


@pytest.fixture(scope="module")
def browser(web_ready):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[dev]'")
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} not found: scripts/chromium.sh installs Debian's chromium")

    playwright = sync_playwright().start()
    try:
        # --no-sandbox: Chromium's sandbox refuses to run as root, as tests on CI do.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
    except Exception as exc:  # noqa: BLE001 - any launch failure means no browser
        playwright.stop()
        _unavailable(f"cannot launch {CHROMIUM}: {exc}")
    yield browser
    browser.close()
    playwright.stop()


class Watch:
    """What a page did that it must not: dialogs, page errors, CSP violations, failed requests."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.console.append(msg.text))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self) -> None:
        assert not self.dialogs, f"a dialog opened: {self.dialogs}"
        assert not self.errors, f"script errors: {self.errors}"
        csp = [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]
        assert not csp, f"CSP violations: {csp}"


@pytest.fixture
def page(browser, server, request, tmp_path):
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    watch = Watch(page)
    page.watch = watch
    page.shots = _shot_dirs(tmp_path)
    yield page
    context.close()


def _shot_dirs(tmp_path: Path) -> list[Path]:
    dirs = [tmp_path / "screenshots"]
    extra = os.environ.get(SHOTS_ENV, "").strip()
    if extra:
        dirs.append(Path(extra))
    for folder in dirs:
        folder.mkdir(parents=True, exist_ok=True)
    return dirs


def shoot(page, name: str) -> None:
    first = page.shots[0] / f"{name}.png"
    page.screenshot(path=str(first), full_page=True)
    for folder in page.shots[1:]:
        shutil.copyfile(first, folder / f"{name}.png")


def visit(page, hash_route: str, name: str):
    """Open a route and wait until its view has rendered."""
    page.goto(f"/app/{hash_route}")
    return wait_view(page, name)


def wait_view(page, name: str):
    page.wait_for_selector(f'#view[aria-busy="false"][data-page="{name}"]')
    return page.locator("#view")


# -- the server side -----------------------------------------------------------------------


def test_page_is_served_with_a_strict_csp(server):
    import httpx

    with httpx.Client(base_url=server) as client:
        root = client.get("/", follow_redirects=False)
        assert root.status_code in (301, 302, 307, 308) and root.headers["location"].endswith("/app/")
        page = client.get("/app/")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert client.get("/app/dyad/PRK/IRN").status_code == 200
        script = client.get(re.search(r'src="(/static/app\.js[^"]*)"', page.text).group(1))
        assert script.status_code == 200 and "javascript" in script.headers["content-type"]
        assert client.get("/static/app.css").status_code == 200
        assert client.get("/stats").json()["documents"] >= 10


# -- the pages ------------------------------------------------------------------------------


def test_home_and_search(page):
    view = visit(page, "#/", "search")
    assert view.locator("table.documents tbody tr").count() >= 10
    shoot(page, "01-home")
    page.fill('input[name="q"]', "sanctions")
    page.press('input[name="q"]', "Enter")
    page.wait_for_url(re.compile(r"#/search\?q=sanctions"))
    view = wait_view(page, "search")
    hits = view.locator("li.hit")
    hits.nth(1).wait_for()  # the hits arrive after the view is drawn
    assert hits.count() >= 2
    assert view.locator(".snippet mark").count() >= 1
    assert "sanction" in view.locator(".snippet mark").first.inner_text().lower()
    shoot(page, "02-search")
    page.watch.check()


def test_reader_highlights_and_event_detail(page):
    visit(page, "#/search?q=missile%20engineers", "search")
    page.locator("a.hit-title", has_text="North Korea and Iran").click()
    view = wait_view(page, "doc")
    assert "North Korea and Iran Deepen Missile Ties" in view.locator("h1").inner_text()
    text = view.locator("#doc-text")
    assert "SEOUL, March 4, 2024" in text.inner_text()
    for kind in ("actor", "event", "quote", "time"):
        assert text.locator(f".hl-{kind}").count() >= 1, kind
    assert text.locator(".hl-actor", has_text="North Korea").count() >= 1
    assert text.locator(".hl-time", has_text="January").count() >= 1
    # Clicking an event shows its type, sides, status, speaker and date.
    trigger = text.locator(".hl-event", has_text="sent").first
    trigger.click()
    card = page.locator("#detail .event-card")
    card.wait_for()
    detail = card.inner_text()
    assert "Source" in detail and "North Korea" in detail
    assert "Target" in detail and "Status" in detail and "Who says so" in detail and "Date" in detail
    assert "January" in detail
    assert text.locator(".selected").count() >= 1 and text.locator(".in-sentence").count() >= 1
    shoot(page, "03-reader")
    page.watch.check()


def test_dyad_page_has_events_and_chart(page):
    view = visit(page, "#/dyad/PRK/IRN", "dyad")
    rows = view.locator("table.dyad-events tbody tr")
    assert rows.count() >= 2
    table_text = view.locator("table.dyad-events").inner_text()
    assert "PRK" in table_text and "IRN" in table_text
    assert view.locator("table.dyad-events .badge").count() >= 2
    assert view.locator("table.dyad-events .evidence mark.trigger").count() >= 1
    canvas = view.locator("canvas#dyad-chart")
    assert canvas.count() == 1
    box = canvas.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150
    # The chart has drawn: its canvas is not blank.
    painted = page.evaluate(
        """() => { const c = document.querySelector('#dyad-chart');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; }"""
    )
    assert painted > 1000
    shoot(page, "04-dyad-PRK-IRN")
    # An evidence link opens the document at that event.
    view.locator("table.dyad-events .evidence .meta a").first.click()
    wait_view(page, "doc")
    assert page.locator("#doc-text .selected").count() >= 1
    page.watch.check()


def test_actor_page(page):
    view = visit(page, "#/actors?q=iran", "actors")
    view.locator("table.actors a", has_text="Iran").first.click()
    view = wait_view(page, "actor")
    assert view.locator("h1").inner_text() == "Iran"
    relations = view.locator("#relations")
    assert relations.locator("a", has_text="North Korea").count() >= 1
    assert view.locator("#actor-events table.events tbody tr").count() >= 2
    assert view.locator("#quotes").count() == 1
    shoot(page, "05-actor-IRN")
    # A person: roles over time, quotes, relations from the person's own events.
    visit(page, "#/actors?kind=person&q=farhadi", "actors")
    page.locator("table.actors a", has_text="Reza Farhadi").click()
    view = wait_view(page, "actor")
    assert "Deputy Foreign Minister" in view.locator("section", has_text="Roles over time").inner_text()
    assert view.locator("#quotes blockquote").count() >= 1
    assert "nothing to hide" in view.locator("#quotes").inner_text()
    assert view.locator("#relations table tbody tr").count() >= 1
    shoot(page, "05b-actor-person")
    page.watch.check()


def test_network_view(page):
    view = visit(page, "#/network", "network")
    box = view.locator("#network")
    box.locator("canvas").first.wait_for()
    count = page.evaluate("() => document.querySelector('#network').dossierGraph.nodes().length")
    assert count >= 5
    shoot(page, "06-network")
    # Clicking a node opens its actor page.
    page.evaluate("() => document.querySelector('#network').dossierGraph.getElementById('PRK').emit('tap')")
    view = wait_view(page, "actor")
    assert view.locator("h1").inner_text() == "North Korea"
    page.watch.check()


def test_contradictions_view(page):
    view = visit(page, "#/contradictions", "contradictions")
    items = view.locator("section.contradiction")
    assert items.count() >= 1
    first = items.first
    assert first.locator(".claim-side").count() == 2
    assert first.locator(".claim-side.status-denied").count() == 1
    shoot(page, "07-contradictions")
    page.watch.check()


def test_add_article_then_find_it(page):
    view = visit(page, "#/add", "add")
    shoot(page, "08-add-empty")
    page.fill('textarea[name="text"]', ADDED_TEXT)
    # A quick server shows the progress for a moment only: record that it was shown at all.
    page.evaluate(
        """() => { const el = document.querySelector('#add-progress'); window.progressShown = false;
        new MutationObserver(() => { if (!el.hidden) window.progressShown = true; })
          .observe(el, { attributes: true, attributeFilter: ['hidden'] }); }"""
    )
    page.click('form.add-form button[type="submit"]')
    added = page.locator("#add-results ul.added li.item-stored a")
    added.wait_for(timeout=120_000)
    assert page.evaluate("window.progressShown")
    assert "Brazil and Argentina Sign Lithium Accord" in added.inner_text()
    shoot(page, "09-add-done")
    added.click()
    wait_view(page, "doc")
    visit(page, "#/search?q=quetzalcoatlite", "search")
    hits = page.locator("li.hit")
    assert hits.count() == 1 and "Lithium Accord" in hits.inner_text()
    page.watch.check()
    del view


def test_add_files_jsonl(page, tmp_path):
    jsonl = tmp_path / "two.jsonl"
    jsonl.write_text(
        '{"id": "jsonl-1", "title": "Chile and Peru hold border talks", "published": "2024-02-01", '
        '"text": "Chile and Peru held talks on their maritime border on Monday, officials said."}\n'
        '{"id": "jsonl-2", "title": "Norway sends aid to Sudan", "published": "2024-02-02", '
        '"text": "Norway sent humanitarian aid to Sudan on Tuesday, the foreign ministry said."}\n',
        encoding="utf-8",
    )
    visit(page, "#/add", "add")
    page.set_input_files('input[name="files"]', str(jsonl))
    page.click('form.add-form button[type="submit"]')
    links = page.locator("#add-results ul.added li a")
    links.first.wait_for(timeout=120_000)
    assert links.count() == 2
    assert page.locator("#add-results .summary").inner_text().startswith("2 stored")
    page.watch.check()


def test_add_asks_for_the_token_the_server_asks_for(browser, web_store_url, tmp_path):
    """With a token set, reads on loopback stay open; a write needs the token typed in."""
    with _serve(_app(web_store_url, token="s3cret")) as url:
        context = browser.new_context(base_url=url)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.watch = Watch(page)
        page.shots = _shot_dirs(tmp_path)
        try:
            visit(page, "#/add", "add")
            page.fill('textarea[name="text"]', "Peru and Chile held talks on fishing rights on Monday, officials said.")
            page.click('form.add-form button[type="submit"]')
            error = page.locator("#add-results .message.error")
            error.wait_for()
            assert "token" in error.inner_text()
            page.fill('input[name="token"]', "s3cret")
            page.click('form.add-form button[type="submit"]')
            page.locator("#add-results ul.added li a").wait_for(timeout=120_000)
            assert page.locator("#add-results .summary").inner_text() in ("1 stored", "1 unchanged", "1 updated")
            page.watch.check()
        finally:
            context.close()


def test_markup_in_articles_is_text(page):
    """An article whose text and title are HTML: nothing runs, the markup shows as text."""
    page.add_init_script("window.__xss = 0;")
    view = visit(page, "#/search?q=senkaku", "search")
    hit = view.locator("li.hit").first
    assert "<img src=x" in hit.locator("a.hit-title").inner_text()
    shoot(page, "10-xss-search")
    visit(page, f"#/doc/{XSS_ID}", "doc")
    text = page.locator("#doc-text").inner_text()
    assert "<script>window.__xss=1;alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "<img src=x onerror" in page.locator("h1").inner_text()
    assert "<i>Test</i> Wire" in page.locator("#view .meta").first.inner_text()
    assert page.locator("#view img, #view script, #view b, #view i").count() == 0
    page.locator("#doc-text .hl-event").first.click()
    page.mouse.move(5, 5)
    for route in ("#/actors?q=%3Cimg", "#/network", "#/contradictions"):
        visit(page, route, route[2:].split("?")[0])
    page.goto(f"/app/#/doc/{XSS_ID}")
    wait_view(page, "doc")
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert page.evaluate("() => window.__xss") == 0
    shoot(page, "11-xss-reader")
    page.watch.check()
