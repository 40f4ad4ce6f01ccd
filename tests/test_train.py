"""Training data readers and ``kg train``; the training run itself needs the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from kg.cli import cli
from kg.extract.typer import CLASSES, load_typer
from kg.errors import InputError
from kg.train.corpus import detokenize, read_pwc, read_scierc, read_scirex_docs
from kg.train.train import TrainingData, train

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
MODELS = Path(__file__).resolve().parents[1] / "kg" / "models"
needs_data = pytest.mark.skipif(not (DATA / "scierc" / "train.json").is_file()
                                or not (DATA / "scirex" / "train.jsonl").is_file(),
                                reason="the SciERC, PwC-NER and SciREX corpora are not beside this checkout")


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_detokenize_keeps_token_offsets():
    text, starts = detokenize(["We", "use", "BERT", "(", "Devlin", ")", "."])
    assert text == "We use BERT (Devlin)."
    assert [text[s] for s in starts] == ["W", "u", "B", "(", "D", ")", "."]


def test_read_scierc_maps_labels_and_drops_the_others(tmp_path, nlp):
    record = {"sentences": [["We", "apply", "BERT", "to", "machine", "translation", "on", "WMT", "."]],
              "ner": [[[2, 2, "Method"], [4, 5, "Task"], [7, 7, "Material"], [0, 0, "Generic"]]]}
    path = tmp_path / "train.json"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = read_scierc(path, nlp)
    assert [(e.text, e.label_) for e in doc.ents] == [("BERT", "METHOD"), ("machine translation", "TASK"),
                                                      ("WMT", "DATASET")]


def test_read_pwc_reads_bioes_and_trims_punctuation(tmp_path, nlp):
    path = tmp_path / "train.data"
    lines = ["Graph\tB-METHOD", "Networks\tI-METHOD", "(GCN)\tE-METHOD", "for\tO", "caf\xe9\tO", "",
             "Federated\tB-RESEARCH_PROBLEM", "Learning.\tE-RESEARCH_PROBLEM", ""]
    path.write_bytes("\n".join(lines).encode("cp1252"))
    first, second = read_pwc(path, nlp)
    assert [(e.text, e.label_) for e in first.ents] == [("Graph Networks (GCN", "METHOD")]
    assert [(e.text, e.label_) for e in second.ents] == [("Federated Learning", "TASK")]


def _scirex_paper(doc_id: str) -> dict:
    words = ["document", ":", "FooNet", "for", "Parsing", "We", "train", "FooNet", "on", "WSJ", ".",
             "section", ":", "Results", "Accuracy", "is", "high", ".", "It", "is", "good", "."]
    return {"doc_id": doc_id, "words": words, "sentences": [[0, 5], [5, 11], [11, 14], [14, 18], [18, 22]],
            "sections": [[0, 11], [11, 22]], "coref": {},
            "ner": [[2, 3, "Method"], [4, 5, "Task"], [7, 8, "Method"], [9, 10, "Material"], [14, 15, "Metric"]]}


def test_read_scirex_docs_reads_the_train_part_only(tmp_path, nlp):
    path = tmp_path / "train.jsonl"
    path.write_text("".join(json.dumps(_scirex_paper(i)) + "\n" for i in ("a4", "b0")), encoding="utf-8")
    (doc,) = read_scirex_docs(path, nlp, keep_empty=0.0)
    assert doc.text == "FooNet for Parsing We train FooNet on WSJ."
    assert [(e.text, e.label_) for e in doc.ents] == [("FooNet", "METHOD"), ("Parsing", "TASK"),
                                                      ("FooNet", "METHOD"), ("WSJ", "DATASET")]


@pytest.mark.parametrize(("keep_empty", "texts"), [
    (0.0, ["FooNet for Parsing We train FooNet on WSJ."]),
    (1.0, ["FooNet for Parsing We train FooNet on WSJ.", "Accuracy is high. It is good."]),
])
def test_read_scirex_docs_sub_samples_sentences_without_mentions_and_drops_headings(tmp_path, nlp, keep_empty,
                                                                                    texts):
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(_scirex_paper("a4")) + "\n", encoding="utf-8")
    docs = list(read_scirex_docs(path, nlp, keep_empty=keep_empty))
    assert [d.text for d in docs] == texts
    assert all(not d.ents for d in docs[1:])


@pytest.mark.parametrize(("reader", "content", "problem"), [
    (read_scierc, "{not json}\n", r"train\.json:1: not a SciERC document"),
    (read_pwc, "word B-METHOD\n", r"train\.data:1: expected 'token<TAB>BIOES-tag'"),
])
def test_readers_name_the_bad_line(tmp_path, nlp, reader, content, problem):
    path = tmp_path / ("train.json" if reader is read_scierc else "train.data")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        list(reader(path, nlp))


def test_train_names_a_missing_corpus_file(tmp_path):
    with pytest.raises(InputError, match=r"train\.json: training file not found"):
        train(TrainingData(tmp_path, tmp_path / "train.data"), tmp_path / "model")


def test_train_names_a_missing_scirex_file(tmp_path):
    (tmp_path / "train.json").touch(), (tmp_path / "dev.json").touch(), (tmp_path / "train.data").touch()
    with pytest.raises(InputError, match=r"scirex\.jsonl: training file not found"):
        train(TrainingData(tmp_path, tmp_path / "train.data", tmp_path / "scirex.jsonl"), tmp_path / "model")


def test_cli_train_without_data_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(cli, ["train", "--scierc", str(tmp_path), "--pwc", str(tmp_path / "x"),
                                      "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and "training file not found" in result.output


def _shipped_models() -> dict[str, bytes]:
    return {str(p.relative_to(MODELS)): p.read_bytes() for p in sorted(MODELS.rglob("*")) if p.is_file()}


@needs_data
def test_a_short_training_run_writes_loadable_models_where_it_is_told(tmp_path):
    shipped = _shipped_models()
    result = CliRunner().invoke(cli, ["train", "--scierc", str(DATA / "scierc"), "--pwc", str(DATA / "pwc-ner" / "train.data"),
                                      "--scirex", str(DATA / "scirex" / "train.jsonl"), "--out", str(tmp_path / "ner"),
                                      "--typer-out", str(tmp_path / "typer"), "--epochs", "1", "--limit", "40"])
    assert result.exit_code == 0, result.output
    assert _shipped_models() == shipped
    assert load_typer(tmp_path / "typer").classes == tuple(CLASSES)
    recogniser = spacy.load(tmp_path / "ner")
    assert recogniser.pipe_names == ["ner"]
    assert set(recogniser.get_pipe("ner").labels) == {"DATASET", "METHOD", "TASK"}
    assert "train = null" in (tmp_path / "ner" / "config.cfg").read_text(encoding="utf-8")
