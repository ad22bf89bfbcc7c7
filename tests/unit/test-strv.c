/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-strv.c - the string vector (core/strv.h) and the string builder (core/strbuf.h). */
#include "unit.h"

#include "core/strbuf.h"
#include "core/strv.h"

static void test_strv_push_keeps_null_termination(void **state)
{
    (void)state;
    _cleanup_strv_ struct strv sv = { 0 };
    assert_null(sv.v);
    for (int i = 0; i < 100; i++) {
        strv_addf(&sv, "w%d", i);
        assert_int_equal(sv.n, (size_t)i + 1);
        assert_null(sv.v[sv.n]);
        assert_true(sv.cap > sv.n);
    }
    assert_string_equal(sv.v[0], "w0");
    assert_string_equal(sv.v[99], "w99");
    assert_true(strv_contains(&sv, "w42"));
    assert_false(strv_contains(&sv, "w100"));
}

static void test_strv_add_copies_push_borrows(void **state)
{
    (void)state;
    char word[] = "abc";
    struct strv borrowed = { 0 };
    strv_push(&borrowed, word);
    assert_ptr_equal(borrowed.v[0], word);
    strv_clear(&borrowed); /* frees the array only: word is on the stack */
    assert_null(borrowed.v);
    assert_int_equal(borrowed.n, 0);

    _cleanup_strv_ struct strv owned = { 0 };
    strv_add(&owned, word);
    assert_ptr_not_equal(owned.v[0], word);
    word[0] = 'x';
    assert_string_equal(owned.v[0], "abc");
}

static void test_strv_sort_unique(void **state)
{
    (void)state;
    _cleanup_strv_ struct strv sv = { 0 };
    const char *in[] = { "pear", "apple", "pear", "fig", "apple", "pear" };
    for (size_t i = 0; i < ARRAY_SIZE(in); i++)
        strv_add(&sv, in[i]);
    strv_sort(&sv, false);
    assert_int_equal(sv.n, 6);
    assert_string_equal(sv.v[0], "apple");
    assert_string_equal(sv.v[5], "pear");
    strv_sort(&sv, true);
    assert_int_equal(sv.n, 3);
    assert_string_equal(sv.v[0], "apple");
    assert_string_equal(sv.v[1], "fig");
    assert_string_equal(sv.v[2], "pear");
    assert_null(sv.v[3]);

    struct strv empty = { 0 };
    strv_sort(&empty, true); /* nothing to do, nothing allocated */
    assert_null(empty.v);
}

static void test_strv_join_and_steal(void **state)
{
    (void)state;
    struct strv sv = { 0 };
    char *s = strv_join(&sv, ", ");
    assert_string_equal(s, "");
    free(s);
    char **v = strv_steal(&sv); /* an empty vector still hands out a terminated array */
    assert_non_null(v);
    assert_null(v[0]);
    strv_freev(v);

    strv_add(&sv, "a");
    strv_add(&sv, "b c");
    strv_add(&sv, "d");
    s = strv_join(&sv, ", ");
    assert_string_equal(s, "a, b c, d");
    free(s);
    s = strv_joinv(sv.v + 1, 2, "+"); /* a part of an array */
    assert_string_equal(s, "b c+d");
    free(s);
    v = strv_steal(&sv);
    assert_null(sv.v);
    assert_int_equal(sv.n, 0);
    assert_string_equal(v[1], "b c");
    assert_null(v[3]);
    strv_freev(v);
    strv_freev(NULL);
    strv_free(NULL);
}

static void test_strbuf_builds_text(void **state)
{
    (void)state;
    _cleanup_strbuf_ struct strbuf b = { 0 };
    assert_string_equal(strbuf_str(&b), "");
    strbuf_add(&b, "ab");
    strbuf_addc(&b, 'c');
    strbuf_addn(&b, "defgh", 2);
    strbuf_printf(&b, "[%d|%s]", 42, "x");
    assert_string_equal(b.s, "abcde[42|x]");
    assert_int_equal(b.len, strlen(b.s));
    /* growth: many small pieces and one large one */
    for (int i = 0; i < 1000; i++)
        strbuf_addc(&b, (char)('a' + i % 26));
    char big[5000];
    memset(big, 'z', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    strbuf_printf(&b, "%s", big);
    assert_int_equal(b.len, 11 + 1000 + 4999);
    assert_int_equal(strlen(b.s), b.len);
    assert_true(b.cap > b.len);
    assert_int_equal(b.s[11], 'a');
    assert_int_equal(b.s[11 + 26], 'a');
}

static void test_strbuf_steal(void **state)
{
    (void)state;
    struct strbuf b = { 0 };
    char *s = strbuf_steal(&b); /* nothing added: "" and not NULL */
    assert_string_equal(s, "");
    free(s);
    strbuf_printf(&b, "%s", ""); /* an empty piece still makes a valid string */
    assert_non_null(b.s);
    assert_string_equal(b.s, "");
    strbuf_add(&b, "kept");
    s = strbuf_steal(&b);
    assert_null(b.s);
    assert_int_equal(b.len, 0);
    assert_string_equal(s, "kept");
    free(s);
    strbuf_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strv_push_keeps_null_termination),
        cmocka_unit_test(test_strv_add_copies_push_borrows),
        cmocka_unit_test(test_strv_sort_unique),
        cmocka_unit_test(test_strv_join_and_steal),
        cmocka_unit_test(test_strbuf_builds_text),
        cmocka_unit_test(test_strbuf_steal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
