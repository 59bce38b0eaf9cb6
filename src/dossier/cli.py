"""The ``dossier`` command: a thin shell over the library (``dossier.pipeline``, ``dossier.store``).

Documents go to stdout; progress, per-file errors and summaries go to stderr, so
``dossier extract … > out.jsonl`` stays clean. Exit code 1 when any input failed.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .config import Settings, load_settings
from .contract import Document, json_schema_text, parse_published
from .errors import DossierError, InputError
from .periods import PERIOD_FORMS, parse_period

app = typer.Typer(
    name="dossier",
    help="Read news reports and build a sourced, time-aware knowledge graph of international relations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class DocumentFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


# Options shared by several commands (sqlite-utils' habit: the same flag means the same thing).
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Settings file (TOML, [dossier] table).")]
DbOption = Annotated[
    Optional[str], typer.Option("--db", help="Store URL; default sqlite:///dossier.db or $DOSSIER_DB.")
]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories (read recursively) or - for stdin.")]
PublishedOption = Annotated[
    Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that state none.")
]
ProcessesOption = Annotated[Optional[int], typer.Option("--processes", "-p", help="Worker processes.", min=1)]
BatchOption = Annotated[Optional[int], typer.Option("--batch-size", help="Documents per spaCy batch.", min=1)]
MaxBytesOption = Annotated[
    Optional[int], typer.Option("--max-file-bytes", help="Refuse input files larger than this.", min=1)
]
MaxCharsOption = Annotated[
    Optional[int],
    typer.Option(
        "--max-text-chars", help="Refuse articles longer than this many characters (at most 1,000,000).", min=1
    ),
]
ActorsOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--actors",
        help="User actor dictionary (YAML, CSV or CAMEO .actors.txt); repeatable; adds to $DOSSIER_ACTORS.",
    ),
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="table, json or jsonl.")]


def _settings(config: Path | None, **overrides) -> Settings:
    return load_settings(config, **overrides)


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--published") from None


def _fail(message: str) -> None:
    stderr.print(Text(f"error: {message}", style="red"))


def _warn(message: str, console: Console = stderr) -> None:
    console.print(Text(f"warning: {message}", style="yellow"))


def _inputs(paths: list[str], settings: Settings, published: dt.date | None):
    from .ingest import read_inputs
    from .pipeline import with_default_published

    return with_default_published(read_inputs(paths, max_file_bytes=settings.max_file_bytes), published)


def _print_documents(documents: list[Document] | Document, fmt: DocumentFormat) -> None:
    if isinstance(documents, Document):
        documents = [documents]
    if fmt is DocumentFormat.jsonl:
        for document in documents:
            stdout.out(document.to_json(), highlight=False)
    elif len(documents) == 1:
        stdout.out(documents[0].to_json(indent=2), highlight=False)
    else:
        stdout.out("[" + ",\n".join(d.to_json(indent=2) for d in documents) + "]", highlight=False)


@app.command()
def extract(
    paths: PathsArgument,
    format: Annotated[
        DocumentFormat,
        typer.Option("--format", "-f", help="json: one object (an array for several); jsonl: one per line."),
    ] = DocumentFormat.json,
    published: PublishedOption = None,
    processes: ProcessesOption = None,
    batch_size: BatchOption = None,
    max_file_bytes: MaxBytesOption = None,
    max_text_chars: MaxCharsOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Print what Dossier reads from articles, in the document contract's shape."""
    from .pipeline import extract_records

    settings = _settings(
        config,
        processes=processes,
        batch_size=batch_size,
        max_file_bytes=max_file_bytes,
        max_text_chars=max_text_chars,
        extra_actors=actors,
    )
    failures = 0

    def failed(error: DossierError) -> None:
        nonlocal failures
        failures += 1
        _fail(str(error))

    def records():
        for item in _inputs(paths, settings, _published(published)):
            if isinstance(item, InputError):
                failed(item)
                continue
            for warning in item.warnings:
                _warn(warning)
            yield item

    stream = extract_records(
        records(),
        batch_size=settings.batch_size,
        n_process=settings.processes,
        model=settings.model,
        actors=settings.actors,
        max_text_chars=settings.max_text_chars,
        on_error=failed,
    )
    if format is DocumentFormat.jsonl:
        for document in stream:
            _print_documents(document, format)
    else:
        documents = list(stream)
        if documents:
            _print_documents(documents, format)
    if failures:
        raise typer.Exit(1)


class Engine(str, Enum):
    plain = "plain"
    ray = "ray"


