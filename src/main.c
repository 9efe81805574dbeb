/*
 * main.c - the deliusd command line: serve, migrate, seed, token, keygen.
 *
 * Errors go to stderr (JSON log lines for serve, plain text for the tools) and
 * give a non-zero exit code.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "core/server.h"
#include "core/timeutil.h"
#include "core/metrics.h"
#include "db/check.h"
#include "db/db.h"
#include "db/pool.h"
#include "db/seed.h"
#include "db/seed_files.h"
#include "messaging/messaging.h"
#include "messaging/messaging_cli.h"
#include "net/httpc.h"
#include "services/needs.h"
#include "routes.h"
#include "services/roles.h"
#include "services/service.h"

/* server_opts.on_exit: the HTTP threads have stopped; close their connections. */
static void serve_exit(void *ctx) {
    (void)ctx;
    db_pool_close_all();
}

/* server_opts.on_start / on_stop: the message consumers (worker threads). on_start runs once the
 * server listens, with SIGTERM already blocked (the workers inherit the mask); on_stop lets each
 * worker finish the message in hand. */
static int consumers_start(void *ctx) {
    char err[512];
    (void)ctx;
    if (messaging_start(cfg.database, err, sizeof err) < 0) {
        log_msg(LOG_ERROR, "cannot start the consumers", "error", err, NULL);
        return 1;
    }
    return 0;
}

static void consumers_stop(void *ctx) {
    (void)ctx;
    messaging_stop();
}

/* auth's JWKS fetcher (auth_set_fetcher) over the one outbound client; auth
 * calls it with one fetch at a time, so one httpc (ctx) serves every fetch. */
static long jwks_fetch(void *ctx, const char *url, size_t max_bytes, char **body, size_t *len, char *err,
                       size_t errlen) {
    static const char *const headers[] = {"Accept: application/json", NULL};
    httpc_opts o = {.connect_timeout_ms = 1000, .timeout_ms = 5000, .max_bytes = max_bytes, .headers = headers};
    httpc_resp r;
    if (httpc_get(ctx, url, &o, &r, err, errlen) != HTTPC_OK) return -1;
    if (r.status == 200) {
        *body = r.body; /* handed to auth, which frees it */
        *len = r.len;
        r.body = NULL;
    }
    httpc_resp_free(&r);
    return r.status;
}

static const char *usage_main =
    "usage: deliusd <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve     run the HTTP API (configuration from DELIUSD_* environment variables)\n"
    "  migrate   create or upgrade the database schema in DELIUSD_DATABASE\n"
    "  seed      migrate, then load synthetic demo data\n"
    "  token     sign a development bearer token with the local development key\n"
    "  keygen    create the local development signing key pair\n"
    "  consume   run the message consumers without the HTTP API\n"
    "  publish   enqueue domain events (SNS notifications) on a queue\n"
    "  dlq       list, retry or purge the embedded queue's dead letters\n"
    "  check     report what DELIUSD_DATABASE lacks that the routes and consumers need\n"
    "  routes    list the route table (method, path, alias, roles)\n"
    "\n"
    "  --help     this text; `deliusd <command> --help` for a command's options\n"
    "  --version  print the version\n";

static const char *usage_serve =
    "usage: deliusd serve\n"
    "Serves the API on DELIUSD_PORT (8080) and runs the message consumers (DELIUSD_CONSUMERS=false:\n"
    "no consumers). Options come from the environment:\n"
    "  DELIUSD_DATABASE, DELIUSD_JWT_PUBLIC_KEY_FILE, DELIUSD_JWT_JWKS_URL, DELIUSD_JWT_ISSUER,\n"
    "  DELIUSD_LOG_LEVEL, DELIUSD_THREADS, ... (see README.md)\n";

static const char *usage_migrate =
    "usage: deliusd migrate\n"
    "Applies the schema migrations not yet applied to DELIUSD_DATABASE (default data/deliusd.db);\n"
    "creates the SQLite file when absent. Running it again does nothing.\n";

