"""The case store against a real Redis: escalation, the state machine, transcripts, erasure, retention, on-call alerts."""
from __future__ import annotations

import json
import threading
import time

import pytest

from bot import cases, contacts, handoff, keys, queue
from bot.errors import CaseError

PID = "c" + "1" * 32
DAY = 86400


def _escalate(r, priority="normal", reason="asked_for_person", pid=PID, now=1000.0, channel="whatsapp"):
    return cases.escalate(r, pid, channel=channel, priority=priority, reason=reason, now=now)


def test_escalate_opens_one_case_with_every_field(r):
    case = _escalate(r, "high", "danger_now")

    assert case["status"] == "open" and case["priority"] == "high" and case["reasons"] == ["danger_now"]
    assert case["pid"] == PID and case["channel"] == "whatsapp" and case["assignee"] == ""
    assert case["created_at"] == case["updated_at"] == 1000.0
    assert case["claimed_at"] is None and case["closed_at"] is None and case["outcome"] == ""
    assert case["escalation"] == "opened"
    assert cases.active_case(r, PID)["id"] == case["id"]


def test_new_triggers_update_the_active_case_raising_priority_and_adding_reasons(r):
    first = _escalate(r, "normal", "asked_for_person")
    again = _escalate(r, "normal", "asked_for_person", now=1001)
    raised = _escalate(r, "urgent", "minor_at_risk", now=1002)
    lower = _escalate(r, "high", "high_risk_advert", now=1003)

    assert first["id"] == again["id"] == raised["id"] == lower["id"]
    assert again["escalation"] == "updated" and raised["escalation"] == "raised"
    assert lower["priority"] == "urgent"
    assert lower["reasons"] == ["asked_for_person", "minor_at_risk", "high_risk_advert"]
    assert len(cases.list_cases(r)) == 1


def test_concurrent_triggers_for_one_contact_open_one_case(r, redis_server):
    import redis as redis_lib

    ids = []

    def trigger():
        client = redis_lib.Redis.from_url(redis_server.url, decode_responses=True)
        ids.append(cases.escalate(client, PID, channel="sms", priority="high", reason="danger_now")["id"])

    threads = [threading.Thread(target=trigger) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(ids)) == 1
    assert len(cases.list_cases(r)) == 1


def test_unknown_priority_is_refused(r):
    with pytest.raises(CaseError):
        _escalate(r, "critical")


def test_claim_release_transfer_close(r):
    case_id = _escalate(r)["id"]

    claimed = cases.claim(r, case_id, "ana", now=1060)
    assert claimed["status"] == "claimed" and claimed["assignee"] == "ana" and claimed["claimed_at"] == 1060
    assert cases.claim(r, case_id, "ana")["assignee"] == "ana"  # claiming one's own case again is harmless
    with pytest.raises(CaseError):
        cases.claim(r, case_id, "beto")

    released = cases.release(r, case_id, "ana")
    assert released["status"] == "open" and released["assignee"] == ""
    assert cases.claim(r, case_id, "beto", now=1200)["assignee"] == "beto"
    assert cases.get(r, case_id)["first_claimed_at"] == 1060

    with pytest.raises(CaseError):
        cases.transfer(r, case_id, "ana", "carla")
    assert cases.transfer(r, case_id, "beto", "carla")["assignee"] == "carla"
    with pytest.raises(CaseError):
        cases.close(r, case_id, "beto", "information_given")

    closed = cases.close(r, case_id, "carla", "information_given", now=1300)
    assert closed["status"] == "closed" and closed["outcome"] == "information_given" and closed["closed_at"] == 1300
    assert cases.active_case(r, PID) is None
    for transition in (lambda: cases.claim(r, case_id, "ana"), lambda: cases.release(r, case_id, "carla"),
                       lambda: cases.close(r, case_id, "carla", "other")):
        with pytest.raises(CaseError):
            transition()


def test_release_and_close_need_the_assignee_and_close_needs_an_outcome(r):
    case_id = _escalate(r)["id"]
    with pytest.raises(CaseError):
        cases.release(r, case_id, "ana")
    with pytest.raises(CaseError):
        cases.close(r, case_id, "ana", "other")
    cases.claim(r, case_id, "ana")
    with pytest.raises(CaseError):
        cases.close(r, case_id, "ana", "")


def test_unknown_case_is_a_case_error(r):
    for call in (lambda: cases.get(r, "nope"), lambda: cases.claim(r, "nope", "ana"),
                 lambda: cases.append_message(r, "nope", direction="in", author="contact", text="x")):
        with pytest.raises(CaseError):
            call()


