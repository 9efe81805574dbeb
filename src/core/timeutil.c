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

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static bool digits(const char *s, int n, int *out) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool tu_to_london(const char *in, char *out, size_t n) {
    int y, mo, d, h, mi, sec = 0;
    if (!in || n < 27) return false;
    if (!digits(in, 4, &y) || in[4] != '-' || !digits(in + 5, 2, &mo) || in[7] != '-' || !digits(in + 8, 2, &d) ||
        (in[10] != 'T' && in[10] != 't' && in[10] != ' ') || !digits(in + 11, 2, &h) || in[13] != ':' ||
        !digits(in + 14, 2, &mi))
        return false;
    const char *p = in + 16;
    if (*p == ':') {
        if (!digits(p + 1, 2, &sec)) return false;
        p += 3;
    }
    char frac[7] = "";
    if (*p == '.' || *p == ',') {
        p++;
        int k = 0;
        if (*p < '0' || *p > '9') return false;
        for (; *p >= '0' && *p <= '9'; p++)
            if (k < 6) frac[k++] = *p;
        frac[k] = '\0';
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return false;
    char date[16];
    memcpy(date, in, 10);
    date[10] = '\0';
    if (!tu_valid_date(date)) return false;
    bool has_offset = true;
    int off_min = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om = 0;
        p++;
        if (!digits(p, 2, &oh)) return false;
        p += 2;
        if (*p == ':') p++;
        if (*p >= '0' && *p <= '9') {
            if (!digits(p, 2, &om)) return false;
            p += 2;
        }
        if (oh > 18 || om > 59) return false;
        off_min = sign * (oh * 60 + om);
    } else {
        has_offset = false;
    }
    if (*p == '[') { /* a zone id after the offset (Java ZonedDateTime text) is ignored */
        const char *e = strchr(p, ']');
        if (!e) return false;
        p = e + 1;
    }
    if (*p) return false;
    struct tm tm;
    if (has_offset) {
        time_t t = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - off_min * 60);
        localtime_r(&t, &tm);
    } else {
        memset(&tm, 0, sizeof tm);
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = sec;
    }
    char tmp[32];
    strftime(tmp, sizeof tmp, "%Y-%m-%dT%H:%M:%S", &tm);
    if (frac[0])
        snprintf(out, n, "%s.%s", tmp, frac);
    else
        snprintf(out, n, "%s", tmp);
    return true;
}
