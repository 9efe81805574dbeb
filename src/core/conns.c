/* conns.c - accept loop, connection registry, request deadline (conns.h). */
#include "conns.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "metrics.h"
#include "timeutil.h"

enum { PHASE_WAITING = 0, PHASE_ANSWERING = 1 };

typedef struct slot {
    int fd;
    int phase;
    int daemon;        /* index into g_daemons */
    bool closing;      /* shutdown() already called */
    uint64_t since_ms; /* start of the current WAITING phase */
    struct slot *next_free;
} slot;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER; /* guards the registry */
static slot *g_slots;
static slot *g_free;
static int g_cap;
static atomic_int g_open;      /* accepted, not yet closed */
static atomic_int *g_load;     /* per daemon: accepted, not yet closed */
static struct MHD_Daemon **g_daemons;
static int g_ndaemons;
static int g_max;
static unsigned g_timeout_ms;
static int g_listen_fd = -1;
static int g_wake[2] = {-1, -1};
static pthread_t g_acceptor, g_reaper;
static bool g_acceptor_running, g_reaper_running;
static atomic_bool g_stop_accept, g_stop_reaper;
static atomic_ulong g_evicted, g_refused, g_timed_out;

int conns_listen(const char *bind_addr, int port, int *bound_port) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, bind_addr, &addr.sin_addr) != 1) {
        log_msg(LOG_ERROR, "invalid DELIUSD_BIND address", "bind", bind_addr, NULL);
        return -1;
    }
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&addr, sizeof addr) || listen(fd, SOMAXCONN)) {
        char p[16];
        snprintf(p, sizeof p, "%d", port);
        log_msg(LOG_ERROR, "cannot listen (port in use?)", "port", p, "error", strerror(errno), NULL);
        close(fd);
        return -1;
    }
    socklen_t len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &len);
    *bound_port = ntohs(addr.sin_port);
    return fd;
}

/* ---- registry ------------------------------------------------------------ */

void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                  enum MHD_ConnectionNotificationCode toe) {
    int d = (int)(intptr_t)cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        pthread_mutex_lock(&mu);
        slot *s = g_free;
        if (s) {
            g_free = s->next_free;
            s->fd = ci ? ci->connect_fd : -1;
            s->phase = PHASE_WAITING;
            s->daemon = d;
            s->closing = false;
            s->since_ms = tu_mono_ms();
        }
        pthread_mutex_unlock(&mu);
        *socket_context = s;
        return;
    }
    /* CLOSED: libmicrohttpd has not closed the descriptor yet */
    slot *s = *socket_context;
    if (s) {
        pthread_mutex_lock(&mu);
        s->fd = -1;
        s->next_free = g_free;
        g_free = s;
        pthread_mutex_unlock(&mu);
        *socket_context = NULL;
    }
    atomic_fetch_sub(&g_open, 1);
    if (d >= 0 && d < g_ndaemons) atomic_fetch_sub(&g_load[d], 1);
}

static slot *slot_of(struct MHD_Connection *c) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

void conns_answering(struct MHD_Connection *c) {
    slot *s = slot_of(c);
    if (!s) return;
    pthread_mutex_lock(&mu);
    s->phase = PHASE_ANSWERING;
    pthread_mutex_unlock(&mu);
}

void conns_waiting(struct MHD_Connection *c) {
    slot *s = slot_of(c);
    if (!s) return;
    pthread_mutex_lock(&mu);
    s->phase = PHASE_WAITING;
    s->since_ms = tu_mono_ms();
    pthread_mutex_unlock(&mu);
}

int conns_open(void) { return atomic_load(&g_open); }

/* Called with mu held. */
static void close_slot(slot *s) {
    s->closing = true;
    if (s->fd >= 0) shutdown(s->fd, SHUT_RDWR);
}

/* Closes the WAITING connection that has waited longest. Returns false when
 * every connection is answering. */
static bool evict_oldest_waiting(void) {
    pthread_mutex_lock(&mu);
    slot *best = NULL;
    for (int i = 0; i < g_cap; i++) {
        slot *s = &g_slots[i];
        if (s->fd < 0 || s->closing || s->phase != PHASE_WAITING) continue;
        if (!best || s->since_ms < best->since_ms) best = s;
    }
    if (best) close_slot(best);
    pthread_mutex_unlock(&mu);
    return best != NULL;
}

void conns_close_waiting(void) {
    pthread_mutex_lock(&mu);
    for (int i = 0; i < g_cap; i++) {
        slot *s = &g_slots[i];
        if (s->fd >= 0 && !s->closing && s->phase == PHASE_WAITING) close_slot(s);
    }
    pthread_mutex_unlock(&mu);
}

/* ---- threads ------------------------------------------------------------- */

static void refuse(int fd) {
    char ts[48], body[256], resp[512];
    tu_now_offset(ts, sizeof ts);
    int blen = snprintf(body, sizeof body,
                        "{\"timestamp\":\"%s\",\"status\":503,\"error\":\"Service Unavailable\",\"path\":\"\","
                        "\"message\":\"Too many connections; retry shortly\"}",
                        ts);
    int n = snprintf(resp, sizeof resp,
                     "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                     "Connection: close\r\nRetry-After: 1\r\n\r\n%s",
                     blen, body);
    ssize_t w = send(fd, resp, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)w;
    shutdown(fd, SHUT_WR);
    close(fd);
}

