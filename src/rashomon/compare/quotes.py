"""Direct quotes in every common style, attributed to their speakers within the article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.compare.names import Name, find_names, surname_matches
from rashomon.compare.speech import (
    GOVERNING,
    GOVERNING_ELIDED,
    ORG_WORDS,
    PRONOUNS,
    ROLE_WORDS,
    verb_pattern,
)
from rashomon.compare.story import StoryArticle

# Opening mark -> closing marks. "“" closes German „ but opens English quotes; "»" opens
# Danish/German »…« only when no « is open.
PAIRS = {"“": "”“", "„": "“”", "«": "»", "»": "«", "‹": "›", "「": "」", "『": "』", '"': '"',
         "‘": "’", "‚": "‘’"}
DASHES = "—–―"
MIN_CHARS = 2
MAX_CHARS = 1500  # longer "quotes" come from a stray mark
ATTRIBUTION_CHARS = 400  # how far before or after a quote its speaker is looked for
TERM_WORDS = 4  # a quote this short with no speech verb near is a term, not a statement
_DASH_END = re.compile(rf",?\s+[{DASHES}]|\s[{DASHES}](?=\w)")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|[。！？]")


@dataclass(frozen=True)
class Quote:
    """Quoted words of one article: ``text`` is exactly ``article.text[start:end]``."""

    article: str
    outlet: str
    country: str
    language: str
    start: int
    end: int
    text: str
    speaker: str = ""  # as the article names them, resolved to the fullest form it uses
    style: str = ""  # the marks: “”, «», „“, 「」, — ...
    is_copy: bool = False


def _opens(paragraph: str, i: int) -> bool:
    char = paragraph[i]
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    if char in "'‘\"":
        return not before.isalnum() and not after.isspace()
    if char == "»":
        return "«" not in paragraph[:i] and after.isalnum()
    return True


def _closes(paragraph: str, i: int, expected: str) -> bool:
    if paragraph[i] not in expected:
        return False
    if paragraph[i] in "’'":  # an apostrophe inside a word does not close: Putin’s, don’t
        after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        return not after.isalpha()
    return True


def quote_spans(paragraph: str) -> list[tuple[int, int, str]]:
    """(start, end, style) of the outermost quotations in a paragraph, marks excluded."""
    spans: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(paragraph):
        if stack and _closes(paragraph, i, PAIRS[stack[-1][0]]):
            opener, start = stack.pop()
            if not stack:
                spans.append((start + 1, i, opener + char))
        elif char in PAIRS and _opens(paragraph, i) and (stack or char not in "’"):
            if char in "'‘" and stack:
                continue  # nested single quotes stay part of the outer quote
            stack.append((char, i))
    if stack and stack[0][0] not in "'‘\"":  # a quote running on into the next paragraph
        opener, start = stack[0]
        spans.append((start + 1, len(paragraph.rstrip()), opener))
    spans += _dash_spans(paragraph, spans)
    trimmed = [(*_trim(paragraph, s, e), st) for s, e, st in spans]
    return [(s, e, st) for s, e, st in trimmed if MIN_CHARS <= e - s <= MAX_CHARS]


def _dash_spans(paragraph: str, marked: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Dash-introduced speech: "— Цели удара достигнуты, — говорится ...", "—Asumo... —dijo"."""
    match = re.match(rf"\s*[{DASHES}]\s*", paragraph) or re.search(
        rf":\s*[{DASHES}]\s+", paragraph)
    if not match or any(s <= match.end() < e for s, e, _ in marked):
        return []
    start = match.end()
    end_match = _DASH_END.search(paragraph, start)
    verb_end = _comma_verb(paragraph, start)
    end = min(x for x in (end_match.start() if end_match else None, verb_end, len(paragraph))
              if x is not None)
    return [(start, end, "—")] if end > start else []


_COMMA_VERB = re.compile(
    r",\s+(?:a\s+(?:déclaré|dit|affirmé|ajouté|assuré|confié|expliqué|souligné)|ha\s+detto|"
    r"dijo|afirmó|disse|afirmou|сказал|заявил|сказав|заявив)", re.IGNORECASE)


def _comma_verb(paragraph: str, start: int) -> int | None:
    match = _COMMA_VERB.search(paragraph, start)
    return match.start() if match else None


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m[0]) for m in re.finditer(r"[^\n]+", text) if m[0].strip()]


@dataclass
class _Context:
    """What attribution knows while reading an article from the top."""

    names: list[Name]
    full: dict[str, str]  # surname -> the fullest form of the name seen
    complements: frozenset[int] = frozenset()  # starts of names governed by a preposition

    def resolve(self, name: Name) -> str:
        if len(re.split(r"[\s·・]+", name.text)) > 1:
            return name.text
        for surname, full in self.full.items():
            if surname_matches(name.text, surname):
                return full
        return name.text

    def is_speaker(self, name: Name) -> bool:
        """A person's full name, a known surname, or an organisation; not a lone noun, and not
        a name governed by a preposition ("the mayor of Sabanal")."""
        if name.start in self.complements:
            return False
        if name.organisation or len(re.split(r"[\s·・]+", name.text)) > 1:
            return True
        return any(surname_matches(name.text, s) for s in self.full)

    def last_person(self, before: int, after: int = 0) -> str:
        people = [n for n in self.names if after <= n.start and n.end <= before
                  and not n.organisation and not n.possessive and self.is_speaker(n)]
        return self.resolve(people[-1]) if people else ""

    def last_organisation(self, before: int, word: str) -> str:
        """The latest organisation named before ``before`` whose name holds ``word``."""
        stem = word.casefold()[:5]
        found = [n for n in self.names if n.organisation and n.end <= before
                 and stem in n.text.casefold()]
        return found[-1].text if found else ""


