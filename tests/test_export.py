"""`dossier export`: the stored events as JSON lines, CSV, parquet, PLOVER and GDELT.

Three short wire stories: two outlets report the same talks and the same sanctions
(one merged event each, two reports), a third reports a shelling and an aid pledge.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from dossier.cli import app
from dossier.errors import ExportError
from dossier.pipeline import extract
from dossier.store import Store
from dossier.store.export import (
    CLAIM_STATUSES,
    GDELT_COLUMNS,
    ExportRow,
    PloverRecord,
    columns,
    from_csv,
    iter_export,
    iter_merged,
)
from dossier.store.schema import graph_events

PIPELINE = "test-export"

TALKS_HARBOR = """TOKYO, March 12 (Harbor Wire) - Japan and South Korea held talks in Tokyo on Tuesday on missile defense, the Japanese foreign ministry said.

The United States imposed new sanctions on North Korea on Monday over its missile launches.
"""

TALKS_NORTHLINE = """SEOUL, March 12 (Northline News) - South Korea and Japan held talks in Tokyo on Tuesday on missile defense, officials in Seoul said.

Washington imposed new sanctions on Pyongyang on Monday, the Treasury Department said.
"""

ODESA = """KYIV, March 14 (Harbor Wire) - Russia shelled the Ukrainian port of Odesa on Wednesday, Ukraine's military said.

