"""Quotes extractor: direct and indirect quotes, speaker attribution, exact spans, robustness."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing_tui.extract.quotes import extract_quotes, find_quote_regions
from briefing_tui.loading.structure import split_article
from briefing_tui.model import Actor, Quote

from .actors import country, org, person

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SEED = SHARED / "seeds" / "rfa-kursk-north-korean-troops.txt"


def rows(quotes: list[Quote]) -> list[tuple]:
    return [(q.kind, q.text, q.speaker) for q in quotes]


def check_spans(paragraphs: list[str], quotes: list[Quote]) -> None:
    for q in quotes:
        assert q.span is not None
        assert paragraphs[q.span.paragraph][q.span.start : q.span.end] == q.text


def run(paragraphs: list[str], actors: list[Actor]) -> list[Quote]:
    quotes = extract_quotes(paragraphs, actors)
    check_spans(paragraphs, quotes)
    return quotes


# ---------------------------------------------------------------- direct quotes


def test_interrupted_quotation_gives_two_quotes_with_one_speaker():
    paras = ['"The market is tough," said Jane Doe, "but we will grow again next year."']
    assert rows(run(paras, [person("Jane Doe", "Doe")])) == [
        ("direct", "The market is tough,", "Jane Doe"),
        ("direct", "but we will grow again next year.", "Jane Doe"),
    ]


def test_pronoun_after_quotation_resolves_to_the_person_talked_about():
    paras = [
        "Carlos Moya beat Andy Roddick in Seville on Sunday.",
        "“I have woken up so many nights dreaming of this day,” he said. “It is really incredible.”",
    ]
    quotes = run(paras, [person("Carlos Moya", "Moya"), person("Andy Roddick", "Roddick")])
    assert rows(quotes) == [
        ("direct", "I have woken up so many nights dreaming of this day,", "Carlos Moya"),
        ("direct", "It is really incredible.", "Carlos Moya"),
    ]


def test_bbc_style_quotation_left_open_across_sentences_and_paragraphs():
    paras = [
        "Oxfam's Barbara Stocking said: \"Rich countries are giving less and less. "
        '"This scandal must stop now, before it is too late," the charity\'s director added.',
        '"Aid budgets are half their 1960 levels.',
        '"Leaders must act this year."',
    ]
    quotes = run(paras, [org("Oxfam"), person("Barbara Stocking")])
    assert rows(quotes) == [
        ("direct", "Rich countries are giving less and less.", "Barbara Stocking"),
        ("direct", "This scandal must stop now, before it is too late,", "Barbara Stocking"),
        ("direct", "Aid budgets are half their 1960 levels.", "Barbara Stocking"),
        ("direct", "Leaders must act this year.", "Barbara Stocking"),
    ]


def test_scare_quotes_titles_and_short_terms_are_not_quotes():
    paras = [
        "The two leaders signed a treaty on a “Comprehensive Strategic Partnership” in June, and Kyiv "
        "released ‘intercepted’ radio calls from the film “Gone With the Wind” set."
    ]
    assert run(paras, []) == []


def test_guillemets_and_single_quotes():
    paras = [
        "«Nous sommes très heureux aujourd'hui», a dit Marie Curie.",
        "‘We will not give up the fight,’ said Marie Curie.",
    ]
    quotes = run(paras, [person("Marie Curie", "Curie")])
    assert [q.text for q in quotes if q.kind == "direct"] == [
        "Nous sommes très heureux aujourd'hui",
        "We will not give up the fight,",
    ]
    assert quotes[-1].speaker == "Marie Curie"


def test_unnamed_speaker_gets_a_description():
    paras = ['"There can be no deal without the rebate," a UK government official said.']
    (q,) = run(paras, [country("UK")])
    assert q.speaker is None
    assert q.speaker_description == "UK government official"


def test_nested_quotation_keeps_the_inner_speaker():
    inner = "Big cities, come to me and we will rebuild you,"
    paras = ["“I was alarmed when Gov. Christie said to be ‘" + inner + "” Doherty said."]
    quotes = run(paras, [person("Chris Christie", "Christie"), person("Michael Doherty", "Doherty")])
    assert [(q.text, q.speaker, q.via) for q in quotes] == [
        (
            "I was alarmed when Gov. Christie said to be ‘Big cities, come to me and we will rebuild you,",
            "Michael Doherty",
            None,
        ),
        ("Big cities, come to me and we will rebuild you,", "Chris Christie", "Michael Doherty"),
    ]


# ---------------------------------------------------------------- indirect quotes


def test_said_that_and_clause_first_patterns():
    paras = [
        "Foreign Secretary Jack Straw said that the UK was prepared to veto any bid to cut the rebate. "
        "Some 45 million children will die needlessly before 2015, Oxfam says in a report."
    ]
    quotes = run(paras, [person("Jack Straw", "Straw"), org("Oxfam")])
    assert rows(quotes) == [
        ("indirect", "the UK was prepared to veto any bid to cut the rebate", "Jack Straw"),
        ("indirect", "Some 45 million children will die needlessly before 2015", "Oxfam"),
    ]


def test_according_to_told_and_denied():
    paras = [
        "According to Netcraft, many visitors to the Apple store suffered long delays. "
        "Mr Chirac told reporters the rebate could no longer be justified. "
        "The BBC denied it had lost a bidding war for the rights."
    ]
    actors = [org("Netcraft"), person("Jacques Chirac", "Chirac"), org("BBC")]
    assert rows(run(paras, actors)) == [
        ("indirect", "many visitors to the Apple store suffered long delays", "Netcraft"),
        ("indirect", "the rebate could no longer be justified", "Jacques Chirac"),
        ("indirect", "it had lost a bidding war for the rights", "BBC"),
    ]


def test_partial_quote_gives_direct_and_indirect():
    paras = ['Conservative Graham Brady said the rebate was a "crucial test of resolve" for ministers.']
    quotes = run(paras, [person("Graham Brady", "Brady")])
    assert rows(quotes) == [
        ("indirect", 'the rebate was a "crucial test of resolve" for ministers', "Graham Brady"),
        ("direct", "crucial test of resolve", "Graham Brady"),
    ]


def test_quoted_as_saying_gives_via_and_unnamed_speaker():
    paras = ["CNN quoted an unidentified U.S. official as saying Russia has gathered a large force."]
    (q,) = run(paras, [org("CNN"), country("Russia")])
    assert q.kind == "indirect"
    assert q.text == "Russia has gathered a large force"
    assert (q.speaker, q.speaker_description, q.via) == (None, "unidentified U.S. official", "CNN")


def test_role_nouns_and_reports_resolve_to_actors():
    paras = [
        "JPMorgan Chase earned $4.9 billion in the quarter, the company announced on Wednesday.",
        "President Barack Obama visited Kenya. The president said the trip had been a success.",
        "Oxfam published a study on aid. The report said rich countries were giving less.",
    ]
    actors = [org("JPMorgan Chase"), person("Barack Obama", "Obama"), country("Kenya"), org("Oxfam")]
    assert rows(run(paras, actors)) == [
        ("indirect", "JPMorgan Chase earned $4.9 billion in the quarter", "JPMorgan Chase"),
        ("indirect", "the trip had been a success", "Barack Obama"),
        ("indirect", "rich countries were giving less", "Oxfam"),
    ]


def test_two_speakers_together_have_no_single_speaker():
    paras = ["Tony Blair and Gordon Brown have called for urgent action to fight world poverty."]
    (q,) = run(paras, [person("Tony Blair", "Blair"), person("Gordon Brown", "Brown")])
    assert q.text == "urgent action to fight world poverty"
    assert q.speaker is None and q.speaker_description == "Tony Blair and Gordon Brown"


def test_interjected_attribution_and_participle():
    paras = [
        "Ian Fogg is an analyst. Before now, he said, Apple has been seen as a premium brand.",
        'The standard was initially "high", Lord Baker added, saying there had been a decline since.',
    ]
    quotes = run(paras, [person("Ian Fogg", "Fogg"), person("Kenneth Baker", "Baker")])
    assert rows(quotes) == [
        ("indirect", "Apple has been seen as a premium brand", "Ian Fogg"),
        ("indirect", 'The standard was initially "high"', "Kenneth Baker"),
        ("indirect", "there had been a decline since", "Kenneth Baker"),
    ]


def test_list_after_said_colon_gives_one_indirect_quote_per_item():
    paras = [
        "In a wide-ranging interview, President Obama also said:",
        "The UK must stay in the EU to have influence",
        "Syria needs a political solution",
        "Mr Obama lands in Kenya later on Friday.",
    ]
    quotes = run(paras, [person("Barack Obama", "Obama")])
    assert rows(quotes) == [
        ("indirect", "The UK must stay in the EU to have influence", "Barack Obama"),
        ("indirect", "Syria needs a political solution", "Barack Obama"),
    ]


def test_non_speech_verbs_and_nouns_give_nothing():
    paras = [
        "Apple expects the Mac mini to sell well. The call comes as the G8 meets in the US state of Ohio. "
        "Analysts believe prices will rise. J.P. Morgan did not admit nor deny any wrongdoing."
    ]
    assert run(paras, [org("Apple"), org("G8"), org("J.P. Morgan")]) == []


def test_age_appositive_passive_quoted_and_unnamed_continuation():
    paras = [
        "John Smith, 45, said the factory would close next year.",
        "Mr Smith was quoted by Reuters as saying the plant had no future.",
        "A Home Office spokeswoman said the checks had been tightened. She added that staff were trained.",
    ]
    quotes = run(paras, [person("John Smith", "Smith"), org("Reuters"), org("Home Office")])
    assert [(q.text, q.speaker, q.speaker_description, q.via) for q in quotes] == [
        ("the factory would close next year", "John Smith", None, None),
        ("the plant had no future", "John Smith", None, "Reuters"),
        ("the checks had been tightened", None, "Home Office spokeswoman", None),
        ("staff were trained", None, "Home Office spokeswoman", None),
    ]


def test_pronoun_gender_from_honorifics_and_agreed_with():
    paras = [
        "Mr Trump met Mrs May in Washington. She said the talks had been productive.",
        "Mrs May agreed with Tim Flesher, her private secretary, that to back down would look weak.",
    ]
    actors = [person("Theresa May", "May"), person("Donald Trump", "Trump"), person("Tim Flesher")]
    assert rows(run(paras, actors)) == [
        ("indirect", "the talks had been productive", "Theresa May"),
        ("indirect", "to back down would look weak", "Tim Flesher"),
    ]


def test_future_speech_attributes_quotes_but_reports_nothing():
    paras = ['Charles Kennedy will tell the audience: "Many people were angry about the war in Iraq."']
    quotes = run(paras, [person("Charles Kennedy", "Kennedy")])
    assert rows(quotes) == [("direct", "Many people were angry about the war in Iraq.", "Charles Kennedy")]


def test_unattributed_scare_quote_in_running_text_is_dropped():
    paras = ['The budget includes $6bn to assist US allies in the "war on terror" abroad.']
    assert run(paras, [country("US")]) == []


# ---------------------------------------------------------------- seed article


def test_seed_article_quotes():
    if not SEED.exists():
        pytest.skip("seed article ../shared/seeds/rfa-kursk-north-korean-troops.txt is not present")
    article = split_article(SEED.read_text(encoding="utf-8"))
    actors = [
        person("Volodymyr Zelenskyy", "Zelenskyy"),
        person("Oleksandr Syrskyi"),
        person("Vladimir Putin", "Putin"),
        person("Kim Jong Un"),
        country("Ukraine"),
        country("Russia"),
        country("North Korea", "the North"),
        country("United States", "U.S."),
        org("New York Times", "The New York Times"),
        org("CNN"),
        org("TASS"),
        org("Korean Central News Agency", "KCNA"),
        org("Kremlin"),
    ]
    quotes = run(article.paragraphs, actors)
    got = {(q.kind, q.text): (q.speaker, q.via) for q in quotes}
    assert got[("direct", "continue to hold back")] == ("Volodymyr Zelenskyy", None)
    assert got[("direct", "large force of tens of thousands")] == (None, "CNN")
    assert got[
        (
            "direct",
            "Some of these troops have already taken part in combat operations against Ukrainian "
            "forces, and there are already casualties,",
        )
    ] == ("Volodymyr Zelenskyy", None)
    assert got[
        (
            "indirect",
            "the Russian military had assembled about 50,000 soldiers, including North Koreans, "
            "to launch an assault to reclaim territory in Kursk",
        )
    ] == ("New York Times", None)
    assert got[
        ("indirect", "North Korean troops fighting against Ukrainian forces were taking casualties in Kursk")
    ] == ("Volodymyr Zelenskyy", None)
    assert got[
        ("indirect", "The treaty will take effect from the day both sides exchange ratification instruments")
    ] == ("Korean Central News Agency", None)
    assert ("direct", "Comprehensive Strategic Partnership") not in got
    assert sum(q.kind == "direct" for q in quotes) == 5
    spans = [(q.span.paragraph, q.span.start) for q in quotes]
    assert spans == sorted(spans)


# ---------------------------------------------------------------- robustness


def test_quote_regions_are_linear_and_tolerate_stray_marks():
    text = 'He said "' + "word " * 40000 + "and it never closes"
    regions = find_quote_regions(text)
    assert len(regions) == 1 and regions[0].close_pos is None
    assert find_quote_regions("'''\"\"\"“”‘’«»") is not None


@pytest.mark.parametrize(
    "paragraphs",
    [
        [],
        [""],
        ["   "],
        ['"'],
        ["“unclosed " + "x " * 100000],
        ["said " * 50000],
        ['"a b c," ' * 20000],
        ["He said: " + "“" * 5000],
        ["x" * 2_000_000 + ' "one two three" he said.'],
    ],
)
def test_never_raises_and_stays_fast(paragraphs):
    start = time.perf_counter()
    quotes = extract_quotes(paragraphs, [person("He Man")])
    assert time.perf_counter() - start < 60  # a hang detector (catastrophic backtracking), not a speed check
    check_spans(paragraphs, quotes)


def test_bbc_corpus_invariants():
    root = SHARED / "corpus" / "bbc"
    if not root.is_dir():
        pytest.skip("BBC corpus ../shared/corpus/bbc is not present")
    files = sorted(root.rglob("*.txt"))
    assert files
    for path in files:
        article = split_article(path.read_bytes().decode("utf-8", errors="replace"))
        quotes = extract_quotes(article.paragraphs, [])
        check_spans(article.paragraphs, quotes)
        assert all(q.kind in ("direct", "indirect") and q.text.strip() for q in quotes)


def test_pronoun_continues_last_speaker_over_people_named_in_reported_speech() -> None:
    paras = [
        'Mr Dobson said the plan was sound. "We will win," he declared.',
        "Nobody, he claimed, could beat Sarah Jones or Peter Hill. And Peter Hill would lead the charge, he said.",
    ]
    actors = [person("Frank Dobson", "Dobson"), person("Sarah Jones"), person("Peter Hill")]
    got = {q.text: q.speaker for q in extract_quotes(paras, actors)}
    assert got["Peter Hill would lead the charge"] == "Frank Dobson"


def test_pronoun_does_not_skip_a_newly_introduced_person() -> None:
    paras = [
        '"It is fine," said Mr Lane. One dissent came from Ann Cole, an analyst at Ovum. He said: "It is not."',
    ]
    actors = [person("Tom Lane", "Lane"), person("Ann Cole"), org("Ovum")]
    got = {q.text: q.speaker for q in extract_quotes(paras, actors)}
    assert got["It is not."] != "Tom Lane"


def test_appositive_without_closing_comma_names_the_speaker() -> None:
    paras = [
        'The ban must stay "for the sake of every child in the country", Dr Ruth Bell, head of the Child Trust said.'
    ]
    actors = [person("Ruth Bell"), org("Child Trust")]
    got = {(q.kind, q.text): q.speaker for q in extract_quotes(paras, actors)}
    assert got[("direct", "for the sake of every child in the country")] == "Ruth Bell"


def test_plural_people_noun_is_an_unnamed_speaker() -> None:
    paras = ["The firm hid losses from its auditors for years, investigators said."]
    quotes = extract_quotes(paras, [])
    assert [(q.kind, q.speaker, q.speaker_description) for q in quotes] == [("indirect", None, "investigators")]


def test_named_agency_with_descriptor_speaks_and_possessed_team_does_not() -> None:
    paras = [
        "The bank paid the fine, the Reuters news agency reported.",
        "Mr Hale's lawyers claimed that he had acted in good faith.",
    ]
    actors = [org("Reuters"), person("Tom Hale", "Hale")]
    got = {q.text: (q.speaker, q.speaker_description) for q in extract_quotes(paras, actors)}
    assert got["The bank paid the fine"] == ("Reuters", None)
    assert got["he had acted in good faith"][0] is None


def test_phrasal_verb_is_no_speech_act() -> None:
    paras = ["The coach has called up Leeds winger Sam Ford for the tour.", "The match was called off."]
    assert extract_quotes(paras, [person("Sam Ford")]) == []


def test_pronoun_after_said_opens_a_clause_not_an_inversion() -> None:
    paras = ["Tom Reed, who runs the Reed Trust, said he looked forward to the vote."]
    got = rows(extract_quotes(paras, [person("Tom Reed"), org("Reed Trust")]))
    assert got == [("indirect", "he looked forward to the vote", "Tom Reed")]


def test_two_titles_of_one_person_are_not_a_group() -> None:
    paras = ['"Sales held up," Acme chairman and chief executive Jo Marsh said in a statement.']
    got = rows(extract_quotes(paras, [org("Acme"), person("Jo Marsh")]))
    assert got == [("direct", "Sales held up,", "Jo Marsh")]


def test_lowercase_listener_before_a_colon_is_not_a_clause() -> None:
    paras = ['The minister told the Lords finance committee: "We will not move."']
    got = rows(extract_quotes(paras, [person("Ann Lee")]))
    assert all(kind == "direct" for kind, _, _ in got)


def test_speakers_are_found_among_hundreds_of_actors_by_their_longest_name() -> None:
    actors = [person(f"Person{k} Name{k}") for k in range(500)]
    actors += [person("John Smith", "Smith"), person("Smith Jones")]
    paras = ['"We will not go back," said Smith Jones. "Never again," Smithson said. "Fine by me," said Smith.']
    assert rows(run(paras, actors)) == [
        ("direct", "We will not go back,", "Smith Jones"),
        ("direct", "Fine by me,", "John Smith"),
    ]


def test_a_list_item_ends_with_a_full_stop_after_its_last_word() -> None:
    paras = ["Mr Smith said:", "....and more", "all done ....", "next"]
    assert rows(run(paras, [person("John Smith", "Mr Smith")])) == [("indirect", "....and more", "John Smith")]


def test_nested_quotations_across_one_long_sentence_keep_their_speaker() -> None:
    pieces = [f"\"He told me 'we will not go back, not ever {k}' and then he left,\" Smith said, and" for k in range(8)]
    quotes = run([" ".join(pieces) + " that was all."], [person("John Smith", "Smith")])
    assert len(quotes) == 16 and {q.speaker for q in quotes} == {"John Smith"}
    assert [q.text for q in quotes[-2:]] == [
        "He told me 'we will not go back, not ever 7' and then he left,",
        "we will not go back, not ever 7",
    ]


def test_a_sentence_with_more_reporting_verbs_than_prose_has_gives_only_its_quotations() -> None:
    busy = '"We will not go back," Smith said, ' + " ".join(f"and he said it rained on day {k}," for k in range(30))
    quotes = run([busy + " he added."], [person("John Smith", "Smith")])
    assert [(q.kind, q.text) for q in quotes] == [("direct", "We will not go back,")]
    calm = '"We will not go back," Smith said, and he said it rained on Monday.'
    assert rows(run([calm], [person("John Smith", "Smith")])) == [
        ("direct", "We will not go back,", "John Smith"),
        ("indirect", "it rained on Monday", "John Smith"),
    ]


def test_testimony_rulings_and_findings_report_only_with_a_that_clause():
    court = org("High Court")
    quotes = run(["The High Court ruled that the leaflet was partly true."], [court])
    assert rows(quotes) == [("indirect", "the leaflet was partly true", "High Court")]
    witness = person("Tim Morrison", "Morrison")
    quotes = run(["Morrison testified that he had not followed every suggestion."], [witness])
    assert rows(quotes) == [("indirect", "he had not followed every suggestion", "Tim Morrison")]
    # the same verbs without a clause report nothing
    police = org("Thames Valley Police", "police")
    assert run(["Thames Valley Police found the car on Tuesday and ruled out foul play."], [police]) == []


def test_a_judgement_of_an_object_reports_the_object_and_the_judgement():
    swift, label = person("Taylor Swift", "Swift"), org("Big Machine")
    quotes = run(["Swift accused Big Machine of trying to stop her performing old songs."], [swift, label])
    assert rows(quotes) == [("indirect", "Big Machine of trying to stop her performing old songs", "Taylor Swift")]
    iata = org("IATA")
    quotes = run(["IATA described the package as a bad piece of legislation."], [iata])
    assert rows(quotes) == [("indirect", "the package as a bad piece of legislation", "IATA")]
    # "citing" outside its frame reports nothing: the report is the clause after "reported"
    times = org("New York Times")
    quotes = run(["The New York Times, citing US officials, reported that troops had massed."], [times])
    assert rows(quotes) == [("indirect", "troops had massed", "New York Times")]
