"""The command line: inputs, formats, exit codes and bad input, as a user meets them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from spans import assert_offsets

from cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SCHEMA = json.loads((ROOT / "extract" / "article.schema.json").read_text(encoding="utf-8"))

ARTICLE = (
    "Published: 3 March 2022\n\n"
    "The mayor of Leeds, Anna Berg, said on Tuesday that the bridge would reopen in May.\n\n"
    "“We have waited long enough,” Ms Berg told reporters.\n"
)


def invoke(*args: str, stdin: str | bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "leeds.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_file_to_jsonl_is_valid_and_offsets_hold(article_file: Path):
    result = invoke("--jsonl", str(article_file))
    assert result.exit_code == 0, result.stderr
    [article] = lines(result.stdout)
    jsonschema.validate(article, SCHEMA)
    assert article["source"] == str(article_file)
    assert_offsets(article, ARTICLE)


def test_jsonl_input_keeps_id_and_published(tmp_path: Path):
    records = [
        {"id": "a1", "text": ARTICLE, "published": "2022-03-03", "extra": 1},
        {"id": 7, "text": "Nothing happened here."},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = invoke(str(path), "--published", "2021-01-01")
    assert result.exit_code == 0, result.stderr
    first, second = lines(result.stdout)
    assert (first["id"], first["published"]["value"], first["published"]["origin"]) == (
        "a1",
        "2022-03-03",
        "input",
    )
    assert (second["id"], second["published"]["value"], second["published"]["origin"]) == (
        "7",
        "2021-01-01",
        "option",
    )


def test_bad_jsonl_line_is_an_error_and_the_rest_goes_on(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": "One."}\n{not json\n{"id": "x"}\n{"text": "Two."}\n')
    result = invoke(str(path))
    assert result.exit_code == 1
    assert len(lines(result.stdout)) == 2
    assert f"{path}:2: not a JSON object" in result.stderr
    assert f'{path}:3: needs a JSON object with a "text" or "html" string' in result.stderr


def test_stdin_is_read_when_no_path_or_dash(article_file: Path):
    for args in ([], ["-"]):
        result = invoke("--jsonl", *args, stdin=ARTICLE)
        assert result.exit_code == 0, result.stderr
        [article] = lines(result.stdout)
        assert article["source"] == "<stdin>"
        assert_offsets(article, ARTICLE)


def test_missing_path_is_a_usage_error_naming_it(tmp_path: Path):
    missing = tmp_path / "no-such-article.txt"
    result = invoke(str(missing))
    assert result.exit_code == 2
    assert "no-such-article.txt" in result.stderr
    assert result.stdout == ""


def test_unknown_option_is_a_usage_error():
    result = invoke("--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


@pytest.mark.parametrize("content", ["", "   \n\n\t  \n"])
def test_empty_file_warns_and_gives_an_empty_article(tmp_path: Path, content: str):
    path = tmp_path / "empty.txt"
    path.write_text(content)
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0
    assert f"extract: warning: {path}: empty file" in result.stderr
    [article] = lines(result.stdout)
    for field in ("quotes", "speakers", "dates", "percentages", "places"):
        assert article[field] == []


def test_binary_file_is_skipped_and_the_batch_goes_on(tmp_path: Path, article_file: Path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = invoke("--jsonl", str(binary), str(article_file))
    assert result.exit_code == 1
    assert f"extract: error: {binary}: binary file (contains NUL bytes), skipped" in result.stderr
    assert [a["source"] for a in lines(result.stdout)] == [str(article_file)]


def test_non_utf8_bytes_are_decoded_and_the_encoding_noted(tmp_path: Path):
    text = "Le ministre a déclaré que « la réforme » passera. Café crème, très français."
    path = tmp_path / "latin.txt"
    path.write_bytes((ARTICLE + text).encode("cp1252"))
    result = invoke("--jsonl", str(path))
    assert result.exit_code == 0
    [article] = lines(result.stdout)
    assert article["encoding"] != "utf-8"
    assert "not UTF-8; decoded as" in result.stderr
    assert_offsets(article, ARTICLE + text)


def test_unreadable_file_is_an_error_and_the_batch_goes_on(
    tmp_path: Path, article_file: Path, monkeypatch
):
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.")
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = invoke("--jsonl", str(locked), str(article_file))
    assert result.exit_code == 1
    assert f"extract: error: {locked}: cannot read: Permission denied" in result.stderr
    assert len(lines(result.stdout)) == 1


def test_folder_is_walked_sorted_skipping_dot_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second article.")
    (tmp_path / "a.txt").write_text("First article.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("Not an article.")
    result = invoke("--jsonl", str(tmp_path))
    assert result.exit_code == 0
    assert [a["source"] for a in lines(result.stdout)] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "two.txt"),
    ]


def test_json_format_is_an_object_for_one_and_an_array_for_several(article_file: Path):
    one = json.loads(invoke("--json", str(article_file)).stdout)
    assert one["source"] == str(article_file)
    several = json.loads(invoke("--format", "json", str(article_file), str(article_file)).stdout)
    assert [a["source"] for a in several] == [str(article_file)] * 2


def test_csv_format_has_one_row_per_fact(article_file: Path):
    result = invoke("--format", "csv", str(article_file))
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    article = lines(invoke("--jsonl", str(article_file)).stdout)[0]
    facts = len(article["quotes"]) + len(article["dates"]) + len(article["percentages"])
    facts += sum(len(place["mentions"]) for place in article["places"])
    assert len(rows) == facts
    for row in rows:
        assert ARTICLE[int(row["start"]) : int(row["end"])] == row["text"]


def test_table_format_is_plain_text_with_every_section(article_file: Path):
    result = invoke("--format", "table", str(article_file))
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for section in ("Quotes", "Speakers", "Dates", "Percentages", "Places"):
        assert section in result.stdout


def test_output_file_gets_the_results(tmp_path: Path, article_file: Path):
    target = tmp_path / "out.jsonl"
    result = invoke("-o", str(target), str(article_file))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert lines(target.read_text(encoding="utf-8"))[0]["source"] == str(article_file)


def test_jobs_give_the_same_results_in_input_order(tmp_path: Path):
    for number in range(6):
        (tmp_path / f"{number}.txt").write_text(ARTICLE.replace("Leeds", f"Leeds {number}"))
    serial = invoke("--jsonl", str(tmp_path))
    parallel = invoke("--jsonl", "-j", "2", str(tmp_path))
    assert parallel.exit_code == 0, parallel.stderr
    assert parallel.stdout == serial.stdout


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no samples folder")
def test_installed_command_on_the_samples_from_another_directory(tmp_path: Path):
    command = shutil.which("extract", path=str(Path(sys.executable).parent))
    assert command, "the extract console script is not installed"
    result = subprocess.run(
        [command, "--jsonl", str(SAMPLES)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    articles = lines(result.stdout)
    assert len(articles) == len(list(SAMPLES.glob("*.txt")))
    for article in articles:
        jsonschema.validate(article, SCHEMA)
        assert_offsets(article, Path(article["source"]).read_text(encoding="utf-8"))


def test_unknown_model_is_a_usage_error_naming_it(article_file: Path):
    result = invoke("--model", "xx_no_such_pipeline", str(article_file))
    assert result.exit_code == 2
    assert "xx_no_such_pipeline is not installed" in result.stderr
    assert result.stdout == ""
