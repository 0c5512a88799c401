"""Extraction of actors, places, quotes and figures from article body paragraphs."""
