/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-args.c - the table-driven argument parser, on a test command table
 * and on the real global option table. */
#include "unit.h"

#include <limits.h>

#include "core/args.h"
#include "core/util.h"
#include "virt/context.h"

struct t_args {
    const char *name;
    const char *second;
    bool force;
    long long count;
    long long any;
    unsigned long long size;
    int mode;
    int level;
    long long wait;
    struct strv tags;
    const char *a;
    const char *b;
};

static const struct cmd_def t_cmd = {
    .name = "t",
    .summary = "a test command",
    .args_size = sizeof(struct t_args),
    .opts = OPTS(
        OPT_STRING(struct t_args, "name", name, "a name", .flags = ARG_REQUIRED),
        OPT_STRING(struct t_args, "second", second, "another name", .flags = OPT_POSITIONAL),
        OPT_FLAG(struct t_args, "force", force, "force it"),
        OPT_INT(struct t_args, "count", count, 1, 10, "a count"),
        OPT_INT(struct t_args, "any", any, 0, 0, "any integer"),
        OPT_SCALED(struct t_args, "size", size, 1024, "a size, KiB by default"),
        OPT_ENUM(struct t_args, "mode", mode, VALUES("acpi", "agent", "signal"), "a mode",
                 .def = "signal"),
        OPT_ENUM(struct t_args, "level", level, VALUES("low", "high"), "an enum without a default"),
        OPT_INT(struct t_args, "wait", wait, 0, 100, "an optional value", .implicit = "30"),
        OPT_LIST(struct t_args, "tag", tags, "a tag, repeatable"),
        OPT_STRING(struct t_args, "alpha", a, "one way", .excl = EXCL(0)),
        OPT_STRING(struct t_args, "beta", b, "the other way", .excl = EXCL(0))),
};

/* Constraints: exclusion sets that overlap, and options that need others. */
struct c_args {
    bool live, config, current, guest, maximum;
    const char *kernel, *initrd, *list;
    bool on, off;
};

static const struct cmd_def c_cmd = {
    .name = "c",
    .summary = "a command with declared constraints",
    .args_size = sizeof(struct c_args),
    .opts = OPTS(
        OPT_FLAG(struct c_args, "live", live, "live", .excl = EXCL(0)),
        OPT_FLAG(struct c_args, "config", config, "config", .excl = EXCL(0) | EXCL(1)),
        OPT_FLAG(struct c_args, "current", current, "current", .excl = EXCL(0)),
        OPT_FLAG(struct c_args, "guest", guest, "guest", .excl = EXCL(1) | EXCL(2),
                 .why = "the guest changes at once"),
        OPT_FLAG(struct c_args, "maximum", maximum, "maximum", .excl = EXCL(2),
                 .needs = "config", .why = "the maximum changes at the next boot"),
        OPT_STRING(struct c_args, "kernel", kernel, "kernel"),
        OPT_STRING(struct c_args, "initrd", initrd, "initrd", .needs = "kernel"),
        OPT_STRING(struct c_args, "list", list, "list", .needs = "on|off"),
        OPT_FLAG(struct c_args, "on", on, "on", .excl = EXCL(3), .needs = "list"),
        OPT_FLAG(struct c_args, "off", off, "off", .excl = EXCL(3), .needs = "list")),
};

struct k_args {
    const char *key;
    struct strv rest;
    bool verbose;
};

static const struct cmd_def k_cmd = {
    .name = "k",
    .summary = "a command with a required option and words",
    .args_size = sizeof(struct k_args),
    .opts = OPTS(
        OPT_FLAG(struct k_args, "verbose", verbose, "say more"),
        OPT_STRING(struct k_args, "key", key, "a key", .flags = OPT_REQUIRED, .metavar = "K"),
        OPT_ARGV(struct k_args, "words", rest, "words")),
};

/* A command that needs one of two ways, the one a positional, and an OT_ARGV
 * among whose words its flags may stand. */
struct o_args {
    const char *target;
    const char *socket;
    bool pretty, raw;
    const char *file;
    struct strv words;
};

