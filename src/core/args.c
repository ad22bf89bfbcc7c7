/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/args.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "core/suggest.h"
#include "core/util.h"

static size_t opt_count(const struct cmd_def *cmd)
{
    size_t n = 0;
    if (cmd->opts)
        while (cmd->opts[n].name)
            n++;
    return n;
}

/* name is o's, or o's old spelling with '_' for '-' (OPT_UNDERSCORES). */
static bool spelled(const struct opt_def *o, const char *name)
{
    if (!(o->flags & OPT_UNDERSCORES) || !strchr(name, '_'))
        return false;
    const char *p = o->name;
    for (; *p && *name; p++, name++)
        if (*name != (*p == '-' ? '_' : *p))
            return false;
    return !*p && !*name;
}

const struct opt_def *args_find_opt(const struct cmd_def *cmd, const char *name)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (str_eq(o->name, name))
            return o;
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (spelled(o, name))
            return o;
    return NULL;
}

bool args_opt_takes_value(const struct opt_def *o)
{
    return o->type != OT_BOOL;
}

char *args_opt_synopsis(const struct opt_def *o)
{
    char meta[64];
    const char *m = o->metavar;
    if (!m) {
        size_t i;
        for (i = 0; o->name[i] && i < sizeof(meta) - 1; i++)
            meta[i] = (char)toupper((unsigned char)o->name[i]);
        meta[i] = '\0';
        m = meta;
    }
    if (o->type == OT_BOOL)
        return xasprintf("--%s", o->name);
    if (o->type == OT_ARGV)
        return xasprintf("%s...", m);
    if (o->implicit)
        return xasprintf("--%s [%s]", o->name, m);
    if (o->flags & OPT_POSITIONAL)
        return xasprintf("[--%s] %s", o->name, m);
    return xasprintf("--%s %s", o->name, m);
}

PRINTF(2, 3) static int fail(struct args_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    str_one_line(err->msg); /* the user's words may hold newlines */
    err->late = false;
    return -1;
}

int args_parse_scaled(const char *s, unsigned long long unit, unsigned long long *ret)
{
    static const struct {
        const char *suffix;
        unsigned long long mult;
    } units[] = {
        { "b", 1ULL }, { "bytes", 1ULL },
        { "k", 1ULL << 10 }, { "kib", 1ULL << 10 }, { "kb", 1000ULL },
        { "m", 1ULL << 20 }, { "mib", 1ULL << 20 }, { "mb", 1000000ULL },
        { "g", 1ULL << 30 }, { "gib", 1ULL << 30 }, { "gb", 1000000000ULL },
        { "t", 1ULL << 40 }, { "tib", 1ULL << 40 }, { "tb", 1000000000000ULL },
    };
    size_t digits = 0;
    while (s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits == 0 || digits > 20)
        return -1;
    char num[21];
    memcpy(num, s, digits);
    num[digits] = '\0';
    unsigned long long v;
    if (parse_ull(num, &v) < 0)
        return -1;
    const char *suf = s + digits;
    unsigned long long mult = unit;
    if (*suf) {
        mult = 0;
        for (size_t i = 0; i < ARRAY_SIZE(units); i++)
            if (strcasecmp(suf, units[i].suffix) == 0)
                mult = units[i].mult;
        if (!mult)
            return -1;
    }
    if (v && mult > ULLONG_MAX / v)
        return -1;
    *ret = v * mult;
    return 0;
}

static char *opt_label(const struct opt_def *o, char *buf, size_t len)
{
    snprintf(buf, len, "--%s", o->name);
    return buf;
}

/* Store `val` for option `o`.  `val` is NULL only for booleans.  A declared
 * default may lie outside the range users can give (-1 for "not given"). */
