"""The event lexicon as data: users extend it, and a bad row is an error naming its table.

What the coder makes of sentences is pinned by tests/test_event_corpus.py; these tests
pin the tables and the stage's output shape.
"""

import pytest

import dossier
from dossier.errors import ConfigError
from dossier.extract.events import lexicon

TABLES = (
    lexicon.verb_patterns,
    lexicon.noun_patterns,
    lexicon.light_verbs,
    lexicon.complement_codes,
    lexicon.intent_words,
)


@pytest.fixture(autouse=True)
def fresh_tables(monkeypatch):
    monkeypatch.delenv("DOSSIER_LEXICON_DIR", raising=False)
    for loader in TABLES:
        loader.cache_clear()
    from dossier.lexicons import table

    table.cache_clear()
    yield
    for loader in TABLES:
        loader.cache_clear()
    table.cache_clear()


@pytest.fixture
def user_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_LEXICON_DIR", str(tmp_path))

    def write(name, text):
        (tmp_path / name).write_text(text, encoding="utf-8")

    return write


def test_a_pattern_with_an_object_wins_over_the_bare_verb():
    patterns = lexicon.verb_patterns()["impose"]
    assert patterns[0].objects and patterns[0].type in {"SANCTION", "COERCE"}


def test_two_word_noun_patterns_are_keyed_by_their_head_noun():
    sale = {p.particle: p for p in lexicon.noun_patterns()["sale"]}
    assert sale["arms"].type == "AID" and sale["arms"].cameo.startswith("07")


def test_a_user_row_adds_a_verb_the_builtin_table_lacks(user_lexicon):
    user_lexicon("event_verbs.tsv", "waylay\tASSAULT\tfirearms\t190\tmilitary\tdobj\n")
    document = dossier.extract("Militants waylaid a Nigerian army convoy near Maiduguri on Monday.")
    assert [e.type for e in document.events if e.root] == ["ASSAULT"]


def test_a_user_row_of_type_dash_stops_a_use_being_an_event(user_lexicon):
    user_lexicon("event_verbs.tsv", "host +olympics|games|tournament\t-\t\t000\t\t\n")
    document = dossier.extract("Paris hosted the Olympics in the summer of 2024.")
    assert document.events == []


@pytest.mark.parametrize(
    "row, problem",
    [
        ("snub\tSNUB\t\t120\t\tdobj\n", "is not a PLOVER type"),
        ("snub\tREJECT\t\t12a\t\tdobj\n", "is not 2-4 digits"),
        ("snub\n", "needs pattern, type, mode, cameo"),
        ("snub +\tREJECT\t\t120\t\tdobj\n", "no object lemmas"),
    ],
)
def test_a_bad_row_names_the_table_and_what_is_wrong(user_lexicon, row, problem):
    user_lexicon("event_verbs.tsv", row)
    with pytest.raises(ConfigError, match=f"event_verbs.tsv row .*{problem}"):
        lexicon.verb_patterns()


def test_every_event_carries_its_goldstein_score_and_quad_class():
    document = dossier.extract("Russian forces shelled the Ukrainian city of Kharkiv on Friday.")
    (event,) = [e for e in document.events if e.root]
    assert event.type == "ASSAULT" and event.quad_class == 4 and event.goldstein <= -9
    assert document.text[event.trigger.start : event.trigger.end] == event.trigger.text


def test_a_blank_line_ends_the_sentence_so_a_header_is_no_event_side():
    text = "- The Harbor Gazette\nMonday, March 3, 2025\n\nJapan is using the summit to urge Seoul to join the patrols."
    document = dossier.extract(text)
    (event,) = [e for e in document.events if e.type == "REQUEST"]
    assert event.sentence.text.startswith("Japan")
    assert [a.name for a in document.actors if a.id in event.source] == ["Japan"]


def _root(text):
    document = dossier.extract(text)
    root = next(e for e in document.events if e.root)
    countries = {a.id: a.country for a in document.actors}
    return root, [countries[a] for a in root.source], [countries[a] for a in root.target]


def test_a_stative_passive_keeps_its_subject_as_the_source():
    root, source, target = _root("Norway is opposed to Russian mediation in the fisheries dispute.")
    assert (root.type, source, target) == ("REJECT", ["NOR"], ["RUS"])


def test_who_converges_for_a_rally_holds_the_rally():
    root, source, _ = _root("Thousands of Kenyans converged on Nairobi for a rally against the new tax law.")
    assert root.type == "PROTEST" and source == ["KEN"]


def test_a_withdrawal_from_a_place_is_done_by_the_clause_subject():
    root, source, target = _root("Turkey completed the withdrawal of its troops from Qatar on Friday.")
    assert (root.type, source, target) == ("RETREAT", ["TUR"], ["QAT"])


def test_the_place_of_an_agreed_act_is_the_target_when_no_one_else_is():
    root, source, target = _root("Opposition leaders agreed to postpone the march in Tbilisi.")
    assert root.type == "AGREE" and target == ["GEO"]
