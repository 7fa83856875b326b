"""Names of people and organisations in any script, surname resolution, cross-script matching."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rashomon.compare.text import STOPWORDS, script_of
from rashomon.compare.translit import keys_match, sound_key

_UPPER = r"A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐΑ-Ω"
_WORD = rf"[{_UPPER}][\w’'\-]*\w|[{_UPPER}]\."
_PARTICLE = r"(?:de|da|del|della|di|dos|du|van|von|al|bin|ibn|ten|ter)"
_LATIN_NAME = re.compile(rf"(?:{_WORD})(?:[ \u00a0]+(?:{_PARTICLE}[ \u00a0]+)?(?:{_WORD}))*")
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,6})+")
# Japanese titles written after the name: "ホブランCEO", "西村遥報道官", "井上武団長".
_JA_TITLE = r"(?:氏|さん|選手|CEO|総裁|知事|市長|長官|大臣|報道官|団長|少将|書記長|社長|会長|議長|相)"
_KANA_NAME = re.compile(r"[\u30a0-\u30ff]{2,}(?:・[\u30a0-\u30ff]{2,})+"
                        rf"|[\u30a0-\u30ff]{{3,}}(?={_JA_TITLE})"
                        r"|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,4}(?=氏)"
                        r"|(?<=の)[\u4e00-\u9fff]{2,3}(?=報道官|団長|知事|市長|長官|大臣)")
# A Chinese name given without the transliteration dot, between a role and a speech verb:
# "发言人凯莱蒂表示", "总设计师罗启明在发射现场表示", "总书记卡洛韦则表示".
_HAN_ROLE_NAME = re.compile(
    r"(?:发言人|部长|行长|委员|主席|总统|总理|长官|负责人|设计师|执行官|秘书长|书记|特使|镇长|省长|"
    r"市长|主任|专员|大使)([\u4e00-\u9fff][\u4e00-\u9fff\-]{1,5}?)"
    r"(?=表示|说|称|指出|强调|批评|呼吁|坦言|介绍|透露|在|还|同时|对|则)")
_ARABIC_TITLE = re.compile(
    r"(?:الدكتور|الدكتورة|الرئيس|الوزير|وزير|وزيرة|المتحدث|المتحدثة|الناطق|السيد|السيدة|اللواء|"
    r"العقيد|رئيس|رئيسة|مدير|مديرة|محافظ|عمدة|الحاكم|الأمين|المبعوث|الجندي|العداءة|العداء)\s+"
    r"(?:(?:ال|لل|ب)[\u0621-\u064a]+\s+){0,4}((?:(?!ال|لل)[\u0621-\u064a]{2,}\s*){2,3})")
# Words that start a capitalised run but are titles, not names ("President Putin").
TITLES = frozenset("""
mr mrs ms dr prof president prime minister gov governor col colonel gen general sen senator
chancellor secretary-general secretary mayor chief judge king queen pope sir lord lady captain
professor spokesman spokeswoman spokesperson envoy ambassador analyst leader
herr frau präsident präsidentin kanzler bundeskanzler minister ministerin gouverneur oberst
m mme président présidente ministre maire le la les el los señor señora presidente ministro
ministra alcalde alcaldessa gobernador il lo sindaco governatrice governatore signor dott
o a prefeito governador господин г-н президент министр губернатор глава мэр пан пані vali
başkanı bakan sayın pan pani prezydent premier stabssprecherin sprecher sprecherin
начальник глава речник полковник генерал мешканка мешканець жителька житель директор
посол спикер представитель представник лейтенант капитан сержант майор
monday tuesday wednesday thursday friday saturday sunday rear vice adm lt sgt capt cmdr
""".split())
# Capitalised at a sentence start, yet no part of a name ("Dieser Fonds", "Jede Nacht").
DETERMINERS = frozenset("""
dieser diese dieses diesen jede jeder jedes jeden beide beiden welche welcher welchen welches
alle viele unsere unser unseren ihre ihr seine sein mein meine kein keine cette ce ces chaque
tous toutes este esta estos estas cada todos todas questo questa ogni tutti tutte millionen
milliarden tausende hunderte dutzende
""".split())
# German compounds ending like these are places or bodies, not people: "Küstenstadt",
# "Staatsanwaltschaft", "Chemiewerk".
_PLACE_COMPOUND = re.compile(r"(?i)^\w{5,}(?:stadt|dorf|burg|hafen|werk|amt|schaft|ministerium|"
                             r"gericht|behörde|zentrum|verband|konzern|bank|gemeinde)$")
# Words that make a capitalised run an organisation or a place rather than a person.
ORG_PLACE = re.compile(
    r"(?i)\b(?:union|ministry|ministerium|ministère|ministero|ministerio|stadium|street|bank|fund|"
    r"agency|council|committee|forces?|army|news|wire|post|times|university|hospital|airport|"
    r"province|region|city|district|county|republic|kingdom|states|nations|coalition|summit|"
    r"forum|party|court|office|house|organi[sz]ation|cent(?:re|er)|company|group|air|sea|river|"
    r"ocean|highway|plant|corporation|inc|ltd|gmbh|ag|sa|spa|institute|service|départ|"
    r"министерств|міністерств|агентств|служб|сил|банк|фонд|союз|область|району?|stadt|ville|città|"
    r"ciudad|cidade|город|місто)\b")
_CYRILLIC = dict(zip(
    "абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "h", "g", "d", "e", "e", "ie", "zh", "z", "y", "i", "i", "i", "k", "l", "m",
     "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
     "iu", "ia"], strict=True))
_SKELETON = (("tsch", "c"), ("shch", "s"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"),
             ("zh", "z"), ("kh", "h"), ("ts", "c"), ("ck", "k"), ("ph", "f"), ("w", "v"),
             ("g", "h"), ("x", "ks"), ("q", "k"))


@dataclass(frozen=True)
class Name:
    """A name written in a text: its span, its words and whether it is possessive."""

    start: int
    end: int
    text: str
    possessive: bool = False
    organisation: bool = False

    @property
    def surname(self) -> str:
        """The last word of the name (family name for most names in news prose)."""
        return re.split(r"[\s·・]+", self.text)[-1]


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Title-case lines ("Putin Warns Western Troops ..."): every word capitalised, no names.
    A line ending a sentence is prose, however many capitals (German capitalises nouns)."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        if re.search(r"[.!?。]\W*$", line[0].rstrip()):
            continue
        words = re.findall(r"[^\W\d_][\w’'-]*", line[0])
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
            spans.append((line.start(), line.end()))
    return spans


def _latin_names(text: str) -> list[Name]:
    found = []
    headlines = _headline_spans(text)
    for match in _LATIN_NAME.finditer(text):
        if any(a <= match.start() < b for a, b in headlines):
            continue
        run = match[0]
        start = match.start()
        previous = None
        while run != previous:
            previous = run
            run, start = _drop_titles(run, start)
            run, start = _drop_noun_lead(run, start)
        if not run or len(run) < 2:
            continue
        end = start + len(run)
        base = re.sub(r"['’](?:s|in|un|ın|ün|e|a|ye|ya|den|dan|de|da|ı|i|u|ü)$", "", run)
        possessive = bool(re.search(r"['’]s$", run) or re.match(r"['’](?:s\b|\s)",
                                                                 text[end : end + 2]))
        if base.split()[-1].rstrip(".").casefold() in TITLES:
            continue  # "Portugal's Minister", "Rear Adm": a title, no name
        base, start = _same_script_tail(base, start)
        organisation = bool(ORG_PLACE.search(run)) or any(
            _PLACE_COMPOUND.search(w) for w in base.split())
        found.append(Name(start, start + len(base), base, possessive, organisation))
    return found


def _same_script_tail(run: str, start: int) -> tuple[str, int]:
    """"Halden Nordbank Эйрик Ховланн": the name is the words in the last word's script."""
    words = run.split()
    script = script_of(words[-1])
    keep = len(words)
    while keep > 1 and script_of(words[keep - 2]) == script:
        keep -= 1
    if keep == 1:
        return run, start
    cut = run.index(words[keep - 1], len(" ".join(words[: keep - 1])))
    return run[cut:], start + cut


