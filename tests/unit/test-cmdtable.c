/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-cmdtable.c - a self-check of the command table and of the global
 * option table.  Every rule is checked over every entry, and every broken
 * entry is named (not just the first), so adding a command with a mistake
 * in its table row fails here with the command's name.
 */
#include "unit.h"

#include <ctype.h>
#include <stdalign.h>

#include "core/args.h"
#include "core/help.h"
#include "core/table.h"
#include "core/util.h"
#include "virt/context.h"
#include "virt/shell.h"

static int problems;

PRINTF(1, 2) static void problem(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("# ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    problems++;
}

static void begin(void)
{
    problems = 0;
}

static void end(const char *what)
{
    if (problems)
        fail_msg("%d problem(s) with %s (listed above)", problems, what);
}

static bool valid_name(const char *s)
{
    /* virsh's own spellings, kept for compatibility */
    if (s && str_eq(s, "srcSpec"))
        return true;
    if (!s || !*s || !islower((unsigned char)s[0]))
        return false;
    for (const char *p = s; *p; p++)
        if (!islower((unsigned char)*p) && !isdigit((unsigned char)*p) && *p != '-')
            return false;
    return s[strlen(s) - 1] != '-';
}

static size_t count_cmds(void)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    size_t n = 0;
    FOREACH_CMD(g, c)
        n++;
    return n;
}

static void test_table_not_empty(void **state)
{
    (void)state;
    assert_non_null(cmd_groups[0]);
    assert_true(count_cmds() >= 10);
}

static void test_groups(void **state)
{
    (void)state;
    begin();
    for (const struct cmd_group *const *g = cmd_groups; *g; g++) {
        if (!valid_name((*g)->name))
            problem("group name '%s' is not a lowercase word", (*g)->name ? (*g)->name : "(null)");
        if (!(*g)->title || !*(*g)->title)
            problem("group '%s' has no title", (*g)->name);
        if (!(*g)->cmds || !(*g)->cmds[0].name)
            problem("group '%s' has no commands", (*g)->name);
        if (cmd_group_lookup((*g)->name) != *g)
            problem("group '%s' is not found by cmd_group_lookup", (*g)->name);
        /* `help NAME` looks commands up first: a group named like a
         * command could never be shown. */
        if (cmd_lookup((*g)->name))
            problem("group '%s' has the name of a command", (*g)->name);
        for (const struct cmd_group *const *h = cmd_groups; h < g; h++)
            if (str_eq((*h)->name, (*g)->name))
                problem("group name '%s' is used twice", (*g)->name);
    }
    end("the groups");
}

static void test_command_basics(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    begin();
    FOREACH_CMD(g, c) {
        if (!valid_name(c->name))
            problem("command name '%s' is not a lowercase word", c->name);
        if (!c->run)
            problem("'%s' has no handler", c->name);
        if (!c->summary || !*c->summary) {
            problem("'%s' has no summary", c->name);
        } else {
            size_t l = strlen(c->summary);
            if (c->summary[l - 1] == '.' || c->summary[l - 1] == '\n')
                problem("'%s': the summary ends with '%c'", c->name, c->summary[l - 1]);
            if (isupper((unsigned char)c->summary[0]))
                problem("'%s': the summary starts with a capital", c->name);
            if (strchr(c->summary, '\n'))
                problem("'%s': the summary is more than one line", c->name);
        }
        if (c->desc && !*c->desc)
            problem("'%s' has an empty description", c->name);
        char why[256];
        if (!c->result)
            problem("'%s' declares no JSON result (.result)", c->name);
        else if (contract_validate_def(c->result, why, sizeof(why)) < 0)
            problem("'%s': its JSON result declaration is wrong: %s", c->name, why);
        if (cmd_group_of(c) != g)
            problem("'%s': cmd_group_of gives the wrong group", c->name);
        if (c->opts && c->opts[0].name && c->args_size == 0)
            problem("'%s' has options but args_size 0", c->name);
    }
    end("the commands");
}

struct name_use {
    const char *word;
    const struct cmd_def *cmd;
};

static void name_push(struct name_use **v, size_t *n, const char *word, const struct cmd_def *cmd)
{
    *v = xrealloc(*v, (*n + 1) * sizeof(**v));
    (*v)[*n].word = word;
    (*v)[*n].cmd = cmd;
    (*n)++;
}

