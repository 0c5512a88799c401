"""Grouping the same story from many outlets: real similarity, a date window, stable groups."""

from __future__ import annotations

from briefing_tui.grouping import GroupedRows, Grouper, GroupingSettings, GroupingWorker, content_words

# Two outlets on one event: other words, the same names, places and facts.
QUAKE_A = ("Strong earthquake strikes Qeshm island in southern Iran",
           "A magnitude 5.9 earthquake struck Qeshm island in the Strait of Hormuz on Sunday, killing ten "
           "villagers and injuring eighty, Iranian state television reported. Seven villages were damaged "
           "and rescue teams from Bandar Abbas reached the island by boat.")
QUAKE_B = ("Quake on Iran's Qeshm island kills 10",
           "Ten people died and eighty were hurt when an earthquake of magnitude 5.9 hit Qeshm, an island "
           "in the Strait of Hormuz, state television said. Rescuers sailed from Bandar Abbas to seven "
           "damaged villages.")
QUAKE_C = ("Qeshm earthquake: villagers shelter in tents",
           "Villagers on Qeshm island spent the night in tents after the magnitude 5.9 earthquake that "
           "killed ten, as rescue teams from Bandar Abbas brought water to the seven damaged villages.")
# The same kind of event elsewhere: shares "earthquake", "magnitude", "villages", "rescue teams".
OTHER_QUAKE = ("Earthquake hits Bam in south-eastern Iran",
               "A magnitude 6.6 earthquake destroyed much of the ancient city of Bam in Kerman province; "
               "rescue teams searched collapsed mud-brick houses and villages around the citadel.")
UNRELATED = ("Chargers receiver arrested on suspicion of drunk driving",
             "San Diego police arrested the Chargers wide receiver early on Tuesday on suspicion of driving "
             "under the influence after a traffic stop downtown, the team said, the third arrest of a Chargers "
             "player this season; he was released on bail and faces a misdemeanour charge.")


def grouper(**settings) -> Grouper:
    return Grouper(GroupingSettings(**settings))


def test_two_outlets_on_one_event_are_grouped_under_the_first() -> None:
    g = grouper()
    assert g.add("a", *QUAKE_A, "2005-11-27") == "a"
    assert g.add("b", *QUAKE_B, "2005-11-27") == "a"
    assert g.others("a") == ["b"] and g.others("b") == ["a"] and g.size("b") == 2


def test_the_same_kind_of_event_sharing_words_is_not_grouped() -> None:
    g = grouper()
    g.add("qeshm", *QUAKE_A, "2005-11-27")
    assert g.add("bam", *OTHER_QUAKE, "2005-11-28") == "bam"
    assert g.add("dui", *UNRELATED, "2005-11-28") == "dui"
    assert g.similarity("qeshm", "bam") < g.settings.threshold
    assert g.size("qeshm") == 1


def test_a_shared_name_alone_never_groups() -> None:
    g = grouper()
    g.add("a", "Lindsay Lohan checks into rehab at the Betty Ford Center",
          "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage early on Friday morning, her lawyer "
          "told the court, to begin the ninety days of treatment a judge ordered after her plea in the car case.",
          "2013-05-03")
    assert g.add("b", "Lindsay Lohan to play a detective in a Toronto thriller",
                 "Lindsay Lohan signed on Monday to play a detective in an independent thriller shot in Toronto "
                 "this summer, the producers announced, naming a director and two co-stars from television.",
                 "2013-05-04") == "b"


def test_a_text_too_short_to_judge_stays_alone() -> None:
    g = grouper()
    g.add("a", *QUAKE_A, "2005-11-27")
    assert g.add("headline", "Earthquake on Qeshm island in Iran", "Ten killed, state television said.",
                 "2005-11-27") == "headline"
    assert g.add("b", *QUAKE_B, "2005-11-27") == "a"  # and is no match for later items either


def test_items_far_apart_in_date_are_not_grouped() -> None:
    g = grouper(days=3)
    g.add("a", *QUAKE_A, "2005-11-27")
    assert g.add("later", *QUAKE_B, "2005-12-15") == "later"
    assert g.add("near", *QUAKE_B, "2005-11-30") == "a"


def test_an_undated_item_groups_only_with_undated_ones() -> None:
    g = grouper()
    g.add("dated", *QUAKE_A, "2005-11-27")
    assert g.add("undated", *QUAKE_B, None) == "undated"
    assert g.add("undated too", *QUAKE_C, None) == "undated"


def test_the_threshold_decides() -> None:
    strict, loose = grouper(threshold=0.95), grouper(threshold=0.1)
    for g in (strict, loose):
        g.add("a", *QUAKE_A, "2005-11-27")
        g.add("b", *QUAKE_B, "2005-11-27")
    assert not strict.same_group("a", "b") and loose.same_group("a", "b")
    # A reprint passes any threshold.
    strict.add("copy", *QUAKE_A, "2005-11-28")
    assert strict.lead_of("copy") == "a"


