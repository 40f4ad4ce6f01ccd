"""Results in abstracts: metrics, result values, which number is whose, and how they reach the graph."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.builder.cache import cache_line, read_cache
from kg.extract.clauses import Name
from kg.extract.metrics import LOWER_IS_BETTER, METRICS, find_metrics, lower_is_better
from kg.extract.results import find_results
from kg.extract.values import find_values
from kg.records import Entity, Extraction, Link, Mention, Paper, ResultMention
from kg.resolve.results import resolve_results


def names(text: str, **typed: str) -> list[Name]:
    """A Name for the first occurrence of each ``text=type`` keyword (``_`` in keys stands for any character)."""
    found = []
    for word, kind in typed.items():
        match = re.search(re.escape(word).replace("_", "."), text)
        assert match, word
        found.append(Name(match.start(), match.end(), kind))
    return sorted(found, key=lambda n: n.start)


def read(text: str, spans: list[Name], proposal: str | None = None) -> list[tuple[str, str, str, str]]:
    """(entity, dataset, metric, value+unit) of every result of one sentence."""
    own = None
    if proposal is not None:
        start = text.index(proposal)
        own = ("abstract", start, start + len(proposal))
    results = find_results(text, "abstract", [(0, len(text))], spans, own)
    return [(text[r.entity[1]:r.entity[2]], text[r.dataset[1]:r.dataset[2]], r.metric, r.value + r.unit) for r in results]


@pytest.mark.parametrize(("text", "label"), [
    ("76.2% top-1 accuracy", "top-1 accuracy"), ("45.1 box AP", "box AP"), ("an F1 score of 88.0", "F1"),
    ("28.4 BLEU", "BLEU"), ("45.1 mIoU", "mIoU"), ("mean intersection-over-union of 80", "mIoU"),
    ("72.1% exact match", "exact match"), ("pass@1 of 67%", "pass@1"), ("a perplexity of 18.3", "perplexity"),
    ("word error rate of 5.9%", "WER"), ("41.5% length-controlled win rate", "length-controlled win rate"),
    ("a MOS of 4.21", "MOS"), ("a negative log-likelihood of 0.92", "NLL"),
    ("a mean TM-score of 0.78", "TM-score"), ("71.2 joint F1", "joint F1"), ("an FVD of 120", "FVD"),
    ("an $F_{0.5}$ of 62.6", "F0.5"), ("F0.5 = 58.3", "F0.5"), ("a normalized accuracy of 67.9%", "normalized accuracy"),
    ("an nDCG@10 of 52.1", "nDCG@10"), ("NDCG@5 = 40", "nDCG@5"),
])
def test_metrics_have_one_canonical_label(text, label):
    assert [m.label for m in find_metrics(text)] == [label]


def test_lower_is_better_names_known_metrics():
    assert LOWER_IS_BETTER <= set(METRICS)
    assert lower_is_better("FID") and lower_is_better("NLL") and not lower_is_better("MOS")


def test_capitalised_metric_forms_match_only_as_written():
    assert find_metrics("it IS an ap") == []
    assert [m.label for m in find_metrics("an AP of 40 and an EM of 70")] == ["AP", "exact match"]


@pytest.mark.parametrize(("text", "values"), [
    ("It reaches 76.2% and 0.93.", [("76.2", "%"), ("0.93", "")]),
    ("a 1,234.5 Elo rating", [("1234.5", "")]),
    ("pass@1 rates of 42.9\\% and 62.2\\%", [("42.9", "%"), ("62.2", "%")]),
    ("from 77.5% to 83.9%", [("83.9", "%")]),
    ("1.08 bits per character and 3.1 bits/dim", [("1.08", ""), ("3.1", "")]),
    ("scores of 44.8/21.9/41.6 and 85.1%/80.2%", [("44.8", ""), ("21.9", ""), ("41.6", ""), ("85.1", "%"), ("80.2", "%")]),
])
def test_result_values(text, values):
    assert [(v.value, v.unit) for v in find_values(text, 0, len(text), [], [])] == values


@pytest.mark.parametrize("text", [
    "We train a 7B model with 2.5-bit weights on 1.2 million images for 90 epochs on 8 GPUs.",
    "It is 5x faster, a 3.2 times speedup.",
    "Accuracy improves by 2.1 points, a gain of 3.4%, +1.8% absolute.",
    "Win rates lie between 66% and 77%; it solves 8/644 problems.",
    "Published in 2024, the O(n^2.5) algorithm beats O(n^3).",
    "Figure 3 and Table 2 report 12 tasks in 3 languages.",
    "Weights take 4 bits per weight, 2 bits each, at 120 FPS.",
    "It gains 1.2/0.8 points on 12/05/2024, with 0.5/0.3 GB and a learning rate of 0.1/0.01.",
])
def test_numbers_that_are_no_result_values(text):
    assert find_values(text, 0, len(text), [], []) == []


def test_a_number_inside_a_name_is_part_of_it():
    text = "GPT-4 and Qwen2.5 reach 80.1%."
    taken = [(0, 5), (10, 17)]
    assert [v.value for v in find_values(text, 0, len(text), taken, [])] == ["80.1"]


def test_value_metric_and_dataset_in_one_phrase():
    text = "ResNet-50 reaches 76.2% top-1 accuracy on ImageNet."
    assert read(text, names(text, **{"ResNet-50": "Model", "ImageNet": "Dataset"})) == [
        ("ResNet-50", "ImageNet", "top-1 accuracy", "76.2%")]


def test_a_metric_carries_over_to_the_next_dataset():
    text = "Our detector obtains 45.1 box AP on COCO and 38.0 on LVIS."
    spans = names(text, COCO="Dataset", LVIS="Dataset") + [Name(0, 0, "Method")]
    assert read(text, spans[:2], proposal="Our detector") == [
        ("Our detector", "COCO", "box AP", "45.1"), ("Our detector", "LVIS", "box AP", "38.0")]


def test_a_dataset_between_two_values_ends_their_list():
    text = "GenNet attains an FID of 2.10 on CIFAR-10 and 3.85 on FFHQ."
    spans = names(text, GenNet="Method", **{"CIFAR-10": "Dataset", "FFHQ": "Dataset"})
    assert read(text, spans) == [("GenNet", "CIFAR-10", "FID", "2.10"), ("GenNet", "FFHQ", "FID", "3.85")]


def test_respectively_after_values_on_separate_datasets_pairs_them_in_order():
    text = "BioLM achieves 67.4% on MedQA (USMLE) and 72.9% on PubMedQA, outperforming GPT-3.5 (60.2% and 71.6%, respectively)."
    spans = names(text, BioLM="Model", **{"MedQA": "Dataset", "PubMedQA": "Dataset", "GPT-3.5": "Model"})
    assert read(text, spans)[2:] == [("GPT-3.5", "MedQA", "accuracy", "60.2%"), ("GPT-3.5", "PubMedQA", "accuracy", "71.6%")]


def test_a_participle_after_a_comparison_reports_for_the_subject():
    text = "MixNet outperforms BaseLM on most benchmarks, reaching 70.6% on MMLU and 40.2% on HumanEval."
    spans = names(text, MixNet="Model", BaseLM="Model", MMLU="Dataset", HumanEval="Dataset")
    assert read(text, spans) == [("MixNet", "MMLU", "accuracy", "70.6%"), ("MixNet", "HumanEval", "accuracy", "40.2%")]


def test_a_metric_raised_from_one_value_to_another_and_the_next_metric_not_taken_for_this_one():
    text = "FooNet raises the MRR on CodeSearchNet from 0.701 to 0.742, top-1 accuracy from 76.1% to 78.4% on ImageNet and mIoU from 44.0 to 47.2 on ADE20K."
    spans = names(text, FooNet="Model", CodeSearchNet="Dataset", ImageNet="Dataset", ADE20K="Dataset")
    assert read(text, spans) == [("FooNet", "CodeSearchNet", "MRR", "0.742"), ("FooNet", "ImageNet", "top-1 accuracy", "78.4%"),
                                 ("FooNet", "ADE20K", "mIoU", "47.2")]


def test_respectively_pairs_values_with_datasets_and_the_baseline_gets_its_own():
    text = ("FooNet reaches an F1 of 88.0 and 79.3 on CoNLL-2003 and OntoNotes, against 86.4 and 77.1 "
            "respectively for the baseline BiLSTM-CRF.")
    spans = names(text, FooNet="Method", **{"CoNLL-2003": "Dataset", "OntoNotes": "Dataset", "BiLSTM-CRF": "Method"})
    assert read(text, spans) == [
        ("FooNet", "CoNLL-2003", "F1", "88.0"), ("FooNet", "OntoNotes", "F1", "79.3"),
        ("BiLSTM-CRF", "CoNLL-2003", "F1", "86.4"), ("BiLSTM-CRF", "OntoNotes", "F1", "77.1")]


def test_a_table_written_as_prose():
    text = "On MMLU, GSM8K and MATH, Qwen-7B scores 70.1%, 56.3% and 20.4% accuracy, respectively."
    spans = names(text, MMLU="Dataset", GSM8K="Dataset", MATH="Dataset", **{"Qwen-7B": "Model"})
    assert read(text, spans) == [("Qwen-7B", "MMLU", "accuracy", "70.1%"), ("Qwen-7B", "GSM8K", "accuracy", "56.3%"),
                                 ("Qwen-7B", "MATH", "accuracy", "20.4%")]


def test_a_number_beside_its_dataset():
    text = "Our prover reaches state-of-the-art results on miniF2F (61.7%, pass@32) and ProofNet (23.1%, pass@32)."
    spans = names(text, miniF2F="Dataset", ProofNet="Dataset")
    assert read(text, spans, proposal="Our prover") == [
        ("Our prover", "miniF2F", "pass@32", "61.7%"), ("Our prover", "ProofNet", "pass@32", "23.1%")]


def test_a_baseline_named_after_its_number():
    text = "Our model achieves 85.3% accuracy on GSM8K, compared with 80.1% for GPT-3.5."
    spans = names(text, GSM8K="Dataset", **{"GPT-3.5": "Model"})
    assert read(text, spans, proposal="Our model") == [
        ("Our model", "GSM8K", "accuracy", "85.3%"), ("GPT-3.5", "GSM8K", "accuracy", "80.1%")]


def test_a_baseline_without_a_name_is_dropped_and_so_is_the_number_before_an_improvement():
    text = "The method raises accuracy on GSM8K from 77.5% to 83.9%, outperforming the previous best (80.2%) by 3.7%."
    assert read(text, names(text, GSM8K="Dataset"), proposal="The method") == [
        ("The method", "GSM8K", "accuracy", "83.9%")]


def test_the_subject_of_the_reporting_verb_is_the_entity():
    text = "With a LLaMA-3-8B-based SFT model, INPO achieves a 41.5% length-controlled win rate on AlpacaEval 2.0."
    spans = names(text, **{"LLaMA-3-8B": "Model", "INPO": "Method", "AlpacaEval 2.0": "Dataset"})
    assert read(text, spans) == [("INPO", "AlpacaEval 2.0", "length-controlled win rate", "41.5%")]


def test_no_dataset_no_result():
    text = "FooNet reaches 76.2% top-1 accuracy on a benchmark we collected."
    assert read(text, names(text, FooNet="Method")) == []


def read_sentences(text: str, spans: list[Name], proposal: str) -> list[tuple[str, str, str, str, float]]:
    """(entity, dataset, metric, value+unit, confidence) of every result of a text of several sentences."""
    sentences, start = [], 0
    for match in re.finditer(r"\.(?: |$)", text):
        sentences.append((start, match.end()))
        start = match.end()
    at = text.index(proposal)
    results = find_results(text, "abstract", sentences, spans, ("abstract", at, at + len(proposal)))
    return [(text[r.entity[1]:r.entity[2]], text[r.dataset[1]:r.dataset[2]], r.metric, r.value + r.unit, r.confidence)
            for r in results]


def test_a_sentence_without_a_dataset_takes_those_of_the_sentence_before_with_less_confidence():
    text = "We evaluate FooNet on NQ and TriviaQA. It obtains 54.2 and 71.9 exact match, respectively."
    found = read_sentences(text, names(text, FooNet="Method", NQ="Dataset", TriviaQA="Dataset"), "FooNet")
    assert [r[:4] for r in found] == [("FooNet", "NQ", "exact match", "54.2"),
                                      ("FooNet", "TriviaQA", "exact match", "71.9")]
    same_sentence = read(text.replace(". It", ", and it"), names(text, FooNet="Method", NQ="Dataset", TriviaQA="Dataset"))
    assert [r[:4] for r in found] == same_sentence
    assert all(r[4] < 0.8 for r in found)


def test_a_carried_dataset_needs_a_named_metric_and_only_the_sentence_right_before():
    text = "We evaluate FooNet on GSM8K. It reaches 85.3% in 4 hours. Training is cheap. FooNet reaches 70.1% accuracy."
    assert read_sentences(text, names(text, FooNet="Method", GSM8K="Dataset"), "FooNet") == []


def _cases(*rows):
    return [pytest.param(text, typed, expected, id=name) for name, text, typed, expected in rows]


M, D = "Method", "Dataset"


@pytest.mark.parametrize(("text", "typed", "expected"), _cases(
    ("comparison pairs with the datasets before it",
     "FooNet attains a pass@1 of 67.1% on HumanEval and 58.4% on MBPP, compared with 48.1% and 50.2% for CodeLlama-7B.",
     {"FooNet": M, "HumanEval": D, "MBPP": D, "CodeLlama-7B": "Model"},
     [("FooNet", "HumanEval", "pass@1", "67.1%"), ("FooNet", "MBPP", "pass@1", "58.4%"),
      ("CodeLlama-7B", "HumanEval", "pass@1", "48.1%"), ("CodeLlama-7B", "MBPP", "pass@1", "50.2%")]),
    ("a new clause has its own dataset",
     "On ADE20K, FooNet achieves 49.3 mIoU, and on Cityscapes it scores 82.0 mIoU, surpassing BarNet (81.0 mIoU).",
     {"ADE20K": D, "FooNet": M, "Cityscapes": D, "BarNet": M},
     [("FooNet", "ADE20K", "mIoU", "49.3"), ("FooNet", "Cityscapes", "mIoU", "82.0"), ("BarNet", "Cityscapes", "mIoU", "81.0")]),
    ("a number a capitalised word numbers is no value",
     "FooNet achieves 70.4% mIoU on S3DIS Area 5 and 75.1% mIoU on ScanNet.", {"FooNet": M, "S3DIS": D, "ScanNet": D},
     [("FooNet", "S3DIS", "mIoU", "70.4%"), ("FooNet", "ScanNet", "mIoU", "75.1%")]),
    ("a slash list of values pairs with a slash list of metrics",
     "On CNN/DailyMail, FooSum obtains ROUGE-1/ROUGE-2/ROUGE-L scores of 44.8/21.9/41.6.", {"CNN/DailyMail": D, "FooSum": M},
     [("FooSum", "CNN/DailyMail", "ROUGE-1", "44.8"), ("FooSum", "CNN/DailyMail", "ROUGE-2", "21.9"),
      ("FooSum", "CNN/DailyMail", "ROUGE-L", "41.6")]),
    ("metrics after a slash list of values", "FooQA reaches 88.0/80.1 F1/EM on SQuAD.", {"FooQA": M, "SQuAD": D},
     [("FooQA", "SQuAD", "F1", "88.0"), ("FooQA", "SQuAD", "exact match", "80.1")]),
    ("a metric raised on a dataset to a value, and the next item on its own dataset",
     "FooCoder improves exact match on RepoBench from 38.2% to 45.7% and edit similarity on CrossCodeEval to 71.3.",
     {"FooCoder": M, "RepoBench": D, "CrossCodeEval": D},
     [("FooCoder", "RepoBench", "exact match", "45.7%"), ("FooCoder", "CrossCodeEval", "edit similarity", "71.3")]),
    ("a metric after no 'and' is the value's own",
     "FooLM lowers the perplexity from 20.5 to 18.3 in perplexity on WikiText-103.", {"FooLM": M, "WikiText-103": D},
     [("FooLM", "WikiText-103", "perplexity", "18.3")]),
    ("a value called a score",
     "FooPO achieves a length-controlled win rate of 32.6% on AlpacaEval 2 and a score of 7.8 on MT-Bench.",
     {"FooPO": M, "AlpacaEval 2": D, "MT-Bench": D},
     [("FooPO", "AlpacaEval 2", "length-controlled win rate", "32.6%"), ("FooPO", "MT-Bench", "score", "7.8")]),
    ("baselines named between values end their list",
     "On D4RL, FooQL attains an average normalized score of 88.0, compared to 77.6 for IQL and 75.3 for CQL.",
     {"D4RL": D, "FooQL": M, "IQL": M, "CQL": M},
     [("FooQL", "D4RL", "normalized score", "88.0"), ("IQL", "D4RL", "normalized score", "77.6"),
      ("CQL", "D4RL", "normalized score", "75.3")]),
    ("decibels", "FooSR achieves a PSNR of 32.71 dB on Set5.", {"FooSR": M, "Set5": D}, [("FooSR", "Set5", "PSNR", "32.71")]),
    ("a ranking metric at k", "FooRank reaches an MRR@10 of 41.2 on MS MARCO.", {"FooRank": M, "MS MARCO": D},
     [("FooRank", "MS MARCO", "MRR@10", "41.2")]),
    ("values after 'up from' are earlier levels",
     "Our search lifts FooLM-7B to 83.6% accuracy on MATH500, up from 75.5% and 16.7% with greedy decoding.",
     {"FooLM-7B": "Model", "MATH500": D, "greedy decoding": M}, [("FooLM-7B", "MATH500", "accuracy", "83.6%")]),
    ("a baseline's bare values take the metrics their datasets were given before",
     "FooRew reduces MAE on BarMol to 0.071 and improves AUROC on QuxMol to 79.9, while ZedNet obtains 0.163 and 75.6.",
     {"FooRew": M, "BarMol": D, "QuxMol": D, "ZedNet": M},
     [("FooRew", "BarMol", "MAE", "0.071"), ("FooRew", "QuxMol", "AUROC", "79.9"),
      ("ZedNet", "BarMol", "MAE", "0.163"), ("ZedNet", "QuxMol", "AUROC", "75.6")]),
    ("a baseline in parentheses with 'respectively', after 'exceeding'",
     "FooLM achieves a Spearman correlation of 0.52 on BarGym and a precision of 0.81 on QuxCASP, exceeding "
     "ZedLM (0.47 and 0.74, respectively).", {"FooLM": M, "BarGym": D, "QuxCASP": D, "ZedLM": M},
     [("FooLM", "BarGym", "Spearman correlation", "0.52"), ("FooLM", "QuxCASP", "precision", "0.81"),
      ("ZedLM", "BarGym", "Spearman correlation", "0.47"), ("ZedLM", "QuxCASP", "precision", "0.74")]),
    ("a baseline 'ahead of' which a value is",
     "On BarEval, FooGen obtains an accuracy of 72.0%, ahead of ZedGen (55.1%).", {"FooGen": M, "BarEval": D, "ZedGen": M},
     [("FooGen", "BarEval", "accuracy", "72.0%"), ("ZedGen", "BarEval", "accuracy", "55.1%")]),
    ("a value across several unnamed tasks has no dataset",
     "On BarText, FooQuant keeps a perplexity of 3.54 and an average zero-shot accuracy of 74.9% across six tasks.",
     {"BarText": D, "FooQuant": M}, [("FooQuant", "BarText", "perplexity", "3.54")]),
    ("the next item of a list starts with 'and on' and keeps the metric of the item before",
     "On BarVid, FooVid reaches 81.9% top-1 accuracy and on QuxVid V2 70.4%.", {"FooVid": M, "BarVid": D, "QuxVid V2": D},
     [("FooVid", "BarVid", "top-1 accuracy", "81.9%"), ("FooVid", "QuxVid V2", "top-1 accuracy", "70.4%")]),
    ("values with a metric each share the dataset after them",
     "FooKG achieves an MRR of 0.372 and Hits@10 of 0.561 on BarKG, and an MRR of 0.498 on QuxKG.",
     {"FooKG": M, "BarKG": D, "QuxKG": D},
     [("FooKG", "BarKG", "MRR", "0.372"), ("FooKG", "BarKG", "Hits@10", "0.561"), ("FooKG", "QuxKG", "MRR", "0.498")]),
    ("rank-1 = 82.3%, mAP = 62.1% on a dataset",
     "FooReID reports rank-1 = 82.3%, mAP = 62.1% on BarReID.", {"FooReID": M, "BarReID": D},
     [("FooReID", "BarReID", "rank-1 accuracy", "82.3%"), ("FooReID", "BarReID", "mAP", "62.1%")]),
    ("a metric named in a later clause is not the metric of the values before it",
     "FooVL scores 78.2 on BarBench and 61.4 on QuxEval, and on ZapQA it reaches an accuracy of 72.5%.",
     {"FooVL": M, "BarBench": D, "QuxEval": D, "ZapQA": D},
     [("FooVL", "BarBench", "score", "78.2"), ("FooVL", "QuxEval", "score", "61.4"),
      ("FooVL", "ZapQA", "accuracy", "72.5%")]),
    ("a dataset introduced with modifiers, and the baseline after it",
     "FooMix achieves 93.4% test accuracy on CIFAR-10, and on the real-world Clothing1M dataset it obtains 74.8%, "
     "compared with 71.0% for BarMix.", {"FooMix": M, "CIFAR-10": D, "Clothing1M": D, "BarMix": M},
     [("FooMix", "CIFAR-10", "accuracy", "93.4%"), ("FooMix", "Clothing1M", "accuracy", "74.8%"),
      ("BarMix", "Clothing1M", "accuracy", "71.0%")]),
    ("improvements in decibels are no values", "Compared with BarSR, FooSR improves roughly 0.33 dB and 0.37 dB on Set5.",
     {"BarSR": M, "FooSR": M, "Set5": D}, []),
))
def test_reading_results(text, typed, expected):
    assert read(text, names(text, **typed)) == expected


def test_a_percentage_of_a_quantity_is_no_value_and_a_qualified_one_of_a_list_is():
    text = "With 40% label noise on CIFAR-10, FooMix achieves 88.3% clean and 91.1% noisy test accuracy."
    assert read(text, names(text, **{"CIFAR-10": D, "FooMix": M}), proposal="FooMix") == [
        ("FooMix", "CIFAR-10", "accuracy", "88.3%"), ("FooMix", "CIFAR-10", "accuracy", "91.1%")]


def _mention(text: str, word: str, kind: str) -> Mention:
    start = text.index(word)
    return Mention(word, "abstract", start, start + len(word), kind, "uses", "test", 1.0)


def test_resolution_keeps_results_whose_entities_have_the_types_it_needs():
    text = "FooNet gets 81.2% accuracy on BarSet."
    foo, bar = _mention(text, "FooNet", "Method"), _mention(text, "BarSet", "Dataset")
    result = ResultMention(("abstract", 0, 6), ("abstract", 30, 36), None, "accuracy", "81.2", "%", "abstract", 12, 17,
                           text, "test", 0.9)
    extraction = Extraction(Paper("p1", "T", text), (foo, bar), results=(result,))
    links = [Link("p1", "method/foonet", "uses", (foo,)), Link("p1", "dataset/barset", "evaluatesOn", (bar,))]
    typed = {"method/foonet": Entity("method/foonet", "Method", "FooNet"),
             "dataset/barset": Entity("dataset/barset", "Dataset", "BarSet")}
    results, claims = resolve_results(extraction, links, typed)
    assert [(r.n, r.entity, r.dataset, r.value) for r in results] == [(1, "method/foonet", "dataset/barset", "81.2")]
    assert [(c.subject, c.property, c.object) for c in claims] == [("method/foonet", "benchmarkedOn", "dataset/barset")]
    retyped = {**typed, "dataset/barset": Entity("dataset/barset", "Task", "BarSet")}
    assert resolve_results(extraction, links, retyped) == ([], [])


def test_results_and_relations_survive_the_extraction_cache(tmp_path):
    text = "FooNet gets 81.2% accuracy on BarSet."
    result = ResultMention(("abstract", 0, 6), ("abstract", 30, 36), None, "accuracy", "81.2", "%", "abstract", 12, 17,
                           text, "test", 0.9)
    extraction = Extraction(Paper("p1", "T", text), (_mention(text, "FooNet", "Method"),), results=(result,))
    path = tmp_path / "extractions.jsonl"
    path.write_text('{"paperkg-extractions": 1, "statistical": true, "threshold": 0.45}\n' + cache_line(extraction),
                    encoding="utf-8")
    assert list(read_cache(path)) == [extraction]


@pytest.fixture(scope="module")
def sample_store() -> ox.Store:
    from kg.builder.facts import build
    from kg.graph.turtle import turtle_bytes

    papers = [
        Paper("r1", "FooNet: Fast Parsing",
              "We propose FooNet, a parser. FooNet reaches an F1 of 93.1% on the Penn Treebank and 91.2% on "
              "OntoNotes, outperforming BERT (90.5% on the Penn Treebank)."),
        Paper("r2", "Scaling Laws", "We fit scaling laws to 400 models trained in 2023 with up to 70B parameters."),
    ]
    store = ox.Store()
    store.load(turtle_bytes(build(papers)), format=ox.RdfFormat.TURTLE)
    return store


KG = "PREFIX kg: <https://w3id.org/paperkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


def test_built_results_by_an_independent_parser(sample_store):
    rows = sample_store.query(KG + """
        SELECT ?e ?d ?m ?v ?dt WHERE { ?r a kg:Result ; kg:ofEntity/skos:prefLabel ?e ; kg:onDataset/skos:prefLabel ?d ;
                                          kg:metric/skos:prefLabel ?m ; kg:value ?v . BIND(DATATYPE(?v) AS ?dt) }
        ORDER BY ?e ?d""")
    found = {(r["e"].value, r["d"].value, r["m"].value, r["v"].value, r["dt"].value) for r in rows}
    decimal = "http://www.w3.org/2001/XMLSchema#decimal"
    assert ("FooNet", "Penn Treebank", "F1", "93.1", decimal) in found
    assert ("FooNet", "OntoNotes", "F1", "91.2", decimal) in found
    assert {row[0] for row in found} <= {"FooNet", "BERT"}


def test_a_paper_without_results_has_none(sample_store):
    rows = sample_store.query(KG + "SELECT ?r WHERE { ?r kg:reportedIn <https://w3id.org/paperkg/resource/paper/r2> }")
    assert list(rows) == []


def test_every_relation_is_backed_by_a_claim(sample_store):
    relations = KG + """SELECT ?s ?p ?o WHERE {
        VALUES ?p { kg:appliedTo kg:benchmarkedOn kg:comparedWith kg:basedOn } ?s ?p ?o }"""
    pairs = {(r["s"].value, r["p"].value, r["o"].value) for r in sample_store.query(relations)}
    assert pairs, "the sample states relations"
    backed = {(r["s"].value, r["p"].value, r["o"].value) for r in sample_store.query(KG + """
        SELECT ?s ?p ?o WHERE { ?c a kg:Claim ; kg:subject ?s ; kg:property ?p ; kg:object ?o ; kg:inPaper ?paper ;
                                   kg:sentence ?sentence }""")}
    assert pairs == backed
    metrics_mentioned = KG + "ASK { ?paper kg:mentions ?m . ?m a kg:Metric }"
    assert not sample_store.query(metrics_mentioned)


def test_numbers_listed_after_a_change_are_changes_unless_they_name_their_metric():
    text = "FooNet gains 1.5% and 1.6% on A1 and B2, and beats BarNet by 2.0 points and 30.1 BLEU on C3."
    assert [v.value for v in find_values(text, 0, len(text), [], [(m.start, m.end) for m in find_metrics(text)])] == [
        "30.1"]
