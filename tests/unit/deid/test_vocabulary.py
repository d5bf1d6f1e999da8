"""Known non-identifiers (drugs, apps, eponyms, word-names used as words) are left alone, unless a
person cue says otherwise or the chart knows the word: the chart always wins."""

from __future__ import annotations

import io
import pickle
import sys
from collections import OrderedDict

import pytest

from closeddoor.deid import ChartIdentifiers, Label, vocabulary
from closeddoor.deid.lexicon import lexicon
from tests.unit.deid.helpers import covered, label_of, untouched


@pytest.mark.parametrize(("text", "word"), [
    ("Client was started on Zoloft 50 mg and tolerates it well.", "Zoloft"),
    ("Abilify 2 mg was added last month.", "Abilify"),
    ("Continues Suboxone maintenance through the clinic.", "Suboxone"),
    ("Narcan kit provided; overdose response reviewed.", "Narcan"),
    ("Wellbutrin XL was added for energy.", "Wellbutrin XL"),
    ("Vraylar caused restlessness and was stopped.", "Vraylar"),
    ("Depakote was switched to Lamictal because of weight gain.", "Lamictal"),
    ("Tylenol and Advil for headaches.", "Advil"),
])
def test_drug_name_not_flagged_when_no_person_cue(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "word"), [
    ("She scrolls TikTok for hours at night.", "TikTok"),
    ("Instagram comparisons fuel her shame.", "Instagram"),
    ("Client takes an Uber to sessions on weekends.", "Uber"),
    ("He watches Netflix to avoid thinking about work.", "Netflix"),
])
def test_app_not_flagged_when_no_person_cue(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "word"), [
    ("Beck Depression Inventory score was 24 today.", "Beck"),
    ("Hamilton Anxiety Rating Scale was used at intake.", "Hamilton"),
    ("Couples work follows the Gottman method.", "Gottman"),
    ("Linehan's DBT skills were taught in group.", "Linehan"),
    ("Reviewed Ellis's ABC model of irrational beliefs.", "Ellis"),
    ("Wechsler testing showed a processing speed weakness.", "Wechsler"),
    ("Rorschach results were discussed with the psychologist.", "Rorschach"),
    ("Client was diagnosed with Hashimoto's last spring.", "Hashimoto"),
    ("Her uncle has Huntington's and she is considering testing.", "Huntington"),
    ("Asperger's was the diagnosis given in childhood.", "Asperger"),
])
def test_eponym_not_flagged_when_it_names_a_method_instrument_or_condition(
        text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "name"), [
    ("Her friend Beck drove her to the appointment.", "Beck"),
    ("Mr. Ellis from the school called about attendance.", "Ellis"),
    ("Hayes called to say he would be late.", "Hayes"),
    ("Parkinson's wife called the office.", "Parkinson"),
    ("Her friend Armour drove her home.", "Armour"),  # a drug brand, and here a person
    ("Allegra said she was tired of the arguments.", "Allegra"),  # a drug and a given name
    ("Client will try to call Chase Uber before the weekend.", "Chase Uber"),  # beside a name
])
def test_listed_word_flagged_when_it_names_a_person(text: str, name: str) -> None:
    assert covered(text, name)
    assert label_of(text, name) is Label.NAME


@pytest.mark.parametrize(("text", "name", "client"), [
    ("Beck Depression Inventory score was 24 today.", "Beck", "Thomas Beck"),
    ("Reviewed Beck's triad in session.", "Beck", "Thomas Beck"),
    ("Frank psychosis is not present.", "Frank", "Frank Morales"),
])
def test_chart_known_name_flagged_when_a_vocabulary_rule_would_clear_it(
        text: str, name: str, client: str) -> None:
    assert untouched(text, name)  # without the chart, the word reads as a thing
    assert covered(text, name, ChartIdentifiers(legal_name=client))


def test_chart_known_name_flagged_when_it_is_also_a_drug() -> None:
    chart = ChartIdentifiers(legal_name="Dana Xanax")  # silly, but the chart still wins
    assert covered("Xanax was stopped in the spring.", "Xanax", chart)


@pytest.mark.parametrize(("text", "word"), [
    ("Frank psychosis is not present.", "Frank"),
    ("Sandy soil at the beach was a calming image.", "Sandy"),
    ("Pat dry after the shower was part of the sensory plan.", "Pat"),
    ("Plan:\n- Will send records once the ROI is signed.", "Will"),
])
def test_word_name_not_flagged_when_it_opens_a_sentence_as_a_word(text: str, word: str) -> None:
    assert untouched(text, word)


@pytest.mark.parametrize(("text", "name"), [
    ("Frank said he would come to the next session.", "Frank"),
    ("Sandy will call on Monday.", "Sandy"),
    ("Pat wants to move in together.", "Pat"),
    ("Frank's mother called.", "Frank"),
    ("- Maria called the office.", "Maria"),
])
def test_word_name_flagged_when_it_opens_a_sentence_as_a_subject(text: str, name: str) -> None:
    assert covered(text, name)


def test_drug_names_come_from_the_bundled_dictionary_without_importing_its_package() -> None:
    drugs = vocabulary.drug_names()
    assert {"zoloft", "sertraline", "abilify", "suboxone", "narcan"} <= drugs
    assert len(drugs) > 10_000
    assert "drug_named_entity_recognition" not in sys.modules  # it writes to the home directory


def test_vocabulary_words_that_are_names_or_cities_stay_out_when_lexicon_built() -> None:
    lex = lexicon()
    assert not lex.things & (lex.first_names | lex.last_names | lex.cities)
    assert "allegra" in vocabulary.drug_names() and "allegra" not in lex.things


def test_dictionary_loader_refuses_classes_when_unpickling() -> None:
    data = pickle.dumps(OrderedDict(a=1))  # any class reference must be refused
    with pytest.raises(pickle.UnpicklingError):
        vocabulary._PlainData(io.BytesIO(data)).load()
    assert vocabulary._PlainData(io.BytesIO(pickle.dumps({"a": ["b"]}))).load() == {"a": ["b"]}