static const struct cmd_def o_cmd = {
    .name = "o",
    .summary = "a command that needs a target or a socket",
    .args_size = sizeof(struct o_args),
    .needs = "target|socket",
    .why = "it talks to one of them",
    .opts = OPTS(
        OPT_STRING(struct o_args, "target", target, "a target", .flags = OPT_POSITIONAL,
                   .excl = EXCL(0)),
        OPT_STRING(struct o_args, "socket", socket, "a socket"),
        OPT_FLAG(struct o_args, "pretty", pretty, "pretty", .excl = EXCL(1)),
        OPT_FLAG(struct o_args, "raw", raw, "raw", .excl = EXCL(1)),
        OPT_STRING(struct o_args, "file", file, "a file", .excl = EXCL(0), .needs = "socket"),
        OPT_ARGV(struct o_args, "words", words, "words", .flags = OPT_ARGV_FLAGS)),
};

/* Parse a NULL-terminated word list; returns args_parse's result. */
static int parse(const struct cmd_def *cmd, unsigned flags, void *out, struct args_error *err,
                 const char *const *words)
{
    int n = 0;
    while (words[n])
        n++;
    return args_parse(cmd, n, (char *const *)words, flags, out, err);
}

#define W(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NOWORDS ((const char *const[]){ NULL })

static void expect_ok(const struct cmd_def *cmd, void *out, const char *const *words)
{
    struct args_error err;
    int n = 0;
    while (words[n])
        n++;
    int rc = parse(cmd, 0, out, &err, words);
    if (rc != n)
        fail_msg("parse returned %d (want %d): %s", rc, n, err.msg);
}

/* A list's words are exactly `want`, and NULL-terminated. */
static void expect_words(const struct strv *sv, const char *const *want)
{
    size_t n = 0;
    for (; want[n]; n++)
        if (n >= sv->n || strcmp(sv->v[n], want[n]) != 0)
            fail_msg("word %zu: got \"%s\", want \"%s\"", n, n < sv->n ? sv->v[n] : "(none)",
                     want[n]);
    assert_int_equal(sv->n, n);
    assert_true(!sv->v || !sv->v[n]);
}

static void expect_error(const struct cmd_def *cmd, const char *const *words, const char *want)
{
    struct args_error err;
    _Alignas(max_align_t) char buf[512];
    assert_true(cmd->args_size <= sizeof(buf));
    int rc = parse(cmd, 0, buf, &err, words);
    args_free(cmd, buf);
    if (rc != -1)
        fail_msg("parse succeeded, want error \"%s\"", want);
    if (strcmp(err.msg, want) != 0)
        fail_msg("got error \"%s\", want \"%s\"", err.msg, want);
}

static void test_positional(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("web1"));
    assert_string_equal(a.name, "web1");
    assert_null(a.second);
    expect_ok(&t_cmd, &a, W("web1", "web2"));
    assert_string_equal(a.name, "web1");
    assert_string_equal(a.second, "web2");
    /* Options and positionals mix in any order. */
    expect_ok(&t_cmd, &a, W("--force", "web1", "--count", "3", "web2"));
    assert_string_equal(a.name, "web1");
    assert_string_equal(a.second, "web2");
    assert_true(a.force);
    assert_int_equal(a.count, 3);
    /* A positional given by name frees its slot for the next word. */
    expect_ok(&t_cmd, &a, W("--name", "web1", "web2"));
    assert_string_equal(a.name, "web1");
    assert_string_equal(a.second, "web2");
    expect_ok(&t_cmd, &a, W("--second", "web2", "web1"));
    assert_string_equal(a.name, "web1");
    assert_string_equal(a.second, "web2");
    /* A word that looks like a negative number is a word. */
    expect_ok(&t_cmd, &a, W("-5"));
    assert_string_equal(a.name, "-5");
    expect_error(&t_cmd, W("a", "b", "c"), "unexpected argument 'c' for 't'");
}

static void test_inline_values(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("--name=web1", "--count=7", "--mode=acpi"));
    assert_string_equal(a.name, "web1");
    assert_int_equal(a.count, 7);
    assert_int_equal(a.mode, 0);
    /* '=' splits at the first one; an empty value is a value. */
    expect_ok(&t_cmd, &a, W("--name=a=b", "--second="));
    assert_string_equal(a.name, "a=b");
    assert_string_equal(a.second, "");
    /* The next word is taken as the value, whatever it looks like. */
    expect_ok(&t_cmd, &a, W("--name", "--force"));
    assert_string_equal(a.name, "--force");
    assert_false(a.force);
    expect_error(&t_cmd, W("web1", "--count"), "option '--count' needs a value");
}

