/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/args.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "core/suggest.h"
#include "core/util.h"

#define MAX_OPTS 64

static size_t opt_count(const struct cmd_def *cmd)
{
    size_t n = 0;
    if (cmd->opts)
        while (cmd->opts[n].name)
            n++;
    return n;
}

const struct opt_def *args_find_opt(const struct cmd_def *cmd, const char *name)
{
    for (const struct opt_def *o = cmd->opts; o && o->name; o++)
        if (str_eq(o->name, name))
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

/* The options given so far, and in which order they came. */
struct seen {
    bool is[MAX_OPTS];
    size_t order[MAX_OPTS];
    size_t n;
};

static void see(struct seen *sn, size_t idx)
{
    if (!sn->is[idx])
        sn->order[sn->n++] = idx;
    sn->is[idx] = true;
}

/* ": WHY" after a constraint's message, when the option says why. */
static const char *why_suffix(const struct opt_def *o, char *buf, size_t len)
{
    if (!o->why)
        return "";
    snprintf(buf, len, ": %s", o->why);
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

/* "'--a'", "'--a' or '--b'", "'--a', '--b' or '--c'" for a `needs` list. */
static void needs_words(const char *needs, char *buf, size_t len)
{
    size_t n = 0, count = 1, k = 0;
    for (const char *p = needs; *p; p++)
        count += *p == '|';
    buf[0] = '\0';
    for (const char *p = needs; *p && n < len;) {
        size_t l = strcspn(p, "|");
        const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
        n += (size_t)snprintf(buf + n, len - n, "%s'--%.*s'", sep, (int)l, p);
        p += l + (p[l] == '|');
        k++;
    }
}

/* What the table declares about options given together: exclusion sets,
 * options that need others, and required ones.  The messages come from
 * here only. */
static int check_constraints(const struct cmd_def *cmd, const struct seen *sn,
                             struct args_error *err)
{
    const bool *seen = sn->is;
    char why[256], words[256];
    /* The first clash in the order the options were typed. */
    for (size_t j = 1; j < sn->n; j++) {
        const struct opt_def *b = &cmd->opts[sn->order[j]];
        for (size_t i = 0; i < j && b->excl; i++) {
            const struct opt_def *a = &cmd->opts[sn->order[i]];
            if (a->excl & b->excl)
                return fail(err, "options '--%s' and '--%s' cannot be used together%s", a->name,
                            b->name, why_suffix(a->why ? a : b, why, sizeof(why)));
        }
    }
    for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if (!seen[k] || !o->needs || needs_met(cmd, o->needs, seen))
            continue;
        needs_words(o->needs, words, sizeof(words));
        return fail(err, "option '--%s' needs %s%s", o->name, words, why_suffix(o, why, sizeof(why)));
    }
    for (size_t k = 0; cmd->opts && cmd->opts[k].name; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if ((o->flags & OPT_REQUIRED) && !seen[k]) {
            if (args_opt_positional(o))
                return fail(err, "missing argument <%s> for '%s'", o->name, cmd->name);
            return fail(err, "missing option '--%s' for '%s'", o->name, cmd->name);
        }
    }
    return 0;
}

int args_parse(const struct cmd_def *cmd, int argc, char *const *argv, unsigned flags,
               void *out, struct args_error *err)
{
    size_t nopts = opt_count(cmd);
    struct seen sn = { 0 };
    const bool *seen = sn.is;
    const char *cmdname = cmd->name;
    int i;
    bool only_words = false;

    if (nopts > MAX_OPTS)
        return fail(err, "internal error: too many options for '%s'", cmdname);
    memset(out, 0, cmd->args_size);
    err->msg[0] = '\0';

    /* Defaults first, parsed exactly like given values. */
    for (size_t k = 0; k < nopts; k++) {
        const struct opt_def *o = &cmd->opts[k];
        if (o->type == OT_ENUM)
            *(int *)((char *)out + o->offset) = -1;
        if (o->def && set_value_checked(cmd, o, (char *)o->def, out, err, false) < 0)
            return -1;
    }

    for (i = 0; i < argc; i++) {
        char *w = argv[i];
        const struct opt_def *o = NULL;
        char *val = NULL;
        bool has_inline = false;

        if (!only_words && str_eq(w, "--")) {
            only_words = true;
            continue;
        }
        if (!only_words && w[0] == '-' && w[1] == '-' && w[2]) {
            char name[128];
            const char *eq = strchr(w + 2, '=');
            size_t nl = eq ? (size_t)(eq - w - 2) : strlen(w + 2);
            if (nl >= sizeof(name))
                nl = sizeof(name) - 1;
            memcpy(name, w + 2, nl);
            name[nl] = '\0';
            o = args_find_opt(cmd, name);
            if (!o || o->type == OT_ARGV) {
                char hint[128];
                suggest_option(cmd, name, hint, sizeof(hint));
                return fail(err, "unknown option '--%s' for '%s'%s", name, cmdname, hint);
            }
            if (eq) {
                val = (char *)eq + 1;
                has_inline = true;
            }
        } else if (!only_words && (flags & ARGS_SHORT) && w[0] == '-' && w[1] && w[1] != '-') {
            /* -x, -xVALUE, -x VALUE, and grouped booleans -rq */
            for (size_t k = 1; w[k]; k++) {
                o = find_short(cmd, w[k]);
                if (!o)
                    return fail(err, "unknown option '-%c'", w[k]);
                if (o->type != OT_BOOL) {
                    if (w[k + 1]) {
                        val = w + k + 1;
                        has_inline = true;
                    }
                    break;
                }
                if (w[k + 1]) {
                    size_t idx = (size_t)(o - cmd->opts);
                    if (seen[idx])
                        return fail(err, "option '-%c' given more than once", w[k]);
                    see(&sn, idx);
                    set_value(cmd, o, NULL, out, err);
                    o = NULL;
                }
            }
            if (!o)
                continue;
        } else if (w[0] == '-' && w[1] && !only_words && !(flags & ARGS_SHORT) &&
                   !(w[1] >= '0' && w[1] <= '9')) {
            return fail(err, "unknown option '%s' for '%s' (options start with '--')", w, cmdname);
        } else {
            /* A word: fill the next unset positional option. */
            if (flags & ARGS_STOP_AT_WORD)
                break;
            for (size_t k = 0; k < nopts; k++) {
                const struct opt_def *p = &cmd->opts[k];
                if (!args_opt_positional(p))
                    continue;
                if (p->type == OT_ARGV || !seen[k]) {
                    o = p;
                    break;
                }
            }
            if (!o)
                return fail(err, "unexpected argument '%s' for '%s'", w, cmdname);
            size_t idx = (size_t)(o - cmd->opts);
            if (o->type == OT_ARGV) {
                /* Everything from here on belongs to it. */
                for (; i < argc; i++) {
                    if (!only_words && str_eq(argv[i], "--")) {
                        only_words = true;
                        continue;
                    }
                    set_value(cmd, o, argv[i], out, err);
                }
                see(&sn, idx);
                break;
            }
            see(&sn, idx);
            if (set_value(cmd, o, w, out, err) < 0)
                return -1;
            continue;
        }

        size_t idx = (size_t)(o - cmd->opts);
        if (seen[idx] && o->type != OT_LIST)
            return fail(err, "option '--%s' given more than once", o->name);
        see(&sn, idx);
        if (o->type == OT_BOOL) {
            if (has_inline)
                return fail(err, "option '--%s' takes no value", o->name);
            set_value(cmd, o, NULL, out, err);
            continue;
        }
        if (!has_inline && o->implicit) {
            /* Optional value: only a following number is taken as one. */
            long long ignored;
            if (i + 1 < argc && parse_ll(argv[i + 1], LLONG_MIN, LLONG_MAX, &ignored) == 0)
                val = argv[++i];
            else
                val = (char *)o->implicit;
        } else if (!has_inline) {
            if (i + 1 >= argc)
                return fail(err, "option '--%s' needs a value", o->name);
            val = argv[++i];
        }
        if (set_value(cmd, o, val, out, err) < 0)
            return -1;
    }

    if (check_constraints(cmd, &sn, err) < 0)
        return -1;
    return i;
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
