"""Our SARIF passes Microsoft's SARIF validator, with GitHub code scanning's ingestion rules turned on.

The validator is the npm package @microsoft/sarif-multitool. It is found through
the FACTCHECK_SARIF_MULTITOOL environment variable, then `sarif-multitool` on
PATH, then <repo>/.ci/node_modules/.bin/; failing those, and if npm is here, it
is installed into a temporary folder for this test session. The test is skipped
only when Node.js is not installed at all.

The validator exits 0 even when it finds errors, so the test reads its SARIF
output. A deliberately broken copy must produce errors, which shows the
validator really checked something.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from factcheck.project import check_project, open_project
from factcheck.reporters import sarif

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "reporting"
PACKAGE = "@microsoft/sarif-multitool"
ALLOWED_WARNINGS = {"SARIF2005"}   # "provide informationUri": factcheck has no public home page to name yet


def _native(tool: str) -> str:
    """The npm shim runs the real binary through a shell; call the binary itself, so `;` needs no quoting."""
    if not os.path.realpath(tool).endswith(".js"):
        return tool
    package = Path(os.path.realpath(tool)).parent
    found = subprocess.run(["node", "-p", "require(process.argv[1])", str(package)], capture_output=True,
                           text=True, timeout=60)
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else tool


@pytest.fixture(scope="session")
def multitool(tmp_path_factory) -> str:
    if not shutil.which("node"):
        pytest.skip("Node.js is not installed: the SARIF validator (@microsoft/sarif-multitool) runs from npm")
    candidates = [os.environ.get("FACTCHECK_SARIF_MULTITOOL"), shutil.which("sarif-multitool"),
                  str(REPO / ".ci" / "node_modules" / ".bin" / "sarif-multitool")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return _native(candidate)
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("node is installed but npm is not, and no sarif-multitool was found: set "
                    "FACTCHECK_SARIF_MULTITOOL or run: npm install --prefix .ci " + PACKAGE)
    prefix = tmp_path_factory.mktemp("sarif-multitool")
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), PACKAGE],
                          capture_output=True, text=True, timeout=600)
    tool = prefix / "node_modules" / ".bin" / "sarif-multitool"
    if done.returncode != 0 or not tool.exists():
        pytest.fail(f"could not install {PACKAGE} with npm:\n{done.stderr[-2000:]}")
    return _native(str(tool))


def validate(tool: str, log: Path) -> list[dict]:
    """Run the validator on `log`; return its results (each with ruleId, level and message)."""
    out = log.with_suffix(".validation.sarif")
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    done = subprocess.run([tool, "validate", str(log), "--output", str(out), "--log", "ForceOverwrite",
                           "--rule-kind", "Sarif;Gh", "--level", "Error;Warning;Note"],
                          capture_output=True, text=True, timeout=300, env=env, cwd=log.parent)
    assert done.returncode == 0 and out.exists(), f"the validator failed to run:\n{done.stdout}\n{done.stderr}"
    (run,) = json.loads(out.read_text(encoding="utf-8-sig"))["runs"]
    results = run.get("results", [])
    for result in results:
        result.setdefault("level", "warning")   # SARIF's default level
    return results


def _report(name: str, tmp_path: Path, *, break_claim: bool = False):
    root = FIXTURES / name
    if break_claim:
        root = tmp_path / "broken"
        shutil.copytree(FIXTURES / "with-findings", root)
        path = root / "claims" / "undated-blog.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("value: 200 t/yr", "value: 200 furlongs"),
                        encoding="utf-8")
    report = check_project(open_project(start=root))
    log = tmp_path / f"{name}.sarif"
    log.write_text(sarif.render(report), encoding="utf-8")
    return report, log


def _errors_and_warnings(results: list[dict]) -> tuple[list[str], list[str]]:
    def text(r):
        return f"{r['ruleId']}: {r['message'].get('text') or r['message'].get('arguments')}"
    errors = [text(r) for r in results if r["level"] == "error"]
    warnings = [text(r) for r in results if r["level"] == "warning" and r["ruleId"] not in ALLOWED_WARNINGS]
    return errors, warnings


@pytest.mark.parametrize("name", ["with-findings", "clean"])
def test_sarif_passes_the_validator(name, multitool, tmp_path):
    report, log = _report(name, tmp_path)
    errors, warnings = _errors_and_warnings(validate(multitool, log))
    assert errors == [] and warnings == []
    assert len(json.loads(log.read_text(encoding="utf-8"))["runs"][0]["results"]) == len(report.findings)


def test_sarif_with_input_problems_passes_the_validator(multitool, tmp_path):
    report, log = _report("broken", tmp_path, break_claim=True)
    assert report.problems
    errors, warnings = _errors_and_warnings(validate(multitool, log))
    assert errors == [] and warnings == []


def test_the_validator_catches_a_broken_log(multitool, tmp_path):
    _, log = _report("with-findings", tmp_path)
    data = json.loads(log.read_text(encoding="utf-8"))
    result = data["runs"][0]["results"][0]
    del result["locations"]                      # GitHub requires a location
    result["ruleIndex"] = 99                     # no such rule
    log.write_text(json.dumps(data), encoding="utf-8")
    errors, _ = _errors_and_warnings(validate(multitool, log))
    assert any(e.startswith("SARIF1009") for e in errors) and any(e.startswith("GH") for e in errors)
