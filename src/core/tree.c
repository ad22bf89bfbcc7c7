/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/tree.h"

#include "core/strbuf.h"
#include "core/util.h"

/* The nodes' children as linked lists in index order: first[i] the first
 * child of i, next[i] the sibling after i (-1: none). */
struct tree {
    size_t n;
    const char *const *names;
    long *first, *next;
    struct strbuf out, indent;
};

/* One node and, below it, its subtree.  `last` is whether it is the last
 * child of its parent; a root draws no branch of its own. */
static void draw(struct tree *t, long i, bool root, bool last)
{
    strbuf_printf(&t->out, "%s%s%s\n", strbuf_str(&t->indent), root ? "" : "+- ", t->names[i]);
    size_t base = t->indent.len;
    if (!root)
        strbuf_add(&t->indent, last ? "  " : "| ");
    if (t->first[i] >= 0)
        strbuf_printf(&t->out, "%s  |\n", strbuf_str(&t->indent));
    size_t mid = t->indent.len;
    strbuf_add(&t->indent, "  ");
    for (long c = t->first[i]; c >= 0; c = t->next[c])
        draw(t, c, false, t->next[c] < 0);
    t->indent.len = mid;
    t->indent.s[mid] = '\0';
    if (t->first[i] < 0 && last)
        strbuf_printf(&t->out, "%s\n", strbuf_str(&t->indent));
    t->indent.len = base;
    if (t->indent.s)
        t->indent.s[base] = '\0';
}

char *tree_text(size_t n, const char *const *names, const long *parent)
{
    struct tree t = { .n = n, .names = names };
    t.first = xcalloc(n + 1, sizeof(long));
    t.next = xcalloc(n + 1, sizeof(long));
    long *tail = xcalloc(n + 1, sizeof(long));
    for (size_t i = 0; i < n; i++)
        t.first[i] = t.next[i] = tail[i] = -1;
    for (size_t i = 0; i < n; i++) {
        long p = parent[i];
        if (p < 0 || (size_t)p >= n || (size_t)p == i)
            continue;
        if (tail[p] < 0)
            t.first[p] = (long)i;
        else
            t.next[tail[p]] = (long)i;
        tail[p] = (long)i;
    }
    strbuf_add(&t.indent, "");
    for (size_t i = 0; i < n; i++) {
        long p = parent[i];
        if (p < 0 || (size_t)p >= n || (size_t)p == i)
            draw(&t, (long)i, true, true);
    }
    free(tail);
    free(t.first);
    free(t.next);
    strbuf_free(&t.indent);
    return strbuf_steal(&t.out);
}