static void test_bools(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x"));
    assert_false(a.force);
    expect_ok(&t_cmd, &a, W("x", "--force"));
    assert_true(a.force);
    expect_error(&t_cmd, W("x", "--force=yes"), "option '--force' takes no value");
    expect_error(&t_cmd, W("x", "--force", "--force"), "option '--force' given more than once");
}

static void test_repeated(void **state)
{
    (void)state;
    expect_error(&t_cmd, W("x", "--count", "1", "--count", "2"),
                 "option '--count' given more than once");
    expect_error(&t_cmd, W("x", "--name", "y"), "option '--name' given more than once");
    expect_error(&t_cmd, W("--mode", "acpi", "x", "--mode=agent"),
                 "option '--mode' given more than once");
}

static void test_unknown(void **state)
{
    (void)state;
    expect_error(&t_cmd, W("x", "--forse"), "unknown option '--forse' for 't'; did you mean '--force'?");
    expect_error(&t_cmd, W("x", "--coutn=3"), "unknown option '--coutn' for 't'; did you mean '--count'?");
    expect_error(&t_cmd, W("x", "--zzzzzzzz"), "unknown option '--zzzzzzzz' for 't'");
    expect_error(&t_cmd, W("x", "-f"), "unknown option '-f' for 't' (options start with '--')");
}

/* An OT_ARGV may be named too, with one word (virsh's "echo --string x"),
 * and plain words go on filling it. */
static void test_argv_by_name(void **state)
{
    (void)state;
    struct k_args a;
    expect_ok(&k_cmd, &a, W("--key", "v", "--words", "a", "b"));
    expect_words(&a.rest, W("a", "b"));
    args_free(&k_cmd, &a);
    expect_ok(&k_cmd, &a, W("--words=one", "--key", "v", "two"));
    expect_words(&a.rest, W("one", "two"));
    args_free(&k_cmd, &a);
    expect_error(&k_cmd, W("--key", "v", "--words"), "option '--words' needs a value");
}

/* A bad value is a late error (virsh finds it when the command runs); a
 * problem with the words themselves wins over it, wherever it stands. */
static void test_late_errors(void **state)
{
    (void)state;
    struct args_error err;
    _Alignas(max_align_t) char buf[512];
    assert_int_equal(parse(&t_cmd, 0, buf, &err, W("x", "--count", "zz")), -1);
    assert_true(err.late);
    args_free(&t_cmd, buf);
    assert_int_equal(parse(&t_cmd, 0, buf, &err, W("x", "--count", "zz", "--forse")), -1);
    assert_false(err.late);
    assert_string_equal(err.msg, "unknown option '--forse' for 't'; did you mean '--force'?");
    args_free(&t_cmd, buf);
    assert_int_equal(parse(&t_cmd, 0, buf, &err, W("--count", "zz")), -1);
    assert_false(err.late); /* the missing argument is the words' own problem */
    args_free(&t_cmd, buf);
}

/* OPT_REQUIRED_LATE: missing, a late error (the command's turn comes
 * first); OPT_UNDERSCORES: the old spelling with '_' is the same option,
 * wholly spelled one way or the other. */
struct u_args {
    const char *name;
    long long total;
};

static const struct cmd_def u_cmd = {
    .name = "u",
    .summary = "a command with virsh's older spellings",
    .args_size = sizeof(struct u_args),
    .opts = OPTS(
        OPT_STRING(struct u_args, "name", name, "a name", .flags = ARG_REQUIRED | OPT_REQUIRED_LATE),
        OPT_INT(struct u_args, "total-bytes-sec", total, 0, 0, "a limit",
                .flags = OPT_UNDERSCORES)),
};