static int set_value_checked(const struct cmd_def *cmd, const struct opt_def *o, char *val,
                             void *out, struct args_error *err, bool check_range)
{
    char *field = (char *)out + o->offset;
    char lbl[80];
    opt_label(o, lbl, sizeof(lbl));

    if (o->type == OT_INT && !check_range)
        return parse_ll(val, LLONG_MIN, LLONG_MAX, (long long *)field) < 0
               ? fail(err, "internal error: bad default '%s' for '%s'", val, lbl) : 0;
    switch (o->type) {
    case OT_BOOL:
        *(bool *)field = true;
        return 0;
    case OT_STRING:
        *(const char **)field = val;
        return 0;
    case OT_INT: {
        long long min = o->min, max = o->max;
        if (min == 0 && max == 0)
            min = LLONG_MIN, max = LLONG_MAX;
        if (parse_ll(val, min, max, (long long *)field) < 0) {
            if (min == LLONG_MIN)
                return fail(err, "invalid value '%s' for '%s': expected an integer", val, lbl);
            return fail(err, "invalid value '%s' for '%s': expected an integer from %lld to %lld",
                        val, lbl, min, max);
        }
        return 0;
    }
    case OT_SCALED:
        if (args_parse_scaled(val, o->scale ? o->scale : 1, (unsigned long long *)field) < 0)
            return fail(err, "invalid size '%s' for '%s': expected a number with an optional "
                        "unit (KiB, MiB, GiB, ...)", val, lbl);
        return 0;
    case OT_ENUM:
        for (int i = 0; o->values[i]; i++) {
            if (str_eq(o->values[i], val)) {
                *(int *)field = i;
                return 0;
            }
        }
        {
            char list[256] = "";
            for (int i = 0; o->values[i]; i++) {
                if (i)
                    strncat(list, ", ", sizeof(list) - strlen(list) - 1);
                strncat(list, o->values[i], sizeof(list) - strlen(list) - 1);
            }
            return fail(err, "invalid value '%s' for '%s': expected one of %s", val, lbl, list);
        }
    case OT_LIST:
    case OT_ARGV:
        strv_push((struct strv *)field, val);
        return 0;
    }
    (void)cmd;
    return fail(err, "internal error: bad option type");
}

static int set_value(const struct cmd_def *cmd, const struct opt_def *o, char *val, void *out,
                     struct args_error *err)
{
    return set_value_checked(cmd, o, val, out, err, true);
}

static const struct opt_def *find_short(const struct cmd_def *cmd, char c)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (o->short_name == c)
            return o;
    return NULL;
}

static void suggest_option(const struct cmd_def *cmd, const char *name, char *buf, size_t len)
{
    struct suggest s;
    suggest_init(&s, name);
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (!(o->flags & OPT_HIDDEN) && o->type != OT_ARGV) /* no --name to suggest */
            suggest_consider(&s, o->name);
    if (suggest_result(&s))
        snprintf(buf, len, "; did you mean '--%s'?", suggest_result(&s));
    else
        buf[0] = '\0';
}

bool args_opt_positional(const struct opt_def *o)
{
    return (o->flags & OPT_POSITIONAL) || o->type == OT_ARGV;
}

/* The options given so far, in which order they came, and whether as a
 * plain word (a positional) or by name. */
struct seen {
    bool is[ARGS_MAX_OPTS];
    bool by_word[ARGS_MAX_OPTS];
    size_t order[ARGS_MAX_OPTS];
    size_t n;
};

static void see(struct seen *sn, size_t idx, bool by_word)
{
    if (!sn->is[idx]) {
        sn->order[sn->n++] = idx;
        sn->by_word[idx] = by_word;
    }
    sn->is[idx] = true;
}

/* ": WHY" after a constraint's message, when there is a why. */
static const char *why_suffix(const char *why_text, char *buf, size_t len)
{
    if (!why_text)
        return "";
    snprintf(buf, len, ": %s", why_text);
    return buf;
}

/* An option as a constraint's message names it: "option '--name'", or
 * "argument <name>" when it came as a plain word. */
static const char *opt_noun(const struct opt_def *o, bool by_word, char *buf, size_t len)
{
    snprintf(buf, len, by_word ? "argument <%s>" : "option '--%s'", o->name);
    return buf;
}

/* Is one of the options `needs` names ("A" or "A|B|...") among those seen? */
static bool needs_met(const struct cmd_def *cmd, const char *needs, const bool *seen)
{
    const char *p = needs;
    while (*p) {
        size_t len = strcspn(p, "|");
        for (size_t k = 0; cmd->opts[k].name; k++)
            if (seen[k] && strlen(cmd->opts[k].name) == len && !strncmp(cmd->opts[k].name, p, len))
                return true;
        p += len + (p[len] == '|');
    }
    return false;
}

