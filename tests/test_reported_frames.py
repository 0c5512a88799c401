"""Reported speech by verb family and frame, and subjects at a distance from their verb.

Each test is one construction on a short sentence written for it, so a failure names the frame that
broke rather than an article.
"""

from __future__ import annotations

from briefing_tui.extract.quotes import extract_quotes
from briefing_tui.extract.reporting import (
    FRAME_ONLY,
    INFINITIVE_FRAME,
    NP_ONLY,
    OBJECT_FRAMES,
    THAT_ONLY,
    reporting_verbs,
)
from briefing_tui.model import Actor, Quote

from .actors import org, person


def indirect(text: str, *actors: Actor) -> list[tuple[str, str | None]]:
    quotes = extract_quotes([text], list(actors))
    for q in quotes:
        assert q.span is not None and text[q.span.start : q.span.end] == q.text
    return [(q.text, q.speaker) for q in quotes if q.kind == "indirect"]


def rows(text: str, *actors: Actor) -> list[Quote]:
    return extract_quotes([text], list(actors))


# ---------------------------------------------------------------- the lexicon is a table of families


def test_every_verb_belongs_to_a_family_with_frames() -> None:
    forms = reporting_verbs()
    assert forms["said"].family == "say"
    assert forms["rejected"].family == "contest"
    assert all(f.family and f.frames for f in forms.values())


def test_frame_sets_come_from_the_families() -> None:
    assert "rule" in THAT_ONLY and "say" not in THAT_ONLY
    assert OBJECT_FRAMES["accuse"] == "of" and OBJECT_FRAMES["label"] == "as"
    assert "label" in FRAME_ONLY and "describe" not in FRAME_ONLY
    assert "claim" in INFINITIVE_FRAME
    assert "reject" in NP_ONLY and "say" not in NP_ONLY


def test_a_particle_can_open_an_object_frame() -> None:
    assert reporting_verbs()["ruled"].np_particles == ("out",)


# ---------------------------------------------------------------- frames


def test_contest_verb_keeps_its_object_whole() -> None:
    got = indirect("Maria Lopez rejected claims that the mill would close.", person("Maria Lopez", "Lopez"))
    assert got == [("claims that the mill would close", "Maria Lopez")]


def test_particle_object_frame() -> None:
    got = indirect("The Harbour Board has ruled out any rise in fees this year.", org("Harbour Board"))
    assert got == [("any rise in fees this year", "Harbour Board")]


def test_finding_verb_without_that_takes_no_object() -> None:
    assert indirect("Divers found the wreck off the coast.") == []


def test_finding_verb_in_the_passive_is_not_speech() -> None:
    got = indirect("The beetle is often found in old oak, per the Forest Trust.", org("Forest Trust"))
    assert got == [("The beetle is often found in old oak", "Forest Trust")]


def test_claim_with_an_infinitive_after_an_adverbial() -> None:
    got = indirect("Tom Berry claimed at the hearing not to know the buyer.", person("Tom Berry", "Berry"))
    assert got == [("not to know the buyer", "Tom Berry")]


def test_infinitive_frame_ignores_to_before_a_noun_phrase() -> None:
    got = indirect("Ana Cole asked quietly before turning to the jury.", person("Ana Cole", "Cole"))
    assert got == []


def test_naming_verb_with_a_quoted_label() -> None:
    got = rows('Senator Jo Hart branded the new toll plans "a tax on work".', person("Jo Hart", "Hart"))
    assert [(q.kind, q.text, q.speaker) for q in got] == [
        ("indirect", 'the new toll plans "a tax on work"', "Jo Hart"),
        ("direct", "a tax on work", "Jo Hart"),
    ]


def test_naming_verb_with_only_a_determiner_before_the_label_reports_nothing() -> None:
    got = indirect('Two farmers, dubbed the "Hill Pair", were cleared.', person("Ben Ash"))
    assert got == []


def test_attack_verb_outside_its_frame_reports_nothing() -> None:
    assert indirect("Rebels attacked the convoy near the border.") == []
    assert indirect("Their homes were attacked by troops, the agency said.", org("Reuters")) == [
        ("Their homes were attacked by troops", None)
    ]