static void test_late_required_and_underscores(void **state)
{
    (void)state;
    struct args_error err;
    struct u_args a;
    _Alignas(max_align_t) char buf[512];
    assert_int_equal(parse(&u_cmd, 0, buf, &err, W("--total-bytes-sec", "5")), -1);
    assert_true(err.late);
    assert_string_equal(err.msg, "missing argument <name> for 'u'");
    args_free(&u_cmd, buf);
    assert_int_equal(parse(&u_cmd, 0, buf, &err, W("x", "--bogus")), -1);
    assert_false(err.late); /* an unknown option is still the words' own problem */
    args_free(&u_cmd, buf);
    expect_ok(&u_cmd, &a, W("x", "--total_bytes_sec", "7"));
    assert_int_equal(a.total, 7);
    args_free(&u_cmd, &a);
    expect_ok(&u_cmd, &a, W("x", "--total_bytes_sec=8"));
    assert_int_equal(a.total, 8);
    args_free(&u_cmd, &a);
    expect_error(&u_cmd, W("x", "--total_bytes-sec", "9"),
                 "unknown option '--total_bytes-sec' for 'u'; did you mean '--total-bytes-sec'?");
    expect_error(&t_cmd, W("x", "--for_ce"), "unknown option '--for_ce' for 't'; did you mean '--force'?");
}

static void test_missing_required(void **state)
{
    (void)state;
    expect_error(&t_cmd, NOWORDS, "missing argument <name> for 't'");
    expect_error(&t_cmd, W("--force"), "missing argument <name> for 't'");
    expect_error(&k_cmd, W("a", "b"), "missing option '--key' for 'k'");
}

static void test_exclusive(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x", "--alpha", "1"));
    assert_string_equal(a.a, "1");
    expect_ok(&t_cmd, &a, W("x", "--beta", "2"));
    assert_string_equal(a.b, "2");
    expect_error(&t_cmd, W("x", "--alpha", "1", "--beta", "2"),
                 "options '--alpha' and '--beta' cannot be used together");
}

static void test_constraints(void **state)
{
    (void)state;
    struct c_args a;
    expect_ok(&c_cmd, &a, W("--live", "--guest"));
    assert_true(a.live && a.guest);
    expect_ok(&c_cmd, &a, W("--config", "--maximum"));
    expect_ok(&c_cmd, &a, W("--kernel", "k", "--initrd", "i"));
    expect_ok(&c_cmd, &a, W("--list", "1-2", "--off"));
    expect_ok(&c_cmd, &a, (const char *const[]){ NULL });
    /* One option in two sets meets members of each. */
    expect_error(&c_cmd, W("--config", "--live"),
                 "options '--config' and '--live' cannot be used together");
    expect_error(&c_cmd, W("--guest", "--config"),
                 "options '--guest' and '--config' cannot be used together: the guest changes at once");
    expect_error(&c_cmd, W("--guest", "--maximum"),
                 "options '--guest' and '--maximum' cannot be used together: the guest changes at once");
    expect_error(&c_cmd, W("--maximum"),
                 "option '--maximum' needs '--config': the maximum changes at the next boot");
    expect_error(&c_cmd, W("--initrd", "i"), "option '--initrd' needs '--kernel'");
    expect_error(&c_cmd, W("--list", "1"), "option '--list' needs '--on' or '--off'");
    expect_error(&c_cmd, W("--on"), "option '--on' needs '--list'");
    expect_error(&c_cmd, W("--on", "--off", "--list", "1"),
                 "options '--on' and '--off' cannot be used together");
}

static void test_command_needs(void **state)
{
    (void)state;
    struct o_args a;
    expect_ok(&o_cmd, &a, W("t"));
    assert_string_equal(a.target, "t");
    expect_ok(&o_cmd, &a, W("--socket", "s"));
    assert_null(a.target);
    expect_error(&o_cmd, NOWORDS, "missing <target> or '--socket' for 'o': it talks to one of them");
    expect_error(&o_cmd, W("--pretty"),
                 "missing <target> or '--socket' for 'o': it talks to one of them");
    /* A positional given as a word is an argument in the messages; by name, an option. */
    expect_error(&o_cmd, W("t", "--file", "f", "--socket", "s"),
                 "argument <target> and option '--file' cannot be used together");
    expect_error(&o_cmd, W("--file", "f", "--target", "t", "--socket", "s"),
                 "options '--file' and '--target' cannot be used together");
    expect_error(&o_cmd, W("--file", "f", "t"),
                 "option '--file' and argument <target> cannot be used together");
}

