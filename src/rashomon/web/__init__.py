"""The web UI, JSON API and Atom feeds (FastAPI)."""

from rashomon.web.app import create_app

__all__ = ["create_app"]
