/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Unit tests of the guest agent stream parser (src/qga-stream.c). */
#include "unit.h"

#include "core/util.h"
#include "guest/qga-stream.h"

/* Appends the event list of `s` to `out`, merging consecutive garbage:
 *   V<json>@off+len   S@off   G@off+len */
struct desc {
    char text[8192];
    size_t len;
    size_t goff, glen; /* garbage being merged */
};

static void desc_add(struct desc *d, const char *fmt, ...) PRINTF(2, 3);
static void desc_add(struct desc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(d->text + d->len, sizeof(d->text) - d->len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof(d->text) - d->len);
    d->len += (size_t)n;
}

static void desc_flush_garbage(struct desc *d)
{
    if (d->glen)
        desc_add(d, "%sG@%zu+%zu", d->len ? " " : "", d->goff, d->glen);
    d->glen = 0;
}

static void drain(struct qga_stream *s, struct desc *d)
{
    struct qga_stream_event ev;
    while (qga_stream_next(s, &ev) != QGA_STREAM_NEED_MORE) {
        if (ev.type == QGA_STREAM_GARBAGE) {
            if (d->glen && d->goff + d->glen == ev.offset) {
                d->glen += ev.len;
            } else {
                desc_flush_garbage(d);
                d->goff = ev.offset;
                d->glen = ev.len;
            }
            assert_true(ev.len > 0);
            continue;
        }
        desc_flush_garbage(d);
        if (ev.type == QGA_STREAM_SENTINEL) {
            assert_int_equal(ev.len, 1);
            desc_add(d, "%sS@%zu", d->len ? " " : "", ev.offset);
        } else {
            /* NULL only for the JSON null */
            desc_add(d, "%sV%s@%zu+%zu", d->len ? " " : "",
                     json_object_to_json_string_ext(ev.value, JSON_C_TO_STRING_PLAIN), ev.offset,
                     ev.len);
            json_object_put(ev.value);
        }
    }
    assert_null(ev.value);
}

/* Feed `in` in chunks of `chunk` bytes, draining after each. */
static void run_chunked(const char *in, size_t len, size_t chunk, size_t max, struct desc *d,
                        size_t *ret_pending)
{
    struct qga_stream *s = qga_stream_new(max);
    memset(d, 0, sizeof(*d));
    for (size_t i = 0; i < len; i += chunk) {
        size_t n = len - i < chunk ? len - i : chunk;
        qga_stream_feed(s, in + i, n);
        drain(s, d);
    }
    desc_flush_garbage(d);
    if (ret_pending)
        *ret_pending = qga_stream_pending(s);
    qga_stream_free(s);
}

/* The events of `in` must be `expected`, however the input is split; and
 * `pending` bytes must remain unreported at the end. */
static void check_max(const char *in, size_t len, size_t max, const char *expected, size_t pending)
{
    struct desc d;
    size_t left;
    for (size_t chunk = len ? len : 1; chunk >= 1; chunk--) {
        run_chunked(in, len, chunk, max, &d, &left);
        if (strcmp(d.text, expected) != 0)
            fail_msg("chunk %zu: got '%s', want '%s'", chunk, d.text, expected);
        assert_int_equal(left, pending);
    }
}

#define check(in, expected, pending) check_max((in), sizeof(in) - 1, 0, (expected), (pending))

static void test_one_object(void **state)
{
    check("{\"return\": {}}\n", "V{\"return\":{}}@0+14", 1);
    check("{\"return\": {}}", "V{\"return\":{}}@0+14", 0);
    check("", "", 0);
    check("  \n", "", 3);
}

static void test_merged(void **state)
{
    check("{\"return\": 1, \"id\": 7}\n{\"return\": {}}\n \t{\"error\": {\"class\": \"X\"}}\n",
          "V{\"return\":1,\"id\":7}@0+22 V{\"return\":{}}@22+15 "
          "V{\"error\":{\"class\":\"X\"}}@37+28",
          1);
    check("{\"a\":1}{\"b\":2}\n\n{}", "V{\"a\":1}@0+7 V{\"b\":2}@7+7 V{}@14+4", 0);
}

