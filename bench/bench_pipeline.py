"""Pipeline benchmark: webhook acknowledgement latency at a steady rate, and end-to-end time against Rasa alone.

Starts its own private Redis, the real Rasa stack, gunicorn and one worker, and a Twilio stand-in;
prints figures, asserts nothing.  Run: .venv/bin/python bench/bench_pipeline.py [--rate 100] [--seconds 10]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.harness import RasaStack, RedisServer, Workers, free_port, wait_until  # noqa: E402
from tests.twilio_standin import Running, TwilioStandIn  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

ACCOUNT_SID, AUTH_TOKEN = "AC" + "2" * 32, "b" * 32


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def signed_form(public_url: str, sid: str, sender: str, body: str) -> tuple[dict[str, str], dict[str, str]]:
    """A Twilio inbound form and its signature header."""
    form = {"MessageSid": sid, "From": sender, "To": "+51900000001", "Body": body, "NumMedia": "0", "AccountSid": ACCOUNT_SID}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(f"{public_url}/twilio/messages", form)
    return form, {"X-Twilio-Signature": signature}


def ack_latency(web: str, public_url: str, rate: float, seconds: float) -> list[float]:
    """Send signed webhooks at a steady rate (open loop) and return each acknowledgement's latency in ms."""
    total = int(rate * seconds)
    requests_ = [signed_form(public_url, f"SMack{i:027d}", f"+519{i % 500:08d}", "hola") for i in range(total)]
    latencies: list[float] = [0.0] * total
    session_local = threading.local()

    def fire(index: int, due: float) -> None:
        session = getattr(session_local, "s", None) or requests.Session()
        session_local.s = session
        time.sleep(max(0.0, due - time.perf_counter()))
        form, headers = requests_[index]
        start = time.perf_counter()
        response = session.post(f"{web}/twilio/messages", data=form, headers=headers, timeout=10)
        latencies[index] = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.status_code

    start = time.perf_counter() + 0.5
    with ThreadPoolExecutor(max_workers=32) as pool:
        for index in range(total):
            pool.submit(fire, index, start + index / rate)
    return latencies


def end_to_end(web: str, public_url: str, rasa_url: str, standin: TwilioStandIn, turns: int, tag: str) -> tuple[list[float], list[float]]:
    """Alternate a full pipeline turn and a direct Rasa REST turn; return both lists of times in ms."""
    pipeline, direct = [], []
    session = requests.Session()
    for i in range(turns):
        word = "hola" if i % 2 == 0 else "chau"
        form, headers = signed_form(public_url, f"SM{tag}{i:030d}", "+51911000000", word)
        before = len(standin.messages)
        start = time.perf_counter()
        session.post(f"{web}/twilio/messages", data=form, headers=headers, timeout=10)
        if len(standin.wait_for(before + 1, timeout=30)) <= before:
            raise RuntimeError("no reply reached the Twilio stand-in")
        pipeline.append((time.perf_counter() - start) * 1000)

        start = time.perf_counter()
        answer = session.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": f"bench-direct-{tag}", "message": word}, timeout=30)
        direct.append((time.perf_counter() - start) * 1000)
        assert answer.json(), "rasa gave no answer"
    return pipeline, direct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=float, default=100.0, help="webhook requests a second")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long to send at that rate")
    parser.add_argument("--turns", type=int, default=40, help="end-to-end turns (each also sent straight to Rasa)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, Running(TwilioStandIn(ACCOUNT_SID, AUTH_TOKEN)) as twilio:
        tmp_path = Path(tmp)
        redis_server = RedisServer(tmp_path, fsync="everysec")  # as `make run` configures it
        redis_server.start()
        stack = RasaStack(redis_server.url, tmp_path)
        port = free_port()
        public_url = f"http://127.0.0.1:{port}"
        env = {
            "REDIS_URL": redis_server.url, "RASA_URL": stack.rasa_url, "PSEUDONYM_KEY": "bench", "SECRET_KEY": "bench",
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_SMS_FROM": "+51900000001",
            "TWILIO_API_BASE_URL": twilio.base_url, "PUBLIC_URL": public_url, "PORT": str(port), "LOG_LEVEL": "WARNING",
        }
        web = subprocess.Popen([sys.executable, "-m", "bot.launch", "web"], cwd=ROOT, env={**os.environ, **env},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers = Workers(env, tmp_path)
        try:
            print("starting Rasa (about a minute)…", flush=True)
            stack.start()
            wait_until(lambda: _up(f"{public_url}/healthz"), 30)

            latencies = ack_latency(public_url, public_url, args.rate, args.seconds)
            print(f"webhook ack at {args.rate:.0f} req/s for {args.seconds:.0f} s ({len(latencies)} requests): "
                  f"p50 {percentile(latencies, 50):.1f} ms, p99 {percentile(latencies, 99):.1f} ms, "
                  f"max {max(latencies):.1f} ms")

            subprocess.run(["redis-cli", "-p", str(redis_server.port), "flushall"], check=True, stdout=subprocess.DEVNULL)
            workers.start(1)
            end_to_end(public_url, public_url, stack.rasa_url, twilio.standin, 4, "w")  # warm-up
            pipeline, direct = end_to_end(public_url, public_url, stack.rasa_url, twilio.standin, args.turns, "m")
            p_med, d_med = statistics.median(pipeline), statistics.median(direct)
            print(f"end to end (webhook -> reply at Twilio stand-in), {args.turns} turns: median {p_med:.1f} ms, "
                  f"p90 {percentile(pipeline, 90):.1f} ms")
            print(f"same turn straight to Rasa's REST channel: median {d_med:.1f} ms, p90 {percentile(direct, 90):.1f} ms")
            print(f"ratio end-to-end / Rasa alone (medians): {p_med / d_med:.2f}  (target <= 1.3)")
            print("targets: ack p99 < 20 ms; ratio <= 1.3")
        finally:
            workers.stop()
            web.terminate()
            web.wait()
            stack.stop()
            redis_server.kill()


def _up(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


if __name__ == "__main__":
    main()
