"""The bundled outlet catalog: load it, validate it, merge a user's sources file into it."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pycountry

OUTLET_TYPES = frozenset({"public", "state", "private", "wire", "nonprofit"})
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BUNDLED = "data/outlets.toml"


@dataclass(frozen=True)
class Outlet:
    """One news outlet and where to read it."""

    id: str
    name: str
    homepage: str
    country: str
    languages: tuple[str, ...]
    type: str
    wire: bool
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    enabled: bool = True


class CatalogError(ValueError):
    """A catalog or sources file that cannot be read; the message names the file and field."""


# field name -> (kind, required when adding a new outlet)
_FIELDS: dict[str, tuple[str, bool]] = {
    "id": ("str", True),
    "name": ("str", True),
    "homepage": ("str", True),
    "country": ("str", True),
    "languages": ("list", True),
    "type": ("str", True),
    "wire": ("bool", False),
    "feeds": ("list", False),
    "sitemaps": ("list", False),
    "enabled": ("bool", False),
}
_DEFAULTS: dict[str, Any] = {"wire": False, "feeds": (), "sitemaps": (), "enabled": True}


def domain_of(url: str) -> str:
    """Host of a URL, lower-cased, without a leading 'www.' ('' if there is none)."""
    host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _read_toml(path: Path | str, data: bytes | None = None) -> dict[str, Any]:
    try:
        raw = data if data is not None else Path(path).read_bytes()
        return tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"{path}: not valid UTF-8 TOML: {exc}") from exc


def _fields(table: Any, where: str) -> dict[str, Any]:
    """Type-check the fields present in one [[outlet]] table; lists become tuples."""
    if not isinstance(table, Mapping):
        raise CatalogError(f"{where}: expected a table, got {type(table).__name__}")
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _FIELDS:
            known = ", ".join(_FIELDS)
            raise CatalogError(f"{where}: unknown field {key!r} (known fields: {known})")
        kind = _FIELDS[key][0]
        if kind == "str" and not isinstance(value, str):
            raise CatalogError(f"{where}: field {key!r} must be a string")
        if kind == "bool" and not isinstance(value, bool):
            raise CatalogError(f"{where}: field {key!r} must be true or false")
        if kind == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise CatalogError(f"{where}: field {key!r} must be a list of strings")
            value = tuple(v.strip() for v in value)
        out[key] = value.strip() if isinstance(value, str) else value
    return out


def _new_outlet(fields: dict[str, Any], where: str) -> Outlet:
    missing = [k for k, (_, required) in _FIELDS.items() if required and k not in fields]
    if missing:
        raise CatalogError(f"{where}: missing required field(s) {', '.join(map(repr, missing))}")
    return Outlet(**{**_DEFAULTS, **fields})


def _where(path: Path | str, index: int, table: Any) -> str:
    oid = table.get("id") if isinstance(table, Mapping) else None
    return f"{path}: [[outlet]] #{index}" + (f" (id {oid!r})" if isinstance(oid, str) else "")


def _tables(doc: dict[str, Any], key: str, path: Path | str) -> list[Any]:
    tables = doc.get(key, [])
    if not isinstance(tables, list):
        raise CatalogError(f"{path}: {key!r} must be an array of tables ([[{key}]])")
    return tables


def load_catalog(path: Path | str | None = None) -> list[Outlet]:
    """Read the bundled catalog (or the given TOML file) into outlets; structure errors raise."""
    if path is None:
        path = f"rashomon/catalog/{_BUNDLED}"
        doc = _read_toml(path, resources.files("rashomon.catalog").joinpath(_BUNDLED).read_bytes())
    else:
        doc = _read_toml(path)
    extra = set(doc) - {"outlet"}
    if extra:
        raise CatalogError(f"{path}: unknown top-level key(s) {sorted(extra)}; expected [[outlet]]")
    tables = _tables(doc, "outlet", path)
    return [
        _new_outlet(_fields(t, _where(path, i, t)), _where(path, i, t))
        for i, t in enumerate(tables, 1)
    ]


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "is not an http(s) URL"
    if not parts.hostname:
        return "has no host"
    return None


def _outlet_problems(o: Outlet) -> list[str]:
    p = [] if _ID_RE.match(o.id) else [f"id {o.id!r} is not kebab-case (a-z, 0-9, '-')"]
    if not o.name:
        p.append("name is empty")
    if not (
        len(o.country) == 2 and o.country.isupper() and pycountry.countries.get(alpha_2=o.country)
    ):
        p.append(f"country {o.country!r} is not an ISO 3166-1 alpha-2 code")
    if not o.languages:
        p.append("languages is empty")
    for lang in o.languages:
        if not (len(lang) == 2 and lang.islower() and pycountry.languages.get(alpha_2=lang)):
            p.append(f"language {lang!r} is not an ISO 639-1 code")
    if o.type not in OUTLET_TYPES:
        p.append(f"type {o.type!r} is not one of {', '.join(sorted(OUTLET_TYPES))}")
    if not o.feeds and not o.sitemaps:
        p.append("has no feed and no sitemap")
    labelled = [("homepage", o.homepage)] + [("feed", u) for u in o.feeds]
    for label, url in labelled + [("sitemap", u) for u in o.sitemaps]:
        if problem := _url_problem(url):
            p.append(f"{label} {url!r} {problem}")
    return p


def validate(outlets: Iterable[Outlet]) -> list[str]:
    """Human-readable problems with the outlets: codes, types, URLs and duplicates."""
    problems: list[str] = []
    ids: set[str] = set()
    domains: dict[str, str] = {}
    urls: dict[str, str] = {}
    for o in outlets:
        problems += [f"outlet {o.id!r}: {msg}" for msg in _outlet_problems(o)]
        if o.id in ids:
            problems.append(f"outlet {o.id!r}: duplicate id")
        ids.add(o.id)
        domain = domain_of(o.homepage)
        if domain and domain in domains:
            problems.append(
                f"outlet {o.id!r}: homepage domain {domain!r} already used by {domains[domain]!r}"
            )
        domains.setdefault(domain, o.id)
        for url in o.feeds + o.sitemaps:
            if url in urls:
                problems.append(
                    f"outlet {o.id!r}: feed/sitemap {url!r} already used by {urls[url]!r}"
                )
            urls.setdefault(url, o.id)
    return problems


def merge_user_sources(outlets: Iterable[Outlet], user_toml_path: Path | str) -> list[Outlet]:
    """Apply a user's sources file: add outlets, override fields by id, disable ids."""
    path = user_toml_path
    doc = _read_toml(path)
    extra = set(doc) - {"outlet", "disable"}
    if extra:
        raise CatalogError(
            f"{path}: unknown top-level key(s) {sorted(extra)}; expected [[outlet]] or [[disable]]"
        )
    merged = {o.id: o for o in outlets}
    for i, table in enumerate(_tables(doc, "outlet", path), 1):
        where = _where(path, i, table)
        fields = _fields(table, where)
        if "id" not in fields:
            raise CatalogError(f"{where}: missing required field 'id'")
        old = merged.get(fields["id"])
        merged[fields["id"]] = replace(old, **fields) if old else _new_outlet(fields, where)
    for i, table in enumerate(_tables(doc, "disable", path), 1):
        oid = table.get("id") if isinstance(table, Mapping) else None
        if not isinstance(oid, str):
            raise CatalogError(f"{path}: [[disable]] #{i}: field 'id' must be a string")
        if oid not in merged:
            raise CatalogError(f"{path}: [[disable]] #{i}: field 'id': no outlet with id {oid!r}")
        merged[oid] = replace(merged[oid], enabled=False)
    return list(merged.values())
