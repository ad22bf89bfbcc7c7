# shellcheck shell=bash disable=SC2034  # (FAULT_* globals are read by the test scripts)
# tests/tools/faults.sh - run a command under the fault-injection preload
# (virtsh-fault.so, see fault.c for VIRTSH_FAULT and the log format).
# Source it after tests/integration/lib.sh (commands then run through
# it_run: as the test user, in the private session environment) or alone
# (commands run directly).
#
#   source tests/tools/faults.sh
#   fault_available || tap_skip_all "$FAULT_SKIP_REASON" "${DESC[@]}"
#   n=$(fault_count_calls "$VIRTSH" -c "$IT_URI" define "$xml")
#   for ((i = 1; i <= n; i++)); do
#       fault_kill_after "$i" "$VIRTSH" -c "$IT_URI" define "$xml"
#       tap_result $? "killed after call $i ($FAULT_NAME)"
#       ... check what exists now, clean up ...
#   done
#
# Functions (CMD's stdout and stderr pass through; each run's log is
# $FAULT_LOG, its exit status $FAULT_STATUS, 137 when killed):
#   fault_available          0 if the preload exists and the user that runs
#                            the commands can read it (else copied where it
#                            can); else 1 with FAULT_SKIP_REASON
#   fault_run SPEC CMD...    CMD with VIRTSH_FAULT=SPEC ("" only logs);
#                            returns CMD's status
#   fault_count_calls CMD... runs CMD with the log only and prints how many
#                            libvirt calls it made; returns 1 if CMD failed
#   fault_kill_after WHERE CMD...  kill-after=WHERE; 0 iff the preload killed
#                            CMD there (FAULT_NAME: the function, FAULT_INDEX:
#                            its call number), 1 if CMD ended otherwise
#   fault_interrupt_after WHERE CMD...  interrupt-after=WHERE (SIGINT, a
#                            Ctrl-C, right after that call); 0 iff it was sent
#   fault_fail WHERE CMD...  fail=WHERE; 0 iff that call was made to fail
#   fault_fail_after WHERE CMD...  the same with fail-after=WHERE
#   fault_calls              the last log's calls, "N NAME" per line
# WHERE is N, NAME or NAME:K.  Environment: FAULT_PRELOAD (path of
# virtsh-fault.so; default: in the build of $VIRTSH, else VIRTSH_BUILDDIR's),
# FAULT_RUNNER (default it_run when lib.sh is loaded, else env), FAULT_DIR
# (where the logs go; default under lib.sh's IT_TMPDIR, required without).
# Call fault_available first, outside $(...).

FAULT_STATUS="" FAULT_NAME="" FAULT_INDEX="" FAULT_LOG="" FAULT_SKIP_REASON=""
FAULT__DIR="" FAULT__N=0

fault__runner() {
    if [ -n "${FAULT_RUNNER:-}" ]; then
        $FAULT_RUNNER "$@"
    elif declare -F it_run >/dev/null; then
        it_run "$@"
    else
        env "$@"
    fi
}

# A directory the commands' user can write the logs to.
fault__dir() {
    [ -n "$FAULT__DIR" ] && return 0
    if [ -n "${FAULT_DIR:-}" ]; then
        FAULT__DIR=$FAULT_DIR
    elif [ -n "${IT_TMPDIR:-}" ]; then
        # One directory per script: the scripts that run at once share
        # IT_TMPDIR, and each numbers its logs run-1, run-2, ... (with one
        # directory, a script read another's log of the same number).
        mkdir -p "$IT_TMPDIR/tmp" &&
            FAULT__DIR=$(mktemp -d "$IT_TMPDIR/tmp/faults.XXXXXX") &&
            chown "$IT_UID:$IT_GID" "$FAULT__DIR" || { FAULT__DIR=""; return 1; }
    else
        return 1
    fi
}

fault_available() {
    local build
    if [ -z "${FAULT_PRELOAD:-}" ]; then
        # The build of the virtsh under test, else VIRTSH_BUILDDIR.
        for build in "$(dirname "$(dirname "$(readlink -f "${VIRTSH:-.}")")")" "${VIRTSH_BUILDDIR:-}"; do
            FAULT_PRELOAD=$(readlink -f "$build/tests/tools/virtsh-fault.so")
            [ -r "$FAULT_PRELOAD" ] && break
        done
    fi
    if [ ! -r "$FAULT_PRELOAD" ]; then
        FAULT_SKIP_REASON="no fault preload at $FAULT_PRELOAD (not built?)"
        return 1
    fi
    fault__dir || { FAULT_SKIP_REASON="no directory for the logs (FAULT_DIR)"; return 1; }
    if ! fault__runner test -r "$FAULT_PRELOAD"; then
        cp "$FAULT_PRELOAD" "$FAULT__DIR/virtsh-fault.so" && chmod 644 "$FAULT__DIR/virtsh-fault.so"
        FAULT_PRELOAD=$FAULT__DIR/virtsh-fault.so
    fi
    return 0
}

fault_run() {
    local spec=$1
    shift
    [ -n "$FAULT__DIR" ] || fault_available || return 125
    FAULT__N=$((FAULT__N + 1))
    FAULT_LOG=$FAULT__DIR/run-$FAULT__N.log
    FAULT_NAME="" FAULT_INDEX=""
    # The shell that waits for a killed command prints "Killed" to its
    # stderr: that one goes to /dev/null, the command's own stderr (fd 4) not.
    { fault__runner /bin/sh -c 'exec "$@" 2>&4 4>&-' fault_run \
        env LD_PRELOAD="$FAULT_PRELOAD" VIRTSH_FAULT="$spec" VIRTSH_FAULT_LOG="$FAULT_LOG" "$@"
    } 4>&2 2>/dev/null
    FAULT_STATUS=$?
    return "$FAULT_STATUS"
}

fault_calls() {
    sed -n 's/^call //p' "$FAULT_LOG" 2>/dev/null
}

fault_count_calls() {
    local rc
    fault_run "" "$@" >/dev/null 2>&1
    rc=$?
    fault_calls | wc -l
    [ "$rc" -eq 0 ]
}

# fault__fired WHAT: the log's line for the fault (sets FAULT_INDEX, FAULT_NAME).
fault__fired() {
    local what index name
    read -r what index name < <(grep -E "^(kill|interrupt|fail|fail-after) " "$FAULT_LOG" 2>/dev/null)
    [ "$what" = "$1" ] || return 1
    FAULT_INDEX=$index FAULT_NAME=$name
}

fault_kill_after() {
    local where=$1
    shift
    fault_run "kill-after=$where" "$@"
    [ "$FAULT_STATUS" -eq 137 ] && fault__fired kill
}

fault_interrupt_after() {
    local where=$1
    shift
    fault_run "interrupt-after=$where" "$@"
    fault__fired interrupt
}
fault_fail() {
    local where=$1
    shift
    fault_run "fail=$where" "$@"
    fault__fired fail
}

fault_fail_after() {
    local where=$1
    shift
    fault_run "fail-after=$where" "$@"
    fault__fired fail-after
}
