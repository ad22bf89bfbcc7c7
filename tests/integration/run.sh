#!/bin/bash
# run.sh - entry point of the real-stack integration tests.
#
# Usage: tests/integration/run.sh [VIRTSH [BUILDDIR]]
#   VIRTSH    path of the virtsh binary (default: $VIRTSH)
#   BUILDDIR  build/cache dir (default: $IT_BUILDDIR, else
#             <repo>/build-integration). The guest is cached in
#             BUILDDIR/guest, logs of the last run go to BUILDDIR/it-logs.
#
# Installs missing Debian packages (when root), builds the guest (cached),
# starts ONE private session daemon shared by all scripts, then runs
# smoke.sh and every tests/integration/t-*.sh, IT_JOBS (default 3) at a
# time (see "scheduling" below for what may run side by side), merging
# their TAP output into one stream as each ends: test numbers are
# renumbered and descriptions are prefixed with the script name. The private system daemon (lib-system.sh)
# and the multi-host session daemons (lib-multi.sh) are shared the same
# way, but started only by the first script that asks for them. Ends with
# the plan, teardown checks (one per environment) and a closing line
# "integration: N passed, N failed, N skipped".
#
# Environment: IT_SCRIPTS="smoke t-foo" runs only those scripts;
# IT_SCRIPT_TIMEOUT (default 600) seconds before a script is stopped
# (TERM, so its exit trap still cleans up); see lib.sh for the others.
#
# Exit status: 0 if nothing failed (skips are fine), 1 otherwise
# (IT_EXIT_ZERO=1 forces 0), 2 on usage errors.
#
# Writing a new t-NAME.sh: source lib.sh, call it_setup (it attaches to
# this run's daemon), print TAP with tap_* and end with tap_plan. Use
# domain names unique to your script and track them (it_guest_xmlfile
# does) so they are removed at exit. See lib.sh's header for the API.
set -u

HERE=$(dirname "$(readlink -f "$0")")
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=lib-system.sh
source "$HERE/lib-system.sh"
# shellcheck source=lib-multi.sh
source "$HERE/lib-multi.sh"

VIRTSH=${1:-${VIRTSH:-}}
BUILDDIR=${2:-${IT_BUILDDIR:-$REPO/build-integration}}
if [ -z "$VIRTSH" ]; then
    echo "usage: $0 VIRTSH [BUILDDIR]   (or set VIRTSH)" >&2
    exit 2
fi
if [ ! -x "$VIRTSH" ]; then
    echo "run.sh: $VIRTSH is not an executable file" >&2
    exit 2
fi
export VIRTSH
SCRIPT_TIMEOUT=${IT_SCRIPT_TIMEOUT:-600}
mkdir -p "$BUILDDIR" || exit 2
BUILDDIR=$(cd "$BUILDDIR" && pwd)
export IT_ARTIFACTS=$BUILDDIR/it-logs
rm -rf "$IT_ARTIFACTS"

T_START=$EPOCHREALTIME

# ------------------------------------------------------------ scheduling
# Scripts run IT_JOBS at a time (default 3: most of a script's time is
# spent waiting on a guest).  What a script shares decides what may run
# beside it: every script uses the session daemon; one that calls
# sys_setup uses the system daemon, one that calls multi_setup the
# multi-host daemons.  A script that stops, freezes or restarts one of them
# says so in a header line "# it-exclusive: session|system|multi" and then
# runs with no other script using it (session: alone).  A script's TAP goes
# to a file and is relayed, renumbered, when the script ends.
IT_JOBS=${IT_JOBS:-3}
declare -A S_USES=() S_EXCL=() R_PID=() R_NAME=() R_T0=()

script_resources() {
    local s=$1 name
    name=$(basename "$s" .sh)
    S_USES[$name]="session"
    grep -q 'sys_setup' "$s" && S_USES[$name]+=" system"
    grep -q 'multi_setup' "$s" && S_USES[$name]+=" multi"
    S_EXCL[$name]=$(sed -n 's/^# it-exclusive: *\([a-z ]*\).*/\1/p' "$s" | head -n 1)
}

