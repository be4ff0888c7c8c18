"""The worker's decisions, against a real Redis, the Twilio stand-in and a small fake Rasa."""
from __future__ import annotations

import json
import time

import pytest

from bot import cases, contacts, keys, queue, texts
from bot.config import load_config
from bot.outbound import Sender
from bot.twilio_edge import make_client
from bot.worker import handle_next
from tests.fake_rasa import FakeRasa, Serving

USER = "+51987654321"
NOTICE = texts.text("privacy_notice", "es")


def bodies(messages: list[dict[str, str]]) -> list[str]:
    """What was sent, without the one-time privacy notice."""
    return [m["body"] for m in messages if m["body"] != NOTICE]


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
    assert bodies(twilio.messages) == ["ok"]
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
    assert bodies(twilio.messages) == ["ok"]


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

    assert bodies(twilio.messages) == ["respuesta guardada"]


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
    assert bodies(twilio.messages) == ["primera", "segunda"]


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


def _poster_png() -> bytes:
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1000, 500), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=48)
    for row, line in enumerate(["SE NECESITAN SEÑORITAS", "PARA BAR EN PTO MALDONADO", "PASAJES PAGADOS"]):
        draw.text((40, 60 + row * 120), line, fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _photo(r, sender, twilio_running, msg_id: str, data: bytes, content_type: str) -> str:
    twilio_running.standin.media[msg_id] = (data, content_type)
    media = json.dumps([{"url": f"{twilio_running.base_url}/media/{msg_id}", "type": content_type}])
    return _inbound(r, sender, msg_id, "", channel="whatsapp", address="whatsapp:+51911111111", num_media="1", media=media)


def test_photo_of_an_advert_is_read_and_sent_to_the_assistant_as_text(fake, r, twilio, twilio_running):
    rasa, sender = fake
    _photo(r, sender, twilio_running, "MM1", _poster_png(), "image/png")
    handle_next(sender, "w1")

    read = rasa.received[0]["message"].upper()
    assert "MALDONADO" in read and "PASAJES" in read
    assert bodies(twilio.messages) == ["ok"]


@pytest.mark.parametrize(
    "data, content_type, expected",
    [
        (b"%PDF-1.4 not a picture", "application/pdf", "photo_unsupported"),
        (b"OggS voice", "audio/ogg", "audio_not_supported"),
        (b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), "image/jpeg", "photo_too_large"),
        (b"\x89PNG\r\n\x1a\n broken", "image/png", "photo_unreadable"),
    ],
)
def test_unusable_picture_gets_a_request_to_type_the_advert(fake, r, twilio, twilio_running, data, content_type, expected):
    rasa, sender = fake
    _photo(r, sender, twilio_running, "MM2", data, content_type)
    handle_next(sender, "w1")

    assert rasa.received == []
    assert [m["body"] for m in twilio.messages] == [texts.text(expected, "es")]


def test_photo_that_cannot_be_fetched_gets_a_clear_answer(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "MM3", "", channel="whatsapp", address="whatsapp:+51911111111", num_media="1",
             media=json.dumps([{"url": "http://127.0.0.1:9/missing", "type": "image/jpeg"}]))
    handle_next(sender, "w1")

    assert rasa.received == []
    assert [m["body"] for m in twilio.messages] == [texts.text("photo_unreadable", "es")]


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

    parts = bodies(twilio.messages)
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


def test_privacy_notice_comes_once_after_the_first_answer(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "SM1", "hola")
    _inbound(r, sender, "SM2", "otra vez")
    handle_next(sender, "w1")
    handle_next(sender, "w1")

    assert [m["body"] for m in twilio.messages] == ["ok", NOTICE, "ok"]


