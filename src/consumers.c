/*
 * consumers.c - the consumer table: one group per service, each declared in
 * src/services/<service>/consumers.c (tables in services/consumers.h; see
 * messaging/messaging.h for how the workers use them).
 *
 * Adding a consumer: write its handler (messaging/consumer.h contract), add an
 * ev_consumer_def to the service's <service>_consumers[]; a new service adds
 * one line here. The queue it reads is chosen by DELIUSD_QUEUE_<QUEUE>.
 */
#include "messaging/messaging.h"
#include "services/consumers.h"

const ev_consumer_group ev_consumer_groups[] = {
    {.name = "tier-to-delius", .defs = tier_consumers, .count = &tier_consumers_count},
    {.name = "unpaid-work-and-delius", .defs = upw_consumers, .count = &upw_consumers_count},
    {.name = "court-case-and-delius", .defs = court_case_consumers, .count = &court_case_consumers_count},
};
const size_t ev_consumer_group_count = sizeof ev_consumer_groups / sizeof ev_consumer_groups[0];
