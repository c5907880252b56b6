# What a (sub)command's --help (CLI11) lists, a line each: "option NAME" (each of -o,--output),
# "subcommand NAME", "positional NAME". man_test.sh and completion_test.sh read it.
/^[A-Z][A-Za-z ]*:$/ { section = $0; next }
/^$/ { next }
section == "Options:" && /^  -/ { n = split($1, names, ","); for (i = 1; i <= n; i++) print "option " names[i] }
section == "Subcommands:" && /^  [a-z]/ { print "subcommand " $1 }
section == "Positionals:" && /^  [^ ]/ { print "positional " $1 }
