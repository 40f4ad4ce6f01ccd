"""The word lists the extraction rules read: cue words, head words and stop words, as data.

Each list is used by the rules named in its docstring (see
:mod:`kg.extract.registry`). Editing a list changes what those rules find;
``kg eval`` on the gold set says whether the change helps.
"""

from __future__ import annotations

__all__ = [
    "ABOUT_LEADS", "APPOSITION_VERBS", "LANGUAGES", "DATASET_HEADS", "DATASET_KIND_HEADS", "GENERIC", "GENERIC_HEADS", "GENERIC_LEADS",
    "METHOD_HEADS", "METHOD_KIND_HEADS", "METHOD_PHRASE_EXTRA_HEADS", "METRIC_HEADS", "MODIFIER_STOP",
    "NAME_STOP", "NER_EDGE", "NOT_ARTEFACT_SHAPES", "NOT_DATASET_NAMES", "NOT_TITLE_NAMES", "PHRASE_STOP", "PROPOSAL_VERBS",
    "TASK_HEADS", "TITLE_CONNECTIVES", "TITLE_LEADS", "TITLE_PROPOSAL_FOLLOWERS", "TUNING_SUFFIXES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- head words: the last word of a phrase says what it names (heads.py) ---------------------------------

TASK_HEADS = _words(
    """detection generation recognition classification segmentation translation summarization
    forecasting prediction estimation retrieval completion reasoning answering synthesis captioning
    tracking parsing localization localisation reconstruction planning verification docking proving
    alignment understanding editing extraction labeling labelling tagging inpainting
    denoising restoration registration discovery diagnosis recommendation navigation manipulation
    imaging optimization optimisation"""
)
"""Heads of task names (``task-heads``, head typing everywhere)."""

METHOD_HEADS = _words(
    """network networks learning algorithm algorithms method methods model models transformer
    transformers attention descent regression distillation tuning
    finetuning fine-tuning training pretraining pre-training prompting decoding sampling sampler
    encoder decoder autoencoder embedding embeddings regularization normalization quantization
    architecture architectures framework mechanism layer layers machine machines forest forests
    boosting clustering inference iteration iterations approximation estimator policy
    programming analysis factorization decomposition propagation backpropagation augmentation
    rule operator operators solver solvers scheme index kernel process processes filter filters
    coding hashing optimizer optimizers adapter adapters walk walks"""
)
"""Heads of method names."""

DATASET_HEADS = _words("dataset datasets benchmark benchmarks corpus corpora suite leaderboard")
"""Heads of dataset names; also the word after a name that makes it a dataset (``name-shapes``)."""

METRIC_HEADS = _words(
    """accuracy precision recall score scores error errors rate rates loss losses perplexity
    auc auroc bleu rouge f1 metric metrics quality iou miou ap psnr ssim ndcg mrr cider meteor wer cer
    bertscore"""
)
"""Heads of metric names: never entities."""

GENERIC = _words(
    """method methods approach approaches model models algorithm algorithms framework frameworks
    task tasks problem problems data performance baseline baselines system systems technique
    techniques paper work results result study analysis network networks architecture
    architectures module modules pipeline strategy strategies tool tools solution solutions
    learning training inference optimization prediction generation"""
)
"""Words that name nothing in particular when they stand alone (``generic-filter``)."""

GENERIC_LEADS = _words(
    """a an the our this proposed new novel
    simple small large efficient effective scalable fast faster better improved strong stronger lightweight
    powerful accurate"""
)
"""Words that may precede generic words in a phrase that still names nothing: "the proposed framework",
"small models", "efficient training"."""

# --- proposal cues (cues.py, appositives.py) --------------------------------------------------------------

PROPOSAL_VERBS = ("propose", "introduce", "present", "develop", "design", "devise", "build", "construct", "create",
                  "release", "contribute", "curate", "formulate", "offer", "suggest", "establish", "derive")
"""Verbs by which authors introduce their contribution, in regex order (``proposal-cues``, ``proposal-phrases``)."""

APPOSITION_VERBS = (*PROPOSAL_VERBS[:12], "offer", "describe")
"""The verbs after which a name in apposition is looked for (``appositive-names``).

"Describe" joins them here only: "we describe X, a parser …" names a
contribution, but "we describe the structure of …" proposes nothing.
"""

GENERIC_HEADS = _words(
    """method methods approach approaches framework frameworks algorithm algorithms model models architecture
    architectures paradigm protocol objective strategy technique procedure loss analysis system scheme module
    pipeline mechanism"""
)
"""Heads that say a phrase is a method without naming one (``proposal-phrases``, ``named-phrases``)."""

METHOD_PHRASE_EXTRA_HEADS = _words(
    """minimization maximization refinement relaxation hashing caching parallelism partitioning
    swap swaps selection iteration trick"""
)
"""Heads of descriptive method names beyond :data:`METHOD_HEADS` ("robust alternating minimization")."""

PHRASE_STOP = _words(
    """a an the of for and or in on to with by from via as at into that which who whose this these those
    it its is are be can could may will would to we our their they
    reduces improves achieves outperforms yields enables allows requires makes shows leads provides uses learns
    converges attains matches scales runs works performs has was were"""
)
"""Words that end a descriptive name: function words, and verbs that follow a subject ("our warm-start reduces …")."""

DATASET_KIND_HEADS = ("benchmark", "benchmarks", "dataset", "datasets", "suite", "corpus", "collection",
                      "leaderboard", "testbed")
"""Description heads that make the name they describe a dataset ("LongBench Pro, a benchmark …"), in order."""

METHOD_KIND_HEADS = (
    "framework", "method", "approach", "algorithm", "model", "system", "library", "toolkit", "tool", "technique",
    "strategy", "pipeline", "agent", "architecture", "optimizer", "protocol", "paradigm", "procedure", "scheme",
    "network", "language", "environment", "solver", "estimator", "objective", "loss", "recipe", "family",
    "transformer", "detector", "classifier", "encoder", "decoder", "generator", "retriever", "planner", "parser",
    "tagger", "recognizer", "segmenter", "tracker", "simulator", "compiler",
)
"""Description heads that make the name they describe a method ("Trace, a framework …"), in order."""

# --- pattern rules (rules.py) -----------------------------------------------------------------------------

MODIFIER_STOP = _words(
    """a an the of for and or in on to with by from via as at into over under this that these those its
    their our we is are be been was were can could may might will would should has have had do does not no
    new novel efficient effective accurate robust better best improved high low good strong simple general
    existing previous prior recent current various different multiple many several some such other more
    most each both all any final initial joint overall real whole standard traditional conventional
    challenging complex difficult downstream improve improves improving enable enables perform performs
    achieve achieves address addresses tackle solve solving study studies consider propose proposed
    present introduce using based including like than while which where when how what whose also
    significantly further large small scale level fast faster quality resulting proposes distill
    distills uses use used makes make learn learns"""
)
"""Words that never modify a task head: "we improve code generation" is "code generation" (``task-heads``)."""

NOT_DATASET_NAMES = _words(
    """the these this those existing many most several other such standard public popular common large real
    our their both all some new recent previous prior synthetic various different multiple diverse additional
    open two three four five six we they it"""
)
"""Capitalised words that begin a sentence before "datasets", not names: "Existing benchmarks …" (``dataset-lists``)."""

LANGUAGES = _words(
    """English German French Spanish Italian Portuguese Dutch Romanian Russian Czech Polish Finnish Estonian
    Latvian Lithuanian Hungarian Turkish Kazakh Gujarati Hindi Bengali Tamil Nepali Sinhala Pashto Khmer
    Chinese Japanese Korean Vietnamese Thai Indonesian Arabic Hebrew Persian Icelandic Inuktitut Ukrainian
    Greek Swedish Danish Norwegian Bulgarian Croatian Serbian Slovenian Slovak Swahili Yoruba Urdu Malay
    en de fr es it pt nl ro ru cs pl fi et lv lt hu tr kk gu hi bn ta ne si ps km zh ja ko vi th id ar he fa
    is iu uk el sv da no bg hr sr sl sk sw yo ur ms"""
)
"""Languages and their ISO 639-1 codes, capitalised or not: one side of a language pair ("WMT14 English-German",
"WMT16 En-Ro") (``dataset-qualifiers``)."""

# --- name shapes (names.py) -------------------------------------------------------------------------------

TUNING_SUFFIXES = _words("instruct chat it base sft dpo rlhf hf")
"""Suffixes of a tuned model variant ("Mistral-7B-Instruct")."""

NAME_STOP = frozenset({
    "AI", "ML", "DL", "RL", "NLP", "CV", "IID", "OOD", "SOTA", "GPU", "GPUs", "CPU", "TPU", "API", "APIs",
    "I", "II", "III", "IV", "US", "UK", "EU", "OK", "PhD", "URL", "PDF", "HTML", "JSON", "SQL", "LaTeX",
    # venues, publishers and organisations: never entities
    "NeurIPS", "NIPS", "ICML", "ICLR", "AAAI", "IJCAI", "ACL", "EMNLP", "NAACL", "COLING", "CVPR", "ICCV", "ECCV",
    "KDD", "SIGIR", "WSDM", "STOC", "FOCS", "SODA", "SOSA", "ICALP", "SICOMP", "JMLR", "TMLR", "TPAMI", "COLT",
    "AISTATS", "UAI", "IEEE", "ACM", "SIAM", "arXiv", "GitHub", "HuggingFace", "OpenAI", "DeepMind", "NVIDIA",
    "MIT", "CMU", "UCLA", "UC", "USA", "NSF", "NIH",
    # generic model words, units and hardware
    "FLOPs", "FLOP", "LLM", "LLMs", "VLM", "VLMs", "MLLM", "MLLMs", "NN", "DNN", "DNNs", "RAM", "GB", "TB",
    # metrics: never entities
    "IoU", "mAP", "AUC", "AUROC", "AUPRC", "BLEU", "ROUGE", "METEOR", "CIDEr", "ECE", "FID", "PSNR", "SSIM",
    "LPIPS", "RMSE", "MSE", "MAE", "NDCG", "MRR", "WER", "CER", "MMD", "MOS", "NLL", "MCC", "SDR", "ADE", "FDE",
    # mathematical objects and complexity classes
    "NP", "PAC", "PDE", "PDEs", "ODE", "ODEs", "SDE", "SDEs", "KKT", "DAG", "DAGs", "MDP", "MDPs", "POMDP",
    "POMDPs", "RKHS", "ReLU", "GeLU", "GeLUs",
})
"""Capitalised words that are no artefact names (``name-shapes``)."""

NOT_ARTEFACT_SHAPES = (
    r"(?:FP|BF|TF|INT|UINT|NF|MXFP|NVFP)\d{1,2}|E\d+M\d+"  # number formats: FP8, BF16, INT4, E4M3
    r"|[ABHLTV]\d{2,3}|RTX-?\d{3,4}|TPU-?v?\d+[a-z]?|GH\d{3}"  # accelerators: A100, H100, V100, RTX4090, TPUv4
    r"|(?:s|sc)?RGB(?:-?[DA])?|RGBD|HSV|HSL|YCbCr|YCgCr|YUV|CIELAB|CMYK"  # colour spaces and image channels
    r"|\d*(?:[KMGT]i?B|GHz|MHz|TFLOPS?|PFLOPS?|kWh|FPS|DoF|DOF)"  # units, degrees of freedom
)
"""Shapes of names that are no artefacts of the field: number formats, hardware, colour spaces, units.

Every efficiency or vision abstract has them ("FP8 training on H100 GPUs", "RGB-D frames"); the
annotation guidelines leave hardware and units out."""

# --- titles (titles.py, title_phrases.py) -----------------------------------------------------------------

NOT_TITLE_NAMES = _words("survey review overview tutorial introduction position primer perspective")
"""Words before a title's colon that name the kind of paper, not a contribution (``title-name``)."""

TITLE_CONNECTIVES = _words(
    "for towards toward in to with via through using by on of from at without under over beyond into as and"
)
"""Words that split a title into phrases (``title-phrases``)."""

TITLE_PROPOSAL_FOLLOWERS = _words("for towards toward in to with without (")
"""What may follow a title's leading phrase when the paper proposes it: "A … Method for …"."""

TITLE_LEADS = _words("a an the new novel faster fast efficient improved better simple scalable practical provable")
"""Words before a title phrase that are not part of the name."""

ABOUT_LEADS = _words("on revisiting when why how what can do does is are understanding towards toward")
"""First words of a title about something rather than proposing it: "On …", "Revisiting …"."""

# --- the trained recogniser (ner.py) ----------------------------------------------------------------------

NER_EDGE = _words(
    """a an the this that these those our their its his her my your we they it which whose such other
    new novel proposed existing previous prior recent standard traditional conventional efficient effective
    simple general various different multiple several many some each both all any more most same certain
    popular widely commonly well-known state-of-the-art so-called first second two three
    and or of for in on to with by from via as at into over using based"""
)
"""Words trimmed from either edge of a recogniser span (``ner``)."""
