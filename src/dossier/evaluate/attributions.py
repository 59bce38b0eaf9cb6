"""Attribution against gold: does Dossier find who says what, and where the text says it?

The gold is a directory of brat standoff files, ``NAME.txt`` (UTF-8) and ``NAME.ann``:

- text-bound entities of three types, ``T1<TAB>Source 120 146<TAB>Park Jin``, ``Cue``
  and ``Content``; a discontinuous span lists its fragments ``0 40;58 120`` and its
  text is the fragments joined by one space. Offsets are ``str`` indices into the
  ``.txt``, end exclusive;
- one event per attribution, triggered by its cue: ``E1<TAB>Cue:T2 Source:T1 Content:T3``
  (``Source`` may be left out; ``Parent:E1`` marks an attribution nested in another);
- ``#1<TAB>AnnotatorNotes T1<TAB>Park Jin``: the actor a Source refers to.

Other brat lines (``R``, ``A``, ``M``, ``N``, ``*``) are skipped. Anything else that
is not a well-formed line, offsets outside the text and entity text that is not the
text at its offsets raise ``InputError`` naming ``file:line``. An entity whose text runs
over line breaks (brat writes it as it is) is read on from the lines that follow.

Or the gold is a PolNeAR split (``read_polnear``; a folder holding ``text/`` and
``attributions/``): ``text/NAME.txt`` the article, ``attributions/NAME_ANNOTATOR.ann`` one
annotator's reading of it (``ANNOTATOR`` four hex digits), ``metadata.tsv`` listing each
article's ``annotators`` ("4b22|4e07"). One reading an article is scored: the first
annotator listed who has a file, else the first file by name; an article with none is
skipped with a line naming it. Its ``.ann`` files differ from the above:

- the event's trigger is an ``Attribution`` or ``Attribution-no-source`` entity, a copy of
  the cue span (``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1``, the arguments in any
  order); the ``Cue`` argument is the cue (the trigger where it is missing);
- a content may come in two entities, ``Content`` and ``Content2`` (read as one), and a
  span's fragments may be listed out of text order (its text follows the listed order);
- an event with no content (a bare trigger, left over, or unfinished) is left out;
- ``Discuss`` and ``Discard`` entities (annotators' marks) are read and left out, and an
  argument's role counts over its entity's type (a few are mistyped);
- ``AnnotatorNotes`` are annotators' comments, not speakers: no speaker accuracy.

The figures (counts summed over files; spans are only compared within their file):

- per role (cue, source, content), precision, recall and F1 under ``exact`` and
  ``overlap`` matching. Each attribution contributes its span of the role (a Source
  shared by two gold events counts once for each). ``exact``: the same characters
  (for content, the union of the fragments) (for source and content, once quote
  marks, punctuation and spaces at either end and a leading "that" are cut from both, since
  schemes differ on those); ``overlap``: at least one character in
  common. Spans are paired one to one, larger overlaps first, so precision is matched
  over predicted and recall matched over gold;
- speaker accuracy: over the gold attributions whose Source has a note, those whose
  aligned prediction names a speaker actor whose ``name`` or one of whose mentions is
  the gold name (compared case-blind, without a leading "the" or honorific), or holds
  it, or is held by it, as whole words ("Rouhani" and "Hassan Rouhani"); a gold note
  that describes rather than names ("diplomats", "a ministry spokesman") counts as
  right when the prediction names no actor, since no actor is named;
- nesting accuracy: over the gold attributions with a Parent, those whose aligned
  prediction's ``parent`` is the prediction aligned to the gold parent;
- the per-role figures again over direct quotes alone: gold attributions whose content is
  quoted (``is_quoted``: it opens with a quote mark, double, straight or curly or the TeX
  pair `` and '', a curly single quote or a guillemet, or such marks sit just outside
  it), predictions Dossier calls ``direct`` or whose content is quoted the same way.

Alignment pairs gold and predicted attributions one to one: first those whose cues
overlap (larger cue overlap, then larger content overlap, first), then, among the rest,
those whose contents overlap (larger first). Errors list the gold attributions left
unaligned (``missed``), the predictions left unaligned (``spurious``) and aligned ones
whose speaker is wrong (``speaker``), each with the sentences it lies in; a miss also
with the pattern of its cue (``MISS_PATTERNS``: "according to", a direct quote, no source
or a passive cue, a nominal cue, a belief or intention verb, a speech verb, a verb of
stance, commitment or evidence, a punctuation mark, else "other"), counted in
``missed_patterns``.

The headline figure (``f1``, what ``--min-f1`` checks) is content F1 under overlap:
the share of what was said that Dossier finds attributed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..contract import Attribution, Document, Span
from ..errors import InputError
from .gold import CountedScore, rates, ratio, read_text

__all__ = [
    "ENTITY_TYPES",
    "AttributionError",
    "AttributionScores",
    "GoldArticle",
    "GoldAttribution",
    "GoldEntity",
    "RoleScores",
    "SpanScore",
    "MISS_PATTERNS",
    "QUOTE_MARKS",
    "evaluate_attributions",
    "extract_articles",
    "is_polnear_split",
    "is_quoted",
    "miss_pattern",
    "names_match",
    "read_brat",
    "read_brat_dir",
    "read_gold",
    "read_polnear",
    "score_attributions",
]

ENTITY_TYPES = ("Source", "Cue", "Content")
ROLES = ("cue", "source", "content")
ARGUMENTS = ("Source", "Content", "Parent")  # event arguments after the Cue trigger
POLNEAR_TRIGGERS = ("Attribution", "Attribution-no-source")  # a copy of the cue span
POLNEAR_ENTITY_TYPES = (*ENTITY_TYPES, *POLNEAR_TRIGGERS, "Discuss", "Discard")  # the last two: annotators' marks
POLNEAR_ARGUMENTS = ("Cue", "Source", "Content", "Content2")  # after the trigger, in any order
IGNORED_LINES = ("R", "A", "M", "N", "*")  # relations, attributes, normalizations, equivalences

Fragments = tuple[tuple[int, int], ...]  # (start, end) pairs, in text order


@dataclass(frozen=True)
class GoldEntity:
    """A text-bound annotation: its id, type, fragments, text, and the note on it if any."""

    id: str
    type: str  # "Source", "Cue" or "Content"
    fragments: Fragments
    text: str
    note: str | None = None

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution event: cue, content, source (or None) and parent event id."""

    id: str
    cue: GoldEntity
    content: GoldEntity
    source: GoldEntity | None = None
    parent: str | None = None

    @property
    def speaker(self) -> str | None:
        """The canonical name of who speaks: the note on the Source, None without one."""
        return self.source.note if self.source is not None else None


