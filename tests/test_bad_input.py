"""No bad record costs a good one: each is one error line naming where it came from and
why, every other record of the run is stored, and the exit code is 1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.errors import ExtractionError, InputError
from dossier.ingest import read_inputs
from dossier.ingest.readers import decode_bytes
from dossier.ingest.records import Record, check_record
from dossier.limits import MAX_ID_BYTES
from dossier.pipeline import extract_records, ingest_records, load_language
from dossier.store import Store

GOOD_TEXT = "North Korea fired two missiles toward Japan on Tuesday, South Korea's military said."
GOOD_COUNT = 10
BAD_LINE = 6  # the bad record is the sixth of eleven, inside one spaCy batch with the good

BAD_RECORDS = {
    "text past the length limit": {"id": "bad", "text": "word " * 210_000},
    "lone surrogate in the text": {"id": "bad", "text": "Iran \ud800 said."},
    "lone surrogate in the id": {"id": "bad\ud800", "text": "Iran said."},
    "NUL in the id": {"id": "bad\u0000x", "text": "Iran said."},
    "NUL in the text": {"id": "bad", "text": "Iran\u0000 said."},
    "id past the byte limit": {"id": "x" * (MAX_ID_BYTES + 1), "text": "Iran said."},
    "zero time with last week": {
        "id": "bad",
        "text": "Iran attacked Israel last week.",
        "published": "0001-01-01T00:00:00Z",
    },
    "last day with next year": {"id": "bad", "text": "Iran will attack Israel next year.", "published": "9999-12-31"},
}
DEEP = "[" * 1000 + "]" * 1000


@pytest.fixture
def runner():
    return CliRunner()


def good_records() -> list[dict]:
    return [
        {"id": f"good-{n}", "text": f"{GOOD_TEXT} Story {n}.", "published": "2024-04-24"} for n in range(GOOD_COUNT)
    ]


def write_jsonl(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def with_bad_line(path, bad_line: str) -> str:
    lines = [json.dumps(record) for record in good_records()]
    lines.insert(BAD_LINE - 1, bad_line)
    return write_jsonl(path, lines)


def stored_ids(db_url: str) -> set[str]:
    with Store(db_url) as store:
        return {summary.id for summary in store.list_documents(limit=1000)[1]}


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("kind", list(BAD_RECORDS))
def test_ingest_stores_every_good_record_around_a_bad_one(runner, tmp_path, kind):
    path = with_bad_line(tmp_path / "batch.jsonl", json.dumps(BAD_RECORDS[kind]))
    db_url = f"sqlite:///{tmp_path / 'dossier.db'}"
    result = runner.invoke(app, ["ingest", path, "--db", db_url])
    # The far-edge dates are read (their relative dates have no value); the rest are refused.
    refused = "with" not in kind
    assert result.exit_code == (1 if refused else 0), result.output
    ids = stored_ids(db_url)
    assert {f"good-{n}" for n in range(GOOD_COUNT)} <= ids
    if refused:
        [line] = error_lines(result.output)
        assert f"batch.jsonl:{BAD_LINE}:" in line


def test_json_nested_a_thousand_levels_is_one_error_and_the_other_files_land(runner, tmp_path):
    deep_record = '{"id": "bad", "text": "Iran said.", "extra": ' + DEEP + "}"
    lines_file = with_bad_line(tmp_path / "lines.jsonl", deep_record)
    (tmp_path / "deep.json").write_text(DEEP, encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'dossier.db'}"
    result = runner.invoke(app, ["ingest", lines_file, str(tmp_path / "deep.json"), "--db", db_url])
    assert result.exit_code == 1
    assert len(stored_ids(db_url)) == GOOD_COUNT
    assert [line.split(": ", 2)[1] for line in error_lines(result.output)] == [
        f"{lines_file}:{BAD_LINE}",
        str(tmp_path / "deep.json"),
    ]
    assert all("nested too deeply" in line for line in error_lines(result.output))


def test_extract_prints_every_good_document_around_a_refused_one(runner, tmp_path):
    path = with_bad_line(tmp_path / "batch.jsonl", json.dumps(BAD_RECORDS["text past the length limit"]))
    result = runner.invoke(app, ["extract", path, "--format", "jsonl"])
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == GOOD_COUNT
    [line] = error_lines(result.stderr)
    assert "over the 200,000 character limit (max_text_chars)" in line


def test_the_text_limit_is_a_setting(tmp_path):
    record = Record(text="a" * 101, origin="short.txt")
    assert check_record(record, max_text_chars=100).reason.startswith("text is 101 characters long")
    assert check_record(record, max_text_chars=101) is None


def test_a_raw_nul_line_in_jsonl_costs_only_that_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(record).encode() for record in good_records()]
    lines.insert(2, b"\x00" * 40)
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_inputs([str(path)]))
    errors = [item for item in items if isinstance(item, InputError)]
    assert [error.origin for error in errors] == [f"{path}:3"]
    assert sum(isinstance(item, Record) for item in items) == GOOD_COUNT


def test_a_jsonl_file_that_is_all_binary_is_one_error(tmp_path):
    path = tmp_path / "binary.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100 + b"\n" + b"\x00" * 50)
    [error] = read_inputs([str(path)])
    assert error.reason == "binary file, not text"


def test_a_second_record_with_the_same_id_and_another_text_is_refused(runner, tmp_path):
    first = {"id": "story", "text": "Iran and Iraq signed a trade deal on Monday."}
    second = {"id": "story", "text": "Japan protested to China on Friday."}
    path = write_jsonl(tmp_path / "dupes.jsonl", [json.dumps(first), json.dumps(second)])
    db_url = f"sqlite:///{tmp_path / 'dossier.db'}"
    result = runner.invoke(app, ["ingest", path, "--db", db_url])
    assert result.exit_code == 1
    [line] = error_lines(result.output)
    assert f"{path}:2: duplicate id 'story': {path}:1 has the same id" in line
    with Store(db_url) as store:
        assert store.get("story").text == first["text"]


def test_the_same_record_twice_is_not_a_duplicate(tmp_path):
    record = json.dumps({"id": "story", "text": "Iran and Iraq signed a trade deal on Monday."})
    path = write_jsonl(tmp_path / "twice.jsonl", [record, record])
    assert all(isinstance(item, Record) for item in read_inputs([path]))


@pytest.mark.parametrize("contents", [[], ["notes.md", "image.png"]], ids=["empty", "no-supported-files"])
def test_a_directory_with_no_input_says_so(runner, tmp_path, contents):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in contents:
        (folder / name).write_text("not an article", encoding="utf-8")
    [error] = read_inputs([str(folder)])
    assert error.origin == str(folder)
    assert error.reason.startswith("no input files in the directory")
    result = runner.invoke(app, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 1


def test_a_symbolic_link_out_of_the_directory_is_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Not for the store: the machine's own file.", encoding="utf-8")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "story.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "story.txt")
    (folder / "leak.txt").symlink_to(outside)
    items = list(read_inputs([str(folder)]))
    assert sorted(item.text for item in items if isinstance(item, Record)) == [GOOD_TEXT, GOOD_TEXT]
    [error] = [item for item in items if isinstance(item, InputError)]
    assert error.origin == str(folder / "leak.txt")
    assert "outside the directory read; not followed" in error.reason


def test_utf8_with_one_stray_byte_stays_utf8_and_says_so(runner, tmp_path):
    data = "Iran’s foreign minister met Iraq’s president on Monday.".encode().replace(b"\xe2\x80\x99s p", b"\x92s p")
    text, warning = decode_bytes(data)
    assert text == "Iran’s foreign minister met Iraq\ufffds president on Monday."
    assert warning == "1 byte that is not UTF-8 replaced with U+FFFD (at byte 34)"
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0
    assert f"warning: {path}: 1 byte that is not UTF-8" in result.stderr
    assert "Iran’s" in json.loads(result.stdout)["text"]


def test_a_legacy_code_page_is_still_detected():
    data = ("Iran’s envoy and the café owner spoke to reporters about the talks. " * 3).encode("cp1252")
    text, warning = decode_bytes(data)
    assert text.startswith("Iran’s envoy and the café owner")
    assert warning is None


def test_a_stage_that_fails_on_one_document_fails_that_document_alone(monkeypatch):
    records = [Record(text=f"{GOOD_TEXT} Story {n}.", id=f"good-{n}") for n in range(3)]
    records.insert(1, Record(text="Iran said. POISON", id="poison", origin="poison.txt"))

    def failing_on_poison(stage):
        def run(doc, results, **options):
            if "POISON" in doc.text:
                raise RuntimeError("a bug in a rule")
            return stage(doc, results, **options)

        return run

    nlp = load_language(None, actors=())  # the pipeline extract_records uses
    [events] = [nlp.get_pipe(name) for name in nlp.pipe_names if getattr(nlp.get_pipe(name), "field", "") == "events"]
    monkeypatch.setattr(events, "stage", failing_on_poison(events.stage))
    failures: list = []
    documents = list(extract_records(records, on_error=failures.append))
    assert [document.id for document in documents] == ["good-0", "good-1", "good-2"]
    [failure] = failures
    assert isinstance(failure, ExtractionError)
    assert str(failure) == "poison.txt: the events stage failed: RuntimeError: a bug in a rule"
    with pytest.raises(ExtractionError):
        list(extract_records(records))


@pytest.mark.postgres
def test_postgresql_and_sqlite_refuse_the_same_ids(postgres_url, tmp_path):
    records = [
        Record(text=GOOD_TEXT, id="ok", origin="in.jsonl:1"),
        Record(text=GOOD_TEXT + " Again.", id="nul\x00id", origin="in.jsonl:2"),
        Record(text=GOOD_TEXT + " More.", id="y" * (MAX_ID_BYTES + 1), origin="in.jsonl:3"),
        Record(text=GOOD_TEXT + " Last.", id="y" * MAX_ID_BYTES, origin="in.jsonl:4"),
    ]
    for url in (postgres_url, f"sqlite:///{tmp_path / 'd.db'}"):
        with Store(url) as store:
            outcomes = {outcome.origin: outcome for outcome in ingest_records(records, store)}
        assert [outcomes[record.origin].status for record in records] == ["stored", "failed", "failed", "stored"]
        assert "NUL" in outcomes["in.jsonl:2"].error
        assert f"over the {MAX_ID_BYTES:,} byte limit" in outcomes["in.jsonl:3"].error


ORPHAN_SCRIPT = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    from dossier.nlp.workers import exit_with_parent

    def worker(parent):
        exit_with_parent(parent)
        time.sleep(60)

    if __name__ == "__main__":
        child = multiprocessing.get_context("fork").Process(target=worker, args=(os.getpid(),))
        child.start()
        print(child.pid, flush=True)
        time.sleep(60)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead but unreaped: read its state.
    with open(f"/proc/{pid}/stat") as handle:
        return handle.read().split(") ", 1)[1][0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_exits_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker)
    finally:
        parent.kill()
