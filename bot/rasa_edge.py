"""Everything Rasa-specific on the worker side: one turn through the REST channel, checked against the tracker."""
from __future__ import annotations

from typing import Any

import requests

from bot.errors import RasaUnavailable


def clean_text(text: str) -> str:
    """User text safe to hand to Rasa: a leading '/' would set an intent directly, so it is removed."""
    return text.strip().lstrip("/").strip()


def turn(rasa_url: str, sender: str, text: str, msg_id: str, channel: str, timeout: float) -> list[str]:
    """Send one user message to Rasa and return the bot's texts.

    Rasa's REST channel answers 200 [] both when the bot has nothing to say and when something inside
    it failed, so an empty answer is checked against the tracker before it is believed.
    """
    metadata = {"msg_id": msg_id, "channel": channel}
    try:
        response = requests.post(
            f"{rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": clean_text(text), "metadata": metadata},
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
    replies = replies_in_tracker(rasa_url, sender, msg_id, timeout)
    if replies is None:
        raise RasaUnavailable("rasa answered [] and the message is not in its tracker")
    return replies


def replies_in_tracker(rasa_url: str, sender: str, msg_id: str, timeout: float) -> list[str] | None:
    """The bot texts that followed our message in the tracker; None when Rasa never recorded the message."""
    try:
        response = requests.get(f"{rasa_url}/conversations/{sender}/tracker", timeout=(3, timeout))
        response.raise_for_status()
        events = response.json().get("events") or []
    except (requests.RequestException, ValueError, AttributeError) as exc:
        raise RasaUnavailable(f"rasa tracker unreadable: {type(exc).__name__}") from exc
    found: list[str] | None = None
    for event in events:
        if event.get("event") == "user":
            if found is not None:
                break
            if (event.get("metadata") or {}).get("msg_id") == msg_id:
                found = []
        elif found is not None and event.get("event") == "bot":
            text = render(event)
            if text:
                found.append(text)
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
