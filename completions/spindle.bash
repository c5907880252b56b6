# bash completion for mmc-emu and discrec (uses bash-completion's helpers).
# Installed once under each command's name: bash-completion loads the file named after the
# command being completed, and the file registers both.

# _spindle_reply WORD...: COMPREPLY is the WORDs that start with $cur (compgen -W would expand
# the ? and * of device names).
_spindle_reply() {
    local w
    COMPREPLY=()
    for w; do [[ $w == "$cur"* ]] && COMPREPLY+=("$w"); done
}

# Readline replaces only the text after the last word-break character (: = & ...) of the word:
# the replies lose what comes before it, as __ltrim_colon_completions does for ':'.
_spindle_ltrim_breaks() {
    local i head=
    for ((i = ${#cur} - 1; i >= 0; i--)); do
        [[ $COMP_WORDBREAKS == *"${cur:i:1}"* ]] && { head=${cur:0:i+1}; break; }
    done
    [ -n "$head" ] || return 0
    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${COMPREPLY[i]#"$head"}; done
}

# The media presets, one a line: what `mmc-emu presets` lists after "STATE KIND:", or the same
# table here where no mmc-emu answers; then the forms that go on with a file name.
_spindle_presets() {
    local listed kind
    listed=$(mmc-emu presets 2>/dev/null | sed -n '/^STATE KIND:/,$s/^  \([a-z].*\)$/\1/p')
    if [ -n "$listed" ]; then
        printf '%s\n' "$listed"
    else
        for kind in cd-r cd-rw dvd-r dvd-r-dl dvd-rw dvd+r dvd+r-dl bd-r; do
            printf '%s\n' "blank $kind" "appendable $kind" "closed $kind"
        done
        printf '%s\n' "blank dvd+rw" "formatted dvd+rw" "blank bd-re" "formatted bd-re" \
            "formatted dvd-ram" "formatted dvd-rw-ro"
    fi
    printf '%s\n' "rom from " "cd-rom from " "dvd-rom from " "bd-rom from " "cd-da from " "saved "
}

# _spindle_reply_lines LINES: COMPREPLY from newline-separated candidates that hold spaces.
# After an opening quote they go back as they are (readline closes the quote), otherwise with
# their spaces escaped.
_spindle_reply_lines() {
    local line quote='' text=$cur
    case $cur in \'* | \"*) quote=${cur:0:1} text=${cur:1} ;; esac
    text=${text//\\ / }
    COMPREPLY=()
    while IFS= read -r line; do
        [[ $line == "$text"* ]] || continue
        if [ -n "$quote" ]; then COMPREPLY+=("$line"); else COMPREPLY+=("$(printf '%q' "$line")"); fi
    done <<<"$1"
    # "rom from " and the like wait for a file name.
    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *' ' ]]; then compopt -o nospace 2>/dev/null; fi
}

# A device: the optical drives' nodes, or emu: for a drive emulated in-process,
# emu:[PROFILE.yaml][?media=PRESET][&faults=SCENARIO.yaml] (a preset's spaces written %20).
_spindle_devices() {
    local f
    case $cur in
        emu:*\?*)
            local before=${cur%"${cur##*[?&]}"} last=${cur##*[?&]} p words=()
            case $last in
                media=*)
                    while IFS= read -r p; do words+=("${before}media=${p// /%20}"); done < <(_spindle_presets; echo no-medium)
                    ;;
                faults=*)
                    while IFS= read -r f; do words+=("${before}faults=$f"); done < <(compgen -f -- "${last#faults=}")
                    ;;
                *) words=("${before}media=" "${before}faults=") ;;
            esac
            _spindle_reply "${words[@]}"
            compopt -o nospace 2>/dev/null
            ;;
        emu:*)
            # A profile (a directory on the way to one), then the query.
            local words=()
            [[ $cur == emu: || $cur == *.yaml ]] && words=("$cur?media=" "$cur?faults=")
            while IFS= read -r f; do
                if [ -d "$f" ]; then words+=("emu:$f/"); elif [[ $f == *.yaml ]]; then words+=("emu:$f"); fi
            done < <(compgen -f -- "${cur#emu:}")
            _spindle_reply "${words[@]}"
            compopt -o nospace 2>/dev/null
            ;;
        *)
            local nodes=()
            for f in /dev/sr[0-9]* /dev/sg[0-9]*; do [ -e "$f" ] && nodes+=("$f"); done
            _spindle_reply "${nodes[@]}" emu:
            [ "${COMPREPLY[*]}" = emu: ] && compopt -o nospace 2>/dev/null
            ;;
    esac
    _spindle_ltrim_breaks
}

# _spindle_position FROM: how many arguments (not options, not option values; "-" is an
# argument) stand between words[FROM] and the word being completed; $opts_with_value names the
# options that take a value.
_spindle_position() {
    local i n=0
    for ((i = $1 + 1; i < cword; i++)); do
        case ${words[i]} in
            --*=*) ;;
            -?*) [[ " $opts_with_value " == *" ${words[i]} "* ]] && ((i++)) ;;
            *) ((n++)) ;;
        esac
    done
    echo "$n"
}

# The subcommand and its index in words (the first word that is not an option).
_spindle_subcommand() {
    local i
    sub='' at=0
    for ((i = 1; i < cword; i++)); do
        [[ ${words[i]} != -* ]] && { sub=${words[i]} at=$i; return; }
    done
}

