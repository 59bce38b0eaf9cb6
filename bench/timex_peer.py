"""Dossier's timex normalizer against dateparser, on the test table of docs/time.md.

    .venv/bin/python bench/timex_peer.py
    .venv/bin/python bench/timex_peer.py --json bench/results/timex_peer.json

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
``#`` comment lines, up to their first dash. The script
exits 0 whatever the scores; it runs, and scores Dossier 0, while Dossier finds nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import dateparser

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TABLE = REPO_ROOT / "tests" / "data" / "timexes.tsv"

try:  # the package installed in the venv, else the checkout's src/
    from dossier.errors import InputError
    from dossier.evaluate.timexes import TimexCase, read_table
    from dossier.pipeline import extract
except ImportError:  # pragma: no cover - depends on how the venv was set up
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from dossier.errors import InputError
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


def dateparser_answer(case: TimexCase) -> Answer | None:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if case.published:
        settings["RELATIVE_BASE"] = dt.datetime.combine(case.published, dt.time())
    try:
        parsed = dateparser.parse(case.expression, settings=settings)
    except Exception:  # it raises on a few inputs; for a reader that is no answer either
        parsed = None
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="the timex table (TSV)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure and answer here")
    args = parser.parse_args(argv)
    if not args.table.is_file():
        print(f"no table at {args.table}", file=sys.stderr)
        return 2
    try:
        cases = read_table(args.table)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    results = run(cases)
    summary = report(results, args.table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"table": str(args.table), "summary": summary, "cases": [_json_row(r) for r in results]}
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