def test_a_trigger_after_closing_opens_a_new_case(r):
    first = _escalate(r)["id"]
    cases.claim(r, first, "ana")
    cases.close(r, first, "ana", "other")

    second = _escalate(r, now=2000)
    assert second["id"] != first and second["escalation"] == "opened"
    assert [c["id"] for c in cases.list_cases(r, status="closed")] == [first]
    assert [c["id"] for c in cases.list_cases(r, status="open")] == [second["id"]]


def test_transcript_and_notes_keep_order_both_ways(r):
    case_id = _escalate(r)["id"]
    cases.append_message(r, case_id, direction="in", author="contact", text="ayuda, me quitaron el DNI", now=1001)
    cases.append_message(r, case_id, direction="out", author="staff:ana", text="¿Estás en un lugar seguro?", now=1002)
    cases.add_note(r, case_id, "ana", "llamar a 1818")

    assert [(m["direction"], m["author"], m["text"]) for m in cases.transcript(r, case_id)] == [
        ("in", "contact", "ayuda, me quitaron el DNI"), ("out", "staff:ana", "¿Estás en un lugar seguro?")]
    assert [n["text"] for n in cases.notes(r, case_id)] == ["llamar a 1818"]
    with pytest.raises(CaseError):
        cases.append_message(r, case_id, direction="sideways", author="contact", text="x")


def test_changes_are_published_without_text(r):
    pubsub = r.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(keys.CASE_EVENTS)
    case_id = _escalate(r, "urgent", "danger_now")["id"]
    cases.append_message(r, case_id, direction="in", author="contact", text="secreto")
    cases.claim(r, case_id, "ana")

    events = []
    deadline = time.time() + 3
    while len(events) < 3 and time.time() < deadline:
        if (message := pubsub.get_message(timeout=0.5)) is not None:
            events.append(json.loads(message["data"]))
    pubsub.close()
    assert [e["type"] for e in events] == ["opened", "message", "claimed"]
    assert events[0] == {"type": "opened", "id": case_id, "priority": "urgent", "status": "open"}
    assert "secreto" not in json.dumps(events) and PID not in json.dumps(events)


def test_list_filters_and_queue_order(r):
    normal = _escalate(r, "normal", pid="c1", now=100)["id"]
    urgent_new = _escalate(r, "urgent", pid="c2", now=300)["id"]
    urgent_old = _escalate(r, "urgent", pid="c3", now=200)["id"]
    high = _escalate(r, "high", pid="c4", now=50)["id"]
    cases.claim(r, high, "ana")

    assert [c["id"] for c in cases.queue_order(cases.list_cases(r, status="active"))] == [urgent_old, urgent_new, high, normal]
    assert {c["id"] for c in cases.list_cases(r, priority="urgent")} == {urgent_new, urgent_old}
    assert [c["id"] for c in cases.list_cases(r, status="claimed")] == [high]


def test_whatsapp_window_is_24_hours_after_the_last_inbound_message(r):
    r.hset(keys.contact(PID), mapping={"address": "whatsapp:+51987654321", "channel": "whatsapp", "last_inbound_at": "5000.0"})
    case = _escalate(r)

    assert cases.whatsapp_window_ends(r, case) == 5000.0 + DAY
    assert cases.whatsapp_window_ends(r, _escalate(r, pid="c9", channel="sms")) is None


def test_erase_contact_deletes_transcripts_and_notes_but_keeps_counts(r):
    old = _escalate(r)["id"]
    cases.append_message(r, old, direction="in", author="contact", text="hola")
    cases.claim(r, old, "ana")
    cases.close(r, old, "ana", "information_given")
    active = _escalate(r, "urgent", "danger_now", now=5000)["id"]
    cases.append_message(r, active, direction="in", author="contact", text="auxilio")
    cases.add_note(r, active, "ana", "nota")
    other = _escalate(r, pid="c-other")["id"]
    cases.append_message(r, other, direction="in", author="contact", text="otra persona")

    assert cases.erase_contact(r, PID) == 2

    assert cases.active_case(r, PID) is None
    for case_id in (old, active):
        case = cases.get(r, case_id)
        assert case["pid"] == "" and case["erased"] == "1" and case["status"] == "closed"
        assert cases.transcript(r, case_id) == [] and cases.notes(r, case_id) == []
    assert cases.get(r, active)["outcome"] == "erased"
    assert not r.exists(keys.contact_cases(PID))
    assert PID not in json.dumps([r.hgetall(k) for k in r.keys("cs:case:*") if r.type(k) == "hash"])
    assert len(cases.list_cases(r)) == 3 and cases.get(r, old)["priority"] == "normal"
    assert [m["text"] for m in cases.transcript(r, other)] == ["otra persona"]
    cases.append_message(r, active, direction="in", author="contact", text="tarde")  # a late worker write is dropped
    assert cases.transcript(r, active) == []


