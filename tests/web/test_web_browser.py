"""The app in real headless Chromium (Debian's /usr/bin/chromium driven by
Playwright; no browser is ever downloaded). Screenshots go to tests/artifacts/."""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package (the [dev] extra)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(seed_db, tmp_path_factory):
    import uvicorn

    from tabayyun.store import Store
    from tabayyun.web import create_app

    path = tmp_path_factory.mktemp("browser") / "b.db"
    shutil.copy(seed_db, path)
    store = Store.open(path)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1100, "height": 900}, locale="ar")
    pg = ctx.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, f"JavaScript errors: {errors}"


def shot(pg, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    pg.screenshot(path=str(path), full_page=False)
    print(f"screenshot: {path}")
    return path


def test_story_is_rtl_and_a_finding_opens_its_highlighted_source(server, page):
    page.goto(server + "/")
    page.locator(".story-row a").first.click()
    page.wait_for_url("**/stories/**")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # a dispute when the dossier has one, else any figure row
    link = page.locator('#disputes a[href^="#p-"]')
    if link.count() == 0:
        link = page.locator('#figures a[href^="#p-"]')
    link = link.first
    quoted = link.locator("mark").text_content().strip()
    target = link.get_attribute("href")[1:]
    link.click()
    hit = page.locator(f'[id="{target}"] mark.hit')
    hit.wait_for(state="visible")
    assert hit.text_content() == quoted
    assert hit.is_visible() and page.evaluate(f'document.getElementById("{target}").closest("details").open')
    assert shot(page, "story-finding").stat().st_size > 10_000


def test_search_finds_arabic_with_clitics(server, page):
    page.goto(server + "/search")
    page.fill('input[name="q"]', "وقرة باغ")
    page.click('form.search button[type="submit"]')
    page.wait_for_url("**/search?**")
    assert page.locator(".hit-row").count() >= 1
    assert page.locator(".hit-row mark").first.is_visible()
    shot(page, "search")


def test_upload_an_article_then_read_its_layers(server, page, tmp_path):
    f = tmp_path / "new.txt"
    f.write_text("قال المتحدث باسم وزارة الدفاع الأرمينية اليوم الخميس إن 15 جنديًا قتلوا في هجوم على مواقع في قره باغ، "
                 "فيما نفت باكو استهداف المدنيين.\n", encoding="utf-8")
    page.goto(server + "/upload")
    page.set_input_files('input[name="files"]', str(f))
    page.click('form.upload button[type="submit"]')
    result = page.locator("#upload-result")
    result.wait_for()
    assert "أُضيف 1" in result.text_content()
    page.locator("a.added").first.click()
    page.wait_for_url("**/articles/**")
    ann = page.locator(".ann.qty").first
    ann.click()
    tip = page.locator("#tip")
    assert tip.is_visible() and "15" in tip.text_content()
    shot(page, "article-layers")


def test_phone_width_has_no_sideways_scroll(server, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    pg = ctx.new_page()
    pg.goto(server + "/")
    pg.locator(".story-row a").first.click()
    pg.wait_for_url("**/stories/**")
    width = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    shot(pg, "story-phone")
    ctx.close()
    assert width <= 1
