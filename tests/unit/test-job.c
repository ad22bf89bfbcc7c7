/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-job.c - virt/job on libvirt's test driver: the call runs in another
 * thread and its libvirt error reaches the caller's thread; Ctrl-C asks
 * libvirt to abort the domain's job and the call is still waited for. */
#include "unit.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <pthread.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "unit-shell.h"
#include "virt/job.h"

struct lookup {
    virConnectPtr conn;
    const char *name;
    pthread_t ran_on;
    int sleep_ms;
    bool interrupt;  /* set Ctrl-C while the call runs */
};

static int do_lookup(void *opaque)
{
    struct lookup *l = opaque;
    l->ran_on = pthread_self();
    if (l->interrupt)
        shell_interrupted = 1;
    usleep((useconds_t)l->sleep_ms * 1000);
    virDomainPtr d = virDomainLookupByName(l->conn, l->name);
    if (!d)
        return -1;
    virDomainFree(d);
    return 0;
}

static void test_success(void **state)
{
    (void)state;
    struct lookup l = { sh.conn, "test", 0, 300, false };
    struct job_result r = { 0 };
    assert_int_equal(job_run(&sh, NULL, "looking", do_lookup, &l, &r), 0);
    assert_false(pthread_equal(l.ran_on, pthread_self()));
    assert_false(r.aborted);
}

static void test_error_reaches_the_caller(void **state)
{
    (void)state;
    struct lookup l = { sh.conn, "nosuch", 0, 0, false };
    struct job_result r = { 0 };
    assert_int_equal(job_run(&sh, NULL, "looking", do_lookup, &l, &r), -1);
    assert_non_null(r.err);
    assert_int_equal(r.err->code, VIR_ERR_NO_DOMAIN);
    err_libvirt_saved(&sh, r.err, "cannot look it up");
    assert_string_equal(sh.err.message, "cannot look it up: domain not found");
    err_clear(&sh);
    job_result_clear(&r);
}

static void test_ctrl_c_asks_for_an_abort(void **state)
{
    (void)state;
    virDomainPtr dom = virDomainLookupByName(sh.conn, "test");
    assert_non_null(dom);
    struct lookup l = { sh.conn, "test", 0, 600, true };
    struct job_result r = { 0 };
    /* The test driver has no jobs to abort: libvirt refuses, the call is
     * waited for and succeeds, the Ctrl-C stays for the run loop. */
    assert_int_equal(job_run(&sh, dom, "looking", do_lookup, &l, &r), 0);
    assert_true(r.abort_failed);
    assert_false(r.aborted);
    assert_int_equal(shell_interrupted, 1);
    shell_interrupted = 0;
    virDomainFree(dom);
}

static void test_no_figures_without_a_job(void **state)
{
    (void)state;
    virDomainPtr dom = virDomainLookupByName(sh.conn, "test");
    unsigned long long done = 1, total = 1;
    assert_int_equal(job_progress(dom, &done, &total), 0);
    assert_int_equal(done, 0);
    assert_int_equal(total, 0);
    assert_null(virGetLastError());
    virDomainFree(dom);
}

UNIT_SHELL("test:///default", true)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_success),
        cmocka_unit_test(test_error_reaches_the_caller),
        cmocka_unit_test(test_ctrl_c_asks_for_an_abort),
        cmocka_unit_test(test_no_figures_without_a_job),
    };
    return cmocka_run_group_tests_name("job", tests, setup, teardown);
}
