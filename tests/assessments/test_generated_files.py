"""The files written from the engine's codes are committed as generated: the answers schema and
the reference data's vocabulary. Each must be what the generator writes today."""

import io

import pytest
from django.core.management import CommandError, call_command

from assessments.report.codes_export import generated_files


@pytest.mark.parametrize("path", list(generated_files()), ids=lambda p: p.name)
def test_the_committed_file_is_what_the_generator_writes(path):
    expected = generated_files()[path]
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.name} has drifted from the engine's codes: run `manage.py codes_export`"
    )


def test_the_check_fails_and_names_a_file_that_drifted(tmp_path, monkeypatch):
    stale = tmp_path / "answers.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(
        "assessments.management.commands.codes_export.generated_files",
        lambda: {stale: '{"enum": ["new"]}\n'},
    )
    with pytest.raises(CommandError, match="answers.schema.json"):
        call_command("codes_export", "--check", stdout=io.StringIO())
    call_command("codes_export", stdout=io.StringIO())
    assert stale.read_text(encoding="utf-8") == '{"enum": ["new"]}\n'
