"""Action that checks a pasted job advert (or the text read from its photo) with the risk library."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.handoff import escalate
from bot.advert import has_pasted_advert
from bot.actions.services import config
from bot.danger import about_to_travel
from bot.risk import assess
from bot.risk.reply import reply_messages


def _recent_user_texts(tracker: Tracker, count: int = 4) -> List[Text]:
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[-count:]


class ActionCheckOffer(Action):
    """Say how risky a pasted advert is and why; ask for the advert when none was pasted.

    A high-risk advert that seeks minors, or that the person says they are about to travel for,
    opens a case for staff at once; other high-risk adverts lead the flows to offer a person.
    """

    def name(self) -> Text:
        return "action_check_offer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        if not has_pasted_advert(text):
            return [SlotSet("offer_pasted", False), SlotSet("offer_risk", None)]
        assessment = assess(text, min_wage=config().min_wage_soles)
        language = tracker.get_slot("language") or "es"
        channel = tracker.get_latest_input_channel() or "sms"
        for message in reply_messages(assessment, language, channel):
            dispatcher.utter_message(text=message)
        risk = assessment.level
        if risk == "high":
            codes = {signal.code for signal in assessment.risks}
            travelling = any(about_to_travel(t) for t in _recent_user_texts(tracker))
            if "minors_sought" in codes or travelling:
                escalate(tracker, "high", "minor_at_risk" if "minors_sought" in codes else "high_risk_advert")
                dispatcher.utter_message(response="utter_handoff_confirmed")
                risk = "escalated"
        return [SlotSet("offer_pasted", True), SlotSet("offer_risk", risk), SlotSet("last_offer_text", None)]
