"""Fetching a message's picture from Twilio, within a size limit, with the account's credentials."""
from __future__ import annotations

from urllib.parse import urlparse

import requests

from bot.config import Config

MAX_MEDIA_BYTES = 5 * 1024 * 1024
ACCEPTED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


class MediaError(Exception):
    """A picture could not be used; `reason` is too_large, unsupported or unreachable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _twilio_host(url: str, config: Config) -> bool:
    host = urlparse(url).hostname or ""
    return host == urlparse(config.twilio_api_base_url).hostname or host.endswith(".twilio.com") or host == "twilio.com"


def fetch(url: str, declared_type: str, config: Config) -> bytes:
    """Download one picture (credentials go only to Twilio's own hosts); raises MediaError."""
    if declared_type and declared_type.split(";")[0].strip().lower() not in ACCEPTED_TYPES:
        raise MediaError("unsupported")
    auth = (config.twilio_account_sid, config.twilio_auth_token) if _twilio_host(url, config) else None
    try:
        with requests.get(url, auth=auth, timeout=(5, config.twilio_timeout), stream=True) as response:
            if response.status_code != 200:
                raise MediaError("unreachable")
            if int(response.headers.get("Content-Length") or 0) > MAX_MEDIA_BYTES:
                raise MediaError("too_large")
            data = bytearray()
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_MEDIA_BYTES:
                    raise MediaError("too_large")
            return bytes(data)
    except requests.RequestException as exc:
        raise MediaError("unreachable") from exc
