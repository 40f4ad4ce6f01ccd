"""Tests of kg.viewer.page's page in a real, offline, headless Chromium driven by Selenium.

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
from kg.viewer.page import write_html

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
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome"}
"""Schemes that never leave the machine (``chrome:`` is the browser's own resources, e.g. its file-page icons)."""
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


def assert_panel_is_plain(driver: webdriver.Chrome) -> None:
    """The side panel holds only the elements and attributes the page's script makes."""
    tags, attrs = driver.execute_script(
        "var tags = {}, attrs = {};"
        "document.querySelectorAll('#kg-panel *').forEach(function (el) {"
        "  tags[el.tagName] = 1; for (var i = 0; i < el.attributes.length; i++) { attrs[el.attributes[i].name] = 1; }"
        "}); return [Object.keys(tags), Object.keys(attrs)];"
    )
    assert set(tags) <= {"P", "H2", "H3", "A", "UL", "LI", "SPAN", "BUTTON", "MARK", "TABLE", "THEAD", "TBODY", "TR",
                         "TH", "TD", "DETAILS", "SUMMARY"}, tags
    assert set(attrs) <= {"class", "href", "rel", "target", "type", "title", "scope", "colspan", "open"}, attrs


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
    link = driver.find_element(By.CSS_SELECTOR, "#kg-panel a.kg-arxiv")
    assert link.get_attribute("href") == "https://arxiv.org/abs/2401.00004"
    assert link.text == "arXiv:2401.00004"
    assert_inert(driver)


def test_entity_details_and_empty_click(driver: webdriver.Chrome, tmp_path: Path) -> None:
    open_page(driver, benign_graph(), tmp_path / "benign.html")
    click(driver, f"{EX}dataset/dataset-2")
    assert panel_text(driver, "kg-kind") == "Dataset"
    assert panel_text(driver, "kg-aliases") == "Also: dataset2; alt 2"
    driver.execute_script("network.emit('click', {nodes: [], edges: []});")
    assert panel_text(driver, "kg-hint") == "Click a node, or search, to see its details."
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
        assert_panel_is_plain(driver)
        assert_inert(driver)


def test_panel_drops_links_that_are_not_http(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = hostile_graph()
    open_page(driver, graph, tmp_path / "hostile.html")
    pid = next(n for n, a in graph.nodes(data=True) if a["kind"] == "Paper")
    for url in ("javascript:window.__pwned=9", "data:text/html,<script>alert(9)</script>", "not a url"):
        driver.execute_script(
            "kgView.details[arguments[0]].url = arguments[1];", pid, url
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


def open_file(driver: webdriver.Chrome, path: Path) -> list[str]:
    """Load an already written page from ``file://``, wait until it is interactive; return requested URLs."""
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(path.as_uri())
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return typeof network === 'object' && kgStabilized"))
    return [
        json.loads(e["message"])["message"]["params"]["request"]["url"]
        for e in driver.get_log("performance")
        if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
    ]


def assert_labels_do_not_overlap(driver: webdriver.Chrome) -> list[dict]:
    """Every label drawn on the canvas is inside it and clear of every other label; return them."""
    boxes = driver.execute_script("network.redraw(); return kgView.labels;")
    width, height = driver.execute_script("var c = document.getElementById('kg-network'); return [c.clientWidth, c.clientHeight];")
    for i, a in enumerate(boxes):
        assert 0 <= a["x"] and a["x"] + a["w"] <= width and 0 <= a["y"] and a["y"] + a["h"] <= height
        for b in boxes[i + 1:]:
            assert not (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                        and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]), (a, b)
    return boxes


def test_search_finds_by_label_and_alias_and_focuses(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = benign_graph()
    open_page(driver, graph, tmp_path / "benign.html")
    box = driver.find_element(By.ID, "kg-search")
    box.send_keys("alt 3")  # an alias of four entities; the best-connected comes first
    results = driver.find_elements(By.CSS_SELECTOR, "#kg-results li button")
    assert sorted(r.text for r in results) == ["Dataset 3", "Method 3", "Model 3", "Task 3"]
    box.clear()
    box.send_keys("dataset2")
    assert [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#kg-results li button")] == ["Dataset 2"]
    box.send_keys("\n")
    target = f"{EX}dataset/dataset-2"
    assert driver.execute_script("return network.getSelectedNodes()") == [target]
    assert panel_text(driver, "kg-name") == "Dataset 2"
    near = driver.execute_script("return Object.keys(kgView.state.near).sort()")
    assert near == sorted({target, *graph.predecessors(target), *graph.successors(target)})
    drawn = driver.execute_script("network.redraw(); return kgView.drawn;")
    assert drawn == {"veiled": True, "nodes": len(near), "edges": graph.degree(target)}
    assert {b["id"] for b in driver.execute_script("return kgView.labels")} <= set(near)
    driver.execute_script("network.emit('click', {nodes: [], edges: []});")
    assert driver.execute_script("network.redraw(); return kgView.drawn;")["veiled"] is False
    assert_inert(driver)


def test_type_and_role_filters_hide_and_show(driver: webdriver.Chrome, tmp_path: Path) -> None:
    graph = benign_graph()
    open_page(driver, graph, tmp_path / "benign.html")
    hidden = "return nodes.get({filter: function (n) { return n.hidden; }}).map(function (n) { return n.id; }).sort()"
    driver.find_element(By.CSS_SELECTOR, 'input[data-kind="Method"]').click()
    assert driver.execute_script(hidden) == sorted(n for n, a in graph.nodes(data=True) if a["kind"] == "Method")
    labelled = {b["id"] for b in assert_labels_do_not_overlap(driver)}
    assert labelled and not labelled & set(driver.execute_script(hidden))
    driver.find_element(By.CSS_SELECTOR, 'input[data-kind="Method"]').click()
    assert driver.execute_script(hidden) == []
    driver.find_element(By.CSS_SELECTOR, 'input[data-role="evaluatesOn"]').click()
    # Datasets are only evaluated on: with that role off, each linked dataset goes; unlinked ones stay.
    gone = sorted(n for n, a in graph.nodes(data=True) if a["kind"] == "Dataset" and graph.degree(n))
    assert len(gone) == 2 and driver.execute_script(hidden) == gone
    off = driver.execute_script("return edges.get({filter: function (e) { return e.hidden; }}).length")
    assert off == sum(1 for *_, role in graph.edges(data="role") if role == "evaluatesOn")
    assert driver.find_element(By.ID, "kg-hidden").text == "2 hidden by the filters"
    assert_inert(driver)


def test_view_from_rdf_marks_mentions_and_shows_evidence(driver: webdriver.Chrome, tmp_path: Path, graph) -> None:
    from kg.viewer.page import write_view

    page = tmp_path / "fixture.html"
    write_view(graph, page)
    open_file(driver, page)
    lora = "https://w3id.org/paperkg/resource/method/lora"
    click(driver, lora)
    assert panel_text(driver, "kg-aliases") == "Also: Low-Rank Adaptation"
    items = driver.find_elements(By.CSS_SELECTOR, "#kg-panel .kg-links .kg-link-item")
    assert len(items) == 3
    texts = [item.text for item in items]
    assert any("uses" in t and "Scaling Math Reasoning" in t and "We fine-tune LLaMA-2-70B with LoRA" in t for t in texts)
    assert driver.find_elements(By.CSS_SELECTOR, "#kg-panel .kg-evidence mark")[0].text == "LoRA"
    paper = "https://w3id.org/paperkg/resource/paper/2403.01234"
    click(driver, paper)
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#kg-panel .kg-abstract mark")]
    assert "LLaMA-2-70B" in marks and "GSM8K" in marks
    assert driver.find_element(By.CSS_SELECTOR, "#kg-panel a.kg-arxiv").get_attribute("href") == (
        "https://arxiv.org/abs/2403.01234")
    driver.find_element(By.XPATH, "//aside[@id='kg-panel']//p[contains(@class,'kg-abstract')]/mark[text()='GSM8K']").click()
    assert panel_text(driver, "kg-name") == "GSM8K"
    assert_inert(driver)


def test_hostile_rdf_input_stays_text(driver: webdriver.Chrome, tmp_path: Path) -> None:
    from kg.graph.build import facts_to_graph
    from kg.records import Entity, Facts, Link, Mention, Paper
    from kg.viewer.page import write_view

    papers, entities, links = [], [], []
    for i, bad in enumerate(PAYLOADS):
        abstract = f"We use {bad} here."
        papers.append(Paper(id=f"h{i}", title=bad, abstract=abstract, authors=(bad,), url=f"https://e.org/?q={bad}"))
        entities.append(Entity(f"method/h{i}", "Method", bad, aliases=(f"{bad} alias",)))
        mention = Mention(bad, "abstract", 7, 7 + len(bad), "Method", "uses", "test", 0.9, sentence=abstract)
        links.append(Link(f"h{i}", f"method/h{i}", "uses", (mention,)))
    page = tmp_path / "hostile-rdf.html"
    write_view(facts_to_graph(Facts(tuple(papers), tuple(entities), tuple(links))), page)
    requested = open_file(driver, page)
    assert {urlsplit(url).scheme for url in requested} <= LOCAL_SCHEMES, requested
    assert_inert(driver)
    for i, bad in enumerate(PAYLOADS):
        click(driver, f"https://w3id.org/paperkg/resource/method/h{i}")
        assert panel_text(driver, "kg-name") == bad
        assert panel_text(driver, "kg-evidence") == f"We use {bad} here."
        click(driver, f"https://w3id.org/paperkg/resource/paper/h{i}")
        assert driver.execute_script("return document.querySelector('#kg-panel .kg-abstract mark').textContent") == bad
        assert_panel_is_plain(driver)
    box = driver.find_element(By.ID, "kg-search")
    box.send_keys("<img")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#kg-results li button")) >= 2
    box.send_keys("\n")
    assert_inert(driver)


def test_sample_view_labels_do_not_overlap(driver: webdriver.Chrome, tmp_path: Path) -> None:
    outputs = Path(__file__).resolve().parents[1] / "outputs"
    page = tmp_path / "graph.html"
    page.write_bytes((outputs / "graph.html").read_bytes())
    open_file(driver, page)
    boxes = assert_labels_do_not_overlap(driver)
    top = driver.execute_script(
        "return Object.keys(kgView.details).sort(function (a, b) {"
        " return kgView.details[b].degree - kgView.details[a].degree; }).slice(0, 1)")
    assert len(boxes) >= 20 and top[0] in {b["id"] for b in boxes} or len(boxes) >= 40


def texts(driver: webdriver.Chrome, css: str) -> list[str]:
    """Return the ``textContent`` of every element in the side panel matching ``css``, in order."""
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#kg-panel ' + arguments[0]),"
        " function (el) { return el.textContent; });", css)


def test_sample_dataset_panel_shows_its_leaderboard_best_first(driver: webdriver.Chrome, tmp_path: Path) -> None:
    from kg.graph import load_graph
    from kg.viewer.page import write_view

    page = tmp_path / "sample.html"
    write_view(load_graph(Path(__file__).resolve().parents[1] / "outputs" / "graph.ttl"), page)
    open_file(driver, page)
    click(driver, "https://w3id.org/paperkg/resource/dataset/gsm8k")
    assert panel_text(driver, "kg-name") == "GSM8K"
    assert panel_text(driver, "kg-board-head") == "Leaderboard (2 results)"
    assert texts(driver, ".kg-board-metric") == ["accuracy \u2191 higher is better"]
    rows = driver.find_elements(By.CSS_SELECTOR, "#kg-panel table.kg-board tr.kg-board-row")
    cells = [[td.text for td in row.find_elements(By.TAG_NAME, "td")][:3] for row in rows]
    assert cells == [["1", "Gemma-2-it-9B", "86.3%"], ["2", "Gemma-1.1-it-7B", "83.9%"]]
    assert all(row.find_element(By.CSS_SELECTOR, ".kg-cell-paper").text.startswith("Building Math Agents")
               for row in rows)
    why = driver.find_elements(By.CSS_SELECTOR, "#kg-panel tr.kg-board-why details")
    why[0].find_element(By.TAG_NAME, "summary").click()
    assert why[0].get_attribute("open") is not None
    assert "improved from 84.1% to 86.3% on GSM8K" in why[0].find_element(By.CSS_SELECTOR, ".kg-evidence").text
    assert why[0].find_element(By.CSS_SELECTOR, ".kg-evidence mark").text == "86.3%"
    rows[0].find_element(By.CSS_SELECTOR, ".kg-cell-entity button").click()
    assert panel_text(driver, "kg-name") == "Gemma-2-it-9B"
    assert texts(driver, "tr.kg-scores-row .kg-cell-dataset") == ["GSM8K", "MATH"]
    assert_panel_is_plain(driver)
    assert_inert(driver)


def test_entity_panel_shows_relations_with_their_evidence(driver: webdriver.Chrome, tmp_path: Path) -> None:
    from kg.graph.build import facts_to_graph
    from kg.viewer.page import write_view

    from tests.conftest import make_findings_facts

    page = tmp_path / "findings.html"
    write_view(facts_to_graph(make_findings_facts()), page)
    open_file(driver, page)
    lora = "https://w3id.org/paperkg/resource/method/lora"
    click(driver, lora)
    assert panel_text(driver, "kg-relations-head") == "Relations (2)"
    items = driver.find_elements(By.CSS_SELECTOR, "#kg-panel .kg-relations .kg-relation-item")
    assert [i.find_element(By.CSS_SELECTOR, ".kg-role").text for i in items] == ["basis of", "compared with"]
    assert [i.find_element(By.CSS_SELECTOR, "button").text for i in items] == ["LoRA+", "LLaMA-2-70B"]
    assert items[0].find_element(By.CSS_SELECTOR, ".kg-evidence").text == "LoRA+ improves LoRA."
    assert items[0].find_element(By.CSS_SELECTOR, ".kg-source").text == "in LoRA+"
    assert [r.text.split("\n")[0] for r in driver.find_elements(By.CSS_SELECTOR, "#kg-panel tr.kg-scores-row")] == [
        "GSM8K accuracy 80.1% LoRA+", "MATH error rate 30.5% LoRA+"]
    items[0].find_element(By.CSS_SELECTOR, "button").click()
    assert panel_text(driver, "kg-name") == "LoRA+"
    out = driver.find_elements(By.CSS_SELECTOR, "#kg-panel .kg-relations .kg-relation-item")
    assert [i.find_element(By.CSS_SELECTOR, ".kg-role").text for i in out] == ["based on", "benchmarked on"]
    click(driver, "https://w3id.org/paperkg/resource/dataset/math")
    assert texts(driver, "tr.kg-board-row .kg-cell-entity") == ["LoRA+", "LoRA"]  # error rate: lowest first
    assert texts(driver, ".kg-board-metric") == ["error rate \u2193 lower is better"]
    assert_panel_is_plain(driver)
    assert_inert(driver)


def test_hostile_result_and_claim_sentences_stay_text(driver: webdriver.Chrome, tmp_path: Path) -> None:
    from kg.graph.build import facts_to_graph
    from kg.viewer.page import write_view

    from tests.conftest import make_findings_facts

    for i, bad in enumerate(PAYLOADS):
        page = tmp_path / f"hostile-findings-{i}.html"
        write_view(facts_to_graph(make_findings_facts(f"LoRA+ {bad} 84.2%")), page)
        open_file(driver, page)
        click(driver, "https://w3id.org/paperkg/resource/dataset/gsm8k")
        for details in driver.find_elements(By.CSS_SELECTOR, "#kg-panel details"):
            details.find_element(By.TAG_NAME, "summary").click()
        assert set(texts(driver, ".kg-board-why .kg-evidence")) == {f"LoRA+ {bad} 84.2%"}
        assert texts(driver, ".kg-board-why .kg-evidence mark")[0] == "84.2%"
        assert_panel_is_plain(driver)
        click(driver, "https://w3id.org/paperkg/resource/method/lora")
        assert set(texts(driver, ".kg-relations .kg-evidence")) == {f"LoRA+ {bad} 84.2%"}
        assert_panel_is_plain(driver)
        assert_inert(driver)
