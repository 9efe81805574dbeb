"""
The shared limited-access check GET /users/{username}/access/{crn}
(platform.md §6.1, tier-to-delius.md §2.5), used by tier-to-delius and
unpaid-work-and-delius: the UserAccessServiceTest cases (E/R/B/N, user known or
not), the in-force rules, the allow-list semantics of restrictions, the
username-as-user-id rule, and roles/401/403.
"""
import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest

from conftest import ADMIN, COURT, TIER, TIER_LEGACY, UPW, UPW_LEGACY

try:
    from seedschema import assert_schema
except ImportError:  # pragma: no cover
    assert_schema = None

LONDON = ZoneInfo("Europe/London")
EXCLUSION_MESSAGE = "You are excluded from viewing this offender record. Please contact a manager."
RESTRICTION_MESSAGE = "This is a restricted offender record. Please contact a line manager."

# USER_ ids >= 100000 (migration 0002 owns the ids below).
JOHN, JANE, ALPHA, DIGITS, ODD = 100001, 100002, 100050, 100051, 100052


def now(days=0):
    t = datetime.datetime.now(LONDON).replace(tzinfo=None, microsecond=0) + datetime.timedelta(days=days)
    return t.isoformat()


class Lao:
    def __init__(self, d):
        self.d = d
        self.next_id = 100000

    def nid(self):
        self.next_id += 1
        return self.next_id

    def user(self, uid, name):
        self.d.sql("INSERT INTO USER_ (USER_ID, DISTINGUISHED_NAME, FORENAME, SURNAME) VALUES (?, ?, 'F', 'S')",
                   (uid, name))

    def offender(self, oid, crn, exclusion_message=None, restriction_message=None, deleted=0):
        ts = now()
        self.d.sql("INSERT INTO OFFENDER (OFFENDER_ID, CRN, FIRST_NAME, SURNAME, DATE_OF_BIRTH_DATE, GENDER_ID,"
                   " EXCLUSION_MESSAGE, RESTRICTION_MESSAGE, PARTITION_AREA_ID, SOFT_DELETED, ROW_VERSION,"
                   " CREATED_BY_USER_ID, CREATED_DATETIME, LAST_UPDATED_USER_ID, LAST_UPDATED_DATETIME)"
                   " VALUES (?, ?, 'First', 'Last', '1980-01-01', 4001, ?, ?, 0, ?, 0, 1, ?, 1, ?)",
                   (oid, crn, exclusion_message, restriction_message, deleted, ts, ts))
        return oid

    def exclusion(self, oid, uid, start=None, end=None):
        self.d.sql("INSERT INTO EXCLUSION (EXCLUSION_ID, OFFENDER_ID, USER_ID, EXCLUSION_DATE, EXCLUSION_END_TIME)"
                   " VALUES (?, ?, ?, ?, ?)", (self.nid(), oid, uid, start or now(-30), end))

    def restriction(self, oid, uid, start=None, end=None):
        self.d.sql("INSERT INTO RESTRICTION (RESTRICTION_ID, OFFENDER_ID, USER_ID, RESTRICTION_TIME,"
                   " RESTRICTION_END_TIME) VALUES (?, ?, ?, ?, ?)", (self.nid(), oid, uid, start or now(-30), end))


@pytest.fixture(scope="module")
def lao(deliusd):
    """Users and cases, created once for the module."""
    f = Lao(deliusd)
    f.user(JOHN, "john-smith")
    f.user(JANE, "jane-doe")
    f.user(ALPHA, "alpha")
    f.user(DIGITS, "100050")     # a DISTINGUISHED_NAME that is also another user's USER_ID
    f.user(ODD, "1abc")          # starts with a digit, not an integer

    # UserAccessServiceTest: john is excluded; the restrictions allow only jane
    e = f.offender(1, "E123456", EXCLUSION_MESSAGE, RESTRICTION_MESSAGE)
    f.exclusion(e, JOHN)
    r = f.offender(2, "R123456", EXCLUSION_MESSAGE, RESTRICTION_MESSAGE)
    f.restriction(r, JANE)
    b = f.offender(3, "B123456", EXCLUSION_MESSAGE, RESTRICTION_MESSAGE)
    f.exclusion(b, JOHN)
    f.restriction(b, JANE)
    f.offender(4, "N123456")
    # messages on the case but no limitation: no messages sent
    f.offender(5, "M123456", EXCLUSION_MESSAGE, RESTRICTION_MESSAGE)
    # limitations without messages: flags true, messages left out
    q = f.offender(6, "Q123456", None, None)
    f.exclusion(q, JOHN)
    f.restriction(q, JANE)
    # in force: end time null or later than now; the start is not checked
    t = f.offender(7, "T000001", "ended", "ended")
    f.exclusion(t, JOHN, end=now(-1))
    f.restriction(t, JANE, end=now(-1))
    t = f.offender(8, "T000002", "future end", "future end")
    f.exclusion(t, JOHN, end=now(1))
    f.restriction(t, JANE, end=now(1))
    t = f.offender(9, "T000003", "future start", "future start")
    f.exclusion(t, JOHN, start=now(10))
    f.restriction(t, JANE, start=now(10))
    # john on the allow-list: not restricted; excluded only for jane
    a = f.offender(10, "A000010", EXCLUSION_MESSAGE, RESTRICTION_MESSAGE)
    f.restriction(a, JOHN)
    f.restriction(a, JANE)
    f.exclusion(a, JANE)
    # john's own allow-list entry has ended while jane's is in force: restricted
    a = f.offender(11, "A000011", None, RESTRICTION_MESSAGE)
    f.restriction(a, JOHN, end=now(-1))
    f.restriction(a, JANE)
    # soft-deleted cases are still checked
    s = f.offender(12, "S000012", EXCLUSION_MESSAGE, None, deleted=1)
    f.exclusion(s, JOHN)
    # user-id usernames
    u = f.offender(13, "U000013", "alpha excluded", None)
    f.exclusion(u, ALPHA)
    u = f.offender(14, "U000014", "digits excluded", None)
    f.exclusion(u, DIGITS)
    u = f.offender(15, "U000015", "1abc excluded", None)
    f.exclusion(u, ODD)
    return deliusd


