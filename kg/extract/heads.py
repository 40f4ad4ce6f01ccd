"""Typing by head word: the last word of a noun phrase tells what it names.

"object detection" is a Task, "contrastive learning" a Method, "the Pile
corpus" a Dataset. Words that name metrics or nothing in particular make a
phrase no entity at all.
"""

from __future__ import annotations

from kg.extract.words import DATASET_HEADS, GENERIC, GENERIC_LEADS, METHOD_HEADS, METRIC_HEADS, TASK_HEADS

__all__ = ["DATASET_HEADS", "GENERIC", "METHOD_HEADS", "METRIC_HEADS", "TASK_HEADS", "head_type", "is_generic",
           "is_metric"]


def is_generic(text: str) -> bool:
    """Whether ``text`` is only generic words (or a determiner and generic words).

    >>> is_generic("the proposed framework"), is_generic("looped transformer")
    (True, False)
    """
    words = [w for w in text.lower().replace("-", " ").split() if w not in GENERIC_LEADS]
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
