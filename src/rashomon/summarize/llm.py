"""Take writers: extractive (default), or an LLM rewrite kept only when every sentence is grounded.

The ``llm`` writer sends the take's attributed sentences to any OpenAI-compatible chat
endpoint and asks for short neutral prose. Each sentence of the answer must match a claim of
the take (meaning, or shared words), carry only numbers those claims state and only names
they name; otherwise the extractive take is kept and ``Take.note`` says why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

import httpx

from rashomon.compare.claims import ClaimGroup
from rashomon.compare.numbers import find_numbers, same_value
from rashomon.compare.story import Embed, embed_texts
from rashomon.compare.text import content_words, overlap
from rashomon.extract.sentences import split_sentences
from rashomon.plugins import Registry
from rashomon.remote import RemoteError, request_json
from rashomon.summarize.take import ProseSentence, Take

PROMPT = (
    "You write the neutral summary of a news story from facts that several outlets report. "
    "Rewrite the numbered facts as one short paragraph of plain English prose. Use only the "
    "facts given: add no names, numbers, dates, places, causes or judgements, and keep every "
    "number exactly as written. Output only the paragraph."
)
# An answer sentence restates a claim when it shares this share of its content words with the
# claim's text, or its embedding is this close (high, since some models put unrelated
# sentences near 0.8); numbers and names are checked apart, strictly.
GROUNDING_WORDS = 0.4
GROUNDING_COSINE = 0.85
_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w’'-]+")


class TakeWriter(Protocol):
    """Turns an extractive take into the take shown (maybe rewritten)."""

    name: str

    def write(self, take: Take, claims: Sequence[ClaimGroup], embed: Embed) -> Take: ...


REGISTRY = Registry("take writer", "rashomon.take_writers", ["rashomon.summarize.llm"])


@REGISTRY.register("extractive")
class ExtractiveWriter:
    """Shows the extracted sentences as they are."""

    name = "extractive"

    def write(self, take: Take, claims: Sequence[ClaimGroup], embed: Embed) -> Take:
        return take


def _numbers(text: str) -> list[tuple[float, float]]:
    return [(n.value, n.precision) for n in find_numbers(text, "en") if not n.ordinal]


def _names(text: str) -> set[str]:
    return {m[0].casefold().rstrip("’'s") for m in _PROPER.finditer(text)}


def _claim_texts(take: Take, claims: Sequence[ClaimGroup]) -> dict[int, str]:
    by_id = {g.id: g for g in claims}
    texts: dict[int, str] = {}
    for s in take.sentences:
        group = by_id.get(s.claim)
        members = [m.text_en or m.text for m in group.members] if group else []
        texts[s.claim] = " ".join([s.text, *members])
    return texts


def grounding(sentence: str, take: Take, claims: Sequence[ClaimGroup], embed: Embed
              ) -> tuple[list[int], str]:
    """(claims that ground a sentence, why it is not grounded: "" when it is)."""
    texts = _claim_texts(take, claims)
    ids = list(texts)
    if not ids:
        return [], "no claims to ground it"
    vectors = embed_texts(embed, [sentence] + [s.text for s in take.sentences])
    cosines = vectors[1:] @ vectors[0]
    words = content_words(sentence)
    matched = [s.claim for s, c in zip(take.sentences, cosines, strict=True)
               if c >= GROUNDING_COSINE or overlap(words, content_words(s.text)) >= GROUNDING_WORDS]
    if not matched:
        return [], "matches no claim"
    support = " ".join(texts[i] for i in matched)
    known = _numbers(support)
    for value, precision in _numbers(sentence):
        if not any(same_value(value, precision, v, p) for v, p in known):
            return [], f"number {value:g} is in no matching claim"
    unknown = _names(sentence) - _names(support) - {w.casefold() for w in support.split()}
    if unknown:
        return [], f"names {sorted(unknown)} are in no matching claim"
    return sorted(set(matched)), ""


@REGISTRY.register("llm")
class LLMWriter:
    """Rewrites the take with an OpenAI-compatible chat model; keeps it only when grounded."""

    name = "llm"

    def __init__(self, url: str = "", model: str = "", api_key: str = "",
                 timeout: float = 60.0, max_retries: int = 2):
        if not url.startswith(("http://", "https://")):
            raise ValueError("llm take writer: set llm_url to the server's base URL, "
                             "e.g. http://127.0.0.1:8080/v1")
        base = url.rstrip("/")
        self.endpoint = base + ("/chat/completions" if base.endswith("/v1")
                                else "/v1/chat/completions")
        self.model = model
        self.max_retries = max_retries
        key = api_key or os.environ.get("OPENAI_API_KEY", "")
        self._client = httpx.Client(headers={"Authorization": f"Bearer {key}"} if key else {},
                                    timeout=timeout)

    def _ask(self, take: Take) -> str:
        facts = "\n".join(f"{i + 1}. {s.text}" for i, s in enumerate(take.sentences))
        payload: dict[str, Any] = {"model": self.model, "temperature": 0, "messages": [
            {"role": "system", "content": PROMPT}, {"role": "user", "content": facts}]}
        data = request_json(self._client, "POST", self.endpoint, label="llm take writer",
                            payload=payload, max_retries=self.max_retries)
        try:
            return str(data["choices"][0]["message"]["content"]).strip()
        except (KeyError, IndexError, TypeError) as exc:
            raise RemoteError(f"llm take writer: {self.endpoint} returned no choices") from exc

    def write(self, take: Take, claims: Sequence[ClaimGroup], embed: Embed) -> Take:
        """The take with grounded prose, or the extractive take with a note saying why not."""
        if not take.sentences:
            return take
        try:
            answer = self._ask(take)
        except RemoteError as exc:
            return replace(take, note=str(exc))
        prose = []
        by_id = {g.id: g for g in claims}
        for sentence in (s.text for s in split_sentences(answer)):
            grounded, why = grounding(sentence, take, claims, embed)
            if why:
                return replace(take, note=f"LLM rewrite dropped: {sentence!r}: {why}")
            outlets = sorted({o for i in grounded for o in by_id[i].outlets})
            countries = sorted({c for i in grounded for c in by_id[i].countries})
            prose.append(ProseSentence(sentence, grounded, outlets, countries))
        if not prose:
            return replace(take, note="LLM rewrite was empty")
        return replace(take, writer="llm", prose=prose, note="")


def take_writer(name: str = "extractive", **options: Any) -> TakeWriter:
    """The take writer registered as ``name`` (extractive, llm or a plugin)."""
    writer: TakeWriter = REGISTRY.create(name, **options)
    return writer


def take_writer_from_settings(settings: Mapping[str, Any]) -> TakeWriter:
    """The take writer the settings choose (take_writer, llm_url, llm_model, ...)."""
    name = settings.get("take_writer") or "extractive"
    if name == "extractive":
        return take_writer(name)
    options = {opt: settings[key] for key, opt in (
        ("llm_url", "url"), ("llm_model", "model"), ("llm_api_key", "api_key"),
        ("llm_timeout", "timeout")) if settings.get(key)}
    return take_writer(name, **options)