/* "'--a'", "'--a' or <b>", "'--a', '--b' or '--c'" for a `needs` list: a
 * positional shows as <name>. */
static void needs_words(const struct cmd_def *cmd, const char *needs, char *buf, size_t len)
{
    size_t n = 0, count = 1, k = 0;
    for (const char *p = needs; *p; p++)
        count += *p == '|';
    buf[0] = '\0';
    for (const char *p = needs; *p && n < len;) {
        size_t l = strcspn(p, "|");
        const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
        char name[128];
        snprintf(name, sizeof(name), "%.*s", (int)l, p);
        const struct opt_def *o = args_find_opt(cmd, name);
        if (o && args_opt_positional(o))
            n += (size_t)snprintf(buf + n, len - n, "%s<%s>", sep, name);
        else
            n += (size_t)snprintf(buf + n, len - n, "%s'--%s'", sep, name);
        p += l + (p[l] == '|');
        k++;
    }
}

/* The first clash of two given options that share an exclusion set, in the
 * order they were typed. */
static int check_exclusions(const struct cmd_def *cmd, const struct seen *sn, struct args_error *err)
{
    char why[256], na[160], nb[160];
    for (size_t j = 1; j < sn->n; j++) {
        const struct opt_def *b = &cmd->opts[sn->order[j]];
        for (size_t i = 0; i < j && b->excl; i++) {
            const struct opt_def *a = &cmd->opts[sn->order[i]];
            if (!(a->excl & b->excl))
                continue;
            const char *w = why_suffix(a->why ? a->why : b->why, why, sizeof(why));
            bool wa = sn->by_word[sn->order[i]], wb = sn->by_word[sn->order[j]];
            if (!wa && !wb)
                return fail(err, "options '--%s' and '--%s' cannot be used together%s", a->name,
                            b->name, w);
            return fail(err, "%s and %s cannot be used together%s",
                        opt_noun(a, wa, na, sizeof(na)), opt_noun(b, wb, nb, sizeof(nb)), w);
        }
    }
    return 0;
}

/* The required options, all given? */
static int check_required(const struct cmd_def *cmd, const struct seen *sn, struct args_error *err)
{
    for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if ((o->flags & OPT_REQUIRED) && !sn->is[k]) {
            if (args_opt_positional(o))
                fail(err, "missing argument <%s> for '%s'", o->name, cmd->name);
            else
                fail(err, "missing option '--%s' for '%s'", o->name, cmd->name);
            err->late = (o->flags & OPT_REQUIRED_LATE) != 0;
            return -1;
        }
    }
    return 0;
}

/* What the table declares about options given together: exclusion sets,
 * options that need others, and the command's "one of these".  The
 * messages come from here only. */
static int check_constraints(const struct cmd_def *cmd, const struct seen *sn,
                             struct args_error *err)
{
    const bool *seen = sn->is;
    char why[256], words[256], noun[160];
    if (check_exclusions(cmd, sn, err) < 0)
        return -1;
    for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if (!seen[k] || !o->needs || needs_met(cmd, o->needs, seen))
            continue;
        needs_words(cmd, o->needs, words, sizeof(words));
        return fail(err, "%s needs %s%s", opt_noun(o, sn->by_word[k], noun, sizeof(noun)), words,
                    why_suffix(o->why, why, sizeof(why)));
    }
    if (cmd->needs && !needs_met(cmd, cmd->needs, seen)) {
        needs_words(cmd, cmd->needs, words, sizeof(words));
        return fail(err, "missing %s for '%s'%s", words, cmd->name,
                    why_suffix(cmd->why, why, sizeof(why)));
    }
    return 0;
}

/*
 * One walk over a command's words, for the parser and for completion.
 * Strict (args_parse): values go into the args struct and the first problem
 * ends the walk.  Partial (args_partial): nothing is stored, a word the
 * parser would refuse is skipped, and the last word - the one under the
 * cursor - is only classified, not taken.
 */
