/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* qga-stream.c - incremental parser of the guest agent byte stream. */
#include "guest/qga-stream.h"

#include <stdbool.h>
#include <string.h>

#include "core/util.h"

struct qga_stream {
    struct json_tokener *tok;
    size_t max_value;
    unsigned char *buf;
    size_t cap;
    size_t start;    /* first byte not yet reported */
    size_t len;      /* end of the bytes fed */
    size_t fed;      /* bytes from start already given to the tokener */
    bool in_value;   /* the fed bytes hold more than white space */
    size_t scan;     /* [start + fed, scan) has no 0xFF or NUL */
    size_t word;     /* [word, scan) is a run of word characters */
    /* Dropping bytes: after a syntax error up to the next '{', after an
     * oversized value up to and including the next newline. */
    enum { SKIP_NONE, SKIP_TO_BRACE, SKIP_LINE } skip;
    size_t base;     /* stream offset of buf[0] */
    /* Garbage dropped and not yet reported: [gstart, gstart + glen). */
    size_t gstart, glen;
    /* A value found while garbage was pending; reported right after it. */
    bool stashed;
    struct json_object *stash;
    size_t stash_offset, stash_len;
};

static struct json_tokener *new_tokener(void)
{
    struct json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS);
    return tok;
}

struct qga_stream *qga_stream_new(size_t max_value)
{
    struct qga_stream *s = xcalloc(1, sizeof(*s));
    s->tok = new_tokener();
    /* json_tokener_parse_ex takes an int length. */
    s->max_value = max_value && max_value < (1u << 30) ? max_value : QGA_STREAM_DEFAULT_MAX;
    return s;
}

void qga_stream_free(struct qga_stream *s)
{
    if (!s)
        return;
    json_tokener_free(s->tok);
    json_object_put(s->stash);
    free(s->buf);
    free(s);
}

void qga_stream_feed(struct qga_stream *s, const void *data, size_t n)
{
    if (!n)
        return;
    if (s->start == s->len && s->cap > (1u << 20)) {
        /* Idle after a big value: give the memory back. */
        free(s->buf);
        s->buf = NULL;
        s->cap = 0;
        s->base += s->start;
        s->start = s->len = s->scan = s->word = 0;
    }
    if (s->start > 0 && (s->start == s->len || s->len + n > s->cap)) {
        /* Drop what was reported already. */
        memmove(s->buf, s->buf + s->start, s->len - s->start);
        s->base += s->start;
        s->len -= s->start;
        s->scan -= s->scan > s->start ? s->start : s->scan;
        s->word -= s->word > s->start ? s->start : s->word;
        s->start = 0;
    }
    if (s->len + n > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n)
            cap *= 2;
        s->buf = xrealloc(s->buf, cap);
        s->cap = cap;
    }
    memcpy(s->buf + s->len, data, n);
    s->len += n;
}

void qga_stream_reset(struct qga_stream *s)
{
    json_tokener_reset(s->tok);
    json_object_put(s->stash);
    s->stash = NULL;
    s->stashed = false;
    s->base += s->len;
    s->start = s->len = s->fed = 0;
    s->scan = s->word = 0;
    s->in_value = false;
    s->glen = 0;
    s->skip = SKIP_NONE;
}

size_t qga_stream_pending(const struct qga_stream *s)
{
    return s->len - s->start;
}

const char *qga_stream_event_name(enum qga_stream_event_type t)
{
    switch (t) {
    case QGA_STREAM_NEED_MORE: return "need-more";
    case QGA_STREAM_VALUE: return "value";
    case QGA_STREAM_SENTINEL: return "sentinel";
    case QGA_STREAM_GARBAGE: return "garbage";
    }
    return "?";
}

static bool all_space(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return false;
    return true;
}

bool qga_stream_idle(const struct qga_stream *s)
{
    if (s->stashed || s->glen || s->skip != SKIP_NONE)
        return false;
    return s->start == s->len || all_space(s->buf + s->start, s->len - s->start);
}

/* Characters of numbers and literals. */
static bool is_word(unsigned char b)
{
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
           b == '+' || b == '-' || b == '.';
}

/* Strict UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF).  json-c's own check fails on valid text at a chunk boundary or
 * right after a value, so whole values are checked here instead. */
static bool utf8_valid(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = p[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned lo = 0x80, hi = 0xbf; /* range of the second byte */
        if (b >= 0xc2 && b <= 0xdf)
            need = 1;
        else if (b >= 0xe0 && b <= 0xef) {
            need = 2;
            if (b == 0xe0)
                lo = 0xa0;
            else if (b == 0xed)
                hi = 0x9f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            need = 3;
            if (b == 0xf0)
                lo = 0x90;
            else if (b == 0xf4)
                hi = 0x8f;
        } else
            return false;
        if (n - i <= need)
            return false;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= need; k++)
            if ((p[i + k] & 0xc0) != 0x80)
                return false;
        i += need + 1;
    }
    return true;
}

/* Drop buf[start, start + n) as garbage. */
static void drop_garbage(struct qga_stream *s, size_t n)
{
    if (!n)
        return;
    if (!s->glen)
        s->gstart = s->base + s->start;
    s->glen += n;
    s->start += n;
}

static enum qga_stream_event_type emit_garbage(struct qga_stream *s, struct qga_stream_event *ev)
{
    ev->type = QGA_STREAM_GARBAGE;
    ev->offset = s->gstart;
    ev->len = s->glen;
    s->glen = 0;
    return ev->type;
}

static void restart(struct qga_stream *s)
{
    json_tokener_reset(s->tok);
    s->fed = 0;
    s->in_value = false;
}

