"""User actor dictionaries: the analyst's own lists of people and organizations.

They say who a name is when the text does not: "Hassan Rouhani" is IRNGOV from August
2013 to August 2021. Three formats, chosen by the file's extension:

- YAML (``.yaml``/``.yml``): a list of mappings with ``name`` and optional ``aliases``
  (a list), ``kind``, ``country``, ``sector``, ``code``, ``start``, ``end``;
- CSV (``.csv``): the header ``name,aliases,kind,country,sector,code,start,end``
  (only ``name`` is required), aliases separated by ``|``;
- CAMEO/PETRARCH actors files (``.actors.txt``, ``.txt``)::

      # comment
      HASSAN_ROUHANI_  [IRNGOV 130803-210803]   ; comment
      +ROUHANI_HASSAN_
          [IRNELI <130802]
          [IRNGOV 130803-210803]
          [IRNELI >210804]

  A primary phrase (underscores or blanks between words) with an optional code, ``+``
  synonym lines, and date restrictions on the following indented lines: ``[CODE a-b]``
  between two dates, ``[CODE <a]`` on or before, ``[CODE >a]`` on or after, ``[CODE]``
  any time. Dates are YYYYMMDD or YYMMDD (YY up to 30 is 20YY, otherwise 19YY).
  ``#`` and ``;`` start comments, as do ``<!-- ... -->`` on one line.

A code's first three letters are its country when they are an ISO 3166 alpha-3 code,
and the next three its sector (GOV, MIL, OPP, ...); an entry with a country and no code
gets country + sector as its code. ``kind`` defaults to person, unless the name is the
code's state or reads as an organization ("... Ministry", "... Party").
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from ..errors import ConfigError
from .gazetteer import normalize_name

KINDS = ("state", "person", "organization", "igo", "group", "location", "other")
CSV_COLUMNS = ("name", "aliases", "kind", "country", "sector", "code", "start", "end", "title")
_YAML_KEYS = set(CSV_COLUMNS)

# Words that make a PETRARCH phrase an organization rather than a person.
_ORGANIZATION_WORDS = {
    "agency",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "brigade",
    "cabinet",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "force",
    "forces",
    "front",
    "government",
    "group",
    "guard",
    "institute",
    "league",
    "ministry",
    "movement",
    "navy",
    "office",
    "organization",
    "organisation",
    "parliament",
    "party",
    "police",
    "senate",
    "service",
    "union",
    "university",
}
# Name particles kept in lower case inside a name ("Abu Bakr al-Baghdadi").
_PARTICLES = {"al", "bin", "ibn", "bint", "de", "del", "der", "di", "du", "da", "la", "le", "van", "von", "y"}
_RESTRICTION = re.compile(r"^\[\s*([^\]\s]+)\s*([^\]]*?)\s*\]$")
_HTML_COMMENT = re.compile(r"<!--.*?-->")


@dataclass(frozen=True)
class ActorEntry:
    """One actor of a user dictionary, with the code it holds from ``start`` to ``end``.

    ``start``/``end`` are inclusive; None on a side leaves that side open. An entry with
    neither is a default: it applies when no dated entry of the same name does.
    """

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    origin: str = field(default="", compare=False)
    title: str | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    def keys(self) -> list[str]:
        """Normalized names this entry answers to: its name, then its aliases."""
        seen: list[str] = []
        for name in (self.name, *self.aliases):
            key = normalize_name(name)
            if key and key not in seen:
                seen.append(key)
        return seen


class ActorDictionary:
    """Entries by normalized name and alias; ``lookup`` is one dict access and a short scan."""

    def __init__(self, entries: Iterable[ActorEntry] = ()):
        self.entries: list[ActorEntry] = []
        self._by_key: dict[str, list[ActorEntry]] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: ActorEntry) -> None:
        self.entries.append(entry)
        keys = entry.keys()
        if entry.kind == "person":
            keys += [k for k in map(without_articles, keys) if k not in keys]
        for key in keys:
            self._by_key.setdefault(key, []).append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> ActorDictionary:
        """Read every file; later files add to earlier ones. Raises ConfigError."""
        dictionary = cls()
        for path in paths:
            for entry in read_file(Path(path)):
                dictionary.add(entry)
        return dictionary

    def lookup(self, name: str, on: dt.date | None = None) -> ActorEntry | None:
        """The entry ``name`` (or an alias) denotes, valid on ``on`` when given.

        With a date: the first entry whose range covers it, else the first undated one.
        Without: the first undated entry, else the one whose range starts latest.
        """
        candidates = self._by_key.get(normalize_name(name)) or self._by_key.get(without_articles(name))
        if not candidates:
            return None
        undated = next((e for e in candidates if not e.dated), None)
        if on is not None:
            dated = next((e for e in candidates if e.dated and e.covers(on)), None)
            return dated or undated
        if undated is not None:
            return undated
        return max(candidates, key=lambda e: e.start or dt.date.min)

    def lookup_former(self, name: str, on: dt.date) -> ActorEntry | None:
        """The entry ``name`` held last before ``on``, for someone who no longer holds it."""
        candidates = [e for e in self._by_key.get(normalize_name(name), ()) if e.end is not None and e.end < on]
        return max(candidates, key=lambda e: e.end) if candidates else None

    def lookup_titled(self, surname: str, title: str, on: dt.date | None = None) -> ActorEntry | None:
        """The one person whose last name is ``surname`` and whose title ends with ``title``.

        "President Trump" names a person only if exactly one entry, valid on ``on``, fits.
        """
        surname_key, title_key = normalize_name(surname), normalize_name(title)
        found = {
            entry.name: entry
            for entry in self._by_surname().get(surname_key, ())
            if entry.title
            and normalize_name(entry.title).endswith(title_key)
            and (on is None or not entry.dated or entry.covers(on))
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def country_of_titled(self, surname: str, title: str, on: dt.date | None = None) -> str | None:
        """The country every person fitting "President Bush" shares, when the date cannot
        say which of them is meant (both Presidents Bush were American)."""
        surname_key, title_key = normalize_name(surname), normalize_name(title)
        countries = {
            entry.country
            for entry in self._by_surname().get(surname_key, ())
            if entry.title
            and normalize_name(entry.title).endswith(title_key)
            and (on is None or not entry.dated or entry.covers(on))
        }
        return countries.pop() if len(countries) == 1 else None

    def _by_surname(self) -> dict[str, list[ActorEntry]]:
        if getattr(self, "_surnames", None) is None or self._surnames_size != len(self.entries):
            surnames: dict[str, list[ActorEntry]] = {}
            for entry in self.entries:
                if entry.kind == "person":
                    for key in entry.keys():
                        surnames.setdefault(key.split()[-1], []).append(entry)
            self._surnames, self._surnames_size = surnames, len(self.entries)
        return self._surnames


_ARABIC_ARTICLE = re.compile(r"\b(?:al|el)[- ]", re.IGNORECASE)


def without_articles(name: str) -> str:
    """The key of a name with its Arabic articles dropped: news writes the same man
    "Omar al-Bashir", "Omar El Bashir" and "Omar Bashir"."""
    return normalize_name(_ARABIC_ARTICLE.sub("", normalize_name(name)))


@lru_cache(maxsize=8)
def load_dictionary(paths: tuple[str, ...]) -> ActorDictionary:
    """The dictionary of these files, read once per process."""
    return ActorDictionary.from_files(paths)


def read_file(path: Path) -> list[ActorEntry]:
    name = path.name.lower()
    if name.endswith((".yaml", ".yml")):
        reader = _read_yaml
    elif name.endswith(".csv"):
        reader = _read_csv
    elif name.endswith(".txt"):
        reader = _read_petrarch
    else:
        raise ConfigError(f"{path}: unknown actor dictionary format (use .yaml, .yml, .csv or .actors.txt)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor dictionary: {exc}") from exc
    return reader(path, text)


# --- codes, dates, kinds ---------------------------------------------------------


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO actor code: "IRNGOV" -> ("IRN", "GOV")."""
    code = code.upper()
    if code[:3] in _iso3():
        return code[:3], (code[3:6] or None)
    return None, None


