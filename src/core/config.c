/* config.c - environment variables → cfg (see config.h and README.md). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"

config cfg;

const char *config_env_str(const char *name, const char *def) {
    const char *v = getenv(name);
    return v && *v ? v : def;
}

bool config_env_long(const char *name, long def, long min, long max, long *out, char *err, size_t errlen) {
    const char *v = getenv(name);
    if (!v || !*v) {
        *out = def;
        return true;
    }
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end || n < min || n > max) {
        snprintf(err, errlen, "%s must be an integer between %ld and %ld", name, min, max);
        return false;
    }
    *out = n;
    return true;
}

bool config_env_int(const char *name, int def, int min, int max, int *out, char *err, size_t errlen) {
    long n;
    if (!config_env_long(name, def, min, max, &n, err, errlen)) return false;
    *out = (int)n;
    return true;
}

bool config_env_bool(const char *name, bool def, bool *out, char *err, size_t errlen) {
    const char *v = getenv(name);
    if (!v || !*v) {
        *out = def;
        return true;
    }
    if (!strcmp(v, "true") || !strcmp(v, "1")) *out = true;
    else if (!strcmp(v, "false") || !strcmp(v, "0")) *out = false;
    else {
        snprintf(err, errlen, "%s must be true or false", name);
        return false;
    }
    return true;
}

bool config_load(char *err, size_t errlen) {
    long n;
    if (!config_env_long("DELIUSD_PORT", 8080, 0, 65535, &n, err, errlen)) return false;
    cfg.port = (int)n;
    cfg.bind = config_env_str("DELIUSD_BIND", "0.0.0.0");
    cfg.database = config_env_str("DELIUSD_DATABASE", "data/deliusd.db");
    cfg.jwt_public_key = config_env_str("DELIUSD_JWT_PUBLIC_KEY_FILE", NULL);
    cfg.jwt_jwks_url = config_env_str("DELIUSD_JWT_JWKS_URL", NULL);
    cfg.jwt_issuer = config_env_str("DELIUSD_JWT_ISSUER", NULL);
    const char *lvl = config_env_str("DELIUSD_LOG_LEVEL", "INFO");
    int level = log_level_from_name(lvl);
    if (level < 0) {
        snprintf(err, errlen, "DELIUSD_LOG_LEVEL must be DEBUG, INFO, WARN or ERROR");
        return false;
    }
    cfg.log_level = level;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu < 1) ncpu = 2;
    if (!config_env_long("DELIUSD_THREADS", ncpu, 1, 256, &n, err, errlen)) return false;
    cfg.threads = (int)n;
    if (!config_env_long("DELIUSD_MAX_BODY_BYTES", 1 << 20, 1024, 64L << 20, &n, err, errlen)) return false;
    cfg.max_body = (size_t)n;
    if (!config_env_long("DELIUSD_CONNECTION_TIMEOUT_S", 60, 1, 3600, &n, err, errlen)) return false;
    cfg.conn_timeout_s = (int)n;
    if (!config_env_long("DELIUSD_MAX_CONNECTIONS", 1000, 1, 100000, &n, err, errlen)) return false;
    cfg.max_connections = (int)n;
    if (!config_env_long("DELIUSD_STREAM_TIMEOUT_MS", 300000, 1000, 86400000, &n, err, errlen)) return false;
    cfg.stream_timeout_ms = (int)n;
    if (!config_env_long("DELIUSD_STREAM_CONNECTIONS", 4, 1, 64, &n, err, errlen)) return false;
    cfg.stream_connections = (int)n;
    if (!config_env_long("DELIUSD_SHUTDOWN_GRACE_S", 30, 0, 3600, &n, err, errlen)) return false;
    cfg.shutdown_grace_s = (int)n;
    cfg.service_user_tier = config_env_str("DELIUSD_SERVICE_USER_TIER", "TierToDelius");
    cfg.service_user_upw = config_env_str("DELIUSD_SERVICE_USER_UPW", "UnpaidWorkAndDelius");
    cfg.service_user_court_case = config_env_str("DELIUSD_SERVICE_USER_COURT_CASE", "CourtCaseAndDelius");
    cfg.tier_api_url = config_env_str("DELIUSD_TIER_API_URL", NULL);
    cfg.swagger_ui_dir = getenv("DELIUSD_SWAGGER_UI_DIR") && !*getenv("DELIUSD_SWAGGER_UI_DIR")
                             ? NULL /* set but empty: no Swagger UI */
                             : config_env_str("DELIUSD_SWAGGER_UI_DIR", "build/node-tools/node_modules/swagger-ui-dist");
    if (!config_env_bool("DELIUSD_LAO_IGNORE_EXCLUSIONS", true, &cfg.lao_ignore_exclusions, err, errlen)) return false;
    if (!config_env_bool("DELIUSD_LAO_IGNORE_RESTRICTIONS", true, &cfg.lao_ignore_restrictions, err, errlen)) return false;
    cfg.document_store = config_env_str("DELIUSD_DOCUMENT_STORE", "data/documents");
    if (!config_env_long("DELIUSD_DOCUMENT_STORE_TIMEOUT_MS", 60000, 100, 3600000, &n, err, errlen)) return false;
    cfg.document_store_timeout_ms = (int)n;
    if (!config_env_long("DELIUSD_DOCUMENT_STORE_MAX_TRANSFERS", cfg.threads / 2 > 1 ? cfg.threads / 2 : 1, 1, 4096, &n, err,
                  errlen))
        return false;
    cfg.document_store_max_transfers = (int)n;
    if (!config_env_long("DELIUSD_REQUEST_TIMEOUT_MS", 30000, 100, 3600000, &n, err, errlen)) return false;
    cfg.request_timeout_ms = (int)n;
    if (!config_env_long("DELIUSD_JWKS_REFRESH_S", 300, 1, 86400, &n, err, errlen)) return false;
    cfg.jwks_refresh_s = (int)n;
    if (!config_env_long("DELIUSD_DB_CHECK_MS", 1000, 0, 3600000, &n, err, errlen)) return false;
    cfg.db_check_ms = (int)n;
    const char *al = config_env_str("DELIUSD_ACCESS_LOG", "all");
    cfg.access_log_rate = 1.0;
    if (!strcmp(al, "all")) cfg.access_log = ACCESS_LOG_ALL;
    else if (!strcmp(al, "errors")) cfg.access_log = ACCESS_LOG_ERRORS;
    else if (!strcmp(al, "none")) cfg.access_log = ACCESS_LOG_NONE;
    else {
        char *end;
        errno = 0;
        double rate = strtod(al, &end);
        if (errno || *end || end == al || !(rate >= 0.0 && rate <= 1.0)) {
            snprintf(err, errlen, "DELIUSD_ACCESS_LOG must be all, errors, none or a sampling rate between 0 and 1");
            return false;
        }
        cfg.access_log = ACCESS_LOG_SAMPLE;
        cfg.access_log_rate = rate;
    }
    if (!config_env_bool("DELIUSD_DEBUG_QUERY_COUNT", false, &cfg.debug_query_count, err, errlen)) return false;
    cfg.community_api_url = config_env_str("DELIUSD_COMMUNITY_API_URL", NULL);
    if (!config_env_long("DELIUSD_COMMUNITY_API_CONNECT_TIMEOUT_MS", 20000, 100, 600000, &n, err, errlen)) return false;
    cfg.community_api_connect_timeout_ms = (int)n;
    if (!config_env_long("DELIUSD_COMMUNITY_API_READ_TIMEOUT_MS", 5000, 100, 600000, &n, err, errlen)) return false;
    cfg.community_api_read_timeout_ms = (int)n;
    if (!config_env_long("DELIUSD_COMPARE_MAX_PAGE_SIZE", 100, 1, 10000, &n, err, errlen)) return false;
    cfg.compare_max_page_size = (int)n;
    if (!config_env_long("DELIUSD_COMPARE_ALL_TIMEOUT_MS", 300000, 1000, 86400000, &n, err, errlen)) return false;
    cfg.compare_all_timeout_ms = (int)n;
    return true;
}
