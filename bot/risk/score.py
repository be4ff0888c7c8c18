"""Combine detected signals into a risk level and a score: patterns decide, single words do not."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from .detect import LEARNED, Hit
from .model import LEVELS
from .resemblance import HIGH_AT

LEGIT_CODES = (
    "valid_ruc", "named_company", "address", "payroll", "written_contract",
    "no_fees", "corporate_contact", "official_portal", "registered_agency", LEARNED["legit"],
)
_LEGIT = frozenset(LEGIT_CODES)
# The learned second opinion (resemblance.py): a reason only when it changed the level.
LEARNED_CODES = tuple(LEARNED.values())
_LURES = frozenset({"young_women_sought", "euphemism_role", "nightlife_role", "photo_request"})
STRONG_LEGIT = 0.6
SOME_LEGIT = 0.5
VERY_STRONG_LEGIT = 0.9
MINING_SITE = 0.2  # weight of camp and mining-town names, above that of regions and cities
BANDS = {"low": (0.0, 0.33), "medium": (0.34, 0.66), "high": (0.67, 1.0)}


@dataclass(frozen=True)
class Verdict:
    """A level, a score inside that level's band, and the hits worth showing."""

    level: str
    score: float
    hits: tuple[Hit, ...]


def _exploitation(hits: dict[str, Hit]) -> bool:
    """The mining-camp / nightlife recruitment pattern of the research notes."""
    has = set(hits)
    dest = bool(has & {"remote_destination", "work_abroad"})
    strong_role = bool(has & {"nightlife_role", "euphemism_role"})
    role = strong_role or bool(has & {"camp_kitchen_role", "hostess_or_model_role"})
    target = "young_women_sought" in has or {"hostess_or_model_role", "nightlife_role"} <= has
    lure = bool(has & {"paid_travel", "board_included"})
    euphemism_context = has & {"young_women_sought", "paid_travel", "board_included", "photo_request",
                               "remote_destination", "work_abroad", "document_retention"}
    anonymous = "hidden_employer" in has  # only a phone or WhatsApp: no company, RUC or address
    body_photos = "photo_request" in hits and hits["photo_request"].weight >= 0.3
    at_mine = "remote_destination" in hits and hits["remote_destination"].weight >= MINING_SITE
    mining_camp = at_mine and {"paid_travel", "board_included"} <= has  # fares and board to a mining town
    return (
        ((dest or role) and target and lure)
        or mining_camp
        or (at_mine and anonymous and (role or "board_included" in has))  # waitresses or lodging at a mining town, from a phone number
        or (body_photos and role and (target or lure))  # photos of the body for a hostess or nightlife job
        or ("young_women_sought" in has and {"paid_travel", "board_included"} <= has)  # fare and board for girls
        or (anonymous and target and (dest or (role and bool(has & {"pay_out_of_line", "photo_request"}))))
        or (anonymous and dest and lure and "photo_request" in has)  # fare paid abroad, photo asked, no employer
        or ("sponsorship" in has and target and lure)  # a girl's keep and studies in return for housework
        or (dest and strong_role)
        or (dest and role and (lure or target))
        or ("euphemism_role" in has and bool(euphemism_context))
    )


def _control(hits: dict[str, Hit]) -> bool:
    """Held by papers, debt or isolation: how victims of trafficking are controlled.

    Aimed at young women or for nightlife, any one of these on top of travel or lodging is enough; for anyone
    else (labour trafficking) it takes a trip to a remote site, or both papers and debt."""
    has = set(hits)
    moved = bool(has & {"paid_travel", "remote_destination", "work_abroad"})
    retained = "document_retention" in has and hits["document_retention"].weight >= 0.3
    indebted = "deducted_costs" in has and "paid_travel" in has
    if retained and has & {"remote_destination", "work_abroad"}:
        return True  # papers kept far from home
    if sum((retained, "deducted_costs" in has, "isolation" in has)) >= 2 or {"isolation", "board_included"} <= has:
        return True  # two ways of holding someone, or cut off where they live
    isolated = "isolation" in has and moved
    if has & {"young_women_sought", "nightlife_role", "euphemism_role", "hostess_or_model_role"}:
        return (retained and moved) or indebted or isolated
    remote_trip = "remote_destination" in has and bool(has & {"paid_travel", "board_included"})
    return (remote_trip and (retained or indebted or isolated)) or (retained and indebted)


def _groups(has: set[str]) -> int:
    groups = (
        {"remote_destination", "work_abroad"},
        {"nightlife_role", "euphemism_role", "camp_kitchen_role", "hostess_or_model_role"},
        {"young_women_sought"},
        {"paid_travel", "board_included"},
    )
    return sum(1 for group in groups if has & group)


