"""LLM extraction: text to validated JSON through external APIs or a local model."""
