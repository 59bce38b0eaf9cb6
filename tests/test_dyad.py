"""`dossier dyad`: every event between two countries in date order, with who says so, the
per-quarter counts and the plot; on articles written for these tests, read by the real
pipeline, and on a store built by hand."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import Actor, Attribution, Document, Event, Span, Timex
from dossier.errors import PlotError, StoreError
from dossier.pipeline import extract
from dossier.resolve.cameo import goldstein
from dossier.store import Store

PIPELINE = "test-dyad"

# -- articles (invented wire copy, five years of Russia-North Korea relations) -----------

SUMMIT_WIRE = """Kim and Putin meet in Vladivostok

VLADIVOSTOK, Russia (Wire One) - North Korean leader Kim Jong Un met Russian President Vladimir Putin on Russky Island on April 25, the Kremlin said.

Russia will send humanitarian aid to North Korea, Kremlin spokesman Dmitry Peskov told reporters.
"""

SUMMIT_POST = """First summit for Kim and Putin

MOSCOW (Harbor Post) - Kim Jong Un met Vladimir Putin on April 25 in the Russian Far East, according to the Korean Central News Agency.
"""

ARMS = """Washington says Pyongyang shipped arms to Moscow

WASHINGTON (Wire One) - North Korea delivered more than 1,000 containers of military equipment to Russia in September, White House spokesman John Kirby said on Friday.

Moscow and Pyongyang have denied the arms transfers.
"""

DELEGATION = """North Korean officials visit Moscow

MOSCOW (Wire Three) - North Korea sent a delegation to Moscow for talks on trade, Russian state media said.

The United States imposed new sanctions on Iran.
"""

PACT = """Russia and North Korea sign defense pact

SEOUL (Harbor Post) - Russia and North Korea signed a mutual defense treaty on June 19, 2024.
"""

FISHING = """Fishing talks

