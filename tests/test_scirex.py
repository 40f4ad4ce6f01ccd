"""The SciREX reader, its fixed held-out split, and the yardstick scored on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.evaluation.scirex import Yardstick, gold_paper, mention_scores, read_split
from kg.records import Extraction, Mention, Paper
from kg.train.scirex import front_matter, held_out, read_scirex

SCIREX = Path(__file__).resolve().parents[2] / "shared" / "data" / "scirex" / "train.jsonl"
needs_scirex = pytest.mark.skipif(not SCIREX.is_file(), reason="SciREX is not beside this checkout")

_WORDS = ("document : V - Net for Volumetric Image Segmentation . We propose V - Net , a fully convolutional "
          "network , and evaluate it on PROMISE 2012 with the Dice score , beating U - Net .").split()


def _doc(doc_id: str, words=_WORDS) -> dict:
    title_end = words.index(".") + 1
    return {"doc_id": doc_id, "words": list(words), "sections": [[0, len(words)]],
            "sentences": [[0, title_end], [title_end, len(words)]],
            "ner": [[2, 5, "Method"], [6, 9, "Task"], [12, 15, "Method"], [25, 27, "Material"], [29, 30, "Metric"],
                    [33, 36, "Method"]],
            "coref": {"V-Net": [[2, 5], [12, 15]], "PROMISE_2012": [[25, 27]], "Dice": [[29, 30]]},
            "n_ary_relations": [{"Method": "V-Net", "Material": "PROMISE_2012", "Metric": "Dice", "score": "0.869"}]}


def _write(path: Path, *docs: dict) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_the_split_is_fixed_by_the_last_character_of_the_id(tmp_path):
    path = _write(tmp_path / "s.jsonl", _doc("a0"), _doc("b3"), _doc("c4"), _doc("d9"))
    assert [d["doc_id"] for d in read_scirex(path, part="held-out")] == ["a0", "b3"]
    assert [d["doc_id"] for d in read_scirex(path, part="train")] == ["c4", "d9"]
    assert len(list(read_scirex(path, part="all"))) == 4
    assert held_out("ff2") and not held_out("ff7")


def test_front_matter_recovers_title_abstract_and_mention_offsets():
    paper = front_matter(_doc("x0"))
    assert paper.title == "V-Net for Volumetric Image Segmentation."
    assert paper.abstract.startswith("We propose V-Net, a fully convolutional network")
    for m in paper.mentions:
        text = paper.title if m.field == "title" else paper.abstract
        assert text[m.start:m.end] == m.text
    assert [(m.field, m.text, m.type, m.entity) for m in paper.mentions] == [
        ("title", "V-Net", "Method", "V-Net"), ("title", "Volumetric Image Segmentation", "Task", None),
        ("abstract", "V-Net", "Method", "V-Net"), ("abstract", "PROMISE 2012", "Dataset", "PROMISE 2012"),
        ("abstract", "U-Net", "Method", None)]
    assert paper.result_methods == {"V-Net"}


def test_front_matter_is_none_when_title_and_abstract_cannot_be_told_apart():
    doc = _doc("x0")
    doc["words"][0:2] = ["Preface", "—"]
    doc["sentences"] = [[0, len(doc["words"])]]
    assert front_matter(doc) is None


def test_gold_has_salient_entities_core_and_other_mentions_not():
    gold = gold_paper(front_matter(_doc("x0")))
    by_name = {e.name: e for e in gold.entities}
    assert by_name["V-Net"].core and by_name["V-Net"].role == "proposed"
    assert by_name["PROMISE 2012"].core and by_name["PROMISE 2012"].type == "Dataset"
    assert not by_name["U-Net"].core and not by_name["Volumetric Image Segmentation"].core
    assert "Dice" not in by_name  # a Metric is not an entity of the graph


def test_mention_scores_count_exact_ranges_and_a_model_as_a_method():
    paper = front_matter(_doc("x0"))
    start = paper.abstract.index("V-Net")
    found = Extraction(Paper("x0", paper.title), (
        Mention("V-Net", "abstract", start, start + 5, "Model", "proposes", "rule", 0.9, "", None, None),
        Mention("Net", "abstract", start + 2, start + 5, "Method", "uses", "rule", 0.9, "", None, None)), ())
    scores = mention_scores([paper], [found])
    assert (scores["untyped"].tp, scores["untyped"].fp, scores["untyped"].fn) == (1, 1, 4)
    assert scores["Method"].tp == 1 and scores["Dataset"].fn == 1


def test_a_line_that_is_not_a_scirex_paper_names_its_line(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(json.dumps(_doc("a0")) + "\n" + '{"doc_id": "b1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"s\.jsonl:2: not a SciREX paper"):
        list(read_scirex(path, part="all"))


@needs_scirex
def test_the_held_out_split_of_scirex_is_87_papers_80_with_front_matter():
    assert sum(1 for _ in read_scirex(SCIREX, part="held-out")) == 87
    assert sum(1 for _ in read_scirex(SCIREX, part="train")) == 219
    assert len(read_split(SCIREX)) == 80


@needs_scirex
def test_the_yardstick_scores_the_held_out_papers():
    overall, per_type, mentions = Yardstick(SCIREX).scores()
    assert overall.papers == 80 and not overall.missing
    assert overall.untyped.f1 > 0.4 and mentions["untyped"].f1 > 0.3
    assert set(per_type) == {"Method", "Task", "Dataset"}
