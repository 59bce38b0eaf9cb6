"""Dossier's timex normalizer against dateparser, on the test table of docs/time.md and on TimeML.

    .venv/bin/python bench/timex_peer.py
    .venv/bin/python bench/timex_peer.py --json bench/results/timex_peer.json
    .venv/bin/python bench/timex_peer.py --timeml ../shared/gold/timebank/TimeBank

Every row of the table (tests/data/timexes.tsv) goes through

- Dossier: ``dossier.pipeline.extract(sentence, published=...)``; its answer is the timex
  whose span is the row's expression, else one overlapping it;
- dateparser, set up as generously as it can be: it is handed the expression alone, with
  ``RELATIVE_BASE`` the publication date (left out when there is none) and
  ``PREFER_DATES_FROM="past"``. It returns one datetime, so its answer is one day.

Scored cases: dates and times whose interval is known, for both tools, and those read
without a publication date, whose right answer is no interval at all (Dossier: a timex
with null start and end; dateparser: nothing, since anchoring on today is wrong).
Durations and sets are scored for Dossier only: their value must match, and their
interval where the text ties them to publication.

- exact: start and end both equal the expected ones (dateparser: only where the expected
  interval is that one day);
- lenient: the answer lies inside the expected interval;
- no answer: the tool said nothing where an answer was expected;
- granularity: Dossier only.

The table is read by ``dossier.evaluate.timexes.read_table``, as ``dossier eval timexes``
reads it; its traps (type ``NONE``) are not scored here. The sections are the table's
``#`` comment lines, up to their first dash.

With ``--timeml PATH`` (a ``.tml`` file or a directory of them, as TimeBank), the script
also reads those documents with ``dossier.evaluate.timeml`` (as ``dossier eval timexes``
does) and scores every gold ``TIMEX3`` of type DATE or TIME:

- dateparser is handed the expression's text alone, with ``RELATIVE_BASE`` the document
  creation time (the DCT's value, its time of day included where it has one) and
  ``PREFER_DATES_FROM="past"``; its datetime is written as a TIMEX3 value at the gold
  value's granularity: a day ``YYYY-MM-DD``, a month ``YYYY-MM``, a year ``YYYY``. A gold
  value of any other form (a week, a quarter, a time of day, ``PRESENT_REF``...) cannot
  be written from one datetime, so dateparser is wrong there whatever it returns;
- Dossier reads the whole document, published on the DCT's date; its answer is the timex
  that ``score_timeml`` pairs with the gold one (relaxed match: overlapping spans, one to
  one, the larger overlap first).

For both: answered (dateparser returned a datetime; Dossier has a matching timex) and
value accuracy (the value equals the gold one), over all those gold timexes and by the
gold value's form; also Dossier's TempEval-3 value F1 over every type, for context.

The script exits 0 whatever the scores; it runs, and scores Dossier 0, while Dossier
finds nothing. It exits 2 when the table or the TimeML cannot be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import dateparser

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TABLE = REPO_ROOT / "tests" / "data" / "timexes.tsv"

try:  # the package installed in the venv, else the checkout's src/
    from dossier.errors import InputError
    from dossier.evaluate.timeml import TimeMLDocument, _pairs, extract_timeml, read_timeml_dir, score_timeml
    from dossier.evaluate.timexes import TimexCase, read_table
    from dossier.pipeline import extract
except ImportError:  # pragma: no cover - depends on how the venv was set up
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from dossier.errors import InputError
    from dossier.evaluate.timeml import TimeMLDocument, _pairs, extract_timeml, read_timeml_dir, score_timeml
    from dossier.evaluate.timexes import TimexCase, read_table
    from dossier.pipeline import extract


def dated(case: TimexCase) -> bool:
    """Scored for both tools: a date or time with a known interval, or no publication date."""
    return case.type in ("date", "time") and (case.start is not None or case.published is None)


def scored_for_dossier(case: TimexCase) -> bool:
    return dated(case) or case.type in ("duration", "set")  # traps (type NONE) are not scored here


@dataclass
class Answer:
    start: dt.date | None
    end: dt.date | None
    value: str | None = None
    granularity: str | None = None


def dossier_answer(case: TimexCase) -> Answer | None:
    timexes = extract(case.sentence, published=case.published).timexes
    found = [t for t in timexes if t.span.text == case.expression]
    if not found:  # a span that is off by a word still answers for the expression
        begin = case.sentence.index(case.expression)
        stop = begin + len(case.expression)
        found = [t for t in timexes if t.span.start < stop and begin < t.span.end]
    if not found:
        return None
    timex = found[0]
    return Answer(timex.start, timex.end, timex.value, timex.granularity)


def parse_with_dateparser(expression: str, base: dt.datetime | None) -> dt.datetime | None:
    """dateparser on the expression alone, anchored on ``base`` (when there is one), past first."""
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        return dateparser.parse(expression, settings=settings)
    except Exception:  # it raises on a few inputs; for a reader that is no answer either
        return None


def dateparser_answer(case: TimexCase) -> Answer | None:
    base = dt.datetime.combine(case.published, dt.time()) if case.published else None
    parsed = parse_with_dateparser(case.expression, base)
    return Answer(parsed.date(), parsed.date()) if parsed else None


@dataclass
class Score:
    answered: bool
    exact: bool
    lenient: bool
    granularity: bool


def score(case: TimexCase, answer: Answer | None, silence_is_unanchored: bool) -> Score:
    """``silence_is_unanchored``: the tool can only say "no interval" by saying nothing."""
    if case.start is None:
        if silence_is_unanchored:
            right = loose = answer is None
        else:
            loose = answer is not None and answer.start is None and answer.end is None
            right = loose and answer.value == case.value
    else:
        right = answer is not None and (answer.start, answer.end) == (case.start, case.end)
        loose = (
            answer is not None
            and answer.start is not None
            and answer.end is not None
            and case.start <= answer.start <= answer.end <= case.end
        )
    granularity = answer is not None and answer.granularity == case.granularity
    return Score(answer is not None, right, loose, granularity)


TOOLS: dict[str, tuple[Callable[[TimexCase], Answer | None], bool]] = {
    "Dossier": (dossier_answer, False),
    "dateparser": (dateparser_answer, True),
}


def run(cases: list[TimexCase]) -> list[dict]:
    results = []
    for case in cases:
        if not scored_for_dossier(case):
            continue
        row = {"case": case, "answers": {}, "scores": {}}
        for name, (answer_of, silence_is_unanchored) in TOOLS.items():
            if name != "Dossier" and not dated(case):
                continue
            answer = answer_of(case)
            row["answers"][name] = answer
            row["scores"][name] = score(case, answer, silence_is_unanchored)
        results.append(row)
    return results


def tally(rows: list[dict], tool: str) -> dict:
    scored = [row for row in rows if tool in row["scores"]]
    scores = [row["scores"][tool] for row in scored]
    # Where silence is the right answer, saying nothing is not a missing answer.
    expecting = [row["scores"][tool] for row in scored if not (row["case"].start is None and TOOLS[tool][1])]
    return {
        "n": len(scores),
        "exact": sum(s.exact for s in scores),
        "lenient": sum(s.lenient for s in scores),
        "answers_expected": len(expecting),
        "no_answer": sum(not s.answered for s in expecting),
        **({"granularity": sum(s.granularity for s in scores)} if tool == "Dossier" else {}),
    }


DATED_METRICS = (("exact", "exact interval"), ("lenient", "lenient (inside)"), ("no_answer", "no answer"))
OTHER_METRICS = (("exact", "exact value and interval"), ("lenient", "lenient"), ("no_answer", "no answer"))


def _cell(tally_: dict, metric: str) -> str:
    n = tally_["answers_expected" if metric == "no_answer" else "n"]
    return _ratio(tally_[metric], n)


def _ratio(count: int, n: int) -> str:
    return f"{count:>4}/{n:<4}{(100 * count / n if n else 0):5.1f}%" if n else "-"


def _line(label: str, cells: list[str], width: int = 32) -> str:
    return f"{label:<{width}}" + "".join(f"{cell:>19}" for cell in cells)


def report(results: list[dict], table: Path) -> dict:
    dated_rows = [row for row in results if dated(row["case"])]
    others = [row for row in results if not dated(row["case"])]
    summary = {
        "dated": {tool: tally(dated_rows, tool) for tool in TOOLS},
        "durations_and_sets": {"Dossier": tally(others, "Dossier")},
        "all": {"Dossier": tally(results, "Dossier")},
    }
    print(f"Timex peer benchmark: {len(results)} scored cases from {table}\n")
    print(_line(f"Dates and times (n={len(dated_rows)})", list(TOOLS)))
    for metric, label in DATED_METRICS:
        print(_line(f"  {label}", [_cell(summary["dated"][tool], metric) for tool in TOOLS]))
    print(f"\nDurations and sets, Dossier only (n={len(others)})")
    ours = summary["durations_and_sets"]["Dossier"]
    for metric, label in OTHER_METRICS:
        print(_line(f"  {label}", [_cell(ours, metric)]))
    overall = summary["all"]["Dossier"]
    print("\n" + _line(f"Granularity, Dossier (n={overall['n']})", [_cell(overall, "granularity")]))

    sections: dict[str, list[dict]] = {}
    for row in results:
        sections.setdefault(row["case"].section, []).append(row)
    summary["sections"] = {}
    headings = ["Dossier exact", "dateparser exact", "Dossier lenient", "dateparser lenient"]
    print("\n" + _line(f"{'By section':<32}{'n':>5}", headings, width=37))
    for section, rows in sections.items():
        tallies = summary["sections"][section] = {tool: tally(rows, tool) for tool in TOOLS}
        cells = [_cell(tallies[tool], metric) for metric in ("exact", "lenient") for tool in TOOLS]
        print(_line(f"{section[:32]:<32}{len(rows):>5}", cells, width=37))
    return summary


def _json_row(row: dict) -> dict:
    case = row["case"]
    return {
        "line": case.line,
        "section": case.section,
        "expression": case.expression,
        "published": case.published,
        "expected": {"value": case.value, "start": case.start, "end": case.end},
        "answers": {tool: asdict(answer) if answer else None for tool, answer in row["answers"].items()},
        "scores": {tool: asdict(s) for tool, s in row["scores"].items()},
    }


# ----------------------------------------------------------------------------- TimeML

PEER_TYPES = ("DATE", "TIME")  # what one datetime can answer
FORMS: tuple[tuple[str, re.Pattern, Callable[[dt.datetime], str]], ...] = (  # what one datetime can be written as
    ("day", re.compile(r"^\d{4}-\d{2}-\d{2}$"), lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    ("month", re.compile(r"^\d{4}-\d{2}$"), lambda d: f"{d.year:04d}-{d.month:02d}"),
    ("year", re.compile(r"^\d{4}$"), lambda d: f"{d.year:04d}"),
)
OTHER = "other"  # weeks, quarters, seasons, times of day, decades, PRESENT_REF...


def value_form(value: str) -> str:
    return next((name for name, pattern, _ in FORMS if pattern.match(value)), OTHER)


def timex3_value(parsed: dt.datetime, gold_value: str) -> str | None:
    """``parsed`` as a TIMEX3 value at the gold value's granularity; None where it has no such form."""
    write = next((write for _, pattern, write in FORMS if pattern.match(gold_value)), None)
    return write(parsed) if write else None


