"""Tests of kg.viewer's page in a real, offline, headless Chromium driven by Selenium.

Needs ``selenium`` (the ``test`` extra), ``/usr/bin/chromium`` and
``/usr/bin/chromedriver`` (Debian: ``apt-get install chromium chromium-driver``);
skipped, saying which is missing, without them. The browser runs with the
network cut twice over (DevTools offline emulation and a dead proxy), and every
request the page makes is read back from the DevTools performance log.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest

from kg.records import ENTITY_TYPES
from kg.viewer import write_html

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # pragma: no cover - depends on the machine
    webdriver = None

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_MISSING = [
    what
    for what, present in (
        ("the selenium package (pip install selenium)", webdriver is not None),
        (f"{CHROMIUM} (apt-get install chromium)", os.access(CHROMIUM, os.X_OK)),
        (f"{CHROMEDRIVER} (apt-get install chromium-driver)", os.access(CHROMEDRIVER, os.X_OK)),
    )
    if not present
]
pytestmark = pytest.mark.skipif(bool(_MISSING) and not os.environ.get("CI"), reason="browser tests need " + ", ".join(_MISSING))

EX = "https://example.org/kg/"
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__pwned=1">',
    "\"quotes' & ampersands",
    "</script><script>window.__pwned=2;alert(2)</script>",
    "<!-- <script>window.__pwned=3</script>",
    "<svg onload=\"window.__pwned=4\"></svg>",
]


def benign_graph() -> nx.MultiDiGraph:
    """Ten papers and twenty entities (five of each type), linked in a fixed pattern."""
    g = nx.MultiDiGraph()
    entities = []
    for kind in ENTITY_TYPES:
        for i in range(5):
            eid = f"{EX}{kind.lower()}/{kind.lower()}-{i}"
            g.add_node(eid, kind=kind, label=f"{kind} {i}", aliases=f"{kind.lower()}{i}; alt {i}")
            entities.append(eid)
    roles = {"Method": "proposes", "Model": "uses", "Task": "addresses", "Dataset": "evaluatesOn"}
    for p in range(10):
        pid = f"{EX}paper/2401.{p:05d}"
        g.add_node(pid, kind="Paper", label=f"Paper number {p} on things", title=f"Paper number {p} on things",
                   identifier=f"2401.{p:05d}", abstract=f"We study thing {p}.",
                   url=f"https://arxiv.org/abs/2401.{p:05d}", date="2024-01-01")
        for j in (p, p + 3, p + 7):
            eid = entities[j % len(entities)]
            role = roles[g.nodes[eid]["kind"]]
            g.add_edge(pid, eid, key=role, role=role)
    g.add_edge(entities[5], entities[6], key="variantOf", role="variantOf")
    return g


def hostile_graph() -> nx.MultiDiGraph:
    """Each payload as a paper's title, abstract, authors and url query, and as an entity's label and aliases."""
    g = nx.MultiDiGraph()
    for i, bad in enumerate(PAYLOADS):
        pid, eid = f"{EX}paper/{i}{bad}", f"{EX}method/{i}{bad}"
        g.add_node(pid, kind="Paper", label=bad, title=bad, identifier=bad, abstract=bad, authors=bad,
                   url=f"https://e.org/?q={bad}")
        g.add_node(eid, kind=ENTITY_TYPES[i % 4], label=bad, aliases=f"{bad}; other", concept=bad)
        g.add_edge(pid, eid, key="proposes", role="proposes")
    return g


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,900", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    chrome = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    chrome.execute_cdp_cmd("Network.enable", {})
    chrome.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    yield chrome
    chrome.quit()


def open_page(driver: webdriver.Chrome, graph: nx.MultiDiGraph, path: Path, *, stable: bool = True) -> list[str]:
    """Write ``graph``'s page to ``path``, load it from ``file://``, wait for the network; return requested URLs.

    With ``stable``, also wait until the layout has stabilised and physics is off.
    """
    write_html(graph, path)
    driver.get_log("performance")  # drop what earlier pages logged
    driver.get_log("browser")
    driver.get(path.as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return typeof network === 'object' && (kgStabilized || !arguments[0])", stable)
    )
    requested = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    return requested


def assert_inert(driver: webdriver.Chrome) -> None:
    """No dialog is open, no payload ran and the console logged no error."""
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - the property access is the check
    assert driver.execute_script("return window.__pwned") is None
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def click(driver: webdriver.Chrome, node_id: str) -> None:
    """Select ``node_id`` and send vis-network's click event for it."""
    driver.execute_script(
        "network.selectNodes([arguments[0]]); network.emit('click', {nodes: [arguments[0]], edges: []});",
        node_id,
    )


def panel_text(driver: webdriver.Chrome, css_class: str) -> str | None:
    """Return the ``textContent`` of the side panel's element of class ``css_class``, or None."""
    return driver.execute_script(
        "var el = document.querySelector('#kg-panel .' + arguments[0]); return el ? el.textContent : null;",
        css_class,
    )


