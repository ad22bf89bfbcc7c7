/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-png.c - screenshot's PPM to PNG conversion: read back with libpng, pixel for pixel; bad PPMs refused. */
#include "unit.h"

#include "config.h"
#include "core/png.h"
#include "core/util.h"

#ifdef HAVE_LIBPNG
#include <png.h>
#endif

/* A w x h P6 image whose pixel (x, y) is (x*40, y*40, x+y), maxval 255. */
static unsigned char *make_ppm(unsigned w, unsigned h, const char *header_extra, size_t *ret_len)
{
    char head[128];
    int n = snprintf(head, sizeof(head), "P6\n%s%u %u\n255\n", header_extra, w, h);
    size_t len = (size_t)n + (size_t)w * h * 3;
    unsigned char *p = xmalloc(len);
    memcpy(p, head, (size_t)n);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            unsigned char *px = p + n + ((size_t)y * w + x) * 3;
            px[0] = (unsigned char)(x * 40);
            px[1] = (unsigned char)(y * 40);
            px[2] = (unsigned char)(x + y);
        }
    *ret_len = len;
    return p;
}

static void test_header(void **state)
{
    (void)state;
    size_t len, off;
    unsigned w, h, maxval;
    char why[128];
    unsigned char *p = make_ppm(5, 3, "# a comment\n", &len);
    assert_int_equal(ppm_header(p, len, &w, &h, &maxval, &off, why, sizeof(why)), 0);
    assert_int_equal(w, 5);
    assert_int_equal(h, 3);
    assert_int_equal(maxval, 255);
    assert_int_equal(len - off, 5 * 3 * 3);
    /* short data, wrong magic, a zero size */
    assert_int_equal(ppm_header(p, len - 1, &w, &h, &maxval, &off, why, sizeof(why)), -1);
    assert_non_null(strstr(why, "short"));
    p[1] = '3';
    assert_int_equal(ppm_header(p, len, &w, &h, &maxval, &off, why, sizeof(why)), -1);
    free(p);
    static const unsigned char zero[] = "P6\n0 4\n255\n";
    assert_int_equal(ppm_header(zero, sizeof(zero) - 1, &w, &h, &maxval, &off, why, sizeof(why)), -1);
}

static void test_convert(void **state)
{
    (void)state;
    size_t len;
    char why[200];
    unsigned char *ppm = make_ppm(7, 4, "", &len);
    FILE *f = tmpfile();
    assert_non_null(f);
    int rc = png_from_ppm(ppm, len, f, why, sizeof(why));
#ifndef HAVE_LIBPNG
    assert_int_equal(rc, -1);
    assert_false(png_available());
#else
    assert_int_equal(rc, 0);
    assert_true(png_available());
    rewind(f);
    unsigned char head[24];
    assert_int_equal(fread(head, 1, sizeof(head), f), sizeof(head));
    unsigned w, h;
    assert_int_equal(png_header(head, sizeof(head), &w, &h), 0);
    assert_int_equal(w, 7);
    assert_int_equal(h, 4);
    /* libpng reads back what we wrote, pixel for pixel */
    rewind(f);
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    assert_true(png_image_begin_read_from_stdio(&img, f));
    img.format = PNG_FORMAT_RGB;
    unsigned char *px = xmalloc(PNG_IMAGE_SIZE(img));
    assert_true(png_image_finish_read(&img, NULL, px, 0, NULL));
    assert_memory_equal(px, ppm + (len - 7 * 4 * 3), 7 * 4 * 3);
    free(px);
    png_image_free(&img);
#endif
    fclose(f);
    free(ppm);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_convert),
        cmocka_unit_test(test_not_a_ppm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
