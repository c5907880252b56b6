#!/bin/bash
# The bash completion, as bash runs it: COMP_WORDS split the way bash splits a command line
# (COMP_WORDBREAKS), the completion function called, COMPREPLY compared; and every option any
# (sub)command's --help prints is offered after a dash (short aliases aside).
# Usage: completion_test.sh COMPLETION_FILE MMC_EMU DISCREC (mmc-emu is asked for its presets)
completion=$1 mmc_emu=$2 discrec=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
bash_completion=/usr/share/bash-completion/bash_completion
[ -r "$bash_completion" ] || { echo "FAIL: bash-completion is not installed (scripts/install-deps)"; exit 1; }
# shellcheck source=/dev/null
. "$bash_completion"
# shellcheck source=/dev/null
. "$completion"
PATH=$(dirname "$mmc_emu"):$PATH

# A directory to complete file names in: profiles, a scenario, an image, a subdirectory.
cd "$work" || exit 1
mkdir profiles
touch a.yaml b.yaml notes.txt disc.iso profiles/lg.yaml
# An mmc-emu that cannot list presets, for the completion's own table.
no_presets=$(mktemp -d)
trap 'rm -rf "$work" "$no_presets"' EXIT
printf '#!/bin/sh\nexit 1\n' >"$no_presets/mmc-emu" && chmod +x "$no_presets/mmc-emu"