def _scam(hits: dict[str, Hit]) -> bool:
    """Fees, debts and too-good-to-be-true offers: the ordinary scams."""
    has = set(hits)
    if has & {"upfront_fee", "deducted_costs", "visa_fee_abroad", "euphemism_role", "credentials"}:
        return True
    strong = {code for code, hit in hits.items() if hit.weight >= 0.3}
    if strong & {"document_retention", "easy_money", "pay_out_of_line"}:
        return True
    if "pay_out_of_line" in has and (has & {"hidden_employer", "easy_money", "urgency"}):
        return True
    if "photo_request" in has and (has & {"young_women_sought", "hostess_or_model_role", "nightlife_role"}):
        return True
    return "sponsorship" in has and bool(has & {"board_included", "young_women_sought"})


def _refine(hits: dict[str, Hit]) -> dict[str, Hit]:
    """Drop hits that only mean something together with others, promote ones that now do."""
    hits = dict(hits)
    destination = hits.get("remote_destination")
    at_camp = destination is not None and destination.weight >= MINING_SITE
    if not at_camp:
        hits.pop("camp_kitchen_role", None)  # a cook or waitress is only a flag when taken to a mining site
    any_age = hits.pop("_any_age", None)
    context = {"young_women_sought", "nightlife_role", "euphemism_role", "hostess_or_model_role", "paid_travel", "board_included"}
    if any_age and "minors_sought" not in hits and context & set(hits):
        hits["minors_sought"] = Hit("minors_sought", any_age.weight, any_age.evidence)
    return hits


def _strong_legit(hits: dict[str, Hit], legit: float) -> bool:
    """An employer who can be checked (a valid RUC, a public portal, or a named company with a payroll)."""
    has = set(hits)
    identified = bool(has & {"valid_ruc", "official_portal"}) or {"named_company", "payroll"} <= has
    return legit >= STRONG_LEGIT and identified


def _learned(level: str, hits: dict[str, Hit], learned: dict[str, Hit], legit: float) -> str:
    """The level after the learned second opinion.

    It may raise the level (to medium only for a checkable employer), and lower a medium that rests on no
    more than several weak signals together: never one with a scam sign, the exploitation or control pattern,
    young women or nightlife, or minors sought.
    """
    if LEARNED["legit"] in learned:
        pattern = _exploitation(hits) or _control(hits) or bool(set(hits) & _LURES)
        vague = level == "medium" and "minors_sought" not in hits and not _scam(hits) and not pattern
        return "low" if vague else level
    view = learned.get(LEARNED["high"]) or learned.get(LEARNED["scam"])
    if view is None:
        return level
    raised = "high" if view.code == LEARNED["high"] and view.weight >= HIGH_AT else "medium"
    if raised == "high" and _strong_legit(hits, legit):
        raised = "medium"
    return max(level, raised, key=LEVELS.index)


def _level(hits: dict[str, Hit], legit: float) -> str:
    has = set(hits)
    strong_legit = _strong_legit(hits, legit)
    if "minors_sought" in has:
        exposure = has - {"minors_sought", "urgency", "social_channel", "school_holidays", *LEGIT_CODES}
        return "high" if exposure else "medium"
    if _exploitation(hits) or _control(hits):
        if not strong_legit:
            return "high"
        lure_words = has & _LURES
        return "low" if legit >= VERY_STRONG_LEGIT and not lure_words else "medium"
    if _scam(hits):
        return "medium"
    if _groups(has) >= 2 or math.fsum(hits[c].weight for c in has - _LEGIT) >= 0.45:
        return "low" if legit >= SOME_LEGIT else "medium"
    return "low"


def decide(raw: dict[str, Hit], second_opinion: Callable[[], dict[str, Hit]] | None = None) -> Verdict:
    """The level and score for the hits the patterns found in one advert.

    `second_opinion` gives the learned hits; it is asked only when the patterns leave the level below high.
    """
    hits = _refine(raw)
    legit = math.fsum(hit.weight for code, hit in hits.items() if code in _LEGIT)  # fsum: order makes no odds
    level = _level(hits, legit)
    learned: dict[str, Hit] = {}
    if level != "high" and second_opinion is not None:
        learned = second_opinion()
        changed = _learned(level, hits, learned, legit)
        if changed != level:
            hits.update(learned)  # the second opinion is a reason only when it changed the level
            level = changed
    risk = math.fsum(hit.weight for code, hit in hits.items() if code not in _LEGIT)
    low, high = BANDS[level]
    net = max(0.0, risk - 0.5 * legit)
    score = round(low + (high - low) * (1 - math.exp(-1.5 * net)), 2)
    ordered = sorted(hits.values(), key=lambda hit: (hit.code in _LEGIT, hit.code in learned, -hit.weight, hit.code))
    return Verdict(level, score, tuple(ordered))
