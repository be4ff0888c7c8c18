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


# --- escalation cases and the staff dashboard ----------------------------------------------------

CASES = f"{PREFIX}:cases"  # zset: case id -> created_at, every case ever opened
CASES_ACTIVE = f"{PREFIX}:cases:active"  # set of open or claimed case ids
CASES_TO_PURGE = f"{PREFIX}:cases:topurge"  # zset: closed case id -> closed_at, until its transcript is purged
CASE_EVENTS = f"{PREFIX}:cases:events"  # pub/sub channel of JSON case events for the live dashboard
STAFF_USERS = f"{PREFIX}:staff:users"  # set of staff usernames
STAFF_AUDIT = f"{PREFIX}:staff:audit"  # list of JSON audit records, newest first
STAFF_SNIPPETS = f"{PREFIX}:staff:snippets"  # JSON list of pre-approved reply texts
ONCALL_ALERTED = f"{PREFIX}:oncall:alerted"  # set while on-call staff were recently alerted


def case(case_id: str) -> str:
    """Hash of one escalation case: contact pseudonym, priority, reasons, status, assignee, times, outcome."""
    return f"{PREFIX}:case:{case_id}"


def case_transcript(case_id: str) -> str:
    """List of JSON messages of a case, both ways, oldest first."""
    return f"{PREFIX}:case:{case_id}:transcript"


def case_notes(case_id: str) -> str:
    """List of JSON internal staff notes of a case, oldest first."""
    return f"{PREFIX}:case:{case_id}:notes"


def active_case(pid: str) -> str:
    """The id of a contact's open or claimed case."""
    return f"{PREFIX}:case:active:{pid}"


def contact_cases(pid: str) -> str:
    """Set of every case id of a contact (for erasure)."""
    return f"{PREFIX}:case:bycontact:{pid}"


def staff_user(username: str) -> str:
    """Hash of a staff account: role, password hash, disabled flag."""
    return f"{PREFIX}:staff:user:{username}"


def staff_session(token: str) -> str:
    """Hash of a signed-in staff session; expires when idle."""
    return f"{PREFIX}:staff:session:{token}"


def staff_user_sessions(username: str) -> str:
    """Set of a staff member's session tokens, so disabling an account ends them."""
    return f"{PREFIX}:staff:sessions:{username}"


def login_failures(scope: str) -> str:
    """Counter of recent failed logins for one username or client address."""
    return f"{PREFIX}:staff:loginfail:{scope}"

# Set while one worker runs the hourly retention sweep, so the others skip it.
RETENTION_SWEEP = f"{PREFIX}:retention:sweep"