@app.command()
def ingest(
    paths: PathsArgument,
    db: DbOption = None,
    published: PublishedOption = None,
    processes: ProcessesOption = None,
    engine: Annotated[
        Optional[Engine],
        typer.Option(
            "--engine",
            help="plain: this machine (--processes); ray: extract on Ray workers, store here (needs the ray extra).",
        ),
    ] = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", min=1, help="Ray actors extracting at once (--engine ray).")
    ] = None,
    ray_address: Annotated[
        Optional[str],
        typer.Option("--ray-address", help="Ray cluster to join (ray://host:10001, auto); default: a local Ray."),
    ] = None,
    batch_size: BatchOption = None,
    max_file_bytes: MaxBytesOption = None,
    max_text_chars: MaxCharsOption = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A line for every document.")] = False,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Read articles, extract them and keep them in the store (one transaction each)."""
    from .pipeline import ingest_records
    from .store import Store

    settings = _settings(
        config,
        db=db,
        processes=processes,
        engine=engine.value if engine else None,
        workers=workers,
        ray_address=ray_address,
        batch_size=batch_size,
        max_file_bytes=max_file_bytes,
        max_text_chars=max_text_chars,
        extra_actors=actors,
    )
    counts = {"stored": 0, "updated": 0, "unchanged": 0, "failed": 0}
    started = time.perf_counter()
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingesting"),
        BarColumn(bar_width=None),
        TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=stderr,
        transient=False,
    )
    with Store(settings.db) as store, progress:
        task = progress.add_task("ingest", total=None, rate=0.0)

        def set_total(total: int) -> None:  # known when the engine reads its inputs first
            progress.update(task, total=total)

        outcomes = ingest_records(
            _inputs(paths, settings, _published(published)),
            store,
            batch_size=settings.batch_size,
            n_process=settings.processes,
            model=settings.model,
            actors=settings.actors,
            max_text_chars=settings.max_text_chars,
            engine=settings.engine,
            workers=settings.workers,
            ray_address=settings.ray_address,
            on_total=set_total,
        )
        for outcome in outcomes:
            counts[outcome.status] += 1
            for warning in outcome.warnings:
                _warn(warning, progress.console)
            if outcome.status == "failed":
                progress.console.print(Text(f"error: {outcome.origin}: {outcome.error}", style="red"))
            elif verbose or outcome.status != "stored":
                progress.console.print(f"{outcome.status:<9} {outcome.doc_id}  {outcome.origin}")
            done = sum(counts.values()) - counts["failed"]
            progress.update(task, completed=done, rate=done / max(time.perf_counter() - started, 1e-9))
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    stderr.print(f"{summary} in {time.perf_counter() - started:.1f}s → {settings.db}")
    if counts["failed"]:
        raise typer.Exit(1)


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="Document id.")],
    db: DbOption = None,
    format: Annotated[DocumentFormat, typer.Option("--format", "-f", help="json or jsonl.")] = DocumentFormat.json,
    config: ConfigOption = None,
) -> None:
    """Print a stored document exactly as `dossier extract` printed it."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        _print_documents(store.get(doc_id), format)


def _print_rows(rows: list[dict], fmt: ListFormat, columns: list[str], title: str) -> None:
    if fmt is ListFormat.json:
        stdout.out(json.dumps(rows, indent=2, default=str, ensure_ascii=False), highlight=False)
    elif fmt is ListFormat.jsonl:
        for row in rows:
            stdout.out(json.dumps(row, default=str, ensure_ascii=False), highlight=False)
    else:
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(
                *(row[c] if isinstance(row[c], Text) else Text("" if row[c] is None else str(row[c])) for c in columns)
            )
        stdout.print(table)


def _highlighted(snippet: str) -> Text:
    from .store import HIGHLIGHT_END, HIGHLIGHT_START

    text = Text()
    marked = False
    for part in snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        text.append(" ".join(part.split("\n")), style="bold yellow" if marked else None)
        marked = not marked
    return text


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words or "a phrase" to look for.')],
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = 20,
    format: ListFormatOption = ListFormat.table,
    config: ConfigOption = None,
) -> None:
    """Full-text search over stored articles, best match first, with highlighted snippets."""
    from .store import HIGHLIGHT_END, HIGHLIGHT_START, Store

    with Store(_settings(config, db=db).db) as store:
        hits = store.search(query, limit=limit)
    rows = []
    for hit in hits:
        row = hit.model_dump() if hasattr(hit, "model_dump") else dict(vars(hit))
        if format is ListFormat.table:
            row["snippet"] = _highlighted(row["snippet"])
        else:
            row["snippet"] = row["snippet"].replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
        rows.append(row)
    if not rows and format is ListFormat.table:
        stderr.print(f"no document matches {query!r}")
        return
    _print_rows(rows, format, ["id", "published", "title", "snippet"], f"{len(rows)} matches for {query!r}")


actors_app = typer.Typer(
    help="Actors as the graph knows them: one identity per real actor across documents.",
    no_args_is_help=False,
)
app.add_typer(actors_app, name="actors")
GraphIdArgument = Annotated[
    str, typer.Argument(help="A graph actor id, as `dossier actors` lists them (e.g. PRK, kim-jong-un).")
]
ReasonOption = Annotated[Optional[str], typer.Option("--reason", help="Why: kept in the log beside the decision.")]


@actors_app.callback(invoke_without_command=True)
def actors(
    ctx: typer.Context,
    country: Annotated[Optional[str], typer.Option("--country", help="ISO 3166 alpha-3, e.g. PRK.")] = None,
    kind: Annotated[
        Optional[str], typer.Option("--kind", help="state, person, organization, igo, group, location.")
    ] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = None,
    db: DbOption = None,
    format: ListFormatOption = ListFormat.table,
    config: ConfigOption = None,
) -> None:
    """Actors across stored documents, one row per identity, most documents first."""
    if ctx.invoked_subcommand is not None:
        return
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        found = store.identities(country=country.upper() if country else None, kind=kind, limit=limit)
    rows = [a.model_dump() for a in found]
    _print_rows(rows, format, ["id", "name", "kind", "country", "code", "documents", "mentions"], f"{len(rows)} actors")


def _print_profile(profile) -> None:
    head = Table.grid(padding=(0, 2))
    head.add_row("id", profile.id)
    head.add_row("name", profile.name)
    head.add_row("kind", profile.kind)
    for label, value in (("country", profile.country), ("code", profile.code), ("sector", profile.sector)):
        if value:
            head.add_row(label, value)
    head.add_row("names", "; ".join(profile.names))
    head.add_row("aliases", "; ".join(profile.aliases))
    head.add_row("documents", f"{profile.documents} ({profile.mentions} mentions)")
    if profile.merged:
        head.add_row("merged in", ", ".join(profile.merged))
    stdout.print(head)
    if profile.roles:
        roles = Table(title="roles over time", title_justify="left")
        for column in ("published", "title", "organization", "country", "document"):
            roles.add_column(column)
        for role in profile.roles:
            roles.add_row(
                str(role.published or ""),
                role.title or "",
                role.organization or "",
                role.country or "",
                role.document_id[:19],
            )
        stdout.print(roles)
    members = Table(title="members", title_justify="left")
    for column in ("published", "document", "actor", "name", "rule", "reason"):
        members.add_column(column)
    for member in profile.members:
        members.add_row(
            str(member.published or ""),
            member.document_id[:19],
            member.actor_id,
            member.name,
            member.rule,
            member.reason,
        )
    stdout.print(members)
    if profile.log:
        log = Table(title="decisions", title_justify="left")
        for column in ("at", "action", "kept", "other", "reason", "undone"):
            log.add_column(column)
        for entry in profile.log:
            log.add_row(
                entry.at.strftime("%Y-%m-%d %H:%M"),
                entry.action,
                entry.graph_actor_id,
                entry.other_id,
                entry.reason,
                "yes" if entry.undone else "",
            )
        stdout.print(log)


@actors_app.command("show")
def actors_show(
    graph_id: GraphIdArgument,
    db: DbOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table or json.")] = ListFormat.table,
    config: ConfigOption = None,
) -> None:
    """One identity: names, aliases, roles over time with the documents that state them,
    and every merge or split made to it."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        profile = _graph_call(lambda: store.identity(graph_id))
    if format is ListFormat.table:
        _print_profile(profile)
    else:
        stdout.out(profile.model_dump_json(indent=2 if format is ListFormat.json else None), highlight=False)


def _graph_call(call):
    from .errors import StoreError

    try:
        return call()
    except StoreError as exc:
        _fail(str(exc))
        raise typer.Exit(1) from None


def _print_decision(entry) -> None:
    moved = len(entry.members)
    stderr.print(
        f"{entry.action} #{entry.seq}: {entry.other_id} {'into' if entry.action == 'merge' else 'from'} "
        f"{entry.graph_actor_id} ({moved} document actor{'s' if moved != 1 else ''}; reason: {entry.reason})"
    )


