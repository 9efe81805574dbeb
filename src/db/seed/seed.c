/*
 * seed/seed.c - deterministic synthetic demo data (`deliusd seed`), see seed.h.
 *
 * Layout (src/db/seed/; seed_internal.h is the private interface, every field commented)
 *   seed.c       this file: the driver db_seed() (transactions, --force clean-up, ids, PostgreSQL
 *                foreign keys, progress), error and formatting helpers, rng seeding and dates
 *   rows.c       the tables written, their row buffers and multi-row INSERT flushing, and the one
 *                writer per table: sd_put_<table>(g, &(struct row_<table>){ .column = … })
 *   reference.c  reference data loaded from the migrated database; fixed lists of fictional text
 *   org.c        areas, boroughs, districts, teams, staff, users, providers, courts, projects
 *   person.c     OFFENDER and the rows hanging off it directly (managers, tiers, registrations,
 *                limited access, aliases, addresses, disabilities, circumstances, personal contacts)
 *   event.c      events, offences, court appearances and reports, NSIs, the events' contacts
 *   sentence.c   disposals, requirements and unpaid work, order managers, custody and licences
 *   contacts.c   contacts and attendance outcomes
 *   documents.c  documents and their parent-only rows (case allocations, referrals, assessments)
 *   Codes the handlers also depend on (enforcement outcomes, MAPPA) come from delius/codes.h.
 *   Adding a column: add it to the table's column list in rows.c, to struct row_<table> in
 *   seed_internal.h and to sd_put_<table>() in the same position; then set it where rows are made.
 *
 * What it writes
 *   Organisation rows (once): 6 community probation areas S01..S06 and 2 prison areas SP1, SP2,
 *   each with boroughs, districts, teams, staff (4 named officers + one unallocated `…U` officer per
 *   team), the tier placeholders `{AREA}UTSO` / `{AREA}UTS` (delius-schema §12.2), provider
 *   employees and teams, OFFICER rows, courts and unpaid-work projects; one USER_ per staff member
 *   (DISTINGUISHED_NAME `SeedUser001`, `SeedUser002`, … in staff order) and the loader user
 *   `SeedDataLoader` (CREATED_BY / LAST_UPDATED of every seeded row). Organisation rows take ids
 *   from SEED_ORG_BASE (1,000,000) up: the migrations' reference rows stay below it.
 *   People: OFFENDER rows with CRNs `[A-Z][0-9]{6}` derived from the person number p = 1..N
 *   (letter 'A' + (p / 1000000) % 26, digits p % 1000000: A000001, A000002, …), and everything the
 *   three APIs read about them (events, sentences, custody, requirements, unpaid work, NSIs,
 *   registrations, addresses, contacts, documents, limited access, …). Person-level ids start at
 *   MAX(id) + 1 of each table (1 on a fresh database).
 *
 * Fixed examples (independent of --random-seed; p is the person number):
 *   p % 100 ==  7  excluded: EXCLUSION of SeedUser001 (no end) [+ SeedUser002 ending 2031]   A000007
 *   p % 100 == 13  restricted: RESTRICTION allowing SeedUser003 (no end) and SeedUser004      A000013
 *   p % 100 == 29  excluded (SeedUser001) and restricted (allowing SeedUser003)              A000029
 *   p % 100 == 41  only expired exclusion and restriction (ended 2024): flags 0, no message  A000041
 *   p % 100 == 53  exclusion of SeedUser002 starting in the future (2030, no end): in force  A000053
 *   p % 250 == 97  soft-deleted person                                                       A000097
 *   CURRENT_EXCLUSION / CURRENT_RESTRICTION and EXCLUSION_MESSAGE / RESTRICTION_MESSAGE are set
 *   exactly when an exclusion / restriction is in force (end null or after 2030).
 *
 * Dates
 *   Nothing stored depends on the clock. Data is laid out around the reference day 2026-01-01
 *   (REF): histories before it, things that are still running end in 2030 or later (or never), ended
 *   things ended before 2025-06. Timestamps CREATED_DATETIME etc. derive from the row's own dates.
 *   Breach NSIs of events still in breach have referral dates from REF-180 to REF+700 days, so the
 *   tier "previous enforcement activity" rule (referral within the last 365 days) holds for many
 *   people for a couple of years; pin DELIUSD_TODAY=2026-01-01 for exact expectations.
 *
 * Determinism
 *   Each person draws from its own xoshiro256** stream seeded from (random_seed, p), and ids are
 *   assigned in a fixed order, so the same seed gives the same rows on any backend.
 *
 * Existing data and --force
 *   Without force, a database whose OFFENDER table has rows is refused. Otherwise the seed first
 *   deletes every row of the person-level tables (OFFENDER and all tables hanging off it, CONTACT,
 *   DOCUMENT, …) and the organisation rows of an earlier seed (ids >= SEED_ORG_BASE), then seeds as
 *   into a fresh database: `seed --force` replaces seeded data, it does not append.
 *
 * Speed
 *   Rows are buffered per table and written with multi-row INSERT statements (prepared once,
 *   reused through db_query), parents before children, every FLUSH_PEOPLE people; one transaction
 *   per BATCH_PEOPLE people. On SQLite the seed runs with synchronous=OFF and foreign_keys=OFF
 *   (both restored afterwards; the tests check PRAGMA foreign_key_check on the result); on
 *   PostgreSQL with session_replication_role=replica when the role is allowed to (skips the per-row
 *   foreign-key triggers); otherwise (an ordinary role) the foreign-key constraints of the loaded
 *   tables are dropped and re-created from pg_get_constraintdef after the load (one validation pass
 *   each), the whole seed then being one transaction so that any failure restores them. Measured on
 *   the 2-core dev machine: 1,000,000 people (32.5M rows) into SQLite in 68-82 s wall (about 60 s
 *   CPU), peak RSS about 100 MB, a 3.7 GB file; PostgreSQL about 2,800 people/s as superuser (about
 *   1,000/s with triggers). Afterwards DELIUSD_SEQUENCE CONTACT_ID_SEQ and DOCUMENT_ID_SEQ are
 *   raised above the largest ids.
 */
