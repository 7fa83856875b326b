"""Numerals in every common script and format: 1,2 Mio.; 1 200; 4,2 млн; 420万; ١٨٠ ألف; four."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rashomon.compare.numwords import (
    ATTACHED_ONLY,
    HAN_COUNTERS,
    HAN_DIGITS,
    HAN_UNITS,
    NUMBER_WORDS,
    SCALES,
)

# Languages that write 1.200,5; the rest (en, zh, ja, ko, he, hi, th, ...) write 1,200.5.
COMMA_DECIMAL = frozenset(
    "de fr es it pt ru uk tr pl nl cs sk sl hr sr bs bg ro hu sv da no nb fi et lv lt el id "
    "vi az kk be ka hy sq mk is ca gl eu".split()
)
_DIGIT_MAP = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９٫٬", "012345678901234567890123456789.,"
)
_RAW = re.compile(
    r"(?<![\d.:,])(?<![A-Za-z\u00c0-\u024f\u0370-\u04ff])"
    r"\d+(?:(?:[.,'’]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d+)*"
)
_ORDINAL = re.compile(r"(?:st|nd|rd|th|e|er|ère|ème|º|ª|°|-?й|-?го|-?я|-?му|-?ї)(?!\w)", re.I)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
_HAN = re.compile(f"[{HAN_DIGITS}{''.join(HAN_UNITS)}]+")
_SCALE_GAP = re.compile(r"[ \u00a0\u202f]?")
_CJK_SCALE = "万亿億千"
_THOUSANDS_REST = re.compile(r" (\d{1,3})(?![\d.,])")


@dataclass(frozen=True)
class Number:
    """A numeral found in a text: its span, value and how precisely it was written."""

    start: int
    end: int
    value: float
    text: str
    precision: float = 1.0  # place value of the last written digit: "4.2 million" -> 100000
    spelled: bool = False  # written in words ("four", "четверо", "两")
    ordinal: bool = False  # "44th", "30.": a rank, not a count
    year: bool = False  # a bare four-digit year such as 2022


def normalise_digits(text: str) -> str:
    """The text with Arabic-Indic, Persian and full-width digits as ASCII (same length)."""
    return text.translate(_DIGIT_MAP)


def _parse(raw: str, language: str) -> tuple[float, float] | None:
    """(value, precision) of a digit run such as '1.200,5' or '4,2' in a language's convention."""
    decimal = "," if language in COMMA_DECIMAL else "."
    parts = re.split(r"([.,'’ \u00a0\u202f\u2009])", raw)
    digits, seps = parts[0::2], parts[1::2]
    integer, fraction = digits[0], ""
    for sep, chunk in zip(seps, digits[1:], strict=True):
        if fraction:
            return None  # "1,2,3": a list, not a number
        repeated = seps.count(sep) > 1  # "1.200.000" groups thousands whatever the language
        # "1,800" in a comma-decimal language: outlets in Mexico or the US group thousands so,
        # and a count with three decimals is far rarer in news than that
        ambiguous = len(seps) == 1 and integer != "0" and not integer.startswith("0")
        if len(chunk) == 3 and (sep != decimal or repeated or ambiguous):
            integer += chunk
        elif sep in ".,":
            fraction = chunk  # the decimal mark, or the other mark before other than 3 digits
        else:
            return None
    value = float(f"{integer}.{fraction}" if fraction else integer)
    return value, 10.0 ** -len(fraction)


def _scale(text: str, end: int, language: str) -> tuple[float, int]:
    """(multiplier, new end) for a scale word right after a number: million, Mio., млн, 万, ألف."""
    gap = _SCALE_GAP.match(text, end)
    at = gap.end() if gap else end
    tail = text[at : at + 24].casefold()
    for word, factor in SCALES:
        if tail.startswith(word):
            if word in ATTACHED_ONLY and at != end:
                continue
            stop = at + len(word)
            if (
                word[-1].isalpha()
                and text[stop : stop + 1].isalpha()
                and word[-1] not in _CJK_SCALE
            ):
                continue  # "m" of "metres", "mil" of "military"
            return factor, stop
    return 1.0, end


def _digit_numbers(text: str, norm: str, language: str) -> list[Number]:
    found: list[Number] = []
    for match in _RAW.finditer(norm):
        raw = match[0].rstrip(".,'’ ")
        start, end = match.start(), match.start() + len(raw)
        if norm[end : end + 1] == ":" and _CLOCK.match(norm, start):
            continue  # a time of day or a race time: figures.py reads those
        parsed = _parse(raw, language)
        if parsed is None:
            continue
        value, precision = parsed
        ordinal = bool(_ORDINAL.match(norm, end)) or _dotted_ordinal(norm, end, language)
        factor, stop = _scale(norm, end, language)
        if factor == 1e3 and (rest := _THOUSANDS_REST.match(norm, stop)):
            value, stop = value + float(rest[1]) / factor, rest.end()  # "3 bin 500" = 3,500
            precision = 1.0 / factor
        year = factor == 1.0 and raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100
        found.append(
            Number(
                start,
                stop,
                value * factor,
                text[start:stop],
                precision * factor,
                ordinal=ordinal,
                year=year,
            )
        )
    return found


def _dotted_ordinal(norm: str, end: int, language: str) -> bool:
    # German/Turkish/Polish ordinals: "30. Kilometer", "11. Oktober", "30. kilometrede"
    return (
        language in {"de", "tr", "pl", "cs", "sk", "da", "no", "fi", "hu", "et"}
        and norm[end : end + 1] == "."
        and norm[end + 1 : end + 2] == " "
        and norm[end + 2 : end + 3].isalpha()
    )


