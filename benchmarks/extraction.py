"""Benchmark: papers per second of the extraction pipeline, with and without the trained recogniser.

Run by hand (not by pytest):

    python benchmarks/extraction.py [--repeat 3] [--papers 1800] [--processes 2] [--data ../shared/data]
    python benchmarks/extraction.py --sample [--repeat 3]

The texts are real ML abstracts: the distinct titles and abstracts of
SciERC, PwC-NER and SciREX in the data folder (see ``corpus.py``), the
first ``--papers`` of them, split into ``--repeat`` disjoint parts. With
``--sample`` they are the bundled sample instead (60 papers). Measured in
the same run, on every part in turn:

* the spaCy blank English tokenizer, the floor every pipeline pays and the
  denominator of the ratios;
* rules only: lexicon, abbreviations, pattern rules and roles;
* the full pipeline: the same plus the trained recogniser and the typer;
* the full pipeline on ``--processes`` worker processes.

Every text is seen once by each of them, as in a build, where no two papers
are alike: measured on texts it has already seen, the tokenizer answers
from its cache and is several times faster (the sample, read twice, is
tokenized 7 times faster the second time). The tokenizer and the pipelines
are warmed up on the sample first, and each keeps its caches from one part
to the next. Each row is the median over the parts, of papers/s and of
the ratio to the tokenizer on the same part. Pipeline loading is timed
once and reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from corpus import DATA, abstracts

from kg.extract.pipeline import make_nlp, shared_nlp
from kg.extract.run import extract
from kg.ingest import default_input, read_papers
from kg.records import Paper


def _seconds(run: Callable[[list[Paper]], object], papers: list[Paper]) -> float:
    started = time.perf_counter()
    run(papers)
    return time.perf_counter() - started


def _parts(args: argparse.Namespace, sample: list[Paper]) -> list[list[Paper]]:
    if args.sample:
        return [sample] * args.repeat
    pairs = [pair for pair in dict.fromkeys(abstracts(args.data)) if pair[0] and pair[1]][:args.papers]
    papers = [Paper(id=f"bench-{number:05d}", title=title, abstract=abstract)
              for number, (title, abstract) in enumerate(pairs)]
    size = len(papers) // args.repeat
    return [papers[i * size:(i + 1) * size] for i in range(args.repeat)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--papers", type=int, default=1800)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", action="store_true", help="Measure on the bundled sample, read again each time.")
    args = parser.parse_args()

    sample = list(read_papers(default_input()))
    parts = _parts(args, sample)
    started = time.perf_counter()
    full = make_nlp()
    load_full = time.perf_counter() - started
    started = time.perf_counter()
    rules = make_nlp(statistical=False)
    load_rules = time.perf_counter() - started
    blank = spacy.blank("en")
    shared_nlp()  # built once here, inherited by the worker processes
    runs: dict[str, Callable[[list[Paper]], object]] = {
        "blank tokenizer": lambda papers: list(blank.pipe(t for p in papers for t in (p.title, p.abstract))),
        "rules only": lambda papers: list(extract(papers, rules)),
        "full pipeline": lambda papers: list(extract(papers, full)),
        f"full pipeline, {args.processes} processes": lambda papers: list(extract(papers, processes=args.processes)),
    }
    for run in runs.values():
        run(sample)  # warm up
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for part in parts:
        for name, run in runs.items():
            rates[name].append(len(part) / _seconds(run, part))

    where = "the bundled sample, read again" if args.sample else f"distinct real abstracts from {args.data}"
    print(f"{len(parts)} parts of {len(parts[0])} papers ({where}); median over the parts")
    print(f"pipeline load: full {load_full:.2f} s, rules only {load_rules:.2f} s")
    base = rates["blank tokenizer"]
    for name, values in rates.items():
        ratio = statistics.median(value / floor for value, floor in zip(values, base, strict=True))
        print(f"{name:32s} {statistics.median(values):8.0f} papers/s   {ratio:6.3f} x tokenizer")


if __name__ == "__main__":
    main()