def test_borrar_erases_the_conversation_and_confirms(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    handle_next(sender, "w1")
    r.set(keys.RASA_TRACKER_PREFIX + pid, "{}")  # what Rasa stored for the conversation
    _inbound(r, sender, "SM2", "Borrar")
    handle_next(sender, "w1")

    assert twilio.messages[-1]["body"] == texts.text("erased", "es")
    assert twilio.messages[-1]["to"] == USER
    assert not r.exists(keys.RASA_TRACKER_PREFIX + pid)
    assert not r.exists(keys.contact(pid))
    assert "body" not in r.hgetall(keys.message("SM2"))
    assert len(rasa.received) == 1


def test_erase_job_from_the_assistant_deletes_the_tracker(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    handle_next(sender, "w1")
    r.set(keys.RASA_TRACKER_PREFIX + pid, "{}")
    queue.enqueue(r, "erase-1", pid, {"kind": "erase", "received_at": repr(time.time())})
    handle_next(sender, "w1")

    assert not r.exists(keys.RASA_TRACKER_PREFIX + pid)
    assert not r.exists(keys.contact(pid))


def test_handled_messages_keep_no_content(fake, r, twilio):
    rasa, sender = fake
    _inbound(r, sender, "SM1", "me ofrecen trabajo en un bar")
    handle_next(sender, "w1")

    stored = r.hgetall(keys.message("SM1"))
    assert stored["done"] == "1"
    assert not {"body", "media", "replies"} & set(stored)
    assert r.ttl(keys.message("SM1")) > 0


def test_while_staff_have_the_case_the_bot_stays_quiet(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    handle_next(sender, "w1")
    case = cases.escalate(r, pid, channel="sms", priority="normal", reason="asked_for_person")
    sent_before = len(twilio.messages)
    _inbound(r, sender, "SM2", "sigo esperando")
    handle_next(sender, "w1")

    assert len(rasa.received) == 1
    assert len(twilio.messages) == sent_before
    assert [m["text"] for m in cases.transcript(r, case["id"])][-1] == "sigo esperando"


def test_danger_words_during_a_handoff_get_the_emergency_numbers_and_raise_priority(fake, r, twilio):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    handle_next(sender, "w1")
    case = cases.escalate(r, pid, channel="sms", priority="normal", reason="asked_for_person")
    _inbound(r, sender, "SM2", "me quitaron mi dni y no me dejan salir")
    handle_next(sender, "w1")

    assert twilio.messages[-1]["body"] == texts.text("handoff_danger", "es")
    assert cases.get(r, case["id"])["priority"] == "urgent"
    entries = cases.transcript(r, case["id"])
    assert [(e["direction"], e["author"]) for e in entries[-2:]] == [("in", "contact"), ("out", "bot")]


def test_staff_reply_goes_out_in_order_and_into_the_transcript(fake, r, twilio):
    import json as _json

    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "hola")
    handle_next(sender, "w1")
    case = cases.escalate(r, pid, channel="sms", priority="high", reason="asked_for_person")
    queue.enqueue(r, "staff-1", pid, {"channel": "sms", "kind": "staff", "author": "staff:ana", "body": "",
                                      "replies": _json.dumps(["Hola, soy Ana del equipo."]), "received_at": repr(time.time())})
    handle_next(sender, "w1")

    assert twilio.messages[-1]["body"] == "Hola, soy Ana del equipo."
    assert cases.transcript(r, case["id"])[-1]["author"] == "staff:ana"


def test_danger_message_gets_the_holding_reply_at_once_when_rasa_is_down(fake, r, twilio):
    rasa, sender = fake
    rasa.answers.append((500, {}))
    _inbound(r, sender, "SM1", "ayuda me tienen encerrada")
    handle_next(sender, "w1")

    assert len(twilio.messages) == 1
    assert "105" in twilio.messages[0]["body"]


def test_retention_sweep_runs_once_an_hour_and_purges_old_closed_cases(fake, r, twilio):
    from bot.worker import sweep_retention

    rasa, sender = fake
    long_ago = time.time() - (sender.config.case_retention_days + 1) * 86400
    case = cases.escalate(r, "cold", channel="sms", priority="normal", reason="asked_for_person", now=long_ago)
    cases.append_message(r, case["id"], direction="in", author="contact", text="hola", now=long_ago)
    cases.claim(r, case["id"], "ana", now=long_ago)
    cases.close(r, case["id"], "ana", "resolved", now=long_ago)

    assert sweep_retention(sender) == 1
    assert cases.transcript(r, case["id"]) == []
    assert sweep_retention(sender) == 0


def test_danger_words_the_assistant_missed_still_reach_staff_with_the_emergency_numbers(fake, r, twilio):
    rasa, sender = fake
    rasa.answers.append((200, [{"text": "Claro, revisemos esa oferta."}]))  # the NLU misread the message
    pid = _inbound(r, sender, "SM1", "me violaron en el trabajo")
    handle_next(sender, "w1")

    assert bodies(twilio.messages)[:2] == [texts.text("handoff_danger", "es"), "Claro, revisemos esa oferta."]
    case = cases.active_case(r, pid)
    assert case["priority"] == "urgent" and case["reasons"] == ["danger_now"]
    assert cases.transcript(r, case["id"])[0]["text"] == "me violaron en el trabajo"


def test_danger_the_assistant_already_escalated_gets_no_second_warning(fake, r, twilio, monkeypatch):
    rasa, sender = fake
    pid = _inbound(r, sender, "SM1", "me tienen encerrada")

    def assistant_escalates(*args, **kwargs):
        cases.escalate(r, pid, channel="sms", priority="urgent", reason="danger_now")  # as the Rasa action does
        return ["Llama al 105 o a la Línea 1818, opción 1."]

    monkeypatch.setattr("bot.worker.rasa_edge.turn", assistant_escalates)
    handle_next(sender, "w1")

    assert bodies(twilio.messages) == ["Llama al 105 o a la Línea 1818, opción 1."]
    assert len(cases.list_cases(r, status="active")) == 1
