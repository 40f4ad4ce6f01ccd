"""Typing by head word: the last word of a noun phrase tells what it names.

"object detection" is a Task, "contrastive learning" a Method, "the Pile
corpus" a Dataset. Words that name metrics or nothing in particular make a
phrase no entity at all.
"""

from __future__ import annotations

__all__ = ["GENERIC", "METRIC_HEADS", "TASK_HEADS", "head_type", "is_generic", "is_metric"]

TASK_HEADS = frozenset(
    """detection generation recognition classification segmentation translation summarization
    forecasting prediction estimation retrieval completion reasoning answering synthesis captioning
    tracking parsing localization localisation reconstruction planning verification docking proving
    alignment understanding editing extraction labeling labelling tagging inpainting
    denoising restoration registration discovery diagnosis recommendation navigation manipulation
    imaging optimization optimisation""".split()
)
"""Heads of task names."""

METHOD_HEADS = frozenset(
    """network networks learning algorithm algorithms method methods model models transformer
    transformers attention descent regression distillation tuning
    finetuning fine-tuning training pretraining pre-training prompting decoding sampling sampler
    encoder decoder autoencoder embedding embeddings regularization normalization quantization
    architecture architectures framework mechanism layer layers machine machines forest forests
    boosting clustering inference iteration iterations approximation estimator policy
    programming analysis factorization decomposition propagation backpropagation augmentation
    rule operator operators solver solvers scheme index kernel process processes filter filters
    coding hashing optimizer optimizers adapter adapters walk walks""".split()
)
"""Heads of method names."""

DATASET_HEADS = frozenset("dataset datasets benchmark benchmarks corpus corpora suite leaderboard".split())
"""Heads of dataset names."""

METRIC_HEADS = frozenset(
    """accuracy precision recall score scores error errors rate rates loss losses perplexity
    auc auroc bleu rouge f1 metric metrics quality iou miou ap psnr ssim ndcg mrr cider meteor wer cer
    bertscore""".split()
)
"""Heads of metric names: never entities."""

GENERIC = frozenset(
    """method methods approach approaches model models algorithm algorithms framework frameworks
    task tasks problem problems data performance baseline baselines system systems technique
    techniques paper work results result study analysis network networks architecture
    architectures module modules pipeline strategy strategies tool tools solution solutions
    learning training inference optimization prediction generation""".split()
)
"""Words that name nothing in particular when they stand alone."""


def is_generic(text: str) -> bool:
    """Whether ``text`` is only generic words (or a determiner and generic words).

    >>> is_generic("the proposed framework"), is_generic("looped transformer")
    (True, False)
    """
    words = [w for w in text.lower().replace("-", " ").split() if w not in {"a", "an", "the", "our", "this", "proposed", "new", "novel"}]
    return not words or all(w in GENERIC for w in words)


def is_metric(phrase: str) -> bool:
    """Whether a phrase names a metric ("mean squared error", "Speech Quality").

    >>> is_metric("Perceptual Evaluation of Speech Quality"), is_metric("speech recognition")
    (True, False)
    """
    words = phrase.lower().replace("-", " ").split()
    return bool(words) and words[-1] in METRIC_HEADS


def head_type(phrase: str) -> str | None:
    """Return the entity type a phrase's last word suggests, or None.

    >>> head_type("hallucination detection"), head_type("Sparsity-informed Adaptive Pruning")
    ('Task', None)
    >>> head_type("graph neural networks"), head_type("mean squared error")
    ('Method', None)
    """
    words = phrase.lower().replace("-", " ").split()
    if not words:
        return None
    head = words[-1]
    if is_metric(phrase):
        return None
    if head in DATASET_HEADS:
        return "Dataset"
    if head in TASK_HEADS:
        return "Task"
    if head in METHOD_HEADS or head.endswith(("former", "net", "gan")):
        return "Method"
    return None
