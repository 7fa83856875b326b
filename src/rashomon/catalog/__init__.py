"""Outlet catalog: the bundled list of outlets, its validation, user sources and OPML."""

from rashomon.catalog.catalog import (
    OUTLET_TYPES,
    CatalogError,
    Outlet,
    domain_of,
    load_catalog,
    merge_user_sources,
    validate,
)
from rashomon.catalog.opml import from_opml, to_opml

__all__ = [
    "OUTLET_TYPES",
    "CatalogError",
    "Outlet",
    "domain_of",
    "from_opml",
    "load_catalog",
    "merge_user_sources",
    "to_opml",
    "validate",
]
