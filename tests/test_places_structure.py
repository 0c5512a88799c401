"""Places, datelines and institution names by the shape of the phrase, on sentences written for these tests."""

from __future__ import annotations

import pytest

from briefing_tui.extract.entities import extract_entities
from briefing_tui.extract.linking import abbreviates_place
from briefing_tui.loading.structure import split_article, split_dateline


def _places(*paragraphs: str) -> dict[str, list[str]]:
    _, places = extract_entities(list(paragraphs))
    return {p.name: p.aliases for p in places}


def _actor_types(*paragraphs: str) -> dict[str, str]:
    actors, _ = extract_entities(list(paragraphs))
    return {a.name: a.type for a in actors}


@pytest.mark.parametrize(
    ("opening", "dateline", "rest"),
    [
        ("OSLO: Ferry crews walked out on Friday.", "OSLO", "Ferry crews walked out on Friday."),
        ("Bemidji, Minn. — The lake froze early.", "Bemidji, Minn.", "The lake froze early."),
        ("Quincy, D.C. — Council members met.", "Quincy, D.C.", "Council members met."),
        ("MÁLAGA — Fishing boats stayed in port.", "MÁLAGA", "Fishing boats stayed in port."),
        ("OSLO/BERGEN (Reuters) - Ferries stopped.", "OSLO/BERGEN", "Ferries stopped."),
        ("TROMSØ—The ferry left late.", "TROMSØ", "The ferry left late."),
        ("Bergen, Nov 3 (Reuters) - Ferries stopped.", "Bergen, Nov 3", "Ferries stopped."),
        ("BERGEN (AP) —", "BERGEN", ""),
        ("Oslo (CNN)Ferry crews walked out.", "Oslo", "Ferry crews walked out."),
        ("Bergen, Nov 3 (NTB) Ferries stopped.", "Bergen, Nov 3", "Ferries stopped."),
        ("OSLO, 3 November (Reuters) - Ferries stopped.", "OSLO, 3 November", "Ferries stopped."),
        ("Oslo, Norway — Ferries stopped.", "Oslo, Norway", "Ferries stopped."),
        ("Austin, TX — Ferries stopped.", "Austin, TX", "Ferries stopped."),
        ("Oslo — Ferry crews walked out.", "Oslo", "Ferry crews walked out."),
        ("OSLO (AP) _ Ferries stopped.", "OSLO", "Ferries stopped."),
        ("Oslo: Ferry crews walked out.", "Oslo", "Ferry crews walked out."),
        ("OSLO, November 3. /NTB/. Ferries stopped.", "OSLO, November 3", "Ferries stopped."),
        ("BERGEN, Nov. 3, 2019 /PRNewswire/ -- Ferries stopped.", "BERGEN, Nov. 3, 2019", "Ferries stopped."),
    ],
)
def test_datelines_with_a_colon_or_in_mixed_case_with_a_state(opening: str, dateline: str, rest: str) -> None:
    assert split_dateline(opening) == (dateline, rest)


@pytest.mark.parametrize(
    "opening",
    [
        "UPDATE: The road has reopened.",  # a kicker in capitals, not a place
        "Harper — the new coach — spoke first.",  # a name in mixed case opening a sentence
        "Harper, Coach — said nothing.",  # no abbreviated region after the comma
        "Bergen (Reuters) - Ferries stopped.",  # mixed case with neither a state nor a date
        "NATO—the alliance said so.",  # glued to lowercase text
        "Oslo — the capital — froze.",  # a known place in mixed case, then no new sentence
        "Acme (ACM) Shares rose.",  # a bracket glued to text after no known place and no date
        "Harper: The coach spoke first.",  # a colon after a name that is no known place
        "Dekalb, Ill. Police said so.",  # an abbreviated state, then a sentence with no dash or agency
    ],
)
def test_sentence_openings_that_look_like_datelines_are_not(opening: str) -> None:
    assert split_dateline(opening) == (None, opening)


