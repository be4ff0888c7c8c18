"""Custom actions for Chamba Segura, run with `rasa run actions --actions bot.actions`."""
from bot.actions.check_offer import ActionCheckOffer
from bot.actions.data import ActionDeleteData
from bot.actions.handoff import ActionHandoff, ActionHandoffUrgent
from bot.actions.validation import ValidateSlotMappings

__all__ = [
    "ActionCheckOffer",
    "ActionDeleteData",
    "ActionHandoff",
    "ActionHandoffUrgent",
    "ValidateSlotMappings",
]
