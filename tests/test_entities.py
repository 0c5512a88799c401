"""Actors and places: short realistic sentences, the seed article, and BBC-corpus invariants."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing_tui.extract.entities import extract_entities
from briefing_tui.loading.structure import split_article
from briefing_tui.model import Actor, Place

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SEED = SHARED / "seeds" / "rfa-kursk-north-korean-troops.txt"
BBC = SHARED / "corpus" / "bbc"


def _actors(*paragraphs: str) -> dict[str, Actor]:
    actors, _ = extract_entities(list(paragraphs))
    return {a.name: a for a in actors}


def _places(*paragraphs: str) -> dict[str, Place]:
    _, places = extract_entities(list(paragraphs))
    return {p.name: p for p in places}


def _check_spans(paragraphs: list[str], items: list[Actor] | list[Place]) -> None:
    for item in items:
        forms = {item.name, *item.aliases}
        assert item.mentions, item.name
        for m in item.mentions:
            text = paragraphs[m.paragraph][m.start : m.end]
            assert text in forms or (text.lower().startswith("the ") and text[4:] in forms), (item.name, text)


def test_title_is_dropped_and_surname_links_to_full_name() -> None:
    actors = _actors(
        "Ukrainian forces are holding off troops in Russia's Kursk region, President Volodymyr Zelenskyy said.",
        "Zelenskyy said in a post on Monday that the front line had held.",
    )
    z = actors["Volodymyr Zelenskyy"]
    assert z.type == "person"
    assert z.aliases == ["Zelenskyy"]
    assert len(z.mentions) == 2
    assert actors["Russia"].type == "country"
    assert "Ukrainian" not in actors and "Ukraine" not in actors  # a demonym is not an actor


def test_region_with_aliases_is_one_place() -> None:
    places = _places(
        "Troops were massed in Russia's Kursk region.",
        "Soldiers are present near the border, specifically in Kursk Oblast, and fighting goes on in Kursk.",
    )
    assert set(places) == {"Kursk Oblast"}
    assert set(places["Kursk Oblast"].aliases) == {"Kursk region", "Kursk"}


def test_acronym_links_to_spelled_out_agency() -> None:
    actors = _actors(
        "The treaty will take effect soon, said the Korean Central News Agency.",
        "KCNA did not say when the instruments would be exchanged.",
    )
    kcna = actors["Korean Central News Agency"]
    assert kcna.type == "organization"
    assert kcna.aliases == ["KCNA"]


def test_country_prefix_and_title_are_split_from_a_person() -> None:
    actors = _actors("UK Prime Minister Tony Blair met Zimbabwe President Robert Mugabe in Harare.")
    assert actors["Tony Blair"].type == "person"
    assert actors["Robert Mugabe"].type == "person"
    assert actors["UK"].type == "country"
    assert actors["Zimbabwe"].type == "country"
    assert "Prime Minister Tony Blair" not in actors


def test_affiliation_after_a_person_is_an_organization() -> None:
    actors = _actors(
        "Yet aviation analyst Mike Powell of Dresdner Kleinwort Wasserstein says the surcharge falls short."
    )
    assert actors["Mike Powell"].type == "person"
    assert actors["Dresdner Kleinwort Wasserstein"].type == "organization"


def test_seat_of_power_acts_or_is_a_place() -> None:
    actors = _actors("The Kremlin has not commented on the reports.")
    assert actors["Kremlin"].type == "organization"
    actors, places = extract_entities(["Mr Obama was speaking to the BBC at the White House before leaving."])
    assert "White House" in {p.name for p in places}
    assert "White House" not in {a.name for a in actors}


def test_uk_nations_are_countries_and_regions_are_places() -> None:
    actors, places = extract_entities(
        ["We are working with the health authorities in England and Scotland, and across Europe and the West."]
    )
    types = {a.name: a.type for a in actors}
    assert types == {"England": "country", "Scotland": "country"}
    assert {p.name for p in places} >= {"Europe", "West"}


def test_honorific_surname_and_sentence_starters() -> None:
    actors = _actors(
        '"It\'s the bravest move they have made yet," said Jonny Evans, news editor at Macworld magazine.',
        "Mr Evans said the machine would sell. However, analysts disagreed. Meanwhile Apple said nothing.",
    )
    assert actors["Jonny Evans"].aliases == ["Evans"]
    assert actors["Macworld magazine"].type == "organization"
    assert "However" not in actors and "Meanwhile" not in actors
    assert actors["Apple"].type == "organization"


def test_party_singular_joins_plural_and_nickname() -> None:
    actors = _actors(
        "Most New Jersey Republicans have been loath to criticise him.",
        "He is the only Republican who backed the bill, and he supported a rival for the GOP nomination.",
    )
    rep = actors["Republicans"]
    assert rep.type == "organization"
    assert set(rep.aliases) == {"Republican", "GOP"}


def test_works_and_titles_are_not_actors() -> None:
    actors = _actors(
        "Clint Eastwood's Million Dollar Baby beat Martin Scorsese's The Aviator to the top awards.",
        "The Aviator took five prizes. He was nominated for such films as Raging Bull and Goodfellas.",
    )
    assert set(actors) == {"Clint Eastwood", "Martin Scorsese"}


def test_metonym_capital_speaking_is_the_country() -> None:
    actors = _actors("North Korea tested a missile on Tuesday. Pyongyang said the test was a success.")
    nk = actors["North Korea"]
    assert nk.type == "country"
    assert "Pyongyang" in nk.aliases


def test_empty_and_pathological_inputs_do_not_raise() -> None:
    assert extract_entities([]) == ([], [])
    assert extract_entities(["", "   ", "\u201c" * 10]) == ([], [])
    start = time.perf_counter()
    extract_entities(["\u201cWord Another, " * 20000, "A" * 200000, "Mr Smith said. " * 60000])
    assert time.perf_counter() - start < 60  # a hang detector (catastrophic backtracking), not a speed check


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed_article() -> None:
    art = split_article(SEED.read_text(encoding="utf-8"))
    actors, places = extract_entities(art.paragraphs)
    by_name = {a.name: a for a in actors}
    expected = {
        "Volodymyr Zelenskyy": "person",
        "Oleksandr Syrskyi": "person",
        "Vladimir Putin": "person",
        "Kim Jong Un": "person",
        "Ukraine": "country",
        "Russia": "country",
        "North Korea": "country",
        "United States": "country",
        "China": "country",
        "South Korea": "country",
        "CNN": "organization",
        "Kremlin": "organization",
        "TASS": "organization",
        "Korean Central News Agency": "organization",
        "New York Times": "organization",
        "U.N. Security Council": "organization",
        "European Political Community": "organization",
    }
    for name, kind in expected.items():
        assert by_name[name].type == kind, name
    assert by_name["Vladimir Putin"].aliases == ["Putin"]
    assert "U.S." in by_name["United States"].aliases
    assert not {"Ukrainian", "North Korean", "North Koreans", "World War II", "Telegram"} & set(by_name)
    assert {"Kursk Oblast", "Budapest", "Pyongyang", "Europe"} <= {p.name for p in places}
    _check_spans(art.paragraphs, actors)
    _check_spans(art.paragraphs, places)


@pytest.mark.skipif(not BBC.exists(), reason="shared BBC corpus not available")
def test_bbc_corpus_invariants() -> None:
    files = sorted(BBC.rglob("*.txt"))
    assert files
    for f in files:
        paragraphs = split_article(f.read_bytes().decode("utf-8", errors="replace")).paragraphs
        actors, places = extract_entities(paragraphs)
        for a in actors:
            assert a.type in {"person", "organization", "country"}
            assert a.name and a.name not in a.aliases
        _check_spans(paragraphs, actors)
        _check_spans(paragraphs, places)


def test_role_noun_after_a_name_marks_the_employer() -> None:
    actors = _actors(
        "Shares fell after Tesla chief executive Elon Musk said on Tuesday that the company would cut prices."
    )
    assert actors["Tesla"].type == "organization"
    assert actors["Elon Musk"].type == "person"


def test_bracketed_acronym_must_abbreviate_the_name() -> None:
    actors = _actors(
        "The World Health Organisation (WHO) has reported 7,793 deaths.",
        "But the WHO believes these figures understate the outbreak, Reuters (UK) said.",
    )
    assert actors["World Health Organisation"].aliases == ["WHO"]
    assert "UK" not in actors["Reuters"].aliases


def test_acronym_inside_a_name_and_prefixed_names() -> None:
    actors = _actors(
        "Ex-BBC presenter Robert Kilroy-Silk quit the UK Independence Party last week.",
        "UKIP leader Roger Knapman said he was glad to see him go.",
    )
    assert actors["UK Independence Party"].aliases == ["UKIP"]
    assert actors["BBC"].type == "organization"
    assert actors["Robert Kilroy-Silk"].type == "person"


def test_founder_possessive_belongs_to_the_firm_and_lowercase_heads() -> None:
    actors, places = extract_entities(
        [
            '"Without this deal May would have been washed up," said Kurt Barnard, president of '
            "Barnard's Retail Consulting Group.",
            "Earlier this month Time magazine named the health workers its Person of the Year. "
            "Time said the choice was easy.",
            "The telescope took five years to build in the remote Dawodang depression in the Guizhou province.",
        ]
    )
    by_name = {a.name: a for a in actors}
    assert by_name["Barnard's Retail Consulting Group"].type == "organization"
    assert by_name["Kurt Barnard"].type == "person"
    assert set(by_name["Time magazine"].aliases) == {"Time"}
    names = {p.name: p.aliases for p in places}
    assert names["Guizhou province"] == ["Guizhou"]
    assert "Dawodang depression" in names


def test_and_joins_only_inside_one_name() -> None:
    actors = _actors(
        "US Airways and Delta Air Lines said the Securities and Exchange Commission had not called.",
        "Trinidad and Tobago, Germany and France signed the deal.",
    )
    assert set(actors) == {
        "US Airways",
        "Delta Air Lines",
        "Securities and Exchange Commission",
        "Trinidad and Tobago",
        "Germany",
        "France",
    }


def test_nickname_and_back_reference_are_aliases() -> None:
    actors = _actors(
        "Carlos Moya beat Andy Roddick in Seville.",
        'And Moya, nicknamed Charly, admitted: "The Davis Cup is my dream."',
        "North Korea has supplied weapons. Putin signed a treaty with the North last week.",
    )
    assert actors["Carlos Moya"].aliases == ["Moya", "Charly"]
    assert actors["North Korea"].aliases == ["North"]


def test_compound_adjectives_give_the_name() -> None:
    actors, places = extract_entities(["The Paris-based auction house and the Viacom-owned network agreed."])
    assert {p.name for p in places} == {"Paris"}
    assert {a.name: a.type for a in actors} == {"Viacom": "organization"}
    assert places[0].mentions[0].end - places[0].mentions[0].start == len("Paris")


def test_town_before_a_playing_position_is_the_club() -> None:
    actors = _actors("Leeds winger Sam Ford and Bristol centre Jake Moss were both picked.")
    assert actors["Leeds"].type == "organization"
    assert actors["Sam Ford"].type == "person"
    assert actors["Jake Moss"].type == "person"


def test_party_short_name_is_an_organization() -> None:
    actors = _actors("Labour has launched its manifesto.", "Voters may back Labour in May, polls suggest.")
    assert actors["Labour"].type == "organization"


def test_family_plural_of_a_surname_is_not_a_new_actor() -> None:
    actors = _actors("Victoria Adams spoke to reporters.", "Fans follow the Adamses everywhere.")
    assert "Adamses" not in actors


def test_given_name_place_modifier_is_not_a_person() -> None:
    actors = _actors("He was seen at a Beverly Hills restaurant on Friday.")
    assert "Beverly Hills" not in actors


def test_event_named_after_a_country_is_not_the_country() -> None:
    actors = _actors("She won the Qatar Open last year and now plays in Madrid.")
    assert "Qatar" not in actors


def test_ampersand_name_is_a_firm() -> None:
    actors = _actors("Shares in Marks & Spencer rose while Scottish & Newcastle fell.")
    assert actors["Scottish & Newcastle"].type == "organization"


def test_a_capitalised_run_longer_than_any_name_leaves_the_other_actors() -> None:
    # A run is read in pieces no longer than a name can be: thousands of "U.S." cost neither the time
    # nor, by running too deep, the article's actors.
    actors = _actors("U.S. " * 1500 + "Tony Blair said the Labour Party would win.")
    assert actors["U.S."].type == "country" and len(actors["U.S."].mentions) == 1500
    assert actors["Tony Blair"].type == "person" and actors["Labour Party"].type == "organization"
    assert "A" not in _actors("A " * 5000 + "and then Tony Blair spoke.")


def test_acronyms_and_longer_names_link_among_hundreds_of_organizations() -> None:
    many = " ".join(f"The Zorblat{k} Bank said." for k in range(300))
    actors = _actors(many + " The European Union met. The EU said no. Time magazine wrote. Time said yes.")
    assert set(actors["European Union"].aliases) == {"EU"} and len(actors["European Union"].mentions) == 2
    assert set(actors["Time magazine"].aliases) == {"Time"}
    assert "EU" not in actors and "Time" not in actors
    assert len([name for name in actors if name.startswith("Zorblat")]) == 300
    _, places = extract_entities(["Fighting in the Kursk region. Kursk was hit. Kursk Oblast too."])
    assert [(p.name, sorted(p.aliases)) for p in places] == [("Kursk Oblast", ["Kursk", "Kursk region"])]


def test_a_product_model_after_its_maker_names_the_maker() -> None:
    assert {n: a.type for n, a in _actors("The Airbus A321 and the Boeing 747 flew.").items()} == {
        "Airbus": "organization"
    }
    # A model number of thousands of digits is still one: reading it does not try every split of them.
    assert {n: a.type for n, a in _actors("Their plane, an Airbus A" + "1" * 3000 + "B, flew.").items()} == {
        "Airbus": "organization"
    }


def test_regions_from_the_iso_table_are_places() -> None:
    # Neither region is in the hand list of places; both are first-level subdivisions (ISO 3166-2).
    places = _places(
        "Ballot papers went missing in Darlington on Tuesday.",
        "Cases of plague were confirmed in Yunnan and in County Durham last year.",
    )
    assert {"Darlington", "Yunnan", "County Durham"} <= set(places)


def test_iso_region_names_keep_their_english_form() -> None:
    from briefing_tui.extract.subdivisions import subdivision_names

    names = subdivision_names()
    assert {"Swansea", "County Durham", "Yunnan", "Punjab"} <= names
    assert not {"Central", "Swansea [Abertawe GB-ATA]", "Durham, County"} & names


def test_unknown_town_inside_a_preposition_is_a_place() -> None:
    places = _places(
        "The carmaker will close its factory in Oberwinkel on Monday and Tuesday.",
        "Going to a pizza restaurant in Hazelmere is an unusual thing for me.",
        "The festival will be held near Kinross in July.",
    )
    assert {"Oberwinkel", "Hazelmere", "Kinross"} <= set(places)


def test_place_described_by_apposition_or_direction() -> None:
    places = _places("Jo Park, 55, of Fennick, a village southwest of Ulverby, pleaded guilty on Monday.")
    assert {"Fennick", "Ulverby"} <= set(places)


def test_bare_place_head_word_is_not_a_place() -> None:
    assert "Park" not in _places("The band will headline T in the Park this summer.")


def test_hospitals_theatres_and_wards_are_places() -> None:
    places = _places(
        "She made a trip to Fairview hospital on Saturday.",
        "Dr Ann Roe, a surgeon at the Dundee Royal Infirmary, looked at the scans.",
        "Leaflets went to homes in the Abbey ward and outside the Orpheum theater.",
    )
    assert {"Fairview hospital", "Dundee Royal Infirmary", "Orpheum theater"} <= set(places)


def test_towns_from_geonames_are_places_unless_a_company_shares_the_name() -> None:
    places = _places("The report says the Minneapolis ad agency came up with the slogan in Burbank on Friday.")
    assert {"Minneapolis", "Burbank"} <= set(places)
    actors, places_found = extract_entities(
        ["Toyota sales jumped 11% in February.", "Toyota said its hybrid sold well."]
    )
    assert "Toyota" not in {p.name for p in places_found}
    assert "Toyota" in {a.name for a in actors}


def test_a_name_owned_by_a_place_is_part_of_it() -> None:
    places = _places("Deportees came home to Punjab's Kotbhai and to Delhi's Saket area on Monday.")
    assert {"Punjab", "Kotbhai", "Delhi", "Saket"} <= set(places)


def test_street_named_after_a_given_name_is_a_place() -> None:
    actors, places = extract_entities(
        ["The building on George Street has been derelict since 1990. Wayne Bridge said so."]
    )
    assert "George Street" in {p.name for p in places}
    assert "Wayne Bridge" in {a.name for a in actors}


def test_place_before_a_title_is_the_office_not_a_place() -> None:
    places = _places("The New York State Attorney General is investigating the company.")
    assert "New York" not in places


def test_short_center_name_where_something_happens_is_a_venue() -> None:
    actors, places = extract_entities(
        ["The Lakers lost two games at Staples Center.", "A study by the Pew Research Center found it."]
    )
    assert "Staples Center" in {p.name for p in places}
    assert "Pew Research Center" in {a.name for a in actors}


def test_natural_feature_named_by_its_kind_first_is_a_place() -> None:
    places = _places("Boats were out on Loch Ness and near Lough Erne on Sunday.")
    assert {"Loch Ness", "Lough Erne"} <= set(places)


def test_outlet_named_with_its_the_as_a_source_is_an_organization() -> None:
    actors = _actors(
        "The vote was delayed, according to The Lantern, and the mayor told The Beacon she would wait.",
        "Critics praised The Gardener after the premiere.",
    )
    assert {"Lantern", "Beacon"} <= set(actors)
    assert actors["Lantern"].type == "organization"
    assert "Gardener" not in actors


def test_acronym_spelled_like_a_word_is_a_body_after_the_or_according_to() -> None:
    actors = _actors(
        "Doctors who treated the patients said cases rose, according to the WHO, in May.",
        "THE FEMALE nurse who was ill recovered.",
    )
    assert actors["WHO"].type == "organization"
    assert "FEMALE" not in actors


def test_a_names_product_is_no_person_when_its_maker_stands_alone() -> None:
    actors = _actors(
        "The launch of Zorvex Glider was delayed. Engineers at Zorvex said the flaw was small.",
        "Glider will fly in May.",
    )
    assert actors.get("Zorvex Glider") is None or actors["Zorvex Glider"].type != "person"
    assert "Glider" not in actors or actors["Glider"].type != "person"


def test_a_capital_that_acts_is_its_government_in_every_mention() -> None:
    actors, places = extract_entities(
        ["The deal stalled after Canberra rejected the terms.", "Officials in Canberra met again."]
    )
    assert "Canberra" not in {p.name for p in places}
    assert any("Canberra" in [a.name, *a.aliases] and a.type == "country" for a in actors)
    _, places = extract_entities(["She moved to Canberra, dubbed the bush capital, in May."])
    assert "Canberra" in {p.name for p in places}


def test_a_building_only_placed_is_a_place_and_one_that_acts_is_a_body() -> None:
    actors, places = extract_entities(["Protesters stayed inside the Halden Embassy for hours."])
    assert "Halden Embassy" in {p.name for p in places}
    assert "Halden Embassy" not in {a.name for a in actors}
    actors, _ = extract_entities(["The Halden Embassy said it would reopen.", "She prayed at the Halden Embassy."])
    assert "Halden Embassy" in {a.name for a in actors}
    actors, _ = extract_entities(["Mr Reeves, a fellow at the Centre for Rights at Halden University, agreed."])
    assert "Halden University" in {a.name for a in actors}


def test_initials_without_dots_before_a_surname_make_a_person() -> None:
    actors = _actors("KT Marlowe's third novel sold well. Marlowe said she was pleased.", "BT Group and AC Milan met.")
    assert actors["KT Marlowe"].type == "person"
    assert actors["BT Group"].type == "organization"
    assert actors["AC Milan"].type == "organization"


def test_short_form_of_a_law_in_brackets_is_no_actor() -> None:
    actors = _actors("The Clean Rivers Act (CRA) took effect, and the Rivers Trust (RT) welcomed it.")
    assert "CRA" not in actors
    assert not any("CRA" in a.aliases for a in actors.values())


def test_body_after_a_posts_title_and_of_is_an_organization() -> None:
    actors = _actors('"Rates must hold," said Ann Reed, Director General of the British Guild of Millers (BGM).')
    assert actors["Ann Reed"].type == "person"
    assert actors["British Guild of Millers"].type == "organization"
    assert "BGM" in actors["British Guild of Millers"].aliases
    assert not any(name.startswith("of ") for name in actors)


def test_street_before_a_role_noun_stays_a_place() -> None:
    actors, places = extract_entities(["Fleet Street editors met. Nottingham Forest manager Gary Megson was there."])
    assert "Fleet Street" in {p.name for p in places}
    assert "Nottingham Forest" in {a.name for a in actors}


def test_lowercase_office_or_craft_before_an_unknown_given_name_makes_a_person() -> None:
    actors = _actors("The bill was backed by congresswoman Xandrie Quillfeather and drummer Tobrin Vask.")
    assert actors["Xandrie Quillfeather"].type == "person"
    assert actors["Tobrin Vask"].type == "person"


def test_lowercase_profession_before_an_unknown_given_name_makes_a_person() -> None:
    actors = _actors("The study was led by virologist Oskarine Trevanne of the Hallam Institute.")
    assert actors["Oskarine Trevanne"].type == "person"
    assert actors["Hallam Institute"].type == "organization"


def test_lowercase_kind_of_firm_before_a_bare_name_makes_an_organization() -> None:
    actors = _actors("Sales rose at carmaker Vantrell and at chipmaker Quorbit last year.")
    assert actors["Vantrell"].type == "organization"
    assert actors["Quorbit"].type == "organization"


def test_bare_name_after_founder_of_or_officials_of_is_a_body() -> None:
    actors = _actors("The founder of Zentrik spoke first, and officials of Morvane declined to comment.")
    assert actors["Zentrik"].type == "organization"
    assert actors["Morvane"].type == "organization"


def test_name_after_a_product_noun_is_no_actor() -> None:
    actors = _actors("The rover Tessaline will land in May.", "The vaccine Corvanta has been tested.")
    assert "Tessaline" not in actors
    assert "Corvanta" not in actors


def test_further_titles_before_a_name_make_a_person() -> None:
    actors = _actors("Ombudsman Varela Quenning said the report was late, and Det. Orrin Blackwood agreed.")
    assert actors["Varela Quenning"].type == "person"
    assert actors["Orrin Blackwood"].type == "person"


def test_local_paper_named_by_its_masthead_word_is_an_organization() -> None:
    actors = _actors("The plan was first reported by the Valemont Ledger and the Corrib Sentinel on Monday.")
    assert actors["Valemont Ledger"].type == "organization"
    assert actors["Corrib Sentinel"].type == "organization"


def test_company_heads_and_no_name_opening_with_a_joining_word() -> None:
    actors = _actors("Shares in Quorvane Therapeutics rose after Brellis Robotics said it would buy them.",
                     "Seven of Marvec’s staff left.")
    assert actors["Quorvane Therapeutics"].type == "organization"
    assert actors["Brellis Robotics"].type == "organization"
    assert not any(name.split()[0] in {"and", "of", "the"} for name in actors)


def test_heading_whose_first_word_is_cut_gives_no_name_opening_with_and() -> None:
    actors = _actors("The interior is roomy.", "Interior and Technology", "The cabin is quiet.")
    assert not any(name.split()[0] in {"and", "of", "the"} for name in actors)


def test_place_named_by_a_district_or_feature_head_is_a_place() -> None:
    _, places = extract_entities(["The firm moved its staff to Harrow Wharf, and the concert is on Tallis Green."])
    assert {"Harrow Wharf", "Tallis Green"} <= {p.name for p in places}


def test_feature_named_by_its_kind_first_river_and_isle() -> None:
    places = _places("Barges moved along the River Tamber past the Isle Corran in spring.")
    assert {"River Tamber", "Isle Corran"} <= set(places)


def test_name_after_district_of_or_a_relative_noun() -> None:
    actors, places = extract_entities(["Fighting spread to the district of Qalvani, said his nephew Dorrin Matheck."])
    assert "Qalvani" in {p.name for p in places}
    assert {a.name: a.type for a in actors}.get("Dorrin Matheck") == "person"


def test_place_with_a_lowercase_area_head_is_one_place_with_its_bare_name() -> None:
    places = _places("Voters in the Mowbry area were missed.", "A couple of residents in Mowbry say so.")
    assert [p for p in places if "Mowbry" in p] == ["Mowbry"]
    assert "Mowbry area" in places["Mowbry"].aliases
    assert len(places["Mowbry"].mentions) == 2


def test_outlet_given_a_statement_and_the_body_of_a_post_are_organizations() -> None:
    actors = _actors(
        "The firm said in a statement to Quill Stone that it would appeal.",
        "The chairman of the Joint Wardens of Staff said so.",
    )
    assert actors["Quill Stone"].type == "organization"
    assert actors["Joint Wardens of Staff"].type == "organization"


def test_name_a_report_or_data_come_from_is_their_source() -> None:
    actors, places = extract_entities(["The bond fell 2%, according to data from Brennix, and rose, per Halvorn."])
    assert {a.name: a.type for a in actors}.get("Brennix") == "organization"
    assert "Brennix" not in {p.name for p in places}


def test_name_someone_works_for_is_a_body() -> None:
    actors = _actors("After the election he left politics. Dunmore now works for Vexlane.")
    assert actors["Vexlane"].type == "organization"


def test_name_after_outfit_or_governing_body_is_an_organization() -> None:
    actors = _actors("The striker joined Premier League outfit Corvale after the governing body Quintara cleared him.")
    assert actors["Corvale"].type == "organization"
    assert actors["Quintara"].type == "organization"


def test_demonym_before_a_lowercase_noun_and_a_seat_named_after_a_country() -> None:
    actors = _actors("Others, like the French newspaper Le Tambour, tried it.", "Scotland Yard said it would look.")
    assert "French newspaper" not in actors and "French" not in actors
    assert actors["Le Tambour"].type == "organization"
    assert actors["Scotland Yard"].type == "organization"


def test_style_prefix_and_a_see_after_a_clerical_title() -> None:
    actors, places = extract_entities(["The Bishop of Durham, the Rt Rev Dr Tom Wright, praised the novel."])
    assert {a.name for a in actors} == {"Tom Wright"}
    assert "Durham" in {p.name for p in places}


def test_seat_an_mp_sits_for_is_a_place() -> None:
    actors, places = extract_entities(["The MP for Harlow Vale claimed the law was wrong."])
    assert "Harlow Vale" in {p.name for p in places}
    assert "Harlow Vale" not in {a.name for a in actors}


def test_title_after_a_comma_is_no_abbreviated_state_and_moons_are_no_places() -> None:
    actors, places = extract_entities(
        ["In Harlow Falls, Gov. Kara Venn spoke.", "Plumes rise from the moon Enceladus, near Saturn."]
    )
    assert {p.name for p in places} & {"Gov.", "Enceladus"} == set()
    assert "Kara Venn" in {a.name for a in actors}


def test_demonym_opening_a_place_name_and_bare_demonyms() -> None:
    actors, places = extract_entities(["Talks on the Korean Peninsula stalled; he lost to Korean player Lee Min."])
    assert "Korean Peninsula" in {p.name for p in places}
    assert "Korean" not in {a.name for a in actors}


def test_name_opening_with_a_place_word_and_ending_with_a_body_head_is_a_body() -> None:
    actors, places = extract_entities(["Steroids came from the Bay Area Testing Laboratories, the court heard."])
    assert "Bay Area Testing Laboratories" in {a.name for a in actors}
    assert "Bay Area Testing Laboratories" not in {p.name for p in places}


def test_known_place_in_a_style_compound_is_a_place() -> None:
    actors, places = extract_entities(['There would be no "Las Vegas-style" casinos and no Trump-style rallies.'])
    assert "Las Vegas" in {p.name for p in places}
    assert not any("Trump" in a.name for a in actors if a.type != "person")
