"""Parts on the local engine (`extract -o FOLDER/`): planning, errors, formats, usage."""

from __future__ import annotations

import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import fsspec
import pytest
from click.testing import CliRunner

from cli import main
from extract import parts
from extract.distributed import extract_many_locally, finish_run, plan_run, wants_parts
from extract.part_folder import extract_part
from extract.parts import plan_parts, read_part

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mixed_inputs(tmp_path: Path) -> list[str]:
    """A folder with a text file, a binary file and a .jsonl file with a bad line and a gap."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = (SAMPLES / "referendum_results.txt").read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    lines = [json.dumps({"id": str(n), "text": f"Polls closed on Friday {n}."}) for n in range(5)]
    write_jsonl(folder / "c.jsonl", [*lines[:2], "{oops", "", *lines[2:]])
    return [str(folder)]


def test_local_engine_parts_equal_jsonl_output_and_errors_go_to_the_errors_file(
    tmp_path: Path, mixed_inputs: list[str]
):
    runner = CliRunner()
    streamed = runner.invoke(main, ["--jsonl", *mixed_inputs])
    out = tmp_path / "out"
    command = ["-j", "2", "--files-per-task", "2", "-o", f"{out}/", *mixed_inputs]
    in_parts = runner.invoke(main, command)
    assert (streamed.exit_code, in_parts.exit_code) == (1, 1)
    files = sorted(out.glob("part-*.jsonl"))
    assert [line for part in files for line in part.read_text().splitlines()] == (
        streamed.stdout.splitlines()
    )
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [f"extract: error: {e['source']}: {e['message']}" for e in errors] == [
        line for line in streamed.stderr.splitlines() if "error:" in line
    ]
    assert [error["source"] for error in errors] == [
        f"{mixed_inputs[0]}/b.bin",
        f"{mixed_inputs[0]}/c.jsonl:3",
    ]
    listed = json.loads((out / "_manifest.json").read_text())
    assert [part["inputs"] for part in listed["parts"]] == [
        [f"{mixed_inputs[0]}/a.txt", f"{mixed_inputs[0]}/b.bin"],
        [f"{mixed_inputs[0]}/c.jsonl:1-2"],
        [f"{mixed_inputs[0]}/c.jsonl:3-5"],
        [f"{mixed_inputs[0]}/c.jsonl:6-7"],
    ]
    assert [(part["articles"], part["errors"]) for part in listed["parts"]] == [
        (1, 1),
        (2, 0),
        (1, 1),
        (2, 0),
    ]


@pytest.mark.parametrize(
    ("per_part", "max_bytes", "expected"),
    [
        (3, 10**9, [["1.txt", "2.txt", "3.txt"], ["4.txt"], ["big.jsonl:1-3"], ["big.jsonl:4-4"]]),
        (10, 10**9, [["1.txt", "2.txt", "3.txt", "4.txt", "big.jsonl:1-4"]]),
        # A part closes at the size cap too; a slice that is larger on its own stays whole.
        (10, 250, [["1.txt", "2.txt"], ["3.txt", "4.txt"], ["big.jsonl:1-2"], ["big.jsonl:3-4"]]),
    ],
)
def test_parts_are_cut_by_article_count_and_by_size(
    tmp_path: Path, monkeypatch, per_part: int, max_bytes: int, expected: list[list[str]]
):
    monkeypatch.setattr(parts, "MAX_PART_BYTES", max_bytes)
    for number in range(1, 5):
        (tmp_path / f"{number}.txt").write_text("x" * 100)
    texts = [json.dumps({"text": "y" * 120}) for _ in range(4)]
    write_jsonl(tmp_path / "big.jsonl", [texts[0], texts[1], texts[2], texts[3]])
    planned = plan_parts([str(tmp_path)], per_part)
    assert [[label.removeprefix(f"{tmp_path}/") for label in part.labels] for part in planned] == (
        expected
    )
    read = [item.source for part in planned for item in read_part(part)]
    assert read[-4:] == [f"{tmp_path}/big.jsonl:{line}" for line in range(1, 5)]


def test_csv_parts_hold_the_rows_of_format_csv_each_with_its_header(tmp_path: Path):
    runner = CliRunner()
    streamed = runner.invoke(main, ["--format", "csv", str(SAMPLES)]).stdout.splitlines()
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["--format", "csv", "--files-per-task", "4", "-o", f"{out}/", str(SAMPLES)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("part-*.csv"))
    assert len(files) == 2
    rows = [file.read_text(encoding="utf-8").splitlines() for file in files]
    assert rows[0][0] == rows[1][0] == streamed[0]
    assert rows[0][1:] + rows[1][1:] == streamed[1:]


@pytest.mark.parametrize(
    ("output", "output_format", "engine", "resume", "expected"),
    [
        ("out.jsonl", None, "local", False, False),
        ("out/", None, "local", False, True),
        ("out/", "json", "local", False, False),  # not a parts format: the single-file writer's
        ("s3://bucket/out", "jsonl", "local", False, True),
        ("out.jsonl", None, "dask", False, True),
        ("out", "parquet", "local", False, True),
        ("out", None, "local", True, True),
        (None, None, "local", False, False),
    ],
)
def test_which_runs_are_runs_in_parts(output, output_format, engine, resume, expected):
    assert wants_parts(output, output_format, engine=engine, resume=resume) is expected


def test_an_existing_folder_is_a_run_in_parts_when_empty_or_holding_parts(tmp_path: Path):
    assert wants_parts(str(tmp_path), None, engine="local", resume=False)
    (tmp_path / "notes.txt").write_text("mine")
    assert not wants_parts(str(tmp_path), None, engine="local", resume=False)
    (tmp_path / "_manifest.json").write_text("{}")
    assert wants_parts(str(tmp_path), None, engine="local", resume=False)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "parquet", "samples"], "needs -o FOLDER"),
        (["--engine", "dask", "-o", "out/", "-"], "not standard input"),
        (["--scheduler", "tcp://127.0.0.1:1", "-o", "out/", "samples"], "needs --engine dask"),
        (["--engine", "dask", "--format", "table", "-o", "out/", "samples"], "takes --format"),
    ],
)
def test_usage_errors_of_runs_in_parts(arguments: list[str], message: str):
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 2
    assert message in result.stderr


def test_dask_engine_without_the_extra_is_exit_2_with_one_install_line(tmp_path: Path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "distributed" else real(name, *a),
    )
    result = CliRunner().invoke(main, ["--engine", "dask", "-o", str(tmp_path), str(SAMPLES)])
    assert result.exit_code == 2
    assert result.stderr == (
        "extract: error: --engine dask needs the dask extra: pip install 'extract-facts[dask]'\n"
    )
    assert not list(tmp_path.iterdir())


def test_the_steps_of_the_spark_recipe_give_the_same_folder(tmp_path: Path, extractor):
    """Plan on the driver, `extract_part` wherever (here in turn), finish from the notes."""
    plan = plan_run([str(SAMPLES)], str(tmp_path / "spark"), "jsonl", files_per_task=4)
    for part in plan.todo:
        extract_part(extractor, part, plan.folder)
    summary = finish_run(plan, read_notes=True)
    assert (summary.parts, summary.articles, summary.errors) == (2, 7, 0)
    local = extract_many_locally([str(SAMPLES)], str(tmp_path / "local"), files_per_task=4)
    assert local.articles == 7
    for name in ("part-000000.jsonl", "part-000001.jsonl", "_manifest.json"):
        assert (tmp_path / "spark" / name).read_text() == (tmp_path / "local" / name).read_text()


def test_an_unreadable_jsonl_file_is_an_error_of_its_part(tmp_path: Path, monkeypatch):
    locked = write_jsonl(tmp_path / "locked.jsonl", [json.dumps({"text": "Hello."})])

    def refuse(location, *args, **kwargs):
        raise PermissionError(13, "Permission denied", location)

    monkeypatch.setattr(fsspec, "open", refuse)
    planned = plan_parts([str(locked)])
    assert [part.labels for part in planned] == [[str(locked)]]
    assert [item.message for part in planned for item in read_part(part)] == [
        "cannot read: Permission denied"
    ]


class _Page(BaseHTTPRequestHandler):
    def do_GET(self):
        body = (SAMPLES / "referendum_results.txt").read_text(encoding="utf-8")
        paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
        page = f"<html><body><article>{paragraphs}</article></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args):
        pass


def test_a_web_page_url_is_an_input_of_a_part(tmp_path: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/vote.html"
    try:
        streamed = CliRunner().invoke(main, ["--jsonl", url])
        in_parts = CliRunner().invoke(main, ["-o", f"{tmp_path}/", url])
    finally:
        server.shutdown()
    assert (streamed.exit_code, in_parts.exit_code) == (0, 0)
    record = json.loads((tmp_path / "part-000000.jsonl").read_text())
    assert record == json.loads(streamed.stdout)
    assert record["source"] == url and record["quotes"]
