/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evqueue.c - handing events from the event loop thread to a command (see evqueue.h). */
#include "virt/evqueue.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "virt/err.h"

struct evitem {
    struct json_object *obj;
    char *text;
    struct timespec when;
    struct evitem *next;
};

struct evqueue {
    atomic_int refs;
    pthread_mutex_t lock;
    struct evitem *head, **tail; /* under lock */
    int fd[2];                   /* wake-up pipe: callbacks write, the command polls */
};

struct evqueue *evqueue_new(struct shell *sh)
{
    struct evqueue *q = xcalloc(1, sizeof(*q));
    if (pipe2(q->fd, O_CLOEXEC | O_NONBLOCK) < 0) {
        error(sh, "cannot create a pipe: %s", strerror(errno));
        free(q);
        return NULL;
    }
    atomic_init(&q->refs, 1);
    pthread_mutex_init(&q->lock, NULL);
    q->tail = &q->head;
    return q;
}

void *evqueue_ref(struct evqueue *q)
{
    atomic_fetch_add(&q->refs, 1);
    return q;
}

static void item_free(struct evitem *it)
{
    json_object_put(it->obj);
    free(it->text);
    free(it);
}

void evqueue_unref(void *opaque)
{
    struct evqueue *q = opaque;
    if (!q || atomic_fetch_sub(&q->refs, 1) != 1)
        return;
    while (q->head) {
        struct evitem *it = q->head;
        q->head = it->next;
        item_free(it);
    }
    close(q->fd[0]);
    close(q->fd[1]);
    pthread_mutex_destroy(&q->lock);
    free(q);
}

struct json_object *evqueue_event_json(const char *name, virDomainPtr dom)
{
    struct json_object *o = json_object_new_object();
    char uuid[VIR_UUID_STRING_BUFLEN] = "";
    json_object_object_add(o, "event", json_object_new_string(name));
    if (dom) {
        virDomainGetUUIDString(dom, uuid);
        json_object_object_add(o, "domain", json_object_new_string(virDomainGetName(dom)));
        json_object_object_add(o, "uuid", json_object_new_string(uuid));
    }
    return o;
}

void evqueue_push(struct evqueue *q, struct json_object *obj, char *text, const struct timespec *when)
{
    struct evitem *it = xcalloc(1, sizeof(*it));
    it->obj = obj;
    it->text = text;
    if (when)
        it->when = *when;
    else
        clock_gettime(CLOCK_REALTIME, &it->when);
    pthread_mutex_lock(&q->lock);
    *q->tail = it;
    q->tail = &it->next;
    pthread_mutex_unlock(&q->lock);
    (void)!write(q->fd[1], "e", 1);
}

static struct evitem *take_all(struct evqueue *q)
{
    pthread_mutex_lock(&q->lock);
    struct evitem *list = q->head;
    q->head = NULL;
    q->tail = &q->head;
    pthread_mutex_unlock(&q->lock);
    return list;
}

/* 2024-05-01T12:00:00.123Z (JSON) or 2024-05-01 12:00:00.123+0000 (text, as virsh) */
static void format_time(const struct timespec *ts, bool iso, char *buf, size_t len)
{
    struct tm tm;
    char base[64];
    gmtime_r(&ts->tv_sec, &tm);
    strftime(base, sizeof(base), iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm);
    snprintf(buf, len, "%s.%03ld%s", base, ts->tv_nsec / 1000000, iso ? "Z" : "+0000");
}

/* false when the output cannot be written (a closed pipe) */
static bool print_item(struct shell *sh, struct evitem *it, const struct evqueue_opts *o)
{
    char ts[96];
    if (sh->out.sink) { /* one of several hosts: one merged stream (shell/fanout.c) */
        format_time(&it->when, sh->out.mode == OUT_JSON, ts, sizeof(ts));
        if (sh->out.mode == OUT_JSON)
            json_object_object_add(it->obj, "timestamp", json_object_new_string(ts));
        _cleanup_free_ char *line = o->timestamp ? xasprintf("%s: %s", ts, it->text)
                                                 : xstrdup(it->text);
        line[strcspn(line, "\n")] = '\0';
        out_message(&sh->out, it->obj, line);
        return true;
    }
    if (sh->out.mode == OUT_JSON) {
        format_time(&it->when, true, ts, sizeof(ts));
        json_object_object_add(it->obj, "timestamp", json_object_new_string(ts));
        /* one object per line, whatever the pretty setting: a stream for jq */
        out_print_json(sh->out.fp, it->obj, JSON_C_TO_STRING_PLAIN);
    } else {
        if (o->timestamp) {
            format_time(&it->when, false, ts, sizeof(ts));
            fprintf(sh->out.fp, "%s: ", ts);
        }
        fputs(it->text, sh->out.fp);
    }
    return fflush(sh->out.fp) == 0 && !ferror(sh->out.fp);
}

