"""The staff dashboard through Flask's test client against a real Redis: sign-in, sessions, CSRF, roles, masking, actions."""
from __future__ import annotations

import json
import re
import threading
import time

import pytest

from bot import cases, keys, staff
from bot.web import create_app

PASSWORD = "correct horse battery"
NUMBER = "+51987654321"
PID = "c" + "2" * 32


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    """Scrypt with a small work factor, so tests don't spend seconds hashing (production keeps the default)."""
    monkeypatch.setattr(staff, "PASSWORD_METHOD", "scrypt:1024:8:1")


@pytest.fixture
def app(config, r):
    app = create_app(config)
    staff.create(r, "ana", "agent", PASSWORD)
    staff.create(r, "sofia", "supervisor", PASSWORD)
    return app


def csrf(client, path: str = "/staff/login") -> str:
    """The CSRF token from a page's form."""
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def login(client, username: str = "ana", password: str = PASSWORD):
    return client.post("/staff/login", data={"username": username, "password": password, "csrf_token": csrf(client)})


@pytest.fixture
def agent(app):
    client = app.test_client()
    assert login(client).status_code == 303
    return client


@pytest.fixture
def supervisor(app):
    client = app.test_client()
    assert login(client, "sofia").status_code == 303
    return client


@pytest.fixture
def case(r):
    r.hset(keys.contact(PID), mapping={"address": f"whatsapp:{NUMBER}", "channel": "whatsapp",
                                       "last_inbound_at": repr(time.time() - 3600)})
    opened = cases.escalate(r, PID, channel="whatsapp", priority="urgent", reason="danger_now")
    cases.append_message(r, opened["id"], direction="in", author="contact", text="<script>alert(1)</script> ayuda")
    return opened


def post(client, path: str, **form: str):
    return client.post(path, data={"csrf_token": csrf(client, "/staff/"), **form})


@pytest.mark.parametrize("path", ["/staff/", "/staff/cases/x", "/staff/audit", "/staff/figures", "/staff/snippets"])
def test_pages_redirect_to_login_without_a_session(app, path):
    response = app.test_client().get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/login?next=")


@pytest.mark.parametrize("path", ["/staff/events", "/staff/cases/x/events", "/staff/ping", "/staff/queue/rows"])
def test_live_endpoints_answer_401_without_a_session(app, path):
    assert app.test_client().get(path).status_code == 401


def test_login_starts_a_new_session_with_a_new_csrf_token(app, r):
    client = app.test_client()
    before = csrf(client)
    with client.session_transaction() as sess:
        sess["sim_id"] = "planted"
    response = client.post("/staff/login?next=/staff/figures", data={"username": "Ana", "password": PASSWORD, "csrf_token": before})

    assert response.status_code == 303 and response.headers["Location"] == "/staff/figures"
    with client.session_transaction() as sess:
        assert "sim_id" not in sess and sess["csrf"] != before
        token = sess["staff_sid"]
    assert r.hget(keys.staff_session(token), "username") == "ana"
    assert 0 < r.ttl(keys.staff_session(token)) <= 15 * 60
    assert client.get("/staff/").status_code == 200


def test_login_never_redirects_off_site(app):
    client = app.test_client()
    response = client.post("/staff/login?next=//evil.example.com/", data={"username": "ana", "password": PASSWORD, "csrf_token": csrf(client)})

    assert response.headers["Location"] == "/staff/"


def test_wrong_password_is_refused_and_attempts_are_rate_limited(app, r):
    client = app.test_client()
    for _ in range(staff.MAX_FAILURES_PER_USER):
        assert login(client, password="wrong password!").status_code == 401

    assert login(client).status_code == 429
    assert r.llen(keys.STAFF_AUDIT) >= 6
    assert "wrong password" not in json.dumps(staff.audit_log(r))


def test_unknown_user_and_disabled_account_cannot_log_in(app, r):
    client = app.test_client()
    assert login(client, "nobody").status_code == 401
    staff.disable(r, "ana")
    assert login(client).status_code == 401


def test_form_post_without_csrf_token_is_rejected(agent, case, r):
    response = agent.post(f"/staff/cases/{case['id']}/claim", data={})

    assert response.status_code == 400
    assert cases.get(r, case["id"])["status"] == "open"
    assert agent.post(f"/staff/cases/{case['id']}/claim", data={"csrf_token": "forged"}).status_code == 400


def test_login_form_needs_the_csrf_token(app):
    response = app.test_client().post("/staff/login", data={"username": "ana", "password": PASSWORD})
    assert response.status_code == 400


