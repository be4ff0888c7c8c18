"""Anonymous figures over cases: open by priority, median time to claim, cases per day, outcomes."""
from __future__ import annotations

import statistics
import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from bot.cases import ACTIVE, PRIORITIES

LIMA = timezone(timedelta(hours=-5))


def compute(cases: list[dict], days: int = 14, now: float | None = None) -> dict:
    """The dashboard's figures from a list of cases (erased ones count too)."""
    now = time.time() if now is None else now
    open_by_priority = Counter(c["priority"] for c in cases if c["status"] in ACTIVE)
    waits = [c["first_claimed_at"] - c["created_at"] for c in cases if c.get("first_claimed_at") and c["created_at"]]
    today = datetime.fromtimestamp(now, LIMA).date()
    per_day = Counter(datetime.fromtimestamp(c["created_at"], LIMA).date() for c in cases if c["created_at"])
    return {
        "open_by_priority": [(p, open_by_priority.get(p, 0)) for p in PRIORITIES],
        "median_claim_seconds": statistics.median(waits) if waits else None,
        "claimed_count": len(waits),
        "per_day": [(day.strftime("%d/%m"), per_day.get(day, 0))
                    for day in (today - timedelta(days=n) for n in range(days - 1, -1, -1))],
        "outcomes": Counter(c["outcome"] for c in cases if c["status"] == "closed" and c["outcome"]).most_common(),
        "total": len(cases),
    }
