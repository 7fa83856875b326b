"""The OpenAI-compatible embedder against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time

import numpy as np
import pytest

from rashomon.embed import EmbedderError, get_embedder
from rashomon.embed.openai import OpenAIEmbedder, endpoint, retry_after


def make(server, **options) -> OpenAIEmbedder:
    options.setdefault("model", "ok")
    return OpenAIEmbedder(url=server.url, **options)


def test_request_and_response_follow_the_documented_json(openai_server):
    embedder = make(openai_server, api_key="sk-test")
    rows = embedder.embed(["alpha", "beta"])
    assert rows.shape == (2, 8)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, rtol=1e-6)
    request = openai_server.requests[0]
    assert request == {"model": "ok", "input": ["alpha", "beta"], "encoding_format": "float"}
    assert openai_server.headers[0]["Authorization"] == "Bearer sk-test"


def test_rows_follow_the_index_field_not_the_answer_order(openai_server):
    rows = make(openai_server).embed(["one", "two", "three"])
    for row, text in zip(rows, ["one", "two", "three"], strict=True):
        expected = np.asarray(openai_server.embed([text])[0], dtype=np.float32)
        np.testing.assert_allclose(row, expected / np.linalg.norm(expected), rtol=1e-5)


def test_batches_are_split_by_batch_size(openai_server):
    rows = make(openai_server, batch_size=3).embed([f"t{i}" for i in range(7)])
    assert rows.shape == (7, 8)
    assert [len(r["input"]) for r in openai_server.requests] == [3, 3, 1]


def test_base_url_may_end_with_v1():
    assert endpoint("http://h:1/v1/") == "http://h:1/v1/embeddings"
    assert endpoint("http://h:1") == "http://h:1/v1/embeddings"
    with pytest.raises(EmbedderError, match="http:// or https://"):
        endpoint("h:1")


def test_empty_and_long_inputs_and_prefixes(openai_server):
    embedder = make(openai_server, max_chars=50, query_prefix="query: ")
    embedder.embed(["", "word " * 1000], kind="query")
    sent = openai_server.requests[0]["input"]
    assert sent[0] == "query:  "
    assert sent[1].startswith("query: word") and len(sent[1]) <= len("query: ") + 50


def test_dim_is_probed_once_when_not_given(openai_server):
    embedder = make(openai_server)
    assert embedder.dim == 8
    assert embedder.dim == 8
    assert len(openai_server.requests) == 1
    assert embedder.embed([]).shape == (0, 8)


def test_dimensions_option_is_sent_and_names_the_model(openai_server):
    embedder = make(openai_server, dimensions=8)
    embedder.embed(["x"])
    assert openai_server.requests[0]["dimensions"] == 8
    assert embedder.model_id == "openai:ok:8"


def test_error_body_message_is_reported(openai_server):
    with pytest.raises(EmbedderError, match="HTTP 400: This model's maximum context length"):
        make(openai_server, model="too-long").embed(["x"])
    assert len(openai_server.requests) == 1  # a client error is not retried


def test_non_json_server_error_is_retried_then_reported(openai_server):
    waits: list[float] = []
    with pytest.raises(EmbedderError, match="HTTP 500: <html>Internal Server Error"):
        make(openai_server, model="broken", max_retries=2, sleep=waits.append).embed(["x"])
    assert len(openai_server.requests) == 3
    assert waits == [1.0, 2.0]


def test_429_waits_for_retry_after_then_succeeds(openai_server):
    openai_server.rate_limited_left = 2
    waits: list[float] = []
    embedder = make(openai_server, model="rate-limited", max_retries=3, sleep=waits.append)
    assert embedder.embed(["x"]).shape == (1, 8)
    assert waits == [1.0, 1.0]


def test_429_really_sleeps_for_retry_after(openai_server):
    openai_server.rate_limited_left = 1
    began = time.monotonic()
    make(openai_server, model="rate-limited", max_retries=1).embed(["x"])
    assert time.monotonic() - began >= 0.9


def test_429_that_persists_names_rate_limit_and_retry_after(openai_server):
    embedder = make(openai_server, model="busy", max_retries=1, sleep=lambda s: None)
    with pytest.raises(EmbedderError, match=r"rate limited .*HTTP 429.*retry after 1s"):
        embedder.embed(["x"])


def test_timeout_is_a_clear_error(openai_server):
    embedder = make(openai_server, model="slow", timeout=0.3)
    with pytest.raises(EmbedderError, match=r"did not answer within 0.3s"):
        embedder.embed(["x"])


def test_wrong_number_of_embeddings_is_an_error(openai_server):
    with pytest.raises(EmbedderError, match="returned 1 embeddings for 2 inputs"):
        make(openai_server, model="short").embed(["a", "b"])


def test_unreachable_server_is_a_clear_error():
    embedder = OpenAIEmbedder(url="http://127.0.0.1:9", model="m", timeout=2, max_retries=0)
    with pytest.raises(EmbedderError, match="cannot reach http://127.0.0.1:9/v1/embeddings"):
        embedder.embed(["x"])


def test_registry_builds_it_and_requires_url_and_model(openai_server):
    assert get_embedder("openai", url=openai_server.url, model="ok").embed(["x"]).shape == (1, 8)
    with pytest.raises(EmbedderError, match="embedder_url"):
        get_embedder("openai", model="ok")
    with pytest.raises(EmbedderError, match="embedder_model"):
        get_embedder("openai", url=openai_server.url)


def test_retry_after_parses_seconds_and_http_dates():
    assert retry_after("3") == 3.0
    assert retry_after(None) is None
    assert retry_after("soon") is None
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
