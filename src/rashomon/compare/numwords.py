"""Number words and scale words of the major news languages (data for numbers.py)."""

from __future__ import annotations


def _words(spec: str) -> dict[str, float]:
    """'2 two deux|3 three' -> {'two': 2, 'deux': 2, 'three': 3}."""
    table: dict[str, float] = {}
    for entry in spec.split("|"):
        value, *forms = entry.split()
        for form in forms:
            table[form] = float(value)
    return table


# Small counts written as words ("one" is left out: "one of the hardest nights" counts nothing).
# Slavic entries list the case forms news prose uses ("четверо", "четырёх", "шістьма").
NUMBER_WORDS: dict[str, dict[str, float]] = {
    "en": _words(
        "2 two|3 three|4 four|5 five|6 six|7 seven|8 eight|9 nine|10 ten|11 eleven"
        "|12 twelve dozen|13 thirteen|14 fourteen|15 fifteen|16 sixteen|17 seventeen"
        "|18 eighteen|19 nineteen|20 twenty|30 thirty|40 forty|50 fifty|100 hundred"
    ),
    "de": _words(
        "2 zwei beiden|3 drei|4 vier|5 fünf|6 sechs|7 sieben|8 acht|9 neun|10 zehn"
        "|11 elf|12 zwölf dutzend|20 zwanzig|30 dreißig|40 vierzig|50 fünfzig"
    ),
    "fr": _words(
        "2 deux|3 trois|4 quatre|5 cinq|6 six|7 sept|8 huit|9 neuf|10 dix|11 onze"
        "|12 douze douzaine|15 quinze|20 vingt|30 trente|40 quarante|50 cinquante"
    ),
    "es": _words(
        "2 dos|3 tres|4 cuatro|5 cinco|6 seis|7 siete|8 ocho|9 nueve|10 diez|11 once"
        "|12 doce docena|15 quince|20 veinte|30 treinta|40 cuarenta|50 cincuenta"
    ),
    "it": _words(
        "2 due|3 tre|4 quattro|5 cinque|6 sei|7 sette|8 otto|9 nove|10 dieci"
        "|11 undici|12 dodici dozzina|15 quindici|20 venti|30 trenta|40 quaranta"
        "|50 cinquanta"
    ),
    "pt": _words(
        "2 dois duas|3 três|4 quatro|5 cinco|6 seis|7 sete|8 oito|9 nove|10 dez"
        "|11 onze|12 doze dúzia|15 quinze|20 vinte|30 trinta|40 quarenta|50 cinquenta"
    ),
    "ru": _words(
        "2 два две двух двум двумя двое двоих|3 три трех трем тремя трое троих"
        "|4 четыре четырех четырем четырьмя четверо четверых|5 пять пяти пятью пятеро"
        "|6 шесть шести шестью шестеро|7 семь семи семью|8 восемь восьми"
        "|9 девять девяти|10 десять десяти десятеро|12 двенадцать двенадцати"
        "|20 двадцать двадцати|30 тридцать|40 сорок|50 пятьдесят"
    ),
    "uk": _words(
        "2 два дві двох двом двома двоє|3 три трьох трьом трьома троє"
        "|4 чотири чотирьох чотирьом чотирма четверо|5 п'ять п’ять п'яти п’яти п'ятеро"
        "|6 шість шести шістьма шістьох шестеро|7 сім семи сімома|8 вісім восьми"
        "|9 дев'ять дев’ять дев'яти|10 десять десяти|12 дванадцять|20 двадцять"
        "|30 тридцять|40 сорок|50 п'ятдесят"
    ),
    "pl": _words(
        "2 dwa dwie dwóch dwoje|3 trzy trzech troje|4 cztery czterech czworo"
        "|5 pięć pięciu|6 sześć sześciu|7 siedem siedmiu|8 osiem ośmiu"
        "|9 dziewięć dziewięciu|10 dziesięć dziesięciu|12 dwanaście|20 dwadzieścia"
    ),
    "tr": _words(
        "2 iki|3 üç|4 dört|5 beş|6 altı|7 yedi|8 sekiz|9 dokuz|10 on|12 düzine"
        "|20 yirmi|30 otuz|40 kırk|50 elli"
    ),
    "ar": _words(
        "2 اثنان اثنين اثنتان اثنتين|3 ثلاثة ثلاث|4 أربعة أربع|5 خمسة خمس"
        "|6 ستة ست|7 سبعة سبع|8 ثمانية ثماني|9 تسعة تسع|10 عشرة عشر|20 عشرون عشرين"
        "|30 ثلاثون ثلاثين|40 أربعون أربعين|50 خمسون خمسين"
    ),
    "nl": _words("2 twee|3 drie|4 vier|5 vijf|6 zes|7 zeven|8 acht|9 negen|10 tien"),
}
# Arabic attaches "and"/"with" to the word: وخمسة, بخمسة.
NUMBER_WORDS["ar"].update({p + w: v for w, v in list(NUMBER_WORDS["ar"].items()) for p in "وب"})

HAN_DIGITS = "〇一二三四五六七八九零壹贰叁肆伍陆柒捌玖"
HAN_UNITS: dict[str, float] = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 1e4,
    "萬": 1e4,
    "亿": 1e8,
    "億": 1e8,
    "两": 2,
    "兩": 2,
}
# A Han numeral counts something only when a counter follows it: 两栋, 三人, 五架.
HAN_COUNTERS = "人名个位架枚栋座处起次天日年月时小公里吨头只辆家所条艘台国项項倍届例棟機発隻件周"
# Short Latin scale words count only when attached: "$25m", "4.2bn", not "5 m" (metres).
ATTACHED_ONLY = frozenset({"m", "k", "bn"})


def _scales() -> list[tuple[str, float]]:
    """(case-folded word, factor), longest first so 'millionen' wins over 'million'."""
    spec = {
        1e3: "thousand tsd. tausend mille mil mila тыс. тысяч тысячи тысяча тис. тисяч тисячі "
        "тисяча bin tys. tysięcy tysiące ألف آلاف الف k 千",
        1e6: "million millions mln mln. m mio. mio millionen millón millones milione milioni "
        "milhão milhões млн млн. миллион миллиона миллионов мільйон мільйона мільйонів "
        "milyon milionów miliony مليون ملايين",
        1e9: "billion billions bn mrd. mrd milliarde milliarden milliard milliards "
        "miliardo miliardi bilhão bilhões bilião млрд млрд. миллиард миллиарда "
        "миллиардов мільярд мільярда мільярдів milyar miliard miliardów مليار مليارات",
        1e4: "万 萬",
        1e8: "亿 億",
    }
    out = [(word, factor) for factor, words in spec.items() for word in words.split()]
    # "mil millones" (es) and "mil milhões" (pt) are 1e9, not a thousand followed by a word.
    out += [("mil millones", 1e9), ("mil milhões", 1e9)]
    return sorted(out, key=lambda item: -len(item[0]))


SCALES = _scales()
