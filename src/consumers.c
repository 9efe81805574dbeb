/*
 * consumers.c - the consumer table: one group per service, each declared in
 * src/services/<service>/consumers.c (see messaging/messaging.h).
 *
 * Adding a consumer: write its handler (messaging/consumer.h contract), add an
 * ev_consumer_def to the service's <service>_consumers[] and, for a new
 * service, one line here. Its queue is chosen by DELIUSD_QUEUE_<QUEUE>.
 */
#include "messaging/messaging.h"

const ev_consumer_group ev_consumer_groups[] = {
    {.name = "none", .defs = NULL, .count = &(const size_t){0}},
};
const size_t ev_consumer_group_count = sizeof ev_consumer_groups / sizeof ev_consumer_groups[0];
