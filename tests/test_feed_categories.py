"""A feed entry's categories are its item's tags (RSS category, Atom term, JSON Feed tags), before the
subscription's; one that cannot be a tag is left out, and the same tag in another case is one tag."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_tui.loading.load import load_file
from briefing_tui.loading.readers.feed import MAX_ENTRY_TAGS, meta_bytes, meta_file

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Desk</title><link>https://desk.example/</link>
<item><title>Port strike ends</title><link>https://desk.example/a</link>
<category>Europe</category><category>  ports </category><category>EUROPE</category>
<category>{long}</category><category></category>
<description>Dockers voted to return to work on Monday after a week of talks.</description></item>
</channel></rss>"""


def test_rss_categories_are_tags_and_the_subscription_s_follow(tmp_path: Path) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(RSS.format(long="x" * 80))
    meta_file(path).write_bytes(meta_bytes(["wire", "europe"]))
    result = load_file(path)
    assert [item.tags for item in result.items] == [["Europe", "ports", "wire"]]


def test_atom_terms_and_json_feed_tags(tmp_path: Path) -> None:
    atom = tmp_path / "a.atom"
    atom.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2026-12-01T00:00:00Z</updated>
<entry><title>Rust 2.0</title><id>urn:a:1</id><link href="https://a.example/1"/>
<updated>2026-12-01T00:00:00Z</updated><category term="rust" label="r/rust"/>
<summary>The language team proposed a new edition for next year's release.</summary></entry></feed>""")
    assert [item.tags for item in load_file(atom).items] == [["rust"]]
    feed = tmp_path / "j.json"
    feed.write_text(json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [
        {"id": "1", "url": "https://j.example/1", "title": "Rates held",
         "content_text": "The central bank held rates for a third month.",
         "tags": ["economy", 3, "central\u001b[31m banks", *[f"t{k}" for k in range(30)]]}]}))
    tags = load_file(feed).items[0].tags
    assert tags[:2] == ["economy", "central banks"] and len(tags) == MAX_ENTRY_TAGS
