"""Decoding order: BOM, header, meta, detection; lying labels are caught."""

from __future__ import annotations

import codecs

from rashomon.fetch.charset import declared_charsets, decode_body

FRENCH = "Le député a déclaré que la réforme des retraites était « nécessaire »."
RUSSIAN = "Президент заявил, что переговоры продолжатся на следующей неделе."


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_header_wins_over_meta() -> None:
    body = page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    text, enc = decode_body(body, "text/html; charset=windows-1251")
    assert RUSSIAN in text and enc == "cp1251"


def test_meta_when_the_header_is_silent() -> None:
    body = page(
        RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
    ).encode("koi8-r")
    text, enc = decode_body(body, "text/html")
    assert RUSSIAN in text and enc == "koi8-r"


def test_bom_wins() -> None:
    body = codecs.BOM_UTF8 + page(FRENCH).encode()
    text, enc = decode_body(body, "text/html; charset=iso-8859-1")
    assert FRENCH in text and enc == "utf-8" and not text.startswith("\ufeff")


def test_utf8_labelled_latin1_is_utf8() -> None:
    text, enc = decode_body(page(FRENCH).encode(), "text/html; charset=ISO-8859-1")
    assert FRENCH in text and enc == "utf-8"


def test_cp1252_labelled_utf8_is_detected() -> None:
    text, _ = decode_body(page(FRENCH).encode("cp1252"), "text/html; charset=utf-8")
    assert FRENCH in text


def test_undeclared_legacy_encoding_is_detected() -> None:
    text, _ = decode_body(page(RUSSIAN * 3).encode("cp1251"))
    assert RUSSIAN in text


def test_unknown_label_is_ignored() -> None:
    text, _ = decode_body(page(FRENCH).encode(), "text/html; charset=x-no-such-thing")
    assert FRENCH in text


def test_declared_order() -> None:
    body = b'<?xml version="1.0" encoding="iso-8859-2"?><x/>'
    assert declared_charsets(body, "text/xml; charset=utf-8") == ["utf-8", "iso8859-2"]
