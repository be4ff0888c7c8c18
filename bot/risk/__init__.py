"""Job-advert risk check: spots signs of trafficking and recruitment scams in Peruvian job adverts."""
from .assessment import MINIMUM_WAGE, assess
from .model import LEVELS, Advice, Assessment, Signal
from .ruc import is_valid_ruc

__all__ = ["LEVELS", "MINIMUM_WAGE", "Advice", "Assessment", "Signal", "assess", "is_valid_ruc"]
