"""The dashboard in real headless Chromium: sign in, a live urgent case, claim, reply, a live message, close."""
from __future__ import annotations

import json
import time

import pytest

from bot import cases, keys, staff
from bot.config import load_config
from bot.web import create_app
from tests.browser_kit import SCREENSHOTS, browser, find, live, needs_chromium, retry_stale, serving, sign_in_to_empty_queue, text  # noqa: F401
from tests.harness import free_port, wait_until

PASSWORD = "correct horse battery"
PID = "c" + "3" * 32

pytestmark = needs_chromium


@pytest.fixture
def server(env, r, monkeypatch):
    """The web app served over HTTP on a free port."""
    monkeypatch.setattr(staff, "PASSWORD_METHOD", "scrypt:1024:8:1")
    port = free_port()
    app = create_app(load_config({**env, "PUBLIC_URL": f"http://127.0.0.1:{port}", "PORT": str(port)}))
    app.config["STAFF_SSE_SECONDS"] = 30
    with serving(app, port) as url:
        yield url


def test_staff_member_takes_an_urgent_case_live_replies_and_hands_back(server, browser, r):
    staff.create(r, "ana", "agent", PASSWORD)
    r.hset(keys.contact(PID), mapping={"address": "whatsapp:+51987654321", "channel": "whatsapp", "language": "es",
                                       "last_inbound_at": repr(time.time() - 3600)})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    browser.get(server + "/staff/")
    assert "/staff/login" in browser.current_url
    sign_in_to_empty_queue(browser, "ana", PASSWORD)

    case = cases.escalate(r, PID, channel="whatsapp", priority="urgent", reason="danger_now")
    cases.append_message(r, case["id"], direction="in", author="contact", text="me quieren llevar a otra ciudad")
    row = f"tr[data-case='{case['id']}']"
    assert "+51 9•• ••• 321" in text(browser, row)
    assert wait_until(lambda: browser.find_element("id", "alert").is_displayed(), 5)
    assert case["id"] in browser.find_element("id", "alert").text
    assert browser.execute_script("return window.notReloaded === true")
    assert "987654321" not in browser.page_source
    browser.save_screenshot(str(SCREENSHOTS / "queue.png"))

    retry_stale(lambda: find(browser, row + " button.claim").click())
    find(browser, "#transcript li.msg.in")
    assert cases.get(r, case["id"])["assignee"] == "ana"
    assert not browser.find_elements("id", "reveal")  # agents cannot reveal numbers
    find(browser, "button.snippet").click()
    assert "Chamba Segura" in browser.find_element("id", "reply-text").get_attribute("value")
    browser.find_element("id", "reply-text").clear()
    browser.find_element("id", "reply-text").send_keys("Hola, soy Ana. ¿Estás en un lugar seguro?")
    browser.find_element("id", "send-reply").click()
    assert wait_until(lambda: "Respuesta en cola" in text(browser, "body"), 10)
    job = r.hgetall(keys.message(r.lindex(keys.inbox(PID), 0)))
    assert job["kind"] == "staff" and job["author"] == "staff:ana" and job["channel"] == "whatsapp"
    assert json.loads(job["replies"]) == ["Hola, soy Ana. ¿Estás en un lugar seguro?"]

    live(browser)
    browser.execute_script("window.notReloaded = true")
    cases.append_message(r, case["id"], direction="out", author="staff:ana", text="Hola, soy Ana. ¿Estás en un lugar seguro?")
    cases.append_message(r, case["id"], direction="in", author="contact", text="sí, estoy en casa de mi tía")
    assert wait_until(lambda: "estoy en casa de mi tía" in browser.find_element("id", "transcript").text, 10)
    assert browser.execute_script("return window.notReloaded === true")
    browser.save_screenshot(str(SCREENSHOTS / "case.png"))

    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "outcome")).select_by_value("safe_no_action")
    browser.find_element("id", "close").click()
    assert wait_until(lambda: "vuelve al asistente" in text(browser, "body"), 10)
    assert cases.get(r, case["id"])["status"] == "closed" and cases.active_case(r, PID) is None
    back = r.hgetall(keys.message(r.lrange(keys.inbox(PID), 0, -1)[-1]))
    assert back["kind"] == "system" and "asistente" in back["replies"]