def access(d, username, crn, roles=(TIER,)):
    r = d.get(f"/users/{quote(username, safe='')}/access/{quote(crn, safe='')}", roles=list(roles))
    assert r.status == 200, r
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    if assert_schema is not None:
        assert_schema(body, "CaseAccess", seed="002")
    return body


def expect(crn, excluded=False, restricted=False, exclusion_message=None, restriction_message=None):
    b = {"crn": crn, "userExcluded": excluded, "userRestricted": restricted}
    if exclusion_message is not None:
        b["exclusionMessage"] = exclusion_message
    if restriction_message is not None:
        b["restrictionMessage"] = restriction_message
    return b


USER_ACCESS_SERVICE_TEST = [
    ("E123456", expect("E123456", excluded=True, exclusion_message=EXCLUSION_MESSAGE)),
    ("R123456", expect("R123456", restricted=True, restriction_message=RESTRICTION_MESSAGE)),
    ("B123456", expect("B123456", excluded=True, restricted=True, exclusion_message=EXCLUSION_MESSAGE,
                       restriction_message=RESTRICTION_MESSAGE)),
    ("N123456", expect("N123456")),
]


@pytest.mark.parametrize("crn,expected", USER_ACCESS_SERVICE_TEST)
def test_user_access_service_cases_user_exists(lao, crn, expected):
    assert access(lao, "john-smith", crn) == expected


@pytest.mark.parametrize("crn,expected", USER_ACCESS_SERVICE_TEST)
def test_user_access_service_cases_user_unknown_assumes_worst(lao, crn, expected):
    assert access(lao, "nobody-at-all", crn) == expected


@pytest.mark.parametrize("username", ["JOHN-SMITH", "John-Smith", "john-smith"])
def test_username_matched_case_insensitively(lao, username):
    assert access(lao, username, "B123456") == USER_ACCESS_SERVICE_TEST[2][1]


def test_allowed_user_is_not_restricted_and_not_excluded_by_others(lao):
    # jane is on the allow-list of R123456/B123456 and has no exclusion there
    assert access(lao, "jane-doe", "R123456") == expect("R123456")
    assert access(lao, "jane-doe", "B123456") == expect("B123456")
    assert access(lao, "jane-doe", "E123456") == expect("E123456")


def test_allow_list_with_several_users(lao):
    assert access(lao, "john-smith", "A000010") == expect("A000010")
    assert access(lao, "jane-doe", "A000010") == expect("A000010", excluded=True, exclusion_message=EXCLUSION_MESSAGE)
    assert access(lao, "alpha", "A000010") == expect("A000010", restricted=True,
                                                      restriction_message=RESTRICTION_MESSAGE)
    # ended allow-list entry of john: restricted, no exclusion message column
    assert access(lao, "john-smith", "A000011") == expect("A000011", restricted=True,
                                                           restriction_message=RESTRICTION_MESSAGE)


def test_messages_only_when_flagged(lao):
    assert access(lao, "john-smith", "M123456") == expect("M123456")
    assert access(lao, "nobody-at-all", "M123456") == expect("M123456")


def test_flags_without_messages(lao):
    assert access(lao, "john-smith", "Q123456") == expect("Q123456", excluded=True, restricted=True)
    assert access(lao, "nobody-at-all", "Q123456") == expect("Q123456", excluded=True, restricted=True)


def test_in_force_rules(lao):
    for user in ("john-smith", "nobody-at-all"):
        assert access(lao, user, "T000001") == expect("T000001"), user
        assert access(lao, user, "T000002") == expect("T000002", True, True, "future end", "future end"), user
        assert access(lao, user, "T000003") == expect("T000003", True, True, "future start", "future start"), user


