/* event.c - shared EVENT look-ups (see event.h). */
#include "delius/event.h"

int event_exists(db_conn *c, int64_t offender_id, int64_t event_id, event_rule rule) {
    db_stmt *s = db_query(c, rule == EVENT_LIVE
                                 ? "SELECT 1 FROM EVENT WHERE EVENT_ID = ? AND OFFENDER_ID = ? AND SOFT_DELETED = 0"
                                 : "SELECT 1 FROM EVENT WHERE EVENT_ID = ? AND OFFENDER_ID = ?");
    if (!s) return -1;
    if (db_bind_int(s, 1, event_id) != 0 || db_bind_int(s, 2, offender_id) != 0) {
        db_done(s);
        return -1;
    }
    int rc = db_step(s);
    db_done(s);
    return rc;
}