#include "db/seed.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeutil.h"
#include "db/seed/seed_internal.h"

void sd_fail(seeder *g, const char *fmt, ...) {
    if (g->failed) return;
    g->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err, g->errlen, fmt, ap);
    va_end(ap);
}

/* snprintf into a fixed field (not the builtin, so no truncation analysis on short codes) */
void sd_fmt(char *dst, size_t n, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    vsnprintf(dst, n, f, ap);
    va_end(ap);
}

const char *sd_sfmt(char *dst, size_t n, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    vsnprintf(dst, n, f, ap);
    va_end(ap);
    return dst;
}

void *sd_xrealloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (!q) {
        fputs("deliusd seed: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *sd_xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = sd_xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void sd_rng_seed(rng *r, uint64_t seed, uint64_t stream) {
    uint64_t x = seed * 0xd1342543de82ef95ULL + stream * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

int sd_days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void sd_civil_from_days(int z, int *yy, int *mm, int *dd) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *yy = y + (m <= 2);
    *mm = m;
    *dd = d;
}

static void put2(char *p, int v) {
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD" into out[11] */
void sd_fmt_date(char *out, int day) {
    int y, m, d;
    sd_civil_from_days(day, &y, &m, &d);
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 0;
}

/* "YYYY-MM-DDTHH:MM:SS" into out[20] */
void sd_fmt_ts(char *out, int day, int secs) {
    sd_fmt_date(out, day);
    out[10] = 'T';
    put2(out + 11, secs / 3600 % 24);
    out[13] = ':';
    put2(out + 14, secs / 60 % 60);
    out[16] = ':';
    put2(out + 17, secs % 60);
    out[19] = 0;
}

static int64_t scalar(seeder *g, const char *sql, const char *arg) {
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        sd_fail(g, "query failed: %s", db_errmsg(g->c));
        return -1;
    }
    if (arg) db_bind_text(s, 1, arg);
    int rc = db_step(s);
    int64_t v = rc == 1 ? db_col_int(s, 0) : 0;
    db_done(s);
    if (rc < 0) {
        sd_fail(g, "query failed: %s", db_errmsg(g->c));
        return -1;
    }
    return v;
}

static int run(seeder *g, const char *sql) {
    if (g->failed) return -1;
    if (db_exec(g->c, sql) != 0) {
        sd_fail(g, "%s failed: %s", sql, db_errmsg(g->c));
        return -1;
    }
    return 0;
}

static const char *id_column(const sd_table *d, char *buf, size_t n) {
    const char *comma = strchr(d->cols, ',');
    size_t len = comma ? (size_t)(comma - d->cols) : strlen(d->cols);
    if (len >= n) len = n - 1;
    memcpy(buf, d->cols, len);
    buf[len] = 0;
    return buf;
}

/* deletes the person-level rows and the organisation rows of an earlier seed */
static void cleanup(seeder *g) {
    char sql[256], col[64];
    for (int i = T_COUNT - 1; i >= T_FIRST_PERSON_TABLE && !g->failed; i--) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", sd_tables[i].name);
        run(g, sql);
    }
    snprintf(sql, sizeof sql, "DELETE FROM AUDITED_INTERACTION WHERE USER_ID >= %d", SEED_ORG_BASE);
    run(g, sql);
    for (int i = T_FIRST_PERSON_TABLE - 1; i >= 0 && !g->failed; i--) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s >= %d", sd_tables[i].name,
                 id_column(&sd_tables[i], col, sizeof col), SEED_ORG_BASE);
        run(g, sql);
    }
}

