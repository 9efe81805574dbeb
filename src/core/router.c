/* router.c - route matching (see router.h). */
#include "router.h"

#include <stdbool.h>
#include <string.h>

/* Matches one pattern; returns a score (higher = more literal segments) or -1. */
static int match_one(const char *pat, const char *path, route_match *m) {
    int score = 0;
    m->nvars = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/') return -1;
        pat++;
        path++;
        const char *pe = strchr(pat, '/');
        size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
        const char *se = strchr(path, '/');
        size_t sl = se ? (size_t)(se - path) : strlen(path);
        if (pl >= 2 && pat[0] == '{' && pat[pl - 1] == '}') {
            if (sl == 0 || m->nvars >= ROUTER_MAX_VARS) return -1;
            m->name[m->nvars] = pat + 1;
            m->name_len[m->nvars] = pl - 2;
            m->val[m->nvars] = path;
            m->val_len[m->nvars] = sl;
            m->nvars++;
        } else {
            if (pl != sl || memcmp(pat, path, pl)) return -1;
            score++;
        }
        pat += pl;
        path += sl;
    }
    return (*pat || *path) ? -1 : score;
}

int router_match(const route_def *table, size_t n, const char *method, const char *path, route_match *m) {
    int best = ROUTER_NOT_FOUND, best_score = -1;
    bool path_seen = false;
    route_match tmp;
    bool head = !strcmp(method, "HEAD");
    for (size_t i = 0; i < n; i++) {
        for (int alias = 0; alias < 2; alias++) {
            const char *pat = alias ? table[i].alias : table[i].pattern;
            if (!pat) continue;
            int s = match_one(pat, path, &tmp);
            if (s < 0) continue;
            path_seen = true;
            if (strcmp(table[i].method, method) && !(head && !strcmp(table[i].method, "GET"))) continue;
            if (s > best_score) {
                best_score = s;
                best = (int)i;
                tmp.alias = alias != 0;
                *m = tmp;
            }
        }
    }
    if (best < 0 && path_seen) return ROUTER_METHOD_NOT_ALLOWED;
    return best;
}

void router_allowed(const route_def *table, size_t n, const char *path, char *out, size_t outlen) {
    route_match tmp;
    size_t used = 0;
    out[0] = 0;
    for (size_t i = 0; i < n; i++) {
        if (match_one(table[i].pattern, path, &tmp) < 0 && (!table[i].alias || match_one(table[i].alias, path, &tmp) < 0))
            continue;
        size_t ml = strlen(table[i].method);
        if (strstr(out, table[i].method)) continue;
        if (used + ml + 3 > outlen) break;
        if (used) {
            memcpy(out + used, ", ", 2);
            used += 2;
        }
        memcpy(out + used, table[i].method, ml);
        used += ml;
        out[used] = 0;
    }
}
