#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/tools/run.sh - self-test of the fault-injection preload
# (virtsh-fault.so) and its shell helpers (faults.sh) with the real virtsh on
# libvirt's test driver: it counts the program's calls and only those, kills
# exactly after the chosen call, makes the chosen call fail (or report
# failure after it ran) with the error a dropped connection gives, refuses a
# bad spec, and changes nothing when no fault is asked for.  A kill that
# leaves a change behind needs state outside the process: that part runs on
# the real session daemon, tests/integration/t-fault-harness.sh.  Prints TAP.
#
# Usage: tests/tools/run.sh [BUILDDIR]     (VIRTSH=path overrides the binary)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../data" && pwd)
builddir=$(readlink -f "${1:-${VIRTSH_BUILDDIR:-build-test}}")
virtsh=$(readlink -f "${VIRTSH:-$builddir/src/virtsh}")
preload=$builddir/tests/tools/virtsh-fault.so

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local desc=$1; shift; if "$@"; then ok "$desc"; else not_ok "$desc"; fi; }
# result RC DESC: ok iff RC is 0 (RC first: a $(...) in DESC would reset $?)
result() { local rc=$1; shift; check "$*" test "$rc" -eq 0; }
diag() { sed 's/^/# /'; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
unset LIBVIRT_DEFAULT_URI VIRTSH_FAULT VIRTSH_FAULT_LOG
cd "$data" || exit 1

if [ ! -r "$preload" ]; then
    not_ok "the preload is built ($preload)"
    echo "1..$n"
    exit 1
fi

# fv SPEC ARG...: virtsh under the preload; log in $tmp/log, output in
# $tmp/out and $tmp/err, status in $st.
fv() {
    local spec=$1
    shift
    rm -f "$tmp/log"
    LD_PRELOAD=$preload VIRTSH_FAULT=$spec VIRTSH_FAULT_LOG=$tmp/log \
        "$virtsh" -c test:///default "$@" >"$tmp/out" 2>"$tmp/err"
    st=$?
}
calls() { sed -n 's/^call //p' "$tmp/log"; }
show() { { echo "status $st"; cat "$tmp/err"; tail -n 3 "$tmp/log"; } | diag; }

# ------------------------------------------------------------ nothing asked
script='list --all; domstate test; define dom-new.xml; list --all --name; domstate newvm; dumpxml newvm; dominfo nosuch'
"$virtsh" -c test:///default "$script" >"$tmp/plain.out" 2>"$tmp/plain.err"
plain=$?
LD_PRELOAD=$preload "$virtsh" -c test:///default "$script" >"$tmp/pre.out" 2>"$tmp/pre.err"
pre=$?
[ $plain = 1 ] && [ $pre = $plain ] && cmp -s "$tmp/plain.out" "$tmp/pre.out" &&
    cmp -s "$tmp/plain.err" "$tmp/pre.err"
result $? "preloaded without VIRTSH_FAULT: the same output, errors and status ($plain)" ||
    diff "$tmp/plain.out" "$tmp/pre.out" | head | diag

fv "" "$script"
seq_ok=$(calls | awk '$1 != NR { bad = 1 } END { print (NR > 0 && !bad) }')
[ $st = 1 ] && cmp -s "$tmp/plain.out" "$tmp/out" && cmp -s "$tmp/plain.err" "$tmp/err" &&
    [ "$seq_ok" = 1 ] && ! grep -qv '^call ' "$tmp/log"
result $? "with only VIRTSH_FAULT_LOG: the same output; the log numbers $(calls | wc -l) calls 1..N" || show

# The calls this library must not count never appear (virtsh makes them).
! grep -Eq ' (virGetLastError|virResetLastError|virSetErrorFunc|virEvent[A-Za-z]*|virTypedParams[A-Za-z]*)$' \
    "$tmp/log" && grep -q ' virConnectOpenAuth$' "$tmp/log" && grep -q ' virDomainDefineXMLFlags$' "$tmp/log"
result $? "error reporting, the event loop and typed parameter helpers are not counted" ||
    sort -k3 -u "$tmp/log" | diag

# libvirt calls virInitialize itself (in virConnectOpenAuth and in
# virEventRegisterDefaultImpl); virtsh never does.
! grep -q ' virInitialize$' "$tmp/log"
result $? "calls libvirt makes itself (virInitialize) are not counted"

# ------------------------------------------------------------ kill-after=N
fv "" dominfo test
calls >"$tmp/count"
count=$(wc -l <"$tmp/count")
fv "" dominfo test
calls | cmp -s - "$tmp/count"
result $? "'dominfo test' makes the same $count calls twice"

bad=""
for ((i = 1; i <= count; i++)); do
    fv "kill-after=$i" dominfo test
    name=$(sed -n "${i}s/^[0-9]* //p" "$tmp/count")
    if [ $st != 137 ] || [ "$(calls | wc -l)" != "$i" ] ||
       [ "$(tail -n 1 "$tmp/log")" != "kill $i $name" ]; then
        bad="$bad $i"
        show
    fi
done
check "kill-after=N, N = 1..$count: SIGKILL (137) right after call N, the log ends 'kill N NAME'${bad:+ (wrong:$bad)}" \
    test -z "$bad"

fv "kill-after=$((count + 1))" dominfo test
[ $st = 0 ] && ! grep -q '^kill' "$tmp/log" && grep -q '^Name: *test$' "$tmp/out"
result $? "kill-after=$((count + 1)) (past the last call): no kill, normal output" || show

# ------------------------------------------------------------ kill-after=NAME[:K]
fv "" 'dominfo test; dominfo test'
first=$(calls | awk '$2 == "virDomainGetInfo" { print $1; exit }')
second=$(calls | awk '$2 == "virDomainGetInfo" { if (++k == 2) print $1 }')
fv kill-after=virDomainGetInfo 'dominfo test; dominfo test'
[ -n "$first" ] && [ $st = 137 ] && [ "$(tail -n 1 "$tmp/log")" = "kill $first virDomainGetInfo" ] &&
    [ "$(calls | wc -l)" = "$first" ]
result $? "kill-after=virDomainGetInfo: killed right after its first call (call $first)" || show
fv kill-after=virDomainGetInfo:2 'dominfo test; dominfo test'
[ -n "$second" ] && [ $st = 137 ] && [ "$(tail -n 1 "$tmp/log")" = "kill $second virDomainGetInfo" ] &&
    grep -q '^Name: *test$' "$tmp/out"
result $? "kill-after=virDomainGetInfo:2: killed after the second (call $second), the first dominfo done" || show

# ------------------------------------------------------------ interrupt-after
fv interrupt-after=virConnectDomainEventRegisterAny event --loop --timeout 60
[ $st = 0 ] && grep -qx 'event loop interrupted' "$tmp/out" &&
    grep -q '^interrupt [0-9]* virConnectDomainEventRegisterAny$' "$tmp/log" &&
    grep -q ' virConnectDomainEventDeregisterAny$' "$tmp/log"
result $? "interrupt-after=NAME: SIGINT right after the call, the program goes on (event --loop ends as on Ctrl-C)" || show

# ------------------------------------------------------------ fail, fail-after
define='define dom-new.xml; list --all --name'
fv fail=virDomainDefineXMLFlags "$define"
[ $st = 1 ] && grep -qx "error: cannot define a domain from 'dom-new.xml': internal error: client socket is closed" \
    "$tmp/err" && [ "$(grep -c . "$tmp/err")" = 1 ] && ! grep -q newvm "$tmp/out" && grep -qx test "$tmp/out" &&
    grep -q '^fail [0-9]* virDomainDefineXMLFlags$' "$tmp/log"
result $? "fail=NAME: the call does not run (no 'newvm' listed after it), virtsh reports the dropped connection, exit 1" || { cat "$tmp/out"; show; }

fv fail-after=virDomainDefineXMLFlags "$define"
[ $st = 1 ] && grep -qx "error: cannot define a domain from 'dom-new.xml': cannot recv data: Connection reset by peer" \
    "$tmp/err" && grep -qx newvm "$tmp/out" && grep -q '^fail-after [0-9]* virDomainDefineXMLFlags$' "$tmp/log"
result $? "fail-after=NAME: the call runs ('newvm' is listed after it) and reports a lost reply, exit 1" || { cat "$tmp/out"; show; }

# What virGetLastError() says, as virtsh's JSON error shows it.
fv fail=virDomainDefineXMLFlags -o json 'define dom-new.xml'
grep -q '"code":1,"domain":"rpc"' "$tmp/out" "$tmp/err"
r1=$?
fv fail-after=virDomainDefineXMLFlags -o json 'define dom-new.xml'
grep -q '"code":38,"domain":"rpc"' "$tmp/out" "$tmp/err" && [ $r1 = 0 ]
result $? "the injected errors are VIR_FROM_RPC with VIR_ERR_INTERNAL_ERROR / VIR_ERR_SYSTEM_ERROR, as measured" ||
    cat "$tmp/out" "$tmp/err" | diag

lookup=$(awk '$2 == "virDomainLookupByName" { print $1; exit }' "$tmp/count")
fv "fail=$lookup" dominfo test
[ $st = 1 ] && grep -q "client socket is closed" "$tmp/err" && ! grep -q . "$tmp/out" &&
    [ "$(grep -v '^call' "$tmp/log")" = "fail $lookup virDomainLookupByName" ]
result $? "fail=N (by number: call $lookup, virDomainLookupByName): that call fails, dominfo prints nothing" || show

fv fail=virConnectOpenAuth dominfo test
[ $st = 1 ] && grep -qx "error: failed to connect to the hypervisor: failed to connect socket: Connection refused" \
    "$tmp/err"
result $? "fail=virConnectOpenAuth: the connection is refused, as on reconnecting to a daemon that is gone" || show

# ------------------------------------------------------------ bad specs
bad=""
for spec in kill-after=0 kill-after=x1 kill=3 fail=virDomainGetInfo:0 fail=virDomainGetInfo: \
            fail=virDomainGetinfo fail=virGetLastError 'fail=3 '; do
    fv "$spec" dominfo test
    { [ $st = 125 ] && [ ! -s "$tmp/out" ] && [ ! -e "$tmp/log" ] && [ "$(grep -c . "$tmp/err")" = 1 ] &&
        grep -q '^virtsh-fault: ' "$tmp/err"; } || { bad="$bad '$spec'"; show; }
done
check "a bad VIRTSH_FAULT stops the program before it starts: one message, status 125${bad:+ (wrong:$bad)}" \
    test -z "$bad"

# ------------------------------------------------------------ children
cat >"$tmp/editor.sh" <<EOF
#!/bin/sh
env | grep '^VIRTSH_FAULT' >"$tmp/child-env"
echo ran >>"$tmp/child-env"
EOF
chmod +x "$tmp/editor.sh"
EDITOR=$tmp/editor.sh fv kill-after=10000 edit test
[ "$(cat "$tmp/child-env" 2>/dev/null)" = ran ]
result $? "programs virtsh runs (the editor of 'edit') do not inherit VIRTSH_FAULT*" ||
    diag <"$tmp/child-env"

# ------------------------------------------------------------ faults.sh
# shellcheck source=tests/tools/faults.sh
source "$here/faults.sh"
FAULT_DIR=$tmp FAULT_PRELOAD=$preload
fault_available
c=$(fault_count_calls "$virtsh" -c test:///default dominfo test)
check "fault_count_calls counts $c calls, as the log did" test "$c" = "$count"
fault_kill_after 3 "$virtsh" -c test:///default dominfo test >/dev/null 2>&1
r1=$? idx=$FAULT_INDEX
fault_kill_after "$((count + 1))" "$virtsh" -c test:///default dominfo test >/dev/null
r2=$?
[ $r1 = 0 ] && [ "$idx" = 3 ] && [ $r2 = 1 ] && [ "$FAULT_STATUS" = 0 ]
result $? "fault_kill_after: 0 when the preload killed, 1 when the command ran to its end" ||
    echo "r1=$r1 idx=$idx r2=$r2 status=$FAULT_STATUS" | diag
fault_kill_after virDomainGetInfo "$virtsh" -c test:///default dominfo test >/dev/null 2>&1 &&
    [ "$FAULT_NAME" = virDomainGetInfo ] &&
    [ "$FAULT_INDEX" = "$(awk '$2 == "virDomainGetInfo" { print $1; exit }' "$tmp/count")" ]
result $? "fault_kill_after NAME sets FAULT_NAME and FAULT_INDEX ($FAULT_INDEX)"
fault_fail virDomainGetInfo "$virtsh" -c test:///default dominfo test 2>/dev/null
r1=$? st1=$FAULT_STATUS
fault_fail_after virDomainCreate "$virtsh" -c test:///default dominfo test >/dev/null
r2=$?
[ $r1 = 0 ] && [ "$st1" = 1 ] && [ $r2 = 1 ] && [ "$FAULT_STATUS" = 0 ]
result $? "fault_fail / fault_fail_after: 0 when the call failed, 1 when it was never made" ||
    echo "r1=$r1 status=$st1 r2=$r2" | diag

echo "1..$n"
[ $failed -eq 0 ]
