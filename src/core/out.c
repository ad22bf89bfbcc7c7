/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/out.h"

#include <string.h>
#include <wchar.h>

#include "core/strbuf.h"

const char *out_word_text(const struct out_word *words, const char *word)
{
    for (const struct out_word *w = words; w && w->json; w++)
        if (str_eq(w->json, word))
            return w->text;
    return word;
}

char *out_format_value(struct json_object *v, enum out_fmt fmt, const struct out_word *words)
{
    if (!v)
        return xstrdup(fmt == FMT_TEXT ? "" : "-");
    switch (fmt) {
    case FMT_YESNO:
        return xstrdup(json_object_get_boolean(v) ? "yes" : "no");
    case FMT_ENABLE:
        return xstrdup(json_object_get_boolean(v) ? "enable" : "disable");
    case FMT_KIB:
        return xasprintf("%lld KiB", (long long)json_object_get_int64(v));
    case FMT_MHZ:
        return xasprintf("%lld MHz", (long long)json_object_get_int64(v));
    case FMT_WORDS:
        return xstrdup(out_word_text(words, json_object_get_string(v)));
    case FMT_SECONDS:
        return xasprintf("%.1fs", (double)json_object_get_uint64(v) / 1e9);
    case FMT_PLAIN:
    case FMT_TEXT:
        break;
    }
    if (json_object_is_type(v, json_type_boolean))
        return xstrdup(json_object_get_boolean(v) ? "yes" : "no");
    if (json_object_is_type(v, json_type_array) || json_object_is_type(v, json_type_object))
        return xstrdup(json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
    return xstrdup(json_object_get_string(v));
}

/* Display width of a UTF-8 string (columns), so non-ASCII names align. */
static size_t text_width(const char *s)
{
    mbstate_t st = { 0 };
    size_t w = 0;
    const char *p = s;
    size_t left = strlen(s);
    while (left) {
        if ((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7f) {
            p++, left--, w++; /* printable ASCII: one column, no conversion */
            continue;
        }
        wchar_t wc;
        size_t n = mbrtowc(&wc, p, left, &st);
        if (n == (size_t)-1 || n == (size_t)-2) {
            /* Invalid UTF-8: count the byte as one column. */
            p++, left--, w++;
            memset(&st, 0, sizeof(st));
            continue;
        }
        if (n == 0)
            break;
        int cw = wcwidth(wc);
        w += cw > 0 ? (size_t)cw : 0;
        p += n, left -= n;
    }
    return w;
}

static void pad(FILE *fp, size_t n)
{
    while (n--)
        fputc(' ', fp);
}

/* Length of the valid UTF-8 sequence at p (at most `left` bytes), or 0. */
static size_t utf8_valid_len(const unsigned char *p, size_t left)
{
    size_t n;
    unsigned int cp;
    if (p[0] < 0x80)
        return 1;
    if ((p[0] & 0xe0) == 0xc0)
        n = 2, cp = p[0] & 0x1f;
    else if ((p[0] & 0xf0) == 0xe0)
        n = 3, cp = p[0] & 0x0f;
    else if ((p[0] & 0xf8) == 0xf0)
        n = 4, cp = p[0] & 0x07;
    else
        return 0;
    if (n > left)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3f);
    }
    /* No overlong forms, no surrogates, nothing past U+10FFFF. */
    static const unsigned int min[] = { 0, 0, 0x80, 0x800, 0x10000 };
    if (cp < min[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
        return 0;
    return n;
}

/* json-c's indented text as virsh 9.0 lays it out: an empty object or
 * array has an empty line inside ("{\n\n  }").  A structural bracket is the
 * only '{' or '[' a newline follows (a newline in a string is "\n"). */
static char *virsh_indented(const char *s)
{
    struct strbuf b = { 0 };
    for (const char *p = s; *p; p++) {
        strbuf_addc(&b, *p);
        if ((*p == '{' || *p == '[') && p[1] == '\n') {
            size_t sp = strspn(p + 2, " ");
            if (p[2 + sp] == (*p == '{' ? '}' : ']'))
                strbuf_addc(&b, '\n');
        }
    }
    return strbuf_steal(&b);
}

/* The JSON text of obj, invalid UTF-8 replaced, without a newline. */
static void print_json_text(FILE *fp, struct json_object *obj, int flags)
{
    _cleanup_free_ char *indented = NULL;
    const unsigned char *s = (const unsigned char *)json_object_to_json_string_ext(
        obj, flags | JSON_C_TO_STRING_NOSLASHESCAPE);
    if (flags & JSON_C_TO_STRING_PRETTY)
        s = (const unsigned char *)(indented = virsh_indented((const char *)s));
    size_t len = strlen((const char *)s), from = 0; /* valid bytes go out in runs */
    for (size_t i = 0; i < len;) {
        size_t n = utf8_valid_len(s + i, len - i);
        if (n) {
            i += n;
            continue;
        }
        fwrite(s + from, 1, i - from, fp);
        fputs("\xef\xbf\xbd", fp); /* U+FFFD REPLACEMENT CHARACTER */
        from = ++i;
    }
    fwrite(s + from, 1, len - from, fp);
}

void out_print_json(FILE *fp, struct json_object *obj, int flags)
{
    print_json_text(fp, obj, flags);
    fputc('\n', fp);
}

/* ---- multi-host capture (out.h): the sink gets what would be printed ---- */
static void to_sink(struct out *o, struct out_item it)
{
    struct out_item *copy = xmalloc(sizeof(*copy));
    *copy = it;
    copy->obj = json_object_get(it.obj);
    copy->text = it.text ? xstrdup(it.text) : NULL;
    /* The item outlives the command: its columns may be on its stack (the
     * titles and keys are literals, the word tables static). */
    if (it.cols)
        copy->cols = memcpy(xcalloc(it.ncols, sizeof(*it.cols)), it.cols,
                            it.ncols * sizeof(*it.cols));
    if (it.fields)
        copy->fields = memcpy(xcalloc(it.nfields, sizeof(*it.fields)), it.fields,
                              it.nfields * sizeof(*it.fields));
    o->sink(o, copy);
}

void out_item_free(struct out_item *item)
{
    if (!item)
        return;
    json_object_put(item->obj);
    free(item->text);
    free((void *)item->cols);
    free((void *)item->fields);
    free(item);
}

/* The n values make() returns as one array (with keys: rows as objects). */
static struct json_object *collect(size_t n, out_row_fn make, void *opaque,
                                   const char *const *keys, size_t nkeys);
/* ---- end of multi-host capture ---- */

/* One element of a result printed element by element (out_table_gen,
 * out_list_gen): a row object, or a string. */
static int check_element(const struct result_def *r, struct json_object *v, char *why, size_t len)
{
    if (r->shape == RS_ARRAY && json_object_is_type(v, json_type_object))
        return contract_check_row(r, v, why, len);
    if (r->shape == RS_VALUES && (json_object_is_type(v, json_type_string) ||
                                  json_object_is_type(v, json_type_int)))
        return 0;
    if (r->or)
        return check_element(r->or, v, why, len);
    snprintf(why, len, "%s", r->shape == RS_VALUES ? "an element is not a plain value"
                         : r->shape == RS_ARRAY ? "an element is not an object"
                                                : "the result is printed as an array");
    return -1;
}

/* A document (or, with `element`, one element of an array printed element
 * by element) against the running command's declared result. */
static void check_contract(const struct out *o, struct json_object *obj, bool element)
{
    char why[256];
    if (!o->contract || o->mode != OUT_JSON)
        return;
    int rc = element ? check_element(o->contract, obj, why, sizeof(why))
                     : contract_check(o->contract, obj, why, sizeof(why));
    if (rc < 0) {
        fflush(o->fp);
        fprintf(stderr, "contract: %s: %s\n", o->contract_cmd ? o->contract_cmd : "?", why);
    }
}

static void emit_json(struct out *o, struct json_object *obj)
{
    check_contract(o, obj, false);
    out_print_json(o->fp, obj, JSON_C_TO_STRING_PLAIN);
}

void out_json_document(struct out *o, struct json_object *v, bool pretty)
{
    if (o->sink) { /* multi-host capture */
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_DOCUMENT, .obj = v, .pretty = pretty });
        return;
    }
    check_contract(o, v, false);
    out_print_json(o->fp, v, pretty ? JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED
                                                 : JSON_C_TO_STRING_PLAIN);
}

