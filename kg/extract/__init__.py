"""Extraction: a spaCy pipeline that finds the entities each paper names, and how it relates to them."""

from kg.extract.lexicon import Concept, Lexicon, load_lexicon
from kg.extract.pipeline import COMPONENTS, make_nlp
from kg.extract.run import extract

__all__ = ["COMPONENTS", "Concept", "Lexicon", "extract", "load_lexicon", "make_nlp"]
