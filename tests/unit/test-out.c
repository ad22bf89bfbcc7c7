/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-out.c - the output layer: tables (with non-ASCII names), key/value
 * fields, value formats, JSON mode, and the domain state words that
 * tables show through FMT_WORDS. */
#define VIR_ENUM_SENTINELS /* VIR_DOMAIN_LAST: how many states this libvirt has */
#include "unit.h"

#include <ctype.h>
#include <libvirt/libvirt.h>
#include <locale.h>

#include "core/out.h"
#include "core/util.h"
#include "virt/domain.h"

static struct json_object *row(int id, const char *name, const char *st)
{
    struct json_object *o = json_object_new_object();
    if (id >= 0)
        json_object_object_add(o, "id", json_object_new_int(id));
    json_object_object_add(o, "name", json_object_new_string(name));
    json_object_object_add(o, "state", json_object_new_string(st));
    return o;
}

static const struct out_col list_cols[] = {
    { "id", "Id", FMT_PLAIN },
    { "name", "Name", FMT_PLAIN },
    { "state", "State", FMT_WORDS, domain_state_words },
};

/* Start capturing what the output layer writes in `mode`. */
static struct out out_to(struct capture *c, enum out_mode mode)
{
    capture_open(c);
    return (struct out){ .mode = mode, .fp = c->fp };
}

/* Stop capturing and compare with `want`. */
static void expect_output(struct capture *c, const char *want)
{
    char *got = capture_text(c);
    if (strcmp(got, want) != 0)
        fail_msg("output differs\n--- got:\n%s--- want:\n%s---", got, want);
    free(got);
}

/* A running and a shut off domain. */
static struct json_object *two_rows(void)
{
    struct json_object *rows = json_object_new_array();
    json_object_array_add(rows, row(1, "web1", "running"));
    json_object_array_add(rows, row(-1, "db", "shutoff"));
    return rows;
}

static void test_table_alignment(void **state)
{
    (void)state;
    struct json_object *rows = two_rows();
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_table(&o, rows, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, " Id   Name   State\n"
                      "-----------------------\n"
                      " 1    web1   running\n"
                      " -    db     shut off\n");
    json_object_put(rows);
}

static void test_table_empty(void **state)
{
    (void)state;
    struct json_object *rows = json_object_new_array();
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_table(&o, rows, list_cols, ARRAY_SIZE(list_cols));
    /* What virsh prints for no domains: the heading and the rule (the blank
     * line after them is the run loop's, out_command_done). */
    expect_output(&c, " Id   Name   State\n"
                      "--------------------\n");

    o = out_to(&c, OUT_JSON);
    out_table(&o, rows, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, "[]\n");
    json_object_put(rows);
}

static void test_table_non_ascii(void **state)
{
    (void)state;
    /* Columns line up by display width, not bytes: "café" is 5 bytes and 4
     * columns, "日本" is 6 bytes and 4 columns. */
    assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
    struct json_object *rows = json_object_new_array();
    json_object_array_add(rows, row(-1, "caf\xc3\xa9", "running"));
    json_object_array_add(rows, row(-1, "\xe6\x97\xa5\xe6\x9c\xac", "paused"));
    json_object_array_add(rows, row(-1, "x", "blocked"));
    static const struct out_col cols[] = {
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_WORDS, domain_state_words },
    };
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_table(&o, rows, cols, ARRAY_SIZE(cols));
    expect_output(&c, " Name   State\n"
                      "-----------------\n"
                      " caf\xc3\xa9   running\n"
                      " \xe6\x97\xa5\xe6\x9c\xac   paused\n"
                      " x      idle\n");
    json_object_put(rows);
    setlocale(LC_ALL, "C");
}

