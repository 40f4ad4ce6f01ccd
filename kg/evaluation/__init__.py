"""Paper-level evaluation of a built graph against gold annotations (``kg eval``)."""

from kg.evaluation.data import GoldEntity, Predicted, read_gold, read_predictions
from kg.evaluation.scoring import Evaluation, Score, evaluate, format_evaluation

__all__ = ["Evaluation", "GoldEntity", "Predicted", "Score", "evaluate", "format_evaluation", "read_gold",
           "read_predictions"]