struct walk {
    const struct cmd_def *cmd;
    unsigned flags;
    int argc;
    char *const *argv;
    void *out;                      /* strict: the args struct */
    struct args_error *err;
    struct args_cursor *cur;        /* partial: the report */
    struct seen sn;
    bool only_words;                /* after "--" */
    const struct opt_def *in_argv;  /* inside this OT_ARGV's words */
    size_t argv_n;                  /* the words it got */
};

static bool at_cursor(const struct walk *w, int i)
{
    return w->cur && i == w->argc - 1;
}

static void report(struct walk *w, enum args_at at, const struct opt_def *o, size_t value_offset)
{
    w->cur->at = at;
    w->cur->opt = o;
    w->cur->value_offset = value_offset;
    w->cur->index = w->in_argv ? w->argv_n : 0;
    w->cur->after_dashdash = w->only_words;
    w->cur->options_ok = !w->only_words && !w->in_argv;
}

/* Option `o` gets `val` (NULL for a flag).  `label` names it when given twice. */
static int take(struct walk *w, const struct opt_def *o, char *val, bool by_word, const char *label)
{
    size_t idx = (size_t)(o - w->cmd->opts);
    if (w->cur) {
        see(&w->sn, idx, by_word);
        w->cur->seen[idx] = true;
        if (val && !(o->type == OT_ARGV && w->cur->value[idx]))
            w->cur->value[idx] = val; /* an OT_ARGV keeps its first word */
        return 0;
    }
    if (w->sn.is[idx] && o->type != OT_LIST && o->type != OT_ARGV && !(w->flags & ARGS_LAST_WINS))
        return fail(w->err, "option '%s' given more than once", label);
    see(&w->sn, idx, by_word);
    /* A bad value is a late error: the walk goes on, since a problem with
     * the words themselves, later on, comes first (args.h). */
    struct args_error bad;
    if (set_value(w->cmd, o, val, w->out, &bad) < 0 && !w->err->late) {
        *w->err = bad;
        w->err->late = true;
    }
    return 0;
}

/* A following number, the value of an option with an implicit one. */
static bool is_number(const char *s)
{
    long long ignored;
    return parse_ll(s, LLONG_MIN, LLONG_MAX, &ignored) == 0;
}

/* Option `o`, named by word i (its value inline in `inline_val`, or NULL):
 * take it and its value, which may be the next word. */
static int take_option(struct walk *w, const struct opt_def *o, char *inline_val, int *i)
{
    char label[80];
    snprintf(label, sizeof(label), "--%s", o->name);
    if (o->type == OT_BOOL) {
        if (inline_val && !w->cur)
            return fail(w->err, "option '--%s' takes no value", o->name);
        return take(w, o, NULL, false, label);
    }
    char *val = inline_val;
    if (!val && o->implicit) {
        /* Optional value: only a following number is taken as one. */
        if (*i + 1 < w->argc && is_number(w->argv[*i + 1]))
            val = w->argv[++*i];
        else
            val = (char *)o->implicit;
    } else if (!val) {
        if (*i + 1 >= w->argc)
            return w->cur ? 0 : fail(w->err, "option '--%s' needs a value", o->name);
        val = w->argv[++*i];
    }
    if (at_cursor(w, *i) && !inline_val) {
        report(w, ARGS_AT_VALUE, o, 0);
        val = NULL; /* the value being typed is not taken */
    }
    return take(w, o, val, false, label);
}

/* Word i, "--name" or "--name=value". */
static int long_option(struct walk *w, int *i)
{
    char *word = w->argv[*i], name[128];
    const char *eq = strchr(word + 2, '=');
    size_t nl = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
    if (nl >= sizeof(name))
        nl = sizeof(name) - 1;
    memcpy(name, word + 2, nl);
    name[nl] = '\0';
    /* An OT_ARGV's name may be given too, with one of its words (virsh's
     * "echo --string x", "qemu-monitor-command D --cmd '{...}'"). */
    const struct opt_def *o = args_find_opt(w->cmd, name);
    if (at_cursor(w, *i)) {
        if (eq)
            report(w, ARGS_AT_VALUE, o, (size_t)(eq - word + 1));
        else
            report(w, ARGS_AT_OPTION, NULL, 0);
        return 0;
    }
    if (!o) {
        char hint[128];
        suggest_option(w->cmd, name, hint, sizeof(hint));
        return w->cur ? 0 : fail(w->err, "unknown option '--%s' for '%s'%s", name, w->cmd->name, hint);
    }
    return take_option(w, o, eq ? (char *)eq + 1 : NULL, i);
}

