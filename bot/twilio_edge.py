"""Everything Twilio-specific: webhook signatures, inbound payloads, sending, and delivery statuses."""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Mapping

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.config import Config
from bot.errors import SendFailed

# Twilio error codes that mean the contact has opted out of messages from us.
OPTED_OUT_CODES = frozenset({21610})
# Delivery states in the order they happen; failed and undelivered are final.
STATUS_ORDER = {"accepted": 0, "queued": 1, "sending": 2, "sent": 3, "delivered": 4, "read": 5}
FINAL_FAILURES = frozenset({"failed", "undelivered", "canceled"})


@dataclass(frozen=True)
class Inbound:
    """One message as Twilio delivered it."""

    sid: str
    address: str  # the sender as Twilio names it: +51…, whatsapp:+51… or whatsapp:US.123
    to: str
    channel: str  # "sms" or "whatsapp"
    body: str
    media: list[dict[str, str]] = field(default_factory=list)


def signature_is_valid(config: Config, url: str, form: Mapping[str, object], signature: str) -> bool:
    """True when the X-Twilio-Signature header matches this request's public URL and form fields."""
    if not signature or not config.twilio_auth_token:
        return False
    return RequestValidator(config.twilio_auth_token).validate(url, form, signature)


def parse_inbound(form: Mapping[str, str]) -> Inbound:
    """The message in a Twilio webhook's form fields (MessageSid must be present)."""
    sender = form.get("From", "").strip()
    media = []
    for index in range(_media_count(form)):
        url = form.get(f"MediaUrl{index}")
        if url:
            media.append({"url": url, "type": form.get(f"MediaContentType{index}", "")})
    return Inbound(
        sid=form["MessageSid"].strip(),
        address=sender,
        to=form.get("To", "").strip(),
        channel="whatsapp" if sender.startswith("whatsapp:") else "sms",
        body=_decode_body(form.get("Body", "")),
        media=media,
    )


def _media_count(form: Mapping[str, str]) -> int:
    try:
        return max(0, min(int(form.get("NumMedia", "0") or 0), 10))
    except ValueError:
        return 0


def _decode_body(body: str) -> str:
    # Twilio sometimes delivers a concatenated SMS as base64 text; decode only when it is clearly that.
    candidate = body.strip()
    if len(candidate) < 24 or len(candidate) % 4 or " " in candidate:
        return body
    try:
        decoded = base64.b64decode(candidate, validate=True).decode("utf-8")
    except ValueError:  # not base64, or not UTF-8 once decoded
        return body
    return decoded if " " in decoded and decoded.replace("\n", " ").isprintable() else body


def make_client(config: Config) -> Client:
    """A Twilio client with an HTTP timeout, talking to TWILIO_API_BASE_URL."""
    client = Client(
        config.twilio_account_sid,
        config.twilio_auth_token,
        http_client=TwilioHttpClient(timeout=config.twilio_timeout),
    )
    client.api.base_url = config.twilio_api_base_url
    return client


def send(client: Client, config: Config, to: str, channel: str, body: str, status_callback: str, reply_from: str = "") -> str:
    """Send one message and return its SID; raises SendFailed saying whether a retry may help."""
    params: dict[str, str] = {"to": to, "body": body, "status_callback": status_callback}
    if config.twilio_messaging_service_sid:
        params["messaging_service_sid"] = config.twilio_messaging_service_sid
    else:
        configured = config.twilio_whatsapp_from if channel == "whatsapp" else config.twilio_sms_from
        params["from_"] = configured or reply_from
    try:
        return client.messages.create(**params).sid
    except TwilioRestException as exc:
        transient = exc.status >= 500 or exc.status == 429
        raise SendFailed(f"twilio {exc.status} {exc.code}", transient=transient, code=exc.code) from exc
    except requests.RequestException as exc:
        raise SendFailed(f"twilio unreachable: {type(exc).__name__}", transient=True) from exc