def test_object_frame_with_as() -> None:
    got = indirect("Lena Moss described the deal as a turning point for the port.", person("Lena Moss", "Moss"))
    assert got == [("the deal as a turning point for the port", "Lena Moss")]


def test_voice_verb_reports_its_object() -> None:
    got = indirect("The Rovers have expressed anger at the late kick-off.", org("Rovers"))
    assert got == [("anger at the late kick-off", "Rovers")]


# ---------------------------------------------------------------- non-finite and nominal attachments


def test_sentence_opening_participle_belongs_to_the_main_subject() -> None:
    got = indirect(
        "Insisting that the budget was sound, Omar Diaz left the meeting early.", person("Omar Diaz", "Diaz")
    )
    assert got == [("the budget was sound", "Omar Diaz")]


def test_participle_after_with_takes_the_noun_phrase_after_with() -> None:
    got = indirect(
        "The club was fined, with the Players Union accusing it of neglect.",
        org("Players Union"),
    )
    assert got == [("it of neglect", "Players Union")]


def test_participle_after_a_statement_noun() -> None:
    got = indirect("The Water Board issued a statement saying supplies were safe.", org("Water Board"))
    assert got == [("supplies were safe", "Water Board")]


def test_participle_takes_the_subject_of_the_nearest_clause() -> None:
    got = indirect(
        "The label released a song after Nia Park left the band, accusing it of theft.",
        person("Nia Park", "Park"),
        org("Delta Records"),
    )
    assert got == [("it of theft", "Nia Park")]


def test_catenative_verb_makes_the_infinitive_a_speech_act() -> None:
    got = indirect("Kim Webb preferred to state that the vote was fair.", person("Kim Webb", "Webb"))
    assert got == [("the vote was fair", "Kim Webb")]
    got = indirect("Kim Webb went so far as to suggest the vote was rigged.", person("Kim Webb", "Webb"))
    assert got == [("the vote was rigged", "Kim Webb")]


def test_a_planned_speech_act_reports_nothing() -> None:
    assert indirect("Kim Webb is expected to say that the vote was fair.", person("Kim Webb", "Webb")) == []


def test_on_record_as_saying() -> None:
    got = indirect("Paul Kerr is on record as saying that rates must rise.", person("Paul Kerr", "Kerr"))
    assert got == [("rates must rise", "Paul Kerr")]


def test_possessed_statement_noun_with_a_that_clause() -> None:
    got = indirect("Ruth Lang's announcement that she would retire surprised the club.", person("Ruth Lang", "Lang"))
    assert got and got[0][1] == "Ruth Lang" and got[0][0].startswith("she would retire")


def test_statement_noun_without_a_possessor_is_left_to_the_verb() -> None:
    got = indirect("Unions have been warning that jobs could go.")
    assert got == [("jobs could go", None)]


# ---------------------------------------------------------------- source adjuncts


def test_source_between_subject_and_predicate() -> None:
    got = indirect(
        "The mayor, according to City Hall, flew to Rome on Friday.", org("City Hall"), person("Ed Brown")
    )
    assert got == [("flew to Rome on Friday", "City Hall")]


def test_source_owned_by_a_named_body() -> None:
    got = indirect("Rents rose 4% last year, according to the Daily Ledger's housing desk.", org("Daily Ledger"))
    assert got == [("Rents rose 4% last year", "Daily Ledger")]


def test_source_issued_by_a_named_body() -> None:
    got = indirect("Rents rose 4% last year, according to figures from the Land Office.", org("Land Office"))
    assert got == [("Rents rose 4% last year", "Land Office")]


def test_source_closed_by_a_dash() -> None:
    got = indirect(
        "Given that record -- rents have risen 4% this year, according to the Daily Ledger -- a cut is unlikely.",
        org("Daily Ledger"),
    )
    assert got and all(sp == "Daily Ledger" for _, sp in got)


def test_per_names_a_source_but_per_cent_does_not() -> None:
    assert indirect("Rents rose 4% last year, per the Land Office.", org("Land Office")) == [
        ("Rents rose 4% last year", "Land Office")
    ]
    assert indirect("Rents rose 4 per cent, per year.") == []


