"""Compiled speed-ups: the modules below are compiled to C with mypyc when transflow is installed.

They are plain, strictly typed Python, and the same source runs uncompiled: mypyc only makes it
faster (about 1.3-1.6x on reading, merging and writing catalogs, segmenting and checking; see
bench/RESULTS.md). ``TRANSFLOW_PURE_PYTHON=1 pip install -e .`` installs without compiling, for
a machine without a C compiler or for stepping through the code, and removes the compiled files
an earlier editable install left beside the sources. Every other setting is in pyproject.toml.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import setup

# Modules whose time goes to their own Python code rather than a library's (profiled with the
# benchmark corpus), under src/transflow.
COMPILED = (
    "article/blocks.py",
    "article/inline.py",
    "article/segment.py",
    "catalog/extract.py",
    "catalog/linebreak.py",
    "catalog/merge.py",
    "catalog/model.py",
    "catalog/pofile.py",
    "catalog/powrite.py",
    "qa/checks.py",
    "qa/findings.py",
    "qa/glossary.py",
    "qa/markup.py",
    "qa/months.py",
    "qa/numbers.py",
    "qa/run.py",
    "report/coverage.py",
)
SOURCE = Path(__file__).resolve().parent / "src"


def pure_python() -> bool:
    return os.environ.get("TRANSFLOW_PURE_PYTHON", "") not in ("", "0")


def ext_modules() -> list[object]:
    if pure_python():
        # An editable install builds in place: compiled modules left there would shadow the
        # sources they came from.
        for built in [*SOURCE.glob("*__mypyc*.so"), *(SOURCE / "transflow").rglob("*.so")]:
            built.unlink()
        return []
    from mypyc.build import mypycify

    # The build environment holds setuptools and mypy, not transflow's dependencies: mypyc reads
    # their types as Any (the compiled code treats their values as plain objects either way), so
    # it runs without the project's strict settings, which `mypy` applies in development.
    options = ["--config-file=", "--ignore-missing-imports"]
    paths = [f"src/transflow/{name}" for name in COMPILED]
    return list(mypycify(options + paths, opt_level="3", target_dir=".mypyc-build"))


if __name__ == "__main__":
    setup(ext_modules=ext_modules())