def test_in_force_boundary_within_the_day(lao):
    """In force means "end later than now" to the second (Europe/London local time), not a date
    comparison: an end one hour from now is in force, an end one minute ago is not. The rows are
    made here, just before the requests, so the margins are real."""
    f = Lao(lao)
    f.next_id = 100500                       # clear of the module fixture's rows
    local_now = datetime.datetime.now(LONDON).replace(tzinfo=None, microsecond=0)
    in_an_hour = (local_now + datetime.timedelta(hours=1)).isoformat()
    a_minute_ago = (local_now - datetime.timedelta(minutes=1)).isoformat()
    assert len(in_an_hour) == len(a_minute_ago) == 19  # 'YYYY-MM-DDTHH:MM:SS'
    t = f.offender(16, "T000016", "ends in an hour", "ends in an hour")
    f.exclusion(t, JOHN, end=in_an_hour)
    f.restriction(t, JANE, end=in_an_hour)
    t = f.offender(17, "T000017", "ended a minute ago", "ended a minute ago")
    f.exclusion(t, JOHN, end=a_minute_ago)
    f.restriction(t, JANE, end=a_minute_ago)
    for user in ("john-smith", "nobody-at-all"):
        assert access(lao, user, "T000016") == expect("T000016", True, True, "ends in an hour",
                                                      "ends in an hour"), user
        assert access(lao, user, "T000017") == expect("T000017"), user
    # jane is on the in-force allow-list and has no exclusion
    assert access(lao, "jane-doe", "T000016") == expect("T000016")
    assert access(lao, "jane-doe", "T000017") == expect("T000017")


def test_soft_deleted_case_still_checked(lao):
    assert access(lao, "john-smith", "S000012") == expect("S000012", excluded=True,
                                                           exclusion_message=EXCLUSION_MESSAGE)


def test_unknown_crn(lao):
    assert access(lao, "john-smith", "X999999") == expect("X999999")
    assert access(lao, "nobody-at-all", "X999999") == expect("X999999")
    # the crn is echoed as given
    assert access(lao, "john-smith", "e123456") == expect("e123456")


def test_username_given_as_user_id(lao):
    # 100001 is john's USER_ID
    assert access(lao, str(JOHN), "E123456") == USER_ACCESS_SERVICE_TEST[0][1]
    assert access(lao, str(JOHN), "R123456") == USER_ACCESS_SERVICE_TEST[1][1]
    # "100050" is alpha's USER_ID and also another user's name: the id wins
    assert access(lao, "100050", "U000013") == expect("U000013", excluded=True, exclusion_message="alpha excluded")
    # ...so the user named "100050" is not the one checked
    assert access(lao, "100050", "U000014") == expect("U000014")
    # a number that is no USER_ID is used unchanged as the username: an unknown user, worst case
    assert access(lao, "999999", "U000014") == expect("U000014", excluded=True, exclusion_message="digits excluded")
    # starts with a digit but is not an integer: used unchanged
    assert access(lao, "1abc", "U000015") == expect("U000015", excluded=True, exclusion_message="1abc excluded")
    assert access(lao, "1abc", "U000013") == expect("U000013")


def test_username_with_special_characters(lao):
    assert access(lao, "some.one@justice.gov.uk", "N123456") == expect("N123456")
    assert access(lao, "some one", "E123456") == USER_ACCESS_SERVICE_TEST[0][1]


# --------------------------------------------------------------- roles and errors

PATH = "/users/john-smith/access/E123456"


@pytest.mark.parametrize("roles", [[TIER], [TIER_LEGACY], [UPW], [ADMIN], [COURT, UPW]])
def test_accepted_roles(lao, roles):
    r = lao.get(PATH, roles=roles)
    assert r.status == 200, r
    assert r.json() == USER_ACCESS_SERVICE_TEST[0][1]


@pytest.mark.parametrize("roles", [[COURT], [UPW_LEGACY], []])
def test_wrong_role_is_403(lao, roles):
    r = lao.get(PATH, roles=roles)
    assert r.status == 403
    assert r.json() == {"status": 403, "message": "Access Denied"}


def test_no_token_is_401(lao):
    r = lao.get(PATH)
    assert r.status == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json() == {"status": 401, "message": "Unauthorized"}


def test_bad_token_is_401(lao, keys):
    for tok in ("garbage", lao.token([TIER], key=keys["other_private"]), lao.token([TIER], ttl=-3600)):
        r = lao.get(PATH, token=tok)
        assert r.status == 401
        assert 'error="invalid_token"' in r.headers["www-authenticate"]
        assert r.json() == {"status": 401, "message": "Unauthorized"}


def test_missing_segment_is_404(lao):
    r = lao.get("/users/john-smith/access/", roles=[TIER])
    assert r.status == 404
    r = lao.get("/users/john-smith/access", roles=[TIER])
    assert r.status == 404
