"""Settings, from defaults, then ``dossier.toml``, then ``DOSSIER_*`` variables, then flags.

One options object, as trafilatura does: every command builds a ``Settings`` and
passes it down instead of a bag of keyword arguments.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from .errors import ConfigError
from .limits import DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_CHARS, SPACY_MAX_CHARS

DEFAULT_DB_URL = "sqlite:///dossier.db"
CONFIG_FILE_ENV = "DOSSIER_CONFIG"
CONFIG_FILE_NAME = "dossier.toml"


class Settings(BaseModel):
    db: str = Field(DEFAULT_DB_URL, description="SQLAlchemy URL of the store (DOSSIER_DB)")
    max_file_bytes: int = Field(
        DEFAULT_MAX_FILE_BYTES, gt=0, description="inputs larger than this are refused (DOSSIER_MAX_FILE_BYTES)"
    )
    max_text_chars: int = Field(
        DEFAULT_MAX_TEXT_CHARS,
        gt=0,
        le=SPACY_MAX_CHARS,
        description="articles longer than this many characters are refused; parsing memory grows with "
        f"the text, and {SPACY_MAX_CHARS:,} is spaCy's own limit (DOSSIER_MAX_TEXT_CHARS)",
    )
    batch_size: int = Field(32, gt=0, description="documents per spaCy batch (DOSSIER_BATCH_SIZE)")
    processes: int = Field(1, gt=0, description="worker processes for parsing (DOSSIER_PROCESSES)")
    engine: Literal["plain", "ray"] = Field(
        "plain", description="plain: this machine's processes; ray: a Ray cluster's workers (DOSSIER_ENGINE)"
    )
    workers: int = Field(2, gt=0, description="Ray actors extracting at once, with engine ray (DOSSIER_WORKERS)")
    ray_address: str | None = Field(
        None,
        description="Ray cluster to join (ray://host:10001 or auto); none starts a local Ray (DOSSIER_RAY_ADDRESS)",
    )
    model: str | None = Field(None, description="spaCy model package or path; default en_core_web_sm (DOSSIER_MODEL)")
    actors: list[str] = Field(
        default_factory=list,
        description="user actor dictionary files: YAML, CSV or CAMEO .actors.txt (DOSSIER_ACTORS, comma-separated)",
    )
    token: str | None = Field(
        None,
        description="bearer token the HTTP API asks of writers, and of readers off loopback (DOSSIER_TOKEN)",
        repr=False,
    )

    @field_validator("actors", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


def _from_file(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
    section = data.get("dossier", data)
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [dossier] must be a table")
    actors = section.get("actors")
    if isinstance(actors, str):
        actors = [actors]
    if isinstance(actors, list):
        # Dictionary files named in a config file are relative to that file.
        section["actors"] = [str(path.parent / entry) if isinstance(entry, str) else entry for entry in actors]
    return section


def _from_env() -> dict:
    values: dict = {}
    for name in Settings.model_fields:
        raw = os.environ.get(f"DOSSIER_{name.upper()}")
        if raw is None or raw == "":
            continue
        values[name] = raw
    return values


def load_settings(config_file: str | Path | None = None, **overrides) -> Settings:
    """Build the settings; ``overrides`` whose value is None are ignored.

    ``extra_actors`` (the CLI's ``--actors``) adds dictionary files to the ``actors`` setting.
    """
    extra_actors = list(overrides.pop("extra_actors", None) or [])
    values: dict = {}
    path = config_file or os.environ.get(CONFIG_FILE_ENV)
    if path:
        values.update(_from_file(Path(path)))
    elif Path(CONFIG_FILE_NAME).is_file():
        values.update(_from_file(Path(CONFIG_FILE_NAME)))
    values.update(_from_env())
    values.update({key: value for key, value in overrides.items() if value is not None})
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        raise ConfigError(f"invalid setting: {exc}") from exc
    if extra_actors:
        settings.actors = [*settings.actors, *map(str, extra_actors)]
    return settings
