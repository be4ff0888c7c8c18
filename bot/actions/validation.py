"""Slot extraction run after every user message: language and channel."""
from typing import Any, Dict, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction

from bot.advert import has_pasted_advert
from bot.language import detect_language

CHANNELS = ("sms", "whatsapp", "web")


class ValidateSlotMappings(ValidationAction):
    """Fill `language` and `channel` from each user message."""

    async def extract_language(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        """Detect the language of the latest message, keeping it when ambiguous."""
        text = tracker.latest_message.get("text")
        current = tracker.get_slot("language")
        if has_pasted_advert(text or ""):
            return {"language": current}  # an advert is someone else's words, not the person's language
        return {"language": detect_language(text, current)}

    async def extract_channel(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> Dict[Text, Any]:
        """The channel the worker named as Rasa's input_channel; keep the previous one if absent."""
        channel: Optional[Text] = tracker.get_latest_input_channel()
        if channel in CHANNELS:
            return {"channel": channel}
        return {"channel": tracker.get_slot("channel") or "sms"}
