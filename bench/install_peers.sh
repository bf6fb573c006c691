#!/usr/bin/env bash
# Install the tools transflow is measured against (idempotent; safe to rerun).
#
#   bash bench/install_peers.sh
#
# - GNU gettext (msgmerge, msgfmt) and po4a from Debian's packages (apt-get, needs root);
# - translate-toolkit (md2po, pot2po, po2md, pocount), mdpo (md2po, po2md) and Babel (pybabel)
#   from PyPI into their own venv, bench/.work/peers-venv, so the project's environment is
#   left alone (translate-toolkit and mdpo both install an `md2po`).
#
# Runtime on the 2-core benchmark machine: about 1-2 minutes from scratch (apt download and
# unpack, then pip wheels), a few seconds when everything is already there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
venv="$here/.work/peers-venv"
python=${PYTHON:-python3}

need_apt=()
command -v msgmerge >/dev/null 2>&1 || need_apt+=(gettext)
command -v po4a >/dev/null 2>&1 || need_apt+=(po4a)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade \
  "translate-toolkit[markdown]" rapidfuzz mdpo babel

echo "peers installed:"
msgmerge --version | head -n 1
po4a --version 2>&1 | head -n 1
"$venv/bin/python" -m pip list --disable-pip-version-check 2>/dev/null \
  | grep -iE '^(translate-toolkit|rapidfuzz|mdpo|babel|mistletoe|pymd4c) '
