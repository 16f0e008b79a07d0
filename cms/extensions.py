"""Extension points: how a lower layer uses what a higher one knows without importing it.

The lower layer declares a `Registry` where it needs the knowledge (for example the skills tracker's sources of
evidence); the higher layer adds its contribution from its `AppConfig.ready()`. Imports run one way, and each
extension point lists, in one place, what plugs into it (docs/architecture.md)."""

from collections.abc import Callable, Iterator
from typing import Any


class Registry:
    """Contributions to one extension point, in the order given by `order` (then registration)."""

    def __init__(self, purpose: str):
        self.purpose = purpose
        self._entries: list[tuple[int, int, Any]] = []

    def register(self, contribution: Callable | None = None, *, order: int = 100):
        """Add `contribution`; usable as a decorator, with or without `order`."""
        if contribution is None:
            return lambda function: self.register(function, order=order)
        self._entries.append((order, len(self._entries), contribution))
        self._entries.sort(key=lambda entry: entry[:2])
        return contribution

    def __iter__(self) -> Iterator[Any]:
        return iter([contribution for _order, _position, contribution in self._entries])

    def __repr__(self) -> str:
        return f"<Registry: {self.purpose}>"