@actors_app.command("merge")
def actors_merge(
    keep: Annotated[str, typer.Argument(help="The identity to keep.")],
    other: Annotated[str, typer.Argument(help="The identity that is the same actor; its members move to KEEP.")],
    reason: ReasonOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Make two identities one: OTHER's documents join KEEP, and so will later ones.
    Logged with its reason; `dossier actors split KEEP` undoes it."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        entry = _graph_call(lambda: store.merge_actors(keep, other, reason=reason or "same actor"))
    _print_decision(entry)


@actors_app.command("split")
def actors_split(
    graph_id: GraphIdArgument,
    document: Annotated[
        Optional[str], typer.Option("--document", help="Take this document's actors out into a new identity.")
    ] = None,
    reason: ReasonOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Undo the latest merge into an identity; with --document, take one document's
    actors out of it (an automatic match that was wrong)."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        entry = _graph_call(
            lambda: store.split_actors(graph_id, document_id=document, reason=reason or "not the same actor")
        )
    _print_decision(entry)


@app.command()
def contradictions(
    actor: Annotated[
        Optional[str], typer.Option("--actor", help="A country or IGO code either claim involves, e.g. PRK.")
    ] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=1, help="At most this many rows.")] = None,
    db: DbOption = None,
    format: ListFormatOption = ListFormat.table,
    config: ConfigOption = None,
) -> None:
    """Claims one source makes and another denies, with both sides' evidence."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        found = store.contradictions(actor=actor.upper() if actor else None, limit=limit)
    rows = [
        {
            "type": c.type,
            "sides": f"{'+'.join(c.claim.source)} -> {'+'.join(c.claim.target)}",
            "claim": f"{c.claim.status} by {c.claim.said_by or 'the article'} ({c.claim.document_id[:19]}): {c.claim.sentence}",
            "denial": f"{c.denial.said_by or 'the article'} ({c.denial.document_id[:19]}): {c.denial.sentence}",
        }
        if format is ListFormat.table
        else c.model_dump(mode="json")
        for c in found
    ]
    if not rows and format is ListFormat.table:
        stderr.print("no contradictions in the store" + (f" involving {actor.upper()}" if actor else ""))
        return
    _print_rows(rows, format, ["type", "sides", "claim", "denial"], f"{len(rows)} contradictions")


#: Events `dossier dyad` shows by default: the last page, fast on any dyad (see docs/dyad.md).
DYAD_PAGE = 100


class DyadFormat(str, Enum):
    table = "table"
    json = "json"


class DyadRelation(str, Enum):
    between = "between"
    together = "together"


def _period(value: str | None, option: str, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as its first day (``end``: its last day)."""
    if value is None:
        return None
    try:
        return parse_period(value, end=end)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date ({PERIOD_FORMS})", param_hint=option) from None


def _span(start: dt.date | None, end: dt.date | None) -> str:
    """2024-04-18, 2024-04-18..24, 2024-04-18..05-02, 2023-12-28..2024-01-03."""
    if start is None:
        return "undated"
    if end is None or end == start:
        return start.isoformat()
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.isoformat()}..{end.day:02d}"
    if start.year == end.year:
        return f"{start.isoformat()}..{end.isoformat()[5:]}"
    return f"{start.isoformat()}..{end.isoformat()}"


def _clip(text_: str, width: int) -> str:
    text_ = " ".join(text_.split()).lstrip("-–— ")  # a dateline's dash may start the sentence
    return text_ if len(text_) <= width else text_[: width - 1].rstrip() + "…"


def _print_dyad(report) -> None:
    shown = len(report.events)
    table = Table(
        title=f"{report.a}–{report.b}: {report.count} events" + (f", showing {shown}" if shown < report.count else ""),
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    # Narrow terminals wrap at spaces: "2024-04-18..24" over "(reported)", "PRK → RUS"
    # over "(together)"; the evidence takes what is left.
    table.add_column("date", min_width=14)
    table.add_column("type", min_width=7)
    table.add_column("direction", min_width=9)
    table.add_column("status", min_width=8, max_width=24)
    table.add_column("who says so", min_width=10, max_width=30)
    table.add_column("evidence", ratio=1, min_width=16)
    table.add_column("docs", justify="right", no_wrap=True)
    for event in report.events:
        statuses = dict.fromkeys(("not " if r.negated else "") + r.status for r in event.reports)
        said_by = dict.fromkeys(r.said_by for r in event.reports)
        evidence = event.reports[0].sentence if event.reports else ""
        date = Text(_span(event.start_date, event.end_date))
        if event.start_date is not None and not event.dated:
            date.append(" (reported)", style="dim")
        table.add_row(
            date,
            f"{event.type} {event.cameo}",
            event.direction + (" (together)" if event.relation == "together" else ""),
            ", ".join(statuses),
            "; ".join(said_by),
            _clip(evidence, 160),
            str(event.documents),
        )
    stdout.print(table)
    if report.quarters:
        quarters = Table(title="per quarter (by event date)", title_justify="left")
        for column in (
            "quarter",
            "events",
            "verbal coop.",
            "material coop.",
            "verbal conflict",
            "material conflict",
            "Goldstein",
        ):
            quarters.add_column(column, justify="left" if column == "quarter" else "right")
        for q in report.quarters:
            quarters.add_row(
                q.quarter,
                str(q.events),
                str(q.verbal_cooperation),
                str(q.material_cooperation),
                str(q.verbal_conflict),
                str(q.material_conflict),
                f"{q.goldstein:+.1f}",
            )
        stdout.print(quarters)


@app.command()
def dyad(
    a: Annotated[
        str, typer.Argument(metavar="A", help="A side: country code (PRK), actor code (IGOUNO) or graph actor id.")
    ],
    b: Annotated[str, typer.Argument(metavar="B", help="The other side.")],
    since: Annotated[
        Optional[str],
        typer.Option("--since", help="Events from this day, month or year on (YYYY, YYYY-MM or YYYY-MM-DD)."),
    ] = None,
    until: Annotated[
        Optional[str], typer.Option("--until", help="Events up to the end of this day, month or year.")
    ] = None,
    relation: Annotated[
        Optional[DyadRelation],
        typer.Option("--relation", help="between (one acts on the other) or together (both on one side)."),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, help="Show the last N events (0: all); the count and the quarters cover all."
        ),
    ] = DYAD_PAGE,
    plot: Annotated[
        Optional[Path],
        typer.Option(
            "--plot", help="Also draw events per quarter by quad class and the Goldstein sum to FILE.png or FILE.svg."
        ),
    ] = None,
    db: DbOption = None,
    format: Annotated[DyadFormat, typer.Option("--format", "-f", help="table or json.")] = DyadFormat.table,
    config: ConfigOption = None,
) -> None:
    """Every event between two sides in date order, with who reports it and the sentence
    that says so, then the events per quarter (see docs/dyad.md)."""
    from .errors import PlotError
    from .store import Store

    window = {"since": _period(since, "--since", end=False), "until": _period(until, "--until", end=True)}
    if plot is not None:
        from .plot import plot_format

        try:
            plot_format(plot)
        except PlotError as exc:
            raise typer.BadParameter(str(exc), param_hint="--plot") from None
    with Store(_settings(config, db=db).db) as store:
        # A page: the last LIMIT dated events (events with no date at all only with --limit 0).
        page = {"limit": limit, "offset": -limit, "undated": False} if limit else {}
        report = _graph_call(lambda: store.dyad(a, b, relation=relation.value if relation else None, **window, **page))
        if page and report.count <= limit and len(report.events) < report.count:  # all fit: the undated too
            report = store.dyad(a, b, relation=relation.value if relation else None, **window)
    if format is DyadFormat.json:
        stdout.out(report.model_dump_json(indent=2), highlight=False)
    elif report.count:
        _print_dyad(report)
        if len(report.events) < report.count:
            stderr.print(
                f"showing the last {len(report.events)} of {report.count} events: --limit 0 shows all, "
                "--since and --until narrow the window"
            )
        if report.undated:
            shown = sum(1 for e in report.events if e.start_date is None)
            stderr.print(
                f"{report.undated} event{'s' if report.undated != 1 else ''} with no date at all"
                + (", listed last" if shown else " not listed (--limit 0 lists them last)")
            )
    else:
        stderr.print(f"no events between {report.a} and {report.b} in the store")
    if plot is not None:
        from .plot import plot_dyad

        try:
            plot_dyad(report, plot)
        except PlotError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None
        stderr.print(f"plot → {plot}")


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    plover = "plover"
    gdelt = "gdelt"


