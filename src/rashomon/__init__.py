"""Rashomon: the same event, told by every country's press."""

__version__ = "0.1.0"
