/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/monitor-top.c - top: every domain's state, CPU, memory, disk and
 * network rates, refreshed every --delay seconds from ONE
 * virConnectGetAllDomainStats call per refresh (virt/statsample.h).  On a
 * terminal it redraws in place (escape sequences, keys to sort); with
 * --batch, or when its output is not a terminal, it prints one snapshot a
 * refresh: a table, or with -o json one JSON object a line.
 *
 * With several hosts selected (--hosts, or `connect --add`) it asks them
 * itself (CMD_HOSTS, not the fan-out of shell/fanout.c): each refresh
 * samples every host at once, one thread a host, and shows ONE table with
 * a HOST column; a host that does not answer is named in the summary, its
 * error reported once (on stderr), and the others go on.
 */
#include <errno.h>
#include <libvirt/libvirt.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "core/interrupt.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/conn.h"
#include "virt/err.h"
#include "virt/hostset.h"
#include "virt/statsample.h"
#include "cmd/monitor-stats.h"

#define SORT_WORDS VALUES("cpu", "mem", "disk", "net", "name")

struct top_args {
    const char *delay;
    int sort;
    bool batch;
    long long iterations;
};

/* What is on the screen and how. */
struct view {
    enum sample_order by;
    bool reverse;
    int host_cpus;
    double delay_s;
    bool interactive;
    int width, height; /* of the terminal (interactive) */
    size_t hosts;      /* several hosts: how many are selected; else 0 */
    size_t answering;  /* of them, those that answered the last refresh */
    const bool *failed; /* [hosts]: which did not */
    char *silent;      /* their names ("'a' and 'b'"), or NULL */
};

/* ---- formatting ---------------------------------------------------------- */

/* A byte count in at most 6 columns: 512, 1.5K, 12.3M, 1.2G. */
static void compact(char *buf, size_t len, double bytes)
{
    static const char units[] = "KMGTPE";
    if (bytes < 0) {
        snprintf(buf, len, "-");
        return;
    }
    if (bytes < 1024) {
        snprintf(buf, len, "%.0f", bytes);
        return;
    }
    int u = -1;
    while (bytes >= 1024 && u + 1 < (int)sizeof(units) - 1) {
        bytes /= 1024;
        u++;
    }
    snprintf(buf, len, bytes < 100 ? "%.1f%c" : "%.0f%c", bytes, units[u]);
}

/* The length in bytes (*len) and the display columns (the result) of the
 * character at s; an invalid byte is one column. */
static int char_at(const char *s, size_t left, size_t *len)
{
    mbstate_t st = { 0 };
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, left, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        *len = 1;
        return 1;
    }
    *len = n;
    return wcwidth(wc) > 0 ? wcwidth(wc) : 0;
}

/* Display columns of a UTF-8 string. */
static int columns(const char *s)
{
    int w = 0;
    size_t n;
    for (size_t left = strlen(s); left; s += n, left -= n)
        w += char_at(s, left, &n);
    return w;
}

/* s cut to `width` columns (with "~" when cut) and padded to them. */
static void add_fitted(struct strbuf *b, const char *s, int width)
{
    bool cut = columns(s) > width;
    int w = 0, room = cut ? width - 1 : width;
    size_t n;
    for (size_t left = strlen(s); left; s += n, left -= n) {
        int cw = char_at(s, left, &n);
        if (w + cw > room)
            break;
        strbuf_addn(b, s, n);
        w += cw;
    }
    if (cut) {
        strbuf_addc(b, '~');
        w++;
    }
    for (; w < width; w++)
        strbuf_addc(b, ' ');
}

static const char *const sort_names[] = { "cpu", "mem", "disk", "net", "name" };

