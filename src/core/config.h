/*
 * config.h - process configuration from environment variables (README table).
 *
 * config_load() reads the environment once at start-up into the global `cfg`;
 * the strings point into the environment or static defaults (never freed).
 */
#ifndef DL_CONFIG_H
#define DL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct config {
    int port;                    /* DELIUSD_PORT, 8080 */
    const char *bind;            /* DELIUSD_BIND, 0.0.0.0 */
    const char *database;        /* DELIUSD_DATABASE, data/deliusd.db */
    const char *jwt_public_key;  /* DELIUSD_JWT_PUBLIC_KEY_FILE */
    const char *jwt_jwks_url;    /* DELIUSD_JWT_JWKS_URL */
    const char *jwt_issuer;      /* DELIUSD_JWT_ISSUER */
    int log_level;               /* DELIUSD_LOG_LEVEL: DEBUG, INFO (default), WARN, ERROR */
    int threads;                 /* DELIUSD_THREADS, default = number of CPUs */
    size_t max_body;             /* DELIUSD_MAX_BODY_BYTES, 1 MiB */
    int conn_timeout_s;          /* DELIUSD_CONNECTION_TIMEOUT_S, 60 */
    int max_connections;         /* DELIUSD_MAX_CONNECTIONS, 1000 */
    int stream_timeout_ms;       /* DELIUSD_STREAM_TIMEOUT_MS, 300000 */
    int stream_connections;      /* DELIUSD_STREAM_CONNECTIONS, 4: concurrent streams (more answer 503) */
    int shutdown_grace_s;        /* DELIUSD_SHUTDOWN_GRACE_S, 30 */
    bool lao_ignore_exclusions;  /* DELIUSD_LAO_IGNORE_EXCLUSIONS, true */
    bool lao_ignore_restrictions;/* DELIUSD_LAO_IGNORE_RESTRICTIONS, true */
    const char *document_store;  /* DELIUSD_DOCUMENT_STORE: directory (data/documents) or http(s):// Alfresco base */
    int document_store_timeout_ms; /* DELIUSD_DOCUMENT_STORE_TIMEOUT_MS, 60000: remote store read timeout */
    int document_store_max_transfers; /* DELIUSD_DOCUMENT_STORE_MAX_TRANSFERS, default max(1, threads / 2) */
    bool debug_query_count;      /* DELIUSD_DEBUG_QUERY_COUNT (test setting): X-Query-Count header */
    /* compare tools (court-case-and-delius.md §4.2) */
    const char *community_api_url;       /* DELIUSD_COMMUNITY_API_URL, none: the legacy API compared against */
    int community_api_connect_timeout_ms;/* DELIUSD_COMMUNITY_API_CONNECT_TIMEOUT_MS, 20000 */
    int community_api_read_timeout_ms;   /* DELIUSD_COMMUNITY_API_READ_TIMEOUT_MS, 5000: no byte for this long */
    int compare_max_page_size;           /* DELIUSD_COMPARE_MAX_PAGE_SIZE, 100: largest compareAll pageSize */
    int compare_all_timeout_ms;          /* DELIUSD_COMPARE_ALL_TIMEOUT_MS, 300000: compareAll runs no new comparison after this */
    /* message consumers (platform.md §7.5, §8) */
    const char *service_user_tier;       /* DELIUSD_SERVICE_USER_TIER, TierToDelius */
    const char *service_user_upw;        /* DELIUSD_SERVICE_USER_UPW, UnpaidWorkAndDelius */
    const char *service_user_court_case; /* DELIUSD_SERVICE_USER_COURT_CASE, CourtCaseAndDelius */
    const char *swagger_ui_dir;          /* DELIUSD_SWAGGER_UI_DIR, build/node-tools/node_modules/swagger-ui-dist */
    const char *tier_api_url;            /* DELIUSD_TIER_API_URL, none (detailUrl is used when present) */
    /* hardening (issue 16) */
    int request_timeout_ms;      /* DELIUSD_REQUEST_TIMEOUT_MS, 30000: whole request head+body, and keep-alive idle */
    int jwks_refresh_s;          /* DELIUSD_JWKS_REFRESH_S, 300: scheduled JWKS refresh */
    int db_check_ms;             /* DELIUSD_DB_CHECK_MS, 1000: how often a SQLite connection checks the file was replaced */
    int access_log;              /* DELIUSD_ACCESS_LOG: ACCESS_LOG_ALL (default), _ERRORS, _NONE, or _SAMPLE */
    double access_log_rate;      /* with ACCESS_LOG_SAMPLE: fraction of 2xx/3xx lines kept (errors always) */
} config;

enum { ACCESS_LOG_ALL = 0, ACCESS_LOG_ERRORS = 1, ACCESS_LOG_NONE = 2, ACCESS_LOG_SAMPLE = 3 };

extern config cfg;

/* Reads the environment. Returns false (message in err) on an invalid value. */
bool config_load(char *err, size_t errlen);

/* Environment readers for every module's settings (config_load here,
 * mq_settings_load in messaging/queue.c), so each variable is parsed and
 * reported the same way. An unset or empty variable gives the default; a bad
 * value writes "NAME must be ..." to err and returns false (the caller stops
 * at start-up). Strings point into the environment or at def (never freed). */
const char *config_env_str(const char *name, const char *def);
bool config_env_long(const char *name, long def, long min, long max, long *out, char *err, size_t errlen);
bool config_env_int(const char *name, int def, int min, int max, int *out, char *err, size_t errlen);
bool config_env_bool(const char *name, bool def, bool *out, char *err, size_t errlen); /* true/1, false/0 */

#endif
