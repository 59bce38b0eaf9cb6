"""`dossier contradictions`: a claim one source makes and another denies."""

import json

import pytest
from typer.testing import CliRunner

import dossier
from dossier.cli import app
from dossier.store import Store

CHARGE = "Washington has accused Belarus of selling drones to Russia, the State Department said on Monday."
DENIAL = "Belarus has denied selling drones to Russia, the foreign ministry in Minsk said on Tuesday."
UNRELATED = "Belarus has denied selling tractors to Venezuela, the foreign ministry said."


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'dossier.db'}") as store:
        for text, published in ((CHARGE, "2024-03-04"), (DENIAL, "2024-03-05"), (UNRELATED, "2024-03-06")):
            store.save(dossier.extract(text, published=published), pipeline="test")
        yield store


def test_an_accusation_and_its_denial_in_two_articles_are_one_contradiction(store):
    (found,) = store.contradictions()
    assert found.type == "AID"
    assert (found.claim.status, found.claim.source, found.claim.target) == ("alleged", ["BLR"], ["RUS"])
    assert found.denial.status == "denied" and "denied selling drones" in found.denial.sentence
    assert found.claim.published.isoformat() == "2024-03-04"


def test_contradictions_can_be_limited_to_an_actor(store):
    assert len(store.contradictions(actor="RUS")) == 1
    assert store.contradictions(actor="PRK") == []


def test_the_command_prints_both_sides(store, tmp_path):
    result = CliRunner().invoke(
        app, ["contradictions", "--db", f"sqlite:///{tmp_path / 'dossier.db'}", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["claim"]["status"] == "alleged" and row["denial"]["status"] == "denied"
