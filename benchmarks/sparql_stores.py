"""Benchmark: the bundled SPARQL queries in Oxigraph and in rdflib's memory store.

Run by hand (not by pytest)::

    .venv/bin/python benchmarks/sparql_stores.py --papers 10000 --work /tmp/kg-bench
    .venv/bin/python benchmarks/sparql_stores.py --papers 100000 --work /tmp/kg-bench --no-rdflib --no-memory

1. Generates N synthetic papers, deterministically (seeded): the bundled sample
   is extracted once with the real pipeline; each synthetic paper takes a title
   and 3–7 abstract sentences from it, with their mentions, and most mention
   names are replaced by names of the same type drawn with a Zipf law from the
   sample's entities and the lexicon, or recombined into new names (about one
   paper in two proposes one). The mentions are resolved by ``kg.resolve.entities`` and
   turned into triples by ``kg.graph.facts_to_graph`` (in batches of papers,
   written straight to one N-Triples file, without an rdflib graph: see
   :class:`_NTriplesSink`), so the graph has the real shape: papers, entities,
   roles, mention nodes. 100,000 papers (16 M triples) take about 6 minutes.
2. Loads the N-Triples into an on-disk Oxigraph store (``kg.sparql.store.create_store``),
   once: later runs reuse ``WORK/N/graph.nt`` and ``WORK/N/store``.
3. Times each ``ontology/queries/*.rq`` in this one process, on the same graph:
   in the on-disk Oxigraph store (opened read-only, as ``kg query --store``
   does), in an in-memory Oxigraph store, and in rdflib's memory store. Engine
   time is running the query and reading every value of every answer row (no
   formatting): one warm-up run, then the median of ``--runs`` (3) runs; a
   query whose warm-up took over ``--slow`` seconds is timed once more only.
   rdflib is stopped by an alarm at ``--limit`` seconds per run. Oxigraph runs
   in native code that no alarm can stop, so each query is first tried once
   in a child process killed at the limit; one that does not finish is
   reported as over the limit and not timed in-process. Ratio = rdflib time /
   Oxigraph time (">= x" when rdflib hit the limit).
4. Times ``kg query --store`` end to end (a fresh process, Python start-up and
   CSV output included) on each query.

Writes ``WORK/N/report.json`` and prints a table.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import signal
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rdflib.plugins.serializers.nt import _nt_row

from kg.records import Extraction, Facts, Mention, Paper

_UNIQUE = ("<https://w3id.org/paperkg/resource/paper/", "<https://w3id.org/paperkg/resource/mention/")
Unit = tuple[str, tuple[Mention, ...]]  # a text and its mentions, offsets relative to the text


def sample_units() -> tuple[list[Unit], list[Unit]]:
    """Extract the bundled sample; return its titles and abstract sentences with their mentions."""
    from kg.extract import extract
    from kg.ingest import default_input, read_many

    titles: list[Unit] = []
    sentences: list[Unit] = []
    for ex in extract(read_many([default_input()])):
        titles.append((ex.paper.title, tuple(m for m in ex.mentions if m.field == "title")))
        by_sentence: dict[str, list[Mention]] = defaultdict(list)
        for m in ex.mentions:
            if m.field == "abstract":
                by_sentence[m.sentence].append(m)
        for sentence, mentions in by_sentence.items():
            offset = ex.paper.abstract.find(sentence)
            if offset < 0:
                continue
            moved = tuple(replace(m, start=m.start - offset, end=m.end - offset) for m in mentions)
            if all(sentence[m.start:m.end] == m.text for m in moved):
                sentences.append((sentence, moved))
    return titles, sentences


_SUFFIXES = ("Net", "Former", "Align", "GPT", "Bench", "Tune", "Flow", "Mix", "Seg", "QA")


def name_pools(units: list[Unit], papers: int, seed: int = 7) -> dict[str, list[tuple[str, str | None]]]:
    """Names by entity type: the sample's surface forms, the lexicon's labels, and recombined names.

    The recombined names (a word of a known name, a suffix and a number; about
    ``papers / 2`` in all) make the vocabulary grow with the corpus, as it does
    in real literature.
    """
    from kg.extract.lexicon import load_lexicon

    pools: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for _, mentions in units:
        for m in mentions:
            pools[m.type].add((m.text, m.concept))
    for concept in load_lexicon():
        if not concept.broad:
            pools[concept.type].add((concept.label, concept.id))
    rng = random.Random(seed)
    for type_ in sorted(pools):
        words = sorted({name.split()[0].split("-")[0].capitalize() for name, _ in pools[type_] if name[:1].isalpha()})
        for k in range(papers // 8):
            pools[type_].add((f"{rng.choice(words)}{rng.choice(_SUFFIXES)}-{k}", None))
    return {type_: sorted(names, key=lambda n: (n[0], n[1] or "")) for type_, names in sorted(pools.items())}


class Generator:
    """Deterministic synthetic papers recombined from the sample's units and the name pools."""

    def __init__(self, titles: list[Unit], sentences: list[Unit], pools: dict[str, list[tuple[str, str | None]]],
                 seed: int = 7) -> None:
        self.titles, self.sentences, self.pools = titles, sentences, pools
        self.rng = random.Random(seed)
        for names in pools.values():
            self.rng.shuffle(names)  # popularity rank independent of the alphabet
        # Zipf with exponent 0.7: the commonest name is in about one paper in ten
        self.weights = {t: list(itertools.accumulate((r + 1) ** -0.7 for r in range(len(n)))) for t, n in pools.items()}

    def _name(self, type_: str) -> tuple[str, str | None]:
        names, cum = self.pools[type_], self.weights[type_]
        return names[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def _novel(self, type_: str, index: int) -> str:
        first = self._name(type_)[0].split()[0].split("-")[0]
        return f"{first.capitalize()}{self.rng.choice(_SUFFIXES)}-{index:x}"

    def _unit(self, unit: Unit, field: str, offset: int, parts: list[str], out: list[Mention]) -> int:
        """Append ``unit``'s text (names replaced) to ``parts`` and its mentions to ``out``; return the new offset."""
        text, cursor, pieces, found = unit[0], 0, [], []
        start = offset
        for m in sorted(unit[1], key=lambda m: m.start):
            if m.start < cursor:
                continue
            name, concept = (m.text, m.concept) if self.rng.random() < 0.15 else self._name(m.type)
            pieces.append(text[cursor:m.start])
            offset += m.start - cursor
            pieces.append(name)
            found.append(replace(m, text=name, field=field, start=offset, end=offset + len(name), concept=concept,
                                 long_form=None))
            offset += len(name)
            cursor = m.end
        pieces.append(text[cursor:])
        sentence = "".join(pieces)
        parts.extend(pieces)
        out.extend(replace(m, sentence=sentence) for m in found)
        assert all(sentence[m.start - start:m.end - start] == m.text for m in found)
        return offset + len(text) - cursor

    def paper(self, index: int) -> Extraction:
        """The ``index``-th synthetic paper and its mentions."""
        mentions: list[Mention] = []
        title_parts: list[str] = []
        self._unit(self.rng.choice(self.titles), "title", 0, title_parts, mentions)
        parts: list[str] = []
        offset = 0
        chosen = self.rng.sample(self.sentences, self.rng.randint(3, 7))
        for k, unit in enumerate(chosen):
            if k:
                parts.append(" ")
                offset += 1
            offset = self._unit(unit, "abstract", offset, parts, mentions)
        abstract = "".join(parts)
        if self.rng.random() < 0.5:  # propose a new name
            type_ = self.rng.choice(["Method", "Model", "Dataset"])
            name = self._novel(type_, index)
            abstract += f" We propose {name}."
            start = len(abstract) - len(name) - 1
            mentions.append(Mention(name, "abstract", start, start + len(name), type_, "proposes", "rules", 0.9,
                                    sentence=f"We propose {name}."))
        paper = Paper(id=f"synthetic-{index:06d}", title="".join(title_parts), abstract=abstract,
                      date=f"2024-{index % 12 + 1:02d}-{index % 28 + 1:02d}", arxiv_id=f"24{index % 12 + 1:02d}.{index:05d}")
        return Extraction(paper, tuple(mentions))


class _NTriplesSink:
    """Stands in for the ``rdflib.Graph`` that ``facts_to_graph`` fills: keeps each triple as an N-Triples line.

    rdflib's memory store (indexing every triple three ways) and its serializer
    took about 80 % of the generation time; the lines written are the ones
    rdflib's N-Triples serializer writes for the same triples (same function).
    """

    def __init__(self) -> None:
        self.lines: dict[str, None] = {}  # a set that keeps insertion order

    def bind(self, *args: object, **kwargs: object) -> None:
        pass

    def add(self, triple: tuple) -> None:
        self.lines[_nt_row(triple)] = None


def write_graph(papers: int, target: Path, batch: int = 5000) -> int:
    """Generate ``papers`` synthetic papers and write their graph as N-Triples; return the triple count.

    Papers are resolved together (so entities are shared across the corpus) and
    turned into triples by the real ``kg.graph.facts_to_graph``, in batches of
    papers with the entities they link, into a sink that keeps N-Triples lines
    (:class:`_NTriplesSink`) rather than an rdflib graph.
    """
    from unittest import mock

    from kg.graph import build
    from kg.resolve.entities import resolve

    titles, sentences = sample_units()
    generator = Generator(titles, sentences, name_pools(titles + sentences, papers))
    facts = resolve(generator.paper(i) for i in range(papers))
    entities = {e.key: e for e in facts.entities}
    links_by_paper: dict[str, list] = defaultdict(list)
    for link in facts.links:
        links_by_paper[link.paper_id].append(link)
    seen: set[str] = set()
    triples = 0
    with target.open("w", encoding="utf-8") as out, mock.patch.object(build, "Graph", _NTriplesSink):
        for start in range(0, len(facts.papers), batch):
            chunk = facts.papers[start:start + batch]
            links = [link for p in chunk for link in links_by_paper[p.id]]
            keys = {link.entity for link in links}
            families = {entities[k].variant_of for k in keys} - keys - {None}
            while families:  # families of families too
                keys |= families
                families = {entities[k].variant_of for k in families} - keys - {None}
            sink = build.facts_to_graph(Facts(chunk, tuple(entities[k] for k in sorted(keys)), tuple(links)))
            for line in sink.lines:
                if not line.startswith(_UNIQUE):  # entity triples repeat across batches
                    if line in seen:
                        continue
                    seen.add(line)
                out.write(line)
                triples += 1
    return triples


def _alarm(signum: int, frame: object) -> None:
    raise TimeoutError


def _consume(result: object) -> int:
    """Read every answer row and every value in it (no formatting); return the row count."""
    return sum(1 for row in result if tuple(row) is not None)


def _median_time(run, runs: int, slow: float) -> tuple[float, int, int]:
    """One warm-up run, then the median of ``runs`` timed runs (one run when the warm-up took over ``slow`` s)."""
    started = time.perf_counter()
    rows = run()
    warm = time.perf_counter() - started
    times = []
    for _ in range(1 if warm > slow else runs):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows, len(times)


_OX_PROBE = """
import sys, pyoxigraph as ox
sys.path.insert(0, sys.argv[3])
from kg.graph.namespace import PREFIXES
store = ox.Store.read_only(sys.argv[1])
print(sum(1 for row in store.query(open(sys.argv[2], encoding="utf-8").read(), prefixes=PREFIXES)))
"""


def probe_oxigraph(store: Path, queries: dict[str, Path], limit: float) -> set[str]:
    """Names of the queries Oxigraph cannot answer within ``limit`` s on the on-disk store.

    Oxigraph evaluates in native code, where no Python alarm can stop it; each
    query is therefore tried once in a child process first, killed at the
    limit, and only the queries that finish are timed in this process.
    """
    over = set()
    for name, path in queries.items():
        try:
            subprocess.run([sys.executable, "-c", _OX_PROBE, str(store), str(path), str(ROOT)], capture_output=True,
                           timeout=limit, check=True)
        except subprocess.TimeoutExpired:
            over.add(name)
            print(f"oxigraph {name:34s} over the {limit:.0f} s limit (probe in a child process)", flush=True)
    return over


def time_oxigraph(store: object, label: str, queries: dict[str, str], skip: set[str], runs: int,
                  slow: float) -> dict[str, float | None]:
    """Seconds per query in a pyoxigraph store, in this process (None: over the limit in the probe)."""
    from kg.graph.namespace import PREFIXES

    times: dict[str, float | None] = {}
    for name, text in queries.items():
        if name in skip:
            times[name] = None
            continue
        times[name], rows, n = _median_time(lambda text=text: _consume(store.query(text, prefixes=PREFIXES)),
                                                 runs, slow)
        print(f"{label:9s}{name:34s} {_fmt(times[name])} ({rows} rows, median of {n})", flush=True)
    return times


def _rss_gb() -> float:
    """Peak resident memory of this process, in GB."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def time_rdflib(graph: object, queries: dict[str, str], limit: float, runs: int,
                slow: float) -> dict[str, float | None]:
    """Seconds per query in rdflib's memory store, in this process (None: stopped by the alarm at ``limit``)."""
    from kg.graph.namespace import PREFIXES

    def run(text: str) -> int:
        signal.setitimer(signal.ITIMER_REAL, limit)  # each run, warm-up included, gets the whole limit
        try:
            return _consume(graph.query(text, initNs=PREFIXES))
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)

    times: dict[str, float | None] = {}
    signal.signal(signal.SIGALRM, _alarm)
    for name, text in queries.items():
        try:
            times[name], rows, n = _median_time(lambda text=text: run(text), runs, slow)
        except TimeoutError:
            times[name], rows, n = None, -1, 0
        print(f"rdflib   {name:34s} {_fmt(times[name])} ({rows} rows, median of {n})", flush=True)
    return times


