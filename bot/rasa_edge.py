"""Everything Rasa-specific on the worker side: one turn through the REST channel, checked against the tracker."""
from __future__ import annotations

from typing import Any

import requests

from bot.errors import RasaUnavailable


def clean_text(text: str) -> str:
    """User text safe to hand to Rasa: a leading '/' would set an intent directly, so it is removed."""
    return text.strip().lstrip("/").strip()


def turn(rasa_url: str, sender: str, text: str, channel: str, timeout: float, started_at: float) -> list[str]:
    """Send one user message to Rasa and return the bot's texts.

    Rasa's REST channel answers 200 [] both when the bot has nothing to say and when something inside
    it failed, so an empty answer is checked against the tracker before it is believed. The channel
    travels as Rasa's input_channel; metadata would double Rasa's turn time (measured: 66 -> 144 ms).
    """
    text = clean_text(text)
    try:
        response = requests.post(
            f"{rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text, "input_channel": channel},
            timeout=(3, timeout),
        )
    except requests.RequestException as exc:
        raise RasaUnavailable(f"rasa unreachable: {type(exc).__name__}") from exc
    if response.status_code != 200:
        raise RasaUnavailable(f"rasa answered {response.status_code}")
    try:
        messages = response.json()
    except ValueError as exc:
        raise RasaUnavailable("rasa answered something that is not JSON") from exc
    if not isinstance(messages, list):
        raise RasaUnavailable("rasa answered an unexpected shape")
    if messages:
        return [t for t in (render(m) for m in messages) if t]
    replies = replies_in_tracker(rasa_url, sender, text, started_at, timeout)
    if replies is None:
        raise RasaUnavailable("rasa answered [] and the message is not in its tracker")
    return replies


def replies_in_tracker(rasa_url: str, sender: str, text: str, since: float, timeout: float) -> list[str] | None:
    """The bot texts that followed this text in the tracker, if Rasa recorded it at or after `since`; else None.

    Workers handle one message of a contact at a time, so a matching user event that Rasa stamped
    after we called it can only be this message (Rasa and the workers share the clock).
    """
    try:
        response = requests.get(f"{rasa_url}/conversations/{sender}/tracker", timeout=(3, timeout))
        response.raise_for_status()
        events = response.json().get("events") or []
    except (requests.RequestException, ValueError, AttributeError) as exc:
        raise RasaUnavailable(f"rasa tracker unreadable: {type(exc).__name__}") from exc
    text = clean_text(text)
    found: list[str] | None = None
    for event in events:
        if event.get("event") == "user":
            if found is not None:
                break
            if event.get("text") == text and float(event.get("timestamp") or 0) >= since:
                found = []
        elif found is not None and event.get("event") == "bot":
            reply = render(event)
            if reply:
                found.append(reply)
    return found


def render(message: dict[str, Any]) -> str:
    """A bot message as plain text, with any buttons listed as numbered choices."""
    text = (message.get("text") or "").strip()
    buttons = message.get("buttons") or (message.get("data") or {}).get("buttons") or []
    choices = [f"{i}. {b.get('title', '')}" for i, b in enumerate(buttons, start=1) if b.get("title")]
    return "\n".join([text, *choices]).strip() if choices else text


def is_up(rasa_url: str, timeout: float = 2.0) -> bool:
    """True when the Rasa server answers and has a model loaded."""
    try:
        response = requests.get(f"{rasa_url}/status", timeout=timeout)
        return response.status_code == 200 and bool(response.json().get("model_file"))
    except (requests.RequestException, ValueError):
        return False