static void test_sentinel(void **state)
{
    check("{\"error\": {\"desc\": \"stray\"}}\n\xff{\"return\": 5}\n",
          "V{\"error\":{\"desc\":\"stray\"}}@0+28 S@29 V{\"return\":5}@30+13", 1);
    check("\xff\xff", "S@0 S@1", 0);
    /* White space before a sentinel is not garbage. */
    check(" \n\xff", "S@2", 0);
}

static void test_sentinel_ends_partial(void **state)
{
    /* An unbalanced object is garbage once a 0xFF arrives. */
    check("{\"a\": \xff{\"return\": 2}", "G@0+6 S@6 V{\"return\":2}@7+13", 0);
    /* It swallows a complete reply until then (as qemu-ga does). */
    check("{\"a\": {\"return\": 1}\n\xff{\"return\": 2}\n", "G@0+20 S@20 V{\"return\":2}@21+13",
          1);
}

static void test_garbage_prefix(void **state)
{
    check("xx{\"return\": 1}", "G@0+2 V{\"return\":1}@2+13", 0);
    check("{{ garbage\xff{\"return\": 9}", "G@0+10 S@10 V{\"return\":9}@11+13", 0);
    check("{{{{", "G@0+3", 1);
    check("}]:,\n{\"a\":1}", "G@0+5 V{\"a\":1}@5+7", 0);
}

static void test_truncated_then_real(void **state)
{
    /* A reply cut in the middle of a string, then a real one: the real one
     * is found by restarting at the next '{'. */
    check("{\"return\": {\"version\": \"7.2.{\"return\": {}, \"id\": 5}\n",
          "G@0+28 V{\"return\":{},\"id\":5}@28+23", 1);
}

static void test_nul(void **state)
{
    check("{\"a\"\0{\"b\":1}", "G@0+5 V{\"b\":1}@5+7", 0);
    check("\0\0", "G@0+2", 0);
    /* A NUL right after a number: the number had no end, so it is garbage. */
    check("5\0{}", "G@0+2 V{}@2+2", 0);
}

static void test_utf8(void **state)
{
    check("{\"a\":\"\xc3\xa9\xe2\x82\xac\"}", "V{\"a\":\"\xc3\xa9\xe2\x82\xac\"}@0+13", 0);
    /* Invalid UTF-8 in a string. */
    check("{\"a\":\"\xc3\x28\"}{}", "G@0+10 V{}@10+2", 0);
    /* Valid UTF-8 right after a value (json-c's own check trips on it). */
    check("{}\xc3\xa9{}", "V{}@0+2 G@2+2 V{}@4+2", 0);
    /* Overlong form, surrogate, past U+10FFFF. */
    check("{\"a\":\"\xc0\xaf\"}", "G@0+10", 0);
    check("{\"a\":\"\xed\xa0\x80\"}", "G@0+11", 0);
    check("{\"a\":\"\xf4\x90\x80\x80\"}", "G@0+12", 0);
    check("{\"a\":\"\\u00e9\"}", "V{\"a\":\"\xc3\xa9\"}@0+14", 0);
}

static void test_not_objects(void **state)
{
    /* Only objects are agent messages; other values are garbage. */
    check("\"s\" true null [1] 42", "G@0+20", 0);
    check("42 {\"a\":[1,\"x\",null,true]}", "G@0+3 V{\"a\":[1,\"x\",null,true]}@3+23", 0);
    check(" \n [{}]", "G@0+4 V{}@4+2 G@6+1", 0);
}

