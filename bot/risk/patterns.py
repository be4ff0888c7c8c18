"""The regular expressions that spot each signal in folded (lower-case, accent-free) advert text."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .normalize import folded_regex
from .stems import Stem, stems

# Writing conventions: a space in a phrase means "any run of punctuation, emoji or blanks",
# "~" means "up to three other words in between", {NAME} expands to a word family below.
_GAP = r"[\W_]+"
_SKIP = r"[\W_]+(?:\w+[\W_]+){0,3}?"
_FAMILIES = {
    "GIRLS": r"(?:chicas?|chikas?|chicaz|jovencitas?|muchachas?|se?n?oritas?|senoritaz|srtas?|sritas?|stas|damitas?|chiquillas?|nenas|flaquitas?)",
    "POR": r"(?:por|x|p/)",
    "QUE": r"(?:que|q|k)",
    "SE": r"(?:se|te|les|le|lo|los|la|las)",
    "SEND": r"(?:envia\w*|envie\w*|enviar|manda\w*|mande\w*|adjunta\w*|pasa|pasar|pasame|pasanos)",
    "FEE_NOUN": r"(?:inscripcion|matricula|registro|postulacion|evaluacion|examen(?:es)?|uniformes?|capacitacion|curso|carnet|fotocheck|tramites?|certificados?|kit|materiales|seguro|antecedentes|entrevista|ficha|afiliacion|reserva|garantia|credencial|induccion|derecho|vacante|cupo|constancia|prueba|gestion|asesoria|examen medico|membresia|suscripcion|book(?: fotografico)?|expediente|apertura|mochila|casaca|polo|chaleco|gastos administrativos)",
    # A few words on, in the same sentence, none saying "free" or naming the pay (then the money is the pay).
    "NEAR": r"(?:[^\w.!?\n]+(?!gratis|gratuit|sin\b|no\b|sueldo|salario|remuneracion|pago\b|ganas?\b|ingreso)\w+){0,4}?[^\w.!?\n]+",
    "MONEY": r"(?:s/|us\$|\$|usd) ?\d[\d,.]*|\d[\d,.]* ?(?:soles|dolares|usd|euros)",
    "FEE_MONEY": r"(?:(?:s/|us\$|\$|usd) ?\d{1,3}|\d{1,3} ?(?:soles|dolares|usd|euros))(?![\d,.]*\d)",
    "PAY_VERB": r"(?:pago|pagar|paga|pague|pagas|pagues|pagaras|costo|cobro|cobramos|cobran|abonar|abona|abono|depositar|deposita|depositas|deposito|yapear|yapea|yapeas|yapeo|plinear|plinea|cuota|cancelar|cancelas)",
}


def phrase(text: str) -> str:
    """Expand one phrase of the little pattern language above into a regex."""
    for name, family in _FAMILIES.items():
        text = text.replace("{" + name + "}", family)
    text = text.replace(" ~ ", "\0")
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            out.append(text[i : i + 2])
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        if char == " " and not in_class:
            optional = text[i + 1 : i + 2] == "?"
            out.append(r"[\W_]*" if optional else _GAP)
            i += 2 if optional else 1
            continue
        out.append(_SKIP if char == "\0" else char)
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class Rule:
    """Phrases that raise one signal, with how strongly, and what cancels a match around it."""

    code: str
    pattern: re.Pattern[str]  # any one of the phrases
    weight: float
    branch_stems: tuple[tuple[Stem, ...], ...] | None  # the stems of each phrase; None when one has none
    branch_patterns: tuple[re.Pattern[str], ...]  # each phrase on its own, in order
    veto_before: re.Pattern[str] | None = None
    veto_after: re.Pattern[str] | None = None
    gate: Callable[[str], bool] | None = None  # a quick test that must pass before a rule without stems can match


def rule(
    code: str, weight: float, *phrases: str, before: str | None = None, after: str | None = None,
    gate: Callable[[str], bool] | None = None, bounded: bool = True,
) -> Rule:
    """Build a Rule; `before`/`after` are regexes that veto a match when found right next to it.

    `bounded=False` leaves the word boundary to the phrases themselves (see corporate_contact).
    """
    branches = tuple(phrase(p) for p in phrases)
    start = r"\b" if bounded else ""
    each = [stems(branch) for branch in branches]
    return Rule(
        code,
        folded_regex(start + "(?:" + "|".join(branches) + ")"),
        weight,
        None if any(found is None for found in each) else tuple(tuple(found) for found in each),
        tuple(folded_regex(start + "(?:" + branch + ")") for branch in branches),
        folded_regex("(?:" + phrase(before) + r")[^\w.!?\n]*$") if before else None,
        folded_regex(r"\W*(?:" + phrase(after) + ")") if after else None,
        gate,
    )


# "\b(?:no|sin|ningun\w*|nunca|jamas|cero|nada|ni|prohibid\w*)\b", each word's "\b" written after its first letter
# ("n(?<!\wn)") so that searching for it jumps from one possible first letter to the next. "Sin experiencia" (none
# needed) negates nothing after it.
NEGATED = (
    r"(?:n(?<!\wn)(?:o|ingun\w*|unca|ada|i)|s(?<!\ws)in(?![\W_]+experiencia)|j(?<!\wj)amas|c(?<!\wc)ero|p(?<!\wp)rohibid\w*)\b"
    r"(?:[^\w.!?\n]+\w+){0,3}"
)
FREE_AFTER = r"(?:\w+ ){0,3}(?:gratis|gratuit\w*|sin costo|libre de costo|no tiene costo|es gratis)"

# Words naming a street or a school: a country's name right after one is an address, not a destination.
_STREET = "av|avenida|jr|jiron|calle|plaza|psje|urb|colegio|ovalo|pasaje"

RISK_RULES: tuple[Rule, ...] = (
    rule(
        "remote_destination", 0.1,
        r"(?:puerto|pto\.?|pt) ?(?:maldonado|mdo|mald)\b", r"pmaldonado", r"madre de dios", r"mdd\b", r"km\.? ?(?:9[89]|10\d|11[0-5])\b",
        r"interoceanica", r"laberinto\b", r"juliaca\b", r"vraem", r"pichari", r"llochegua", r"tingo maria", r"pucallpa", r"aguas verdes", r"(?<=en\sla\s)selva\b", r"(?:rio )?(?:yavari|putumayo|tahuamanu)\b", r"masusa",
        r"campamentos?(?! (?:de verano|vacacional|juvenil|scout|educativo|de vacaciones|de obra))\b",
        r"alta ?mar\b", r"mar adentro", r"(?:pesca|barcos?|embarcacion(?:es)?|buques?) (?:\w+ )?de altura",  # months at sea
    ),
    rule(
        "remote_destination", 0.2,
        r"la pampa\b", r"ma[sz]u[ck]o\b",
        r"delta ?(?:1|uno)\b", r"(?:huepetuhe|huepetue|huaypetue|wepetue|huepethue)",
        r"boca colorado", r"inambari", r"guacamayo", r"boca union", r"huantupa", r"punkiri",
        r"la rinconada\b", r"rinconada\b", r"ananea", r"cerro lunar", r"zonas? mineras?", r"lavaderos? de oro", r"mineria (?:informal|artesanal|ilegal)",
        r"pataz\b", r"campamentos? mineros?", r"chala\b", r"secocha", r"retamas", r"parcoy", r"socavon\w*", r"cachorreo", r"lavaderos?\b", r"santa filomena",
        r"minas?\b(?<!energia\sy\smina)(?<!energia\sy\sminas)(?! de (?:lapiz|grafito))",  # not the Ministerio de Energía y Minas
    ),
    rule(
        "work_abroad", 0.1,
        r"(?:chile|argentina|espana|italia|japon|bolivia|brasil|ecuador|eeuu|ee\.? ?uu|estados unidos|canada|europa|corea|australia|dubai|turquia|extranjero|exterior)\b",
        r"(?:asia|malasia|singapur|tailandia|valencia|panama|buenos aires|mendoza|santiago de chile|antofagasta|iquique|arica|cancun|mexico|sao paulo|rio de janeiro|rio branco|madrid|barcelona|mallorca|milan|roma|tokio|qatar|catar|emiratos)\b",
        before=rf"(?:{_STREET})\.?",
    ),
    rule(
        "work_abroad", 0.1,
        r"(?:trabaj\w*|empleo|chamba|viaj\w*|labor\w*|contrato|vacantes?) ~ (?:en|a|para|hacia) (?:el )?(?:extranjero|exterior|japon|chile|argentina|espana|italia|eeuu|ee\.? ?uu|usa|estados unidos|canada|europa|corea|australia|brasil|bolivia|ecuador|mexico|dubai|turquia|alemania|suiza|francia|inglaterra|holanda|china|panama)\b",
    ),
    rule(
        "nightlife_role", 0.2,
        r"disco ?bar\w*", r"discotecas?", r"schoperias?", r"garzonas?", r"bar(?:es)?\b", r"resto ?bar\w*", r"karaokes?", r"cantinas?",
        r"ni(?:g|gh)?h?t ?clubs?", r"nite ?clubs?", r"club nocturno", r"centro nocturno", r"salon nocturno", r"locale?s? nocturnos?",
        r"video ?pubs?", r"pubs?\b", r"prostibar\w*", r"chupodromo", r"salon de baile", r"vida nocturna", r"ocio nocturno", r"clubes nocturnos", r"cervecerias?",
        before=r"(?:snack|mini|juguer\w*)", after=r"de (?:jugos|ensaladas|cafe|frutas)",
    ),
    rule(
        "euphemism_role", 0.35,
        r"damas? (?:de )?compa\w+", r"ficheras?", r"acompa[nñ]antes?\b", r"ayuda economica (?:para|a) (?:estudiantes|universitarias|chicas|jovenes)",
        r"web ?cam\w*", r"modelos? (?:virtual|online|de cam)\w*", r"sugar (?:daddy|baby|mommy)", r"caballeros (?:generosos|solventes|adinerados)",
        r"acompa\w+ (?:a )?(?:caballeros|ejecutivos|empresarios|clientes|se?nores)", r"(?:tomar|beber|chupar|brindar) (?:con )?(?:los )?clientes",
        r"escorts?", r"prepagos?", r"(?:acompanar|conversar|bailar|tomar) (?:y \w+ )?con (?:los )?clientes", r"(?:sauna|spa|masajes?) (?:\w+ )?para caballeros",
        r"fichaje", r"(?:pago|paga|gana\w*) (?:x|por) fichas?", r"(?:ingresos?|pagos?|sueldo|ganancias?) (?:\w+ ){0,2}?(?:depende\w*|segun|de acuerdo a\w*) (?:del |al |el )?consumo", r"desinhibid\w*", r"discretas", r"ropa (?:pegad|ajustad|sexy|provocativ|corta)\w*", r"(?:fotos|videos?) (?:\w+ ){0,2}?(?:privad|intim|sensual|hot\b|para adultos)\w*", r"comision (?:x|por) (?:bebida|trago|cerveza|botella)", r"discrecion (?:absoluta|total)", r"servicios? especiales", r"trato (?:intimo|carinoso)", r"mente abierta", r"sin tabu\w*",
        r"chicas? vip", r"masajes? (?:con final|relajantes? para caballeros)",
        after=r"(?:tecnic\w*|pedagogic\w*|terapeutic\w*|de (?:familias|pacientes|ninos|adultos|salud|viaje)|social|educativ\w*|comunal\w*|en salud)",
    ),
    rule(
        "hostess_or_model_role", 0.1,
        r"anfitrionas?", r"azafatas?", r"edecan\w*", r"modelaje", r"bailarinas?", r"masajistas?", r"masajes?\b", r"hostess\w*", r"impulsadoras?",
        r"modelos?\b",
        before=r"(?:el|un|del|nuevo|al|este|su|nuestro|mismo|ese)",
        # A role named for both sexes ("anfitriona/anfitrión", "azafatas y azafatos") is an ordinary opening.
        after=r"(?:de (?:gestion|atencion|cuidado|negocio|intervencion|servicio|trabajo|datos|desarrollo|salud)|educativ\w*|pedagog\w*|integral|matematic\w*"
        r"|(?:[oy] )?(?:anfitrion|azafato)(?:e?s)?\b)",
    ),
    rule(
        "camp_kitchen_role", 0.1,
        r"cociner[ao]s?", r"ayudantes? de cocina", r"cajer[ao]s?", r"meser[ao]s?", r"moz[ao]s?\b", r"atencion (?:al )?(?:cliente|publico)",
        r"lavanderas?", r"vendedoras?", r"despachadoras?", r"personal de cocina", r"limpieza",
        r"cooks?\b", r"kitchen (?:helpers?|staff|assistants?)", r"waitress\w*", r"waiters?\b", r"cashiers?", r"cleaners?\b", r"cleaning staff",
    ),
    rule(
        "young_women_sought", 0.15,
        r"{GIRLS}\b", r"damas\b(?! y caballeros)", r"buena presencia", r"buen (?:fisico|cuerpo)", r"(?:bonitas|guapas|lindas|atractivas|agraciadas|simpaticas|hermosas)\b",
        r"sexo femenino", r"solo mujeres", r"(?:joven y )?soltera\b", r"universitarias", r"(?:masajistas|anfitrionas|modelos|bailarinas|meseras) jovenes", r"mujeres jovenes", r"jovenes mujeres", r"mujeres de (?:1[89]|2\d) a (?:1\d|2\d|3[0-5])\b",
        # Girls and boys alike ("chicos y chicas", "señoritas o varones") are not girls sought.
        before=r"(?:chicos|varones|hombres|muchachos) (?:y|o|e)", after=r"(?:y|o|e|/) (?:chicos|varones|hombres|muchachos)\b",
    ),
    rule(
        "minors_sought", 0.5,
        r"(?:aceptamos|acepta|aceptan|tambien|incluso|pueden (?:postular|ser|trabajar|aplicar)|busca\w*|necesit\w*|requier\w*|solicit\w*|se aceptan|se admiten|admitimos|contratamos|convocamos|chicas|chicos|jovenes|srtas|senoritas) (?:\w+ )?(?:a )?(?:menores|adolescentes)\b",
        r"(?:menores|adolescentes) (?:de edad )?(?:tambien|pueden|bienvenid\w*|aceptamos|con permiso|sin problema|si)\b", r"colegialas?", r"escolares (?:en|de) vacaciones",
        r"(?:esten|estudien) (?:en )?(?:el )?(?:colegio|secundaria)", r"no (?:hay problema|importa) si no (?:estan|van|estudian) (?:en |al )?(?:el )?colegio",
        r"(?:los |sus )?(?:ninos|hijos|menores|chicos) (?:tambien )?(?:ayudan|trabajan|pueden (?:ayudar|trabajar))", r"familias? (?:completas? )?(?:\(?con (?:sus )?hijos)", r"(?:estudiantes|alumnas) de (?:secundaria|colegio)",
        r"sin dni", r"no (?:se )?(?:es )?(?:necesari\w+|importa|piden|pedimos|requiere\w*|necesita\w*) (?:tener )?(?:el )?dni", r"chibol[oa]s", r"aunque no tengas (?:dni|documentos)",
        r"sin (?:documentos|papeles)", r"no (?:se )?(?:necesita\w*|importa|pedimos|piden) (?:tener )?(?:documentos|papeles)",
        r"(?:permiso|autorizacion) (?:de |firmad\w+ (?:por )?)?(?:tus |los |sus )?padres", r"quincea[nñ]eras?",
        r"(?:ninas?|ninos|chicas?|chicos|jovencitas?|menores) (?:de )?1[0-7] (?:anos|a|-|y|hasta)",
        before=r"(?:no|ni|prohibid\w*|sin|nada de) (?:se )?(?:aceptan?|admiten?|admitimos|aceptamos|contratamos|contrata|permite\w*)?",
    ),
    rule(
        "paid_travel", 0.15,
        r"pasajes? (?:de )?(?:ida )?(?:y vuelta )?(?:\w+ )?(?:pagados?|cubiertos?|gratis|incluidos?|asumidos?|por cuenta)",
        r"(?:se|te|les|le) (?:\w+ )?(?:cubre|cubren|paga|pagan|pagamos|da|dan|damos|envia|enviamos|manda|mandamos|compra|compramos|adelanta|adelantamos|financia\w*|mando|envio|pago) (?:\w+ ){0,2}?(?:pasajes?|boletos?|bus|vuelos?|viajes?|traslados?)",
        r"(?:boletos?|pasajes?|vuelos?|tickets?) (?:\w+ ){0,2}?(?:pagad|cubiert|gratis|incluid)\w*", r"todo (?:pagado|cubierto|incluido)",
        r"(?:viajes?|pasajes?|traslados?|transporte) y (?:alojamiento|hospedaje|estadia) (?:\w+ )?(?:pagad|cubiert|incluid)\w*",
        r"(?:transporte|movilidad|traslados?) (?:gratis|incluid\w*|pagad\w*|cubiert\w*|desde)",
        r"viajes? pagados?", r"(?:traslados?|viaje) (?:pagados?|cubiertos?|gratis|incluidos?)", r"te (?:recogemos|llevamos|trasladamos)",
        r"adelanto (?:de )?(?:sueldo|dinero|pago)", r"te adelantamos", r"damos adelanto", r"pasajes? (?:y|\+|,) (?:hospedaje|alimentacion|estadia|comida)",
        r"(?:cubrimos|pagamos|asumimos|incluye) (?:\w+ )?(?:pasajes?|viaje|traslado)",
        r"(?:te|yo te|yo|le) pago (?:el |tu |los )?(?:pasajes?|viaje|bus|boleto)",
        r"(?:pasajes?|boletos?|viaje) (?:\w+ ){0,6}?(?:los |lo |te )?(?:cubrimos|pagamos|adelantamos|financiamos)",
        r"(?:agencia|empresa|patron|contratista) (?:\w+ )?(?:cubre|paga|adelanta|financia) (?:el |los |tu )?(?:pasajes?|boletos?|viaje)", r"adelantamos (?:el |tu |los )?(?:pasajes?|viaje|boleto)",
        r"adelanto (?:\w+ ){0,3}?pasajes?", r"a cargo del? (?:empresario|empleador|patron|dueno|local|productora|agencia)", r"(?:la|lo|las|los) recogemos", r"habilito\b", r"(?:te|les|se) habilita\w*",
    ),
    rule(
        "board_included", 0.1,
        r"(?:hospedaje|hospedage|hopedaje|alojamiento|vivienda|cuarto|habitacion|casa|cama|dormida|estadia) (?:y |e |\+ )?(?:alimentacion|alimentos|comidas?|alimentasion)",
        r"(?:alimentacion|alimentasion|comidas?) (?:y |\+ )?(?:hospedaje|hospedage|alojamiento|vivienda|cuarto|dormida|estadia)",
        r"con (?:\w+ )?(?:hospedaje|hospedage|alojamiento|vivienda|cuarto|estadia|alimentacion)",
        r"(?:hospedaje|alojamiento|vivienda|cuarto|estadia|alimentacion) (?:incluid\w+|gratis|gratuit\w+|cubiert\w+)",
        r"cama adentro", r"hospedaje\b", r"(?:departamento|cuarto|habitacion|vivienda|alojamiento|casa) (?:\w+ )?(?:incluid\w+|gratis|gratuit\w+|compartid\w+|donde vivir)",
        r"donde (?:vivir|dormir|quedarte)", r"hospedage\b", r"alojamiento (?:gratis|incluido)",
        r"vivir en (?:el |la )?(?:local|trabajo|negocio|campamento|casa)", r"vive\w* en (?:el |la )?(?:local|trabajo|negocio|campamento)",
        r"(?:alojamiento|hospedaje|cuarto|vivienda) en (?:el |la )?(?:mismo |misma )?(?:local|negocio|trabajo|campamento|ladrillera|obra|chacra|fundo|mina)",
        r"(?:se (?:les |te |le )?da|se dara|tienen|tendras|incluye) (?:\w+ )?cuarto", r"(?:quedas?|quedaras) a vivir", r"(?:se )?quedan? a dormir", r"viviras en",
        r"(?:se duerme|duermes|dormiras) en (?:el |la )?(?:campamento|local|mina|obra)", r"dormitorio (?:y |e |\+ )?(?:comida|alimentacion)",
        r"campamento (?:y |e |\+ )?(?:comida|alimentacion)", r"cuarto disponible", r"alojamiento\b", r"techo y comida", r"te hospedas", r"cuarto (?:\w+ ){0,2}?(?:del|en el) local", r"hotel (?:pagado|incluido|cubierto)",
    ),
    rule("night_work", 0.05, r"(?:trabajo|turnos?|horario) (?:de )?noche", r"(?:trabajo|turnos?|horario) nocturno", r"(?:chambea|trabaja)\w* de noche", r"toda la noche", r"amanecidas?",
         r"de \d{1,2} ?(?:pm|p\.m\.?) a \d{1,2} ?(?:am|a\.m)"),
    rule(
        "urgency", 0.05,
        r"urgente\w*", r"con urgencia", r"viaje inmediato", r"viajar (?:hoy|ya|de inmediato|inmediatamente|manana|esta semana)",
        r"salida (?:hoy|manana|inmediata|esta semana)", r"partida inmediata", r"disponibilidad (?:inmediata )?(?:para|de) viajar",
        r"(?:inicio|incorporacion|ingreso) inmediat\w+", r"viajamos (?:hoy|manana|esta semana)",
    ),
    rule(
        "easy_money", 0.3,
        r"dinero facil", r"plata facil", r"dar likes?", r"por likes?", r"rese[nñ]as? (?:en )?google", r"calificar (?:hoteles|productos|videos|restaurantes)",
        r"tareas (?:simples|sencillas|faciles)", r"comisiones diarias", r"se tu propio jefe", r"libertad financiera", r"multinivel", r"cripto\w*",
        r"inversion (?:minima|inicial|de s/|de \d)", r"solo con tu celular",
        r"(?:prest\w+|alquil\w+|usar|usamos) (?:tu )?cuenta (?:bancaria|de banco|de ahorros)", r"recibir transferencias", r"transfier\w+ la diferencia",
        r"(?:te |le )?(?:enviamos|enviaremos|recibes|recibiras) un cheque", r"devolv\w+ (?:\w+ ){0,3}?la diferencia",
        r"traer a \d+ personas", r"sistema de regalos", r"recib\w+ (?:\w+ )?(?:yapeos|transferencias|depositos) (?:\w+ ){0,8}?(?:transfier\w+|devuelv\w+|envi\w+)",
        r"por (?:cada )?tarea", r"telegram", r"(?:seguir|siguiendo) (?:cuentas|perfiles|paginas)", r"encuestas pagadas", r"usdt", r"trading",
        r"(?:rentabilidad|interes|ganancia|retorno|ganas?|recibes?|gana\w*)\w* (?:\w+ ){0,2}?(?:del |de |un )?\d+ ?% (?:diario|semanal|mensual)\w*", r"(?:rentabilidad|ganancia) garantizad\w*", r"invierte\w* (?:solo )?(?:{MONEY})",
        r"pandero", r"(?:reenvi|reempac)\w+ (?:de )?(?:paquetes|productos|encomiendas)", r"(?:los |las )?(?:reempacas|reenvias)", r"a tu nombre y (?:los |las )?reenvi\w+", r"junta online", r"por cada persona (?:{QUE} )?(?:ingreses|invites|afilies|traigas|registres)", r"invita\w* (?:a )?(?:tus )?amigos",
        r"desde tu cel(?:ular)?\b", r"ganancias? (?:\w+ )?semanal\w*", r"gana\w* (?:\w+ ){0,2}(?:semanales|diarios)",
    ),
    rule("easy_money", 0.1, r"gana\w* (?:hasta|desde|mas de)", r"ganancias? (?:de|desde|hasta)", r"ingresos? (?:extras?|adicionales|pasivos)",
         r"(?:trabaja|gana) desde (?:tu )?casa", r"trabajo facil", r"sin jefes", r"sin horarios?"),
    rule(
        "upfront_fee", 0.4,
        r"{PAY_VERB} ~ (?:de |por |el |la |tu |su )?{FEE_NOUN}",
        r"{FEE_NOUN}{NEAR}(?:{FEE_MONEY}|tiene (?:un )?costo|cuesta|con costo|se paga|pagas|lo pagas|a tu cargo|por tu cuenta)",
        r"(?:y|con|mas) (?:s/|us\$|usd) ?\d[\d,.]* (?:\w+ ){0,2}?(?:para|por|de) (?:el |la |tu |su |los |las )?{FEE_NOUN}",
        r"(?:trae\w*|lleva\w*) (?:{MONEY}) (?:\w+ ){0,2}?(?:para|por|de) (?:el |la |tu |su |los |las )?{FEE_NOUN}",
        r"(?:soles|dolares) (?:para|por) (?:el |la |tu |su |los |las )?{FEE_NOUN}",
        r"(?:deposit\w+|yape\w*|plin\w*|transfier\w+|envi[ae]\w*|abon\w+) (?:\w+ )?(?:{MONEY})", r"(?:yape\w*|plin\w*) (?:al|a) 9\d{2}",
        r"(?:costo|precio|inversion|cuota|valor)\W{0,3}(?:de )?(?:{MONEY})", r"(?:costo|precio|cuota) \w+ (?:de )?(?:{FEE_MONEY})",
        r"compra (?:tu |el |un )?(?:primer )?(?:catalogo|kit|pack|paquete)",
        r"compra\w* (?:la |el |tu |una |un )?(?:licencia|membresia|suscripcion|acceso|curso)", r"(?:paquete|kit|pack) de inicio",
        r"(?:compras?|pagas?|adelantas?) (?:\w+ ){0,3}?con tu (?:propio )?dinero", r"te reembolsamos", r"te devolvemos (?:el |tu )?(?:monto|dinero|capital)", r"capital inicial", r"recarga\w* (?:\w+ )?(?:minimo )?(?:{MONEY})", r"tramit\w+ (?:\w+ ){0,4}?por (?:{FEE_MONEY})",
        r"{SEND} (?:tu |el )?voucher", r"(?:ingresas|entras|empiezas|inicias) con (?:tu |un )?(?:paquete|kit|pack|inversion)",
        r"(?:pones|inviertes|aportas) (?:el |un |tu )?capital",
        r"deposit\w* para (?:desbloquear|activar|acceder|recibir|empezar|iniciar)", r"desbloque\w+ (?:\w+ ){0,2}?(?:pedidos?|tareas?|niveles?|cuenta)", r"deposito (?:\w+ ){0,2}?(?:de )?(?:{FEE_MONEY})",
        r"comision (?:de|por) retiro", r"aseguramos (?:la|tu) (?:plaza|vacante|puesto)", r"vend\w+ (?:la |una |tu )?(?:plaza|vacante|puesto)", r"plaza segura",
        r"(?:das|pagas|depositas|abonas|yapeas) (?:{MONEY})", r"cuenta (?:\w+ ){0,3}?(?:por|a) (?:{FEE_MONEY})", r"(?:plaza|vacante|puesto) (?:asegurad|garantizad)\w*",
        r"(?:debes|tienes {QUE}|deberas|hay {QUE}|solo) (?:\w+ ){0,2}?(?:pagar|depositar|yapear|abonar|cancelar|invertir|inviertes|invierte)",
        r"(?:yape|yapea|plin|deposito|transferencia) (?:de )?(?:s/|\d)", r"(?:pagar|paga|pague|pagas|abonar|cancelar|traer|aporta\w*) (?:{FEE_MONEY}) (?:\w+ ){0,2}?(?:para|por|de|y)",
        r"obligatori[ao]s? (?:de )?(?:{MONEY})", r"obligatori[ao]s?{NEAR}(?:{FEE_MONEY})", r"(?:se )?cobra\w* (?:\w+ )?(?:{FEE_MONEY})",
        r"(?:foto|captura|imagen) (?:del? )?(?:voucher|deposito|yapeo|comprobante)", r"costo notarial", r"activa\w* (?:tu |su )?cuenta", r"cuenta (?:vip|premium)", r"unico pago",
        r"curso obligatorio", r"prestamo (?:para|de)", r"te prestamos",
        r"numero de cuenta", r"deposit(?:a|ar|as|e|en)\b (?:\w+ )?(?:a|en) (?:la |esta |nuestra |mi )?cuenta",
        before=NEGATED, after=FREE_AFTER,
    ),
    rule(
        "deducted_costs", 0.35,
        r"(?:descuenta|descontamos|descontara|descontaran|descuentan|descontaremos|devuelves|devolveras)\b",
        r"(?:descuento|descontado|descuentan?) (?:\w+ ){0,2}?(?:de |del )?(?:tu |su |el )?(?:primer )?(?:sueldo|pago|salario)",
        r"a cuenta de (?:tu |su )?(?:sueldo|pago|trabajo)", r"(?:luego|despues) (?:nos |me )?(?:devuelves|pagas|descontamos)",
        r"(?:lo|la|los|pagas) (?:pagas )?con (?:tu )?(?:trabajo|sueldo)", r"quedas debiendo",
        r"(?:se |te |lo |la )?(?:va|van|ira|iran) descontando", r"(?:tu|una|la) deuda (?:con|de) (?:nosotros|la empresa|el local|el dueno|la agencia)", r"pagar (?:tu |la )?deuda (?:con|trabajando)",
        r"deuda (?:del|de tu|de su|por el|por tu) (?:viaje|pasaje|traslado)", r"(?:se )?(?:devuelve|paga|pagas|descuenta)\w* trabajando",
        r"hasta que (?:canceles|pagues|devuelvas) (?:el |tu |la )?(?:pasaje|viaje|deuda|adelanto)",
        r"se (?:liquida|paga|cancela) (?:todo )?al (?:salir|final|terminar)", r"(?:liquid|descont|cobr)\w* (?:\w+ ){0,2}?contra (?:su |tu |la )?(?:participacion|parte|sueldo|pago|jornal)", r"(?:pago|sueldo) (?:todo )?al (?:salir|final de la campana)",
        after=r"de ley",
    ),
    rule(
        "visa_fee_abroad", 0.4,
        r"(?:visa|visado|pasaporte|permiso de trabajo) (?:\w+ ){0,5}?(?:pago|pagar|costo|cuesta|deposit\w*|s/|\$|\d+ ?(?:soles|dolares|usd))",
        r"(?:pago|pagar|costo|tramite\w*|tramitamos|gestionamos|deposit\w*) (?:\w+ ){0,4}?(?:visa|visado|permiso de trabajo)",
    ),
    rule(
        "document_retention", 0.35,
        r"(?:deja|dejar|dejas|dejaras|dejes|entrega|entregar|entregas|entregues|nos das|quedamos con|guardamos|guarda|guardara|retenemos|retiene|recogemos|custodia\w*|tiene|tienen) (?:\w+ ){0,2}?(?:dni|pasaportes?|documentos?|carnet de extranjeria|cedula)",
        r"(?:dni|pasaportes?|documentos?) (?:\w+ ){0,2}?(?:lo |los |la |las )?(?:guardamos|guarda|guardara|retenemos|retiene|custodiamos|tiene|tienen)\b",
        r"(?:dni|pasaportes?|documentos?) (?:\w+ ){0,3}?(?:en|bajo) custodia",
        r"(?:dni|pasaporte|documentos?) (?:\w+ ){0,2}?(?:se (?:queda|quedan|quedara)|en garantia|como garantia)",
        r"(?:dni|pasaportes?|documentos?|libretas?) (?:\w+ ){0,2}?(?:queda|quedan|quedara|quedaran) (?:en|con) (?:la |el |su )?(?:agencia|empresa|oficina|armador|capitan|patron|dueno|local|nosotros)",
        r"nosotros (?:te )?(?:guardamos|tenemos|custodiamos)", r"(?:foto|copia) (?:de )?(?:tu )?dni (?:por|x) (?:ambos|los dos) lados",
        r"{SEND} (?:\w+ )?(?:foto )?(?:de )?(?:tu )?dni",
        before=NEGATED,
    ),
    rule("document_retention", 0.1, r"traer (?:tu |su )?dni original"),
    rule(
        "photo_request", 0.2,
        r"{SEND} (?:(?!cv|c\.v|curriculum|hoja)\w+ ){0,3}?fotos?\b(?! (?:tamano )?carnet)",
        r"fotos? (?:\w+ ){0,2}?(?:actual(?:es)?|recientes?|sin maquillaje)",
        before=r"(?:cv|c\.v|curriculum|hoja de vida) (?:\w+ )?con",
    ),
    rule(
        "photo_request", 0.3,
        r"fotos? (?:\w+ ){0,2}?(?:cuerpo entero|de cuerpo|traje de bano|en bikini|ropa interior)",
        r"cuerpo entero", r"traje de bano", r"bikini", r"(?:tus|sus) medidas\b", r"medidas (?:corporales|del cuerpo)", r"(?:[89]\d|1[01]\d)-\d{2}-\d{2,3}\b",
        r"sin tatuajes",
        before=NEGATED,  # "no pedimos fotos en ropa interior"
    ),
    rule(
        "credentials", 0.4,
        r"numero de (?:tu )?tarjeta", r"clave (?:de internet|secreta|de (?:tu )?tarjeta|web|del banco)", r"fecha de vencimiento", r"codigo de seguridad", r"cvv\b",
        r"(?:foto|fotos|imagen) (?:\w+ )?(?:de )?(?:tu |la )?tarjeta", r"codigo (?:\w+ ){0,3}?de \d+ digitos", r"me lo reenvias", r"(?:codigo|clave) (?:\w+ ){0,3}?(?:sms|mensaje de texto)",
        r"(?:envia\w*|pasa(?:me|nos|r)?|dame|dicta\w*|reenvia\w*) (?:\w+ )?(?:el |ese |tu )?codigo",
        before=NEGATED,
    ),
    rule(
        "isolation", 0.35,
        r"sin salidas?", r"no (?:hay |tendras |tienes |tiene )?salidas?", r"no (?:podras|puedes|podra|podran) salir", r"{QUE} no tenga\w* familia",
        r"sin (?:celular|telefono)", r"(?:no hay|sin) se[nñ]al", r"sin (?:bajar|bajada)\b", r"sin salir\b(?! de (?:tu |su )?casa)", r"monte adentro", r"(?:el )?celular no se permite", r"(?:meses|dias|semanas) en el monte", r"no se aceptan arrepentidos", r"no (?:se )?(?:permite|permitimos|puedes usar|podras usar) (?:el |tu )?celular", r"sin familia (?:en|aqui|cerca)", r"nadie se (?:entera|enterara|va a enterar)", r"no le (?:digas|cuentes) (?:nada )?(?:a )?(?:tu |tus )?(?:familia|padres|mama|papa|nadie)",
        r"(?:tu |tus )?(?:mama|papa|familia|padres) no (?:tiene|tienen) (?:que|por que|porque) saber", r"dile (?:a tu \w+ )?que te vas a", r"te quedas conmigo", r"no se (?:comenta|cuenta|dice) (?:a|con) (?:la |tu )?familia",
        before=r"(?:cuarto|habitacion|ba[nñ]o|local|casa|edificio)",
    ),
    rule(
        "sponsorship", 0.25,
        r"madrinas?\b", r"padrinos?\b", r"te (?:ayudamos|apoyamos|pagamos|damos|costeamos) (?:\w+ ){0,2}?(?:a )?(?:estudiar|estudios|colegio|universidad|instituto)",
        r"(?:estudiar|estudios) (?:\w+ ){0,3}?a cambio", r"a cambio de (?:sus |tus )?estudios", r"vivir con (?:la |una |nuestra )?familia", r"como (?:una )?(?:hija|parte de la familia)",
    ),
    rule(
        "social_channel", 0.03,
        r"tik ?tok", r"facebook", r"fb\b", r"instagram", r"inbox", r"(?:por|al|x) interno\b", r"dm\b", r"mensaje privado", r"agencia de (?:empleos?|colocacion)",
        r"comparte\w*",
    ),
    rule(
        "school_holidays", 0.05,
        r"vacaciones (?:utiles|escolares|de (?:medio )?ano)", r"trabajo (?:de|para|en) (?:el )?(?:verano|vacaciones)", r"(?:por|en|estas|para) (?:las )?vacaciones",
        r"temporada de verano", r"solo (?:por )?(?:el )?verano",
    ),
    # English wordings of the commonest signs: an advert written in English, or pasted in translation.
    rule(
        "young_women_sought", 0.15,
        r"young (?:ladies|women|girls)", r"girls\b", r"good looking", r"(?:pretty|attractive|beautiful) (?:ladies|women|girls)",
        r"female (?:staff|only|workers)",
    ),
    rule(
        "paid_travel", 0.15,
        r"(?:travel|trips?|tickets?|flights?|fares?|transport|transportation) (?:\w+ ){0,2}?(?:paid|covered|included|free)\b",
        r"(?:we|they|company|employer) (?:will )?(?:pay|cover|buy|advance) (?:\w+ ){0,2}?(?:travel|tickets?|flights?|fares?|transport)",
        r"all expenses (?:paid|covered)",
    ),
    rule(
        "board_included", 0.1,
        r"room and board", r"board and lodging", r"food and (?:lodging|accommodation|housing)",
        r"(?:accommodation|lodging|housing|room|meals) (?:\w+ ){0,2}?(?:included|provided|free)\b",
    ),
    rule(
        "work_abroad", 0.1,
        r"(?:work|jobs?|employment) (?:\w+ ){0,2}?(?:abroad|overseas)",
        r"(?:spain|italy|japan|united states|europe|korea|brazil|germany|switzerland|france|england|united kingdom)\b",
        before=rf"(?:{_STREET}|street|avenue)\.?",
    ),
    rule("photo_request", 0.2, r"send (?:\w+ ){0,3}?(?:photos?|pictures?|pics)\b", r"(?:include|attach) (?:\w+ ){0,2}?(?:photos|pictures|pics)\b"),
    rule(
        "photo_request", 0.3,
        r"full body (?:photos?|pictures?|pics)", r"(?:photos?|pictures?|pics) in (?:a )?(?:bikini|swimsuit|underwear|lingerie)",
        before=NEGATED,
    ),
    rule(
        "upfront_fee", 0.4,
        r"(?:registration|application|processing|training|uniform|placement|recruitment|visa) fees?", r"pay (?:\w+ ){0,2}?(?:a |the |your )?(?:fee|deposit)\b",
        before=NEGATED, after=r"(?:are |is )?(?:paid by|covered|included|free|waived|reimbursed)",
    ),
    rule(
        "document_retention", 0.35,
        r"(?:we|they|employer|company|manager|boss|owner|agency) (?:will )?(?:keeps?|holds?|retains?) (?:\w+ ){0,2}?(?:passports?|ids?|documents)",
        after=r"(?:\w+ )?(?:confidential|private)",
    ),
    rule(
        "euphemism_role", 0.35,
        r"(?:keep|keeping) (?:\w+ ){0,2}?(?:guests|clients|customers|gentlemen) company",
        r"(?:drink|drinking|dance|dancing|chat|chatting) with (?:the )?(?:clients|customers|guests|gentlemen)",
        r"companions? for (?:a |an |the )?(?:\w+ )?(?:gentlem[ae]n|executives?|businessm[ae]n)\b",
    ),
    rule(
        "easy_money", 0.3, r"easy money", r"earn (?:\w+ ){0,2}?(?:from home|daily|per day)", r"(?:reship|repack)\w*",
        r"(?:parcels?|packages?) (?:\w+ ){0,2}?at (?:your|their) (?:home|address|house)",
    ),
    rule(
        "minors_sought", 0.5,
        r"minors (?:welcome|accepted|ok|can apply)", r"(?:accept|hire|hiring|hires) minors", r"no (?:id|documents|papers) (?:needed|required)",
        before=r"(?:no|not|never)",
    ),
    # Quechua, as adverts aimed at Andean families are written: "sipaskuna" (young women), "pasajeykichikta
    # pagasaq" / "pasajeta qopusayki" (I will pay / give you the fare), "mikhuy, puñuy kachkan" (there is food and
    # a bed), "ama pimanpas willankichikchu" (tell nobody).
    rule("young_women_sought", 0.15, r"sipas\w*"),
    rule("paid_travel", 0.15, r"pasaje\w* (?:\w+ )?(?:pagasaq|pagapusayki|pagaykusayki|qopusayki|qupusayki|qusayki|quykusayki)\w*"),
    rule(
        "board_included", 0.1,
        r"(?:mikuy|mikhuy|mikuna|mikhuna) (?:\w+ )?(?:punuy|pununa|puniy)", r"(?:punuy|pununa|puniy) (?:\w+ )?(?:mikuy|mikhuy|mikuna|mikhuna)",
    ),
    rule("isolation", 0.35, r"ama pimanpas willa\w*"),
)

# Ages: a teenage number, then what is written right after it and right before it.
# "1(?<!\w1)" is "\b1" written so the regex engine can jump straight to each "1".
TEEN_AGE = folded_regex(r"1(?<!\w1)[0-7]\b")
AGE_AFTER = folded_regex(phrase(r"[\W_]*(?:(anos? (?:a mas|en adelante|para arriba|o mas)|a mas|para arriba|en adelante|o mas|\+(?!\d)|anos?|anitos)|(?:a|al|-|y|o|hasta|/) ?(\d{2})\b ?(anos)?)"))
AGE_CONTEXT_VETO = folded_regex(phrase(r"(?:experiencia|trayectoria|antiguedad)"))
AGE_BEFORE = folded_regex(phrase(r"(?:\b(desde|a partir de|mayor(?:es)? de|edad(?:es)?|de|entre|con|chicas|jovenes|srtas|senoritas|si tienes|tengas)|(\+)) ?(?:los )?:? ?$"))
AGE_VETO_AFTER = folded_regex(phrase(
    r"(?: ?%| ?:\d|\W*(?:de |en )?(?:experiencia|trayectoria|el mercado|servicio|antiguedad|labor|funcionamiento|garantia|horas?\b|hrs?\b|h\b|pm\b|am\b|p\.m|a\.m|"
    r"soles|s/|dias|minutos|kilos|km|operacion|operaciones|existencia|fundad\w*|de vida|el rubro|el sector|atendiendo|atencion\b|brindando|sirviendo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|setiembre|septiembre|octubre|noviembre|diciembre))"
))

# Clues: not signals themselves, they feed the age, pay and contact checks; found in the same scan as the rules.
WEAK_MINOR = rule("_weak_minor", 0.0, r"no importa (?:la )?edad", r"cualquier edad", r"sin limite de edad", r"edad (?:indistinta|no importa)")
NO_EXPERIENCE = rule(
    "_no_experience", 0.0,
    r"sin (?:ninguna )?experiencia", r"no (?:se )?(?:necesita|necesitas|requiere|requieres|es necesari\w+|pedimos|importa|exigimos) (?:tener )?(?:la |mucha )?experiencia",
    r"experiencia no (?:necesaria|requerida|indispensable)", r"sin estudios", r"no necesitas estudios", r"no importa (?:si no tienes )?experiencia",
    r"no experience", r"experience (?:is )?not (?:needed|required|necessary)",
)
LOW_SKILL = rule(
    "_low_skill", 0.0,
    r"meser[ao]s?", r"moz[ao]s?\b", r"anfitrionas?", r"cociner[ao]s?", r"ayudantes?", r"limpieza", r"cajer[ao]s?", r"vendedor\w*",
    r"waitress\w*", r"waiters?\b", r"cooks?\b", r"cashiers?", r"cleaners?\b", r"cleaning", r"kitchen (?:helpers?|staff|assistants?)",
    r"hostess\w*", r"sales (?:girls?|assistants?|staff)",
    r"atencion (?:al )?(?:cliente|publico)", r"promotor\w*", r"impulsador\w*", r"ninera", r"(?:empleada|trabajadora) del hogar", r"azafatas?",
    r"modelos?\b", r"damas? de compa\w+", r"desde (?:tu )?casa", r"medio tiempo", r"part ?time", r"tareas", r"operari[ao]s?", r"almacener\w*",
)
EXPERIENCE_REQUIRED = rule(
    "_experience_required", 0.0,
    r"experiencia (?:\w+ ){0,5}?(?:\d+|un|uno|dos|tres|cuatro|cinco|seis) (?:\d+ )?(?:anos?|meses)",
    r"(?:years?|months) (?:of )?(?:\w+ )?experience", r"experience (?:\w+ ){0,3}?(?:\d+|one|two|three|four|five|six) (?:years?|months)",
    r"(?:titulo|bachiller|colegiatura|colegiado|especialidad|universitari\w+|licenciad\w+|egresad\w+|tecnico titulado|maestria)",
)
CONTACT = rule(
    "_contact", 0.0,
    r"9\d{2}[ -]?\d{3}[ -]?\d{3}\b", r"whats ?app?", r"wsp\b", r"wasap\w*", r"wpp\b", r"wts?p\b", r"watsap\w*", r"guasap\w*", r"inbox",
    r"(?:por|al|x) interno\b", r"dm\b", r"mensaje privado", r"escrib[ie](?:me|nos)", r"llamar? al", r"llamar\b", r"comunica(?:rse|te)", r"cel(?:ular)?\b",
)

_WORD_STARTING_0 = folded_regex(r"0(?<!\w0)")


def _corporate_contact_possible(folded: str) -> bool:
    """False when the text has none of what a corporate contact needs: "(", "@", "www", "http" or a word starting 0."""
    return "(" in folded or "@" in folded or "www" in folded or "http" in folded or bool(_WORD_STARTING_0.search(folded))


LEGIT_RULES: tuple[Rule, ...] = (
    rule(
        "named_company", 0.2,
        r"sac\b", r"srl\b", r"eirl\b", r"saa\b",
        r"municipalidad", r"ministerio", r"gobierno regional", r"hospital(?:es)?\b", r"universidad", r"programa nacional", r"red de salud", r"poder judicial",
        r"essalud", r"superintendencia", r"instituto (?:nacional|regional|de)", r"direccion regional", r"ugel\b", r"unidad ejecutora", r"contraloria",
        r"defensoria", r"fiscalia", r"ministerio publico", r"jurado nacional", r"registro nacional", r"organismo", r"autoridad (?:nacional|portuaria|local)",
        r"servicio nacional", r"seguro integral", r"banco de la nacion", r"congreso", r"oficina nacional", r"centro de salud", r"policia nacional",
        r"empresa (?:municipal|regional|publica)", r"proyecto especial", r"comision nacional", r"consejo nacional", r"clinica\b", r"corte superior",
        r"zona registral", r"s\. ?[ar]\. ?(?:c|l|a)?\b\.?", r"e\. ?i\. ?r\. ?l", r"sociedad de beneficencia", r"beneficencia", r"cooperativa", r"asociacion civil", r"ong\b",
    ),
    rule(
        "address", 0.15,
        r"(?:av|avenida|jr|jiron|calle|psje|prolongacion|prolong|urb|urbanizacion|carretera)\.? [a-z][\w .]{2,40}?\d+",
        r"(?:mz|manzana)\.? ?[a-z0-9]{1,3} (?:lt|lote)", r"direccion ?:", r"nuestras? oficinas? (?:en|de|ubicad\w+)", r"(?:ubicad[ao]s?|local) en (?:av|jr|calle)",
    ),
    rule(
        "payroll", 0.25,
        r"planilla\b", r"beneficios (?:de ley|sociales|laborales)", r"essalud", r"cts\b", r"gratificacion\w*", r"afp\b", r"onp\b",
        r"sctr\b", r"vacaciones pagadas", r"seguro (?:de salud|social|medico)", r"derechos laborales",
    ),
    rule(
        "written_contract", 0.2,
        r"contrato (?:escrito|de trabajo|laboral|formal|a plazo|indeterminado|firmado|cas|sujeto|por (?:\d+|un|una|dos|tres|seis|doce) (?:meses?|anos?|temporada))",
        r"firma (?:de|del) contrato", r"contrato antes de (?:viajar|empezar|iniciar)", r"d\.? ?l\.? ?(?:n\W*)?(?:1057|728)", r"contratacion administrativa",
        r"regimen (?:laboral|cas|general|minero)",
    ),
    rule(
        "no_fees", 0.15,
        r"no (?:se )?(?:cobramos|cobra|cobran|pedimos|solicitamos|aceptamos|exigimos) (?:\w+ ){0,2}?(?:pagos?|dinero|montos?|costos?|nada|ningun\w*|cobros?)",
        r"no cobramos", r"no se cobra (?:nada )?(?:por|para) (?:postular|la postulacion|el proceso|la entrevista)", r"(?:proceso|postulacion|seleccion|inscripcion|capacitacion|evaluacion) (?:\w+ )?(?:es )?(?:gratuit\w+|gratis|sin costo|libre de costo)",
        r"sin costo (?:alguno|para (?:el |la |los )?postulantes?)", r"nunca (?:te )?(?:pediremos|pedimos|cobraremos) (?:dinero|pagos?)",
    ),
    # English wordings, as for the risk signs.
    rule("payroll", 0.25, r"payroll", r"(?:health|social) insurance", r"(?:legal|statutory) benefits", r"paid (?:holidays|vacations?)"),
    rule(
        "written_contract", 0.2,
        r"(?:written|employment|signed|formal|fixed term) contract", r"contract (?:\w+ )?before (?:travel|travelling|traveling|starting)",
    ),
    rule(
        "no_fees", 0.15,
        r"(?:we )?never (?:charge|ask for) (?:\w+ ){0,2}?(?:fees?|money|payments?|applicants|candidates|anything)",
        r"no (?:\w+ )?(?:fees?|charges?)\b", r"free of charge",
    ),
    # Each phrase starts with its own word boundary, written after its first character ("0(?<!\w0)" is "\b0",
    # "@(?<=\w@)" is "\b@") so the regex engine can jump from one possible first character to the next.
    rule(
        "corporate_contact", 0.15,
        r"\((?<=\w\()0?\d{1,2}\) ?\d{3}[ -]?\d{3,4}\b", r"0(?<!\w0)\d{1,2}[ -]\d{6,7}\b", r"0(?<!\w0)\d{1,2}[ -]\d{3}[ -]\d{3,4}\b",
        r"@(?<=\w@)(?!gmail|hotmail|outlook|yahoo|live|icloud|msn)[\w-]+\.[a-z.]{2,}",
        r"w(?<!\ww)ww\.(?!facebook|tiktok|instagram)[\w-]+\.[a-z]",
        r"h(?<!\wh)ttps?://(?!(?:www\.)?(?:facebook|fb|tiktok|instagram|wa\.me|bit\.ly|chat\.whatsapp))[\w-]+\.",
        gate=_corporate_contact_possible, bounded=False,
    ),
    rule(
        "official_portal", 0.3,
        r"talento peru", r"servir\b", r"(?:convocatoria|proceso|concurso|puesto) (?:\w+ )?cas\b", r"cas (?:n|nro|numero|\d)", r"bases (?:del|de la) (?:concurso|convocatoria)",
        r"empleos ?peru", r"bolsa de trabajo del (?:mtpe|ministerio)", r"centro de empleo",
    ),
    rule(
        "registered_agency", 0.2,
        r"registr\w+ (?:nacional )?de agencias", r"registrad[ao]s? (?:en|ante) (?:el )?(?:mtpe|ministerio de trabajo)", r"agencia (?:privada de empleo )?autorizada",
        r"(?:registro|constancia) (?:mtpe|del mtpe)",
    ),
)

CLUE_RULES: tuple[Rule, ...] = (WEAK_MINOR, NO_EXPERIENCE, LOW_SKILL, EXPERIENCE_REQUIRED, CONTACT)
