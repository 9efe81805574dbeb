/*
 * consumers.h - the message consumer tables, one per service (platform.md §7.6).
 * Each service declares its consumers in src/services/<service>/consumers.c;
 * the transport (src/messaging/) looks event types up in these tables.
 */
#ifndef DL_CONSUMERS_H
#define DL_CONSUMERS_H

#include <stddef.h>

#include "messaging/consumer.h"

extern const ev_consumer_def tier_consumers[];       /* queue "tier": tier.calculation.complete */
extern const size_t tier_consumers_count;
extern const ev_consumer_def upw_consumers[];        /* queue "upw": unpaid-work.assessment.completed */
extern const size_t upw_consumers_count;
extern const ev_consumer_def court_case_consumers[]; /* queue "court-case": court-case-note.published */
extern const size_t court_case_consumers_count;

#endif
