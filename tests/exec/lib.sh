# Sourced by the exec tests: reporting (shared with the kernel tests' guest scripts), a test
# run as an ordinary user, and `mmc-emu exec` around a piece of shell.
#   needs $emu (mmc-emu)
source "$(dirname "${BASH_SOURCE[0]}")/../kernel/guest/lib.sh"
export PATH="$(dirname "$emu"):$PATH"
# Under exec our own sanitized programs (mmc-emu control, discrec) start with the preloads ahead
# of the ASan runtime, which then refuses to run unless told that the order is known.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# as_user SCRIPT ARGS...: as root, runs SCRIPT again as nobody with no capabilities at all (what
# an unprivileged CI container gives), in a fresh directory of its own, and exits with its
# status (failed too when checks made before as root failed); otherwise does nothing and the
# caller goes on as itself. $work is that directory.
as_user() {
  local script=$1 status
  shift
  if [ "$(id -u)" -eq 0 ] && [ -z "${SPINDLE_EXEC_AS_USER:-}" ]; then
    work=$(mktemp -d /tmp/spindle-exec.XXXXXX)
    chown 65534:65534 "$work"
    chmod 0755 "$work"
    cd "$work" || exit 1
    SPINDLE_EXEC_AS_USER=1 HOME="$work" TMPDIR="$work" setpriv --reuid=65534 --regid=65534 --clear-groups \
      --inh-caps=-all --bounding-set=-all --no-new-privs bash "$script" "$@"
    status=$?
    [ "$failures" -eq 0 ] || status=1 # what the caller checked as root before
    cd / && [ "$status" -eq 0 ] && rm -rf "$work" # kept when something failed, for a look
    exit "$status"
  fi
  work=${TMPDIR:-$(mktemp -d)}
  cd "$work" || exit 1
}

# need PROGRAM...: the clients a test drives (scripts/install-vm-deps installs them).
need() {
  local p
  for p in "$@"; do
    command -v "$p" >/dev/null || { echo "FAIL $p is missing (scripts/install-vm-deps installs it)"; exit 1; }
  done
}

# ready [DEV]: inside exec, makes the drive ready at once (a loaded disc first reports "becoming
# ready" for a while, as a real drive's does: the tests need not wait it out) and takes the unit
# attention that follows with TEST UNIT READY.
ready_function='ready() { mmc-emu control - drive0 state ready; for _ in $(seq 100); do sg_turs "${1:-/dev/sg0}" >/dev/null 2>&1 && return 0; sleep 0.05; done; sg_turs -v "${1:-/dev/sg0}"; };'

# in_exec NAME EXEC-OPTIONS... -- SHELL-TEXT: runs SHELL-TEXT under `mmc-emu exec` with the
# options; its output goes to $work/NAME.txt and its status is returned.
in_exec() {
  local name=$1 opts=()
  shift
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done
  shift
  "$emu" exec "${opts[@]}" -- bash -euo pipefail -c "$ready_function $1" >"$work/$name.txt" 2>&1
}

# check STATUS NAME [WHAT]: pass WHAT (NAME) when in_exec NAME exited 0, else fail with the
# tail of its output.
check() {
  local what=${3:-$2}
  if [ "$1" -eq 0 ]; then pass "$what"; else fail "$what: exit status $1: $(tail -n 5 "$work/$2.txt" | tr '\n' '|')"; fi
}

# profile_identity: $vendor and $product of the default profile, as INQUIRY reports them.
profile_identity() {
  "$emu" profile show >"$work/profile.yaml"
  vendor=$(sed -n 's/^ *vendor: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$work/profile.yaml" | head -1)
  product=$(sed -n 's/^ *product: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$work/profile.yaml" | head -1)
}

# finish_exec SUITE: the script's last command: the count of failures and the status (0 only
# when there were none).
finish_exec() {
  echo "exec $1: $failures failure(s)"
  [ "$failures" -eq 0 ]
}
