"""Training of the statistical entity recogniser (``kg train``)."""

from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner"
"""Where the shipped recogniser lives and where ``kg train`` writes it by default."""
