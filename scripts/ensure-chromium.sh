#!/bin/sh
# Makes sure a Chromium binary is there for the browser tests (test/browser).
# Found: prints its path. Missing and root on Debian: installs Debian's `chromium`
# package (apt-get update, then install), serialised with a lock file so that several
# test runs on one machine do not fight over apt. Missing otherwise: a clear error.
# CHROMIUM_PATH, when set, names the binary to use instead.
set -eu

find_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] && echo "$CHROMIUM_PATH" && return 0
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
    return 2
  fi
  for name in chromium chromium-browser; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

if find_chromium; then exit 0; fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need Chromium and none was found." >&2
  echo "Install Debian's package as root (apt-get install chromium), or set CHROMIUM_PATH." >&2
  exit 1
fi

LOCK=/tmp/lead-routing-chromium-install.lock
echo "Chromium is missing: installing Debian's chromium package (once per machine)..." >&2
# flock: one install at a time on this machine; apt's own lock timeout covers other apt users.
flock "$LOCK" sh -c '
  command -v chromium >/dev/null 2>&1 && exit 0
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq &&
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
' >&2
find_chromium