@dataclass(frozen=True)
class GoldArticle:
    """One gold file pair: its name (the stem), text and attributions in file order."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    origin: str = "<gold>"  # the .ann path, for messages
    annotator: str | None = None  # whose reading it is, where a corpus has several (PolNeAR)
    text_origin: str | None = None  # the .txt path


# --------------------------------------------------------------------------- reading


def _fragments(offsets: str, text: str, where: str, entity: str, *, any_order: bool = False) -> Fragments:
    """The fragments of ``offsets``, in text order; ``any_order`` lets them be listed out of it."""
    found: list[tuple[int, int]] = []
    for part in offsets.split(";"):
        numbers = part.split()
        if len(numbers) != 2 or not all(n.isdigit() for n in numbers):
            raise InputError(where, f"{entity} has offsets {offsets!r}; expected 'START END' or 'START END;START END'")
        start, end = int(numbers[0]), int(numbers[1])
        if start >= end:
            raise InputError(where, f"{entity} has an empty or reversed span {start}-{end}")
        if end > len(text):
            raise InputError(where, f"{entity} span {start}-{end} lies outside the text ({len(text)} characters)")
        found.append((start, end))
    ordered = sorted(found) if any_order else found
    if any(b[0] < a[1] for a, b in zip(ordered, ordered[1:])):
        raise InputError(where, f"{entity} fragments {offsets!r} are not in text order or overlap")
    return tuple(ordered)


def _covered(offsets: str, text: str) -> str | None:
    """The text at well-formed ``offsets``, fragments joined by one space in the order listed."""
    try:
        spans = [tuple(int(n) for n in part.split()) for part in offsets.split(";")]
    except ValueError:
        return None
    if any(len(span) != 2 for span in spans):
        return None
    return " ".join(text[start:end] for start, end in spans)


def _entity(ident: str, fields: list[str], text: str, where: str, *, polnear: bool = False) -> GoldEntity:
    if len(fields) != 3:
        raise InputError(where, f"{ident} needs three tab-separated fields: id, 'TYPE START END', text")
    kind, _, offsets = fields[1].partition(" ")
    types = POLNEAR_ENTITY_TYPES if polnear else ENTITY_TYPES
    if kind not in types:
        raise InputError(where, f"{ident} has type {kind!r}; expected one of {', '.join(types)}")
    # PolNeAR lists a content's fragments in the order they are read, not always in text order.
    fragments = _fragments(offsets, text, where, ident, any_order=polnear)
    covered = _covered(offsets, text)
    if fields[2] != covered:
        spans = ";".join(f"{start}-{end}" for start, end in fragments)
        raise InputError(where, f"{ident} text {fields[2]!r} is not the text at {spans}: {covered!r}")
    return GoldEntity(ident, kind, fragments, fields[2])


def _continued(fields: list[str], lines: list[str], following: int, text: str) -> tuple[list[str], int]:
    """An entity whose text runs over line breaks, as brat writes it (the text as is): its
    fields with the text completed from the lines that follow, and the index of the next line.

    Only when the text at its offsets holds those line breaks; otherwise the fields as they are.
    """
    if len(fields) != 3:
        return fields, following
    covered = _covered(fields[1].partition(" ")[2], text)
    joined = fields[2]
    if covered is None or joined == covered or not covered.startswith(joined + "\n"):
        return fields, following
    index = following
    while index < len(lines) and len(joined) < len(covered) and covered.startswith(joined + "\n"):
        joined += "\n" + lines[index].rstrip("\r")
        index += 1
    if joined != covered:
        return fields, following
    return [fields[0], fields[1], joined], index


@dataclass
class _RawEvent:
    id: str
    where: str
    arguments: dict[str, str]  # role -> id ("Trigger" for a PolNeAR event's trigger)


def _event(ident: str, fields: list[str], where: str, *, polnear: bool = False) -> _RawEvent:
    expected = "'Attribution:T.. Cue:T.. Source:T.. Content:T..'" if polnear else "'Cue:T.. Source:T.. Content:T..'"
    if len(fields) < 2 or not fields[1].strip():
        raise InputError(where, f"{ident} has no arguments; expected {expected}")
    if len(fields) > 2 and any(f.strip() for f in fields[2:]):
        raise InputError(where, f"{ident} has more than two tab-separated fields")
    triggers, roles = (POLNEAR_TRIGGERS, POLNEAR_ARGUMENTS) if polnear else (("Cue",), ARGUMENTS)
    arguments: dict[str, str] = {}
    for index, argument in enumerate(fields[1].split()):
        role, colon, target = argument.partition(":")
        if not colon or not target:
            raise InputError(where, f"{ident} argument {argument!r} is not ROLE:ID")
        if index == 0 and role not in triggers:
            trigger = " or ".join(triggers) if polnear else "its Cue"
            raise InputError(where, f"{ident} is triggered by {role!r}; an attribution's trigger is {trigger}")
        if index > 0 and role not in roles:
            raise InputError(where, f"{ident} has argument role {role!r}; expected {', '.join(roles)}")
        if index == 0 and polnear:
            role = "Trigger"
        if role in arguments:
            raise InputError(where, f"{ident} has {role} twice")
        arguments[role] = target
    if "Content" not in arguments and not polnear:
        raise InputError(where, f"{ident} has no Content")
    return _RawEvent(ident, where, arguments)


def _merged(parts: list[GoldEntity]) -> GoldEntity:
    """A PolNeAR content given in two entities (``Content`` and ``Content2``) as one."""
    if len(parts) == 1:
        return parts[0]
    fragments = tuple(sorted({fragment for part in parts for fragment in part.fragments}))
    return GoldEntity("+".join(p.id for p in parts), "Content", fragments, " ".join(p.text for p in parts))


def read_brat(
    txt_path: str | Path,
    ann_path: str | Path | None = None,
    *,
    polnear: bool = False,
    annotator: str | None = None,
) -> GoldArticle:
    """The gold article of ``NAME.txt`` and its ``NAME.ann`` (or ``ann_path``).

    Raises ``InputError`` naming the file, and ``file:line`` for a bad line: a line that
    is no brat annotation, an unknown entity type or event role, bad or out-of-text
    offsets, entity text unlike the text at its offsets, a reference to a missing or
    wrongly typed annotation, a duplicate id, a second note on one entity, a Parent
    cycle.

    ``polnear`` reads PolNeAR's conventions instead (see the module's docstring): the
    ``Attribution`` or ``Attribution-no-source`` trigger, ``Content2``, fragments out of
    text order, events left without a content, notes that are annotators' comments.
    """
    txt_path = Path(txt_path)
    ann_path = Path(ann_path) if ann_path is not None else txt_path.with_suffix(".ann")
    text = read_text(txt_path)
    raw = read_text(ann_path)
    origin = str(ann_path)

    entities: dict[str, GoldEntity] = {}
    events: dict[str, _RawEvent] = {}
    notes: dict[str, tuple[str, str]] = {}  # entity id -> (note, where)
    seen: set[str] = set()
    lines = raw.split("\n")
    following = 0
    while following < len(lines):
        number, line = following + 1, lines[following].rstrip("\r")
        following += 1
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        fields = line.split("\t")
        ident = fields[0]
        if ident and ident[0] in IGNORED_LINES:
            continue
        if len(fields) < 2 or not ident or " " in ident:
            raise InputError(where, f"not a brat annotation line (ID<TAB>...): {line!r}")
        if ident in seen:
            raise InputError(where, f"{ident} is defined twice")
        if ident[0] == "T":
            fields, following = _continued(fields, lines, following, text)
            entities[ident] = _entity(ident, fields, text, where, polnear=polnear)
        elif ident[0] == "E":
            events[ident] = _event(ident, fields, where, polnear=polnear)
        elif ident[0] == "#":
            kind, _, target = fields[1].partition(" ")
            if kind != "AnnotatorNotes" or polnear:  # PolNeAR's notes are comments, not speakers
                continue
            if len(fields) != 3:
                raise InputError(where, f"{ident} needs three tab-separated fields: id, 'AnnotatorNotes ID', note")
            target = target.strip()
            if target in notes:
                raise InputError(where, f"{ident} is a second note on {target}")
            notes[target] = (fields[2].strip(), where)
        else:
            raise InputError(where, f"unknown annotation {ident!r}; expected T, E, #, R, A, M, N or *")
        seen.add(ident)

    for target, (note, where) in notes.items():
        if target in entities:
            entities[target] = dataclasses.replace(entities[target], note=note or None)
        elif target not in events:
            raise InputError(where, f"note on {target}, which the file does not define")

    attributions: list[GoldAttribution] = []
    for event in events.values():

        def resolve(role: str, event: _RawEvent = event) -> GoldEntity | None:
            ident = event.arguments.get(role)
            if ident is None:
                return None
            entity = entities.get(ident)
            if entity is None:
                raise InputError(event.where, f"{event.id} {role}:{ident} names no text-bound annotation")
            # PolNeAR: the argument's role is what counts (a few entities are mistyped).
            if entity.type != role and not polnear:
                raise InputError(event.where, f"{event.id} {role}:{ident} is a {entity.type}, not a {role}")
            return entity

        parent = event.arguments.get("Parent")
        if parent is not None and parent not in events:
            raise InputError(event.where, f"{event.id} Parent:{parent} names no event")
        if parent == event.id:
            raise InputError(event.where, f"{event.id} is its own Parent")
        if polnear:
            trigger = resolve("Trigger")
            cue = resolve("Cue") or trigger  # the trigger is a copy of the cue span
            contents = [c for c in (resolve("Content"), resolve("Content2")) if c is not None]
            if not contents:  # a leftover (a bare trigger) or unfinished: nothing said to score
                continue
            content = _merged(contents)
        else:
            cue, content = resolve("Cue"), resolve("Content")
        attributions.append(
            GoldAttribution(event.id, cue=cue, content=content, source=resolve("Source"), parent=parent)
        )
    for event in events.values():  # a Parent chain must end
        chain, ident = {event.id}, event.arguments.get("Parent")
        while ident is not None:
            if ident in chain:
                raise InputError(event.where, f"{event.id} is nested in itself through its Parent chain")
            chain.add(ident)
            ident = events[ident].arguments.get("Parent")
    return GoldArticle(txt_path.stem, text, tuple(attributions), origin, annotator=annotator, text_origin=str(txt_path))


def read_brat_dir(path: str | Path, limit: int | None = None) -> list[GoldArticle]:
    """Every ``NAME.txt``/``NAME.ann`` pair of a directory (not recursive), by name.

    ``limit`` keeps the first N. Raises ``InputError`` when the directory is missing or
    holds no ``.txt``, a ``.txt`` has no ``.ann`` or an ``.ann`` no ``.txt``, or a file
    is bad (see ``read_brat``).
    """
    folder = _folder(path)
    texts = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not texts:
        raise InputError(str(folder), "holds no .txt files")
    stems = {p.stem for p in texts}
    for ann in sorted(folder.glob("*.ann")):
        if ann.stem not in stems:
            raise InputError(str(ann), f"has no {ann.stem}.txt beside it")
    if limit is not None:
        texts = texts[:limit]
    articles = []
    for txt in texts:
        ann = txt.with_suffix(".ann")
        if not ann.is_file():
            raise InputError(str(txt), f"has no {ann.name} beside it")
        articles.append(read_brat(txt, ann))
    return articles


def _folder(path: str | Path) -> Path:
    folder = Path(path)
    if not folder.exists():
        raise InputError(str(folder), "no such directory")
    if not folder.is_dir():
        raise InputError(str(folder), "is not a directory; expected one of brat NAME.txt and NAME.ann files")
    return folder


def is_polnear_split(path: str | Path) -> bool:
    """Whether a folder is laid out as a PolNeAR split: ``text/`` and ``attributions/`` in it."""
    folder = Path(path)
    return (folder / "text").is_dir() and (folder / "attributions").is_dir()


_ANNOTATED = re.compile(r"(?P<name>.+)_(?P<annotator>[0-9a-fA-F]{4})$")  # NAME_ANNOTATOR (the .ann's stem)


def _annotators_listed(metadata: Path) -> dict[str, list[str]]:
    """``filename`` -> the annotators its ``annotators`` cell lists, in order ("4b22|4e07")."""
    if not metadata.is_file():
        return {}
    lines = read_text(metadata).splitlines()
    header = lines[0].split("\t") if lines else []
    if "filename" not in header:
        raise InputError(f"{metadata}:1", "has no 'filename' column")
    if "annotators" not in header:
        return {}
    name_at, annotators_at = header.index("filename"), header.index("annotators")
    listed: dict[str, list[str]] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) <= max(name_at, annotators_at):
            raise InputError(
                f"{metadata}:{number}", f"has {len(cells)} tab-separated fields; the header has {len(header)}"
            )
        listed[cells[name_at].strip()] = [a for a in re.split(r"[|,;\s]+", cells[annotators_at]) if a]
    return listed


def read_polnear(path: str | Path, limit: int | None = None) -> tuple[list[GoldArticle], list[str]]:
    """The articles of a PolNeAR split folder, by name, and a line for each article skipped.

    ``text/NAME.txt`` is an article, ``attributions/NAME_ANNOTATOR.ann`` one annotator's
    reading of it (``NAME.ann`` is read too, as an unnamed annotator's). One file an
    article is scored: that of the first annotator ``metadata.tsv`` lists for it
    (``annotators``, "4b22|4e07") who has one, else the first by name. An article without
    any is skipped (its line says so); ``limit`` keeps the first N articles read. Raises
    ``InputError`` for a missing or empty ``text/``, an ``.ann`` whose NAME has no text,
    a metadata file without a ``filename`` column, or a bad file (see ``read_brat``).
    """
    folder = _folder(path)
    texts = sorted(p for p in (folder / "text").iterdir() if p.suffix == ".txt" and p.is_file())
    if not texts:
        raise InputError(str(folder / "text"), "holds no .txt files")
    stems = {p.stem for p in texts}
    annotations: dict[str, dict[str, Path]] = {}  # NAME -> annotator -> .ann
    for ann in sorted(p for p in (folder / "attributions").iterdir() if p.suffix == ".ann" and p.is_file()):
        match = _ANNOTATED.fullmatch(ann.stem)
        name, annotator = (match["name"], match["annotator"]) if match and ann.stem not in stems else (ann.stem, "")
        if name not in stems:
            raise InputError(str(ann), f"has no text/{name}.txt")
        annotations.setdefault(name, {})[annotator] = ann
    listed = _annotators_listed(folder / "metadata.tsv")

    articles: list[GoldArticle] = []
    skipped: list[str] = []
    for txt in texts:
        if limit is not None and len(articles) >= limit:
            break
        files = annotations.get(txt.stem)
        if not files:
            skipped.append(f"{txt}: article {txt.stem!r} has no annotation in {folder / 'attributions'}; skipped")
            continue
        chosen = next((a for a in listed.get(txt.stem, []) if a in files), min(files))
        articles.append(read_brat(txt, files[chosen], polnear=True, annotator=chosen or None))
    return articles, skipped


def read_gold(path: str | Path, limit: int | None = None) -> tuple[list[GoldArticle], list[str]]:
    """The gold articles of ``path``, whichever layout it has, and a line for each article skipped.

    A PolNeAR split (``text/`` and ``attributions/`` in it; see ``read_polnear``) or a flat
    directory of brat pairs (``read_brat_dir``). A folder that holds PolNeAR splits is an
    ``InputError`` naming them: one split is scored at a time, so a held-out split stays out.
    """
    folder = _folder(path)
    if is_polnear_split(folder):
        return read_polnear(folder, limit)
    splits = sorted(p.name for p in folder.iterdir() if p.is_dir() and is_polnear_split(p))
    if splits and not any(p.suffix == ".txt" for p in folder.iterdir()):
        raise InputError(
            str(folder), f"holds PolNeAR splits ({', '.join(splits)}); name one, e.g. {folder / splits[0]}"
        )
    return read_brat_dir(folder, limit), []


# --------------------------------------------------------------------------- spans


def _union(fragments: Iterable[tuple[int, int]]) -> Fragments:
    """Fragments as the characters they cover: sorted, touching and overlapping ones merged."""
    merged: list[list[int]] = []
    for start, end in sorted(f for f in fragments if f[1] > f[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def _overlap(a: Fragments, b: Fragments) -> int:
    """Characters two unions share."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _gold_span(attribution: GoldAttribution, role: str) -> Fragments | None:
    entity = getattr(attribution, role)
    return _union(entity.fragments) if entity is not None else None


def _predicted_span(attribution: Attribution, role: str) -> Fragments | None:
    if role == "content":
        union = _union((span.start, span.end) for span in attribution.content)
    else:
        span: Span | None = getattr(attribution, role)
        union = _union([(span.start, span.end)]) if span is not None else ()
    return union or None


def _pair(gold: Sequence, predicted: Sequence, weight) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index) by ``weight``, larger first.

    ``weight(g, p)`` is a sortable value, falsy for pairs that may not be matched; ties
    go to the earlier gold, then the earlier prediction.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            w = weight(g, p)
            if w:
                candidates.append((w, gi, pi))
    candidates.sort(key=lambda c: c[0], reverse=True)  # stable: ties keep (gold, predicted) order
    used_gold, used_predicted, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((gi, pi))
    return pairs