def test_idle_session_expires_and_passive_requests_do_not_extend_it(agent, r):
    with agent.session_transaction() as sess:
        token = sess["staff_sid"]
    r.expire(keys.staff_session(token), 5)

    assert agent.get("/staff/ping").status_code == 204
    assert r.ttl(keys.staff_session(token)) <= 5
    assert agent.get("/staff/figures").status_code == 200
    assert r.ttl(keys.staff_session(token)) > 60

    r.delete(keys.staff_session(token))  # what the idle expiry does
    assert agent.get("/staff/").status_code == 302


def test_disabling_an_account_ends_its_sessions(agent, r):
    staff.disable(r, "ana")
    assert agent.get("/staff/").status_code == 302


def test_logout_ends_the_session(agent, r):
    with agent.session_transaction() as sess:
        token = sess["staff_sid"]
    assert post(agent, "/staff/logout").status_code == 303
    assert not r.exists(keys.staff_session(token))
    assert agent.get("/staff/").status_code == 302


def test_pages_are_not_cached_and_carry_security_headers(agent, case):
    for path in ("/staff/", f"/staff/cases/{case['id']}", "/staff/login"):
        response = agent.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookie_is_httponly_lax_and_secure_for_https(app):
    client = app.test_client()
    response = client.post("/staff/login", data={"username": "ana", "password": PASSWORD, "csrf_token": csrf(client)})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_queue_and_case_show_only_the_masked_number_and_escape_text(agent, case, r):
    queue_page = agent.get("/staff/").get_data(as_text=True)
    case_page = agent.get(f"/staff/cases/{case['id']}").get_data(as_text=True)

    for page in (queue_page, case_page):
        assert "+51 9•• ••• 321" in page
        assert "987654321" not in page and "987 654 321" not in page
    assert case["id"] in queue_page and "Urgente" in queue_page
    assert "<script>alert(1)</script>" not in case_page and "&lt;script&gt;alert(1)&lt;/script&gt; ayuda" in case_page
    assert {"user": "ana", "action": "view", "case": case["id"]}.items() <= staff.audit_log(r)[0].items()


def test_agent_cannot_reveal_a_number(agent, case, r):
    response = post(agent, f"/staff/cases/{case['id']}/reveal", why="test")

    assert response.status_code == 403
    assert NUMBER not in response.get_data(as_text=True)
    assert staff.audit_log(r)[0]["action"] == "denied"


def test_supervisor_reveals_a_number_deliberately_and_it_is_audited(supervisor, case, r):
    assert "Revelar número" in supervisor.get(f"/staff/cases/{case['id']}").get_data(as_text=True)
    response = post(supervisor, f"/staff/cases/{case['id']}/reveal", why="llamar a la familia")

    assert response.status_code == 200 and NUMBER in response.get_data(as_text=True)
    entry = staff.audit_log(r)[0]
    assert entry["user"] == "sofia" and entry["action"] == "reveal" and entry["case"] == case["id"]
    assert NUMBER not in json.dumps(staff.audit_log(r))


def test_claim_reply_note_close_hands_back(agent, case, r):
    case_id = case["id"]
    refused = post(agent, f"/staff/cases/{case_id}/reply", text="antes de tomar")
    assert refused.status_code == 303 and r.llen(keys.inbox(PID)) == 0

    post(agent, f"/staff/cases/{case_id}/claim")
    assert cases.get(r, case_id)["assignee"] == "ana"
    post(agent, f"/staff/cases/{case_id}/reply", text="Hola, soy Ana. ¿Estás a salvo?")
    job = r.hgetall(keys.message(r.lindex(keys.inbox(PID), 0)))
    assert job["kind"] == "staff" and job["author"] == "staff:ana" and job["channel"] == "whatsapp"
    assert json.loads(job["replies"]) == ["Hola, soy Ana. ¿Estás a salvo?"] and job["body"] == ""
    post(agent, f"/staff/cases/{case_id}/note", text="derivar a 1818")
    assert cases.notes(r, case_id)[0]["text"] == "derivar a 1818"

    assert post(agent, f"/staff/cases/{case_id}/close", outcome="bogus").status_code == 303
    assert cases.get(r, case_id)["status"] == "claimed"
    post(agent, f"/staff/cases/{case_id}/close", outcome="referred_1818", note="cerrado tras derivar")

    closed = cases.get(r, case_id)
    assert closed["status"] == "closed" and closed["outcome"] == "referred_1818"
    assert cases.active_case(r, PID) is None
    back = r.hgetall(keys.message(r.lrange(keys.inbox(PID), 0, -1)[-1]))
    assert back["kind"] == "system" and back["author"] == "system" and "asistente" in back["replies"]
    actions = [e["action"] for e in staff.audit_log(r, case_id=case_id)]
    assert {"claim", "reply", "note", "close"} <= set(actions)
    assert "¿Estás a salvo?" not in json.dumps(staff.audit_log(r))