static void test_fields(void **state)
{
    (void)state;
    struct json_object *obj = json_object_new_object();
    json_object_object_add(obj, "id", json_object_new_int(1));
    json_object_object_add(obj, "name", json_object_new_string("web1"));
    json_object_object_add(obj, "state", json_object_new_string("shutoff"));
    json_object_object_add(obj, "max_memory", json_object_new_int64(1048576));
    json_object_object_add(obj, "autostart", json_object_new_boolean(0));
    json_object_object_add(obj, "persistent", json_object_new_boolean(1));
    static const struct out_field f[] = {
        { "id", "Id", FMT_PLAIN },
        { "name", "Name", FMT_PLAIN },
        { "state", "State", FMT_WORDS, domain_state_words },
        { "missing", "Missing", FMT_PLAIN }, /* absent: skipped in text */
        { "max_memory", "Max memory", FMT_KIB },
        { "autostart", "Autostart", FMT_ENABLE },
        { "persistent", "Persistent", FMT_YESNO },
    };
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_fields(&o, obj, f, ARRAY_SIZE(f));
    expect_output(&c, "Id:         1\n"
                      "Name:       web1\n"
                      "State:      shut off\n"
                      "Max memory: 1048576 KiB\n"
                      "Autostart:  disable\n"
                      "Persistent: yes\n");

    /* JSON: the object itself, every key (a missing one as null), numbers
     * as numbers. */
    o = out_to(&c, OUT_JSON);
    out_fields(&o, obj, f, ARRAY_SIZE(f));
    expect_output(&c, "{\"id\":1,\"name\":\"web1\",\"state\":\"shutoff\",\"max_memory\":1048576,"
                      "\"autostart\":false,\"persistent\":true,\"missing\":null}\n");
    json_object_put(obj);
}

static void check_format(struct json_object *v, enum out_fmt fmt, const char *want)
{
    static const struct out_word words[] = { { "shutoff", "shut off" }, { "a b", "c" }, { NULL } };
    char *s = out_format_value(v, fmt, words);
    if (strcmp(s, want) != 0)
        fail_msg("format %d: got \"%s\", want \"%s\"", (int)fmt, s, want);
    free(s);
    json_object_put(v);
}

static void test_formats(void **state)
{
    (void)state;
    check_format(NULL, FMT_PLAIN, "-");
    check_format(NULL, FMT_KIB, "-");
    check_format(json_object_new_string("abc"), FMT_PLAIN, "abc");
    check_format(json_object_new_int64(-42), FMT_PLAIN, "-42");
    check_format(json_object_new_boolean(1), FMT_PLAIN, "yes");
    check_format(json_object_new_boolean(0), FMT_YESNO, "no");
    check_format(json_object_new_boolean(1), FMT_ENABLE, "enable");
    check_format(json_object_new_int64(2048), FMT_KIB, "2048 KiB");
    check_format(json_object_new_int64(2400), FMT_MHZ, "2400 MHz");
    check_format(json_object_new_int64(12500000000LL), FMT_SECONDS, "12.5s");
    check_format(json_object_new_int64(0), FMT_SECONDS, "0.0s");
    check_format(json_object_new_string("shutoff"), FMT_WORDS, "shut off");
    check_format(json_object_new_string("a b"), FMT_WORDS, "c");
    check_format(json_object_new_string("weird"), FMT_WORDS, "weird");
    check_format(json_object_new_string("shutoff"), FMT_PLAIN, "shutoff");
    struct json_object *arr = json_object_new_array();
    json_object_array_add(arr, json_object_new_string("a"));
    json_object_array_add(arr, json_object_new_int(2));
    check_format(arr, FMT_PLAIN, "[\"a\",2]");
}

static void test_json_mode(void **state)
{
    (void)state;
    struct capture c;
    struct json_object *obj = json_object_new_object();
    json_object_object_add(obj, "name", json_object_new_string("a\"b/c \xc3\xa9"));
    json_object_object_add(obj, "n", json_object_new_int64(5000000000LL));

    struct out o = out_to(&c, OUT_JSON);
    out_value(&o, obj, "ignored in JSON");
    /* Quotes escaped, slashes and UTF-8 as they are, one document, one line. */
    expect_output(&c, "{\"name\":\"a\\\"b/c \xc3\xa9\",\"n\":5000000000}\n");

    /* A message is data in JSON mode, even with --quiet. */
    o = out_to(&c, OUT_JSON);
    o.quiet = true;
    out_message(&o, obj, "Domain 'x' started");
    expect_output(&c, "{\"name\":\"a\\\"b/c \xc3\xa9\",\"n\":5000000000}\n");

    /* An indented document is still the same document. */
    o = out_to(&c, OUT_JSON);
    out_json_document(&o, obj, true);
    char *got = capture_text(&c);
    assert_non_null(strchr(got, '\n'));
    assert_true(strchr(got, '\n')[1] != '\0'); /* more than one line */
    struct json_object *back = json_tokener_parse(got);
    assert_non_null(back);
    assert_true(json_object_equal(back, obj));
    json_object_put(back);
    free(got);
    json_object_put(obj);
}

