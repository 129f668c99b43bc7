#!/usr/bin/env bash
# The man pages and the bash completion that the build makes from the program's own
# definitions (vanban generate; generator/install/install.cmake):
#   - every page exists in English and Vietnamese, groff reads it without a warning, and it
#     names every option that the command's --help lists;
#   - the completion script, sourced into bash, completes commands, options, template names
#     and option values.
#   generated_docs_test.sh VANBAN_PROGRAM GENERATED_DOCS_DIR SOURCE_DIR
set -euo pipefail
vanban=$1 docs=$2 source=$3
fail() { echo "FAILED: $*" >&2; exit 1; }

commands_in() { "$vanban" --lang en "$@" --help | awk '/^Commands:/ {on = 1; next} on && !NF {exit} on {print $1}'; }
commands=() # every command, and every command of a command ("batch merge-manifests")
for command in $(commands_in); do
  commands+=("$command")
  for nested in $(commands_in "$command"); do commands+=("$command $nested"); done
done
(( ${#commands[@]} > 0 )) || fail "no commands in vanban --help"
[[ " ${commands[*]} " == *" batch merge-manifests "* ]] || fail "vanban batch --help does not list merge-manifests"
for language in en vi; do
  dir=$docs/man/man1
  [[ $language == vi ]] && dir=$docs/man/vi/man1
  for command in "" "${commands[@]}"; do
    page=$dir/vanban${command:+-${command// /-}}.1
    [[ -s $page ]] || fail "no man page $page"
    warnings=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1) || fail "groff failed on $page"
    [[ -z $warnings ]] || fail "groff warns about $page: $warnings"
    text=$(groff -k -man -Tutf8 -P-c -P-b -P-u "$page" 2>/dev/null | sed 's/\xe2\x80\x90/-/g')
    # Every option --help lists, by its long name ("--output"), is in the page.
    help=$("$vanban" --lang "$language" $command --help)
    for option in $(grep -oE -- '(^|[ ,])--[a-z][a-z-]*' <<<"$help" | grep -oE -- '--[a-z-]+' | sort -u); do
      [[ $text == *"$option"* ]] || fail "$page does not name $option"
    done
  done
done
grep -q "TÙY CHỌN" "$docs/man/vi/man1/vanban-render.1" || fail "the Vietnamese page has English section names"
echo "man pages: $(ls "$docs"/man/man1 | wc -l) English, $(ls "$docs"/man/vi/man1 | wc -l) Vietnamese, every option named"

# Completion: what bash would offer after the words typed so far.
complete_words() { # WORD...: the line, the last word being completed
  VANBAN_TEMPLATES=$source/templates bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
    _vanban
    printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$docs/completion/vanban" "$@"
}
expect() { # EXPECTED WORD...
  local expected=$1; shift
  local got; got=$(complete_words "$@")
  [[ $got == "$expected " ]] || fail "completing '$*': got '$got', expected '$expected'"
}
bash -n "$docs/completion/vanban" || fail "the completion script is not valid bash"
expect "render" vanban ren
expect "batch" vanban ba
expect "ke-hoach" vanban render ke
expect "party state" vanban render --profile ""
expect "pdf" vanban render ke-hoach plan.json -f p
expect "vi" vanban --lang v
expect "tcvn3" vanban batch --input-encoding tc
expect "--output" vanban render --outp
expect "bao-cao ke-hoach merge-manifests" vanban batch ""
expect "merge-manifests" vanban batch mer
expect "--quiet" vanban batch merge-manifests --qu
expect "--output" vanban batch merge-manifests m1.json --outp
echo "completion: commands, options, templates and values complete"
