/* pool.c - per-thread and stream database connections (pool.h). */
#include "pool.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

#define MAX_THREAD_CONNS 512
#define MAX_STREAMS 64

static const char *g_url;
static int g_max_streams = 4;
static void (*g_gauge)(int);

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER; /* guards everything below */
static db_conn *thread_conns[MAX_THREAD_CONNS];
static int nthread;
static db_conn *idle_streams[MAX_STREAMS];
static int nidle;
static int nstreams; /* open stream connections, idle or in use */

static __thread db_conn *tl_db;
/* SQLite: the file this thread's connection opened, and when that was last checked */
static __thread dev_t tl_dev;
static __thread ino_t tl_ino;
static __thread uint64_t tl_checked_ms;
static int g_check_ms = 1000;

void db_pool_set_check_interval(int ms) { g_check_ms = ms; }

static uint64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static bool file_id(const char *path, dev_t *dev, ino_t *ino) {
    struct stat st;
    if (stat(path, &st)) return false;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return true;
}

/* True when the SQLite path now names another file than the one this thread's
 * connection opened (replaced by `mv`, or deleted). Checked at most every
 * g_check_ms (one stat). */
static bool sqlite_file_changed(void) {
    if (g_check_ms < 0 || !g_url || db_url_is_postgres(g_url)) return false;
    uint64_t now = now_ms();
    if (now - tl_checked_ms < (uint64_t)g_check_ms) return false;
    tl_checked_ms = now;
    dev_t d;
    ino_t i;
    return !file_id(g_url, &d, &i) || d != tl_dev || i != tl_ino;
}

void db_pool_init(const char *url, int max_streams) {
    g_url = url;
    g_max_streams = max_streams < 1 ? 1 : max_streams > MAX_STREAMS ? MAX_STREAMS : max_streams;
}

void db_pool_set_gauge(void (*gauge)(int delta)) { g_gauge = gauge; }

static void gauge(int d) {
    if (g_gauge) g_gauge(d);
}

static void thread_register(db_conn *c, bool add) {
    pthread_mutex_lock(&mu);
    if (add) {
        if (nthread < MAX_THREAD_CONNS) thread_conns[nthread++] = c;
    } else {
        for (int i = 0; i < nthread; i++)
            if (thread_conns[i] == c) {
                thread_conns[i] = thread_conns[--nthread];
                break;
            }
    }
    pthread_mutex_unlock(&mu);
    gauge(add ? 1 : -1);
}

db_conn *db_pool_thread(char *err, size_t errlen) {
    if (tl_db && !db_broken(tl_db) && sqlite_file_changed()) {
        log_msg(LOG_INFO, "database file replaced or removed; reopening", NULL);
        thread_register(tl_db, false);
        db_close(tl_db);
        tl_db = NULL;
    }
    if (tl_db && db_broken(tl_db)) {
        thread_register(tl_db, false);
        db_close(tl_db);
        tl_db = NULL;
    }
    if (!tl_db) {
        if (!g_url) {
            snprintf(err, errlen, "no database configured");
            return NULL;
        }
        /* the file identity is taken before the open: a replacement racing
         * with it is noticed at the next check */
        bool have_id = !db_url_is_postgres(g_url) && file_id(g_url, &tl_dev, &tl_ino);
        tl_db = db_open(g_url, err, errlen);
        if (tl_db) thread_register(tl_db, true);
        tl_checked_ms = now_ms();
        if (!have_id) tl_dev = 0, tl_ino = 0;
    }
    return tl_db;
}

db_conn *db_pool_thread_current(void) { return tl_db; }

db_conn *db_pool_stream_acquire(bool *busy, char *err, size_t errlen) {
    *busy = false;
    pthread_mutex_lock(&mu);
    if (nidle > 0) {
        db_conn *c = idle_streams[--nidle];
        pthread_mutex_unlock(&mu);
        return c;
    }
    if (nstreams >= g_max_streams) {
        pthread_mutex_unlock(&mu);
        *busy = true;
        snprintf(err, errlen, "all %d stream connections in use", g_max_streams);
        return NULL;
    }
    nstreams++; /* reserve the slot before the (slow) open */
    pthread_mutex_unlock(&mu);
    db_conn *c = db_open(g_url, err, errlen);
    if (!c) {
        pthread_mutex_lock(&mu);
        nstreams--;
        pthread_mutex_unlock(&mu);
        return NULL;
    }
    db_hint_streaming(c);
    gauge(1);
    return c;
}

void db_pool_stream_release(db_conn *c) {
    if (!c) return;
    pthread_mutex_lock(&mu);
    /* keep idle PostgreSQL sessions (a connect costs a round trip and a backend
     * process); SQLite opens in microseconds and a kept handle would keep
     * reading a file that was since deleted or replaced */
    if (!db_broken(c) && db_kind_of(c) == DB_POSTGRES && nidle < MAX_STREAMS) {
        idle_streams[nidle++] = c;
        pthread_mutex_unlock(&mu);
        return;
    }
    nstreams--;
    pthread_mutex_unlock(&mu);
    db_close(c);
    gauge(-1);
}

/* SQLite: the file's 100-byte header is a SQLite 3 header with a valid page size. */
static bool sqlite_header_ok(const char *path) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    unsigned char h[100];
    ssize_t n = pread(fd, h, sizeof h, 0);
    close(fd);
    if (n != (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0) return false;
    unsigned ps = (unsigned)h[16] << 8 | h[17];
    if (ps == 1) ps = 65536;
    return ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0;
}

/* A real read of the schema on this thread's connection. */
static int schema_read(db_conn *c) {
    db_stmt *s = db_query(c, "SELECT COUNT(*) FROM DELIUSD_SCHEMA_MIGRATION");
    if (!s) return -1;
    int rc = db_step(s);
    bool ok = rc == 1 && db_col_int(s, 0) > 0;
    db_done(s);
    return ok ? 0 : -1;
}

int db_pool_ready(void) {
    if (!g_url) return -1;
    if (!db_url_is_postgres(g_url) && !sqlite_header_ok(g_url)) return -1;
    char err[256];
    db_conn *c = db_pool_thread(err, sizeof err);
    if (!c) return -1;
    if (schema_read(c) == 0) return 0;
    if (!db_broken(c)) return -1;
    /* the connection may be stale: one fresh try */
    c = db_pool_thread(err, sizeof err);
    return c && schema_read(c) == 0 ? 0 : -1;
}

void db_pool_close_all(void) {
    pthread_mutex_lock(&mu);
    for (int i = 0; i < nthread; i++) db_close(thread_conns[i]);
    gauge(-nthread);
    nthread = 0;
    for (int i = 0; i < nidle; i++) db_close(idle_streams[i]);
    gauge(-nidle);
    nstreams -= nidle;
    nidle = 0;
    pthread_mutex_unlock(&mu);
}
