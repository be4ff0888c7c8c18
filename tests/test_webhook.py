"""The inbound webhook and status callbacks, driven with captured Twilio payloads against a real Redis."""
from __future__ import annotations

import json

import pytest

from bot import contacts, keys
from tests.conftest import ACCOUNT_SID, PUBLIC_URL, WHATSAPP_NUMBER, post_signed, sign, twilio_form

SMS = twilio_form(Body="Hola, vi un aviso: se necesitan señoritas para Puerto Maldonado ¡pasajes pagados!")
WHATSAPP = twilio_form(
    From="whatsapp:+51987654321", To=WHATSAPP_NUMBER, ProfileName="Rosa", WaId="51987654321",
    MessageSid="SM" + "b" * 32, SmsMessageSid="SM" + "b" * 32, SmsSid="SM" + "b" * 32, Body="hola 👋",
)
WHATSAPP_BSUID = twilio_form(From="whatsapp:US.13491208655302741918", To=WHATSAPP_NUMBER,
                             ExternalUserId="US.13491208655302741918", MessageSid="SM" + "e" * 32, Body="hi")
MEDIA = twilio_form(
    From="whatsapp:+51911111111", To=WHATSAPP_NUMBER, MessageSid="MM" + "c" * 32, Body="", NumMedia="1",
    MediaUrl0=f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/MM{'c' * 32}/Media/ME{'d' * 32}",
    MediaContentType0="image/jpeg",
)
SLASH = twilio_form(MessageSid="SM" + "f" * 32, Body="/greet")
BUTTON = twilio_form(From="whatsapp:+51922222222", To=WHATSAPP_NUMBER, MessageSid="SM" + "9" * 32,
                     Body="Hablar con una persona", ButtonText="Hablar con una persona", ButtonPayload="person")


@pytest.mark.parametrize(
    "label, form, channel, body, num_media",
    [
        ("sms with accents and ¡", SMS, "sms", SMS["Body"], "0"),
        ("whatsapp with emoji", WHATSAPP, "whatsapp", "hola 👋", "0"),
        ("whatsapp sender with a BSUID, no phone number", WHATSAPP_BSUID, "whatsapp", "hi", "0"),
        ("whatsapp photo without text", MEDIA, "whatsapp", "", "1"),
        ("text that looks like a rasa command is stored as sent", SLASH, "sms", "/greet", "0"),
        ("whatsapp quick-reply button", BUTTON, "whatsapp", "Hablar con una persona", "0"),
    ],
)
def test_signed_message_is_stored_queued_and_acknowledged_with_empty_twiml(client, r, label, form, channel, body, num_media):
    response = post_signed(client, "/twilio/messages", form)

    assert response.status_code == 200, label
    assert response.mimetype == "text/xml"
    assert b"<Response></Response>" in response.data
    stored = r.hgetall(keys.message(form["MessageSid"]))
    assert stored["channel"] == channel
    assert stored["body"] == body
    assert stored["num_media"] == num_media
    pid = stored["pid"]
    assert r.lrange(keys.inbox(pid), 0, -1) == [form["MessageSid"]]
    assert r.zscore(keys.READY, pid) is not None
    assert form["From"] not in pid


def test_media_urls_are_kept_for_the_worker(client, r):
    post_signed(client, "/twilio/messages", MEDIA)

    media = json.loads(r.hget(keys.message(MEDIA["MessageSid"]), "media"))
    assert media == [{"url": MEDIA["MediaUrl0"], "type": "image/jpeg"}]


@pytest.mark.parametrize(
    "label, signature",
    [
        ("missing", ""),
        ("garbage", "not-a-signature"),
        ("signed with another token", sign(PUBLIC_URL + "/twilio/messages", SMS, token="f" * 32)),
        ("signed for another URL", sign("https://evil.example.com/twilio/messages", SMS)),
        ("signed for the internal URL instead of PUBLIC_URL", sign("http://localhost/twilio/messages", SMS)),
    ],
)
def test_bad_signature_is_refused_with_403_and_nothing_is_stored(client, r, label, signature):
    response = post_signed(client, "/twilio/messages", SMS, signature=signature)

    assert response.status_code == 403, label
    assert r.dbsize() == 0


def test_tampered_body_fails_the_signature(client, r):
    signature = sign(PUBLIC_URL + "/twilio/messages", SMS)
    forged = {**SMS, "Body": "otra cosa"}

    assert post_signed(client, "/twilio/messages", forged, signature=signature).status_code == 403
    assert r.dbsize() == 0


def test_query_string_is_part_of_the_signed_url(client, r):
    url = PUBLIC_URL + "/twilio/messages?channel=main"
    response = client.post("/twilio/messages?channel=main", data=SMS, headers={"X-Twilio-Signature": sign(url, SMS)})

    assert response.status_code == 200