def test_a_colon_dateline_is_cut_off_the_first_paragraph() -> None:
    article = split_article("Ferries halted\n\nOSLO: Ferry crews walked out on Friday, the union said.\n")
    assert article.dateline == "OSLO"
    assert article.paragraphs[0].startswith("Ferry crews")


def test_an_abbreviated_state_after_a_place_is_a_place() -> None:
    places = _places("The deputies of Marin County, Calif., seized the boat.")
    assert "Marin County" in places and "Calif." in places


def test_a_legal_form_after_a_firm_is_no_place() -> None:
    places = _places("Analysts at Brightwater, Inc. cut their forecast.")
    assert "Inc." not in places


def test_a_legislators_party_tag_names_the_state_with_its_dots() -> None:
    places = _places("Sen. Ada Thorne, R-W.Va., and Rep. Bo Lind, D-Minn., voted against it.")
    assert "W.Va." in places and "Minn." in places


def test_an_abbreviated_state_joins_its_full_name_in_the_article() -> None:
    places = _places("Flooding closed roads across New York on Monday.", "Rep. Ada Thorne (D-N.Y.) asked for aid.")
    assert "N.Y." in places["New York"]
    assert "N.Y." not in places


def test_abbreviations_of_place_names_by_their_parts() -> None:
    assert abbreviates_place("Calif.", "California")
    assert abbreviates_place("W.Va.", "West Virginia")
    assert abbreviates_place("N.Y.", "New York")
    assert not abbreviates_place("N.Y.", "New Jersey")
    assert not abbreviates_place("Ga.", "Virginia")


def test_a_city_whose_name_holds_the_abbreviation_stays_whole() -> None:
    places = _places("The lab moved to a campus in Washington, D.C., last year.")
    assert "Washington, D.C." in places
    assert "Washington" not in places


def test_a_word_opening_the_sentence_is_not_part_of_the_place_after_it() -> None:
    places = _places("Consider Nebraska and its long winters.")
    assert "Nebraska" in places and "Consider Nebraska" not in places


def test_a_locative_adjective_stays_in_the_place_name() -> None:
    places = _places("Greater Manchester voted for the plan.")
    assert "Manchester" not in places


def test_a_venue_owned_by_a_city_of_two_words_is_a_place() -> None:
    places = _places("The band played at San Diego's Harbor Center on Friday.")
    assert "Harbor Center" in places
    assert "Harbor Center" not in _actor_types("The band played at San Diego's Harbor Center on Friday.")


def test_an_institution_head_closes_x_and_y() -> None:
    types = _actor_types("The firm reported the breach to the U.S. Fisheries and Wildlife Commission in May.")
    assert types.get("U.S. Fisheries and Wildlife Commission") == "organization"
    assert "Wildlife Commission" not in types


def test_two_firms_joined_by_and_stay_two() -> None:
    types = _actor_types("Shares in Brightwater Airways and Norland Sky Lines fell.")
    assert "Brightwater Airways" in types and "Norland Sky Lines" in types


def test_a_legal_form_makes_a_company_of_an_unknown_name() -> None:
    types = _actor_types("Orders at Brenner Logistik GmbH doubled after the merger.")
    assert types.get("Brenner Logistik GmbH") == "organization"


def test_a_company_with_a_legal_form_is_later_called_by_its_founders_surname() -> None:
    actors, _ = extract_entities(["Profits at Hollis Marbury Co fell sharply.", "Marbury said the drop was temporary."])
    by_name = {a.name: a for a in actors}
    assert "Marbury" in by_name["Hollis Marbury Co"].aliases
    assert "Marbury" not in by_name


def test_ordinary_two_letter_words_are_not_legal_forms() -> None:
    from briefing_tui.extract.names import gazetteer, is_legal_form

    g = gazetteer()
    assert is_legal_form("AG", g) and is_legal_form("Co", g) and is_legal_form("S.A.", g)
    assert not is_legal_form("As", g)