def _drop_titles(run: str, start: int) -> tuple[str, int]:
    words = run.split()
    # "Russian President Vladimir Putin", "French President Emmanuel Macron": the name follows
    # the last title word
    titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".").casefold() in TITLES]
    if titled and titled[-1] > 0:
        cut = run.index(" ".join(words[titled[-1] + 1 :]))
        run, start, words = run[cut:], start + cut, words[titled[-1] + 1 :]
    while words and (words[0].rstrip(".").casefold() in TITLES | STOPWORDS | DETERMINERS or (
            len(words) > 2 and words[0].isupper() and len(words[0]) > 1)):
        cut = run.index(words[0]) + len(words[0])
        start += cut + (len(run[cut:]) - len(run[cut:].lstrip()))
        run = run[cut:].lstrip()
        words = run.split()
    return run, start


# German capitalises nouns: "Planetologin Henrike Albers", "Luftwaffensprecher Oberst Wadym".
_NOUN_END = re.compile(r"(?:in|er|eur|ent|ist|loge|ung|rat|chef|tor|ant|ur)$")


def _drop_noun_lead(run: str, start: int) -> tuple[str, int]:
    words = run.split()
    while len(words) > 2 and len(words[0]) > 6 and _NOUN_END.search(words[0]):
        cut = run.index(words[1])
        run, start, words = run[cut:], start + cut, words[1:]
    return run, start


