"""The figures extractor: what counts as a figure, and how its value, unit and span are read."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.extract.figures import extract_figures
from briefing_tui.loading.structure import split_article
from briefing_tui.model import FIGURE_KINDS

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def figs(text: str) -> list[tuple[str, float | None, str | None, bool, str]]:
    out = []
    for f in extract_figures([text]):
        value = round(f.value, 4) if f.value is not None else None
        out.append((f.text, value, f.unit, f.approx, f.kind))
    return out


def texts(text: str) -> list[str]:
    return [f.text for f in extract_figures([text])]


# ------------------------------------------------------------------ counts, hedges and head nouns


def test_counts_take_the_head_noun_and_hedges():
    assert figs("Ukrainian forces are holding off nearly 50,000 troops, including 11,000 North Koreans.") == [
        ("nearly 50,000", 50000, "troops", True, "count"),
        ("11,000", 11000, "North Koreans", False, "count"),
    ]
    assert figs("They have captured more than two dozen settlements there.") == [
        ("more than two dozen", 24, "settlements", True, "count")
    ]
    assert figs("Its dish is made up of around 4,400 individual aluminium panels.") == [
        ("around 4,400", 4400, "panels", True, "count")
    ]


def test_vague_counts_have_no_value():
    assert figs("Militias slaughtered tens of thousands of civilians.") == [
        ("tens of thousands", None, "civilians", True, "count")
    ]
    assert figs("The telescope detected hundreds of bursts.") == [("hundreds", None, "bursts", True, "count")]


def test_bare_number_borrows_the_noun_of_its_sentence():
    assert figs("The biopic led the nominations with 11.") == [("11", 11, "nominations", False, "count")]
    text = "You dealt with one regulator when you had an issue, maybe two. Now it's five or six."
    assert figs(text) == [
        ("maybe two", 2, "regulator", True, "count"),
        ("five or six", None, "regulator", True, "count"),
    ]


def test_compound_counts():
    assert figs("The 25-member EU met.") == [("25-member", 25, "member", False, "count")]
    assert figs("They hold back the nearly 50,000-strong enemy group.") == [
        ("nearly 50,000-strong", 50000, "group", True, "count")
    ]


# ------------------------------------------------------------------ money


def test_money_symbols_scales_and_codes():
    assert figs("The airline made a pre-tax profit of £75m ($141m) compared with £1.97bn.") == [
        ("£75m", 75_000_000, "GBP", False, "money"),
        ("$141m", 141_000_000, "USD", False, "money"),
        ("£1.97bn", 1_970_000_000, "GBP", False, "money"),
    ]
    assert figs("The 1.2-billion-yuan (US$171-million) telescope.") == [
        ("1.2-billion-yuan", 1_200_000_000, "CNY", False, "money"),
        ("US$171-million", 171_000_000, "USD", False, "money"),
    ]
    assert figs("It gave 15 million euros ($16 million) to the Louvre.") == [
        ("15 million euros", 15_000_000, "EUR", False, "money"),
        ("$16 million", 16_000_000, "USD", False, "money"),
    ]


def test_pence_and_cents_keep_face_value():
    assert figs("BA's shares closed up four pence at 274.5 pence.") == [
        ("four pence", 4, "pence", False, "money"),
        ("274.5 pence", 274.5, "pence", False, "money"),
    ]
    assert figs("It earned 45 cents a share.") == [("45 cents", 45, "cents", False, "money")]


def test_hedged_money_and_vague_money():
    assert figs("It will spend at least £1.5bn on HIV/Aids related work.") == [
        ("at least £1.5bn", 1_500_000_000, "GBP", True, "money")
    ]
    vague = ("millions of dollars", None, "USD", True, "money")
    assert figs("The company set aside millions of dollars.") == [vague]


# ------------------------------------------------------------------ percent, measures, durations, other


def test_percentages():
    assert figs("Fuel costs rose by £106m or 47.3%, and 30 per cent of pupils failed.") == [
        ("£106m", 106_000_000, "GBP", False, "money"),
        ("47.3%", 47.3, "%", False, "percent"),
        ("30 per cent", 30, "%", False, "percent"),
    ]
    hedged = ("up to a 90 percent", 90, "%", True, "percent")
    assert figs("It is entitled to up to a 90 percent tax break.") == [hedged]


def test_measures_and_durations():
    assert figs("Its 500-metre-wide dish and 36 dishes, each 5 metres wide.") == [
        ("500-metre-wide", 500, "metre", False, "measure"),
        ("36", 36, "dishes", False, "count"),
        ("5 metres", 5, "metres", False, "measure"),
    ]
    assert figs("After nearly 20 years of hostility, a six-month review; we were taught 50 years ago.") == [
        ("nearly 20 years", 20, "years", True, "duration"),
        ("six-month", 6, "months", False, "duration"),
        ("50 years", 50, "years", False, "duration"),
    ]
    assert figs("It took half a decade; prices are lower than a quarter century ago.") == [
        ("half a decade", 0.5, "decades", False, "duration"),
        ("a quarter century", 0.25, "centuries", False, "duration"),
    ]


def test_fractions_ratios_and_times():
    assert figs("LVMH is covering two-thirds of the cost; aid is half their 1960 levels.") == [
        ("two-thirds", 0.6667, "cost", False, "other"),
        ("half", 0.5, "levels", False, "other"),
    ]
    assert figs("About one in five adults smoke.") == [("About one in five", 0.2, "adults", True, "other")]
    assert figs("The UK pays two and a half times more than France, and he had lost three times.") == [
        ("two and a half times", 2.5, "times", False, "other"),
        ("three times", 3, "times", False, "count"),
    ]


def test_scores_are_other_without_value():
    assert figs("Moya beat Roddick 6-2 7-6 (7-1) to give the hosts an unassailable 3-1 lead.") == [
        ("6-2", None, None, False, "other"),
        ("7-6", None, None, False, "other"),
        ("7-1", None, None, False, "other"),
        ("3-1", None, "lead", False, "other"),
    ]


def test_ranges_are_two_figures_and_share_the_unit():
    assert figs("A 3% to 3.5% improvement; from £6 to £10.") == [
        ("3%", 3, "%", False, "percent"),
        ("3.5%", 3.5, "%", False, "percent"),
        ("£6", 6, "GBP", False, "money"),
        ("£10", 10, "GBP", False, "money"),
    ]
    assert figs("Output rose from 2 to 3 million cars.") == [
        ("2", 2_000_000, "cars", False, "count"),
        ("3 million", 3_000_000, "cars", False, "count"),
    ]
    assert figs("Games cost between $10-25m to make.") == [
        ("$10", 10_000_000, "USD", False, "money"),
        ("25m", 25_000_000, "USD", False, "money"),
    ]


def test_wire_style():
    text = "Shares rose $3.12, or 2.1%, to $151.60, worth roughly $2.4 trillion; profit was 300 mln dlrs."
    assert figs(text) == [
        ("$3.12", 3.12, "USD", False, "money"),
        ("2.1%", 2.1, "%", False, "percent"),
        ("$151.60", 151.6, "USD", False, "money"),
        ("roughly $2.4 trillion", 2.4e12, "USD", True, "money"),
        ("300 mln dlrs", 300_000_000, "USD", False, "money"),
    ]
    assert figs("The missiles flew about 350 kilometers (217 miles); the eighth seed won 6-1.") == [
        ("about 350 kilometers", 350, "kilometers", True, "measure"),
        ("217 miles", 217, "miles", False, "measure"),
        ("6-1", None, None, False, "other"),
    ]


# ------------------------------------------------------------------ what is not a figure


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian forces launched an incursion on Aug. 6 and signed a treaty on June 19.",
        "For the period to 31 December 2004.",
        "Since the 11 September 2001 attacks and in the 1990s and the mid-1990s, and in 2008-09.",
        "The plane landed at around 11.30pm, at 4:30 p.m. and at 0900 GMT.",
        "This is the 7th national treasure and an 18th-century painting, his second Oscar.",
        "The 93 year-old and the 52-year-old Grace; Nadal, aged 18 years and 185 days.",
        "John Smith, 45, of Ohio was held.",
        "A G7 summit, F-16 jets, the COVID-19 pandemic, World War II, Article 5 and BA1478.",
        "Spider-Man 2 and Number 73 aired; the No 10 policy unit; Boeing 747 jets.",
        "Call 08000 858531 or 08000 858 531 about source 121102.",
        "One town is one of the poorest; a single regulator asked for a year.",
        "The Five-hundred-meter Aperture Spherical Radio Telescope opened.",
        "It is a third quarter result; he won 24/7 after 9/11.",
        "Care for children under five and people over 65 under 401(k) rules.",
        "The 3-4-1 formation; between 13 and 15 March; on 4 or 5 April; 7 Tim Henman (Britain).",
    ],
)
def test_exclusions(text):
    assert texts(text) == []


# ------------------------------------------------------------------ spans and robustness


def test_spans_are_exact_across_paragraphs():
    body = ["No numbers here.", "It cost £3bn, and 40% said so.", "Two people died; three years on."]
    found = extract_figures(body)
    expected = [("£3bn", 1), ("40%", 1), ("Two", 2), ("three years", 2)]
    assert [(f.text, f.span.paragraph) for f in found] == expected
    for f in found:
        assert body[f.span.paragraph][f.span.start : f.span.end] == f.text


_WORDS = """0 7 12 1,000 2.5 2004 08000 - – , . $ £ US € % ( ) ' " a an one two twenty half third quarter tens
    of million m bn k p per cent year years old aged May Jan pm or to and between more than nearly people
    Smith No page times in st s / :"""
_PIECES = st.sampled_from([*_WORDS.split(), " ", " ", " "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=40).map("".join), max_size=4))
def test_never_raises_and_spans_hold(paragraphs):
    for f in extract_figures(paragraphs):
        assert paragraphs[f.span.paragraph][f.span.start : f.span.end] == f.text
        assert f.kind in FIGURE_KINDS


def test_hostile_input_is_linear():
    huge = ("The 5 men and 3,000 troops said it was 5-2 or maybe two. " * 3000) + '"' + "1-2-3-" * 20000
    start = time.perf_counter()
    found = extract_figures([huge, "(" * 200_000 + " five", "a-" * 100_000 + "5"])
    assert time.perf_counter() - start < 60  # a hang detector (catastrophic backtracking), not a speed check
    assert len(found) > 3000


# ------------------------------------------------------------------ real articles


def test_seed_article():
    path = SHARED / "seeds" / "rfa-kursk-north-korean-troops.txt"
    if not path.exists():
        pytest.skip("../shared/seeds is not present beside the repo")
    article = split_article(path.read_text(encoding="utf-8"))
    got = [(f.text, f.value, f.unit, f.approx, f.kind) for f in extract_figures(article.paragraphs)]
    assert got == [
        ("nearly 50,000", 50000, "troops", True, "count"),
        ("11,000", 11000, "North Koreans", False, "count"),
        ("nearly 50,000-strong", 50000, "group", True, "count"),
        ("more than two dozen", 24, "settlements", True, "count"),
        ("about 50,000", 50000, "soldiers", True, "count"),
        ("tens of thousands", None, "troops", True, "count"),
        ("11,000", 11000, "soldiers", False, "count"),
    ]


def test_bbc_corpus_invariants():
    root = SHARED / "corpus" / "bbc"
    files = sorted(root.glob("*/*.txt"))
    if not files:
        pytest.skip("../shared/corpus/bbc is not present beside the repo")
    articles = [split_article(p.read_bytes().decode("utf-8", errors="replace")) for p in files]
    total = 0
    for article in articles:
        for f in extract_figures(article.paragraphs):
            total += 1
            assert article.paragraphs[f.span.paragraph][f.span.start : f.span.end] == f.text
            assert f.kind in FIGURE_KINDS
            assert f.value is None or isinstance(f.value, float)
    assert total > 5000


def test_ages_in_apposition_are_not_figures() -> None:
    assert texts("The princess, 19, apologised.") == []
    assert texts("The money went to Ahmed Tarek, 44.") == []
    assert texts("He sold 44 cars, 12 vans.") == ["44", "12"]  # a count after a plural noun is no age


def test_versions_listed_after_a_product_name_are_not_figures() -> None:
    assert texts("It runs on Solaris 8, 9 and 10.") == []


def test_a_long_list_after_a_name_is_read_as_versions_to_its_end() -> None:
    # Each number asks whether a name opens its list: the answer for the last of hundreds is the first's.
    versions = "It runs on Windows " + ", ".join(str(95 + k) for k in range(400)) + " and XP."
    assert texts(versions) == []
    assert texts("It ran Solaris 8. Then 9, 10 and 11 people came.") == ["9", "10", "11"]
    assert figs("The teams scored 5, 6 and 7 goals.") == [
        ("5", 5, "teams", False, "count"),
        ("6", 6, "teams", False, "count"),
        ("7", 7, "goals", False, "count"),
    ]
    assert len(texts(", ".join(["1"] * 300) + " people")) == 300


def test_a_bare_count_borrows_a_noun_only_from_its_own_sentence_and_near_it() -> None:
    assert figs("The nominations went to 4 films, and maybe 2 more.")[1] == ("maybe 2", 2, "nominations", True, "count")
    assert figs("He won the nominations with Mr. Smith and 2.") == [("2", 2, "nominations", False, "count")]
    assert figs("He won the nominations. Maybe 2.") == [("Maybe 2", 2, None, True, "count")]  # a new sentence
    far = "Of the nominations, " + "he said that " * 25 + "maybe 2."  # more than 60 tokens back
    assert figs(far) == [("maybe 2", 2, None, True, "count")]


def test_a_row_of_comma_separated_numbers_is_data_not_figures() -> None:
    # Prose puts a space after a list's commas; "3,1,4,1,5" pasted from a table is one datum, not five counts.
    assert texts("The readings were 3,1,4,1,5 on the dial and 12 people saw them.") == ["12"]
    assert texts("Values: 2.5,3.5,4.5 in all.") == []
    assert texts(",".join(["1"] * 5000) + " and 7 cars.") == ["7"]
    # Thousands separators and lists written with spaces are still read.
    assert texts("It cost 1,000,000, then 2,000,000, then 3,500.") == ["1,000,000", "2,000,000", "3,500"]


# ------------------------------------------------------------------ not claims: labels, formats, ages (issue 16)


def test_list_item_numbers_are_not_figures():
    assert texts("4. Questions over the budget") == []
    assert texts('6. "The harbour problem"') == []
    assert texts("2.5 million people voted.") == ["2.5 million"]


def test_video_modes_are_not_pence():
    assert texts("The console runs the game at 1080p, and the old one at 720p.") == []
    assert figs("Shares fell 12p to 480p.")[0] == ("12p", 12, "pence", False, "money")


def test_ages_after_a_suffixed_name_or_now_and_possessive():
    assert texts("Michael Jones Jr., 41, was charged on Friday.") == []
    assert texts("Jones, now 38, has won the title since.") == []
    assert texts("The 47-year-old's record speaks for itself.") == []


def test_part_of_a_whole_is_one_ratio():
    assert figs("The team won 9 of 11 games this season.") == [("9 of 11", 0.8182, "games", False, "other")]
    assert figs("She said two of the three tests were passed.") == [
        ("two of the three", 0.6667, "tests", False, "other")
    ]


def test_head_noun_past_acronyms_joined_adjectives_and_capitalised_modifiers():
    assert figs("About 9,000 UK nurses joined the strike.")[0][2] == "nurses"
    assert figs("He made 40 false or misleading statements.")[0][2] == "statements"
    assert figs("They found 12 rusty and broken bikes.")[0][2] == "bikes"
    assert figs("Three United Nations aid workers were hurt.")[0][2] == "workers"
    assert figs("The ship carried 300 North Koreans.")[0][2] == "North Koreans"


def test_pounds_after_weigh_are_weight():
    assert figs("The dog weighs 60 pounds.") == [("60 pounds", 60, "pounds", False, "measure")]
    assert figs("The ticket cost 60 pounds.") == [("60 pounds", 60, "GBP", False, "money")]


def test_races_named_by_distance_are_not_figures():
    assert texts("She won the 400m and 800m titles last year.") == []
    assert texts("He ran the 60m in Glasgow.") == []
    assert figs("The 3m people who signed up were pleased.")[0][1:3] == (3000000, "people")
    assert figs("They built a 20m wall.")[0][2] == "m"


def test_zero_as_a_quality_is_not_a_count():
    assert texts("The panel showed zero interest in the plan.") == []
    assert texts("The club must rebuild from zero.") == []
    assert figs("There were zero injuries.")[0][:3] == ("zero", 0, "injuries")


def test_emergency_numbers_and_age_at_death():
    assert texts("A neighbour called 999 after the crash.") == []
    assert texts("Dispatchers took dozens of 911 calls.") == ["dozens"]
    assert texts("The painter died in Paris at 71.") == []
    assert figs("The jet carried 112 passengers.")[0][:3] == ("112", 112, "passengers")


def test_hedge_reaches_past_an_article_to_a_currency_sign():
    assert figs("She faces up to a $5,000 fine.") == [("up to a $5,000", 5000, "USD", True, "money")]


def test_decimal_share_in_a_list_of_percentages_acronym_heads_and_flops():
    share = figs("Of voters, 52 percent backed it and 3.4 of the rest abstained.")[1]
    assert share == ("3.4", 3.4, "%", False, "percent")
    assert figs("They chose four NATO partners.")[0][2] == "partners"
    assert figs("The chip offers 9.2 teraflops of power.")[0][1:3] == (9.2, "teraflops")


def test_a_bare_number_said_of_a_person_with_be_or_turn_is_an_age():
    assert texts("I'm only 19 and had never seen it.") == []
    assert texts("By the next final he will be 36, so time is short.") == []
    assert texts("She turns 50 next month.") == []
    assert figs("We are 10 points clear.")[0][:3] == ("10", 10, "points")


def test_a_distance_before_a_race_noun_names_the_race():
    assert texts("Olympic 400m champion Ann Smith will run.") == []
    assert texts("She took the 800m and 1,500m gold in Athens.") == []
    assert figs("He swam 400m in the lake.")[0][:3] == ("400m", 400, "m")


def test_a_thing_named_by_a_number_and_an_er_noun_is_not_a_count():
    assert texts("He hit a 3-pointer with a minute left.") == []
    assert texts("The car is a two-seater.") == []
    assert figs("A 12-member jury was sworn in.")[0][:3] == ("12-member", 12, "member")


def test_ages_at_a_life_event_or_opening_a_sentence_and_glued_set_scores():
    assert texts("At 19, Jones already leads the side.") == []
    assert texts("She became a senator at 31 and a minister at 40.") == []
    assert texts("She lost 3-6,2-6 in the final.") == ["3-6", "2-6"]


def test_a_vague_count_of_a_measure_unit_is_a_measure():
    assert figs("The storm spread hundreds of miles inland.") == [("hundreds of miles", None, "miles", True, "measure")]
    assert figs("Tens of thousands of fans came.")[0][:3] == ("Tens of thousands", None, "fans")


def test_a_hedged_half_standing_alone_is_a_share():
    assert figs("Of the voters, almost half were under 30.")[0][:2] == ("almost half", 0.5)
    assert texts("He ate half.") == []


def test_a_share_without_its_own_noun_takes_the_one_its_sentence_names():
    assert figs("Of the nurses, nearly half were on strike.")[0][:3] == ("nearly half", 0.5, "nurses")


def test_a_vague_range_end_borrows_the_unit_of_the_other():
    assert figs("Raids drew a few hundred to tens of thousands of fans.")[0][:3] == ("a few hundred", None, "fans")


def test_a_bare_level_takes_the_subject_of_its_verb():
    assert figs("The smog index in Lahore today is 310, officials said.")[0][:3] == ("310", 310, "index")
    assert figs("The confidence index (CCI) rose to 98.2 in May.")[0][2] == "CCI"


def test_a_number_word_opening_a_short_quoted_term_is_a_name():
    assert texts('Critics called them the "four horsemen" of the market.') == []
    assert figs('He said "two hundred" people came.')[0][:2] == ("two hundred", 200)
