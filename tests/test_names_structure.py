"""Name boundaries and name typing by the shape of the phrase, on sentences written for these tests."""

from __future__ import annotations

from briefing_tui.extract.credits import is_credit_line, without_credits
from briefing_tui.extract.entities import extract_entities
from briefing_tui.model import Actor


def _actors(*paragraphs: str) -> dict[str, Actor]:
    actors, _ = extract_entities(list(paragraphs))
    return {a.name: a for a in actors}


def _types(*paragraphs: str) -> dict[str, str]:
    return {name: a.type for name, a in _actors(*paragraphs).items()}


def test_generational_suffix_stays_in_the_name_and_the_surname_links() -> None:
    actors = _actors(
        "Harold T. Brisco Jr., 61, of Millbrook, admitted the charge on Monday.",
        "Brisco said he regretted the messages.",
    )
    assert "Harold T. Brisco Jr." in actors
    assert actors["Harold T. Brisco Jr."].type == "person"
    assert "Brisco" in actors["Harold T. Brisco Jr."].aliases
    assert "Harold T. Brisco" not in actors


def test_paired_name_particles_keep_the_name_whole() -> None:
    actors = _actors("Trade Commissioner Ilse van der Poel met the delegation in the afternoon.")
    assert actors["Ilse van der Poel"].type == "person"
    assert "Ilse" not in actors


def test_a_channel_number_is_part_of_the_broadcaster() -> None:
    types = _types("The minister told BBC Radio 4 that the scheme would go ahead, and Channel 4 ran the story later.")
    assert types.get("BBC Radio 4") == "organization"
    assert types.get("Channel 4") == "organization"
    assert "BBC Radio" not in types


def test_a_full_name_run_on_after_a_body_is_split() -> None:
    types = _types("The envoy to the African Union Peter Mwangi arrived in the capital on Tuesday.")
    assert types.get("African Union") == "organization"
    assert types.get("Peter Mwangi") == "person"
    assert "African Union Peter Mwangi" not in types


def test_an_office_named_after_its_holder_is_one_body() -> None:
    types = _types("The District Attorney's Office for the County of Marlow said the case was closed.")
    assert types.get("District Attorney's Office for the County of Marlow") == "organization"
    assert not any(name.startswith("Office for") for name in types)


def test_a_reporter_of_a_paper_is_a_person_and_the_paper_a_body() -> None:
    actors = _actors(
        "Ravi Tandel-Moss of the Daily Courier reported the closure first.",
        "Tandel-Moss of the Courier said the plant would reopen.",
    )
    assert actors["Ravi Tandel-Moss"].type == "person"
    assert actors["Daily Courier"].type == "organization"
    assert "Courier" in actors["Daily Courier"].aliases
    assert not any(" of the " in name for name in actors)


def test_a_full_name_whose_surname_speaks_later_is_a_person() -> None:
    types = _types(
        "The late goal came from Dorrin Vaske after a long run.",
        "Vaske said the team had deserved the win.",
    )
    assert types.get("Dorrin Vaske") == "person"


def test_a_sentence_opening_name_that_speaks_is_kept() -> None:
    types = _types("Stellmark said it would close two factories next year.")
    assert types.get("Stellmark") == "organization"


def test_a_plural_noun_opening_a_sentence_is_not_a_name() -> None:
    assert _types("Economists said the figures were weaker than expected.") == {}


def test_a_spokesman_for_a_bare_name_makes_it_a_body() -> None:
    types = _types("A spokesman for Trevanco, which makes the valves, said the fault was rare.")
    assert types.get("Trevanco") == "organization"


def test_arts_bodies_and_projects_are_organizations() -> None:
    types = _types(
        "She sang with the Lisbon Philharmonic and the Danish Chamber Orchestra before joining the "
        "Harrow Data Project."
    )
    assert types.get("Lisbon Philharmonic") == "organization"
    assert types.get("Danish Chamber Orchestra") == "organization"
    assert types.get("Harrow Data Project") == "organization"


def test_an_acronym_owner_is_not_a_founder() -> None:
    types = _types("Engineers at ESA's Darmstadt Control Centre tracked the probe.")
    assert types.get("Darmstadt Control Centre") == "organization"
    assert types.get("ESA") == "organization"
    assert "ESA's Darmstadt Control Centre" not in types


def test_a_post_is_not_a_body() -> None:
    types = _types("Mara Quist, Head of Research at Colvert Partners, said rates would fall.")
    assert types.get("Mara Quist") == "person"
    assert types.get("Colvert Partners") == "organization"
    assert not any("Research" in name for name in types)


