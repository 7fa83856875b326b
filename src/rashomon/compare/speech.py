"""Speech verbs and personal pronouns of the major news languages (data for quotes.py)."""

from __future__ import annotations

import re

# Word prefixes (case-folded) of verbs and phrases that attribute speech: "said", "erklärte",
# "a déclaré", "заявил", "表示". Prefixes cover tense and gender forms.
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("said", "says", "say", "told", "tells", "added", "stated", "wrote", "writes", "warned",
           "asserted", "remarked", "disclosed", "emphasized", "emphasised", "stressed", "noted",
           "explained", "declared", "insisted", "argued", "claimed", "announced", "recalled",
           "described", "called", "urged", "according to", "quoted", "replied", "continued",
           "admitted", "acknowledged", "posted", "tweeted", "revealed", "confirmed", "promised",
           "vowed", "accused"),
    "de": ("sagte", "sagt", "erklärte", "erklärt", "schrieb", "betonte", "teilte", "so ",
           "warnte", "meinte", "fügte", "sprach", "berichtete", "kündigte", "bekräftigte",
           "unterstrich", "hieß es", "laut", "zufolge", "räumte", "versicherte", "mahnte"),
    "fr": ("a déclaré", "a dit", "dit", "déclare", "a affirmé", "affirme", "a assuré", "assure",
           "a dénoncé", "a indiqué", "indique", "a expliqué", "explique", "a ajouté", "ajoute",
           "a souligné", "souligne", "a estimé", "estime", "a confié", "confie", "raconte",
           "a raconté", "selon", "a-t-il", "a-t-elle", "a écrit", "écrit", "a prévenu",
           "a martelé", "a insisté", "a averti", "a promis", "a reconnu"),
    "es": ("dijo", "afirmó", "declaró", "aseguró", "señaló", "explicó", "añadió", "agregó",
           "ha dicho", "ha contado", "ha afirmado", "ha declarado", "ha explicado", "ha señalado",
           "ha asegurado", "ha reclamado", "ha advertido", "ha añadido", "ha subrayado",
           "según", "indicó", "advirtió", "sostuvo", "escribió", "manifestó", "subrayó",
           "destacó", "insistió", "reconoció", "prometió", "relató", "contó"),
    "it": ("ha detto", "ha dichiarato", "ha scritto", "ha affermato", "ha spiegato",
           "ha aggiunto", "ha sottolineato", "ha assicurato", "ha ammesso", "ha parlato",
           "secondo", "dice", "ha raccontato", "racconta", "ha avvertito", "si legge",
           "ha commentato", "ha annunciato", "ha ribadito"),
    "pt": ("disse", "afirmou", "declarou", "segundo", "explicou", "acrescentou", "ressaltou",
           "destacou", "escreveu", "assegurou", "garantiu", "avaliou", "comentou", "alertou",
           "anunciou", "contou"),
    "ru": ("сказал", "заявил", "сообщил", "отметил", "подчеркнул", "написал", "говорится",
           "по словам", "добавил", "пояснил", "рассказал", "признал", "предупредил",
           "уточнил", "считает", "говорит", "заверил", "констатировал", "цитирует"),
    "uk": ("сказав", "сказала", "заявив", "заявила", "написав", "написала", "повідомив",
           "повідомила", "розповідає", "розповів", "розповіла", "за словами", "наголосив",
           "наголосила", "зазначив", "зазначила", "додав", "додала", "пояснив", "пояснила",
           "йдеться", "каже", "говорить", "запевнив", "попередив"),
    "pl": ("powiedział", "stwierdził", "napisał", "oświadczył", "podkreślił", "według",
           "dodał", "zaznaczył", "przyznał", "mówi", "ocenił", "zapewnił"),
    "tr": ("dedi", "söyledi", "açıkladı", "belirtti", "ifade etti", "vurguladı", "kaydetti",
           "diye konuştu", "dile getirdi", "yazdı", "göre", "seslendi", "uyardı"),
    "ar": ("قال", "وقال", "قالت", "وقالت", "أضاف", "وأضاف", "أضافت", "وأضافت", "صرح", "وصرح",
           "أكد", "وأكد", "أكدت", "وأكدت", "بحسب", "وفق", "أوضح", "وأوضح", "أشار", "وأشار",
           "مشيرا", "مشيرةً", "مؤكدا", "مؤكداً", "كتب", "ودعا", "دعا", "حذر", "وحذر", "أعلن",
           "وأعلن", "اعتبر", "واعتبر"),
    "zh": ("表示", "说", "称", "指出", "强调", "说道", "透露", "介绍", "认为", "批评", "写道",
           "宣布", "坦言", "呼吁", "警告"),
    "ja": ("と述べ", "と語", "と話", "と発表", "と非難", "と強調", "と説明", "と指摘", "と明らか",
           "と主張", "と振り返", "と訴え", "と呼びかけ", "と書", "と言", "とコメント",
           "と警告", "とした", "と報告"),
}
# Pronouns that stand for the last person named (subject forms).
PRONOUNS: dict[str, tuple[str, ...]] = {
    "en": ("he", "she"), "de": ("er", "sie"), "fr": ("il", "elle"), "es": ("él", "ella"),
    "it": ("lui", "lei"), "pt": ("ele", "ela"), "ru": ("он", "она"), "uk": ("він", "вона"),
    "pl": ("on", "ona"), "tr": ("o",), "zh": ("他", "她"), "ja": ("彼", "彼女"), "ar": ("هو", "هي"),
}
# Nominal speakers: "the ministry said", "говорится в сводке ведомства".
ORG_WORDS = re.compile(
    r"(?:ministry|ministerium|ministère|ministero|ministerio|ministério|министерств|міністерств|"
    r"bakanlığı|ministerstw|وزارة|部|省|agency|ведомств|office|spokes|sprecher|porte-parole|"
    r"portavoce|portavoz|porta-voz|речни|пресс-служб|пресслужб|statement|communiqué|comunicato|"
    r"сводк|заявлени)", re.IGNORECASE)


