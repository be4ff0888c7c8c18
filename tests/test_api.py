"""GET /api/escalations: bearer token, filters, masked contacts."""
from __future__ import annotations

import pytest

from bot import cases, keys
from bot.config import load_config
from bot.web import create_app

TOKEN = "s3cret-api-token-for-tests"


@pytest.fixture
def api(env, r):
    return create_app(load_config({**env, "STAFF_API_TOKEN": TOKEN})).test_client()


def _get(client, query: str = "", token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.get(f"/api/escalations{query}", headers=headers)


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": "Bearer "}, {"Authorization": TOKEN}])
def test_missing_or_wrong_token_is_401(api, headers):
    response = api.get("/api/escalations", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_api_is_disabled_without_a_configured_token(client):
    assert _get(client).status_code == 401
    assert _get(client, token="").status_code == 401


def test_lists_cases_with_masked_contacts_and_filters(api, r):
    r.hset(keys.contact("c1"), mapping={"address": "+51987654321", "channel": "sms"})
    urgent = cases.escalate(r, "c1", channel="sms", priority="urgent", reason="danger_now", now=1_700_000_000)["id"]
    normal = cases.escalate(r, "c2", channel="web", priority="normal", reason="asked_for_person")["id"]
    cases.claim(r, normal, "ana")

    items = _get(api).get_json()["escalations"]
    assert {i["id"] for i in items} == {urgent, normal}
    first = next(i for i in items if i["id"] == urgent)
    assert first == {"id": urgent, "priority": "urgent", "reasons": ["danger_now"], "channel": "sms", "status": "open",
                     "created_at": "2023-11-14T22:13:20Z", "contact": "+51 9•• ••• 321"}
    assert "987654321" not in _get(api).get_data(as_text=True)

    assert [i["id"] for i in _get(api, "?priority=urgent").get_json()["escalations"]] == [urgent]
    assert [i["id"] for i in _get(api, "?status=claimed").get_json()["escalations"]] == [normal]
    assert [i["id"] for i in _get(api, "?status=open&priority=normal").get_json()["escalations"]] == []
    assert _get(api, "?status=active").get_json()["escalations"] != []
    assert _get(api, "?status=nonsense").status_code == 400
    assert _get(api).headers["Cache-Control"] == "no-store"