static void init_ids(seeder *g) {
    char sql[256], col[64];
    for (int i = 0; i < T_COUNT && !g->failed; i++) {
        if (sd_tables[i].idless) continue;
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(%s), 0) FROM %s", id_column(&sd_tables[i], col, sizeof col),
                 sd_tables[i].name);
        int64_t max = scalar(g, sql, NULL);
        g->t[i].next_id = max + 1;
        if (i < T_FIRST_PERSON_TABLE && g->t[i].next_id < SEED_ORG_BASE) g->t[i].next_id = SEED_ORG_BASE;
    }
}

static void raise_sequence(seeder *g, const char *name, int64_t next) {
    if (g->failed) return;
    db_stmt *s = db_query(g->c, "UPDATE DELIUSD_SEQUENCE SET NEXT_VALUE = ? WHERE NAME = ? AND NEXT_VALUE < ?");
    if (!s) {
        sd_fail(g, "cannot update DELIUSD_SEQUENCE: %s", db_errmsg(g->c));
        return;
    }
    db_bind_int(s, 1, next);
    db_bind_text(s, 2, name);
    db_bind_int(s, 3, next);
    int rc = db_step(s);
    db_done(s);
    if (rc < 0) {
        sd_fail(g, "cannot update DELIUSD_SEQUENCE %s: %s", name, db_errmsg(g->c));
        return;
    }
    if (scalar(g, "SELECT COUNT(*) FROM DELIUSD_SEQUENCE WHERE NAME = ?", name) == 0) {
        s = db_query(g->c, "INSERT INTO DELIUSD_SEQUENCE (NAME, NEXT_VALUE) VALUES (?, ?)");
        if (!s) {
            sd_fail(g, "cannot insert into DELIUSD_SEQUENCE: %s", db_errmsg(g->c));
            return;
        }
        db_bind_text(s, 1, name);
        db_bind_int(s, 2, next);
        rc = db_step(s);
        db_done(s);
        if (rc < 0) sd_fail(g, "cannot insert into DELIUSD_SEQUENCE %s: %s", name, db_errmsg(g->c));
    }
}

/* On a terminal: one line redrawn in place, "seed [####....]  45%  450/1000 people  2100/s  0:00:26 left".
 * Elsewhere (a pipe, a log file): the JSON progress lines below. */