def test_a_dateline_set_apart_in_its_own_paragraph_is_taken_and_dropped_from_the_body() -> None:
    from briefing_tui.loading.html import parse_html

    page = (
        "<html><head><title>Ferries halted</title></head><body><article><h1>Ferries halted</h1>"
        "<p>BERGEN (AP) \u2014</p>"
        "<p>Ferry crews walked out on Friday after talks on pay broke down, leaving hundreds of passengers "
        "waiting at the quay for most of the day, the union said in a statement.</p>"
        "<p>The company said it hoped to restore the timetable by Monday, once the crews were back.</p>"
        "</article></body></html>"
    )
    article = parse_html(page)
    assert article.dateline == "BERGEN"
    assert article.paragraphs[0].startswith("Ferry crews")


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("By Ada Lind, Associated Press", True),
        ("By ADA LIND and Bo Svensson | The Harbour Times", True),
        ("By Ada Lind, Bo Svensson and Li Wei", True),
        ("By contrast, the ferries ran on time.", False),
        ("By the end of the week", False),
    ],
)
def test_bylines_with_several_writers_and_an_outlet(line: str, credit: bool) -> None:
    from briefing_tui.loading.structure import CREDIT_LINE

    assert bool(CREDIT_LINE.match(line)) is credit


def test_a_plural_name_after_the_is_a_team_or_band() -> None:
    types = _actor_types("Last season he played for the Hornets before a trade.")
    assert types.get("Hornets") == "organization"


def test_a_family_named_after_a_person_is_no_team() -> None:
    types = _actor_types("Dana Pruitt opened the shop in 1990.", "Later the Pruitts sold it to a chain.")
    assert "Pruitts" not in types


def test_names_each_with_its_article_share_their_type() -> None:
    types = _actor_types("Fans cheered the Thunder and the Hornets.")
    assert types.get("Thunder") == "organization"


def test_a_seat_of_power_is_an_office_when_it_acts_and_a_place_where_things_happen() -> None:
    actors, places = extract_entities(
        ["Some Kremlin aides want a quick deal.", "The envoys met at the Kremlin on Friday."]
    )
    assert {a.name: a.type for a in actors}.get("Kremlin") == "organization"
    assert "Kremlin" in {p.name for p in places}


def test_a_seat_owned_by_a_person_is_their_residence() -> None:
    actors, places = extract_entities(['The guards stood outside the president\'s "Blue House" compound.'])
    assert "Blue House" in {p.name for p in places}
    assert "Blue House" not in {a.name for a in actors}


def test_a_post_before_a_given_name_is_cut_off_the_name() -> None:
    types = _actor_types("The memo was sent by former Deputy Trade Envoy Robert Tallis on Monday.")
    assert types.get("Robert Tallis") == "person"


def test_a_name_after_a_country_and_of_is_its_own() -> None:
    actors, places = extract_entities(["Critics recalled the invasion by Germany of Flanders in 1914."])
    assert "Flanders" in {p.name for p in places}
    assert "Germany" in {a.name for a in actors}


def test_a_name_placed_near_another_place_is_a_place() -> None:
    places = _places("The festival moves to Strathcarn, near Perth, next summer.")
    assert "Strathcarn" in places


def test_a_foreign_article_name_one_is_inside_is_a_place() -> None:
    actors, places = extract_entities(["The squad spent a week at a training camp in La Quinta."])
    assert "La Quinta" in {p.name for p in places}
    assert "La Quinta" not in {a.name for a in actors}


def test_a_link_card_labelled_as_another_story_is_a_related_headline_not_body() -> None:
    from briefing_tui.loading.html import parse_html

    page = (
        "<html><head><title>Ferries halted</title></head><body><article><h1>Ferries halted</h1>"
        "<p>Ferry crews walked out on Friday after talks on pay broke down, leaving hundreds of passengers "
        "waiting at the quay for most of the day, the union said in a statement.</p>"
        '<a class="promo" href="/news/ferry-talks"><span class="promo__label">Also on harbour.example</span>'
        '<span class="promo__title">Ferry owners and unions agree to new round of pay talks</span></a>'
        "<p>The company said it hoped to restore the timetable by Monday, once the crews were back.</p>"
        "</article></body></html>"
    )
    article = parse_html(page)
    assert [r.title for r in article.related] == ["Ferry owners and unions agree to new round of pay talks"]
    assert not any("Also on" in p for p in article.paragraphs)


