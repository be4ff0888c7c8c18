"""The few named exceptions of the product."""


class ConfigError(Exception):
    """The environment does not describe a usable deployment."""


class RasaUnavailable(Exception):
    """Rasa could not produce a turn for a message (down, slow, or answered with an error)."""


class SendFailed(Exception):
    """Twilio refused or could not take a message."""

    def __init__(self, reason: str, *, transient: bool, code: int | None = None) -> None:
        super().__init__(reason)
        self.transient = transient
        self.code = code


class CaseError(Exception):
    """An escalation case cannot do what was asked (unknown case, or a transition its status forbids)."""
