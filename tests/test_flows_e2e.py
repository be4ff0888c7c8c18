"""Every conversation flow end to end, in Spanish and English: signed webhook in, reply out at the Twilio stand-in."""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

import pytest
import yaml

from bot import cases, contacts, texts
from bot.risk import assess
from bot.risk.reply import reply_messages
from bot.sms import for_channel, plain
from tests.conftest import SMS_NUMBER, WHATSAPP_NUMBER, post_signed, twilio_form
from tests.harness import ROOT, wait_until

pytestmark = pytest.mark.integration

NOTICE = {texts.text("privacy_notice", language) for language in ("es", "en")}
_sids = itertools.count()


@lru_cache(maxsize=1)
def _responses() -> dict:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text)).strip()


def expected(name: str, language: str, channel: str) -> set[str]:
    """The texts Rasa may send for a response, given the language and channel slots (as Rasa picks them)."""
    slots = {"language": language, "channel": channel}
    variants = _responses()[name]
    matching = [v for v in variants if v.get("condition") and all(slots.get(c["name"]) == c["value"] for c in v["condition"])]
    chosen = matching or [v for v in variants if not v.get("condition")]
    return {_flat(v["text"]) for v in chosen}


class Chat:
    """One person writing to the bot over SMS or WhatsApp through the whole pipeline."""

    def __init__(self, client, twilio, channel: str, number: str) -> None:
        self.client, self.twilio, self.channel = client, twilio, channel
        self.address = f"whatsapp:{number}" if channel == "whatsapp" else number
        self.seen = 0

    def say(self, text: str, replies: int = 1, timeout: float = 30) -> list[str]:
        """Send a message; return the bot's reply texts (privacy notice left out), SMS parts joined."""
        to = WHATSAPP_NUMBER if self.channel == "whatsapp" else SMS_NUMBER
        form = twilio_form(MessageSid=f"SM{next(_sids):032d}", From=self.address, To=to, Body=text)
        assert post_signed(self.client, "/twilio/messages", form).status_code == 200
        got: list[str] = []

        def arrived() -> bool:
            new = [m["body"] for m in self.twilio.messages[self.seen:] if m["to"] == self.address]
            got[:] = [b for b in new if b not in NOTICE]
            return len(got) >= replies

        wait_until(arrived, timeout)
        self.seen = len(self.twilio.messages)
        return got

    def said(self, text: str) -> str:
        """Send a message and return all reply text as one flattened string."""
        return _flat(" ".join(self.say(text)))


@pytest.fixture
def chat(live_client, twilio, workers):
    workers.start(1)

    def open_chat(channel: str = "sms", number: str = "+51987654321") -> Chat:
        return Chat(live_client, twilio, channel, number)

    return open_chat


@pytest.mark.parametrize("language, hello, bye", [("es", "hola buenas", "chau, nos vemos"), ("en", "hello there", "bye, see you")])
def test_greeting_shows_the_menu_and_goodbye_says_goodbye(chat, language, hello, bye):
    person = chat()
    assert person.said(hello) in expected("utter_greet", language, "sms")
    assert person.said(bye) in expected("utter_goodbye", language, "sms")


@pytest.mark.parametrize("language, ask", [("es", "quiero revisar una oferta de trabajo"), ("en", "I want to check a job offer")])
def test_checking_an_offer_asks_for_it_then_rates_the_pasted_advert(chat, language, ask):
    person = chat()
    person.say("hola" if language == "es" else "hi")
    assert person.said(ask) in expected("utter_ask_paste_offer", language, "sms")

    advert = "SE NECESITAN SEÑORITAS PARA BAR EN PTO MALDONADO, PASAJES PAGADOS, HOSPEDAJE. SUELDO 4000 SOLES. WSP 987654321"
    replies = person.say(advert, replies=4)  # level and reasons (2 SMS), what to do, the offer of a person
    assert replies[0].startswith("Riesgo: ALTO" if language == "es" else "Risk: HIGH")
    assert "1818" in " ".join(replies)
    assert _flat(replies[-1]) in expected("utter_ask_handoff_confirm", language, "sms")