/* Rows made on demand for out_table_gen / out_list_gen: counts the calls. */
struct made {
    size_t calls;
};

static struct json_object *made_row(void *opaque, size_t r)
{
    struct made *m = opaque;
    m->calls++;
    struct json_object *a = json_object_new_array();
    json_object_array_add(a, r == 1 ? NULL : json_object_new_int((int)r + 1)); /* id */
    json_object_array_add(a, json_object_new_string(r == 1 ? "long-name" : "a")); /* name */
    json_object_array_add(a, json_object_new_string("11111111-0000-4000-8000-00000000000f"));
    json_object_array_add(a, json_object_new_string(r == 1 ? "shut off" : "running"));
    return a;
}

static struct json_object *made_value(void *opaque, size_t r)
{
    struct made *m = opaque;
    m->calls++;
    return r == 1 ? json_object_new_int(7) : json_object_new_string("caf\xc3\xa9");
}

static void test_table_gen(void **state)
{
    (void)state;
    static const char *const keys[] = { "id", "name", "uuid", "state" };
    struct capture c;
    struct made m = { 0 };

    /* Text: every row made twice (measure, print), columns by key. */
    struct out o = out_to(&c, OUT_TEXT);
    out_table_gen(&o, 3, made_row, &m, keys, 4, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, " Id   Name        State\n"
                      "----------------------------\n"
                      " 1    a           running\n"
                      " -    long-name   shut off\n"
                      " 3    a           running\n");
    assert_int_equal(m.calls, 6);

    /* JSON: each row made once, the same text as json-c's whole array. */
    m.calls = 0;
    o = out_to(&c, OUT_JSON);
    out_table_gen(&o, 2, made_row, &m, keys, 4, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, "[{\"id\":1,\"name\":\"a\",\"uuid\":\"11111111-0000-4000-8000-00000000000f\","
                      "\"state\":\"running\"},{\"id\":null,\"name\":\"long-name\","
                      "\"uuid\":\"11111111-0000-4000-8000-00000000000f\",\"state\":\"shut off\"}]\n");
    assert_int_equal(m.calls, 2);

    /* No rows: the heading alone; an empty array. */
    o = out_to(&c, OUT_TEXT);
    out_table_gen(&o, 0, made_row, &m, keys, 4, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, " Id   Name   State\n"
                      "--------------------\n");
    o = out_to(&c, OUT_JSON);
    out_table_gen(&o, 0, made_row, &m, keys, 4, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, "[]\n");

    /* Plain values: a line each; a JSON array. */
    m.calls = 0;
    o = out_to(&c, OUT_TEXT);
    out_list_gen(&o, 2, made_value, &m);
    expect_output(&c, "caf\xc3\xa9\n7\n");
    o = out_to(&c, OUT_JSON);
    out_list_gen(&o, 2, made_value, &m);
    expect_output(&c, "[\"caf\xc3\xa9\",7]\n");
    assert_int_equal(m.calls, 4);
}

/* -q: the rows alone, their columns only as wide as the rows need. */
static void test_table_quiet(void **state)
{
    (void)state;
    struct json_object *rows = two_rows();
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    o.quiet = true;
    out_table(&o, rows, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, " 1   web1   running\n"
                      " -   db     shut off\n");
    o = out_to(&c, OUT_TEXT);
    o.quiet = true;
    struct json_object *none = json_object_new_array();
    out_table(&o, none, list_cols, ARRAY_SIZE(list_cols));
    expect_output(&c, "");
    json_object_put(none);
    json_object_put(rows);
}

/* The blank line virsh ends each command with: text only, not under -q
 * (but with -t), not after a command whose line stands for it. */
