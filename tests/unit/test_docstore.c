/* test_docstore.c - the local directory backend of the document store
 * (src/store/docstore.h): put / read back in pieces / metadata / delete, ids that
 * could name a path, a missing directory created with its parents, put_id, and
 * the seed's PDF writer (src/db/seed_files.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/seed_files.h"
#include "store/docstore.h"

static char dir[256];

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/deliusd-docstore-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static docstore *open_store(const char *sub) {
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/%s", dir, sub);
    docstore *s = docstore_open(path, err, sizeof err);
    if (!s) fail_msg("docstore_open: %s", err);
    assert_false(docstore_is_remote(s));
    return s;
}

static void test_put_read_delete(void **state) {
    (void)state;
    docstore *s = open_store("a/b/c"); /* parents created */
    size_t n = 100000;
    char *data = malloc(n);
    for (size_t i = 0; i < n; i++) data[i] = (char)(i * 7);
    char id[64], err[256];
    assert_int_equal(docstore_put(s, "x.pdf", "application/pdf", data, n, "X000001", id, sizeof id, err, sizeof err),
                     DOCSTORE_OK);
    assert_int_equal(strlen(id), 36);
    docstore_reader *rd;
    docstore_meta meta;
    assert_int_equal(docstore_read_open(s, id, &rd, &meta, err, sizeof err), DOCSTORE_OK);
    assert_int_equal(meta.length, (int64_t)n);
    assert_string_equal(meta.content_type, "application/octet-stream");
    assert_true(strstr(meta.last_modified, " GMT") != NULL);
    char *back = malloc(n + 1);
    size_t got = 0;
    ssize_t k;
    while ((k = docstore_read(rd, back + got, 4096)) > 0) got += (size_t)k;
    assert_int_equal(k, 0);
    assert_int_equal(got, n);
    assert_memory_equal(back, data, n);
    docstore_read_close(rd);
    assert_int_equal(docstore_delete(s, id, err, sizeof err), DOCSTORE_OK);
    assert_int_equal(docstore_read_open(s, id, &rd, &meta, err, sizeof err), DOCSTORE_NOT_FOUND);
    assert_int_equal(docstore_delete(s, id, err, sizeof err), DOCSTORE_NOT_FOUND);
    free(back);
    free(data);
    docstore_close(s);
}

static void test_ids_never_name_a_path(void **state) {
    (void)state;
    docstore *s = open_store("ids");
    char path[512];
    snprintf(path, sizeof path, "%s/secret", dir);
    FILE *f = fopen(path, "w");
    fputs("not a document", f);
    fclose(f);
    const char *bad[] = {"../secret", "..", ".", "a/b", "", "a b", "x\n", "%2e%2e", NULL};
    docstore_reader *rd;
    docstore_meta meta;
    char err[256];
    for (int i = 0; bad[i]; i++) {
        assert_int_equal(docstore_read_open(s, bad[i], &rd, &meta, err, sizeof err), DOCSTORE_NOT_FOUND);
        assert_int_equal(docstore_put_id(s, bad[i], "x", 1, err, sizeof err), DOCSTORE_ERROR);
        assert_int_equal(docstore_delete(s, bad[i], err, sizeof err), DOCSTORE_NOT_FOUND);
    }
    char long_id[200];
    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    assert_int_equal(docstore_read_open(s, long_id, &rd, &meta, err, sizeof err), DOCSTORE_NOT_FOUND);
    docstore_close(s);
}

static void test_put_id_and_seed_pdf(void **state) {
    (void)state;
    docstore *s = open_store("seed");
    size_t len;
    char *pdf = seed_pdf("Title (with parens)", "name \\ é.pdf", &len);
    assert_true(len > 200 && !memcmp(pdf, "%PDF-1.4\n", 9));
    assert_true(strstr(pdf, "(Title \\(with parens\\))") != NULL);
    assert_true(strstr(pdf, "(name \\\\ ??.pdf") != NULL); /* non-ASCII bytes replaced */
    /* startxref points at the xref table */
    const char *sx = strstr(pdf, "startxref\n");
    assert_non_null(sx);
    long off = strtol(sx + 10, NULL, 10);
    assert_memory_equal(pdf + off, "xref\n", 5);
    char err[256];
    assert_int_equal(docstore_put_id(s, "doc-1", pdf, len, err, sizeof err), DOCSTORE_OK);
    assert_int_equal(docstore_put_id(s, "doc-1", "short", 5, err, sizeof err), DOCSTORE_OK); /* replaced */
    docstore_reader *rd;
    docstore_meta meta;
    assert_int_equal(docstore_read_open(s, "doc-1", &rd, &meta, err, sizeof err), DOCSTORE_OK);
    assert_int_equal(meta.length, 5);
    docstore_read_close(rd);
    free(pdf);
    docstore_close(s);
}

static void test_not_a_directory(void **state) {
    (void)state;
    char path[512], err[256] = "";
    snprintf(path, sizeof path, "%s/file", dir);
    FILE *f = fopen(path, "w");
    fclose(f);
    assert_null(docstore_open(path, err, sizeof err));
    assert_true(strstr(err, "not a directory") != NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_read_delete),
        cmocka_unit_test(test_ids_never_name_a_path),
        cmocka_unit_test(test_put_id_and_seed_pdf),
        cmocka_unit_test(test_not_a_directory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
