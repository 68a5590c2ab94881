#!/usr/bin/env bash
# Installs what building WasmFiber needs and a fresh Debian machine may lack.
# Today that is libunwind's headers (Debian package libunwind-dev): the crash reporter walks
# native stacks with it. As root the package is installed with apt-get; otherwise the script
# names the package and stops.
set -euo pipefail

have_libunwind() {
    [ -f /usr/include/libunwind.h ] || [ -f "/usr/include/$(uname -m)-linux-gnu/libunwind.h" ] ||
        { command -v dpkg-query >/dev/null && dpkg-query -W -f='${Status}' libunwind-dev 2>/dev/null | grep -q "ok installed"; }
}

missing=()
have_libunwind || missing+=(libunwind-dev)
command -v swift >/dev/null || { echo "error: the Swift toolchain (swift) is not on PATH" >&2; exit 1; }

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "error: WasmFiber needs the Debian package(s): ${missing[*]}" >&2
    echo "       install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
