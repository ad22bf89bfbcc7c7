/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-statsample.c - top's rates and orders from two samples (virt/statsample.h). */
#include "unit.h"

#include "core/util.h"
#include "virt/statsample.h"

/* A domain with counters; rates unknown until computed. */
static struct sample_dom dom(unsigned char u, const char *name, long long cpu_ns, long long rd,
                             long long wr, long long used_kib)
{
    struct sample_dom d = { .name = (char *)name, .id = u, .state = VIR_DOMAIN_RUNNING,
                            .vcpus = 1, .balloon_kib = -1, .max_kib = -1, .rss_kib = 1000,
                            .used_kib = used_kib, .cpu_ns = cpu_ns, .rd_bytes = rd, .wr_bytes = wr,
                            .rx_bytes = -1, .tx_bytes = -1, .cpu_pct = -1, .rd_bps = -1,
                            .wr_bps = -1, .rx_bps = -1, .tx_bps = -1 };
    d.uuid[15] = u;
    return d;
}

static void test_rates(void **state)
{
    (void)state;
    struct sample_dom before[] = { dom(1, "a", 1000000000, 0, 0, -1), dom(2, "b", 0, 4096, -1, 10),
                                   dom(3, "gone", 5, 5, 5, 5) };
    struct sample_dom after[] = { dom(1, "a", 1500000000, 1024, 2048, -1),
                                  dom(2, "b", 2000000000, 4096, 100, 10),
                                  dom(4, "new", 7, 7, 7, 7) };
    struct sample prev = { before, 3, 1000.0, 0, -1 };
    struct sample cur = { after, 3, 3000.0, 0, -1 };
    sample_rates(&cur, &prev);
    assert_true(cur.interval_s > 1.999 && cur.interval_s < 2.001);
    /* a: 0.5 s of CPU in 2 s, 512 B/s read, 1 KiB/s written */
    assert_true(after[0].cpu_pct > 24.99 && after[0].cpu_pct < 25.01);
    assert_true(after[0].rd_bps > 511.9 && after[0].rd_bps < 512.1);
    assert_true(after[0].wr_bps > 1023.9 && after[0].wr_bps < 1024.1);
    /* b: 2 s of CPU in 2 s is one whole CPU; a counter unknown before stays unknown */
    assert_true(after[1].cpu_pct > 99.99 && after[1].cpu_pct < 100.01);
    assert_true(after[1].rd_bps == 0);
    assert_true(after[1].wr_bps < 0);
    assert_true(after[1].rx_bps < 0);
    /* a domain that was not there before has no rates */
    assert_true(after[2].cpu_pct < 0 && after[2].rd_bps < 0);
    /* a counter that went back (a restart) gives no rate */
    struct sample_dom again[] = { dom(1, "a", 10, 1024, 2048, -1) };
    struct sample third = { again, 1, 4000.0, 0, -1 };
    sample_rates(&third, &cur);
    assert_true(again[0].cpu_pct < 0);
}

static void test_order(void **state)
{
    (void)state;
    struct sample_dom d[] = { dom(1, "idle", 0, 0, 0, 50), dom(2, "busy", 0, 0, 0, 20),
                              dom(3, "off", -1, -1, -1, -1), dom(4, "mid", 0, 0, 0, -1) };
    d[0].cpu_pct = 1, d[1].cpu_pct = 90, d[3].cpu_pct = 40;
    d[0].wr_bps = 10, d[1].rd_bps = 5, d[3].rd_bps = 100, d[3].wr_bps = 100;
    d[2].state = VIR_DOMAIN_SHUTOFF, d[2].rss_kib = -1;
    struct sample s = { d, 4, 0, 0, 1 };
    static const struct {
        enum sample_order by;
        bool reverse;
        const char *want;
    } cases[] = {
        { SAMPLE_BY_CPU, false, "busy mid idle off" },
        { SAMPLE_BY_CPU, true, "off idle mid busy" },
        { SAMPLE_BY_MEM, false, "mid idle busy off" }, /* the guest's used, else host RSS (1000) */
        { SAMPLE_BY_DISK, false, "mid idle busy off" },
        { SAMPLE_BY_NET, false, "busy idle mid off" }, /* all unknown: by name */
        { SAMPLE_BY_NAME, false, "busy idle mid off" },
    };
    for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
        const struct sample_dom **o = sample_order(&s, cases[c].by, cases[c].reverse);
        char got[64] = "";
        for (size_t i = 0; i < s.n; i++)
            snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s", i ? " " : "",
                     o[i]->name);
        free(o);
        if (!str_eq(got, cases[c].want))
            fail_msg("order %d%s: got '%s', want '%s'", cases[c].by,
                     cases[c].reverse ? " reversed" : "", got, cases[c].want);
    }
    assert_int_equal(sample_mem_kib(&d[0]), 50);
    assert_int_equal(sample_mem_kib(&d[3]), 1000);
    assert_int_equal(sample_mem_kib(&d[2]), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates),
        cmocka_unit_test(test_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
