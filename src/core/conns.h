/*
 * conns.h - the listening socket, the accept loop and the registry of open
 * HTTP connections (issue 16: slow clients, connection limit, shutdown).
 *
 * The server does its own accept(): one acceptor thread takes connections off
 * the listening socket and hands each to the least-loaded libmicrohttpd daemon
 * (one daemon per worker thread, MHD_add_connection). That gives:
 *   - fail-fast beyond DELIUSD_MAX_CONNECTIONS: at the limit the connection
 *     that has waited longest for a complete request (a slow or idle client)
 *     is closed to make room; when every connection is busy answering, the
 *     newcomer gets an immediate 503 JSON and is closed, never parked in the
 *     kernel backlog;
 *   - a deadline for the whole request (head and body): from the moment a
 *     connection was accepted, or its previous response finished, a complete
 *     request must arrive within DELIUSD_REQUEST_TIMEOUT_MS, whatever the
 *     client's pace (the reaper thread closes it otherwise); this also bounds
 *     how long an idle keep-alive connection is kept;
 *   - graceful shutdown: stop accepting (the listening socket is closed), let
 *     connections with a request in progress finish, close idle ones.
 *
 * Phases of a connection: WAITING (accepted / between requests / reading a
 * request) and ANSWERING (the request is complete, the response is being
 * produced or sent). Only WAITING connections are subject to the deadline and
 * to eviction.
 *
 * Threading: conns_* functions are thread-safe; the registry is guarded by one
 * mutex. The reaper only ever calls shutdown() on a socket while its entry is
 * registered, and libmicrohttpd unregisters it (NOTIFY_CONNECTION CLOSED)
 * before it closes the descriptor, so a reused descriptor is never touched.
 */
#ifndef DL_CONNS_H
#define DL_CONNS_H

#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

/* Creates the listening socket (bind address, port; 0 = any free port).
 * Returns the descriptor or -1 (message logged). *bound_port gets the port. */
int conns_listen(const char *bind, int port, int *bound_port);

/* Starts the acceptor and reaper threads over the given daemons (borrowed
 * until conns_stop). max_conns: the limit; request_timeout_ms: the deadline. */
bool conns_start(int listen_fd, struct MHD_Daemon **daemons, int ndaemons, int max_conns,
                 unsigned request_timeout_ms);

/* Stops accepting: the acceptor thread ends and the listening socket is closed
 * (new connections are refused by the kernel). */
void conns_stop_accepting(void);

/* Closes (shutdown) every connection in the WAITING phase. */
void conns_close_waiting(void);

/* Stops the reaper (after the daemons stopped). */
void conns_stop(void);

/* Open connections (accepted and not yet closed by libmicrohttpd). */
int conns_open(void);

/* MHD_OPTION_NOTIFY_CONNECTION callback (registers/unregisters). */
void conns_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                  enum MHD_ConnectionNotificationCode toe);

/* Phase changes, called from the access handler and the completion callback. */
void conns_answering(struct MHD_Connection *c);
void conns_waiting(struct MHD_Connection *c);

#endif
