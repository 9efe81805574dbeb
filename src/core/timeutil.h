/*
 * timeutil.h - dates and times in Europe/London, as Delius stores them.
 *
 * tu_init() sets the process time zone to Europe/London. "today" can be pinned
 * for tests with DELIUSD_TODAY=YYYY-MM-DD (a test setting: logged as a warning
 * at start-up); "now" then keeps the current time of day on that date.
 * All outputs are ISO text written into caller-provided buffers (>= 32 bytes).
 */
#ifndef DL_TIMEUTIL_H
#define DL_TIMEUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Sets TZ to Europe/London and reads DELIUSD_TODAY. Returns false when
 * DELIUSD_TODAY is set but not a valid date. */
bool tu_init(void);
/* True when DELIUSD_TODAY pins the date. */
bool tu_today_pinned(void);
/* Today's Europe/London date, "YYYY-MM-DD". */
void tu_today(char *out, size_t n);
/* The Europe/London date `days` after today (negative: before). */
void tu_today_plus(char *out, size_t n, int days);
/* Now as a Europe/London local date-time, "YYYY-MM-DDTHH:MM:SS". */
void tu_now_iso(char *out, size_t n);
/* Now in UTC with milliseconds, "YYYY-MM-DDTHH:MM:SS.mmmZ" (logs). */
void tu_now_utc(char *out, size_t n);
/* Now as an ISO offset date-time in Europe/London, "2024-01-31T10:00:00.123Z"-style
 * with the offset (+00:00 / +01:00) (error bodies' timestamp). */
void tu_now_offset(char *out, size_t n);
/* Converts an ISO-8601 date-time with an offset ("...Z", "+01:00", "+0100",
 * "+01"; optional fraction; an optional "[Zone]" suffix is ignored) to the
 * Europe/London wall clock "YYYY-MM-DDTHH:MM:SS[.ffffff]" (fraction kept, at
 * most 6 digits). A value without offset is taken as London local time and only
 * normalised. n >= 27. Returns false (out untouched) when in is not valid. */
bool tu_to_london(const char *in, char *out, size_t n);
/* True when s is a valid "YYYY-MM-DD" calendar date. */
bool tu_valid_date(const char *s);
/* Monotonic milliseconds. */
uint64_t tu_mono_ms(void);
/* Monotonic microseconds (request durations). */
uint64_t tu_mono_us(void);

#endif
