"""The ray engine: extraction on Ray workers, storage on the driver, the same store as the
plain engine leaves. A local Ray of two workers is started by the test (the ray extra)."""

import io

import pytest

from dossier.errors import ConfigError
from dossier.ingest.records import Record
from dossier.pipeline import ingest_records
from dossier.store import Store
from dossier.store.export import FORMATS

pytest.importorskip("ray")

ARTICLES = [
    "Iran sent drones to Russia on Tuesday, U.S. officials said.",
    "North Korea fired a ballistic missile toward Japan on Friday, Seoul said.",
    "China and Russia held joint naval drills near Japan last week, the ministry said.",
    "Russia denied buying artillery shells from North Korea.",
    "Japan protested to China over the drills, Tokyo said on Monday.",
]


def records():
    return [Record(text=text, id=f"wire-{n}", origin=f"wire-{n}.txt") for n, text in enumerate(ARTICLES)]


def exports(store: Store) -> dict[str, bytes]:
    written = {}
    for format in FORMATS:
        out = io.BytesIO() if format == "parquet" else io.StringIO()
        store.export(format, out)
        written[format] = out.getvalue()
    return written


def contents(store: Store) -> dict:
    _, summaries = store.list_documents(limit=100)
    return {
        "exports": exports(store),
        "documents": {s.id: store.get(s.id).model_dump(mode="json") for s in summaries},
        "stats": store.stats(),
        "reports": [row for row in store.event_reports()],
        "dyads": [
            store.dyad(a, b).model_dump(mode="json") for a, b in (("PRK", "RUS"), ("CHN", "JPN"), ("IRN", "RUS"))
        ],
    }


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def stores(request, tmp_path):
    """Stores filled by the plain engine, by two processes and by the ray engine, on one backend."""
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path / name}.db" for name in ("plain", "processes", "ray")]
    else:
        names = ("postgres_url", "another_postgres_url", "a_third_postgres_url")
        urls = [request.getfixturevalue(name) for name in names]
    plain, forked, on_ray = (Store(url) for url in urls)
    plain_outcomes = list(ingest_records(records(), plain))
    list(ingest_records(records(), forked, n_process=2, batch_size=2))
    ray_outcomes = list(ingest_records(records(), on_ray, engine="ray", workers=2, batch_size=2))
    yield plain, forked, on_ray, plain_outcomes, ray_outcomes
    for store in (plain, forked, on_ray):
        store.close()


def test_the_ray_engine_and_two_processes_store_what_the_plain_engine_stores(stores):
    plain, forked, on_ray, plain_outcomes, ray_outcomes = stores
    assert [o.status for o in ray_outcomes] == ["stored"] * len(ARTICLES)
    assert [(o.doc_id, o.status) for o in ray_outcomes] == [(o.doc_id, o.status) for o in plain_outcomes]
    expected = contents(plain)
    assert expected["exports"]["gdelt"]  # there are events to compare
    assert contents(forked) == expected
    assert contents(on_ray) == expected


def test_running_the_same_ray_ingest_again_changes_nothing(stores):
    on_ray = stores[2]
    before = contents(on_ray)
    again = list(ingest_records(records(), on_ray, engine="ray", workers=2))
    assert [o.status for o in again] == ["unchanged"] * len(ARTICLES)
    assert contents(on_ray) == before


def test_an_unknown_engine_is_one_clear_error(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'x.db'}") as store, pytest.raises(ConfigError, match="unknown engine"):
        list(ingest_records(records(), store, engine="spark"))
