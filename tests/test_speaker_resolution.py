"""Speaker resolution: pronouns, role and description noun phrases, owned bodies and quote marks.

Each test is one resolution rule on short sentences written for it, so a failure names the rule that
broke rather than an article. For an analyst a wrong speaker is worse than none, so several tests
check that a rule leaves the speaker unnamed rather than guessing.
"""

from __future__ import annotations

from briefing_tui.extract.quote_marks import find_quote_regions
from briefing_tui.extract.quotes import extract_quotes
from briefing_tui.extract.speakers import ActorIndex, Discourse, resolve_np
from briefing_tui.model import Actor

from .actors import country, org, person


def speakers(paragraphs: list[str], *actors: Actor, kind: str | None = None) -> list[tuple[str | None, str]]:
    """(speaker name, quote text) of every quote, in body order."""
    quotes = extract_quotes(paragraphs, list(actors))
    return [(q.speaker, q.text) for q in quotes if kind is None or q.kind == kind]


def speaker_of(fragment: str, paragraphs: list[str], *actors: Actor) -> str | None:
    matches = [name for name, text in speakers(paragraphs, *actors) if fragment in text]
    assert matches, f"no quote holds {fragment!r}"
    return matches[0]


def description_of(fragment: str, paragraphs: list[str], *actors: Actor) -> str | None:
    quotes = [q for q in extract_quotes(paragraphs, list(actors)) if fragment in q.text]
    assert quotes, f"no quote holds {fragment!r}"
    return quotes[0].speaker_description


# ---------------------------------------------------------------- role and description nouns


def test_company_description_with_coordinated_modifiers_is_one_speaker() -> None:
    text = "Acme cut its debt last year. The news and data seller said the year had begun well."
    assert speaker_of("begun well", [text], org("Acme")) == "Acme"


def test_brokerage_resolves_to_the_named_firm() -> None:
    text = "Kotak Securities cut its forecast. The brokerage said the slowdown could last a year."
    assert speaker_of("slowdown", [text], org("Kotak Securities")) == "Kotak Securities"


def test_suspect_resolves_to_the_person_the_text_is_about() -> None:
    text = "Police arrested Carl Webb at the house. The suspect said he needed to get dressed."
    assert speaker_of("dressed", [text], person("Carl Webb")) == "Carl Webb"


def test_postnominal_adjective_keeps_the_noun_as_head() -> None:
    text = "People familiar with the talks said a deal was near."
    assert description_of("deal was near", [text]) == "People familiar with the talks"


def test_results_and_evidence_are_documents() -> None:
    text = "Acme released a trial of the drug. The results show that the drug cut deaths by half."
    assert speaker_of("cut deaths", [text], org("Acme")) == "Acme"


def test_description_without_recorded_role_goes_to_the_topic_not_the_last_name() -> None:
    text = (
        "Ann Lowe did not know Tom Birch was coming to the meeting. "
        "The estate agent said she was impressed with his record."
    )
    # Ann Lowe is the subject; Tom Birch, named inside what she did not know, must not take over
    assert speaker_of("impressed", [text], person("Ann Lowe"), person("Tom Birch")) == "Ann Lowe"


def test_description_after_a_sentence_with_no_person_subject_stays_unnamed() -> None:
    text = (
        "The eight-year-old girl who had been missing since early on Sunday morning was found by "
        "officers near the home of Forest Hill. The suspect said he needed to get dressed."
    )
    assert speaker_of("dressed", [text], person("Forest Hill")) is None


def test_a_countrys_minister_nobody_is_known_to_be_stays_unnamed() -> None:
    text = "The house where Karl Brandt was born will become a police station, Austria's interior minister said."
    assert speaker_of("police station", [text], person("Karl Brandt"), country("Austria")) is None


def test_a_title_someone_is_known_to_hold_resolves_to_them() -> None:
    paras = [
        "Interior Minister Wolf Pesch visited the town on Monday.",
        "The house will become a police station, Austria's interior minister said.",
    ]
    assert speaker_of("police station", paras, person("Wolf Pesch"), country("Austria")) == "Wolf Pesch"


