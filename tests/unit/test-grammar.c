/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * test-grammar.c - one grammar for parsing and completion, over the whole
 * table.
 *
 * For every command (and the global options) and every option, word
 * sequences are built together with the role each word must get: an
 * option's name, its value (after it, or inline after "="), a positional,
 * the k-th word of an OT_ARGV, "--", the command after the global options.
 * The roles come from the builder's own reading of the rules (values follow
 * their option, an optional value only when it is a number, plain words fill
 * the positionals in table order, an OT_ARGV takes the rest, "--" ends the
 * options), not from the parser.  Then, for each sequence:
 *   - args_parse() must give every word to the field its role names;
 *   - args_partial(), with each word in turn under the cursor, must report
 *     that role, and the options the words before it gave;
 *   - completion at that word must answer what the role implies: the
 *     option's or positional's values (enum values, files, domains, ...),
 *     the options not given and not excluded, or the commands.
 * Values that need the hypervisor come from libvirt's test driver, asked
 * through complete_fetch() for the expectation.
 */
#include "unit.h"

#include <limits.h>

#include "core/args.h"
#include "core/globals.h"
#include "core/util.h"
#include "virt/err.h"
#include "unit-shell.h"
#include "complete/complete.h"
#include "complete/fetch.h"

#define URI "test:///default"
#define MAXW 64 /* migrate: two required words and 21 positional options */

static size_t n_sequences, n_cursors;

enum role {
    R_NAME,     /* "--name" (a flag, or the option whose value follows) */
    R_VALUE,    /* the word after "--name" */
    R_INLINE,   /* "--name=value" */
    R_POS,      /* a plain word filling positional `o` */
    R_ARGV,     /* word `index` of the OT_ARGV `o` */
    R_DASHDASH, /* "--" where options may stand */
    R_SEP,      /* "--" among an OT_ARGV's words: no word of its own (`index`: the next's) */
    R_SHORT,    /* global short options: "-r", "-c" (value next), "-cVALUE", "-rq" (`o`, `also`) */
    R_COMMAND,  /* the first plain word after the global options */
    R_NONE,     /* a plain word that no positional takes (only under the cursor) */
};

struct word {
    char *text;
    enum role role;
    const struct opt_def *o, *also;
    size_t index;
};

struct seq {
    const struct cmd_def *cmd;
    unsigned flags;
    struct word w[MAXW];
    size_t n;
    bool filled[ARGS_MAX_OPTS]; /* positionals given, by name or as a word */
    size_t argv_n;              /* words the OT_ARGV got */
};

static size_t idx(const struct cmd_def *c, const struct opt_def *o)
{
    return (size_t)(o - c->opts);
}

static void push(struct seq *s, char *text, enum role r, const struct opt_def *o, size_t index)
{
    assert_true(s->n < MAXW);
    s->w[s->n++] = (struct word){ .text = text, .role = r, .o = o, .index = index };
}

/* A value of option `o` that parses and differs from its default. */
static char *sample(const struct opt_def *o)
{
    long long def = LLONG_MIN;
    if (o->def)
        parse_ll(o->def, LLONG_MIN, LLONG_MAX, &def);
    switch (o->type) {
    case OT_INT: {
        long long v = o->max ? o->max : 7;
        return xasprintf("%lld", v == def ? o->min : v);
    }
    case OT_SCALED:
        return xstrdup("3");
    case OT_ENUM: {
        size_t n = 0;
        while (o->values[n])
            n++;
        return xstrdup(o->def && str_eq(o->def, o->values[n - 1]) ? o->values[0] : o->values[n - 1]);
    }
    default:
        return compl_kind_is_domain(o->complete) ? xstrdup("test") : xasprintf("s-%s", o->name);
    }
}

/* The positional a plain word fills next, as the table orders them. */
static const struct opt_def *next_slot(const struct seq *s)
{
    for (const struct opt_def *o = s->cmd->opts; o && o->name; o++)
        if (args_opt_positional(o) && (o->type == OT_ARGV || !s->filled[idx(s->cmd, o)]))
            return o;
    return NULL;
}

