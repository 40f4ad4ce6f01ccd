"""Tests for kg.resources."""

from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.resources import ontology_file


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl", "queries", "queries/proposals.rq"])
def test_ontology_file_finds_bundled_files(name: str) -> None:
    assert ontology_file(name).exists()


def test_ontology_file_missing_raises() -> None:
    with pytest.raises(KgError, match="'nope.ttl' not found.*reinstall"):
        ontology_file("nope.ttl")
