"""The results yardstick on SciREX: result tuples an abstract states, and results read from full text."""

from __future__ import annotations

from decimal import Decimal

from kg.evaluation.scirex_results import full_text_scores, gold_results, result_scores
from kg.records import Facts, Link, Mention, Paper, Result
from kg.train.scirex import front_matter

WORDS = ("document : V - Net for Segmentation . We propose V - Net and reach a Dice score of 0.869 on PROMISE 2012 , "
         "beating U - Net ( 0.834 on PROMISE 2012 ) .").split()


def doc(score: str = "0.869") -> dict:
    title_end = WORDS.index(".") + 1
    return {"doc_id": "x0", "words": list(WORDS), "sections": [[0, len(WORDS)]],
            "sentences": [[0, title_end], [title_end, len(WORDS)]],
            "ner": [[2, 5, "Method"], [6, 7, "Task"], [10, 13, "Method"], [21, 23, "Material"], [25, 28, "Method"],
                    [31, 33, "Material"]],
            "coref": {"V-Net": [[2, 5], [10, 13]], "PROMISE_2012": [[21, 23], [31, 33]], "U-Net": [[25, 28]]},
            "n_ary_relations": [{"Method": "V-Net", "Material": "PROMISE_2012", "Metric": "Dice", "score": score}]}


def test_the_gold_is_the_tuples_whose_score_the_abstract_writes():
    paper = front_matter(doc())
    (gold,) = gold_results(doc(), paper)
    assert (gold.metric, gold.value) == ("Dice", Decimal("0.869"))
    assert gold_results(doc("0.9"), front_matter(doc("0.9"))) == []


def test_a_result_matches_by_overlapping_mentions_and_equal_value():
    paper = front_matter(doc())
    gold = gold_results(doc(), paper)
    vnet = paper.abstract.index("V-Net")
    promise = paper.abstract.index("PROMISE")
    m1 = Mention("V-Net", "abstract", vnet, vnet + 5, "Method", "proposes", "t", 1.0)
    m2 = Mention("PROMISE 2012", "abstract", promise, promise + 12, "Dataset", "evaluatesOn", "t", 1.0)
    links = (Link("x0", "method/v-net", "proposes", (m1,)), Link("x0", "dataset/promise-2012", "evaluatesOn", (m2,)))

    def facts(value: str, metric: str) -> Facts:
        result = Result("x0", 1, "method/v-net", "dataset/promise-2012", None, metric, value, "", "abstract", 0, 1, "",
                        "t", 1.0)
        return Facts((Paper("x0", paper.title, paper.abstract),), (), links, (result,))

    assert result_scores(gold, facts("0.869", "Dice"), metric=True).tp == 1
    assert result_scores(gold, facts("0.869", "F1"), metric=False).tp == 1
    assert result_scores(gold, facts("0.869", "F1"), metric=True).tp == 0
    assert result_scores(gold, facts("0.87", "Dice"), metric=False).fp == 1


def test_full_text_results_with_gold_mentions():
    score = full_text_scores([doc()], metric=True)
    assert (score.tp, score.fn) == (1, 0)
    assert score.fp == 1  # U-Net's 0.834 is a result SciREX does not annotate