static const char *usage_seed =
    "usage: deliusd seed [--people N] [--random-seed S] [--force] [--quiet] [--document-files N]\n"
    "Migrates DELIUSD_DATABASE, then loads N (default 100) fictional people and their cases.\n"
    "  --people N        number of people (default 100)\n"
    "  --random-seed S   the same S gives the same rows (default 1)\n"
    "  --force           seed even when the database already has people\n"
    "  --quiet           no progress lines\n"
    "  --document-files N  write a small PDF into the local document store (DELIUSD_DOCUMENT_STORE,\n"
    "                    default data/documents) for the first N seeded documents (default 0 = none;\n"
    "                    `make run` uses 20000)\n";

static const char *usage_token =
    "usage: deliusd token --roles A,B [--user NAME] [--ttl SECONDS] [--key FILE] [--issuer ISS] [--kid KID]\n"
    "Prints an RS256 development token signed with the local key (default data/dev-key.pem).\n"
    "  --roles A,B       authorities, e.g. ROLE_PROBATION_API__TIER__CASE_DETAIL (required)\n"
    "  --user NAME       the token's subject (default deliusd-dev)\n"
    "  --ttl SECONDS     lifetime (default 3600; negative gives an expired token, for tests)\n"
    "  --key FILE        private key PEM (default data/dev-key.pem)\n"
    "  --issuer ISS      iss claim (default none)\n"
    "  --kid KID         kid header (default none)\n";

static const char *usage_keygen =
    "usage: deliusd keygen [--out FILE] [--pub FILE] [--if-missing]\n"
    "Creates an RSA-2048 development key pair.\n"
    "  --out FILE        private key (default data/dev-key.pem, mode 0600)\n"
    "  --pub FILE        public key (default data/dev-key.pub.pem)\n"
    "  --if-missing      do nothing when the private key already exists\n";

static bool wants_help(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return true;
    return false;
}

static int load_config(void) {
    char err[256];
    if (!config_load(err, sizeof err)) {
        fprintf(stderr, "deliusd: %s\n", err);
        return -1;
    }
    log_set_level(cfg.log_level);
    if (!tu_init()) {
        fprintf(stderr, "deliusd: DELIUSD_TODAY must be a date YYYY-MM-DD\n");
        return -1;
    }
    return 0;
}

static void ensure_parent_dir(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path) return;
    char dir[1024];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof dir) return;
    memcpy(dir, path, n);
    dir[n] = 0;
    mkdir(dir, 0755);
}

static db_conn *open_and_migrate(bool verbose) {
    char err[512];
    if (!db_url_is_postgres(cfg.database)) ensure_parent_dir(cfg.database);
    db_conn *c = db_open_create(cfg.database, err, sizeof err);
    if (!c) {
        fprintf(stderr, "deliusd: %s\n", err);
        return NULL;
    }
    int n = db_migrate(c, verbose, err, sizeof err);
    if (n < 0) {
        fprintf(stderr, "deliusd: %s\n", err);
        db_close(c);
        return NULL;
    }
    if (verbose) fprintf(stderr, "deliusd: %d migration(s) applied\n", n);
    return c;
}

static int cmd_migrate(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_migrate, stdout), 0;
    if (argc > 1) return fprintf(stderr, "deliusd migrate: unexpected argument %s\n%s", argv[1], usage_migrate), 2;
    if (load_config()) return 2;
    db_conn *c = open_and_migrate(true);
    if (!c) return 1;
    db_close(c);
    return 0;
}

static const char *usage_check =
    "usage: deliusd check [--json]\n"
    "Checks DELIUSD_DATABASE (SQLite or PostgreSQL; not changed) for what each route and consumer\n"
    "needs: tables, columns, indexes, reference codes, service users, sequences.\n"
    "  --json            one JSON object instead of text\n"
    "Exit status: 0 nothing missing, 1 something missing, 2 the database cannot be read.\n";