Russia and North Korea held talks on fishing rights, Russian officials said.
"""


@pytest.fixture(scope="module")
def documents():
    return [
        extract(SUMMIT_WIRE, id="wire-2019-summit", published="2019-04-26", outlet="Wire One"),
        extract(SUMMIT_POST, id="post-2019-summit", published="2019-04-27", outlet="Harbor Post"),
        extract(ARMS, id="wire-2023-arms", published="2023-10-14", outlet="Wire One"),
        extract(DELEGATION, id="wire-2023-delegation", published="2023-10-16", outlet="Wire Three"),
        extract(PACT, id="post-2024-pact", published="2024-06-20", outlet="Harbor Post"),
        extract(FISHING, id="wire-undated-fishing", outlet="Wire Two"),  # no date anywhere
    ]


@pytest.fixture
def dyad_store(store, documents):
    for doc in documents:
        store.save(doc, pipeline=PIPELINE)
    return store


@pytest.fixture
def db_url(tmp_path, documents):
    url = f"sqlite:///{tmp_path / 'dyad.db'}"
    with Store(url) as store:
        for doc in documents:
            store.save(doc, pipeline=PIPELINE)
    return url


def event_told(report, words: str, type: str | None = None):
    """The event (of ``type``, if given) one of whose reports has ``words`` in its sentence."""
    return next(
        e for e in report.events if (type is None or e.type == type) and any(words in r.sentence for r in e.reports)
    )


# -- the library -----------------------------------------------------------------------


def test_events_come_in_date_order_and_undated_ones_last(dyad_store):
    report = dyad_store.dyad("PRK", "RUS")
    assert (report.a, report.b) == ("PRK", "RUS")
    assert report.count == len(report.events) >= 8
    days = [e.start_date for e in report.events]
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated)
    assert days[-1] is None and report.undated == 1
    assert "fishing rights" in report.events[-1].reports[0].sentence
    assert days.index(None) == len(dated)  # nothing undated before a dated event


def test_sides_in_any_case_and_order_are_the_same_dyad(dyad_store):
    ids = [e.id for e in dyad_store.dyad("PRK", "RUS").events]
    assert [e.id for e in dyad_store.dyad("rus", "prk").events] == ids
    assert (dyad_store.dyad("rus", "prk").a, dyad_store.dyad("rus", "prk").b) == ("PRK", "RUS")


def test_the_text_date_and_the_reported_date_are_told_apart(dyad_store):
    report = dyad_store.dyad("PRK", "RUS")
    summit = event_told(report, "met Russian President Vladimir Putin on Russky Island")
    assert summit.dated and summit.start_date == summit.end_date == dt.date(2019, 4, 25)
    assert summit.type == "CONSULT" and summit.direction == "PRK → RUS"
    # two outlets, one event: each report keeps its own document and source
    assert summit.documents == 2
    assert [r.document_id for r in summit.reports] == ["wire-2019-summit", "post-2019-summit"]
    assert [r.outlet for r in summit.reports] == ["Wire One", "Harbor Post"]
    aid = event_told(report, "will send humanitarian aid")
    assert not aid.dated  # no date in the text: the week before publication
    assert (aid.start_date, aid.end_date) == (dt.date(2019, 4, 20), dt.date(2019, 4, 26))
    assert aid.direction == "RUS → PRK"
    delivery = event_told(report, "delivered more than 1,000 containers")
    assert delivery.dated and (delivery.start_date, delivery.end_date) == (dt.date(2023, 9, 1), dt.date(2023, 9, 30))


def test_who_says_so_is_the_speaker_else_the_outlet(dyad_store):
    report = dyad_store.dyad("PRK", "RUS")
    aid = event_told(report, "will send humanitarian aid")
    # a pledge is done by saying it: asserted, and still attributed to who said it
    assert [(r.status, r.said_by, r.attributed) for r in aid.reports] == [("asserted", "Dmitry Peskov", True)]
    delivery = event_told(report, "delivered more than 1,000 containers")
    assert delivery.reports[0].said_by == "John Kirby"
    assert delivery.reports[0].trigger == "delivered"
    denial = event_told(report, "have denied the arms transfers", "REJECT")
    assert denial.relation == "together" and denial.direction == "PRK + RUS"
    assert [(r.status, r.said_by, r.attributed) for r in denial.reports] == [("asserted", "Wire One", False)]
    fishing = event_told(report, "fishing rights")
    assert fishing.reports[0].said_by == "Russian officials"


def test_each_report_points_at_its_evidence(dyad_store, documents):
    texts = {d.id: d.text for d in documents}
    titles = {d.id: d.title for d in documents}
    for event in dyad_store.dyad("PRK", "RUS").events:
        assert event.reports and len(event.reports) == event.mentions
        for r in event.reports:
            assert texts[r.document_id][r.sentence_start : r.sentence_end] == r.sentence
            assert r.trigger in r.sentence
            assert r.title == titles[r.document_id]


def test_quarters_count_events_by_quad_class_with_the_goldstein_sum(dyad_store):
    report = dyad_store.dyad("PRK", "RUS")
    quarters = {q.quarter: q for q in report.quarters}
    assert list(quarters) == sorted(quarters)
    dated = [e for e in report.events if e.start_date is not None]
    assert sum(q.events for q in report.quarters) == len(dated) == report.count - report.undated
    for q in report.quarters:
        assert q.events == q.verbal_cooperation + q.material_cooperation + q.verbal_conflict + q.material_conflict
        inside = [e for e in dated if f"{e.start_date.year}-Q{(e.start_date.month - 1) // 3 + 1}" == q.quarter]
        assert q.events == len(inside)
        assert q.goldstein == pytest.approx(sum(e.goldstein or 0 for e in inside))
    spring_2019 = quarters["2019-Q2"]
    assert spring_2019.events == 3 and spring_2019.verbal_cooperation == 3  # two meetings, one pledge
    assert quarters["2023-Q3"].material_cooperation == 1  # the September deliveries


def test_since_and_until_bound_the_event_date(dyad_store):
    everything = dyad_store.dyad("PRK", "RUS")
    since = dyad_store.dyad("PRK", "RUS", since=dt.date(2023, 1, 1))
    assert since.events and all(e.start_date >= dt.date(2023, 1, 1) for e in since.events)
    expected = [e.id for e in everything.events if e.start_date and e.start_date >= dt.date(2023, 1, 1)]
    assert [e.id for e in since.events] == expected
    assert since.undated == 0 and {q.quarter for q in since.quarters} <= {"2023-Q3", "2023-Q4", "2024-Q2"}
    window = dyad_store.dyad("PRK", "RUS", since=dt.date(2023, 1, 1), until=dt.date(2023, 12, 31))
    assert window.events and all(e.start_date.year == 2023 for e in window.events)


def test_relation_and_pages(dyad_store):
    together = dyad_store.dyad("PRK", "RUS", relation="together")
    assert [e.relation for e in together.events] == ["together"] * together.count and together.count >= 1
    everything = dyad_store.dyad("PRK", "RUS")
    last = dyad_store.dyad("PRK", "RUS", limit=3, offset=-3, undated=False)
    dated = [e.id for e in everything.events if e.start_date is not None]
    assert [e.id for e in last.events] == dated[-3:]
    assert last.count == everything.count and last.quarters == everything.quarters
    first = dyad_store.dyad("PRK", "RUS", limit=2)
    assert [e.id for e in first.events] == [e.id for e in everything.events[:2]] and first.offset == 0


def test_bad_dyads_are_errors_and_an_unknown_one_is_empty(dyad_store):
    with pytest.raises(StoreError, match="two different sides"):
        dyad_store.dyad("PRK", "prk")
    with pytest.raises(StoreError, match="after"):
        dyad_store.dyad("PRK", "RUS", since=dt.date(2024, 1, 1), until=dt.date(2023, 1, 1))
    with pytest.raises(StoreError, match="relation"):
        dyad_store.dyad("PRK", "RUS", relation="against")
    empty = dyad_store.dyad("PRK", "BRA")
    assert empty.count == 0 and empty.events == [] and empty.quarters == []


# -- a store built by hand -------------------------------------------------------------


def sp(text_: str, phrase: str) -> Span:
    start = text_.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def hand_document(doc_id: str, published: str, text_: str, trigger: str, when: tuple[str, str] | None) -> Document:
    """Japan imposes or lifts something on South Korea, said by a spokesman when ``when``
    dates it."""
    sentence = sp(text_, text_.strip())
    timexes = []
    if when is not None:
        timexes = [Timex(id="t1", span=sp(text_, when[0]), type="date", value=when[1], start=when[1], end=when[1])]
    return Document(
        id=doc_id,
        title=None,
        outlet="Hand Wire",
        language="en",
        published=published,
        text=text_,
        actors=[
            Actor(id="a1", name="Japan", kind="state", country="JPN", code="JPN", mentions=[sp(text_, "Japan")]),
            Actor(
                id="a2",
                name="South Korea",
                kind="state",
                country="KOR",
                code="KOR",
                mentions=[sp(text_, "South Korea")],
            ),
            Actor(id="a3", name="Aiko Sato", kind="person", country="JPN", mentions=[sp(text_, "Aiko Sato")]),
        ],
        attributions=[
            Attribution(id="q1", speaker="a3", source=sp(text_, "Aiko Sato"), cue=sp(text_, "said"), content=[sentence])
        ],
        events=[
            Event(
                id="e1",
                type="SANCTION",
                cameo="163",
                source=["a1"],
                target=["a2"],
                trigger=sp(text_, trigger),
                sentence=sentence,
                root=True,
                status="reported",
                attribution="q1",
                time="t1" if when is not None else None,
            ),
        ],
        timexes=timexes,
    )


def test_store_dyad_on_a_store_built_by_hand(store):
    store.save(
        hand_document("hand-2", "2020-02-03", "Japan lifted curbs on South Korea, Aiko Sato said.", "lifted", None),
        pipeline=PIPELINE,
    )
    store.save(
        hand_document(
            "hand-1",
            "2019-07-05",
            "Japan imposed curbs on South Korea on July 4, Aiko Sato said.",
            "imposed",
            ("July 4", "2019-07-04"),
        ),
        pipeline=PIPELINE,
    )
    report = store.dyad("kor", "JPN")
    assert (report.a, report.b, report.count) == ("JPN", "KOR", 2)
    first, second = report.events
    assert (first.start_date, first.dated, first.reports[0].document_id) == (dt.date(2019, 7, 4), True, "hand-1")
    assert (second.start_date, second.end_date, second.dated) == (dt.date(2020, 1, 28), dt.date(2020, 2, 3), False)
    assert [e.direction for e in report.events] == ["JPN → KOR", "JPN → KOR"]
    assert {r.said_by for e in report.events for r in e.reports} == {"Aiko Sato"}
    assert [(q.quarter, q.events, q.material_conflict) for q in report.quarters] == [
        ("2019-Q3", 1, 1),
        ("2020-Q1", 1, 1),
    ]
    assert [q.goldstein for q in report.quarters] == [goldstein("163")] * 2
    assert store.dyad("JPN", "KOR", since=dt.date(2020, 1, 1)).count == 1


# -- the command -----------------------------------------------------------------------


@pytest.fixture
def runner():
    return CliRunner()


def test_cli_table_shows_dates_sources_evidence_and_quarters(runner, db_url):
    result = runner.invoke(app, ["dyad", "rus", "prk", "--db", db_url], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "PRK–RUS: " in out
    assert "2019-04-25 " in out and "2019-04-20..26 (reported)" in out and "2023-09-01..30" in out
    assert "Dmitry Peskov" in out and "John Kirby" in out and "denied" in out
    assert "Russia will send humanitarian aid to North Korea" in out
    assert "RUS → PRK" in out and "PRK + RUS (together)" in out
    assert "per quarter" in out and "2019-Q2" in out and "2024-Q2" in out
    assert out.index("2019-04-25 ") < out.index("2023-09-01..30") < out.index("fishing rights")
    assert "1 event with no date at all, listed last" in result.stderr
    assert "showing" not in result.stderr  # all 10 events fit in the page


def test_cli_json_and_since(runner, db_url):
    result = runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["a"] == "PRK" and report["count"] == len(report["events"])
    assert report["events"][0]["reports"][0]["said_by"]
    assert {"quarter", "events", "verbal_cooperation", "goldstein"} <= set(report["quarters"][0])
    since = json.loads(
        runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "-f", "json", "--since", "2023"]).stdout
    )
    assert since["since"] == "2023-01-01" and since["events"]
    assert all(e["start_date"] >= "2023-01-01" for e in since["events"])
    until = json.loads(
        runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "-f", "json", "--until", "2019-04"]).stdout
    )
    assert until["until"] == "2019-04-30" and {e["start_date"][:7] for e in until["events"]} == {"2019-04"}


def test_cli_limit_shows_the_last_dated_events(runner, db_url):
    result = runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "-f", "json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["events"]) == 2 and report["count"] > 2
    assert [e["start_date"] for e in report["events"]][-1] == "2024-06-19"
    table = runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "--limit", "2"])
    assert "showing the last 2 of" in table.stderr
    assert "1 event with no date at all not listed" in table.stderr


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--since", "2023-13"], 2, "is not a date"),
        (["--until", "last year"], 2, "is not a date"),
        (["--format", "xml"], 2, "xml"),
        (["--plot", "chart.pdf"], 2, ".png or .svg"),
        (["--relation", "against"], 2, "against"),
        (["--since", "2024", "--until", "2023"], 1, "after"),
    ],
)
def test_cli_bad_input_names_the_problem(runner, db_url, tmp_path, args, code, message):
    result = runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, *args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert not (tmp_path / "chart.pdf").exists()


def test_cli_same_side_twice_is_an_error(runner, db_url):
    result = runner.invoke(app, ["dyad", "PRK", "prk", "--db", db_url])
    assert result.exit_code == 1 and "two different sides" in result.stderr


def test_cli_unknown_dyad_says_so(runner, db_url):
    result = runner.invoke(app, ["dyad", "PRK", "BRA", "--db", db_url])
    assert result.exit_code == 0 and "no events between BRA and PRK" in result.stderr


@pytest.mark.parametrize("suffix, magic", [("png", b"\x89PNG"), ("svg", b"<svg")])
def test_cli_plot_writes_png_and_svg(runner, db_url, tmp_path, suffix, magic):
    pytest.importorskip("matplotlib")
    path = tmp_path / f"prk-rus.{suffix}"
    result = runner.invoke(app, ["dyad", "PRK", "RUS", "--db", db_url, "--plot", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert len(data) > 1000 and magic in data[:2000]
    if suffix == "svg":
        assert "PRK–RUS" in data.decode("utf-8")


def test_plot_without_matplotlib_says_what_to_install(monkeypatch, tmp_path):
    from dossier.plot import plot_dyad
    from dossier.store.dyad import DyadReport

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails
    with pytest.raises(PlotError, match=r"pip install 'dossier\[plot\]'"):
        plot_dyad(DyadReport(a="PRK", b="RUS"), tmp_path / "x.png")
