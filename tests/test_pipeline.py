"""The whole pipeline: signed webhook -> Redis -> worker processes -> real Rasa -> Twilio stand-in."""
from __future__ import annotations

import json
import os
import random
import signal
import time

import pytest
import requests

from bot import contacts, keys, texts
from tests.conftest import SMS_NUMBER, WHATSAPP_NUMBER, post_signed, twilio_form
from tests.harness import Workers, wait_until
from tests.twilio_standin import Fault

pytestmark = pytest.mark.integration

USER = "+51987654321"
NOTICE = texts.text("privacy_notice", "es")


def answers(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """The messages other than the one-time privacy notice."""
    return [m for m in messages if m["body"] != NOTICE]


def _send(client, sid: str, body: str, sender: str = USER, **extra: str) -> None:
    to = WHATSAPP_NUMBER if sender.startswith("whatsapp:") else SMS_NUMBER
    response = post_signed(client, "/twilio/messages", twilio_form(MessageSid=sid, Body=body, From=sender, To=to, **extra))
    assert response.status_code == 200


def _quiet_for(twilio, count: int, seconds: float) -> bool:
    """True when the stand-in still holds exactly `count` messages after waiting."""
    time.sleep(seconds)
    return len(twilio.messages) == count


def test_sms_gets_a_reply_through_twilio(live_client, workers, twilio):
    workers.start(1)
    _send(live_client, "SM" + "1" * 32, "hola")

    reply, notice = twilio.wait_for(2)
    assert notice["body"] == NOTICE
    assert reply["to"] == USER
    assert reply["from"] == SMS_NUMBER
    assert reply["body"].strip()
    assert "*" not in reply["body"]
    assert reply["status_callback"].startswith("https://chamba.example.org/twilio/status?r=")


def test_whatsapp_gets_a_reply_from_the_whatsapp_sender(live_client, workers, twilio):
    workers.start(1)
    _send(live_client, "SM" + "2" * 32, "hola", sender="whatsapp:+51911111111")

    reply, _ = twilio.wait_for(2)
    assert reply["to"] == "whatsapp:+51911111111"
    assert reply["from"] == WHATSAPP_NUMBER


def test_rasa_never_sees_the_phone_number(live_client, workers, twilio, r, live_env):
    workers.start(1)
    _send(live_client, "SM" + "3" * 32, "hola")
    twilio.wait_for(1)

    pid = contacts.pseudonym(live_env["PSEUDONYM_KEY"], USER)
    tracker_keys = r.keys(keys.RASA_TRACKER_PREFIX + "*")
    assert tracker_keys == [keys.RASA_TRACKER_PREFIX + pid]
    assert "987654321" not in r.get(tracker_keys[0])


def test_same_message_sid_three_times_gets_one_reply(live_client, workers, twilio):
    workers.start(2)
    for _ in range(3):
        _send(live_client, "SM" + "4" * 32, "hola")

    assert len(answers(twilio.wait_for(2))) == 1
    assert _quiet_for(twilio, 2, 3)


def test_forged_signature_sends_nothing(live_client, workers, twilio):
    workers.start(1)
    form = twilio_form(MessageSid="SM" + "5" * 32, Body="hola")

    assert post_signed(live_client, "/twilio/messages", form, signature="forged").status_code == 403
    assert _quiet_for(twilio, 0, 3)


def test_opted_out_contact_is_sent_nothing_until_they_opt_back_in(live_client, workers, twilio, r, live_env):
    workers.start(1)
    _send(live_client, "SM" + "6" * 31 + "0", "BAJA")
    [confirmation] = twilio.wait_for(1)
    assert "ALTA" in confirmation["body"]
    pid = contacts.pseudonym(live_env["PSEUDONYM_KEY"], USER)
    assert wait_until(lambda: contacts.is_opted_out(r, pid), 5)

    _send(live_client, "SM" + "6" * 31 + "1", "hola")
    assert _quiet_for(twilio, 1, 3)

    _send(live_client, "SM" + "6" * 31 + "2", "ALTA")
    assert len(twilio.wait_for(2)) == 2


def test_twilio_500s_and_timeouts_are_retried_until_delivered(live_client, workers, twilio, r):
    twilio.faults.extend([Fault(status=500), Fault(status=503, delay=1.5), Fault(status=429, code=20429)])
    workers.start(1)
    _send(live_client, "SM" + "7" * 32, "hola")

    assert len(answers(twilio.wait_for(2, timeout=30))) == 1
    assert twilio.attempts == 5
    assert r.llen(keys.DEAD_LETTER) == 0


def test_a_reply_twilio_keeps_refusing_goes_to_the_dead_letter_list(live_client, workers, twilio, r):
    twilio.faults.extend([Fault(status=500)] * 10)
    workers.start(1)
    _send(live_client, "SM" + "8" * 32, "hola")

    assert wait_until(lambda: r.llen(keys.DEAD_LETTER), 30)
    record = json.loads(r.lindex(keys.DEAD_LETTER, 0))
    assert record["ref"].startswith("SM" + "8" * 32)
    assert record["body"]
    assert USER not in json.dumps(record)


def test_burst_of_twenty_from_one_contact_with_two_workers_is_answered_in_order(live_client, workers, twilio, r, live_env):
    workers.start(2)
    rng = random.Random(7)
    words = [rng.choice(["hola", "chau"]) for _ in range(20)]
    for index, word in enumerate(words):
        _send(live_client, f"SM{index:032d}", word)

    replies = answers(twilio.wait_for(21, timeout=90))
    assert len(replies) == 20
    greeting = next(reply["body"] for reply, word in zip(replies, words) if word == "hola")
    goodbye = next(reply["body"] for reply, word in zip(replies, words) if word == "chau")
    assert greeting != goodbye
    assert [greeting if word == "hola" else goodbye for word in words] == [reply["body"] for reply in replies]
    pid = contacts.pseudonym(live_env["PSEUDONYM_KEY"], USER)
    events = requests.get(f"{live_env['RASA_URL']}/conversations/{pid}/tracker", timeout=10).json()["events"]
    assert [e["text"] for e in events if e["event"] == "user"] == words
    assert all(e["input_channel"] == "sms" for e in events if e["event"] == "user")


def test_worker_killed_mid_message_gives_exactly_one_reply(live_client, workers, twilio, r, rasa_stack):
    [first] = workers.start(1)
    os.killpg(rasa_stack.rasa.pid, signal.SIGSTOP)  # the worker's call to Rasa hangs
    try:
        _send(live_client, "SM" + "9" * 32, "hola")
        assert wait_until(lambda: r.hget(keys.message("SM" + "9" * 32), "rasa_started_at"), 10)
        first.kill()
        first.wait()
    finally:
        os.killpg(rasa_stack.rasa.pid, signal.SIGCONT)
    workers.start(1)

    assert len(answers(twilio.wait_for(2, timeout=30))) == 1
    assert _quiet_for(twilio, 2, 4)


def test_simulator_chat_goes_through_queue_worker_and_rasa(live_client, workers, twilio):
    workers.start(1)
    assert live_client.get("/simulator").status_code == 200
    assert live_client.post("/simulator/messages", json={"text": "hola"}).status_code == 202

    reply = wait_until(lambda: live_client.get("/simulator/messages?after=0").get_json()["messages"], 30)
    assert reply and reply[0]["text"]
    assert twilio.messages == []


def test_rasa_down_gives_one_holding_reply_then_the_answer_when_it_is_back(live_env, r, twilio, rasa_stack, tmp_path):
    from bot.config import load_config
    from bot.web import create_app

    env = {**live_env, "HOLDING_REPLY_SECONDS": "3"}
    client = create_app(load_config(env)).test_client()
    pool = Workers(env, tmp_path)
    pool.start(1)
    rasa_stack.stop_rasa()
    try:
        _send(client, "SM" + "c" * 32, "hola")
        _send(client, "SM" + "d" * 32, "chau")
        [holding] = twilio.wait_for(1, timeout=15)
        assert "105" in holding["body"] and "1818" in holding["body"]
        assert _quiet_for(twilio, 1, 3)
    finally:
        rasa_stack.start_rasa()
    try:
        replies = answers(twilio.wait_for(4, timeout=60))
        assert len(replies) == 3
        assert replies[1]["body"] != replies[2]["body"]
        assert _quiet_for(twilio, 4, 2)
    finally:
        pool.stop()


def test_worker_logs_name_neither_the_sender_nor_what_they_wrote(live_client, workers, twilio):
    workers.start(1)
    _send(live_client, "SM" + "e" * 32, "me llamo Rosa Quispe y tengo 15 años")
    _send(live_client, "SM" + "f" * 32, "STOP")
    twilio.wait_for(3)
    time.sleep(0.5)

    logs = workers.log_text()
    assert "987654321" not in logs
    assert "Quispe" not in logs