# split LINE: COMP_WORDS, COMP_CWORD, COMP_LINE and COMP_POINT for the cursor at LINE's end.
# A word ends at a blank; a run of COMP_WORDBREAKS characters is a word of its own; quotes
# and backslashes keep their text in one word.
split() {
    local line=$1 word='' quote='' c i breaks=${COMP_WORDBREAKS//[ $'\t\n\"\'']/}
    COMP_WORDS=()
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [ -n "$quote" ]; then
            word+=$c
            [ "$c" = "$quote" ] && quote=
        elif [ "$c" = "\\" ]; then
            word+=${line:i:2}
            ((i++))
        elif [ "$c" = "'" ] || [ "$c" = '"' ]; then
            word+=$c quote=$c
        elif [ "$c" = ' ' ]; then
            [ -n "$word" ] && COMP_WORDS+=("$word")
            word=
        elif [[ $breaks == *"$c"* ]]; then
            if [ -n "$word" ] && [[ $breaks != *"${word: -1}"* ]]; then COMP_WORDS+=("$word") word=; fi
            word+=$c
        else
            if [ -n "$word" ] && [[ $breaks == *"${word: -1}"* ]]; then COMP_WORDS+=("$word") word=; fi
            word+=$c
        fi
    done
    COMP_WORDS+=("$word") # the word being completed, empty after a blank
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line
    COMP_POINT=${#line}
}

# complete LINE: COMPREPLY for LINE, one a line, sorted.
complete_line() {
    split "$1"
    COMPREPLY=()
    local function
    function=$(complete -p "${COMP_WORDS[0]}" | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
    "$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
    printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
}

# expect LINE -- WORD...: the completions of LINE are exactly the WORDs.
expect() {
    local line=$1 got want
    shift 2
    got=$(complete_line "$line")
    want=$(printf '%s\n' "$@" | LC_ALL=C sort)
    if [ "$got" = "$want" ]; then
        echo "ok   '$line' -> $(echo "$got" | tr '\n' ' ')"
    else
        echo "FAIL '$line':" && diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
        failures=$((failures + 1))
    fi
}
# expect_some LINE -- WORD...: the completions of LINE include the WORDs.
expect_some() {
    local line=$1 got w missing=()
    shift 2
    got=$(complete_line "$line")
    for w; do grep -qxF -- "$w" <<<"$got" || missing+=("$w"); done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "ok   '$line' includes $*"
    else
        echo "FAIL '$line' lacks ${missing[*]}; got: $(echo "$got" | tr '\n' ' ')"
        failures=$((failures + 1))
    fi
}

# Subcommands, and options per subcommand.
expect "discrec " -- list info mode-page features send burn erase format eject load demo capture-profile read
expect "discrec read emu: --r" -- --retries
expect "discrec e" -- erase eject
expect "discrec -" -- --help --version
expect "discrec burn emu: x.iso --ver" -- --verify
expect "discrec burn emu: x.iso --s" -- --speed --simulate
expect "discrec erase emu: --" -- --help --full --progress
expect "discrec capture-profile emu: -" -- --help -o --output
expect "mmc-emu " -- profile demo presets attach detach run control exec export
expect "mmc-emu export --o" -- --output
expect "mmc-emu --v" -- --version
expect "mmc-emu profile " -- check show
expect "mmc-emu run --control-s" -- --control-socket
expect "mmc-emu attach --t" -- --target --timeout
expect "mmc-emu exec --d" -- --drives

# Option values: fixed words, presets after --media (spaces escaped, or as they are after a
# quote), profiles after --profile.
expect "discrec burn emu: x.iso --progress " -- auto bar plain json none
expect "discrec burn emu: x.iso --progress=j" -- json
expect "discrec mode-page emu: 2A --type c" -- current changeable
expect "mmc-emu attach --target " -- tcmu cuse
expect "discrec demo --media blank\\ dvd+" -- 'blank\ dvd+r' 'blank\ dvd+r-dl' 'blank\ dvd+rw'
expect "mmc-emu exec --media 'closed bd" -- "closed bd-r"
expect_some "mmc-emu run --media " -- 'formatted\ bd-re' 'appendable\ cd-r' 'rom\ from\ ' 'cd-da\ from\ '
expect "mmc-emu run --profile " -- a.yaml b.yaml profiles
expect "mmc-emu run --profile profiles/" -- profiles/lg.yaml
expect "mmc-emu profile check " -- a.yaml b.yaml profiles

# discrec's devices: the drives' nodes and emu:, then a profile and the keys after emu:, a
# preset (spaces as %20) after media=. Readline replaces the text after the last : or =, so
# that is what the replies hold.
nodes=()
for f in /dev/sr[0-9]* /dev/sg[0-9]*; do [ -e "$f" ] && nodes+=("$f"); done
expect "discrec info " -- "${nodes[@]}" emu:
expect "discrec burn " -- "${nodes[@]}" emu:
expect "discrec info emu:" -- '?media=' '?faults=' a.yaml b.yaml profiles/
expect "discrec info emu:a" -- a.yaml
expect "discrec features emu:a.yaml?" -- 'a.yaml?media=' 'a.yaml?faults='
expect "discrec info emu:?media=blank%20bd" -- blank%20bd-r blank%20bd-re
expect "discrec burn emu:?media=no" -- no-medium
expect "discrec burn emu: " -- a.yaml b.yaml disc.iso notes.txt profiles
expect "discrec list " --

# mmc-emu control TARGET DRIVE FILE VALUE.
expect "mmc-emu control - " -- drive0
expect "mmc-emu control - drive0 t" -- tray
expect "mmc-emu control - drive0 tray " -- open close eject
expect "mmc-emu control - drive0 state up" -- upside-down

# Without an mmc-emu that lists them, the same presets from the completion's own table.
PATH=$no_presets:$PATH expect "discrec demo --media formatted\\ " -- 'formatted\ dvd+rw' 'formatted\ bd-re' \
    'formatted\ dvd-ram' 'formatted\ dvd-rw-ro'
expect "discrec demo --media formatted\\ " -- 'formatted\ dvd+rw' 'formatted\ bd-re' \
    'formatted\ dvd-ram' 'formatted\ dvd-rw-ro'

# The completion's own table is the one mmc-emu lists.
listed=$(_spindle_presets | LC_ALL=C sort)
own=$(PATH=$no_presets:$PATH _spindle_presets | LC_ALL=C sort)
if [ "$listed" = "$own" ]; then
    echo "ok   the completion's own presets are the ones mmc-emu presets lists"
else
    echo "FAIL the completion's own presets differ from mmc-emu presets:" && diff <(echo "$own") <(echo "$listed") | sed 's/^/    /'
    failures=$((failures + 1))
fi

# offers_options BINARY WORD...: "TOOL WORD... -" offers each long option (and each short one
# that has no long alias) that "TOOL WORD... --help" prints, and so on down the subcommands.
offers_options() {
    local binary=$1 kind name got missing=()
    shift
    got=$(complete_line "$(basename "$binary")${*:+ $*} -")
    while read -r kind name; do
        case $kind in
            option) [[ $name == -[!-] ]] || grep -qxF -- "$name" <<<"$got" || missing+=("$name") ;;
            subcommand) offers_options "$binary" "$@" "$name" ;;
        esac
    done < <("$binary" "$@" --help 2>&1 | awk -f "$here/help_items.awk")
    if [ ${#missing[@]} -eq 0 ]; then
        echo "ok   '$(basename "$binary")${*:+ $*} -' offers every option --help prints"
    else
        echo "FAIL '$(basename "$binary")${*:+ $*} -' does not offer ${missing[*]}"
        failures=$((failures + 1))
    fi
}
offers_options "$mmc_emu"
offers_options "$discrec"

cd / && finish
