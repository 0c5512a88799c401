"""The XDG folders briefing uses, in one place so tests and `--state`/`--config` can redirect them."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs("briefing", appauthor=False)


def config_dir() -> Path:
    return Path(_DIRS.user_config_dir)


def user_config_file() -> Path:
    return config_dir() / "config.yaml"


def state_dir() -> Path:
    return Path(_DIRS.user_state_dir)


def cache_dir() -> Path:
    return Path(_DIRS.user_cache_dir)


def rule_memo_dir() -> Path:
    """Rule verdicts remembered between launches (``rule_memo``): a cache, safe to delete."""
    return cache_dir() / "rule-verdicts"


def data_dir() -> Path:
    return Path(_DIRS.user_data_dir)


def feeds_dir() -> Path:
    """Where fetched feed documents are kept, one file a subscription, for the dashboard to open offline."""
    return data_dir() / "feeds"


def fetch_state_file() -> Path:
    """ETag and Last-Modified of each subscription: beside the feeds folder, not in it, so no reader
    ever takes it for a feed."""
    return data_dir() / "fetch-state.json"
