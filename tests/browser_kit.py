"""Headless Chromium for dashboard tests: the browser fixture and small waiting helpers."""
from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from tests.harness import ROOT, wait_until

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMEDRIVER = "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver")
needs_chromium = pytest.mark.skipif(not Path(CHROMEDRIVER).exists() or not shutil.which("chromium"),
                                    reason="chromium and chromium-driver are not installed (bin/system-deps installs them)")


@pytest.fixture
def browser(tmp_path):
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def find(driver, css: str, timeout: float = 10):
    from selenium.common.exceptions import NoSuchElementException

    def present():
        try:
            return driver.find_element("css selector", css)
        except NoSuchElementException:
            return None

    element = wait_until(present, timeout)
    assert element, f"{css} did not appear"
    return element


def retry_stale(action):
    """Run a browser action again if the live queue re-rendered the element in between."""
    from selenium.common.exceptions import StaleElementReferenceException

    for _ in range(5):
        try:
            return action()
        except StaleElementReferenceException:
            continue
    return action()


def text(driver, css: str) -> str:
    return retry_stale(lambda: find(driver, css).text)


def live(driver) -> None:
    assert wait_until(lambda: driver.execute_script("return document.body.dataset.live === '1'"), 10), "no live connection"


@contextmanager
def serving(app, port: int) -> Iterator[str]:
    """Serve a Flask app over HTTP on 127.0.0.1 in a background thread; yields its base URL."""
    from werkzeug.serving import make_server

    httpd = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()


def sign_in_to_empty_queue(driver, username: str, password: str) -> None:
    """Fill in the sign-in form, wait for the live (empty) queue, and mark the page to detect reloads."""
    find(driver, "#username").send_keys(username)
    find(driver, "#password").send_keys(password)
    find(driver, "#login").click()
    find(driver, "tr.empty")
    live(driver)
    driver.execute_script("window.notReloaded = true")
