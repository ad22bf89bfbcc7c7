# shellcheck shell=bash disable=SC2034  # (globals set here are read by the test scripts)
# tests/integration/lib.sh - real-stack integration harness for virtsh.
#
# A private libvirt *session* daemon (libvirtd, qemu:///session) that runs,
# like every client command, as an unprivileged user with HOME and all XDG
# dirs in a fresh `mktemp -d` directory; helpers to boot the tiny TCG guest
# made by build-guest.sh (kernel + initramfs with busybox and qemu-ga); a
# host-side qemu-ga with every host-changing RPC blocked; TAP helpers.
# Nothing of the machine's system libvirt is used or changed.
#
# Minimal test script (tests/integration/t-NAME.sh, picked up by run.sh):
#
#   #!/bin/bash
#   set -u                                  # never set -e
#   source "$(dirname "$(readlink -f "$0")")/lib.sh"
#   DESC=("define foo" "start foo")         # list up front, to skip all
#   if ! it_setup || ! it_guest_available; then
#       for d in "${DESC[@]}"; do
#           tap_skip "$d" "${IT_SKIP_REASON:-${IT_GUEST_SKIP:-no guest}}"
#       done
#       tap_plan; exit 0
#   fi
#   xml=$(it_guest_xmlfile foo normal)     # also tracks foo for cleanup
#   out=$(it_virtsh define "$xml" 2>&1); tap_result $? "define foo" || tap_diag "$out"
#   ...
#   tap_plan
#
# Rules: use domain names unique to your script; pass only absolute paths
# readable by the test user (files you write for virtsh go under
# $IT_TMPDIR and must be chowned to "$IT_UID:$IT_GID"); never kill by
# name; leave the daemon alone (run.sh shares one between all scripts).
#
# More daemons, sourced after this file and set up after it_setup:
#   lib-system.sh  a private *system* daemon as root in namespaces of its
#                  own (networks, node devices, interfaces, nwfilters,
#                  secrets): sys_setup, sys_virsh, sys_track, ...
#   lib-multi.sh   N more session daemons of the test user, one per "host"
#                  (fan-out, migration): multi_setup N, multi_virsh I, ...
#   Both share this file's test user, lock, stale-run cleanup
#   (IT_CLEAN_STALE_HOOKS) and exit trap, and are shared between scripts
#   by run.sh like this file's daemon.
#
# ------------------------------------------------------------------ API
# Inputs (environment):
#   VIRTSH          path of the virtsh binary under test (required)
#   IT_GUEST_DIR    directory produced by build-guest.sh (guest helpers
#                   need it; test with it_guest_available)
#   IT_GUEST_SKIP   reason the guest is unavailable (set by run.sh /
#                   it_build_guest)
#   IT_GLOBAL_SKIP  set by run.sh when the stack cannot run at all;
#                   it_setup then fails with this reason
#   IT_CMD_TIMEOUT  seconds before any it_run command is killed (default 120)
#   IT_ARTIFACTS    if set, logs (serial consoles, libvirtd, qemu, host
#                   qemu-ga) are copied there at teardown
#   IT_PASS_ENV     names of extra variables passed through to user
#                   commands (default: the sanitizer *_OPTIONS variables)
#   The test user is always virtsh-test when running as root (created with
#   useradd --system if missing; one root run at a time, serialised by
#   /run/lock/virtsh-integration.lock). The account is reserved for the
#   harness: once a run holds the lock, any process of virtsh-test and any
#   /tmp/vit.* dir it owns is a leftover of a killed run and is
#   removed. For a long-lived debugging setup use another account. As
#   non-root the current user is used, and only processes whose HOME lies
#   in this run's temp dir are ever touched.
#
# Session:
#   it_setup                 start (or, under run.sh, attach to) the private
#                            daemon; installs an EXIT trap that tears down.
#                            Returns 1 with IT_SKIP_REASON if it cannot run.
#   it_teardown              idempotent. Under run.sh: removes the domains
#                            this script tracked and its host qemu-ga.
#                            Owner: destroys/undefines every domain, stops
#                            host qemu-ga and the daemon (by pid), kills
#                            stray run processes (reported), removes the
#                            temp dir and asserts nothing of the test user
#                            remains. Returns 0 if clean, else 1 with
#                            IT_TEARDOWN_DIAG.
#   it_at_exit CMD           eval CMD at exit, before the teardown
#   it_run CMD [ARG...]      run CMD as the test user in the private env
#                            (HOME, XDG_*, TMPDIR under IT_TMPDIR,
#                            LIBVIRT_DEFAULT_URI=qemu:///session,
#                            LIBVIRT_AUTOSTART=0, LC_ALL=C, cwd $IT_HOME),
#                            killed after IT_CMD_TIMEOUT s
#   it_virtsh ARG...         = it_run "$VIRTSH" -c qemu:///session ARG...
#   it_hvirsh ARG...         same with the reference virsh (/usr/bin/virsh,
#                            else $VIRTSH); the helpers below use it so they
#                            do not depend on virtsh's features
#   Exported: IT_URI (qemu:///session), IT_TMPDIR, IT_HOME, IT_LOGDIR
#   (user-writable; serial logs live there), IT_USER, IT_UID, IT_GID,
#   IT_DAEMON_PID, IT_REF_VIRSH, VIRTSH (absolute).
#   it_virtsh_pid_below PID  prints the pid of the virtsh process below PID
#                            (e.g. $! of a background it_run/it_virtsh,
#                            which wraps it in a subshell, timeout and
#                            setpriv); returns 1 if there is none (yet)
#
# Daemon faults (the daemon of this run; under run.sh the shared one, so a
# script must leave it running and thawed):
#   it_daemon_stop           kill -9 of the daemon, waits until it is gone
#   it_daemon_start          starts it again (same environment, same log)
#                            and waits until it answers (60 s at most);
#                            updates IT_DAEMON_PID and $IT_TMPDIR/daemon.pid,
#                            which run.sh and later scripts follow
#   it_daemon_freeze         SIGSTOP (a frozen daemon is thawed at exit)
#   it_daemon_thaw           SIGCONT
#   IT_DAEMON_SECS           how long the last it_daemon_start took
#
# Terminal (a tmux server of the test user, one per script; needs tmux):
#   it_tmux_start CMD        a detached 200x50 session running `sh -c CMD`
#                            as the test user (private env, TERM=xterm, an
#                            empty INPUTRC); that sh catches SIGINT (a
#                            Ctrl-C for the program must not end the pane);
#                            the server is killed at exit.
#                            Returns 1 (IT_SKIP_REASON) if it cannot start
#   it_tmux ARG...           any tmux command against that server
#   it_tmux_keys KEY...      send-keys with tmux key names (Enter, C-c, C-])
#   it_tmux_type TEXT        types TEXT literally, then Enter
#   it_tmux_screen           the pane, scrollback included, wrapped lines
#                            joined
#   it_tmux_wait REGEX [SECONDS [COUNT]]  until COUNT (1) lines of the pane
#                            match the ERE (default 10 s); 0 if they did
#   it_tmux_mark             types `echo __mark_N` (works in sh, in virtsh
#                            and in a guest shell on the console) and waits
#                            for its output line; 1 if it never came
#   it_tmux_since            the pane's lines after the last mark's output
#   it_tmux_wait_since REGEX [SECONDS [COUNT]]  it_tmux_wait over them
#   it_tmux_stop             kills the server (idempotent)
#   IT_TMUX_MS               milliseconds the last successful wait took
#
# Guest (need IT_GUEST_DIR):
#   it_build_guest DIR       build-guest.sh DIR (cached), sets IT_GUEST_DIR;
#                            or returns 1 with IT_GUEST_SKIP
#   it_guest_available       0 if the built guest is present
#   it_guest_disk NAME       per-domain copy of the pristine 16 MiB ext2
#                            disk (made once per run); prints its path
#   it_guest_xml NAME [MODE [OPTION...]]  prints domain XML, MODE normal
#                            (default: agent runs) or install (writes
#                            /installed to the disk, powers off); OPTIONs go
#                            to guest-xml.sh (e.g. --console pty: the serial
#                            console is a pty with a root shell, still
#                            logged)
#   it_guest_xmlfile NAME [MODE [OPTION...]]  writes that XML to a
#                            user-readable file, prints its path and tracks
#                            NAME
#   it_track_domain NAME     destroy+undefine NAME at teardown (works from
#                            inside $(...))
#   it_serial_log NAME       path of NAME's serial console log
#   it_dump_serial NAME [N]  last N (40) serial lines as TAP comments
#   it_domstate NAME         prints "running", "shut off", ... or "gone"
#   it_wait_state NAME TIMEOUT STATE...  wait until the state is one of
#                            STATE ("gone" allowed); 0 on success
#   it_wait_agent NAME [TIMEOUT]  poll guest-ping every 0.5 s (default
#                            60 s); sets IT_AGENT_SECS (e.g. 6.3)
#   it_agent NAME JSON       qemu-agent-command via the reference virsh; as
#                            `IT_AGENT_CLIENT=it_virtsh it_agent ...` via
#                            virtsh (the same prefix works for
#                            it_wait_agent and it_guest_exec)
#   Another daemon: every helper here that talks to the daemon (it_virtsh,
#   it_hvirsh, it_domstate, it_wait_state, it_agent, it_wait_agent,
#   it_guest_exec) uses IT_URI, so `IT_URI=$(multi_uri 2) it_wait_agent
#   NAME` waits for NAME's agent on the second daemon of lib-multi.sh and
#   `IT_URI=$SYS_URI ...` works on lib-system.sh's system daemon.
#   it_guest_exec NAME PATH [ARG...]  guest-exec + guest-exec-status; sets
#                            IT_EXEC_OUT / IT_EXEC_ERR (decoded, trailing
#                            newlines stripped) and IT_EXEC_RC (empty if it
#                            did not run); returns 0 iff it ran and exited
#                            0. Not in $(...): the variables would be lost.
#   it_json_str STRING       prints STRING as a JSON string literal
#   The guest: users root and tester (/etc/shadow, chpasswd for
#   guest-set-user-password), disk mounted on /data (/installed ->
#   /data/installed), /sbin/shutdown for guest-shutdown, ACPI power button
#   handled (shutdown --mode acpi works), reboot restarts it.
#
# Host-side qemu-ga (as the test user; only read-only RPCs allowed):
#   hostga_start             exports HOSTGA_SOCK, HOSTGA_PID, HOSTGA_BLOCKED
#                            (the -b list: every RPC qemu-ga knows except
#                            HOSTGA_ALLOW, plus HOSTGA_MUST_BLOCK)
#   hostga_cmd JSON          one request, prints the one-line reply; it
#                            reads the reply before closing (qemu-ga exits
#                            when a client leaves a reply unread)
#   hostga_stop
#
# Packages:
#   it_require_packages      apt-get installs missing IT_PACKAGES when root;
#                            returns 1 with IT_SKIP_REASON if impossible
#
# TAP: tests/lib/tap.sh, sourced here (tap_ok, tap_not_ok, tap_skip,
#   tap_result RC DESC || tap_diag ..., tap_check, tap_plan, tap_skip_all
#   REASON DESC..., the TAP_COUNT/TAP_FAILED/TAP_SKIPPED counters)
# ------------------------------------------------------------------

