"""Action that erases the person's data once they confirmed (the worker does it after this turn)."""
import time
import uuid
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import queue
from bot.actions.services import store


class ActionDeleteData(Action):
    """Queue an erasure job behind this turn, so the worker deletes the tracker once Rasa has saved it."""

    def name(self) -> Text:
        return "action_delete_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        queue.enqueue(store(), f"erase-{uuid.uuid4().hex}", tracker.sender_id,
                      {"kind": "erase", "received_at": repr(time.time())})
        return [SlotSet("delete_requested", True), SlotSet("last_offer_text", None)]
