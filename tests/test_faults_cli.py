"""The batch under faults, as a user meets them: one line on stderr and an exit code for each,
never a traceback, and every other input still done."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from cli import main
from extract import cli_utils
from extract.inputs import count_inputs

EXTRACT = shutil.which("extract", path=str(Path(sys.executable).parent))
# Dated, so that the only lines on stderr are the faults' own.
ARTICLE = (
    "3 March 2022\nThe mayor of Leeds, Anna Berg, said on Tuesday that the bridge would reopen "
    "in May.\n"
)
NOBODY = 65534


def invoke(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("extract: error:")]


@pytest.fixture
def no_model_load(monkeypatch):
    """Fails the test if the model is loaded: the fault must be found before any work."""

    def refuse(self):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(cli_utils.ExtractorSettings, "build", refuse)


# --- inputs ---------------------------------------------------------------------------------


def test_a_symlink_loop_is_walked_once_with_a_warning(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "same").symlink_to("sub")
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert [record["source"] for record in records(result.stdout)] == [
        str(tmp_path / "same" / "a.txt")
    ]
    assert result.stderr.count("folder already walked (a symbolic link loop?)") == 2
    assert "Traceback" not in result.stderr


def test_a_broken_symlink_and_a_second_link_to_a_file_are_warnings(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "c.txt").symlink_to("missing.txt")
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert [record["source"] for record in records(result.stdout)] == [str(tmp_path / "a.txt")]
    assert f"{tmp_path / 'b.txt'}: same file as one already read, skipped" in result.stderr
    assert f"{tmp_path / 'c.txt'}: cannot follow: No such file or directory" in result.stderr


@pytest.mark.parametrize(
    ("encoding", "mark"),
    [("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32", b"")],
)
def test_utf16_and_utf32_text_is_decoded_not_called_binary(tmp_path: Path, encoding, mark):
    text = ARTICLE * 3 + "Café owners said “enough”.\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(mark + text.encode(encoding))
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0, result.stderr
    [record] = records(result.stdout)
    assert record["encoding"].replace("_", "-").startswith(encoding[:6])
    assert [place["name"] for place in record["places"]] == ["Leeds"]
    assert "not UTF-8; decoded as" in result.stderr


def test_binary_file_with_nul_bytes_is_still_binary(tmp_path: Path):
    (tmp_path / "image.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "ok.txt").write_text(ARTICLE)
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"extract: error: {tmp_path / 'image.bin'}: binary file (contains NUL bytes), skipped"
    ]
    assert len(records(result.stdout)) == 1


def test_an_undecodable_file_name_is_escaped_in_source(tmp_path: Path):
    folder = os.fsencode(tmp_path)
    try:
        with open(folder + b"/\xff\xfe.txt", "wb") as file:
            file.write(ARTICLE.encode())
    except OSError:
        pytest.skip("this file system refuses undecodable names")
    out = tmp_path / "out.jsonl"
    result = invoke("-o", str(out), str(tmp_path))
    assert result.exit_code == 0, result.stderr
    [record] = records(out.read_text(encoding="utf-8"))
    assert record["source"] == f"{tmp_path}/\\xff\\xfe.txt"


def test_jsonl_error_keeps_line_and_column(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "One."}\n{"text": "Two\n{"text": "Three."}\n', encoding="utf-8")
    result = invoke(str(path))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"extract: error: {path}:2: not a JSON object: Unterminated string starting at: column 10"
    ]
    assert [record["source"] for record in records(result.stdout)] == [f"{path}:1", f"{path}:3"]


def test_jsonl_text_with_lone_surrogates_and_line_separators_is_kept(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    # A JSON escape of half a surrogate pair, and a raw line separator inside a string.
    path.write_text(
        '{"id": "a\\ud800", "text": "Leeds\u2028said\\ud83d hi."}\n{"text": "Two."}\n',
        encoding="utf-8",
    )
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0, result.stderr
    first, second = records(result.stdout)
    assert (first["id"], first["source"], second["source"]) == ("a\ufffd", f"{path}:1", f"{path}:2")
    assert "1 lone surrogate escapes replaced by U+FFFD" in result.stderr


def test_count_inputs_counts_files_and_jsonl_lines(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("")
    (tmp_path / "sub" / "batch.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{bad\n')
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    assert count_inputs([str(tmp_path)]) == 5
    assert count_inputs([str(tmp_path / "a.txt"), str(tmp_path / "sub")]) == 5
    assert count_inputs([str(tmp_path), "-"]) is None


def test_progress_shows_the_total_and_passes_every_result_on(tmp_path: Path):
    events = [cli_utils.PiecesDone("huge.txt", done, 3) for done in (1, 3)]
    results = list(cli_utils.with_progress(iter(events), total=2))
    assert results == events


# --- output -----------------------------------------------------------------------------------


def test_output_into_a_missing_folder_fails_before_any_work(tmp_path: Path, no_model_load):
    target = tmp_path / "missing" / "out.jsonl"
    result = invoke("-o", str(target), "-", stdin=ARTICLE)
    assert result.exit_code == 2
    assert result.stderr == f"extract: error: cannot write {target}: No such file or directory\n"


def test_output_below_a_file_fails_before_any_work(tmp_path: Path, no_model_load):
    (tmp_path / "file").write_text("")
    result = invoke("-o", str(tmp_path / "file" / "out.jsonl"), "-", stdin=ARTICLE)
    assert result.exit_code == 2
    assert result.stderr.endswith("Not a directory\n")
    assert len(result.stderr.splitlines()) == 1


def test_a_second_run_on_the_same_output_is_refused(tmp_path: Path, no_model_load):
    """Runs writing one -o file take an exclusive lock: the second fails at once, the first's
    records stay whole."""
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "same.jsonl"
    out.write_text('{"first": "run"}\n')
    with out.open("a") as first_run:
        fcntl.flock(first_run, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = invoke("-o", str(out), "-", stdin=ARTICLE)
    assert result.exit_code == 2
    assert result.stderr == (
        f"extract: error: {out} is being written by another run; choose another -o\n"
    )
    assert out.read_text() == '{"first": "run"}\n'


def test_the_lock_is_released_and_the_file_replaced(tmp_path: Path):
    out = tmp_path / "same.jsonl"
    out.write_text("old content that is longer than one record would be\n" * 100)
    for _ in range(2):
        result = invoke("-o", str(out), "-", stdin=ARTICLE)
        assert result.exit_code == 0, result.stderr
    assert len(records(out.read_text())) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_is_one_line_and_exit_1(tmp_path: Path):
    result = invoke("-o", "/dev/full", "-", stdin=ARTICLE)
    assert result.exit_code == 1
    assert result.stderr == "extract: error: cannot write /dev/full: No space left on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists() or not EXTRACT, reason="no /dev/full here")
def test_standard_output_on_a_full_disk_is_one_line_and_exit_1(tmp_path: Path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [EXTRACT, str(source)], stdout=full, stderr=subprocess.PIPE, text=True, check=False
        )
    assert done.returncode == 1
    assert done.stderr == "extract: error: cannot write standard output: No space left on device\n"


# --- model and jobs ---------------------------------------------------------------------------


@pytest.fixture
def blank_pipeline(tmp_path: Path) -> Path:
    folder = tmp_path / "blank"
    spacy.blank("en").to_disk(folder)
    return folder


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("TMP", "TMP is not a spaCy pipeline (no readable meta.json)"),
        ("spacy", "spacy is not a spaCy pipeline (no readable meta.json)"),
        ("click", "click is not a spaCy pipeline (no readable meta.json)"),
        ("BLANK", "spaCy pipeline BLANK has no parser and no ner"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_model_that_is_no_english_pipeline_is_a_usage_error_before_any_work(
    tmp_path: Path, blank_pipeline: Path, no_model_load, model, message, jobs
):
    names = {"TMP": str(tmp_path), "BLANK": str(blank_pipeline)}
    out = tmp_path / "kept.jsonl"
    out.write_text("kept\n")
    result = invoke(
        "-j", jobs, "--model", names.get(model, model), "-o", str(out), "-", stdin=ARTICLE
    )
    assert result.exit_code == 2
    assert f"Invalid value for --model: {message.replace(model, names.get(model, model))}" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert out.read_text() == "kept\n"


def test_jobs_above_the_cores_warn_once(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("cli.available_cores", lambda: 1)
    for number in range(3):
        (tmp_path / f"{number}.txt").write_text(ARTICLE)
    result = invoke("--jsonl", "-j", "2", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "extract: warning: --jobs 2 is more than the 1 cores here\n"
    assert len(records(result.stdout)) == 3


# --- permissions: root reads through mode 000, so these run as nobody -------------------------


def _as_nobody() -> list[str]:
    """The command prefix that runs `extract` without root's read-through-anything rights."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None or EXTRACT is None:
        pytest.skip("running as root without setpriv: cannot drop the right to read anything")
    prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    check = subprocess.run([*prefix, EXTRACT, "--version"], capture_output=True, check=False)
    if check.returncode != 0:
        pytest.skip("the user nobody cannot run the installed extract here")
    return prefix


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temporary folder another user may read (pytest's own is private to the user)."""
    folder = Path(tempfile.mkdtemp(prefix="extract-faults-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(folder)


def _run_unprivileged(*args: str) -> subprocess.CompletedProcess:
    prefix = _as_nobody()
    command = [*prefix, EXTRACT or "extract", "--jsonl", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")


def test_an_unreadable_subfolder_is_one_line_and_the_batch_goes_on(shared_tmp: Path):
    for name in ("a", "b", "c", "d"):
        (shared_tmp / name).mkdir()
        (shared_tmp / name / "article.txt").write_text(ARTICLE)
        (shared_tmp / name / "article.txt").chmod(0o644)
        (shared_tmp / name).chmod(0o755)
    (shared_tmp / "b").chmod(0o000)
    (shared_tmp / "d").chmod(0o444)  # listed, but its files cannot be looked at
    done = _run_unprivileged(str(shared_tmp))
    assert done.returncode == 1
    assert done.stderr == (
        f"extract: error: {shared_tmp / 'b'}: cannot read folder: Permission denied\n"
        f"extract: error: {shared_tmp / 'd' / 'article.txt'}: cannot read: Permission denied\n"
    )
    assert [record["source"] for record in records(done.stdout)] == [
        str(shared_tmp / "a" / "article.txt"),
        str(shared_tmp / "c" / "article.txt"),
    ]


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_an_unreadable_file_named_on_the_command_line_is_reported_and_the_rest_done(
    shared_tmp: Path, locked: str
):
    """A file without read rights, or in a folder that cannot be looked into."""
    readable = shared_tmp / "ok.txt"
    (shared_tmp / "closed").mkdir()
    unreadable = shared_tmp / ("secret.txt" if locked == "file" else "closed/secret.txt")
    for path in (readable, unreadable):
        path.write_text(ARTICLE)
        path.chmod(0o644)
    (unreadable if locked == "file" else shared_tmp / "closed").chmod(0o000)
    done = _run_unprivileged(str(unreadable), str(readable))
    assert done.returncode == 1
    assert done.stderr == f"extract: error: {unreadable}: cannot read: Permission denied\n"
    assert [record["source"] for record in records(done.stdout)] == [str(readable)]


def test_a_path_that_does_not_exist_is_still_a_usage_error(tmp_path: Path):
    result = invoke(str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_output_into_an_unwritable_folder_fails_before_any_work(shared_tmp: Path):
    source, locked = shared_tmp / "a.txt", shared_tmp / "locked"
    source.write_text(ARTICLE)
    source.chmod(0o644)
    locked.mkdir()
    locked.chmod(0o555)
    done = _run_unprivileged("-o", str(locked / "out.jsonl"), str(source))
    assert done.returncode == 2
    assert (
        done.stderr == f"extract: error: cannot write {locked / 'out.jsonl'}: Permission denied\n"
    )
    assert not (locked / "out.jsonl").exists()


def _die(batch):
    os._exit(3)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers must inherit the patched task"
)
def test_workers_that_die_are_one_line_and_exit_1(tmp_path: Path, monkeypatch):
    """A worker killed mid-run (out of memory, say) ends the run with one line, not a traceback;
    results already written stay."""
    monkeypatch.setattr(cli_utils, "_work_in_worker", _die)
    monkeypatch.setattr("cli.available_cores", lambda: 2)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = invoke("--jsonl", "-j", "2", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr == (
        "extract: error: a worker process stopped (out of memory, or the model failed to load)\n"
    )
