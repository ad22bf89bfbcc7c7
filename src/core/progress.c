/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/progress.h"

#include <string.h>
#include <unistd.h>

#include "core/util.h"

#define REDRAW_MS 200.0
#define RATE_WINDOW_MS 1000.0

void progress_bytes(unsigned long long n, char *buf, size_t len)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    if (n < 1024) {
        snprintf(buf, len, "%llu B", n);
        return;
    }
    double v = (double)n / 1024;
    size_t u = 0;
    while (v >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        v /= 1024;
        u++;
    }
    snprintf(buf, len, "%.1f %s", v, units[u]);
}

void progress_begin(struct progress *p, FILE *fp, bool quiet, const char *what)
{
    *p = (struct progress){ .fp = fp };
    p->enabled = !quiet && fp && isatty(fileno(fp));
    snprintf(p->what, sizeof(p->what), "%s", what);
    p->start_ms = p->rate_ms = now_ms();
    p->last_draw_ms = -REDRAW_MS;
}

/* Bytes per second over about the last second, smoothed so the time left
 * does not jump with every sample. */
static void measure_rate(struct progress *p, unsigned long long done, double now)
{
    double dt = now - p->rate_ms;
    if (dt < RATE_WINDOW_MS || done < p->rate_bytes)
        return;
    double r = (double)(done - p->rate_bytes) * 1000.0 / dt;
    p->rate = p->rate > 0 ? 0.7 * p->rate + 0.3 * r : r;
    p->rate_ms = now;
    p->rate_bytes = done;
}

void progress_format(const struct progress *p, unsigned long long done, unsigned long long total,
                     double now, char *buf, size_t len)
{
    char d[32], t[32], r[32];
    size_t n = (size_t)snprintf(buf, len, "%s:", p->what);
    progress_bytes(done, d, sizeof(d));
    if (total && n < len) {
        progress_bytes(total, t, sizeof(t));
        n += (size_t)snprintf(buf + n, len - n, " %3d%%  %s of %s",
                              (int)(done >= total ? 100 : done * 100 / total), d, t);
    } else if (n < len) {
        n += (size_t)snprintf(buf + n, len - n, "  %s", d);
    }
    if (p->rate > 0 && n < len) {
        progress_bytes((unsigned long long)p->rate, r, sizeof(r));
        n += (size_t)snprintf(buf + n, len - n, "  %s/s", r);
        if (total > done) {
            unsigned long long left = (unsigned long long)((double)(total - done) / p->rate);
            if (n < len)
                n += (size_t)snprintf(buf + n, len - n, "  %llu:%02llu left", left / 60,
                                      left % 60);
        }
    } else if (n < len) {
        unsigned long long s = (unsigned long long)((now - p->start_ms) / 1000);
        n += (size_t)snprintf(buf + n, len - n, "  %llu:%02llu", s / 60, s % 60);
    }
    if (p->note[0] && n < len)
        snprintf(buf + n, len - n, "  %s", p->note);
}

void progress_update(struct progress *p, unsigned long long done, unsigned long long total,
                     double now)
{
    measure_rate(p, done, now);
    if (!p->enabled || now - p->last_draw_ms < REDRAW_MS)
        return;
    char line[256];
    progress_format(p, done, total, now, line, sizeof(line));
    size_t w = strlen(line);
    fprintf(p->fp, "\r%s", line);
    for (size_t i = w; i < p->drawn; i++) /* what a longer line left behind */
        fputc(' ', p->fp);
    fflush(p->fp);
    p->drawn = w;
    p->last_draw_ms = now;
}

void progress_end(struct progress *p)
{
    if (!p->enabled || !p->drawn)
        return;
    fputc('\r', p->fp);
    for (size_t i = 0; i < p->drawn; i++)
        fputc(' ', p->fp);
    fputc('\r', p->fp);
    fflush(p->fp);
    p->drawn = 0;
}
