/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-base64.c - the base64 codec the guest agent transfers use (RFC 4648 vectors, binary round trips, rejects). */
#include "unit.h"

#include "core/base64.h"
#include "core/util.h"

static void test_rfc4648_vectors(void **state)
{
    (void)state;
    static const char *const plain[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *const coded[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
        char *e = base64_encode(plain[i], strlen(plain[i]));
        assert_string_equal(e, coded[i]);
        free(e);
        size_t len;
        unsigned char *d = base64_decode(coded[i], &len);
        assert_non_null(d);
        assert_int_equal(len, strlen(plain[i]));
        assert_memory_equal(d, plain[i], len);
        free(d);
    }
}

static void test_binary_round_trip(void **state)
{
    (void)state;
    unsigned char buf[1000];
    for (size_t i = 0; i < sizeof(buf); i++)
        buf[i] = (unsigned char)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof(buf); n += 1 + n / 3) {
        char *e = base64_encode(buf, n);
        assert_int_equal(strlen(e), (n + 2) / 3 * 4);
        size_t len;
        unsigned char *d = base64_decode(e, &len);
        assert_non_null(d);
        assert_int_equal(len, n);
        assert_memory_equal(d, buf, n);
        free(d);
        free(e);
    }
}

static void test_lenient_input(void **state)
{
    (void)state;
    size_t len;
    unsigned char *d = base64_decode("Zm9v\nYmFy\r\n", &len); /* line breaks are ignored */
    assert_non_null(d);
    assert_int_equal(len, 6);
    assert_memory_equal(d, "foobar", 6);
    free(d);
    d = base64_decode("Zm8", &len); /* padding may be left out */
    assert_non_null(d);
    assert_int_equal(len, 2);
    free(d);
}

static void test_rejects(void **state)
{
    (void)state;
    size_t len = 99;
    assert_null(base64_decode("Zm9v!", &len));   /* not in the alphabet */
    assert_null(base64_decode("Z", &len));       /* a lone digit is no byte */
    assert_null(base64_decode("Zg==Zg==", &len)); /* data after padding */
    assert_null(base64_decode("Zg===", &len));   /* too much padding */
    assert_int_equal(len, 99);                  /* untouched on failure */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc4648_vectors),
        cmocka_unit_test(test_binary_round_trip),
        cmocka_unit_test(test_lenient_input),
        cmocka_unit_test(test_rejects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