def test_inverted_source_after_the_clause() -> None:
    assert indirect("Rents rose 4% last year, reports Tribune.", org("Tribune")) == [
        ("Rents rose 4% last year", "Tribune")
    ]
    assert indirect("Rents rose 4% last year, says a study by the Land Office.", org("Land Office")) == [
        ("Rents rose 4% last year", "Land Office")
    ]


def test_sentence_opening_as_source() -> None:
    got = indirect("As Ivy Chan reports for Tribune, the plant will close in May.", person("Ivy Chan", "Chan"))
    assert got == [("the plant will close in May", "Ivy Chan")]


def test_parenthetical_attribution_reports_what_follows_it() -> None:
    assert indirect("The new trains, he said, would arrive in spring.") == [("would arrive in spring", None)]
    assert indirect("The new trains, he continued, would arrive in spring.") == [("would arrive in spring", None)]


def test_parenthetical_after_a_full_clause_keeps_the_clause_before_it() -> None:
    got = indirect("Profit rose to $3m in the quarter, the firm said on Monday, up from a year ago.", org("Acme"))
    assert got == [("Profit rose to $3m in the quarter", None)]


def test_passive_source_in_a_named_document() -> None:
    got = indirect("It is revealed in the Daily Ledger's review that the game runs slowly.", org("Daily Ledger"))
    assert got == [("the game runs slowly", "Daily Ledger")]


# ---------------------------------------------------------------- subject at a distance


def test_long_appositive_between_subject_and_verb() -> None:
    got = indirect(
        "Ann Grey, the deputy director of research and development at the Northern Seed Bank in Leeds, "
        "said the vault was full.",
        person("Ann Grey", "Grey"),
        org("Northern Seed Bank"),
    )
    assert got == [("the vault was full", "Ann Grey")]


def test_dash_appositive_between_subject_and_verb() -> None:
    got = indirect("Corvex - the biggest supplier in the region - admitted that prices would rise.", org("Corvex"))
    assert got == [("prices would rise", "Corvex")]


def test_relative_clause_without_its_opening_comma() -> None:
    got = indirect("Meanwhile, Corvex which lost money for a third year, said it would cut jobs.", org("Corvex"))
    assert got == [("it would cut jobs", "Corvex")]


def test_appositive_name_of_an_organisation_is_the_speaker() -> None:
    got = indirect("The firm that runs the ferries, Tide Lines, says fares will fall.", org("Tide Lines"))
    assert got == [("fares will fall", "Tide Lines")]


def test_restrictive_relative_clause_before_the_verb() -> None:
    got = indirect("Some passengers who waited at the gate reported delays of two hours.")
    assert [sp for _, sp in got] == [None] and got


def test_role_appositive_with_a_capitalised_title() -> None:
    got = indirect(
        "Raj Mehta, Head of Markets at Delta Bank, pointed out that rates are high.",
        person("Raj Mehta", "Mehta"),
        org("Delta Bank"),
    )
    assert got == [("rates are high", "Raj Mehta")]


def test_quotation_and_appositive_before_the_verb_are_not_a_reported_clause() -> None:
    got = rows(
        '"We will rebuild the pier," Ann Grey, the deputy director of the Northern Seed Bank in Leeds, '
        "said on Monday.",
        person("Ann Grey", "Grey"),
    )
    assert [(q.kind, q.speaker) for q in got] == [("direct", "Ann Grey")]


# ---------------------------------------------------------------- mixed quotes


def test_mixed_quote_with_a_one_word_subject() -> None:
    got = rows('Buyers "started to ask for smaller cars," Lena Moss said.', person("Lena Moss", "Moss"))
    assert ("indirect", 'Buyers "started to ask for smaller cars,"', "Lena Moss") in [
        (q.kind, q.text, q.speaker) for q in got
    ]


def test_negation_inside_a_quotation_does_not_cancel_the_verb() -> None:
    got = rows('Safety is not "an optional extra," Lena Moss said.', person("Lena Moss", "Moss"))
    assert ("indirect", 'Safety is not "an optional extra,"', "Lena Moss") in [(q.kind, q.text, q.speaker) for q in got]


def test_quoted_predicate_after_a_gerund_subject() -> None:
    got = rows('Hosting the final "is a huge honour," Lena Moss said.', person("Lena Moss", "Moss"))
    assert ("indirect", 'Hosting the final "is a huge honour,"', "Lena Moss") in [
        (q.kind, q.text, q.speaker) for q in got
    ]


