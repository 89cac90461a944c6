"""Word forms and slips for the search index (omg/wordforms.py)."""

import pytest

from omg import wordforms


@pytest.mark.parametrize("word, typed", [
    ("neglect", "neglected"), ("neglect", "neglectful"), ("exploitation", "exploited"),
    ("curiosity", "curious"), ("referral", "referring"), ("professional", "professionals"),
    ("radicalisation", "radicalized"), ("escalation", "escalating"), ("education", "educated"),
    # a final consonant after a single vowel doubled, as English spells it (British 'travelled' too)
    ("plans", "planning"), ("stop", "stopped"), ("drug", "drugged"), ("counsel", "counselling"),
    ("travel", "travelled"), ("label", "labelled"),
])
def test_a_reader_typing_another_form_finds_the_word(word, typed):
    assert any(form.startswith(typed) for form in wordforms.forms(word))


@pytest.mark.parametrize("word, typed", [
    ("neglect", "neglet"), ("neglect", "negelct"), ("safeguarding", "safegaurding"),
    ("conference", "conferance"), ("fostering", "fosterring"),
])
def test_a_one_letter_slip_finds_the_word(word, typed):
    assert any(slip.startswith(typed) for slip in wordforms.slips(word))


def test_short_words_get_only_swapped_letters_and_the_first_letter_is_kept():
    assert wordforms.slips("self") == frozenset({"slef", "sefl"})
    assert wordforms.slips("lea") == frozenset()
    assert all(slip[0] == "n" for slip in wordforms.slips("neglect"))


def test_only_the_longest_of_words_that_start_alike_is_kept():
    assert wordforms.longest(["neglect", "neglected", "neglects", "abuse"]) == ["abuse", "neglected", "neglects"]


@pytest.mark.parametrize(("word", "typed"), [
    ("professional", "proffesional"),   # a letter doubled and a double one made single
    ("professional", "profesionnal"),
])
def test_a_two_letter_slip_of_the_commonest_kind_finds_the_word(word, typed):
    assert typed in wordforms.double_slips(word)


@pytest.mark.parametrize(("word", "typed"), [("curiosity", "curiousity"), ("independence", "independance")])
def test_a_word_built_from_a_related_one_finds_the_word(word, typed):
    assert typed in wordforms.slips(word)


def test_two_letter_slips_stay_few_and_keep_the_first_letter():
    found = wordforms.double_slips("professional")
    assert "proffesional" in found and 0 < len(found) <= 10
    assert all(slip[0] == "p" and slip != "professional" for slip in found)
    assert wordforms.double_slips("abuse") == frozenset()  # too short to slip
    assert wordforms.double_slips("safeguarding") == frozenset()  # no double letter to make single


@pytest.mark.parametrize("word, not_a_word", [
    ("contact", "contactation"), ("council", "councilment"), ("introduction", "introductioned"),
    ("children", "childrenly"), ("exploitation", "exploital"), ("contact", "contactes"),
    ("carers", "carered"), ("carer", "carering"), ("children", "childrened"), ("child", "childed"),
    ("kinship", "kinshiped"), ("need", "needding"), ("open", "openned"), ("help", "helpping"),
])
def test_forms_are_words_of_the_family_not_every_ending_the_stemmer_lets_through(word, not_a_word):
    assert not any(form.startswith(not_a_word) for form in wordforms.forms(word))


def test_only_forms_english_text_uses_are_indexed_in_either_spelling_of_ise_words():
    assert {"cared", "cares", "caring"} <= wordforms.forms("care")
    assert {"radicalised", "radicalising", "radicalized"} <= wordforms.forms("radicalisation")
    assert wordforms.is_word("radicalised") and wordforms.is_word("safeguarding")
    assert not wordforms.is_word("carered") and not wordforms.is_word("childrened")
    assert not {"promized", "supervized"} & (wordforms.forms("promise") | wordforms.forms("supervise"))
    assert "qzxwv" in wordforms.forms("qzxwv")  # the guide's own word is kept, in a word list or not