static void progress_bar(seeder *g, bool final, double secs, double rate, double eta) {
    enum { WIDTH = 30 };
    long total = g->o->people > 0 ? g->o->people : 1;
    int filled = (int)((double)g->done * WIDTH / (double)total);
    if (filled > WIDTH) filled = WIDTH;
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++) bar[i] = i < filled ? '#' : '.';
    bar[WIDTH] = 0;
    long left = (long)(eta + 0.5);
    if (final)
        fprintf(stderr, "\rseed [%s] 100%%  %ld people, %" PRIu64 " rows in %.1f s (%.0f people/s)\x1b[K\n", bar, g->done,
                sd_total_rows(g), secs, rate);
    else
        fprintf(stderr, "\rseed [%s] %3d%%  %ld/%ld people  %.0f/s  %ld:%02ld:%02ld left\x1b[K", bar,
                (int)((double)g->done * 100 / (double)total), g->done, g->o->people, rate, left / 3600, left / 60 % 60,
                left % 60);
    fflush(stderr);
}

static void progress(seeder *g, bool final) {
    if (!g->o->progress) return;
    static int tty = -1;
    if (tty < 0) tty = isatty(STDERR_FILENO) ? 1 : 0;
    uint64_t now = tu_mono_ms();
    if (!final && now - g->last_progress < (tty ? 200u : 5000u)) return;
    g->last_progress = now;
    double secs = (double)(now - g->t0) / 1000.0;
    double rate = secs > 0 ? (double)g->done / secs : 0;
    double eta = rate > 0 ? (double)(g->o->people - g->done) / rate : 0;
    if (tty) {
        progress_bar(g, final, secs, rate, eta);
        return;
    }
    if (final)
        fprintf(stderr,
                "{\"level\":\"INFO\",\"message\":\"seed complete\",\"people\":%ld,\"rows\":%" PRIu64
                ",\"seconds\":%.1f,\"random_seed\":%" PRIu64 "}\n",
                g->done, sd_total_rows(g), secs, g->o->random_seed);
    else
        fprintf(stderr,
                "{\"level\":\"INFO\",\"message\":\"seed progress\",\"people\":%ld,\"rows\":%" PRIu64
                ",\"rate_per_s\":%.0f,\"eta_s\":%.0f}\n",
                g->done, sd_total_rows(g), rate, eta);
    fflush(stderr);
}

/* PostgreSQL without replica mode (an ordinary role): the foreign-key constraints of the loaded
 * tables (sd_tables, current schema) are dropped at the start of the seed's transaction and re-created
 * from their pg_get_constraintdef text before the commit, so PostgreSQL checks each one in a single
 * pass instead of a trigger call per row. Everything runs in ONE transaction: a failed seed, a
 * failed re-creation or a lost connection rolls back to the constraints (and rows) as they were. */
typedef struct fk_def {
    char *drop_sql; /* ALTER TABLE … DROP CONSTRAINT … */
    char *add_sql;  /* ALTER TABLE … ADD CONSTRAINT … (the constraint's definition) */
    char *name;     /* table.constraint, for messages */
} fk_def;

static void fk_free(fk_def *fks, int n) {
    for (int i = 0; i < n; i++) {
        free(fks[i].drop_sql);
        free(fks[i].add_sql);
        free(fks[i].name);
    }
    free(fks);
}

/* Reads the foreign keys of the loaded tables. Returns their number (0 = none), -1 on error
 * (g->failed is not set: the caller falls back to loading with the triggers). */
