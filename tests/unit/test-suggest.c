/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-suggest.c - the one "did you mean" policy (core/suggest.h), and the table's users of it. */
#include "unit.h"

#include "core/args.h"
#include "core/globals.h"
#include "core/suggest.h"
#include "core/table.h"
#include "core/util.h"

#define WORDS(...) ((const char *const[]){ __VA_ARGS__ }), ARRAY_SIZE(((const char *const[]){ __VA_ARGS__ }))

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("", ""), 0);
    assert_int_equal(suggest_distance("abc", ""), 3);
    assert_int_equal(suggest_distance("kitten", "sitting"), 3);
    assert_int_equal(suggest_distance("destory", "destroy"), 1); /* a swap is one edit */
    assert_int_equal(suggest_distance("nvarm", "nvram"), 1);
    assert_int_equal(suggest_distance("ab", "ba"), 1);
    assert_int_equal(suggest_distance("abc", "ca"), 3);
    assert_int_equal(suggest_distance("lifecyle", "lifecycle"), 1);
    char longw[80];
    memset(longw, 'a', sizeof(longw) - 1);
    longw[sizeof(longw) - 1] = '\0';
    assert_int_equal(suggest_distance(longw, "a"), SIZE_MAX);
}

static void test_bound_grows_with_length(void **state)
{
    (void)state;
    assert_int_equal(suggest_max_edits(1), 1);
    assert_int_equal(suggest_max_edits(4), 1);
    assert_int_equal(suggest_max_edits(5), 2);
    assert_int_equal(suggest_max_edits(8), 2);
    assert_int_equal(suggest_max_edits(9), 3);
    assert_int_equal(suggest_max_edits(40), 3);
    /* at the bound it suggests, one edit past it it does not */
    assert_string_equal(suggest_among("nam", WORDS("name")), "name");
    assert_string_equal(suggest_among("xame", WORDS("name")), "name");
    assert_null(suggest_among("xxme", WORDS("name")));
    assert_string_equal(suggest_among("sxxrt", WORDS("start")), "start");
    assert_null(suggest_among("sxxxt", WORDS("start")));
    assert_string_equal(suggest_among("lifexxxle", WORDS("lifecycle")), "lifecycle");
    assert_null(suggest_among("lifexxxxe", WORDS("lifecycle")));
    assert_string_equal(suggest_among("query-statsu", WORDS("query-status")), "query-status");
    assert_null(suggest_among("frobnicate", WORDS("list", "start", "destroy", "dominfo")));
}

static void test_case_and_underscore_are_no_edits(void **state)
{
    (void)state;
    assert_string_equal(suggest_among("STOP", WORDS("cont", "stop")), "stop");
    assert_string_equal(suggest_among("set-link", WORDS("set_link")), "set_link");
    assert_string_equal(suggest_among("Dominfo", WORDS("domid", "dominfo")), "dominfo");
}

static void test_prefix_and_dash_suffix(void **state)
{
    (void)state;
    assert_string_equal(suggest_among("al", WORDS("all", "autostart")), "all");
    assert_string_equal(suggest_among("info", WORDS("guest-ping", "guest-info")), "guest-info");
    assert_string_equal(suggest_among("get-osinfo", WORDS("guest-get-time", "guest-get-osinfo")),
                        "guest-get-osinfo");
    /* one letter is no prefix worth a suggestion; a suffix needs its '-' */
    assert_null(suggest_among("a", WORDS("autostart")));
    assert_null(suggest_among("info", WORDS("dominfo-extended")));
    /* a typo beats a prefix, a prefix beats a suffix */
    assert_string_equal(suggest_among("pause", WORDS("pauses-all", "x-pause", "pause2")), "pause2");
    assert_string_equal(suggest_among("ping", WORDS("guest-ping", "pinger-daemon")), "pinger-daemon");
}

static void test_best_then_first(void **state)
{
    (void)state;
    /* fewer edits win, whatever the order; on a tie the first candidate */
    assert_string_equal(suggest_among("stat", WORDS("start", "state")), "start");
    assert_string_equal(suggest_among("stat", WORDS("state", "start")), "state");
    assert_string_equal(suggest_among("lst", WORDS("lsx", "list")), "lsx");
    assert_string_equal(suggest_among("lisst", WORDS("lisxxt", "list")), "list");
    struct suggest s;
    suggest_init(&s, "strat");
    assert_null(suggest_result(&s));
    suggest_consider(&s, NULL);
    suggest_consider(&s, "start");
    assert_string_equal(suggest_result(&s), "start");
    assert_null(suggest_among("", WORDS("start")));
}

/* The words the golden and integration tests ask about, through the real tables. */
static void test_commands_and_options(void **state)
{
    (void)state;
    assert_string_equal(cmd_suggest("strat"), "start");
    assert_string_equal(cmd_suggest("destory"), "destroy");
    assert_string_equal(cmd_suggest("Dominfo"), "dominfo");
    assert_null(cmd_suggest("frobnicate"));
    assert_null(cmd_suggest("nosuch"));
    assert_string_equal(cmd_suggest("LIST"), "list");
    assert_null(cmd_suggest("<domain")); /* not "domid": 3 edits for 7 characters */
    assert_null(cmd_suggest("<type"));
    assert_null(cmd_suggest("complet")); /* hidden commands are never suggested */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_bound_grows_with_length),
        cmocka_unit_test(test_case_and_underscore_are_no_edits),
        cmocka_unit_test(test_prefix_and_dash_suffix),
        cmocka_unit_test(test_best_then_first),
        cmocka_unit_test(test_commands_and_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
