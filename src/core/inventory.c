/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/inventory.h"

#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "core/suggest.h"
#include "core/util.h"

static bool name_ok(const char *s)
{
    if (!*s || *s == '-' || *s == '.')
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
            return false;
    return true;
}

const struct inv_host *inventory_find(const struct inventory *inv, const char *name)
{
    for (size_t i = 0; i < inv->n; i++)
        if (str_eq(inv->h[i].name, name))
            return &inv->h[i];
    return NULL;
}

static struct inv_host *add_host(struct inventory *inv, const char *name, const char *uri)
{
    inv->h = xrealloc(inv->h, (inv->n + 1) * sizeof(*inv->h));
    struct inv_host *h = &inv->h[inv->n++];
    *h = (struct inv_host){ .name = xstrdup(name), .uri = xstrdup(uri) };
    return h;
}

/* Split a line into blank-separated words, a '#' word ending it. */
static void line_words(char *line, struct strv *ret)
{
    char *save = NULL;
    for (char *w = strtok_r(line, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
        if (*w == '#')
            break;
        strv_add(ret, w);
    }
}

static void remove_host(struct inventory *inv, size_t i)
{
    free(inv->h[i].name);
    free(inv->h[i].uri);
    strv_free(&inv->h[i].groups);
    memmove(&inv->h[i], &inv->h[i + 1], (inv->n - i - 1) * sizeof(*inv->h));
    inv->n--;
}

static int hosts_line(struct inventory *inv, struct strv *w, const char *path, unsigned lineno,
                      char *why, size_t len)
{
    if (w->n < 2)
        return errbuf(why, len, "'%s':%u: expected a name and a URI", path, lineno);
    if (!name_ok(w->v[0]))
        return errbuf(why, len, "'%s':%u: invalid host name '%s': use letters, digits, '_', "
                      "'-' and '.'", path, lineno, w->v[0]);
    const struct inv_host *old = inventory_find(inv, w->v[0]);
    if (old && !old->alias)
        return errbuf(why, len, "'%s':%u: host '%s' is named twice", path, lineno, w->v[0]);
    if (old) /* the hosts file wins over a libvirt alias of the same name */
        remove_host(inv, (size_t)(old - inv->h));
    struct inv_host *h = add_host(inv, w->v[0], w->v[1]);
    for (size_t i = 2; i < w->n; i++) {
        const char *g = w->v[i][0] == '@' ? w->v[i] + 1 : w->v[i];
        if (!name_ok(g) || str_eq(g, "all"))
            return errbuf(why, len, "'%s':%u: invalid group name '%s'", path, lineno, w->v[i]);
        if (!strv_contains(&h->groups, g))
            strv_add(&h->groups, g);
    }
    return 0;
}

int inventory_parse_hosts(struct inventory *inv, const char *text, const char *path, char *why,
                          size_t len)
{
    _cleanup_free_ char *copy = xstrdup(text);
    char *next;
    unsigned lineno = 0;
    for (char *line = copy; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        _cleanup_strv_ struct strv w = { 0 };
        line_words(line, &w);
        if (w.n && hosts_line(inv, &w, path, lineno, why, len) < 0)
            return -1;
    }
    return 0;
}

/* The next quoted string of a virConf list at *p; NULL at its end or on
 * anything else (then *bad). */
static char *conf_string(const char **p, bool *bad)
{
    const char *s = *p;
    for (;;) {
        while (isspace((unsigned char)*s) || *s == ',')
            s++;
        if (*s != '#')
            break;
        s += strcspn(s, "\n");
    }
    if (*s == ']') {
        *p = s + 1;
        return NULL;
    }
    if (*s != '"' && *s != '\'') {
        *bad = true;
        return NULL;
    }
    char q = *s++;
    const char *end = strchr(s, q);
    if (!end) {
        *bad = true;
        return NULL;
    }
    *p = end + 1;
    return xstrndup(s, (size_t)(end - s));
}

/* The list after "uri_aliases =" at s (past its '['): its NAME=URI entries. */
static const char *alias_list(struct inventory *inv, const char *s, bool *bad)
{
    char *entry;
    while ((entry = conf_string(&s, bad))) {
        char *eq = strchr(entry, '=');
        if (eq) {
            *eq = '\0';
            if (name_ok(entry) && !inventory_find(inv, entry))
                add_host(inv, entry, eq + 1)->alias = true;
        }
        free(entry);
    }
    return s;
}

int inventory_parse_libvirt(struct inventory *inv, const char *text, const char *path, char *why,
                            size_t len)
{
    const char *line = text;
    while (line && *line) {
        const char *s = line + strspn(line, " \t");
        const char *nl = strchr(line, '\n');
        line = nl ? nl + 1 : NULL;
        if (!str_startswith(s, "uri_aliases"))
            continue;
        s += strlen("uri_aliases");
        s += strspn(s, " \t");
        if (*s != '=')
            continue;
        s += 1 + strspn(s + 1, " \t\n");
        if (*s != '[')
            return errbuf(why, len, "'%s': uri_aliases is not a list", path);
        bool bad = false;
        s = alias_list(inv, s + 1, &bad);
        if (bad)
            return errbuf(why, len, "'%s': cannot read the uri_aliases list", path);
        line = s;
    }
    return 0;
}

/* $XDG_CONFIG_HOME/SUB, or ~/.config/SUB. */
static char *config_path(const char *sub)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg)
        return xasprintf("%s/%s", xdg, sub);
    const char *home = getenv("HOME");
    return xasprintf("%s/.config/%s", home ? home : "", sub);
}