def dct_datetime(document: TimeMLDocument) -> dt.datetime:
    """The document creation time: the DCT's value with its time of day, else midnight of its date."""
    timex = ET.parse(document.path).getroot().find("DCT/TIMEX3")  # read_timeml checked it is there
    try:
        parsed = dt.datetime.fromisoformat(timex.get("value", "") if timex is not None else "")
    except ValueError:
        return dt.datetime.combine(document.published, dt.time())
    return parsed.replace(tzinfo=None)


def run_timeml(documents: list[TimeMLDocument]) -> tuple[list[dict], dict]:
    """One row per gold DATE or TIME timex, with both tools' answers; and Dossier's Task A figures."""
    found = list(extract_timeml(documents))
    rows = []
    for document, read in zip(documents, found):
        base = dct_datetime(document)
        matched = dict(_pairs(document.timexes, read.timexes))
        for gi, gold in enumerate(document.timexes):
            if gold.type not in PEER_TYPES:
                continue
            parsed = parse_with_dateparser(gold.text, base)
            ours = read.timexes[matched[gi]] if gi in matched else None
            peer_value = timex3_value(parsed, gold.value) if parsed else None
            rows.append(
                {
                    "document": document.name,
                    "tid": gold.tid,
                    "expression": gold.text,
                    "type": gold.type,
                    "gold": gold.value,
                    "form": value_form(gold.value),
                    "dct": base.isoformat(),
                    "answers": {
                        "dateparser": {"datetime": parsed.isoformat() if parsed else None, "value": peer_value},
                        "Dossier": {"text": ours.span.text, "value": ours.value} if ours else None,
                    },
                    "scores": {
                        "dateparser": {"answered": parsed is not None, "right": peer_value == gold.value},
                        "Dossier": {
                            "answered": ours is not None,
                            "right": ours is not None and ours.value == gold.value,
                        },
                    },
                }
            )
    return rows, score_timeml(documents, found).to_dict(errors=False)