/* Word i, short options: -x, -xVALUE, -x VALUE, and grouped flags -rq. */
static int short_options(struct walk *w, int *i)
{
    char *word = w->argv[*i];
    const struct opt_def *o = NULL;
    char *val = NULL;
    if (at_cursor(w, *i)) {
        report(w, ARGS_AT_OPTION, NULL, 0);
        return 0;
    }
    for (size_t k = 1; word[k]; k++) {
        o = find_short(w->cmd, word[k]);
        if (!o)
            return w->cur ? 0 : fail(w->err, "unknown option '-%c'", word[k]);
        if (o->type != OT_BOOL) {
            val = word[k + 1] ? word + k + 1 : NULL;
            break;
        }
        if (word[k + 1]) {
            char label[3] = { '-', word[k], '\0' };
            if (take(w, o, NULL, false, label) < 0)
                return -1;
            o = NULL;
        }
    }
    return o ? take_option(w, o, val, i) : 0;
}

/* Word i, a plain word: the next positional's value, or one of an OT_ARGV's words. */
static int plain_word(struct walk *w, int i)
{
    char *word = w->argv[i];
    const struct opt_def *o = w->in_argv;
    for (size_t k = 0; !o && w->cmd->opts && w->cmd->opts[k].name; k++) {
        const struct opt_def *p = &w->cmd->opts[k];
        if (args_opt_positional(p) && (p->type == OT_ARGV || !w->sn.is[k]))
            o = p;
    }
    if (at_cursor(w, i)) {
        report(w, ARGS_AT_WORD, o, 0);
        return 0;
    }
    if (!o)
        return w->cur ? 0 : fail(w->err, "unexpected argument '%s' for '%s'", word, w->cmd->name);
    if (o->type == OT_ARGV) {
        w->in_argv = o;
        w->argv_n++;
    }
    return take(w, o, word, true, o->name);
}

/* An OT_ARGV with OPT_ARGV_FLAGS: is word i one of the command's flags? */
static const struct opt_def *flag_among_words(const struct walk *w, const char *word)
{
    if (w->only_words || !(w->in_argv->flags & OPT_ARGV_FLAGS) || strncmp(word, "--", 2) != 0)
        return NULL;
    const struct opt_def *o = args_find_opt(w->cmd, word + 2);
    return o && o->type == OT_BOOL ? o : NULL;
}

/* Word i inside an OT_ARGV's words. */
static int argv_word(struct walk *w, int *i)
{
    char *word = w->argv[*i];
    if (!w->only_words && (w->in_argv->flags & OPT_ARGV_FLAGS) && str_startswith(word, "--") &&
        at_cursor(w, *i)) {
        report(w, ARGS_AT_OPTION, w->in_argv, 0); /* "--", "--pr": a flag being typed */
        w->cur->flags_only = true;
        return 0;
    }
    if (!w->only_words && str_eq(word, "--")) {
        if (at_cursor(w, *i))
            report(w, ARGS_AT_WORD, w->in_argv, 0);
        w->only_words = true; /* the first "--" among the words only separates */
        return 0;
    }
    const struct opt_def *flag = flag_among_words(w, word);
    if (flag)
        return take_option(w, flag, NULL, i);
    if (!w->only_words && (w->in_argv->flags & OPT_ARGV_FLAGS) && str_startswith(word, "--") && word[2])
        return long_option(w, i); /* the command's other options, or "unknown option" as virsh */
    return plain_word(w, *i);
}