# Words right before a name that make it a complement, not a speaker: "in Kenya's Rift Valley",
# "la Panamericana Sur", "the mayor of Sabanal", "presidente do Banco Central".
GOVERNING = frozenset("""
in of at from to into on the as von vom aus nach bei im am zum zur der die das den dem des
de du des del della dello dei degli delle di da do dos das dal dalla nel nella à au aux en em no
na nos nas la le les el los las il lo gli un une uno una o a al w we z ze na do od у в во из с со
на до від з із у
""".split())
GOVERNING_ELIDED = re.compile(r"(?:^|\s)(?:l|d|all|dell|nell|dall|sull|qu)['’]$", re.IGNORECASE)
# Role nouns that stand for a person named earlier: "said the mayor", "ha contado la regidora",
# "a déclaré le dirigeant", "erklärte der 58-Jährige". Word prefixes, case-folded.
ROLE_WORDS = (
    "mayor", "governor", "minister", "president", "premier", "chancellor", "spokes", "envoy",
    "official", "chief", "head", "leader", "director", "commander", "secretary", "commissioner",
    "prosecutor", "economist", "executive", "athlete", "runner", "admiral", "general", "colonel",
    "alcald", "regidor", "gobernador", "ministr", "president", "portavoz", "jef", "atleta",
    "corredor", "comandante", "fiscal", "maire", "gouverneur", "ministre", "présid", "porte-parole",
    "dirigeant", "patron", "athlète", "commissaire", "procureur", "sindac", "governat", "assessor",
    "portavoce", "prefeit", "governador", "bürgermeister", "gouverneur", "ministerin", "sprecher",
    "chef", "läufer", "kommissar", "staatsanwalt", "jährig", "enne", "мэр", "губернатор",
    "министр", "президент", "глава", "представител", "спикер", "мер", "голова", "речни",
    "представни", "prezydent", "burmistrz", "rzeczni", "minister", "vali", "bakan", "sözcü",
    "başkan",
)


def verb_pattern(language: str) -> re.Pattern[str]:
    """A regex matching the speech verbs of a language (English ones too, as a fallback)."""
    verbs = SPEECH_VERBS.get(language, ()) + (SPEECH_VERBS["en"] if language != "en" else ())
    alternatives = "|".join(sorted((re.escape(v.strip()) for v in verbs), key=len, reverse=True))
    if language in {"zh", "ja", "ar"}:
        return re.compile(f"(?:{alternatives})")
    # not inside a compound: "so-called" is no speech
    return re.compile(rf"(?<![\w-])(?:{alternatives})", re.IGNORECASE)
