/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-readonly.c - with -r, every command that changes state is refused
 * before libvirt is contacted, and every other command is on a reviewed
 * list of read-only commands.
 *
 * Each command of the table is run through the real dispatcher
 * (shell_run_argv) with arguments made from its own option table, on a
 * read-only shell whose URI points at a node file that does not exist: had
 * the command contacted libvirt, the shell would hold a connection or
 * report a connection error instead of the refusal.
 */
#include "unit.h"

#include <unistd.h>

#include "core/args.h"
#include "core/table.h"
#include "core/util.h"
#include "virt/shell.h"
#include "shell/run.h"

/* Commands that never change anything: reviewed by hand.  A new command
 * that is neither here nor flagged CMD_MODIFIES fails test_classified. */
static const char *const read_only[] = {
    "list", "dominfo", "domtime" /* --now, --sync, --time: OPT_MODIFIES */, "domstate", "domid", "domname", "domuuid",
    "dumpxml", "domiflist", "domblklist", "domifaddr",
    "domdisplay", "vncdisplay", "ttyconsole", "domhostname", "get-user-sshkeys",
    "domxml-from-native", "domxml-to-native", "domlaunchsecinfo",
    "domfsinfo", "guestinfo", "guestvcpus", "guest-file-get", "wait",
    "qmp-schema", "qemu-monitor-event", "event",
    "uri", "version", "hostname", "nodeinfo", "capabilities", "domcapabilities",
    "machine-types", "maxvcpus", "hosts",
    "domjobinfo", "migrate-getmaxdowntime", "migrate-getspeed",
    "domstats", "domblkstat", "domifstat", "dommemstat" /* --period: OPT_MODIFIES */, "domblkinfo",
    "domblkerror", "domcontrol", "domif-getlink", "vcpuinfo", "vcpucount", "cpu-stats",
    "iothreadinfo", /* the values that change: OPT_MODIFIES */ "vcpupin", "emulatorpin",
    "memtune", "blkiotune", "numatune", "schedinfo", "perf", "domiftune", "top",
    /* host objects and the host (issue 20); node-memory-tune: its options are OPT_MODIFIES */
    "net-list", "net-info", "net-dumpxml", "net-dhcp-leases", "net-name", "net-uuid", "net-event",
    "net-port-list", "net-port-dumpxml", "nodedev-list", "nodedev-info", "nodedev-dumpxml",
    "nodedev-event", "secret-list", "secret-dumpxml", "secret-get-value", "secret-event", "iface-list",
    "iface-name", "iface-mac", "iface-dumpxml", "nwfilter-list", "nwfilter-dumpxml",
    "nwfilter-binding-list", "nwfilter-binding-dumpxml", "sysinfo", "freecell", "freepages",
    "nodecpustats", "nodememstats", "nodecpumap", "node-memory-tune", "cpu-models", "cpu-baseline",
    "cpu-compare", "hypervisor-cpu-compare", "hypervisor-cpu-baseline",
    "pool-list", "pool-info", "pool-dumpxml", "pool-name", "pool-uuid", "pool-capabilities",
    "find-storage-pool-sources", "find-storage-pool-sources-as", "pool-event",
    "vol-list", "vol-info", "vol-dumpxml", "vol-key", "vol-name", "vol-path", "vol-pool",
    "vol-download" /* writes a local file only */,
    "help", "quit", "echo", "cd", "pwd", "connect", "complete", "gen-reference",
    "maxvcpus",
    /* snapshots, checkpoints, backups, saved state, jobs */
    "snapshot-current" /* with a name: OPT_MODIFIES */, "snapshot-dumpxml", "snapshot-info",
    "snapshot-list", "snapshot-parent", "checkpoint-dumpxml", "checkpoint-info",
    "checkpoint-list", "checkpoint-parent", "save-image-dumpxml", "managedsave-dumpxml",
    "domjobinfo", "backup-dumpxml",
    NULL,
};

static bool is_read_only(const char *name)
{
    for (const char *const *r = read_only; *r; r++)
        if (str_eq(*r, name))
            return true;
    return false;
}

/* The option a `needs` list ("a|b") names first. */
static const struct opt_def *first_needed(const struct cmd_def *c, const char *needs)
{
    if (!needs)
        return NULL;
    _cleanup_free_ char *name = xstrndup(needs, strcspn(needs, "|"));
    return args_find_opt(c, name);
}