static void add_word(struct seq *s, char *text)
{
    const struct opt_def *o = next_slot(s);
    assert_non_null(o);
    if (o->type == OT_ARGV) {
        push(s, text, R_ARGV, o, s->argv_n++);
        return;
    }
    s->filled[idx(s->cmd, o)] = true;
    push(s, text, R_POS, o, 0);
}

enum form { SEPARATE, INLINE, AS_WORD };

static void add_option(struct seq *s, const struct opt_def *o, enum form f)
{
    if (f == AS_WORD && next_slot(s) == o) {
        add_word(s, sample(o));
        return;
    }
    if (args_opt_positional(o))
        s->filled[idx(s->cmd, o)] = true;
    if (o->type == OT_BOOL) {
        push(s, xasprintf("--%s", o->name), R_NAME, o, 0);
    } else if (f == INLINE) {
        _cleanup_free_ char *v = sample(o);
        push(s, xasprintf("--%s=%s", o->name, v), R_INLINE, o, 0);
    } else {
        push(s, xasprintf("--%s", o->name), R_NAME, o, 0);
        push(s, sample(o), R_VALUE, o, 0);
    }
}

static bool given(const struct seq *s, const struct opt_def *o)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].o == o || s->w[i].also == o)
            return true;
    return false;
}

static bool clashes(const struct seq *s, const struct opt_def *o)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].o && s->w[i].o != o && (s->w[i].o->excl & o->excl))
            return true;
    return false;
}

/* The first option of a `needs` list ("a|b") that fits with what is given; NULL if one is given. */
static const struct opt_def *pick_needed(const struct seq *s, const char *needs)
{
    const struct opt_def *pick = NULL;
    for (const char *p = needs; p && *p;) {
        _cleanup_free_ char *name = xstrndup(p, strcspn(p, "|"));
        const struct opt_def *o = args_find_opt(s->cmd, name);
        assert_non_null(o);
        if (given(s, o))
            return NULL;
        if (!pick && !clashes(s, o))
            pick = o;
        p += strlen(name) + (p[strlen(name)] == '|');
    }
    return pick;
}

static void add_needed(struct seq *s, const char *needs)
{
    const struct opt_def *o = pick_needed(s, needs);
    if (o)
        add_option(s, o, args_opt_positional(o) ? AS_WORD : SEPARATE);
}

/* The required positionals not given yet, then what `extra` and the command need. */
static void complete_seq(struct seq *s, const struct opt_def *extra)
{
    if (extra)
        add_needed(s, extra->needs);
    add_needed(s, s->cmd->needs);
    for (const struct opt_def *o = s->cmd->opts; o && o->name; o++)
        if ((o->flags & OPT_REQUIRED) && !given(s, o))
            add_option(s, o, AS_WORD); /* as a word where it can be one */
}

static void free_seq(struct seq *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->w[i].text);
}

static char *describe(const struct seq *s, size_t upto)
{
    size_t len = strlen(s->cmd->name) + 1;
    for (size_t i = 0; i < upto; i++)
        len += strlen(s->w[i].text) + 3;
    char *d = xcalloc(1, len + 1);
    strcat(d, s->cmd->name);
    for (size_t i = 0; i < upto; i++) {
        strcat(d, " ");
        strcat(d, *s->w[i].text ? s->w[i].text : "''");
    }
    return d;
}

/* ---------------------------------------------------------- the parse */

/* The value text a word gives its option. */
static const char *value_of(const struct word *w)
{
    if (w->role == R_SHORT)
        return w->text + 2;
    return w->role == R_INLINE ? strchr(w->text, '=') + 1 : w->text;
}

/* Does word w give its option a value (not just name it)? */
static bool gives_value(const struct word *w)
{
    switch (w->role) {
    case R_VALUE:
    case R_INLINE:
    case R_POS:
    case R_ARGV:
        return true;
    case R_NAME:
        return w->o->type == OT_BOOL;
    case R_SHORT:
        return w->o->type == OT_BOOL || w->text[2];
    default:
        return false;
    }
}