class NetworkFormat(str, Enum):
    graphml = "graphml"
    json = "json"


SinceOption = Annotated[
    Optional[str],
    typer.Option("--since", help="Only events from this day, month or year on (YYYY, YYYY-MM or YYYY-MM-DD)."),
]
UntilOption = Annotated[
    Optional[str], typer.Option("--until", help="Only events up to the end of this day, month or year.")
]
TypesOption = Annotated[
    Optional[str], typer.Option("--types", help="Only these PLOVER event types, comma-separated: ASSAULT,AID.")
]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file; default stdout.")]


def _event_types(value: str | None) -> list[str] | None:
    from .errors import ExportError
    from .store.export import check_types

    try:
        return check_types(value.split(",")) if value is not None else None
    except ExportError as exc:
        raise typer.BadParameter(str(exc), param_hint="--types") from None


@app.command()
def export(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl, csv or parquet: one row per event report; plover or gdelt: one record per merged event.",
        ),
    ] = ExportFormat.jsonl,
    output: OutputOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    status: Annotated[
        Optional[str],
        typer.Option(
            "--status",
            help="Comma-separated claim statuses to hold (default: every status for jsonl, csv and parquet; "
            "asserted,reported,alleged for plover and gdelt).",
        ),
    ] = None,
    include_negated: Annotated[
        Optional[bool],
        typer.Option(
            "--include-negated/--no-negated",
            help="Hold reports saying the event did not happen (default: yes for jsonl, csv and parquet; "
            "no for plover and gdelt).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the stored events as a file for other tools (see docs/export.md)."""
    from .errors import ExportError
    from .store import Store

    window = {
        "since": _period(since, "--since", end=False),
        "until": _period(until, "--until", end=True),
        "types": _event_types(types),
        "statuses": status.split(",") if status is not None else None,
        "include_negated": include_negated,
    }
    if format is ExportFormat.parquet and output is None:
        _fail("parquet is binary: give --output FILE")
        raise typer.Exit(1)
    with Store(_settings(config, db=db).db) as store:
        try:
            written = store.export(format.value, output if output is not None else sys.stdout, **window)
        except ExportError as exc:
            _fail(str(exc))
            raise typer.Exit(1) from None
    unit = "merged events" if format in (ExportFormat.plover, ExportFormat.gdelt) else "event reports"
    stderr.print(f"{written} {unit}" + (f" → {output}" if output is not None else ""))


@app.command()
def network(
    format: Annotated[
        NetworkFormat, typer.Option("--format", "-f", help="graphml or json (node-link).")
    ] = NetworkFormat.graphml,
    output: OutputOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    types: TypesOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the actor network: actors as nodes, directed edges summing the events
    between them (see docs/network.md)."""
    from .store import Store
    from .store.network import write_network

    window = {
        "since": _period(since, "--since", end=False),
        "until": _period(until, "--until", end=True),
        "types": _event_types(types),
    }
    with Store(_settings(config, db=db).db) as store:
        net = store.network(**window)
    write_network(net, format.value, output if output is not None else sys.stdout)
    stderr.print(
        f"{len(net.nodes)} actors, {len(net.edges)} edges from {net.events} events"
        + (f" → {output}" if output is not None else "")
    )


@app.command()
def stats(db: DbOption = None, format: ListFormatOption = ListFormat.table, config: ConfigOption = None) -> None:
    """Counts of what the store holds."""
    from .store import Store

    with Store(_settings(config, db=db).db) as store:
        figures = store.stats()
    if format is ListFormat.table:
        _print_rows([{"what": k, "value": v} for k, v in figures.items()], format, ["what", "value"], "store")
    else:
        _print_rows([figures] if format is ListFormat.jsonl else figures, format, [], "")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document contract."""
    stdout.out(json_schema_text().rstrip("\n"), highlight=False)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on; other than loopback, a token ($DOSSIER_TOKEN) is required."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    config: ConfigOption = None,
) -> None:
    """Serve the HTTP API over the store until interrupted (see docs/api.md)."""
    import uvicorn

    from .api import create_app
    from .errors import ConfigError

    settings = _settings(config, db=db)
    try:
        api = create_app(settings=settings, host=host)
    except ConfigError as exc:
        _fail(str(exc))
        raise typer.Exit(2) from None
    try:  # the analyst's web app: pages under /app/, its bundle under /static/
        from .web import mount_web
    except ImportError:
        pass
    else:
        mount_web(api)
    where = f"http://{f'[{host}]' if ':' in host else host}:{port}/"
    stderr.print(f"Dossier on {settings.db}: open {where} (API reference: {where}docs); Ctrl+C stops it")
    uvicorn.run(api, host=host, port=port, log_level="info")


eval_app = typer.Typer(
    help="Measure Dossier against gold-standard annotations (PLOVER events, brat attributions, a timex table).",
    no_args_is_help=True,
)
app.add_typer(
    eval_app,
    name="eval",
    help="Measure Dossier against gold-standard annotations (PLOVER events, brat attributions, a timex table).",
)


def _rate(part: int, whole: int) -> str:
    return f"{part / whole:.1%}  ({part}/{whole})" if whole else "—  (0/0)"


def _figure_table(title: str, rows) -> Table:
    """One evaluation's figures: a row of (figure, value) each, the headline as Text in bold."""
    table = Table(title=title, title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for row in rows:
        table.add_row(*row)
    return table


def _print_actor_scores(scores, path: Path) -> None:
    non_state = ", ".join(f"{code} {n}" for code, n in sorted(scores.non_state.items())) or "none"
    rows = [
        ("records", str(scores.records)),
        (
            Text("country recall", style="bold"),
            Text(_rate(scores.matched_countries, scores.gold_countries), style="bold"),
        ),
        ("  as source", _rate(scores.source_matched, scores.source_gold)),
        ("  as target", _rate(scores.target_matched, scores.target_gold)),
        ("IGO recall", _rate(scores.igo_matched, scores.igo_gold)),
        ("records fully matched", _rate(scores.records_complete, scores.records - scores.records_without_gold)),
        ("extra countries (not in gold)", _rate(scores.extra_countries, scores.found_countries)),
        ("non-state gold actors (not scored)", f"{sum(scores.non_state.values())}  ({non_state})"),
    ]
    if scores.uncoded:
        rows.append(("uncoded gold actors", str(scores.uncoded)))
    rows.append(("missed gold actors", str(len(scores.misses))))
    stdout.print(_figure_table(f"actor evaluation: {path.name}", rows))


def _print_actor_misses(scores) -> None:
    table = Table(title=f"{len(scores.misses)} missed gold actors", title_justify="left")
    table.add_column("record", no_wrap=True)  # ids are what a reader looks up: never cut them
    table.add_column("role", no_wrap=True)
    table.add_column("actor text", overflow="fold")
    table.add_column("gold code")
    table.add_column("Dossier found", overflow="fold")
    for miss in scores.misses:
        code = miss.code if miss.code == miss.expected else f"{miss.code} → {miss.expected}"
        table.add_row(
            Text(miss.record_id), miss.role, Text(miss.actor_text), Text(code), Text(", ".join(miss.found) or "—")
        )
    stdout.print(table)


def _score_gold(evaluate, gold: Path, limit, batch_size, actors, config):
    """Run one evaluation over a gold file; a bad file is one line naming it, exit 1."""
    settings = _settings(config, batch_size=batch_size, extra_actors=actors)
    try:
        with stderr.status(f"reading {gold.name}…"):
            return evaluate(
                gold, limit=limit, model=settings.model, actors=settings.actors, batch_size=settings.batch_size
            )
    except InputError as exc:
        _fail(str(exc))
        raise typer.Exit(1) from None


@eval_app.command("actors")
def eval_actors(
    gold: Annotated[
        Path, typer.Argument(metavar="GOLD", help="Gold file in the PLOVER format (a JSON array of coded sentences).")
    ],
    misses: Annotated[
        bool, typer.Option("--misses", help="Also list every gold actor whose country Dossier missed.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures (and misses) as one JSON object.")] = False,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=1, help="Evaluate only the first N records.")
    ] = None,
    min_recall: Annotated[
        Optional[float],
        typer.Option("--min-recall", min=0.0, max=1.0, help="Exit 1 when country recall falls below this (0-1)."),
    ] = None,
    batch_size: BatchOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Country recall of Dossier's actors against the source and target codes of gold sentences."""
    from .evaluate.actors import evaluate_actors

    scores = _score_gold(evaluate_actors, gold, limit, batch_size, actors, config)
    if as_json:
        stdout.out(json.dumps(scores.to_dict(misses=True), indent=2, ensure_ascii=False), highlight=False)
    else:
        _print_actor_scores(scores, gold)
        if misses and scores.misses:
            _print_actor_misses(scores)
    _check_minimum(
        scores.country_recall, min_recall, "--min-recall", "country recall", f"{gold}: no gold countries to score"
    )


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


def _figure(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _keys(keys) -> str:
    return ", ".join(keys) or "—"


def _print_wide(renderable, width: int) -> None:
    """Print a renderable at least ``width`` columns wide, wider than the console if need be.

    A confusion matrix squeezed into 80 columns is unreadable; one that runs past the
    edge still reads in a wide terminal or through ``less -S``.
    """
    from rich.segment import Segments

    options = stdout.options.update_width(max(stdout.width, width))
    stdout.print(Segments(list(stdout.render(renderable, options))), end="")


def _label_rows(scores) -> list:
    """The first figures of an evaluation of one label a record (event type, pentaclass)."""
    return [
        ("records", str(scores.records)),
        (Text("macro-F1", style="bold"), Text(_figure(scores.macro_f1), style="bold")),
        ("accuracy", _rate(scores.correct, scores.records)),
        ("no event coded", str(scores.unpredicted)),
    ]


def _label_table(title: str, label: str, label_scores: dict, name) -> Table:
    """Precision, recall, F1, support and predicted of each label, named by ``name(label, score)``."""
    table = Table(title=title, title_justify="left")
    for column in (label, "precision", "recall", "F1", "support", "predicted"):
        table.add_column(column, justify="left" if column == label else "right")
    for key, score in label_scores.items():
        table.add_row(
            name(key, score),
            _figure(score.precision),
            _figure(score.recall),
            _figure(score.f1),
            str(score.support),
            str(score.predicted),
        )
    return table


def _print_confusion(scores, heading, *, wide: bool = False) -> None:
    """The confusion matrix, its columns headed by ``heading(label)``; ``wide``: past the console's edge if need be."""
    columns = scores.predicted_labels()
    stdout.print("confusion (rows gold, columns predicted)")  # a table title would wrap to its width
    confusion = Table(padding=(0, 1))
    confusion.add_column("gold", no_wrap=True)
    for name in columns:
        confusion.add_column(heading(name), justify="right", no_wrap=True)
    for gold, row in scores.confusion_matrix().items():
        cells = []
        for name in columns:
            count = row.get(name, 0)
            style = "bold green" if name == gold and count else "red" if count else "dim"
            cells.append(Text(str(count) if count else "·", style=style))
        confusion.add_row(str(gold), *cells)
    if wide:
        _print_wide(confusion, 12 + 7 * len(columns))
    else:
        stdout.print(confusion)


def _print_event_scores(scores, path: Path) -> None:
    rows = _label_rows(scores)
    rows.append(("mode accuracy (type right)", _rate(scores.mode_matched, scores.mode_gold)))
    for label, country in (("source", scores.source), ("target", scores.target)):
        rows.append((f"{label} country accuracy (overlap)", _rate(country.overlap, country.gold)))
        rows.append(("  exact", _rate(country.exact, country.gold)))
    rows.append(("errors", str(len(scores.errors))))
    stdout.print(_figure_table(f"event evaluation: {path.name}", rows))
    stdout.print(_label_table("per type", "type", scores.type_scores(), lambda name, _: name))
    _print_confusion(scores, lambda name: name[:4], wide=True)


def _print_event_errors(scores) -> None:
    # Blocks, not a table: the sentences are long, and a sentence squeezed into a column
    # of a few letters is unreadable.
    stdout.print(Text(f"{len(scores.errors)} records coded wrongly (gold → Dossier)", style="italic"))
    for error in scores.errors:
        line = Text()
        line.append(error.record_id, style="bold")
        pairs = {
            "type": ([error.gold_type], [error.predicted_type]),
            "source": (error.gold_source, error.predicted_source),
            "target": (error.gold_target, error.predicted_target),
        }
        for part, (gold, found) in pairs.items():
            line.append(f"  {part} ")
            line.append(f"{_keys(gold)} → {_keys(found)}", style="red" if part in error.wrong else None)
        stdout.print(line)
        stdout.print(Text(f"    {error.text}"))


def _report(scores, gold: Path, format: "EvalFormat", errors: bool, print_scores, print_errors) -> None:
    """An evaluation's figures as JSON or Rich tables, with its errors when asked."""
    if format is EvalFormat.json:
        stdout.out(json.dumps(scores.to_dict(errors=errors), indent=2, ensure_ascii=False), highlight=False)
    else:
        print_scores(scores, gold)
        if errors and scores.errors:
            print_errors(scores)


def _check_minimum(value: float | None, minimum: float | None, option: str, figure: str, nothing: str) -> None:
    """Exit 1 when ``figure`` is below the ``option`` threshold, or when there was nothing to score."""
    if minimum is None:
        return
    if value is None:
        _fail(f"{nothing}, so {option} {minimum} cannot be met")
        raise typer.Exit(1)
    if value < minimum:
        _fail(f"{figure} {value:.3f} is below {option} {minimum}")
        raise typer.Exit(1)


def _print_pentaclass_scores(scores, path: Path) -> None:
    rows = [
        *_label_rows(scores),
        ("class 0 by an attribution alone", str(scores.by_attribution)),
        ("aligned (with spans)", str(scores.aligned)),
        ("errors", str(len(scores.errors))),
    ]
    stdout.print(_figure_table(f"event evaluation (pentaclass): {path.name}", rows))

    roles = Table(title="actors against gold spans (overlap, per actor)", title_justify="left")
    for column in ("role", "precision", "recall", "F1", "sentences", "spans found", "actors matched"):
        roles.add_column(column, justify="left" if column == "role" else "right", no_wrap=True)
    for name in ("source", "target", "reciprocal"):
        role = getattr(scores, name)
        roles.add_row(
            name,
            _figure(role.precision),
            _figure(role.recall),
            Text(_figure(role.f1), style="bold"),
            str(role.sentences),
            f"{role.found}/{role.gold}",
            f"{role.matched}/{role.predicted}",
        )
    from rich.measure import Measurement

    _print_wide(roles, Measurement.get(stdout, stdout.options.update_width(200), roles).maximum)

    stdout.print(
        _label_table("per class", "class", scores.class_scores(), lambda number, score: f"{number} {score.name}")
    )
    _print_confusion(scores, str)


def _print_pentaclass_errors(scores) -> None:
    stdout.print(Text(f"{len(scores.errors)} sentences coded wrongly (gold → Dossier)", style="italic"))
    for error in scores.errors:
        line = Text()
        line.append(error.record_id, style="bold")
        found = f"{error.predicted_class} ({'attribution' if error.by_attribution else error.predicted_type}"
        found += f" {error.predicted_cameo})" if error.predicted_cameo else ")"
        line.append("  class ")
        line.append(f"{error.gold_class} → {found}", style="red" if "class" in error.wrong else None)
        stdout.print(line)
        stdout.print(Text(f"    {error.text}"))
        both = (*error.predicted_source, *error.predicted_target)
        rows = (
            ("source", "source", error.predicted_source),
            ("target", "target", error.predicted_target),
            ("R", "reciprocal", both),
        )
        for role, figure, predicted in rows:
            gold = [span.text for span in error.gold_spans if span.role == role]
            if role != "R" or gold:
                line = Text(f"    {figure}: ")
                line.append(f"{_keys(gold)} → {_keys(predicted)}", style="red" if figure in error.wrong else None)
                stdout.print(line)


@eval_app.command("events")
def eval_events(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD",
            help="Gold file: PLOVER coded sentences (a JSON array or JSON lines), or ConfliBERT's pentaclass sentences (records with 'pentaclass' and 'spans'), told apart by their records.",
        ),
    ],
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also list every sentence whose event type (class) or actors Dossier got wrong."),
    ] = False,
    format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text: Rich tables; json: one JSON object.")
    ] = EvalFormat.text,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=1, help="Evaluate only the first N records.")
    ] = None,
    min_f1: Annotated[
        Optional[float],
        typer.Option(
            "--min-f1",
            min=0.0,
            max=1.0,
            help="Exit 1 when the macro-F1 of event types (or pentaclasses) falls below this (0-1).",
        ),
    ] = None,
    batch_size: BatchOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Event type, mode and source/target countries of Dossier's root event against gold sentences (PLOVER); or its pentaclass and actor spans (ConfliBERT)."""
    from .evaluate.events import evaluate_event_gold
    from .evaluate.pentaclass import PentaclassScores

    scores = _score_gold(evaluate_event_gold, gold, limit, batch_size, actors, config)
    if isinstance(scores, PentaclassScores):
        _report(scores, gold, format, errors, _print_pentaclass_scores, _print_pentaclass_errors)
    else:
        _report(scores, gold, format, errors, _print_event_scores, _print_event_errors)
    _check_minimum(scores.macro_f1, min_f1, "--min-f1", "macro-F1", f"{gold}: no gold event types to score")