/* Words that satisfy the command's required options and declared needs, and give `extra`. */
static int make_args(const struct cmd_def *c, const struct opt_def *extra, char **argv, int max)
{
    int n = 0;
    const struct opt_def *also[] = { extra, first_needed(c, c->needs),
                                     extra ? first_needed(c, extra->needs) : NULL };
    argv[n++] = (char *)c->name;
    for (const struct opt_def *o = c->opts; o && o->name && n < max - 3; o++) {
        if (!(o->flags & OPT_REQUIRED) && o != also[0] && o != also[1] && o != also[2])
            continue;
        const char *value = "x";
        if (o->type == OT_ENUM)
            value = o->values[0];
        else if (o->type == OT_INT || o->type == OT_SCALED)
            value = o->min > 1 ? "1000" : "1";
        if (o->type == OT_BOOL) {
            argv[n++] = xasprintf("--%s", o->name);
            continue;
        }
        if (!args_opt_positional(o) || o == extra)
            argv[n++] = xasprintf("--%s", o->name);
        argv[n++] = xstrdup(value);
    }
    return n;
}

/* Run one command on a read-only shell; return what it printed on stderr. */
static char *run_readonly(const struct cmd_def *c, const struct opt_def *extra, int *ret_rc,
                          bool *ret_connected)
{
    struct shell sh;
    char *argv[32];
    int argc = make_args(c, extra, argv, 32);
    char path[] = "/tmp/virtsh-test-readonly-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);

    shell_init(&sh);
    sh.readonly = true;
    sh.uri = xstrdup("test:///nonexistent/virtsh-readonly-test.xml");
    *ret_rc = shell_run_argv(&sh, argc, argv);
    *ret_connected = sh.conn != NULL;
    shell_free(&sh);

    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    char *text = read_file(path, NULL);
    unlink(path);
    for (int i = 1; i < argc; i++)
        free(argv[i]);
    return text;
}

static void test_classified(void **state)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    int problems = 0;
    (void)state;
    FOREACH_CMD(g, c) {
        bool modifies = c->flags & CMD_MODIFIES;
        if (modifies && is_read_only(c->name)) {
            print_message("'%s' is flagged CMD_MODIFIES but listed as read-only\n", c->name);
            problems++;
        }
        if (!modifies && !is_read_only(c->name)) {
            print_message("'%s' is neither CMD_MODIFIES nor on the reviewed read-only list\n",
                          c->name);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
}

static void test_refused_before_connecting(void **state)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    int checked = 0, problems = 0;
    (void)state;
    FOREACH_CMD(g, c) {
        if (!(c->flags & CMD_MODIFIES))
            continue;
        int rc;
        bool connected;
        _cleanup_free_ char *err = run_readonly(c, NULL, &rc, &connected);
        _cleanup_free_ char *want = xasprintf("error: '%s' changes state: refused on a read-only "
                                              "connection\n", c->name);
        if (rc != CMD_FAILED || connected || !str_eq(err, want)) {
            print_message("'%s': status %d, connected %d, stderr: %s", c->name, rc, connected,
                          err ? err : "(none)\n");
            problems++;
        }
        checked++;
    }
    print_message("# %d state-changing commands refused\n", checked);
    assert_true(checked >= 25);
    assert_int_equal(problems, 0);
}

/* Options that make a read-only command change state are refused too. */
static void test_modifying_options_refused(void **state)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    int checked = 0, problems = 0;
    (void)state;
    FOREACH_CMD(g, c) {
        for (const struct opt_def *o = c->opts; o && o->name; o++) {
            if (!(o->flags & OPT_MODIFIES))
                continue;
            int rc;
            bool connected;
            _cleanup_free_ char *err = run_readonly(c, o, &rc, &connected);
            _cleanup_free_ char *want = xasprintf("error: '%s --%s' changes state: refused on a "
                                                  "read-only connection\n", c->name, o->name);
            if (rc != CMD_FAILED || connected || !str_eq(err, want)) {
                print_message("'%s --%s': status %d, connected %d, stderr: %s", c->name, o->name,
                              rc, connected, err ? err : "(none)\n");
                problems++;
            }
            checked++;
        }
    }
    print_message("# %d state-changing options refused\n", checked);
    assert_true(checked >= 4);
    assert_int_equal(problems, 0);
}

static void test_read_only_commands_run(void **state)
{
    /* A read-only command is not refused: it gets as far as connecting. */
    const struct cmd_def *c = cmd_lookup("list");
    int rc;
    bool connected;
    (void)state;
    _cleanup_free_ char *err = run_readonly(c, NULL, &rc, &connected);
    assert_int_equal(rc, CMD_FAILED);
    assert_null(strstr(err, "refused on a read-only connection"));
    assert_non_null(strstr(err, "connect"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classified),
        cmocka_unit_test(test_refused_before_connecting),
        cmocka_unit_test(test_modifying_options_refused),
        cmocka_unit_test(test_read_only_commands_run),
    };
    return cmocka_run_group_tests_name("readonly", tests, NULL, NULL);
}