# --------------------------------------------------------------------------- names

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})


def _name_words(name: str) -> tuple[str, ...]:
    words = re.findall(r"\w+", name.casefold().replace("’", "'"))
    while words and (words[0] == "the" or words[0] in _HONORIFICS):
        words.pop(0)
    return tuple(words)


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def names_match(a: str, b: str) -> bool:
    """Whether two names name the same speaker, as speaker accuracy counts it.

    Compared as words, case-blind, without a leading "the" or honorific ("Mr.", "Dr."):
    equal, or one holds the other as whole words ("Rouhani", "Hassan Rouhani").
    """
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    return _contains(wa, wb) if len(wa) >= len(wb) else _contains(wb, wa)


def unnamed(name: str) -> bool:
    """Whether a gold speaker note describes rather than names ("diplomats", "a ministry
    spokesman", "two officials briefed on the talks"): a name opens with a capital."""
    return name[:1].islower()


def _speaker_names(document: Document, attribution: Attribution) -> list[str]:
    if attribution.speaker is None:
        return []
    for actor in document.actors:
        if actor.id == attribution.speaker:
            return [actor.name, *(mention.text for mention in actor.mentions)]
    return []


# --------------------------------------------------------------------------- sentences

# Where one sentence ends and the next begins: a line break, or space after . ! ? (and
# a closing quote or bracket) before what looks like a sentence opening.
_SEPARATOR = re.compile(
    r"\s*\n\s*"
    r"|(?<=[.!?])\s+(?=[“\"‘'(\[]?[A-Z0-9])"
    r"|(?<=[.!?][”\"’')\]])\s+(?=[“\"‘'(\[]?[A-Z0-9])"
)