static void test_command_done(void **state)
{
    (void)state;
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_command_done(&o, false);
    out_line_ends_command(&o);
    out_command_done(&o, false);
    out_command_done(&o, false); /* the mark holds for one command */
    expect_output(&c, "\n\n");
    o = out_to(&c, OUT_TEXT);
    o.quiet = true;
    out_command_done(&o, false);
    out_command_done(&o, true);
    expect_output(&c, "\n");
    o = out_to(&c, OUT_JSON);
    out_command_done(&o, true);
    expect_output(&c, "");
}

static void test_text_values_and_messages(void **state)
{
    (void)state;
    struct capture c;
    struct json_object *obj = json_object_new_object();

    struct out o = out_to(&c, OUT_TEXT);
    out_value(&o, obj, "one line");
    out_value(&o, obj, "has its newline\n");
    out_value(&o, obj, "");
    out_message(&o, obj, "Domain 'x' started");
    o.quiet = true;
    out_message(&o, obj, "not shown");
    expect_output(&c, "one line\nhas its newline\nDomain 'x' started\n");
    json_object_put(obj);
}

static void test_xml(void **state)
{
    (void)state;
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    out_xml(&o, "<domain/>");
    out_xml(&o, "<a>\n</a>\n");
    expect_output(&c, "<domain/>\n<a>\n</a>\n");

    o = out_to(&c, OUT_JSON);
    out_xml(&o, "<a>\n</a>\n");
    expect_output(&c, "{\"xml\":\"<a>\\n</a>\\n\"}\n");
}

/* An indented document is laid out as virsh 9.0 lays it out: an empty
 * object or array holds an empty line; brackets in strings stay as they are. */
static void test_json_document_pretty(void **state)
{
    (void)state;
    struct capture c;
    struct out o = out_to(&c, OUT_TEXT);
    struct json_object *v = json_tokener_parse(
        "{\"return\":{},\"a\":[],\"b\":{\"c\":[1]},\"s\":\"x{\\n}[\\n]\"}");
    out_json_document(&o, v, true);
    expect_output(&c, "{\n"
                      "  \"return\": {\n"
                      "\n"
                      "  },\n"
                      "  \"a\": [\n"
                      "\n"
                      "  ],\n"
                      "  \"b\": {\n"
                      "    \"c\": [\n"
                      "      1\n"
                      "    ]\n"
                      "  },\n"
                      "  \"s\": \"x{\\n}[\\n]\"\n"
                      "}\n");
    o = out_to(&c, OUT_TEXT);
    out_json_document(&o, v, false);
    expect_output(&c, "{\"return\":{},\"a\":[],\"b\":{\"c\":[1]},\"s\":\"x{\\n}[\\n]\"}\n");
    json_object_put(v);
}

/* Every state libvirt has a word of its own, lowercase letters only, and a
 * state this build does not know reads "nostate". */
static void test_domain_state_words(void **state)
{
    (void)state;
    for (int st = 0; st < VIR_DOMAIN_LAST; st++) {
        const char *w = domain_state_word(st);
        assert_non_null(domain_state_text(w));
        for (const char *p = w; *p; p++)
            assert_true(islower((unsigned char)*p));
        for (int other = 0; other < st; other++)
            if (strcmp(w, domain_state_word(other)) == 0)
                fail_msg("states %d and %d share the word '%s'", other, st, w);
    }
    assert_string_equal(domain_state_word(VIR_DOMAIN_LAST), "nostate");
    assert_string_equal(domain_state_word(-1), "nostate");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_alignment),
        cmocka_unit_test(test_table_empty),
        cmocka_unit_test(test_table_non_ascii),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_json_mode),
        cmocka_unit_test(test_table_gen),
        cmocka_unit_test(test_table_quiet),
        cmocka_unit_test(test_command_done),
        cmocka_unit_test(test_text_values_and_messages),
        cmocka_unit_test(test_xml),
        cmocka_unit_test(test_json_document_pretty),
        cmocka_unit_test(test_domain_state_words),
    };
    return cmocka_run_group_tests_name("output", tests, NULL, NULL);
}