The European Union pledged on Thursday to send humanitarian aid to Ukraine.
"""

# The GDELT 2.0 event table's columns, in order, as GDELT's codebook lists them.
GDELT_HEAD = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
]
GDELT_MIDDLE = [
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
]
GDELT_TAIL = ["ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"]


@pytest.fixture(scope="module")
def articles():
    stories = (
        ("harbor-talks", TALKS_HARBOR, "2024-03-12", "Harbor Wire", "Japan, South Korea hold missile defense talks"),
        ("northline-talks", TALKS_NORTHLINE, "2024-03-12", "Northline News", "Seoul and Tokyo talk missile defense"),
        ("harbor-odesa", ODESA, "2024-03-14", "Harbor Wire", "Russia shells Odesa; EU pledges aid"),
    )
    return [
        extract(text, id=doc_id, published=published, outlet=outlet, title=title, url=f"https://news.example/{doc_id}")
        for doc_id, text, published, outlet, title in stories
    ]


def fill(store, articles):
    for doc in articles:
        store.save(doc, pipeline=PIPELINE)
    return store


@pytest.fixture
def filled(store, articles):
    """The three stories in a store, on every backend."""
    return fill(store, articles)


@pytest.fixture
def db_url(tmp_path, articles):
    url = f"sqlite:///{tmp_path / 'dossier.db'}"
    with Store(url) as store:
        fill(store, articles)
    return url


def rows_of(store, **query) -> list[ExportRow]:
    with store.engine.connect() as conn:
        return list(iter_export(conn, **query))


def merged_of(store, **query):
    with store.engine.connect() as conn:
        return list(iter_merged(conn, **query))


def export_text(store, fmt, **query) -> str:
    out = io.StringIO()
    store.export(fmt, out, **query)
    return out.getvalue()


def row_where(rows, document_id, type_):
    return next(r for r in rows if r.document_id == document_id and r.type == type_)


# -- one row per report --------------------------------------------------------------------


def test_every_event_report_is_one_row(filled, articles):
    rows = rows_of(filled)
    assert sorted((r.document_id, r.event_id) for r in rows) == sorted(
        (doc.id, event.id) for doc in articles for event in doc.events
    )
    assert [r.document_id for r in rows][0] == "harbor-talks"  # by publication date
    assert rows[-1].document_id == "harbor-odesa"


def test_reports_of_one_event_share_it_and_its_counts(filled):
    rows = rows_of(filled)
    talks = [r for r in rows if r.type == "CONSULT"]
    assert {r.document_id for r in talks} == {"harbor-talks", "northline-talks"}
    assert len({r.graph_event_id for r in talks}) == 1
    assert all((r.mentions, r.documents) == (2, 2) for r in talks)
    assert {r.outlet for r in talks} == {"Harbor Wire", "Northline News"}
    assert all(r.source_key == r.target_key == "JPN,KOR" for r in talks)


def test_sides_are_graph_actors_with_names_and_countries(filled):
    sanctions = row_where(rows_of(filled), "northline-talks", "COERCE")  # "Washington ... Pyongyang"
    assert (sanctions.source_ids, sanctions.source_names, sanctions.source_countries) == (
        ["USA"],
        ["United States"],
        ["USA"],
    )
    assert (sanctions.target_ids, sanctions.target_names, sanctions.target_countries) == (
        ["PRK"],
        ["North Korea"],
        ["PRK"],
    )
    assert (sanctions.cameo, sanctions.cameo_root, sanctions.quad_class) == ("163", "16", 4)
    assert sanctions.goldstein is not None and sanctions.goldstein < 0


def test_a_row_keeps_its_evidence_and_dates(filled, articles):
    rows = rows_of(filled)
    shelling = row_where(rows, "harbor-odesa", "ASSAULT")
    text = articles[2].text
    assert text[shelling.sentence_start : shelling.sentence_end] == shelling.sentence
    assert text[shelling.trigger_start : shelling.trigger_end] == shelling.trigger == "shelled"
    assert shelling.said_by == "Ukraine's military" and shelling.status == "reported"
    assert shelling.said_by_id is not None
    assert (shelling.published, shelling.url) == (dt.date(2024, 3, 14), "https://news.example/harbor-odesa")
    assert shelling.title == "Russia shells Odesa; EU pledges aid"
    event = next(e for e in articles[2].events if e.id == shelling.event_id)
    timex = next(t for t in articles[2].timexes if t.id == event.time)  # the text dates it
    assert shelling.dated and (shelling.event_start, shelling.event_end) == (timex.start, timex.end)
    assert shelling.event_value == timex.value


def test_pages_of_one_document_give_the_same_rows(filled):
    assert rows_of(filled, page_size=1) == rows_of(filled)
    assert merged_of(filled, page_size=1) == merged_of(filled)


def test_since_until_and_types_narrow_the_rows(filled):
    assert {r.document_id for r in rows_of(filled, since=dt.date(2024, 3, 13))} == {"harbor-odesa"}
    # Undated events span their publication week, so the aid pledge is still in.
    until = {r.type for r in rows_of(filled, until=dt.date(2024, 3, 11))}
    assert "COERCE" in until and "ASSAULT" not in until and "CONSULT" not in until
    assert {r.type for r in rows_of(filled, types=["assault", "AID"])} == {"ASSAULT", "AID"}
    with pytest.raises(ExportError, match="unknown event type BOMB"):
        rows_of(filled, types=["BOMB"])


# -- csv, jsonl, parquet -------------------------------------------------------------------


def test_csv_columns_are_the_model_fields_and_round_trip(filled):
    text = export_text(filled, "csv")
    reader = csv.DictReader(io.StringIO(text))
    assert reader.fieldnames == columns() == list(ExportRow.model_fields)
    assert [from_csv(record) for record in reader] == rows_of(filled)
    assert "JPN;KOR" in text  # lists joined with ";"


def test_jsonl_is_one_row_a_line(filled):
    lines = export_text(filled, "jsonl").splitlines()
    assert [ExportRow.model_validate_json(line) for line in lines] == rows_of(filled)
    assert list(json.loads(lines[0])) == columns()


def test_parquet_is_readable_with_pyarrow(filled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert filled.export("parquet", path) == len(rows_of(filled))
    table = pq.read_table(path)
    assert table.column_names == columns()
    assert [ExportRow.model_validate(r) for r in table.to_pylist()] == rows_of(filled)
    assert str(table.schema.field("source_ids").type) == "list<element: string>"


def test_parquet_needs_a_file(filled):
    with pytest.raises(ExportError, match="binary"):
        filled.export("parquet", io.StringIO())


def test_an_unknown_format_is_an_error(filled):
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        filled.export("xlsx", io.StringIO())


# -- merged events: gdelt and plover -------------------------------------------------------


def graph_event_counts(store) -> dict[int, tuple[int, int]]:
    with store.engine.connect() as conn:
        return {r.id: (r.mentions, r.documents) for r in conn.execute(select(graph_events))}


def test_gdelt_has_its_header_and_one_row_per_merged_event(filled):
    lines = export_text(filled, "gdelt").splitlines()
    header = lines[0].split("\t")
    assert len(header) == 61 == len(GDELT_COLUMNS)
    assert header[: len(GDELT_HEAD)] == GDELT_HEAD
    assert header[25 : 25 + len(GDELT_MIDDLE)] == GDELT_MIDDLE
    assert header[-len(GDELT_TAIL) :] == GDELT_TAIL
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert all(len(line.split("\t")) == 61 for line in lines[1:])
    counts = graph_event_counts(filled)
    assert sorted(int(r["GLOBALEVENTID"]) for r in rows) == sorted(counts)
    for row in rows:
        mentions, documents = counts[int(row["GLOBALEVENTID"])]
        assert (int(row["NumMentions"]), int(row["NumArticles"])) == (mentions, documents)
        assert row["AvgTone"] == "" and row["ActionGeo_Lat"] == ""


def test_gdelt_codes_the_sanctions_once_for_both_reports(filled):
    lines = export_text(filled, "gdelt", types=["COERCE"]).splitlines()
    header = lines[0].split("\t")
    (row,) = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor2Code"], row["Actor2CountryCode"]) == (
        "USA",
        "United States",
        "PRK",
        "PRK",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("163", "163", "16", "4")
    assert (row["NumArticles"], row["NumSources"], row["IsRootEvent"]) == ("2", "2", "1")
    assert row["SQLDATE"] == "20240311" and row["MonthYear"] == "202403" and row["Year"] == "2024"
    assert row["FractionDate"].startswith("2024.1") and row["DATEADDED"] == "20240312000000"
    assert row["SOURCEURL"].startswith("https://news.example/")


def test_plover_is_one_record_per_merged_event(filled):
    records = [PloverRecord.model_validate_json(line) for line in export_text(filled, "plover").splitlines()]
    assert len(records) == len(graph_event_counts(filled))
    talks = next(r for r in records if r.event == "CONSULT")
    assert talks.id.startswith("dossier-") and talks.date == dt.date(2024, 3, 12)
    assert {a.code for a in talks.source} == {"JPN", "KOR"}
    assert {r.publication for r in talks.reports} == {"Harbor Wire", "Northline News"}
    assert (talks.mentions, talks.documents, talks.eventText) == (2, 2, "held talks")
    assert "diplomatic" in (talks.context or "") or talks.context is None
    aid = next(r for r in records if r.event == "AID")
    assert [(a.actorText, a.code) for a in aid.source] == [("European Union", "IGOEUREEC")]


def test_plover_records_use_the_gold_field_names(filled):
    record = json.loads(export_text(filled, "plover").splitlines()[0])
    for field in ("id", "date", "event", "mode", "context", "source", "target", "eventText", "text", "publication"):
        assert field in record
    assert set(record["source"][0]) >= {"actorText", "code", "sector"}


# -- the command ---------------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(app, ["export", *args])


def test_the_command_writes_csv_to_stdout(db_url):
    result = invoke("--format", "csv", "--db", db_url, "--types", "ASSAULT")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["type"] == "ASSAULT" and row["source_ids"] == "RUS"


def test_the_command_writes_parquet_and_plover_to_files(db_url, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    result = invoke("-f", "parquet", "--output", str(tmp_path / "e.parquet"), "--db", db_url, "--since", "2024-03-13")
    assert result.exit_code == 0, result.output
    assert set(pq.read_table(tmp_path / "e.parquet").column("document_id").to_pylist()) == {"harbor-odesa"}
    result = invoke("-f", "plover", "-o", str(tmp_path / "e.jsonl"), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "merged events" in result.stderr
    assert all(
        json.loads(line)["id"].startswith("dossier-") for line in (tmp_path / "e.jsonl").read_text().splitlines()
    )


def test_the_command_refuses_parquet_on_stdout(db_url):
    result = invoke("--format", "parquet", "--db", db_url)
    assert result.exit_code == 1
    assert "parquet is binary: give --output FILE" in result.stderr


def test_the_command_refuses_an_unknown_format_type_or_date(db_url):
    result = invoke("--format", "xlsx", "--db", db_url)
    assert result.exit_code == 2 and "xlsx" in result.stderr
    result = invoke("--types", "ASSAULT,BOMB", "--db", db_url)
    assert result.exit_code == 2 and "unknown event type BOMB" in result.stderr
    result = invoke("--since", "last week", "--db", db_url)
    assert result.exit_code == 2 and "not a date" in result.stderr


# -- the docs ------------------------------------------------------------------------------


def test_docs_list_every_column_of_every_format():
    from pathlib import Path

    from dossier.store.export import PloverActor, PloverReport, column_table, gdelt_table

    doc = (Path(__file__).parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    for model in (ExportRow, PloverRecord, PloverActor, PloverReport):
        assert column_table(model) in doc, (
            f"docs/export.md: the {model.__name__} table is stale; paste "
            f"dossier.store.export.column_table({model.__name__})"
        )
    assert gdelt_table() in doc, "docs/export.md: the GDELT table is stale; paste dossier.store.export.gdelt_table()"


def test_parquet_without_pyarrow_says_what_to_install(filled, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(ExportError, match=r"pip install 'dossier\[parquet\]'"):
        filled.export("parquet", tmp_path / "events.parquet")


# -- which reports the event-data formats hold ---------------------------------------------

BORDER = (
    "Border stays calm\n\nPakistani forces did not attack any Indian post on Monday, the army said. "
    "Russia denied sending troops to Belarus. India and Japan signed a trade agreement on Tuesday.\n"
)


@pytest.fixture
def border(store):
    store.save(extract(BORDER, id="border-calm", published="2025-05-06"), pipeline=PIPELINE)
    return store


def gdelt_codes(store, **query) -> list[str]:
    lines = export_text(store, "gdelt", **query).splitlines()
    header = lines[0].split("\t")
    return sorted(dict(zip(header, line.split("\t")))["EventCode"] for line in lines[1:])


def test_event_data_formats_leave_out_what_did_not_happen_or_is_only_denied(border):
    # the attack that did not happen (190) and the denied troop sending (152) are not events
    assert gdelt_codes(border) == ["057", "120"]
    assert sorted(json.loads(line)["cameo"] for line in export_text(border, "plover").splitlines()) == ["057", "120"]


def test_status_and_include_negated_bring_the_others_back(border):
    assert gdelt_codes(border, statuses=["denied"]) == ["152"]
    assert gdelt_codes(border, include_negated=True) == ["057", "120", "190"]
    assert gdelt_codes(border, statuses=list(CLAIM_STATUSES), include_negated=True) == ["057", "120", "152", "190"]


def test_report_formats_hold_every_report_unless_told(border):
    assert len(export_text(border, "jsonl").splitlines()) == 4
    (denied,) = export_text(border, "jsonl", statuses=["denied"]).splitlines()
    assert json.loads(denied)["cameo"] == "152"
    assert len(export_text(border, "jsonl", include_negated=False).splitlines()) == 3


def test_an_unknown_status_names_the_known_ones(border):
    with pytest.raises(ExportError, match="unknown status rumoured: use asserted, reported"):
        export_text(border, "gdelt", statuses=["rumoured"])


def test_the_command_takes_status_and_include_negated(tmp_path):
    url = f"sqlite:///{tmp_path / 'border.db'}"
    with Store(url) as store:
        store.save(extract(BORDER, id="border-calm", published="2025-05-06"), pipeline=PIPELINE)
    result = invoke("-f", "gdelt", "--db", url, "--status", "denied,asserted", "--include-negated")
    assert result.exit_code == 0, result.output
    assert "3 merged events" in result.stderr
    result = invoke("-f", "gdelt", "--db", url, "--status", "rumoured")
    assert result.exit_code == 1 and "unknown status rumoured" in result.stderr
