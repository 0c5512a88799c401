"""Turning files into briefing items: decoding, article structure, YAML items, discovery."""
