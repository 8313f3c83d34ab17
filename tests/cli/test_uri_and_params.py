"""What the command prints about where the server is and what a question was given: a
password written into --uri never appears, and a number a question cannot take is one line
with the fix, the same line on both backends."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from graph_fixtures import world

from graphbuild.backends.embedded import write_graph
from graphbuild.backends.neo4j.backend import Neo4jBackend
from graphbuild.backends.neo4j.connection import _explain
from graphbuild.backends.neo4j.settings import Neo4jSettings, redact_uri
from graphbuild.cli import cli

SECRET = "Hush-9f3/k@p"  # a "/" and an "@" in it, as a password may have


@pytest.mark.parametrize(
    ("uri", "shown"),
    [
        (f"bolt://neo4j:{SECRET}@db.example:7687", "bolt://neo4j:***@db.example:7687"),
        (f"neo4j+s://reader:{SECRET}@db.example", "neo4j+s://reader:***@db.example"),
        ("bolt://neo4j@db.example:7687", "bolt://neo4j@db.example:7687"),
        ("bolt://db.example:7687", "bolt://db.example:7687"),
        ("not a uri", "not a uri"),
    ],
)
def test_a_password_in_a_uri_is_redacted(uri, shown):
    assert redact_uri(uri) == shown
    assert Neo4jBackend(Neo4jSettings(uri=uri)).describe() == f"Neo4j {shown} (neo4j)"


@pytest.mark.parametrize("command", [["stats"], ["query", "alliances"], ["load", "-", "--json"], ["actors"]])
def test_a_password_in_the_uri_is_never_printed(command):
    uri = f"bolt://neo4j:{SECRET}@127.0.0.1:7702"
    result = CliRunner().invoke(
        cli, [*command, "--backend", "neo4j", "--uri", uri], input="Acme sued Borealis.", env={"NEO4J_PASSWORD": "pw"}
    )
    assert result.exit_code == 1
    assert SECRET not in result.output and "Hush" not in result.output
    assert result.stderr == (
        "Error: The Neo4j URI bolt://neo4j:***@127.0.0.1:7702 holds a user or password, which Neo4j drivers do not "
        "take from it. Give the server alone, --uri bolt://127.0.0.1:7702, and the password in NEO4J_PASSWORD (the "
        "user in NEO4J_USER).\n"
    )


def test_a_driver_error_quoting_the_uri_or_the_password_is_scrubbed():
    settings = Neo4jSettings(uri=f"bolt://u:{SECRET}@h:1", password="another-Secret-1")
    error = _explain(RuntimeError(f"failed on {settings.uri} as u/another-Secret-1 ({SECRET})"), settings)
    assert SECRET not in str(error) and "another-Secret-1" not in str(error)
    assert str(error) == "Neo4j at bolt://u:***@h:1 failed: failed on bolt://u:***@h:1 as u/*** (***)"


BAD_LIMITS = {
    "99999999999999999999": "takes a whole number up to 9,223,372,036,854,775,807, got '99999999999999999999': "
    "give a smaller one.",
    "-1": "takes a whole number of 0 or more, got '-1'.",
    "ten": "takes a whole number, got 'ten': give digits, as in -p limit=10.",
    "2.5": "takes a whole number, got '2.5': give digits, as in -p limit=10.",
    "": "takes a whole number, got '': give digits, as in -p limit=10.",
}


def _ask(env: dict, *params: str):
    return CliRunner().invoke(cli, ["query", "alliances", "--json", *(f"-p{p}" for p in params)], env=env)


@pytest.mark.neo4j
def test_a_number_a_question_cannot_take_is_one_line_the_same_on_both_backends(neo4j_env, neo4j_driver, tmp_path):
    from graphbuild.backends.neo4j.writer import write_neo4j

    graph = tmp_path / "g.json"
    write_graph(world(), graph)
    write_neo4j(neo4j_driver, world())
    backends = {"embedded": {"GRAPHBUILD_GRAPH": str(graph)}, "neo4j": neo4j_env}
    for value, message in BAD_LIMITS.items():
        for name, env in backends.items():
            result = _ask(env, f"limit={value}")
            assert (result.exit_code, result.stderr) == (1, f"Error: Parameter 'limit' {message}\n"), name
    # the largest number Neo4j stores is taken, and answers as no limit does, on both
    answers = {name: _ask(env, "limit=9223372036854775807") for name, env in backends.items()}
    assert all(a.exit_code == 0 and a.stdout for a in answers.values())
    assert answers["embedded"].stdout == answers["neo4j"].stdout == _ask(backends["neo4j"], "limit=1000").stdout
