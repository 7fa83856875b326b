"""Extraction stage: clean article text and metadata from HTML or plain text (pure, no I/O)."""

from rashomon.extract.cleanup import clean_text, learn_template, remove_template
from rashomon.extract.html import extract_html
from rashomon.extract.origin import find_origin, origin_index, resolve_origin
from rashomon.extract.sentences import split_sentences

__all__ = [
    "clean_text",
    "extract_html",
    "find_origin",
    "learn_template",
    "origin_index",
    "remove_template",
    "resolve_origin",
    "split_sentences",
]