[ -n "${IT_LIB_SOURCED:-}" ] && return 0
IT_LIB_SOURCED=1

IT_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
IT_URI=qemu:///session
IT_CMD_TIMEOUT=${IT_CMD_TIMEOUT:-120}
IT_PASS_ENV=${IT_PASS_ENV:-ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS MSAN_OPTIONS TSAN_OPTIONS}
IT_PACKAGES=${IT_PACKAGES:-qemu-system-x86 qemu-utils libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-guest-agent busybox-static cpio socat e2fsprogs kmod}
if [ -d /run/lock ]; then
    IT_LOCKFILE=/run/lock/virtsh-integration.lock
else
    IT_LOCKFILE=/tmp/virtsh-integration.lock
fi
IT_SKIP_REASON=""
IT_TEARDOWN_DIAG=""
IT_OWNER=0            # 1 if this process started the daemon
IT_TORN_DOWN=0
IT_AT_EXIT=()
export IT_URI

# ================================================================ TAP, host qemu-ga
# shellcheck source=tests/lib/tap.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../lib/tap.sh"
# shellcheck source=tests/integration/hostga.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/hostga.sh"

it__log() { echo "it: $*" >&2; }

# ================================================================ packages
it__pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

it_require_packages() {
    local p missing=() log
    command -v dpkg-query >/dev/null 2>&1 || {
        IT_SKIP_REASON="not a Debian system (no dpkg-query)"
        return 1
    }
    for p in $IT_PACKAGES; do
        it__pkg_installed "$p" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        IT_SKIP_REASON="missing packages (${missing[*]}) and not root to install them"
        return 1
    fi
    it__log "installing missing packages: ${missing[*]}"
    log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
           DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
               "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 5 "$log" >&2
    fi
    rm -f "$log"
    missing=()
    for p in $IT_PACKAGES; do
        it__pkg_installed "$p" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        IT_SKIP_REASON="cannot install packages: ${missing[*]}"
        return 1
    fi
    return 0
}