static void summary(struct strbuf *b, const struct sample *s, const struct view *v)
{
    size_t running = 0, paused = 0, off = 0;
    double cpu = 0;
    for (size_t i = 0; i < s->n; i++) {
        running += s->doms[i].state == VIR_DOMAIN_RUNNING;
        paused += s->doms[i].state == VIR_DOMAIN_PAUSED;
        off += s->doms[i].state == VIR_DOMAIN_SHUTOFF;
        cpu += s->doms[i].cpu_pct > 0 ? s->doms[i].cpu_pct : 0;
    }
    time_t t = (time_t)s->wall_s;
    struct tm tm;
    char when[16];
    strftime(when, sizeof(when), "%H:%M:%S", localtime_r(&t, &tm));
    strbuf_printf(b, "virtsh top - %s  ", when);
    if (v->hosts) {
        strbuf_printf(b, "hosts: %zu of %zu answering", v->answering, v->hosts);
        if (v->silent)
            strbuf_printf(b, " (not %s)", v->silent);
        strbuf_add(b, "  ");
    }
    strbuf_printf(b, "domains: %zu, %zu running, %zu paused, %zu shut off", s->n, running, paused,
                  off);
    if (s->interval_s >= 0 && v->host_cpus > 0)
        strbuf_printf(b, "  CPU: %.1f%% of %d", cpu / v->host_cpus, v->host_cpus);
    strbuf_printf(b, "  every %g s, by %s%s", v->delay_s, sort_names[v->by],
                  v->reverse ? " (reversed)" : "");
}

/* The columns of a row before the name: the host's (several hosts) and the id's. */
struct lead {
    const char *host;
    int hostw; /* 0: no host column */
    const char *id;
};

/* One line of the table: the host and the id, the name in `namew` columns,
 * the rest (ASCII), cut at the terminal's width when it is one. */
static void add_row(struct strbuf *b, const struct lead *l, const char *name, int namew,
                    const char *rest, const struct view *v, const char *eol)
{
    if (l->hostw) {
        add_fitted(b, l->host, l->hostw);
        strbuf_addc(b, ' ');
    }
    strbuf_printf(b, "%5s ", l->id);
    add_fitted(b, name, namew);
    size_t len = strlen(rest);
    if (v->interactive) {
        int room = v->width - 6 - namew - (l->hostw ? l->hostw + 1 : 0);
        len = room <= 0 ? 0 : (size_t)room < len ? (size_t)room : len;
    }
    strbuf_addn(b, rest, len);
    strbuf_add(b, eol);
}

/* The table's rows (at most `max`), each line ended by `eol`. */
static void table(struct strbuf *b, const struct sample *s, const struct view *v, size_t max,
                  const char *eol)
{
    static const char format[] = " %-11s %6s %5s %6s %7s %7s %7s %7s %7s";
    _cleanup_free_ const struct sample_dom **rows = sample_order(s, v->by, v->reverse);
    /* everything but the host and the name takes 78 columns */
    int namew = 4, hostw = v->hosts ? 4 : 0;
    for (size_t i = 0; i < s->n; i++) {
        namew = columns(rows[i]->name) > namew ? columns(rows[i]->name) : namew;
        if (hostw && columns(rows[i]->host) > hostw)
            hostw = columns(rows[i]->host);
    }
    if (v->interactive && hostw > v->width / 4)
        hostw = v->width / 4 > 4 ? v->width / 4 : 4;
    int room = v->width - 79 - (hostw ? hostw + 1 : 0);
    if (v->interactive && namew > room)
        namew = room > 8 ? room : 8;
    char rest[160];
    snprintf(rest, sizeof(rest), format, "STATE", "CPU%", "VCPUS", "MEM", "BALLOON", "RD/S",
             "WR/S", "RX/S", "TX/S");
    add_row(b, &(struct lead){ "HOST", hostw, "ID" }, "NAME", namew, rest, v, eol);
    for (size_t i = 0; i < s->n && i < max; i++) {
        const struct sample_dom *d = rows[i];
        char id[24], cpu[16], vc[24], mem[16], bal[16], rd[16], wr[16], rx[16], tx[16];
        snprintf(id, sizeof(id), d->id >= 0 ? "%lld" : "-", d->id);
        snprintf(cpu, sizeof(cpu), d->cpu_pct >= 0 ? "%.1f" : "-", d->cpu_pct);
        snprintf(vc, sizeof(vc), d->vcpus >= 0 ? "%lld" : "-", d->vcpus);
        long long m = sample_mem_kib(d);
        compact(mem, sizeof(mem), m < 0 ? -1 : (double)m * 1024);
        compact(bal, sizeof(bal), d->balloon_kib < 0 ? -1 : (double)d->balloon_kib * 1024);
        compact(rd, sizeof(rd), d->rd_bps);
        compact(wr, sizeof(wr), d->wr_bps);
        compact(rx, sizeof(rx), d->rx_bps);
        compact(tx, sizeof(tx), d->tx_bps);
        snprintf(rest, sizeof(rest), format, domain_state_text(domain_state_word(d->state)), cpu,
                 vc, mem, bal, rd, wr, rx, tx);
        add_row(b, &(struct lead){ d->host, hostw, id }, d->name, namew, rest, v, eol);
    }
}

