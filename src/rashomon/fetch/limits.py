"""Body limits while streaming: a raw-size cap and capped content decoding (no gzip bombs)."""

from __future__ import annotations

import zlib


class TooLarge(Exception):
    """A body went past the size cap (raw or decompressed)."""


class BadEncoding(Exception):
    """A Content-Encoding we did not ask for, or a corrupt compressed body."""


class CappedDecoder:
    """Decodes gzip/deflate/identity chunk by chunk, never producing more than limit bytes."""

    def __init__(self, encoding: str | None, limit: int):
        self.limit = limit
        self.size = 0
        codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise BadEncoding(f"stacked content encodings {encoding!r} are not accepted")
        self.coding = codings[0] if codings else "identity"
        if self.coding in ("gzip", "x-gzip"):
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self._z = zlib.decompressobj()
        elif self.coding == "identity":
            self._z = None
        else:
            raise BadEncoding(f"content encoding {self.coding!r} was not requested")
        self._first = True

    def _check(self, n: int) -> None:
        self.size += n
        if self.size > self.limit:
            raise TooLarge(f"body larger than {self.limit} bytes after decoding")

    def _inflate(self, data: bytes) -> bytes:
        assert self._z is not None
        room = self.limit - self.size + 1
        try:
            out = self._z.decompress(data, room)
        except zlib.error:
            if self.coding == "deflate" and self._first:
                # Some servers send raw deflate without the zlib header.
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                self._first = False
                return self._inflate(data)
            raise BadEncoding(f"corrupt {self.coding} body") from None
        self._first = False
        if self._z.unconsumed_tail:
            raise TooLarge(f"body larger than {self.limit} bytes after decoding")
        return out

    def feed(self, chunk: bytes) -> bytes:
        """Decoded bytes for one raw chunk; raises TooLarge or BadEncoding."""
        out = chunk if self._z is None else self._inflate(chunk)
        self._check(len(out))
        return out

    def flush(self) -> bytes:
        """Whatever the decoder still holds."""
        if self._z is None:
            return b""
        out = self._z.flush()
        self._check(len(out))
        return out