/* Word i.  1 when the walk stops there (ARGS_STOP_AT_WORD), -1 on a problem. */
static int walk_word(struct walk *w, int *i)
{
    char *word = w->argv[*i];
    if (w->in_argv)
        return argv_word(w, i);
    if (!w->only_words && str_eq(word, "--")) {
        if (at_cursor(w, *i))
            report(w, ARGS_AT_OPTION, NULL, 0);
        w->only_words = true;
        return 0;
    }
    if (!w->only_words && word[0] == '-' && word[1] == '-' && word[2])
        return long_option(w, i);
    if (!w->only_words && (w->flags & ARGS_SHORT) && word[0] == '-' && word[1] && word[1] != '-')
        return short_options(w, i);
    if (at_cursor(w, *i) && word[0] == '-' && !w->only_words) {
        /* "-", "-5": it may become an option's name (the positional it
         * would fill as it stands is reported too) */
        if (w->flags & ARGS_STOP_AT_WORD)
            report(w, ARGS_AT_OPTION, NULL, 0);
        else
            plain_word(w, *i);
        w->cur->at = ARGS_AT_OPTION;
        return 0;
    }
    if (w->flags & ARGS_STOP_AT_WORD && (word[0] != '-' || !word[1] || w->only_words)) {
        if (at_cursor(w, *i))
            report(w, ARGS_AT_COMMAND, NULL, 0);
        return 1;
    }
    if (!w->only_words && word[0] == '-' && word[1] && !(word[1] >= '0' && word[1] <= '9'))
        return w->cur ? 0 : fail(w->err, "unknown option '%s' for '%s' (options start with '--')",
                                 word, w->cmd->name);
    return plain_word(w, *i);
}

/* Walk every word; the index of the word it stopped at, or -1. */
static int walk_words(struct walk *w)
{
    int i;
    for (i = 0; i < w->argc; i++) {
        int rc = walk_word(w, &i);
        if (rc < 0 && !w->cur)
            return -1;
        if (rc > 0)
            break;
    }
    return i;
}

int args_parse(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
               void *out, struct args_error *err)
{
    size_t nopts = opt_count(cmd);
    struct walk w = { .cmd = cmd, .flags = flags, .argc = argc, .argv = argv, .out = out, .err = err };

    if (nopts > ARGS_MAX_OPTS)
        return fail(err, "internal error: too many options for '%s'", cmd->name);
    memset(out, 0, cmd->args_size);
    err->msg[0] = '\0';
    err->late = false;

    /* Defaults first, parsed exactly like given values. */
    for (size_t k = 0; k < nopts; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if (o->type == OT_ENUM)
            *(int *)((char *)out + o->offset) = -1;
        if (o->def && set_value_checked(cmd, o, (char *)o->def, out, err, false) < 0)
            return -1;
    }
    int i = walk_words(&w);
    if (i < 0 || check_required(cmd, &w.sn, err) < 0 || err->late)
        return -1;
    if (check_constraints(cmd, &w.sn, err) < 0) {
        err->late = true;
        return -1;
    }
    return i;
}

int args_partial(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
                 struct args_cursor *ret)
{
    struct walk w = { .cmd = cmd, .flags = flags, .argc = argc, .argv = argv, .cur = ret };
    *ret = (struct args_cursor){ .at = ARGS_AT_WORD };
    if (argc <= 0 || opt_count(cmd) > ARGS_MAX_OPTS)
        return argc;
    return walk_words(&w);
}

void args_free(const struct cmd_def *cmd, void *out)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
        if (o->type == OT_LIST || o->type == OT_ARGV) {
            strv_clear((struct strv *)((char *)out + o->offset)); /* the words are argv's */
        }
    }
}

const struct opt_def *args_modifying_option(const struct cmd_def *cmd, const void *out)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
        if (!(o->flags & OPT_MODIFIES))
            continue;
        const char *field = (const char *)out + o->offset;
        bool given = false;
        switch (o->type) {
        case OT_BOOL: given = *(const bool *)field; break;
        case OT_STRING: given = *(const char *const *)field != NULL; break;
        case OT_ENUM: given = *(const int *)field >= 0; break;
        case OT_LIST:
        case OT_ARGV: given = ((const struct strv *)field)->n > 0; break;
        case OT_INT:
        case OT_SCALED: break; /* a number cannot tell "given"; the self-check forbids it */
        }
        if (given)
            return o;
    }
    return NULL;
}
