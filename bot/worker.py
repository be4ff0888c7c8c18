"""The worker process: takes each contact's messages in order, asks Rasa, and sends the replies."""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from typing import Iterator

from bot import cases, contacts, danger, handoff, keys, media, ocr, queue, rasa_edge, sms, texts, twilio_edge
from bot.config import Config, load_config
from bot.erase import erase_contact
from bot.errors import RasaUnavailable
from bot.media import MediaError
from bot.ocr import OcrError
from bot.outbound import Sender, dead_letter, deliver
from bot.store import connect

log = logging.getLogger("bot.worker")

HOLDING_REPLY_EVERY_SECONDS = 600  # at most one holding reply per contact in this time
GIVE_UP_AFTER_SECONDS = 24 * 3600  # a message Rasa never answered in this time is dead-lettered
MAX_RETRY_WAIT_SECONDS = 15.0
RETENTION_SWEEP_SECONDS = 3600
# Which text answers a picture we could not use (bot/messages.yml), by the reason media/OCR gave.
PHOTO_PROBLEMS = {"too_large": "photo_too_large", "unsupported": "photo_unsupported", "audio": "audio_not_supported"}


def handle_next(sender: Sender, token: str) -> bool:
    """Handle the head message of one ready contact; False when there was nothing to do."""
    r, config = sender.redis, sender.config
    pid = queue.claim(r, token, config.worker_lease_seconds)
    if pid is None:
        return False
    try:
        with _heartbeat(sender, pid, token):
            msg_id = queue.head(r, pid)
            if msg_id is None:
                queue.release(r, pid, token)
                return True
            retry_at = handle_message(sender, pid, msg_id)
    except Exception:
        _release_quietly(sender, pid, token)
        raise
    if retry_at is None:
        if not queue.ack(r, pid, msg_id, token):
            log.warning("lease on a contact was lost while handling %s", msg_id)
    else:
        queue.postpone(r, pid, token, retry_at)
    return True


def _release_quietly(sender: Sender, pid: str, token: str) -> None:
    try:
        queue.release(sender.redis, pid, token)
    except Exception:  # noqa: BLE001 - Redis may be what failed; the lease then simply expires
        log.debug("could not release a lease after an error")


def handle_message(sender: Sender, pid: str, msg_id: str) -> float | None:
    """Answer one queued job; returns when to try again if it could not be answered yet, else None.

    Jobs are the contact's messages ("inbound"), and replies others queued for them in order:
    staff replies ("staff"), system notices ("system"), and erasure requests ("erase").
    """
    r = sender.redis
    msg = r.hgetall(keys.message(msg_id))
    kind = msg.get("kind", "inbound")
    if kind == "erase":
        erase_contact(r, pid)
        return None
    case = cases.active_case(r, pid)
    if kind == "inbound" and case and not msg.get("in_case"):
        _file_in_case(r, case, msg)
    if "replies" in msg:
        replies = json.loads(msg["replies"])
    else:
        try:
            replies = compose(sender, pid, msg, case)
        except RasaUnavailable as exc:
            return _not_answered(sender, pid, msg, str(exc))
        r.hset(keys.message(msg_id), "replies", json.dumps(replies, ensure_ascii=False))
        if case is None and kind == "inbound":
            # This very message may have opened a case (danger, a person asked for): staff should see it.
            case = cases.active_case(r, pid)
            if case:
                _file_in_case(r, case, msg)
    channel = msg.get("channel", "sms")
    author = msg.get("author", "bot")
    parts = [part for reply in replies for part in sms.for_channel(reply, channel)]
    for index, part in enumerate(parts):
        if deliver(sender, pid, f"{msg_id}:{index}", part) == "sent" and case:
            cases.append_message(r, case["id"], direction="out", author=author, text=part)
    body = msg.get("body", "")
    if kind == "inbound" and contacts.opt_change(body) == "out":
        contacts.set_opted_out(r, pid, True)
    if kind == "inbound" and contacts.asks_erasure(body):
        r.delete(keys.contact(pid))  # the rest went before the confirmation; now where to send it goes too
    return None