/* The stream of several hosts (evqueue_merge_begin): shared by their threads. */
static struct {
    atomic_bool on;
    atomic_uint waits;      /* the hosts that waited (not `event --list`) */
    atomic_uint count;      /* events printed, every host */
    atomic_int how;         /* the latest end among the hosts: EVQ_TIMEOUT or _INTERRUPTED */
    atomic_llong timeout_s; /* written by each host's thread: the same value */
} merged;

void evqueue_merge_begin(void)
{
    atomic_store(&merged.waits, 0);
    atomic_store(&merged.count, 0);
    atomic_store(&merged.how, EVQ_DONE);
    atomic_store(&merged.timeout_s, 0);
    atomic_store(&merged.on, true);
}

/* The lines virsh ends an event wait with, -q or not (text only). */
static void closing_lines(struct shell *sh, int how, unsigned count)
{
    if (sh->out.mode != OUT_TEXT)
        return;
    if (how == EVQ_TIMEOUT)
        fprintf(sh->out.fp, "event loop timed out\n");
    else if (how == EVQ_INTERRUPTED)
        fprintf(sh->out.fp, "event loop interrupted\n");
    fprintf(sh->out.fp, "events received: %u\n", count);
}

static int no_event(struct shell *sh, long long timeout_s, const char *where)
{
    return error(sh, "no event within %lld second%s%s", timeout_s, timeout_s == 1 ? "" : "s",
                 where);
}

int evqueue_merge_end(struct shell *sh, int rc)
{
    atomic_store(&merged.on, false);
    int how = atomic_load(&merged.how);
    unsigned count = atomic_load(&merged.count);
    if (!atomic_load(&merged.waits))
        return rc;
    closing_lines(sh, how, count);
    if (how == EVQ_TIMEOUT && !count)
        return no_event(sh, atomic_load(&merged.timeout_s), " on any host");
    return rc;
}

int evqueue_run(struct shell *sh, struct evqueue *q, const struct evqueue_opts *o)
{
    bool merging = atomic_load(&merged.on);
    if (merging)
        atomic_fetch_add(&merged.waits, 1);
    unsigned count = 0;
    int how = EVQ_DONE;
    bool broken = false; /* the output cannot be written */
    double deadline = o->timeout_s > 0 ? now_ms() + (double)o->timeout_s * 1000 : 0;

    for (;;) {
        for (struct evitem *it = take_all(q), *next; it; it = next) {
            next = it->next;
            /* without --loop, only the first (of every host, when merging) */
            if (!broken && (o->loop || (count == 0 && !(merging && atomic_load(&merged.count))))) {
                broken = !print_item(sh, it, o);
                count++;
                if (merging)
                    atomic_fetch_add(&merged.count, 1);
            }
            item_free(it);
        }
        if (broken)
            return error(sh, "cannot write the events: %s", strerror(errno));
        if (!o->loop && (count || (merging && atomic_load(&merged.count))))
            break;
        if (shell_interrupted) {
            /* The way to end --loop.  Left set: a script stops here with 130
             * like on any Ctrl-C; the interactive shell clears it. */
            how = EVQ_INTERRUPTED;
            break;
        }
        if (sh->conn_lost) {
            how = EVQ_LOST;
            break;
        }
        /* Short slices: SIGINT may be delivered to the event loop thread,
         * and then this poll would not see EINTR. */
        int slice = 250;
        if (deadline) {
            double left = deadline - now_ms();
            if (left <= 0) {
                how = EVQ_TIMEOUT;
                break;
            }
            if (left < slice)
                slice = (int)left + 1;
        }
        struct pollfd pf = { .fd = q->fd[0], .events = POLLIN };
        if (poll(&pf, 1, slice) > 0) {
            char buf[64];
            while (read(q->fd[0], buf, sizeof(buf)) > 0)
                ;
        }
    }

    if (how == EVQ_LOST)
        return error(sh, "the connection was lost after %u event%s", count, count == 1 ? "" : "s");
    if (merging) { /* the stream's end is told once, by evqueue_merge_end */
        if (how != EVQ_DONE) {
            atomic_store(&merged.how, how);
            atomic_store(&merged.timeout_s, o->timeout_s);
        }
        return CMD_OK;
    }
    /* virsh's closing lines, -q or not; no event at all is a failure. */
    closing_lines(sh, how, count);
    if (how == EVQ_TIMEOUT && !count)
        return no_event(sh, o->timeout_s, "");
    return CMD_OK;
}
