"""Rebuilding articles in each language from their source and reviewed translations."""
