/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-worker.c - the worker thread with a deadline (core/worker.h): in time, given up on, held, interrupted, inline. */
#include "unit.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include "core/interrupt.h"
#include "core/worker.h"

struct job {
    long sleep_ms;          /* run sleeps this long ... */
    long hold_ms;           /* ... after holding the deadline this long */
    atomic_bool *gate;      /* ... or, when set, until *gate is true */
    pthread_t ran_on;
    int result;
    atomic_int done_calls;
    atomic_bool abandoned;
    atomic_bool *freed;     /* set by the free hook */
};

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, ms % 1000 * 1000000L };
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static void job_run(struct worker *w, void *data)
{
    struct job *j = data;
    j->ran_on = pthread_self();
    if (j->hold_ms) {
        worker_hold(w, true);
        sleep_ms(j->hold_ms);
        worker_hold(w, false);
    }
    if (j->gate)
        while (!atomic_load(j->gate))
            sleep_ms(5);
    sleep_ms(j->sleep_ms);
    j->result = 42;
}

static void job_done(void *data, bool abandoned)
{
    struct job *j = data;
    atomic_fetch_add(&j->done_calls, 1);
    atomic_store(&j->abandoned, abandoned);
}

static void job_free(void *data)
{
    struct job *j = data;
    atomic_store(j->freed, true);
}

static const struct worker_ops ops = { job_run, job_done, job_free };

/* Wait (at most 5 s) for the worker to let go of a job it was left with. */
static void await_freed(atomic_bool *freed)
{
    for (int i = 0; i < 1000 && !atomic_load(freed); i++)
        sleep_ms(5);
    assert_true(atomic_load(freed));
}

static void test_done_in_time(void **state)
{
    (void)state;
    atomic_bool freed = false;
    struct job j = { .sleep_ms = 20, .freed = &freed };
    struct worker *w = worker_start(&ops, &j, 0);
    assert_non_null(w);
    assert_int_equal(worker_wait(w, 5000), WORKER_DONE);
    assert_int_equal(j.result, 42);
    assert_int_equal(atomic_load(&j.done_calls), 1);
    assert_false(atomic_load(&j.abandoned));
    assert_false(pthread_equal(j.ran_on, pthread_self()));
    worker_release(w);
    await_freed(&freed);
}

static void test_no_limit(void **state)
{
    (void)state;
    atomic_bool freed = false;
    struct job j = { .sleep_ms = 60, .freed = &freed };
    struct worker *w = worker_start(&ops, &j, 0);
    assert_int_equal(worker_wait(w, -1), WORKER_DONE);
    assert_int_equal(j.result, 42);
    worker_release(w);
    await_freed(&freed);
}

/* Polls come back while the worker runs, without giving up on it. */
static void test_poll(void **state)
{
    (void)state;
    atomic_bool freed = false, gate = false;
    struct job j = { .gate = &gate, .freed = &freed };
    struct worker *w = worker_start(&ops, &j, 0);
    int polls = 0;
    while (!worker_poll(w, 10)) {
        if (++polls == 3)
            atomic_store(&gate, true); /* let run finish after a few polls */
        assert_true(polls < 1000);
    }
    assert_true(polls >= 3);
    assert_int_equal(worker_wait(w, 0), WORKER_DONE);
    assert_int_equal(j.result, 42);
    assert_false(atomic_load(&j.abandoned));
    worker_release(w);
    await_freed(&freed);
}

static void test_given_up(void **state)
{
    (void)state;
    atomic_bool freed = false, gate = false;
    struct job *j = calloc(1, sizeof(*j));
    j->gate = &gate;
    j->freed = &freed;
    struct worker *w = worker_start(&ops, j, 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(worker_wait(w, 80), WORKER_TIMEOUT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long waited = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    assert_true(waited >= 75);
    worker_release(w);
    /* the waiter is gone; the worker finishes alone, told it was abandoned */
    assert_false(atomic_load(&freed));
    atomic_store(&gate, true);
    await_freed(&freed);
    assert_int_equal(atomic_load(&j->done_calls), 1);
    assert_true(atomic_load(&j->abandoned));
    free(j);
}

static void test_hold_stops_the_clock(void **state)
{
    (void)state;
    atomic_bool freed = false;
    /* 500 ms held, then 30 ms of work: far past a 200 ms bound, but only the
     * 30 ms count */
    struct job j = { .hold_ms = 500, .sleep_ms = 30, .freed = &freed };
    struct worker *w = worker_start(&ops, &j, 0);
    assert_int_equal(worker_wait(w, 200), WORKER_DONE);
    assert_int_equal(j.result, 42);
    worker_release(w);
    await_freed(&freed);
}

static void *interrupt_soon(void *opaque)
{
    (void)opaque;
    sleep_ms(50);
    shell_interrupted = 1;
    return NULL;
}

static void test_interrupted(void **state)
{
    (void)state;
    atomic_bool freed = false, gate = false;
    struct job *j = calloc(1, sizeof(*j));
    j->gate = &gate;
    j->freed = &freed;
    pthread_t t;
    shell_interrupted = 0;
    struct worker *w = worker_start(&ops, j, WORKER_INTERRUPTIBLE);
    assert_int_equal(pthread_create(&t, NULL, interrupt_soon, NULL), 0);
    assert_int_equal(worker_wait(w, -1), WORKER_INTERRUPTED);
    pthread_join(t, NULL);
    shell_interrupted = 0;
    worker_release(w);
    atomic_store(&gate, true);
    await_freed(&freed);
    assert_true(atomic_load(&j->abandoned));
    free(j);

    /* without WORKER_INTERRUPTIBLE, Ctrl-C is not the worker's business */
    atomic_bool freed2 = false;
    struct job j2 = { .sleep_ms = 30, .freed = &freed2 };
    shell_interrupted = 1;
    w = worker_start(&ops, &j2, 0);
    assert_int_equal(worker_wait(w, 5000), WORKER_DONE);
    shell_interrupted = 0;
    worker_release(w);
    await_freed(&freed2);
}

static void test_inline(void **state)
{
    (void)state;
    atomic_bool freed = false;
    struct job j = { .freed = &freed };
    struct worker *w = worker_start(&ops, &j, WORKER_INLINE);
    assert_true(pthread_equal(j.ran_on, pthread_self()));
    assert_int_equal(j.result, 42); /* done before worker_start returned */
    assert_false(atomic_load(&freed));
    assert_int_equal(worker_wait(w, 0), WORKER_DONE);
    worker_release(w);
    assert_true(atomic_load(&freed)); /* the last reference, synchronously */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_done_in_time),
        cmocka_unit_test(test_no_limit),
        cmocka_unit_test(test_poll),
        cmocka_unit_test(test_given_up),
        cmocka_unit_test(test_hold_stops_the_clock),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_inline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
