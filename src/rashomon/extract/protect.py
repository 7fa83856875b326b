"""What cleanup must never guess away: paragraphs holding a quotation or a figure, and dates."""

from __future__ import annotations

import re

from rashomon.extract.clutter import normalise, word_count

# Month names and abbreviations in en, de, fr, es, it, pt, ru, uk, pl, tr (with case endings).
MONTHS = frozenset(
    """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
januar jänner februar märz mai juni juli oktober dezember
janvier février mars avril juin juillet août septembre octobre novembre décembre janv févr avr
juil déc enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
noviembre diciembre gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август
августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря
січень січня лютий лютого березень березня квітень квітня травень травня червень червня
липень липня серпень серпня вересень вересня жовтень жовтня листопад листопада грудень грудня
styczeń stycznia luty lutego marzec marca kwiecień kwietnia maj maja czerwiec czerwca lipiec
lipca sierpień sierpnia wrzesień września październik października listopad listopada
grudzień grudnia ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
""".split()
)
WEEKDAYS = frozenset(
    """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri
sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag lundi mardi mercredi jeudi
vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo lunedì martedì
mercoledì giovedì venerdì sabato segunda terça quarta quinta sexta feira понедельник вторник
среда четверг пятница суббота воскресенье понеділок вівторок середа четвер пʼятниця субота
неділя poniedziałek wtorek środa czwartek piątek sobota niedziela pazartesi salı çarşamba
perşembe cuma cumartesi pazar
""".split()
)
# Words a dateline may carry besides the date itself.
DATE_WORDS = frozenset(
    """
updated published posted last modified on at of the am pm a m p gmt utc et est edt bst cet
cest msk de às à le el il um uhr aktualisiert veröffentlicht mis jour publié actualizado
publicado aggiornato pubblicato atualizado обновлено опубликовано оновлено опубліковано в о г
року года aktualizacja opublikowano güncelleme yayınlanma saat 年 月 日 时 分 時
기사입력 입력 수정 승인
""".split()
)

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_CLOCK_OR_DATE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_YEAR = re.compile(r"(?:1[89]|20)\d{2}")
_NEXT_WORD = re.compile(r"(?:st|nd|rd|th)?\.?\s*(?:de\s+)?([^\W\d_]+)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\.?,?\s*$")
_CJK_DATE = frozenset("年月日時时分")
# "3 min read" counts the reader's minutes, not anything the story reports
_MINUTES = frozenset("min mins minute minutes minuten minutos minuti мин минут минуты хв хвилин dk "
                     "dakika".split())
_READING_TIME_WORDS = 8
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_DATE_TOKENS = MONTHS | WEEKDAYS | DATE_WORDS
# Openers of a quotation holding at least two words (closed or running on to a later paragraph),
# or a dialogue dash as ru, uk, fr, es, pl and it newspapers print speech.
_QUOTE = re.compile(
    r"(?:[“«„‹「『]|(?<![\w])[\"‘])\s*[^\s”»“\"’」』›]+(?:\s+[^\s”»“\"’」』›]+)+"
    r"|[「『“«][^」』”»]{3,}"
    r"|^[—–]\s*\w+\s+\w+\s+\w+"
)
MIN_FIGURE_WORDS = 5  # "3 min read" and "2:46" carry digits but say nothing


def holds_quote(line: str) -> bool:
    """True when the line quotes someone: a quotation of two words or more."""
    return bool(_QUOTE.search(normalise(line)))


def holds_figure(line: str) -> bool:
    """True when a prose line holds a number that is not a date, a year, a time or a read time."""
    text = normalise(line)
    words = word_count(text)
    if words < MIN_FIGURE_WORDS or not _DIGIT.search(text):
        return False
    return any(not _is_calendar(text, m, words) for m in _NUMBER.finditer(text))


def _is_calendar(text: str, number: re.Match[str], words: int) -> bool:
    token = number.group()
    if _CLOCK_OR_DATE.fullmatch(token) or _YEAR.fullmatch(token):
        return True
    if text[number.end() : number.end() + 1] in _CJK_DATE:
        return True
    after = _NEXT_WORD.match(text, number.end())
    next_word = after.group(1).lower() if after else ""
    if next_word in _MINUTES and words <= _READING_TIME_WORDS:
        return True
    if len(token) > 2:
        return False
    before = _PREVIOUS_WORD.search(text, max(0, number.start() - 16), number.start())
    return next_word in MONTHS or bool(before and before.group(1).lower() in MONTHS)


def is_protected(line: str) -> bool:
    """Quotes and figures are what Rashomon compares: the clutter rules may never drop them."""
    return holds_quote(line) or holds_figure(line)


def is_dateline(line: str) -> bool:
    """True for a line that is only a date or time stamp ("Saturday, September 6, 2025")."""
    text = normalise(line).lower()
    if not _DIGIT.search(text) or word_count(text) > 12:
        return False
    return all(tok.isdigit() or tok in _DATE_TOKENS for tok in _TOKEN.findall(text))