static void test_names_unique_and_resolve(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    struct name_use *all = NULL;
    size_t n = 0;

    begin();
    FOREACH_CMD(g, c) {
        if (cmd_lookup(c->name) != c)
            problem("'%s' does not resolve to itself", c->name);
        name_push(&all, &n, c->name, c);
        for (const char *const *a = c->aliases; a && *a; a++) {
            if (!valid_name(*a))
                problem("'%s': alias '%s' is not a lowercase word", c->name, *a);
            if (cmd_lookup(*a) != c)
                problem("'%s': alias '%s' does not resolve to it", c->name, *a);
            name_push(&all, &n, *a, c);
        }
    }
    /* Every name and alias is unique across all groups. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++)
            if (str_eq(all[i].word, all[k].word))
                problem("'%s' names both '%s' and '%s'", all[i].word, all[k].cmd->name,
                        all[i].cmd->name);
    free(all);
    end("names and aliases");
}

/* The bytes and alignment the parser writes for an option type. */
static size_t field_size(opt_type t)
{
    switch (t) {
    case OT_BOOL: return sizeof(bool);
    case OT_STRING: return sizeof(const char *);
    case OT_INT: return sizeof(long long);
    case OT_SCALED: return sizeof(unsigned long long);
    case OT_ENUM: return sizeof(int);
    case OT_LIST:
    case OT_ARGV: return sizeof(struct strv);
    }
    return 0;
}

static size_t field_align(opt_type t)
{
    switch (t) {
    case OT_BOOL: return alignof(bool);
    case OT_STRING: return alignof(const char *);
    case OT_INT: return alignof(long long);
    case OT_SCALED: return alignof(unsigned long long);
    case OT_ENUM: return alignof(int);
    case OT_LIST:
    case OT_ARGV: return alignof(struct strv);
    }
    return 1;
}

static bool is_domain_opt(const struct opt_def *o)
{
    return str_eq(o->name, "domain") ||
           (o->complete >= COMPL_DOMAIN && o->complete <= COMPL_DOMAIN_PAUSED);
}

/* Rules for one option of a command (or of the global table). */
static void check_option(const struct cmd_def *c, const struct opt_def *o, bool global)
{
    const char *cn = c->name;
    if (!valid_name(o->name))
        problem("'%s': option name '%s' is not a lowercase word", cn, o->name);
    if (!o->help || !*o->help)
        problem("'%s --%s' has no help text", cn, o->name);
    else if (o->help[strlen(o->help) - 1] == '.')
        problem("'%s --%s': help text ends with a period", cn, o->name);
    for (const struct opt_def *p = c->opts; p < o; p++)
        if (str_eq(p->name, o->name))
            problem("'%s': option '--%s' twice", cn, o->name);
    if (str_eq(o->name, "help") && !global)
        problem("'%s' defines '--help', which every command already has", cn);

    /* The field the parser writes must lie inside the args struct. */
    size_t sz = field_size(o->type);
    if (sz == 0)
        problem("'%s --%s': unknown option type %d", cn, o->name, (int)o->type);
    else if (o->offset + sz > c->args_size)
        problem("'%s --%s': offset %zu + %zu bytes is beyond args_size %zu", cn, o->name,
                (size_t)o->offset, sz, c->args_size);
    else if (o->offset % field_align(o->type))
        problem("'%s --%s': offset %zu is not aligned for its type", cn, o->name,
                (size_t)o->offset);
    /* Two options writing the same bytes would overwrite each other. */
    for (const struct opt_def *p = c->opts; p < o; p++) {
        size_t a0 = p->offset, a1 = p->offset + field_size(p->type);
        size_t b0 = o->offset, b1 = o->offset + sz;
        if (a0 < b1 && b0 < a1)
            problem("'%s': options '--%s' and '--%s' share bytes of the args struct", cn,
                    p->name, o->name);
    }

    if (o->type == OT_ENUM) {
        if (!o->values || !o->values[0]) {
            problem("'%s --%s' is an enum without values", cn, o->name);
        } else {
            for (const char *const *v = o->values; *v; v++) {
                if (!**v)
                    problem("'%s --%s' has an empty enum value", cn, o->name);
                for (const char *const *w = o->values; w < v; w++)
                    if (str_eq(*v, *w))
                        problem("'%s --%s': value '%s' twice", cn, o->name, *v);
            }
        }
    } else if (o->values && o->type != OT_STRING) {
        problem("'%s --%s' has values but is not an enum or a string", cn, o->name);
    }
    if (o->type == OT_INT && o->min > o->max)
        problem("'%s --%s': min %lld > max %lld", cn, o->name, o->min, o->max);
    if (o->type == OT_BOOL && (o->flags & (OPT_REQUIRED | OPT_POSITIONAL)))
        problem("'%s --%s': a boolean cannot be required or positional", cn, o->name);
    if (o->type == OT_BOOL && o->def)
        problem("'%s --%s': a boolean cannot have a default", cn, o->name);
    if (o->type == OT_LIST && (o->flags & OPT_POSITIONAL))
        problem("'%s --%s': a list cannot be positional (use OT_ARGV)", cn, o->name);
    if ((o->flags & OPT_REQUIRED) && o->def)
        problem("'%s --%s': required, yet has a default", cn, o->name);
    if ((o->flags & OPT_REQUIRED) && o->excl)
        problem("'%s --%s': required, yet in an exclusive group", cn, o->name);
    if ((o->flags & OPT_REQUIRED) && (o->flags & OPT_HIDDEN))
        problem("'%s --%s': required, yet hidden", cn, o->name);
    if (o->implicit && (o->type == OT_BOOL || o->type == OT_LIST || o->type == OT_ARGV ||
                        (o->flags & (OPT_POSITIONAL | OPT_REQUIRED))))
        problem("'%s --%s': an optional value needs a non-positional, non-required, "
                "single-valued option", cn, o->name);
    if (o->short_name && !global)
        problem("'%s --%s': short names are for global options only", cn, o->name);
    if (global && args_opt_positional(o))
        problem("global option '--%s' cannot be positional", o->name);
    /* A command that connects only when it needs to (agent --socket,
     * install --print-xml) may take an optional domain; one that always
     * needs a domain must let the dispatcher connect. */
    if ((o->flags & OPT_MODIFIES) && (o->type == OT_INT || o->type == OT_SCALED))
        problem("'%s --%s': OPT_MODIFIES on a number cannot tell whether it was given", cn, o->name);
    if ((o->flags & OPT_MODIFIES) && (c->flags & CMD_MODIFIES))
        problem("'%s --%s': OPT_MODIFIES on a command that is CMD_MODIFIES anyway", cn, o->name);
    if (!global && (c->flags & CMD_NOCONN) && is_domain_opt(o) && (o->flags & OPT_REQUIRED))
        problem("'%s' never connects (CMD_NOCONN) but requires a domain ('--%s')", cn, o->name);
}

/* Rules for one option table (a command's, or the global one). */
/* A `needs` list ("a|b") of option `o` (NULL: of the command) names options
 * of this command, not `o` itself nor one it excludes. */
static void check_needs(const struct cmd_def *c, const struct opt_def *o, const char *needs)
{
    const char *who = o ? o->name : "";
    for (const char *p = needs; p && *p;) {
        size_t len = strcspn(p, "|");
        const struct opt_def *q = c->opts;
        while (q && q->name && !(strlen(q->name) == len && !strncmp(q->name, p, len)))
            q++;
        if (!q || !q->name)
            problem("'%s %s' needs '--%.*s', which it does not have", c->name, who, (int)len, p);
        else if (q == o)
            problem("'%s --%s' needs itself", c->name, who);
        else if (o && (q->excl & o->excl))
            problem("'%s --%s' needs '--%s', which it excludes", c->name, who, q->name);
        else if (!o && (q->flags & OPT_REQUIRED))
            problem("'%s' needs one of several options, but '--%s' is required anyway", c->name,
                    q->name);
        p += len + (p[len] == '|');
    }
}

/* Defaults parse: with no words, only "missing ..." may be wrong. */
static void check_defaults(const struct cmd_def *c, bool global)
{
    if (!c->args_size)
        return;
    void *buf = xcalloc(1, c->args_size);
    struct args_error err;
    if (args_parse(c, 0, NULL, global ? ARGS_SHORT | ARGS_STOP_AT_WORD : 0, buf, &err) < 0 &&
        !str_startswith(err.msg, "missing "))
        problem("'%s': parsing no words fails with \"%s\" (a bad default?)", c->name, err.msg);
    /* And each option with an implicit value, given bare. */
    for (const struct opt_def *o = c->opts; o && o->name; o++) {
        if (!o->implicit)
            continue;
        char *w = xasprintf("--%s", o->name);
        char *words[] = { w, NULL };
        if (args_parse(c, 1, words, 0, buf, &err) < 0 && !str_startswith(err.msg, "missing "))
            problem("'%s --%s': the implicit value does not parse: %s", c->name, o->name,
                    err.msg);
        args_free(c, buf);
        free(w);
    }
    args_free(c, buf);
    free(buf);
}

/* Every exclusion set has at least two members; `needs` names options of
 * this command, not the option itself, and can be met. */
static void check_constraints(const struct cmd_def *c)
{
    for (const struct opt_def *o = c->opts; o && o->name; o++) {
        for (unsigned k = 0; k < 32; k++) {
            if (!(o->excl & EXCL(k)))
                continue;
            int members = 0;
            for (const struct opt_def *p = c->opts; p->name; p++)
                members += (p->excl & EXCL(k)) != 0;
            if (members < 2)
                problem("'%s --%s': alone in exclusion set %u", c->name, o->name, k);
        }
        if (o->why && !o->excl && !o->needs)
            problem("'%s --%s': a 'why' without a constraint to explain", c->name, o->name);
        check_needs(c, o, o->needs);
        if ((o->flags & OPT_ARGV_FLAGS) && o->type != OT_ARGV)
            problem("'%s --%s': OPT_ARGV_FLAGS on an option that is not an OT_ARGV", c->name,
                    o->name);
    }
    /* The command's "one of these": two or more options, none required anyway. */
    if (c->needs && !strchr(c->needs, '|'))
        problem("'%s' needs one option only: make '--%s' required", c->name, c->needs);
    check_needs(c, NULL, c->needs);
    if (c->why && !c->needs)
        problem("'%s': a 'why' without a 'needs' to explain", c->name);
}

static void check_options(const struct cmd_def *c, bool global)
{
    size_t nopts = 0;
    bool seen_optional_positional = false, seen_argv = false;
    const char *argv_name = NULL;

    for (const struct opt_def *o = c->opts; o && o->name; o++, nopts++) {
        const char *cn = c->name;
        check_option(c, o, global);
        /* Positional order: required ones first, at most one OT_ARGV, last. */
        if (o->flags & OPT_POSITIONAL || o->type == OT_ARGV) {
            if (seen_argv)
                problem("'%s': positional '%s' comes after the OT_ARGV '%s'", cn, o->name,
                        argv_name);
            if ((o->flags & OPT_REQUIRED) && seen_optional_positional)
                problem("'%s': required positional '%s' after an optional one", cn, o->name);
            if (!(o->flags & OPT_REQUIRED))
                seen_optional_positional = true;
            if (o->type == OT_ARGV) {
                if (seen_argv)
                    problem("'%s': more than one OT_ARGV", cn);
                seen_argv = true;
                argv_name = o->name;
            }
        }
    }

    if (nopts > 64)
        problem("'%s' has %zu options; the parser takes at most 64", c->name, nopts);

    check_constraints(c);

    check_defaults(c, global);
}

static void test_options(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    begin();
    FOREACH_CMD(g, c)
        check_options(c, false);
    end("command options");
}

static void test_global_options(void **state)
{
    (void)state;
    begin();
    check_options(&global_cmd, true);
    for (const struct opt_def *o = global_cmd.opts; o->name; o++) {
        if (o->short_name) {
            if (!isalpha((unsigned char)o->short_name))
                problem("global '--%s': short name '%c' is not a letter", o->name, o->short_name);
            for (const struct opt_def *p = global_cmd.opts; p < o; p++)
                if (p->short_name == o->short_name)
                    problem("short option '-%c' twice ('--%s', '--%s')", o->short_name, p->name,
                            o->name);
        }
    }
    /* The virsh-compatible spellings the issue promises. */
    static const struct {
        char s;
        const char *l;
    } want[] = {
        { 'c', "connect" }, { 'r', "readonly" }, { 'q', "quiet" }, { 't', "timing" },
        { 'k', "keepalive-interval" }, { 'K', "keepalive-count" }, { 'e', "escape" },
        { 'd', "debug" }, { 'l', "log" }, { 'h', "help" }, { 'v', "version" },
        { 'o', "output" }, { 0, "halt-on-error" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
        const struct opt_def *o = args_find_opt(&global_cmd, want[i].l);
        if (!o)
            problem("global option '--%s' is missing", want[i].l);
        else if (o->short_name != want[i].s)
            problem("global option '--%s' should have the short name '%c'", want[i].l,
                    want[i].s ? want[i].s : ' ');
    }
    end("the global options");

    /* `virtsh --help` shows every global option. */
    struct capture cap;
    capture_open(&cap);
    help_global(cap.fp);
    char *text = capture_text(&cap);
    for (const struct opt_def *o = global_cmd.opts; o->name; o++) {
        char want_l[80];
        snprintf(want_l, sizeof(want_l), "--%s", o->name);
        if (!strstr(text, want_l))
            fail_msg("'virtsh --help' does not show '--%s'", o->name);
    }
    free(text);
}

/* `help CMD` (text and JSON) and the man page reference, for every command. */
static void test_help_every_command(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    struct shell sh;
    shell_init(&sh);
    begin();
    FOREACH_CMD(g, c) {
        struct capture cap;
        capture_open(&cap);
        sh.out.fp = cap.fp;
        sh.out.mode = OUT_TEXT;
        int rc = help_command(&sh.out, c);
        char *text = capture_text(&cap);
        char *syn = help_synopsis(c);
        if (rc != CMD_OK)
            problem("'help %s' returns %d", c->name, rc);
        if (!str_startswith(syn, c->name) || (syn[strlen(c->name)] && syn[strlen(c->name)] != ' '))
            problem("synopsis of '%s' does not start with its name: %s", c->name, syn);
        if (!strstr(text, syn))
            problem("'help %s' does not show the synopsis", c->name);
        for (const struct opt_def *o = c->opts; o && o->name; o++) {
            if (o->flags & OPT_HIDDEN)
                continue;
            char *os = args_opt_synopsis(o);
            if (!strstr(syn, o->type == OT_ARGV ? os : o->name))
                problem("synopsis of '%s' lacks '%s'", c->name, o->name);
            free(os);
            if (o->help && !strstr(text, o->help))
                problem("'help %s' lacks the help of '--%s'", c->name, o->name);
        }
        free(text);
        free(syn);

        capture_open(&cap);
        sh.out.fp = cap.fp;
        sh.out.mode = OUT_JSON;
        rc = help_command(&sh.out, c);
        text = capture_text(&cap);
        struct json_object *j = json_tokener_parse(text);
        struct json_object *name = NULL;
        if (rc != CMD_OK || !j || !json_object_object_get_ex(j, "name", &name) ||
            !str_eq(json_object_get_string(name), c->name))
            problem("'-o json help %s' is not a JSON object naming the command", c->name);
        json_object_put(j);
        free(text);
    }
    shell_free(&sh);
    end("help");
}

static void test_reference_lists_every_command(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    struct capture cap;
    capture_open(&cap);
    help_write_rst(cap.fp);
    char *rst = capture_text(&cap);
    begin();
    FOREACH_CMD(g, c) {
        /* A heading is the name on its own line, underlined. */
        char *under = xasprintf("\n%s\n~", c->name);
        bool found = strstr(rst, under) != NULL;
        if (!(c->flags & CMD_HIDDEN) && !found)
            problem("the man page reference lacks '%s'", c->name);
        if ((c->flags & CMD_HIDDEN) && found)
            problem("the man page reference shows the hidden '%s'", c->name);
        free(under);
    }
    for (const struct cmd_group *const *gp = cmd_groups; *gp; gp++)
        if (!strstr(rst, (*gp)->title))
            problem("the man page reference lacks the group '%s'", (*gp)->title);
    end("the reference");
    free(rst);
}

static void test_suggestions(void **state)
{
    (void)state;
    assert_string_equal(cmd_suggest("lsit"), "list");
    assert_string_equal(cmd_suggest("strat"), "start");
    assert_null(cmd_suggest("xyzzyplugh"));
    assert_null(cmd_lookup("xyzzyplugh"));
    assert_null(cmd_lookup(""));
    assert_null(cmd_group_lookup("xyzzyplugh"));
    /* Hidden commands are never suggested. */
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        if (!(c->flags & CMD_HIDDEN))
            continue;
        const char *s = cmd_suggest(c->name);
        if (s && str_eq(s, c->name))
            fail_msg("the hidden '%s' is suggested", c->name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_not_empty),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_command_basics),
        cmocka_unit_test(test_names_unique_and_resolve),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_global_options),
        cmocka_unit_test(test_help_every_command),
        cmocka_unit_test(test_reference_lists_every_command),
        cmocka_unit_test(test_suggestions),
    };
    return cmocka_run_group_tests_name("command table", tests, NULL, NULL);
}