def test_weekday_editions_of_papers() -> None:
    types = _types("The story ran in the Sunday Herald and was picked up by the Sunday Courier.")
    assert types.get("Sunday Herald") == "organization"
    assert types.get("Sunday Courier") == "organization"


def test_a_name_standing_alone_elsewhere_is_split_from_a_body_it_is_listed_with() -> None:
    types = _types(
        "The agency chose Norvane and Petrel Launch Systems for the work.",
        "A spokesman for Norvane declined to comment.",
    )
    assert types.get("Norvane") == "organization"
    assert types.get("Petrel Launch Systems") == "organization"


def test_planets_and_moons_are_not_actors() -> None:
    types = _types("The probe will fly past Jupiter and study Europa, the moon most likely to hold water.")
    assert "Jupiter" not in types
    assert "Europa" not in types


def test_credit_lines_by_shape() -> None:
    assert is_credit_line("Staff writers Lena Ortiz and Tom Baird contributed to this report.")
    assert is_credit_line("(Reporting by Lena Ortiz in Lima; editing by Tom Baird)")
    assert is_credit_line("Lena Ortiz covers science for the site. Follow her on Twitter @lortiz.")
    assert not is_credit_line("Lena Ortiz said the mine had contributed to the town's growth for decades.")
    assert not is_credit_line("The report was edited by the board before it contributed anything.")


def test_calls_to_the_reader_are_page_lines_not_story() -> None:
    for line in (
        "Reach the reporter on Twitter at http://example.com/lortiz",
        "Listen to Morning Desk live at 7:00 weekdays - or listen back here.",
        "Like this story? Share it with a friend!",
        "SEE MORE: Harbour strike: ferries stay in port",
        "Port talks collapse [VIDEO]| Rail fares: what changes [PICTURES]",
        "Comments",
        "Updated at 1:23 p.m.",
        "Follow The Daily Ledger Opinion section on Facebook and Instagram.",
        "The Ledger publishes letters from readers. We'd like to hear what you think about this article.",
        "Get full access to the Ledger's subscription service for 5 pounds a month.",
    ):
        assert is_credit_line(line), line
    for line in (
        "Updated figures showed 20 more deaths on Monday than a week before, officials said.",
        "Published on Monday 20 cases were found.",
        "The streaming service said its subscriptions grew 20% in the quarter.",
        "More than 20 people died, the ministry said.",
    ):
        assert not is_credit_line(line), line


def test_names_in_credit_lines_are_not_actors() -> None:
    paragraphs = without_credits(
        [
            "The port reopened on Friday, officials said.",
            "Associated Press writers Lena Ortiz and Tom Baird contributed to this report.",
        ]
    )
    assert paragraphs[1] == ""
    assert "Lena Ortiz" not in _actors(*paragraphs)


def test_a_journal_introduces_a_publication() -> None:
    types = _types("The results appear this week in the journal Tidewater Studies.")
    assert types.get("Tidewater Studies") == "organization"


def test_a_modifier_before_a_title_belongs_to_the_title() -> None:
    types = _types("Interim Harbour Police Chief Dana Lowe told reporters the pier was closed.")
    assert types.get("Harbour Police") == "organization"
    assert types.get("Dana Lowe") == "person"
    assert "Interim Harbour Police" not in types


def test_a_multi_word_surname_said_alone_is_the_person() -> None:
    actors = _actors("The singer Nora Van Der Meulen left the tour.", "Van Der Meulen said she needed rest.")
    assert actors["Nora Van Der Meulen"].type == "person"
    assert "Van Der Meulen" not in actors


def test_titles_of_works_with_a_foreign_article_are_not_bodies() -> None:
    types = _types(
        "The season opened with La Rondine, followed by Le Comte Ory and La Gioconda.",
        "The production moved to Vienna's La Sala in March, and the director spoke in an interview with Le Courrier.",
    )
    assert "La Rondine" not in types
    assert "La Gioconda" not in types
    assert types.get("La Sala") == "organization"
    assert types.get("Le Courrier") == "organization"


def test_an_appositive_post_or_description_makes_a_person() -> None:
    types = _types(
        "The shop was run by Tobiah Ranworth, another local trader, until it closed.",
        "Rates will rise, said Quillon Darsby, head of research at Fenwick Partners.",
    )
    assert types.get("Tobiah Ranworth") == "person"
    assert types.get("Quillon Darsby") == "person"


def test_an_appositive_place_description_does_not_make_a_person() -> None:
    types = _types("The couple are from Upper Varnia, an isolated region in the north.")
    assert types.get("Upper Varnia") != "person"


