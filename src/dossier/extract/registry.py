"""The registry of extraction stages.

A stage is a function ``(doc, results) -> list`` of plain, contract-shaped dicts: it reads
the parsed ``Doc`` and what earlier stages found (``results``, keyed by contract field),
and returns its own field. It never reaches into another stage's code. A stage may take
keyword options its component was configured with (the actors stage: ``dictionary``). Plain dicts, not
models, because spaCy ships them between worker processes inside the ``Doc``.
"""

from __future__ import annotations

from collections.abc import Callable

Stage = Callable[..., list]

# Contract field each stage fills, in the order they run: attribution needs actors,
# and events are later linked to attributions and timexes.
DEFAULT_STAGES: tuple[str, ...] = ("actors", "timexes", "attributions", "events")

_STAGES: dict[str, Stage] = {}


def register_stage(field: str) -> Callable[[Stage], Stage]:
    """Register ``func`` as the stage that fills the contract field ``field``."""

    def decorator(func: Stage) -> Stage:
        _STAGES[field] = func
        return func

    return decorator


def get_stage(field: str) -> Stage:
    from . import actors, attribution, events, time  # noqa: F401  (they register themselves)

    try:
        return _STAGES[field]
    except KeyError:
        raise KeyError(f"no extraction stage fills {field!r}; known: {sorted(_STAGES)}") from None
