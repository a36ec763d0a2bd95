#!/usr/bin/env bash
# Installs, with apt, what building and checking the Linux installer needs beyond a JDK 17 and
# Maven, on Debian 12 or Ubuntu. Idempotent: when everything is there it changes nothing and
# does not even refresh the package lists.
#
#   scripts/install-build-deps.sh                 the build tools (see PACKAGES below)
#   scripts/install-build-deps.sh --deps-of X.deb also whatever X.deb depends on, so that a
#                                                 plain `dpkg -i X.deb` then succeeds
#
# Runs as root, or through sudo when it is there.
set -euo pipefail

PACKAGES=(
    fakeroot     # jpackage --type deb runs dpkg-deb under fakeroot
    binutils     # objcopy: jlink's --strip-debug strips the native libraries with it
    rpm          # rpmbuild: `mvn -Pinstaller package` also builds the .rpm when it is there
    xvfb         # a display for the window: the class list at build time, the smoke test
    xauth        # xvfb-run needs it
    libgtk-3-0   # JavaFX's window toolkit on Linux (loaded at run time, so no jar shows it)
    xdg-utils    # the .deb's menu entry is registered with xdg-desktop-menu
    jq           # scripts/check-deb.sh reads the JSON that `mailmedic analyze --json` prints
)

say() { printf '[install-build-deps] %s\n' "$*"; }

if [[ ${1:-} == --deps-of ]]; then
    deb=${2:?usage: $0 --deps-of FILE.deb}
    # "a, b (>= 1), c | d" -> first alternative of each, without versions.
    mapfile -t extra < <(dpkg-deb --field "$deb" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep -v '^$')
    PACKAGES+=("${extra[@]}")
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { say "run me as root (or install sudo)"; exit 1; }
    SUDO=(sudo)
fi

installed() {
    # Also true for a virtual name (Ubuntu 24.04: libgtk-3-0 is provided by libgtk-3-0t64).
    dpkg-query -W -f='${Status}\n' "$1" 2>/dev/null | grep -q '^install ok installed$' \
        || dpkg-query -W -f='${Provides}\n' 2>/dev/null | tr ',' '\n' | sed 's/(.*)//; s/[[:space:]]//g' | grep -qx "$1"
}

missing=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
    say "all present: ${PACKAGES[*]}"
    exit 0
fi

say "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
say "installed: ${missing[*]}"