def test_site_promotions_and_page_labels_are_not_body() -> None:
    assert is_credit_line("Follow the agency's full coverage of the election at https://example.org/vote")
    assert is_credit_line("More Sports News: https://example.org/sports")
    assert is_credit_line("Get the latest updates in your inbox. Subscribe to our newsletters.")
    assert is_credit_line("UP NEXT")
    assert is_credit_line("DON'T MISS")
    assert is_credit_line("[Related: Harbour Summit: Tides, Trade And Protesters]")
    assert not is_credit_line("More than 200 people were hurt, according to https://example.org figures.")
    assert not is_credit_line("Follow the money, the prosecutor said.")


def test_a_royal_keeps_the_title_a_commoner_does_not() -> None:
    actors = _actors(
        "Princess Sophie, King Henry IV's eldest daughter, opened the bridge.",
        "Sophie said the town had waited long enough. Sir Tomas Gale was there too.",
    )
    assert actors["Princess Sophie"].type == "person"
    assert "Sophie" in actors["Princess Sophie"].aliases
    assert "Tomas Gale" in actors


def test_to_inside_a_bodys_of_complement_keeps_the_name_whole() -> None:
    types = _types("The League for the Prevention of Harm to Children said the law should change.")
    assert types.get("League for the Prevention of Harm to Children") == "organization"


def test_a_party_and_state_tag_after_a_legislator_is_not_an_actor() -> None:
    types = _types("Rep. Dana Wells, D-Ore., and Sen. Cal Hurst, R-Tex., wrote the bill.")
    assert types.get("Dana Wells") == "person"
    assert not any(name.startswith(("D-", "R-")) for name in types)


def test_a_one_letter_brand_with_an_exclamation_mark_is_one_name() -> None:
    types = _types("A source close to the couple told E! News that the tour was off.")
    assert types.get("E! News") == "organization"
    assert "E" not in types


def test_transliterations_ending_in_y_or_iy_are_one_person() -> None:
    actors = _actors(
        "President Bohdan Kovalensky met the envoy.",
        "Later President Kovalenskyy said talks would go on, and an aide to Kovalenskiy agreed.",
    )
    assert actors["Bohdan Kovalensky"].type == "person"
    assert {"Kovalenskyy", "Kovalenskiy"} <= set(actors["Bohdan Kovalensky"].aliases)
    assert len(actors) == 1


def test_a_name_in_a_list_of_bodies_is_a_body() -> None:
    types = _types("Contracts went to Brindle Aerospace, Harlow Kestrel, Vantor Dynamics and Orbis Labs.")
    assert types.get("Harlow Kestrel") == "organization"


def test_two_names_listed_with_one_body_are_not_made_bodies() -> None:
    types = _types("Rona Velt, Harlow Kestrel and Brindle Aerospace signed the letter.")
    assert types.get("Harlow Kestrel") != "organization"


def test_a_common_family_name_makes_a_person_of_an_unlisted_given_name() -> None:
    types = _types("The visitors leaned on Dwarrin Kowalski, and points came from Zebulo Morales off the bench.")
    assert types.get("Dwarrin Kowalski") == "person"
    assert types.get("Zebulo Morales") == "person"


def test_two_family_names_or_an_ordinary_word_do_not_make_a_person() -> None:
    types = _types("Shares rose at Goldman Hartley on Monday; buyers like Plasma Kowalski paint, and plasma too.")
    assert types.get("Goldman Hartley") != "person"
    assert types.get("Plasma Kowalski") != "person"


def test_a_match_reports_line_ups_name_players_and_the_referee() -> None:
    actors, places = extract_entities(
        [
            "Tom Wexley scored twice for the hosts.",
            "Parr, Wexley (Dunmore 71), Brightside, Kettering, Holland, Oakes (Vance 80), Pell.",
            "Subs Not Used: Marsh, Fenwick.",
            "Wexley 12, Holland 55.",
            "J Corrie (Kent).",
        ]
    )
    types = {a.name: a.type for a in actors}
    for name in ("Parr", "Dunmore", "Brightside", "Kettering", "Holland", "Vance", "Marsh", "Fenwick", "J Corrie"):
        assert types.get(name) == "person", name
    assert types["Tom Wexley"] == "person" and "Wexley" not in types
    assert [p.name for p in places] == ["Kent"]


def test_a_comma_list_is_no_line_up_without_a_substitutes_label() -> None:
    types = _types("The tour visits five towns: Kettering, Oakham, Corby, Wellingborough, Rushden.")
    assert "Oakham" not in types or types["Oakham"] != "person"


