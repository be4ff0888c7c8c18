"""The worker's decisions, against a real Redis, the Twilio stand-in and a small fake Rasa."""
from __future__ import annotations

import json
import time

import pytest

from bot import contacts, keys, queue
from bot.config import load_config
from bot.outbound import Sender
from bot.twilio_edge import make_client
from bot.worker import handle_next
from tests.fake_rasa import FakeRasa, Serving

USER = "+51987654321"


def _setup(env, r, rasa_url: str, **overrides: str) -> Sender:
    config = load_config({**env, "RASA_URL": rasa_url, **overrides})
    return Sender(config=config, redis=r, twilio=make_client(config), sleep=lambda seconds: None)


def _inbound(r, sender: Sender, msg_id: str, body: str, address: str = USER, channel: str = "sms", **fields: str) -> str:
    pid = contacts.pseudonym(sender.config.pseudonym_key, address)
    message = {"channel": channel, "body": body, "num_media": "0", "media": "[]",
               "received_at": repr(fields.pop("received_at", time.time())), **fields}
    queue.enqueue(r, msg_id, pid, message, contacts.details(address, channel, reply_from="+51900000001"))
    return pid


@pytest.fixture(scope="module")
def fake_rasa():
    serving = Serving(FakeRasa())
    yield serving
    serving.close()


@pytest.fixture
def fake(env, r, fake_rasa):
    """A fresh fake Rasa script and a Sender wired to it."""
    fake_rasa.fake.answers.clear()
    fake_rasa.fake.trackers.clear()
    fake_rasa.fake.received.clear()
    return fake_rasa.fake, _setup(env, r, fake_rasa.url)


