/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/png.h - a PPM screenshot (what QEMU's screendump gave before it
 * could write PNG) as a PNG file: 8-bit RGB, each row filtered the way
 * that looks smallest, deflated with zlib.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The size of a binary PPM (P6) image: 0, or -1 with a reason in err. */
int ppm_header(const unsigned char *ppm, size_t len, unsigned *ret_width, unsigned *ret_height,
               unsigned *ret_maxval, size_t *ret_data_offset, char *err, size_t errlen);

/* Write the PPM image as a PNG (8-bit RGB) to `out`: 0, or -1 with a
 * reason in err (not a P6 PPM, short data, a write error). */
int png_from_ppm(const unsigned char *ppm, size_t len, FILE *out, char *err, size_t errlen);

/* The size of a PNG image from its header: 0, or -1 when it is not one. */
int png_header(const unsigned char *png, size_t len, unsigned *ret_width, unsigned *ret_height);