# ---------------------------------------------------------------- more frames and clause bounds


def test_object_frame_with_to() -> None:
    got = indirect("Lena Moss attributed the drop in sales to the cold spring.", person("Lena Moss", "Moss"))
    assert got == [("the drop in sales to the cold spring", "Lena Moss")]


def test_fronted_object_of_an_as_frame() -> None:
    got = indirect("Officials said the port had reopened, which they cited as proof of recovery.")
    assert got == [("the port had reopened", None), ("proof of recovery", None)]


def test_passive_quoted_with_a_participle() -> None:
    got = indirect("Jo Hart was quoted calling the plan a disaster.", person("Jo Hart", "Hart"))
    assert got == [("the plan a disaster", "Jo Hart")]


def test_relative_clause_after_a_bracketed_acronym() -> None:
    got = indirect(
        "A claim came from the Road Haulage Association (RHA), which has described the tax as unfair.",
        org("Road Haulage Association", "RHA"),
    )
    assert got == [("the tax as unfair", "Road Haulage Association")]


def test_common_noun_subject_that_names_no_actor_is_an_unnamed_speaker() -> None:
    got = extract_quotes(["The night porter said he heard nothing."], [])
    assert [(q.text, q.speaker, q.speaker_description) for q in got] == [
        ("he heard nothing", None, "The night porter")
    ]


def test_participle_after_a_noun_phrase_is_not_a_common_noun_speaker() -> None:
    assert indirect("Tide Lines bought the ferry, a deal announced at the start of the week.", org("Tide Lines")) == []


def test_quotation_after_that_is_also_the_reported_clause() -> None:
    got = rows('A spokesman said in an email that "we are cooperating with the inquiry."')
    assert ("indirect", '"we are cooperating with the inquiry."') in [(q.kind, q.text) for q in got]
    assert ("direct", "we are cooperating with the inquiry.") in [(q.kind, q.text) for q in got]


def test_contracted_pronoun_opens_the_reported_clause() -> None:
    got = indirect("Ann Lee said she's very pleased with the team's progress on that front.", person("Ann Lee", "Lee"))
    assert got == [("she's very pleased with the team's progress on that front", "Ann Lee")]


def test_with_a_possessive_plural_name_before_the_participle() -> None:
    got = indirect(
        "The club was criticised, with the Riders' Union accusing it of failing its members.",
        org("Riders' Union"),
    )
    assert got == [("it of failing its members", "Riders' Union")]


def test_participle_without_comma_closing_the_subjects_clause() -> None:
    got = indirect("Dana Roe posted on her blog accusing the council of hiding the costs.", person("Dana Roe", "Roe"))
    assert got == [("the council of hiding the costs", "Dana Roe")]
    assert indirect("Police released a video of residents saying they heard shots.", org("Police")) == []


def test_participle_after_a_reported_clause_is_its_own_report() -> None:
    got = indirect("Acme said sales had risen sharply, adding it expected more growth next year.", org("Acme"))
    assert got == [("sales had risen sharply", "Acme"), ("it expected more growth next year", "Acme")]
    got = indirect("Acme said sales rose, adding to gains made last week.", org("Acme"))
    assert got == [("sales rose, adding to gains made last week", "Acme")]


