"""User actor dictionaries: YAML, CSV and CAMEO/PETRARCH actors files, dated roles."""

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import dossier
from dossier.cli import app
from dossier.config import load_settings
from dossier.errors import ConfigError
from dossier.ingest import record_from_text
from dossier.resolve.dictionary import ActorDictionary, phrase_name

# Invented people, invented reports.
STORY = (
    "VILNIUS, March 4, 2021 (Reuters) - Ausra Kelmindaite met Tamaz Okribeli in Vilnius "
    "on Thursday. Kelmindaite said afterwards that the talks had been useful. Okribeli "
    "declined to comment."
)
SHORT_FIRST = (
    "Lithuanian officials said Kelmindaite had left Vilnius. On Friday, Ausra Kelmindaite "
    "told reporters that Kelmindaite would return."
)

YAML_TEXT = """\
# people the analyst follows
- name: Ausra Kelmindaite
  aliases: [A. Kelmindaite]
  code: LTUGOV
  start: 2019-03-01
  end: 2023-06-30
- name: Tamaz Okribeli
  kind: person
  country: GEO
  sector: MIL
"""

CSV_TEXT = """\
name,aliases,kind,country,sector,code,start,end
Ausra Kelmindaite,A. Kelmindaite|Minister Kelmindaite,person,,,LTUGOV,2019-03-01,2023-06-30
Baltic Grain Union,BGU,organization,LTU,BUS,,,
"""

ACTORS_TEXT = """\
# CAMEO actors file for the tests
AUSRA_KELMINDAITE_  [LTUGOV 190301-230630]  ; foreign minister
+A_KELMINDAITE_
TAMAZ_OKRIBELI_  ; a general, later minister
\t[GEOMIL <20191231]
\t[GEOGOV 20200101-20221231]
\t[GEOELI >230201]
IBRAHIM_AL-NAJDANI_ [JORGOV]
LITHUANIA_  [LTU]
"""