static int cmd_check(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_check, stdout), 0;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = true;
        else return fprintf(stderr, "deliusd check: unexpected argument %s\n%s", argv[i], usage_check), 2;
    }
    if (load_config()) return 2;
    char err[512];
    db_conn *c = db_open(cfg.database, err, sizeof err);
    if (!c) return fprintf(stderr, "deliusd check: cannot open the database: %s\n", err), 2;
    int missing = db_check(c, need_groups, need_group_count, json, stdout);
    if (missing < 0) fprintf(stderr, "deliusd check: cannot read the catalogue: %s\n", db_errmsg(c));
    db_close(c);
    return missing < 0 ? 2 : missing > 0 ? 1 : 0;
}

/* `deliusd routes`: the assembled route table, one line per path (aliases too):
 * METHOD PATH SERVICE ROLES. Tests compare it with /v3/api-docs. */
static int cmd_routes(int argc, char **argv) {
    if (wants_help(argc, argv) || argc > 1) {
        fputs("usage: deliusd routes\nLists every route: method, path (alias paths on lines of their own), service, roles.\n",
              argc > 1 ? stderr : stdout);
        return argc > 1 ? 2 : 0;
    }
    size_t n;
    const route_def *routes = app_routes(&n);
    for (size_t i = 0; i < n; i++) {
        for (int which = 0; which < 2; which++) {
            const char *path = which ? routes[i].alias : routes[i].pattern;
            if (!path) continue;
            printf("%s %s %s ", routes[i].method, path, routes[i].service);
            int any = 0;
            for (size_t k = 0; k < role_count; k++)
                if (routes[i].roles & role_table[k].bit) printf("%s%s", any++ ? "," : "", role_table[k].authority);
            printf("%s\n", any ? "" : "public");
        }
    }
    return 0;
}

static bool parse_long(const char *s, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s) return false;
    *out = v;
    return true;
}

static int cmd_seed(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_seed, stdout), 0;
    static const struct option opts[] = {{"people", required_argument, 0, 'p'},
                                         {"random-seed", required_argument, 0, 's'},
                                         {"force", no_argument, 0, 'f'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"document-files", required_argument, 0, 'd'},
                                         {0, 0, 0, 0}};
    seed_opts o = {.people = 100, .random_seed = 1, .force = false, .progress = true};
    long doc_files = 0;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        long v;
        switch (ch) {
        case 'p':
            if (!parse_long(optarg, &v) || v < 0 || v > 26000000)
                return fprintf(stderr, "deliusd seed: --people must be an integer 0..26000000\n"), 2;
            o.people = v;
            break;
        case 's':
            if (!parse_long(optarg, &v)) return fprintf(stderr, "deliusd seed: --random-seed must be an integer\n"), 2;
            o.random_seed = (uint64_t)v;
            break;
        case 'f': o.force = true; break;
        case 'q': o.progress = false; break;
        case 'd':
            if (!parse_long(optarg, &doc_files) || doc_files < 0)
                return fprintf(stderr, "deliusd seed: --document-files must be a non-negative integer\n"), 2;
            break;
        default: fputs(usage_seed, stderr); return 2;
        }
    }
    if (optind < argc) return fprintf(stderr, "deliusd seed: unexpected argument %s\n", argv[optind]), 2;
    if (load_config()) return 2;
    db_conn *c = open_and_migrate(false);
    if (!c) return 1;
    char err[512] = "";
    int rc = db_seed(c, &o, err, sizeof err);
    if (rc == 0 && doc_files > 0) { /* PDFs behind the seeded documents, in a local store */
        docstore *store = docstore_open(cfg.document_store, err, sizeof err);
        long written = 0;
        rc = store ? seed_document_files(c, store, doc_files, &written, err, sizeof err) : -1;
        if (rc == 0 && o.progress && written > 0)
            fprintf(stderr, "deliusd seed: wrote %ld document files to %s\n", written, cfg.document_store);
        docstore_close(store);
    }
    db_close(c);
    if (rc != 0) {
        fprintf(stderr, "deliusd seed: %s\n", err);
        return 1;
    }
    return 0;
}

