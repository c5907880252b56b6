# shellcheck shell=sh
# Sourced by the host-side shell tests (tests/cli/*.sh, tests/e2e/*/*.sh; the guest scripts
# have tests/kernel/guest/lib.sh, the exec tests tests/exec/lib.sh). POSIX sh, so the tests run
# by sh may source it too:
#   . "$(dirname "$0")/../lib.sh"          (from tests/cli; ../../lib.sh from tests/e2e/*)
# It sets -u, makes a scratch directory $work that is removed on exit (after what the test
# asked with at_exit), and gives the reporting every test uses; a test ends with `finish`.
set -u
failures=0
work=$(mktemp -d)
exit_hooks=
# at_exit COMMAND: run COMMAND (shell text, evaluated then) on exit, before $work goes.
at_exit() { exit_hooks="$exit_hooks$1;"; }
trap 'eval "$exit_hooks"; rm -rf "$work"' EXIT

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
expect_eq() { # WHAT EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then pass "$1: $3"; else fail "$1: expected '$2', got '$3'"; fi
}
# finish: the number of failures, and the test's status: 0 only when there were none.
finish() {
    echo "$failures failure(s)"
    [ "$failures" -eq 0 ]
}
