"""What the entity matcher finds: mentions of entities in sentences, and entities it proposes."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model.registry import Entity


@dataclass(frozen=True)
class Mention:
    """Words of a sentence that name an entity (a registered one, or one proposed)."""

    start: int            # offsets in the article
    end: int
    spelled: str          # as the article spells it
    entity: str           # registry id or proposed id
    kind: str
    how: str              # name, near-spelling, descriptor, reference, proposed
    proper: bool          # a proper name (for `names:`), not "the refinery" or "gold"


@dataclass
class Proposal:
    """An entity the article names and the registry lacks."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    line: int = 0
    near: str | None = None     # a registered entity with a similar spelling, for the reviewer

    def entity(self) -> Entity:
        note = f"proposed by factcheck new from line {self.line} of the article"
        if self.near:
            note += f"; the registry has a similar spelling: {self.near}"
        return Entity(id=self.id, name=self.name, kind=self.kind, aliases=tuple(self.aliases), description=note)