/* Feed buf[pos, end) to the tokener.  True when that makes an event
 * (in *ev), false to go on scanning. */
static bool feed(struct qga_stream *s, size_t pos, size_t end, struct qga_stream_event *ev)
{
    if (end - s->start > s->max_value)
        end = s->start + s->max_value + 1; /* feed just enough to exceed */
    struct json_object *v =
        json_tokener_parse_ex(s->tok, (const char *)s->buf + pos, (int)(end - pos));
    enum json_tokener_error jerr = json_tokener_get_error(s->tok);
    if (jerr == json_tokener_success &&
        !utf8_valid(s->buf + s->start, pos + json_tokener_get_parse_end(s->tok) - s->start)) {
        json_object_put(v);
        jerr = json_tokener_error_parse_utf8_string;
    }
    if (jerr == json_tokener_success) {
        size_t vend = pos + json_tokener_get_parse_end(s->tok);
        /* json-c eats the white space after a value when it is
         * there: leave it, so lengths do not depend on the split. */
        while (vend > s->start && all_space(s->buf + vend - 1, 1))
            vend--;
        size_t voff = s->base + s->start, vlen = vend - s->start;
        s->start = vend;
        restart(s);
        if (s->glen) {
            s->stashed = true;
            s->stash = v;
            s->stash_offset = voff;
            s->stash_len = vlen;
            emit_garbage(s, ev);
            return true;
        }
        ev->type = QGA_STREAM_VALUE;
        ev->value = v;
        ev->offset = voff;
        ev->len = vlen;
        return true;
    }
    if (jerr == json_tokener_continue) {
        s->fed = end - s->start;
        if (s->fed > s->max_value) {
            /* Too big: drop it and the rest of its line, rather
             * than parse the objects nested inside it. */
            drop_garbage(s, s->fed);
            restart(s);
            s->skip = SKIP_LINE;
        }
        return false;
    }
    /* A syntax error: resume at the next '{' after the start. */
    drop_garbage(s, 1);
    restart(s);
    s->skip = SKIP_TO_BRACE;
    return false;
}

/* A 0xFF or NUL at pos ends the value in progress.  True when that makes an
 * event (in *ev), false to go on scanning. */
static bool at_delimiter(struct qga_stream *s, size_t pos, struct qga_stream_event *ev)
{
    s->skip = SKIP_NONE;
    if (s->fed) {
        if (!all_space(s->buf + s->start, s->fed)) {
            drop_garbage(s, s->fed);
        } else if (s->glen) {
            emit_garbage(s, ev); /* keep garbage ranges exact */
            return true;
        } else {
            s->start += s->fed; /* white space is no garbage */
        }
    }
    restart(s);
    if (s->buf[pos] == 0) {
        drop_garbage(s, 1);
        return false;
    }
    if (s->glen) {
        emit_garbage(s, ev);
        return true;
    }
    ev->type = QGA_STREAM_SENTINEL;
    ev->offset = s->base + pos;
    ev->len = 1;
    s->start++;
    return true;
}

enum qga_stream_event_type qga_stream_next(struct qga_stream *s, struct qga_stream_event *ev)
{
    *ev = (struct qga_stream_event){ 0 };

    if (s->stashed) {
        s->stashed = false;
        ev->type = QGA_STREAM_VALUE;
        ev->value = TAKE_PTR(s->stash);
        ev->offset = s->stash_offset;
        ev->len = s->stash_len;
        return ev->type;
    }

    for (;;) {
        size_t pos = s->start + s->fed;
        /* Find the next 0xFF or NUL, scanning each byte once. */
        if (s->scan < pos)
            s->scan = s->word = pos;
        while (s->scan < s->len && s->buf[s->scan] != 0xff && s->buf[s->scan] != 0) {
            if (!is_word(s->buf[s->scan]))
                s->word = s->scan + 1;
            s->scan++;
        }
        size_t end = s->scan;

        if (pos < end && s->skip != SKIP_NONE) {
            /* fed is 0 here: pos is start */
            int stop = s->skip == SKIP_LINE ? '\n' : '{';
            const unsigned char *hit = memchr(s->buf + pos, stop, end - pos);
            size_t n = hit ? (size_t)(hit - (s->buf + pos)) : end - pos;
            if (hit && stop == '\n')
                n++;
            drop_garbage(s, n);
            if (hit)
                s->skip = SKIP_NONE;
            continue;
        }
        bool delim = end < s->len;
        /* json-c resumes a number split across two calls without checking
         * it again ("60" then "-}" parses as 60): never end a chunk inside
         * a word (number or literal), the rest of it is still to come. */
        if (!delim && s->len - s->start <= s->max_value)
            end = s->word > pos ? s->word : pos;
        if (pos < end && !s->in_value) {
            /* Every agent message is an object: anything else at the top
             * level is garbage (and json-c's scalars at a chunk boundary
             * are unreliable anyway). */
            size_t k = pos;
            while (k < end && all_space(s->buf + k, 1))
                k++;
            if (k < end && s->buf[k] != '{') {
                drop_garbage(s, k + 1 - s->start);
                restart(s);
                s->skip = SKIP_TO_BRACE;
                continue;
            }
            s->in_value = k < end;
        }
        if (pos < end) {
            if (feed(s, pos, end, ev))
                return ev->type;
            continue;
        }
        if (delim) {
            if (at_delimiter(s, pos, ev))
                return ev->type;
            continue;
        }
        if (s->glen)
            return emit_garbage(s, ev);
        return QGA_STREAM_NEED_MORE;
    }
}
