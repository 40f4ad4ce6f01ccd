"""The benchmarks' corpus of real ML abstracts: SciERC, PwC-NER and SciREX, read from the data folder."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
"""The data folder the benchmarks read by default."""


def _detokenize(words: list[str]) -> str:
    text = " ".join(words)
    for mark in (" .", " ,", " ;", " :", " )", " ?", " !", " 's", " n't"):
        text = text.replace(mark, mark[1:])
    return text.replace("( ", "(").replace("-LRB- ", "(").replace(" -RRB-", ")")


def _split(words: list[str]) -> tuple[str, str]:
    """A title (the first sentence, at most 20 words) and the abstract (the rest, or all of it)."""
    end = next((i + 1 for i, word in enumerate(words) if word == "."), len(words))
    title, rest = words[:min(end, 20)], words[end:] or words
    return _detokenize(title).rstrip("."), _detokenize(rest)


def abstracts(data: Path) -> Iterator[tuple[str, str]]:
    """(title, abstract) of every abstract in SciERC, PwC-NER and SciREX under ``data``."""
    for name in ("train.json", "dev.json"):
        with (data / "scierc" / name).open(encoding="utf-8") as handle:
            for line in handle:
                yield _split([word for sentence in json.loads(line)["sentences"] for word in sentence])
    words: list[str] = []
    with (data / "pwc-ner" / "train.data").open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.strip():
                words.append(line.split("\t", 1)[0])
            elif words:
                yield _split(words)
                words = []
    if words:
        yield _split(words)
    with (data / "scirex" / "train.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            start, end = document["sections"][0]
            section = document["words"][start:end]
            if section[:2] == ["document", ":"]:
                section = section[2:]
            yield _split(section[:400])
