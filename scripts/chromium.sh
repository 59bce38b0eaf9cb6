#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/test_web.py drive it with Playwright).
#
#   scripts/chromium.sh          # installs chromium with apt-get when /usr/bin/chromium is missing
#
# Playwright's own browser download is not used: the tests launch /usr/bin/chromium
# (DOSSIER_CHROMIUM overrides the path). Installing needs root or passwordless sudo and
# apt-get (the only network use). When it cannot install, it says why and exits 1; the
# browser tests then skip locally and fail under CI=true.
set -euo pipefail

CHROMIUM=${DOSSIER_CHROMIUM:-/usr/bin/chromium}

die() {
    echo "chromium.sh: $*" >&2
    exit 1
}

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
else
    die "$CHROMIUM not found and not root (nor passwordless sudo): install Debian's chromium (apt-get install chromium)"
fi
command -v apt-get >/dev/null 2>&1 || die "$CHROMIUM not found and no apt-get to install chromium with"

echo "chromium.sh: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
[[ -x "$CHROMIUM" ]] || die "chromium installed, but $CHROMIUM is still missing"
