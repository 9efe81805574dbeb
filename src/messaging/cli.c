/*
 * cli.c - `deliusd consume`, `deliusd publish` and `deliusd dlq` (see messaging_cli.h).
 */
#include "messaging_cli.h"

#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "envelope.h"
#include "messaging.h"
#include "net/httpc.h"
#include "queue.h"

#define PUBLISH_MAX_BYTES (256u << 20)

const char *messaging_usage_consume =
    "usage: deliusd consume\n"
    "Runs the message consumers without the HTTP API until SIGTERM/SIGINT (the message in hand is\n"
    "finished). Queues: DELIUSD_QUEUE_TIER, DELIUSD_QUEUE_UPW, DELIUSD_QUEUE_COURT_CASE (unset = the\n"
    "embedded queue in DELIUSD_DATABASE; otherwise an SQS queue name or URL). See README.md.\n";

const char *messaging_usage_publish =
    "usage: deliusd publish [--queue Q] FILE|-\n"
    "Enqueues the message(s) in FILE (or standard input): one JSON document, or one per line. Each is\n"
    "an SNS notification or a bare HMPPS domain event. The queue (tier, upw, court-case) is the one\n"
    "whose consumer handles the eventType unless --queue names it. An embedded queue gets all the\n"
    "messages in one transaction; an SQS-backed queue gets one SendMessage each.\n";

const char *messaging_usage_dlq =
    "usage: deliusd dlq list [--queue Q]\n"
    "       deliusd dlq retry [--queue Q] [ID...]\n"
    "       deliusd dlq purge [--queue Q] (--all | ID...)\n"
    "The embedded queue's dead letters: list prints one JSON object per line (id, queue, messageId,\n"
    "eventType, receiveCount, error; never the body); retry puts them back on their queue with a fresh\n"
    "receive count; purge deletes them. SQS dead-letter queues are managed in SQS.\n";

static bool wants_help(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return true;
    return false;
}

static int load(void) {
    char err[256];
    if (!config_load(err, sizeof err) || !mq_settings_load(err, sizeof err)) {
        fprintf(stderr, "deliusd: %s\n", err);
        return -1;
    }
    log_set_level(cfg.log_level);
    return 0;
}

/* Opens DELIUSD_DATABASE, which must exist and be migrated. */
static db_conn *open_db(void) {
    char err[512];
    if (!db_url_is_postgres(cfg.database)) {
        struct stat st;
        if (stat(cfg.database, &st) != 0) {
            fprintf(stderr, "deliusd: database file not found: run `deliusd migrate` (or `make run`)\n");
            return NULL;
        }
    }
    db_conn *c = db_open(cfg.database, err, sizeof err);
    if (!c) {
        fprintf(stderr, "deliusd: %s\n", err);
        return NULL;
    }
    db_stmt *s = db_query(c, "SELECT COUNT(*) FROM DELIUSD_QUEUE_MESSAGE WHERE ID < 0");
    int rc = s ? db_step(s) : -1;
    if (s) db_done(s);
    if (rc != 1) {
        fprintf(stderr, "deliusd: the database has no message queue table: run `deliusd migrate`\n");
        db_close(c);
        return NULL;
    }
    return c;
}

/* ---------------------------------------------------------------- consume -- */

int messaging_cmd_consume(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(messaging_usage_consume, stdout), 0;
    if (argc > 1) return fprintf(stderr, "deliusd consume: unexpected argument %s\n%s", argv[1], messaging_usage_consume), 2;
    if (load()) return 2;
    db_conn *c = open_db();
    if (!c) return 1;
    db_close(c);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit the mask; only sigwait below sees them */
    signal(SIGPIPE, SIG_IGN);
    if (httpc_global_init() != 0) {
        log_msg(LOG_ERROR, "cannot initialise the HTTP client", NULL);
        return 1;
    }
    char err[512];
    int n = messaging_start(cfg.database, err, sizeof err);
    if (n < 0) {
        log_msg(LOG_ERROR, "cannot start the consumers", "error", err, NULL);
        httpc_global_cleanup();
        return 1;
    }
    if (n == 0) log_msg(LOG_WARN, "no consumer to run", NULL);
    int sig = 0;
    sigwait(&set, &sig);
    log_msg(LOG_INFO, "stopping consumers", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM", NULL);
    messaging_stop();
    httpc_global_cleanup();
    return 0;
}

/* ---------------------------------------------------------------- publish -- */

static char *read_all(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) return NULL;
    buf b = BUF_INIT;
    b.limit = PUBLISH_MAX_BYTES;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
    bool bad = ferror(f) || b.overflow;
    if (f != stdin) fclose(f);
    if (bad) {
        buf_dispose(&b);
        return NULL;
    }
    return buf_release(&b, len);
}

