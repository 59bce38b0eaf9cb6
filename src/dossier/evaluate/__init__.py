"""Evaluations of Dossier against gold-standard annotations (``dossier eval ...``).

``gold`` reads PLOVER-format gold files and runs their sentences through one pipeline;
each evaluation (``actors``; events to come) scores the documents against the gold.
"""

from .actors import ActorMiss, ActorScores, GoldCode, evaluate_actors, normalize_code, score_actors
from .gold import GoldActor, GoldRecord, extract_gold, read_gold

__all__ = [
    "ActorMiss",
    "ActorScores",
    "GoldActor",
    "GoldCode",
    "GoldRecord",
    "evaluate_actors",
    "extract_gold",
    "normalize_code",
    "read_gold",
    "score_actors",
]
