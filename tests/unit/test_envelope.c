/* test_envelope.c - the SNS notification / domain event envelope (platform.md §7.2). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "messaging/envelope.h"

static void test_sns_notification(void **state) {
    (void)state;
    const char *body =
        "{\"Type\":\"Notification\",\"MessageId\":\"m-1\",\"TopicArn\":\"arn\",\"Unknown\":1,"
        "\"Message\":\"{\\\"eventType\\\":\\\"tier.calculation.complete\\\",\\\"version\\\":\\\"2\\\","
        "\\\"detailUrl\\\":\\\"http://t/x\\\",\\\"occurredAt\\\":\\\"2026-01-02T03:04:05Z\\\","
        "\\\"personReference\\\":{\\\"identifiers\\\":[{\\\"type\\\":\\\"NOMS\\\",\\\"value\\\":\\\"A1\\\"},"
        "{\\\"type\\\":\\\"CRN\\\",\\\"value\\\":\\\"X123456\\\"}]}}\","
        "\"MessageAttributes\":{\"eventType\":{\"Type\":\"String\",\"Value\":\"tier.calculation.complete\"}}}";
    ev_envelope e;
    char err[256];
    assert_int_equal(ev_envelope_parse(body, "fallback", &e, err, sizeof err), 0);
    assert_string_equal(e.message_id, "m-1");
    assert_string_equal(e.event_type, "tier.calculation.complete");
    assert_string_equal(e.crn, "X123456"); /* the CRN identifier, not the first one */
    assert_string_equal(e.detail_url, "http://t/x");
    assert_string_equal(e.occurred_at, "2026-01-02T03:04:05Z");
    assert_ptr_equal(e.event, e.inner);
    assert_string_equal(json_string_value(json_object_get(e.event, "version")), "2");
    ev_envelope_free(&e);
}

static void test_bare_event_and_ids(void **state) {
    (void)state;
    ev_envelope e;
    char err[256];
    assert_int_equal(ev_envelope_parse("{\"eventType\":\"a.b\",\"version\":1}", "row-7", &e, err, sizeof err), 0);
    assert_string_equal(e.event_type, "a.b");
    assert_string_equal(e.message_id, "row-7"); /* no MessageId: the transport's id */
    assert_null(e.crn);
    assert_null(e.detail_url);
    assert_ptr_equal(e.event, e.root);
    ev_envelope_free(&e);
    assert_int_equal(ev_envelope_parse("{\"eventType\":\"a.b\"}", NULL, &e, err, sizeof err), 0);
    assert_int_equal(strlen(e.message_id), 36); /* generated UUID */
    assert_int_equal(e.message_id[14], '4');
    ev_envelope_free(&e);
}

static void test_event_type_from_attribute(void **state) {
    (void)state;
    ev_envelope e;
    char err[256];
    const char *body = "{\"Message\":\"{\\\"version\\\":1}\",\"MessageAttributes\":{\"eventType\":{\"Type\":\"String\","
                       "\"Value\":\"from.attribute\"}}}";
    assert_int_equal(ev_envelope_parse(body, NULL, &e, err, sizeof err), 0);
    assert_string_equal(e.event_type, "from.attribute");
    ev_envelope_free(&e);
}

static void test_malformed(void **state) {
    (void)state;
    const char *bad[] = {
        "",
        "not json",
        "[1,2]",
        "{\"Message\":{\"eventType\":\"x\"}}",           /* Message must be a string */
        "{\"Message\":\"not json\"}",
        "{\"Message\":\"[]\"}",
        "{\"Message\":\"{\\\"version\\\":1}\"}",          /* no eventType anywhere */
        "{\"eventType\":\"\"}",                          /* empty eventType */
        "{\"eventType\":\"a\",\"eventType\":\"b\"}",     /* duplicate keys */
        "{\"eventType\":42}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ev_envelope e;
        char err[256] = "";
        assert_int_equal(ev_envelope_parse(bad[i], NULL, &e, err, sizeof err), -1);
        assert_true(err[0] != 0);
        ev_envelope_free(&e);
    }
    ev_envelope e;
    char err[256];
    assert_int_equal(ev_envelope_parse(NULL, NULL, &e, err, sizeof err), -1);
    ev_envelope_free(&e);
}

static void test_identifiers_shapes(void **state) {
    (void)state;
    ev_envelope e;
    char err[256];
    /* identifiers not an array, entries without value, CRN with a non-string value */
    const char *bodies[] = {
        "{\"eventType\":\"a\",\"personReference\":{\"identifiers\":{\"type\":\"CRN\"}}}",
        "{\"eventType\":\"a\",\"personReference\":{\"identifiers\":[{\"type\":\"CRN\"}]}}",
        "{\"eventType\":\"a\",\"personReference\":{\"identifiers\":[{\"type\":\"CRN\",\"value\":7}]}}",
        "{\"eventType\":\"a\",\"personReference\":null}",
    };
    for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
        assert_int_equal(ev_envelope_parse(bodies[i], NULL, &e, err, sizeof err), 0);
        assert_null(e.crn);
        ev_envelope_free(&e);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sns_notification),
        cmocka_unit_test(test_bare_event_and_ids),
        cmocka_unit_test(test_event_type_from_attribute),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_identifiers_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