def _prf(rate) -> str:
    return f"P {_figure(rate.precision)}  R {_figure(rate.recall)}  F1 {_figure(rate.f1)}"


def _print_article_scores(scores, path: Path) -> None:
    rows = [
        ("articles", str(scores.articles)),
        ("gold events", str(scores.gold_events)),
        ("Dossier events", str(scores.system_events)),
    ]
    for label, rate, headline in (
        ("dyadic (two-sided, fully right)", scores.dyadic, True),
        ("sentence + type", scores.sentence_type, False),
        ("fully right, all events", scores.full, False),
    ):
        rows.append((Text(label, style="bold"), Text(_prf(rate), style="bold")) if headline else (label, _prf(rate)))
        rows.append(("  precision", _rate(rate.system_right, rate.system)))
        rows.append(("  recall", _rate(rate.gold_right, rate.gold)))
    rows += [
        ("both sides right, any type (recall)", _rate(scores.sides_right, scores.sides_gold)),
        ("matched pairs", str(scores.pairs)),
        ("  status agreement", _rate(scores.status_matched, scores.pairs)),
        ("  negation agreement", _rate(scores.negation_matched, scores.pairs)),
        ("  date exact (gold dated)", _rate(scores.date_exact, scores.dated_pairs)),
        ("  date overlap (gold dated)", _rate(scores.date_overlap, scores.dated_pairs)),
        ("  left undated (gold dated)", _rate(scores.date_undated, scores.dated_pairs)),
        ("skipped (see stderr)", str(len(scores.skipped))),
        ("errors", str(len(scores.errors))),
    ]
    stdout.print(_figure_table(f"article event evaluation: {path.name}", rows))

    types = Table(title="per type", title_justify="left")
    for column in ("type", "gold", "Dossier", "P", "R", "F1", "dyadic P", "dyadic R"):
        types.add_column(column, justify="left" if column == "type" else "right", no_wrap=True)
    for name, score in scores.type_scores().items():
        rate, dyadic = score.sentence_type, score.dyadic
        types.add_row(
            name,
            str(score.gold),
            str(score.system),
            *(_figure(value) for value in (rate.precision, rate.recall, rate.f1, dyadic.precision, dyadic.recall)),
        )
    stdout.print(Text("P, R, F1: sentence + type", style="dim"))
    stdout.print(types)


