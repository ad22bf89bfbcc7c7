/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-lex.c - the shell-like tokenizer: words, quotes, escapes, separators,
 * comments, continuation, byte offsets, every error kind and partial mode. */
#include "unit.h"

#include "core/lex.h"
#include "core/util.h"

/* The commands as "[word][word] / [word]", so a whole split reads as one string. */
static char *render(const struct lex_result *r)
{
    char *s = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&s, &len);
    for (size_t i = 0; i < r->ncmds; i++) {
        if (i)
            fputs(" / ", fp);
        for (size_t k = 0; k < r->cmds[i].n; k++)
            fprintf(fp, "[%s]", r->cmds[i].tok[k].text);
    }
    fclose(fp);
    return s;
}

static void check_split(const char *in, const char *want)
{
    struct lex_result r;
    int rc = lex_split(in, strlen(in), 0, &r);
    if (rc != 0)
        fail_msg("lex_split(\"%s\") failed: %s", in, lex_strerror(r.error));
    assert_int_equal(r.error, LEX_OK);
    char *got = render(&r);
    if (strcmp(got, want) != 0)
        fail_msg("lex_split(\"%s\"): got %s, want %s", in, got, want);
    free(got);
    lex_result_free(&r);
}

static void check_error(const char *in, size_t len, enum lex_error want, size_t want_pos)
{
    struct lex_result r;
    assert_int_equal(lex_split(in, len, 0, &r), -1);
    assert_int_equal(r.error, want);
    assert_int_equal(r.error_pos, want_pos);
    /* A failed split holds no commands. */
    assert_int_equal(r.ncmds, 0);
    assert_null(r.cmds);
    lex_result_free(&r);
}

static void test_words(void **state)
{
    (void)state;
    check_split("list", "[list]");
    check_split("list --all", "[list][--all]");
    check_split("  a \t b\r c  ", "[a][b][c]");
    check_split("", "");
    check_split("   \t ", "");
    check_split("dominfo web1", "[dominfo][web1]");
}

static void test_single_quotes(void **state)
{
    (void)state;
    check_split("echo 'a b'", "[echo][a b]");
    check_split("echo 'a\\b'", "[echo][a\\b]");        /* backslash is literal */
    check_split("echo 'a\"b'", "[echo][a\"b]");
    check_split("echo 'a;b#c'", "[echo][a;b#c]");       /* no separator, no comment */
    check_split("echo 'line1\nline2'", "[echo][line1\nline2]");
    check_split("echo ''", "[echo][]");                  /* an empty word is a word */
    check_split("echo '' x", "[echo][][x]");
}

static void test_double_quotes(void **state)
{
    (void)state;
    check_split("echo \"a b\"", "[echo][a b]");
    check_split("echo \"a \\\"b\\\" c\"", "[echo][a \"b\" c]");
    check_split("echo \"back\\\\slash\"", "[echo][back\\slash]");
    check_split("echo \"a\\nb\"", "[echo][a\\nb]");      /* other escapes stay as typed */
    check_split("echo \"a\\\nb\"", "[echo][ab]");        /* backslash-newline vanishes */
    check_split("echo \"it's\"", "[echo][it's]");
    check_split("echo \"a;b # c\"", "[echo][a;b # c]");
    check_split("echo \"\"", "[echo][]");
}

static void test_mixed_quoting(void **state)
{
    (void)state;
    check_split("a'b'\"c\"d", "[abcd]");
    check_split("--name='my dom'", "[--name=my dom]");
    check_split("'a'\\ 'b'", "[a b]");
}

static void test_backslash(void **state)
{
    (void)state;
    check_split("a\\ b", "[a b]");
    check_split("a\\;b", "[a;b]");
    check_split("\\#x", "[#x]");
    check_split("a\\\\b", "[a\\b]");
    check_split("\\'x", "['x]");
    check_split("\\\"x", "[\"x]");
}

static void test_separators(void **state)
{
    (void)state;
    check_split("a;b", "[a] / [b]");
    check_split("a ; b c", "[a] / [b][c]");
    check_split("a\nb", "[a] / [b]");
    check_split("a\r\nb", "[a] / [b]");
    check_split(";;a;; ;\n\nb;", "[a] / [b]");          /* empty commands vanish */
    check_split(";;;", "");
    check_split("start a; dominfo a", "[start][a] / [dominfo][a]");
}

static void test_comments(void **state)
{
    (void)state;
    check_split("# only a comment", "");
    check_split("a # c d\nb", "[a] / [b]");
    check_split("a #c;d", "[a]");                        /* ';' in a comment is comment */
    check_split("a#b", "[a#b]");                         /* '#' inside a word is a character */
    check_split("a;#c\nb", "[a] / [b]");
    check_split("echo '#no'", "[echo][#no]");
    check_split("  # indented\nlist", "[list]");
}

static void test_continuation(void **state)
{
    (void)state;
    check_split("list \\\n--all", "[list][--all]");
    check_split("li\\\nst", "[list]");                   /* joins inside a word */
    check_split("a \\\n\\\n b", "[a][b]");
}

