#!/bin/sh
# The installed Debian packages (scripts/package builds them, scripts/dev test installs them),
# used once from where they put things: the tools' versions, their man pages and completions
# found by man and bash-completion, the profiles valid, a short job on an emulated drive and
# exec finding its preload, the -dev package's pkg-config file.
# Usage: installed_test.sh VERSION
set -u
version=$1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }
# check STATUS WHAT [WHY]: ok WHAT when STATUS is 0, else fail with WHY.
check() { if [ "$1" = 0 ]; then ok "$2"; else fail "$2${3:+: $3}"; fi; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for tool in mmc-emu discrec; do
    [ "$(/usr/bin/$tool --version)" = "$tool $version" ]
    check $? "/usr/bin/$tool --version"
    page=/usr/share/man/man1/$tool.1.gz
    [ -s "$page" ]
    check $? "$page"
    if command -v man >/dev/null; then
        [ "$(man -w "$tool" 2>&1)" = "$page" ]
        check $? "man -w $tool" "$(man -w "$tool" 2>&1)"
    fi
    # bash-completion loads a command's completion by the command's name (its loader returns
    # 124, "try again", when it found one).
    if bash -c '. /usr/share/bash-completion/bash_completion && { _completion_loader "$1"; complete -p "$1"; }' \
        sh "$tool" >"$out" 2>&1 && grep -q -- "-F _" "$out"; then
        ok "bash-completion loads $tool's completion"
    else
        fail "bash-completion does not load a completion for $tool: $(cat "$out")"
    fi
done

/usr/bin/mmc-emu profile show >"$out" && grep -q '^identity:' "$out"
check $? "mmc-emu profile show"
for p in /usr/share/spindle/profiles/*.yaml; do
    /usr/bin/mmc-emu profile check "$p" >"$out" 2>&1 || fail "$(cat "$out")"
done
ok "the installed profiles check"
# The drive reports the disc's profile (--json, the form meant for programs): 0041h BD-R, and
# 001Bh DVD+R under exec, whose preload comes from /usr/lib/spindle.
current_profile() { grep -A1 '"current_profiles"' "$out" | grep -q "\"$1\""; }
/usr/bin/discrec info 'emu:?media=blank bd-r' --json >"$out" 2>&1 && current_profile 0041h
check $? "discrec info on an emulated BD-R" "$(head -5 "$out")"
timeout 60 /usr/bin/mmc-emu exec --media 'blank dvd+r' -- /usr/bin/discrec info /dev/sr0 --json >"$out" 2>&1 &&
    current_profile 001Bh
check $? "discrec info /dev/sr0 under mmc-emu exec" "$(tail -5 "$out")"

[ "$(pkg-config --modversion spindle-discrec 2>&1)" = "$version" ]
check $? "pkg-config spindle-discrec" "$(pkg-config --modversion spindle-discrec 2>&1)"

[ "$failures" = 0 ] || { echo "$failures failed"; exit 1; }