def _sentences_around(text: str, start: int, end: int) -> str:
    """The sentences of ``text`` that the stretch ``start``-``end`` lies in."""
    begin, finish = 0, len(text)
    for match in _SEPARATOR.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            finish = match.start()
            break
    return " ".join(text[begin:finish].split())


def _hull(spans: Iterable[Fragments | None]) -> tuple[int, int]:
    points = [x for span in spans if span for fragment in span for x in fragment]
    return (min(points), max(points)) if points else (0, 0)


# --------------------------------------------------------------------------- direct quotes and missed patterns

# Double quotes, straight, curly and as TeX writes them (PolNeAR's NYT texts), and the curly
# single quotes and guillemets Dossier's quote finder reads too (our own set has them); not
# the straight single quote, an apostrophe as often as not.
QUOTE_MARKS = ('"', "“", "”", "``", "''", "‘", "’", "«", "»")
_CLOSING_PUNCTUATION = ",.;:!?"  # may sit between a quote's content and its closing mark


def is_quoted(text: str, fragments: Fragments) -> bool:
    """Whether a content span is a direct quote: stripped of whitespace it opens with a quote
    mark (so also when marks enclose it), or marks sit immediately outside it (the opening
    one just before its first fragment, the closing one just after its last, or after the
    , . ; : ! ? that ends it)."""
    if not fragments:
        return False
    start, end = fragments[0][0], fragments[-1][1]
    if text[start:end].strip().startswith(QUOTE_MARKS):
        return True
    before = text[max(0, start - 2) : start]
    after = text[end : end + 8].lstrip(_CLOSING_PUNCTUATION)
    return before.endswith(QUOTE_MARKS) and after.startswith(QUOTE_MARKS)