static void test_offsets(void **state)
{
    (void)state;
    const char *in = "start  'my dom'; x\\ y \"q\"";
    struct lex_result r;
    assert_int_equal(lex_split(in, strlen(in), 0, &r), 0);
    assert_int_equal(r.ncmds, 2);
    assert_int_equal(r.cmds[0].n, 2);
    /* start */
    assert_int_equal(r.cmds[0].tok[0].start, 0);
    assert_int_equal(r.cmds[0].tok[0].end, 5);
    /* 'my dom': the range includes the quotes */
    assert_string_equal(r.cmds[0].tok[1].text, "my dom");
    assert_int_equal(r.cmds[0].tok[1].start, 7);
    assert_int_equal(r.cmds[0].tok[1].end, 15);
    /* x\ y: starts at x, ends after y; offsets are in the whole input */
    assert_string_equal(r.cmds[1].tok[0].text, "x y");
    assert_int_equal(r.cmds[1].tok[0].start, 17);
    assert_int_equal(r.cmds[1].tok[0].end, 21);
    /* "q" runs to the end of the input */
    assert_int_equal(r.cmds[1].tok[1].start, 22);
    assert_int_equal(r.cmds[1].tok[1].end, 25);
    lex_result_free(&r);

    /* Offsets count bytes, so a multi-byte name shifts what follows. */
    const char *utf = "dominfo caf\xc3\xa9 x";
    assert_int_equal(lex_split(utf, strlen(utf), 0, &r), 0);
    assert_int_equal(r.cmds[0].tok[1].start, 8);
    assert_int_equal(r.cmds[0].tok[1].end, 13);
    assert_int_equal(r.cmds[0].tok[2].start, 14);
    lex_result_free(&r);

    /* A word starting with a backslash starts at the backslash. */
    assert_int_equal(lex_split("a \\;b", 5, 0, &r), 0);
    assert_int_equal(r.cmds[0].tok[1].start, 2);
    assert_int_equal(r.cmds[0].tok[1].end, 5);
    lex_result_free(&r);
}

static void test_length_is_respected(void **state)
{
    (void)state;
    struct lex_result r;
    /* Only the first 6 bytes are the input: "list -" */
    assert_int_equal(lex_split("list --all", 6, 0, &r), 0);
    assert_int_equal(r.ncmds, 1);
    assert_int_equal(r.cmds[0].n, 2);
    assert_string_equal(r.cmds[0].tok[1].text, "-");
    lex_result_free(&r);
}

static void test_errors(void **state)
{
    (void)state;
    check_error("echo 'abc", 9, LEX_UNTERMINATED_SINGLE, 5);
    check_error("a; echo \"abc", 12, LEX_UNTERMINATED_DOUBLE, 8);
    check_error("echo \"it's", 10, LEX_UNTERMINATED_DOUBLE, 5);
    check_error("echo abc\\", 9, LEX_TRAILING_BACKSLASH, 8);
    check_error("ab\0cd", 5, LEX_NUL_BYTE, 2);
    check_error("'a\0'", 4, LEX_NUL_BYTE, 2);       /* NUL inside quotes too */
    /* The error is reported even after complete commands. */
    check_error("list; echo 'x", 13, LEX_UNTERMINATED_SINGLE, 11);
}

static void test_error_words(void **state)
{
    (void)state;
    const enum lex_error all[] = { LEX_OK, LEX_UNTERMINATED_SINGLE, LEX_UNTERMINATED_DOUBLE,
                                   LEX_TRAILING_BACKSLASH, LEX_NUL_BYTE };
    for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
        const char *m = lex_strerror(all[i]);
        assert_non_null(m);
        assert_true(strlen(m) > 0);
        /* project style: no capitalised sentence, no final period ("NUL" is a name) */
        assert_false(m[0] >= 'A' && m[0] <= 'Z' && m[1] >= 'a' && m[1] <= 'z');
        assert_true(m[strlen(m) - 1] != '.');
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(m, lex_strerror(all[k]));
    }
    assert_true(lex_error_is_incomplete(LEX_UNTERMINATED_SINGLE));
    assert_true(lex_error_is_incomplete(LEX_UNTERMINATED_DOUBLE));
    assert_true(lex_error_is_incomplete(LEX_TRAILING_BACKSLASH));
    assert_false(lex_error_is_incomplete(LEX_NUL_BYTE));
    assert_false(lex_error_is_incomplete(LEX_OK));
}