static void test_too_big(void **state)
{
    const char in[] = "{\"a\":\"0123456789012345678\"} {\"x\":1}\n{\"b\":1}";
    /* Dropped with the rest of its line; the next line parses. */
    check_max(in, sizeof(in) - 1, 16, "G@0+36 V{\"b\":1}@36+7", 0);
    /* A 0xFF ends the skipping too. */
    const char in2[] = "{\"a\":\"0123456789012345678\xff{\"b\":1}";
    check_max(in2, sizeof(in2) - 1, 16, "G@0+25 S@25 V{\"b\":1}@26+7", 0);
    /* Values of exactly the limit are fine. */
    const char in3[] = "{\"a\":\"012345678\"}";
    check_max(in3, sizeof(in3) - 1, 17, "V{\"a\":\"012345678\"}@0+17", 0);
}

static void test_depth(void **state)
{
    char in[200];
    size_t n = 0;
    for (int i = 0; i < 40; i++)
        in[n++] = '[';
    memcpy(in + n, "\n{}", 3);
    n += 3;
    check_max(in, n, 0, "G@0+41 V{}@41+2", 0);
}

static void test_strict(void **state)
{
    /* Not JSON, even if json-c would accept it without STRICT. */
    check("{\"a\":01}{}", "G@0+8 V{}@8+2", 0);
    check("[1 2]{}", "G@0+5 V{}@5+2", 0);
    /* json-c takes "60" then "-}" as 60 when the number is split: it is
     * never split. */
    check("{\"a\": 60-}{}", "G@0+10 V{}@10+2", 0);
    check("{\"a\": -6.0e+1, \"b\": true, \"c\": null}",
          "V{\"a\":-6.0e+1,\"b\":true,\"c\":null}@0+36", 0);
    /* A word at the end waits for its end. */
    check("{\"a\": 12", "", 8);
    check("{\"a\":1,}{}", "G@0+8 V{}@8+2", 0);
}

static void test_reset_and_offsets(void **state)
{
    struct qga_stream *s = qga_stream_new(0);
    struct qga_stream_event ev;

    qga_stream_feed(s, "{\"a\":", 5);
    assert_int_equal(qga_stream_next(s, &ev), QGA_STREAM_NEED_MORE);
    assert_int_equal(qga_stream_pending(s), 5);
    qga_stream_reset(s);
    assert_int_equal(qga_stream_pending(s), 0);
    qga_stream_feed(s, "{\"b\":2}", 7);
    assert_int_equal(qga_stream_next(s, &ev), QGA_STREAM_VALUE);
    assert_int_equal(ev.offset, 5);
    assert_int_equal(ev.len, 7);
    json_object_put(ev.value);

    /* Many values, fed so that the buffer is compacted and grown: offsets
     * keep counting from the start of the stream. */
    size_t off = 12;
    for (int i = 0; i < 5000; i++) {
        char buf[64];
        int n = snprintf(buf, sizeof(buf), "{\"return\": %d, \"id\": %d}\n", i, i);
        qga_stream_feed(s, buf, (size_t)n);
        if (i % 3 != 2)
            continue;
        for (int k = 0; k < 3; k++) {
            assert_int_equal(qga_stream_next(s, &ev), QGA_STREAM_VALUE);
            struct json_object *ret;
            assert_true(json_object_object_get_ex(ev.value, "return", &ret));
            assert_int_equal(json_object_get_int(ret), i - 2 + k);
            assert_int_equal(ev.offset, off);
            off += ev.len;
            json_object_put(ev.value);
        }
    }
    qga_stream_free(s);
    qga_stream_free(NULL);
    assert_string_equal(qga_stream_event_name(QGA_STREAM_SENTINEL), "sentinel");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_object),
        cmocka_unit_test(test_merged),
        cmocka_unit_test(test_sentinel),
        cmocka_unit_test(test_sentinel_ends_partial),
        cmocka_unit_test(test_garbage_prefix),
        cmocka_unit_test(test_truncated_then_real),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_not_objects),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_reset_and_offsets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
