/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-contract.c - declared JSON results: what passes, what breaks the
 * promise (and says where), and which declarations are refused. */
#include "unit.h"

#include "core/contract.h"
#include "core/out.h"
#include "core/util.h"

static const struct result_def *const disk_list = RESULT_ARRAY(
    { "target", RT_STRING, "the guest's name of the disk" },
    { "source", RT_STRING | RT_NULL, "the file or device, null for an empty drive" },
    { "size_bytes", RT_INT, "capacity" },
    { "backing", RT_ARRAY, "the backing chain" },
    { "backing[]", RT_STRING, "one image of it" },
    { "stats", RT_OBJECT | RT_OPTIONAL, "with --stats" },
    { "stats.reads", RT_INT, "read requests" },
    { "extra", RT_ARRAY, "anything" });

static int check(const struct result_def *r, const char *json, char *why)
{
    struct json_object *doc = json_tokener_parse(json);
    assert_non_null(doc);
    int rc = contract_check(r, doc, why, 256);
    json_object_put(doc);
    return rc;
}

static void expect_ok(const struct result_def *r, const char *json)
{
    char why[256] = "";
    if (check(r, json, why) < 0)
        fail_msg("%s: broken: %s", json, why);
}

static void expect_broken(const struct result_def *r, const char *json, const char *want)
{
    char why[256] = "";
    if (check(r, json, why) == 0)
        fail_msg("%s: accepted, want \"%s\"", json, want);
    if (strcmp(why, want) != 0)
        fail_msg("%s: got \"%s\", want \"%s\"", json, why, want);
}

static void test_arrays_of_objects(void **state)
{
    (void)state;
    expect_ok(disk_list, "[]");
    expect_ok(disk_list, "[{\"target\":\"vda\",\"source\":null,\"size_bytes\":1,\"backing\":[],"
                         "\"extra\":[1,{\"a\":2}]}]");
    expect_ok(disk_list, "[{\"target\":\"vda\",\"source\":\"/a\",\"size_bytes\":1,"
                         "\"backing\":[\"/b\",\"/c\"],\"stats\":{\"reads\":3},\"extra\":[]}]");
    expect_broken(disk_list, "{}", "the result is not an array");
    expect_broken(disk_list, "[{\"target\":\"vda\",\"source\":null,\"size_bytes\":1,\"backing\":[],"
                             "\"extra\":[],\"mac\":\"x\"}]",
                  "key 'mac' is not declared");
    expect_broken(disk_list, "[{\"target\":\"vda\",\"size_bytes\":1,\"backing\":[],\"extra\":[]}]",
                  "key 'source' is missing");
    expect_broken(disk_list, "[{\"target\":null,\"source\":null,\"size_bytes\":1,\"backing\":[],"
                             "\"extra\":[]}]",
                  "'target' is null");
    expect_broken(disk_list, "[{\"target\":\"a\",\"source\":null,\"size_bytes\":\"1\","
                             "\"backing\":[],\"extra\":[]}]",
                  "'size_bytes' is not of its declared type");
    expect_broken(disk_list, "[{\"target\":\"a\",\"source\":null,\"size_bytes\":1,"
                             "\"backing\":[2],\"extra\":[]}]",
                  "'backing[]' is not of its declared type");
    expect_broken(disk_list, "[{\"target\":\"a\",\"source\":null,\"size_bytes\":1,\"backing\":[],"
                             "\"stats\":{\"reads\":1,\"writes\":2},\"extra\":[]}]",
                  "key 'stats.writes' is not declared");
    expect_broken(disk_list, "[{\"target\":\"a\",\"source\":null,\"size_bytes\":1,\"backing\":[],"
                             "\"stats\":{},\"extra\":[]}]",
                  "key 'stats.reads' is missing");
}