def test_an_indefinite_title_introduces_someone_new() -> None:
    text = "Steve Cane was on the train. A transit chief says a man was stabbed during a fight."
    assert speaker_of("stabbed", [text], person("Steve Cane")) is None


# ---------------------------------------------------------------- organisations


def test_the_company_goes_to_the_most_prominent_company_not_the_cited_agency() -> None:
    paras = [
        "WeWork is under investigation, Reuters reported, citing people familiar with the matter.",
        "WeWork has cut jobs. WeWork also delayed its listing.",
        "Reuters said the inquiry began this month.",
        "The company confirmed on Monday that it had been contacted by investigators.",
    ]
    assert speaker_of("contacted by investigators", paras, org("WeWork"), org("Reuters")) == "WeWork"


def test_a_group_of_people_is_not_a_named_body() -> None:
    text = "SoftBank owns the firm. A group of employees said the cuts were confirmed on Monday."
    assert speaker_of("cuts were confirmed", [text], org("SoftBank")) is None


def test_appositive_binds_the_group_to_its_name() -> None:
    paras = [
        "The group, Staff Coalition, was formed this month.",
        "Acme said it would pay its staff. The group said the contract has confused employees.",
    ]
    assert speaker_of("confused employees", paras, org("Staff Coalition"), org("Acme")) == "Staff Coalition"


def test_possessed_company_is_not_the_possessor() -> None:
    text = "Bloomberg reported the inquiry. Acme's parent company said it was withdrawing its filing."
    assert speaker_of("withdrawing", [text], org("Acme"), org("Bloomberg")) is None


# ---------------------------------------------------------------- owned bodies


def test_a_countrys_ministry_speaks_for_the_country() -> None:
    text = "China's commerce ministry said removing tariffs is an important condition for any deal."
    assert speaker_of("removing tariffs", [text], country("China"), country("United States", "US")) == "China"


def test_a_countrys_office_with_modifiers_speaks_for_the_country() -> None:
    text = "Bolivia's public defender's office said another 30 people had been injured."
    assert speaker_of("injured", [text], country("Bolivia")) == "Bolivia"


def test_a_countrys_military_named_as_a_modifier_speaks_for_the_country() -> None:
    text = "The US military said two service members were killed in a crash."
    assert speaker_of("service members", [text], country("United States", "US")) == "United States"


def test_a_persons_office_is_not_owned_by_a_country() -> None:
    text = "Germany's finance minister Olaf Ring's office said the budget would balance."
    assert speaker_of("budget", [text], country("Germany"), person("Olaf Ring")) != "Germany"


# ---------------------------------------------------------------- pronouns


def test_pronoun_in_a_subordinate_clause_takes_the_main_clause_subject() -> None:
    paras = [
        "Jane Moss said in an email that her client meant no harm.",
        "Carl Webb was arrested in April for a phone call in which he said he would hurt the senator.",
    ]
    assert speaker_of("would hurt", paras, person("Jane Moss"), person("Carl Webb")) == "Carl Webb"


def test_pronoun_after_a_speaker_missing_from_the_actor_list_is_not_an_older_person() -> None:
    paras = [
        'Investor Carl Soros had said, "Bubbles do not grow out of thin air at all."',
        "Pankaj Pande, head of research at a broker, pointed out that this is a stock-specific market.",
        '"It is a stock-specific market so we do not expect a rally," he said.',
    ]
    assert speaker_of("do not expect a rally", paras, person("Carl Soros")) is None


def test_new_subject_takes_over_an_unattributed_quote() -> None:
    paras = [
        '"I am sure the players want to play this weekend," Jon Forde told reporters.',
        'Mike Rudd, though, is keen to protect his players. "There is nothing more they can show me now."',
    ]
    assert speaker_of("nothing more", paras, person("Jon Forde"), person("Mike Rudd")) == "Mike Rudd"


def test_quote_continues_with_the_speaker_when_no_new_subject_appears() -> None:
    paras = [
        '"We know we have the power in our hands," said Jon Forde.',
        '"But you never know what is going to happen in football at all."',
    ]
    assert speaker_of("never know", paras, person("Jon Forde")) == "Jon Forde"


# ---------------------------------------------------------------- quote marks