def test_a_two_word_surname_with_a_particle_links_to_the_full_name() -> None:
    actors = _actors("Defender Karim El Mansouri headed in.", "El Mansouri said the team had earned it.")
    assert "El Mansouri" in actors["Karim El Mansouri"].aliases


def test_two_countries_joined_by_a_hyphen_are_both_actors() -> None:
    types = _types("Hopes of a Chile-Peru trade deal lifted markets; Guinea-Bissau voted on Sunday.")
    assert types.get("Chile") == "country" and types.get("Peru") == "country"
    assert "Chile-Peru" not in types
    assert types.get("Guinea-Bissau") == "country"


def test_a_one_word_name_of_capitalised_parts_is_a_firm_not_a_surname() -> None:
    types = _types(
        "Shares in the carmaker rose after KorvaMotors cut costs, and the deal was first reported by StreetWire.",
        "Governor Ana DeLuca posted #FixTheRoadsNow again.",
    )
    assert types.get("KorvaMotors") == "organization"
    assert types.get("StreetWire") == "organization"
    assert types.get("FixTheRoadsNow") != "organization"
    assert "DeLuca" not in types or types["DeLuca"] != "organization"


def test_a_town_played_or_joined_in_a_game_report_is_its_club() -> None:
    actors, _ = extract_entities(
        [
            "Carlisle won the league match 2-1 after the replay against Kettering, and Moss will join Rochdale.",
            "Kettering is a market town.",
        ]
    )
    types = {a.name: a.type for a in actors}
    assert types.get("Kettering") == "organization"
    assert types.get("Rochdale") == "organization"


def test_a_town_after_against_outside_a_game_report_stays_a_place() -> None:
    _, places = extract_entities(["Marchers in Leicester rallied against Leicester council's 5-2 vote on the plan."])
    assert [p.name for p in places] == ["Leicester"]


def test_what_an_inquiry_looks_into_is_no_place() -> None:
    actors, places = extract_entities(["Prosecutors opened investigations, including into Veltrana, on Monday."])
    assert {a.name: a.type for a in actors}.get("Veltrana") == "organization"
    assert not places


def test_a_towns_person_named_with_a_family_name_after_a_possessive() -> None:
    types = _types("Later Coventry's Dorvan Kowalski asked about the schools budget.")
    assert types.get("Dorvan Kowalski") == "person"


def test_two_names_joined_by_and_split_when_the_second_stands_alone_elsewhere() -> None:
    types = _types(
        "Stockport County manager Jo Park was fined.",
        "Nobody was charged over the tunnel row before the Wexham and Stockport County game.",
    )
    assert "Wexham and Stockport County" not in types
    assert types.get("Stockport County") == "organization"


def test_a_persons_handle_is_another_name_of_theirs() -> None:
    actors = _actors(
        "Governor Dara Kessling lost the race.", 'The president wrote: "Governor @DaraKessling has done a fine job!"'
    )
    assert "DaraKessling" in actors["Dara Kessling"].aliases
    assert "DaraKessling" not in actors


def test_a_named_source_after_according_to_is_a_body() -> None:
    types = _types("The film made little at the box office, according to Box Office Tally.")
    assert types.get("Box Office Tally") == "organization"


def test_a_month_that_is_a_given_name_opens_a_name_and_an_honorific_keeps_its_surname() -> None:
    types = _types(
        "The mayor barred reporter June Halloran on Monday, and Jan Brodsky, her deputy, agreed.",
        "Mrs May said no. In May Tesco said sales rose; June sales fell.",
    )
    assert types.get("June Halloran") == "person"
    assert types.get("Jan Brodsky") == "person"
    assert types.get("May") == "person"
    assert types.get("Tesco") == "organization"
    assert "May Tesco" not in types and "June" not in types


def test_a_place_prefix_before_a_family_name_makes_no_person() -> None:
    types = _types("The leaflet reached St Kowalski and Port Kowalski before the vote.")
    assert types.get("St Kowalski") != "person"
    assert types.get("Port Kowalski") != "person"


def test_a_venue_before_a_score_stays_a_place() -> None:
    _, places = extract_entities(["Rovers won the first leg of the cup match at Stamford Bridge 3-1."])
    assert [p.name for p in places] == ["Stamford Bridge"]


def test_a_country_in_capitals_is_the_country() -> None:
    actors = _actors("PERU has sent troops to the border, and Peru's army said more would follow.")
    assert actors["Peru"].type == "country"
    assert "PERU" in actors["Peru"].aliases
