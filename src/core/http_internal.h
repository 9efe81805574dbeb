/*
 * http_internal.h - internals of http.c exposed for the unit and fuzz tests.
 * Not part of the interface: handlers include http.h.
 */
#ifndef DL_HTTP_INTERNAL_H
#define DL_HTTP_INTERNAL_H

/* Removes what could be personal data from a library log message in place:
 * any path or URL becomes "/[redacted]", a CRN-shaped word "[crn]". */
void http_redact(char *msg);

#endif