def test_two_apostrophes_close_a_double_quotation() -> None:
    text = "“It was an attempt to mislead voters,’’ Will Moy said. Boris Jones said nothing."
    regions = find_quote_regions(text)
    assert len(regions) == 1
    assert text[regions[0].start : regions[0].end] == "It was an attempt to mislead voters,"
    got = speakers([text], person("Will Moy"), person("Boris Jones"), kind="direct")
    assert got == [("Will Moy", "It was an attempt to mislead voters,")]


def test_doubled_straight_apostrophes_close_a_double_quotation() -> None:
    text = "\"It was an attempt to mislead voters,'' Will Moy said."
    regions = find_quote_regions(text)
    assert [text[r.start : r.end] for r in regions] == ["It was an attempt to mislead voters,"]


def test_single_closing_apostrophe_still_closes_a_single_quotation() -> None:
    text = "“He called it ‘a grave mistake’ and left the room at once,” she said."
    regions = find_quote_regions(text)
    inner = [text[r.start : r.end] for r in regions if r.nested]
    assert inner == ["a grave mistake"]


def test_pronoun_after_an_opening_subordinate_clause_takes_its_subject() -> None:
    paras = [
        "Jane Moss said in an email that her client meant no harm.",
        "When Carl Webb was approached, he told police he supported the mayor.",
    ]
    assert speaker_of("supported the mayor", paras, person("Jane Moss"), person("Carl Webb")) == "Carl Webb"


def test_parenthetical_pronoun_is_not_the_subject_of_the_reported_clause() -> None:
    paras = [
        'Mr Dobson said the plan was sound. "We will win," he declared.',
        "And Peter Hill would lead the charge, he said.",
    ]
    actors = [person("Frank Dobson", "Dobson"), person("Peter Hill")]
    assert speaker_of("lead the charge", paras, *actors) == "Frank Dobson"


# ---------------------------------------------------------------- noun phrases on their own


def test_name_before_an_appositive_is_the_speaker_not_a_place_inside_it() -> None:
    text = "Dylan Nell, a fellow at the Planck Institute in Garching, Germany,"
    actors = [person("Dylan Nell"), org("Planck Institute"), country("Germany")]
    index = ActorIndex(actors)
    memory = Discourse(index)
    memory.current = index.find(text)
    sp = resolve_np(text, 0, len(text) - 1, index, memory)
    assert sp.name == "Dylan Nell"


def test_a_post_holder_named_after_the_posts_complement_speaks() -> None:
    paragraphs = ["Norland's envoy to Vestria Hal Brenner said the border would reopen within a week."]
    assert speaker_of("the border would reopen", paragraphs, person("Hal Brenner"), country("Vestria")) == "Hal Brenner"


def test_a_spokesman_for_a_titled_person_is_not_that_person() -> None:
    paragraphs = ["A spokesman for Senator Ada Pell said the bill would pass."]
    assert speaker_of("the bill would pass", paragraphs, person("Ada Pell")) != "Ada Pell"


def test_name_and_verb_after_a_question_belong_to_the_quotation() -> None:
    paras = ["Bo Lind spoke first.", '"Can we still win the title?" Kay Marsh quietly asked before the vote.']
    assert speaker_of("still win", paras, person("Bo Lind", "Lind"), person("Kay Marsh", "Marsh")) == "Kay Marsh"
    paras = ["Bo Lind spoke first.", '"Can we still win the title?" asked Kay Marsh.']
    assert speaker_of("still win", paras, person("Bo Lind", "Lind"), person("Kay Marsh", "Marsh")) == "Kay Marsh"


def test_a_weekday_after_said_is_no_inverted_speaker() -> None:
    paras = ['"We fixed the outage quickly," Marsh, the firm\'s chief, said Tuesday at a conference.']
    assert speaker_of("outage", paras, person("Kay Marsh", "Marsh")) == "Kay Marsh"


def test_a_described_body_goes_to_the_body_whose_name_says_its_kind() -> None:
    paras = [
        "Harbor Records spoke to Lantern Films about the show.",
        '"We never agreed to any of those terms at all," the film company said.',
    ]
    got = speaker_of("never agreed", paras, org("Harbor Records"), org("Lantern Films"))
    assert got == "Lantern Films"