@pytest.mark.parametrize(
    "language, hello, advert",
    [
        ("es", "hola", "Trabajo desde casa como asistente de tienda online, pago semanal de S/ 900. Para activar tu cuenta "
                       "te llegara un codigo por SMS, envianoslo junto con una foto de tu tarjeta. Escribe al 987 111 222"),
        ("en", "hi", "Work from home as an online store assistant, weekly pay of USD 300. To activate your account you will "
                     "get a code by SMS: send it to us with a photo of your bank card. Text 987 111 222"),
    ],
)
def test_an_advert_pasted_without_asking_first_is_checked(chat, language, hello, advert):
    person = chat()
    person.say(hello)
    expected_sms = [part for reply in reply_messages(assess(advert), language, "sms") for part in for_channel(reply, "sms")]
    replies = person.say(advert, replies=len(expected_sms))
    assert replies[0].startswith("Riesgo: MEDIO" if language == "es" else "Risk: MEDIUM")
    assert [_flat(reply) for reply in replies] == [_flat(part) for part in expected_sms]


@pytest.mark.parametrize(
    "language, question, response",
    [
        ("es", "q es la trata de personas?", "utter_faq/what_is_trafficking"),
        ("es", "me piden dejar mi dni, es normal?", "utter_faq/documents"),
        ("en", "how can i check if a company is real?", "utter_faq/check_company"),
        ("en", "they want me to pay a fee to get the job, is that ok?", "utter_faq/pay_to_work"),
    ],
)
def test_risk_questions_get_their_answer(chat, language, question, response):
    person = chat()
    assert person.said(question) in expected(response, language, "sms")


@pytest.mark.parametrize("language, ask", [("es", "cuales son los numeros de ayuda"), ("en", "what numbers can I call for help?")])
def test_hotline_numbers(chat, language, ask):
    reply = chat().said(ask)
    assert reply in expected("utter_hotlines", language, "sms")
    assert "1818" in reply and "105" in reply


@pytest.mark.parametrize("language, ask, yes", [("es", "quiero hablar con una persona", "si"), ("en", "can I talk to a real person?", "yes")])
def test_asking_for_a_person_confirms_then_opens_a_case(chat, r, live_env, language, ask, yes):
    person = chat()
    assert person.said(ask) in expected("utter_ask_handoff_confirm", language, "sms")
    assert person.said(yes) in expected("utter_handoff_confirmed", language, "sms")
    case = cases.active_case(r, contacts.pseudonym(live_env["PSEUDONYM_KEY"], person.address))
    assert case and case["priority"] == "normal"


@pytest.mark.parametrize(
    "language, message",
    [("es", "ayudame me tienen encerrada y me quitaron mi dni"), ("en", "help, they took my passport and locked me in")],
)
def test_danger_now_gives_emergency_numbers_and_an_urgent_case(chat, r, live_env, language, message):
    person = chat(channel="whatsapp")
    reply = " ".join(person.say(message))
    assert "105" in reply and "1818" in reply
    case = cases.active_case(r, contacts.pseudonym(live_env["PSEUDONYM_KEY"], person.address))
    assert case and case["priority"] == "urgent" and case["channel"] == "whatsapp"


@pytest.mark.parametrize(
    "language, message",
    [("es", "mi hermana se fue a trabajar a una mina hace una semana y ya no contesta"),
     ("en", "my sister went for a job in another city and now she is missing")],
)
def test_someone_missing_says_what_to_do_and_opens_an_urgent_case(chat, r, live_env, language, message):
    person = chat()
    replies = person.say(message, replies=2)
    assert _flat(replies[0]) in expected("utter_missing_person", language, "sms")
    assert "105" in replies[0]
    case = cases.active_case(r, contacts.pseudonym(live_env["PSEUDONYM_KEY"], person.address))
    assert case and "missing_after_offer" in case["reasons"]


@pytest.mark.parametrize(
    "language, hello, first, second", [("es", "hola", "el perro ladra", "quien sabe"), ("en", "hello", "blue", "hmm")]
)
def test_two_misunderstandings_offer_a_person_and_the_menu(chat, language, hello, first, second):
    person = chat()
    person.say(hello)
    assert person.said(first) in expected("utter_fallback", language, "sms")
    assert person.said(second) in expected("utter_fallback_offer_human", language, "sms")


def test_replies_keep_the_language_until_the_person_switches(chat):
    person = chat()
    assert person.said("hello") in expected("utter_greet", "en", "sms")
    assert person.said("ok") in expected("utter_ok_menu", "en", "sms") | expected("utter_menu", "en", "sms")
    assert person.said("hola, que numeros de ayuda hay?") in expected("utter_hotlines", "es", "sms")


def test_whatsapp_gets_the_formatted_variant(chat):
    person = chat(channel="whatsapp")
    reply = person.say("hola")[0]
    assert _flat(reply) in expected("utter_greet", "es", "whatsapp")
    assert "*" in reply