def test_repeated_message_sid_is_acknowledged_but_queued_once(client, r):
    for _ in range(3):
        assert post_signed(client, "/twilio/messages", SMS).status_code == 200

    pid = r.hget(keys.message(SMS["MessageSid"]), "pid")
    assert r.lrange(keys.inbox(pid), 0, -1) == [SMS["MessageSid"]]


def test_messages_queue_in_arrival_order_per_contact(client, r):
    sids = [f"SM{i:032d}" for i in range(5)]
    for sid in sids:
        post_signed(client, "/twilio/messages", twilio_form(MessageSid=sid, Body=f"mensaje {sid}"))

    pid = r.hget(keys.message(sids[0]), "pid")
    assert r.lrange(keys.inbox(pid), 0, -1) == sids


def test_missing_message_sid_is_a_400(client, r):
    form = {k: v for k, v in SMS.items() if k != "MessageSid"}

    assert post_signed(client, "/twilio/messages", form).status_code == 400
    assert r.dbsize() == 0


def test_huge_body_is_refused_with_413(client, r):
    form = twilio_form(Body="x" * 70_000)

    assert post_signed(client, "/twilio/messages", form).status_code == 413
    assert r.dbsize() == 0


def test_long_but_legal_body_is_stored_whole(client, r):
    form = twilio_form(Body="á" * 1600)

    assert post_signed(client, "/twilio/messages", form).status_code == 200
    assert r.hget(keys.message(form["MessageSid"]), "body") == "á" * 1600


def test_base64_encoded_concatenated_sms_is_decoded(client, r):
    import base64

    text = "Se busca señoritas para trabajar en bar, pasajes pagados"
    form = twilio_form(Body=base64.b64encode(text.encode()).decode())
    post_signed(client, "/twilio/messages", form)

    assert r.hget(keys.message(form["MessageSid"]), "body") == text


def test_redis_down_answers_503_so_nothing_is_acknowledged(env, redis_server):
    from bot.config import load_config
    from bot.web import create_app

    app = create_app(load_config({**env, "REDIS_URL": "redis://127.0.0.1:9/0", "REDIS_TIMEOUT": "0.5"}))
    response = post_signed(app.test_client(), "/twilio/messages", SMS)

    assert response.status_code == 503


def test_without_twilio_credentials_webhooks_are_refused(env, r):
    from bot.config import load_config
    from bot.web import create_app

    config = load_config({**env, "TWILIO_ACCOUNT_SID": "", "TWILIO_AUTH_TOKEN": ""})
    response = post_signed(create_app(config).test_client(), "/twilio/messages", SMS)

    assert response.status_code == 403
    assert r.dbsize() == 0


# --- status callbacks ---------------------------------------------------------------------------

def _status(sid: str, status: str, **extra: str) -> dict[str, str]:
    return {"MessageSid": sid, "MessageStatus": status, "AccountSid": ACCOUNT_SID, "To": "+51987654321",
            "From": "+51900000001", "ApiVersion": "2010-04-01", **extra}


def test_status_callbacks_move_forward_only(client, r):
    r.hset(keys.outbound("m1:0"), mapping={"pid": "cabc", "sid": "SM1"})
    path = "/twilio/status?r=m1:0"
    for status in ("sent", "delivered", "sent", "queued"):
        assert post_signed(client, path, _status("SM1", status)).status_code == 204

    assert r.hget(keys.outbound("m1:0"), "status") == "delivered"
    post_signed(client, path, _status("SM1", "read"))
    assert r.hget(keys.outbound("m1:0"), "status") == "read"


def test_failed_status_is_final(client, r):
    path = "/twilio/status?r=m2:0"
    post_signed(client, path, _status("SM2", "undelivered", ErrorCode="30003"))
    post_signed(client, path, _status("SM2", "delivered"))

    assert r.hgetall(keys.outbound("m2:0"))["status"] == "undelivered"
    assert r.hget(keys.outbound("m2:0"), "error_code") == "30003"


def test_error_21610_marks_the_contact_opted_out(client, r, config):
    pid = contacts.pseudonym(config.pseudonym_key, "+51987654321")
    r.hset(keys.outbound("m3:0"), mapping={"pid": pid})

    post_signed(client, "/twilio/status?r=m3:0", _status("SM3", "failed", ErrorCode="21610"))

    assert contacts.is_opted_out(r, pid)


def test_status_for_an_unknown_message_is_accepted_and_ignored(client, r):
    assert post_signed(client, "/twilio/status", _status("SM404", "delivered")).status_code == 204


def test_forged_status_callback_is_refused(client, r):
    response = post_signed(client, "/twilio/status?r=m4:0", _status("SM4", "delivered"), signature="bad")

    assert response.status_code == 403
    assert r.dbsize() == 0
