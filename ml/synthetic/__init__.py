"""Synthetic but realistic health data: the same seed always gives the same people and days."""
