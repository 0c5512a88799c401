"""Actors for extraction tests, built the way the tests write them: a name, then its aliases."""

from __future__ import annotations

from briefing_tui.model import Actor


def person(name: str, *aliases: str) -> Actor:
    return Actor(name, "person", list(aliases))


def org(name: str, *aliases: str) -> Actor:
    return Actor(name, "organization", list(aliases))


def country(name: str, *aliases: str) -> Actor:
    return Actor(name, "country", list(aliases))
