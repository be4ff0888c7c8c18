"""Escalation end to end: a signed danger message, the real Rasa and worker, and a staff member in headless Chromium."""
from __future__ import annotations

import time

import pytest
import requests
from selenium.webdriver.support.ui import Select

from bot import cases, contacts, staff
from bot.config import load_config
from bot.web import create_app
from tests.browser_kit import SCREENSHOTS, browser, find, live, needs_chromium, retry_stale, serving, sign_in_to_empty_queue, text  # noqa: F401
from tests.conftest import WHATSAPP_NUMBER, sign, twilio_form
from tests.harness import free_port, wait_until

pytestmark = [pytest.mark.integration, needs_chromium]

USER = "whatsapp:+51987654321"
PASSWORD = "correct horse battery"


@pytest.fixture
def live_server(live_env, r, monkeypatch):
    """The web app over HTTP, talking to the real Rasa; Twilio signs for its URL."""
    monkeypatch.setattr(staff, "PASSWORD_METHOD", "scrypt:1024:8:1")
    port = free_port()
    env = {**live_env, "PUBLIC_URL": f"http://127.0.0.1:{port}", "PORT": str(port)}
    app = create_app(load_config(env))
    app.config["STAFF_SSE_SECONDS"] = 60
    with serving(app, port) as url:
        yield url


def _text_in(url: str, sid: str, body: str) -> None:
    form = twilio_form(MessageSid=sid, From=USER, To=WHATSAPP_NUMBER, Body=body)
    signature = sign(f"{url}/twilio/messages", form)
    response = requests.post(f"{url}/twilio/messages", data=form, headers={"X-Twilio-Signature": signature}, timeout=10)
    assert response.status_code == 200


def test_danger_message_reaches_staff_live_who_answer_and_hand_back(live_server, browser, r, twilio, workers, live_env):
    workers.start(1)
    staff.create(r, "ana", "agent", PASSWORD)
    browser.get(live_server + "/staff/login")
    sign_in_to_empty_queue(browser, "ana", PASSWORD)

    _text_in(live_server, "SM" + "1" * 32, "me quitaron mi DNI y no me dejan salir")

    emergency = twilio.wait_for(1, timeout=30)[0]
    assert "105" in emergency["body"] and "1818" in emergency["body"]
    pid = contacts.pseudonym(live_env["PSEUDONYM_KEY"], USER)
    case = wait_until(lambda: cases.active_case(r, pid), 10)
    assert case and case["priority"] == "urgent"
    row = f"tr[data-case='{case['id']}']"
    assert "+51 9•• ••• 321" in text(browser, row)
    assert browser.execute_script("return window.notReloaded === true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "e2e-queue.png"))

    retry_stale(lambda: find(browser, row + " button.claim").click())
    find(browser, "#transcript li.msg.in")
    browser.find_element("id", "reply-text").send_keys("Hola, soy Ana. ¿Dónde estás ahora?")
    browser.find_element("id", "send-reply").click()
    sent = wait_until(lambda: [m for m in twilio.messages if m["body"] == "Hola, soy Ana. ¿Dónde estás ahora?"], 20)
    assert sent and sent[0]["to"] == USER

    live(browser)
    browser.execute_script("window.notReloaded = true")
    before = len(twilio.messages)
    _text_in(live_server, "SM" + "2" * 32, "estoy en el baño de un bar en Mazuko")
    assert wait_until(lambda: "Mazuko" in browser.find_element("id", "transcript").text, 20)
    assert browser.execute_script("return window.notReloaded === true")
    time.sleep(2)
    assert len(twilio.messages) == before, "the bot must stay quiet while staff have the case"
    browser.save_screenshot(str(SCREENSHOTS / "e2e-case.png"))

    Select(browser.find_element("id", "outcome")).select_by_value("referred_police")
    browser.find_element("id", "close").click()
    assert wait_until(lambda: len(twilio.messages) > before, 20), "closing tells the user"
    assert cases.active_case(r, pid) is None

    after_close = len(twilio.messages)
    _text_in(live_server, "SM" + "3" * 32, "hola")
    assert wait_until(lambda: len(twilio.messages) > after_close, 30), "the bot answers again after hand-back"
