"""Actions that hand the conversation over to a person from the team by opening (or updating) a case."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import handoff
from bot.actions.services import config, store

# The intent that led to an urgent handover names the case's reason.
URGENT_REASONS = {"missing_person": "missing_after_offer"}


def escalate(tracker: Tracker, priority: str, reason: str) -> None:
    """Open or update the contact's case for staff (the sender id is already a pseudonym)."""
    channel = tracker.get_latest_input_channel() or "sms"
    handoff.escalate_and_alert(config(), store(), tracker.sender_id, channel=channel, priority=priority, reason=reason)


def _reason(tracker: Tracker) -> str:
    """Why the person is being handed over, from what the bot last asked them."""
    asked = [e.get("name") for e in tracker.events
             if e.get("event") == "action" and e.get("name") not in ("action_listen", "action_validate_slot_mappings")]
    if asked and asked[-1] == "utter_fallback_offer_human":
        return "fallback_twice"
    if tracker.get_slot("offer_risk") == "high":
        return "high_risk_advert"
    return "asked_for_person"


class ActionHandoff(Action):
    """Hand the conversation to a person from the team (normal priority); the flows reply."""

    def name(self) -> Text:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # An earlier urgent request must not be downgraded.
        priority = "urgent" if tracker.get_slot("handoff_priority") == "urgent" else "normal"
        reason = _reason(tracker)
        escalate(tracker, "high" if priority == "normal" and reason == "high_risk_advert" else priority, reason)
        return [SlotSet("handoff_requested", True), SlotSet("handoff_priority", priority)]


class ActionHandoffUrgent(Action):
    """Hand the conversation to a person from the team as urgent (danger now, someone missing); the flows reply."""

    def name(self) -> Text:
        return "action_handoff_urgent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        escalate(tracker, "urgent", URGENT_REASONS.get(intent, "danger_now"))
        return [SlotSet("handoff_requested", True), SlotSet("handoff_priority", "urgent")]
