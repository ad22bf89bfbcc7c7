/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-typed-params.c - libvirt typed parameters as JSON (types, nesting) and as virsh's text rows (virt/typed-params.h). */
#include "unit.h"

#include <limits.h>

#include "core/out.h"
#include "core/util.h"
#include "virt/typed-params.h"

static virTypedParameter param(const char *field, int type)
{
    virTypedParameter p = { .type = type };
    snprintf(p.field, sizeof(p.field), "%s", field);
    return p;
}

/* One parameter of each type, with values at their edges. */
static void every_type(virTypedParameter *p)
{
    p[0] = param("i", VIR_TYPED_PARAM_INT);
    p[0].value.i = INT_MIN;
    p[1] = param("ui", VIR_TYPED_PARAM_UINT);
    p[1].value.ui = UINT_MAX;
    p[2] = param("l", VIR_TYPED_PARAM_LLONG);
    p[2].value.l = LLONG_MIN;
    p[3] = param("ul", VIR_TYPED_PARAM_ULLONG);
    p[3].value.ul = ULLONG_MAX;
    p[4] = param("d", VIR_TYPED_PARAM_DOUBLE);
    p[4].value.d = 0.25;
    p[5] = param("b", VIR_TYPED_PARAM_BOOLEAN);
    p[5].value.b = 1;
    p[6] = param("s", VIR_TYPED_PARAM_STRING);
    p[6].value.s = (char *)"a b";
    p[7] = param("odd", 99); /* a type from a newer libvirt */
}

static void test_json_types(void **state)
{
    (void)state;
    virTypedParameter p[8];
    every_type(p);
    _cleanup_json_ struct json_object *o = typed_params_json(p, 8, 0);
    assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
                        "{\"i\":-2147483648,\"ui\":4294967295,\"l\":-9223372036854775808,"
                        "\"ul\":18446744073709551615,\"d\":0.25,\"b\":true,\"s\":\"a b\"}");
    struct json_object *v;
    assert_true(json_object_object_get_ex(o, "ul", &v));
    assert_true(json_object_is_type(v, json_type_int));
    assert_true(json_object_object_get_ex(o, "d", &v));
    assert_true(json_object_is_type(v, json_type_double));
    assert_true(json_object_object_get_ex(o, "b", &v));
    assert_true(json_object_is_type(v, json_type_boolean));
    assert_false(json_object_object_get_ex(o, "odd", NULL)); /* left out */
}

static void test_text_as_virsh(void **state)
{
    (void)state;
    virTypedParameter p[8];
    every_type(p);
    char *t = typed_params_text(p, 8, "", 3, 0);
    assert_string_equal(t, "i  : -2147483648\n"
                           "ui : 4294967295\n"
                           "l  : -9223372036854775808\n"
                           "ul : 18446744073709551615\n"
                           "d  : 0.250000\n"
                           "b  : yes\n"
                           "s  : a b\n");
    free(t);
    /* the event printer's style */
    p[5].value.b = 0;
    t = typed_params_text(p + 4, 3, "\t", 0, TYPED_PARAMS_EVENT);
    assert_string_equal(t, "\td: 0.25\n\tb: 0\n\ts: a b\n");
    free(t);
    t = typed_params_text(p, 0, "\t", 0, 0);
    assert_string_equal(t, "");
    free(t);
}

static void test_null_string(void **state)
{
    (void)state;
    virTypedParameter p = param("s", VIR_TYPED_PARAM_STRING);
    _cleanup_json_ struct json_object *o = typed_params_json(&p, 1, 0);
    assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN), "{\"s\":null}");
    char *t = typed_param_text(&p, 0);
    assert_string_equal(t, "(null)");
    free(t);
}

static void test_nesting(void **state)
{
    (void)state;
    virTypedParameter p[7];
    p[0] = param("fs.count", VIR_TYPED_PARAM_UINT);
    p[0].value.ui = 2;
    p[1] = param("fs.0.name", VIR_TYPED_PARAM_STRING);
    p[1].value.s = (char *)"vda1";
    p[2] = param("fs.0.disk.count", VIR_TYPED_PARAM_UINT);
    p[2].value.ui = 1;
    p[3] = param("fs.0.disk.0.alias", VIR_TYPED_PARAM_STRING);
    p[3].value.s = (char *)"vda";
    p[4] = param("fs.1.name", VIR_TYPED_PARAM_STRING);
    p[4].value.s = (char *)"vdb";
    p[5] = param("os.id", VIR_TYPED_PARAM_STRING);
    p[5].value.s = (char *)"debian";
    p[6] = param("os.id.x", VIR_TYPED_PARAM_STRING); /* os.id is a string: no room below it */
    p[6].value.s = (char *)"clash";
    _cleanup_json_ struct json_object *o = typed_params_json(p, 7, TYPED_PARAMS_NEST);
    assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
                        "{\"fs\":[{\"name\":\"vda1\",\"disk\":[{\"alias\":\"vda\"}]},{\"name\":\"vdb\"}],"
                        "\"os\":{\"id\":\"debian\"},\"os.id.x\":\"clash\"}");
    /* without nesting the keys stay flat */
    _cleanup_json_ struct json_object *flat = typed_params_json(p + 5, 1, 0);
    assert_string_equal(json_object_to_json_string_ext(flat, JSON_C_TO_STRING_PLAIN),
                        "{\"os.id\":\"debian\"}");
}

