/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * virtsh-fault.so - a fault-injection preload for crash-point tests (tests
 * only, never installed).  It stands in front of every public function of
 * libvirt.so.0 and libvirt-qemu.so.0, counts the calls the program makes,
 * and at one chosen call kills the process or makes the call fail the way
 * a dropped connection does.
 *
 *   LD_PRELOAD=build/tests/tools/virtsh-fault.so VIRTSH_FAULT=SPEC \
 *       VIRTSH_FAULT_LOG=FILE virtsh ...
 *
 * VIRTSH_FAULT=ACTION=WHERE (unset or empty: no fault)
 *   kill-after=WHERE   the call runs and returns; before the program sees
 *                      the result the process gets SIGKILL (a crash, a kill
 *                      -9, a power cut of the client: unflushed output lost)
 *   fail=WHERE         the call does not run; it returns its error value
 *                      (NULL, -1, ...) with the error a client gets when its
 *                      daemon has gone away between two calls, measured on
 *                      libvirt 9.0 by killing a session daemon:
 *                      VIR_FROM_RPC, VIR_ERR_INTERNAL_ERROR, "internal
 *                      error: client socket is closed" (virConnectOpen*:
 *                      VIR_ERR_SYSTEM_ERROR, "Failed to connect socket:
 *                      Connection refused", as on reconnecting to it)
 *   interrupt-after=WHERE  the call runs and returns; then the process gets
 *                      SIGINT (a Ctrl-C between two calls) and goes on
 *   fail-after=WHERE   the call runs (its effect happens), then reports the
 *                      error a client gets when the daemon dies while the
 *                      call is in flight: VIR_FROM_RPC, VIR_ERR_SYSTEM_ERROR,
 *                      "Cannot recv data: Connection reset by peer".  What
 *                      it returned is dropped (an object leaks)
 *   WHERE is N (the Nth counted call, from 1), NAME (the first call of that
 *   function) or NAME:K (its Kth call).  Only that one call is affected;
 *   later calls run normally, as after a reconnect.  A bad SPEC, or a NAME
 *   this library does not count, stops the program before main() with a
 *   message and exit status 125: a typo must not make a crash test pass.
 *
 * VIRTSH_FAULT_LOG=FILE (optional) truncates FILE and writes one line per
 * counted call when it starts, "call N NAME", and one line when the fault
 * fires, "kill N NAME" (after the call returned, right before the kill),
 * "interrupt N NAME" (right before the SIGINT),
 * "fail N NAME" or "fail-after N NAME".  Run a command once with the log
 * only to count its calls, then with kill-after=1..count (tests/tools/
 * faults.sh does that).
 *
 * Both variables are removed from the environment at start, so programs
 * that the program runs (an editor) are not counted nor killed.
 *
 * Which calls count: every call of a public function by the program itself,
 * from any of its threads, in the order they start.  Not counted:
 * - calls made by libvirt itself (it calls its own public functions
 *   internally; the caller's return address tells, see counted_caller());
 *   a program's call made as a tail call from a callback that libvirt runs
 *   looks like one of those and is not counted either;
 * - error reporting (virterror.h: virGetLastError, virResetLastError,
 *   virSetErrorFunc, ...): every error path and this library use them, and
 *   they never talk to a daemon;
 * - the event loop (virEvent*): it runs in its own thread at times no test
 *   controls, so counting it would make N meaningless;
 * - typed parameter helpers (virTypedParams*) and the functions returning
 *   void (the *Free of result structs): memory only, they cannot fail.
 * Local calls such as virDomainGetName or virDomainFree do count: they are
 * the program's steps too, and the count stays the program's own.
 */
#include "fault.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libvirt/virterror.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAULT_EXIT 125

static struct {
    bool counting;         /* a fault armed or a log: count calls */
    enum fault_act act;    /* FAULT_RUN: nothing armed */
    long at;               /* by number: the Nth counted call */
    char name[128];        /* by name: its Kth call (K = at) */
    int log_fd;
    const void *bases[3];  /* libvirt, libvirt-qemu, this library */
} cfg = { .log_fd = -1 };

static long calls;      /* counted calls so far */
static long name_calls; /* counted calls of cfg.name so far */

static const char *const act_names[] = {
    [FAULT_FAIL] = "fail", [FAULT_FAIL_AFTER] = "fail-after", [FAULT_KILL_AFTER] = "kill",
    [FAULT_INTERRUPT_AFTER] = "interrupt",
};

__attribute__((format(printf, 1, 2), noreturn)) static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "virtsh-fault: ");
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    _exit(FAULT_EXIT);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(a, *(const char *const *)b);
}

/* "N" or "NAME" or "NAME:K" into cfg.at / cfg.name. */
static void parse_where(const char *where)
{
    const char *colon = strchr(where, ':');
    const char *num = where;
    char *end;
    if (where[0] < '0' || where[0] > '9') {
        size_t len = colon ? (size_t)(colon - where) : strlen(where);
        if (len == 0 || len >= sizeof(cfg.name))
            die("bad function name in VIRTSH_FAULT '%s'", getenv("VIRTSH_FAULT"));
        memcpy(cfg.name, where, len);
        if (!bsearch(cfg.name, fault_functions, fault_nfunctions, sizeof(char *), cmp_name))
            die("'%s' is not a libvirt function this library counts", cfg.name);
        if (!colon) {
            cfg.at = 1;
            return;
        }
        num = colon + 1;
    }
    errno = 0;
    cfg.at = strtol(num, &end, 10);
    if (errno || end == num || *end || cfg.at < 1)
        die("bad call number in VIRTSH_FAULT '%s' (want N, NAME or NAME:K, from 1)",
            getenv("VIRTSH_FAULT"));
}