int messaging_cmd_publish(int argc, char **argv) {
    if (wants_help(argc, argv)) return fputs(messaging_usage_publish, stdout), 0;
    static const struct option opts[] = {{"queue", required_argument, 0, 'q'}, {0, 0, 0, 0}};
    const char *queue = NULL;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch == 'q') queue = optarg;
        else return fputs(messaging_usage_publish, stderr), 2;
    }
    if (optind != argc - 1) return fprintf(stderr, "deliusd publish: give one FILE or -\n%s", messaging_usage_publish), 2;
    if (queue && (!*queue || strlen(queue) > 24))
        return fprintf(stderr, "deliusd publish: --queue must be a queue name such as tier\n"), 2;
    if (load()) return 2;
    size_t len = 0;
    char *text = read_all(argv[optind], &len);
    if (!text) return fprintf(stderr, "deliusd publish: cannot read %s (missing, unreadable or over 256 MiB)\n", argv[optind]), 1;
    /* one document, or one per line */
    size_t ndocs = 0, cap = 16;
    char **docs = malloc(cap * sizeof *docs);
    if (!docs) abort();
    json_t *whole = json_loadb(text, len, 0, NULL);
    if (whole) {
        json_decref(whole);
        docs[ndocs++] = text;
    } else {
        for (char *save = NULL, *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            while (*line == ' ' || *line == '\t' || *line == '\r') line++;
            if (!*line) continue;
            if (ndocs == cap && !(docs = realloc(docs, (cap *= 2) * sizeof *docs))) abort();
            docs[ndocs++] = line;
        }
    }
    int rc = 0;
    if (!ndocs) {
        fprintf(stderr, "deliusd publish: no message in %s\n", argv[optind]);
        rc = 1;
    }
    /* validate everything and choose queues before writing anything */
    const char **qnames = calloc(ndocs ? ndocs : 1, sizeof *qnames);
    char (*ids)[128] = calloc(ndocs ? ndocs : 1, sizeof *ids);
    if (!qnames || !ids) abort();
    for (size_t i = 0; i < ndocs && !rc; i++) {
        ev_envelope env;
        char err[512];
        if (ev_envelope_parse(docs[i], NULL, &env, err, sizeof err) != 0) {
            fprintf(stderr, "deliusd publish: message %zu: %s\n", i + 1, err);
            rc = 1;
        } else {
            const ev_consumer_def *d = messaging_find(env.event_type);
            qnames[i] = queue ? queue : d ? d->queue : NULL;
            if (!qnames[i]) {
                fprintf(stderr, "deliusd publish: message %zu: no consumer for event type %s; give --queue\n", i + 1,
                        env.event_type);
                rc = 1;
            }
            /* a bare event keeps no id of its own: the generated one is stored with it */
            snprintf(ids[i], sizeof ids[i], "%s", env.message_id);
        }
        ev_envelope_free(&env);
    }
    size_t published = 0;
    db_conn *db = NULL;
    httpc *http = NULL;
    bool in_tx = false;
    for (size_t i = 0; i < ndocs && !rc; i++) {
        char err[512];
        if (mq_sqs_target(qnames[i])) {
            if (!http) {
                httpc_global_init();
                http = httpc_new();
            }
            if (mq_sqs_send(http, qnames[i], docs[i], err, sizeof err) != 0) {
                fprintf(stderr, "deliusd publish: message %zu: %s\n", i + 1, err);
                rc = 1;
                break;
            }
        } else {
            if (!db) {
                if (!(db = open_db())) {
                    rc = 1;
                    break;
                }
                if (db_exec(db, db_kind_of(db) == DB_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN") != 0) {
                    fprintf(stderr, "deliusd publish: %s\n", db_errmsg(db));
                    rc = 1;
                    break;
                }
                in_tx = true;
            }
            if (mq_embedded_publish(db, qnames[i], ids[i], docs[i], NULL, err, sizeof err) != 0) {
                fprintf(stderr, "deliusd publish: message %zu: %s\n", i + 1, err);
                rc = 1;
                break;
            }
        }
        published++;
    }
    if (in_tx) {
        if (rc == 0 && db_commit(db) != 0) {
            fprintf(stderr, "deliusd publish: commit failed: %s\n", db_errmsg(db));
            rc = 1;
        }
        if (rc != 0) {
            db_rollback(db);
            published = 0; /* nothing of the embedded batch was kept */
        }
    }
    if (rc == 0) printf("{\"published\":%zu}\n", published);
    db_close(db);
    if (http) {
        httpc_free(http);
        httpc_global_cleanup();
    }
    free(qnames);
    free(ids);
    free(docs);
    free(text);
    return rc;
}

