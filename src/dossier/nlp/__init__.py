"""The spaCy side: load the English model and add Dossier's stages as pipeline components."""

from .components import PARAGRAPHS, STAGE_FACTORY, failure_of, published_of, results_of, set_published
from .model import MODEL_CANDIDATES, load_model

__all__ = [
    "MODEL_CANDIDATES",
    "PARAGRAPHS",
    "STAGE_FACTORY",
    "failure_of",
    "load_model",
    "published_of",
    "results_of",
    "set_published",
]