def _gold_direct(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return is_quoted(article.text, _union(attribution.content.fragments))


def _predicted_direct(document: Document, attribution: Attribution) -> bool:
    return attribution.direct or is_quoted(document.text, _predicted_span(attribution, "content") or ())


# What kind of cue a missed gold attribution has: an aid to reading ``--errors``, not
# extraction. The word lists are small on purpose, and all here.
ACCORDING_TO = ("according to",)
NOMINAL_CUES = (  # nouns that carry what someone said or thought ("in a statement", "the claim")
    "claim", "statement", "report", "view", "remark", "comment", "interview", "speech", "allegation",
    "accusation", "argument", "criticism", "opposition", "question", "idea", "belief",
)  # fmt: skip
BELIEF_VERBS = ("think", "believe", "want", "plan", "hope", "expect", "fear", "know", "feel", "wish", "see")
SPEECH_VERBS = (
    "say", "tell", "add", "state", "claim", "announce", "argue", "insist", "explain", "ask", "deny", "warn",
    "write", "report", "note", "call", "accuse", "suggest", "declare", "reply", "respond", "tweet", "urge", "describe",
)  # fmt: skip
STANCE_VERBS = (  # taking a side, which PolNeAR counts as attributing a view
    "support", "oppose", "criticize", "praise", "defend", "endorse", "attack", "reject", "dismiss", "back", "blast",
    "slam", "denounce", "question",
)  # fmt: skip
COMMITMENT_VERBS = ("promise", "vow", "pledge", "propose", "offer", "agree", "refuse", "decline", "seek", "decide")
EVIDENCE_VERBS = ("show", "find", "cite", "reveal", "indicate", "point")  # a poll shows, a study found
IRREGULAR_FORMS = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think", "knew": "know",
    "known": "know", "felt": "feel", "saw": "see", "seen": "see", "found": "find", "sought": "seek", "shown": "show",
}  # fmt: skip
DETERMINERS = ("a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these", "those")
PASSIVE = re.compile(  # "it was reported", "is said to", "is widely expected", "reportedly"
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?"
    r"(?:said|reported|expected|believed|thought|known|seen|considered|alleged|rumou?red|announced)"
    r"|reportedly|allegedly|supposedly|purportedly)\b"
)