/* -------------------------------------------------------------------- dlq -- */

int messaging_cmd_dlq(int argc, char **argv) {
    if (wants_help(argc, argv) || argc < 2) return fputs(messaging_usage_dlq, argc < 2 ? stderr : stdout), argc < 2 ? 2 : 0;
    const char *action = argv[1];
    if (strcmp(action, "list") && strcmp(action, "retry") && strcmp(action, "purge"))
        return fprintf(stderr, "deliusd dlq: unknown action %s\n%s", action, messaging_usage_dlq), 2;
    static const struct option opts[] = {{"queue", required_argument, 0, 'q'}, {"all", no_argument, 0, 'a'}, {0, 0, 0, 0}};
    const char *queue = NULL;
    bool all = false;
    int ch;
    optind = 1;
    while ((ch = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
        if (ch == 'q') queue = optarg;
        else if (ch == 'a') all = true;
        else return fputs(messaging_usage_dlq, stderr), 2;
    }
    int nids = argc - 1 - optind;
    int64_t *ids = calloc(nids > 0 ? (size_t)nids : 1, sizeof *ids);
    if (!ids) abort();
    for (int i = 0; i < nids; i++) {
        char *end;
        ids[i] = strtoll(argv[1 + optind + i], &end, 10);
        if (*end || end == argv[1 + optind + i] || ids[i] <= 0) {
            fprintf(stderr, "deliusd dlq: %s is not a dead-letter id\n", argv[1 + optind + i]);
            free(ids);
            return 2;
        }
    }
    if (!strcmp(action, "list") && nids) {
        free(ids);
        return fprintf(stderr, "deliusd dlq list: takes no ids\n"), 2;
    }
    if (!strcmp(action, "purge") && !nids && !all) {
        free(ids);
        return fprintf(stderr, "deliusd dlq purge: give ids or --all\n"), 2;
    }
    if (load()) {
        free(ids);
        return 2;
    }
    db_conn *db = open_db();
    if (!db) {
        free(ids);
        return 1;
    }
    char err[512];
    int n;
    if (!strcmp(action, "list")) {
        buf b = BUF_INIT;
        n = mq_dlq_list(db, queue, &b, err, sizeof err);
        if (n >= 0 && b.len) fwrite(b.data, 1, b.len, stdout);
        buf_dispose(&b);
    } else if (!strcmp(action, "retry")) {
        n = mq_dlq_retry(db, queue, nids ? ids : NULL, (size_t)nids, err, sizeof err);
        if (n >= 0) printf("{\"retried\":%d}\n", n);
    } else {
        n = mq_dlq_purge(db, queue, nids ? ids : NULL, (size_t)nids, err, sizeof err);
        if (n >= 0) printf("{\"purged\":%d}\n", n);
    }
    if (n < 0) fprintf(stderr, "deliusd dlq: %s\n", err);
    db_close(db);
    free(ids);
    return n < 0 ? 1 : 0;
}
