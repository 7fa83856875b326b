"""Storage: schema, migrations and query functions over SQLite and PostgreSQL."""

from rashomon.store.db import Store, StoreError

__all__ = ["Store", "StoreError"]
