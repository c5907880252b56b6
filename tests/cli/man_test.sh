#!/bin/bash
# The man pages keep up with the tools: each renders without a groff warning (and through man
# -l where man is installed); every subcommand and option any (sub)command's --help prints is
# named under that subcommand's own heading (the root's options under OPTIONS), and its
# positionals too; EXIT STATUS is the table --help prints; both pages say the same about
# media presets.
# Usage: man_test.sh MMC_EMU MMC_EMU_PAGE DISCREC DISCREC_PAGE (PAGE: the generated NAME.1)
. "$(dirname "$0")/../lib.sh"
tmp=$work

command -v groff >/dev/null || { echo "FAIL: groff is not installed (groff-base)"; exit 1; }

# The page as plain text on lines long enough that nothing wraps: headings at columns 0
# (sections) and 3 (subsections, one per subcommand), as the man macros lay them out.
render() { groff -man -Tascii -P-cbou -rLL=2000n "$1" 2>/dev/null | sed 's/ *$//'; }

# The text under the subsections whose heading is PATH or starts with "PATH " (a parent's
# block holds its children's); for the tool itself, the OPTIONS section.
block() {
    awk -v path="$2" -v root="$3" '
        /^[^ ]/ { in_block = root && $0 == "OPTIONS"; next }
        /^   [^ ]/ && !root { h = substr($0, 4); in_block = h == path || index(h, path " ") == 1; next }
        in_block' "$1"
}

help_items() { awk -f "$(dirname "$0")/help_items.awk"; }

# names WORD in TEXT-FILE as a whole word (dashes are part of a word).
names() { grep -qE -- "(^|[^[:alnum:]-])$1([^[:alnum:]-]|\$)" "$2"; }

# check_command TOOL PAGE-TEXT WORD...: the (sub)command TOOL WORD... against its man page.
check_command() {
    local binary=$1 text=$2 tool
    shift 2
    tool=$(basename "$binary")
    # Files per depth: a parent's stay open while its subcommands are checked.
    local path="$tool${*:+ $*}" root=0 kind name block=$tmp/block.$# items=$tmp/items.$#
    [ $# -eq 0 ] && root=1
    block "$text" "$path" "$root" >"$block"
    if [ ! -s "$block" ]; then
        fail "$(basename "$text" .txt): no heading '$path' (a subcommand --help prints)"
        return
    fi
    "$binary" "$@" --help 2>&1 | help_items >"$items"
    while read -r kind name; do
        case $kind in
            option)
                # Each subcommand's --help is named once, under OPTIONS.
                if [ "$root" = 0 ] && { [ "$name" = -h ] || [ "$name" = --help ]; }; then continue; fi
                names "$name" "$block" || fail "$path: option $name is not in the man page under '$path'"
                ;;
            positional)
                grep -qiE -- "(^|[^[:alnum:]-])$name([^[:alnum:]-]|\$)" "$block" ||
                    fail "$path: argument $name is not in the man page under '$path'"
                ;;
            subcommand) check_command "$binary" "$text" "$@" "$name" ;;
        esac
    done <"$items"
}

# EXIT STATUS as "CODE MEANING" lines: a code alone on its line, its meaning indented below.
man_table() {
    awk '
        /^[^ ]/ { section = $0; next }
        section != "EXIT STATUS" { next }
        /^       [0-9]+$/ { if (code != "") print code " " meaning; code = $1; meaning = ""; next }
        code != "" && /^        +[^ ]/ { sub(/^ +/, ""); meaning = meaning == "" ? $0 : meaning " " $0; next }
        code != "" && /^ {0,7}[^ ]/ { print code " " meaning; code = "" }
        END { if (code != "") print code " " meaning }' "$1"
}
help_table() { "$1" --help | sed -n '/^Exit codes:/,$p' | sed -n 's/^ *\([0-9][0-9]*\)  /\1 /p'; }

section() { awk -v name="$2" '/^[^ ]/ { inside = $0 == name; next } inside' "$1"; }

pages=()
while [ $# -ge 2 ]; do
    binary=$1 page=$2
    shift 2
    name=$(basename "$page")
    pages+=("$tmp/$name.txt")
    [ -s "$page" ] || { fail "$page was not generated (scdoc, scripts/install-deps)"; continue; }

    groff -man -Tutf8 -ww -z "$page" 2>"$tmp/warnings"
    if [ -s "$tmp/warnings" ]; then fail "$name: groff warns:" && sed 's/^/    /' "$tmp/warnings"; else echo "ok   $name renders without warnings"; fi
    if command -v man >/dev/null; then
        MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/warnings" >"$tmp/man-l" || fail "$name: man -l failed"
        if [ -s "$tmp/warnings" ] || [ ! -s "$tmp/man-l" ]; then
            fail "$name: man -l warns or prints nothing:" && sed 's/^/    /' "$tmp/warnings"
        else
            echo "ok   man -l $name"
        fi
    fi

    render "$page" >"$tmp/$name.txt"
    before=$failures
    check_command "$binary" "$tmp/$name.txt"
    [ "$failures" = "$before" ] && echo "ok   $name names every subcommand, option and argument of $(basename "$binary")'s --help"

    if [ -z "$(help_table "$binary")" ] || [ "$(man_table "$tmp/$name.txt")" != "$(help_table "$binary")" ]; then
        fail "$name: EXIT STATUS differs from $(basename "$binary") --help:"
        man_table "$tmp/$name.txt" >"$tmp/man_table"
        help_table "$binary" | diff "$tmp/man_table" - | sed 's/^/    /'
    else
        echo "ok   $name's EXIT STATUS is $(basename "$binary") --help's table"
    fi
done

if [ "${#pages[@]}" -eq 2 ] && [ -s "${pages[0]}" ] && [ -s "${pages[1]}" ]; then
    if [ -z "$(section "${pages[0]}" "MEDIA PRESETS")" ] ||
        ! diff <(section "${pages[0]}" "MEDIA PRESETS") <(section "${pages[1]}" "MEDIA PRESETS") >"$tmp/diff"; then
        fail "the pages' MEDIA PRESETS differ:" && sed 's/^/    /' "$tmp/diff"
    else
        echo "ok   both pages' MEDIA PRESETS agree"
    fi
fi

finish