def time_cli(store: Path, queries: dict[str, Path], limit: float) -> dict[str, float | None]:
    """Wall-clock seconds of ``kg query --store`` per query (a fresh process, Python start-up included)."""
    kg = Path(sys.executable).with_name("kg")
    times: dict[str, float | None] = {}
    for name, path in queries.items():
        started = time.perf_counter()
        try:
            subprocess.run([str(kg), "query", "--store", str(store), "--format", "csv", str(path)],
                           capture_output=True, timeout=limit, check=True)
            times[name] = time.perf_counter() - started
        except subprocess.TimeoutExpired:
            times[name] = None
        print(f"kg query {name:34s} {_fmt(times[name])}", flush=True)
    return times


def _fmt(seconds: float | None) -> str:
    return "  > limit" if seconds is None else f"{seconds:9.3f} s"


def _ratio(rdflib: float | None, oxigraph: float | None, limit: float) -> str:
    if oxigraph is None:
        return "n/a"
    if rdflib is None:
        return f">= {limit / oxigraph:.0f}x"
    return f"{rdflib / oxigraph:.1f}x"


def main() -> None:
    import pyoxigraph as ox

    from kg.sparql.query import bundled_queries
    from kg.sparql.store import create_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per query run before it is stopped")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per query, after one warm-up")
    parser.add_argument("--slow", type=float, default=30.0,
                        help="a query whose warm-up run took longer is timed once, not --runs times")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib (it needs ~2.5 GB per 10k papers)")
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory Oxigraph store")
    args = parser.parse_args()

    work = args.work / str(args.papers)
    work.mkdir(parents=True, exist_ok=True)
    nt, store_dir = work / "graph.nt", work / "store"
    started = time.perf_counter()
    if not nt.exists():  # written under another name first, so that an interrupted run leaves no partial file
        triples = write_graph(args.papers, nt.with_suffix(".partial"))
        nt.with_suffix(".partial").rename(nt)
        print(f"generated {args.papers} papers, {triples} triples in {time.perf_counter() - started:.0f} s", flush=True)
    if not (store_dir / "loaded").exists():
        started = time.perf_counter()
        create_store(nt, store_dir)
        (store_dir / "loaded").write_text(nt.name + "\n", encoding="utf-8")
        print(f"oxigraph: bulk-loaded the on-disk store in {time.perf_counter() - started:.1f} s", flush=True)

    files = bundled_queries()
    texts = {n: p.read_text(encoding="utf-8") for n, p in files.items()}
    over = probe_oxigraph(store_dir, files, args.limit)
    disk = time_oxigraph(ox.Store.read_only(str(store_dir)), "ox disk", texts, over, args.runs, args.slow)
    memory: dict[str, float | None] = {}
    if not args.no_memory:
        started = time.perf_counter()
        mem_store = ox.Store()
        mem_store.bulk_load(path=nt, format=ox.RdfFormat.N_TRIPLES)
        print(f"oxigraph: loaded {len(mem_store)} triples in memory in {time.perf_counter() - started:.1f} s",
              flush=True)
        memory = time_oxigraph(mem_store, "ox mem", texts, over, args.runs, args.slow)
        del mem_store
    rdf_times: dict[str, float | None] = {}
    if not args.no_rdflib:
        from rdflib import Graph

        started = time.perf_counter()
        graph = Graph().parse(nt, format="nt")
        print(f"rdflib: parsed {len(graph)} triples in {time.perf_counter() - started:.1f} s, "
              f"peak memory {_rss_gb():.1f} GB", flush=True)
        rdf_times = time_rdflib(graph, texts, args.limit, args.runs, args.slow)
        del graph
    cli_times = time_cli(store_dir, files, args.limit)
    report = {"papers": args.papers, "limit": args.limit, "runs": args.runs, "oxigraph_disk": disk,
              "oxigraph_memory": memory, "rdflib": rdf_times, "kg_query": cli_times}
    (work / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'query':34s} {'ox disk':>11s} {'ox memory':>11s} {'rdflib':>11s} {'disk ratio':>10s} "
          f"{'mem ratio':>10s} {'kg query':>11s}")
    for name in files:
        rd = rdf_times.get(name) if rdf_times else None
        print(f"{name:34s} {_fmt(disk[name])} {_fmt(memory[name]) if memory else '        n/a'} "
              f"{_fmt(rd) if rdf_times else '        n/a'} "
              f"{_ratio(rd, disk[name], args.limit) if rdf_times else 'n/a':>10s} "
              f"{_ratio(rd, memory.get(name), args.limit) if rdf_times and memory else 'n/a':>10s} "
              f"{_fmt(cli_times[name])}")


if __name__ == "__main__":
    main()
