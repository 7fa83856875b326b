"""Web fixtures: the gold corpus loaded into the store, and a test client over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rashomon.store import Store
from rashomon.web import create_app
from tests.web.fixtures import Loaded, load_gold


@pytest.fixture
def loaded(store: Store) -> Loaded:
    """The store with every gold event loaded as an analysed story."""
    return load_gold(store)


@pytest.fixture
def client(store: Store, loaded: Loaded) -> Iterator[TestClient]:
    """A client of the app over the loaded store (no response cache)."""
    with TestClient(create_app(store, cache_seconds=0)) as c:
        yield c