def test_new_items_join_and_groups_never_split_or_merge() -> None:
    g = grouper()
    g.add("a", *QUAKE_A, "2005-11-27")
    g.add("x", *UNRELATED, "2005-11-27")
    g.add("b", *QUAKE_B, "2005-11-27")
    g.add("c", *QUAKE_C, "2005-11-28")
    assert [g.lead_of(k) for k in "abcx"] == ["a", "a", "a", "x"]
    assert g.others("a") == ["b", "c"]
    # Whatever arrives later (many unrelated items, a copy of a member) the groups stay as they were.
    for n in range(50):
        g.add(f"n{n}", f"Council meeting {n}", f"The council discussed item {n} of its agenda on parking.",
              "2005-11-27")
    g.add("copy of x", *UNRELATED, "2005-11-28")
    assert [g.lead_of(k) for k in "abcx"] == ["a", "a", "a", "x"] and g.lead_of("copy of x") == "x"
    # A key given again keeps its place.
    assert g.add("b", *UNRELATED, "2005-11-28") == "a"


def test_no_chain_of_small_steps_joins_a_group_its_lead_is_unlike() -> None:
    g = grouper(threshold=0.3)
    g.add("lead", "Ferry sinks off Bali with forty passengers aboard",
          "A ferry sank off Bali on Monday with forty passengers aboard after its engine failed in heavy seas "
          "near Padang Bai harbour, the port authority said; the crew sent a distress call before it capsized.",
          "2020-01-06")
    g.add("step", "Ferry sinks off Bali, rescue of forty passengers goes on",
          "Rescuers searched for the forty passengers of the ferry that sank off Bali near Padang Bai harbour; "
          "divers and helicopters from Denpasar joined the rescue as the heavy seas eased in the afternoon.",
          "2020-01-06")
    g.add("far", "Divers and helicopters from Denpasar join the rescue",
          "Divers and helicopters from Denpasar joined the rescue in the afternoon; navy divers searched the "
          "wreck while helicopters flew over the rescue area and fishermen from nearby villages helped.",
          "2020-01-07")
    assert g.same_group("step", "lead")
    assert g.similarity("far", "step") >= 0.3 > g.similarity("far", "lead")  # like the member, not the lead
    assert g.lead_of("far") == "far"


def test_grouped_rows_show_a_group_once_and_its_members_when_expanded() -> None:
    rows = GroupedRows()
    rows.join(3, 1)
    rows.join(5, 1)
    rows.join(4, 2)
    assert rows.arrange([0, 1, 2, 3, 4, 5, 6], set()) == [0, 1, 2, 6]
    assert rows.arrange([0, 1, 2, 3, 4, 5, 6], {1}) == [0, 1, 3, 5, 2, 6]
    # A filter that only a member passes shows the group, as its lead, where that member stands.
    assert rows.arrange([0, 4, 6], set()) == [0, 2, 6]
    # Every member passes a filter that its lead does not: the group still shows, where its first member stands.
    one = GroupedRows()
    one.join(1, 0)
    assert one.arrange([1, 2], set()) == [0, 2]
    assert rows.arrange([0, 5, 6], {1}) == [0, 1, 5, 6]
    assert rows.others(3) == [1, 5] and rows.others(1) == [3, 5] and rows.others(0) == []


def test_the_worker_groups_on_its_thread_and_delivers_pairs() -> None:
    found: list[tuple[int, int]] = []
    stories = [QUAKE_A, UNRELATED, QUAKE_B, QUAKE_C]
    asked: list[list[int]] = []

    def texts(positions: list[int]) -> dict[int, str]:  # read as the worker reaches them, not handed over
        asked.append(positions)
        return {p: stories[p][1] for p in positions}

    worker = GroupingWorker(GroupingSettings(), found.extend, texts)
    try:
        worker.submit([(0, QUAKE_A[0], "2005-11-27"), (1, UNRELATED[0], "2005-11-27")])
        worker.submit([(2, QUAKE_B[0], "2005-11-27"), (3, QUAKE_C[0], "2005-11-28")])
        assert worker.wait_idle(30)
        assert found == [(2, 0), (3, 0)]
        assert asked == [[0, 1], [2, 3]]
    finally:
        worker.stop()


def test_content_words_leave_out_function_words_and_count_the_title_twice() -> None:
    words = content_words("Quake hits Iran", "The quake hit Iran's south and it was felt.")
    assert words["quake"] == 3 and words["iran"] == 3 and "the" not in words and "it" not in words


def test_keys_other_than_positions_and_positions_out_of_order_are_kept_apart() -> None:
    g = grouper()
    assert g.add(7, *QUAKE_A, "2005-11-27") == 7
    assert g.add("x", *QUAKE_B, "2005-11-27") == 7
    assert g.add(2, *QUAKE_C, "2005-11-28") == 7
    assert g.add(-3, *UNRELATED, "2005-11-28") == -3
    assert 7 in g and "x" in g and 2 in g and -3 in g and 0 not in g and 99 not in g and "y" not in g
    assert g.others(7) == ["x", 2] and g.lead_of(2) == 7 and g.size("x") == 3
    assert g.add(2, *UNRELATED, None) == 7  # a key given again keeps its place


def test_a_vocabulary_past_16_bits_widens_the_word_numbers() -> None:
    from briefing_tui import grouping

    g = grouper()
    g._vocabulary = {f"w{n}": n for n in range(grouping._WIDE - 1)}  # as if that many words were met
    g._df = grouping.array("i", [1]) * len(g._vocabulary)
    g.add("a", *QUAKE_A, "2005-11-27")
    assert g._terms.typecode == "i" and max(g._terms) >= grouping._WIDE
    assert g.add("b", *QUAKE_B, "2005-11-27") == "a"  # numbered past 16 bits, still grouped
