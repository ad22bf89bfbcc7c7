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
# smoke.sh and every tests/integration/t-*.sh (sorted), merging their TAP
# output into one stream: test numbers are renumbered and descriptions are
# prefixed with the script name. The private system daemon (lib-system.sh)
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

# Runs one test script, re-emitting its TAP lines (tests/lib/tap.sh's tap_relay).
run_script() {
    local script=$1 name rc fd t0=$EPOCHREALTIME
    name=$(basename "$script" .sh)
    echo "# --- $name"
    # The script's stdout comes through a pipe fd; RUN_CHILD is its pid so
    # an interrupted run can stop it (see the it_at_exit hook below).
    exec {fd}< <(exec timeout -k 30 "$SCRIPT_TIMEOUT" bash "$script" 2>>"$IT_ARTIFACTS/$name.stderr")
    RUN_CHILD=$!
    tap_relay "$name" <&"$fd"
    exec {fd}<&-
    wait "$RUN_CHILD"
    rc=$?
    RUN_CHILD=""
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        tap_not_ok "$name: killed after the ${SCRIPT_TIMEOUT} s script timeout"
    elif [ "$rc" != 0 ]; then
        tap_not_ok "$name: exited with status $rc"
    fi
    echo "# $name took $(it__elapsed "$t0" "$EPOCHREALTIME") s"
    if [ -s "$IT_ARTIFACTS/$name.stderr" ]; then
        echo "# $name stderr (last lines):"
        tail -n 5 "$IT_ARTIFACTS/$name.stderr" | sed 's/^/#   /'
    fi
}

mkdir -p "$IT_ARTIFACTS"

# If this run is interrupted, stop the running test script first (its own
# exit trap removes its domains), then lib.sh tears the daemon down.
RUN_CHILD=""
# shellcheck disable=SC2317  # (called from the exit trap)
stop_child() {
    local i
    [ -n "$RUN_CHILD" ] || return 0
    kill -TERM "$RUN_CHILD" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
        kill -0 "$RUN_CHILD" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$RUN_CHILD" 2>/dev/null
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
for s in "${SCRIPTS[@]}"; do
    run_script "$s"
done

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
if [ "$SETUP_OK" = 1 ] && [ -d "$IT_TMPDIR/multi" ]; then
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