_discrec() {
    local cur prev words cword split sub at pos
    _init_completion -s -n : || return
    _spindle_subcommand

    local opts_with_value="--type --in --out --timeout --speed --progress --media --size -o --output --map --retries"
    case $prev in
        --progress) _spindle_reply auto bar plain json none; return ;;
        --type) _spindle_reply current changeable default saved; return ;;
        --speed) _spindle_reply max; return ;;
        --media) _spindle_reply_lines "$(_spindle_presets)"; return ;;
        --out | -o | --output | --map) _filedir; return ;;
        --in | --size | --timeout | --retries) return ;;
    esac
    $split && return

    if [ -z "$sub" ]; then
        if [[ $cur == -* ]]; then _spindle_reply --help --version; else
            _spindle_reply list info mode-page features send burn erase format eject load demo capture-profile read
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        local opts=(--help)
        case $sub in
            list | features) opts+=(--json) ;;
            info) opts+=(--json --map) ;;
            mode-page) opts+=(--type --json) ;;
            send) opts+=(--in --out --timeout --keep-unit-attention) ;;
            burn) opts+=(--speed --close --verify --simulate --append --force --dao --no-underrun-protection --progress) ;;
            erase | format) opts+=(--full --progress) ;;
            demo) opts+=(--media --size --progress) ;;
            capture-profile) opts+=(-o --output) ;;
            read) opts+=(-o --output --retries --json -q --quiet) ;;
        esac
        _spindle_reply "${opts[@]}"
        return
    fi

    pos=$(_spindle_position "$at")
    case $sub in
        list | demo) ;;
        burn) if [ "$pos" -eq 0 ]; then _spindle_devices; elif [ "$pos" -eq 1 ]; then _filedir; fi ;; # DEV IMAGE
        *) if [ "$pos" -eq 0 ]; then _spindle_devices; fi ;;
    esac
}
complete -F _discrec discrec

# mmc-emu control TARGET DRIVE FILE [VALUE...]: a control directory or socket (or -), a drive,
# a control file, and the words the files that take words take.
_spindle_control() {
    local target=${words[at + 1]-} file=${words[at + 3]-} drives=(drive0)
    case $1 in
        0) _filedir; [[ - == "$cur"* ]] && COMPREPLY+=(-) ;;
        1)
            [ -d "$target" ] && mapfile -t drives < <(cd "$target" && compgen -G 'drive[0-9]*')
            _spindle_reply "${drives[@]}"
            ;;
        2) _spindle_reply tray medium state faults log log_pipe disc.img disc.cdda stats profile.yaml last_error export ;;
        3)
            case $file in
                tray) _spindle_reply open close eject ;;
                state) _spindle_reply ready becoming-ready format-in-progress long-write busy upside-down \
                    incompatible-medium no-medium tray-open locked ;;
                faults) _spindle_reply clear remove - ;;
                medium) _spindle_reply_lines "$(_spindle_presets; echo eject; echo no-medium)" ;;
            esac
            ;;
    esac
}

_mmc_emu() {
    local cur prev words cword split sub at pos i
    _init_completion -s -n : || return
    _spindle_subcommand

    # exec: after "--", the command and its arguments, completed as that command's.
    if [ "$sub" = exec ]; then
        for ((i = at + 1; i < cword; i++)); do
            if [ "${words[i]}" = -- ]; then _command_offset $((i + 1)); return; fi
        done
    fi

    local opts_with_value="--profile --media --image --name --drives --state-dir --faults --target --control
        --control-socket --timeout --command-timeout --trace --output -o --chap --portal --iqn"
    case $prev in
        --profile) _filedir yaml; return ;;
        --faults) _filedir '@(yaml|yml)'; return ;;
        --media) _spindle_reply_lines "$(_spindle_presets)"; return ;;
        --output | -o) _filedir '@(cue|toc|ccd|iso)'; return ;;
        --image | --control-socket | --trace | --chap) _filedir; return ;;
        --state-dir | --control) _filedir -d; return ;;
        --target) _spindle_reply tcmu cuse; return ;;
        --name | --drives | --timeout | --command-timeout | --portal | --iqn) return ;;
    esac
    $split && return

    if [ -z "$sub" ]; then
        if [[ $cur == -* ]]; then _spindle_reply --help --version; else
            _spindle_reply profile demo presets attach detach run control exec export
        fi
        return
    fi
    if [[ $cur == -* ]]; then
        local drive_opts=(--profile --media --image --drives --state-dir --faults) opts=(--help)
        case $sub in
            demo) opts+=(--media) ;;
            export) opts+=(--output --quiet) ;;
            attach) opts+=("${drive_opts[@]}" --name --target --control --timeout --command-timeout --iscsi --portal
                --iqn --chap --no-auth --no-local) ;;
            run) opts+=("${drive_opts[@]}" --control --control-socket --trace) ;;
            exec) opts+=("${drive_opts[@]}" --control --trace --) ;;
        esac
        _spindle_reply "${opts[@]}"
        return
    fi

    pos=$(_spindle_position "$at")
    case $sub in
        profile) if [ "$pos" -eq 0 ]; then _spindle_reply check show; elif [ "$pos" -eq 1 ]; then _filedir yaml; fi ;;
        control) _spindle_control "$pos" ;;
        export) [ "$pos" -eq 0 ] && _spindle_reply_lines "$(_spindle_presets)" ;;
    esac
}
complete -F _mmc_emu mmc-emu
