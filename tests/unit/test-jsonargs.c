/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-jsonargs.c - the friendly argument syntax of `agent`: COMMAND
 * key=value key:=JSON, whole requests ('{...}', @FILE, -), and the errors
 * that must stop a request before it is sent. */
#include "unit.h"

#include <fcntl.h>
#include <unistd.h>

#include "core/util.h"
#include "guest/jsonargs.h"

static char err[512];

/* Build from words; returns the request as compact JSON (caller frees) or NULL. */
static char *build(size_t n, ...)
{
    char *words[16];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        words[i] = va_arg(ap, char *);
    va_end(ap);
    struct json_object *req = NULL;
    err[0] = '\0';
    if (jsonargs_build(words, n, &req, err, sizeof(err)) < 0) {
        assert_null(req);
        assert_true(err[0] != '\0');
        return NULL;
    }
    char *s = xstrdup(json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
    json_object_put(req);
    return s;
}

#define assert_builds(expected, ...)                  \
    do {                                              \
        char *got_ = build(__VA_ARGS__);              \
        if (!got_)                                    \
            fail_msg("unexpected error: %s", err);    \
        assert_string_equal(got_, expected);          \
        free(got_);                                   \
    } while (0)

#define assert_rejected(needle, ...)                                  \
    do {                                                              \
        char *got_ = build(__VA_ARGS__);                              \
        if (got_)                                                     \
            fail_msg("accepted: %s", got_);                           \
        if (!strstr(err, needle))                                     \
            fail_msg("error '%s' does not mention '%s'", err, needle); \
    } while (0)

static void test_command_only(void **state)
{
    (void)state;
    assert_builds("{\"execute\":\"guest-info\"}", 1, "guest-info");
}

static void test_strings(void **state)
{
    (void)state;
    assert_builds("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"\\/bin\\/ls\"}}", 2, "guest-exec",
                  "path=/bin/ls");
    /* key=value is always a string, even when it looks like a number */
    assert_builds("{\"execute\":\"guest-set-time\",\"arguments\":{\"time\":\"1700000000000000000\"}}", 2,
                  "guest-set-time", "time=1700000000000000000");
    /* only the first '=' splits; the value may be empty or hold '=' and ':=' */
    assert_builds("{\"execute\":\"x\",\"arguments\":{\"a\":\"b=c:=d\",\"e\":\"\"}}", 3, "x", "a=b=c:=d", "e=");
}

static void test_raw_json(void **state)
{
    (void)state;
    assert_builds("{\"execute\":\"guest-set-time\",\"arguments\":{\"time\":1700000000000000000}}", 2,
                  "guest-set-time", "time:=1700000000000000000");
    assert_builds("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"ls\",\"arg\":[\"-l\"],"
                  "\"capture-output\":true}}",
                  4, "guest-exec", "path=ls", "arg:=[\"-l\"]", "capture-output:=true");
    assert_builds("{\"execute\":\"x\",\"arguments\":{\"o\":{\"a\":[1,2.5,null]},\"n\":null,\"s\":\"q\"}}", 4,
                  "x", "o:={\"a\": [1, 2.5, null]}", "n:=null", "s:=\"q\"");
    /* blanks around a value are fine */
    assert_builds("{\"execute\":\"x\",\"arguments\":{\"n\":-3}}", 2, "x", "n:=  -3 \n");
}

static void test_invalid_json_has_position(void **state)
{
    (void)state;
    assert_rejected("at offset 5", 3, "guest-exec", "path=/bin/ls", "arg:=[\"-l\"");
    assert_rejected("'arg'", 2, "guest-exec", "arg:=[\"-l\"");
    assert_rejected("at offset 3", 2, "x", "a:=[1,]");
    assert_rejected("at offset 0", 2, "x", "a:=");
    assert_rejected("at offset 1", 2, "x", "a:=nope"); /* "n" may start null */
    assert_rejected("at offset 0", 2, "x", "a:=xyz");
    assert_rejected("at offset 2", 2, "x", "a:=1 2");
    assert_rejected("at offset 4", 2, "x", "a:=[1] x");
    /* json-c accepts single quotes; JSON does not */
    assert_rejected("single quotes", 2, "x", "a:={'k': 1}");
    /* ... but a quote inside a string is just a character */
    assert_builds("{\"execute\":\"x\",\"arguments\":{\"a\":\"it's\"}}", 2, "x", "a:=\"it's\"");
}

static void test_bad_words(void **state)
{
    (void)state;
    assert_rejected("key=value", 2, "guest-exec", "path");
    assert_rejected("--pretty", 2, "guest-info", "--pretty");
    assert_rejected("non-empty", 2, "x", "=v");
    assert_rejected("non-empty", 2, "x", ":=1");
    assert_rejected("more than once", 3, "x", "a=1", "a:=2");
    assert_rejected("command name", 1, "a=b");
    assert_rejected("command name", 1, "");
    assert_rejected("missing command", 0);
}

static void test_whole_request_inline(void **state)
{
    (void)state;
    assert_builds("{\"execute\":\"guest-ping\"}", 1, "{\"execute\": \"guest-ping\"}");
    assert_rejected("takes no other arguments", 2, "{\"execute\":\"guest-ping\"}", "a=b");
    assert_rejected("no \"execute\"", 1, "{\"exec\":\"guest-ping\"}");
    assert_rejected("\"arguments\" must be an object", 1, "{\"execute\":\"x\",\"arguments\":[1]}");
    assert_rejected("line 1, column 21", 1, "{\"execute\":\"x\", \"a\" 1}");
}

static char *write_temp(const char *text)
{
    char *path = xstrdup("/tmp/test-jsonargs-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_request_from_file(void **state)
{
    (void)state;
    char *ok = write_temp("{\n  \"execute\": \"guest-file-open\",\n  \"arguments\": {\"path\": \"/etc/hostname\"}\n}\n");
    char *bad = write_temp("{\n  \"execute\": \"guest-info\",\n  \"arguments\": {,}\n}\n");
    char *notobj = write_temp("[1, 2]");
    _cleanup_free_ char *at_ok = xasprintf("@%s", ok), *at_bad = xasprintf("@%s", bad),
                        *at_notobj = xasprintf("@%s", notobj);

    assert_builds("{\"execute\":\"guest-file-open\",\"arguments\":{\"path\":\"\\/etc\\/hostname\"}}", 1, at_ok);
    assert_rejected("line 3, column 17", 1, at_bad);
    assert_rejected("not a request", 1, at_notobj);
    assert_rejected("cannot read", 1, "@/nonexistent/request.json");
    assert_rejected("needs a file name", 1, "@");

    unlink(ok);
    unlink(bad);
    unlink(notobj);
    free(ok);
    free(bad);
    free(notobj);
}

static void test_request_from_stdin(void **state)
{
    (void)state;
    char *path = write_temp("{\"execute\":\"guest-get-time\"}");
    int saved = dup(STDIN_FILENO);
    int fd = open(path, O_RDONLY);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, STDIN_FILENO);
    close(fd);
    char *got = build(1, "-");
    dup2(saved, STDIN_FILENO);
    close(saved);
    unlink(path);
    free(path);
    if (!got)
        fail_msg("unexpected error: %s", err);
    assert_string_equal(got, "{\"execute\":\"guest-get-time\"}");
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_command_only),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_raw_json),
        cmocka_unit_test(test_invalid_json_has_position),
        cmocka_unit_test(test_bad_words),
        cmocka_unit_test(test_whole_request_inline),
        cmocka_unit_test(test_request_from_file),
        cmocka_unit_test(test_request_from_stdin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