def test_a_body_named_by_a_common_noun_before_that() -> None:
    got = extract_quotes(["The tribunal decided that the dismissal had been unfair to her."], [])
    assert [(q.text, q.speaker, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("the dismissal had been unfair to her", None, "The tribunal")
    ]


def test_cautioned_against_reports_what_follows_against() -> None:
    got = extract_quotes(["Analysts cautioned against reading too much into one month of data."], [])
    assert [q.text for q in got if q.kind == "indirect"] == ["reading too much into one month of data"]


def test_noun_like_verb_after_a_speaker_noun_phrase() -> None:
    got = indirect("The chief executive claims this is the best result in a decade.")
    assert got == [("this is the best result in a decade", None)]
    got = indirect("Acme and Zenco claim the new rules are unfair to small firms.", org("Acme"), org("Zenco"))
    assert [text for text, _ in got] == ["the new rules are unfair to small firms"]
    assert indirect("Hours later, a gunman opened fire in the Acme state of Louisiana.", org("Acme")) == []
    assert indirect("It is often missed if the patient reports no pets in the home.") == []


def test_label_verbs_take_an_object_and_a_noun_phrase_label() -> None:
    assert indirect("Ann Lee branded it a disgrace to the sport.", person("Ann Lee", "Lee")) == [
        ("it a disgrace to the sport", "Ann Lee")
    ]
    assert indirect("Ann Lee dubbed the levy a tax on jobs.", person("Ann Lee", "Lee")) == [
        ("the levy a tax on jobs", "Ann Lee")
    ]
    assert indirect("The crate was labelled for export.", person("Ann Lee", "Lee")) == []


def test_dismissed_as_is_a_judgement_and_dismissed_alone_is_not() -> None:
    assert indirect("Ann Lee dismissed the claims as nonsense.", person("Ann Lee", "Lee")) == [
        ("the claims as nonsense", "Ann Lee")
    ]
    assert indirect("The panel dismissed Ann Lee's appeal on Monday.", person("Ann Lee", "Lee")) == []


def test_made_clear_went_on_to_say_and_by_saying() -> None:
    lee = person("Ann Lee", "Lee")
    got = indirect("Ann Lee made it clear that she would not stand again.", lee)
    assert got == [("she would not stand again", "Ann Lee")]
    assert indirect("Ann Lee made clear that the vote would go ahead.", lee) == [("the vote would go ahead", "Ann Lee")]
    assert indirect("Ann Lee made a cake for the party that day.", lee) == []
    assert indirect("Ann Lee went on to say that the talks had failed.", lee) == [("the talks had failed", "Ann Lee")]
    assert indirect("Ann Lee responded by saying the plant was safe.", lee) == [("the plant was safe", "Ann Lee")]
    assert indirect("Ann Lee wants to improve it by adding 36 dishes.", lee) == []


def test_appositive_of_a_title_then_a_name_names_the_speaker() -> None:
    marsh = person("Kay Marsh", "Marsh")
    got = indirect("The author, British novelist Kay Marsh, said the book was about hope.", marsh)
    assert got == [("the book was about hope", "Kay Marsh")]


def test_countries_and_an_office_speak_as_unnamed_bodies() -> None:
    paras = ["The richest countries have said they want to raise aid.", "The regulator's office says fees are high."]
    got = extract_quotes(paras, [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("they want to raise aid", "The richest countries"),
        ("fees are high", "The regulator's office"),
    ]


def test_a_verb_that_reported_nothing_does_not_cut_a_later_clause() -> None:
    got = indirect("The state is asking for about $320m from the fund, Ann Lee said.", person("Ann Lee", "Lee"))
    assert got == [("The state is asking for about $320m from the fund", "Ann Lee")]


def test_family_and_assembly_are_subjects_not_adverbs() -> None:
    paras = ["Jo Kerr has died at the age of 93, his family has said.", "Taxes will rise, the assembly said."]
    got = extract_quotes(paras, [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("Jo Kerr has died at the age of 93", "his family"),
        ("Taxes will rise", "the assembly"),
    ]


def test_clause_after_a_parenthetical_attribution() -> None:
    lee = person("Ann Lee", "Lee")
    got = indirect("Ann Lee spoke. By contrast, she said, digging up roads can take months.", lee)
    assert got == [("digging up roads can take months", "Ann Lee")]
    got = indirect("In some cases, said Ann Lee, viewers were able to watch the show early.", lee)
    assert got == [("viewers were able to watch the show early", "Ann Lee")]
    assert indirect("Prices will rise, said Ann Lee, who runs the firm.", lee) == [("Prices will rise", "Ann Lee")]


def test_common_noun_subject_with_a_capitalised_word_in_its_prepositional_tail() -> None:
    got = extract_quotes(["Acme will stop making engines, unions at the Italian carmaker have said."], [org("Acme")])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("Acme will stop making engines", "unions at the Italian carmaker")
    ]


def test_a_share_of_people_as_the_subject_of_a_poll() -> None:
    paras = [
        "Another 7% said they would not vote at all.",
        "A total of 53% of those polled said they had sympathy for him.",
        "More than a third of respondents said they were worried about fraud.",
        "An October 11 presentation to bondholders indicated that jobs would be cut.",
        "But in 2003 her employers told her she had no future.",
    ]
    got = [(q.text, q.speaker_description) for q in extract_quotes(paras, []) if q.kind == "indirect"]
    assert got[:3] == [
        ("they would not vote at all", "Another 7%"),
        ("they had sympathy for him", "A total of 53% of those polled"),
        ("they were worried about fraud", "More than a third of respondents"),
    ]
    assert all(d is None or ("11" not in d and "2003" not in d) for _, d in got)


def test_coordinated_verb_skips_an_attribution_in_a_closed_bracket() -> None:
    got = indirect(
        "An Acme poll has lower numbers (44% of voters say they want a vote), but also shows that most want reform.",
        org("Acme"),
    )
    assert ("most want reform", "Acme") in got


def test_unnamed_subjects_closing_the_sentence() -> None:
    paras = [
        "The reforms need to be reversed, a senior government figure has warned.",
        "The dam builder is refusing to obey the order, the Chinese state press has said.",
        "The law lords said the measures were incompatible with human rights laws.",
    ]
    got = [(q.text, q.speaker_description) for q in extract_quotes(paras, []) if q.kind == "indirect"]
    assert got == [
        ("The reforms need to be reversed", "a senior government figure"),
        ("The dam builder is refusing to obey the order", "the Chinese state press"),
        ("the measures were incompatible with human rights laws", "The law lords"),
    ]


def test_made_clear_keeps_its_words_as_the_verb() -> None:
    got = rows("Ann Lee made it clear that she would not stand again.", person("Ann Lee", "Lee"))
    assert [q.verb for q in got if q.kind == "indirect"] == ["made it clear"]


def test_inverted_attribution_closing_the_sentence_without_its_comma() -> None:
    got = indirect("Players will drive the growth of this market said Acme.", org("Acme"))
    assert got == [("Players will drive the growth of this market", "Acme")]
    assert indirect("The board met and said Acme.", org("Acme")) == []


def test_coordinated_say_after_an_unnamed_subjects_first_verb() -> None:
    got = extract_quotes(["Opponents of the plan welcomed the ruling and said a new vote would follow soon."], [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("a new vote would follow soon", "Opponents of the plan")
    ]


def test_a_quantifier_pronoun_opening_the_sentence_is_an_unnamed_subject() -> None:
    got = extract_quotes(["Some said they felt let down by the council.", "Others say the plan will fail."], [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("they felt let down by the council", "Some"),
        ("the plan will fail", "Others"),
    ]
    assert extract_quotes(["Some claims were false."], []) == []


def test_more_subjects_from_the_bbc_corpus_shapes() -> None:
    lee = person("Ann Lee", "Lee")
    got = indirect("Ann Lee said during her nearly 22 years in office she had seen leaders come and go.", lee)
    assert got == [("she had seen leaders come and go", "Ann Lee")]
    got = indirect("The figures were given by economics minister Ann Lee who said the economy would grow.", lee)
    assert got == [("the economy would grow", "Ann Lee")]
    paras = ["Others claim it will weaken the city.", "The opposition claimed there was vote rigging."]
    got = extract_quotes(paras, [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("it will weaken the city", "Others"),
        ("there was vote rigging", "The opposition"),
    ]


def test_according_to_closing_the_sentence_without_its_comma() -> None:
    got = extract_quotes(["Consumer confidence rose in December for the first time since July according to data."], [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("Consumer confidence rose in December for the first time since July", "data")
    ]


def test_a_stray_comma_between_a_name_and_its_verb() -> None:
    lee = person("Ann Lee", "Lee")
    got = indirect("The firm's lawyer Ann Lee, said that no offence had been committed.", lee)
    assert got == [("no offence had been committed", "Ann Lee")]
    got = indirect("Although details were scant, Ms Lee, said the browser would include new protections.", lee)
    assert got == [("the browser would include new protections", "Ann Lee")]
    got = indirect("The chief executive, Ann Lee, said the plant would close.", lee)
    assert got == [("the plant would close", "Ann Lee")]


def test_time_phrase_between_subject_and_verb_and_turns_of_phrase() -> None:
    got = extract_quotes(["The minister on Sunday said the rules would be tightened."], [])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("the rules would be tightened", "minister")
    ]
    assert extract_quotes(["That said, the graphics are excellent and among the best elements."], []) == []
    got = indirect("Having said that, I am always pleased when cheats are caught, Ann Lee added.", person("Ann Lee"))
    assert [speaker for _, speaker in got] == ["Ann Lee"]


def test_a_leading_connective_is_not_part_of_an_unnamed_speakers_description() -> None:
    got = extract_quotes(["But opposition parties said the rises would be steep."], [])
    assert [q.speaker_description for q in got if q.kind == "indirect"] == ["opposition parties"]


def test_reported_clause_headed_by_a_subordinate_clause() -> None:
    lee = person("Ann Lee", "Lee")
    got = indirect("Ann Lee said before a new body is set up, an assessment should be made.", lee)
    assert got == [("before a new body is set up, an assessment should be made", "Ann Lee")]
    got = indirect("Ann Lee said after the meeting, which lasted an hour, that the deal was done.", lee)
    assert got == [("the deal was done", "Ann Lee")]
    assert indirect("Ann Lee said before the game.", lee) == []


def test_according_to_a_long_unnamed_source_closed_by_its_comma() -> None:
    got = extract_quotes(
        ["The regulator is reviewing Acme's books, according to two people familiar with the matter, in a blow."],
        [org("Acme")],
    )
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("The regulator is reviewing Acme's books", "two people familiar with the matter")
    ]
    got = extract_quotes(["Some 400 jobs will go next week, according to several people briefed on the plan"], [])
    assert [q.speaker_description for q in got if q.kind == "indirect"] == ["several people briefed on the plan"]


def test_according_to_after_a_report_carries_it() -> None:
    """'CLAUSE, X said, according to Y' and 'According to Y, X wrote that CLAUSE': X speaks, Y is how
    the words reached the article (via), not the speaker."""
    actors = [org("Acme"), org("Daily Wire")]
    for text in (
        "Prices will rise next year, Acme said in a statement, according to Daily Wire.",
        "Acme said prices will rise next year, according to Daily Wire.",
        "According to Daily Wire, Acme wrote in a letter that prices will rise next year.",
    ):
        got = [(q.text, q.speaker, q.via) for q in extract_quotes([text], actors) if q.kind == "indirect"]
        assert got == [("Prices will rise next year" if text[0] == "P" else "prices will rise next year", "Acme",
                         "Daily Wire")], text


def test_inverted_subject_named_by_a_later_appositive() -> None:
    park = person("Jo Park")
    got = indirect("The plant will close in May, said another witness in the inquiry, former Acme adviser Jo Park.",
                   park, org("Acme"))
    assert got == [("The plant will close in May", "Jo Park")]


def test_inverted_subject_with_an_adverb_after_its_possessive() -> None:
    got = indirect("The plant will close in May, said Acme's recently appointed chair Jo Park in an email.",
                   person("Jo Park"), org("Acme"))
    assert got == [("The plant will close in May", "Jo Park")]


def test_adjuncts_after_a_quotation_and_its_verb_report_nothing() -> None:
    park = person("Jo Park", "Park")
    for text in (
        '"We have come a long way together," Park said as he handed over the prize.',
        '"We have come a long way together," Park said Tuesday night in Leeds.',
        '"We have come a long way together," Park said of the plan in a call with reporters.',
        '"We have come a long way together," Park said, via the Leeds Courier.',
    ):
        got = [(q.kind, q.speaker) for q in extract_quotes([text], [park, org("Leeds Courier")])]
        assert got == [("direct", "Jo Park")], text


def test_added_with_a_noun_phrase_or_a_number_is_no_report() -> None:
    park = person("Jo Park")
    assert indirect("Jo Park added 25 points in the first half, and Ben Noel had 15.", park) == []
    assert indirect("Acme also added smaller landers to the contract.", org("Acme")) == []
    assert indirect("Jo Park added the plant would close.", park) == [("the plant would close", "Jo Park")]


def test_a_plural_noun_after_a_number_is_no_verb() -> None:
    assert indirect("Jo Park had four points, 10 assists and five rebounds.", person("Jo Park")) == []


def test_age_then_relative_clause_between_a_name_and_its_verb() -> None:
    got = indirect("Jo Park, 54, who heads the union, told reporters the strike would go ahead.", person("Jo Park"))
    assert got == [("the strike would go ahead", "Jo Park")]


def test_legal_documents_speak_and_maintain_or_signal_take_a_that_clause() -> None:
    got = extract_quotes(["The lawsuit alleges that Acme misled its investors."], [org("Acme")])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("Acme misled its investors", "lawsuit")
    ]
    assert indirect("Jo Park maintained that the plant would stay open.", person("Jo Park")) == [
        ("the plant would stay open", "Jo Park")
    ]
    assert indirect("Jo Park signalled that the plant would stay open.", person("Jo Park")) == [
        ("the plant would stay open", "Jo Park")
    ]
    assert indirect("Jo Park maintained the old house for years.", person("Jo Park")) == []


def test_appositive_holding_a_place_and_its_region() -> None:
    got = indirect("Jo Park, a scientist at the Space Centre in Greenbelt, Maryland, said the water was hard to find.",
                   person("Jo Park"))
    assert got == [("the water was hard to find", "Jo Park")]


def test_a_source_between_a_subject_and_its_predicate() -> None:
    got = indirect("He had, according to Jo Park of the Courier, eaten a wild rabbit before he fell ill.",
                   person("Jo Park"), org("Courier"))
    assert got == [("eaten a wild rabbit before he fell ill", "Jo Park")]
    got = indirect("The bacterium, per the WHO, is often found in small mammals and their fleas.", org("WHO"))
    assert got == [("is often found in small mammals and their fleas", "WHO")]
    assert indirect("Prices rose, per the WHO, in most countries last year.", org("WHO")) == []


def test_told_a_named_listener_and_its_kind_at_the_end_of_the_sentence() -> None:
    got = extract_quotes(["Six factories have closed in the city, leaving 650 workers jobless, union officers told "
                          "the AP news agency."], [org("AP")])
    assert [(q.text, q.speaker_description) for q in got if q.kind == "indirect"] == [
        ("Six factories have closed in the city, leaving 650 workers jobless", "union officers")
    ]


def test_naming_participles_and_pronoun_objects_report_nothing() -> None:
    acme = org("Acme")
    assert indirect("Acme is building a probe called Deep Blue, which will launch in 2030.", acme) == []
    assert indirect("Often called hay fever, the allergy can range from a cough to asthma.") == []
    assert indirect("Acme confirmed this in a statement on Monday.", acme) == []
    assert indirect("Acme promised more, and for whatever reason, it has not delivered yet.", acme) == []
    assert indirect("Acme called the plan a disgrace and a waste of money.", acme) == [
        ("the plan a disgrace and a waste of money", "Acme")
    ]
    assert indirect("Acme told the Courier that this, too, was not the whole truth.", acme, org("Courier")) == [
        ("this, too, was not the whole truth", "Acme")
    ]


def test_a_verb_form_after_a_name_governed_by_a_preposition_is_a_noun() -> None:
    got = indirect("Growth has averaged 6% in the past three years, ahead of IMF forecasts, while prices fell.",
                   org("IMF"))
    assert got == []


def test_told_or_confirmed_to_a_listener() -> None:
    park, acme = person("Jo Park"), org("Acme")
    got = indirect('Jo Park told the Courier\'s Ann Lee on "Morning Show" that the plant would close in May.', park)
    assert got == [("the plant would close in May", "Jo Park")]
    got = indirect("The plant will close by the end of May, Acme confirmed to the Courier.", acme, org("Courier"))
    assert got == [("The plant will close by the end of May", "Acme")]
    got = indirect("Acme confirmed to the Courier that the plant will close in May.", acme, org("Courier"))
    assert got == [("the plant will close in May", "Acme")]


def test_a_report_in_a_named_outlet_speaks_for_the_outlet() -> None:
    got = indirect("According to a report in the Valley Courier, the governor launched the campaign on Monday.",
                   org("Valley Courier"))
    assert got == [("the governor launched the campaign on Monday", "Valley Courier")]
