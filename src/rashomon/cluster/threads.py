"""Threads: stories of one ongoing topic linked across days, and keyphrase labels for them.

Two stories share a thread when they would have been one story but for time: their
average-link score, with the time penalty and the new-burst rule left out, reaches the thread
threshold. Labels are class-based TF-IDF keyphrases over the English titles of a thread's
articles, against the titles of other recent stories.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from rashomon.cluster.features import STOPWORDS

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
MAX_PHRASES = 3


class ThreadBook:
    """Which thread each story is in; provisional thread keys are negative."""

    def __init__(self) -> None:
        self.of: dict[int, int] = {}  # story key -> thread key
        self._next = -1

    def link(self, a: int, b: int) -> dict[int, int]:
        """Put stories a and b in one thread; returns the stories whose thread changed."""
        ta, tb = self.of.get(a), self.of.get(b)
        if ta is not None and ta == tb:
            return {}
        if ta is None and tb is None:
            key = self._next
            self._next -= 1
            self.of[a] = self.of[b] = key
            return {a: key, b: key}
        if ta is None or tb is None:
            joined = ta if ta is not None else tb
            assert joined is not None
            lone = a if ta is None else b
            self.of[lone] = joined
            return {lone: joined}
        # Two threads meet: the older (smaller positive id, else first made) absorbs the other.
        keep, drop = (ta, tb) if _older(ta, tb) else (tb, ta)
        assert keep is not None
        moved = {s: keep for s, t in self.of.items() if t == drop}
        self.of.update(moved)
        return moved

    def follow_merge(self, gone: int, survivor: int) -> dict[int, int]:
        """A merged story's thread passes to the survivor (joining threads if both had one)."""
        thread = self.of.pop(gone, None)
        if thread is None:
            return {}
        if survivor not in self.of:
            self.of[survivor] = thread
            return {survivor: thread}
        self.of[gone] = thread
        changed = self.link(gone, survivor)
        self.of.pop(gone, None)
        changed.pop(gone, None)
        return changed

    def rename_story(self, old: int, new: int) -> None:
        """A story got its database id."""
        if old in self.of:
            self.of[new] = self.of.pop(old)

    def rename_thread(self, old: int, new: int) -> None:
        """A thread got its database id."""
        for story, thread in self.of.items():
            if thread == old:
                self.of[story] = new


def _older(a: int, b: int) -> bool:
    if (a >= 0) != (b >= 0):
        return a >= 0
    return a < b if a >= 0 else a > b


def title_terms(title: str) -> list[str]:
    """Lower-cased content words of a title, in order."""
    return [w.lower() for w in _WORD.findall(title) if w.lower() not in STOPWORDS
            and not w.isdigit() and len(w) > 1]


def _phrases(title: str) -> list[str]:
    words = title_terms(title)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def keyphrases(titles: Sequence[str], background: Iterable[str],
               limit: int = MAX_PHRASES) -> list[str]:
    """The phrases that set these titles apart from the background (c-TF-IDF)."""
    counts: Counter[str] = Counter(p for t in titles for p in _phrases(t))
    if not counts:
        return []
    other: Counter[str] = Counter(p for t in background for p in set(_phrases(t)))
    scored = []
    for phrase, tf in counts.items():
        # Phrases heading a single title are incidental; a thread label names what recurs.
        if tf < 2 and len(titles) > 1:
            continue
        weight = tf * math.log(1 + (len(titles) + sum(other.values()) / max(1, len(other)))
                               / (tf + other.get(phrase, 0)))
        bonus = 1.5 if " " in phrase else 1.0  # "oil spill" says more than "oil" and "spill"
        scored.append((weight * bonus, phrase))
    chosen: list[str] = []
    used: set[str] = set()
    for _, phrase in sorted(scored, key=lambda x: (-x[0], x[1])):
        words = set(phrase.split())
        if words & used:  # "cyanide spill" already said it: no "Danube cyanide" too
            continue
        chosen.append(phrase)
        used |= words
        if len(chosen) == limit:
            break
    return chosen


def thread_label(titles: Sequence[str], background: Iterable[str],
                 originals: Mapping[str, str] | None = None) -> str | None:
    """A short label such as "Danube, cyanide, Vorell Chemie" (None when nothing stands out)."""
    phrases = keyphrases(titles, background)
    if not phrases:
        return None
    spelled = originals or _spellings(titles)
    return ", ".join(" ".join(spelled.get(w, w) for w in p.split()) for p in phrases)


def _spellings(titles: Sequence[str]) -> dict[str, str]:
    """The most common capitalisation of each word, so names keep their capitals."""
    forms: dict[str, Counter[str]] = {}
    for t in titles:
        for w in _WORD.findall(t):
            forms.setdefault(w.lower(), Counter())[w] += 1
    return {low: max(c.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
            for low, c in forms.items()}
