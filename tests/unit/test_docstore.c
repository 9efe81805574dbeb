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
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/httpc.h"

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

/* A one-shot HTTP server in a child process: reads one request (headers and a
 * Content-Length body) into <dir>/request, answers with `response`, exits. */
static pid_t one_shot(const char *response, int *port_out) {
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 4)) fail_msg("bind/listen");
    socklen_t al = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &al);
    *port_out = ntohs(a.sin_port);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = accept(ls, NULL, NULL);
        static char req[1 << 20];
        size_t n = 0;
        long want = -1;
        for (;;) {
            ssize_t k = read(fd, req + n, sizeof req - 1 - n);
            if (k <= 0) break;
            n += (size_t)k;
            req[n] = 0;
            char *end = strstr(req, "\r\n\r\n");
            if (end && want < 0) {
                char *cl = strcasestr(req, "Content-Length:");
                want = (long)(end + 4 - req) + (cl && cl < end ? atol(cl + 15) : 0);
            }
            if (want >= 0 && (long)n >= want) break;
        }
        char path[512];
        snprintf(path, sizeof path, "%s/request", dir);
        FILE *f = fopen(path, "wb");
        fwrite(req, 1, n, f);
        fclose(f);
        if (write(fd, response, strlen(response)) < 0) _exit(1);
        close(fd);
        _exit(0);
    }
    close(ls);
    return pid;
}

static char *read_request(void) {
    char path[512];
    snprintf(path, sizeof path, "%s/request", dir);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_remote_upload(void **state) {
    (void)state;
    int port;
    const char *body = "{\"ID\":\"alfresco-uuid\",\"name\":\"upw.pdf\"}";
    char response[512];
    snprintf(response, sizeof response,
             "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
             strlen(body), body);
    pid_t pid = one_shot(response, &port);
    char base[128], err[256] = "", id[64];
    snprintf(base, sizeof base, "http://127.0.0.1:%d/alfresco/", port);
    docstore *s = docstore_open(base, err, sizeof err);
    assert_non_null(s);
    assert_true(docstore_is_remote(s));
    docstore_fields f = {.crn = "D001022", .entity_id = "1", .entity_type = "CONTACT", .author = "Service,UPW"};
    int rc = docstore_put_fields(s, "upw.pdf", "application/octet-stream", "%PDF-1.4 x", 10, &f, id, sizeof id, err,
                                 sizeof err);
    int status;
    waitpid(pid, &status, 0);
    assert_int_equal(rc, DOCSTORE_OK);
    assert_string_equal(id, "alfresco-uuid");
    char *req = read_request();
    assert_true(!strncmp(req, "POST /alfresco/uploadnew HTTP/1.1", 33));
    assert_non_null(strcasestr(req, "X-DocRepository-Remote-User: N00"));
    assert_non_null(strcasestr(req, "X-DocRepository-Real-Remote-User: UnpaidWorkAndDelius"));
    assert_non_null(strcasestr(req, "multipart/form-data"));
    assert_null(strcasestr(req, "Authorization:"));
    const char *parts[][2] = {{"CRN", "D001022"}, {"entityId", "1"}, {"author", "Service,UPW"},
                              {"docType", "DOCUMENT"}, {"entityType", "CONTACT"}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "name=\"%s\"\r\n\r\n%s\r\n", parts[i][0], parts[i][1]);
        assert_non_null(strstr(req, want));
    }
    assert_non_null(strstr(req, "name=\"filedata\"; filename=\"upw.pdf\""));
    assert_non_null(strstr(req, "%PDF-1.4 x"));
    /* no delete in the remote protocol */
    assert_int_equal(docstore_delete(s, "alfresco-uuid", err, sizeof err), DOCSTORE_ERROR);
    docstore_close(s);
}

static void test_remote_upload_refused_and_rejected(void **state) {
    (void)state;
    int port;
    pid_t pid = one_shot("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", &port);
    char base[128], err[256] = "", id[64];
    snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
    docstore *s = docstore_open(base, err, sizeof err);
    assert_int_equal(docstore_put(s, "a.pdf", NULL, "x", 1, "X000001", id, sizeof id, err, sizeof err),
                     DOCSTORE_ERROR);
    int status;
    waitpid(pid, &status, 0);
    assert_non_null(strstr(err, "400"));
    /* nothing listens any more: refused = unavailable */
    assert_int_equal(docstore_put(s, "a.pdf", NULL, "x", 1, "X000001", id, sizeof id, err, sizeof err),
                     DOCSTORE_UNAVAILABLE);
    docstore_close(s);
}

int main(void) {
    httpc_global_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_read_delete),
        cmocka_unit_test(test_ids_never_name_a_path),
        cmocka_unit_test(test_put_id_and_seed_pdf),
        cmocka_unit_test(test_not_a_directory),
        cmocka_unit_test(test_remote_upload),
        cmocka_unit_test(test_remote_upload_refused_and_rejected),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
