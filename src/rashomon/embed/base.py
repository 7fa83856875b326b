"""The Embedder protocol, the backend registry and helpers every backend shares."""

from __future__ import annotations

import importlib
import inspect
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import entry_points
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

import numpy as np

log = logging.getLogger(__name__)

Kind = Literal["query", "passage"]
KINDS: tuple[str, ...] = ("query", "passage")
ENTRY_POINT_GROUP = "rashomon.embedders"
# About 512 e5 tokens of Latin-script text: news is front-loaded, and longer inputs cost
# linearly more without changing what a story is about.
DEFAULT_MAX_CHARS = 2000

# Modules that register the bundled backends when imported; importing them is cheap
# because every backend loads its model lazily.
_BUILTIN_MODULES: tuple[str, ...] = (
    "rashomon.embed.e5",
    "rashomon.embed.use",
    "rashomon.embed.combined",
    "rashomon.embed.default",
    "rashomon.embed.sentence_transformers",
    "rashomon.embed.openai",
)


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into float32 L2-normalised vectors of one model's space."""

    model_id: str
    dim: int

    def embed(self, texts: Sequence[str], kind: Kind = "passage") -> np.ndarray:
        """Return one float32 unit row per text, shape (len(texts), dim)."""
        ...


Factory = Callable[..., Embedder]
F = TypeVar("F", bound=Callable[..., Any])  # classes or functions returning an Embedder


class EmbedderError(RuntimeError):
    """An embedder cannot be built or cannot embed; the message says what to do."""


class UnknownEmbedderError(EmbedderError, LookupError):
    """No backend is registered under the requested name."""


_REGISTRY: dict[str, Factory] = {}
_FROM_ENTRY_POINTS: set[str] = set()
_lock = threading.Lock()
_loaded = False


def register(name: str) -> Callable[[F], F]:
    """Decorator that registers a backend factory (a class or a function) under ``name``."""

    def deco(factory: F) -> F:
        _REGISTRY[name] = factory
        return factory

    return deco


def _load_entry_points() -> None:
    for name in _FROM_ENTRY_POINTS:
        _REGISTRY.pop(name, None)
    _FROM_ENTRY_POINTS.clear()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in _REGISTRY:
            log.warning(
                "embedder entry point %r (%s) ignored: the name is taken", ep.name, ep.value
            )
            continue
        try:
            _REGISTRY[ep.name] = ep.load()
            _FROM_ENTRY_POINTS.add(ep.name)
        except Exception as exc:  # a broken plugin must not hide the other backends
            log.warning("embedder entry point %r (%s) failed to load: %s", ep.name, ep.value, exc)


def load_backends(reload: bool = False) -> None:
    """Import the bundled backends, then the third-party ones from entry points."""
    global _loaded
    with _lock:
        if _loaded and not reload:
            return
        for module in _BUILTIN_MODULES:
            importlib.import_module(module)
        _load_entry_points()
        _loaded = True


def available() -> list[str]:
    """Names of every registered backend (a backend may still need an optional package)."""
    load_backends()
    return sorted(_REGISTRY)


def get_embedder(name: str, **options: Any) -> Embedder:
    """Build the backend registered as ``name`` with backend-specific options."""
    load_backends()
    try:
        factory = _REGISTRY[name]
    except KeyError:
        names = ", ".join(sorted(_REGISTRY))
        raise UnknownEmbedderError(
            f"unknown embedder {name!r}; available: {names}. Set 'embedder' to one of these, "
            f"or install a package that provides it through the {ENTRY_POINT_GROUP!r} "
            "entry-point group."
        ) from None
    try:
        inspect.signature(factory).bind(**options)
    except TypeError as exc:
        raise EmbedderError(
            f"embedder {name!r} does not take these options {sorted(options)}: {exc}"
        ) from None
    except ValueError:  # no introspectable signature: let the factory judge
        pass
    return factory(**options)


def truncate(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Cut ``text`` to at most ``max_chars`` characters, at a word boundary when one is near."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = cut.rfind(" ", max_chars - max_chars // 10)
    return cut[:space] if space > 0 else cut


def batched(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """Consecutive slices of ``items`` holding at most ``size`` elements."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def normalize(rows: np.ndarray) -> np.ndarray:
    """Rows as float32 with unit L2 norm (an all-zero row stays zero)."""
    out = np.asarray(rows, dtype=np.float32)
    if out.ndim != 2:
        raise EmbedderError(f"expected a 2-D array of embeddings, got shape {out.shape}")
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)


def check_kind(kind: str) -> None:
    """Reject a kind other than query or passage with a clear message."""
    if kind not in KINDS:
        raise ValueError(f"kind must be 'query' or 'passage', got {kind!r}")


def empty(dim: int) -> np.ndarray:
    """The (0, dim) result for an empty input list."""
    return np.zeros((0, dim), dtype=np.float32)