static void test_partial_open_quote(void **state)
{
    (void)state;
    struct lex_result r;
    const char *in = "start 'my do";
    assert_int_equal(lex_split(in, strlen(in), LEX_PARTIAL, &r), 0);
    assert_int_equal(r.open_quote, '\'');
    assert_true(r.ends_in_word);
    assert_int_equal(r.error, LEX_UNTERMINATED_SINGLE);
    assert_int_equal(r.ncmds, 1);
    assert_int_equal(r.cmds[0].n, 2);
    assert_string_equal(r.cmds[0].tok[1].text, "my do");
    assert_int_equal(r.cmds[0].tok[1].start, 6);
    assert_int_equal(r.cmds[0].tok[1].end, strlen(in));
    lex_result_free(&r);

    in = "echo \"a b";
    assert_int_equal(lex_split(in, strlen(in), LEX_PARTIAL, &r), 0);
    assert_int_equal(r.open_quote, '"');
    assert_int_equal(r.error, LEX_UNTERMINATED_DOUBLE);
    assert_string_equal(r.cmds[0].tok[1].text, "a b");
    lex_result_free(&r);
}

static void test_partial_word_state(void **state)
{
    (void)state;
    struct lex_result r;

    /* Cursor right after a word: completing that word. */
    assert_int_equal(lex_split("list --a", 8, LEX_PARTIAL, &r), 0);
    assert_true(r.ends_in_word);
    assert_int_equal(r.open_quote, 0);
    assert_int_equal(r.error, LEX_OK);
    assert_int_equal(r.cmds[0].tok[1].end, 8);
    lex_result_free(&r);

    /* Cursor after a blank: a new word. */
    assert_int_equal(lex_split("list ", 5, LEX_PARTIAL, &r), 0);
    assert_false(r.ends_in_word);
    assert_int_equal(r.ncmds, 1);
    lex_result_free(&r);

    /* After a separator: the last command is complete, a new one starts. */
    assert_int_equal(lex_split("list;", 5, LEX_PARTIAL, &r), 0);
    assert_false(r.ends_in_word);
    assert_int_equal(r.ncmds, 1);
    lex_result_free(&r);

    /* A trailing backslash and a NUL byte do not fail in partial mode. */
    assert_int_equal(lex_split("list \\", 6, LEX_PARTIAL, &r), 0);
    assert_int_equal(r.ncmds, 1);
    assert_int_equal(r.cmds[0].n, 1);
    lex_result_free(&r);
    assert_int_equal(lex_split("li\0st", 5, LEX_PARTIAL, &r), 0);
    assert_int_equal(r.cmds[0].n, 1);
    assert_string_equal(r.cmds[0].tok[0].text, "list");
    lex_result_free(&r);

    /* Inside a comment: no word to complete. */
    assert_int_equal(lex_split("list # x", 8, LEX_PARTIAL, &r), 0);
    assert_false(r.ends_in_word);
    assert_int_equal(r.cmds[0].n, 1);
    lex_result_free(&r);
}

/* Every short input over the interesting bytes: partial mode never fails,
 * normal mode either succeeds or fails cleanly with a known error, and
 * offsets always stay inside the input. */
static void test_exhaustive_short_inputs(void **state)
{
    (void)state;
    const char alphabet[] = { 'a', ' ', '\'', '"', '\\', ';', '\n', '#', '\0' };
    const size_t na = sizeof(alphabet);
    char in[4];
    for (size_t len = 0; len <= 4; len++) {
        size_t total = 1;
        for (size_t k = 0; k < len; k++)
            total *= na;
        for (size_t code = 0; code < total; code++) {
            size_t c = code;
            for (size_t k = 0; k < len; k++, c /= na)
                in[k] = alphabet[c % na];
            struct lex_result r;
            assert_int_equal(lex_split(in, len, LEX_PARTIAL, &r), 0);
            for (size_t i = 0; i < r.ncmds; i++) {
                assert_true(r.cmds[i].n > 0);
                for (size_t t = 0; t < r.cmds[i].n; t++) {
                    assert_true(r.cmds[i].tok[t].start < r.cmds[i].tok[t].end);
                    assert_true(r.cmds[i].tok[t].end <= len);
                }
            }
            lex_result_free(&r);
            if (lex_split(in, len, 0, &r) == 0) {
                assert_int_equal(r.error, LEX_OK);
                lex_result_free(&r);
            } else {
                assert_int_not_equal(r.error, LEX_OK);
                assert_true(r.error_pos < len);
                assert_int_equal(r.ncmds, 0);
            }
        }
    }
}

static void test_free_is_safe(void **state)
{
    (void)state;
    struct lex_result r;
    lex_result_free(NULL);
    assert_int_equal(lex_split("a b; c", 6, 0, &r), 0);
    lex_result_free(&r);
    lex_result_free(&r); /* twice: the first cleared it */
    assert_int_equal(r.ncmds, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_single_quotes),
        cmocka_unit_test(test_double_quotes),
        cmocka_unit_test(test_mixed_quoting),
        cmocka_unit_test(test_backslash),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_length_is_respected),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_words),
        cmocka_unit_test(test_partial_open_quote),
        cmocka_unit_test(test_partial_word_state),
        cmocka_unit_test(test_exhaustive_short_inputs),
        cmocka_unit_test(test_free_is_safe),
    };
    return cmocka_run_group_tests_name("lexer", tests, NULL, NULL);
}