def test_page_loads_offline_with_every_node(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = benign_graph()
    requested = open_page(driver, graph, tmp_path / "benign.html")
    assert requested, "the performance log recorded no request at all"
    assert {urlsplit(url).scheme for url in requested} <= LOCAL_SCHEMES, requested
    assert sorted(driver.execute_script("return network.body.data.nodes.getIds()")) == sorted(graph.nodes)
    assert driver.execute_script("return edges.length") == graph.number_of_edges()
    legend = driver.find_element(By.ID, "kg-legend").text
    assert all(kind in legend for kind in ("Paper", *ENTITY_TYPES))
    assert driver.find_element(By.ID, "kg-stats").text == "10 papers, 20 entities, 31 links"
    assert_inert(driver)


def test_empty_graph_loads_cleanly(driver: webdriver.Chrome, tmp_path: Path) -> None:
    requested = open_page(driver, nx.MultiDiGraph(), tmp_path / "empty.html", stable=False)
    assert {urlsplit(url).scheme for url in requested} <= LOCAL_SCHEMES, requested
    assert driver.execute_script("return nodes.length") == 0
    assert driver.find_element(By.ID, "kg-stats").text == "0 papers, 0 entities, 0 links"
    assert_inert(driver)


def test_physics_stops_after_stabilisation(driver: webdriver.Chrome, tmp_path: Path) -> None:
    open_page(driver, benign_graph(), tmp_path / "benign.html")
    assert driver.execute_script("return network.physics.options.enabled") is False
    before = driver.execute_script("return network.getPositions()")
    driver.execute_script("return new Promise(function (done) { setTimeout(done, 500); })")
    assert driver.execute_script("return network.getPositions()") == before


def test_mouse_click_shows_paper_details(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = benign_graph()
    open_page(driver, graph, tmp_path / "benign.html")
    target = f"{EX}paper/2401.00004"
    canvas = driver.find_element(By.CSS_SELECTOR, "#kg-network canvas")
    x, y, hit = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y, network.getNodeAt(p)];",
        target,
    )
    assert hit == target
    ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - canvas.size["width"] / 2), round(y - canvas.size["height"] / 2)
    ).click().perform()
    assert panel_text(driver, "kg-name") == graph.nodes[target]["title"]
    assert panel_text(driver, "kg-abstract") == "We study thing 4."
    link = driver.find_element(By.CSS_SELECTOR, "#kg-panel a.kg-link")
    assert link.get_attribute("href") == "https://arxiv.org/abs/2401.00004"
    assert_inert(driver)


def test_entity_details_and_empty_click(driver: webdriver.Chrome, tmp_path: Path) -> None:
    open_page(driver, benign_graph(), tmp_path / "benign.html")
    click(driver, f"{EX}dataset/dataset-2")
    assert panel_text(driver, "kg-kind") == "Dataset"
    assert panel_text(driver, "kg-aliases") == "Also: dataset2; alt 2"
    driver.execute_script("network.emit('click', {nodes: [], edges: []});")
    assert panel_text(driver, "kg-hint") == "Click a node to see its details."
    assert_inert(driver)


def test_hostile_strings_show_as_text_and_never_run(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = hostile_graph()
    requested = open_page(driver, graph, tmp_path / "hostile.html")
    assert {urlsplit(url).scheme for url in requested} <= LOCAL_SCHEMES, requested
    assert sorted(driver.execute_script("return nodes.getIds()")) == sorted(graph.nodes)
    assert_inert(driver)
    for node_id, attrs in graph.nodes(data=True):
        click(driver, node_id)
        assert panel_text(driver, "kg-name") == attrs["label"]
        if attrs["kind"] == "Paper":
            assert panel_text(driver, "kg-abstract") == attrs["abstract"]
            assert panel_text(driver, "kg-meta") == attrs["identifier"]
            assert panel_text(driver, "kg-authors") == attrs["authors"]
            href = driver.find_element(By.CSS_SELECTOR, "#kg-panel a.kg-link").get_attribute("href")
            assert href.startswith("https://e.org/?q=")
        else:
            assert panel_text(driver, "kg-aliases") == f"Also: {attrs['label']}; other"
            assert panel_text(driver, "kg-concept") == f"Concept: {attrs['concept']}"
        assert driver.execute_script("return document.querySelectorAll('#kg-panel *').length") <= 6
        assert_inert(driver)


def test_panel_drops_links_that_are_not_http(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = hostile_graph()
    open_page(driver, graph, tmp_path / "hostile.html")
    pid = next(n for n, a in graph.nodes(data=True) if a["kind"] == "Paper")
    for url in ("javascript:window.__pwned=9", "data:text/html,<script>alert(9)</script>", "not a url"):
        driver.execute_script(
            "var n = nodes.get(arguments[0]); n.kg.url = arguments[1]; nodes.update(n);", pid, url
        )
        click(driver, pid)
        assert driver.find_elements(By.CSS_SELECTOR, "#kg-panel a") == []
    assert_inert(driver)


def test_committed_sample_view_loads_offline_with_every_node(driver: webdriver.Chrome, tmp_path: Path) -> None:
    from kg.graph import load_graph, to_networkx

    outputs = Path(__file__).resolve().parents[1] / "outputs"
    graph = to_networkx(load_graph(outputs / "graph.ttl"))
    page = tmp_path / "graph.html"
    page.write_bytes((outputs / "graph.html").read_bytes())
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(page.as_uri())
    WebDriverWait(driver, 120).until(lambda d: d.execute_script("return typeof network === 'object' && kgStabilized"))
    requested = [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in driver.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]
    assert {urlsplit(url).scheme for url in requested} <= LOCAL_SCHEMES, requested
    assert sorted(driver.execute_script("return network.body.data.nodes.getIds()")) == sorted(graph.nodes)
    assert_inert(driver)