def _article_event_line(label: str, event) -> Text:
    line = Text(f"    {label} ")
    line.append(f"{event.type} {event.cameo or '—'}", style="bold")
    line.append(f"  {_keys(event.source)} → {_keys(event.target)}  {event.status}")
    if event.negated:
        line.append(" negated", style="yellow")
    line.append(f"  “{_clip(event.trigger, 50)}”" if event.trigger else "")
    if event.rules:
        line.append(f"  rules: {', '.join(event.rules)}", style="dim")
    return line


def _print_article_errors(scores) -> None:
    # Blocks, not a table, as for events: the sentences are long.
    from collections import Counter

    kinds = Counter(error.kind for error in scores.errors)
    summary = ", ".join(f"{kinds[kind]} {kind}" for kind in ("spurious", "wrong", "missed"))
    stdout.print(Text(f"{len(scores.errors)} errors ({summary})", style="italic"))
    for error in scores.errors:
        head = Text()
        head.append(f"{error.article} ", style="bold")
        head.append(error.kind, style="yellow" if error.kind == "wrong" else "red")
        if error.wrong:
            head.append(f"  wrong: {', '.join(error.wrong)}")
        elif error.kind == "missed" and error.counterpart is None:
            head.append("  no Dossier event of this type in the sentence")
        stdout.print(head)
        gold, found = (error.event, error.counterpart) if error.kind == "missed" else (error.counterpart, error.event)
        if gold is not None:
            stdout.print(_article_event_line("gold   ", gold))
        if found is not None:
            stdout.print(_article_event_line("Dossier", found))
        stdout.print(Text(f"    {_clip(error.event.sentence, 160)}", style="dim"))


