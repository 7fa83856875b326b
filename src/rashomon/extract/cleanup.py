"""Cleanup shared by HTML and plain-text inputs: clutter, repeats and outlet template lines."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rashomon.extract.clutter import BLOCK_CATEGORIES, classify, normalise, squash, word_count
from rashomon.extract.origin import find_origin, is_origin_marker
from rashomon.extract.protect import holds_quote, is_dateline, is_protected
from rashomon.models import ExtractedArticle, RemovedLine

# A photo credit closing a caption: "(Contributor/Getty Images)", "Pic: Sputnik/Reuters".
_CREDIT = re.compile(
    r"\s*(?:[(\[](?:[^()\[\]]{0,60}?(?:getty|photo|foto|image|picture|shutterstock|credit|crédit"
    r"|pic\b|фото|imago|(?-i:[A-Z][^()/]*/\s*[A-Z]))[^()\[\]]{0,60})[)\]]"
    r"|(?<=[.!?\s])(?:pic|photo|foto|image|credit|bild|фото|fot\.)\s*[:：]\s*[^.:;]{2,60}"
    r"|,?\s*(?:photos?\s*)?©\s*[^.;]{2,60})\s*$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?…。！？؟:\"”»’)]$")
_LIST_ITEM = re.compile(r"^\s*[-–•*·▪►]\s+")
_WRAP_END = re.compile(r"[\w,;]$")
_TEASER_MAX_WORDS = 20  # headlines in "related" blocks are short; body prose is not
_HEADING_MAX_WORDS = 8
_TAIL_MAX_WORDS = 15  # a promo tail holds slogans, not paragraphs
_TAIL_MAX_LINES = 15


def strip_credit(text: str) -> str:
    """A caption without its closing photo credit ("… Photo: Lina Osei" → "…")."""
    match = _CREDIT.search(text)
    return text[: match.start()].rstrip() if match and match.start() > 0 else text


def normalise_line(line: str) -> str:
    """Case- and space-insensitive form of a line, as templates store it."""
    return normalise(line).casefold()


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: one per line, hard-wrapped lines joined back."""
    paragraphs: list[str] = []
    for raw in text.splitlines():
        line = squash(raw)
        if not line:
            continue
        if paragraphs and _is_wrapped(paragraphs[-1], line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
    return paragraphs


def _is_wrapped(previous: str, line: str) -> bool:
    # a fixed-width dump breaks mid-sentence: long line, no closing mark, lower-case follow-on
    return len(previous) >= 60 and bool(_WRAP_END.search(previous)) and line[:1].islower()


def learn_template(
    articles: Iterable[Sequence[str]], min_articles: int = 3, min_share: float = 0.0
) -> frozenset[str]:
    """Normalised lines recurring in >= min_articles (and >= min_share) of one outlet's articles."""
    counts: Counter[str] = Counter()
    total = 0
    for paragraphs in articles:
        total += 1
        counts.update({normalise_line(p) for p in paragraphs if p.strip()})
    floor = max(min_articles, min_share * total)
    return frozenset(line for line, n in counts.items() if n >= floor)


def remove_template(
    paragraphs: Sequence[str], template: Collection[str]
) -> tuple[list[str], list[RemovedLine]]:
    """Drop the outlet's template lines, quotes and figures too: recurring, they are chrome."""
    kept: list[str] = []
    removed: list[RemovedLine] = []
    for paragraph in paragraphs:
        if template and normalise_line(paragraph) in template:
            removed.append(RemovedLine(paragraph, "template"))
        else:
            kept.append(paragraph)
    return kept, removed


def clean_paragraphs(
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    captions: Iterable[str] = (),
    template: Collection[str] = frozenset(),
) -> tuple[list[str], list[RemovedLine]]:
    """Kept paragraphs and every removal with its reason; quotes and figures survive all rules."""
    texts, removed = remove_template([t for t in map(squash, paragraphs) if t], template)
    lines = [_judge(text) for text in texts]
    _mark_blocks(lines)
    _mark_tail(lines)
    _mark_repeats(lines, title, {normalise_line(strip_credit(c)) for c in captions if c.strip()})
    kept: list[str] = []
    for line in lines:
        if line.reason:
            removed.append(RemovedLine(line.text, line.reason))
            continue
        if line.credit:
            removed.append(RemovedLine(line.credit, "clutter:credit"))
        kept.append(line.kept)
    return kept, removed


@dataclass
class _Line:
    """One paragraph under judgement: what stays of it, or why it goes."""

    text: str
    protected: bool
    reason: str = ""
    kept: str = ""
    credit: str = ""

    @property
    def category(self) -> str:
        return self.reason.removeprefix("clutter:")

    def drop(self, reason: str) -> None:
        if not self.protected:
            self.reason = reason


def _judge(text: str) -> _Line:
    # A "Read also: <headline>" teaser points at another story: its numbers are that story's,
    # so only a quotation protects it.
    teaser = classify(text) == "related" and not holds_quote(text)
    line = _Line(text, not teaser and is_protected(text), kept=text)
    credit = _CREDIT.search(text)
    if credit and credit.start() > 0:
        body = text[: credit.start()].rstrip()
        if line.protected and is_protected(body):
            line.kept, line.credit = body, credit.group().strip()
        line.drop("clutter:caption")
    elif not line.protected:
        category = "origin" if is_origin_marker(text) else classify(text)
        if not category and is_dateline(text):
            category = "date"
        line.reason = f"clutter:{category}" if category else ""
    return line


def _is_teaser(line: str) -> bool:
    words = word_count(line)
    if _LIST_ITEM.match(line):
        return words <= _TAIL_MAX_WORDS
    return words <= _TEASER_MAX_WORDS and not _TERMINAL.search(line)


def _is_heading(line: _Line) -> bool:
    return line.category in BLOCK_CATEGORIES and word_count(line.text) <= _HEADING_MAX_WORDS


def _mark_blocks(lines: list[_Line]) -> None:
    """Teasers under a "Related"/"Don't miss"/promo heading go with their heading."""
    block = ""
    for line in lines:
        if _is_heading(line):
            block = line.category
        elif block and not line.reason and _is_teaser(line.text):
            line.drop(f"clutter:{block}")
        elif not line.reason:
            block = ""


def _mark_tail(lines: list[_Line]) -> None:
    """A page ending in a promo: short lines between its heading and a last clutter line go too."""
    if not lines or not lines[-1].reason:
        return
    for start, line in enumerate(lines):
        if not _is_heading(line):
            continue
        rest = lines[start + 1 :]
        if len(rest) <= _TAIL_MAX_LINES and all(
            r.reason or word_count(r.text) <= _TAIL_MAX_WORDS for r in rest
        ):
            for r in rest:
                if not r.reason:
                    r.drop("clutter:tail")
            return


def _bare(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.casefold()).strip()


def _mark_repeats(lines: list[_Line], title: str | None, captions: set[str]) -> None:
    """Drop a leading copy of the title, captions repeated in the body and doubled lines."""
    title_forms = _title_forms(title)
    seen: dict[str, str] = {}
    previous = ""  # the last line still kept: a line printed twice in a row is a rendering slip
    for i, line in enumerate(lines):
        key = normalise_line(line.kept)
        if i < 3 and not line.reason and title_forms & _title_forms(line.text):
            line.reason = "title_repeat"  # the title is kept, as the title
        elif seen.get(key) in ("clutter:caption", "caption_repeat"):
            line.reason = "caption_repeat"
        elif key in captions and not line.reason:
            line.drop("caption_repeat")
        elif key == previous:
            line.reason = "duplicate"  # one copy stays
        seen.setdefault(key, line.reason)
        if not line.reason:
            previous = key


def _title_forms(title: str | None) -> set[str]:
    if not title or not title.strip():
        return set()
    forms = {_bare(title)}
    # a page title often carries the site: "Headline | World News", "Headline - Site"
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        if sep in title:
            forms.add(_bare(title.rsplit(sep, 1)[0]))
    return forms


def clean_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    template: Collection[str] = frozenset(),
) -> ExtractedArticle:
    """Clean a plain-text article (JSONL dumps, seeds) the same way as an extracted page."""
    paragraphs = split_paragraphs(text)
    origin = find_origin(paragraphs, url=url)
    kept, removed = clean_paragraphs(paragraphs, title=title, template=template)
    return ExtractedArticle(
        text="\n\n".join(kept),
        paragraphs=kept,
        title=squash(title) if title else None,
        language_hint=language,
        removed=removed,
        declared_origin=origin,
    )