/* The rows of a table, one at a time: a new reference to row r. */
typedef struct json_object *(*row_fn)(void *opaque, size_t r);
/* A cell of a row: from an object by key, or from an array by position. */
typedef struct json_object *(*cell_fn)(struct json_object *row, size_t col, const void *ctx);

struct by_key {
    const struct out_col *cols;
};

static struct json_object *cell_by_key(struct json_object *row, size_t col, const void *ctx)
{
    const struct by_key *k = ctx;
    struct json_object *v = NULL;
    json_object_object_get_ex(row, k->cols[col].key, &v);
    return v;
}

struct by_index {
    const size_t *index; /* column -> position in the row array */
};

static struct json_object *cell_by_index(struct json_object *row, size_t col, const void *ctx)
{
    const struct by_index *k = ctx;
    return json_object_array_get_idx(row, k->index[col]);
}

/* The column titles and the rule under them. */
static void render_heading(struct out *o, const struct out_col *cols, size_t ncols,
                           const size_t *width)
{
    size_t total = 0;
    for (size_t c = 0; c < ncols; c++) {
        fputc(' ', o->fp);
        fputs(cols[c].title, o->fp);
        if (c + 1 < ncols)
            pad(o->fp, width[c] - text_width(cols[c].title) + 2);
        total += width[c] + 3;
    }
    fputc('\n', o->fp);
    for (size_t i = 0; i < total; i++)
        fputc('-', o->fp);
    fputc('\n', o->fp);
}