/* domstats' fields: "vcpu.current" makes vcpu an object, whose members
 * "0", "1" hold the vCPUs; "block.count" makes block an array. */
static void test_nesting_mixed(void **state)
{
    (void)state;
    virTypedParameter p[6];
    p[0] = param("vcpu.current", VIR_TYPED_PARAM_UINT);
    p[0].value.ui = 2;
    p[1] = param("vcpu.0.state", VIR_TYPED_PARAM_INT);
    p[1].value.i = 1;
    p[2] = param("vcpu.1.time", VIR_TYPED_PARAM_ULLONG);
    p[2].value.ul = 5;
    p[3] = param("block.count", VIR_TYPED_PARAM_UINT);
    p[3].value.ui = 1;
    p[4] = param("block.0.rd.bytes", VIR_TYPED_PARAM_ULLONG);
    p[4].value.ul = 512;
    p[5] = param("state.state", VIR_TYPED_PARAM_INT);
    p[5].value.i = 1;
    _cleanup_json_ struct json_object *o = typed_params_json(p, 6, TYPED_PARAMS_NEST);
    assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
                        "{\"vcpu\":{\"current\":2,\"0\":{\"state\":1},\"1\":{\"time\":5}},"
                        "\"block\":[{\"rd\":{\"bytes\":512}}],\"state\":{\"state\":1}}");
    char *t = typed_params_text(p, 2, "  ", 0, TYPED_PARAMS_ASSIGN);
    assert_string_equal(t, "  vcpu.current=2\n  vcpu.0.state=1\n");
    free(t);
}

static void test_keys_and_lookup(void **state)
{
    (void)state;
    virTypedParameter p[3];
    p[0] = param("hard_limit", VIR_TYPED_PARAM_ULLONG);
    p[0].value.ul = 1024;
    p[1] = param("extra", VIR_TYPED_PARAM_INT);
    p[1].value.i = -3;
    p[2] = param("flag", VIR_TYPED_PARAM_BOOLEAN);
    p[2].value.b = 1;
    static const struct typed_key keys[] = {
        { "hard_limit", "hard_limit_kib" },
        { "soft_limit", "soft_limit_kib" },
        { NULL, NULL },
    };
    _cleanup_json_ struct json_object *o = typed_params_json_keys(p, 3, keys);
    assert_string_equal(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
                        "{\"hard_limit_kib\":1024,\"soft_limit_kib\":null}");
    unsigned long long v;
    assert_int_equal(typed_params_ull(p, 3, "hard_limit", &v), 0);
    assert_int_equal(v, 1024);
    assert_int_equal(typed_params_ull(p, 3, "flag", &v), 0);
    assert_int_equal(v, 1);
    assert_int_equal(typed_params_ull(p, 3, "nosuch", &v), -1);
    assert_ptr_equal(typed_params_find(p, 3, "extra"), &p[1]);
    assert_null(typed_params_find(p, 3, "nosuch"));
}

static void test_list_add_text(void **state)
{
    (void)state;
    assert_int_equal(virInitialize(), 0); /* virTypedParamsAdd* use libvirt's error state */
    struct typed_list l = { 0 };
    char err[200];
    assert_int_equal(typed_list_add_text(&l, "i", VIR_TYPED_PARAM_INT, "-5", err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "u", VIR_TYPED_PARAM_UINT, "7", err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "l", VIR_TYPED_PARAM_LLONG, "-9", err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "ul", VIR_TYPED_PARAM_ULLONG, "18446744073709551615",
                                         err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "d", VIR_TYPED_PARAM_DOUBLE, "0.5", err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "b", VIR_TYPED_PARAM_BOOLEAN, "yes", err, sizeof(err)), 0);
    assert_int_equal(typed_list_add_text(&l, "s", VIR_TYPED_PARAM_STRING, "x y", err, sizeof(err)), 0);
    char *t = typed_params_text(l.params, l.n, "", 0, 0);
    assert_string_equal(t, "i: -5\nu: 7\nl: -9\nul: 18446744073709551615\nd: 0.500000\nb: yes\ns: x y\n");
    free(t);
    assert_int_equal(typed_list_add_text(&l, "u", VIR_TYPED_PARAM_UINT, "-1", err, sizeof(err)), -1);
    assert_string_equal(err, "invalid value '-1' for 'u': expected a number from 0 to 4294967295");
    assert_int_equal(typed_list_add_text(&l, "i", VIR_TYPED_PARAM_INT, "2147483648", err,
                                         sizeof(err)), -1);
    assert_int_equal(typed_list_add_text(&l, "b", VIR_TYPED_PARAM_BOOLEAN, "maybe", err,
                                         sizeof(err)), -1);
    assert_string_equal(err, "invalid value 'maybe' for 'b': expected yes or no");
    assert_int_equal(typed_list_add_text(&l, "d", VIR_TYPED_PARAM_DOUBLE, "1e999", err,
                                         sizeof(err)), -1);
    assert_int_equal(l.n, 7);
    typed_list_clear(&l);
    assert_null(l.params);
    assert_int_equal(l.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_types),
        cmocka_unit_test(test_text_as_virsh),
        cmocka_unit_test(test_null_string),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_nesting_mixed),
        cmocka_unit_test(test_keys_and_lookup),
        cmocka_unit_test(test_list_add_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