def find_names(text: str, language: str) -> list[Name]:
    """Capitalised runs (Latin, Cyrillic, Greek), dotted Han and kana names, titled Arabic names."""
    if language == "zh":
        out = []
        for m in _HAN_NAME.finditer(text):
            name, start = _trim_role(m[0], m.start())
            name = _ZH_TAIL.sub("", name)
            out.append(Name(start, start + len(name), name))
        taken = [(n.start, n.end) for n in out]
        out += [Name(m.start(1), m.end(1), m[1]) for m in _HAN_ROLE_NAME.finditer(text)
                if not any(a <= m.start(1) < b for a, b in taken)]
        return sorted(out, key=lambda n: n.start)
    if language == "ja":
        return [Name(m.start(), m.end(), m[0]) for m in _KANA_NAME.finditer(text)] + _latin_names(
            text)
    if language == "ar":
        found = []
        for m in _ARABIC_TITLE.finditer(text):
            name = _AR_TAIL.sub("", m[1].rstrip())  # "… وانجيرو في": the name, not "in"
            found.append(Name(m.start(1), m.start(1) + len(name), name))
        return found
    return _latin_names(text)


_ZH_TAIL = re.compile(r"(?:表示|说|称|指出|强调|认为|介绍|透露|批评.*|呼吁.*|坦言|在.*|于.*|等)$")
_AR_TAIL = re.compile(r"(?:\s+(?:في|إن|أن|أنه|من|على|عن|إلى|الذي|التي|قد))+$")
_ROLE_END = set("长官人员理统席师家者任使裁记部行")


def _trim_role(name: str, start: int) -> tuple[str, int]:
    head = name.split("·")[0]
    while len(head) > 2 and head[0] in _ROLE_END | set("州市省国军事行政"):
        name, head, start = name[1:], head[1:], start + 1
    return name, start


def is_person(name: Name) -> bool:
    """A name of a person: not an organisation, and two words or a known single surname."""
    return not name.organisation


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A spelling-insensitive key of a name across Latin and Cyrillic transliterations."""
    lower = name.casefold()
    latin = "".join(_CYRILLIC.get(c, c) for c in lower)
    ascii_ = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"[^a-z]", "", ascii_)
    for a, b in _SKELETON:
        ascii_ = ascii_.replace(a, b)
    if not ascii_:
        return lower
    consonants = ascii_[0] + re.sub(r"[aeiouyj]", "", ascii_[1:])
    return re.sub(r"(.)\1+", r"\1", consonants)


def _parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s·・]+", name.strip()) if p]


def _same_word(a: str, b: str, across: bool) -> bool:
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb or (min(len(sa), len(sb)) >= 3 and SequenceMatcher(None, sa, sb).ratio() >= 0.75):
        return True
    return across and keys_match(sound_key(a), sound_key(b))


FIRST_NAME_MATCH = 0.6  # sound-key similarity of given names once the surname matched


def _first_names_agree(a: str, b: str, across: bool) -> bool:
    # transliteration blurs short given names most ("Mercy"/"マーシー", "Gareth"/"ギャレス"):
    # the same first sound is enough once the surname matched
    if _same_word(a, b, across):
        return True
    ka, kb = sound_key(a), sound_key(b)
    return across and bool(ka and kb) and (
        ka[:1] == kb[:1] or SequenceMatcher(None, ka, kb).ratio() >= FIRST_NAME_MATCH)


@lru_cache(maxsize=65536)  # entities and groups ask about the same few names many times
def same_person(a: str, b: str) -> bool:
    """Whether two renderings name the same person ("Hryntschuk", "Гринчук", "ホブラン", "Hovland")."""
    pa, pb = _parts(a), _parts(b)
    if not pa or not pb:
        return False
    across = script_of(a) != script_of(b)
    if skeleton(pa[-1]) == skeleton(pb[-1]):
        return True
    key_a, key_b = sound_key(pa[-1]), sound_key(pb[-1])
    if across and key_a == key_b and len(key_a) >= 4:
        return True  # "ジェプケンボイ" and "Jepkemboi" sound alike letter for letter
    both = len(pa) > 1 and len(pb) > 1
    if across and sum(any(_same_word(x, y, True) for y in pb) for x in pa) >= 2:
        return True  # "ロサ・キスペ・ビジャヌエバ" and "Rosa Quispe Villanueva": two parts agree
    if _same_word(pa[-1], pb[-1], across) or (both and keys_match(key_a, key_b)):
        # a near surname needs the first name too: "Zsófia Keleti" is not "Rein Kallaste"
        return not both or _first_names_agree(pa[0], pb[0], across or both)
    short, long_ = sorted((pa, pb), key=len)
    # "Omar Salem" names "Omar Salem Al Dhaheri": same first name, and a later name part
    return (1 < len(short) < len(long_) and _same_word(short[0], long_[0], across)
            and any(_same_word(short[-1], w, across) for w in long_[1:]))


def surname_matches(token: str, surname: str) -> bool:
    """Whether a word is a (possibly inflected) form of a surname: Гринчука ~ Гринчук."""
    t, s = token.casefold(), surname.casefold()
    if t == s:
        return True
    stem = s[:-1] if len(s) > 4 else s
    return len(s) >= 4 and t.startswith(stem) and len(t) - len(s) <= 2