static void parse_spec(const char *spec)
{
    static const char *const acts[] = { "fail=", "fail-after=", "kill-after=", "interrupt-after=" };
    static const enum fault_act codes[] = { FAULT_FAIL, FAULT_FAIL_AFTER, FAULT_KILL_AFTER,
                                            FAULT_INTERRUPT_AFTER };
    for (size_t i = 0; i < sizeof(acts) / sizeof(acts[0]); i++) {
        size_t len = strlen(acts[i]);
        if (strncmp(spec, acts[i], len) == 0) {
            cfg.act = codes[i];
            parse_where(spec + len);
            return;
        }
    }
    die("bad VIRTSH_FAULT '%s' (want kill-after=, interrupt-after=, fail= or fail-after= WHERE)",
        spec);
}

static const void *base_of(const void *addr)
{
    Dl_info info;
    return addr && dladdr(addr, &info) ? info.dli_fbase : NULL;
}

__attribute__((constructor)) static void fault_init(void)
{
    const char *spec = getenv("VIRTSH_FAULT");
    const char *log = getenv("VIRTSH_FAULT_LOG");
    if (spec && *spec)
        parse_spec(spec);
    if (log && *log) {
        cfg.log_fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
        if (cfg.log_fd < 0)
            die("cannot open VIRTSH_FAULT_LOG '%s'", log);
    }
    cfg.counting = cfg.act != FAULT_RUN || cfg.log_fd >= 0;
    cfg.bases[0] = base_of(dlsym(RTLD_NEXT, "virGetVersion"));
    cfg.bases[1] = base_of(dlsym(RTLD_NEXT, "virDomainQemuMonitorCommand"));
    cfg.bases[2] = base_of((const void *)fault_init);
    unsetenv("VIRTSH_FAULT");
    unsetenv("VIRTSH_FAULT_LOG");
}

void *fault_real(const char *name, void **slot)
{
    void *fn = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (!fn) {
        fn = dlsym(RTLD_NEXT, name);
        if (!fn)
            die("no libvirt function '%s' after the preload", name);
        __atomic_store_n(slot, fn, __ATOMIC_RELEASE);
    }
    return fn;
}

/* A call by the program, not by libvirt calling itself (nor by us). */
static bool counted_caller(const void *caller)
{
    const void *base = base_of(caller);
    for (size_t i = 0; i < sizeof(cfg.bases) / sizeof(cfg.bases[0]); i++)
        if (base && base == cfg.bases[i])
            return false;
    return true;
}

static void log_line(const char *what, long index, const char *name)
{
    char line[256];
    int len;
    if (cfg.log_fd < 0)
        return;
    len = snprintf(line, sizeof(line), "%s %ld %s\n", what, index, name);
    if (len > 0 && write(cfg.log_fd, line, (size_t)len) < 0)
        die("cannot write VIRTSH_FAULT_LOG: %s", strerror(errno));
}

typedef void (*raise_fn)(const char *filename, const char *funcname, size_t linenr,
                         int domain, int code, virErrorLevel level,
                         const char *str1, const char *str2, const char *str3,
                         int int1, int int2, const char *fmt, ...);

/* The last error, as libvirt's RPC client sets it (libvirt has no public
 * setter: its private virRaiseErrorFull, exported for its daemons). */
static void set_error(const char *name, int code, int errnum, const char *msg)
{
    static void *init_slot, *raise_slot;
    int (*init)(void) = (int (*)(void))fault_real("virInitialize", &init_slot);
    raise_fn raise_error = (raise_fn)fault_real("virRaiseErrorFull", &raise_slot);
    init(); /* (a failed first call skipped it: no error storage yet) */
    raise_error(__FILE__, name, __LINE__, VIR_FROM_RPC, code, VIR_ERR_ERROR,
                NULL, NULL, NULL, errnum, -1, "%s", msg);
}

enum fault_act fault_enter(const char *name, const void *caller, long *index)
{
    bool hit;
    if (!cfg.counting || !counted_caller(caller))
        return FAULT_RUN;
    *index = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    log_line("call", *index, name);
    if (cfg.act == FAULT_RUN)
        return FAULT_RUN;
    if (cfg.name[0])
        hit = strcmp(name, cfg.name) == 0 &&
              __atomic_add_fetch(&name_calls, 1, __ATOMIC_SEQ_CST) == cfg.at;
    else
        hit = *index == cfg.at;
    if (!hit)
        return FAULT_RUN;
    if (cfg.act == FAULT_FAIL) {
        log_line(act_names[FAULT_FAIL], *index, name);
        if (strncmp(name, "virConnectOpen", 14) == 0)
            set_error(name, VIR_ERR_SYSTEM_ERROR, ECONNREFUSED,
                      "Failed to connect socket: Connection refused");
        else
            set_error(name, VIR_ERR_INTERNAL_ERROR, 0, "internal error: client socket is closed");
    }
    return cfg.act;
}

int fault_leave(const char *name, enum fault_act act, long index)
{
    if (act == FAULT_RUN)
        return 0;
    log_line(act_names[act], index, name);
    if (act == FAULT_KILL_AFTER) {
        kill(getpid(), SIGKILL);
        for (;;)
            pause();
    }
    if (act == FAULT_INTERRUPT_AFTER) {
        /* To this thread, which made the call: the handler has run when
         * raise() returns, as if the Ctrl-C came between this call and the
         * next.  (kill(getpid()) may hand it to another thread a moment
         * later, after the program's next check.) */
        raise(SIGINT);
        return 0;
    }
    set_error(name, VIR_ERR_SYSTEM_ERROR, ECONNRESET, "Cannot recv data: Connection reset by peer");
    return 1;
}
