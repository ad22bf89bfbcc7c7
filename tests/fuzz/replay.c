/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * replay.c - the main() of a fuzz target built without libFuzzer (gcc, the
 * ordinary build): every FILE, and every file in every DIR, is given once to
 * LLVMFuzzerTestOneInput, so the seed corpora - which keep every crash ever
 * found - are regression tests wherever virtsh builds.  A broken invariant
 * aborts (check() in fuzz.h) after naming the input on stderr.
 *
 * Usage: fuzz-TARGET-replay FILE|DIR...   Exit status 0, or 2 for an
 * unreadable argument.
 */
#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

#include "core/strv.h"
#include "core/util.h"
#include "fuzz.h"

static int replay_file(const char *path, size_t *count)
{
    size_t len;
    _cleanup_free_ char *data = read_file(path, &len);
    if (!data) {
        fprintf(stderr, "replay: cannot read '%s'\n", path);
        return -1;
    }
    fprintf(stderr, "replay: %s\n", path);
    /* a copy of exactly len bytes, so reading past the input is an error for
     * valgrind and ASan, as it is under libFuzzer */
    uint8_t *copy = xmalloc(len);
    memcpy(copy, data, len);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    (*count)++;
    return 0;
}

static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: cannot read '%s'\n", dir);
        return -1;
    }
    _cleanup_strv_ struct strv names = { 0 };
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            strv_addf(&names, "%s/%s", dir, e->d_name);
    closedir(d);
    strv_sort(&names, false); /* the same order every run */
    int rc = 0;
    for (size_t i = 0; i < names.n; i++)
        if (replay_file(names.v[i], count) < 0)
            rc = -1;
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc |= replay_dir(argv[i], &count) < 0;
        else
            rc |= replay_file(argv[i], &count) < 0;
    }
    printf("%zu inputs replayed\n", count);
    return rc ? 2 : 0;
}
