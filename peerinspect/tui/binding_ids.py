"""Every binding id the app has, on any screen or widget: what a keymap may name."""

from __future__ import annotations

import importlib
import pkgutil

from textual.dom import DOMNode

from . import screens, widgets


def binding_ids() -> frozenset[str]:
    """Every screen and widget module is imported first: most are imported only when first opened."""
    for package in (screens, widgets):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    ids = set()
    pending = [DOMNode]
    while pending:
        node_class = pending.pop()
        pending.extend(node_class.__subclasses__())
        ids.update(binding.id for binding in node_class.__dict__.get("BINDINGS", ()) if getattr(binding, "id", None))
    return frozenset(ids)