def timeml_tally(rows: list[dict], tool: str) -> dict:
    scores = [row["scores"][tool] for row in rows]
    n = len(scores)
    answered = sum(s["answered"] for s in scores)
    right = sum(s["right"] for s in scores)
    return {
        "n": n,
        "answered": answered,
        "right": right,
        "answered_share": answered / n if n else None,
        "value_accuracy": right / n if n else None,
    }


PEERS = ("dateparser", "Dossier")


def report_timeml(rows: list[dict], task_a: dict, path: Path, documents: int) -> dict:
    forms = [name for name, _, _ in FORMS] + [OTHER]
    summary = {
        "documents": documents,
        "all": {tool: timeml_tally(rows, tool) for tool in PEERS},
        "comparable": {tool: timeml_tally([r for r in rows if r["form"] != OTHER], tool) for tool in PEERS},
        "by_form": {
            form: {tool: timeml_tally([r for r in rows if r["form"] == form], tool) for tool in PEERS} for form in forms
        },
        "dossier_task_a": task_a,
    }
    print(f"\nTimeML: {len(rows)} gold DATE and TIME timexes in {documents} documents from {path}\n")
    print(_line("", list(PEERS)))
    overall = summary["all"]
    print(_line("  answered", [_ratio(overall[tool]["answered"], overall[tool]["n"]) for tool in PEERS]))
    print(_line("  value accuracy", [_ratio(overall[tool]["right"], overall[tool]["n"]) for tool in PEERS]))
    print("\n" + _line(f"{'Value accuracy, by gold form':<32}{'n':>5}", list(PEERS), width=37))
    for form in [*forms, "comparable"]:
        tallies = summary["comparable"] if form == "comparable" else summary["by_form"][form]
        label = "day, month or year" if form == "comparable" else form
        cells = [_ratio(tallies[tool]["right"], tallies[tool]["n"]) for tool in PEERS]
        print(_line(f"  {label:<30}{tallies['Dossier']['n']:>5}", cells, width=37))
    value = task_a["value"]
    f1 = f"{value['f1']:.3f}" if value["f1"] is not None else "-"
    print(
        f"\nDossier, TempEval-3 Task A over all {task_a['gold']} gold timexes (every type): value F1 {f1}"
        f" ({value['correct']} right, {task_a['predicted']} found)"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="the timex table (TSV)")
    parser.add_argument(
        "--timeml", type=Path, metavar="PATH", help="also score TimeML: a .tml file or a directory of them (TimeBank)"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure and answer here")
    args = parser.parse_args(argv)
    if not args.table.is_file():
        print(f"no table at {args.table}", file=sys.stderr)
        return 2
    try:
        cases = read_table(args.table)
        timeml = read_timeml_dir(args.timeml) if args.timeml else None  # every file checked before any run
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    results = run(cases)
    summary = report(results, args.table)
    payload = {"table": str(args.table), "summary": summary, "cases": [_json_row(r) for r in results]}
    if timeml is not None:
        rows, task_a = run_timeml(timeml)
        payload["timeml"] = {
            "path": str(args.timeml),
            "summary": report_timeml(rows, task_a, args.timeml, len(timeml)),
            "timexes": rows,
        }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