/* virsh's layout: one leading blank, three between columns, a rule under the
 * heading; under -q the rows alone, as wide as they need.  Rows are made and
 * cells formatted twice (to measure, then to print) rather than kept: a
 * listing of thousands of rows stays small. */
static void render_table(struct out *o, size_t nrows, row_fn row, void *rows,
                         const struct out_col *cols, size_t ncols, cell_fn cell, const void *ctx)
{
    size_t *width = xcalloc(ncols, sizeof(*width));

    for (size_t c = 0; c < ncols && !o->quiet; c++)
        width[c] = text_width(cols[c].title);
    for (size_t r = 0; r < nrows; r++) {
        _cleanup_json_ struct json_object *v = row(rows, r);
        for (size_t c = 0; c < ncols; c++) {
            _cleanup_free_ char *s = out_format_value(cell(v, c, ctx), cols[c].fmt, cols[c].words);
            size_t w = text_width(s);
            if (w > width[c])
                width[c] = w;
        }
    }

    if (!o->quiet)
        render_heading(o, cols, ncols, width);
    for (size_t r = 0; r < nrows; r++) {
        _cleanup_json_ struct json_object *v = row(rows, r);
        for (size_t c = 0; c < ncols; c++) {
            _cleanup_free_ char *s = out_format_value(cell(v, c, ctx), cols[c].fmt, cols[c].words);
            fputc(' ', o->fp);
            fputs(s, o->fp);
            if (c + 1 < ncols)
                pad(o->fp, width[c] - text_width(s) + 2);
        }
        fputc('\n', o->fp);
    }
    free(width);
}

static struct json_object *array_row(void *array, size_t r)
{
    return json_object_get(json_object_array_get_idx(array, r));
}

void out_table(struct out *o, struct json_object *rows, const struct out_col *cols, size_t ncols)
{
    if (o->sink) { /* multi-host capture */
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_TABLE, .obj = rows, .cols = cols, .ncols = ncols });
        return;
    }
    if (o->mode == OUT_JSON) {
        emit_json(o, rows);
        return;
    }
    struct by_key k = { cols };
    render_table(o, json_object_array_length(rows), array_row, rows, cols, ncols, cell_by_key, &k);
}

/* Row `r` (an array of the values of keys) as an object. */
static struct json_object *row_object(struct json_object *row, const char *const *keys, size_t nkeys)
{
    struct json_object *obj = json_object_new_object();
    for (size_t i = 0; i < nkeys; i++)
        json_object_object_add(obj, keys[i], json_object_get(json_object_array_get_idx(row, i)));
    return obj;
}

/* The JSON array of the n values `make` returns, written one element at a
 * time (the same text json-c gives for the whole array); with `keys`, each
 * value is a row array turned into an object with those keys. */
static void stream_json_array(struct out *o, size_t n, out_row_fn make, void *opaque,
                              const char *const *keys, size_t nkeys)
{
    fputc('[', o->fp);
    for (size_t i = 0; i < n; i++) {
        _cleanup_json_ struct json_object *v = make(opaque, i);
        _cleanup_json_ struct json_object *obj = keys ? row_object(v, keys, nkeys) : NULL;
        check_contract(o, obj ? obj : v, true);
        if (i)
            fputc(',', o->fp);
        print_json_text(o->fp, obj ? obj : v, JSON_C_TO_STRING_PLAIN);
    }
    fputs("]\n", o->fp);
}

static struct json_object *collect(size_t n, out_row_fn make, void *opaque,
                                   const char *const *keys, size_t nkeys)
{
    struct json_object *all = json_object_new_array();
    for (size_t i = 0; i < n; i++) {
        _cleanup_json_ struct json_object *v = make(opaque, i);
        json_object_array_add(all, keys ? row_object(v, keys, nkeys) : json_object_get(v));
    }
    return all;
}