static void test_flags_among_words(void **state)
{
    (void)state;
    struct o_args a;
    /* An option among the words is the option, as in virsh; an unknown
     * "--NAME" is refused rather than taken for a word. */
    expect_ok(&o_cmd, &a, W("t", "one", "--pretty", "two"));
    assert_true(a.pretty);
    expect_words(&a.words, W("one", "two"));
    args_free(&o_cmd, &a);
    expect_error(&o_cmd, W("t", "one", "--other", "two"), "unknown option '--other' for 'o'");
    /* Options that take a value take it there too. */
    expect_ok(&o_cmd, &a, W("t", "one", "--socket", "s"));
    assert_string_equal(a.socket, "s");
    expect_words(&a.words, W("one"));
    args_free(&o_cmd, &a);
    /* After "--" a word is a word. */
    expect_ok(&o_cmd, &a, W("t", "one", "--", "--pretty"));
    assert_false(a.pretty);
    expect_words(&a.words, W("one", "--pretty"));
    args_free(&o_cmd, &a);
    /* Constraints see them like any flag. */
    expect_error(&o_cmd, W("t", "--raw", "one", "--pretty"),
                 "options '--raw' and '--pretty' cannot be used together");
    expect_error(&o_cmd, W("t", "one", "--pretty", "--pretty"),
                 "option '--pretty' given more than once");
}

static void test_ints(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x", "--count", "1"));
    assert_int_equal(a.count, 1);
    expect_ok(&t_cmd, &a, W("x", "--count", "10"));
    assert_int_equal(a.count, 10);
    const char *bad[] = { "0", "11", "-1", "abc", "5x", "", " 5", "+5", "0x5", "1e3", NULL };
    for (size_t i = 0; bad[i]; i++) {
        char want[256];
        snprintf(want, sizeof(want),
                 "invalid value '%s' for '--count': expected an integer from 1 to 10", bad[i]);
        expect_error(&t_cmd, W("x", "--count", bad[i]), want);
    }
    /* Unbounded: the whole long long range, and nothing beyond. */
    expect_ok(&t_cmd, &a, W("x", "--any", "-9223372036854775808"));
    assert_true(a.any == LLONG_MIN);
    expect_ok(&t_cmd, &a, W("x", "--any", "9223372036854775807"));
    assert_true(a.any == LLONG_MAX);
    expect_error(&t_cmd, W("x", "--any", "9223372036854775808"),
                 "invalid value '9223372036854775808' for '--any': expected an integer");
    expect_error(&t_cmd, W("x", "--any", "1.5"),
                 "invalid value '1.5' for '--any': expected an integer");
}

