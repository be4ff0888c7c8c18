"""Small deterministic Spanish/English detector for short texted messages."""
import re
import unicodedata
from typing import Optional

SPANISH_WORDS = frozenset(
    """
    hola holi buenas buenos dias tardes noches que q k xq porque por para pa con sin
    de del la las el los lo un una unos unas y o pero si sí no es esta estoy estas
    esta eso esto ese esa mi mis tu tus su sus me te se le les nos yo ella el ellos
    hay tengo tiene tienen quiero quieres puedo puede necesito ayuda ayudame ayudenme
    trabajo chamba jale empleo oferta aviso sueldo pasajes pasaje viajar viaje
    gracias chau chao adios nos vemos bueno ya dale claro listo vale
    como cuando donde quien cual cuanto cuanta mas muy tambien tmb tb tbn
    hermana hermano hija hijo prima primo amiga amigo mama papa tia tio sobrina
    señorita senorita señoritas senoritas chibola chibolo pata patas pe pues
    numero numeros linea denuncia policia persona hablar alguien
    borra borrar datos mensajes pregunta preguntar revisar revisa ver verdad
    encerrada encerrado quitaron documentos pegan obligan desaparecio
    fue se fue contesta responde ahora aqui aca alla nada nadie algo todo
    soy eres somos son era fui va vas voy vamos auxilio socorro aparece ofrecen
    ofrecieron necesitan busca buscan piden pagan dicen dijeron quieren xfa porfa
    """.split()
)

ENGLISH_WORDS = frozenset(
    """
    hi hello hey the an is are am was were be been i you he she they we it
    my your his her their our me him them this that these those what whats
    how why when where who which can could would should will do does did dont
    want need help please thanks thank thx ty bye goodbye see later yes yeah yep
    no nope not job offer ad advert work salary pay paid travel ticket tickets
    check scam safe number numbers hotline call talk someone person human
    sister brother daughter son cousin friend mom mum dad aunt uncle niece
    missing gone locked took taken passport documents threatened forced beat
    delete my data messages question ask about and or but with without from
    to of in on for at by if so just okay sure right now here there
    is it im i'm its it's got get have has had know think tell send
    offered looking girls women wanted hiring safe legit fake scared
    """.split()
)

SPANISH_CHARS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
WORD = re.compile(r"[a-zñ']+")


def _fold(text: str) -> str:
    """Lower-case and strip accents but keep ñ."""
    text = text.lower().replace("ñ", "\0")
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded.replace("\0", "ñ")


def detect_language(text: Optional[str], current: Optional[str] = None) -> str:
    """Return "es" or "en"; keep `current` (default "es") when the text is ambiguous."""
    fallback = current if current in ("es", "en") else "es"
    if not text:
        return fallback
    es_score = 2 * len(SPANISH_CHARS.findall(text))
    en_score = 0
    for word in WORD.findall(_fold(text)):
        in_es, in_en = word in SPANISH_WORDS, word in ENGLISH_WORDS
        if in_es and not in_en:
            es_score += 1
        elif in_en and not in_es:
            en_score += 1
    if es_score == en_score:
        return fallback
    winner, lead, loser = ("es", es_score - en_score, en_score) if es_score > en_score else ("en", en_score - es_score, es_score)
    # One word against none is enough; a narrow lead over mixed evidence is not.
    if loser == 0 or lead >= 2:
        return winner
    return fallback
