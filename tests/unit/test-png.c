/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-png.c - screenshot's PPM to PNG conversion: the chunks and their CRCs
 * checked, the pixels read back pixel for pixel (by undoing the filters here,
 * and with libpng when the build has it); bad PPMs refused, write errors
 * reported. */
#include "unit.h"

#include <zlib.h>

#include "config.h"
#include "core/png.h"
#include "core/util.h"

#ifdef HAVE_LIBPNG
#include <png.h>
#endif

/* A w x h P6 image with the given maxval: pixel (x, y) is a pattern, or
 * noise (which deflate cannot pack, so the image takes several IDATs). */
static unsigned char *make_ppm(unsigned w, unsigned h, unsigned maxval, bool noise,
                               const char *header_extra, size_t *ret_len, size_t *ret_off)
{
    char head[128];
    int n = snprintf(head, sizeof(head), "P6\n%s%u %u\n%u\n", header_extra, w, h, maxval);
    size_t len = (size_t)n + (size_t)w * h * 3;
    unsigned char *p = xmalloc(len);
    memcpy(p, head, (size_t)n);
    unsigned seed = 7;
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            unsigned char *px = p + n + ((size_t)y * w + x) * 3;
            for (int c = 0; c < 3; c++) {
                seed = seed * 1103515245u + 12345u;
                unsigned v = noise ? seed >> 16 : c == 0 ? x * 40 : c == 1 ? y * 40 : x + y;
                px[c] = (unsigned char)(v % (maxval + 1));
            }
        }
    *ret_len = len;
    *ret_off = (size_t)n;
    return p;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned char *read_all(FILE *f, size_t *ret_len)
{
    rewind(f);
    size_t cap = 1 << 16, len = 0, got;
    unsigned char *p = xmalloc(cap);
    while ((got = fread(p + len, 1, cap - len, f)) > 0)
        if ((len += got) == cap)
            p = xrealloc(p, cap *= 2);
    *ret_len = len;
    return p;
}

/* Walk the chunks (each CRC checked), inflate the IDATs, undo each row's
 * filter: the RGB pixels, w * h * 3 bytes.  *ret_idats: how many IDATs. */
static unsigned char *decode_png(const unsigned char *png, size_t len, unsigned *ret_w,
                                 unsigned *ret_h, int *ret_idats)
{
    assert_int_equal(png_header(png, len, ret_w, ret_h), 0);
    size_t n = (size_t)*ret_w * 3, raw_len = (n + 1) * *ret_h;
    unsigned char *raw = xmalloc(raw_len), *px = xmalloc(n * *ret_h);
    z_stream z = { 0 };
    assert_int_equal(inflateInit(&z), Z_OK);
    z.next_out = raw;
    z.avail_out = (uInt)raw_len;
    size_t pos = 8;
    bool end = false;
    *ret_idats = 0;
    while (!end) {
        assert_true(pos + 12 <= len);
        uint32_t clen = be32(png + pos);
        assert_true(pos + 12 + clen <= len);
        const unsigned char *type = png + pos + 4, *data = png + pos + 8;
        assert_int_equal(crc32(crc32(0, NULL, 0), type, 4 + clen), be32(data + clen));
        if (memcmp(type, "IDAT", 4) == 0) {
            (*ret_idats)++;
            z.next_in = (unsigned char *)data;
            z.avail_in = clen;
            int rc = inflate(&z, Z_NO_FLUSH);
            assert_true(rc == Z_OK || rc == Z_STREAM_END);
        }
        end = memcmp(type, "IEND", 4) == 0;
        pos += 12 + clen;
    }
    assert_int_equal(pos, len); /* nothing after IEND */
    assert_int_equal(z.total_out, raw_len);
    inflateEnd(&z);
    for (size_t y = 0; y < *ret_h; y++) {
        const unsigned char *f = raw + y * (n + 1);
        unsigned char *row = px + y * n, *prev = y ? row - n : NULL;
        assert_true(f[0] <= 4);
        for (size_t i = 0; i < n; i++) {
            int a = i >= 3 ? row[i - 3] : 0, b = prev ? prev[i] : 0;
            int c = prev && i >= 3 ? prev[i - 3] : 0, p = a + b - c;
            int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
            int pred = f[0] == 1 ? a : f[0] == 2 ? b : f[0] == 3 ? (a + b) / 2
                     : f[0] == 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
            row[i] = (unsigned char)(f[1 + i] + pred);
        }
    }
    free(raw);
    return px;
}