static bool field_holds(const struct opt_def *o, const void *out, const struct word *w)
{
    const char *f = (const char *)out + o->offset, *v = value_of(w);
    const struct strv *sv = (const struct strv *)f;
    long long ll;
    unsigned long long ull;
    switch (o->type) {
    case OT_BOOL:
        return *(const bool *)f;
    case OT_STRING:
        return *(const char *const *)f == v;
    case OT_LIST:
        for (size_t i = 0; i < sv->n; i++)
            if (sv->v[i] == v)
                return true;
        return false;
    case OT_ARGV:
        return w->index < sv->n && sv->v[w->index] == v;
    case OT_INT:
        return parse_ll(v, LLONG_MIN, LLONG_MAX, &ll) == 0 && *(const long long *)f == ll;
    case OT_SCALED:
        return args_parse_scaled(v, o->scale ? o->scale : 1, &ull) == 0 &&
               *(const unsigned long long *)f == ull;
    case OT_ENUM:
        return o->values[*(const int *)f] && str_eq(o->values[*(const int *)f], v);
    }
    return false;
}

static void check_parse(const struct seq *s, char **argv)
{
    _cleanup_free_ char *what = describe(s, s->n);
    _Alignas(max_align_t) char out[1024];
    struct args_error err;
    int want = (int)s->n;
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].role == R_COMMAND)
            want = (int)i;
    assert_true(s->cmd->args_size <= sizeof(out));
    int rc = args_parse(s->cmd, (int)s->n, argv, s->flags, out, &err);
    if (rc != want)
        fail_msg("'%s': args_parse gave %d, want %d: %s", what, rc, want, err.msg);
    for (size_t i = 0; i < s->n; i++) {
        const struct word *w = &s->w[i];
        if (gives_value(w) &&
            (!field_holds(w->o, out, w) || (w->also && !field_holds(w->also, out, w))))
            fail_msg("'%s': word %zu '%s' did not go to '--%s'", what, i, w->text, w->o->name);
    }
    args_free(s->cmd, out);
}

/* ------------------------------------------------------- the cursor */

/* Is there a "--" before word k (that ends the options, or separates an OT_ARGV's words)? */
static bool dashdash_before(const struct seq *s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (s->w[i].role == R_DASHDASH || s->w[i].role == R_SEP)
            return true;
    return false;
}

static bool argv_before(const struct seq *s, size_t k)
{
    for (size_t i = 0; i < k; i++)
        if (s->w[i].role == R_ARGV)
            return true;
    return false;
}

static bool given_before(const struct seq *s, size_t k, const struct opt_def *o)
{
    for (size_t i = 0; i < k; i++)
        if (s->w[i].o == o || s->w[i].also == o)
            return true;
    return false;
}