static int fk_read(seeder *g, fk_def **out) {
    *out = NULL;
    size_t len = 1;
    for (int i = 0; i < T_COUNT; i++) len += strlen(sd_tables[i].name) + 1;
    char *names = sd_xrealloc(NULL, len);
    names[0] = 0;
    for (int i = 0; i < T_COUNT; i++) {
        if (i) strcat(names, ",");
        strcat(names, sd_tables[i].name);
    }
    db_stmt *s = db_query(g->c,
                          "SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, k.conname), "
                          "format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, k.conname, "
                          "pg_get_constraintdef(k.oid)), t.relname || '.' || k.conname "
                          "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                          "JOIN pg_namespace n ON n.oid = t.relnamespace "
                          "WHERE k.contype = 'f' AND n.nspname = current_schema() "
                          "AND t.relname = ANY (string_to_array(lower(?), ',')) "
                          "ORDER BY t.relname, k.conname");
    if (!s) {
        free(names);
        return -1;
    }
    db_bind_text(s, 1, names);
    fk_def *fks = NULL;
    int n = 0, rc;
    while ((rc = db_step(s)) == 1) {
        const char *d = db_col_text(s, 0), *a = db_col_text(s, 1), *nm = db_col_text(s, 2);
        if (!d || !a || !nm) continue;
        fks = sd_xrealloc(fks, (size_t)(n + 1) * sizeof *fks);
        fks[n].drop_sql = sd_xstrdup(d);
        fks[n].add_sql = sd_xstrdup(a);
        fks[n].name = sd_xstrdup(nm);
        n++;
    }
    db_done(s);
    free(names);
    if (rc < 0) {
        fk_free(fks, n);
        return -1;
    }
    *out = fks;
    return n;
}

/* Inside the open transaction, under a savepoint: reads the constraints and drops them. Returns
 * their number (0: none, nothing dropped); -1 when that fails (the role may not alter the tables,
 * ...): the savepoint is rolled back, nothing was dropped, and the load runs with the triggers. */
static int fk_read_and_drop(seeder *g, fk_def **out) {
    *out = NULL;
    if (db_exec(g->c, "SAVEPOINT seed_fk_drop") != 0) return -1;
    fk_def *fks = NULL;
    int n = fk_read(g, &fks);
    for (int i = 0; i < n; i++)
        if (db_exec(g->c, fks[i].drop_sql) != 0) {
            fk_free(fks, n);
            n = -1;
            break;
        }
    if (n < 0) {
        db_exec(g->c, "ROLLBACK TO SAVEPOINT seed_fk_drop");
        db_exec(g->c, "RELEASE SAVEPOINT seed_fk_drop");
        return -1;
    }
    if (db_exec(g->c, "RELEASE SAVEPOINT seed_fk_drop") != 0) {
        fk_free(fks, n);
        return -1;
    }
    *out = fks;
    return n;
}

/* Re-creates the dropped constraints (still inside the transaction); a failure fails the seed,
 * whose rollback then restores the constraints as they were. */
static void fk_restore(seeder *g, fk_def *fks, int n) {
    if (g->failed) return;
    if (g->o->progress && n > 0) {
        fprintf(stderr, "{\"level\":\"INFO\",\"message\":\"seed: re-creating foreign keys\",\"constraints\":%d}\n", n);
        fflush(stderr);
    }
    for (int i = 0; i < n && !g->failed; i++)
        if (db_exec(g->c, fks[i].add_sql) != 0)
            sd_fail(g,
                 "cannot re-create foreign key %s after loading (%s): %s; the seed was rolled back, the "
                 "database is unchanged",
                 fks[i].name, fks[i].add_sql, db_errmsg(g->c));
}

