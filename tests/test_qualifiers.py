from __future__ import annotations

import pytest

from kg.extract.candidates import Candidate
from kg.extract.lexicon import load_lexicon
from kg.extract.qualifiers import qualify_datasets


def _cand(text: str, name: str, kind: str = "Dataset", concept: str | None = None) -> Candidate:
    start = text.index(name)
    return Candidate(start, start + len(name), name, kind, "lexicon" if concept else "name-shape", 0.8,
                     concept=concept)


@pytest.mark.parametrize(("text", "name", "expected", "concept"), [
    ("Results on WMT16 En-Ro are strong.", "WMT16", "WMT16 En-Ro", None),
    ("We train on IWSLT14 German→English.", "IWSLT14", "IWSLT14 German→English", None),
    ("on WMT'14 English to French translation", "WMT'14", "WMT'14 English to French", None),
    ("the SemEval-2020 shared task", "SemEval", "SemEval-2020", "foo"),
    ("the FooBench 2024 split", "FooBench", "FooBench 2024", "foo"),
    ("on COCO train-val", "COCO", "COCO", "foo"),
    ("on Google Speech Commands V2.", "Google Speech Commands", "Google Speech Commands V2", "foo"),
    ("on OntoNotes v5.0 and", "OntoNotes", "OntoNotes v5.0", "foo"),
    ("WER on LibriSpeech test-other is 4.1", "LibriSpeech", "LibriSpeech test-other", "foo"),
    ("box AP on COCO test-dev.", "COCO", "COCO test-dev", "foo"),
    ("on COCO test-time", "COCO", "COCO", "foo"),
    ("on FooBench in 2024", "FooBench", "FooBench", "foo"),
    ("on FooBench 2024a", "FooBench", "FooBench", "foo"),
    ("on FooBench Alpha-Beta", "FooBench", "FooBench", "foo"),
])
def test_a_dataset_takes_the_year_or_language_pair_written_after_it(text, name, expected, concept):
    cand = _cand(text, name, concept="foo")
    qualify_datasets([cand], text, None)
    assert text[cand.start:cand.end] == cand.text == expected
    assert cand.concept == concept


def test_only_datasets_are_widened_and_never_over_another_name():
    text = "BERT 2019 and ZooSet English-German"
    bert, zoo, english = _cand(text, "BERT", "Model"), _cand(text, "ZooSet"), _cand(text, "English", "Task")
    qualify_datasets([bert, zoo, english], text, None)
    assert (bert.text, zoo.text) == ("BERT", "ZooSet")


def test_a_widened_name_the_lexicon_knows_takes_its_concept():
    lexicon = load_lexicon()
    text = "We evaluate on FER-2013 and FooSet 2013."
    fer, foo = _cand(text, "FER", concept="facial-expression-recognition"), _cand(text, "FooSet")
    qualify_datasets([fer, foo], text, lexicon)
    assert (fer.text, fer.concept) == ("FER-2013", lexicon.lookup("FER-2013").id) != ("FER-2013", None)
    assert (foo.text, foo.concept) == ("FooSet 2013", None)
