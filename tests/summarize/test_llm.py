"""The llm take writer against a local chat-completions server: grounded or dropped."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from rashomon.compare.claims import ClaimGroup, ClaimMember
from rashomon.compare.text import content_words
from rashomon.summarize.llm import LLMWriter, grounding, take_writer, take_writer_from_settings
from rashomon.summarize.take import Take, TakeSentence

FACTS = [
    ("Russia launched 157 drones and six ballistic missiles at Ukraine overnight.",
     ["post", "wire", "zeit"]),
    ("Four people were killed in Vyshnohirsk, governor Taras Hrynchuk said.",
     ["post", "wire"]),
]


def _embed(texts: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in content_words(text):
            out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] = 1.0
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def _take() -> tuple[Take, list[ClaimGroup]]:
    groups, sentences = [], []
    for gid, (text, outlets) in enumerate(FACTS):
        members = [ClaimMember(f"{o}/1", o, "XX", "en", gid, 0, len(text), text)
                   for o in outlets]
        groups.append(ClaimGroup(gid, members, outlets, ["XX"], ["en"]))
        sentences.append(TakeSentence(text, "en", "en", False, gid, f"{outlets[0]}/1", gid, 0,
                                      len(text), outlets, ["XX"]))
    return Take(sentences), groups


def _answer(content: str) -> Any:
    def handler(method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
        return 200, {"choices": [{"message": {"role": "assistant", "content": content}}]}, {}
    return handler


def test_a_grounded_rewrite_is_kept(json_server: Any) -> None:
    json_server.route("POST", "/v1/chat/completions", _answer(
        "Overnight, Russia launched 157 drones and six ballistic missiles at Ukraine. "
        "In Vyshnohirsk four people were killed, governor Taras Hrynchuk said."))
    take, groups = _take()
    writer = LLMWriter(url=json_server.base + "/v1", model="test-model")
    out = writer.write(take, groups, _embed)
    assert out.writer == "llm" and out.note == ""
    assert [p.claims for p in out.prose] == [[0], [1]]
    assert out.prose[0].outlets == ["post", "wire", "zeit"]
    request = json_server.requests[0]["body"]
    assert request["model"] == "test-model" and request["temperature"] == 0
    assert "157 drones" in request["messages"][1]["content"]


def test_an_invented_number_drops_the_rewrite(json_server: Any) -> None:
    json_server.route("POST", "/v1/chat/completions", _answer(
        "Russia launched 200 drones and six ballistic missiles at Ukraine overnight. "
        "Four people were killed in Vyshnohirsk, governor Taras Hrynchuk said."))
    take, groups = _take()
    out = LLMWriter(url=json_server.base, model="m").write(take, groups, _embed)
    assert out.writer == "extractive" and not out.prose
    assert "200" in out.note
    assert out.text == " ".join(s.text for s in take.sentences)


def test_an_invented_name_is_not_grounded() -> None:
    take, groups = _take()
    _, why = grounding("Four people were killed in Vyshnohirsk, mayor Ivan Petrenko said.",
                       take, groups, _embed)
    assert "ivan" in why or "petrenko" in why


def test_a_server_error_keeps_the_extractive_take(json_server: Any) -> None:
    json_server.route("POST", "/v1/chat/completions",
                      lambda *a: (400, {"error": {"message": "bad model"}}, {}))
    take, groups = _take()
    out = LLMWriter(url=json_server.base + "/v1", model="m", max_retries=0).write(
        take, groups, _embed)
    assert out.writer == "extractive" and "bad model" in out.note


def test_writers_come_from_the_registry_and_settings() -> None:
    assert take_writer().name == "extractive"
    writer = take_writer_from_settings({"take_writer": "llm", "llm_url": "http://127.0.0.1:9/v1",
                                        "llm_model": "m"})
    assert isinstance(writer, LLMWriter)
    with pytest.raises(ValueError, match="llm_url"):
        take_writer("llm")
