"""The package layout: few top-level modules, one folder per stage, no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
STAGES = ("ingest", "extract", "resolve", "graph", "builder", "sparql", "export", "viewer", "analysis",
          "evaluation", "train", "cli")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The kg modules ``path`` imports, at any depth of its code (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kg.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("kg"):
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.fixture(scope="module")
def import_graph() -> nx.DiGraph:
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        if path.name == "__init__.py":
            continue  # a package's __init__ re-exporting its own modules is no cycle
        graph.add_edges_from((name, target) for target in imports(path) if target in modules
                             and not modules[target].name == "__init__.py" and target != name)
    return graph


def test_at_most_twelve_top_level_modules_without_shared_prefixes() -> None:
    top = sorted(path.stem for path in PACKAGE.glob("*.py") if path.stem not in ("__init__", "__main__"))
    assert len(top) + 2 <= 12, top
    prefixes = [name.split("_")[0] for name in top]
    assert len(prefixes) == len(set(prefixes)), top


def test_every_stage_is_a_package() -> None:
    assert all((PACKAGE / stage / "__init__.py").is_file() for stage in STAGES)


def test_no_import_cycle_inside_kg(import_graph: nx.DiGraph) -> None:
    cycles = list(nx.simple_cycles(import_graph))
    assert cycles == [], cycles


def test_the_library_never_imports_the_command_line() -> None:
    library = [path for path in PACKAGE.rglob("*.py") if module_name(path).split(".")[1:2] != ["cli"]
               and path.name != "__main__.py"]
    into_cli = {module_name(path): sorted(name for name in imports(path) if name.split(".")[:2] == ["kg", "cli"])
                for path in library}
    assert {name: found for name, found in into_cli.items() if found} == {}


def test_every_module_declares_its_public_names() -> None:
    missing = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = [node for node in tree.body if isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)]
        if not declared:
            missing.append(module_name(path))
    assert missing == []


def test_every_exception_derives_from_the_one_base() -> None:
    import inspect

    from kg import errors

    outside = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            bases = {getattr(base, "id", getattr(base, "attr", "")) for base in getattr(node, "bases", [])}
            if isinstance(node, ast.ClassDef) and bases & {"Exception", "ValueError", "RuntimeError", "OSError"}:
                outside.append(f"{module_name(path)}.{node.name}")
    assert outside == ["kg.errors.KgError"]
    classes = [cls for _, cls in inspect.getmembers(errors, inspect.isclass)
               if issubclass(cls, BaseException) and not issubclass(cls, Warning)]
    assert classes and all(issubclass(cls, errors.KgError) for cls in classes)
