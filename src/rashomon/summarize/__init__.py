"""The world's take of a story: extractive and attributed, optionally rewritten by an LLM."""
