"""Decide whether a message contains a pasted job advert or only asks to check one."""
import re

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
