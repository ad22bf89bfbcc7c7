/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * core/cpulist.h - sets of host CPUs as libvirt's CPU maps (one bit a CPU,
 * CPU 0 in the low bit of byte 0) and as people write them: "0-3,6",
 * "0-7,^2" (all of 0-7 but 2), "r" (every CPU: reset a pinning).
 */
#pragma once

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

/* Bytes of a map of `ncpus` CPUs. */
static inline size_t cpumap_len(int ncpus)
{
    return ncpus > 0 ? ((size_t)ncpus + 7) / 8 : 1;
}

static inline bool cpumap_has(const unsigned char *map, int cpu)
{
    return map[cpu / 8] & (1u << (cpu % 8));
}

/* Parse `s` into `map` (cpumap_len(ncpus) bytes, cleared first) for a host
 * of `ncpus` CPUs: comma-separated CPUs "N", ranges "N-M" and exclusions
 * "^N"; blanks around the numbers are allowed; "r" is every CPU.  0; or
 * with why in err, -1 when `s` is not a CPU list, -2 when it names a CPU
 * the host does not have or leaves no CPU. */
int cpulist_parse(const char *s, int ncpus, unsigned char *map, char *err, size_t errlen);
/* The CPUs of `map` among the first `ncpus`, as "0-3,6" ("" for none). */
char *cpulist_format(const unsigned char *map, int ncpus);
/* The same as one character a CPU: 'y' if in the map, else '-' (vcpuinfo). */
char *cpulist_yn(const unsigned char *map, int ncpus);
/* The CPUs of `map` as a JSON array of numbers. */
struct json_object *cpulist_json(const unsigned char *map, int ncpus);
