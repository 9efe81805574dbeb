/* pool.c - per-thread and stream database connections (pool.h). */
#include "pool.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

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
        tl_db = db_open(g_url, err, errlen);
        if (tl_db) thread_register(tl_db, true);
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

int db_pool_ready(void) {
    if (!g_url) return -1;
    if (!db_url_is_postgres(g_url)) {
        int fd = open(g_url, O_RDONLY | O_CLOEXEC);
        if (fd < 0) return -1;
        close(fd);
    }
    char err[256];
    db_conn *c = db_pool_thread(err, sizeof err);
    if (!c) return -1;
    if (db_ping(c) == 0) return 0;
    if (!db_broken(c)) return -1;
    /* the connection may be stale: one fresh try */
    c = db_pool_thread(err, sizeof err);
    return c && db_ping(c) == 0 ? 0 : -1;
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
