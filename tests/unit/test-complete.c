/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-complete.c - the completion engine on partial lines and words:
 * commands, options (not twice, not excluded), enum values, domains by
 * state, inside quotes, after "--" and ";", the cursor in mid-line, global
 * options, file arguments, quoting for readline and bash, and the bound on
 * a daemon that never answers.
 *
 * The domains live in libvirt's test driver: test:///default keeps one state
 * per process while a connection to it is open, so the domains defined here
 * are the ones the engine's own (read-only) connection sees.
 */
#include "unit.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/err.h"
#include "unit-shell.h"
#include "complete/complete.h"
#include "complete/fetch.h"

#define URI "test:///default"

static virConnectPtr conn; /* keeps test:///default's state alive */

/* The default host has "test" (running); these join it. */
static const struct {
    const char *name;
    enum { SHUTOFF, RUNNING, PAUSED, TRANSIENT } state;
} domains[] = {
    { "web1", RUNNING },      { "web2", SHUTOFF },     { "db1", PAUSED },
    { "scratch", TRANSIENT }, { "my vm", SHUTOFF },    { "my vault", RUNNING },
    { "quote's", SHUTOFF },   { "cost$1", SHUTOFF },
};

static char *domain_xml(const char *name)
{
    _cleanup_free_ char *esc = xmalloc(strlen(name) * 6 + 1);
    char *p = esc;
    for (const char *s = name; *s; s++)
        p = *s == '\'' ? stpcpy(p, "&apos;") : (*p = *s, p + 1);
    *p = '\0';
    return xasprintf("<domain type='test'><name>%s</name><memory>524288</memory>"
                     "<os><type>hvm</type></os><devices>"
                     "<disk type='file' device='disk'><source file='/tmp/a.img'/>"
                     "<target dev='vda' bus='virtio'/></disk>"
                     "<disk type='file' device='cdrom'><source file='/tmp/b.iso'/>"
                     "<target dev='sdb' bus='sata'/></disk>"
                     "<interface type='network'><mac address='52:54:00:cc:00:01'/>"
                     "<source network='default'/></interface>"
                     "</devices></domain>", esc);
}

static int setup(void **state)
{
    (void)state;
    err_init();
    setenv("VIRTSH_COMPLETE_TIMEOUT_MS", "20000", 1); /* valgrind is slow */
    conn = virConnectOpen(URI);
    assert_non_null(conn);
    for (size_t i = 0; i < ARRAY_SIZE(domains); i++) {
        _cleanup_free_ char *xml = domain_xml(domains[i].name);
        virDomainPtr d = domains[i].state == TRANSIENT ? virDomainCreateXML(conn, xml, 0)
                                                       : virDomainDefineXML(conn, xml);
        assert_non_null(d);
        if (domains[i].state == RUNNING || domains[i].state == PAUSED)
            assert_int_equal(virDomainCreate(d), 0);
        if (domains[i].state == PAUSED)
            assert_int_equal(virDomainSuspend(d), 0);
        virDomainFree(d);
    }
    unit_shell_open(URI, false);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    shell_free(&sh);
    virConnectClose(conn);
    return 0;
}

/* The candidates as "a|b|c". */
static char *joined(const struct complete_result *r)
{
    size_t len = 1;
    for (size_t i = 0; i < r->n; i++)
        len += strlen(r->cands[i]) + 1;
    char *s = xcalloc(1, len);
    for (size_t i = 0; i < r->n; i++) {
        if (i)
            strcat(s, "|");
        strcat(s, r->cands[i]);
    }
    return s;
}

static void expect(struct complete_result *r, const char *what, const char *want)
{
    char *got = joined(r);
    if (strcmp(got, want) != 0)
        fail_msg("%s: got \"%s\", want \"%s\"", what, got, want);
    free(got);
    complete_result_free(r);
}

static void check_at(const char *line, size_t cursor, const char *want)
{
    struct complete_result r;
    complete_line(&sh, line, cursor, &r);
    expect(&r, line, want);
}

static void check(const char *line, const char *want)
{
    check_at(line, strlen(line), want);
}

/* `needle` among the candidates of `line` (has) or not. */
static void check_has(const char *line, const char *needle, bool has)
{
    struct complete_result r;
    complete_line(&sh, line, strlen(line), &r);
    bool found = false;
    for (size_t i = 0; i < r.n; i++)
        found |= str_eq(r.cands[i], needle);
    if (found != has)
        fail_msg("'%s': '%s' %s", line, needle, has ? "missing" : "offered");
    complete_result_free(&r);
}