@eval_app.command("articles")
def eval_articles(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD", help="Whole-article event gold: JSON lines, one article per line with its coded events."
        ),
    ],
    corpus: Annotated[
        Path,
        typer.Option(
            "--corpus", help="Corpus file holding the gold articles' texts (records with id, text, published)."
        ),
    ] = Path("../shared/corpora/voa/voa_stories.jsonl"),
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also list every wrong or spurious Dossier event and every missed gold event."),
    ] = False,
    format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text: Rich tables; json: one JSON object.")
    ] = EvalFormat.text,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=1, help="Evaluate only the first N gold articles.")
    ] = None,
    batch_size: BatchOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Every event of whole articles: sentence, type, sides, negation, status and date against gold coded per article."""
    from functools import partial

    from .evaluate.articles import evaluate_articles

    scores = _score_gold(partial(evaluate_articles, corpus_path=corpus), gold, limit, batch_size, actors, config)
    for skipped in scores.skipped:
        _warn(str(skipped))
    _report(scores, gold, format, errors, _print_article_scores, _print_article_errors)


def _print_attribution_scores(scores, path: Path) -> None:
    table = Table(title=f"attribution evaluation: {path.name}", title_justify="left")
    table.add_column("figure", no_wrap=True)
    for column in ("exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "gold", "predicted"):
        table.add_column(column, justify="right", no_wrap=True)

    def role_rows(roles, prefix: str = "", headline: bool = True) -> None:
        for role, role_scores in roles.items():
            exact, overlap = role_scores.exact, role_scores.overlap
            style = "bold" if role == "content" and headline else ""  # content F1 (overlap) is the headline
            figures = (exact.precision, exact.recall, exact.f1, overlap.precision, overlap.recall)
            table.add_row(
                Text(prefix + role, style=style),
                *(_figure(value) for value in figures),
                Text(_figure(overlap.f1), style=style),
                str(overlap.gold),
                str(overlap.predicted),
            )

    role_rows(scores.roles)
    table.add_section()
    role_rows(scores.direct, "direct quotes: ", headline=False)
    table.add_section()
    rows = (
        ("speaker accuracy", _rate(scores.speaker_correct, scores.speaker_gold)),
        ("nesting accuracy", _rate(scores.nesting_correct, scores.nesting_gold)),
        ("files", str(scores.files)),
        ("gold attributions", str(scores.gold)),
        ("predicted attributions", str(scores.predicted)),
        ("gold direct quotes", str(scores.direct_gold)),
        ("predicted direct quotes", str(scores.direct_predicted)),
        ("errors", str(len(scores.errors))),
    )
    for label, value in rows:
        table.add_row(label, value, *([""] * 7))
    # Nine columns: in 80 the headers and labels would be cut, so print it at its natural width.
    from rich.measure import Measurement

    _print_wide(table, Measurement.get(stdout, stdout.options.update_width(200), table).maximum)


def _print_attribution_errors(scores) -> None:
    # Blocks, not a table, as for events: the sentences are long. Misses come grouped by
    # the pattern of their cue, the most common first, then spurious ones, then speakers.
    stdout.print(
        Text(
            f"{len(scores.errors)} attribution errors (missed gold, spurious predictions, wrong speakers)",
            style="italic",
        )
    )
    patterns = scores.missed_patterns
    if patterns:
        stdout.print(Text(f"missed by pattern: {sum(patterns.values())}", style="bold"))
        for pattern, count in patterns.items():
            stdout.print(Text(f"  {pattern:<24} {count:>5}"))
    missed = [e for e in scores.errors if e.kind == "missed"]
    groups = [(f"missed: {pattern}", [e for e in missed if e.pattern == pattern]) for pattern in patterns]
    groups += [
        ("spurious", [e for e in scores.errors if e.kind == "spurious"]),
        ("wrong speaker", [e for e in scores.errors if e.kind == "speaker"]),
    ]
    for title, errors in groups:
        if errors:
            stdout.print(Text(f"— {title} ({len(errors)})", style="bold"))
            for error in errors:
                _print_attribution_error(error)


def _print_attribution_error(error) -> None:
    """One error: file, kind, ids, cue, source (and speakers), then its content and sentences."""
    line = Text()
    line.append(f"{error.file} ", style="bold")
    line.append(error.kind, style="red" if error.kind != "speaker" else "yellow")
    line.append(f" {error.gold_id or error.predicted_id}")
    line.append(f"  cue “{error.cue}”  source “{error.source}”" if error.source else f"  cue “{error.cue}”  no source")
    if error.kind == "speaker":
        line.append(f"  speaker {error.gold_speaker or '—'} → {error.predicted_speaker or '—'}")
    stdout.print(line)
    stdout.print(Text(f"    content: {error.content or '—'}"))
    stdout.print(Text(f"    {error.sentence}", style="dim"))


@eval_app.command("attributions")
def eval_attributions(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD_DIR",
            help="Directory of brat standoff files (NAME.txt and NAME.ann) annotating Source, Cue and Content, or a PolNeAR split (text/NAME.txt, attributions/NAME_ANNOTATOR.ann, metadata.tsv).",
        ),
    ],
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Also list every gold attribution Dossier missed (grouped by the kind of its cue), every prediction no gold has, and wrong speakers.",
        ),
    ] = False,
    format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text: a Rich table; json: one JSON object.")
    ] = EvalFormat.text,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=1, help="Evaluate only the first N articles (by name).")
    ] = None,
    min_f1: Annotated[
        Optional[float],
        typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 when the content F1 (overlap) falls below this (0-1)."),
    ] = None,
    batch_size: BatchOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Cue, source and content spans (all and direct quotes alone), speakers and nesting of Dossier's attributions against brat gold files."""
    from .evaluate.attributions import evaluate_attributions

    scores = _score_gold(evaluate_attributions, gold, limit, batch_size, actors, config)
    for skipped in scores.skipped:
        _warn(skipped)
    _report(scores, gold, format, errors, _print_attribution_scores, _print_attribution_errors)
    _check_minimum(
        scores.f1, min_f1, "--min-f1", "content F1 (overlap)", f"{gold}: no gold or predicted contents to score"
    )


