/* timeutil.c - Europe/London dates and times (see timeutil.h). */
#include "timeutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool pinned;
static struct tm pinned_tm; /* date part only */

bool tu_valid_date(const char *s) {
    int y, m, d;
    char extra;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return false;
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = mdays[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
    return d <= max;
}

bool tu_init(void) {
    setenv("TZ", "Europe/London", 1);
    tzset();
    const char *t = getenv("DELIUSD_TODAY");
    if (t && *t) {
        if (!tu_valid_date(t)) return false;
        memset(&pinned_tm, 0, sizeof pinned_tm);
        sscanf(t, "%d-%d-%d", &pinned_tm.tm_year, &pinned_tm.tm_mon, &pinned_tm.tm_mday);
        pinned_tm.tm_year -= 1900;
        pinned_tm.tm_mon -= 1;
        pinned = true;
    }
    return true;
}

bool tu_today_pinned(void) { return pinned; }

static void local_now(struct tm *tm) {
    time_t t = time(NULL);
    localtime_r(&t, tm);
    if (pinned) {
        tm->tm_year = pinned_tm.tm_year;
        tm->tm_mon = pinned_tm.tm_mon;
        tm->tm_mday = pinned_tm.tm_mday;
    }
}

void tu_today_plus(char *out, size_t n, int days) {
    struct tm tm;
    local_now(&tm);
    tm.tm_mday += days;
    tm.tm_hour = 12; /* avoid DST edges */
    tm.tm_isdst = -1;
    mktime(&tm);
    strftime(out, n, "%Y-%m-%d", &tm);
}

void tu_today(char *out, size_t n) { tu_today_plus(out, n, 0); }

void tu_now_iso(char *out, size_t n) {
    struct tm tm;
    local_now(&tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
}

void tu_now_utc(char *out, size_t n) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char tmp[32];
    strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, n, "%s.%03ldZ", tmp, ts.tv_nsec / 1000000);
}

void tu_now_offset(char *out, size_t n) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    char tmp[32];
    strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%S", &tm);
    long off = tm.tm_gmtoff / 60;
    snprintf(out, n, "%s.%03ld%c%02ld:%02ld", tmp, ts.tv_nsec / 1000000, off < 0 ? '-' : '+', labs(off) / 60,
             labs(off) % 60);
}

uint64_t tu_mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

uint64_t tu_mono_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}
