"""Cross-outlet comparison of a story: claims, takes, quotes, figures, entities, coverage."""