static void test_other_shapes(void **state)
{
    (void)state;
    const struct result_def *obj = RESULT_OBJECT(
        { "name", RT_STRING, "the name" },
        { "ratio", RT_NUMBER, "a number" },
        { "nics", RT_ARRAY, "interfaces" },
        { "nics[].mac", RT_STRING, "its MAC address" });
    expect_ok(obj, "{\"name\":\"a\",\"ratio\":1.5,\"nics\":[{\"mac\":\"x\"}]}");
    expect_ok(obj, "{\"name\":\"a\",\"ratio\":2,\"nics\":[]}");
    expect_broken(obj, "[]", "'the result' is not of its declared type");
    expect_broken(obj, "{\"name\":\"a\",\"ratio\":2,\"nics\":[{\"mac\":\"x\",\"ip\":1}]}",
                  "key 'nics[].ip' is not declared");
    expect_broken(obj, "{\"name\":\"a\",\"ratio\":2,\"nics\":[3]}",
                  "'nics[]' is not of its declared type");
    expect_ok(RESULT_VALUES, "[\"a\",\"b\",3]");
    expect_broken(RESULT_VALUES, "[\"a\",{}]", "element 1 is not a string or a number");
    /* Either shape: list prints rows, list --name names. */
    const struct result_def *either = RESULT_OR(RESULT_VALUES, RS_ARRAY, { "name", RT_STRING, "n" });
    expect_ok(either, "[{\"name\":\"a\"}]");
    expect_ok(either, "[\"a\"]");
    expect_broken(either, "[{\"nam\":\"a\"}]", "key 'nam' is not declared");
    expect_ok(RESULT_FREE, "{\"anything\":[1,2]}");
    expect_broken(RESULT_NONE, "{}", "the command declares no JSON result, yet printed one");
    struct result_def undeclared = { RS_UNDECLARED, NULL };
    expect_broken(&undeclared, "{}", "the command declares no JSON result");
}

static void expect_bad_def(const struct result_def *r, const char *want)
{
    char why[256] = "";
    if (contract_validate_def(r, why, sizeof(why)) == 0)
        fail_msg("declaration accepted, want \"%s\"", want);
    if (strcmp(why, want) != 0)
        fail_msg("got \"%s\", want \"%s\"", why, want);
}

static void test_declarations(void **state)
{
    (void)state;
    char why[256];
    assert_int_equal(contract_validate_def(disk_list, why, sizeof(why)), 0);
    expect_bad_def(RESULT_OBJECT({ "maxMemory", RT_INT, "x" }), "'maxMemory' is not lowercase snake_case");
    expect_bad_def(RESULT_OBJECT({ "a", RT_INT, "x" }, { "a", RT_STRING, "y" }), "'a' is declared twice");
    expect_bad_def(RESULT_OBJECT({ "a", RT_INT, "" }), "'a' says nothing of what it means");
    expect_bad_def(RESULT_OBJECT({ "a", RT_NULL, "x" }), "'a' has no type");
    expect_bad_def(RESULT_OBJECT({ "a.b", RT_INT, "x" }), "'a.b' has no object 'a' declared before it");
    expect_bad_def(RESULT_OBJECT({ "a", RT_OBJECT, "x" }, { "a[].b", RT_INT, "y" }),
                   "'a[].b' has no array 'a' declared before it");
    expect_bad_def(RESULT_OBJECT({ "a[]", RT_INT, "x" }), "'a[]' has no array 'a' declared before it");
    struct result_def empty = { RS_OBJECT, NULL };
    expect_bad_def(&empty, "an object result without fields");
}

/* The output layer checks what a command prints when told its contract. */
static void test_out_checks(void **state)
{
    (void)state;
    struct capture out, err;
    capture_open(&out);
    capture_open(&err);
    FILE *saved = stderr;
    stderr = err.fp;
    struct out o = { .mode = OUT_JSON, .fp = out.fp, .contract = RESULT_OBJECT(
        { "name", RT_STRING, "the name" }), .contract_cmd = "t" };
    struct json_object *good = json_tokener_parse("{\"name\":\"a\"}");
    struct json_object *bad = json_tokener_parse("{\"name\":1}");
    out_value(&o, good, "");
    out_value(&o, bad, "");
    o.mode = OUT_TEXT; /* text is not checked */
    out_value(&o, bad, "text\n");
    stderr = saved;
    json_object_put(good);
    json_object_put(bad);
    char *e = capture_text(&err), *t = capture_text(&out);
    assert_string_equal(e, "contract: t: 'name' is not of its declared type\n");
    assert_string_equal(t, "{\"name\":\"a\"}\n{\"name\":1}\ntext\n");
    free(e);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arrays_of_objects),
        cmocka_unit_test(test_other_shapes),
        cmocka_unit_test(test_declarations),
        cmocka_unit_test(test_out_checks),
    };
    return cmocka_run_group_tests_name("contract", tests, NULL, NULL);
}
