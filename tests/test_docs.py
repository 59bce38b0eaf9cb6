"""Docs that cannot drift: the CLI reference is generated, and every command and setting is documented."""

import importlib.util
from pathlib import Path

import typer

from dossier.cli import app
from dossier.config import Settings

ROOT = Path(__file__).parent.parent


def _cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_up_to_date():
    expected = _cli_docs().reference() + "\n"
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run `.venv/bin/python scripts/cli_docs.py > docs/cli.md`"
    )


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _ in _cli_docs().commands(typer.main.get_command(app)):
        assert name in readme, f"README does not mention `{name}`"


def test_every_setting_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"DOSSIER_{name.upper()}" in readme, f"README does not document DOSSIER_{name.upper()}"