def _han_value(chars: str) -> float | None:
    total, section, digit = 0.0, 0.0, None
    for char in chars:
        if char in HAN_DIGITS:
            digit = float(HAN_DIGITS.index(char) % 10)
        else:
            unit = HAN_UNITS[char]
            if unit >= 10_000:
                section = (section + (digit or 0.0)) * unit
                total += section
                section, digit = 0.0, None
            else:
                section += (1.0 if digit is None else digit) * unit
                digit = None
    total += section + (digit or 0.0)
    return total or None


def _han_numbers(text: str, norm: str) -> list[Number]:
    found = []
    for match in _HAN.finditer(norm):
        chars = match[0]
        if len(chars) == 1 and chars in "一千万亿億百十":
            continue  # 一方, 千万: words, not counts
        value = _han_value(chars)
        counted = norm[match.end() : match.end() + 1] in HAN_COUNTERS
        if (
            value is None
            or value < 2
            or not counted
            or norm[match.start() - 1 : match.start()] == "第"
        ):
            continue
        found.append(
            Number(
                match.start(), match.end(), value, text[match.start() : match.end()], spelled=True
            )
        )
    return found


def _word_numbers(text: str, language: str) -> list[Number]:
    words = NUMBER_WORDS.get(language)
    if not words:
        return []
    found = []
    for match in _COMPOUND.finditer(text):
        value = _word_value(match[0], words)
        if value is None:
            continue
        end = match.end()
        if value < 20 and re.search(r"-|\s", match[0]) and _word_value(
                re.split(r"-|\s", match[0])[0], words) == value:
            end = match.start() + len(re.split(r"-|\s", match[0])[0])  # "five-day": "five"
        factor, stop = _scale(text, end, language)  # "fünf Millionen", "five million"
        found.append(Number(match.start(), stop, value * factor, text[match.start():stop],
                            factor, spelled=True))
    return found


# "twenty-six", "vinte e seis", "trenta e due": tens joined to units
_COMPOUND = re.compile(r"[^\W\d_]+(?:(?:-|\s+(?:e|y|и|і)\s+)[^\W\d_]+)?")


def _word_value(phrase: str, words: dict[str, float]) -> float | None:
    parts = [p for p in re.split(r"-|\s+", phrase.casefold().replace("ё", "е"))
             if p not in {"e", "y", "и", "і"}]
    values = [words.get(p) for p in parts]
    if len(values) == 2 and values[0] and values[1] and values[0] >= 20 and values[1] < 10:
        return values[0] + values[1]
    if len(values) == 2 and values[0] == 10 and values[1] and values[1] < 10:
        return 10 + values[1]  # "dix-neuf", "dix-sept": French teens
    return values[0] if len(values) == 1 or "-" in phrase else None


def find_numbers(text: str, language: str = "en") -> list[Number]:
    """Every numeral in a text, digits and spelled-out small counts, in text order."""
    norm = normalise_digits(text)
    found = _digit_numbers(text, norm, language)
    if language in {"zh", "ja"}:
        found += _han_numbers(text, norm)
    found += _word_numbers(text, language)
    found.sort(key=lambda n: n.start)
    out: list[Number] = []
    for number in found:
        if out and number.start < out[-1].end:
            continue  # "3 bin 500": the first reading wins
        if not math.isfinite(number.value):
            continue  # "999…9" past the float range: inf is no figure (and no JSON)
        out.append(number)
    return out


_H = (r"(?:hours?|hrs?|h|stunden?|std\\.?|heures?|ore|horas?|час(?:а|ов)?|годин[иа]?|saat|"
      r"godzin[ya]?|時間|小时)")
_M = r"(?:minutes?|mins?|minuten?|minuti|minutos?|минут[аы]?|хвилин[аи]?|dakika|minut[ya]?|分钟?)"
_S = (r"(?:seconds?|secs?|s|sekunden?|secondes?|secondi|segundos?|секунд[аы]?|saniye(?:de)?|"
      r"sekund[ya]?|秒)")
_DURATION = re.compile(
    rf"(\d{{1,2}})\s*{_H}\s*(\d{{1,2}})\s*{_M}(?:\s*(?:and\s*)?(\d{{1,2}})\s*{_S})?(?![A-Za-z])"
    r"|(\d{1,2})h(\d{2})['′’](\d{2})(?:\"|″|”)?"
    r"|(?<![\d:])(\d{1,2}):(\d{2}):(\d{2})(?![\d:])", re.IGNORECASE)


def find_durations(text: str) -> list[Number]:
    """Compound durations such as '2 hours 9 minutes 41 seconds', "2h09'41\"" or '2:09:41' (s)."""
    found = []
    for m in _DURATION.finditer(normalise_digits(text)):
        groups = [g for g in m.groups() if g is not None]
        h, mnt, sec = (int(groups[0]), int(groups[1]), int(groups[2]) if len(groups) > 2 else 0)
        found.append(Number(m.start(), m.end(), float(h * 3600 + mnt * 60 + sec),
                            text[m.start():m.end()]))
    return found


def same_value(a: float, pa: float, b: float, pb: float) -> bool:
    """Whether two values agree allowing for the coarser one's rounding (4.2m ~ 4,213,000)."""
    return abs(a - b) <= max(pa, pb) / 2 + 1e-9
