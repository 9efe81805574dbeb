/*
 * consumers.c - the consumer table: one group per service, each declared in
 * src/services/<service>/consumers.c (see messaging/messaging.h).
 *
 * Adding a consumer: write its handler (messaging/consumer.h contract), add an
 * ev_consumer_def to the service's <service>_consumers[]; a new service adds
 * one line here. The queue it reads is chosen by DELIUSD_QUEUE_<QUEUE>.
 *
 * The service tables are declared weak so this file links whether or not a
 * service's consumers.c is in the build: a missing table has a NULL address
 * and counts as no consumers (messaging_find / messaging_start skip it).
 */
#include "messaging/messaging.h"
#include "services/consumers.h"

extern const ev_consumer_def tier_consumers[] __attribute__((weak));
extern const size_t tier_consumers_count __attribute__((weak));
extern const ev_consumer_def upw_consumers[] __attribute__((weak));
extern const size_t upw_consumers_count __attribute__((weak));
extern const ev_consumer_def court_case_consumers[] __attribute__((weak));
extern const size_t court_case_consumers_count __attribute__((weak));

const ev_consumer_group ev_consumer_groups[] = {
    {.name = "tier-to-delius", .defs = tier_consumers, .count = &tier_consumers_count},
    {.name = "unpaid-work-and-delius", .defs = upw_consumers, .count = &upw_consumers_count},
    {.name = "court-case-and-delius", .defs = court_case_consumers, .count = &court_case_consumers_count},
};
const size_t ev_consumer_group_count = sizeof ev_consumer_groups / sizeof ev_consumer_groups[0];
