#!/bin/bash
# t-qga-direct.sh - the direct guest agent client (src/qga.c) against a real
# qemu-ga on a host socket (every host-changing RPC blocked by lib.sh):
# sync, ping, info, get-time, errors, a blocked command, the round trip time;
# the agent stopped with SIGSTOP (timeout, client still usable) and continued
# (the next command gets its own reply); Ctrl-C while waiting; and an
# adversarial proxy (tests/tools/qga-proxy) that injects stale replies,
# partial JSON, duplicates and delays.  Then the same socket through
# `virtsh agent --socket` when that command exists.
#
# Usage: VIRTSH=build/src/virtsh tests/integration/t-qga-direct.sh
# The helper programs are taken from QGA_TOOLS (default: the tests/tools
# directory of VIRTSH's build tree).  Output is TAP.
set -u
# shellcheck source=tests/integration/lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

DESC_DIRECT=(
    "first request syncs once (guest-sync-delimited) and the agent echoes ids"
    "guest-ping answers {}"
    "guest-info has a version and lists guest-ping"
    "guest-get-time is the host's time"
    "an unknown command gives CommandNotFound"
    "a blocked command gives 'has been disabled'"
    "a blocked no-reply command (guest-shutdown) reports 'has been disabled'"
    "guest-ping round trip measured (median of 1000)"
)
DESC_STOP=(
    "agent stopped: the command times out on time"
    "agent stopped: the client is still usable and the next command times out too"
    "agent continued: the next command gets its own reply, not a stale one"
    "agent continued: stale replies were dropped"
    "Ctrl-C (SIGINT) stops the wait at once"
    "after Ctrl-C the next command gets its own reply"
    "qemu-ga still runs after the client closed"
)
DESC_PROXY=(
    "proxy --stale --partial --split: every command gets its own reply"
    "proxy --stale --partial --split: stale replies and garbage were seen and dropped"
    "proxy --dup: duplicated replies never answer a later command"
    "proxy --delay: a late reply is dropped and the next command gets its own"
    "proxy --swallow-once: a swallowed reply times out, the resync recovers"
    "qemu-ga still runs after the proxy tests"
)
DESC_VIRTSH=(
    "virtsh agent --socket guest-ping succeeds"
    "virtsh agent --socket guest-info prints the version"
    "virtsh agent --socket with an unknown command fails (exit 1)"
    "virtsh agent --socket guest-shutdown reports 'has been disabled' (exit 1)"
    "virtsh runs several agent --socket commands in one process"
    "virtsh batch: agent stopped, the command times out and the shell goes on; continued, the next command gets its own reply"
)

skip_all() {
    local reason=$1 d
    shift
    for d in "$@"; do tap_skip "$d" "$reason"; done
}

