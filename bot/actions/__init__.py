"""Custom Rasa actions, served by `rasa run actions --actions bot.actions`."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher


class ActionFallback(Action):
    """Say we did not understand; after two misunderstandings in a row, also offer a person."""

    def name(self) -> str:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_fallback")
        intents = [e.get("parse_data", {}).get("intent", {}).get("name") for e in tracker.events if e.get("event") == "user"]
        if intents[-2:] == ["nlu_fallback", "nlu_fallback"]:
            dispatcher.utter_message(response="utter_offer_person")
        return []