/* A number written with `decimals` decimals (json-c would print 17 digits). */
static struct json_object *decimal(double v, int decimals)
{
    char s[64];
    snprintf(s, sizeof(s), "%.*f", decimals, v);
    return json_object_new_double_s(v, s);
}

static struct json_object *num_or_null(double v, bool integer)
{
    if (v < 0)
        return NULL;
    return integer ? json_object_new_int64((long long)v) : decimal(v, 1);
}

static struct json_object *dom_json(const struct sample_dom *d)
{
    struct json_object *o = json_object_new_object();
    if (d->host)
        json_object_object_add(o, "host", json_object_new_string(d->host));
    json_object_object_add(o, "name", json_object_new_string(d->name));
    json_object_object_add(o, "id", d->id >= 0 ? json_object_new_int64(d->id) : NULL);
    json_object_object_add(o, "uuid", json_object_new_string(d->uuid_str));
    json_object_object_add(o, "state", json_object_new_string(domain_state_word(d->state)));
    json_object_object_add(o, "cpu_percent", num_or_null(d->cpu_pct, false));
    json_object_object_add(o, "vcpus", num_or_null((double)d->vcpus, true));
    json_object_object_add(o, "memory_used_kib", num_or_null((double)d->used_kib, true));
    json_object_object_add(o, "memory_rss_kib", num_or_null((double)d->rss_kib, true));
    json_object_object_add(o, "balloon_kib", num_or_null((double)d->balloon_kib, true));
    json_object_object_add(o, "max_memory_kib", num_or_null((double)d->max_kib, true));
    json_object_object_add(o, "disk_read_bytes_per_s", num_or_null(d->rd_bps, true));
    json_object_object_add(o, "disk_write_bytes_per_s", num_or_null(d->wr_bps, true));
    json_object_object_add(o, "net_rx_bytes_per_s", num_or_null(d->rx_bps, true));
    json_object_object_add(o, "net_tx_bytes_per_s", num_or_null(d->tx_bps, true));
    return o;
}

/* One snapshot of --batch: a JSON line, or the summary and the table (after
 * the first, a blank line before it; the command's blank line ends the last). */
static void print_snapshot(struct shell *sh, const struct sample *s, const struct view *v,
                           bool first)
{
    if (sh->out.mode == OUT_JSON) {
        _cleanup_free_ const struct sample_dom **rows = sample_order(s, v->by, v->reverse);
        _cleanup_json_ struct json_object *o = json_object_new_object();
        struct json_object *arr = json_object_new_array_ext((int)s->n);
        for (size_t i = 0; i < s->n; i++)
            json_object_array_add(arr, dom_json(rows[i]));
        json_object_object_add(o, "time_s", decimal(s->wall_s, 3));
        json_object_object_add(o, "interval_s", s->interval_s < 0 ? NULL
                               : decimal(s->interval_s, 3));
        json_object_object_add(o, "host_cpus", v->host_cpus > 0 ? json_object_new_int(v->host_cpus)
                                                                : NULL);
        json_object_object_add(o, "domains", arr);
        if (v->hosts) {
            struct json_object *silent = json_object_new_array();
            for (size_t i = 0; i < v->hosts; i++)
                if (v->failed[i])
                    json_object_array_add(silent, json_object_new_string(sh->hosts->h[i].name));
            json_object_object_add(o, "hosts_not_answering", silent);
        }
        out_value(&sh->out, o, "");
    } else {
        _cleanup_strbuf_ struct strbuf b = { 0 };
        if (!first && !sh->out.quiet)
            fputc('\n', sh->out.fp);
        summary(&b, s, v);
        strbuf_add(&b, "\n\n");
        table(&b, s, v, s->n, "\n");
        out_value(&sh->out, NULL, strbuf_str(&b));
    }
    fflush(sh->out.fp);
}

