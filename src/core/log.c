/* log.c - JSON-lines logging (see log.h). */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "json.h"
#include "timeutil.h"

static int min_level = LOG_INFO;
static const char *names[] = {"DEBUG", "INFO", "WARN", "ERROR"};

void log_set_level(int level) { min_level = level; }
int log_enabled(int level) { return level >= min_level; }

int log_level_from_name(const char *name) {
    for (int i = 0; i < 4; i++)
        if (!strcasecmp(name, names[i])) return i;
    if (!strcasecmp(name, "WARNING")) return LOG_WARN;
    return -1;
}

static void begin(buf *b, int level, const char *message) {
    char ts[40];
    tu_now_utc(ts, sizeof ts);
    buf_printf(b, "{\"time\":\"%s\",\"level\":\"%s\",\"message\":\"", ts, names[level]);
    json_escape(b, message, strlen(message));
    buf_putc(b, '"');
}

static void kv(buf *b, const char *k, const char *v) {
    buf_puts(b, ",\"");
    json_escape(b, k, strlen(k));
    buf_puts(b, "\":\"");
    json_escape(b, v ? v : "", v ? strlen(v) : 0);
    buf_putc(b, '"');
}

static void emit(buf *b) {
    buf_puts(b, "}\n");
    ssize_t off = 0;
    while ((size_t)off < b->len) {
        ssize_t n = write(2, b->data + off, b->len - (size_t)off);
        if (n <= 0) break;
        off += n;
    }
    buf_dispose(b);
}

void log_msg(int level, const char *message, ...) {
    if (level < min_level) return;
    buf b = BUF_INIT;
    begin(&b, level, message);
    va_list ap;
    va_start(ap, message);
    for (;;) {
        const char *k = va_arg(ap, const char *);
        if (!k) break;
        const char *v = va_arg(ap, const char *);
        kv(&b, k, v);
    }
    va_end(ap);
    emit(&b);
}

void log_access(const char *request_id, const char *method, const char *route, int status, double duration_ms,
                const char *client_id) {
    int level = LOG_INFO;
    if (route && !strncmp(route, "/health", 7)) level = LOG_DEBUG; /* health requests not logged at INFO */
    if (level < min_level) return;
    buf b = BUF_INIT;
    begin(&b, level, "request");
    kv(&b, "requestId", request_id);
    kv(&b, "method", method);
    kv(&b, "path", route);
    buf_printf(&b, ",\"status\":%d,\"durationMs\":%.3f", status, duration_ms);
    if (client_id && *client_id) kv(&b, "clientId", client_id);
    emit(&b);
}

void log_event(const char *name, const char *const *props) {
    if (LOG_INFO < min_level) return;
    buf b = BUF_INIT;
    begin(&b, LOG_INFO, "telemetry");
    kv(&b, "event", name);
    buf_puts(&b, ",\"properties\":{");
    for (size_t i = 0; props && props[i]; i += 2) {
        if (!props[i + 1]) continue; /* null-valued properties are dropped (platform.md §9.1) */
        if (b.data[b.len - 1] != '{') buf_putc(&b, ',');
        buf_putc(&b, '"');
        json_escape(&b, props[i], strlen(props[i]));
        buf_puts(&b, "\":\"");
        json_escape(&b, props[i + 1], strlen(props[i + 1]));
        buf_putc(&b, '"');
    }
    buf_putc(&b, '}');
    emit(&b);
}