void out_table_gen(struct out *o, size_t nrows, out_row_fn row, void *rows, const char *const *keys,
                   size_t nkeys, const struct out_col *cols, size_t ncols)
{
    if (o->sink) { /* multi-host capture */
        _cleanup_json_ struct json_object *all = collect(nrows, row, rows, keys, nkeys);
        out_table(o, all, cols, ncols);
        return;
    }
    if (o->mode == OUT_JSON) {
        stream_json_array(o, nrows, row, rows, keys, nkeys);
        return;
    }
    size_t *index = xcalloc(ncols, sizeof(*index));
    for (size_t c = 0; c < ncols; c++) {
        index[c] = nkeys; /* a column without a key reads as null */
        for (size_t i = 0; i < nkeys; i++)
            if (str_eq(keys[i], cols[c].key))
                index[c] = i;
    }
    struct by_index k = { index };
    render_table(o, nrows, row, rows, cols, ncols, cell_by_index, &k);
    free(index);
}

void out_list_gen(struct out *o, size_t n, out_row_fn value, void *values)
{
    if (o->sink) { /* multi-host capture */
        _cleanup_json_ struct json_object *all = collect(n, value, values, NULL, 0);
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_LIST, .obj = all });
        return;
    }
    if (o->mode == OUT_JSON) {
        stream_json_array(o, n, value, values, NULL, 0);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        _cleanup_json_ struct json_object *v = value(values, i);
        fprintf(o->fp, "%s\n", json_object_get_string(v));
    }
}

void out_fields(struct out *o, struct json_object *obj, const struct out_field *f, size_t nf)
{
    out_fields_at(o, obj, f, nf, 0);
}

void out_fields_at(struct out *o, struct json_object *obj, const struct out_field *f, size_t nf,
                   size_t column)
{
    if (o->sink) { /* multi-host capture (the merge aligns the block itself) */
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_FIELDS, .obj = obj, .fields = f, .nfields = nf });
        return;
    }
    if (o->mode == OUT_JSON) {
        /* A field that does not apply is null, never missing. */
        for (size_t i = 0; i < nf; i++)
            if (!json_object_object_get_ex(obj, f[i].key, NULL))
                json_object_object_add(obj, f[i].key, NULL);
        emit_json(o, obj);
        return;
    }
    size_t w = column ? column - 1 : 0;
    for (size_t i = 0; i < nf; i++) {
        size_t l = text_width(f[i].label) + 1;
        if (l > w)
            w = l;
    }
    for (size_t i = 0; i < nf; i++) {
        struct json_object *v;
        if (!json_object_object_get_ex(obj, f[i].key, &v))
            continue;
        _cleanup_free_ char *s = out_format_value(v, f[i].fmt, f[i].words);
        fprintf(o->fp, "%s:", f[i].label);
        pad(o->fp, w - text_width(f[i].label));
        fprintf(o->fp, "%s\n", s);
    }
}

void out_value(struct out *o, struct json_object *obj, const char *text)
{
    if (o->sink) { /* multi-host capture */
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_VALUE, .obj = obj, .text = (char *)text });
        return;
    }
    if (o->mode == OUT_JSON) {
        emit_json(o, obj);
        return;
    }
    fputs(text, o->fp);
    if (*text && text[strlen(text) - 1] != '\n')
        fputc('\n', o->fp);
}

void out_message(struct out *o, struct json_object *obj, const char *text)
{
    if (o->sink) { /* multi-host capture */
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_MESSAGE, .obj = obj, .text = (char *)text });
        return;
    }
    if (o->mode == OUT_JSON) {
        emit_json(o, obj);
        return;
    }
    if (!o->quiet)
        fprintf(o->fp, "%s\n", text);
}

void out_words(struct out *o, const char *const *words, size_t n)
{
    if (o->sink) { /* multi-host capture */
        _cleanup_json_ struct json_object *all = json_object_new_array();
        for (size_t i = 0; i < n; i++)
            json_object_array_add(all, json_object_new_string(words[i]));
        to_sink(o, (struct out_item){ .kind = OUT_ITEM_LIST, .obj = all });
        return;
    }
    if (o->mode == OUT_JSON) {
        struct json_object *arr = json_object_new_array();
        for (size_t i = 0; i < n; i++)
            json_object_array_add(arr, json_object_new_string(words[i]));
        emit_json(o, arr);
        json_object_put(arr);
        return;
    }
    for (size_t i = 0; i < n; i++)
        fprintf(o->fp, "%s\n", words[i]);
}

void out_xml(struct out *o, const char *xml)
{
    struct json_object *obj = json_object_new_object();
    json_object_object_add(obj, "xml", json_object_new_string(xml));
    out_value(o, obj, xml);
    json_object_put(obj);
}

void out_command_done(struct out *o, bool timing)
{
    if (o->mode == OUT_TEXT && !o->line_ends_command && (!o->quiet || timing))
        fputc('\n', o->fp);
    o->line_ends_command = false;
    fflush(o->fp);
}

void out_line_ends_command(struct out *o)
{
    o->line_ends_command = true;
}
