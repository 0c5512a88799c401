"""A desk's archive (issue 17) on the dashboard: the hotkeys show the rows a scan of every item would, answer
without reading any item's text, and a second launch reads each entry's keyword flags from the parse cache
instead of testing the texts again."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefing_tui import keyword_flags
from briefing_tui.filtering import SearchIndex
from briefing_tui.summary import searchable_text
from briefing_tui.ui.widgets.item_list import ItemList

from .ui.helpers import loaded, make_app, status, wait_for

SENTENCES = [
    "Putin met the envoy in Moscow.", "Profits fell to £5m this year.", "A quiet day in the markets.",
    "North Korea fired a missile towards the sea.", "Kyiv said two soldiers were killed.",
    "Sanctions on the Kremlin were widened.", "The prussian archive reopened.",
    "Ukrainian farmers sold $ 30m of grain.",
]


def write_archive(folder: Path, files: int, per_file: int) -> int:
    for f in range(files):
        items = [{"id": f"f{f}-{n}", "title": f"Report {f}-{n}",
                  "body": [SENTENCES[(f * per_file + n) % len(SENTENCES)], SENTENCES[(f + n * 3) % len(SENTENCES)]]}
                 for n in range(per_file)]
        (folder / f"desk-{f:02}.yaml").write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    return files * per_file


async def test_hotkeys_show_the_rows_a_scan_would_without_scanning(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    count = write_archive(tmp_path, files=12, per_file=15)
    tested: list[int] = []
    real = keyword_flags.flags_of
    monkeypatch.setattr(keyword_flags, "flags_of", lambda texts, kws: tested.append(len(texts)) or real(texts, kws))
    app = make_app([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, count)
    assert sum(tested) > 0  # the first launch works the flags out (the loader: every file past the first rows)
    first_launch = sum(tested)

    tested.clear()
    app = make_app([tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot, count)
        assert sum(tested) < first_launch  # the second reads the loader's files' flags from the parse cache
        assert tested == [] or max(tested) <= 60  # at most the first screenful, which comes before the settings
        index = screen.index
        texts = []
        for position in range(count):
            item = index.items[position]
            assert item is not None
            texts.append(searchable_text(item))

        def no_scan(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("a hotkey scanned the texts")

        monkeypatch.setattr(SearchIndex, "keyword_sets", no_scan)
        items = screen.query_one(ItemList)
        keywords = screen.settings.keywords
        for keyword in keywords:
            await pilot.press(keyword.key)
            await wait_for(pilot, lambda k=keyword: f"[{k.key} {k.name}]" in status(screen), what=keyword.name)
            want = [p for p, text in enumerate(texts) if keyword.pattern.search(text)]
            assert items.positions == want, keyword.name
            assert f"{len(want)}/{count} shown" in status(screen)
            await pilot.press(keyword.key)
            await wait_for(pilot, lambda k=keyword: f"[{k.key} " not in status(screen), what=f"{keyword.name} off")
            assert items.positions == list(range(count))
        both = keywords[:2]
        await pilot.press(both[0].key, both[1].key)  # two at once: any, then all
        await wait_for(pilot, lambda: " OR " in status(screen), what="any")
        assert items.positions == [p for p, t in enumerate(texts) if any(k.pattern.search(t) for k in both)]
        await pilot.press("m")
        await wait_for(pilot, lambda: " AND " in status(screen), what="all")
        assert items.positions == [p for p, t in enumerate(texts) if all(k.pattern.search(t) for k in both)]