# ------------------------------------------------------------ the client
# One qga-client process as the test user, fed a request per line.
QC_OUT=""
qc_start() {
    coproc QC { it_run "$QGA_TOOLS/qga-client" "$1" 2>&1; }
    # A plain copy of the coproc's stdin, usable in subshells.
    exec {QC_IN}>&"${QC[1]}"
    qc pid || return 1
    QC_CLIENT_PID=${QC_OUT#ok }
}
# qc LINE [WAIT]: sends LINE, sets QC_OUT to the answer line; 0 if "ok ...".
qc() {
    QC_OUT="(no client)"
    [ -n "${QC_PID:-}" ] && [ -n "${QC[0]:-}" ] || return 1
    # (in a subshell that ignores SIGPIPE: a client that died must not kill the script)
    (trap '' PIPE; printf '%s\n' "$1" >&"$QC_IN") 2>/dev/null || return 1
    IFS= read -r -t "${2:-30}" QC_OUT <&"${QC[0]}" || { QC_OUT="(no answer)"; return 1; }
    [[ $QC_OUT == ok* ]]
}
qc_stop() {
    [ -n "${QC_PID:-}" ] || return 0
    local pid=$QC_PID
    exec {QC_IN}>&-
    [ -n "${QC[1]:-}" ] && eval "exec ${QC[1]}>&-"
    wait "$pid" 2>/dev/null
    QC_PID=""
}
# Seconds since $1 ($EPOCHREALTIME), as "1.234".
since() {
    awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'
}
# lt A B: A < B for decimals
lt() {
    awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'
}

# ------------------------------------------------------------ groups
group_direct() {
    local out t now
    qc_start "$HOSTGA_SOCK" || tap_diag "qga-client did not start: $QC_OUT"

    qc '{"execute":"guest-ping"}'
    out=$QC_OUT
    qc stats
    [[ $QC_OUT == *'"syncs":1,'* && $QC_OUT == *'"echoes_id":true'* ]]
    tap_result $? "${DESC_DIRECT[0]}" || tap_diag "$QC_OUT"

    [ "$out" = 'ok {"return":{}}' ]
    tap_result $? "${DESC_DIRECT[1]}" || tap_diag "$out"

    qc '{"execute":"guest-info"}'
    [[ $QC_OUT == *'"version":"'* && $QC_OUT == *'"name":"guest-ping"'* ]]
    tap_result $? "${DESC_DIRECT[2]}" || tap_diag "${QC_OUT:0:300}"

    qc '{"execute":"guest-get-time"}'
    t=$(sed -n 's/^ok {"return":\([0-9]*\)}$/\1/p' <<<"$QC_OUT")
    now=$(date +%s)
    [ -n "$t" ] && [ $((t / 1000000000 - now)) -le 5 ] && [ $((now - t / 1000000000)) -le 5 ]
    tap_result $? "${DESC_DIRECT[3]}" || tap_diag "$QC_OUT (host: $now)"

    qc '{"execute":"guest-no-such-command"}'
    [[ $QC_OUT == 'ok {"error":{"class":"CommandNotFound"'* ]]
    tap_result $? "${DESC_DIRECT[4]}" || tap_diag "$QC_OUT"

    qc '{"execute":"guest-exec","arguments":{"path":"/bin/true"}}'
    [[ $QC_OUT == ok*'"error"'*'has been disabled'* ]]
    tap_result $? "${DESC_DIRECT[5]}" || tap_diag "$QC_OUT"

    qc '!{"execute":"guest-shutdown"}'
    [[ $QC_OUT == ok*'"error"'*'has been disabled'* ]]
    tap_result $? "${DESC_DIRECT[6]}" || tap_diag "$QC_OUT"

    qc 'bench 1000' 120
    [[ $QC_OUT == 'ok bench n=1000 '* ]]
    tap_result $? "${DESC_DIRECT[7]}" && tap_diag "guest-ping round trip: ${QC_OUT#ok bench }"
    [[ $QC_OUT == 'ok bench n=1000 '* ]] || tap_diag "$QC_OUT"
    qc_stop
}

group_stop() {
    local t0 took out=""
    qc_start "$HOSTGA_SOCK" || tap_diag "qga-client did not start: $QC_OUT"
    qc '{"execute":"guest-ping"}'
    qc stats
    local stale_before
    stale_before=$(sed -n 's/.*"stale":\([0-9]*\).*/\1/p' <<<"$QC_OUT")

    kill -STOP "$HOSTGA_PID"
    t0=$EPOCHREALTIME
    qc '@500 {"execute":"guest-ping"}'
    took=$(since "$t0")
    [[ $QC_OUT == timeout* ]] && lt 0.45 "$took" && lt "$took" 3
    tap_result $? "${DESC_STOP[0]}" || tap_diag "$QC_OUT after $took s"

    qc stats && out=$QC_OUT
    qc '@400 {"execute":"guest-info"}'
    [[ $out == ok* && $QC_OUT == timeout*guest-sync-delimited* ]]
    tap_result $? "${DESC_STOP[1]}" || tap_diag "$out / $QC_OUT"

    kill -CONT "$HOSTGA_PID"
    # The agent now answers the ping, the old sync and guest-info; the
    # client must skip them all and return guest-get-time's number.
    qc '{"execute":"guest-get-time"}'
    [[ $QC_OUT =~ ^ok\ \{\"return\":[0-9]+\}$ ]]
    tap_result $? "${DESC_STOP[2]}" || tap_diag "$QC_OUT"

    qc stats
    local stale_after
    stale_after=$(sed -n 's/.*"stale":\([0-9]*\).*/\1/p' <<<"$QC_OUT")
    [ -n "$stale_after" ] && [ "$stale_after" -ge $((stale_before + 3)) ]
    tap_result $? "${DESC_STOP[3]}" || tap_diag "stale before $stale_before: $QC_OUT"

    kill -STOP "$HOSTGA_PID"
    (trap '' PIPE; printf '%s\n' '@20000 {"execute":"guest-ping"}' >&"$QC_IN") 2>/dev/null
    sleep 0.3
    t0=$EPOCHREALTIME
    kill -INT "$QC_CLIENT_PID"
    IFS= read -r -t 10 out <&"${QC[0]}" || out="(no answer)"
    took=$(since "$t0")
    [[ $out == interrupted* ]] && lt "$took" 2
    tap_result $? "${DESC_STOP[4]}" || tap_diag "$out after $took s"
    kill -CONT "$HOSTGA_PID"

    qc '{"execute":"guest-info"}'
    [[ $QC_OUT == *'"version":"'* ]]
    tap_result $? "${DESC_STOP[5]}" || tap_diag "${QC_OUT:0:200}"

    qc_stop
    sleep 0.3
    kill -0 "$HOSTGA_PID" 2>/dev/null && qc_start "$HOSTGA_SOCK" && qc '{"execute":"guest-ping"}'
    tap_result $? "${DESC_STOP[6]}" || tap_diag "$QC_OUT"
    qc_stop
}

# proxy_start ARGS...: a proxy in front of the host agent; sets PROXY_SOCK.
PROXY_N=0
proxy_start() {
    local i
    PROXY_N=$((PROXY_N + 1))
    PROXY_SOCK=$PROXY_DIR/p$PROXY_N.sock
    PROXY_LOG=$PROXY_DIR/p$PROXY_N.log
    PROXY_PID=""
    it_run "$QGA_TOOLS/qga-proxy" "$PROXY_SOCK" "$HOSTGA_SOCK" "$@" 2>"$PROXY_LOG" &
    PROXY_JOB=$!
    for ((i = 0; i < 50; i++)); do
        # the proxy's own pid (the job is a wrapper)
        PROXY_PID=$(sed -n 's/^qga-proxy: pid \([0-9]*\) listening.*/\1/p' "$PROXY_LOG" 2>/dev/null)
        [ -n "$PROXY_PID" ] && [ -S "$PROXY_SOCK" ] && return 0
        sleep 0.1
    done
    return 1
}
proxy_stop() {
    local i
    [ -n "$PROXY_PID" ] && kill -TERM "$PROXY_PID" 2>/dev/null
    wait "$PROXY_JOB" 2>/dev/null
    # it releases the agent connection before the next proxy connects
    for ((i = 0; i < 50; i++)); do
        [ -n "$PROXY_PID" ] && kill -0 "$PROXY_PID" 2>/dev/null || return 0
        sleep 0.1
    done
    tap_diag "qga-proxy $PROXY_PID did not exit"
}
# Runs the requests through the proxy in one client; sets OUTS (array).
through_proxy() {
    local r
    OUTS=()
    qc_start "$PROXY_SOCK" || { OUTS=("$QC_OUT"); return 1; }
    for r in "$@"; do
        qc "$r"
        OUTS+=("$QC_OUT")
    done
    qc_stop
}
is_time() { [[ $1 =~ ^ok\ \{\"return\":[0-9]{15,}\}$ ]]; }
is_ping() { [ "$1" = 'ok {"return":{}}' ]; }
is_info() { [[ $1 == 'ok {"return":{"version":"'* ]]; }
is_notfound() { [[ $1 == 'ok {"error":{"class":"CommandNotFound"'* ]]; }
show_outs() { local o; for o in "${OUTS[@]}"; do tap_diag "${o:0:160}"; done; }

PING='{"execute":"guest-ping"}'
TIME='{"execute":"guest-get-time"}'
INFO='{"execute":"guest-info"}'
NOPE='{"execute":"guest-no-such-command"}'

group_proxy() {
    local ok
    PROXY_DIR=$IT_TMPDIR/qga-proxy
    mkdir -p "$PROXY_DIR" && chown "$IT_UID:$IT_GID" "$PROXY_DIR"

    proxy_start --stale --partial --split || tap_diag "proxy did not start: $(cat "$PROXY_LOG")"
    through_proxy "$PING" "$TIME" "$INFO" "$NOPE" "$TIME" "$PING" stats
    proxy_stop
    is_ping "${OUTS[0]}" && is_time "${OUTS[1]}" && is_info "${OUTS[2]}" &&
        is_notfound "${OUTS[3]}" && is_time "${OUTS[4]}" && is_ping "${OUTS[5]}"
    tap_result $? "${DESC_PROXY[0]}" || show_outs
    ok=0
    [[ ${OUTS[6]} =~ \"stale\":([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 12 ] || ok=1
    [[ ${OUTS[6]} =~ \"garbage\":([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -ge 6 ] || ok=1
    grep -q 'inject stale-sync' "$PROXY_LOG" && grep -q 'inject partial' "$PROXY_LOG" || ok=1
    tap_result $ok "${DESC_PROXY[1]}" || { tap_diag "${OUTS[6]}"; tap_diag <"$PROXY_LOG"; }

    proxy_start --dup || tap_diag "proxy did not start: $(cat "$PROXY_LOG")"
    through_proxy "$PING" "$TIME" "$PING" "$INFO" "$TIME"
    proxy_stop
    is_ping "${OUTS[0]}" && is_time "${OUTS[1]}" && is_ping "${OUTS[2]}" &&
        is_info "${OUTS[3]}" && is_time "${OUTS[4]}" && grep -q 'inject dup' "$PROXY_LOG"
    tap_result $? "${DESC_PROXY[2]}" || show_outs

    proxy_start --delay 300 || tap_diag "proxy did not start: $(cat "$PROXY_LOG")"
    through_proxy "$PING" "@100 $TIME" "$PING" "$TIME" "@100 $INFO" "$NOPE"
    proxy_stop
    is_ping "${OUTS[0]}" && [[ ${OUTS[1]} == timeout* ]] && is_ping "${OUTS[2]}" &&
        is_time "${OUTS[3]}" && [[ ${OUTS[4]} == timeout* ]] && is_notfound "${OUTS[5]}"
    tap_result $? "${DESC_PROXY[3]}" || show_outs

    proxy_start --swallow-once || tap_diag "proxy did not start: $(cat "$PROXY_LOG")"
    through_proxy "@1000 $PING" "$INFO" "$TIME"
    proxy_stop
    [[ ${OUTS[0]} == timeout* ]] && is_info "${OUTS[1]}" && is_time "${OUTS[2]}" &&
        grep -q 'inject swallow' "$PROXY_LOG"
    tap_result $? "${DESC_PROXY[4]}" || show_outs

    sleep 0.3
    kill -0 "$HOSTGA_PID" 2>/dev/null
    tap_result $? "${DESC_PROXY[5]}"
}

group_virtsh() {
    local out rc
    if ! it_virtsh help agent 2>/dev/null | grep -q -- '--socket'; then
        skip_all "virtsh has no 'agent --socket' yet" "${DESC_VIRTSH[@]}"
        return
    fi
    out=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-ping 2>&1)
    tap_result $? "${DESC_VIRTSH[0]}" || tap_diag "$out"

    out=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-info 2>&1)
    [ $? -eq 0 ] && [[ $out == *version* ]]
    tap_result $? "${DESC_VIRTSH[1]}" || tap_diag "${out:0:300}"

    out=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-no-such-command 2>&1)
    rc=$?
    [ $rc -eq 1 ] && [[ $out == *guest-no-such-command* ]]
    tap_result $? "${DESC_VIRTSH[2]}" || tap_diag "rc $rc: $out"

    out=$(it_virtsh agent --socket "$HOSTGA_SOCK" guest-shutdown 2>&1)
    rc=$?
    [ $rc -eq 1 ] && [[ $out == *"has been disabled"* ]]
    tap_result $? "${DESC_VIRTSH[3]}" || tap_diag "rc $rc: $out"

    out=$(it_virtsh "agent --socket $HOSTGA_SOCK guest-ping; agent --socket $HOSTGA_SOCK guest-get-time; agent --socket $HOSTGA_SOCK guest-ping" 2>&1)
    rc=$?
    [ $rc -eq 0 ] && [[ $out =~ [0-9]{15,} ]] && kill -0 "$HOSTGA_PID" 2>/dev/null
    tap_result $? "${DESC_VIRTSH[4]}" || tap_diag "rc $rc: $out"

    # One shell reading commands from a pipe, the agent stopped in between.
    local errf=$IT_TMPDIR/virtsh-stop.err s=$HOSTGA_SOCK lines
    out=$( { echo "agent --socket $s guest-ping"; sleep 0.5
             kill -STOP "$HOSTGA_PID"
             echo "agent --socket $s --timeout 1 guest-info"; sleep 2
             kill -CONT "$HOSTGA_PID"
             echo "agent --socket $s guest-get-time"; sleep 0.3; } | it_virtsh 2>"$errf")
    rc=$?
    kill -CONT "$HOSTGA_PID" 2>/dev/null
    mapfile -t lines < <(grep . <<<"$out") # (without the blank line after each command)
    [ $rc -eq 1 ] && [ ${#lines[@]} -eq 2 ] && [ "${lines[0]}" = "{}" ] &&
        [[ ${lines[1]} =~ ^[0-9]{15,}$ ]] && grep -q "guest-info" "$errf" &&
        kill -0 "$HOSTGA_PID" 2>/dev/null
    tap_result $? "${DESC_VIRTSH[5]}" || { tap_diag "rc $rc: $out"; tap_diag <"$errf"; }
}

# ------------------------------------------------------------ main
ALL=("${DESC_DIRECT[@]}" "${DESC_STOP[@]}" "${DESC_PROXY[@]}" "${DESC_VIRTSH[@]}")
if [ -z "${VIRTSH:-}" ]; then
    skip_all "VIRTSH is not set" "${ALL[@]}"
    tap_plan
    exit 0
fi
QGA_TOOLS=${QGA_TOOLS:-$(dirname "$(readlink -f "$VIRTSH")")/../tests/tools}
if [ ! -x "$QGA_TOOLS/qga-client" ] || [ ! -x "$QGA_TOOLS/qga-proxy" ]; then
    skip_all "qga-client/qga-proxy not built in $QGA_TOOLS" "${ALL[@]}"
    tap_plan
    exit 0
fi
QGA_TOOLS=$(readlink -f "$QGA_TOOLS")
if [ -z "${IT_SHARED_TMPDIR:-}" ] && [ "$(id -u)" = 0 ] && ! it_require_packages; then
    skip_all "$IT_SKIP_REASON" "${ALL[@]}"
    tap_plan
    exit 0
fi
if ! it_setup; then
    skip_all "$IT_SKIP_REASON" "${ALL[@]}"
    tap_plan
    exit 0
fi
if ! hostga_start; then
    tap_not_ok "host qemu-ga starts"
    tap_diag "$IT_SKIP_REASON"
    skip_all "host qemu-ga did not start" "${ALL[@]}"
    tap_plan
    exit 0
fi
# Never leave the agent stopped.
it_at_exit 'kill -CONT "$HOSTGA_PID" 2>/dev/null'
tap_diag "host qemu-ga $(qemu-ga -V 2>/dev/null | head -n 1) on $HOSTGA_SOCK (pid $HOSTGA_PID)"

# A group whose client or proxy does not start reports its tests as failed.
group_direct
group_stop
kill -CONT "$HOSTGA_PID" 2>/dev/null
group_proxy
group_virtsh

hostga_stop
it_teardown
tap_result $? "teardown leaves nothing behind" || tap_diag "$IT_TEARDOWN_DIAG"
tap_plan
exit 0