#define check_argv(want, ...) \
    do { \
        char *w_[] = { __VA_ARGS__ }; \
        struct complete_result r_; \
        complete_argv(&sh, w_, ARRAY_SIZE(w_), &r_); \
        expect(&r_, #__VA_ARGS__, want); \
    } while (0)

static void test_command_names(void **state)
{
    (void)state;
    check("sta", "start");
    check("dumpx", "dumpxml");
    check("ex", "exit");           /* an alias of quit */
    check("zzz", "");
    check_has("", "start", true);
    check_has("", "quit", true);
    check_has("", "complete", false);  /* hidden */
    check_has("   ", "list", true);
    check("help dumpx", "dumpxml");    /* COMPL_COMMAND */
    check_has("help ", "domain", true); /* ... and group names */
}

static void test_options(void **state)
{
    (void)state;
    check("start web2 --pa", "--pass-fds|--paused");
    check("start --paused web2 --pa", "--pass-fds"); /* not twice */
    check("start web2 --do", "");            /* given as a word already */
    check("start --do", "--domain");
    check("echo --", "--err|--shell|--split|--xml");
    /* --enable and --disable exclude each other */
    check_has("guestvcpus web1 --", "--disable", true);
    check_has("guestvcpus web1 --enable --", "--disable", false);
    check_has("guestvcpus web1 --enable --", "--cpulist", true);
    /* a required positional comes first: no options with the domains */
    check_has("start ", "--paused", false);
    check_has("start web2 ", "--paused", true);
}

static void test_option_values(void **state)
{
    (void)state;
    check("domifaddr web1 --source ", "agent|arp|lease");
    check("domifaddr web1 --source a", "agent|arp");
    check("domifaddr web1 --source=l", "--source=lease");
    check("dominfo --domain=w", "--domain=web1|--domain=web2");
    check("dominfo --domain my", "my vault|my vm");
    check("domifaddr web1 --interface 52", "52:54:00:cc:00:01");
    check("domifaddr --interface 52", "");   /* no domain yet: nothing to ask */
    /* nothing left but options, and not those given */
    check_has("start web2 --paused ", "--console", true);
    check_has("start web2 --paused ", "--paused", false);
    check_has("start web2 --paused ", "web1", false);
}

static void test_domains_by_state(void **state)
{
    (void)state;
    check("start ", "cost$1|my vm|quote's|web2");         /* inactive */
    check("shutdown ", "my vault|scratch|test|web1");     /* running */
    check("console ", "my vault|scratch|test|web1");
    check("resume ", "db1");                              /* paused */
    check("destroy ", "db1|my vault|scratch|test|web1");  /* active */
    check("undefine ", "cost$1|db1|my vault|my vm|quote's|test|web1|web2"); /* persistent */
    check("dominfo ", "cost$1|db1|my vault|my vm|quote's|scratch|test|web1|web2");
    check("start w", "web2");
    check("start x", "");
}

static void test_borrowed_connection(void **state)
{
    (void)state;
    /* The shell's open connection is used as it is. */
    sh.conn = conn;
    check("resume ", "db1");
    sh.conn = NULL;
}

static void test_inside_quotes(void **state)
{
    struct complete_result r;
    char *rep;
    (void)state;

    complete_line(&sh, "dominfo 'my v", 13, &r);
    assert_string_equal(r.word, "my v");
    assert_int_equal(r.quote, '\'');
    assert_int_equal(r.n, 2);
    /* readline replaces what follows the quote; it closes the quote itself */
    rep = complete_replacement(&r, "my v", "my vm", QUOTE_VIRTSH);
    assert_string_equal(rep, "my vm");
    free(rep);
    complete_result_free(&r);

    check("start 'my v", "my vm");
    check("start \"my", "my vm");
    check("start my\\ ", "my vm");
    check("dominfo 'quote", "quote's");
    check("echo 'a; st", ""); /* a quoted ';' does not start a command */

    /* Without a quote the rest is escaped; the typed text stays as typed. */
    complete_line(&sh, "dominfo my\\ v", 13, &r);
    assert_string_equal(r.word, "my v");
    assert_int_equal(r.quote, 0);
    rep = complete_replacement(&r, "my\\ v", "my vault", QUOTE_VIRTSH);
    assert_string_equal(rep, "my\\ vault");
    free(rep);
    complete_result_free(&r);

    /* A trailing backslash escapes the next character: the rest's own
     * escaping takes its place. */
    complete_line(&sh, "dominfo my\\", 11, &r);
    assert_string_equal(r.word, "my");
    rep = complete_replacement(&r, "my\\", "my vm", QUOTE_VIRTSH);
    assert_string_equal(rep, "my\\ vm");
    free(rep);
    complete_result_free(&r);
}

static void test_quoting(void **state)
{
    struct complete_result r = { .word = (char *)"" };
    char *s;
    (void)state;

#define REP(typed, cand, d, want) \
    s = complete_replacement(&r, typed, cand, d); \
    assert_non_null(s); \
    assert_string_equal(s, want); \
    free(s)

    r.quote = 0;
    REP("", "quote's", QUOTE_VIRTSH, "quote\\'s");
    REP("", "cost$1", QUOTE_VIRTSH, "cost$1");
    REP("", "cost$1", QUOTE_BASH, "cost\\$1");
    REP("", "a;b#c", QUOTE_VIRTSH, "a\\;b\\#c");
    REP("", "café-ü", QUOTE_BASH, "café-ü");
    r.quote = '\'';
    REP("", "quote's", QUOTE_VIRTSH, "quote'\\''s");
    REP("", "quote's", QUOTE_BASH, "quote'\\''s");
    REP("", "cost$1", QUOTE_BASH, "cost$1");
    r.quote = '"';
    REP("", "cost$1", QUOTE_VIRTSH, "cost$1");
    REP("", "cost$1", QUOTE_BASH, "cost\\$1");
    REP("", "say \"hi\"", QUOTE_VIRTSH, "say \\\"hi\\\"");
    REP("", "quote's", QUOTE_BASH, "quote's");
    /* kept as typed, only the rest is quoted */
    r.word = (char *)"--domain=my v";
    r.quote = 0;
    REP("my\\ v", "--domain=my vm", QUOTE_BASH, "my\\ vm");
#undef REP
    /* not a candidate of this word, or not typeable */
    assert_null(complete_replacement(&r, "", "web1", QUOTE_BASH));
    r.word = (char *)"";
    assert_null(complete_replacement(&r, "", "two\nlines", QUOTE_BASH));
}

static void test_after_double_dash(void **state)
{
    (void)state;
    check("start -- --", "");            /* no options after "--" */
    check("start -- ", "cost$1|my vm|quote's|web2");
    check("echo -- --", "");
    check("echo hello --", "");          /* inside the words of an OT_ARGV */
}

static void test_after_separator(void **state)
{
    (void)state;
    check("list; sta", "start");
    check("list --all;sta", "start");
    check("list\nsta", "start");
    check("list --all; resume ", "db1");
    check_has("start web2;", "list", true);   /* right after ';': a new command */
    check_has("start web2; ", "list", true);
    check("list # sta", "");                  /* a comment */
}

static void test_cursor(void **state)
{
    (void)state;
    check_at("start web2", 3, "start");              /* "sta|rt web2" */
    check_at("dominfo web1 --all", 10, "web1|web2"); /* "dominfo we|b1" */
    check_at("list; resume db1", 4, "list");
}

static void test_global_options(void **state)
{
    (void)state;
    check_argv("json|text", "-o", "");
    check_argv("--output", "--out");
    check_argv("start", "-r", "sta");
    check_argv("start", "-q", "-o", "json", "sta");
    check_argv("start", "-oj", "sta");
    check_argv("--pass-fds|--paused", "-c", URI, "start", "web2", "--pa");
    /* -c among the words is the URI asked */
    free(sh.uri);
    sh.uri = NULL;
    check_argv("db1", "-c", URI, "resume", "");
    check_argv("db1", "--connect=" URI, "-r", "resume", "");
    sh.uri = xstrdup(URI);
    /* raw words, quotes in place */
    check_argv("my vm", "start", "'my v");
    check_argv("my vault", "dominfo", "\"my va");
    check_argv("db1", "--", "resume", "");
}

static void test_files(void **state)
{
    struct complete_result r;
    (void)state;

    complete_line(&sh, "define ", 7, &r);
    assert_int_equal(r.mode, COMPLETE_FILES);
    assert_int_equal(r.n, 0);
    complete_result_free(&r);

    complete_line(&sh, "define --file=/tm", 17, &r);
    assert_int_equal(r.mode, COMPLETE_FILES);
    assert_int_equal(r.value_offset, strlen("--file="));
    complete_result_free(&r);

    complete_line(&sh, "cd ", 3, &r);
    assert_int_equal(r.mode, COMPLETE_DIRS);
    complete_result_free(&r);

    char *w[] = { "-l", "" };
    complete_argv(&sh, w, 2, &r);
    assert_int_equal(r.mode, COMPLETE_FILES);
    complete_result_free(&r);
}

/* Completion reads the words as the parser does (args_partial). */
static void test_parser_agrees(void **state)
{
    struct complete_result r;
    (void)state;

    /* --wait takes only a following number: both files are positionals, so
     * nothing but options is left (it used to offer files). */
    complete_line(&sh, "install --wait final.xml inst.xml ", 34, &r);
    assert_int_equal(r.mode, COMPLETE_WORDS);
    expect(&r, "install --wait", "--cmdline|--dry-run|--initrd|--noreboot|--print-xml|--resume");
    complete_line(&sh, "install --wait final.xml ", 25, &r);
    assert_int_equal(r.mode, COMPLETE_FILES); /* the install XML */
    complete_result_free(&r);
    complete_line(&sh, "install final.xml --wait ", 25, &r);
    assert_int_equal(r.mode, COMPLETE_FILES); /* "" is no number: the install XML */
    complete_result_free(&r);
    /* Exclusion sets: --config excludes --current, not --live. */
    check("setmem web1 1G --config --", "--live");
    check("setvcpus web1 2 --guest --", "--current|--live");
    /* Flags among the words of qemu-monitor-command, as the parser takes them. */
    check("qemu-monitor-command web1 query-status --p", "--pretty");
    check("qemu-monitor-command web1 query-status --pretty --", "--no-check|--return-value");
    check("qemu-monitor-command web1 query-status -- --p", "");
    /* A value inline after '=' keeps its prefix, command names too. */
    check("help --command=dumpx", "--command=dumpxml");
}

static char *fetched(compl_kind k, const char *domain)
{
    char **v = complete_fetch(&sh, URI, k, domain, NULL);
    struct complete_result r = { .cands = v };
    while (v[r.n])
        r.n++;
    char *s = joined(&r);
    r.word = NULL;
    complete_result_free(&r);
    return s;
}

static void test_devices(void **state)
{
    (void)state;
    char *s = fetched(COMPL_DISK, "web1");
    assert_string_equal(s, "vda|sdb");
    free(s);
    s = fetched(COMPL_DISK, "no-such-domain");
    assert_string_equal(s, "");
    free(s);
    /* the test driver knows no machine types: an empty list, not a failure */
    s = fetched(COMPL_MACHINE, NULL);
    assert_string_equal(s, "");
    free(s);
}

/* A "daemon" that accepts connections (the kernel's backlog does) and never
 * answers: completion gives up after its bound, then recovers once the
 * stuck lookup ends. */
static void test_silent_daemon(void **state)
{
    char dir[] = "/tmp/virtsh-complete-XXXXXX";
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/sock", dir);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
    assert_int_equal(listen(fd, 8), 0);

    _cleanup_free_ char *uri = xasprintf("qemu+unix:///session?socket=%s", sa.sun_path);
    setenv("VIRTSH_COMPLETE_TIMEOUT_MS", "300", 1);
    double t0 = now_ms();
    char **v = complete_fetch(&sh, uri, COMPL_DOMAIN, NULL, NULL);
    double took = now_ms() - t0;
    assert_non_null(v);
    assert_null(v[0]);
    free(v);
    if (took < 250 || took > 2000)
        fail_msg("gave up after %.0f ms, want about 300", took);

    /* While that lookup hangs, others answer nothing at once. */
    t0 = now_ms();
    v = complete_fetch(&sh, URI, COMPL_DOMAIN, NULL, NULL);
    assert_null(v[0]);
    free(v);
    assert_true(now_ms() - t0 < 100);

    /* The daemon goes away: the stuck lookup fails, completion works again. */
    close(fd);
    unlink(sa.sun_path);
    rmdir(dir);
    setenv("VIRTSH_COMPLETE_TIMEOUT_MS", "20000", 1);
    bool back = false;
    for (int i = 0; i < 200 && !back; i++) {
        v = complete_fetch(&sh, URI, COMPL_DOMAIN_PAUSED, NULL, NULL);
        back = v[0] && str_eq(v[0], "db1");
        for (size_t k = 0; v[k]; k++)
            free(v[k]);
        free(v);
        if (!back)
            usleep(50000);
    }
    assert_true(back);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_command_names),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_option_values),
        cmocka_unit_test(test_domains_by_state),
        cmocka_unit_test(test_borrowed_connection),
        cmocka_unit_test(test_inside_quotes),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_after_double_dash),
        cmocka_unit_test(test_after_separator),
        cmocka_unit_test(test_cursor),
        cmocka_unit_test(test_global_options),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_parser_agrees),
        cmocka_unit_test(test_devices),
        cmocka_unit_test(test_silent_daemon),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