static int cmd_keygen(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_keygen, stdout), 0;
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {"pub", required_argument, 0, 'p'},
                                         {"if-missing", no_argument, 0, 'm'},
                                         {0, 0, 0, 0}};
    const char *out = "data/dev-key.pem", *pub = "data/dev-key.pub.pem";
    bool if_missing = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 'p': pub = optarg; break;
        case 'm': if_missing = true; break;
        default: fputs(usage_keygen, stderr); return 2;
        }
    }
    struct stat st;
    if (if_missing && stat(out, &st) == 0 && stat(pub, &st) == 0) return 0;
    ensure_parent_dir(out);
    ensure_parent_dir(pub);
    char err[256];
    if (auth_generate_key(out, pub, err, sizeof err) != 0) {
        fprintf(stderr, "deliusd keygen: %s\n", err);
        return 1;
    }
    fprintf(stderr, "deliusd keygen: wrote %s and %s\n", out, pub);
    return 0;
}

static int cmd_token(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_token, stdout), 0;
    static const struct option opts[] = {{"roles", required_argument, 0, 'r'}, {"user", required_argument, 0, 'u'},
                                         {"ttl", required_argument, 0, 't'},   {"key", required_argument, 0, 'k'},
                                         {"issuer", required_argument, 0, 'i'}, {"kid", required_argument, 0, 'd'},
                                         {0, 0, 0, 0}};
    const char *roles = NULL, *user = "deliusd-dev", *key = "data/dev-key.pem", *issuer = NULL, *kid = NULL;
    long ttl = 3600;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'r': roles = optarg; break;
        case 'u': user = optarg; break;
        case 't':
            if (!parse_long(optarg, &ttl)) return fprintf(stderr, "deliusd token: --ttl must be an integer\n"), 2;
            break;
        case 'k': key = optarg; break;
        case 'i': issuer = optarg; break;
        case 'd': kid = optarg; break;
        default: fputs(usage_token, stderr); return 2;
        }
    }
    if (!roles) return fprintf(stderr, "deliusd token: --roles is required\n%s", usage_token), 2;
    const char *list[32];
    size_t n = 0;
    char *copy = strdup(roles);
    if (!copy) return 1;
    for (char *save = NULL, *t = strtok_r(copy, ",", &save); t && n < 32; t = strtok_r(NULL, ",", &save))
        if (*t) list[n++] = t;
    char *tok = NULL, err[256];
    int rc = auth_sign_token(key, user, list, n, ttl, issuer, kid, &tok, err, sizeof err);
    free(copy);
    if (rc != 0) {
        fprintf(stderr, "deliusd token: %s\n", err);
        return 1;
    }
    puts(tok);
    free(tok);
    return 0;
}