static void test_scaled(void **state)
{
    (void)state;
    struct t_args a;
    static const struct {
        const char *in;
        unsigned long long want;
    } good[] = {
        { "512", 512ULL << 10 },   /* bare number: the option's unit (KiB) */
        { "0", 0 },
        { "1b", 1 },
        { "7bytes", 7 },
        { "1k", 1024 },
        { "1KiB", 1024 },
        { "1kb", 1000 },
        { "1M", 1ULL << 20 },
        { "2GiB", 2ULL << 30 },
        { "3gb", 3000000000ULL },
        { "1T", 1ULL << 40 },
        { "1TB", 1000000000000ULL },
        { "16384t", 16384ULL << 40 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        expect_ok(&t_cmd, &a, W("x", "--size", good[i].in));
        if (a.size != good[i].want)
            fail_msg("'%s': got %llu, want %llu", good[i].in, a.size, good[i].want);
    }
    const char *bad[] = { "", "G", "1.5G", "-1", "1 G", "1X", "1GiBs", "16777216T",
                          "18014398509481984", NULL };
    for (size_t i = 0; bad[i]; i++) {
        char want[256];
        snprintf(want, sizeof(want), "invalid size '%s' for '--size': expected a number with an "
                 "optional unit (KiB, MiB, GiB, ...)", bad[i]);
        expect_error(&t_cmd, W("x", "--size", bad[i]), want);
    }

    /* The parser itself, at the edges of unsigned long long. */
    unsigned long long v = 0;
    assert_int_equal(args_parse_scaled("18446744073709551615", 1, &v), 0);
    assert_true(v == ULLONG_MAX);
    assert_int_equal(args_parse_scaled("18446744073709551616", 1, &v), -1);
    assert_int_equal(args_parse_scaled("18446744073709551615", 2, &v), -1);
    assert_int_equal(args_parse_scaled("123456789012345678901", 1, &v), -1);
    assert_int_equal(args_parse_scaled("15E", 1, &v), -1);
    v = 42;
    assert_int_equal(args_parse_scaled("bad", 1, &v), -1);
    assert_true(v == 42); /* untouched on failure */
}

static void test_enums(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x"));
    assert_int_equal(a.mode, 2); /* the default, "signal" */
    expect_ok(&t_cmd, &a, W("x", "--mode", "acpi"));
    assert_int_equal(a.mode, 0);
    expect_ok(&t_cmd, &a, W("x", "--mode", "agent"));
    assert_int_equal(a.mode, 1);
    assert_int_equal(a.level, -1); /* no default: -1 when not given */
    expect_ok(&t_cmd, &a, W("x", "--level", "high"));
    assert_int_equal(a.level, 1);
    expect_error(&t_cmd, W("x", "--mode", "ACPI"),
                 "invalid value 'ACPI' for '--mode': expected one of acpi, agent, signal");
    expect_error(&t_cmd, W("x", "--mode", "ag"),
                 "invalid value 'ag' for '--mode': expected one of acpi, agent, signal");
}

static void test_optional_value(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x"));
    assert_int_equal(a.wait, 0);
    expect_ok(&t_cmd, &a, W("x", "--wait"));
    assert_int_equal(a.wait, 30);        /* bare: the implicit value */
    expect_ok(&t_cmd, &a, W("--wait", "5", "x"));
    assert_int_equal(a.wait, 5);         /* a following number is its value */
    assert_string_equal(a.name, "x");
    expect_ok(&t_cmd, &a, W("--wait", "x"));
    assert_int_equal(a.wait, 30);        /* a following word is not */
    assert_string_equal(a.name, "x");
    expect_ok(&t_cmd, &a, W("x", "--wait=7"));
    assert_int_equal(a.wait, 7);
    expect_error(&t_cmd, W("x", "--wait", "101"),
                 "invalid value '101' for '--wait': expected an integer from 0 to 100");
    char *s = args_opt_synopsis(args_find_opt(&t_cmd, "wait"));
    assert_string_equal(s, "--wait [WAIT]");
    free(s);
}

static void test_lists(void **state)
{
    (void)state;
    struct t_args a;
    expect_ok(&t_cmd, &a, W("x"));
    assert_int_equal(a.tags.n, 0);
    assert_null(a.tags.v);
    expect_ok(&t_cmd, &a, W("--tag", "a", "x", "--tag=b", "--tag", "c"));
    assert_int_equal(a.tags.n, 3);
    assert_string_equal(a.tags.v[0], "a");
    assert_string_equal(a.tags.v[1], "b");
    assert_string_equal(a.tags.v[2], "c");
    assert_null(a.tags.v[3]); /* NULL-terminated */
    args_free(&t_cmd, &a);
    assert_int_equal(a.tags.n, 0);
    assert_null(a.tags.v);
}

static void test_argv_words(void **state)
{
    (void)state;
    struct k_args a;
    expect_ok(&k_cmd, &a, W("--key", "v", "one", "two"));
    assert_string_equal(a.key, "v");
    assert_int_equal(a.rest.n, 2);
    assert_string_equal(a.rest.v[0], "one");
    assert_string_equal(a.rest.v[1], "two");
    assert_null(a.rest.v[2]);
    args_free(&k_cmd, &a);

    /* After "--" every word is a word, even one that looks like an option. */
    expect_ok(&k_cmd, &a, W("--key", "v", "--", "--verbose", "-x"));
    assert_false(a.verbose);
    expect_words(&a.rest, W("--verbose", "-x"));
    args_free(&k_cmd, &a);

    /* Once the words started, the rest of the line belongs to them. */
    expect_ok(&k_cmd, &a, W("--key", "v", "w", "--verbose"));
    assert_false(a.verbose);
    expect_words(&a.rest, W("w", "--verbose"));
    args_free(&k_cmd, &a);

    /* "--" before a non-ARGV positional: the word fills it. */
    struct t_args t;
    expect_ok(&t_cmd, &t, W("--", "--force"));
    assert_string_equal(t.name, "--force");
    assert_false(t.force);

    /* No words at all is fine for an optional OT_ARGV. */
    expect_ok(&k_cmd, &a, W("--key", "v"));
    assert_int_equal(a.rest.n, 0);
    args_free(&k_cmd, &a);
}

static void test_zeroed_between_parses(void **state)
{
    (void)state;
    struct t_args a;
    memset(&a, 0xff, sizeof(a));
    expect_ok(&t_cmd, &a, W("x"));
    assert_null(a.second);
    assert_false(a.force);
    assert_int_equal(a.count, 0);
    assert_true(a.size == 0);
    assert_null(a.a);
}

static void test_synopsis(void **state)
{
    (void)state;
    char *s;
    s = args_opt_synopsis(args_find_opt(&t_cmd, "force"));
    assert_string_equal(s, "--force");
    free(s);
    s = args_opt_synopsis(args_find_opt(&t_cmd, "count"));
    assert_string_equal(s, "--count COUNT");
    free(s);
    s = args_opt_synopsis(args_find_opt(&t_cmd, "name"));
    assert_string_equal(s, "[--name] NAME");
    free(s);
    s = args_opt_synopsis(args_find_opt(&k_cmd, "key"));
    assert_string_equal(s, "--key K");
    free(s);
    s = args_opt_synopsis(args_find_opt(&k_cmd, "words"));
    assert_string_equal(s, "WORDS...");
    free(s);
    assert_null(args_find_opt(&t_cmd, "nope"));
    assert_null(args_find_opt(&t_cmd, ""));
    assert_true(args_opt_takes_value(args_find_opt(&t_cmd, "tag")));
    assert_false(args_opt_takes_value(args_find_opt(&t_cmd, "force")));
}

/* The real global options: short, grouped, attached values, stop at the command. */
/* g starts zeroed; its lists from the parse before are freed first. */
static int parse_global(struct global_args *g, struct args_error *err, const char *const *words)
{
    args_free(&global_cmd, g);
    return parse(&global_cmd, ARGS_SHORT | ARGS_STOP_AT_WORD, g, err, words);
}

static void test_global_short_grouped(void **state)
{
    (void)state;
    struct global_args g = { 0 };
    struct args_error err;

    assert_int_equal(parse_global(&g, &err, W("-rq", "list", "--all")), 1);
    assert_true(g.readonly);
    assert_true(g.quiet);
    assert_false(g.timing);

    assert_int_equal(parse_global(&g, &err, W("-c", "test:///default", "list")), 2);
    assert_string_equal(g.connect, "test:///default");

    assert_int_equal(parse_global(&g, &err, W("-ctest:///default", "list")), 1);
    assert_string_equal(g.connect, "test:///default");

    /* Booleans then an option with its value attached or in the next word. */
    assert_int_equal(parse_global(&g, &err, W("-rtojson", "list")), 1);
    assert_true(g.readonly);
    assert_true(g.timing);
    assert_int_equal(g.output, 1);
    assert_int_equal(parse_global(&g, &err, W("-qc", "URI", "list")), 2);
    assert_true(g.quiet);
    assert_string_equal(g.connect, "URI");

    assert_int_equal(parse_global(&g, &err, W("--connect=URI", "--output", "json", "-q")), 4);
    assert_string_equal(g.connect, "URI");
    assert_int_equal(g.output, 1);

    /* "--" ends the global options; what follows is the command. */
    assert_int_equal(parse_global(&g, &err, W("-q", "--", "-r")), 2);
    assert_false(g.readonly);

    /* Nothing after the options. */
    assert_int_equal(parse_global(&g, &err, W("-v")), 1);
    assert_int_equal(g.version, 0);
    assert_int_equal(parse_global(&g, &err, W("--version=long")), 1);
    assert_int_equal(g.version, 1);
    assert_int_equal(parse_global(&g, &err, NOWORDS), 0);

    /* --hosts again: several lists, with -c. */
    assert_int_equal(parse_global(&g, &err, W("-c", "a", "--hosts", "b", "--hosts", "x,@y", "list")),
                     6);
    assert_string_equal(g.connect, "a");
    assert_int_equal(g.hosts.n, 2);
    assert_string_equal(g.hosts.v[1], "x,@y");
    args_free(&global_cmd, &g);
}

static void test_global_defaults(void **state)
{
    (void)state;
    struct global_args g = { 0 };
    struct args_error err;
    assert_int_equal(parse_global(&g, &err, W("list")), 0);
    assert_int_equal(g.keepalive_interval, 5);
    assert_int_equal(g.keepalive_count, 6);
    assert_int_equal(g.debug, -1);
    assert_int_equal(g.output, 0);
    assert_null(g.connect);
    assert_false(g.readonly);
    args_free(&global_cmd, &g);
}

/* As in virsh, a global option given again replaces the value (main.c
 * parses with ARGS_LAST_WINS): a wrapper's -c can be overridden. */
static void test_global_last_wins(void **state)
{
    (void)state;
    struct global_args g;
    struct args_error err;
    assert_int_equal(parse(&global_cmd, ARGS_SHORT | ARGS_STOP_AT_WORD | ARGS_LAST_WINS, &g, &err,
                           W("-c", "a:///", "-rr", "--connect=b:///", "-q", "-q", "list")), 6);
    assert_string_equal(g.connect, "b:///");
    assert_true(g.readonly);
    assert_true(g.quiet);
    assert_int_equal(parse_global(&g, &err, W("-r", "-r")), -1);
    assert_string_equal(err.msg, "option '--readonly' given more than once");
}

static void test_global_errors(void **state)
{
    (void)state;
    struct global_args g = { 0 };
    struct args_error err;
    assert_int_equal(parse_global(&g, &err, W("-x", "list")), -1);
    assert_string_equal(err.msg, "unknown option '-x'");
    assert_int_equal(parse_global(&g, &err, W("-rx")), -1);
    assert_string_equal(err.msg, "unknown option '-x'");
    assert_int_equal(parse_global(&g, &err, W("-c")), -1);
    assert_string_equal(err.msg, "option '--connect' needs a value");
    assert_int_equal(parse_global(&g, &err, W("--version=medium")), -1);
    assert_string_equal(err.msg, "invalid value 'medium' for '--version': expected one of short, long");
    assert_int_equal(parse_global(&g, &err, W("-k", "3601")), -1);
    assert_string_equal(err.msg,
                        "invalid value '3601' for '--keepalive-interval': expected an integer from 0 to 3600");
    assert_int_equal(parse_global(&g, &err, W("-oyaml")), -1);
    assert_string_equal(err.msg, "invalid value 'yaml' for '--output': expected one of text, json");
    assert_int_equal(parse_global(&g, &err, W("--conect", "x")), -1);
    assert_string_equal(err.msg, "unknown option '--conect' for 'virtsh'; did you mean '--connect'?");
    args_free(&global_cmd, &g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positional),
        cmocka_unit_test(test_inline_values),
        cmocka_unit_test(test_bools),
        cmocka_unit_test(test_repeated),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_argv_by_name),
        cmocka_unit_test(test_late_errors),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_exclusive),
        cmocka_unit_test(test_constraints),
        cmocka_unit_test(test_command_needs),
        cmocka_unit_test(test_flags_among_words),
        cmocka_unit_test(test_ints),
        cmocka_unit_test(test_scaled),
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_optional_value),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_argv_words),
        cmocka_unit_test(test_zeroed_between_parses),
        cmocka_unit_test(test_synopsis),
        cmocka_unit_test(test_global_short_grouped),
        cmocka_unit_test(test_global_defaults),
        cmocka_unit_test(test_global_last_wins),
        cmocka_unit_test(test_global_errors),
        cmocka_unit_test(test_late_required_and_underscores),
    };
    return cmocka_run_group_tests_name("args", tests, NULL, NULL);
}
