"""Shared fixtures: a scratch factcheck project built from YAML strings."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


class ScratchProject:
    """A throwaway project folder: write files into it, then load or check it."""

    def __init__(self, root: Path):
        self.root = root
        (root / "claims").mkdir(parents=True, exist_ok=True)
        (root / "rules").mkdir(exist_ok=True)
        self.write("factcheck.toml", 'claims = "claims"\nrules = "rules"\nton = "metric"\n')
        self.write("claims/entities.yaml", "entities: {}\n")
        self.write("rules/predicates.yaml", "predicates: {}\n")

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def use_rule(self, rule_id: str) -> None:
        self.write(f"rules/{rule_id}.yaml", (REPO / "rules" / f"{rule_id}.yaml").read_text(encoding="utf-8"))

    def open(self):
        from factcheck.project import open_project

        return open_project(start=self.root)

    def check(self, **kwargs):
        from factcheck.project import check_project

        project = self.open()
        assert not project.problems, [p.render() for p in project.problems]
        return check_project(project, **kwargs)


def copy_bundled_project(root: Path) -> Path:
    """A copy of the bundled project at `root`: claims, registry, rules, and settings naming them."""
    for folder in ("claims", "rules"):
        (root / folder).mkdir(parents=True)
        for path in (REPO / folder).glob("*.yaml"):
            (root / folder / path.name).write_bytes(path.read_bytes())
    (root / "factcheck.toml").write_text('claims = "claims"\nrules = "rules"\n', encoding="utf-8")
    return root


@pytest.fixture
def bundled_copy():
    """`copy_bundled_project`, for tests that make several copies (one per hypothesis example)."""
    return copy_bundled_project


@pytest.fixture
def scratch(tmp_path: Path) -> ScratchProject:
    return ScratchProject(tmp_path / "project")
