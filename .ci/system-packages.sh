#!/usr/bin/env bash
# Debian packages the test suite needs beyond Python:
#   postgresql        the server store's tests run against a real server (.ci/postgres.sh starts one)
#   chromium          the web app's browser tests drive /usr/bin/chromium through Playwright
#   fonts-liberation  a font for Chromium to lay pages out with (it is only a Recommends of chromium,
#                     and recommends are not installed here)
#   fonts-noto-cjk    Korean and Japanese glyphs: the browser test reads a Korean and a Japanese report
#   python3-venv      only when python3 cannot make a virtual environment (see below)
# Installs only what is missing, non-interactively. Needs root (CI is root); a developer without root is
# told the one command to run instead.
set -euo pipefail

PACKAGES=(postgresql chromium fonts-liberation fonts-noto-cjk)

missing=()
for package in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

# `make` builds .venv with `python3 -m venv`, which Debian ships separately; a python3 that can already
# make one (Debian's with python3-venv, or another on PATH) is left alone.
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
fi

if ((${#missing[@]} == 0)); then
    echo "system-packages: already installed: ${PACKAGES[*]}"
    exit 0
fi

install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
if [[ $(id -u) -ne 0 ]]; then
    echo "system-packages: missing ${missing[*]}; as root run:" >&2
    echo "  apt-get update && ${install[*]}" >&2
    exit 1
fi

echo "system-packages: installing ${missing[*]}"
started=$SECONDS
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
# A fresh Debian image has no package lists: refresh them first. apt's output goes to a log that is
# shown only when something fails.
if ! { apt-get update -q && "${install[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "system-packages: apt-get failed (output above)" >&2
    exit 1
fi
rm -f "$log"
echo "system-packages: installed in $((SECONDS - started)) s"