/* A file's text; NULL if it does not exist (-1 in *rc on another error). */
static char *read_config(const char *path, int *rc, char *why, size_t len)
{
    char *text = read_file(path, NULL);
    *rc = 0;
    if (!text && errno != ENOENT)
        *rc = errbuf(why, len, "cannot read '%s': %s", path, strerror(errno));
    return text;
}

int inventory_load(struct inventory *inv, char *why, size_t len)
{
    int rc;
    *inv = (struct inventory){ 0 };
    /* Where libvirt itself reads it: as root the system file, else the user's. */
    inv->libvirt_path = geteuid() == 0 ? xstrdup("/etc/libvirt/libvirt.conf")
                                       : config_path("libvirt/libvirt.conf");
    inv->path = config_path("virtsh/hosts");
    _cleanup_free_ char *lv = read_config(inv->libvirt_path, &rc, why, len);
    if (rc < 0 || (lv && inventory_parse_libvirt(inv, lv, inv->libvirt_path, why, len) < 0))
        return -1;
    _cleanup_free_ char *hosts = read_config(inv->path, &rc, why, len);
    if (rc < 0 || (hosts && inventory_parse_hosts(inv, hosts, inv->path, why, len) < 0))
        return -1;
    return 0;
}

void inventory_free(struct inventory *inv)
{
    for (size_t i = 0; i < inv->n; i++) {
        free(inv->h[i].name);
        free(inv->h[i].uri);
        strv_free(&inv->h[i].groups);
    }
    free(inv->h);
    free(inv->path);
    free(inv->libvirt_path);
    *inv = (struct inventory){ 0 };
}

void inventory_groups(const struct inventory *inv, struct strv *ret)
{
    for (size_t i = 0; i < inv->n; i++)
        for (size_t k = 0; k < inv->h[i].groups.n; k++)
            strv_add(ret, inv->h[i].groups.v[k]);
    strv_sort(ret, true);
}

void selection_add(struct selection *sel, const char *name, const char *uri)
{
    for (size_t i = 0; i < sel->n; i++)
        if (str_eq(sel->h[i].name, name))
            return;
    sel->h = xrealloc(sel->h, (sel->n + 1) * sizeof(*sel->h));
    sel->h[sel->n++] = (struct host_sel){ xstrdup(name), xstrdup(uri) };
}

static void select_host(struct selection *sel, const struct inv_host *h)
{
    /* An alias goes to virConnectOpen as it is: libvirt resolves it. */
    selection_add(sel, h->name, h->alias ? h->name : h->uri);
}

static int select_group(const struct inventory *inv, const char *g, struct selection *sel,
                        char *why, size_t len)
{
    bool any = false;
    for (size_t i = 0; i < inv->n; i++) {
        if (str_eq(g, "all") || strv_contains(&inv->h[i].groups, g)) {
            select_host(sel, &inv->h[i]);
            any = true;
        }
    }
    if (any)
        return 0;
    if (str_eq(g, "all"))
        return errbuf(why, len, "no hosts known for '@all': see 'hosts' for the files read");
    _cleanup_strv_ struct strv groups = { 0 };
    inventory_groups(inv, &groups);
    const char *hint = suggest_among(g, (const char *const *)groups.v, groups.n);
    if (hint)
        return errbuf(why, len, "unknown host group '@%s'; did you mean '@%s'?", g, hint);
    return errbuf(why, len, "unknown host group '@%s'", g);
}

static int select_name(const struct inventory *inv, const char *w, struct selection *sel,
                       char *why, size_t len)
{
    const struct inv_host *h = inventory_find(inv, w);
    if (h) {
        select_host(sel, h);
        return 0;
    }
    if (strchr(w, ':')) { /* a URI: by its inventory name if it has one */
        for (size_t i = 0; i < inv->n; i++) {
            if (str_eq(inv->h[i].uri, w)) {
                select_host(sel, &inv->h[i]);
                return 0;
            }
        }
        selection_add(sel, w, w);
        return 0;
    }
    struct suggest s;
    suggest_init(&s, w);
    for (size_t i = 0; i < inv->n; i++)
        suggest_consider(&s, inv->h[i].name);
    if (suggest_result(&s))
        return errbuf(why, len, "unknown host '%s'; did you mean '%s'?", w, suggest_result(&s));
    return errbuf(why, len, "unknown host '%s': not in '%s' nor a libvirt alias", w, inv->path);
}

int inventory_select(const struct inventory *inv, const char *spec, struct selection *sel,
                     char *why, size_t len)
{
    _cleanup_free_ char *copy = xstrdup(spec);
    char *save = NULL;
    bool any = false;
    for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        w += strspn(w, " \t");
        if (!*w)
            continue;
        any = true;
        int rc = *w == '@' ? select_group(inv, w + 1, sel, why, len)
                           : select_name(inv, w, sel, why, len);
        if (rc < 0)
            return -1;
    }
    if (!any)
        return errbuf(why, len, "no host named in '%s'", spec);
    return 0;
}

const char *inventory_uri_of(const struct inventory *inv, const char *name)
{
    const struct inv_host *h = inventory_find(inv, name);
    return h && !h->alias ? h->uri : name;
}

int selection_add_lenient(const struct inventory *inv, const char *word, struct selection *sel,
                          char *why, size_t len)
{
    if (*word == '@' || strchr(word, ',') || inventory_find(inv, word) || strchr(word, ':'))
        return inventory_select(inv, word, sel, why, len);
    selection_add(sel, word, word);
    return 0;
}

void selection_free(struct selection *sel)
{
    for (size_t i = 0; i < sel->n; i++) {
        free(sel->h[i].name);
        free(sel->h[i].uri);
    }
    free(sel->h);
    *sel = (struct selection){ 0 };
}
