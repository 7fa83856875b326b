"""Word-level helpers shared by the comparisons: tokens, stop words, overlap, margin scores."""

from __future__ import annotations

import re
import unicodedata

import numpy as np

# Han, kana and Hangul runs have no spaces: they are compared as character bigrams.
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W\d_]+(?:['’][^\W\d_]+)?|\d+(?:[.,]\d+)*", re.UNICODE)
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")

STOPWORDS: frozenset[str] = frozenset(
    """
a an the and or but of to in on at by for from with as is are was were be been being has have had
it its this that these those he she they we you i his her their our them him us not no than then
there here which who whom what when where while after before over into out up down about also
said says say will would could should may might can just more most very such per one two its
der die das den dem des ein eine einen einem einer und oder aber von zu im in am an auf für mit
als ist sind war waren wird werden hat haben nicht auch sich er sie es wir ihr nach bei aus wie
dass noch nur vor über um so zum zur seit
le la les un une des du de et ou mais à au aux en dans sur pour par avec est sont été a ont ne
pas plus que qui ce cette ces il elle ils elles nous vous se sa son ses leur leurs selon après
el los las unos unas del y o pero en con por para es son fue fueron ha han no más que quien
este esta estos estas lo su sus al según tras
il lo gli di da nel nella nei delle dei della con per tra fra che è sono stato ha hanno non più
uno una si suo sua loro ai alle dal dalla
o os as um uma do da dos das no na nos nas e em com por para é são foi ter não mais seu sua
и в во на с со по к у о об от до за из не что это как а но же бы был была были быть он она они
мы вы его ее её их при для также уже
і й та на з зі по до від за із не що це як але був була були бути він вона вони ми ви його її
також вже для при
ve bir bu da de ile için olarak gibi daha çok en ki ne
i w we na z ze do od za po o nie że to jak ale był była były być jest są się jego jej ich oraz
""".split()
)


def tokens(text: str) -> list[str]:
    """Case-folded word tokens; CJK runs become character bigrams."""
    out: list[str] = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFC", text)):
        token = match[0].casefold()
        if _CJK_RUN.match(token):
            out.extend(token[i : i + 2] for i in range(max(1, len(token) - 1)))
        else:
            out.append(token.replace("’", "'"))
    return out


def content_words(text: str) -> set[str]:
    """Tokens that carry meaning: no stop words, no one-letter words."""
    return {t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())}


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient |a & b| / min(|a|, |b|) (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    """|a & b| / |a | b| (0 when both are empty)."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


ROW_PAIRS = 30


def standard_scores(sims: np.ndarray, blocked: np.ndarray) -> np.ndarray:
    """Pairwise cosines as z-scores against each row's background of allowed pairs.

    Embedders differ in their cosine scale (e5 puts unrelated sentences near 0.8, USE near
    0.2); measured against the spread of a sentence's similarities to the rest of the story, a
    true match stands out by a similar number of deviations whatever the model, so one
    threshold fits all. Most pairs in a story are unrelated, so repeated claims barely move
    the background. ``blocked`` pairs (same article) are left out and score 0.
    """
    n = sims.shape[0]
    if n == 0:
        return sims.astype(np.float32)
    allowed = ~blocked
    count = np.maximum(allowed.sum(axis=1), 1)
    mean = np.where(allowed, sims, 0.0).sum(axis=1) / count
    var = np.where(allowed, (sims - mean[:, None]) ** 2, 0.0).sum(axis=1) / count
    std = np.sqrt(np.maximum(var, 1e-6))
    z_rows = (sims - mean[:, None]) / std[:, None]
    z = (z_rows + z_rows.T) / 2
    # a row with few allowed pairs has a noisy background (and z can hardly exceed sqrt(n)):
    # lean on the whole story's pooled background instead, fully below ROW_PAIRS pairs
    # (median and MAD: in a small story the matches are a good share of all pairs)
    pooled = sims[allowed]
    centre = float(np.median(pooled)) if pooled.size else 0.0
    spread = 1.4826 * float(np.median(np.abs(pooled - centre))) if pooled.size else 1.0
    z_pool = (sims - centre) / max(spread, 1e-3)
    weight = np.minimum(1.0, count / ROW_PAIRS)
    w = (weight[:, None] + weight[None, :]) / 2
    return np.where(blocked, 0.0, w * z + (1 - w) * z_pool).astype(np.float32)


MIN_BACKGROUND = 30  # background texts a row needs before its own spread is trusted alone
MIN_SPREAD = 0.02  # cosine spread floor: a degenerate background must not inflate scores


def robust_scores(sims: np.ndarray, background: np.ndarray) -> np.ndarray:
    """Each row's cosines as robust z-scores against that row's background cosines.

    Embedders differ in scale (e5 puts unrelated texts near 0.8, USE near 0.1) and a one-word
    fragment sits differently from a long quote; against its own background, how far a match
    stands out is comparable across models and lengths. ``background`` holds NaN where a pair
    is no part of it; a thin background leans on the pooled one of all rows.
    """
    rows = []
    pooled = background[np.isfinite(background)]
    p_mid = float(np.median(pooled)) if pooled.size else 0.0
    p_spread = 1.4826 * float(np.median(np.abs(pooled - p_mid))) if pooled.size else 1.0
    for i in range(sims.shape[0]):
        row = background[i][np.isfinite(background[i])]
        weight = min(1.0, row.size / MIN_BACKGROUND)
        mid = float(np.median(row)) if row.size else p_mid
        spread = 1.4826 * float(np.median(np.abs(row - mid))) if row.size else p_spread
        mid = weight * mid + (1 - weight) * p_mid
        spread = weight * spread + (1 - weight) * p_spread
        rows.append((sims[i] - mid) / max(spread, MIN_SPREAD))
    return np.array(rows, dtype=np.float32).reshape(sims.shape)


def script_of(text: str) -> str:
    """The dominant script of a text: latin, cyrillic, greek, arabic, hebrew, cjk or other."""
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        for script in (
            "LATIN",
            "CYRILLIC",
            "GREEK",
            "ARABIC",
            "HEBREW",
            "CJK",
            "HIRAGANA",
            "KATAKANA",
            "HANGUL",
        ):
            if name.startswith(script):
                key = "cjk" if script in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"} else script
                counts[key.lower()] = counts.get(key.lower(), 0) + 1
                break
    return max(counts, key=lambda s: counts[s]) if counts else "other"