static void test_header(void **state)
{
    (void)state;
    size_t len, off, ppm_off;
    unsigned w, h, maxval;
    char why[128];
    unsigned char *p = make_ppm(5, 3, 255, false, "# a comment\n", &len, &ppm_off);
    assert_int_equal(ppm_header(p, len, &w, &h, &maxval, &off, why, sizeof(why)), 0);
    assert_int_equal(w, 5);
    assert_int_equal(h, 3);
    assert_int_equal(maxval, 255);
    assert_int_equal(off, ppm_off);
    /* short data, wrong magic, a zero size */
    assert_int_equal(ppm_header(p, len - 1, &w, &h, &maxval, &off, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "short"));
    p[1] = '3';
    assert_int_equal(ppm_header(p, len, &w, &h, &maxval, &off, why, sizeof(why)), -1);
    free(p);
    static const unsigned char zero[] = "P6\n0 4\n255\n";
    assert_int_equal(ppm_header(zero, sizeof(zero) - 1, &w, &h, &maxval, &off, why, sizeof(why)), -1);
}

/* Convert, check the file's structure, read the pixels back (they are the
 * PPM's, scaled to 0-255 when its maxval is lower). */
static void convert_and_check(unsigned w, unsigned h, unsigned maxval, bool noise, int min_idats)
{
    size_t len, off;
    char why[200];
    unsigned char *ppm = make_ppm(w, h, maxval, noise, "", &len, &off);
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(png_from_ppm(ppm, len, f, why, sizeof(why)), 0);
    size_t png_len;
    unsigned char *png = read_all(f, &png_len);
    unsigned pw, ph;
    int idats;
    unsigned char *px = decode_png(png, png_len, &pw, &ph, &idats);
    assert_int_equal(pw, w);
    assert_int_equal(ph, h);
    assert_true(idats >= min_idats);
    for (size_t i = 0; i < (size_t)w * h * 3; i++)
        if (px[i] != ppm[off + i] * 255u / maxval)
            fail_msg("byte %zu: %u, expected %u", i, px[i], ppm[off + i] * 255u / maxval);
#ifdef HAVE_LIBPNG
    /* libpng, another reader, sees the same pixels */
    rewind(f);
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_stdio(&img, f));
    img.format = PNG_FORMAT_RGB;
    unsigned char *lp = xmalloc(PNG_IMAGE_SIZE(img));
    assert_true(png_image_finish_read(&img, NULL, lp, 0, NULL));
    assert_memory_equal(lp, px, (size_t)w * h * 3);
    free(lp);
    png_image_free(&img);
#endif
    free(px);
    free(png);
    fclose(f);
    free(ppm);
}

static void test_convert(void **state)
{
    (void)state;
    convert_and_check(7, 4, 255, false, 1);
    convert_and_check(1, 1, 255, false, 1);
    convert_and_check(33, 9, 15, false, 1);   /* maxval 15: scaled */
    convert_and_check(200, 150, 255, true, 2); /* 90 KB of noise: more than one IDAT */
}

static void test_not_a_ppm(void **state)
{
    (void)state;
    char why[200];
    static const unsigned char junk[] = "GIF89a....";
    FILE *f = tmpfile();
    assert_int_equal(png_from_ppm(junk, sizeof(junk) - 1, f, why, sizeof(why)), -1);
    assert_int_equal(ftell(f), 0); /* nothing written */
    fclose(f);
    unsigned w, h;
    assert_int_equal(png_header(junk, sizeof(junk) - 1, &w, &h), -1);
}

static void test_write_error(void **state)
{
    (void)state;
    size_t len, off;
    char why[200] = "";
    unsigned char *ppm = make_ppm(200, 150, 255, true, "", &len, &off);
    FILE *f = fopen("/dev/full", "wb");
    assert_non_null(f);
    assert_int_equal(png_from_ppm(ppm, len, f, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "cannot write"));
    fclose(f);
    free(ppm);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_not_a_ppm),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
