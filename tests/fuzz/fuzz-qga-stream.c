/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer target for the guest agent stream parser (src/qga-stream.c).
 *
 * The first input byte picks a chunk size; the rest is the byte stream,
 * ended by a 0xFF.  The stream is parsed twice, whole and in chunks, and the
 * two event sequences must agree (garbage runs merged).  Reported ranges must
 * be increasing, non-overlapping and only white space may lie between them.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -Isrc \
 *       tests/fuzz/fuzz-qga-stream.c src/qga-stream.c src/util.c \
 *       $(pkg-config --cflags --libs json-c) -o fuzz-qga-stream
 *   ./fuzz-qga-stream tests/fuzz/corpus-qga-stream
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest/qga-stream.h"
#include "fuzz.h"

#define MAX_EVENTS 4096

struct rec {
    enum qga_stream_event_type type;
    size_t offset, len;
    char *json; /* VALUE */
};

struct log {
    struct rec ev[MAX_EVENTS];
    size_t n;
    size_t next; /* end of the last reported range */
    size_t size; /* of the input (the final 0xFF is at this offset) */
};

static int is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void record(struct log *l, const struct qga_stream_event *ev, const uint8_t *data)
{
    check(ev->offset >= l->next, "events out of order");
    for (size_t i = l->next; i < ev->offset; i++)
        check(i < l->size && is_space(data[i]), "unreported bytes that are not white space");
    check(ev->len > 0 || ev->type == QGA_STREAM_VALUE, "empty event");
    if (ev->type == QGA_STREAM_SENTINEL)
        check(ev->len == 1 && (ev->offset == l->size || data[ev->offset] == 0xff),
              "sentinel is not a 0xFF");
    if (ev->type == QGA_STREAM_VALUE)
        for (size_t i = ev->offset; i < ev->offset + ev->len; i++)
            check(i < l->size && data[i] != 0xff && data[i] != 0, "value covers a 0xFF or NUL");
    l->next = ev->offset + ev->len;

    struct rec *last = l->n ? &l->ev[l->n - 1] : NULL;
    if (ev->type == QGA_STREAM_GARBAGE && last && last->type == QGA_STREAM_GARBAGE &&
        last->offset + last->len == ev->offset) {
        last->len += ev->len;
        return;
    }
    if (l->n == MAX_EVENTS)
        return;
    struct rec *r = &l->ev[l->n++];
    r->type = ev->type;
    r->offset = ev->offset;
    r->len = ev->len;
    r->json = NULL;
    if (ev->type == QGA_STREAM_VALUE) {
        r->json = strdup(json_object_to_json_string_ext(ev->value, JSON_C_TO_STRING_PLAIN));
        check(r->json != NULL, "strdup");
    }
}

static void parse(const uint8_t *data, size_t size, size_t chunk, struct log *l)
{
    struct qga_stream *s = qga_stream_new(1024);
    struct qga_stream_event ev;
    l->n = 0;
    l->next = 0;
    l->size = size;
    for (size_t i = 0; i < size + chunk; i += chunk) {
        size_t n = size - i < chunk ? size - i : chunk;
        if (i >= size) {
            /* The end: a final 0xFF settles whatever is pending (json-c may
             * stop at a different byte of a broken number depending on the
             * split, but not reach a different verdict). */
            check(l->next + qga_stream_pending(s) <= size, "pending bytes overlap reported ones");
            for (size_t k = l->next; k < size - qga_stream_pending(s); k++)
                check(is_space(data[k]), "unreported bytes that are not white space");
            qga_stream_feed(s, "\xff", 1);
        } else {
            qga_stream_feed(s, data + i, n);
        }
        while (qga_stream_next(s, &ev) != QGA_STREAM_NEED_MORE) {
            record(l, &ev, data);
            json_object_put(ev.value);
        }
    }
    check(qga_stream_pending(s) == 0 && qga_stream_idle(s), "input left after the final 0xFF");
    qga_stream_free(s);
}

static void clear(struct log *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->ev[i].json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct log whole, split;
    if (size < 1)
        return 0;
    size_t chunk = (size_t)(data[0] % 17) + 1;
    data++;
    size--;

    parse(data, size, size ? size : 1, &whole);
    parse(data, size, chunk, &split);
    check(whole.n == split.n, "split changes the number of events");
    for (size_t i = 0; i < whole.n; i++) {
        struct rec *a = &whole.ev[i], *b = &split.ev[i];
        check(a->type == b->type && a->offset == b->offset && a->len == b->len,
              "split changes an event");
        check(!a->json == !b->json && (!a->json || strcmp(a->json, b->json) == 0),
              "split changes a value");
    }
    clear(&whole);
    clear(&split);
    return 0;
}