def _file_in_case(r, case: dict, msg: dict[str, str]) -> None:
    """Put an inbound message in the contact's case transcript, once."""
    cases.append_message(r, case["id"], direction="in", author="contact", text=_as_transcript(msg))
    r.hset(keys.message(msg["id"]), "in_case", "1")


def _escalate_danger(sender: Sender, pid: str, msg: dict[str, str]) -> None:
    """Open (or raise to urgent) the contact's case because they said they are in danger now."""
    channel = msg.get("channel", "sms")
    handoff.escalate_and_alert(sender.config, sender.redis, pid, channel=channel, priority="urgent", reason="danger_now")


def _as_transcript(msg: dict[str, str]) -> str:
    """How an inbound message reads in a case transcript (a photo shows what was read from it)."""
    if msg.get("body"):
        return msg["body"]
    if int(msg.get("num_media") or 0):
        return f"[foto] {msg.get('ocr_text', '')}".strip()
    return ""


def compose(sender: Sender, pid: str, msg: dict[str, str], case: dict | None = None) -> list[str]:
    """The replies to one inbound message: Rasa's, or the delivery layer's own (opt-out, erasure, handoff, media)."""
    r = sender.redis
    body = msg.get("body", "")
    language = contacts.update_language(r, pid, body)
    change = contacts.opt_change(body)
    if change == "out":
        return [texts.text("opted_out", language)]
    if change == "in":
        contacts.set_opted_out(r, pid, False)
        return [texts.text("opted_in", language)]
    if contacts.is_opted_out(r, pid):
        return []
    if contacts.asks_erasure(body):
        erase_contact(r, pid, keep_address=True)
        return [texts.text("erased", language)]
    if case:
        # Staff have this conversation: the bot stays quiet, except to give emergency numbers.
        if danger.in_danger(body):
            _escalate_danger(sender, pid, msg)
            return [texts.text("handoff_danger", language)]
        return []
    if not rasa_edge.clean_text(body):
        if not int(msg.get("num_media") or 0):
            return [texts.text("empty", language)]
        try:
            body = _photo_text(sender, msg)
        except (MediaError, OcrError) as exc:
            return [texts.text(PHOTO_PROBLEMS.get(exc.reason, "photo_unreadable"), language)]
    replies = _rasa_turn(sender, pid, msg, body)
    if danger.in_danger(body) and cases.active_case(r, pid) is None:
        # A safety net under the NLU: danger words always reach staff and give the emergency numbers.
        _escalate_danger(sender, pid, msg)
        replies = [texts.text("handoff_danger", language), *replies]
    if not r.hget(keys.contact(pid), "notice_sent"):
        r.hset(keys.contact(pid), "notice_sent", "1")
        replies = [*replies, texts.text("privacy_notice", language)]
    return replies


def _photo_text(sender: Sender, msg: dict[str, str]) -> str:
    """The text read from the message's first picture (read once, kept for retries); raises MediaError or OcrError."""
    if msg.get("ocr_text"):
        return msg["ocr_text"]
    first = (json.loads(msg.get("media") or "[]") or [{}])[0]
    if str(first.get("type", "")).startswith("audio/"):
        raise MediaError("audio")
    if not first.get("url"):
        raise MediaError("unreachable")
    text = ocr.read_text(media.fetch(first["url"], first.get("type", ""), sender.config), first.get("type", ""))
    sender.redis.hset(keys.message(msg["id"]), "ocr_text", text)
    msg["ocr_text"] = text
    return text


def _rasa_turn(sender: Sender, pid: str, msg: dict[str, str], body: str) -> list[str]:
    r, config = sender.redis, sender.config
    if msg.get("rasa_started_at"):
        # An earlier attempt reached Rasa; if Rasa recorded the turn, reuse it rather than repeat it.
        since = float(msg["rasa_started_at"])
        earlier = rasa_edge.replies_in_tracker(config.rasa_url, pid, body, since, config.rasa_timeout)
        if earlier is not None:
            return earlier
    started_at = time.time()
    r.hset(keys.message(msg["id"]), "rasa_started_at", repr(started_at))
    channel = msg.get("channel", "sms")
    return rasa_edge.turn(config.rasa_url, pid, body, channel, _rasa_timeout(config, msg), started_at)