def _forms(verbs: Iterable[str]) -> frozenset[str]:
    """The words a verb list may take in a cue: base, -s, -ed, -ing, with doubling and -y/-ie
    (some are no English word; they never match), and the irregular ones that belong."""
    forms = {form for form, verb in IRREGULAR_FORMS.items() if verb in verbs}
    for v in verbs:
        forms |= {v, v + "s", v + "es", v + "d", v + "ed", v + "ing", v[:-1] + "ing", v + v[-1] + "ed"}
        forms |= {v + v[-1] + "ing", v[:-1] + "ied", v[:-1] + "ies"}
    return frozenset(forms)


_BELIEF_FORMS = _forms(BELIEF_VERBS)
_SPEECH_FORMS = _forms(SPEECH_VERBS)
_STANCE_FORMS = _forms(STANCE_VERBS)
_COMMITMENT_FORMS = _forms(COMMITMENT_VERBS)
_EVIDENCE_FORMS = _forms(EVIDENCE_VERBS)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+(?:['’][a-z]+)?", text.casefold())


def _according_to(article: GoldArticle, attribution: GoldAttribution) -> bool:
    cue = " ".join(_words(attribution.cue.text))
    return any(phrase in cue for phrase in ACCORDING_TO)


def _direct_quote(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return _gold_direct(article, attribution)


def _source_less(article: GoldArticle, attribution: GoldAttribution) -> bool:
    """No source, or a passive cue ("it was reported", "is said to", "is expected")."""
    return attribution.source is None or PASSIVE.search(attribution.cue.text.casefold()) is not None


def _nominal_cue(article: GoldArticle, attribution: GoldAttribution) -> bool:
    """A noun of ``NOMINAL_CUES`` (or its plural) with no verb of the lists beside it: a form
    that could be a verb ("claims") counts after a determiner or possessive ("his claims")."""
    words = _words(attribution.cue.text)
    before = _words(article.text[max(0, attribution.cue.start - 40) : attribution.cue.start])[-1:]
    nouns = set()
    for index, word in enumerate(words):
        if word in NOMINAL_CUES or (word.endswith("s") and word[:-1] in NOMINAL_CUES):
            previous = words[index - 1] if index else (before[0] if before else "")
            if previous in DETERMINERS or previous.endswith(("'s", "’s")) or word not in _SPEECH_FORMS:
                nouns.add(index)
    verbs = [w for i, w in enumerate(words) if i not in nouns and (w in _SPEECH_FORMS or w in _BELIEF_FORMS)]
    return bool(nouns) and not verbs


def _belief_verb(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return any(word in _BELIEF_FORMS for word in _words(attribution.cue.text))


def _speech_verb(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return any(word in _SPEECH_FORMS for word in _words(attribution.cue.text))


def _stance_verb(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return any(word in _STANCE_FORMS for word in _words(attribution.cue.text))


def _commitment_verb(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return any(word in _COMMITMENT_FORMS for word in _words(attribution.cue.text))


def _evidence_verb(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return any(word in _EVIDENCE_FORMS for word in _words(attribution.cue.text))


def _punctuation_cue(article: GoldArticle, attribution: GoldAttribution) -> bool:
    return not _words(attribution.cue.text)


# In order: a missed attribution has the first pattern that fits, "other" when none does.
MISS_PATTERNS = (
    ("according to", _according_to),
    ("direct quote", _direct_quote),
    ("source-less/passive", _source_less),
    ("nominal cue", _nominal_cue),
    ("belief/intention verb", _belief_verb),
    ("speech verb", _speech_verb),
    ("stance verb", _stance_verb),
    ("commitment verb", _commitment_verb),
    ("evidence verb", _evidence_verb),
    ("punctuation cue", _punctuation_cue),
)
OTHER_PATTERN = "other"


def miss_pattern(article: GoldArticle, attribution: GoldAttribution) -> str:
    """The name of the first of ``MISS_PATTERNS`` a gold attribution fits, else "other"."""
    return next((name for name, fits in MISS_PATTERNS if fits(article, attribution)), OTHER_PATTERN)


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class SpanScore(CountedScore):
    """Spans of one role under one matching: gold, predicted, and pairs matched."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def counts(self) -> tuple[int, int, int]:
        return self.matched, self.gold, self.predicted

    def __add__(self, other: SpanScore) -> SpanScore:
        return SpanScore(self.gold + other.gold, self.predicted + other.predicted, self.matched + other.matched)

    def to_dict(self) -> dict:
        return {**rates(self), "gold": self.gold, "predicted": self.predicted, "matched": self.matched}


@dataclass(frozen=True)
class RoleScores:
    """One role (cue, source or content) under exact and overlap matching."""

    role: str
    exact: SpanScore = field(default_factory=SpanScore)
    overlap: SpanScore = field(default_factory=SpanScore)

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(self.role, self.exact + other.exact, self.overlap + other.overlap)

    def to_dict(self) -> dict:
        return {"exact": self.exact.to_dict(), "overlap": self.overlap.to_dict()}


ErrorKind = Literal["missed", "spurious", "speaker"]


@dataclass(frozen=True)
class AttributionError:
    """A gold attribution Dossier missed, a prediction no gold has, or a wrong speaker."""

    file: str
    kind: ErrorKind
    gold_id: str | None  # the gold event id (None for a spurious prediction)
    predicted_id: str | None  # the predicted attribution id (None for a miss)
    sentence: str  # the sentences the attribution lies in
    cue: str
    source: str | None
    content: str  # fragments joined by " … "
    gold_speaker: str | None = None
    predicted_speaker: str | None = None
    pattern: str | None = None  # a miss's kind of cue (see ``MISS_PATTERNS``)

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "kind": self.kind,
            "gold": self.gold_id,
            "predicted": self.predicted_id,
            "sentence": self.sentence,
            "cue": self.cue,
            "source": self.source,
            "content": self.content,
            "gold_speaker": self.gold_speaker,
            "predicted_speaker": self.predicted_speaker,
            "pattern": self.pattern,
        }


@dataclass
class AttributionScores:
    """The figures of one attribution evaluation; rates are None when nothing was there to count."""

    files: int = 0
    gold: int = 0  # gold attributions
    predicted: int = 0  # predicted attributions
    aligned: int = 0  # gold attributions paired with a prediction
    roles: dict[str, RoleScores] = field(default_factory=lambda: {role: RoleScores(role) for role in ROLES})
    speaker_gold: int = 0  # gold attributions whose Source has a note
    speaker_correct: int = 0
    nesting_gold: int = 0  # gold attributions with a Parent
    nesting_correct: int = 0
    direct_gold: int = 0  # gold attributions that are direct quotes
    direct_predicted: int = 0  # predicted attributions that are
    direct: dict[str, RoleScores] = field(default_factory=lambda: {role: RoleScores(role) for role in ROLES})
    errors: list[AttributionError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # a line for each gold article left out

    @property
    def speaker_accuracy(self) -> float | None:
        return ratio(self.speaker_correct, self.speaker_gold)

    @property
    def nesting_accuracy(self) -> float | None:
        return ratio(self.nesting_correct, self.nesting_gold)

    @property
    def f1(self) -> float | None:
        """The headline figure: content F1 under overlap."""
        return self.roles["content"].overlap.f1

    @property
    def missed_patterns(self) -> dict[str, int]:
        """Missed gold attributions by pattern, most first (ties in ``MISS_PATTERNS`` order)."""
        order = [name for name, _ in MISS_PATTERNS] + [OTHER_PATTERN]
        counts = Counter(error.pattern for error in self.errors if error.kind == "missed")
        return dict(sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0]))))

    def to_dict(self, *, errors: bool = True) -> dict:
        figures = {
            "files": self.files,
            "gold_attributions": self.gold,
            "predicted_attributions": self.predicted,
            "aligned": self.aligned,
            "f1": self.f1,
            **{role: scores.to_dict() for role, scores in self.roles.items()},
            "speaker": {"accuracy": self.speaker_accuracy, "gold": self.speaker_gold, "correct": self.speaker_correct},
            "nesting": {"accuracy": self.nesting_accuracy, "gold": self.nesting_gold, "correct": self.nesting_correct},
            "direct": {
                "gold_attributions": self.direct_gold,
                "predicted_attributions": self.direct_predicted,
                "f1": self.direct["content"].overlap.f1,
                **{role: scores.to_dict() for role, scores in self.direct.items()},
            },
            "missed_patterns": self.missed_patterns,
            "skipped": list(self.skipped),
        }
        if errors:
            figures["errors"] = [error.to_dict() for error in self.errors]
        return figures


# What an exact match looks past at the edges of a span: quote marks, punctuation, spaces,
# and the "that" opening a reported clause. Annotation schemes differ on these (PolNeAR keeps
# the quote marks in a direct quote's content, the project's set leaves them out); the
# words said are the same.
EDGE_CHARACTERS = " \t\n\"'“”‘’«»`,.;:!?—–-…()[]"
LEADING_WORDS = ("that ",)


def _trimmed_span(text: str, fragments: Fragments) -> Fragments:
    """Fragments with edge marks and punctuation cut from both ends of each, and a leading
    "that" from the first: where a quote is split around its cue, annotators differ on
    whether its comma and marks belong to the words."""
    trimmed = []
    for k, (start, end) in enumerate(fragments):
        for _ in range(3):
            while start < end and text[start] in EDGE_CHARACTERS:
                start += 1
            word = next((w for w in LEADING_WORDS if text[start : start + len(w)].lower() == w), None)
            if word is None or k > 0:
                break
            start += len(word)
        while end > start and text[end - 1] in EDGE_CHARACTERS:
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return tuple(trimmed)


def _role_scores(role: str, gold: list[GoldAttribution], predicted: list[Attribution], text: str) -> RoleScores:
    gold_spans = [s for s in (_gold_span(a, role) for a in gold) if s]
    predicted_spans = [s for s in (_predicted_span(a, role) for a in predicted) if s]
    if role == "cue":  # a quote with no cue of its own has its opening mark as cue
        gold_cut, predicted_cut = gold_spans, predicted_spans
    else:
        gold_cut = [_trimmed_span(text, g) for g in gold_spans]
        predicted_cut = [_trimmed_span(text, p) for p in predicted_spans]
    exact = _pair(gold_cut, predicted_cut, lambda g, p: bool(g) and g == p)
    overlap = _pair(gold_spans, predicted_spans, _overlap)
    return RoleScores(
        role,
        SpanScore(len(gold_spans), len(predicted_spans), len(exact)),
        SpanScore(len(gold_spans), len(predicted_spans), len(overlap)),
    )


def _align(gold: list[GoldAttribution], predicted: list[Attribution]) -> dict[int, int]:
    """Gold index -> predicted index: cue overlap first, then content overlap."""
    gold_cues = [_gold_span(a, "cue") for a in gold]
    gold_contents = [_gold_span(a, "content") for a in gold]
    cues = [_predicted_span(a, "cue") or () for a in predicted]
    contents = [_predicted_span(a, "content") or () for a in predicted]

    def by_cue(gi: int, pi: int):
        cue = _overlap(gold_cues[gi], cues[pi])
        return (cue, _overlap(gold_contents[gi], contents[pi])) if cue else None

    aligned = dict(_pair(range(len(gold)), range(len(predicted)), by_cue))
    rest_gold = [gi for gi in range(len(gold)) if gi not in aligned]
    taken = set(aligned.values())
    rest_predicted = [pi for pi in range(len(predicted)) if pi not in taken]
    for a, b in _pair(rest_gold, rest_predicted, lambda gi, pi: _overlap(gold_contents[gi], contents[pi])):
        aligned[rest_gold[a]] = rest_predicted[b]
    return aligned


def _content_text(fragments: Iterable[str]) -> str:
    return " … ".join(fragments)


def score_attributions(articles: Sequence[GoldArticle], documents: Sequence[Document]) -> AttributionScores:
    """Score Dossier's documents against the gold articles they were read from (same order).

    Raises ``ValueError`` when articles and documents do not pair up, or a document's
    text is not its article's (offsets would not mean the same).
    """
    if len(articles) != len(documents):
        raise ValueError(f"{len(articles)} gold articles but {len(documents)} documents")
    scores = AttributionScores()
    for article, document in zip(articles, documents):
        if document.text != article.text:
            raise ValueError(f"document {document.id!r} does not hold the text of gold article {article.name!r}")
        gold = list(article.attributions)
        predicted = list(document.attributions)
        scores.files += 1
        scores.gold += len(gold)
        scores.predicted += len(predicted)
        for role in ROLES:
            scores.roles[role] = scores.roles[role] + _role_scores(role, gold, predicted, article.text)
        gold_direct = [g for g in gold if _gold_direct(article, g)]
        predicted_direct = [p for p in predicted if _predicted_direct(document, p)]
        scores.direct_gold += len(gold_direct)
        scores.direct_predicted += len(predicted_direct)
        for role in ROLES:
            scores.direct[role] = scores.direct[role] + _role_scores(role, gold_direct, predicted_direct, article.text)

        aligned = _align(gold, predicted)
        scores.aligned += len(aligned)
        by_gold_id = {attribution.id: index for index, attribution in enumerate(gold)}
        text = article.text

        def gold_error(g: GoldAttribution, kind: ErrorKind, p: Attribution | None = None, said: str | None = None):
            start, end = _hull([_gold_span(g, "cue"), _gold_span(g, "source"), _gold_span(g, "content")])
            return AttributionError(
                file=article.name,
                kind=kind,
                gold_id=g.id,
                predicted_id=p.id if p is not None else None,
                sentence=_sentences_around(text, start, end),
                cue=g.cue.text,
                source=g.source.text if g.source is not None else None,
                content=_content_text(text[s:e] for s, e in g.content.fragments),
                gold_speaker=g.speaker,
                predicted_speaker=said,
                pattern=miss_pattern(article, g) if kind == "missed" else None,
            )

        for gi, g in enumerate(gold):
            p = predicted[aligned[gi]] if gi in aligned else None
            if p is None:
                scores.errors.append(gold_error(g, "missed"))
            if g.speaker:
                scores.speaker_gold += 1
                names = _speaker_names(document, p) if p is not None else []
                if any(names_match(name, g.speaker) for name in names) or (
                    p is not None and p.speaker is None and unnamed(g.speaker)
                ):
                    scores.speaker_correct += 1
                elif p is not None:
                    scores.errors.append(gold_error(g, "speaker", p, names[0] if names else None))
            if g.parent is not None:
                scores.nesting_gold += 1
                parent_index = aligned.get(by_gold_id[g.parent])
                if p is not None and parent_index is not None and p.parent == predicted[parent_index].id:
                    scores.nesting_correct += 1

        taken = set(aligned.values())
        for pi, p in enumerate(predicted):
            if pi in taken:
                continue
            start, end = _hull(_predicted_span(p, role) for role in ROLES)
            names = _speaker_names(document, p)
            scores.errors.append(
                AttributionError(
                    file=article.name,
                    kind="spurious",
                    gold_id=None,
                    predicted_id=p.id,
                    sentence=_sentences_around(text, start, end),
                    cue=p.cue.text,
                    source=p.source.text if p.source is not None else None,
                    content=_content_text(span.text for span in p.content),
                    predicted_speaker=names[0] if names else None,
                )
            )
    return scores


def extract_articles(
    articles: Iterable[GoldArticle],
    *,
    model: str | None = None,
    actors: Iterable[str | Path] = (),
    batch_size: int = 32,
) -> Iterator[Document]:
    """Dossier's document for each gold article, in order, through one loaded pipeline."""
    from ..ingest.records import Record
    from ..pipeline import extract_records

    records = (
        Record(
            text=article.text,
            id=article.name,
            published=None,
            origin=article.text_origin or str(Path(article.origin).with_suffix(".txt")),
        )
        for article in articles
    )
    return extract_records(records, batch_size=batch_size, model=model, actors=actors)


def evaluate_attributions(
    gold_dir: str | Path,
    limit: int | None = None,
    model: str | None = None,
    *,
    actors: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> AttributionScores:
    """Read the gold directory, extract its first ``limit`` articles (all by default), score them.

    The directory is flat brat pairs or a PolNeAR split (``read_gold``); the articles it
    skips are lines in ``skipped``. Every gold file is read and checked before any article
    is extracted. Raises ``InputError`` for a missing directory, a missing file of a pair
    or a bad file.
    """
    articles, skipped = read_gold(gold_dir, limit)
    documents = list(extract_articles(articles, model=model, actors=actors, batch_size=batch_size))
    scores = score_attributions(articles, documents)
    scores.skipped = skipped
    return scores
