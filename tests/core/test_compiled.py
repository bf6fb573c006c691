"""The modules setup.py compiles with mypyc are the ones running, and built from today's source.

An editable install compiles them in place, beside their sources, and Python then prefers the
compiled file: a source edited after the install would silently not run.
"""

from __future__ import annotations

import importlib
import os
import runpy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPILED: tuple[str, ...] = runpy.run_path(str(ROOT / "setup.py"), run_name="setup")["COMPILED"]
MODULES = ["transflow." + name.removesuffix(".py").replace("/", ".") for name in COMPILED]
PURE = os.environ.get("TRANSFLOW_PURE_PYTHON", "") not in ("", "0")


def test_the_compiled_modules_exist() -> None:
    for name in COMPILED:
        assert (ROOT / "src" / "transflow" / name).is_file(), name


@pytest.mark.skipif(PURE, reason="installed with TRANSFLOW_PURE_PYTHON=1")
@pytest.mark.parametrize("name", MODULES)
def test_module_runs_compiled_and_up_to_date(name: str) -> None:
    module = importlib.import_module(name)
    path = Path(str(module.__file__))
    assert path.suffix == ".so", f"{name} is not compiled: run `pip install -e .` again"
    source = ROOT / "src" / Path(*name.split(".")).with_suffix(".py")
    if path.parent == source.parent:  # an editable install: compiled beside the source
        assert path.stat().st_mtime >= source.stat().st_mtime, (
            f"{source.relative_to(ROOT)} changed after it was compiled: run `pip install -e .` "
            "again (or install with TRANSFLOW_PURE_PYTHON=1 while working on it)"
        )


@pytest.mark.parametrize("name", MODULES)
def test_frozen_dataclasses_of_compiled_modules_pickle_through_their_constructor(name: str) -> None:
    """Compiled by mypyc, a frozen dataclass cannot be unpickled field by field, so results
    could not come back from worker processes; each one defines __reduce__ (by_constructor)."""
    import dataclasses
    import inspect

    module = importlib.import_module(name)
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ != name or not dataclasses.is_dataclass(cls):
            continue
        if cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            assert "__reduce__" in vars(cls), f"{name}.{cls.__name__} lacks __reduce__"