# ================================================================ user env
# Builds IT_ENV (the complete environment of user commands) from IT_TMPDIR.
it__mkenv() {
    IT_HOME=$IT_TMPDIR/home
    IT_LOGDIR=$IT_TMPDIR/logs
    it__env_at IT_ENV "$IT_TMPDIR" "$IT_URI"
}

# it__env_at VAR BASE URI: sets the array VAR to the environment of a
# private user env with HOME and every XDG dir below BASE (the layout
# it__mkdirs_at makes) and LIBVIRT_DEFAULT_URI=URI.
it__env_at() {
    local -n env_=$1
    local base=$2 v
    env_=(
        "HOME=$base/home"
        "USER=$IT_USER"
        "LOGNAME=$IT_USER"
        "XDG_RUNTIME_DIR=$base/run"
        "XDG_CONFIG_HOME=$base/c"
        "XDG_CACHE_HOME=$base/cache"
        "XDG_DATA_HOME=$base/data"
        "XDG_STATE_HOME=$base/state"
        "TMPDIR=$base/tmp"
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        "LC_ALL=C"
        "LIBVIRT_DEFAULT_URI=$3"
        # Never let a client auto-spawn a session daemon of its own.
        "LIBVIRT_AUTOSTART=0"
        # Every JSON result is checked against its command's declaration.
        "VIRTSH_CHECK_JSON=1"
    )
    for v in $IT_PASS_ENV; do
        [ -n "${!v+set}" ] && env_+=("$v=${!v}")
    done
}

# it__mkdirs_at BASE [LIBVIRTD_CONF_LINE...]: the directories of a private
# env and the configuration of its session daemon (stdio and serial logs
# to plain files rather than a virtlogd that would outlive us), owned by
# the test user.
it__mkdirs_at() {
    local base=$1 line
    shift
    mkdir -p "$base"/{home,run,c/libvirt,cache,data,state,tmp,logs} || return 1
    chmod 700 "$base/run"
    cat > "$base/c/libvirt/qemu.conf" <<'EOF'
stdio_handler = "file"
EOF
    echo 'log_level = 3' > "$base/c/libvirt/libvirtd.conf"
    for line in "$@"; do
        echo "$line" >> "$base/c/libvirt/libvirtd.conf"
    done
    chown -R "$IT_UID:$IT_GID" "$base"
}