static void check_cursor(const struct seq *s, char **argv, size_t k)
{
    _cleanup_free_ char *what = describe(s, k + 1);
    const struct word *w = &s->w[k];
    struct args_cursor at;
    int rc = args_partial(s->cmd, (int)k + 1, argv, s->flags, &at);
    enum args_at want = ARGS_AT_WORD;
    const struct opt_def *want_opt = w->o;
    size_t want_offset = 0;

    switch (w->role) {
    case R_NAME:
    case R_DASHDASH:
    case R_SHORT:
        want = ARGS_AT_OPTION;
        want_opt = at.opt; /* what a word like "-" would fill is not asked here */
        break;
    case R_INLINE:
        want_offset = strlen(w->o->name) + 3;
        /* fall through */
    case R_VALUE:
        want = ARGS_AT_VALUE;
        break;
    case R_SEP:
        if (w->o->flags & OPT_ARGV_FLAGS) { /* it may become a flag's name */
            want = ARGS_AT_OPTION;
            want_opt = at.opt;
        }
        break;
    case R_POS:
    case R_ARGV:
        break;
    case R_NONE:
        want_opt = NULL;
        break;
    case R_COMMAND:
        want = ARGS_AT_COMMAND;
        want_opt = NULL;
        if (rc != (int)k)
            fail_msg("'%s': args_partial stopped at %d, want %zu", what, rc, k);
        break;
    }
    if (at.at != want || at.opt != want_opt || at.value_offset != want_offset ||
        ((w->role == R_ARGV || w->role == R_SEP) && at.index != w->index))
        fail_msg("'%s': the cursor is at %d '%s' +%zu [%zu], want %d '%s' +%zu [%zu]", what, at.at,
                 at.opt ? at.opt->name : "-", at.value_offset, at.index, want,
                 want_opt ? want_opt->name : "-", want_offset, w->index);
    if (at.after_dashdash != dashdash_before(s, k) && w->role != R_COMMAND)
        fail_msg("'%s': after \"--\" %d, want %d", what, at.after_dashdash, dashdash_before(s, k));
    for (const struct opt_def *o = s->cmd->opts; o && o->name; o++)
        if (at.seen[idx(s->cmd, o)] != given_before(s, k, o))
            fail_msg("'%s': '--%s' %s", what, o->name, at.seen[idx(s->cmd, o)] ? "seen" : "not seen");
    for (size_t i = 0; i < k; i++)
        if (s->w[i].o && s->w[i].o->type == OT_STRING && gives_value(&s->w[i]) &&
            at.value[idx(s->cmd, s->w[i].o)] != value_of(&s->w[i]))
            fail_msg("'%s': '--%s' has not the value of word %zu", what, s->w[i].o->name, i);
    n_cursors++;
}

/* ---------------------------------------------------------- completion */

struct expect {
    char *v[512];
    size_t n;
    enum complete_mode mode;
};

static void expect_add(struct expect *e, const char *prefix, const char *word)
{
    assert_true(e->n < ARRAY_SIZE(e->v));
    e->v[e->n++] = xasprintf("%s%s", prefix, word);
}

static void expect_commands(struct expect *e, const char *prefix, bool groups)
{
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        if (c->flags & CMD_HIDDEN)
            continue;
        expect_add(e, prefix, c->name);
        for (const char *const *a = c->aliases; a && *a; a++)
            expect_add(e, prefix, *a);
    }
    for (const struct cmd_group *const *gp = cmd_groups; groups && *gp; gp++)
        expect_add(e, prefix, (*gp)->name);
}

/* The options that may still be given after the words before k. */
static void expect_options(struct expect *e, const struct seq *s, size_t k, bool flags_only)
{
    for (const struct opt_def *o = s->cmd->opts; o && o->name; o++) {
        if ((o->flags & OPT_HIDDEN) || o->type == OT_ARGV || (flags_only && o->type != OT_BOOL))
            continue;
        if (given_before(s, k, o) && o->type != OT_LIST)
            continue;
        bool excluded = false;
        for (const struct opt_def *p = s->cmd->opts; p->name; p++)
            excluded |= p != o && (p->excl & o->excl) && given_before(s, k, p);
        if (!excluded)
            expect_add(e, "--", o->name);
    }
}

/* The value given before k to an option of kind `test`, or NULL. */
static const char *given_value(const struct seq *s, size_t k, bool (*test)(compl_kind))
{
    for (size_t i = 0; i < k; i++)
        if (s->w[i].o && gives_value(&s->w[i]) && test(s->w[i].o->complete))
            return value_of(&s->w[i]);
    return NULL;
}

static void expect_values(struct expect *e, const struct seq *s, size_t k, const struct opt_def *o,
                          const char *prefix, const char *command)
{
    if (o->values) {
        for (const char *const *v = o->values; *v; v++)
            expect_add(e, prefix, *v);
        return;
    }
    const char *domain = NULL;
    switch (o->complete) {
    case COMPL_NONE:
        return;
    case COMPL_FILE:
        e->mode = COMPLETE_FILES;
        return;
    case COMPL_DIR:
        e->mode = COMPLETE_DIRS;
        return;
    case COMPL_COMMAND:
        expect_commands(e, prefix, true);
        return;
    case COMPL_INTERFACE:
    case COMPL_DISK:
    case COMPL_DEVICE_ALIAS:
    case COMPL_MAC:
    case COMPL_SNAPSHOT:
    case COMPL_CHECKPOINT:
    case COMPL_AGENT_CMD:
    case COMPL_QMP_CMD:
        if (!(domain = given_value(s, k, compl_kind_is_domain)))
            return;
        break;
    default:
        break;
    }
    char **names = complete_fetch(&sh, URI, o->complete, domain, command);
    for (size_t i = 0; names[i]; i++) {
        expect_add(e, prefix, names[i]);
        free(names[i]);
    }
    free(names);
}

