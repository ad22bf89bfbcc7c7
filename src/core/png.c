/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/png.h"

#include <ctype.h>
#include <string.h>

#include "config.h"
#include "core/util.h"

#ifdef HAVE_LIBPNG
#include <png.h>
#endif

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
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    if (len < 24 || memcmp(png, sig, 8) != 0 || memcmp(png + 12, "IHDR", 4) != 0)
        return -1;
    *ret_width = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
    *ret_height = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | (unsigned)png[22] << 8 | png[23];
    return 0;
}

#ifdef HAVE_LIBPNG
bool png_available(void)
{
    return true;
}

/* libpng reports errors by longjmp; the message is kept for the caller. */
struct png_err {
    char msg[200];
};

static void on_png_error(png_structp png, png_const_charp msg)
{
    struct png_err *e = png_get_error_ptr(png);
    snprintf(e->msg, sizeof(e->msg), "%s", msg);
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png, (void)msg;
}

int png_from_ppm(const unsigned char *ppm, size_t len, FILE *out, char *err, size_t errlen)
{
    unsigned w, h, maxval;
    size_t off;
    if (ppm_header(ppm, len, &w, &h, &maxval, &off, err, errlen) < 0)
        return -1;
    struct png_err e = { "" };
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &e, on_png_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *volatile row = NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return errbuf(err, errlen, "cannot start libpng");
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return errbuf(err, errlen, "cannot write the PNG image: %s", e.msg);
    }
    png_init_io(png, out);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    row = xmalloc((size_t)w * 3);
    for (unsigned y = 0; y < h; y++) {
        const unsigned char *src = ppm + off + (size_t)y * w * 3;
        for (size_t x = 0; x < (size_t)w * 3; x++)
            row[x] = maxval == 255 ? src[x] : (unsigned char)(src[x] * 255u / maxval);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fflush(out) != 0 || ferror(out))
        return errbuf(err, errlen, "cannot write the PNG image");
    return 0;
}
#else
bool png_available(void)
{
    return false;
}

int png_from_ppm(const unsigned char *ppm, size_t len, FILE *out, char *err, size_t errlen)
{
    (void)ppm, (void)len, (void)out;
    return errbuf(err, errlen, "this virtsh was built without libpng");
}
#endif