# Closes every fd but 0-2 of the current (sub)shell before it execs a
# daemon: that must keep neither the harness lock nor the TAP pipe of a
# script (run.sh reads it to its end) open.
it__close_fds() {
    local fd
    for fd in "/proc/$BASHPID/fd/"*; do
        fd=${fd##*/}
        [ "$fd" -gt 2 ] && eval "exec $fd>&-"
    done
}

# Runs "$@" as the test user, replacing the current (sub)shell.
it__exec_as_user() {
    it__close_fds
    cd "$IT_HOME" 2>/dev/null || cd /
    if [ "$IT_AS_ROOT" = 1 ]; then
        exec setpriv --reuid="$IT_UID" --regid="$IT_GID" --init-groups -- \
            env -i "${IT_ENV[@]}" "$@"
    else
        exec env -i "${IT_ENV[@]}" "$@"
    fi
}

it_run() {
    ( if [ -n "${IT_LOCK_FD:-}" ]; then exec {IT_LOCK_FD}>&-; fi
      cd "$IT_HOME" 2>/dev/null || cd /
      if [ "$IT_AS_ROOT" = 1 ]; then
          exec timeout -k 10 "$IT_CMD_TIMEOUT" \
              setpriv --reuid="$IT_UID" --regid="$IT_GID" --init-groups -- \
              env -i "${IT_ENV[@]}" "$@"
      else
          exec timeout -k 10 "$IT_CMD_TIMEOUT" env -i "${IT_ENV[@]}" "$@"
      fi )
}

it_virtsh() {
    it_run "$VIRTSH" -c "$IT_URI" "$@"
}

it_hvirsh() {
    it_run "$IT_REF_VIRSH" -c "$IT_URI" "$@"
}

# Starts "$@" as the test user in the background, output to LOG; the pid
# ($IT_SPAWN_PID) is the command's own pid (no wrapper process remains).
it__spawn() {
    local log=$1
    shift
    ( it__exec_as_user "$@" ) </dev/null >>"$log" 2>&1 &
    IT_SPAWN_PID=$!
}

# ================================================================ processes
# pids of processes of the test user that belong to this run: those whose
# HOME lies in our temp dir (user commands get HOME=$IT_TMPDIR/home, and
# libvirt gives each qemu a HOME under $IT_TMPDIR/c/libvirt/qemu/lib).
# The harness's own processes never have such a HOME.
it__run_pids() {
    [ -n "${IT_TMPDIR:-}" ] || return 0
    it__pids_with_home "$IT_TMPDIR/"
}

# pids of the test user's processes whose HOME starts with PREFIX.
it__pids_with_home() {
    local p e
    for p in $(ps -o pid= -u "$IT_UID" 2>/dev/null); do
        [ -r "/proc/$p/environ" ] || continue
        while IFS= read -r -d '' e; do
            if [[ $e == "HOME=$1"* ]]; then
                echo "$p"
                break
            fi
        done < "/proc/$p/environ" 2>/dev/null
    done
}

# Kills the given pids: TERM, wait up to 5 s, then KILL.
it__kill_pids() {
    local p i alive
    [ $# -gt 0 ] || return 0
    kill -TERM "$@" 2>/dev/null
    for ((i = 0; i < 50; i++)); do
        alive=0
        for p in "$@"; do
            kill -0 "$p" 2>/dev/null && alive=1
        done
        [ "$alive" = 0 ] && break
        sleep 0.1
    done
    kill -KILL "$@" 2>/dev/null
    for p in "$@"; do wait "$p" 2>/dev/null; done
    return 0
}

# The pid of the virtsh process below PID.
it_virtsh_pid_below() {
    local c
    for c in $(pgrep -P "$1"); do
        if [ "$(cat "/proc/$c/comm" 2>/dev/null)" = virtsh ]; then
            echo "$c"
            return 0
        fi
        it_virtsh_pid_below "$c" && return 0
    done
    return 1
}

# ================================================================ daemon
# The daemon's pid is kept in a file too: a script that restarts it tells
# run.sh (its teardown) and the scripts after it.
it__daemon_pid_save() {
    echo "$IT_DAEMON_PID" > "$IT_TMPDIR/daemon.pid"
}
it__daemon_pid_load() {
    local p
    p=$(cat "$IT_TMPDIR/daemon.pid" 2>/dev/null) || return 0
    # Only a process of the test user (the file lies in its directory).
    [[ $p =~ ^[0-9]+$ ]] && [ "$(ps -o uid= -p "$p" 2>/dev/null | tr -d ' ')" = "$IT_UID" ] ||
        return 0
    IT_DAEMON_PID=$p
    export IT_DAEMON_PID
}

# Gone, or a zombie nobody reaped yet.
it__pid_gone() {
    local st
    [ -e "/proc/$1" ] || return 0
    st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
    [ -z "$st" ] || [ "$st" = Z ]
}

# kill -9 of PID, then waits (5 s at most) until it is gone.
it__kill_wait() {
    local i
    [ -n "$1" ] || return 1
    kill -KILL "$1" 2>/dev/null || return 1
    for ((i = 0; i < 100; i++)); do
        it__pid_gone "$1" && return 0
        sleep 0.05
    done
    return 1
}

# it__wait_answer PID SECONDS CMD...: polls CMD every 0.1 s until it
# succeeds (0); 1 if PID died or SECONDS passed first.
it__wait_answer() {
    local pid=$1 end=$((SECONDS + $2))
    shift 2
    until "$@" >/dev/null 2>&1; do
        if [ $SECONDS -ge $end ] || ! kill -0 "$pid" 2>/dev/null; then
            return 1
        fi
        sleep 0.1
    done
    return 0
}

it_daemon_stop() {
    it__kill_wait "${IT_DAEMON_PID:-}"
}

it_daemon_start() {
    local t0=$EPOCHREALTIME
    IT_DAEMON_SECS=""
    it__spawn "$IT_LOGDIR/libvirtd.log" libvirtd
    IT_DAEMON_PID=$IT_SPAWN_PID
    export IT_DAEMON_PID
    it__daemon_pid_save
    # (no job report when a test kills it)
    disown "$IT_DAEMON_PID" 2>/dev/null
    # (the socket file of a killed daemon may still be there: ask)
    it__wait_answer "$IT_DAEMON_PID" 60 it_hvirsh uri || return 1
    IT_DAEMON_SECS=$(it__elapsed "$t0" "$EPOCHREALTIME")
    return 0
}

it_daemon_freeze() {
    [ -n "${IT_DAEMON_PID:-}" ] || return 1
    if [ -z "${IT__THAW_AT_EXIT:-}" ]; then
        IT__THAW_AT_EXIT=1
        # shellcheck disable=SC2016 # evaluated at exit
        it_at_exit 'it_daemon_thaw'
    fi
    kill -STOP "$IT_DAEMON_PID"
}

it_daemon_thaw() {
    [ -n "${IT_DAEMON_PID:-}" ] || return 1
    kill -CONT "$IT_DAEMON_PID" 2>/dev/null
}

# ================================================================ setup
it__ensure_user() {
    if ! getent passwd "$IT_USER" >/dev/null; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$IT_USER" || return 1
    fi
    return 0
}

it_setup() {
    local i sock t0

    if [ -n "${IT_GLOBAL_SKIP:-}" ]; then
        IT_SKIP_REASON=$IT_GLOBAL_SKIP
        return 1
    fi
    if [ -z "${VIRTSH:-}" ]; then
        IT_SKIP_REASON="VIRTSH is not set"
        return 1
    fi
    VIRTSH=$(readlink -f "$VIRTSH")
    export VIRTSH

    if [ -n "${IT_SHARED_TMPDIR:-}" ]; then
        it__attach_shared
        return $?
    fi

    if [ "$(id -u)" = 0 ]; then
        # Always the dedicated account: the harness kills stale processes
        # of this user, so it must never be a real one.
        IT_AS_ROOT=1
        IT_USER=virtsh-test
        it__ensure_user || { IT_SKIP_REASON="cannot create user $IT_USER"; return 1; }
        if [ "$(id -u "$IT_USER")" -lt 100 ] ||
           [ "$(getent passwd "$IT_USER" | cut -d: -f7)" != /usr/sbin/nologin ]; then
            IT_SKIP_REASON="user $IT_USER exists but is not the harness's system account"
            return 1
        fi
    else
        IT_AS_ROOT=0
        IT_USER=$(id -un)
    fi
    IT_UID=$(id -u "$IT_USER")
    IT_GID=$(id -g "$IT_USER")
    export IT_AS_ROOT IT_USER IT_UID IT_GID

    for i in libvirtd qemu-system-x86_64 setpriv timeout; do
        command -v "$i" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin
        command -v "$i" >/dev/null 2>&1 || {
            IT_SKIP_REASON="missing program $i"
            return 1
        }
    done
    IT_REF_VIRSH=${IT_REF_VIRSH:-}
    if [ -z "$IT_REF_VIRSH" ]; then
        if [ -x /usr/bin/virsh ]; then IT_REF_VIRSH=/usr/bin/virsh; else IT_REF_VIRSH=$VIRTSH; fi
    fi
    export IT_REF_VIRSH

    IT_OWNER=1
    IT_DAEMON_PID=""
    trap 'it__on_exit' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP

    if [ "$IT_AS_ROOT" = 1 ]; then
        # One harness run at a time on this machine: the test user is
        # dedicated to it, so with the lock held every process of that user
        # and every temp dir it owns are ours (possibly from a crashed run).
        exec {IT_LOCK_FD}>>"$IT_LOCKFILE" || { IT_SKIP_REASON="cannot open $IT_LOCKFILE"; return 1; }
        export IT_LOCK_FD
        IT_LOCK_WAIT=""
        if ! flock -n "$IT_LOCK_FD"; then
            it__log "waiting for another integration run ($IT_LOCKFILE)"
            t0=$EPOCHREALTIME
            # flock in a background job (it locks our shared open file), so
            # that INT/TERM traps still run while waiting.
            flock -w 900 "$IT_LOCK_FD" &
            IT_FLOCK_PID=$!
            if ! wait "$IT_FLOCK_PID"; then
                IT_FLOCK_PID=""
                IT_SKIP_REASON="another integration run holds $IT_LOCKFILE"
                return 1
            fi
            IT_FLOCK_PID=""
            IT_LOCK_WAIT=$(it__elapsed "$t0" "$EPOCHREALTIME")
        fi
        it__clean_stale
    fi

    # Short names on purpose: QEMU's agent socket is made in
    # $XDG_CONFIG_HOME/libvirt/qemu/channel/target/domain-ID-NAME/ (NAME cut
    # at 20 characters) and a UNIX socket's path has at most 107 bytes; with
    # /tmp/vit.X*8 and XDG_CONFIG_HOME=BASE/c a multi-host daemon's (BASE
    # $IT_TMPDIR/M/N) still fits a 4-digit domain ID.
    IT_TMPDIR=$(mktemp -d /tmp/vit.XXXXXXXX) || { IT_SKIP_REASON="mktemp failed"; return 1; }
    export IT_TMPDIR
    it__mkenv
    export IT_HOME IT_LOGDIR

    mkdir -p "$IT_TMPDIR"/{disks,xml,hostga}
    it__mkdirs_at "$IT_TMPDIR"
    chmod 711 "$IT_TMPDIR"

    if ! it_run test -x "$VIRTSH"; then
        IT_SKIP_REASON="$VIRTSH is not executable by user $IT_USER (check directory permissions)"
        return 1
    fi
    it__prepare_guest_dir

    # The daemon, in the foreground of a background job; never exits by
    # itself (no --timeout), stopped by pid at teardown.
    it__spawn "$IT_LOGDIR/libvirtd.log" libvirtd
    IT_DAEMON_PID=$IT_SPAWN_PID
    export IT_DAEMON_PID
    it__daemon_pid_save
    # (no job report when a test kills it)
    disown "$IT_DAEMON_PID" 2>/dev/null
    sock=$IT_TMPDIR/run/libvirt/libvirt-sock
    for ((i = 0; i < 300; i++)); do
        [ -S "$sock" ] && break
        kill -0 "$IT_DAEMON_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -S "$sock" ]; then
        IT_SKIP_REASON="libvirtd did not create $sock: $(tail -n 3 "$IT_LOGDIR/libvirtd.log" | tr '\n' ' ')"
        return 1
    fi
    # The first connection makes the daemon probe QEMU (a few seconds).
    if ! it_hvirsh uri >/dev/null 2>"$IT_TMPDIR/tmp/uri.err"; then
        IT_SKIP_REASON="session daemon does not answer: $(tr '\n' ' ' < "$IT_TMPDIR/tmp/uri.err")"
        return 1
    fi
    return 0
}

# Attach to the daemon of a parent run.sh (exported IT_SHARED_* vars).
it__attach_shared() {
    IT_TMPDIR=$IT_SHARED_TMPDIR
    IT_OWNER=0
    IT_UID=$(id -u "$IT_USER")
    IT_GID=$(id -g "$IT_USER")
    IT_REF_VIRSH=${IT_REF_VIRSH:-$VIRTSH}
    it__mkenv
    trap 'it__on_exit' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM HUP
    it__daemon_pid_load
    if ! kill -0 "$IT_DAEMON_PID" 2>/dev/null; then
        IT_SKIP_REASON="shared session daemon (pid $IT_DAEMON_PID) is not running"
        return 1
    fi
    return 0
}

# Guest files must be readable by the test user; copy them otherwise.
it__prepare_guest_dir() {
    local f
    [ -n "${IT_GUEST_DIR:-}" ] || return 0
    IT_GUEST_DIR=$(readlink -f "$IT_GUEST_DIR")
    export IT_GUEST_DIR
    it_guest_available || return 0
    if ! it_run test -r "$IT_GUEST_DIR/vmlinuz" -a -r "$IT_GUEST_DIR/initrd.img"; then
        mkdir -p "$IT_TMPDIR/guest"
        for f in vmlinuz initrd.img disk.img; do
            cp "$IT_GUEST_DIR/$f" "$IT_TMPDIR/guest/$f"
        done
        chown -R "$IT_UID:$IT_GID" "$IT_TMPDIR/guest"
        IT_GUEST_DIR=$IT_TMPDIR/guest
    fi
}

# With the lock held (root mode): leftovers of a crashed earlier run.
# Libraries add cleaners of their own to IT_CLEAN_STALE_HOOKS.
IT_CLEAN_STALE_HOOKS=()
it__clean_stale() {
    local pids d h
    for h in "${IT_CLEAN_STALE_HOOKS[@]}"; do
        "$h"
    done
    pids=$(ps -o pid= -u "$IT_UID" 2>/dev/null | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        it__log "killing stale processes of $IT_USER from an earlier run: $pids"
        # shellcheck disable=SC2086
        it__kill_pids $pids
    fi
    for d in /tmp/vit.* /tmp/virtsh-it.*; do
        [ -d "$d" ] || continue
        [ "$(stat -c %u "$d")" = "$IT_UID" ] || continue
        it__log "removing stale temp dir $d"
        rm -rf -- "$d"
    done
}

# ================================================================ teardown
it_at_exit() {
    IT_AT_EXIT+=("$1")
}

it__on_exit() {
    local rc=$? h
    # Interrupted while waiting for the lock.
    [ -n "${IT_FLOCK_PID:-}" ] && kill "$IT_FLOCK_PID" 2>/dev/null
    for h in "${IT_AT_EXIT[@]}"; do
        eval "$h"
    done
    IT_AT_EXIT=()
    if ! it_teardown; then
        printf 'it: teardown problem: %s\n' "$IT_TEARDOWN_DIAG" >&2
    fi
    return $rc
}

# destroy + undefine one domain (transient ones vanish on destroy).
it__remove_domain() {
    local name=$1
    it_hvirsh destroy "$name" >/dev/null 2>&1
    it_hvirsh undefine "$name" --nvram >/dev/null 2>&1 ||
        it_hvirsh undefine "$name" >/dev/null 2>&1
    [ "$(it_domstate "$name")" = gone ] && return 0
    return 1
}

it_teardown() {
    local d pids leftover=""
    [ "$IT_TORN_DOWN" = 1 ] && return 0
    IT_TORN_DOWN=1
    IT_TEARDOWN_DIAG=""
    [ -n "${IT_TMPDIR:-}" ] || return 0

    hostga_stop

    if [ "$IT_OWNER" != 1 ]; then
        # Attached to run.sh's daemon: remove only what this script made.
        while IFS= read -r d; do
            it__remove_domain "$d" || IT_TEARDOWN_DIAG+="domain $d not removed; "
        done < <(it__tracked_domains)
        rm -f "$IT_TMPDIR/tracked/$$"
        # (explicit statuses: a bare `return` in an exit trap would return
        # the status the script exited with)
        [ -z "$IT_TEARDOWN_DIAG" ] && return 0
        return 1
    fi

    # Every domain of the private daemon was created by this run.  Those
    # running are destroyed and undefined one by one (their QEMU must end);
    # the definitions of the others go with the temp dir (the benchmark
    # leaves thousands).
    it__daemon_pid_load
    if [ -n "${IT_DAEMON_PID:-}" ] && kill -0 "$IT_DAEMON_PID" 2>/dev/null; then
        while IFS= read -r d; do
            [ -n "$d" ] || continue
            it__remove_domain "$d" || IT_TEARDOWN_DIAG+="domain $d not removed; "
        done < <(it_hvirsh list --name 2>/dev/null)
    fi
    [ -n "${IT_DAEMON_PID:-}" ] && it__kill_pids "$IT_DAEMON_PID"

    # Anything still running now (e.g. a qemu the daemon lost) is a leak.
    pids=$(it__run_pids | tr '\n' ' ')
    if [ -n "${pids// /}" ]; then
        IT_TEARDOWN_DIAG+="stray processes killed: $(ps -o pid=,args= -p "${pids// /,}" 2>/dev/null | tr '\n' ';' | cut -c1-300); "
        # shellcheck disable=SC2086
        it__kill_pids $pids
    fi

    it__save_artifacts
    rm -rf -- "$IT_TMPDIR"

    # Final assertions.
    if [ "$IT_AS_ROOT" = 1 ]; then
        leftover=$(ps -o pid=,args= -u "$IT_UID" 2>/dev/null)
    else
        leftover=$(it__run_pids)
    fi
    [ -z "$leftover" ] || IT_TEARDOWN_DIAG+="processes of $IT_USER remain: $(echo "$leftover" | tr '\n' ';'); "
    [ -e "$IT_TMPDIR" ] && IT_TEARDOWN_DIAG+="temp dir $IT_TMPDIR remains; "
    [ -S "$IT_TMPDIR/run/libvirt/libvirt-sock" ] && IT_TEARDOWN_DIAG+="daemon socket remains; "
    [ -n "${IT_DAEMON_PID:-}" ] && kill -0 "$IT_DAEMON_PID" 2>/dev/null &&
        IT_TEARDOWN_DIAG+="daemon $IT_DAEMON_PID still alive; "

    if [ -n "${IT_LOCK_FD:-}" ]; then
        exec {IT_LOCK_FD}>&-
        unset IT_LOCK_FD
    fi
    [ -z "$IT_TEARDOWN_DIAG" ] && return 0
    return 1
}

it__save_artifacts() {
    local dst=${IT_ARTIFACTS:-}
    [ -n "$dst" ] || return 0
    mkdir -p "$dst" || return 0
    cp -r "$IT_LOGDIR/." "$dst/" 2>/dev/null
    if [ -d "$IT_TMPDIR/cache/libvirt/qemu/log" ]; then
        mkdir -p "$dst/qemu"
        cp -r "$IT_TMPDIR/cache/libvirt/qemu/log/." "$dst/qemu/" 2>/dev/null
    fi
    for d in "$IT_TMPDIR"/hostga/*/; do
        [ -f "$d/qemu-ga.log" ] && cp "$d/qemu-ga.log" "$dst/hostga-$(basename "$d").log"
    done
    return 0
}

# ================================================================ guest
it_guest_available() {
    [ -n "${IT_GUEST_DIR:-}" ] && [ -s "$IT_GUEST_DIR/vmlinuz" ] &&
        [ -s "$IT_GUEST_DIR/initrd.img" ] && [ -s "$IT_GUEST_DIR/disk.img" ]
}

# Builds (or reuses) the guest in DIR and sets IT_GUEST_DIR; on failure
# returns 1 with IT_GUEST_SKIP set. Build output goes to DIR.build.log.
it_build_guest() {
    local dir=$1
    mkdir -p "$dir" || { IT_GUEST_SKIP="cannot create $dir"; return 1; }
    if bash "$IT_SRCDIR/build-guest.sh" "$dir" >"$dir.build.log" 2>&1; then
        IT_GUEST_DIR=$(readlink -f "$dir")
        IT_GUEST_SKIP=""
        export IT_GUEST_DIR IT_GUEST_SKIP
        return 0
    fi
    IT_GUEST_SKIP="guest build failed: $(grep 'error' "$dir.build.log" | tail -n 1)"
    export IT_GUEST_SKIP
    return 1
}

# Tracked names go to a file per script ($$ is the same in subshells), so
# tracking from inside $(...) (e.g. via it_guest_xmlfile) works.
it_track_domain() {
    local f=$IT_TMPDIR/tracked/$$
    mkdir -p "$IT_TMPDIR/tracked"
    grep -qxF -- "$1" "$f" 2>/dev/null || echo "$1" >> "$f"
}

it__tracked_domains() {
    cat "$IT_TMPDIR/tracked/$$" 2>/dev/null
}

it_serial_log() {
    echo "$IT_LOGDIR/$1.serial.log"
}

it_guest_disk() {
    local disk=$IT_TMPDIR/disks/$1.img
    if [ ! -e "$disk" ]; then
        cp --sparse=always "$IT_GUEST_DIR/disk.img" "$disk" &&
            chown "$IT_UID:$IT_GID" "$disk" && chmod 600 "$disk"
    fi
    echo "$disk"
}

it_guest_xml() {
    local name=$1 mode=${2:-normal}
    shift $(($# < 2 ? $# : 2))
    bash "$IT_SRCDIR/guest-xml.sh" --name "$name" --mode "$mode" \
        --kernel "$IT_GUEST_DIR/vmlinuz" --initrd "$IT_GUEST_DIR/initrd.img" \
        --disk "$(it_guest_disk "$name")" --serial-log "$(it_serial_log "$name")" "$@"
}

it_guest_xmlfile() {
    local name=$1 mode=${2:-normal} f
    f=$IT_TMPDIR/xml/$name.$mode.xml
    it_guest_xml "$@" > "$f" || return 1
    chown "$IT_UID:$IT_GID" "$f"
    it_track_domain "$name"
    echo "$f"
}

it_dump_serial() {
    local log
    log=$(it_serial_log "$1")
    if [ -f "$log" ]; then
        tap_diag "serial console of $1 (last ${2:-40} lines):"
        tail -n "${2:-40}" "$log" | tr -d '\r' | tap_diag
    else
        tap_diag "no serial log for $1"
    fi
}

it_domstate() {
    local out
    if out=$(it_hvirsh domstate "$1" 2>&1); then
        echo "$out" | sed -n '1{s/[[:space:]]*$//;p}'
    elif echo "$out" | grep -qi 'failed to get domain\|domain not found\|no domain with'; then
        echo gone
    else
        echo "error: $out" | head -n1
    fi
}

it_wait_state() {
    local name=$1 timeout=$2 s st end
    shift 2
    end=$((SECONDS + timeout))
    while :; do
        st=$(it_domstate "$name")
        for s in "$@"; do
            [ "$st" = "$s" ] && return 0
        done
        [ $SECONDS -ge $end ] && return 1
        sleep 0.5
    done
}

it_agent() {
    "${IT_AGENT_CLIENT:-it_hvirsh}" qemu-agent-command "$1" "$2"
}

it_wait_agent() {
    local name=$1 timeout=${2:-60} t0 now
    IT_AGENT_SECS=""
    t0=$EPOCHREALTIME
    while :; do
        if it_agent "$name" '{"execute":"guest-ping"}' >/dev/null 2>&1; then
            now=$EPOCHREALTIME
            IT_AGENT_SECS=$(it__elapsed "$t0" "$now")
            return 0
        fi
        now=$EPOCHREALTIME
        [ "${now%.*}" -ge $((${t0%.*} + timeout)) ] && return 1
        sleep 0.5
    done
}

# Seconds between two $EPOCHREALTIME values, one decimal.
it__elapsed() {
    local a=${1/./} b=${2/./}
    local ms=$(( (10#$b - 10#$a) / 1000 ))
    printf '%d.%d' $((ms / 1000)) $(((ms % 1000) / 100))
}

it_json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/\\n}
    s=${s//$'\t'/\\t}
    s=${s//$'\r'/\\r}
    printf '"%s"' "$s"
}

# Extracts a scalar (number/bool/string without quotes) from flat JSON.
it__json_field() {
    local key=$1 json=$2
    printf '%s' "$json" | tr -d '\n' |
        sed -n "s/.*\"$key\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
}

it_guest_exec() {
    local name=$1 path=$2 args="" a reply pid i status
    shift 2
    IT_EXEC_RC="" IT_EXEC_OUT="" IT_EXEC_ERR=""
    for a in "$@"; do
        args+="${args:+,}$(it_json_str "$a")"
    done
    reply=$(it_agent "$name" "{\"execute\":\"guest-exec\",\"arguments\":{\"path\":$(it_json_str "$path"),\"arg\":[$args],\"capture-output\":true}}") || return 1
    pid=$(it__json_field pid "$reply")
    [ -n "$pid" ] || return 1
    for ((i = 0; i < 60; i++)); do
        status=$(it_agent "$name" "{\"execute\":\"guest-exec-status\",\"arguments\":{\"pid\":$pid}}") || return 1
        [ "$(it__json_field exited "$status")" = true ] && break
        sleep 0.5
    done
    [ "$(it__json_field exited "$status")" = true ] || return 1
    IT_EXEC_RC=$(it__json_field exitcode "$status")
    IT_EXEC_OUT=$(it__json_field out-data "$status" | base64 -d 2>/dev/null)
    IT_EXEC_ERR=$(it__json_field err-data "$status" | base64 -d 2>/dev/null)
    [ "$IT_EXEC_RC" = 0 ]
}

# ================================================================ tmux
IT_TMUX_SOCK=""
IT_TMUX_MARK=0

it_tmux() {
    it_run env SHELL=/bin/sh TERM=xterm INPUTRC="$IT_TMPDIR/inputrc" \
        tmux -S "$IT_TMUX_SOCK" "$@"
}

it_tmux_start() {
    if ! command -v tmux >/dev/null 2>&1; then
        IT_SKIP_REASON="tmux is not installed"
        return 1
    fi
    [ -n "$IT_TMUX_SOCK" ] && it_tmux_stop
    IT_TMUX_SOCK=$IT_TMPDIR/tmux-$$.sock
    IT_TMUX_MARK=0
    [ -e "$IT_TMPDIR/inputrc" ] || { : > "$IT_TMPDIR/inputrc"; chmod 644 "$IT_TMPDIR/inputrc"; }
    if [ -z "${IT__TMUX_AT_EXIT:-}" ]; then
        IT__TMUX_AT_EXIT=1
        it_at_exit it_tmux_stop
    fi
    # A non-interactive sh dies of the Ctrl-C a test sends to the program
    # it runs (they share the terminal's process group): it catches it.
    if ! it_tmux -f /dev/null new-session -d -x 200 -y 50 "trap : INT; $1" \
        2>"$IT_TMPDIR/tmux-$$.err"; then
        IT_SKIP_REASON="tmux does not start: $(head -c 200 "$IT_TMPDIR/tmux-$$.err")"
        return 1
    fi
    # A server of our own: its scrollback is ours.
    it_tmux set-option -g history-limit 20000 >/dev/null 2>&1
    return 0
}

it_tmux_stop() {
    local pids p i
    [ -n "$IT_TMUX_SOCK" ] || return 0
    pids=$(it_tmux list-panes -a -F '#{pid} #{pane_pid}' 2>/dev/null)
    it_tmux kill-server >/dev/null 2>&1
    rm -f "$IT_TMUX_SOCK"
    IT_TMUX_SOCK=""
    # until init reaped them (the teardown counts zombies as leftovers)
    for ((i = 0; i < 100; i++)); do
        p=""
        for p in $pids; do [ -e "/proc/$p" ] && break; p=""; done
        [ -z "$p" ] && return 0
        sleep 0.05
    done
}

it_tmux_keys() {
    it_tmux send-keys "$@"
}

it_tmux_type() {
    it_tmux send-keys -l -- "$1" && it_tmux send-keys Enter
}

it_tmux_screen() {
    # (-J keeps trailing blanks, and the unused rows of the screen come
    # out as empty lines: drop both)
    it_tmux capture-pane -p -J -S - 2>/dev/null |
        awk '{ sub(/[ \t]+$/, "") } $0 == "" { n++; next } { while (n) { print ""; n-- } print }'
}

it_tmux_since() {
    it_tmux_screen | awk -v m="__mark_$IT_TMUX_MARK" 'f { print } $0 == m { f = 1 }'
}

# it__tmux_wait SOURCE REGEX [SECONDS [COUNT]]
it__tmux_wait() {
    local src=$1 re=$2 secs=${3:-10} count=${4:-1} t0=${EPOCHREALTIME/./} end
    end=$((SECONDS + secs))
    IT_TMUX_MS=""
    while :; do
        if [ "$("$src" | grep -Ec -- "$re")" -ge "$count" ]; then
            IT_TMUX_MS=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
            return 0
        fi
        [ $SECONDS -ge $end ] && return 1
        sleep 0.05
    done
}

it_tmux_wait() {
    it__tmux_wait it_tmux_screen "$@"
}

it_tmux_wait_since() {
    it__tmux_wait it_tmux_since "$@"
}

it_tmux_mark() {
    IT_TMUX_MARK=$((IT_TMUX_MARK + 1))
    it_tmux_type "echo __mark_$IT_TMUX_MARK"
    it_tmux_wait "^__mark_$IT_TMUX_MARK\$" 10
}
