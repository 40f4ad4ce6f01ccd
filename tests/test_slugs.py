"""Slugs for instance IRIs."""

from __future__ import annotations

import pytest

from kg.slugs import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [("LLaMA-2 70B (chat)", "llama-2-70b-chat"), ("2403.01234v2", "2403.01234v2"), ("  --Déjà vu--  ", "deja-vu"),
     ("a/b\\c?d#e", "a-b-c-d-e"), ("...", None)],
)
def test_slugify_is_iri_safe(text, slug):
    result = slugify(text)
    assert all(c.isalnum() and c.isascii() or c in "-." for c in result)
    if slug is not None:
        assert result == slug


def test_slugify_cuts_long_text_at_a_word_boundary():
    slug = slugify("word " * 40, max_length=30)
    assert len(slug) <= 30 and not slug.endswith("-") and slug.startswith("word-word")


def test_slugify_keeps_texts_without_latin_letters_apart():
    assert slugify("深度学习") != slugify("强化学习")
    assert slugify("深度学习") == slugify("深度学习")