int db_seed(db_conn *c, const seed_opts *o, char *err, size_t errlen) {
    if (!c || !o || o->people < 0) {
        snprintf(err, errlen, "invalid seed options");
        return -1;
    }
    if (sd_days_from_civil(2026, 1, 1) != REF || sd_days_from_civil(2030, 1, 1) != FAR_END_LO) {
        snprintf(err, errlen, "internal error: seed reference days");
        return -1;
    }
    seeder *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    g->c = c;
    g->o = o;
    g->err = err;
    g->errlen = errlen;
    g->t0 = g->last_progress = tu_mono_ms();
    for (int i = 0; i < T_COUNT; i++) sd_tbuf_init(&g->t[i], &sd_tables[i]);

    int64_t existing = scalar(g, "SELECT COUNT(*) FROM OFFENDER", NULL);
    if (!g->failed && existing > 0 && !o->force)
        sd_fail(g,
             "the database already has %" PRId64 " people (OFFENDER rows); refusing to seed without --force "
             "(--force deletes them and the earlier seed's organisation rows first)",
             existing);

    bool sqlite = db_kind_of(c) == DB_SQLITE;
    bool in_tx = false;
    if (!g->failed && sqlite) {
        run(g, "PRAGMA foreign_keys=OFF");
        run(g, "PRAGMA synchronous=OFF");
        run(g, "PRAGMA cache_size=-65536");
        run(g, "PRAGMA temp_store=MEMORY");
    }
    /* PostgreSQL: skip the per-row foreign-key triggers while loading (3x faster) when the role
     * may (superuser); otherwise the foreign keys are dropped and re-created (below). The same rows
     * pass PRAGMA foreign_key_check on SQLite. */
    bool pg_replica = !g->failed && !sqlite && db_exec(c, "SET session_replication_role = replica") == 0;
    if (!g->failed && db_begin(c) != 0) sd_fail(g, "cannot begin a transaction: %s", db_errmsg(c));
    else if (!g->failed) in_tx = true;
    /* PostgreSQL, replica mode refused (ordinary role): drop the loaded tables' foreign keys for
     * the load and re-create them at the end, all in one transaction (no intermediate commits). */
    fk_def *fks = NULL;
    int nfks = 0;
    bool pg_fk_dropped = false;
    if (!g->failed && db_kind_of(c) == DB_POSTGRES && !pg_replica) {
        nfks = fk_read_and_drop(g, &fks);
        if (nfks > 0) pg_fk_dropped = true;
        if (nfks < 0) {
            nfks = 0;
            if (o->progress)
                fputs("{\"level\":\"WARN\",\"message\":\"seed: cannot drop the foreign keys for the load "
                      "(not the tables' owner?); loading with the foreign-key triggers\"}\n",
                      stderr);
        }
    }
    if (!g->failed && existing > 0 && o->progress)
        fprintf(stderr,
                "{\"level\":\"INFO\",\"message\":\"seed --force: deleting existing people\",\"people\":%" PRId64 "}\n",
                existing);
    cleanup(g);
    sd_load_reference(g);
    init_ids(g);
    if (!g->failed) sd_org(g);
    sd_flush_all(g);

    for (long p = 1; p <= o->people && !g->failed; p++) {
        sd_person(g, p);
        g->done = p;
        if (p % FLUSH_PEOPLE == 0 || p == o->people) {
            sd_flush_all(g);
            progress(g, false);
        }
        if (p % BATCH_PEOPLE == 0 && p < o->people && !g->failed && !pg_fk_dropped) {
            if (db_commit(c) != 0) {
                sd_fail(g, "commit failed: %s", db_errmsg(c));
                break;
            }
            in_tx = false;
            if (db_begin(c) != 0) {
                sd_fail(g, "cannot begin a transaction: %s", db_errmsg(c));
                break;
            }
            in_tx = true;
        }
    }
    sd_flush_all(g);
    if (!g->failed) {
        raise_sequence(g, "CONTACT_ID_SEQ", scalar(g, "SELECT COALESCE(MAX(CONTACT_ID), 0) + 1 FROM CONTACT", NULL));
        raise_sequence(g, "DOCUMENT_ID_SEQ", scalar(g, "SELECT COALESCE(MAX(DOCUMENT_ID), 0) + 1 FROM DOCUMENT", NULL));
    }
    if (pg_fk_dropped) fk_restore(g, fks, nfks);
    if (!g->failed) {
        if (db_commit(c) != 0) sd_fail(g, "commit failed: %s", db_errmsg(c));
        else in_tx = false;
    }
    if (in_tx) db_rollback(c);
    if (sqlite) {
        db_exec(c, "PRAGMA synchronous=NORMAL");
        db_exec(c, "PRAGMA foreign_keys=ON");
    }
    if (pg_replica) db_exec(c, "SET session_replication_role = DEFAULT");
    if (!g->failed) progress(g, true);

    bool ok = !g->failed;
    fk_free(fks, nfks);
    sd_free_reference(g);
    for (int i = 0; i < T_COUNT; i++) sd_tbuf_free(&g->t[i]);
    free(g);
    return ok ? 0 : -1;
}
