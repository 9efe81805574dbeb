/*
 * swagger_ui.c - GET /swagger-ui/ and /swagger-ui/{file}: the Swagger UI, public.
 *
 * The UI is not part of this repository: its files come from a packaged
 * distribution (npm swagger-ui-dist, installed by scripts/install-test-tools
 * into build/node-tools) in the directory DELIUSD_SWAGGER_UI_DIR. deliusd
 * serves that directory's top-level files read-only, and answers
 * swagger-initializer.js itself, so the page opens /v3/api-docs and its
 * "Authorize" button takes a pasted bearer token (the document's http bearer
 * scheme). With no such directory, every /swagger-ui/ path answers 404 (JSON)
 * saying how to install it.
 *
 * File names are one path segment of [A-Za-z0-9._-], not starting with a dot:
 * nothing outside the directory, no hidden files, symlinks not followed.
 * Files are read per request (largest about 1.5 MB); this is a developer aid,
 * not a hot path.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config.h"
#include "services/platform/platform.h"

#define MAX_FILE_BYTES (16u << 20)

static const char initializer[] =
    "window.onload = function () {\n"
    "  window.ui = SwaggerUIBundle({\n"
    "    url: \"/v3/api-docs\",\n"
    "    dom_id: \"#swagger-ui\",\n"
    "    deepLinking: true,\n"
    "    persistAuthorization: true,\n"
    "    tryItOutEnabled: false,\n"
    "    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],\n"
    "    plugins: [SwaggerUIBundle.plugins.DownloadUrl],\n"
    "    layout: \"StandaloneLayout\"\n"
    "  });\n"
    "};\n";

static const char *content_type(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".js")) return "application/javascript; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".png")) return "image/png";
    if (!strcmp(dot, ".map") || !strcmp(dot, ".json")) return "application/json";
    if (!strcmp(dot, ".txt") || !strcmp(dot, ".md")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

static bool safe_name(const char *s) {
    if (!s || !*s || *s == '.' || strlen(s) > 128) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
              *s == '_' || *s == '-'))
            return false;
    return true;
}

static void not_installed(http_req *r) {
    http_error(r, 404,
               "Swagger UI is not installed: set DELIUSD_SWAGGER_UI_DIR to a swagger-ui-dist directory "
               "(scripts/install-test-tools puts one in build/node-tools/node_modules/swagger-ui-dist)");
}

static int serve_file(http_req *r, const char *name) {
    const char *dir = cfg.swagger_ui_dir;
    if (!dir) {
        not_installed(r);
        return 0;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        not_installed(r);
        return 0;
    }
    struct stat st;
    if (faccessat(dfd, "swagger-ui-bundle.js", R_OK, 0) != 0) {
        close(dfd);
        not_installed(r);
        return 0;
    }
    if (!strcmp(name, "swagger-initializer.js")) {
        close(dfd);
        http_send(r, 200, "application/javascript; charset=utf-8", initializer, sizeof initializer - 1);
        return 0;
    }
    int fd = safe_name(name) ? openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
    close(dfd);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > MAX_FILE_BYTES) {
        if (fd >= 0) close(fd);
        http_error(r, 404, "No such Swagger UI file");
        return 0;
    }
    size_t len = (size_t)st.st_size;
    char *data = malloc(len ? len : 1);
    size_t got = 0;
    while (data && got < len) {
        ssize_t n = read(fd, data + got, len - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd);
    if (!data || got != len) {
        free(data);
        http_framework_error(r, 500, "Swagger UI file could not be read");
        return 0;
    }
    http_add_header(r, "Cache-Control", "public, max-age=3600");
    http_send(r, 200, content_type(name), data, len);
    free(data);
    return 0;
}

int platform_swagger_ui_index(http_req *r) { return serve_file(r, "index.html"); }

int platform_swagger_ui_file(http_req *r) { return serve_file(r, http_path(r, "file")); }