def test_purge_closed_deletes_old_transcripts_only(r):
    old = _escalate(r, pid="c-old", now=0)["id"]
    recent = _escalate(r, pid="c-recent", now=0)["id"]
    still_open = _escalate(r, pid="c-open", now=0)["id"]
    for case_id in (old, recent, still_open):
        cases.append_message(r, case_id, direction="in", author="contact", text="hola", now=1)
        cases.add_note(r, case_id, "ana", "nota")
    for case_id, closed_at in ((old, 10 * DAY), (recent, 95 * DAY)):
        cases.claim(r, case_id, "ana")
        cases.close(r, case_id, "ana", "other", now=closed_at)

    assert cases.purge_closed(r, 90, now=101 * DAY) == 1

    assert cases.transcript(r, old) == [] and cases.notes(r, old) == [] and cases.get(r, old)["erased"] == "1"
    assert len(cases.transcript(r, recent)) == 1 and len(cases.transcript(r, still_open)) == 1
    assert cases.get(r, old)["outcome"] == "other"
    assert cases.purge_closed(r, 90, now=101 * DAY) == 0
    assert cases.purge_closed(r, 90, now=186 * DAY) == 1


@pytest.mark.parametrize("address, masked", [
    ("+51987654321", "+51 9•• ••• 321"),
    ("whatsapp:+51987654321", "whatsapp:+51 9•• ••• 321"),
    ("whatsapp:US.13491208655302741918", "whatsapp:••••918"),
    ("web:Zk3v9QmLx0aB", "web:••••0aB"),
    ("", "••••"),
])
def test_mask_address(address, masked):
    assert cases.mask_address(address) == masked
    if address:
        assert address.split(":")[-1][1:-3] not in masked


def test_staff_reply_and_hand_back_go_through_the_contact_inbox(r, config):
    r.hset(keys.contact(PID), mapping={"address": "whatsapp:+51987654321", "channel": "whatsapp", "language": "es"})
    case = _escalate(r)

    reply_id = handoff.send_staff_reply(r, case, "ana", "Hola, soy Ana")
    back_id = handoff.hand_back(r, case)

    assert r.lrange(keys.inbox(PID), 0, -1) == [reply_id, back_id]
    reply = r.hgetall(keys.message(reply_id))
    assert reply["kind"] == "staff" and reply["author"] == "staff:ana" and json.loads(reply["replies"]) == ["Hola, soy Ana"]
    assert reply["channel"] == "whatsapp" and reply["body"] == ""
    back = r.hgetall(keys.message(back_id))
    assert back["kind"] == "system" and "asistente" in json.loads(back["replies"])[0]


def test_oncall_alert_for_urgent_cases_is_rate_limited_and_names_no_one(r, env):
    from bot.config import load_config

    config = load_config({**env, "ONCALL_NUMBERS": "+51911111111,whatsapp:+51922222222", "ONCALL_ALERT_MINUTES": "10"})
    r.hset(keys.contact(PID), mapping={"address": "+51987654321", "channel": "sms"})

    assert handoff.escalate_and_alert(config, r, PID, channel="sms", priority="normal", reason="asked_for_person")
    assert not r.keys("cs:inbox:*")
    handoff.escalate_and_alert(config, r, PID, channel="sms", priority="urgent", reason="danger_now")
    handoff.escalate_and_alert(config, r, "c-second", channel="sms", priority="urgent", reason="danger_now")

    for number, channel in (("+51911111111", "sms"), ("whatsapp:+51922222222", "whatsapp")):
        pid = contacts.pseudonym(config.pseudonym_key, number)
        assert queue.pending(r, pid) == 1
        assert contacts.profile(r, pid)["address"] == number and contacts.profile(r, pid)["channel"] == channel
        alert = r.hgetall(keys.message(r.lindex(keys.inbox(pid), 0)))
        assert alert["channel"] == channel and "URGENTE" in alert["replies"]
        assert "987654321" not in alert["replies"] and PID not in alert["replies"]
    assert 0 < r.ttl(keys.ONCALL_ALERTED) <= 600


def test_no_oncall_numbers_no_alert(r, config):
    case = _escalate(r, "urgent")
    assert handoff.notify_oncall(config, r, case) == 0
    assert not r.exists(keys.ONCALL_ALERTED)
