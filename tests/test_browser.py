"""The dashboard in real headless Chromium: sign in, a live urgent case, claim, reply, a live message, close."""
from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from bot import cases, keys, staff
from bot.config import load_config
from bot.web import create_app
from tests.harness import ROOT, free_port, wait_until

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMEDRIVER = "/usr/bin/chromedriver"
PASSWORD = "correct horse battery"
PID = "c" + "3" * 32

webdriver = pytest.importorskip("selenium.webdriver")
pytestmark = pytest.mark.skipif(not Path(CHROMEDRIVER).exists() or not shutil.which("chromium"),
                                reason="chromium and chromium-driver are not installed (bin/system-deps installs them)")


@pytest.fixture
def server(env, r, monkeypatch):
    """The web app served over HTTP by a threaded werkzeug server on a free port."""
    monkeypatch.setattr(staff, "PASSWORD_METHOD", "scrypt:1024:8:1")
    port = free_port()
    app = create_app(load_config({**env, "PUBLIC_URL": f"http://127.0.0.1:{port}", "PORT": str(port)}))
    app.config["STAFF_SSE_SECONDS"] = 30
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


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


def _find(driver, css: str, timeout: float = 10):
    from selenium.common.exceptions import NoSuchElementException

    def present():
        try:
            return driver.find_element("css selector", css)
        except NoSuchElementException:
            return None

    element = wait_until(present, timeout)
    assert element, f"{css} did not appear"
    return element


def _retry_stale(action):
    """Run a browser action again if the live queue re-rendered the element in between."""
    from selenium.common.exceptions import StaleElementReferenceException

    for _ in range(5):
        try:
            return action()
        except StaleElementReferenceException:
            continue
    return action()


def _text(driver, css: str) -> str:
    return _retry_stale(lambda: _find(driver, css).text)


def _live(driver) -> None:
    assert wait_until(lambda: driver.execute_script("return document.body.dataset.live === '1'"), 10), "no live connection"


def test_staff_member_takes_an_urgent_case_live_replies_and_hands_back(server, browser, r):
    staff.create(r, "ana", "agent", PASSWORD)
    r.hset(keys.contact(PID), mapping={"address": "whatsapp:+51987654321", "channel": "whatsapp", "language": "es",
                                       "last_inbound_at": repr(time.time() - 3600)})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    browser.get(server + "/staff/")
    assert "/staff/login" in browser.current_url
    _find(browser, "#username").send_keys("ana")
    _find(browser, "#password").send_keys(PASSWORD)
    _find(browser, "#login").click()
    _find(browser, "tr.empty")
    _live(browser)
    browser.execute_script("window.notReloaded = true")

    case = cases.escalate(r, PID, channel="whatsapp", priority="urgent", reason="danger_now")
    cases.append_message(r, case["id"], direction="in", author="contact", text="me quieren llevar a otra ciudad")
    row = f"tr[data-case='{case['id']}']"
    assert "+51 9•• ••• 321" in _text(browser, row)
    assert wait_until(lambda: browser.find_element("id", "alert").is_displayed(), 5)
    assert case["id"] in browser.find_element("id", "alert").text
    assert browser.execute_script("return window.notReloaded === true")
    assert "987654321" not in browser.page_source
    browser.save_screenshot(str(SCREENSHOTS / "queue.png"))

    _retry_stale(lambda: _find(browser, row + " button.claim").click())
    _find(browser, "#transcript li.msg.in")
    assert cases.get(r, case["id"])["assignee"] == "ana"
    assert not browser.find_elements("id", "reveal")  # agents cannot reveal numbers
    _find(browser, "button.snippet").click()
    assert "Chamba Segura" in browser.find_element("id", "reply-text").get_attribute("value")
    browser.find_element("id", "reply-text").clear()
    browser.find_element("id", "reply-text").send_keys("Hola, soy Ana. ¿Estás en un lugar seguro?")
    browser.find_element("id", "send-reply").click()
    assert wait_until(lambda: "Respuesta en cola" in _text(browser, "body"), 10)
    job = r.hgetall(keys.message(r.lindex(keys.inbox(PID), 0)))
    assert job["kind"] == "staff" and job["author"] == "staff:ana" and job["channel"] == "whatsapp"
    assert json.loads(job["replies"]) == ["Hola, soy Ana. ¿Estás en un lugar seguro?"]

    _live(browser)
    browser.execute_script("window.notReloaded = true")
    cases.append_message(r, case["id"], direction="out", author="staff:ana", text="Hola, soy Ana. ¿Estás en un lugar seguro?")
    cases.append_message(r, case["id"], direction="in", author="contact", text="sí, estoy en casa de mi tía")
    assert wait_until(lambda: "estoy en casa de mi tía" in browser.find_element("id", "transcript").text, 10)
    assert browser.execute_script("return window.notReloaded === true")
    browser.save_screenshot(str(SCREENSHOTS / "case.png"))

    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "outcome")).select_by_value("safe_no_action")
    browser.find_element("id", "close").click()
    assert wait_until(lambda: "vuelve al asistente" in _text(browser, "body"), 10)
    assert cases.get(r, case["id"])["status"] == "closed" and cases.active_case(r, PID) is None
    back = r.hgetall(keys.message(r.lrange(keys.inbox(PID), 0, -1)[-1]))
    assert back["kind"] == "system" and "asistente" in back["replies"]
