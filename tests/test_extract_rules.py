"""The pure functions behind the pattern rules, tested without a pipeline."""

from __future__ import annotations

import pytest

from kg.extract.appositives import appositive_names
from kg.extract.cues import proposal_phrases, proposal_regions
from kg.extract.heads import head_type, is_generic
from kg.extract.names import is_name_like, model_family
from kg.extract.normalize import name_key
from kg.extract.rules import dataset_lists, model_names, name_words, task_phrases
from kg.extract.titles import title_name


def _spans(rule, text: str) -> list[str]:
    return [text[hit[0] : hit[1]] for hit in rule(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [("LLMs", "llm"), ("Graph Neural Networks", "graph neural network"), ("DAVIS", "davis"),
     ("fine-tuning", "fine tuning"), ("loss", "loss"), ("Qwen2.5-Math", "qwen2 5 math"), ("", "")],
)
def test_name_key_folds_like_the_annotation_guidelines(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("word", ["AlgoFormer", "DeltaDock", "GSM8K", "DIMAT", "Neur2RO", "LQ-LoRA", "PlanGEN", "PSPNet",
                                  "MLPerf", "3DMatch", "4DGen"])
def test_is_name_like_accepts_artefact_names(word):
    assert is_name_like(word)


@pytest.mark.parametrize("word", ["Transformer", "The", "AI", "LLMs", "ICML", "OpenAI", "4-bit", "Multi-Turn", "RL", "GPUs",
                                  "3D", "6DoF", "80GB", "1080Ti", "21st"])
def test_is_name_like_rejects_words_acronyms_venues_and_numbers(word):
    assert not is_name_like(word)


@pytest.mark.parametrize(
    ("name", "family"),
    [("LLaMA-2-70B", "LLaMA-2"), ("Mistral-7B-Instruct", "Mistral-7B"), ("Mistral-7B", "Mistral"),
     ("Qwen2.5-Math-7B", "Qwen2.5-Math"), ("Mixtral-8x7B", "Mixtral"), ("GPT-4", None), ("BERT", None)],
)
def test_model_family_strips_one_size_or_tuning_suffix(name, family):
    assert model_family(name) == family


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [("object detection", "Task"), ("graph neural networks", "Method"), ("the Pile corpus", "Dataset"),
     ("bilevel optimization", "Task"), ("mean squared error", None), ("AlgoFormer", "Method"), ("", None)],
)
def test_head_type_reads_the_last_word(phrase, kind):
    assert head_type(phrase) == kind


@pytest.mark.parametrize(("text", "generic"), [
    ("the proposed method", True), ("our framework", True), ("LoRA", False), ("Small models", True),
    ("efficient training", True), ("small language models", False), ("robust optimization", False)])
def test_is_generic(text, generic):
    assert is_generic(text) is generic


def test_model_names_find_sizes_and_tuning_suffixes():
    text = "We compare LLaMA-3-8B-based agents, Gemma-2-it-9B and Qwen2.5-Math-7B-Instruct with GPT-4 and ChatGPT-4."
    assert _spans(model_names, text) == ["LLaMA-3-8B", "Gemma-2-it-9B", "Qwen2.5-Math-7B-Instruct", "GPT-4", "ChatGPT-4"]


def test_model_names_take_parameter_counts_not_data_sizes():
    text = "Pythia-410M and Mistral-7B are tested on ImageNet-1K and COCO-20K"
    assert _spans(model_names, text) == ["Pythia-410M", "Mistral-7B"]


@pytest.mark.parametrize(("sentence", "name"), [
    ("We propose QDet, an end-to-end detector trained with query denoising.", "QDet"),
    ("We describe Wayfarer, a system for route planning.", "Wayfarer"),
    ("In this paper we present a lightweight speech recognizer, Quartz, that runs on phones.", "Quartz"),
])
def test_appositive_names_take_agent_nouns_and_described_systems(sentence, name):
    assert [sentence[a:b] for a, b, _ in appositive_names(sentence)] == [name]


def test_describe_alone_proposes_nothing():
    assert list(appositive_names("We describe the structure of BERT, a model we did not train.")) == []


def test_name_words_type_by_shape_and_next_word():
    text = "DIMAT beats FedAvg on the CIFAR-10C benchmark and on GPQA."
    assert [(text[s:e], kind) for s, e, kind, _ in name_words(text)] == [
        ("DIMAT", "Method"), ("FedAvg", "Method"), ("CIFAR-10C", "Dataset"), ("GPQA", "Dataset")]


def test_task_phrases_stop_at_function_words_and_verbs():
    text = "We improve code generation and enable accurate protein structure prediction, using learning detection."
    assert _spans(task_phrases, text) == ["code generation", "protein structure prediction"]


def test_dataset_lists_split_coordinations():
    assert _spans(dataset_lists, "on the GSM8K, SVAMP and MATH datasets") == ["GSM8K", "SVAMP", "MATH"]


@pytest.mark.parametrize(
    ("title", "name"),
    [("Hopular: Modern Hopfield Networks for Tabular Data", "Hopular"),
     ("ProSper -- A Python Library for Sparse Coding", "ProSper"),
     ("Trace is the New AutoDiff -- Unlocking Efficient Optimization", None),
     ("A Survey: Everything about Transformers", None),
     ("Pointer Networks", None)],
)
def test_title_name_takes_the_part_before_the_colon(title, name):
    found = title_name(title)
    assert (title[found[0] : found[1]] if found else None) == name


def test_proposal_regions_stop_where_other_work_begins():
    sentence = "We propose NovaNet, which outperforms ResNet on ImageNet."
    (region,) = proposal_regions(sentence)
    assert sentence[slice(*region)] == " NovaNet, "
    assert proposal_regions("ResNet is strong on ImageNet.") == []


def test_proposal_phrases_skip_generic_heads():
    assert [s for s in ["We present an efficient randomized algorithm."] for _ in proposal_phrases(s)] == []
    text = "We introduce robust alternating minimization for matrix completion."
    assert [text[a:b] for a, b in proposal_phrases(text)] == ["robust alternating minimization"]


def test_name_words_skip_tex():
    assert list(name_words(r"a bound of $O(NK)$ over \mathcal{NKX} terms")) == []


def test_evaluated_on_lists_type_unknown_names_as_datasets():
    from kg.extract.rules import evaluated_on_lists

    text = "We evaluate Grokker on ZooBench, KIWI-2 and Marble 2.0, and it outperforms BM25 on average."
    assert _spans(evaluated_on_lists, text) == ["ZooBench", "KIWI-2"]
    assert list(evaluated_on_lists("Results on average improve.")) == []
    scores = "It gets 63.2% on QuuxQA and 49.8 on the STAR set, 3 on average; we train on BarSet. We test on ZooQA."
    assert _spans(evaluated_on_lists, scores) == ["QuuxQA", "STAR", "ZooQA"]


def test_names_before_a_full_stop_leave_it_out():
    from kg.extract.rules import evaluated_on_lists

    assert _spans(evaluated_on_lists, "It scores 62.4 on JFLEG. The rest") == ["JFLEG"]
    assert _spans(dataset_lists, "a BERT tuned on DaNE. Our dataset and the v1.5 Foo datasets") == ["Foo"]


def test_name_words_skip_scraped_formulas():
    assert list(name_words("a bound of mathcal{O}( n + nLvarepsilon^{-1}) for BigNet_{k}")) == []


def test_metric_names_are_dropped_unless_the_paper_defines_them_otherwise():
    from kg.extract.candidates import Candidate
    from kg.extract.choose import drop_metrics

    cands = [Candidate(0, 4, "SSIM", "Method", "name-shape", 0.5),
             Candidate(5, 8, "FID", "Method", "lexicon", 0.9, concept="fusion-in-decoder"),
             Candidate(9, 11, "EM", "Method", "abbreviation", 0.75, long_form="Expectation Maximization"),
             Candidate(12, 15, "MAE", "Method", "lexicon", 0.9, concept="masked-autoencoder"),
             Candidate(16, 26, "TER", "Method", "name-shape", 0.5),
             Candidate(27, 40, "FooNet", "Method", "name-shape", 0.5)]
    defined = [("FID", "Fréchet Inception Distance"), ("EM", "Expectation Maximization")]
    assert [c.text for c in drop_metrics(cands, defined)] == ["EM", "MAE", "FooNet"]
    assert [c.text for c in drop_metrics(cands, [("TER", "Tandem Expert Routing")])] == ["FID", "EM", "MAE", "TER",
                                                                                         "FooNet"]
