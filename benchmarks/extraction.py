"""Benchmark: papers per second of the extraction pipeline, with and without the trained recogniser.

Run by hand (not by pytest):

    python benchmarks/extraction.py [--repeat 5] [--copies 4] [--processes 2]

The bundled sample (60 papers) is repeated ``--copies`` times, and each
measurement is the median of ``--repeat`` runs. Measured in the same run:

* the spaCy blank English tokenizer over the same titles and abstracts, the
  floor every pipeline pays and the denominator of the ratios;
* rules only: lexicon, abbreviations, pattern rules and roles;
* the full pipeline: the same plus the trained recogniser;
* the full pipeline on ``--processes`` worker processes.

Pipeline loading is timed once and reported apart.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import spacy

from kg.extract.pipeline import make_nlp, shared_nlp
from kg.extract.run import extract
from kg.ingest import default_input, read_papers


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()

    papers = list(read_papers(default_input())) * args.copies
    texts = [text for paper in papers for text in (paper.title, paper.abstract)]
    started = time.perf_counter()
    full = make_nlp()
    load_full = time.perf_counter() - started
    started = time.perf_counter()
    rules = make_nlp(statistical=False)
    load_rules = time.perf_counter() - started
    blank = spacy.blank("en")
    list(extract(papers[:10], full))  # warm up caches
    shared_nlp()  # built once here, inherited by the worker processes

    runs = {
        "blank tokenizer": lambda: list(blank.pipe(texts)),
        "rules only": lambda: list(extract(papers, rules)),
        "full pipeline": lambda: list(extract(papers, full)),
        f"full pipeline, {args.processes} processes": lambda: list(extract(papers, processes=args.processes)),
    }
    print(f"{len(papers)} papers ({args.copies} x the bundled sample), median of {args.repeat} runs")
    print(f"pipeline load: full {load_full:.2f} s, rules only {load_rules:.2f} s")
    base = None
    for name, run in runs.items():
        rate = len(papers) / _median_seconds(run, args.repeat)
        base = base or rate
        print(f"{name:32s} {rate:8.0f} papers/s   {rate / base:6.3f} x tokenizer")


if __name__ == "__main__":
    main()
