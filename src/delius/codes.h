/*
 * codes.h - Delius codes that more than one part of deliusd depends on, defined once.
 *
 * Both the seed (src/db/seed/) and the handlers read these: the seed must create rows with exactly
 * the codes the handlers look for, so they live here and nowhere else. Header only; no database,
 * HTTP or JSON. Each list is an X-macro taking the per-code macro X and a separator SEP:
 *   C array:  { DL_BREACH_ENFORCEMENT_OUTCOMES(DL_CODE_STR, DL_COMMA) }  -> {"BRE01", "BRE02", …}
 *   SQL list: DL_BREACH_ENFORCEMENT_OUTCOMES(DL_CODE_SQL, ",")          -> "'BRE01','BRE02',…"
 */
#ifndef DL_CODES_H
#define DL_CODES_H

#define DL_CODE_STR(c) #c        /* a code as a C string */
#define DL_CODE_SQL(c) "'" #c "'" /* a code as an SQL string literal */
#define DL_COMMA ,               /* separator for C initialisers */

/* NSI outcome codes (NSI OUTCOME) of a breach NSI that count as enforcement (tier-to-delius.md,
 * previous enforcement activity). */
#define DL_BREACH_ENFORCEMENT_OUTCOMES(X, SEP) \
    X(BRE01) SEP X(BRE02) SEP X(BRE03) SEP X(BRE04) SEP X(BRE05) SEP X(BRE06) SEP X(BRE07) SEP X(BRE08) SEP \
    X(BRE10) SEP X(BRE13) SEP X(BRE14) SEP X(BRE16)

/* NSI outcome codes of a recall NSI that count as enforcement (the recall went ahead). */
#define DL_RECALL_ENFORCEMENT_OUTCOMES(X, SEP) X(REC01) SEP X(REC02)

/* Every enforcement outcome code as an SQL list for IN (…). */
#define DL_ENFORCEMENT_OUTCOMES_SQL \
    DL_BREACH_ENFORCEMENT_OUTCOMES(DL_CODE_SQL, ",") "," DL_RECALL_ENFORCEMENT_OUTCOMES(DL_CODE_SQL, ",")

/* R_REGISTER_TYPE.CODE of the MAPPA registration (unpaid-work case data reads its level and
 * category; the seed gives MAPPA registrations those). */
#define DL_REGISTER_TYPE_MAPPA "MAPPA"

#endif