def _governed(text: str, name: Name) -> bool:
    before = text[max(0, name.start - 12) : name.start]
    if GOVERNING_ELIDED.search(before):
        return True
    words = before.split()
    return bool(words) and before[-1:].isspace() and words[-1].casefold() in GOVERNING


def _context(text: str, language: str) -> _Context:
    names = find_names(text, language)
    complements = frozenset(n.start for n in names if _governed(text, n))
    full: dict[str, str] = {}
    for name in names:
        parts = re.split(r"[\s·・]+", name.text)
        if len(parts) > 1 and not name.organisation and name.start not in complements:
            full.setdefault(parts[-1], name.text)
    return _Context(names, full, complements)


def _candidates(window: str, offset: int, language: str, ctx: _Context
                ) -> list[tuple[int, str, bool]]:
    """(position, speaker, is organisation) of every name and pronoun in a window."""
    out = [(n.start - offset, ctx.resolve(n), n.organisation) for n in ctx.names
           if offset <= n.start and n.end <= offset + len(window) and ctx.is_speaker(n)
           and not n.possessive]
    for pronoun in PRONOUNS.get(language, ()):
        pattern = re.escape(pronoun) if language in {"zh", "ja"} else rf"(?<!\w){pronoun}(?!\w)"
        for match in re.finditer(pattern, window, re.IGNORECASE):
            out.append((match.start(), ctx.last_person(offset + match.start()), False))
    return [c for c in out if c[1]]


_ROLE_ALTERNATIVES = "|".join(re.escape(w) for w in ROLE_WORDS)
_ROLE = re.compile(rf"(?<!\w)(?:{_ROLE_ALTERNATIVES})", re.IGNORECASE)


def _speaker_in(window: str, offset: int, language: str, ctx: _Context, verb_at: int) -> str:
    """The speaker named in an attribution window: the person nearest its speech verb."""
    candidates = _candidates(window, offset, language, ctx)
    people = [c for c in candidates if not c[2]] or candidates
    if people:
        return min(people, key=lambda c: abs(c[0] - verb_at))[1]
    person = ctx.last_person(offset) if _ROLE.search(window) else ""
    if person:  # "said the mayor", "quoted the Russian leader": the person named earlier
        return person
    org = ORG_WORDS.search(window)
    if org:  # "the ministry said": the ministry named earlier, else the phrase itself
        return ctx.last_organisation(offset, org[0]) or _org_phrase(window, org.start())
    return ""


def _org_phrase(window: str, at: int) -> str:
    words = re.findall(r"\w[\w-]*", window[max(0, at - 30) : at + 40])
    return " ".join(words[-6:]) if words else ""


def _sentence_bounds(paragraph: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_END.finditer(paragraph, 0, start)]
    after = _SENTENCE_END.search(paragraph, end + 1)
    return (before[-1] if before else 0), (after.end() if after else len(paragraph))


def _attribute(paragraph: str, base: int, span: tuple[int, int, str], language: str,
               ctx: _Context, continued: str) -> str:
    start, end, style = span
    verbs = verb_pattern(language)
    s_start, s_end = _sentence_bounds(paragraph, start, end)
    # an attribution is near its quote: a stop-less 40 KB "sentence" made every quote scan it
    s_start, s_end = max(s_start, start - ATTRIBUTION_CHARS), min(s_end, end + ATTRIBUTION_CHARS)
    close = end + (0 if style == "—" else 1)
    post = paragraph[close:s_end]
    pre = paragraph[s_start : max(s_start, start - 1)]
    post_verb = verbs.search(post[:80])
    if post_verb:
        found = _speaker_in(post, base + close, language, ctx, post_verb.start())
        if found:
            return found
    pre_verb = verbs.search(pre)
    if pre_verb or re.search(r"[:：]\s*$", pre) or language in {"ja", "zh", "tr"}:
        found = _speaker_in(pre, base + s_start, language, ctx,
                            pre_verb.start() if pre_verb else len(pre))
        if found:
            return found
    if post_verb or pre_verb:  # "..., afirmó." names no one: the last person named
        return ctx.last_person(base + start)
    if start <= 1 and continued:  # a quote running on from the previous paragraph
        return continued
    if len(paragraph[start:end].split()) <= TERM_WORDS:
        # a term in quotation marks ("coalition of the willing") is said by no one, unless it
        # follows a quote of the speaker: "“We will rebuild,” she said. “Every street.”"
        return continued
    return ctx.last_person(base + start, after=base) or (continued if not pre.strip() else "")


def extract_quotes(article: StoryArticle) -> list[Quote]:
    """Every direct quote of an article with its speaker and its span in the article's text."""
    # Only as far as the sentences the analysis kept (its caps): attribution looks back over
    # the names before each quote, so a whole 2 MB article would take the better part of an hour.
    text = article.text[: article.sentences[-1].end] if article.sentences else article.text
    ctx = _context(text, article.language)
    quotes: list[Quote] = []
    previous = ""
    for base, paragraph in _paragraphs(text):
        spans = sorted(quote_spans(paragraph))
        for span in spans:
            start, end = span[0], span[1]
            speaker = _attribute(paragraph, base, (start, end, span[2]), article.language, ctx,
                                 previous)
            previous = speaker or previous
            quotes.append(Quote(article.id, article.outlet, article.country, article.language,
                                base + start, base + end, article.text[base + start : base + end],
                                speaker, span[2], article.is_copy))
        if not spans:
            previous = ""
    return quotes


def _trim(paragraph: str, start: int, end: int) -> tuple[int, int]:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return start, end
