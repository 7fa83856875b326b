"""Dates and time anchors in news prose: "18 October", "Oct. 10-11", "10月18日", "a week earlier"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.compare.numbers import normalise_digits

_MONTHS: dict[str, str] = {
    "en": "january|february|march|april|may|june|july|august|september|october|november|"
          "december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec",
    "de": "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember",
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    "es": "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
          "diciembre",
    "it": "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|"
          "dicembre",
    "pt": "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|"
          "dezembro",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
    "uk": "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|"
          "грудня",
    "tr": "ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık",
    "pl": "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|"
          "listopada|grudnia",
    "ar": "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر",
}
_SHORT = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_RANGE = r"(?:\s*(?:[-–/]|au|al|bis|to|and|и|на|і|ve|do)\s*(\d{1,2})\.?)?"
# "a week earlier" and the like: the figure belongs to an earlier episode, not this one.
PAST = re.compile(
    r"a week (?:earlier|before|ago)|week ago|last week|previous (?:night|week|attack)|"
    r"woche zuvor|vorwoche|vor einer woche|semaine (?:précédente|plus tôt|avant|après)|"
    r"settimana (?:prima|scorsa)|semana (?:anterior|pasada)|недел[юиь] (?:назад|ранее)|"
    r"тиждень тому|тижня тому|geçen hafta|tydzień temu|قبل أسبوع|الأسبوع الماضي|一周前|上周|"
    r"週間前|先週", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A calendar date (or a range of days) written in a text."""

    start: int
    end: int
    text: str
    month: int
    days: tuple[int, ...]


def _month_number(language: str, name: str) -> int:
    name = name.casefold().rstrip(".")
    if name in _SHORT:
        return _SHORT[name]
    names = _MONTHS[language].split("|")
    return names.index(name) + 1 if name in names else 0


def _patterns(language: str) -> list[re.Pattern[str]]:
    months = _MONTHS.get(language)
    if not months:
        return []
    return [
        re.compile(rf"(?<!\d)(\d{{1,2}})\.?{_RANGE}\s*(?:de\s+)?({months})\b\.?", re.IGNORECASE),
        re.compile(rf"\b({months})\.?\s+(\d{{1,2}})(?!\d){_RANGE}", re.IGNORECASE),
    ]


_CJK_DATE = re.compile(r"(?:(\d{1,2})月)?(\d{1,2})日(?:[至到~～-](\d{1,2})日)?")


def find_dates(text: str, language: str) -> list[DateMention]:
    """Calendar dates in a text with their month and days (the year is not needed here)."""
    norm = normalise_digits(text)
    found: list[DateMention] = []
    if language in {"zh", "ja"}:
        for m in _CJK_DATE.finditer(norm):
            days = tuple(int(d) for d in (m[2], m[3]) if d)
            found.append(DateMention(m.start(), m.end(), text[m.start():m.end()],
                                     int(m[1]) if m[1] else 0, days))
        return found
    for number, pattern in enumerate(_patterns(language)):
        for m in pattern.finditer(norm):
            if number == 0:
                month, written = _month_number(language, m[3]), (m[1], m[2])
            else:
                month, written = _month_number(language, m[1]), (m[2], m[3])
            if month:
                day_numbers = tuple(int(d) for d in written if d and 0 < int(d) <= 31)
                found.append(DateMention(m.start(), m.end(), text[m.start():m.end()], month,
                                         day_numbers))
    return sorted(found, key=lambda d: d.start)


def anchors(text: str, language: str) -> tuple[frozenset[int], bool]:
    """(days named in a sentence, whether it speaks of an earlier episode) for figure context."""
    days = frozenset(d for mention in find_dates(text, language) for d in mention.days)
    return days, bool(PAST.search(text))