def test_a_description_before_a_name_is_no_name_but_its_place_is_a_place() -> None:
    actors, places = extract_entities(["The casting was first reported by Toronto newspaper Harbour Weekly."])
    names = {a.name for a in actors}
    assert "Toronto newspaper" not in names
    assert "Toronto" in {p.name for p in places}


def test_an_indefinite_description_is_no_name() -> None:
    actors, _ = extract_entities(["The deal was signed with a Glasgow consultancy last year."])
    assert not any("consultancy" in a.name for a in actors)


def test_headline_case_titles_of_works_are_not_actors() -> None:
    names = set(_actor_types("She closed the show with Carry Me Home and the ballad Dreams Of My River."))
    assert not names & {"Carry Me Home", "Carry", "Dreams Of My River", "My River"}


def test_a_body_whose_name_keeps_the_in_capitals_is_still_a_body() -> None:
    types = _actor_types("Save The Children said its volunteers arrived on Monday.")
    assert types.get("Save The Children") == "organization"


def test_names_listed_after_a_work_noun_are_works() -> None:
    names = set(_actor_types("The band's hits such as Silver Harbour and Paper Lanterns sold well."))
    assert not names & {"Silver Harbour", "Paper Lanterns"}


def test_a_locative_adjective_before_a_country_names_a_region_where_the_sentence_places_it() -> None:
    actors, places = extract_entities(["Fighting spread across Northern Syria last week."])
    assert "Northern Syria" in {p.name for p in places}
    assert "Syria" not in {a.name for a in actors}


def test_a_locative_name_that_acts_is_not_placed() -> None:
    _, places = extract_entities(["Western Vermont beat Southern Ohio 31-10 on Saturday."])
    assert not {p.name for p in places} & {"Western Vermont", "Southern Ohio"}


def test_a_frame_rate_is_a_measure() -> None:
    from briefing_tui.extract.figures import extract_figures

    figures = extract_figures(["The console version runs at 60fps, the handheld at 30 fps."])
    assert [(f.text, f.unit) for f in figures] == [("60fps", "fps"), ("30 fps", "fps")]


def test_a_possessor_inside_a_bodys_name_is_no_name_of_its_own() -> None:
    types = _actor_types("Units of the People's Coastal Defence Force moved north.")
    assert types.get("People's Coastal Defence Force") == "organization"
    assert "People" not in types


def test_a_place_owning_a_body_keeps_its_own_entry() -> None:
    actors, places = extract_entities(["She sang with Leipzig's Radio Symphony Orchestra for a decade."])
    assert "Leipzig" in {p.name for p in places} | {a.name for a in actors}


def test_a_plural_possessor_before_a_bodys_head_is_one_body() -> None:
    types = _actor_types("The National Growers' Association said the quota was too low.")
    assert types.get("National Growers' Association") == "organization"


def test_a_compass_word_before_a_town_names_that_part_and_keeps_the_town() -> None:
    from briefing_tui.extract.entities import extract_entities

    _, places = extract_entities(["She lives in north London and works in south-east Leeds, not in southern China."])
    by_name = {p.name: p.aliases for p in places}
    assert by_name.get("north London") == ["London"]
    assert by_name.get("south-east Leeds") == ["Leeds"]
    assert not any("China" in name for name in by_name)


def test_a_name_after_a_verb_of_going_to_is_a_place() -> None:
    from briefing_tui.extract.entities import extract_entities

    _, places = extract_entities(["On some days worshippers had to travel to Pontardawe for cultural events."])
    assert [p.name for p in places] == ["Pontardawe"]
    _, places = extract_entities(["On some days worshippers wrote to Gwynmor about the events."])
    assert not places