static const char *first_argv_word(const struct seq *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->w[i].role == R_ARGV)
            return s->w[i].text;
    return NULL;
}

static bool names_a_command(compl_kind k)
{
    return k == COMPL_COMMAND || k == COMPL_AGENT_CMD || k == COMPL_QMP_CMD;
}

/* What completion must answer for word k, typed as `cur`. */
static const char *expectation(const struct seq *s, size_t k, struct expect *e)
{
    const struct word *w = &s->w[k];
    const struct opt_def *o = w->o;
    switch (w->role) {
    case R_NAME:
    case R_DASHDASH:
    case R_SHORT:
        expect_options(e, s, k, argv_before(s, k));
        return "--";
    case R_VALUE:
        if (o->implicit)
            return NULL; /* "" would not be its value: see the R_POS after it */
        expect_values(e, s, k, o, "", NULL);
        return "";
    case R_INLINE: {
        static char prefix[128];
        snprintf(prefix, sizeof(prefix), "--%s=", o->name);
        expect_values(e, s, k, o, prefix, NULL);
        return prefix;
    }
    case R_POS:
    case R_ARGV:
    case R_SEP:
        if (w->role == R_POS || w->index == 0 || !names_a_command(o->complete))
            expect_values(e, s, k, o, "", NULL);
        else if (o->complete == COMPL_QMP_CMD)
            expect_values(e, s, k, o, "", first_argv_word(s));
        /* an empty word may start an option, but not among an OT_ARGV's words */
        if (!(o->flags & OPT_REQUIRED) && !dashdash_before(s, k) && !argv_before(s, k) &&
            e->mode == COMPLETE_WORDS)
            expect_options(e, s, k, false);
        return "";
    case R_NONE:
        if (!dashdash_before(s, k) && !argv_before(s, k))
            expect_options(e, s, k, false);
        return "";
    case R_COMMAND:
        expect_commands(e, "", false);
        return "";
    }
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Completion's answer `r` is exactly `e` (sorted, unique); both are freed. */
static void compare(struct complete_result *r, struct expect *e, const char *what, const char *cur)
{
    if (e->n)
        qsort(e->v, e->n, sizeof(*e->v), cmp_str);
    size_t u = 0;
    for (size_t i = 0; i < e->n; i++) {
        if (u && str_eq(e->v[u - 1], e->v[i]))
            free(e->v[i]);
        else
            e->v[u++] = e->v[i];
    }
    bool same = r->mode == e->mode && r->n == u;
    for (size_t i = 0; same && i < u; i++)
        same = str_eq(r->cands[i], e->v[i]);
    if (!same)
        fail_msg("'%s %s': got %zu candidates (mode %d, first '%s'), want %zu (mode %d, first '%s')",
                 what, cur, r->n, r->mode, r->n ? r->cands[0] : "", u, e->mode, u ? e->v[0] : "");
    for (size_t i = 0; i < u; i++)
        free(e->v[i]);
    complete_result_free(r);
}

static void check_completion(const struct seq *s, size_t k)
{
    struct expect e = { .mode = COMPLETE_WORDS };
    if (s->cmd->flags & CMD_HIDDEN)
        return; /* never completed */
    const char *cur = expectation(s, k, &e);
    if (!cur)
        return;
    char *words[MAXW + 2];
    size_t n = 0;
    if (s->cmd != &global_cmd)
        words[n++] = (char *)s->cmd->name;
    for (size_t i = 0; i < k; i++)
        words[n++] = s->w[i].text;
    words[n++] = (char *)cur;

    struct complete_result r;
    complete_argv(&sh, words, n, &r);
    _cleanup_free_ char *what = describe(s, k);
    compare(&r, &e, what, cur);
}

/* ---------------------------------------------------------- the tests */

static void check_seq(struct seq *s)
{
    char *argv[MAXW];
    for (size_t i = 0; i < s->n; i++)
        argv[i] = s->w[i].text;
    check_parse(s, argv);
    for (size_t k = 0; k < s->n; k++) {
        check_cursor(s, argv, k);
        check_completion(s, k);
    }
    n_sequences++;
    free_seq(s);
}

/* A sequence, and the word after it: the next positional, or a word too many. */
static void check_next_word(struct seq *s)
{
    const struct opt_def *slot = next_slot(s);
    char *argv[MAXW];
    for (size_t i = 0; i < s->n; i++)
        argv[i] = s->w[i].text;
    argv[s->n] = (char *)"";
    push(s, xstrdup(""), slot ? slot->type == OT_ARGV ? R_ARGV : R_POS : R_NONE, slot, s->argv_n);
    check_cursor(s, argv, s->n - 1);
    check_completion(s, s->n - 1);
    free(s->w[--s->n].text);
    check_seq(s);
}

static void test_every_option(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        for (const struct opt_def *o = c->opts; o && o->name; o++) {
            if (o->type == OT_ARGV)
                continue; /* test_argv_words */
            for (enum form f = SEPARATE; f <= AS_WORD; f++) {
                if ((f == INLINE && o->type == OT_BOOL) || (f == AS_WORD && !args_opt_positional(o)))
                    continue;
                struct seq s = { .cmd = c };
                const struct opt_def *slot;
                if (f == AS_WORD) {
                    /* Every positional before it as a word, then it. */
                    while ((slot = next_slot(&s)) && slot != o)
                        add_word(&s, sample(slot));
                } else if ((slot = next_slot(&s)) && slot != o && slot->type != OT_ARGV &&
                           (slot->flags & OPT_REQUIRED)) {
                    add_word(&s, sample(slot)); /* the option after the first positional */
                }
                add_option(&s, o, f);
                complete_seq(&s, o);
                check_next_word(&s);
            }
        }
    }
}