def _print_timex_scores(scores, path: Path) -> None:
    rows = [
        ("cases", str(scores.cases)),
        (Text("accuracy (every field right)", style="bold"), Text(_rate(scores.passed, scores.cases), style="bold")),
        ("span found", _rate(scores.span.correct, scores.span.gold)),
        *((f"  {name}", _rate(rate.correct, rate.gold)) for name, rate in scores.fields.items()),
        ("interval (start and end)", _rate(scores.interval.correct, scores.interval.gold)),
        ("traps (no timex)", _rate(scores.traps.correct, scores.traps.gold)),
        ("errors", str(len(scores.errors))),
    ]
    stdout.print(_figure_table(f"timex evaluation: {path.name}", rows))

    sections = Table(title="per section", title_justify="left")
    sections.add_column("section")
    sections.add_column("cases", justify="right")
    sections.add_column("accuracy", justify="right")
    for name, rate in scores.sections.items():
        sections.add_row(Text(name or "—"), str(rate.gold), _rate(rate.correct, rate.gold))
    stdout.print(sections)


def _timex_fields(fields: dict, wrong=()) -> Text:
    line = Text()
    for name, value in fields.items():
        if name == "span":
            line.append(f"“{value}” ", style="bold")
            continue
        line.append(f"{name} ")
        line.append(f"{value if value is not None else '—'}  ", style="red" if name in wrong else None)
    line.rstrip()
    return line


def _print_timex_errors(scores) -> None:
    # Blocks, not a table, as for events: the sentences are long.
    stdout.print(Text(f"{len(scores.errors)} cases not fully right (expected → Dossier)", style="italic"))
    for error in scores.errors:
        head = Text()
        head.append(f"line {error.line} ", style="bold")
        head.append(error.kind, style="red" if error.kind != "wrong" else "yellow")
        head.append(f"  “{error.expression}”  published {error.published or '—'}  ({error.section or 'no section'})")
        stdout.print(head)
        if error.expected is not None:
            stdout.print(Text("    expected  ") + _timex_fields(error.expected, error.fields))
        if not error.got:
            stdout.print(Text("    got       no timex there" if error.kind == "missed" else "    got       —"))
        for timex in error.got:
            stdout.print(Text("    got       ") + _timex_fields(timex, error.fields if error.kind == "wrong" else ()))
        stdout.print(Text(f"    {error.sentence}", style="dim"))


@eval_app.command("timexes")
def eval_timexes(
    table: Annotated[
        Path,
        typer.Argument(
            metavar="TABLE",
            help="Timex table, tab-separated: published, sentence, expression, type, value, start, end, granularity, modifier (as tests/data/timexes.tsv); or TimeML: a .tml file or a directory of them (TimeBank).",
        ),
    ],
    errors: Annotated[
        bool,
        typer.Option("--errors", help="Also list every case Dossier did not get fully right, expected against found."),
    ] = False,
    format: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text: Rich tables; json: one JSON object.")
    ] = EvalFormat.text,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "-n", min=1, help="Evaluate only the first N cases.")
    ] = None,
    min_accuracy: Annotated[
        Optional[float],
        typer.Option(
            "--min-accuracy",
            min=0.0,
            max=1.0,
            help="Exit 1 when the share of cases fully right falls below this (0-1).",
        ),
    ] = None,
    batch_size: BatchOption = None,
    actors: ActorsOption = None,
    config: ConfigOption = None,
) -> None:
    """Span, type, value, interval, granularity and modifier of Dossier's timexes against a
    table of sentences, or TempEval-3 Task A figures against TimeML (a .tml file or a
    directory of them, as TimeBank)."""
    from .evaluate.timeml import evaluate_timeml, is_timeml
    from .evaluate.timexes import evaluate_timexes

    if is_timeml(table):
        scores = _score_gold(evaluate_timeml, table, limit, batch_size, actors, config)
        _report(scores, table, format, errors, _print_timeml_scores, _print_timeml_errors)
        headline = scores.value_score.f1
        _check_minimum(headline, min_accuracy, "--min-accuracy", "value F1", f"{table}: no timexes to score")
        return
    scores = _score_gold(evaluate_timexes, table, limit, batch_size, actors, config)
    _report(scores, table, format, errors, _print_timex_scores, _print_timex_errors)
    _check_minimum(scores.accuracy, min_accuracy, "--min-accuracy", "accuracy", f"{table}: no cases to score")


def _print_timeml_scores(scores, path: Path) -> None:
    table = Table(title=f"TempEval-3 Task A: {path.name}", title_justify="left")
    table.add_column("figure", no_wrap=True)
    for column in ("P", "R", "F1", "right", "gold", "Dossier"):
        table.add_column(column, justify="right", no_wrap=True)
    for name, score in (
        ("span, relaxed", scores.relaxed_span),
        ("span, strict", scores.strict_span),
        ("value", scores.value_score),
        ("type", scores.type_score),
    ):
        style = "bold" if name == "value" else ""
        table.add_row(
            Text(name, style=style),
            _figure(score.precision),
            _figure(score.recall),
            Text(_figure(score.f1), style=style),
            str(score.correct),
            str(score.support),
            str(score.predicted),
        )
    stdout.print(table)
    rows = [
        ("documents", str(scores.documents)),
        ("value accuracy (of relaxed matches)", _rate(scores.value, scores.relaxed)),
        ("type accuracy (of relaxed matches)", _rate(scores.type, scores.relaxed)),
        ("errors", str(len(scores.errors))),
    ]
    stdout.print(_figure_table("", rows))


def _print_timeml_errors(scores) -> None:
    stdout.print(Text(f"{len(scores.errors)} errors (gold → Dossier)", style="italic"))
    for error in scores.errors:
        head = Text()
        head.append(f"{error.document} ", style="bold")
        head.append(error.kind, style="yellow" if error.kind in {"value", "type"} else "red")
        for side in (error.gold, error.found):
            head.append("  " + (f"“{side['text']}” {side['type']} {side['value']}" if side else "—"))
            if side is error.gold:
                head.append("  →")
        stdout.print(head)
        stdout.print(Text(f"    {error.sentence}", style="dim"))


def version_callback(value: bool) -> None:
    if value:
        stdout.out(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Read news reports and build a sourced, time-aware knowledge graph of international relations."""


def main() -> None:
    try:
        app()
    except DossierError as exc:
        _fail(str(exc))
        sys.exit(1)
