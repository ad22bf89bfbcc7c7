# shellcheck shell=bash
# tests/integration/lib-hostobj.sh - what t-network.sh and t-hostobj.sh
# share, after lib.sh and lib-system.sh: files for the test user, and the
# comparison of virtsh's text with the reference virsh's on the system
# daemon.
#
#   put NAME < TEXT     writes $T/NAME readable by the test user, prints its path
#   strip               drops the blank line virsh ends every command with
#   same ARG...         0 if virsh and virtsh print the same for ARG... on
#                       $SYS_URI (stdout and stderr, blank line aside); else
#                       1 and the two outputs as TAP comments

put() {
    cat > "$T/$1" && chmod 644 "$T/$1" && echo "$T/$1"
}

strip() {
    sed -e '${/^$/d}'
}

same() {
    local a b
    a=$(sys_virsh "$@" 2>&1 | strip)
    b=$(sys_virtsh "$@" 2>&1 | strip)
    [ "$a" = "$b" ] && return 0
    tap_diag "differs: $*" "virsh:  $(echo "$a" | head -n 8 | tr '\n' '|')" \
        "virtsh: $(echo "$b" | head -n 8 | tr '\n' '|')"
    return 1
}
