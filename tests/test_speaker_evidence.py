"""How each quote's speaker was found (issue 16): named at the quote, a pronoun resolved, a description
resolved, or carried over; and the reporting verb as written, so a denial keeps its stance.

The evidence travels with the quote: into ``briefing parse`` output, the YAML briefing format (which
loads back to the same items) and the parse cache, whose entries written without it are refused and
parsed again rather than shown unmarked.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.cli import main
from briefing_tui.extract.quotes import extract_quotes
from briefing_tui.item_decode import item_from_dict
from briefing_tui.model import SPEAKER_EVIDENCE, Actor, Quote

from .actors import org, person

SMITH = person("John Smith", "Smith")


def quote_holding(fragment: str, paragraphs: list[str], *actors: Actor) -> Quote:
    quotes = [q for q in extract_quotes(paragraphs, list(actors)) if fragment in q.text]
    assert quotes, f"no quote holds {fragment!r}"
    return quotes[0]


def test_a_speaker_named_at_the_quote() -> None:
    q = quote_holding("plan would work", ["Mr Smith said the plan would work."], SMITH)
    assert (q.speaker, q.evidence, q.verb) == ("John Smith", "named", "said")


def test_an_unnamed_speaker_described_at_the_quote_counts_as_named() -> None:
    q = quote_holding("talks had stalled", ["A ministry spokesman said the talks had stalled."], SMITH)
    assert (q.speaker, q.speaker_description, q.evidence) == (None, "ministry spokesman", "named")


def test_a_pronoun_resolved_to_the_person_who_spoke() -> None:
    q = quote_holding("costs would fall", ["Mr Smith said the plan would work. He added that costs would fall."],
                      SMITH)
    assert (q.speaker, q.evidence, q.verb) == ("John Smith", "pronoun", "added")


def test_an_unresolved_pronoun_is_still_marked_as_a_pronoun() -> None:
    q = quote_holding("costs would fall", ["He said that costs would fall."])
    assert (q.speaker, q.speaker_description, q.evidence) == (None, "he", "pronoun")


def test_the_company_resolved_to_a_named_body() -> None:
    q = quote_holding("begun well", ["Acme cut its debt last year. The company said the year had begun well."],
                      org("Acme"))
    assert (q.speaker, q.evidence) == ("Acme", "description")


def test_a_body_owned_by_a_name_at_the_quote_is_named() -> None:
    q = quote_holding("talks would resume",
                      ["China's foreign ministry said the talks would resume."], Actor("China", "country"))
    assert (q.speaker, q.evidence) == ("China", "named")


def test_a_quotation_standing_alone_is_carried_from_the_last_speaker() -> None:
    paragraphs = ['"We will win," said Mr Smith.', '"Nobody can stop us."']
    q = quote_holding("Nobody", paragraphs, SMITH)
    assert (q.speaker, q.evidence, q.verb) == ("John Smith", "carried", None)


def test_the_items_of_a_said_list_are_carried() -> None:
    paragraphs = ["Mr Smith said:", "taxes would be lower", "roads would be better"]
    quotes = extract_quotes(paragraphs, [SMITH])
    assert [(q.text, q.speaker, q.evidence) for q in quotes] == [
        ("taxes would be lower", "John Smith", "carried"),
        ("roads would be better", "John Smith", "carried"),
    ]


def test_a_quote_without_any_speaker_has_no_evidence() -> None:
    q = quote_holding("a bad deal", ['The plan was described as "a bad deal for everyone" in the paper.'])
    assert q.speaker is None and q.speaker_description is None and q.evidence is None and q.verb is None


def test_a_denial_keeps_its_verb() -> None:
    q = quote_holding("ancestors", ["The Caribs have long denied their ancestors practised cannibalism."],
                      org("Caribs"))
    assert (q.speaker, q.verb, q.text) == ("Caribs", "denied", "their ancestors practised cannibalism")


def test_according_to_has_no_verb() -> None:
    q = quote_holding("market grew", ["The market grew by a third last year, according to Acme."], org("Acme"))
    assert (q.speaker, q.evidence, q.verb) == ("Acme", "named", None)


ARTICLE = (
    "Acme results\n\n"
    "Acme Corp cut its debt last year, said John Smith. The company said the year had begun well.\n\n"
    "Mr Smith denied that the firm would be sold. \"We are not for sale,\" he said.\n\n"
    "\"Nobody can buy us.\"\n"
)


def _parsed(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["parse", "--no-cache", *args, str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return code, out


def test_parse_output_carries_evidence_and_verb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "acme.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _, out = _parsed(article, capsys)
    quotes = json.loads(out)["quotes"]
    got = [(q["text"], q["speaker"], q["evidence"], q["verb"]) for q in quotes]
    assert got == [
        ("Acme Corp cut its debt last year", "John Smith", "named", "said"),
        ("the year had begun well", "Acme Corp", "description", "said"),
        ("the firm would be sold", "John Smith", "named", "denied"),
        ("We are not for sale,", "John Smith", "pronoun", "said"),
        ("Nobody can buy us.", "John Smith", "carried", None),
    ]
    assert {q["evidence"] for q in quotes} <= set(SPEAKER_EVIDENCE)


def test_yaml_output_keeps_evidence_when_loaded_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "acme.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    _, first = _parsed(article, capsys, "--format", "json")
    _, saved = _parsed(article, capsys, "--format", "yaml")
    briefing = tmp_path / "saved.yaml"
    briefing.write_text(saved, encoding="utf-8")
    _, again = _parsed(briefing, capsys, "--format", "json")
    pick = [(q["speaker"], q["evidence"], q["verb"]) for q in json.loads(first)[0]["quotes"]]
    assert [(q["speaker"], q["evidence"], q["verb"]) for q in json.loads(again)[0]["quotes"]] == pick


def test_a_yaml_quote_with_an_unknown_evidence_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    briefing = tmp_path / "desk.yaml"
    briefing.write_text("title: T\nbody: Smith spoke.\nquotes:\n  - text: spoke\n    evidence: guessed\n",
                        encoding="utf-8")
    code = main(["parse", str(briefing)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "evidence" in err and "guessed" in err and str(briefing) in err


def test_a_cache_entry_without_evidence_is_refused() -> None:
    """An entry an older parser wrote lacks the fields: it is parsed again, never shown unmarked."""
    entry = {"id": "x", "source_path": None, "title": None, "dateline": None, "date": None, "tags": [],
             "body": ["Smith said it."], "actors": [], "figures": [], "related": [], "places": [],
             "quotes": [{"kind": "indirect", "text": "it", "speaker": "Smith", "speaker_description": None,
                         "via": None, "span": [0, 11, 13]}]}
    with pytest.raises(ValueError):
        item_from_dict(entry)
    entry["quotes"][0].update(evidence="named", verb="said")
    assert item_from_dict(entry).quotes[0].evidence == "named"
    entry["quotes"][0]["evidence"] = "guessed"
    with pytest.raises(ValueError):
        item_from_dict(entry)


# ---------------------------------------------------------------- salience (issue 16's BBC examples)
# Short texts written for each rule; the articles that showed the errors are named in the report.


def test_a_pronoun_goes_on_with_the_speaker_of_unknown_gender_not_the_person_spoken_of() -> None:
    paragraphs = ['Dr Fox accused Mr Blair of telling lies. "It is going to be fear and smear," he told the BBC.']
    q = quote_holding("fear and smear", paragraphs, person("Liam Fox", "Fox"), person("Tony Blair", "Blair"))
    assert (q.speaker, q.evidence) == ("Liam Fox", "pronoun")


def test_a_subject_known_to_fit_beats_a_speaker_of_unknown_gender() -> None:
    paragraphs = ["Mrs Thatcher wanted a delay. In April she gave way, agreeing with Tim Flesher that to back "
                  "down would look weak. "
                  '"I agree - there is no option," she said.']
    q = quote_holding("no option", paragraphs, person("Margaret Thatcher", "Thatcher"), person("Tim Flesher"))
    assert q.speaker == "Margaret Thatcher"


def test_a_titled_name_after_a_preposition_is_not_the_main_subject() -> None:
    paragraphs = ['Dr Fox told the BBC: "We will win." '
                  "He would not discuss claims the party paid money to Lord Ashcroft "
                  "after he predicted a heavy defeat."]
    q = quote_holding("heavy defeat", paragraphs, person("Liam Fox", "Fox"), person("Ashcroft"))
    assert (q.speaker, q.evidence) == ("Liam Fox", "pronoun")


def test_a_government_is_its_country_not_the_company_named_since() -> None:
    paragraphs = ["Plans to film on Dominica were criticised. Talks with Disney's producers stalled. "
                  "The island's government said Disney planned to film there."]
    q = quote_holding("planned to film", paragraphs, Actor("Dominica", "country"), org("Disney"))
    assert (q.speaker, q.evidence) == ("Dominica", "description")


def test_the_company_is_the_body_that_has_been_speaking_when_two_are_named_as_often() -> None:
    paragraphs = ["Acme said sales rose. Acme also said it owned a stake in Gamma. Its unit, Beta, had a bad year. "
                  "Beta lost customers. However, the company said Beta's profit rose."]
    q = quote_holding("profit rose", paragraphs, org("Acme"), org("Beta"))
    assert (q.speaker, q.evidence) == ("Acme", "description")


def test_a_compound_title_resolves_to_its_holder() -> None:
    paragraphs = ["Tory co-chairman Liam Fox spoke in London. "
                  'The Tory co-chairman attacked the pledges as "vacuous" and empty.']
    q = quote_holding("the pledges", paragraphs, person("Liam Fox", "Fox"), org("Conservatives", "Tory"))
    assert (q.speaker, q.evidence) == ("Liam Fox", "description")


def test_he_after_a_sentence_about_a_described_person_is_that_person_not_an_earlier_speaker() -> None:
    paragraphs = ['Dr Fox told the BBC: "We will win."',
                  "The prime minister toured the country at the weekend. He insisted he did not know the date."]
    q = quote_holding("did not know", paragraphs, person("Liam Fox", "Fox"))
    assert (q.speaker, q.speaker_description, q.evidence) == (None, "prime minister", "pronoun")


def test_a_described_subject_whose_title_is_on_record_is_its_holder() -> None:
    paragraphs = ["Prime Minister Tony Blair spoke on Sunday. Dr Fox replied on Monday.",
                  "The prime minister toured the country at the weekend. He insisted he did not know the date."]
    q = quote_holding("did not know", paragraphs, person("Liam Fox", "Fox"), person("Tony Blair", "Blair"))
    assert (q.speaker, q.evidence) == ("Tony Blair", "pronoun")


def test_it_later_in_a_sentence_opened_by_it_is_the_same_body_not_one_named_in_passing() -> None:
    paragraphs = ["Acme said profits rose. It intends to change the way it accounts for a stake in Beta, "
                  "which it had reported as advertising revenue."]
    q = quote_holding("advertising revenue", paragraphs, org("Acme"), org("Beta"))
    assert (q.speaker, q.evidence, q.verb) == ("Acme", "pronoun", "reported")


def test_it_after_a_body_opening_the_sentence_is_that_body() -> None:
    paragraphs = ["Acme bought a stake in Beta last year, and it said the deal was sound."]
    q = quote_holding("deal was sound", paragraphs, org("Acme"), org("Beta"))
    assert (q.speaker, q.evidence) == ("Acme", "pronoun")


def test_a_verb_before_a_name_is_no_title_of_it() -> None:
    """"the defender believes Mourinho": "defender" is not recorded as Mourinho's title, so "the
    defender says" is not Mourinho."""
    paragraphs = ['Chelsea\'s William Gallas spoke to BBC Sport. "We can win it," he said.',
                  "Gallas has been lifted by the arrival of manager Jose Mourinho.",
                  "And the French international defender believes Mourinho is suited to the job and says "
                  "his expertise will prevent any revolt."]
    q = quote_holding("prevent any revolt", paragraphs, person("William Gallas", "Gallas"),
                      person("Jose Mourinho", "Mourinho"), org("Chelsea"), org("BBC Sport"))
    assert (q.speaker, q.evidence) == ("William Gallas", "description")


def test_an_appositive_list_with_a_place_is_read_over_to_the_name() -> None:
    paragraphs = ['"We get out more than we put in," Dylan Nelson, a fellow at the Max Planck Institute in Munich, '
                  "Germany, and co-author of the study, said in a statement."]
    q = quote_holding("get out more", paragraphs, person("Dylan Nelson", "Nelson"), Actor("Germany", "country"),
                      org("Max Planck Institute"))
    assert (q.speaker, q.evidence) == ("Dylan Nelson", "named")


def test_it_is_not_a_body_named_only_inside_what_the_subject_reported() -> None:
    paragraphs = ["GM added that US truck sales fell 9% in February, however it did acknowledge that some new "
                  "models had sold well."]
    q = quote_holding("sold well", paragraphs, org("General Motors", "GM"), Actor("America", "country", ["US"]))
    assert (q.speaker, q.evidence) == ("General Motors", "pronoun")