def _rasa_timeout(config: Config, msg: dict[str, str]) -> float:
    # Until the holding reply has gone, don't wait on Rasa past its deadline.
    if msg.get("holding_sent"):
        return config.rasa_timeout
    left = float(msg.get("received_at", time.time())) + config.holding_reply_seconds - time.time()
    return max(2.0, min(config.rasa_timeout, left))


def _not_answered(sender: Sender, pid: str, msg: dict[str, str], reason: str) -> float | None:
    r, config = sender.redis, sender.config
    msg_id = msg["id"]
    attempts = r.hincrby(keys.message(msg_id), "attempts", 1)
    waited = time.time() - float(msg.get("received_at", time.time()))
    log.warning("message %s not answered yet (attempt %d): %s", msg_id, attempts, reason)
    urgent = danger.in_danger(msg.get("body", ""))
    if (waited >= config.holding_reply_seconds or urgent) and not msg.get("holding_sent"):
        _send_holding_reply(sender, pid, msg_id)
    if waited >= GIVE_UP_AFTER_SECONDS:
        dead_letter(r, msg_id, pid, f"no answer from rasa: {reason}", msg.get("body", ""))
        r.hset(keys.message(msg_id), "replies", json.dumps([texts.text("no_answer", contacts.language(r, pid))]))
        return time.time()
    backoff = min(MAX_RETRY_WAIT_SECONDS, 0.5 * 2 ** min(attempts, 6))
    retry_at = time.time() + backoff
    if not msg.get("holding_sent"):
        retry_at = min(retry_at, float(msg.get("received_at", 0)) + config.holding_reply_seconds)
    return max(retry_at, time.time() + 0.2)


def _send_holding_reply(sender: Sender, pid: str, msg_id: str) -> None:
    r = sender.redis
    r.hset(keys.message(msg_id), "holding_sent", "1")
    if not r.set(keys.holding(pid), "1", nx=True, ex=HOLDING_REPLY_EVERY_SECONDS):
        return
    deliver(sender, pid, f"{msg_id}:holding", texts.text("holding", contacts.language(r, pid)))


@contextmanager
def _heartbeat(sender: Sender, pid: str, token: str) -> Iterator[None]:
    """Keep renewing our lease on a contact while we work on it."""
    done = threading.Event()
    period = sender.config.worker_lease_seconds / 3

    def beat() -> None:
        while not done.wait(period):
            if not queue.renew(sender.redis, pid, token, sender.config.worker_lease_seconds):
                return

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def sweep_retention(sender: Sender) -> int:
    """Once an hour across all workers, delete closed cases' transcripts older than CASE_RETENTION_DAYS."""
    if not sender.redis.set(keys.RETENTION_SWEEP, "1", nx=True, ex=RETENTION_SWEEP_SECONDS):
        return 0
    purged = cases.purge_closed(sender.redis, sender.config.case_retention_days)
    if purged:
        log.info("retention: purged %d closed case transcripts", purged)
    return purged


def run(config: Config, stop: threading.Event) -> None:
    """Work until asked to stop, finishing the message in hand first."""
    r = connect(config)
    client = twilio_edge.make_client(config) if config.twilio_enabled else None
    sender = Sender(config=config, redis=r, twilio=client)
    token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    log.info("worker %s started (twilio %s)", token, "on" if client else "off: simulator only")
    while not stop.is_set():
        try:
            sweep_retention(sender)
            if not handle_next(sender, token):
                queue.wait_for_work(r, 1)
        except Exception:  # noqa: BLE001 - a worker must survive Redis restarts and bugs in one message
            if stop.is_set():
                break
            log.exception("worker loop error; retrying shortly")
            stop.wait(1)
    log.info("worker %s stopped", token)


def main() -> None:
    """Entry point of `python -m bot.worker`."""
    config = load_config()
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    run(config, stop)


if __name__ == "__main__":
    main()
