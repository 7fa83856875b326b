"""Translation backends against real HTTP servers on 127.0.0.1 speaking each documented API."""

from __future__ import annotations

import pytest

from rashomon.language.translate import REGISTRY, TranslationError, translator_from_settings
from rashomon.language.translate.argos import installed_pairs
from rashomon.plugins import UnknownBackendError
from rashomon.settings import load_settings

FAKE = {"Erdbeben": "Earthquake", "Retter suchen": "Rescuers search"}


def _libre_ok(method, path, body, headers):
    if body.get("api_key") != "k3y":
        return 403, {"error": "Invalid API key"}, {}
    q = body["q"]
    out = [FAKE.get(t, t.upper()) for t in q] if isinstance(q, list) else FAKE.get(q, q)
    return 200, {"translatedText": out}, {}


def _libre(server, **kw):
    return REGISTRY.create("libretranslate", url=server.base, api_key="k3y", **kw)


def test_libretranslate_translates_in_order(json_server):
    json_server.route("POST", "/translate", _libre_ok)
    tr = _libre(json_server, batch_size=1, concurrency=2)
    assert tr.translate(["Erdbeben", "Retter suchen", "x"], "de", "en") == [
        "Earthquake", "Rescuers search", "X"]
    sent = json_server.requests[0]["body"]
    assert sent["source"] == "de" and sent["target"] == "en" and sent["format"] == "text"


def test_libretranslate_languages(json_server):
    json_server.route("GET", "/languages", lambda *a: (200, [
        {"code": "de", "name": "German", "targets": ["en", "fr"]}], {}))
    assert _libre(json_server).languages() == {"de": {"en", "fr"}}


def test_libretranslate_error_body_is_reported(json_server):
    json_server.route("POST", "/translate", _libre_ok)
    tr = REGISTRY.create("libretranslate", url=json_server.base, api_key="wrong")
    with pytest.raises(TranslationError, match="HTTP 403.*Invalid API key"):
        tr.translate(["Erdbeben"], "de", "en")


def test_libretranslate_retries_429_with_retry_after(json_server):
    calls = {"n": 0}

    def flaky(method, path, body, headers):
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"error": "Slowdown"}, {"Retry-After": "0"}
        return _libre_ok(method, path, body, headers)

    json_server.route("POST", "/translate", flaky)
    assert _libre(json_server).translate(["Erdbeben"], "de", "en") == ["Earthquake"]
    assert calls["n"] == 2


def test_libretranslate_gives_up_on_persistent_429(json_server):
    json_server.route("POST", "/translate",
                      lambda *a: (429, {"error": "Too many requests"}, {"Retry-After": "0"}))
    tr = _libre(json_server, max_retries=1)
    with pytest.raises(TranslationError, match="HTTP 429 after 2 attempt"):
        tr.translate(["Erdbeben"], "de", "en")


def test_libretranslate_timeout(json_server):
    json_server.route("POST", "/translate", lambda *a: (-1, 1.0, {}))
    tr = _libre(json_server, timeout=0.2)
    with pytest.raises(TranslationError, match="did not answer in time"):
        tr.translate(["Erdbeben"], "de", "en")


def _chat(method, path, body, headers):
    system, user = body["messages"][0]["content"], body["messages"][1]["content"]
    assert body["temperature"] == 0 and "Output only the translation" in system
    if headers.get("authorization") != "Bearer s3cret":
        return 401, {"error": {"message": "bad key", "type": "auth"}}, {}
    return 200, {"id": "x", "object": "chat.completion", "choices": [
        {"index": 0, "message": {"role": "assistant", "content": " " + FAKE[user] + "\n"},
         "finish_reason": "stop"}]}, {}


def test_openai_translator_strict_prompt(json_server):
    json_server.route("POST", "/v1/chat/completions", _chat)
    tr = REGISTRY.create("openai", url=json_server.base + "/v1", model="m", api_key="s3cret")
    assert tr.translate(["Erdbeben", "Retter suchen"], "de", "en") == [
        "Earthquake", "Rescuers search"]
    system = json_server.requests[0]["body"]["messages"][0]["content"]
    assert "from German to English" in system


def test_openai_translator_error_and_empty(json_server):
    json_server.route("POST", "/v1/chat/completions", _chat)
    tr = REGISTRY.create("openai", url=json_server.base, model="m", api_key="nope")
    with pytest.raises(TranslationError, match="HTTP 401.*bad key"):
        tr.translate(["Erdbeben"], "de", "en")
    json_server.route("POST", "/v1/chat/completions",
                      lambda *a: (200, {"choices": [{"message": {"content": "  "}}]}, {}))
    with pytest.raises(TranslationError, match="empty translation"):
        tr.translate(["Erdbeben"], "de", "en")


def test_none_keeps_originals():
    tr = translator_from_settings(load_settings(environ={}))
    assert tr.name == "none" and not tr.enabled
    assert tr.translate(["same"], "en", "en") == ["same"]
    with pytest.raises(TranslationError, match="translation is off"):
        tr.translate(["Erdbeben"], "de", "en")


def test_settings_choose_backend(json_server):
    s = load_settings(environ={"RASHOMON_TRANSLATOR": "libretranslate",
                               "RASHOMON_TRANSLATOR_URL": json_server.base})
    assert translator_from_settings(s).name == "libretranslate"
    with pytest.raises(UnknownBackendError, match="unknown translator 'nope'.*libretranslate"):
        translator_from_settings(s.replace(translator="nope"))
    with pytest.raises(TranslationError, match="set translator_url"):
        translator_from_settings(s.replace(translator_url=""))


def test_argos_when_packages_installed():
    pairs = installed_pairs()
    if ("de", "en") not in pairs:
        pytest.skip("Argos Translate with a de→en package is not installed "
                    "(pip install 'rashomon[argos]'; rashomon translate install de en)")
    tr = REGISTRY.create("argos")
    assert tr.translate(["Guten Morgen"], "de", "en")[0].strip()
