/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/png.h"

#include <ctype.h>
#include <string.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "core/util.h"

/* The first 8 bytes of every PNG file. */
static const unsigned char png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

/* The next number of a PPM header, after blanks and # comments. */
static int ppm_number(const unsigned char *p, size_t len, size_t *pos, unsigned *ret)
{
    for (;;) {
        while (*pos < len && isspace(p[*pos]))
            (*pos)++;
        if (*pos < len && p[*pos] == '#') {
            while (*pos < len && p[*pos] != '\n')
                (*pos)++;
            continue;
        }
        break;
    }
    unsigned long v = 0;
    size_t start = *pos;
    while (*pos < len && isdigit(p[*pos]) && *pos - start < 9)
        v = v * 10 + (unsigned)(p[(*pos)++] - '0');
    if (*pos == start || (*pos < len && isdigit(p[*pos])))
        return -1;
    *ret = (unsigned)v;
    return 0;
}

int ppm_header(const unsigned char *ppm, size_t len, unsigned *ret_width, unsigned *ret_height,
               unsigned *ret_maxval, size_t *ret_data_offset, char *err, size_t errlen)
{
    size_t pos = 2;
    unsigned w, h, maxval;
    if (len < 2 || ppm[0] != 'P' || ppm[1] != '6')
        return errbuf(err, errlen, "not a binary PPM image (P6)");
    if (ppm_number(ppm, len, &pos, &w) < 0 || ppm_number(ppm, len, &pos, &h) < 0 ||
        ppm_number(ppm, len, &pos, &maxval) < 0 || pos >= len || !isspace(ppm[pos]))
        return errbuf(err, errlen, "the PPM header is malformed");
    pos++; /* the one blank before the pixels */
    if (w == 0 || h == 0 || maxval == 0 || maxval > 255)
        return errbuf(err, errlen, "unsupported PPM image: %ux%u, maximum value %u", w, h, maxval);
    if ((len - pos) / 3 / w < h)
        return errbuf(err, errlen, "the PPM image is short: %ux%u needs %llu bytes, it has %zu",
                      w, h, 3ULL * w * h, len - pos);
    *ret_width = w;
    *ret_height = h;
    *ret_maxval = maxval;
    *ret_data_offset = pos;
    return 0;
}

int png_header(const unsigned char *png, size_t len, unsigned *ret_width, unsigned *ret_height)
{
    if (len < 24 || memcmp(png, png_signature, 8) != 0 || memcmp(png + 12, "IHDR", 4) != 0)
        return -1;
    *ret_width = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
    *ret_height = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | (unsigned)png[22] << 8 | png[23];
    return 0;
}

/* The PNG's pieces, written as they are made: a chunk is its length, its
 * type, its data and a CRC of type and data. */
struct png_out {
    FILE *f;
    bool failed;
};

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void png_chunk(struct png_out *o, const char type[4], const unsigned char *data, size_t len)
{
    unsigned char head[8], tail[4];
    put_be32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(crc32(0, NULL, 0), head + 4, 4);
    if (len)
        crc = crc32(crc, data, (uInt)len);
    put_be32(tail, (uint32_t)crc);
    if (fwrite(head, 1, 8, o->f) != 8 || (len && fwrite(data, 1, len, o->f) != len) ||
        fwrite(tail, 1, 4, o->f) != 4)
        o->failed = true;
}

/* PNG's Paeth predictor: of left, up and upper left, the one nearest to
 * left + up - upper left. */
