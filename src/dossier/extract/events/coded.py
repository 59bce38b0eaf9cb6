"""The event being coded: its trigger, its sides, and what the rules made of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from .triggers import Trigger

COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
HOSTILE = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@dataclass
class Coded:
    """An event being coded: its trigger, its sides and what the coding rules made of it."""

    trigger: Trigger
    type: str
    mode: str | None
    cameo: str
    contexts: list[str]
    source: list[str]
    target: list[str]
    negated: bool = False
    governed: list["Coded"] = field(default_factory=list)
    intent: bool = False  # "will provide aid" coded as a statement of intent
    located: bool = False  # the target is only where the event happens
    enveloped: bool = False  # the act a request puts to someone, coded by that request
    status: str | None = None  # set by a modality rule ("if ... were to": speculated)
    rules: list[str] = field(default_factory=list)  # the rules that changed it, in order

    @property
    def anchor(self) -> Token:
        return self.trigger.anchor

    def state(self) -> tuple:
        """What a rule may change: compared before and after it to record that it fired."""
        return (self.type, self.mode, self.cameo, tuple(self.source), tuple(self.target), self.negated, self.status)


def apply_rule(rule: Callable[..., object], event: Coded, *context: object) -> bool:
    """Run one rule on an event; when it changed the event, record the rule's name."""
    before = event.state()
    rule(event, *context)
    if event.state() != before:
        event.rules.append(rule.__name__)
        return True
    return False