@pytest.fixture
def yaml_file(tmp_path):
    path = tmp_path / "people.yaml"
    path.write_text(YAML_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def actors_file(tmp_path):
    path = tmp_path / "people.actors.txt"
    path.write_text(ACTORS_TEXT, encoding="utf-8")
    return path


def actor_named(document, name):
    matches = [a for a in document.actors if a.name == name]
    assert matches, f"no actor {name!r} in {[a.name for a in document.actors]}"
    return matches[0]


# --- formats -------------------------------------------------------------------------


def test_yaml_entries_with_aliases_codes_and_dates(yaml_file):
    dictionary = ActorDictionary.from_files([yaml_file])
    entry = dictionary.lookup("a. kelmindaite", dt.date(2020, 1, 1))
    assert entry.name == "Ausra Kelmindaite" and entry.kind == "person"
    assert (entry.country, entry.sector, entry.code) == ("LTU", "GOV", "LTUGOV")
    assert (entry.start, entry.end) == (dt.date(2019, 3, 1), dt.date(2023, 6, 30))
    general = dictionary.lookup("TAMAZ OKRIBELI")
    assert (general.country, general.sector, general.code) == ("GEO", "MIL", "GEOMIL")


def test_csv_entries_with_pipe_separated_aliases(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    dictionary = ActorDictionary.from_files([path])
    assert dictionary.lookup("Minister Kelmindaite").code == "LTUGOV"
    union = dictionary.lookup("BGU")
    assert union.name == "Baltic Grain Union" and union.kind == "organization"
    assert (union.country, union.sector, union.code) == ("LTU", "BUS", "LTUBUS")


def test_petrarch_actors_file(actors_file):
    dictionary = ActorDictionary.from_files([actors_file])
    minister = dictionary.lookup("A Kelmindaite", dt.date(2021, 3, 4))
    assert minister.name == "Ausra Kelmindaite" and minister.kind == "person"
    assert (minister.country, minister.sector, minister.code) == ("LTU", "GOV", "LTUGOV")
    assert dictionary.lookup("Ibrahim al-Najdani").name == "Ibrahim al-Najdani"
    assert dictionary.lookup("Ibrahim al-Najdani").code == "JORGOV"
    state = dictionary.lookup("Lithuania")
    assert state.kind == "state" and state.country == "LTU" and state.sector is None


def test_petrarch_codes_over_time_on_following_lines(actors_file):
    dictionary = ActorDictionary.from_files([actors_file])
    codes = {
        day: dictionary.lookup("Tamaz Okribeli", day).code
        for day in (
            dt.date(2015, 5, 1),
            dt.date(2019, 12, 31),
            dt.date(2020, 1, 1),
            dt.date(2022, 12, 31),
            dt.date(2024, 1, 1),
        )
    }
    assert list(codes.values()) == ["GEOMIL", "GEOMIL", "GEOGOV", "GEOGOV", "GEOELI"]
    # January 2023 falls between the restrictions, and the entry has no default code.
    assert dictionary.lookup("Tamaz Okribeli", dt.date(2023, 1, 15)) is None


def test_a_default_code_applies_when_no_dated_one_does(tmp_path):
    path = tmp_path / "default.actors.txt"
    path.write_text("MARGIT_SOLVANG_  [NORELI]\n    [NORGOV 100101-141231]\n", encoding="utf-8")
    dictionary = ActorDictionary.from_files([path])
    assert dictionary.lookup("Margit Solvang", dt.date(2012, 1, 1)).code == "NORGOV"
    assert dictionary.lookup("Margit Solvang", dt.date(2020, 1, 1)).code == "NORELI"
    assert dictionary.lookup("Margit Solvang").code == "NORELI"


def test_phrase_names_are_title_cased():
    assert phrase_name("ABU_BAKR_AL-NAJDANI_") == "Abu Bakr al-Najdani"
    assert phrase_name("SEAN_O'DALAIGH_") == "Sean O'Dalaigh"
    assert phrase_name("JAN_VAN_DER_BERG") == "Jan van der Berg"


# --- bad files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "line", "problem"),
    [
        ("bad.actors.txt", "AUSRA_KELMINDAITE_\n  [LTUGOV 190301-19991]\n", 2, "not a date"),
        ("bad.actors.txt", "+STRAY_SYNONYM_\n", 1, "no actor above it"),
        ("bad.actors.txt", "# ok\nNO_CODE_HERE_\n", 2, "has no [CODE]"),
        ("bad.actors.txt", "TAMAZ_OKRIBELI_ [GEOGOV 220101-190101]\n", 1, "after it ends"),
        ("bad.csv", "name,kind\nTamaz Okribeli,wizard\n", 2, "kind 'wizard'"),
        ("bad.csv", "name,colour\nTamaz Okribeli,red\n", 1, "unknown: colour"),
        ("bad.yaml", "- name: Tamaz Okribeli\n- name: Ausra Kelmindaite\n  country: XXX\n", 2, "not an ISO"),
        ("bad.yaml", "- name: Tamaz Okribeli\n  start: [\n", 3, "not valid YAML"),
    ],
)
def test_a_bad_file_names_the_file_line_and_problem(tmp_path, name, text, line, problem):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        ActorDictionary.from_files([path])
    assert f"{path}:{line}:" in str(caught.value)
    assert problem in str(caught.value)


def test_an_unknown_extension_or_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown actor dictionary format"):
        ActorDictionary.from_files([tmp_path / "people.xlsx"])
    with pytest.raises(ConfigError, match="cannot read"):
        ActorDictionary.from_files([tmp_path / "missing.yaml"])


# --- extraction ----------------------------------------------------------------------------


def test_a_dictionary_person_gets_country_sector_code_and_short_forms(yaml_file):
    document = dossier.extract(STORY, actors=(yaml_file,))
    assert document.published == dt.date(2021, 3, 4)
    minister = actor_named(document, "Ausra Kelmindaite")
    assert (minister.kind, minister.country, minister.sector, minister.code) == ("person", "LTU", "GOV", "LTUGOV")
    assert minister.roles == []
    assert [m.text for m in minister.mentions] == ["Ausra Kelmindaite", "Kelmindaite"]
    general = actor_named(document, "Tamaz Okribeli")
    assert (general.country, general.sector, general.code) == ("GEO", "MIL", "GEOMIL")


def test_a_role_not_yet_held_does_not_apply(yaml_file):
    document = dossier.extract(STORY, published="2018-03-04", actors=(yaml_file,))
    minister = actor_named(document, "Ausra Kelmindaite")
    assert (minister.country, minister.sector, minister.code) == (None, None, None)
    # Undated entries still apply.
    assert actor_named(document, "Tamaz Okribeli").code == "GEOMIL"


def test_a_role_that_ended_leaves_a_former_official_of_that_country(yaml_file):
    # CAMEO codes people out of office as elites (ELI) of their country.
    document = dossier.extract(STORY, published="2024-03-04", actors=(yaml_file,))
    minister = actor_named(document, "Ausra Kelmindaite")
    assert (minister.country, minister.sector, minister.code) == ("LTU", "ELI", "LTUELI")


def test_dated_codes_from_an_actors_file_follow_the_published_date(actors_file):
    early = dossier.extract(STORY, published="2019-06-01", actors=(actors_file,))
    later = dossier.extract(STORY, published="2021-06-01", actors=(actors_file,))
    assert actor_named(early, "Tamaz Okribeli").code == "GEOMIL"
    assert actor_named(later, "Tamaz Okribeli").code == "GEOGOV"


def test_a_last_name_before_the_full_name_joins_it(yaml_file):
    document = dossier.extract(SHORT_FIRST, published="2021-05-01", actors=(yaml_file,))
    minister = actor_named(document, "Ausra Kelmindaite")
    assert [m.start for m in minister.mentions] == [
        SHORT_FIRST.index("Kelmindaite"),
        SHORT_FIRST.index("Ausra Kelmindaite"),
        SHORT_FIRST.rindex("Kelmindaite"),
    ]
    assert minister.code == "LTUGOV"


def test_the_role_the_text_states_wins_over_the_dictionary(yaml_file):
    story = (
        "Georgian Defense Minister Tamaz Okribeli met reporters in Tbilisi on Monday. Ausra Kelmindaite did not attend."
    )
    document = dossier.extract(story, published="2021-05-01", actors=(yaml_file,))
    okribeli = actor_named(document, "Tamaz Okribeli")
    assert (okribeli.country, okribeli.sector) == ("GEO", "MIL")
    assert [(r.title, r.source) for r in okribeli.roles] == [("Defense Minister", "text")]
    # Where the text is silent, the dictionary speaks.
    assert actor_named(document, "Ausra Kelmindaite").code == "LTUGOV"


def test_without_a_dictionary_nobody_gets_its_codes(yaml_file):
    document = dossier.extract(STORY)
    people = [a for a in document.actors if a.kind == "person"]
    assert people and all(a.code is None and a.sector is None for a in people)


def test_dictionary_names_are_found_where_the_model_misses_them(yaml_file):
    # The small model does not tag "Ausra Kelmindaite" in STORY; the dictionary does.
    document = dossier.extract(STORY, actors=(yaml_file,))
    minister = actor_named(document, "Ausra Kelmindaite")
    assert minister.mentions[0].text == "Ausra Kelmindaite"


def test_two_processes_read_the_dictionary_too(yaml_file):
    records = [
        record_from_text(STORY, id=f"story-{n}", published=published)
        for n, published in enumerate(["2017-03-04", "2021-03-04", "2024-03-04", "2022-03-04"])
    ]
    one = list(dossier.extract_records(records, n_process=1, batch_size=1, actors=(str(yaml_file),)))
    two = list(dossier.extract_records(records, n_process=2, batch_size=1, actors=(str(yaml_file),)))
    assert two == one
    assert actor_named(one[1], "Ausra Kelmindaite").code == "LTUGOV"
    assert actor_named(one[0], "Ausra Kelmindaite").code is None


# --- settings and command line ----------------------------------------------------------------


def test_settings_read_actors_from_env_and_config_and_flags_add(tmp_path, monkeypatch):
    monkeypatch.delenv("DOSSIER_ACTORS", raising=False)
    monkeypatch.delenv("DOSSIER_CONFIG", raising=False)
    config = tmp_path / "dossier.toml"
    config.write_text('[dossier]\nactors = ["lists/people.yaml"]\n', encoding="utf-8")
    assert load_settings(config).actors == [str(tmp_path / "lists" / "people.yaml")]
    monkeypatch.setenv("DOSSIER_ACTORS", "a.yaml, b.csv")
    assert load_settings(config).actors == ["a.yaml", "b.csv"]
    assert load_settings(config, extra_actors=["c.actors.txt"]).actors == ["a.yaml", "b.csv", "c.actors.txt"]


def test_cli_extract_with_actors(tmp_path, yaml_file, monkeypatch):
    monkeypatch.delenv("DOSSIER_ACTORS", raising=False)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(story), "--actors", str(yaml_file)])
    assert result.exit_code == 0, result.output
    actors = {a["name"]: a for a in json.loads(result.stdout)["actors"]}
    assert actors["Ausra Kelmindaite"]["code"] == "LTUGOV"
    assert actors["Ausra Kelmindaite"]["sector"] == "GOV"


def test_cli_a_bad_dictionary_is_one_error_line(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("DOSSIER_ACTORS", raising=False)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\nTamaz Okribeli,wizard\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["dossier", "extract", str(story), "--actors", str(bad)])
    from dossier.cli import main

    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    assert f"{bad}:2:" in capsys.readouterr().err


def test_cli_ingest_with_actors_re_extracts_stored_documents(tmp_path, yaml_file, monkeypatch):
    monkeypatch.delenv("DOSSIER_ACTORS", raising=False)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'dossier.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(story), "--db", db]).exit_code == 0
    again = runner.invoke(app, ["ingest", str(story), "--db", db, "--actors", str(yaml_file)])
    assert again.exit_code == 0, again.output
    assert "updated" in again.stderr
    people = json.loads(runner.invoke(app, ["actors", "--country", "LTU", "--db", db, "--format", "json"]).stdout)
    assert "Ausra Kelmindaite" in [p["name"] for p in people]
