/*
 * mhd_errors.c - libmicrohttpd's own error pages as JSON (issue 16, defect 9).
 *
 * libmicrohttpd answers some malformed requests itself, before the access
 * handler is ever called (no Host on HTTP/1.1, unsupported HTTP version, a
 * request line or header block beyond the connection memory, a bad
 * Content-Length, broken chunked encoding). Version 0.9.75 (Debian 12) has no
 * option to change those bodies: they are fixed HTML strings compiled into
 * the library's read-only data, sent with their compile-time length and no
 * Content-Type. At start-up, before any connection is served, this module
 * finds each of those pages in the loaded library's read-only segment and
 * overwrites it in place (our process's private copy of the page) with a JSON
 * object of exactly the same length, padded with spaces (JSON whitespace):
 *   {"status":400,"error":"Request malformed","message":"..."}
 * "Request too big" serves both 414 and 431, so that body names no status.
 * Nothing is written when the library is not found or a page does not fit;
 * the status line and the closing of the connection stay libmicrohttpd's.
 */
#include "mhd_errors.h"

#include <ctype.h>
#include <stdbool.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "log.h"

struct scan {
    int patched;
};

/* The text between open and close inside [p, end), tags removed and &quot;
 * turned into a JSON-escaped quote; written to out (NUL-terminated). */
static void text_between(const char *p, const char *end, const char *open, const char *close, char *out,
                         size_t cap) {
    out[0] = 0;
    const char *a = memmem(p, (size_t)(end - p), open, strlen(open));
    if (!a) return;
    a += strlen(open);
    const char *b = memmem(a, (size_t)(end - a), close, strlen(close));
    if (!b) return;
    size_t n = 0;
    bool in_tag = false;
    for (const char *c = a; c < b && n + 3 < cap; c++) {
        if (*c == '<') in_tag = true;
        else if (*c == '>') in_tag = false;
        else if (in_tag) continue;
        else if (!strncmp(c, "&quot;", 6)) {
            out[n++] = '\\';
            out[n++] = '"';
            c += 5;
        } else if (*c == '"' || *c == '\\') {
            out[n++] = '\\';
            out[n++] = *c;
        } else if ((unsigned char)*c >= 0x20) {
            out[n++] = *c;
        }
    }
    out[n] = 0;
}

static int status_of(const char *title) {
    if (!strcmp(title, "Request malformed")) return 400;
    if (strstr(title, "Host:")) return 400;
    if (!strcmp(title, "Request content too large")) return 413;
    if (!strcmp(title, "Requested HTTP version is not supported")) return 505;
    if (!strcmp(title, "Internal server error")) return 500;
    return 0; /* "Request too big": 414 or 431 */
}

/* Rewrites one page at p (length len) in place. */
static bool patch_page(char *p, size_t len) {
    char title[200], msg[400], json[1024];
    text_between(p, p + len, "<title>", "</title>", title, sizeof title);
    text_between(p, p + len, "<body>", "</body>", msg, sizeof msg);
    if (!title[0]) return false;
    int st = status_of(title);
    int n;
    for (size_t cut = strlen(msg);; cut = cut > 10 ? cut - 10 : 0) {
        msg[cut] = 0;
        while (cut && msg[cut - 1] == '\\') msg[--cut] = 0; /* never end on half an escape */
        n = st ? snprintf(json, sizeof json, "{\"status\":%d,\"error\":\"%s\",\"message\":\"%s\"}", st, title, msg)
               : snprintf(json, sizeof json, "{\"error\":\"%s\",\"message\":\"%s\"}", title, msg);
        if (n > 0 && (size_t)n <= len) break;
        if (!cut) return false;
    }
    memset(json + n, ' ', len - (size_t)n);
    long pg = sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)p & ~((uintptr_t)pg - 1);
    size_t span = (size_t)((uintptr_t)p + len - start);
    if (mprotect((void *)start, span, PROT_READ | PROT_WRITE)) return false;
    memcpy(p, json, len);
    mprotect((void *)start, span, PROT_READ);
    return true;
}

static int scan_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct scan *sc = data;
    if (!info->dlpi_name || !strstr(info->dlpi_name, "libmicrohttpd")) return 0;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & (PF_W | PF_X)) || !(ph->p_flags & PF_R)) continue;
        char *seg = (char *)(info->dlpi_addr + ph->p_vaddr);
        char *end = seg + ph->p_memsz;
        static const char open[] = "<html><head><title>";
        for (char *p = seg; p < end;) {
            char *h = memmem(p, (size_t)(end - p), open, sizeof open - 1);
            if (!h) break;
            char *stop = memchr(h, 0, (size_t)(end - h));
            if (!stop) break;
            if (patch_page(h, (size_t)(stop - h))) sc->patched++;
            p = stop + 1;
        }
    }
    return 1;
}

int mhd_json_error_pages(void) {
    struct scan sc = {0};
    dl_iterate_phdr(scan_object, &sc);
    char n[16];
    snprintf(n, sizeof n, "%d", sc.patched);
    log_msg(sc.patched ? LOG_DEBUG : LOG_WARN,
            sc.patched ? "libmicrohttpd error pages answer JSON" : "libmicrohttpd error pages left as HTML", "pages", n,
            NULL);
    return sc.patched;
}