static unsigned char paeth(unsigned char a, unsigned char b, unsigned char c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Filter one row (3 bytes a pixel) into out[1..n] with each of PNG's five
 * filters and keep the one whose bytes, read as signed, sum smallest: the
 * usual guess at what deflate packs best.  out[0] is the filter's number. */
static void filter_row(const unsigned char *row, const unsigned char *prev, size_t n,
                       unsigned char *out, unsigned char *try)
{
    unsigned long best = ULONG_MAX;
    for (unsigned char type = 0; type < 5; type++) {
        unsigned long sum = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char a = i >= 3 ? row[i - 3] : 0, b = prev[i], c = i >= 3 ? prev[i - 3] : 0;
            unsigned char pred = type == 1 ? a : type == 2 ? b : type == 3 ? (unsigned char)((a + b) / 2)
                               : type == 4 ? paeth(a, b, c) : 0;
            try[i] = (unsigned char)(row[i] - pred);
            sum += try[i] < 128 ? try[i] : 256u - try[i];
        }
        if (sum < best) {
            best = sum;
            out[0] = type;
            memcpy(out + 1, try, n);
        }
    }
}

/* Deflate what is in z's input; each time the output buffer fills, it
 * goes out as an IDAT chunk.  Z_FINISH: until the stream's end, whose
 * rest goes out too. */
static int deflate_to_idat(z_stream *z, unsigned char *buf, size_t bufsize, int flush,
                           struct png_out *o)
{
    for (;;) {
        int rc = deflate(z, flush);
        if (rc == Z_STREAM_ERROR)
            return -1;
        size_t have = bufsize - z->avail_out;
        if (z->avail_out == 0 || (rc == Z_STREAM_END && have)) {
            png_chunk(o, "IDAT", buf, have);
            z->next_out = buf;
            z->avail_out = (uInt)bufsize;
        }
        if (rc == Z_STREAM_END || (flush == Z_NO_FLUSH && z->avail_in == 0))
            return 0;
    }
}

int png_from_ppm(const unsigned char *ppm, size_t len, FILE *out, char *err, size_t errlen)
{
    unsigned w, h, maxval;
    size_t off;
    if (ppm_header(ppm, len, &w, &h, &maxval, &off, err, errlen) < 0)
        return -1;
    unsigned char ihdr[13];
    put_be32(ihdr, w);
    put_be32(ihdr + 4, h);
    ihdr[8] = 8;  /* bits a sample */
    ihdr[9] = 2;  /* RGB */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* the five filters */
    ihdr[12] = 0; /* not interlaced */

    z_stream z = { 0 };
    if (deflateInit(&z, Z_DEFAULT_COMPRESSION) != Z_OK)
        return errbuf(err, errlen, "cannot start zlib's deflate");
    size_t n = (size_t)w * 3, bufsize = 64 * 1024;
    unsigned char *row = xmalloc(n), *prev = xcalloc(1, n), *try = xmalloc(n);
    unsigned char *filtered = xmalloc(n + 1), *buf = xmalloc(bufsize);
    z.next_out = buf;
    z.avail_out = (uInt)bufsize;
    struct png_out o = { out, fwrite(png_signature, 1, 8, out) != 8 };
    png_chunk(&o, "IHDR", ihdr, sizeof(ihdr));
    int rc = 0;
    for (unsigned y = 0; y < h && rc == 0 && !o.failed; y++) {
        const unsigned char *src = ppm + off + (size_t)y * n;
        for (size_t x = 0; x < n; x++)
            row[x] = maxval == 255 ? src[x] : (unsigned char)(src[x] * 255u / maxval);
        filter_row(row, prev, n, filtered, try);
        z.next_in = filtered;
        z.avail_in = (uInt)(n + 1);
        rc = deflate_to_idat(&z, buf, bufsize, Z_NO_FLUSH, &o);
        unsigned char *t = prev;
        prev = row;
        row = t;
    }
    if (rc == 0 && !o.failed)
        rc = deflate_to_idat(&z, buf, bufsize, Z_FINISH, &o);
    deflateEnd(&z);
    free(row);
    free(prev);
    free(try);
    free(filtered);
    free(buf);
    if (rc < 0)
        return errbuf(err, errlen, "cannot compress the PNG image");
    png_chunk(&o, "IEND", NULL, 0);
    if (o.failed || fflush(out) != 0 || ferror(out))
        return errbuf(err, errlen, "cannot write the PNG image");
    return 0;
}