def test_release_and_transfer(agent, supervisor, case, r):
    case_id = case["id"]
    post(agent, f"/staff/cases/{case_id}/claim")
    post(agent, f"/staff/cases/{case_id}/transfer", to="nobody")
    assert cases.get(r, case_id)["assignee"] == "ana"
    post(agent, f"/staff/cases/{case_id}/transfer", to="sofia")
    assert cases.get(r, case_id)["assignee"] == "sofia"
    post(agent, f"/staff/cases/{case_id}/release")
    assert cases.get(r, case_id)["assignee"] == "sofia"  # only the holder or a supervisor
    post(supervisor, f"/staff/cases/{case_id}/transfer", to="ana")
    post(supervisor, f"/staff/cases/{case_id}/release")  # a supervisor may release anyone's case
    assert cases.get(r, case_id)["status"] == "open"


def test_audit_log_and_snippets_are_for_supervisors(agent, supervisor, case, r):
    assert agent.get("/staff/audit").status_code == 403
    assert agent.get("/staff/snippets").status_code == 403
    agent.get(f"/staff/cases/{case['id']}")

    page = supervisor.get("/staff/audit?user=ana").get_data(as_text=True)
    assert "view" in page and case["id"] in page

    post(supervisor, "/staff/snippets", snippets="Hola, ¿cómo estás?\n\nLlama al 105 si estás en peligro.\n")
    post(agent, f"/staff/cases/{case['id']}/claim")
    assert "Llama al 105 si estás en peligro." in agent.get(f"/staff/cases/{case['id']}").get_data(as_text=True)


def test_figures(agent, r):
    for n, priority in enumerate(("urgent", "urgent", "normal")):
        cases.escalate(r, f"c{n}", channel="sms", priority=priority, reason="danger_now", now=time.time() - 600)
    first = cases.list_cases(r, priority="normal")[0]["id"]
    cases.claim(r, first, "ana", now=time.time() - 300)
    cases.close(r, first, "ana", "information_given")

    page = agent.get("/staff/figures").get_data(as_text=True)
    assert "5 min" in page and "Información y orientación brindada" in page


def test_case_events_stream_sends_the_backlog_from_last_event_id(app, agent, case, r):
    app.config["STAFF_SSE_SECONDS"] = 0.3
    cases.append_message(r, case["id"], direction="out", author="staff:ana", text="segunda")

    body = agent.get(f"/staff/cases/{case['id']}/events?after=1").get_data(as_text=True)
    assert "id: 1\nevent: message" in body and "segunda" in body and "ayuda" not in body
    again = agent.get(f"/staff/cases/{case['id']}/events", headers={"Last-Event-ID": "0"}).get_data(as_text=True)
    assert "segunda" in again and "ayuda" not in again


def test_queue_events_stream_relays_case_changes(app, agent, r):
    app.config["STAFF_SSE_SECONDS"] = 1.5
    timer = threading.Timer(0.5, lambda: cases.escalate(r, PID, channel="sms", priority="urgent", reason="danger_now"))
    timer.start()
    body = agent.get("/staff/events").get_data(as_text=True)
    timer.join()

    assert body.startswith("retry: 3000")
    assert "event: case" in body and '"type": "opened"' in body and '"priority": "urgent"' in body


def test_staff_cli(app, r):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["staff", "create", "Luz", "--role", "supervisor", "--password-stdin"], input="a long passphrase 1\n")
    assert result.exit_code == 0, result.output
    assert staff.authenticate(r, "luz", "a long passphrase 1")["role"] == "supervisor"
    assert runner.invoke(args=["staff", "create", "x", "--password-stdin"], input="short\n").exit_code != 0
    assert "luz\tsupervisor\tactive" in runner.invoke(args=["staff", "list"]).output
    assert runner.invoke(args=["staff", "disable", "luz"]).exit_code == 0
    assert staff.authenticate(r, "luz", "a long passphrase 1") is None
    assert "purged 0" in runner.invoke(args=["staff", "purge"]).output
    assert r.hget(keys.staff_user("luz"), "password").startswith("scrypt:")