/* An optional value is a following number, and only that: a word is the next positional. */
static void test_implicit_values(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        for (const struct opt_def *o = c->opts; o && o->name; o++) {
            if (!o->implicit)
                continue;
            struct seq s = { .cmd = c };
            add_option(&s, o, SEPARATE); /* a number: its value */
            complete_seq(&s, o);
            check_seq(&s);
            struct seq t = { .cmd = c };
            push(&t, xasprintf("--%s", o->name), R_NAME, o, 0);
            assert_non_null(next_slot(&t));
            add_word(&t, sample(next_slot(&t))); /* a word: a positional */
            complete_seq(&t, o);
            check_next_word(&t);
        }
    }
}

/* "--" ends the options: what looks like one is a positional or an OT_ARGV's word. */
static void test_dashdash(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        struct seq s = { .cmd = c };
        add_needed(&s, c->needs);
        for (const struct opt_def *o = c->opts; o && o->name; o++)
            if ((o->flags & OPT_REQUIRED) && !args_opt_positional(o))
                add_option(&s, o, SEPARATE);
        push(&s, xstrdup("--"), R_DASHDASH, NULL, 0);
        const struct opt_def *slot;
        /* (a positional that needs another option ends the words: the
         * sequence would not parse) */
        while ((slot = next_slot(&s)) && s.argv_n < 2 && !slot->needs)
            add_word(&s, slot->type == OT_ARGV ? xasprintf("--w%zu", s.argv_n) : sample(slot));
        check_next_word(&s);
    }
}

/* An OT_ARGV takes every word after its first, "--" once only as a separator,
 * and (OPT_ARGV_FLAGS) the command's options among them. */