def _parse_date(value: str, origin: str) -> dt.date:
    """YYYYMMDD, YYMMDD (YY <= 30 is 20YY) or ISO YYYY-MM-DD."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if re.fullmatch(r"\d{8}", value):
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        if re.fullmatch(r"\d{6}", value):
            year = int(value[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(value[2:4]), int(value[4:]))
    except ValueError:
        pass
    raise ConfigError(f"{origin}: {value!r} is not a date (YYYYMMDD, YYMMDD or YYYY-MM-DD)")


def _check_range(start: dt.date | None, end: dt.date | None, origin: str) -> None:
    if start and end and start > end:
        raise ConfigError(f"{origin}: the role starts ({start}) after it ends ({end})")


def _guess_kind(name: str, code: str | None) -> str:
    """person unless the name reads as a state or an organization."""
    from .gazetteer import lookup_state

    country, sector = split_code(code) if code else (None, None)
    if country and not sector and lookup_state(name) == country:
        return "state"
    words = set(normalize_name(name).replace("-", " ").split())
    if words & _ORGANIZATION_WORDS:
        return "organization"
    if code and country is None and code[:3].upper() == "IGO":
        return "igo"
    return "person"


def _entry(
    origin: str,
    name: str,
    aliases: Iterable[str] = (),
    kind: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    code: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    title: str | None = None,
) -> ActorEntry:
    name = " ".join(name.split())
    if not name:
        raise ConfigError(f"{origin}: an entry has no name")
    code = code.strip().upper() if code else None
    from_country, from_sector = split_code(code) if code else (None, None)
    country = (country.strip().upper() if country else None) or from_country
    sector = (sector.strip().upper() if sector else None) or from_sector
    if country and country not in _iso3():
        raise ConfigError(f"{origin}: country {country!r} is not an ISO 3166 alpha-3 code")
    if code is None and country:
        code = country + (sector or "")
    kind = (kind.strip().lower() if kind else None) or _guess_kind(name, code)
    if kind not in KINDS:
        raise ConfigError(f"{origin}: kind {kind!r} is not one of {', '.join(KINDS)}")
    _check_range(start, end, origin)
    aliases = tuple(a for a in (" ".join(alias.split()) for alias in aliases) if a)
    title = " ".join(title.split()) if title else None
    return ActorEntry(name, aliases, kind, country, sector, code, start, end, origin, title)


# --- YAML and CSV ----------------------------------------------------------------


def _optional_date(value: object, origin: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return _parse_date(str(value), origin)


def _read_yaml(path: Path, text: str) -> list[ActorEntry]:
    import yaml

    # The C loader where PyYAML has it: the built-in dictionary is thousands of entries.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        nodes = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
    if nodes is None:
        return []
    if not isinstance(nodes, yaml.SequenceNode):
        raise ConfigError(f"{path}:{nodes.start_mark.line + 1}: an actor dictionary must be a list of entries")
    entries = []
    for node in nodes.value:
        origin = f"{path}:{node.start_mark.line + 1}"
        try:
            item = loader.construct_document(node)
        except yaml.YAMLError as exc:
            raise ConfigError(f"{origin}: not valid YAML: {getattr(exc, 'problem', None) or exc}") from exc
        if not isinstance(item, dict):
            raise ConfigError(f"{origin}: an entry must be a mapping with at least a name")
        unknown = set(item) - _YAML_KEYS
        if unknown:
            raise ConfigError(f"{origin}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        name = item.get("name")
        if not isinstance(name, str):
            raise ConfigError(f"{origin}: an entry needs a name (text)")
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{origin}: aliases must be a list of names")
        for key in ("kind", "country", "sector", "code", "title"):
            if item.get(key) is not None and not isinstance(item[key], str):
                raise ConfigError(f"{origin}: {key} must be text")
        entries.append(
            _entry(
                origin,
                name,
                aliases,
                item.get("kind"),
                item.get("country"),
                item.get("sector"),
                item.get("code"),
                _optional_date(item.get("start"), origin),
                _optional_date(item.get("end"), origin),
                item.get("title"),
            )
        )
    return entries


def _read_csv(path: Path, text: str) -> list[ActorEntry]:
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        return []
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    if "name" not in columns or unknown:
        raise ConfigError(
            f"{path}:1: the header must name columns among {','.join(CSV_COLUMNS)}, name included"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
        )
    entries = []
    for row in reader:
        origin = f"{path}:{reader.line_num}"
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(columns):
            raise ConfigError(f"{origin}: {len(row)} fields, the header has {len(columns)}")
        values = {column: cell.strip() for column, cell in zip(columns, row)}
        entries.append(
            _entry(
                origin,
                values.get("name", ""),
                values.get("aliases", "").split("|"),
                values.get("kind"),
                values.get("country"),
                values.get("sector"),
                values.get("code"),
                _optional_date(values.get("start"), origin),
                _optional_date(values.get("end"), origin),
                values.get("title"),
            )
        )
    return entries


# --- CAMEO / PETRARCH actors files -------------------------------------------------


def _capitalized(word: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"([-'’])", word))


def phrase_name(phrase: str) -> str:
    """A PETRARCH phrase as a name: "ABU_BAKR_AL-BAGHDADI_" -> "Abu Bakr al-Baghdadi"."""
    named = []
    for position, word in enumerate(phrase.replace("_", " ").split()):
        lower = word.lower()
        head, hyphen, rest = lower.partition("-")
        if position and lower in _PARTICLES:
            named.append(lower)
        elif hyphen and rest and head in _PARTICLES:
            named.append((head.capitalize() if position == 0 else head) + "-" + _capitalized(rest))
        else:
            named.append(_capitalized(lower))
    return " ".join(named)


def _strip_comment(line: str) -> str:
    line = _HTML_COMMENT.sub("", line)
    for mark in ("#", ";"):
        index = line.find(mark)
        if index >= 0:
            line = line[:index]
    return line.rstrip()


def _restriction(text: str, origin: str) -> tuple[str, dt.date | None, dt.date | None]:
    match = _RESTRICTION.match(text.strip())
    if not match:
        raise ConfigError(
            f"{origin}: expected [CODE], [CODE date-date], [CODE <date] or [CODE >date], got {text.strip()!r}"
        )
    code, when = match.group(1), match.group(2).replace(" ", "")
    if not re.fullmatch(r"[A-Za-z0-9]+", code):
        raise ConfigError(f"{origin}: {code!r} is not an actor code")
    start = end = None
    if not when:
        pass
    elif when.startswith("<"):
        end = _parse_date(when[1:], origin)
    elif when.startswith(">"):
        start = _parse_date(when[1:], origin)
    elif "-" in when:
        first, _, last = when.partition("-")
        start = _parse_date(first, origin) if first else None
        end = _parse_date(last, origin) if last else None
    else:
        raise ConfigError(f"{origin}: {when!r} is not a date restriction (date-date, <date or >date)")
    _check_range(start, end, origin)
    return code, start, end


def _read_petrarch(path: Path, text: str) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    # The record being read: its phrases, the line it began on, its codes.
    phrases: list[str] = []
    began = ""
    codes: list[tuple[str, dt.date | None, dt.date | None, str]] = []

    def close() -> None:
        if not phrases:
            return
        if not codes:
            raise ConfigError(f"{began}: {phrases[0]!r} has no [CODE]")
        name, aliases = phrase_name(phrases[0]), [phrase_name(p) for p in phrases[1:]]
        for code, start, end, origin in codes:
            entries.append(_entry(origin, name, aliases, code=code, start=start, end=end))
        phrases.clear()
        codes.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        origin = f"{path}:{number}"
        line = _strip_comment(raw)
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if not phrases:
                raise ConfigError(f"{origin}: a date restriction with no actor above it")
            codes.append((*_restriction(stripped, origin), origin))
        elif stripped.startswith("+"):
            if not phrases:
                raise ConfigError(f"{origin}: a +synonym with no actor above it")
            if "[" in stripped:
                raise ConfigError(f"{origin}: a +synonym takes no code")
            synonym = stripped[1:].strip()
            if not phrase_name(synonym):
                raise ConfigError(f"{origin}: an empty +synonym")
            phrases.append(synonym)
        elif raw[:1].isspace() and phrases and "[" not in stripped:
            raise ConfigError(f"{origin}: expected a [CODE ...] date restriction, got {stripped!r}")
        else:
            close()
            began = origin
            phrase, bracket, rest = stripped.partition("[")
            if not phrase_name(phrase):
                raise ConfigError(f"{origin}: an entry has no name")
            phrases.append(phrase.strip())
            if bracket:
                codes.append((*_restriction(bracket + rest, origin), origin))
    close()
    return entries
