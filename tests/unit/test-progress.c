/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-progress.c - the progress line: sizes, percent, rate and time left,
 * and that it draws nothing off a terminal. */
#include "unit.h"

#include "core/progress.h"

static void expect_bytes(unsigned long long n, const char *want)
{
    char buf[32];
    progress_bytes(n, buf, sizeof(buf));
    assert_string_equal(buf, want);
}

static void test_bytes(void **state)
{
    (void)state;
    expect_bytes(0, "0 B");
    expect_bytes(1023, "1023 B");
    expect_bytes(1024, "1.0 KiB");
    expect_bytes(1536, "1.5 KiB");
    expect_bytes(5ULL << 20, "5.0 MiB");
    expect_bytes(2791728742ULL, "2.6 GiB");
    expect_bytes(~0ULL, "16.0 EiB");
}

static void test_format(void **state)
{
    (void)state;
    struct progress p;
    char line[256];
    progress_begin(&p, NULL, false, "saving 'web1'");
    assert_false(p.enabled); /* no stream, no drawing */
    p.start_ms = 1000;
    p.rate_ms = 1000;
    /* No rate yet: the time it has taken. */
    progress_format(&p, 0, 1ULL << 30, 66000, line, sizeof(line));
    assert_string_equal(line, "saving 'web1':   0%  0 B of 1.0 GiB  1:05");
    /* Half a GiB in the first second: 512 MiB/s, one second left. */
    progress_update(&p, 1ULL << 29, 1ULL << 30, 2000);
    progress_format(&p, 1ULL << 29, 1ULL << 30, 2000, line, sizeof(line));
    assert_string_equal(line, "saving 'web1':  50%  512.0 MiB of 1.0 GiB  512.0 MiB/s  0:01 left");
    /* A total that is not known: bytes and rate only. */
    progress_format(&p, 3000, 0, 2000, line, sizeof(line));
    assert_string_equal(line, "saving 'web1':  2.9 KiB  512.0 MiB/s");
    /* Done can pass a total that was an estimate. */
    progress_format(&p, 2ULL << 30, 1ULL << 30, 2000, line, sizeof(line));
    assert_string_equal(line, "saving 'web1': 100%  2.0 GiB of 1.0 GiB  512.0 MiB/s");
}

static void test_not_a_terminal(void **state)
{
    (void)state;
    struct capture c;
    struct progress p;
    capture_open(&c);
    progress_begin(&p, c.fp, false, "copying");
    progress_update(&p, 10, 100, 5000);
    progress_end(&p);
    char *text = capture_text(&c);
    assert_string_equal(text, "");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_not_a_terminal),
    };
    return cmocka_run_group_tests_name("progress", tests, NULL, NULL);
}
