"""The learned typer: its features, the shipped model's decisions, how extraction applies them, its training."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kg.errors import KgError
from kg.extract.candidates import Candidate
from kg.extract.lexicon import load_lexicon
from kg.extract.typer import CLASSES, NOT_AN_ENTITY, Typer, features, learned_types, load_typer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_data = pytest.mark.skipif(not (DATA / "scirex" / "train.jsonl").is_file(),
                                reason="SciREX, SciERC and PwC-NER are not beside this checkout")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def _best(text: str, span: str, lexicon) -> str:
    typer = load_typer()
    start = text.index(span)
    row = typer.probabilities([features(text, start, start + len(span), lexicon)])[0]
    return typer.classes[int(row.argmax())]


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("We evaluate on FooCodeBench and report pass rates.", "FooCodeBench", "Dataset"),
    ("Distilled from DeepSeek-R1, the student reasons well.", "DeepSeek-R1", "Model"),
    ("We study long-context retrieval for language models.", "long-context retrieval", "Task"),
    ("Images are converted to the YCbCr colour space first.", "YCbCr", NOT_AN_ENTITY),
    ("We optimise it with stochastic variance-reduced gradient descent.", "stochastic variance-reduced gradient descent",
     "Method"),
])
def test_the_shipped_typer_types_names_it_has_never_seen(text, span, expected, lexicon):
    assert _best(text, span, lexicon) == expected


def test_features_see_form_context_and_the_lexicon(lexicon):
    text = "We fine-tune Qwen9-Coder on data."
    f = features(text, 13, 24, lexicon)
    assert {"digit", "hyphen", "l1=fine-tune", "r1=on", "lexfamily=Model"} <= set(f)
    assert not any(x.startswith("lexhead=") for x in features("We use Zorblax here.", 7, 14, lexicon))


def _typer(decisions: dict[str, str], weight: float = 20.0) -> Typer:
    """A typer that gives each listed head word's class ``weight`` (a stand-in with known answers).

    A weight of ln 6 makes that class's probability 6 / (6 + 4) = 0.6 among the five classes.
    """
    from kg.extract.typer import hashed

    n = 2 ** 16
    weights = np.zeros((len(CLASSES), n))
    for word, kind in decisions.items():
        column = hashed([[f"head={word}"]], n).nonzero()[1][0]
        weights[CLASSES.index(kind), column] = weight
    return Typer(CLASSES, weights, np.zeros(len(CLASSES)))


def test_learned_types_retypes_drops_and_leaves_known_and_fixed_names_alone():
    text = "Foo and Bar and Baz and Qux-7B and ImageNet"
    cands = [Candidate(0, 3, "Foo", "Method", "name-shape", 0.5),
             Candidate(8, 11, "Bar", "Method", "name-shape", 0.5),
             Candidate(16, 19, "Baz", "Method", "name-shape", 0.5, proposed=True),
             Candidate(24, 30, "Qux-7B", "Model", "model-name", 0.8),
             Candidate(35, 43, "ImageNet", "Dataset", "lexicon", 0.9, concept="imagenet")]
    typer = _typer({"foo": "Task", "bar": NOT_AN_ENTITY, "baz": NOT_AN_ENTITY, "qux-7b": "Task", "imagenet": "Task"})
    kept = learned_types(cands, text, None, typer)
    assert [(c.text, c.type) for c in kept] == [("Foo", "Task"), ("Baz", "Method"), ("Qux-7B", "Model"),
                                               ("ImageNet", "Dataset")]


def test_a_name_the_paper_proposes_is_never_dropped():
    text = "Foo wins and Baz wins"
    again = Candidate(0, 3, "Foo", "Method", "name-shape", 0.5)
    other = Candidate(13, 16, "Baz", "Method", "name-shape", 0.5)
    typer = _typer({"foo": NOT_AN_ENTITY, "baz": NOT_AN_ENTITY})
    assert [c.text for c in learned_types([again, other], text, None, typer, proposed={"Foo"})] == ["Foo"]
    assert learned_types([again, other], text, None, typer) == []


def test_a_dataset_cue_is_retyped_only_when_the_typer_is_sure():
    text = "49.8% on Foo and on Bar"
    cue = Candidate(9, 12, "Foo", "Dataset", "dataset-cue", 0.65)
    shaped = Candidate(20, 23, "Bar", "Dataset", "name-shape", 0.5)
    learned_types([cue, shaped], text, None, _typer({"foo": "Method", "bar": "Method"}, weight=np.log(6.0)))
    assert (cue.type, shaped.type) == ("Dataset", "Method")
    learned_types([cue], text, None, _typer({"foo": "Method"}))
    assert cue.type == "Method"


def test_an_abbreviation_takes_the_decision_of_its_long_form():
    text = "column generation (CG)"
    long = Candidate(0, 17, "column generation", "Task", "abbreviation", 0.75, long_form="column generation")
    short = Candidate(19, 21, "CG", "Task", "abbreviation", 0.75, long_form="column generation")
    learned_types([long, short], text, None, _typer({"generation": "Method", "cg": "Dataset"}))
    assert (long.type, short.type) == ("Method", "Method")


def test_a_missing_typer_is_a_clear_error(tmp_path):
    load_typer.cache_clear()
    with pytest.raises(KgError, match="cannot load the trained typer"):
        load_typer(tmp_path)


@needs_data
def test_training_writes_a_typer_that_loads_and_reports_held_out_accuracy(tmp_path):
    from kg.train.typer import TyperData, train_typer

    data = TyperData(DATA / "scirex" / "train.jsonl", DATA / "scierc", DATA / "pwc-ner" / "train.data")
    figures = train_typer(data, tmp_path / "typer", limit=3000, documents=20)
    assert sum(figures["examples"].values()) == 3000
    assert 0.3 < figures["held_out_accuracy"] <= 1.0
    typer = load_typer(tmp_path / "typer")
    assert typer.classes == CLASSES and typer.weights.shape == (len(CLASSES), 2 ** 18)