# May script NAME start beside the running ones?
may_start() {
    local name=$1 other r
    [ "${#R_NAME[@]}" -lt "$IT_JOBS" ] || return 1
    for other in "${R_NAME[@]}"; do
        for r in ${S_EXCL[$name]}; do
            [[ " ${S_USES[$other]} " == *" $r "* ]] && return 1
        done
        for r in ${S_EXCL[$other]}; do
            [[ " ${S_USES[$name]} " == *" $r "* ]] && return 1
        done
    done
    return 0
}

start_script() {
    local script=$1 name pid
    name=$(basename "$script" .sh)
    # setsid: its own process group, so an interrupted run stops it and
    # its children by that group.
    setsid timeout -k 30 "$SCRIPT_TIMEOUT" bash "$script" \
        >"$IT_ARTIFACTS/$name.tap" 2>>"$IT_ARTIFACTS/$name.stderr" </dev/null &
    pid=$!
    R_PID[$name]=$pid
    R_NAME[$pid]=$name
    R_T0[$name]=$EPOCHREALTIME
}

# Relays the TAP of the script that ran as PID and ended with RC.
finish_script() {
    local pid=$1 rc=$2 name
    name=${R_NAME[$pid]}
    unset "R_NAME[$pid]" "R_PID[$name]"
    echo "# --- $name"
    tap_relay "$name" < "$IT_ARTIFACTS/$name.tap"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        tap_not_ok "$name: killed after the ${SCRIPT_TIMEOUT} s script timeout"
    elif [ "$rc" != 0 ]; then
        tap_not_ok "$name: exited with status $rc"
    fi
    echo "# $name took $(it__elapsed "${R_T0[$name]}" "$EPOCHREALTIME") s"
    if [ -s "$IT_ARTIFACTS/$name.stderr" ]; then
        echo "# $name stderr (last lines):"
        tail -n 5 "$IT_ARTIFACTS/$name.stderr" | sed 's/^/#   /'
    fi
}

# Runs the scripts of the array named QUEUE, in its order where they may
# start, until all have ended.
run_scripts() {
    local -a queue=("$@") rest
    local s name pid rc
    while [ "${#queue[@]}" -gt 0 ] || [ "${#R_NAME[@]}" -gt 0 ]; do
        rest=()
        for s in "${queue[@]}"; do
            name=$(basename "$s" .sh)
            # an exclusive script waits its turn but holds back no later one
            if may_start "$name"; then
                start_script "$s"
            else
                rest+=("$s")
            fi
        done
        queue=("${rest[@]}")
        [ "${#R_NAME[@]}" -gt 0 ] || break
        pid=""
        wait -n -p pid "${!R_NAME[@]}"
        rc=$?
        [ -n "$pid" ] && finish_script "$pid" "$rc"
    done
    for s in "${queue[@]}"; do
        tap_not_ok "$(basename "$s" .sh): never started (what it shares stayed busy)"
    done
}

mkdir -p "$IT_ARTIFACTS"

# If this run is interrupted, stop the running test scripts first (their
# exit traps remove their domains), then lib.sh tears the daemon down.
# shellcheck disable=SC2317  # (called from the exit trap)
stop_child() {
    local i pid alive
    [ "${#R_NAME[@]}" -gt 0 ] || return 0
    for pid in "${!R_NAME[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null
    done
    for ((i = 0; i < 100; i++)); do
        alive=0
        for pid in "${!R_NAME[@]}"; do
            kill -0 "$pid" 2>/dev/null && alive=1
        done
        [ "$alive" = 1 ] || break
        sleep 0.1
    done
    for pid in "${!R_NAME[@]}"; do
        kill -KILL -- "-$pid" 2>/dev/null
    done
}
it_at_exit stop_child

# ------------------------------------------------------------ prerequisites
if ! it_require_packages; then
    export IT_GLOBAL_SKIP=$IT_SKIP_REASON
fi
if [ -z "${IT_GLOBAL_SKIP:-}" ]; then
    t0=$EPOCHREALTIME
    if it_build_guest "$BUILDDIR/guest"; then
        echo "# guest ready in $(it__elapsed "$t0" "$EPOCHREALTIME") s ($IT_GUEST_DIR)"
    else
        echo "# $IT_GUEST_SKIP (see $BUILDDIR/guest.build.log)"
    fi
    cp "$BUILDDIR/guest.build.log" "$IT_ARTIFACTS/" 2>/dev/null
fi

