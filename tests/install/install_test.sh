#!/bin/sh
# Installs the build into a temporary prefix and uses it as a downstream user would: a CMake
# project through find_package(spindle), a program through pkg-config, and the installed tools
# (--version, and exec finding its installed preload).
# Usage: install_test.sh BUILD_DIR CXX VERSION; $SPINDLE_LINK_FLAGS are the build's sanitizer
# link flags (its static libraries need their runtime), $SPINDLE_CXX_LAUNCHER its ccache.
set -eu
build=$1 cxx=$2 version=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
fail() { echo "install_test: $*" >&2; exit 1; }
step() { printf '%s %s\n' "$(date +%T)" "$*"; }
# A ccache keyed on paths below the temporary directory, so that a rerun hits.
export CCACHE_BASEDIR="$tmp" CCACHE_NOHASHDIR=1

step "cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "install failed"; }
for f in bin/mmc-emu bin/discrec lib/spindle/libspindle-exec-preload.so share/spindle/profiles/default.yaml \
    include/spindle/recorder/disc_recorder.hpp share/man/man1/mmc-emu.1 share/man/man1/discrec.1 \
    share/bash-completion/completions/mmc-emu share/bash-completion/completions/discrec; do
    [ -e "$prefix/$f" ] || fail "$f is not installed"
done

step "find_package(spindle) consumer"
cmake -S "$here/consumer" -B "$tmp/consumer" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_CXX_COMPILER_LAUNCHER="${SPINDLE_CXX_LAUNCHER:-}" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_EXE_LINKER_FLAGS="${SPINDLE_LINK_FLAGS:-}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$tmp/configure.log" ||
    { cat "$tmp/configure.log"; fail "the consumer does not configure"; }
cmake --build "$tmp/consumer" >"$tmp/build.log" || { cat "$tmp/build.log"; fail "the consumer does not build"; }
cmake_identity=$("$tmp/consumer/identity") || fail "the find_package consumer failed"
echo "  emu: is $cmake_identity"

step "pkg-config consumer"
pc_dirs=$(find "$prefix" -name spindle-bridge.pc -printf '%h')
[ -n "$pc_dirs" ] || fail "spindle-bridge.pc is not installed"
flags=$(PKG_CONFIG_PATH=$pc_dirs pkg-config --cflags --libs spindle-bridge) || fail "pkg-config spindle-bridge failed"
# shellcheck disable=SC2086 # the flags are words
${SPINDLE_CXX_LAUNCHER:-} "$cxx" -std=c++23 -o "$tmp/identity-pc" "$here/identity.cpp" $flags ${SPINDLE_LINK_FLAGS:-} ||
    fail "the pkg-config consumer does not build with: $flags"
pc_identity=$("$tmp/identity-pc") || fail "the pkg-config consumer failed"
[ "$pc_identity" = "$cmake_identity" ] || fail "the two consumers disagree: '$pc_identity' / '$cmake_identity'"
case $cmake_identity in *"|"*"|"*) ;; *) fail "no identity printed: '$cmake_identity'" ;; esac

step "installed tools"
[ "$("$prefix/bin/mmc-emu" --version)" = "mmc-emu $version" ] || fail "mmc-emu --version"
[ "$("$prefix/bin/discrec" --version)" = "discrec $version" ] || fail "discrec --version"
"$prefix/bin/mmc-emu" exec -- true || fail "mmc-emu exec -- true exited $? (the installed preload not found?)"
"$prefix/bin/mmc-emu" exec -- sh -c 'test -e /dev/sr0' || fail "no /dev/sr0 under the installed mmc-emu exec"
step "ok"
