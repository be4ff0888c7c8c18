"""What staff send to a contact: replies and the hand-back on closing, queued through the contact's inbox
so they go out by the worker's ordered outbound path; and the on-call alert for urgent cases."""
from __future__ import annotations

import json
import time
import uuid
from functools import lru_cache
from pathlib import Path

import redis
import yaml

from bot import cases, contacts, keys, queue
from bot.config import Config

TEXTS_FILE = Path(__file__).parent / "web" / "dashboard" / "texts.yml"


@lru_cache(maxsize=1)
def texts() -> dict:
    """The dashboard's texts (hand-back, on-call alert, snippets, outcome and reason labels)."""
    with TEXTS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _job(channel: str, kind: str, author: str, text: str) -> dict[str, str]:
    return {"channel": channel, "kind": kind, "author": author, "body": "",
            "replies": json.dumps([text], ensure_ascii=False), "received_at": repr(time.time())}


def send_staff_reply(r: redis.Redis, case: dict, username: str, text: str) -> str:
    """Queue a staff member's reply to the case's contact; returns the job id."""
    job_id = f"staff-{uuid.uuid4().hex}"
    queue.enqueue(r, job_id, case["pid"], _job(case["channel"], "staff", f"staff:{username}", text))
    return job_id


def hand_back(r: redis.Redis, case: dict) -> str:
    """Queue the message telling the contact that the bot answers again; returns the job id."""
    text = texts()["hand_back"].get(contacts.language(r, case["pid"])) or texts()["hand_back"]["es"]
    job_id = f"staff-{uuid.uuid4().hex}"
    queue.enqueue(r, job_id, case["pid"], _job(case["channel"], "system", "system", text))
    return job_id


def notify_oncall(sender_config: Config, r: redis.Redis, case: dict) -> int:
    """Alert the on-call numbers of an urgent case, at most once per ONCALL_ALERT_MINUTES; returns alerts queued."""
    numbers = tuple(sender_config.oncall_numbers or ())
    if case.get("priority") != "urgent" or not numbers:
        return 0
    ttl = max(1, int(sender_config.oncall_alert_minutes * 60))
    if not r.set(keys.ONCALL_ALERTED, case["id"], nx=True, ex=ttl):
        return 0
    for number in numbers:
        channel = "whatsapp" if number.startswith("whatsapp:") else "sms"
        pid = contacts.pseudonym(sender_config.pseudonym_key, number)
        queue.enqueue(r, f"oncall-{uuid.uuid4().hex}", pid, _job(channel, "system", "system", texts()["oncall_alert"]),
                      contacts.details(number, channel))
    return len(numbers)


def escalate_and_alert(config: Config, r: redis.Redis, pid: str, *, channel: str, priority: str, reason: str,
                       now: float | None = None) -> dict:
    """Escalate (see cases.escalate) and alert on-call staff when the case is, or has become, urgent."""
    case = cases.escalate(r, pid, channel=channel, priority=priority, reason=reason, now=now)
    if case["escalation"] in ("opened", "raised"):
        notify_oncall(config, r, case)
    return case