/* ---- the terminal -------------------------------------------------------- */

struct term {
    struct termios saved;
    bool raw;
};

static void term_size(struct view *v)
{
    struct winsize ws;
    v->width = 80, v->height = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row)
        v->width = ws.ws_col, v->height = ws.ws_row;
}

/* Keys without Enter and without echo (Ctrl-C still interrupts); the
 * alternate screen, without the cursor. */
static void term_enter(struct term *t)
{
    if (tcgetattr(STDIN_FILENO, &t->saved) == 0) {
        struct termios raw = t->saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        t->raw = tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
    }
    fputs("\033[?1049h\033[?25l", stdout);
    fflush(stdout);
}

static void term_leave(struct term *t)
{
    fputs("\033[?25h\033[?1049l", stdout);
    fflush(stdout);
    if (t->raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
}

static void draw(const struct sample *s, const struct view *v)
{
    _cleanup_strbuf_ struct strbuf b = { 0 };
    static const char keys[] = "keys: c cpu  m memory  d disk  n network  a name  r reverse  "
                               "q quit";
    _cleanup_strbuf_ struct strbuf head = { 0 };
    summary(&head, s, v); /* ASCII only, like the keys: cut at the terminal's width */
    size_t w = v->width > 0 ? (size_t)v->width : 80;
    strbuf_add(&b, "\033[H");
    strbuf_addn(&b, head.s, head.len < w ? head.len : w);
    strbuf_add(&b, "\033[K\n");
    strbuf_addn(&b, keys, sizeof(keys) - 1 < w ? sizeof(keys) - 1 : w);
    strbuf_add(&b, "\033[K\n\033[K\n");
    size_t rows = v->height > 5 ? (size_t)v->height - 5 : 1;
    table(&b, s, v, rows, "\033[K\n");
    strbuf_add(&b, "\033[J");
    fwrite(b.s, 1, b.len, stdout);
    fflush(stdout);
}

/* A key: true when it asks to leave. */
static bool key(struct view *v, char c)
{
    static const char keys[] = "cmdna";
    const char *k = strchr(keys, c);
    if (c && k)
        v->by = (enum sample_order)(k - keys);
    else if (c == 'r')
        v->reverse = !v->reverse;
    return c == 'q' || c == 'Q';
}

enum wait_end { WAIT_TIME, WAIT_QUIT };

/* Until `deadline` (now_ms()), in short slices (Ctrl-C may reach another
 * thread), handling keys and size changes on a terminal. */
static enum wait_end wait_until(double deadline, const struct sample *s, struct view *v)
{
    for (;;) {
        if (shell_interrupted)
            return WAIT_QUIT;
        double left = deadline - now_ms();
        if (left <= 0)
            return WAIT_TIME;
        struct pollfd pf = { .fd = STDIN_FILENO, .events = POLLIN };
        int slice = left < 250 ? (int)left + 1 : 250;
        int n = poll(&pf, v->interactive ? 1 : 0, slice);
        if (!v->interactive || n <= 0) {
            int w = v->width, h = v->height;
            if (v->interactive && (term_size(v), w != v->width || h != v->height))
                draw(s, v);
            continue;
        }
        char buf[32];
        ssize_t got = read(STDIN_FILENO, buf, sizeof(buf));
        if (got <= 0)
            continue;
        for (ssize_t i = 0; i < got; i++)
            if (key(v, buf[i]))
                return WAIT_QUIT;
        draw(s, v);
    }
}

/* ---- sampling: one host, or each of several at once ---------------------- */

static int cpus_of(virConnectPtr c)
{
    virNodeInfo info;
    if (virNodeGetInfo(c, &info) < 0) {
        virResetLastError();
        return 0;
    }
    return (int)info.cpus;
}

/* What top keeps between refreshes: the sample shown (the base of the next
 * one's rates), and with several hosts each host's own, which the shown one
 * merges (its domains borrow their names from them). */
struct sampler {
    struct shell *sh;
    struct hostset *hs;    /* NULL: one host, sh's connection */
    struct sample shown;
    bool have;
    /* several hosts, each [hs->n] */
    struct sample *per, *got;
    bool *per_have, *failed, *ever_failed; /* failed: in the last refresh */
    int *cpus;             /* 0 until known */
    char **reported;       /* the error last printed for the host, or NULL */
};

/* In host i's thread: its sample, against its previous one. */
static void sample_host(struct shell *hsh, size_t i, void *opaque)
{
    struct sampler *s = opaque;
    s->failed[i] = true;
    if (!conn_get(hsh))
        return;
    if (!s->cpus[i])
        s->cpus[i] = cpus_of(hsh->conn);
    if (sample_take(hsh->conn, s->per_have[i] ? &s->per[i] : NULL, &s->got[i]) < 0) {
        err_libvirt(hsh, "cannot get domain statistics");
        return;
    }
    s->failed[i] = false;
}

/* Host i did not answer: its error printed now (`report`, and not the one
 * printed last time), else kept for the end. */
static void host_failed(struct sampler *s, size_t i, bool report)
{
    struct shell *hsh = s->hs->h[i].sh;
    s->ever_failed[i] = true;
    if (!hsh->err.status)
        return;
    if (!s->reported[i] || !str_eq(s->reported[i], hsh->err.message)) {
        free(s->reported[i]);
        s->reported[i] = xstrdup(hsh->err.message);
        if (report) {
            err_report(hsh);
            return;
        }
    }
    err_clear(hsh);
}

/* Every host at once; the shown sample merges those that answered.  0, or
 * -1 with the error recorded when none did. */
static int refresh_hosts(struct sampler *s, struct view *v)
{
    struct hostset *hs = s->hs;
    size_t n = 0;
    hostset_each(hs, s->sh, NULL, sample_host, s);
    v->answering = 0;
    v->host_cpus = 0;
    for (size_t i = 0; i < hs->n; i++) {
        if (s->failed[i]) {
            host_failed(s, i, !v->interactive);
            continue;
        }
        if (s->per_have[i])
            sample_clear(&s->per[i]);
        s->per[i] = s->got[i];
        s->per_have[i] = true;
        free(s->reported[i]);
        s->reported[i] = NULL;
        v->answering++;
        v->host_cpus += s->cpus[i];
        n += s->per[i].n;
    }
    free(v->silent);
    v->silent = v->answering < hs->n ? hostset_names(hs, s->failed) : NULL;
    if (!v->answering)
        return error(s->sh, "no host answered (%s)", v->silent);
    free(s->shown.doms);
    struct sample m = { .doms = xcalloc(n + 1, sizeof(*m.doms)), .interval_s = -1 };
    for (size_t i = 0; i < hs->n; i++) {
        const struct sample *p = &s->per[i];
        if (s->failed[i])
            continue;
        for (size_t k = 0; k < p->n; k++) {
            m.doms[m.n] = p->doms[k];
            m.doms[m.n++].host = hs->h[i].name;
        }
        m.mono_ms = p->mono_ms > m.mono_ms ? p->mono_ms : m.mono_ms;
        m.wall_s = p->wall_s > m.wall_s ? p->wall_s : m.wall_s;
        if (m.interval_s < 0)
            m.interval_s = p->interval_s;
    }
    s->shown = m;
    s->have = true;
    return 0;
}

/* A new sample in s->shown.  0, or -1 with the error recorded. */
static int refresh(struct sampler *s, struct view *v)
{
    if (s->hs)
        return refresh_hosts(s, v);
    struct sample cur;
    if (sample_take(s->sh->conn, s->have ? &s->shown : NULL, &cur) < 0)
        return err_libvirt(s->sh, "cannot get domain statistics"), -1;
    if (s->have)
        sample_clear(&s->shown);
    s->shown = cur;
    s->have = true;
    return 0;
}

static void sampler_init(struct sampler *s, struct shell *sh, struct view *v)
{
    *s = (struct sampler){ .sh = sh, .hs = sh->hosts };
    if (!s->hs) {
        v->host_cpus = cpus_of(sh->conn);
        return;
    }
    size_t n = s->hs->n;
    s->per = xcalloc(n, sizeof(*s->per));
    s->got = xcalloc(n, sizeof(*s->got));
    s->per_have = xcalloc(n, sizeof(bool));
    s->failed = xcalloc(n, sizeof(bool));
    s->ever_failed = xcalloc(n, sizeof(bool));
    s->cpus = xcalloc(n, sizeof(int));
    s->reported = xcalloc(n, sizeof(char *));
    v->hosts = n;
    v->failed = s->failed;
}

/* The end: with several hosts, the errors not printed yet (the screen
 * hid them), and CMD_PARTIAL for rc CMD_OK when some host did not answer. */
static int sampler_done(struct sampler *s, struct view *v, int rc)
{
    if (!s->hs) {
        if (s->have)
            sample_clear(&s->shown);
        return rc;
    }
    bool partial = false;
    for (size_t i = 0; i < s->hs->n; i++) {
        if (s->per_have[i])
            sample_clear(&s->per[i]);
        if (v->interactive && s->reported[i]) {
            struct shell *hsh = s->hs->h[i].sh;
            error(hsh, "%s", s->reported[i]);
            err_report(hsh);
        }
        partial |= s->ever_failed[i];
        free(s->reported[i]);
    }
    free(s->shown.doms);
    free(s->per);
    free(s->got);
    free(s->per_have);
    free(s->failed);
    free(s->ever_failed);
    free(s->cpus);
    free(s->reported);
    free(v->silent);
    return rc == CMD_OK && partial ? CMD_PARTIAL : rc;
}

/* ---- the command --------------------------------------------------------- */

static int parse_delay(struct shell *sh, const char *s, double *ret)
{
    char *end;
    errno = 0;
    double d = s ? strtod(s, &end) : 2.0;
    if (s && (!*s || *end || errno || !(d >= 0.1 && d <= 86400)))
        return usage_error(sh, "invalid value '%s' for '--delay': expected seconds from 0.1 to "
                           "86400", s);
    *ret = d;
    return 0;
}

static int top_loop(struct shell *sh, const struct top_args *a, struct view *v,
                    struct sampler *sp)
{
    struct sampler s = *sp;
    int rc = CMD_OK;
    for (long long iter = 0;;) {
        if (refresh(&s, v) < 0) {
            rc = CMD_FAILED;
            break;
        }
        if (v->interactive)
            draw(&s.shown, v);
        else
            print_snapshot(sh, &s.shown, v, iter == 0);
        if (a->iterations && ++iter >= a->iterations)
            break;
        /* From when the sample came, not from when it was asked: a slow
         * call must not leave a tiny interval (CPU time counts in ticks). */
        if (wait_until(s.shown.mono_ms + v->delay_s * 1000, &s.shown, v) == WAIT_QUIT)
            break;
    }
    *sp = s;
    return rc;
}

static int cmd_monitor_top(struct shell *sh, void *opaque)
{
    struct top_args *a = opaque;
    struct view v = { .by = a->sort < 0 ? SAMPLE_BY_CPU : (enum sample_order)a->sort };
    if (parse_delay(sh, a->delay, &v.delay_s) != 0)
        return CMD_USAGE;
    v.interactive = !a->batch && sh->out.mode == OUT_TEXT && isatty(STDOUT_FILENO) &&
                    isatty(STDIN_FILENO);
    struct sampler s;
    sampler_init(&s, sh, &v);
    if (!v.interactive)
        return sampler_done(&s, &v, top_loop(sh, a, &v, &s));
    struct term t = { 0 };
    term_size(&v);
    term_enter(&t);
    int rc = top_loop(sh, a, &v, &s);
    term_leave(&t);
    return sampler_done(&s, &v, rc); /* after the screen: errors it hid */
}

/* The monitor group's rows of this file (see cmd/monitor.c). */
const struct cmd_def monitor_top_cmds[] = {
    { .name = "top", .summary = "show every domain's CPU, memory, disk and network use, live",
      .desc = "A table of all the domains: state, CPU (% of one host CPU), vCPUs, memory in use "
              "(as the guest reports it through its balloon driver, else resident on the "
              "host), the balloon's size, disk reads and writes and network bytes received and "
              "sent a second; refreshed every --delay seconds (default 2) from one statistics "
              "call for all the domains. Rates need two refreshes: the first shows \"-\". On a "
              "terminal it redraws in place; keys sort by CPU (c), memory (m), disk (d), "
              "network (n) or name (a), reverse the order (r), quit (q or Ctrl-C). With --batch, "
              "or when the output is not a terminal, it prints one snapshot a refresh; "
              "--iterations N stops after N. JSON (one object a line, a refresh each): time_s, "
              "interval_s (null the first time), host_cpus, domains (each: name, id, uuid, "
              "state, cpu_percent, vcpus, memory_used_kib, memory_rss_kib, balloon_kib, "
              "max_memory_kib, disk_read_bytes_per_s, disk_write_bytes_per_s, "
              "net_rx_bytes_per_s, net_tx_bytes_per_s; null where unknown). With several "
              "hosts selected it asks them all at once each refresh and shows one table with a "
              "HOST column (JSON: each domain's host, and hosts_not_answering); a host that "
              "does not answer is named in the summary and its error printed once, the others "
              "go on, and the exit status is 3 (some hosts failed).",
      .flags = CMD_HOSTS,
      .run = cmd_monitor_top, .args_size = sizeof(struct top_args),
      .opts = OPTS(OPT_STRING(struct top_args, "delay", delay,
                              "seconds between refreshes (0.1 to 86400, default 2)",
                              .metavar = "SECONDS"),
                   OPT_ENUM(struct top_args, "sort", sort, SORT_WORDS,
                            "the order: cpu (default), mem, disk, net or name"),
                   OPT_FLAG(struct top_args, "batch", batch,
                            "print one snapshot a refresh, even on a terminal"),
                   OPT_INT(struct top_args, "iterations", iterations, 1, INT32_MAX,
                           "stop after N refreshes", .metavar = "N")),
      .result = RESULT_OBJECT(
          { "time_s", RT_NUMBER, "when: Unix time" },
          { "interval_s", RT_NUMBER | RT_NULL, "since the previous refresh" },
          { "host_cpus", RT_INT | RT_NULL, "the host's CPUs" },
          { "domains", RT_ARRAY, "every domain, in the order asked" },
          { "hosts_not_answering", RT_ARRAY | RT_OPTIONAL, "several hosts: those that did not" },
          { "hosts_not_answering[]", RT_STRING, "a host's name" },
          { "domains[].host", RT_STRING | RT_OPTIONAL, "several hosts: the one it is on" },
          { "domains[].name", RT_STRING, "its name" },
          { "domains[].id", RT_INT | RT_NULL, "its id while it runs" },
          { "domains[].uuid", RT_STRING, "its UUID" },
          { "domains[].state", RT_STRING, "running, paused, shutoff, ..." },
          { "domains[].cpu_percent", RT_NUMBER | RT_NULL, "CPU used, % of one host CPU" },
          { "domains[].vcpus", RT_INT | RT_NULL, "its vCPUs" },
          { "domains[].memory_used_kib", RT_INT | RT_NULL, "memory in use, as the guest says" },
          { "domains[].memory_rss_kib", RT_INT | RT_NULL, "memory resident on the host" },
          { "domains[].balloon_kib", RT_INT | RT_NULL, "the memory it has now" },
          { "domains[].max_memory_kib", RT_INT | RT_NULL, "the most it may have" },
          { "domains[].disk_read_bytes_per_s", RT_INT | RT_NULL, "disk reads" },
          { "domains[].disk_write_bytes_per_s", RT_INT | RT_NULL, "disk writes" },
          { "domains[].net_rx_bytes_per_s", RT_INT | RT_NULL, "network bytes received" },
          { "domains[].net_tx_bytes_per_s", RT_INT | RT_NULL, "network bytes sent" }) },
    { 0 },
};
