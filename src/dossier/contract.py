"""The document contract, ``dossier.document/1``: what ``dossier extract`` prints.

These pydantic models are the single source of truth for the JSON Schema kept in
``schema/``, for the store's columns and for the HTTP API. The contract changes only
by adding fields (see ``docs/document-contract.md``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "dossier.document/1"

ActorKind = Literal["state", "person", "organization", "igo", "group", "location", "other"]
EventType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
ClaimStatus = Literal[
    "asserted",
    "reported",
    "alleged",
    "denied",
    "speculated",
    "predicted",
    "unconfirmed",
]
TimexType = Literal["date", "duration", "set", "time"]
Granularity = Literal["day", "week", "month", "quarter", "year", "decade", "century"]
Modifier = Literal["EARLY", "MID", "LATE", "APPROX", "BEFORE", "AFTER"]


class ContractModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_by_name=True, serialize_by_alias=True)


class Span(ContractModel):
    """A stretch of the document text: ``text[start:end] == span.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Role(ContractModel):
    """A title the text gives a person, with the organization and country it belongs to.

    ``sector`` and ``source`` are additions to the contract: the CAMEO sector the title
    implies, and whether the role is stated in the ``text`` or comes from an actor
    ``dictionary`` (the text named the person without saying who they are).
    """

    title: str | None = None
    organization: str | None = None
    country: str | None = None
    sector: str | None = None
    source: Literal["text", "dictionary"] = "text"


class Actor(ContractModel):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: list[Role] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    # An addition to the contract: descriptions the text gives the actor ("state-run",
    # "a think tank often critical of Iran"), which analysts weigh sources by.
    qualifiers: list[Span] = Field(default_factory=list)


class Event(ContractModel):
    id: str
    type: EventType
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    cameo: str
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    trigger: Span
    sentence: Span
    root: bool = False
    negated: bool = False
    status: ClaimStatus = "asserted"
    attribution: str | None = None
    time: str | None = None
    # Additions to the contract: the Goldstein conflict-cooperation score of ``cameo``
    # (-10 to +10) and GDELT's quad class (1 verbal cooperation, 2 material cooperation,
    # 3 verbal conflict, 4 material conflict), so events can be summed and binned.
    goldstein: float | None = Field(default=None, ge=-10, le=10)
    quad_class: int | None = Field(default=None, ge=1, le=4)
    # Addition: the names of the coding rules that changed the event after its lexicon row
    # ("complement_target", "speech_act_status"), in the order they fired, so a coding
    # can be explained and an error traced to the rule behind it.
    rules: list[str] = Field(default_factory=list)


class Attribution(ContractModel):
    id: str
    speaker: str | None = None
    source: Span | None = None
    cue: Span
    content: list[Span] = Field(default_factory=list)
    direct: bool = False
    parent: str | None = None


class Timex(ContractModel):
    id: str
    span: Span
    type: TimexType
    value: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: Granularity | None = None
    modifier: Modifier | None = None


class Document(ContractModel):
    """One article and everything Dossier read from it."""

    schema_: Literal["dossier.document/1"] = Field(SCHEMA_VERSION, alias="schema")
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: dt.date | None = None
    text: str
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _date_of_timestamp(cls, value: object) -> object:
        """Accept timestamps ("2025-03-14 20:30:26Z") and keep their calendar date."""
        if isinstance(value, str) and len(value) > 10:
            return parse_published(value)
        if isinstance(value, dt.datetime):
            return value.date()
        return value

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(indent=indent)

    def spans(self) -> list[Span]:
        """Every span in the document, for checks that offsets match the text."""
        found: list[Span] = []
        for actor in self.actors:
            found.extend(actor.mentions)
        for event in self.events:
            found.extend([event.trigger, event.sentence])
        for attribution in self.attributions:
            found.append(attribution.cue)
            found.extend(attribution.content)
            if attribution.source is not None:
                found.append(attribution.source)
        found.extend(timex.span for timex in self.timexes)
        return found


def parse_published(value: str) -> dt.date:
    """Read a publication date or timestamp as its calendar date.

    Raises ``ValueError`` for anything that is not an ISO date or timestamp.
    """
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.fromisoformat(text).date()


def json_schema() -> dict:
    """The JSON Schema of one document, generated from the models above."""
    schema = Document.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://dossier.invalid/schema/dossier.document-1.schema.json"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
