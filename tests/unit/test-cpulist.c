/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-cpulist.c - CPU lists as people write them and as CPU maps (core/cpulist.h). */
#include "unit.h"

#include "core/cpulist.h"
#include "core/util.h"

/* Parse s for a host of n CPUs and format the map back ("" on failure, rc in *rc). */
static char *roundtrip(const char *s, int n, int *rc)
{
    unsigned char map[16];
    char err[200];
    *rc = cpulist_parse(s, n, map, err, sizeof(err));
    return *rc == 0 ? cpulist_format(map, n) : xstrdup(err);
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int ncpus, rc;
        const char *out;
    } cases[] = {
        { "0", 8, 0, "0" },
        { "1-3", 8, 0, "1-3" },
        { "0-3,^2", 8, 0, "0-1,3" },
        { "3,1,1", 8, 0, "1,3" },
        { " 1 , 2 ", 8, 0, "1-2" },
        { "0,2,4-5,7", 8, 0, "0,2,4-5,7" },
        { "r", 8, 0, "0-7" },
        { "r", 1, 0, "0" },
        { "0-63", 64, 0, "0-63" },
        { "9", 8, -2, "CPU 9 in '9' does not exist: the host has 8 CPUs" },
        { "7-9", 8, -2, "CPU 9 in '7-9' does not exist: the host has 8 CPUs" },
        { "^1", 8, -2, "CPU list '^1' leaves no CPU" },
        { "x", 8, -1, "invalid CPU list 'x'" },
        { "", 8, -1, "invalid CPU list ''" },
        { "1-", 8, -1, "invalid CPU list '1-'" },
        { "3-1", 8, -1, "invalid CPU list '3-1'" },
        { "1,,2", 8, -1, "invalid CPU list '1,,2'" },
        { "0-7,^0-3", 8, -1, "invalid CPU list '0-7,^0-3'" },
        { "-1", 8, -1, "invalid CPU list '-1'" },
        { "99999999999", 8, -1, "invalid CPU list '99999999999'" },
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        int rc;
        char *got = roundtrip(cases[i].in, cases[i].ncpus, &rc);
        if (rc != cases[i].rc || !str_eq(got, cases[i].out))
            fail_msg("'%s': got %d '%s', want %d '%s'", cases[i].in, rc, got, cases[i].rc,
                     cases[i].out);
        free(got);
    }
}

static void test_forms(void **state)
{
    (void)state;
    unsigned char map[2] = { 0x0e, 0x01 }; /* CPUs 1, 2, 3, 8 */
    char *s = cpulist_yn(map, 10);
    assert_string_equal(s, "-yyy----y-");
    free(s);
    s = cpulist_format(map, 10);
    assert_string_equal(s, "1-3,8");
    free(s);
    s = cpulist_format(map, 3); /* only the host's CPUs count */
    assert_string_equal(s, "1-2");
    free(s);
    struct json_object *a = cpulist_json(map, 10);
    assert_string_equal(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN), "[1,2,3,8]");
    json_object_put(a);
    unsigned char none[1] = { 0 };
    s = cpulist_format(none, 8);
    assert_string_equal(s, "");
    free(s);
    assert_int_equal(cpumap_len(8), 1);
    assert_int_equal(cpumap_len(9), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
