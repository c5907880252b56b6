#!/usr/bin/env bash
# `mmc-emu attach` where configfs, LIO, TCMU or tcm_loop is missing: a message naming what is
# missing, a non-zero exit, and nothing created. Uses stand-in configfs/sysfs trees, so it runs
# the same on any host; on a host without configfs it also tries the real paths.
set -uo pipefail
emu=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
failures=0
check() { # name expected-message-part args...
  local name=$1 want=$2
  shift 2
  local before after out
  before=$(find "$t" | sort)
  out=$("$emu" attach "$@" 2>&1)
  local rc=$?
  after=$(find "$t" | sort)
  if [ $rc -ne 0 ] && grep -qF "$want" <<<"$out" && [ "$before" = "$after" ]; then
    echo "ok   $name: $out"
  else
    echo "FAIL $name: exit $rc, output: $out"
    [ "$before" = "$after" ] || echo "     and the tree changed"
    failures=$((failures + 1))
  fi
}
mkdir -p "$t/sys/module" "$t/config"
check "no configfs" "configfs is not mounted" --configfs "$t/none" --sysfs "$t/sys"
check "no LIO" "LIO target core is not loaded" --configfs "$t/config" --sysfs "$t/sys"
mkdir -p "$t/config/target/core"
check "no TCMU" "TCMU is not available" --configfs "$t/config" --sysfs "$t/sys"
mkdir -p "$t/sys/module/target_core_user"
check "no tcm_loop" "tcm_loop is not available" --configfs "$t/config" --sysfs "$t/sys"
if [ ! -d /sys/kernel/config/target ]; then
  out=$("$emu" attach 2>&1) && { echo "FAIL attach succeeded without LIO"; failures=$((failures + 1)); } ||
    echo "ok   this host: $out"
fi
[ $failures -eq 0 ]
