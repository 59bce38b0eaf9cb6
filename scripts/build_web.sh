#!/usr/bin/env bash
# Build the web app: web/src → src/dossier/web/static/app.js and app.css.
#
#   scripts/build_web.sh          # npm ci (from web/package-lock.json), then npm run build
#
# The libraries (cytoscape, chart.js) and the bundler (esbuild) come from the npm
# registry at the versions pinned in web/package-lock.json; the bundle is not committed.
# When node or npm is missing, Debian's nodejs and npm packages are installed with
# apt-get (as root, or with passwordless sudo). `npm ci` is skipped while
# web/node_modules matches the lock file; the build runs every time (it takes a second).
set -euo pipefail
cd "$(dirname "$0")/.."

die() {
    echo "build_web.sh: $*" >&2
    exit 1
}

install_node() {
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
            || die "node or npm not found and not root (nor passwordless sudo): apt-get install nodejs npm"
        sudo=(sudo -n)
    fi
    command -v apt-get >/dev/null 2>&1 || die "node or npm not found and no apt-get to install them with"
    echo "build_web.sh: installing Debian's nodejs and npm packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq >&2
    "${sudo[@]}" apt-get install -y -qq nodejs npm >&2
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    install_node
    command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || die "nodejs installed, but node or npm is still missing"
fi

cd web
# npm ci wipes and reinstalls node_modules: do it only when the lock file changed.
stamp=node_modules/.dossier-lock
if [[ ! -f "$stamp" ]] || ! cmp -s package-lock.json "$stamp"; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
fi
npm run --silent build
