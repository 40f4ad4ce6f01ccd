"""Benchmark: ``kg build`` end to end on a corpus of real ML abstracts, 1k to 100k papers.

Run by hand (not by pytest):

    python benchmarks/scale.py --papers 10000 [-j 2] [--no-validate] [--data ../shared/data] [--keep DIR]
    python benchmarks/scale.py --papers 2000 --add [-j 2]

The corpus is built from the abstracts of SciERC (train and dev), PwC-NER
and SciREX (title and abstract of section 0) in the data folder, cycled with
fresh ids (``scale-000000``, …) up to ``--papers``; the title is each
abstract's first sentence. Measured in the same run:

* the spaCy blank English tokenizer over the same titles and abstracts, the
  floor every pipeline pays and the denominator of the ratio;
* the build, as a child process (``python -m kg build … -q``, validation on
  unless ``--no-validate``): wall time, papers/s, the ratio to the
  tokenizer, the peak memory of the build and its workers together (summed
  RSS sampled every 0.1 s, summed PSS every second; see :class:`PeakMemory`),
  and the time of each stage.

With ``--add``: ``kg add`` of the second half of the corpus onto a build of
the first half, against a build of the whole corpus (wall times of the
commands, and whether the two ``graph.nt`` are identical).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from corpus import DATA, abstracts

ROOT = Path(__file__).resolve().parents[1]
_CHILD = """
import json, sys
from pathlib import Path
from kg.builder.options import EngineOptions
from kg.builder.run import run_build
from kg.builder.stream import StreamOptions
corpus, out, processes, check = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
options = StreamOptions("local", EngineOptions(0.45, True, processes), 1000, check)
seconds = run_build([Path(corpus)], fmt="jsonl", out=out, options=options, on_error=None, skipped=[], quiet=True)
print(json.dumps(seconds))
"""


def write_corpus(data: Path, papers: int, path: Path) -> list[tuple[str, str]]:
    """Write ``papers`` records cycled from the abstracts to ``path`` (JSON Lines); return the base set."""
    base = [pair for pair in abstracts(data) if pair[0] and pair[1]]
    with path.open("w", encoding="utf-8") as out:
        for number in range(papers):
            title, abstract = base[number % len(base)]
            record = {"id": f"scale-{number:06d}", "title": title, "abstract": abstract}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return base


def tokenizer_rate(base: list[tuple[str, str]], papers: int) -> float:
    """Papers per second of spaCy's blank English tokenizer over the corpus's titles and abstracts."""
    import spacy

    nlp = spacy.blank("en")
    texts = [text for number in range(min(papers, 5000)) for text in base[number % len(base)]]
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return len(texts) / 2 / (time.perf_counter() - started)


class PeakMemory:
    """The peaks of the summed memory of a process and its descendants, sampled in a thread.

    ``rss`` sums resident memory, which counts a page shared by forked
    processes (the pipeline, the entity index) once per process; ``pss``
    sums proportional set sizes, which divide a shared page among its
    processes: the memory the build really takes. PSS is read (psutil's
    ``memory_full_info``) about once a second, as it costs more to read.
    """

    def __init__(self, pid: int) -> None:
        self.rss = self.pss = 0
        self._process = psutil.Process(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _sum(tree: list[psutil.Process], read) -> int:  # type: ignore[no-untyped-def]  # read: Process -> int
        total = 0
        for process in tree:
            try:
                total += read(process)
            except (psutil.Error, AttributeError):
                pass
        return total

    def _run(self) -> None:
        samples = 0
        while not self._stop.is_set():
            try:
                tree = [self._process, *self._process.children(recursive=True)]
            except psutil.Error:
                return
            self.rss = max(self.rss, self._sum(tree, lambda p: p.memory_info().rss))
            if samples % 10 == 0:
                self.pss = max(self.pss, self._sum(tree, lambda p: p.memory_full_info().pss))
            samples += 1
            self._stop.wait(0.1)

    def stop(self) -> tuple[int, int]:
        """Stop sampling; return the peaks of summed RSS and of summed PSS."""
        self._stop.set()
        self._thread.join()
        return self.rss, self.pss


def _kg(*args: str) -> float:
    """Run ``kg ARGS...`` as a child process; return its wall time."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", *args], env=env, check=True)
    return time.perf_counter() - started


def measure_add(data: Path, papers: int, processes: int) -> None:
    """Print the time of ``kg add`` of half the papers onto a build of the other half, and of a full build."""
    with tempfile.TemporaryDirectory(prefix="kg-scale-add-") as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        write_corpus(data, papers, corpus)
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        first, second = work / "first.jsonl", work / "second.jsonl"
        first.write_text("".join(lines[:papers // 2]), encoding="utf-8")
        second.write_text("".join(lines[papers // 2:]), encoding="utf-8")
        jobs = ("-j", str(processes), "-q")
        half = _kg("build", str(first), "--out", str(work / "added"), *jobs)
        added = _kg("add", str(second), "--to", str(work / "added"), *jobs)
        whole = _kg("build", str(first), str(second), "--out", str(work / "full"), *jobs)
        same = (work / "added" / "graph.nt").read_bytes() == (work / "full" / "graph.nt").read_bytes()
    print(f"build of {papers // 2:,} papers     {half:8.1f} s")
    print(f"add of {papers - papers // 2:,} onto it     {added:8.1f} s ({added / whole:.2f} x the full build)")
    print(f"full build of {papers:,} papers {whole:8.1f} s")
    print(f"graph.nt identical: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=1000)
    parser.add_argument("-j", "--processes", type=int, default=2)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--keep", type=Path, help="Build into this folder and keep it.")
    parser.add_argument("--add", action="store_true", help="Measure kg add against a full build instead.")
    args = parser.parse_args()
    if args.add:
        measure_add(args.data, args.papers, args.processes)
        return

    with tempfile.TemporaryDirectory(prefix="kg-scale-") as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        base = write_corpus(args.data, args.papers, corpus)
        rate_blank = tokenizer_rate(base, args.papers)
        out = args.keep or work / "out"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(corpus), str(out), str(args.processes),
                                  "0" if args.no_validate else "1"], env=env, stdout=subprocess.PIPE, text=True)
        memory = PeakMemory(child.pid)
        stdout, _ = child.communicate()
        wall = time.perf_counter() - started
        peak, proportional = memory.stop()
        if child.returncode != 0:
            sys.exit(f"the build failed with status {child.returncode}")
        seconds = json.loads(stdout.strip().splitlines()[-1])
        triples = sum(1 for _ in (out / "graph.nt").open("rb"))
    rate = args.papers / wall
    print(f"{args.papers:,} papers ({len(base):,} distinct abstracts cycled), -j {args.processes}, "
          f"validation {'off' if args.no_validate else 'on'}, {triples:,} triples")
    print(f"wall time          {wall:9.1f} s (process start, imports and pipeline load included)")
    print(f"papers/s           {rate:9.1f}")
    print(f"blank tokenizer    {rate_blank:9.0f} papers/s")
    print(f"ratio              {rate / rate_blank:9.4f} x tokenizer")
    print(f"peak RSS           {peak / 2**20:9.0f} MiB (build and workers together, shared pages once a process)")
    print(f"peak PSS           {proportional / 2**20:9.0f} MiB (the same, shared pages divided among them)")
    for stage, value in seconds.items():
        print(f"  {stage:<16} {value:9.1f} s")


if __name__ == "__main__":
    main()
