"""Every Redis key the product uses, named in one place."""

PREFIX = "cs"

READY = f"{PREFIX}:ready"  # zset: contact pseudonym -> earliest time a worker may take it
WAKE = f"{PREFIX}:wake"  # list: pokes idle workers when work arrives
DEAD_LETTER = f"{PREFIX}:deadletter"  # list of JSON records that could not be delivered

# Rasa keeps its trackers and locks in the same Redis under these prefixes (see bot/launch.py).
RASA_TRACKER_PREFIX = "rasa:tracker:"
RASA_LOCK_PREFIX = "rasa:lock:"


def message(msg_id: str) -> str:
    """Hash holding one inbound message and its progress; its existence marks the id as seen."""
    return f"{PREFIX}:msg:{msg_id}"


def inbox(pid: str) -> str:
    """List of a contact's message ids waiting, oldest first."""
    return f"{PREFIX}:inbox:{pid}"


def lease(pid: str) -> str:
    """Which worker currently owns a contact."""
    return f"{PREFIX}:lease:{pid}"


def contact(pid: str) -> str:
    """Hash of a contact: address, channel, language, opt-out, holding-reply time."""
    return f"{PREFIX}:contact:{pid}"


def outbound(reply_id: str) -> str:
    """Hash of one outbound message: Twilio SID, delivery status, error code."""
    return f"{PREFIX}:out:{reply_id}"


def twilio_sid(sid: str) -> str:
    """Maps a Twilio message SID to our outbound reply id."""
    return f"{PREFIX}:sid:{sid}"


def web_outbox(pid: str) -> str:
    """List of replies to a simulator (web channel) contact."""
    return f"{PREFIX}:web:{pid}"


def holding(pid: str) -> str:
    """Set while a contact has recently been sent a holding reply, so they get one, not many."""
    return f"{PREFIX}:held:{pid}"
