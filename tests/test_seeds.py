"""The two seed articles in ../shared (not in the repository): skipped on a clone without them."""

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.contract import json_schema

SEEDS = Path(__file__).parent.parent.parent / "shared" / "samples" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/samples/seeds is not here")


@pytest.fixture(scope="module")
def seeds():
    result = CliRunner().invoke(app, ["extract", *map(str, sorted(SEEDS.glob("*.txt"))), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    return {json.loads(line)["text"][:40]: json.loads(line) for line in result.stdout.splitlines()}


def _seed(seeds, prefix):
    return next(document for text, document in seeds.items() if text.startswith(prefix))


def test_seed_output_validates_and_every_span_matches_the_text(seeds):
    for document in seeds.values():
        jsonschema.validate(document, json_schema())
        for actor in document["actors"]:
            for span in actor["mentions"]:
                assert document["text"][span["start"] : span["end"]] == span["text"]


def test_seed_004_reads_its_dateline_and_outlet(seeds):
    document = _seed(seeds, "- The Washington Times")
    assert document["published"] == "2020-06-25"
    assert document["outlet"] == "The Washington Times"


def test_seed_000_has_a_headline_and_no_date(seeds):
    document = _seed(seeds, "North Korea Sends")
    assert document["published"] is None
    assert document["title"].startswith("North Korea Sends Top Delegation")


def _actor(document, name):
    found = [a for a in document["actors"] if a["name"] == name]
    assert found, f"no actor {name!r}: {[a['name'] for a in document['actors']]}"
    return found[0]


def _holder(document, start):
    """The actor a mention starting at ``start`` belongs to (the tightest span)."""
    held = [(m["end"] - m["start"], a) for a in document["actors"] for m in a["mentions"] if m["start"] == start]
    assert held, f"no actor holds the mention at {start}"
    return min(held, key=lambda pair: pair[0])[1]


# The nine people the two seeds name, with the country the text (or, for the
# two leaders named without a title, the built-in dictionary) gives them.
SEED_PEOPLE = {
    "North Korea Sends": {
        "Yun Jong Ho": "PRK",
        "Ban Kil Joo": "KOR",
        "Linda Thomas-Greenfield": "USA",
        "Jung Pak": "USA",
        "Lami Kim": "USA",
        "Koo Gi Yeon": "KOR",
    },
    "- The Washington Times": {"Hassan Rouhani": "IRN", "Kim Jong-un": "PRK", "Donald Trump": "USA"},
}


@pytest.mark.parametrize("prefix", sorted(SEED_PEOPLE))
def test_every_person_in_the_seeds_has_a_role_and_a_country(seeds, prefix):
    document = _seed(seeds, prefix)
    for name, country in SEED_PEOPLE[prefix].items():
        person = _actor(document, name)
        assert person["kind"] == "person" and person["country"] == country, person
        assert person["roles"] and person["roles"][0]["title"], person


def test_seed_metonyms_resolve_to_their_states_and_places_stay_places(seeds):
    document = _seed(seeds, "North Korea Sends")
    text = document["text"]
    acting = text.index("Pyongyang and Tehran have")
    assert _holder(document, acting)["code"] == "PRK"
    assert _holder(document, text.index("Tehran have"))["code"] == "IRN"
    assert _holder(document, text.index("Washington has charged"))["code"] == "USA"
    assert _holder(document, text.index("Moscow is offering"))["code"] == "RUS"
    left = text.index("Pyongyang for Tehran")
    place = _holder(document, left)
    assert (place["kind"], place["country"]) == ("location", "PRK")


def test_lami_kim_and_kim_jong_un_are_kept_apart(seeds):
    first, second = _seed(seeds, "North Korea Sends"), _seed(seeds, "- The Washington Times")
    lami = _actor(first, "Lami Kim")
    assert [m["text"] for m in lami["mentions"]] == ["Lami Kim", "Kim"]
    assert not any(a["name"] == "Kim Jong-un" for a in first["actors"])
    leader = _actor(second, "Kim Jong-un")
    assert "Kim" in [m["text"] for m in leader["mentions"]]
    assert leader["country"] == "PRK" and lami["country"] == "USA"


def test_seed_collectives_mean_north_korea_and_iran(seeds):
    document = _seed(seeds, "North Korea Sends")
    start = document["text"].index("the two countries") + len("the ")
    holders = {a["country"] for a in document["actors"] for m in a["mentions"] if m["start"] == start}
    assert holders == {"PRK", "IRN"}


def _events(document):
    """(type, source countries, target countries, trigger) of every event in a document."""
    countries = {actor["id"]: actor["country"] for actor in document["actors"]}
    return [
        (
            event["type"],
            {countries[a] for a in event["source"]} - {None},
            {countries[a] for a in event["target"]} - {None},
            event["trigger"]["text"],
        )
        for event in document["events"]
    ]


def _has(events, type_, source, target, word):
    return any(t == type_ and source <= s and target <= g and word in w for t, s, g, w in events)


def test_seed_000_events_have_the_right_sides(seeds):
    events = _events(_seed(seeds, "North Korea Sends"))
    assert _has(events, "CONSULT", {"PRK"}, {"IRN"}, "delegation")  # the delegation's visit
    assert _has(events, "CONSULT", {"PRK"}, {"RUS"}, "traveled")  # Yun's trip to Russia
    assert _has(events, "AID", {"PRK", "IRN"}, {"RUS"}, "sending arms")  # charged with sending arms
    assert _has(events, "AID", {"PRK"}, {"IRN"}, "helped")
    assert _has(events, "ASSAULT", {"IRN"}, {"ISR"}, "attack")  # "its attack on Israel"
    assert _has(events, "ACCUSE", {"USA"}, {"IRN", "PRK"}, "accused")
    assert _has(events, "COOPERATE", {"PRK", "IRN"}, {"PRK", "IRN"}, "cooperation")


def test_seed_004_events_have_the_right_sides(seeds):
    events = _events(_seed(seeds, "- The Washington Times"))
    assert _has(events, "ACCUSE", {"IRN"}, {"USA"}, "accused")  # Rouhani accused Washington
    assert _has(events, "COERCE", {"USA"}, {"PRK"}, "sanctions pressure")
    assert _has(events, "COERCE", {"USA"}, {"IRN", "PRK"}, "sanctions")
    assert _has(events, "CONSULT", {"IRN"}, {"PRK"}, "credentials")  # received the new ambassador
    assert _has(events, "CONSULT", {"IRN", "PRK"}, {"IRN", "PRK"}, "meetings")  # the late-2017 meetings
    assert _has(events, "REQUEST", {"IRN"}, {"PRK"}, "urge")  # not the outlet line above it


def _speakers_of_quotes(document):
    names = {actor["id"]: actor["name"] for actor in document["actors"]}
    return [names.get(a["speaker"]) for a in document["attributions"] if a["direct"]]


def test_every_direct_quote_in_the_seeds_has_its_speaker(seeds):
    # Ban Kil Joo's second quote goes straight on from the first: one attribution, two spans
    assert _speakers_of_quotes(_seed(seeds, "North Korea Sends")) == [
        "Ban Kil Joo",
        "Lami Kim",
        "Koo Gi Yeon",
    ]
    assert _speakers_of_quotes(_seed(seeds, "- The Washington Times")) == [
        "Hassan Rouhani",
        "Foundation for Defense of Democracies",
    ]


def test_rouhanis_quote_is_nested_in_the_fars_report(seeds):
    document = _seed(seeds, "- The Washington Times")
    by_id = {a["id"]: a for a in document["attributions"]}
    names = {actor["id"]: actor["name"] for actor in document["actors"]}
    quote = next(a for a in document["attributions"] if a["direct"])
    assert names[by_id[quote["parent"]]["speaker"]] == "Fars News Agency"


def _statuses(document, word):
    return {e["status"] for e in document["events"] if word in e["trigger"]["text"]}


def test_seed_denials_hedges_and_forecasts_have_their_status(seeds):
    first = _seed(seeds, "North Korea Sends")
    assert "denied" in _statuses(first, "selling")  # Iran has denied selling drones
    assert "speculated" in _statuses(first, "helped")  # could have helped
    assert "predicted" in _statuses(first, "cooperation")  # is very likely
    assert "unconfirmed" in _statuses(first, "arms transfers")  # no allegations of transfers
    second = _seed(seeds, "- The Washington Times")
    assert "unconfirmed" in _statuses(second, "collaboration")  # no conclusive evidence
    assert "unconfirmed" in _statuses(second, "cooperation")  # no proof of cooperation


def _timexes(document):
    return {t["span"]["text"]: (t["start"], t["end"]) for t in document["timexes"]}


def test_seed_004_dates_resolve_from_its_dateline(seeds):
    found = _timexes(_seed(seeds, "- The Washington Times"))
    assert found["Wednesday"] == ("2020-06-24", "2020-06-24")
    assert found["Thursday"] == ("2020-06-25", "2020-06-25")
    assert found["the past three years"] == ("2017-06-25", "2020-06-25")
    assert found["the past year"] == ("2019-06-25", "2020-06-25")
    assert found["February 2019"] == ("2019-02-01", "2019-02-28")
    assert found["late-1970s"] == ("1977-01-01", "1979-12-31")
    assert found["late-2017"] == ("2017-10-01", "2017-12-31")
    assert found["the time"] == found["late-2017"]  # "an analysis published at the time"
    assert found["last year"] == ("2019-01-01", "2019-12-31")
    assert found["January 2016"] == ("2016-01-01", "2016-01-31")
    assert found["a day before"] == (None, None)  # before an anniversary the text does not date


def test_seed_000_relative_dates_stay_open_without_a_publication_date(seeds):
    found = _timexes(_seed(seeds, "North Korea Sends"))
    assert found["Tuesday"] == (None, None)
    assert found["last week"] == (None, None)
    assert found["2019"] == ("2019-01-01", "2019-12-31")


@pytest.fixture(scope="module")
def seed_000_published():
    path = next(SEEDS.glob("000_*.txt"))
    result = CliRunner().invoke(app, ["extract", str(path), "--published", "2024-04-24"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_seed_000_dates_resolve_on_its_publication_date(seed_000_published):
    found = _timexes(seed_000_published)
    assert found["Tuesday"] == ("2024-04-23", "2024-04-23")
    assert found["earlier in April"] == ("2024-04-01", "2024-04-24")
    assert found["about five years"] == ("2019-04-24", "2024-04-24")
    assert found["2019"] == ("2019-01-01", "2019-12-31")
    assert found["the 1980s"] == ("1980-01-01", "1989-12-31")
    assert found["the first decade of the 2000s"] == ("2000-01-01", "2009-12-31")
    assert found["recent years"] == ("2021-04-24", "2024-04-24")
    assert found["this month"] == ("2024-04-01", "2024-04-30")
    assert found["this week"] == ("2024-04-22", "2024-04-28")
    assert found["last week"] == ("2024-04-15", "2024-04-21")
    assert found["February 2022"] == ("2022-02-01", "2022-02-28")


def test_seed_000_events_carry_their_dates(seed_000_published):
    timexes = {t["id"]: t["span"]["text"] for t in seed_000_published["timexes"]}
    dated = {e["trigger"]["text"]: timexes[e["time"]] for e in seed_000_published["events"] if e["time"]}
    assert dated["left Pyongyang for"] == "Tuesday"
    assert dated["traveled to"] == "earlier in April"
    assert dated["invasion"] == "February 2022"
    assert "sent" not in dated  # "sent ... before the February 2022 invasion" is not dated by it


# -- the knowledge graph: both seeds, one North Korea–Iran story ---------------------------


@pytest.fixture(scope="module")
def seed_story(tmp_path_factory):
    db = f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'story.db'}"
    runner = CliRunner()
    for path, published in (
        (SEEDS / "004_3a8f1ecd6320f598.txt", None),
        (SEEDS / "000_04b4b43a7b2926d1.txt", "2024-04-24"),
    ):
        args = ["ingest", str(path), "--db", db] + (["--published", published] if published else [])
        assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["dyad", "PRK", "IRN", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _story_event(story, type_, predicate):
    found = [e for e in story["events"] if e["type"] == type_ and predicate(e)]
    assert found, (
        f"no {type_} event in the story: {[(e['type'], e['direction'], e['start_date']) for e in story['events']]}"
    )
    return found[0]


def test_the_seeds_tell_one_north_korea_iran_story(seed_story):
    days = [e["start_date"] for e in seed_story["events"] if e["start_date"]]
    assert days == sorted(days)  # in date order, across articles four years apart

    meetings = _story_event(seed_story, "CONSULT", lambda e: e["start_date"] == "2017-10-01")
    assert meetings["end_date"] == "2017-12-31" and meetings["dated"]
    assert "late-2017" in meetings["reports"][0]["sentence"]

    parliament = _story_event(seed_story, "CONSULT", lambda e: e["start_date"] == "2019-01-01")
    assert parliament["source"] == ["PRK"] and parliament["target"] == ["IRN"]

    ambassador = _story_event(seed_story, "CONSULT", lambda e: e["source"] == ["IRN"] and e["cameo"] == "043")
    # "Mr. Rouhani said in remarks Wednesday ... as he received the credentials": that Wednesday
    assert ambassador["start_date"] == ambassador["end_date"] == "2020-06-24" and ambassador["dated"]
    urging = _story_event(seed_story, "REQUEST", lambda e: e["source"] == ["IRN"] and e["target"] == ["PRK"])
    assert "stand up" in urging["reports"][0]["sentence"]

    delegation = _story_event(seed_story, "CONSULT", lambda e: e["start_date"] == "2024-04-23")
    assert delegation["source"] == ["PRK"] and delegation["target"] == ["IRN"] and delegation["dated"]
    assert len(delegation["reports"]) >= 2  # the headline and the body are one visit


def test_the_allegations_of_military_cooperation_say_who_makes_them(seed_story):
    cooperation = [e for e in seed_story["events"] if e["type"] == "COOPERATE" and e["start_date"] >= "2024"]
    reports = [r for e in cooperation for r in e["reports"]]
    assert {"alleged", "predicted"} <= {r["status"] for r in reports}
    assert "United States" in {r["said_by"] for r in reports if r["status"] == "alleged"}
    assert any("Kim" in r["said_by"] for r in reports if r["status"] == "predicted")
    accusation = _story_event(seed_story, "ACCUSE", lambda e: e["source"] == ["USA"])
    assert accusation["relation"] == "together" and accusation["target"] == ["IRN", "PRK"]
    assert all(r["sentence"] for e in seed_story["events"] for r in e["reports"])
