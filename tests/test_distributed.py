"""Runs in parts (`-o FOLDER`): on a shared 2-worker Dask cluster, on the local engine, from and
to fsspec URLs. The records must be those of `extract --jsonl`, whatever the engine."""

from __future__ import annotations

import io
import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import fsspec
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from cli import main
from extract.cli_utils import ExtractorSettings, run
from extract.distributed import extract_many, extract_many_locally
from extract.facts import Article
from extract.inputs import iter_inputs
from extract.render import json_line

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=40
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def expected_lines(*paths: str | Path) -> list[str]:
    """What `extract --jsonl PATHS` prints, one record a line (errors left out)."""
    results = run(iter_inputs([str(path) for path in paths], io.BytesIO()), ExtractorSettings())
    return [json_line(result) for result in results if isinstance(result, Article)]


def part_lines(folder: Path, suffix: str = "jsonl") -> list[str]:
    return [
        line
        for part in sorted(folder.glob(f"part-*.{suffix}"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]


def manifest(folder: Path) -> dict:
    return json.loads((folder / "_manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample_lines() -> list[str]:
    return expected_lines(SAMPLES)


def test_dask_records_equal_extract_jsonl_and_the_manifest_lists_each_part(
    client, tmp_path, sample_lines
):
    summary = extract_many(str(SAMPLES), str(tmp_path), client=client, files_per_task=3)
    assert part_lines(tmp_path) == sample_lines
    assert (summary.parts, summary.articles, summary.errors, summary.resumed) == (3, 7, 0, 0)
    listed = manifest(tmp_path)
    assert [part["name"] for part in listed["parts"]] == [
        "part-000000.jsonl",
        "part-000001.jsonl",
        "part-000002.jsonl",
    ]
    assert listed["parts"][2] == {
        "name": "part-000002.jsonl",
        "inputs": [str(SAMPLES / "wire_reuters_grain_corridor.txt")],
        "articles": 1,
        "errors": 0,
    }
    assert (listed["articles"], listed["errors"], listed["format"]) == (7, 0, "jsonl")
    assert listed["model"].endswith(" 3.8.0") and listed["version"]
    assert (tmp_path / "_errors.jsonl").read_text() == ""


def test_rerun_overwrites_and_never_duplicates(client, tmp_path, sample_lines):
    extract_many(str(SAMPLES), str(tmp_path), client=client, files_per_task=2)
    assert len(list(tmp_path.glob("part-*"))) == 4
    extract_many(str(SAMPLES), str(tmp_path), client=client, files_per_task=3)
    assert len(list(tmp_path.glob("part-*"))) == 3  # part-000003 of the first run is gone
    assert part_lines(tmp_path) == sample_lines
    assert len(list((tmp_path / "_parts").iterdir())) == 3


def test_resume_on_the_command_line_skips_finished_parts(client, tmp_path, sample_lines):
    command = ["--engine", "dask", "--scheduler", client.scheduler.address]
    command += ["--files-per-task", "3", "-o", str(tmp_path), str(SAMPLES)]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    kept = tmp_path / "part-000000.jsonl"
    kept_before = kept.stat().st_mtime_ns
    (tmp_path / "part-000001.jsonl").unlink()  # as if the run had stopped before this part
    (tmp_path / "part-000002.jsonl").write_text("")  # a part file without its note
    (tmp_path / "_parts" / "part-000002.jsonl.json").unlink()
    second = CliRunner().invoke(main, [*command, "--resume"])
    assert second.exit_code == 0, second.output
    assert "7 articles in 3 parts (1 already done), 0 errors" in second.output
    assert kept.stat().st_mtime_ns == kept_before
    assert part_lines(tmp_path) == sample_lines
    assert manifest(tmp_path)["articles"] == 7


def test_a_worker_killed_mid_run_still_gives_complete_output(client, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for number in range(14):
        source = texts[number % len(texts)]
        (corpus / f"{number:02d}.txt").write_text(source.read_text(encoding="utf-8"))
    out = tmp_path / "out"
    with ThreadPoolExecutor(1) as background:
        running = background.submit(
            extract_many, str(corpus), str(out), client=client, files_per_task=1
        )
        _wait_for(lambda: any((out / "_parts").glob("*.json")))
        victim = next(iter(client.run(os.getpid).values()))
        os.kill(victim, signal.SIGKILL)
        summary = running.result(timeout=120)
    client.wait_for_workers(2, timeout=60)
    assert (summary.parts, summary.articles, summary.errors) == (14, 14, 0)
    assert part_lines(out) == expected_lines(corpus)
    assert not [path for path in out.iterdir() if path.name.startswith(".")]
    assert victim not in client.run(os.getpid).values()


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_parquet_round_trips_through_pyarrow(client, tmp_path, sample_lines):
    summary = extract_many(
        str(SAMPLES), str(tmp_path), client=client, format="parquet", files_per_task=4
    )
    assert summary.parts == 2
    table = pq.read_table(tmp_path)  # the whole folder: _manifest, _parts, _errors are skipped
    assert table.num_rows == 7
    assert table.schema.field("quotes").type.value_type.field("start").type == "int64"
    records = [json.loads(line) for line in sample_lines]
    # Every column is there in every row: a field a JSON record leaves out is null in Parquet.
    assert table.to_pylist() == [
        {name: record.get(name) for name in table.schema.names} for record in records
    ]
    assert set(table.schema.names) >= {key for record in records for key in record}


def test_file_urls_in_and_out_on_dask(client, tmp_path, sample_lines):
    out = tmp_path / "out"
    extract_many(SAMPLES.as_uri(), out.as_uri(), client=client, files_per_task=4)
    records = [json.loads(line) for line in part_lines(out)]
    assert [record["source"] for record in records] == [
        path.as_uri() for path in sorted(SAMPLES.glob("*.txt"))
    ]
    expected = [json.loads(line) for line in sample_lines]
    assert [record | {"source": None} for record in records] == [
        record | {"source": None} for record in expected
    ]


def test_memory_urls_in_and_out_on_the_local_engine(tmp_path):
    fs = fsspec.filesystem("memory")
    article = (SAMPLES / "referendum_results.txt").read_text(encoding="utf-8")
    lines = [json.dumps({"id": "a", "text": article}), "not json", "", json.dumps({"text": "Hi."})]
    fs.pipe("/in/articles.jsonl", ("\n".join(lines) + "\n").encode())
    fs.pipe("/in/.hidden.txt", b"skipped")
    summary = extract_many_locally("memory://in", "memory://out", files_per_task=1)
    assert (summary.parts, summary.articles, summary.errors) == (3, 2, 1)
    assert sorted(fs.ls("/out", detail=False)) == [
        "/out/_errors.jsonl",
        "/out/_manifest.json",
        "/out/_parts",
        "/out/part-000000.jsonl",
        "/out/part-000001.jsonl",
        "/out/part-000002.jsonl",
    ]
    first = json.loads(fs.cat("/out/part-000000.jsonl"))
    assert (first["id"], first["source"]) == ("a", "memory:///in/articles.jsonl:1")
    assert fs.cat("/out/part-000001.jsonl") == b""  # line 2 was an error
    assert json.loads(fs.cat("/out/_errors.jsonl")) == {
        "source": "memory:///in/articles.jsonl:2",
        "message": "not a JSON object: Expecting value: column 1",
    }
    inputs = [part["inputs"] for part in json.loads(fs.cat("/out/_manifest.json"))["parts"]]
    assert inputs == [
        ["memory:///in/articles.jsonl:1-1"],
        ["memory:///in/articles.jsonl:2-2"],
        ["memory:///in/articles.jsonl:3-4"],
    ]
    fs.rm(["/in", "/out"], recursive=True)
