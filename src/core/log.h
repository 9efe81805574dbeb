/*
 * log.h - JSON-lines logging to stderr.
 *
 * Each call writes one JSON object on one line: {"time","level","message",...}.
 * Extra fields are passed as alternating key/value C strings ending with NULL;
 * values are escaped. Never log personal data (names, dates of birth, addresses,
 * notes); CRNs and ids are fine. Thread-safe (one write(2) per line).
 */
#ifndef DL_LOG_H
#define DL_LOG_H

enum { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3 };

/* Minimum level written (default LOG_INFO). */
void log_set_level(int level);
int log_level_from_name(const char *name); /* -1 when unknown */
int log_enabled(int level);
/* log_msg(LOG_INFO, "started", "port", "8080", NULL); */
void log_msg(int level, const char *message, ...) __attribute__((sentinel));
/* A telemetry event (platform.md §9.3): {"message":"telemetry","event":name,
 * "properties":{k:v,...}}. props: alternating key/value strings ending with a
 * NULL key; a NULL value drops that property. Written at INFO. */
void log_event(const char *name, const char *const *props);
/* A request access line with typed fields. */
void log_access(const char *request_id, const char *method, const char *route, int status, double duration_ms,
                const char *client_id);

#endif