static void *acceptor(void *arg) {
    (void)arg;
    struct pollfd p[2] = {{.fd = g_listen_fd, .events = POLLIN}, {.fd = g_wake[0], .events = POLLIN}};
    while (!atomic_load(&g_stop_accept)) {
        int n = poll(p, 2, 1000);
        if (n < 0 && errno != EINTR) break;
        if (atomic_load(&g_stop_accept)) break;
        if (n <= 0 || !(p[0].revents & POLLIN)) continue;
        for (int k = 0; k < 256; k++) {
            struct sockaddr_storage sa;
            socklen_t salen = sizeof sa;
            int fd = accept4(g_listen_fd, (struct sockaddr *)&sa, &salen, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EMFILE || errno == ENFILE) usleep(10000);
                break;
            }
            if (atomic_load(&g_open) >= g_max && !evict_oldest_waiting()) {
                atomic_fetch_add(&g_refused, 1);
                metrics_event("connection_refused_at_limit");
                refuse(fd);
                continue;
            }
            if (atomic_load(&g_open) >= g_max) {
                atomic_fetch_add(&g_evicted, 1);
                metrics_event("connection_evicted_at_limit");
            }
            int best = 0;
            for (int i = 1; i < g_ndaemons; i++)
                if (atomic_load(&g_load[i]) < atomic_load(&g_load[best])) best = i;
            atomic_fetch_add(&g_open, 1);
            atomic_fetch_add(&g_load[best], 1);
            /* on failure libmicrohttpd has closed the socket and never registers it */
            if (MHD_add_connection(g_daemons[best], fd, (struct sockaddr *)&sa, salen) != MHD_YES) {
                atomic_fetch_sub(&g_open, 1);
                atomic_fetch_sub(&g_load[best], 1);
            }
        }
    }
    return NULL;
}

static void *reaper(void *arg) {
    (void)arg;
    unsigned tick = g_timeout_ms / 4;
    if (tick < 20) tick = 20;
    if (tick > 250) tick = 250;
    while (!atomic_load(&g_stop_reaper)) {
        usleep(tick * 1000u);
        uint64_t now = tu_mono_ms();
        unsigned long n = 0;
        pthread_mutex_lock(&mu);
        for (int i = 0; i < g_cap; i++) {
            slot *s = &g_slots[i];
            if (s->fd < 0 || s->closing || s->phase != PHASE_WAITING) continue;
            if (now - s->since_ms >= g_timeout_ms) {
                close_slot(s);
                n++;
            }
        }
        pthread_mutex_unlock(&mu);
        if (n) atomic_fetch_add(&g_timed_out, n);
        for (unsigned long k = 0; k < n; k++) metrics_event("request_timeout");
    }
    return NULL;
}

bool conns_start(int listen_fd, struct MHD_Daemon **daemons, int ndaemons, int max_conns,
                 unsigned request_timeout_ms) {
    g_listen_fd = listen_fd;
    g_daemons = daemons;
    g_ndaemons = ndaemons;
    g_max = max_conns;
    g_timeout_ms = request_timeout_ms;
    /* room for evicted connections that libmicrohttpd has not cleaned up yet */
    g_cap = max_conns + max_conns / 2 + 64;
    g_slots = calloc((size_t)g_cap, sizeof *g_slots);
    g_load = calloc((size_t)ndaemons, sizeof *g_load);
    if (!g_slots || !g_load) abort();
    for (int i = g_cap - 1; i >= 0; i--) {
        g_slots[i].fd = -1;
        g_slots[i].next_free = g_free;
        g_free = &g_slots[i];
    }
    if (pipe2(g_wake, O_CLOEXEC | O_NONBLOCK)) return false;
    if (pthread_create(&g_reaper, NULL, reaper, NULL)) return false;
    g_reaper_running = true;
    if (pthread_create(&g_acceptor, NULL, acceptor, NULL)) return false;
    g_acceptor_running = true;
    return true;
}

/* Capacity the daemons must allow (their own limit), see conns_start. */
void conns_stop_accepting(void) {
    atomic_store(&g_stop_accept, true);
    if (g_wake[1] >= 0) {
        ssize_t w = write(g_wake[1], "x", 1);
        (void)w;
    }
    if (g_acceptor_running) pthread_join(g_acceptor, NULL);
    g_acceptor_running = false;
    if (g_listen_fd >= 0) close(g_listen_fd);
    g_listen_fd = -1;
}

void conns_stop(void) {
    atomic_store(&g_stop_reaper, true);
    if (g_reaper_running) pthread_join(g_reaper, NULL);
    g_reaper_running = false;
    char ev[24], rf[24], to[24];
    snprintf(ev, sizeof ev, "%lu", atomic_load(&g_evicted));
    snprintf(rf, sizeof rf, "%lu", atomic_load(&g_refused));
    snprintf(to, sizeof to, "%lu", atomic_load(&g_timed_out));
    log_msg(LOG_INFO, "connection totals", "evictedAtLimit", ev, "refusedAtLimit", rf, "requestTimeouts", to, NULL);
    for (int i = 0; i < 2; i++)
        if (g_wake[i] >= 0) close(g_wake[i]);
    g_wake[0] = g_wake[1] = -1;
    free(g_slots);
    g_slots = NULL;
    g_free = NULL;
    free(g_load);
    g_load = NULL;
}
