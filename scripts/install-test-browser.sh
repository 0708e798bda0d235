#!/bin/sh
# Install the browser the dashboard tests drive (tests/web): Debian's chromium at
# /usr/bin/chromium. Idempotent and quiet: does nothing when /usr/bin/chromium exists.
# Needs root (or sudo) and the Debian package archive; never downloads a browser elsewhere.
#
#   sh scripts/install-test-browser.sh
set -eu

BROWSER=/usr/bin/chromium
if [ -x "$BROWSER" ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-test-browser: apt-get not found; install Chromium so that $BROWSER exists" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-test-browser: run as root (or install sudo) to install chromium" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
fail() {
    cat "$LOG" >&2
    echo "install-test-browser: $1 failed (output above)" >&2
    exit 1
}
# The package lists may be missing in a fresh container: update only when chromium is unknown.
if ! apt-cache show chromium >/dev/null 2>&1; then
    $SUDO apt-get update -qq >"$LOG" 2>&1 || fail "apt-get update"
fi
install_chromium() {
    $SUDO apt-get install -y -qq --no-install-recommends chromium >"$LOG" 2>&1
}
# stale package lists (a version gone from the mirror): update once and try again
if ! install_chromium; then
    $SUDO apt-get update -qq >"$LOG" 2>&1 || fail "apt-get update"
    install_chromium || fail "apt-get install chromium"
fi
if [ ! -x "$BROWSER" ]; then
    echo "install-test-browser: chromium installed but $BROWSER is missing" >&2
    exit 1
fi