static int cmd_serve(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(usage_serve, stdout), 0;
    if (argc > 1) return fprintf(stderr, "deliusd serve: unexpected argument %s\n%s", argv[1], usage_serve), 2;
    if (load_config()) return 2;
    if (tu_today_pinned())
        log_msg(LOG_WARN, "TEST SETTING: DELIUSD_TODAY pins today's date", "today", getenv("DELIUSD_TODAY"), NULL);
    if (cfg.debug_query_count) log_msg(LOG_WARN, "TEST SETTING: DELIUSD_DEBUG_QUERY_COUNT adds X-Query-Count", NULL);
    /* the database must exist and be migrated: serve never creates it */
    if (!db_url_is_postgres(cfg.database)) {
        struct stat st;
        if (stat(cfg.database, &st) != 0) {
            log_msg(LOG_ERROR, "database file not found: run `deliusd migrate` (or `make run`)", "database",
                    cfg.database, NULL);
            return 1;
        }
    }
    char err[512];
    db_conn *c = db_open(cfg.database, err, sizeof err);
    if (!c) {
        log_msg(LOG_ERROR, "cannot open database", "error", err, NULL);
        return 1;
    }
    db_stmt *s = db_query(c, "SELECT COUNT(*) FROM DELIUSD_SCHEMA_MIGRATION");
    int rc = s ? db_step(s) : -1;
    if (s) db_done(s);
    db_close(c);
    if (rc != 1) {
        log_msg(LOG_ERROR, "database is not migrated: run `deliusd migrate`", NULL);
        return 1;
    }
    if (httpc_global_init() != 0) {
        log_msg(LOG_ERROR, "cannot initialise the HTTP client", NULL);
        return 1;
    }
    if (!cfg.jwt_public_key && !cfg.jwt_jwks_url)
        log_msg(LOG_WARN, "no DELIUSD_JWT_PUBLIC_KEY_FILE or DELIUSD_JWT_JWKS_URL: every token will be refused", NULL);
    auth_ctx *auth = auth_new(cfg.jwt_public_key, cfg.jwt_jwks_url, cfg.jwt_issuer, err, sizeof err);
    if (!auth) {
        log_msg(LOG_ERROR, "cannot load token verification keys", "error", err, NULL);
        httpc_global_cleanup();
        return 1;
    }
    auth_set_role_lookup(auth, role_from_authority);
    httpc *jwks_http = httpc_new();
    if (!jwks_http) {
        log_msg(LOG_ERROR, "cannot create the HTTP client", NULL);
        auth_free(auth);
        httpc_global_cleanup();
        return 1;
    }
    auth_set_fetcher(auth, jwks_fetch, jwks_http);
    if (!auth_start_refresh(auth, (unsigned)cfg.jwks_refresh_s)) {
        log_msg(LOG_ERROR, "cannot start the JWKS refresher", NULL);
        auth_free(auth);
        httpc_free(jwks_http);
        httpc_global_cleanup();
        return 1;
    }
    db_pool_init(cfg.database, cfg.stream_connections);
    db_pool_set_check_interval(cfg.db_check_ms);
    db_pool_set_gauge(metrics_db_connections);
    size_t nroutes;
    const route_def *routes = app_routes(&nroutes);
    server_opts opts = {
        .routes = routes,
        .nroutes = nroutes,
        .auth = auth,
        .admin_roles = ROLE_ADMIN,
        .before_send = service_before_send,
        .after_handler = service_after_handler,
        .on_start = consumers_start,
        .on_stop = consumers_stop,
        .on_exit = serve_exit,
    };
    rc = server_run(&opts);
    auth_free(auth);
    httpc_free(jwks_http);
    httpc_global_cleanup();
    return rc;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) return fputs(usage_main, stdout), 0;
    if (!strcmp(cmd, "--version")) return printf("deliusd %s (%s)\n", DELIUSD_VERSION, DELIUSD_GIT), 0;
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "migrate")) return cmd_migrate(argc - 1, argv + 1);
    if (!strcmp(cmd, "seed")) return cmd_seed(argc - 1, argv + 1);
    if (!strcmp(cmd, "token")) return cmd_token(argc - 1, argv + 1);
    if (!strcmp(cmd, "keygen")) return cmd_keygen(argc - 1, argv + 1);
    if (!strcmp(cmd, "consume")) return messaging_cmd_consume(argc - 1, argv + 1);
    if (!strcmp(cmd, "publish")) return messaging_cmd_publish(argc - 1, argv + 1);
    if (!strcmp(cmd, "dlq")) return messaging_cmd_dlq(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "routes")) return cmd_routes(argc - 1, argv + 1);
    fprintf(stderr, "deliusd: unknown command '%s'\n%s", cmd, usage_main);
    return 2;
}
