"""State changes declared as tables: for each model whose records move through states, one dict
{action: Transition} beside the model says from which states each action leaves, where it goes, and which side
takes it. The services take the steps by the table, and the apps' permissions (rules.py) allow them by it
(docs/architecture.md)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    """`sources`: the states the action leaves from; `target`: the state it leaves the record in (None: the state
    stays, as a comment leaves a review's); `side`: who takes it, a side of the record ("learner", "mentor",
    "either", "owner") or "system" (a background task, or another step that brings it along)."""

    sources: frozenset[str]
    target: str | None
    side: str

    def allows(self, state: str) -> bool:
        return state in self.sources
