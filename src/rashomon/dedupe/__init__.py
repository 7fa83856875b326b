"""Syndication: near-duplicate copies grouped under the outlet that reported first."""