# ------------------------------------------------------------ shared daemon
SETUP_OK=0
if [ -z "${IT_GLOBAL_SKIP:-}" ]; then
    if it_setup; then
        SETUP_OK=1
        echo "# session daemon pid $IT_DAEMON_PID as $IT_USER, temp dir $IT_TMPDIR${IT_LOCK_WAIT:+ (waited $IT_LOCK_WAIT s for another run)}"
        export IT_SHARED_TMPDIR=$IT_TMPDIR
        it_at_exit multi_teardown
        if [ "$IT_AS_ROOT" = 1 ]; then
            # Where a script starts the shared system daemon (root only);
            # QEMU capabilities cached between runs (warm starts).
            IT_SHARED_SYS_DIR=$(mktemp -d /tmp/virtsh-sys.XXXXXXXX) && export IT_SHARED_SYS_DIR &&
                sys_adopt "$IT_SHARED_SYS_DIR"
            export IT_SYS_CACHE=$BUILDDIR/sys-cache
        fi
    else
        export IT_GLOBAL_SKIP=$IT_SKIP_REASON
    fi
fi
[ -n "${IT_GLOBAL_SKIP:-}" ] && echo "# stack unavailable, tests are skipped: $IT_GLOBAL_SKIP"

# ------------------------------------------------------------ scripts
SCRIPTS=()
for s in "$HERE/smoke.sh" "$HERE"/t-*.sh; do
    [ -f "$s" ] || continue
    if [ -n "${IT_SCRIPTS:-}" ]; then
        case " $IT_SCRIPTS " in *" $(basename "$s" .sh) "*) ;; *) continue ;; esac
    fi
    SCRIPTS+=("$s")
done
# Those that need the session daemon alone go first: run at the end, they
# would wait for the slowest of the others.
ALONE=() OTHERS=()
for s in "${SCRIPTS[@]}"; do
    script_resources "$s"
    if [[ " ${S_EXCL[$(basename "$s" .sh)]} " == *" session "* ]]; then
        ALONE+=("$s")
    else
        OTHERS+=("$s")
    fi
done
echo "# running ${#SCRIPTS[@]} scripts, $IT_JOBS at a time"
run_scripts "${ALONE[@]}" "${OTHERS[@]}"

# ------------------------------------------------------------ teardown
# teardown_line DESC FUNCTION DIAG-VARIABLE: one TAP line for FUNCTION.
teardown_line() {
    if "$2"; then
        tap_ok "run: $1"
    else
        tap_not_ok "run: $1"
        echo "# ${!3}"
    fi
}
if [ "$SETUP_OK" = 1 ] && sys_started; then
    teardown_line "system daemon teardown leaves nothing (no process in its namespaces; host links, iptables, sysctls, libvirt dirs as before; temp dir gone)" \
        sys_teardown SYS_TEARDOWN_DIAG
else
    sys_teardown
    tap_skip "run: system daemon teardown leaves nothing" "no script started it"
fi
if [ "$SETUP_OK" = 1 ] && [ -d "$IT_TMPDIR/M" ]; then
    teardown_line "multi-host daemons teardown leaves nothing (domains, daemons, their processes, dirs)" \
        multi_teardown MULTI_TEARDOWN_DIAG
else
    tap_skip "run: multi-host daemons teardown leaves nothing" "no script started them"
fi
if [ "$SETUP_OK" = 1 ]; then
    if it_teardown; then
        tap_ok "run: teardown leaves nothing behind (domains, daemon, processes of $IT_USER, temp dir)"
    else
        tap_not_ok "run: teardown leaves nothing behind"
        echo "# $IT_TEARDOWN_DIAG"
    fi
else
    tap_skip "run: teardown leaves nothing behind" "${IT_GLOBAL_SKIP:-no daemon}"
fi

tap_plan
took=$(it__elapsed "$T_START" "$EPOCHREALTIME")
if [ -n "${IT_LOCK_WAIT:-}" ]; then
    took="$took s, of which $IT_LOCK_WAIT s waiting for another run"
else
    took="$took s"
fi
echo "# integration run took $took; logs in $IT_ARTIFACTS"
echo "integration: $((TAP_COUNT - TAP_FAILED - TAP_SKIPPED)) passed, $TAP_FAILED failed, $TAP_SKIPPED skipped"
if [ "$TAP_FAILED" -gt 0 ] && [ "${IT_EXIT_ZERO:-0}" != 1 ]; then
    exit 1
fi
exit 0
