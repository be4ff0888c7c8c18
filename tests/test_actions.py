"""The custom Rasa actions against a real Redis: the advert check, handovers and erasure."""
from __future__ import annotations

import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import cases, keys
from bot.actions import services
from bot.actions.check_offer import ActionCheckOffer
from bot.actions.data import ActionDeleteData
from bot.actions.handoff import ActionHandoff, ActionHandoffUrgent

PID = "c" + "7" * 32
MINORS_AD = "Se busca chicas de 15 a 17 años para atender en bar en Puerto Maldonado, pasaje pagado y cuarto. Llamar 987654321"
TRAFFICKING_AD = "SE NECESITAN SEÑORITAS PARA BAR EN PTO MALDONADO, PASAJES PAGADOS, HOSPEDAJE. SUELDO 4000. WSP 987654321"
LEGIT_AD = ("Minera Los Andes S.A.C., RUC 20100070970, busca operario de mantenimiento en Arequipa. Contrato en planilla, "
            "sueldo S/ 2,200. Postula en Av. Ejército 101. No cobramos por postular.")


@pytest.fixture(autouse=True)
def action_services(env, r, monkeypatch):
    """Point the action server's configuration at the test deployment."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    services.config.cache_clear()
    services.store.cache_clear()
    yield
    services.config.cache_clear()
    services.store.cache_clear()


def _tracker(text: str, intent: str = "check_offer", channel: str = "sms", slots: dict | None = None,
             earlier: list[str] = ()) -> Tracker:
    events = [{"event": "user", "text": t, "input_channel": channel} for t in earlier]
    events.append({"event": "user", "text": text, "input_channel": channel, "parse_data": {"intent": {"name": intent}}})
    return Tracker(PID, {"language": "es", **(slots or {})}, {"text": text, "intent": {"name": intent}}, events, False,
                   None, {}, "action_listen")


def _run(action, tracker: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


def _slot(events: list[dict], name: str):
    return next(e["value"] for e in events if e.get("event") == "slot" and e["name"] == name)


def test_pasted_trafficking_advert_gets_level_reasons_and_advice(r):
    messages, events = _run(ActionCheckOffer(), _tracker(TRAFFICKING_AD))

    assert messages[0]["text"].startswith("Riesgo: ALTO")
    assert "1818" in messages[1]["text"]
    assert _slot(events, "offer_risk") == "high"
    assert cases.active_case(r, PID) is None


def test_advert_seeking_minors_opens_a_case_at_once(r):
    messages, events = _run(ActionCheckOffer(), _tracker(MINORS_AD, channel="whatsapp"))

    case = cases.active_case(r, PID)
    assert case and case["priority"] == "high" and "minor_at_risk" in case["reasons"]
    assert case["channel"] == "whatsapp"
    assert messages[-1]["response"] == "utter_handoff_confirmed"
    assert _slot(events, "offer_risk") == "escalated"


def test_high_risk_advert_someone_is_about_to_travel_for_opens_a_case(r):
    _run(ActionCheckOffer(), _tracker(TRAFFICKING_AD, earlier=["mi prima viaja mañana por este aviso"]))

    assert "high_risk_advert" in cases.active_case(r, PID)["reasons"]


def test_legitimate_advert_is_low_and_opens_nothing(r):
    messages, events = _run(ActionCheckOffer(), _tracker(LEGIT_AD))

    assert "BAJO" in messages[0]["text"]
    assert _slot(events, "offer_risk") == "low"
    assert cases.active_case(r, PID) is None


def test_asking_to_check_without_an_advert_asks_for_it(r):
    messages, events = _run(ActionCheckOffer(), _tracker("quiero revisar una oferta"))

    assert messages == []
    assert _slot(events, "offer_pasted") is False


def test_danger_handover_opens_an_urgent_case(r):
    _run(ActionHandoffUrgent(), _tracker("me quitaron mi dni", intent="danger_now"))

    case = cases.active_case(r, PID)
    assert case["priority"] == "urgent" and case["reasons"] == ["danger_now"]


def test_missing_person_handover_names_its_reason(r):
    _run(ActionHandoffUrgent(), _tracker("mi hermana no aparece", intent="missing_person"))

    assert cases.active_case(r, PID)["reasons"] == ["missing_after_offer"]


def test_asking_for_a_person_opens_a_normal_case(r):
    _run(ActionHandoff(), _tracker("si", intent="affirm"))

    assert cases.active_case(r, PID)["priority"] == "normal"


def test_confirmed_deletion_queues_an_erasure_behind_the_turn(r):
    _run(ActionDeleteData(), _tracker("si", intent="affirm"))

    [job_id] = r.lrange(keys.inbox(PID), 0, -1)
    assert r.hget(keys.message(job_id), "kind") == "erase"


def test_accepting_a_person_after_two_misunderstandings_is_recorded_as_such(r):
    tracker = _tracker("si", intent="affirm")
    tracker.events.insert(-1, {"event": "action", "name": "utter_fallback_offer_human"})
    _run(ActionHandoff(), tracker)

    assert cases.active_case(r, PID)["reasons"] == ["fallback_twice"]


def test_accepting_a_person_after_a_high_risk_advert_is_high_priority(r):
    _run(ActionHandoff(), _tracker("si", intent="affirm", slots={"offer_risk": "high"}))

    case = cases.active_case(r, PID)
    assert case["priority"] == "high" and case["reasons"] == ["high_risk_advert"]
