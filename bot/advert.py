"""Decide whether a message contains a pasted job advert or only asks to check one."""
import re

from bot.risk import assess
from bot.risk.normalize import fold

ADVERT_MARKERS = re.compile(
    r"(se necesit|se requiere|requisitos|sueldo|salario|s/\.?\s?\d|\bsoles\b|pasajes?|"
    r"hospedaje|alimentacion|alimentación|cama y comida|llamar al|interesadas|"
    r"mayores de|edad|buena presencia|se ofrece|ofrecemos|postula|"
    r"hiring|salary|wanted|apply|\bper (month|week|day)\b|requirements|"
    r"\b9\d{8}\b|\+51|whatsapp|"
    r"mesera|cocinera|anfitriona|modelo|niñera|nana|cama adentro|bar\b|karaoke|discoteca|"
    r"\bmina\b|minero|campamento|la pampa|puerto maldonado|mazuc?k?o|huepetuhe|rinconada|"
    r"chile|argentina|bolivia|españa|japon|visa|waitress|hostess|mining|ticket|fare)",
    re.IGNORECASE,
)


def has_pasted_advert(text: str) -> bool:
    """True when the text looks like an advert rather than a request to check one."""
    if not text:
        return False
    words = len(text.split())
    markers = len(ADVERT_MARKERS.findall(text))
    return markers >= 2 or (markers >= 1 and words >= 12) or words >= 30


# What adverts have and questions about them lack: a recruiting phrase, a contact, pay, terms of the job.
_ADVERT_PARTS = tuple(
    re.compile(part)
    for part in (
        r"\b(?:(?:se )?(?:necesita|busca|requiere|solicita|ofrece|contrata|convoca)n?|necesitamos|buscamos|requerimos|"
        r"solicitamos|contratamos|busco|necesito|convocatoria|vacantes?|oportunidad (?:laboral|de trabajo)|"
        r"oferta (?:laboral|de (?:trabajo|empleo))|empleo|puestos?|postula\w*|interesad[oa]s|"
        r"(?:tenemos|te damos|hay|tengo) (?:trabajo|chamba|chambita|jale)|trabajo (?:de|d|como|en|desde|para|p)|"
        r"hiring|wanted|we are looking|looking for|job (?:opening|offer)|apply|vacanc\w+|positions?|recruit\w*)\b",
        r"(?:\+?51 ?)?\b9\d{2}[ -]?\d{3}[ -]?\d{3}\b|\b(?:wsp|whatsapp|whatsap|wasap|informes|inf|llamar|llama|"
        r"comunicarse|escribenos|escribir|escribe|contacto|interno|dm|inbox|correo|email|e-mail|call|text|send)\b|@\w|www\.|https?://",
        r"(?:s/|us\$|\$|usd|€) ?\d|\d ?(?:soles|dolares|lucas|euros|usd|mil)\b|\b(?:sueldo|salario|remuneracion|"
        r"pago (?:diario|semanal|quincenal|mensual|x|por)|pagamos|te pagamos|ganas?|gana\w+|diarios|x dia|al dia|por dia|"
        r"ganancias?|salary|pay|per (?:month|hour|day|week)|comision\w*)\b",
        r"\b(?:requisitos|requiere|experiencia|edad|mayores de|buena presencia|horario|turno|beneficios|funciones|"
        r"ofrecemos|se ofrece|brindamos|incluye|cama adentro|alojamiento|hospedaje|pasajes?|contrato|planilla|"
        r"disponibilidad|requirements|experience|benefits|schedule|accommodation|flights?|visa|inscripcion|"
        r"sin experiencia|no experience)\b",
    )
)
# Someone asking about an offer, or telling what happened, rather than passing one on ("me piden...", "se fue").
_ASKING = re.compile(
    r"\?|\b(?:es normal|es seguro|es real|es confiable|es verdad|que hago|puedo|debo|a mi|se fue|se fueron|viajo|"
    r"no contesta|no responde|no sabemos|desaparecio|"
    r"me (?:piden|pidieron|ofrecen|ofrecieron|dicen|dijeron|quieren|cobran|cobraron|llamaron|escribieron)|"
    r"is (?:it|that|this)|should i|can i|they (?:ask|asked|offer|offered|want|told|say)|i was|i got|my)\b"
)
LONG_ENOUGH_TO_BE_PASTED = 25  # words: past this a question mark or "me piden" no longer makes it a question


def reads_as_advert(text: str) -> bool:
    """True when the text is itself an advert, not a question about one: stricter than has_pasted_advert.

    It lets the assistant check an advert that was pasted without asking first (see bot/rasa_nlu.py).
    """
    folded = fold(text)
    words = len(folded.split())
    if words < 8 or (words < LONG_ENOUGH_TO_BE_PASTED and _ASKING.search(folded)):
        return False
    parts = sum(1 for part in _ADVERT_PARTS if part.search(folded))
    # The risk check's own patterns count as one more sign (the learned opinion is not one).
    parts += len(assess(text, second_opinion=False).signals) >= 2
    return parts >= 3 or (parts >= 2 and words >= 10)
