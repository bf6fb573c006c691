"""What ``pybabel update --previous`` does to each catalog, for all articles in one process.

    python bench/peer_babel.py OLD_DIR NEW_TEMPLATES_DIR OUT_DIR

OLD_DIR holds ``<lang>/<slug>.po``; each is merged with ``NEW_TEMPLATES_DIR/<slug>.pot`` and
written to ``OUT_DIR/<lang>/<slug>.po``. It runs in the peers' venv (it needs Babel) and shows
Babel's merge without the cost of starting one ``pybabel`` process per article.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po


def main() -> int:
    old_dir, templates, out_dir = (Path(a) for a in sys.argv[1:4])
    failures = 0
    for lang_dir in sorted(p for p in old_dir.iterdir() if p.is_dir()):
        (out_dir / lang_dir.name).mkdir(parents=True, exist_ok=True)
        for pot in sorted(templates.glob("*.pot")):
            try:
                with pot.open("rb") as handle:
                    template = read_po(handle)
                with (lang_dir / f"{pot.stem}.po").open("rb") as handle:
                    catalog = read_po(handle, locale=lang_dir.name, domain=pot.stem)
                catalog.update(template)
                with (out_dir / lang_dir.name / f"{pot.stem}.po").open("wb") as handle:
                    write_po(handle, catalog, include_previous=True)
            except Exception as exc:  # a peer's failure is counted, not fatal
                failures += 1
                print(f"{pot}: {exc}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
