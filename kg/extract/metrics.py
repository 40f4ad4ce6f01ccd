"""Evaluation metrics named in text, each with one canonical label ("top-1 accuracy", "BLEU", "pass@1").

A metric is found by its written forms (:data:`METRICS`); the longest match
wins, so "top-1 accuracy" is not also "accuracy". One-word forms with a capital
after the first letter ("AP", "EM", "WER", "mIoU") match only as written, the
others in any case, with spaces and hyphens alike ("intersection-over-union").
``pass@k``, ``Recall@k``, ``Hits@k``, ``nDCG@k``, ``MRR@k`` and ``mAP@k`` keep their ``k``.
Metrics are not entities: they label results and are never linked to papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["LOWER_IS_BETTER", "METRICS", "MetricSpan", "find_metrics", "is_metric_name", "lower_is_better"]

METRICS: dict[str, tuple[str, ...]] = {
    "accuracy": ("accuracy", "accuracies", "acc", "Acc."),
    "top-1 accuracy": ("top-1 accuracy", "top1 accuracy", "top-1 acc", "top-1"),
    "rank-1 accuracy": ("rank-1 accuracy", "rank-1", "Rank-1", "R1 accuracy"),
    "joint goal accuracy": ("joint goal accuracy",),
    "top-5 accuracy": ("top-5 accuracy", "top5 accuracy", "top-5 acc", "top-5"),
    "balanced accuracy": ("balanced accuracy",),
    "normalized accuracy": ("normalized accuracy", "normalised accuracy", "acc_norm"),
    "exact match": ("exact match", "exact-match", "EM"),
    "F1": ("F1", "F1 score", "F1-score", "F-score", "F-measure", "F1 measure", "F1-measure", "F₁"),
    "F0.5": ("F0.5", "F_0.5", "F_{0.5}", "F0.5 score", "F_{0.5} score", "F0.5-score"),
    "macro-F1": ("macro-F1", "macro F1", "Macro-F1", "macro-averaged F1"),
    "micro-F1": ("micro-F1", "micro F1", "Micro-F1", "micro-averaged F1"),
    "precision": ("precision",),
    "recall": ("recall",),
    "BLEU": ("BLEU", "BLEU score", "BLEU scores", "BLEU-4", "SacreBLEU", "sacreBLEU"),
    "ROUGE-1": ("ROUGE-1", "ROUGE1", "R-1"),
    "ROUGE-2": ("ROUGE-2", "ROUGE2", "R-2"),
    "ROUGE-L": ("ROUGE-L", "ROUGEL", "R-L"),
    "ROUGE": ("ROUGE", "ROUGE score"),
    "METEOR": ("METEOR",),
    "CIDEr": ("CIDEr", "CIDEr score"),
    "SPICE": ("SPICE",),
    "chrF": ("chrF", "chrF++"),
    "COMET": ("COMET",),
    "BERTScore": ("BERTScore",),
    "perplexity": ("perplexity", "perplexities", "PPL"),
    "bits per character": ("bits per character", "bits-per-character", "BPC"),
    "bits per dimension": ("bits per dimension", "bits/dim", "BPD"),
    "WER": ("WER", "word error rate", "word error rates"),
    "CER": ("CER", "character error rate"),
    "error rate": ("error rate", "error rates", "test error", "error"),
    "miss rate": ("miss rate", "log-average miss rate"),
    "top-1 error": ("top-1 error", "top-1 error rate"),
    "EER": ("EER", "equal error rate"),
    "mIoU": ("mIoU", "mean IoU", "mean IOU", "mIOU", "mean intersection over union"),
    "IoU": ("IoU", "IOU", "intersection over union"),
    "AP": ("AP", "average precision"),
    "box AP": ("box AP", "AP box", "APbox", "AP^box", "AP^b", "bbox AP"),
    "mask AP": ("mask AP", "AP mask", "APmask", "AP^mask", "AP^m"),
    "AP50": ("AP50", "AP_50", "AP@0.5"),
    "mAP": ("mAP", "mean average precision", "mean AP"),
    "PQ": ("PQ", "panoptic quality"),
    "NDS": ("NDS",),
    "FID": ("FID", "FID score", "Fréchet Inception Distance", "Frechet Inception Distance"),
    "GLEU": ("GLEU",),
    "Smatch": ("Smatch", "Smatch F1"),
    "phoneme error rate": ("phoneme error rate", "PER"),
    "Inception Score": ("Inception Score", "inception score"),
    "PSNR": ("PSNR", "peak signal-to-noise ratio"),
    "SSIM": ("SSIM", "structural similarity", "structural similarity index", "structural similarity index measure"),
    "LPIPS": ("LPIPS", "learned perceptual image patch similarity"),
    "AUC": ("AUC", "area under the curve"),
    "AUROC": ("AUROC", "AUC-ROC", "ROC-AUC", "ROC AUC"),
    "AUPRC": ("AUPRC", "AUC-PR", "PR-AUC"),
    "MRR": ("MRR", "mean reciprocal rank"),
    "MAE": ("MAE", "mean absolute error"),
    "MSE": ("MSE", "mean squared error", "mean square error"),
    "RMSE": ("RMSE", "root mean squared error", "root mean square error"),
    "Spearman correlation": ("Spearman correlation", "Spearman's rho", "Spearman"),
    "Pearson correlation": ("Pearson correlation", "Pearson"),
    "Dice": ("Dice", "Dice score", "Dice coefficient", "DSC"),
    "win rate": ("win rate", "win rates", "win-rate", "winrate"),
    "length-controlled win rate": ("length-controlled win rate", "LC win rate", "length-controlled (LC) win rate"),
    "success rate": ("success rate", "success rates"),
    "resolve rate": ("resolve rate", "resolved rate", "resolution rate"),
    "pass rate": ("pass rate",),
    "normalized score": ("normalized score", "normalised score", "normalized return", "normalized scores"),
    "edit similarity": ("edit similarity",),
    "MOS": ("MOS", "mean opinion score", "mean opinion scores"),
    "NLL": ("NLL", "negative log-likelihood", "negative log likelihood"),
    "MCC": ("MCC", "Matthews correlation", "Matthews correlation coefficient"),
    "SDR": ("SDR", "signal-to-distortion ratio"),
    "SI-SNR": ("SI-SNR", "SI-SNRi", "scale-invariant signal-to-noise ratio"),
    "joint F1": ("joint F1",),
    "TER": ("TER", "translation edit rate"),
    "FVD": ("FVD", "Fréchet Video Distance", "Frechet Video Distance"),
    "KID": ("KID", "Kernel Inception Distance"),
    "CLIPScore": ("CLIPScore", "CLIP score", "CLIP-Score"),
    "PESQ": ("PESQ",),
    "STOI": ("STOI",),
    "SI-SDR": ("SI-SDR", "SI-SDRi", "scale-invariant signal-to-distortion ratio"),
    "DER": ("DER", "diarization error rate"),
    "MAPE": ("MAPE", "mean absolute percentage error"),
    "sMAPE": ("sMAPE", "SMAPE"),
    "MASE": ("MASE", "mean absolute scaled error"),
    "CRPS": ("CRPS", "continuous ranked probability score"),
    "SPL": ("SPL", "success weighted by path length"),
    "TM-score": ("TM-score", "TM score", "template modeling score"),
    "GDT-TS": ("GDT-TS", "GDT_TS"),
    "lDDT": ("lDDT", "LDDT"),
    "ADE": ("ADE", "average displacement error"),
    "FDE": ("FDE", "final displacement error"),
}
"""Canonical label → the forms it is written in (the label itself is one of them)."""

LOWER_IS_BETTER = frozenset({
    "perplexity", "bits per character", "bits per dimension", "WER", "CER", "error rate", "miss rate",
    "top-1 error", "EER", "FID", "phoneme error rate", "LPIPS", "MAE", "MSE", "RMSE", "NLL", "ADE", "FDE",
    "TER", "FVD", "KID", "DER", "MAPE", "sMAPE", "MASE", "CRPS",
})
"""The canonical labels of the metrics on which a smaller value is better; on the others a larger one is."""

_AT_K = re.compile(r"\b(pass|Pass|Recall|recall|R|Hits|hits|NDCG|nDCG|ndcg|Precision|P|MRR|mAP|MAP)@(\d+)\b")
_AT_K_LABELS = {"pass": "pass@{k}", "recall": "Recall@{k}", "r": "Recall@{k}", "hits": "Hits@{k}",
                "ndcg": "nDCG@{k}", "precision": "Precision@{k}", "p": "Precision@{k}", "mrr": "MRR@{k}",
                "map": "mAP@{k}"}


@dataclass(frozen=True)
class MetricSpan:
    """Where a metric is named in a text, and its canonical label."""

    start: int
    end: int
    label: str


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    forms: dict[str, str] = {}
    originals: set[str] = set()
    for label, written in METRICS.items():
        for form in (label, *written):
            forms.setdefault(_key(form), label)
            originals.add(form)
    alternatives = []
    for form in sorted(originals, key=lambda f: (-len(f), f)):
        body = r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", form))
        alternatives.append(body if _exact(form) else f"(?i:{body})")
    return re.compile(r"(?<![\w@-])(?:" + "|".join(alternatives) + r")(?![\w@]|-(?=\w))"), forms


def _key(form: str) -> str:
    """How a written form is looked up: spaces and hyphens as one space, lower case unless :func:`_exact`."""
    spaced = re.sub(r"[\s-]+", " ", form)
    return spaced if _exact(form) else spaced.lower()


def _exact(form: str) -> bool:
    """Whether ``form`` matches only as written: one word with a capital after its first letter ("AP", "mIoU")."""
    return " " not in form and any(ch.isupper() for ch in form[1:])


def find_metrics(text: str) -> list[MetricSpan]:
    """Return the metrics named in ``text``, in order, without overlaps.

    >>> text = "76.2% top-1 accuracy and 45.1 box AP, pass@1 of 60"
    >>> [(m.label, text[m.start:m.end]) for m in find_metrics(text)]
    [('top-1 accuracy', 'top-1 accuracy'), ('box AP', 'box AP'), ('pass@1', 'pass@1')]
    """
    pattern, forms = _pattern()
    found = [MetricSpan(m.start(), m.end(), _AT_K_LABELS[m.group(1).lower()].format(k=m.group(2)))
             for m in _AT_K.finditer(text)]
    taken = [(m.start, m.end) for m in found]
    for match in pattern.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        form = match.group(0)
        spaced = re.sub(r"[\s-]+", " ", form)
        found.append(MetricSpan(match.start(), match.end(), forms.get(spaced) or forms[spaced.lower()]))
    return sorted(found, key=lambda m: m.start)


_QUOTES = " '\"`‘’“”"


def is_metric_name(text: str) -> bool:
    """Whether ``text`` is one metric's name and nothing more.

    >>> is_metric_name("Fréchet Inception Distance ’ ’"), is_metric_name("SSIM"), is_metric_name("SSIM loss")
    (True, True, False)
    """
    text = text.strip(_QUOTES)
    found = find_metrics(text)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(text)


def lower_is_better(label: str) -> bool:
    """Whether a smaller value is better on the metric with canonical ``label`` (errors, distances, perplexity).

    >>> lower_is_better("WER"), lower_is_better("pass@1")
    (True, False)
    """
    return label in LOWER_IS_BETTER
