#!/bin/sh
# Rebuilds the WASI test fixtures: src/NAME.c -> bin/NAME.wasm (wasm32-wasi, -O2,
# 1 MiB shadow stack, DWARF stripped but the `name` section kept for backtraces).
#
# Needs Debian's clang (14 or later), lld, wasi-libc and libclang-rt-dev-wasm32:
#   apt-get install clang lld wasi-libc libclang-rt-dev-wasm32
# Usage: Tests/Fixtures/wasi/build.sh [NAME...]     (default: every src/*.c)
# Set CLANG=/path/to/clang to choose the compiler, WASI_SYSROOT=DIR for a
# sysroot outside the Debian layout (e.g. wasi-sdk's share/wasi-sysroot).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/src"
bin="$here/bin"
packages="clang lld wasi-libc libclang-rt-dev-wasm32"

die() {
    echo "build.sh: $*" >&2
    echo "build.sh: install the Debian packages with: apt-get install $packages" >&2
    exit 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf 'int main(void) { return 0; }\n' > "$tmp/probe.c"

sysroot_flags() {
    if [ -n "${WASI_SYSROOT:-}" ]; then
        if [ -d "$WASI_SYSROOT" ]; then echo "--sysroot=$WASI_SYSROOT"; else echo MISSING; fi
    elif [ -f /usr/lib/wasm32-wasi/libc.a ] || [ -f /usr/lib/wasm32-wasip1/libc.a ]; then
        echo ""                       # Debian layout: clang finds it by itself
    elif [ -d /usr/share/wasi-sysroot ]; then
        echo "--sysroot=/usr/share/wasi-sysroot"
    else
        echo "MISSING"
    fi
}

SYSROOT=$(sysroot_flags)
[ "$SYSROOT" = MISSING ] &&
    die "no wasi-libc found (looked for ${WASI_SYSROOT:-/usr/lib/wasm32-wasi/libc.a and /usr/share/wasi-sysroot})"

# /usr/bin/clang may be another toolchain's clang (e.g. Swift's) without the
# wasm32 target or without Debian's wasi paths, so probe each candidate by
# compiling and linking a tiny program.
if [ -n "${CLANG:-}" ]; then
    candidates=$CLANG
else
    candidates=""
    for v in 21 20 19 18 17 16 15 14; do
        candidates="$candidates clang-$v /usr/lib/llvm-$v/bin/clang"
    done
    candidates="$candidates clang"
fi

TARGET=""
CC=""
for c in $candidates; do
    command -v "$c" >/dev/null 2>&1 || continue
    for t in wasm32-wasi wasm32-wasip1; do
        # shellcheck disable=SC2086
        if "$c" --target=$t $SYSROOT -O2 -Wl,-z,stack-size=1048576 \
               "$tmp/probe.c" -o "$tmp/probe.wasm" >"$tmp/probe.$t.out" 2>&1; then
            CC=$c
            TARGET=$t
            break 2
        fi
        # Keep the first failure's messages: they name the missing piece
        # (e.g. libclang_rt.builtins-wasm32.a, crt1-command.o, wasm-ld).
        [ -f "$tmp/first.err" ] || { echo "$c --target=$t:"; cat "$tmp/probe.$t.out"; } > "$tmp/first.err"
    done
done
if [ -z "$CC" ]; then
    [ -f "$tmp/first.err" ] && sed 's/^/build.sh:   /' "$tmp/first.err" | head -n 20 >&2
    die "no clang here can compile and link for wasm32-wasi (tried:$candidates)"
fi

# Check the pieces one by one so a failure names what is missing.
"$CC" --target="$TARGET" $SYSROOT -E -x c - </dev/null -include wasi/api.h >/dev/null 2>&1 ||
    die "$CC cannot find <wasi/api.h> (wasi-libc headers)"

# Debian's clang runs binaryen's wasm-opt on the linked module whenever it finds one on PATH
# (next to itself or on PATH), which drops the `name` section that backtraces need and makes the
# output depend on what else is installed. So compile with the real clang binary (its own folder
# has no wasm-opt) and a PATH holding only the wasm linkers.
REAL_CC=$(readlink -f "$(command -v "$CC")")
mkdir "$tmp/bin"
old_ifs=$IFS; IFS=:
for dir in $PATH; do
    for ld in "$dir"/wasm-ld*; do
        [ -x "$ld" ] && [ ! -e "$tmp/bin/$(basename "$ld")" ] && ln -s "$ld" "$tmp/bin/$(basename "$ld")"
    done
done
IFS=$old_ifs
TOOL_PATH="$(dirname "$REAL_CC"):$tmp/bin"
if [ -x "$(dirname "$REAL_CC")/wasm-opt" ]; then
    die "$(dirname "$REAL_CC") holds a wasm-opt, which clang would run on every module; use CLANG=… from another installation"
fi

echo "build.sh: using $CC ($("$CC" --version | head -n 1)), target $TARGET"

CFLAGS="-O2 -Wall -Wextra"
# --strip-debug drops DWARF (wasi-libc's archive carries it) but keeps `name`.
LDFLAGS="-Wl,-z,stack-size=1048576 -Wl,--strip-debug"

mkdir -p "$bin"
if [ $# -gt 0 ]; then
    names="$*"
else
    names=$(cd "$src" && ls *.c | sed 's/\.c$//')
fi
for n in $names; do
    # shellcheck disable=SC2086
    PATH=$TOOL_PATH "$REAL_CC" --target="$TARGET" $SYSROOT $CFLAGS $LDFLAGS "$src/$n.c" -o "$bin/$n.wasm"
    size=$(wc -c < "$bin/$n.wasm")
    printf '  %-20s %7d bytes\n' "$n.wasm" "$size"
done
