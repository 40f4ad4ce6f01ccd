"""Time to interactive of the HTML viewer in headless Chromium: the sample graph and a synthetic large one.

Run by hand (not by pytest), from the top of the checkout:

    python benchmarks/viewer_load.py [--nodes 5000] [--runs 3]

Builds the sample's view from ``outputs/graph.ttl`` and a view of a
deterministic synthetic graph of ``--nodes`` nodes (30 % papers, entity
popularity Zipf-like, about two links per node), opens each from ``file://``
in headless Chromium with the network cut, and reports, per run, the time
from navigation start until the layout has settled, physics is off and the
labels are drawn (``kgView.readyMs``); then the time of one click (highlight
and panel) and of one search on the large view.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from kg.graph import load_graph
from kg.viewer.page import write_html, write_view

KINDS = ["Method"] * 61 + ["Task"] * 17 + ["Model"] * 12 + ["Dataset"] * 10
ROLES = {"Method": "uses", "Model": "uses", "Task": "addresses", "Dataset": "evaluatesOn"}
IRI = "https://w3id.org/paperkg/resource/"


def synthetic_graph(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A paperkg-shaped graph: 30 % papers, each entity linked once, plus four Zipf-popular links per paper."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    n_papers = n_nodes * 3 // 10
    entities = []
    for i in range(n_nodes - n_papers):
        kind = KINDS[i % len(KINDS)]
        node = f"{IRI}{kind.lower()}/e{i}"
        g.add_node(node, kind=kind, label=f"{kind} entity {i}", aliases=f"alias {i}")
        entities.append(node)
    papers = [f"{IRI}paper/p{p}" for p in range(n_papers)]
    for p, node in enumerate(papers):
        g.add_node(node, kind="Paper", label=f"Paper {p} about things", title=f"Paper {p} about things",
                   identifier=f"2401.{p:05d}", abstract=f"We study entity {p}.")
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(entities))]
    for node in entities:
        role = ROLES[g.nodes[node]["kind"]]
        g.add_edge(rng.choice(papers), node, key=role, role=role)
    for paper in papers:
        for node in rng.choices(entities, weights, k=4):
            role = ROLES[g.nodes[node]["kind"]]
            g.add_edge(paper, node, key=role, role=role)
    return g


def browser() -> webdriver.Chrome:
    """Headless Chromium with the network cut (offline emulation and a dead proxy)."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--proxy-server=127.0.0.1:9"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    return driver


def time_to_interactive(driver: webdriver.Chrome, page: Path) -> float:
    """Seconds from navigation start until the page says it is ready."""
    driver.get("about:blank")
    driver.get(page.as_uri())
    WebDriverWait(driver, 300).until(lambda d: d.execute_script("return typeof kgView === 'object' && kgView.readyMs !== null"))
    return driver.execute_script("return kgView.readyMs") / 1000


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sample, large = Path(folder) / "sample.html", Path(folder) / "large.html"
        started = time.perf_counter()
        write_view(load_graph("outputs/graph.ttl"), sample)
        print(f"sample page written in {time.perf_counter() - started:.2f} s")
        graph = synthetic_graph(args.nodes)
        started = time.perf_counter()
        write_html(graph, large)
        print(f"{graph.number_of_nodes():,}-node page ({graph.number_of_edges():,} links, "
              f"{large.stat().st_size / 1e6:.1f} MB) written in {time.perf_counter() - started:.2f} s")
        driver = browser()
        try:
            for name, page in (("sample", sample), (f"{args.nodes:,} nodes", large)):
                runs = [time_to_interactive(driver, page) for _ in range(args.runs)]
                print(f"{name}: time to interactive {statistics.median(runs):.2f} s median "
                      f"({', '.join(f'{r:.2f}' for r in runs)})")
            hub = max(graph, key=lambda n: (graph.degree(n), n))
            click = driver.execute_script(
                "var t = performance.now(); kgView.focus(arguments[0], false); network.redraw();"
                "return performance.now() - t;", hub)
            search = driver.execute_script("var t = performance.now(); kgView.search('entity 12');"
                                           "return performance.now() - t;")
            print(f"{args.nodes:,} nodes: click on the biggest hub {click:.0f} ms, search {search:.0f} ms")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