def test_the_statement_read_speaks_for_its_issuer() -> None:
    paras = ["Harbor Records issued a statement.", '"We were shocked to see these claims made," the statement read.']
    assert speaker_of("shocked", paras, org("Harbor Records")) == "Harbor Records"


def test_quotation_introduced_by_said_belongs_to_that_verb_not_the_later_one() -> None:
    paras = ['During the call, Ray Dunn threatened her and said, "someone ought to hurt her badly," the office said.']
    assert speaker_of("ought to", paras, person("Ray Dunn", "Dunn")) == "Ray Dunn"


def test_a_title_in_the_lede_goes_to_the_one_person_named_later_with_it() -> None:
    paras = [
        "The old mill will become a museum, Norland's culture minister said.",
        '"It will tell the story of the town," Culture Minister Ada Brun said in a statement.',
    ]
    assert speaker_of("old mill", paras, person("Ada Brun", "Brun"), country("Norland")) == "Ada Brun"
    paras = [
        "The old mill will become a museum, Norland's culture minister said.",
        "Culture Minister Ada Brun and Culture Minister Bo Dahl met.",
    ]
    assert speaker_of("old mill", paras, person("Ada Brun"), person("Bo Dahl"), country("Norland")) is None


def test_the_company_is_the_business_covered_not_the_agency_reporting_it() -> None:
    paras = [
        "Reuters reported that Zenco faces an inquiry. Reuters said the inquiry began in May.",
        "The company, which plans to cut jobs, confirmed that it had been contacted by the regulator.",
    ]
    got = speaker_of("contacted by the regulator", paras, org("Reuters"), org("Zenco"))
    assert got == "Zenco"


def test_a_report_owned_by_an_unknown_body_is_not_the_last_issuers() -> None:
    paras = ["Zenco said the show would return.", "The Daily Lamp's report today claims that the lead will be back."]
    assert speaker_of("lead will be back", paras, org("Zenco")) is None


def test_a_group_named_by_its_body_or_country_speaks_for_it() -> None:
    actors = [country("China"), org("European Union", "EU"), country("Britain", "UK")]
    paras = [
        "Chinese authorities said the outbreak was under control.",
        "EU ministers said the deal was fair.",
        "British officials said the talks had stalled.",
        "A Chinese official said the plan was sound.",
    ]
    got = [(q.speaker, q.speaker_description) for q in extract_quotes(paras, actors) if q.kind == "indirect"]
    assert got == [
        ("China", "Chinese authorities"),
        ("European Union", "EU ministers"),
        ("Britain", "British officials"),
        (None, "Chinese official"),
    ]


def test_the_council_goes_to_the_one_body_named_a_council() -> None:
    paras = [
        "Leeds City Council met Acme Ltd and the Harbor Trust on Monday.",
        '"We will review every contract this year," the council said.',
    ]
    got = speaker_of("review every contract", paras, org("Leeds City Council"), org("Acme Ltd"), org("Harbor Trust"))
    assert got == "Leeds City Council"


def test_an_honorific_or_an_age_makes_a_body_typed_name_a_person_for_pronouns() -> None:
    paras = [
        '"This was my fourth try," said Ravi Tandon, 24, from the north.',
        '"I boarded a flight in May and reached the border," he said.',
    ]
    assert speaker_of("boarded a flight", paras, org("Ravi Tandon")) == "Ravi Tandon"
    paras = ["Mr Dunmore said the deal was done.", "The plan will work well for everyone, he said."]
    assert speaker_of("plan will work", paras, org("Dunmore")) == "Dunmore"


def test_a_body_named_after_the_owner_of_a_review_is_its_topic_not_its_author() -> None:
    paras = ["According to The Lamp's Zenbox review, the console does not run the game in 4K."]
    assert speaker_of("does not run", paras, org("Zenbox")) is None
    paras = ["According to Gamerly's Zenbox review, the game only renders at 1440p."]
    assert speaker_of("only renders", paras, org("Zenbox"), org("Gamerly")) == "Gamerly"