def test_reply_goes_to_the_contact_and_the_message_leaves_the_queue(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")

    assert handle_next(sender, "w1")
    assert [m["body"] for m in twilio.messages] == ["ok"]
    assert queue.pending(r, pid) == 0
    assert r.zscore(keys.READY, pid) is None
    assert rasa.received[0]["sender"] == pid
    assert rasa.received[0]["input_channel"] == "sms"
    assert "metadata" not in rasa.received[0]


def test_retry_when_rasa_never_recorded_the_turn_asks_again(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "SM1", "hola")
    r.hset(keys.message("SM1"), "rasa_started_at", repr(time.time() - 5))
    handle_next(sender, "w1")

    assert len(rasa.received) == 1
    assert [m["body"] for m in twilio.messages] == ["ok"]


def test_leading_slash_cannot_set_an_intent(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "SM1", "/restart")
    handle_next(sender, "w1")

    assert rasa.received[0]["message"] == "restart"


def test_empty_rasa_answer_is_checked_against_the_tracker(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    rasa.answers.append((200, []))
    now = time.time()
    rasa.trackers[pid] = [
        {"event": "user", "text": "hola", "timestamp": now - 60},  # an earlier "hola", already answered
        {"event": "bot", "text": "respuesta vieja"},
        {"event": "user", "text": "hola", "timestamp": now + 1},
        {"event": "bot", "text": "respuesta guardada"},
    ]
    handle_next(sender, "w1")

    assert [m["body"] for m in twilio.messages] == ["respuesta guardada"]


def test_empty_rasa_answer_without_the_message_in_the_tracker_is_retried(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    rasa.answers.append((200, []))
    rasa.trackers[pid] = [{"event": "user", "text": "hola", "timestamp": time.time() - 60}, {"event": "bot", "text": "vieja"}]
    handle_next(sender, "w1")

    assert twilio.messages == []
    assert queue.pending(r, pid) == 1
    assert r.hget(keys.message("SM1"), "attempts") == "1"
    assert r.zscore(keys.READY, pid) > time.time()


@pytest.mark.parametrize("status, body", [(500, {"error": "boom"}), (200, "<html>"), (200, {"not": "a list"})])
def test_rasa_errors_leave_the_message_queued(fake, r, twilio, status, body):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    rasa.answers.append((status, body))
    handle_next(sender, "w1")

    assert twilio.messages == []
    assert queue.pending(r, pid) == 1


def test_retry_after_rasa_recorded_the_turn_reuses_it_instead_of_asking_again(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    started = time.time() - 5
    r.hset(keys.message("SM1"), "rasa_started_at", repr(started))  # a worker died waiting for Rasa
    rasa.trackers[pid] = [
        {"event": "user", "text": "hola", "timestamp": started + 0.01},
        {"event": "bot", "text": "primera"},
        {"event": "bot", "text": "segunda"},
        {"event": "user", "text": "otra cosa", "timestamp": started + 1},
        {"event": "bot", "text": "otra"},
    ]
    handle_next(sender, "w1")

    assert rasa.received == []
    assert [m["body"] for m in twilio.messages] == ["primera", "segunda"]


def test_one_holding_reply_per_contact_while_rasa_is_failing(fake, r, twilio):
    rasa, sender = fake
    old = time.time() - 30
    pid = _inbound(r, sender, "SM1", "hola", received_at=old)
    _inbound(r, sender, "SM2", "sigo aqui", received_at=old)
    rasa.answers.extend([(500, {})] * 3)
    for _ in range(3):
        r.zadd(keys.READY, {pid: 0})
        handle_next(sender, "w1")

    assert len(twilio.messages) == 1
    assert "105" in twilio.messages[0]["body"] and "1818" in twilio.messages[0]["body"]
    assert queue.pending(r, pid) == 2


def test_photo_without_text_gets_a_clear_answer_without_rasa(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "MM1", "", channel="whatsapp", address="whatsapp:+51911111111", num_media="1")
    handle_next(sender, "w1")

    assert rasa.received == []
    assert "texto" in twilio.messages[0]["body"]


def test_empty_message_gets_a_clear_answer(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "SM1", "   ")
    handle_next(sender, "w1")

    assert rasa.received == []
    assert "texto" in twilio.messages[0]["body"].lower()


def test_long_reply_is_split_for_sms_and_each_part_sent_once(fake, r, twilio):
    rasa, sender = fake
    long_text = "Nunca entregues tu DNI ni tu pasaporte a quien te ofrece un trabajo. " * 8
    rasa.answers.append((200, [{"text": long_text}]))
    _inbound(r, sender, "SM1", "dni")
    handle_next(sender, "w1")

    parts = [m["body"] for m in twilio.messages]
    assert len(parts) > 1
    assert " ".join(parts) == long_text.strip()


def test_sent_parts_are_not_sent_again_when_a_message_is_retried(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    r.hset(keys.message("SM1"), "replies", json.dumps(["uno", "dos"]))
    r.hset(keys.outbound("SM1:0"), "sid", "SMalready")  # sent before the previous worker died
    handle_next(sender, "w1")

    assert [m["body"] for m in twilio.messages] == ["dos"]
    assert queue.pending(r, pid) == 0


def test_a_leased_contact_is_not_taken_by_another_worker(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    assert queue.claim(r, "other-worker", 30) == pid

    assert handle_next(sender, "w1") is False
    assert twilio.messages == []


def test_contacts_are_served_fairly_oldest_first(fake, r, twilio):
    rasa, sender = fake
    now = time.time()
    a = _inbound(r, sender, "SMa1", "a1", address="+51911111111")
    _inbound(r, sender, "SMa2", "a2", address="+51911111111")
    b = _inbound(r, sender, "SMb1", "b1", address="+51922222222")
    r.zadd(keys.READY, {a: now - 2, b: now - 1})
    for _ in range(3):
        handle_next(sender, "w1")

    assert [m["message"] for m in rasa.received] == ["a1", "b1", "a2"]


def test_opt_out_word_must_stand_alone():
    assert contacts.opt_change("BAJA") == "out"
    assert contacts.opt_change(" stop. ") == "out"
    assert contacts.opt_change("Salir") == "out"
    assert contacts.opt_change("alta") == "in"
    assert contacts.opt_change("quiero salir de ese trabajo") is None
    assert contacts.opt_change("ayuda") is None
    assert contacts.opt_change("basta") is None
