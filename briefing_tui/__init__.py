"""briefing: review news briefings in the terminal."""

__version__ = "0.1.0"