static void test_argv_words(void **state)
{
    (void)state;
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c) {
        const struct opt_def *av = NULL, *flag = NULL, *named = NULL, *slot;
        for (const struct opt_def *o = c->opts; o && o->name; o++) {
            if (o->type == OT_ARGV)
                av = o;
            if (o->type == OT_BOOL && !o->excl && !o->needs && !flag)
                flag = o;
            if (o->type != OT_ARGV && !(o->flags & OPT_POSITIONAL) && !o->excl && !o->needs &&
                !named)
                named = o;
        }
        if (!flag)
            flag = named; /* send-key's words take its --holdtime MS */
        if (!av)
            continue;
        struct seq s = { .cmd = c };
        add_needed(&s, c->needs);
        while ((slot = next_slot(&s)) != av)
            add_word(&s, sample(slot));
        add_word(&s, xstrdup("w0"));
        add_word(&s, xstrdup("-x"));
        if (flag && (av->flags & OPT_ARGV_FLAGS))
            add_option(&s, flag, SEPARATE);
        else
            add_word(&s, xstrdup("--y"));
        push(&s, xstrdup("--"), R_SEP, av, s.argv_n);
        add_word(&s, xstrdup("--z"));
        complete_seq(&s, NULL);
        check_next_word(&s);
    }
}

/* The global options, short and long, and the command after them. */
static void test_global_options(void **state)
{
    (void)state;
    const struct cmd_def *c = &global_cmd;
    const struct opt_def *r = args_find_opt(c, "readonly"), *q = args_find_opt(c, "quiet");
    for (const struct opt_def *o = c->opts; o->name; o++) {
        for (int form = 0; form < 4; form++) {
            struct seq s = { .cmd = c, .flags = ARGS_SHORT | ARGS_STOP_AT_WORD };
            /* (an option with an implicit value takes a separate word only
             * when it is a number: test_implicit_values) */
            if (o->implicit && (form == 0 || form == 2))
                continue;
            if (form == 0) {
                add_option(&s, o, SEPARATE);
            } else if (form == 1 && o->type != OT_BOOL) {
                add_option(&s, o, INLINE);
            } else if (form == 2 && o->short_name) {
                push(&s, xasprintf("-%c", o->short_name), R_SHORT, o, 0);
                if (o->type != OT_BOOL)
                    push(&s, sample(o), R_VALUE, o, 0);
            } else if (form == 3 && o->short_name && o->type != OT_BOOL) {
                _cleanup_free_ char *v = sample(o);
                push(&s, xasprintf("-%c%s", o->short_name, v), R_SHORT, o, 0);
            } else {
                continue;
            }
            if (o != r) {
                push(&s, xstrdup("-rq"), R_SHORT, r, 0);
                s.w[s.n - 1].also = q;
                if (o == q)
                    s.w[s.n - 1].text[2] = '\0', s.w[s.n - 1].also = NULL; /* -r only */
            }
            push(&s, xstrdup("list"), R_COMMAND, NULL, 0);
            check_seq(&s);
        }
    }
}

static void test_counts(void **state)
{
    (void)state;
    /* Every command was walked: sequences and cursors, not a silent nothing. */
    size_t cmds = 0;
    const struct cmd_group *g;
    const struct cmd_def *c;
    FOREACH_CMD(g, c)
        cmds++;
    print_message("# %zu sequences, %zu cursors over %zu commands\n", n_sequences, n_cursors, cmds);
    assert_true(n_sequences > cmds * 2);
    assert_true(n_cursors > n_sequences * 2);
}

static int setup(void **state)
{
    (void)state;
    setenv("VIRTSH_COMPLETE_TIMEOUT_MS", "20000", 1); /* valgrind is slow */
    unit_shell_open(URI, false);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    shell_free(&sh);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_implicit_values),
        cmocka_unit_test(test_dashdash),
        cmocka_unit_test(test_argv_words),
        cmocka_unit_test(test_global_options),
        cmocka_unit_test(test_counts),
    };
    return cmocka_run_group_tests_name("grammar", tests, setup, teardown);
}
