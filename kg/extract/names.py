"""Name shapes: what the names of new methods, models and datasets look like.

Pure functions over strings, used by the pattern rules.
"""

from __future__ import annotations

import re

from kg.extract.words import NAME_STOP, NOT_ARTEFACT_SHAPES, TUNING_SUFFIXES

__all__ = ["MODEL_NAME", "NAME_TOKEN", "is_name_like", "model_family"]

NAME_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+]*(?:[-'][A-Za-z0-9.+]+)*")
"""A word, possibly hyphenated, as names are written ("Qwen2.5-Math", "Neur2RO")."""

_SIZE = r"\d+(?:\.\d+)?[BM]|\d+x\d+[BM]"
"""A parameter count in millions or billions ("7B", "8x7B"); a "K" is a data size ("ImageNet-1K")."""
_SUFFIX = r"(?:-(?:[A-Z][A-Za-z0-9.]*|it|chat|instruct|base))*\b(?!-[A-Z0-9])"
MODEL_NAME = re.compile(
    rf"\b[A-Z][A-Za-z]*(?:[-.]?\d+(?:\.\d+)*)?(?:-[A-Za-z0-9.]+)*?-(?:{_SIZE}){_SUFFIX}"
    rf"|\b(?:GPT|ChatGPT|Llama|LLaMA|CodeLlama|Qwen|Gemma|Mistral|Claude|Gemini|Phi|Falcon|Vicuna|Mixtral|DeepSeek|OLMo|Yi|"
    rf"InternLM|ChatGLM|Pythia|StarCoder|Nemotron)"
    rf"(?:-?\d+(?:\.\d+)*)(?:-(?:[A-Z0-9][A-Za-z0-9.]*|it|chat|instruct|base))*\b(?!-[A-Z0-9])"
)
"""A model name with a size or version ("LLaMA-2-70B", "Mistral-7B-Instruct", "Qwen2.5-Math-7B")."""



_NOT_ARTEFACT = re.compile(NOT_ARTEFACT_SHAPES)
_CAPITALS_THEN_WORD = re.compile(r"[A-Z]{2,}[a-z]{2,}")
"""An acronym run into a word ("SVDNet", "MLPerf"); a plural acronym ("CNNs") is no name."""


def is_name_like(word: str) -> bool:
    """Whether a word is shaped like the name of an artefact, not an English word.

    Names have inner capitals ("AlgoFormer", "PlanGEN"), several capitals
    ("DIMAT"), capitals run into a word ("SVDNet"), or letters and digits
    ("Neur2RO", "GSM8K"); a name may start with digits ("3DMatch").

    >>> [is_name_like(w) for w in ["AlgoFormer", "DIMAT", "GSM8K", "Insight-V", "LQ-LoRA", "Neur2RO", "SVDNet", "3DMatch"]]
    [True, True, True, True, True, True, True, True]
    >>> [is_name_like(w) for w in ["Transformer", "AI", "KL", "2024", "Multi-Turn", "non-IID", "4-bit", "70B", "CNNs", "3D"]]
    [False, False, False, False, False, False, False, False, False, False]

    Number formats, accelerators, colour spaces and units are no names:

    >>> [is_name_like(w) for w in ["FP8", "BF16", "H100", "RTX4090", "TPUv4", "RGB-D", "YCbCr", "80GB", "FPS"]]
    [False, False, False, False, False, False, False, False, False]
    """
    if _NOT_ARTEFACT.fullmatch(word):
        return False
    parts = word.split("-")
    if len(parts) > 1:
        if not word[0].isalpha():
            return False
        named = [p for p in parts if p not in NAME_STOP and (p.isupper() or any(c.isdigit() for c in p) or _camel(p))]
        return bool(named) and all(p.islower() or p in named or p[:1].isupper() for p in parts)
    if word[0].isdigit():
        rest = word.lstrip("0123456789")
        return rest[:1].isupper() and is_name_like(rest)
    if word in NAME_STOP or not word[0].isalpha():
        return False
    if word.isupper():
        return len(word) >= 3
    return (_camel(word) or _CAPITALS_THEN_WORD.search(word) is not None
            or (any(c.isdigit() for c in word) and any(c.isupper() for c in word)))


def _camel(word: str) -> bool:
    """Inner capitals after a lower-case letter: "AlgoFormer", "PlanGEN", "LLaMA"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))


def model_family(name: str) -> str | None:
    """Return the family a model variant belongs to, or None if ``name`` is no variant.

    An instruction-tuned or chat variant belongs to its base model; a sized
    model to its family without the size.

    >>> model_family("Mistral-7B-Instruct"), model_family("LLaMA-2-70B"), model_family("Gemma-2-it-9B")
    ('Mistral-7B', 'LLaMA-2', 'Gemma-2')
    >>> model_family("Mixtral-8x7B"), model_family("GPT-4") is None
    ('Mixtral', True)
    """
    parts = name.split("-")
    if len(parts) > 1 and parts[-1].lower() in TUNING_SUFFIXES:
        return "-".join(parts[:-1])
    kept = [p for p in parts if not re.fullmatch(_SIZE, p) and p.lower() not in TUNING_SUFFIXES]
    if len(kept) == len(parts) or not kept:
        return None
    return "-".join(kept)
