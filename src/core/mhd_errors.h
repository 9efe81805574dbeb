/*
 * mhd_errors.h - turns libmicrohttpd's built-in HTML error pages into JSON
 * (see mhd_errors.c for how and why). Call once at start-up, before serving,
 * from one thread. Returns the number of pages rewritten.
 */
#ifndef DL_MHD_ERRORS_H
#define DL_MHD_ERRORS_H

int mhd_json_error_pages(void);

#endif