def test_a_gendered_noun_in_an_appositive_gives_the_persons_gender() -> None:
    paras = [
        "Jane Doe, the festival's chairwoman, said the lineup was complete.",
        "The plan will work well for everyone involved, he said.",
    ]
    assert speaker_of("plan will work", paras, person("Jane Doe", "Doe")) is None


# ---------------------------------------------------------------- speech3: acronyms, joined titles


def test_acronym_spelled_like_a_pronoun_is_a_name() -> None:
    text = "According to WHO, there were 300 cases of the disease last year."
    assert speaker_of("300 cases", [text], org("WHO")) == "WHO"


def test_two_titles_joined_before_one_name_are_that_person() -> None:
    text = "Lead researcher and NASA planetary scientist Jo Park said the find was a surprise."
    assert speaker_of("find was a surprise", [text], person("Jo Park"), org("NASA")) == "Jo Park"


def test_two_people_joined_are_still_a_group() -> None:
    text = "The minister and Jo Park said the find was a surprise."
    assert speaker_of("find was a surprise", [text], person("Jo Park")) is None


def test_subject_named_in_an_appositive_after_a_long_title_takes_the_pronoun() -> None:
    paragraphs = [
        "The Secretary of State for Health and Sport, Ann Lee, has hit out at critics of the bill.",
        "She told the Courier there would be no new casinos.",
    ]
    got = speaker_of("no new casinos", paragraphs, person("Sport"), person("Ann Lee"), org("Courier"))
    assert got == "Ann Lee"


def test_a_body_a_statement_was_given_to_did_not_issue_it() -> None:
    paragraphs = [
        "Acme Records issued a statement on Monday about the row.",
        "Beta Films said in a separate statement to Daily Wire that no deal had been made.",
        '"We were shocked to see her posts based on false information," the statement read.',
    ]
    got = speaker_of("shocked", paragraphs, org("Acme Records"), person("Beta Films"), org("Daily Wire"))
    assert got == "Acme Records"


def test_people_of_its_own_speak_for_the_body_but_its_critics_do_not() -> None:
    paragraphs = ["Acme released a new browser. It can read pages aloud to users, its developers say."]
    assert speaker_of("read pages aloud", paragraphs, org("Acme")) == "Acme"
    paragraphs = ["Acme released a new browser. Its critics said it was too slow for most users."]
    assert speaker_of("too slow", paragraphs, org("Acme")) is None


def test_a_capital_speaks_for_its_country() -> None:
    paragraphs = ["The United States and China agreed a deal. Beijing said it would buy more farm goods."]
    assert speaker_of("farm goods", paragraphs, country("United States", "US"), country("China")) == "China"
    # not when the country is no actor: a speaker is always an actor
    assert speaker_of("farm goods", paragraphs, country("United States", "US")) is None


def test_the_company_prefers_a_body_named_as_subject_over_one_named_after_a_preposition() -> None:
    paragraphs = ["Acme Airways cut 300 jobs on Monday. Fuel prices set by Beta Oil rose.",
                  "The airline said demand had fallen sharply."]
    assert speaker_of("demand had fallen", paragraphs, org("Acme Airways"), org("Beta Oil")) == "Acme Airways"


def test_transcript_turns_and_quote_lists_name_their_speaker() -> None:
    park = person("Jo Park", "Park")
    assert speaker_of("give up", ['Jo Park: "We will not give up on this town."'], park) == "Jo Park"
    assert speaker_of("give up", ['"We will not give up on this town." — Jo Park'], park) == "Jo Park"


def test_a_possessor_is_not_the_subject_a_coordinated_verb_shares() -> None:
    text = "The tribunal upheld Ms Lee's claim of victimisation, but said it found no evidence of bullying at the bank."
    got = [q.speaker for q in extract_quotes([text], [person("Ann Lee")]) if "no evidence" in q.text]
    assert "Ann Lee" not in got


def test_a_title_with_a_complement_is_held_by_the_person_named_with_it_later() -> None:
    paragraphs = [
        "Freedonia's ambassador to Britain warned that the government would not sit on its hands.",
        "Freedonia's ambassador to Britain Jo Park has said that his country has the power to end the unrest.",
    ]
    got = speaker_of("sit on its hands", paragraphs, person("Jo Park"), country("Freedonia"), country("Britain"))
    assert got == "Jo Park"
