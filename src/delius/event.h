/*
 * event.h - shared EVENT (conviction) look-ups, for every service.
 *
 * court-case-and-delius.md §1.4 has two rules for "the event of this person":
 *   - EVENT_LIVE: EVENT_ID = id AND OFFENDER_ID = person AND SOFT_DELETED = 0
 *     (EventRepository.getByPersonAndEventNumber, despite its name by EVENT_ID);
 *   - EVENT_ANY:  EVENT_ID = id AND OFFENDER_ID = person, soft-deleted rows included
 *     (ConvictionEventRepository.getByEventId).
 * No HTTP or JSON here. Owner: issue 11 (court-case convictions); additive edits only.
 */
#ifndef DL_EVENT_H
#define DL_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"

typedef enum { EVENT_LIVE = 0, EVENT_ANY = 1 } event_rule;

/* Does the person's event with this EVENT_ID exist under `rule`? One indexed
 * query (primary key). Returns 1 (yes), 0 (no) or -1 (database error). */
int event_exists(db_conn *c, int64_t offender_id, int64_t event_id, event_rule rule);

#endif
