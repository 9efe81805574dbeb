"""
court-case-and-delius convictions and their sub-resources (court-case-and-delius.md §1, §2.9-§2.19,
§3, §8; issue 11). Every route is served at /probation-case/{crn}/... and /secure/offenders/crn/{crn}/...

One server per module on a fresh migrated database, "today" pinned (DELIUSD_TODAY), one worker
thread and the X-Query-Count debug header (the count is per connection, so the difference between
two consecutive requests is what one request used).

The dev data of the original (§8: C123456 with a current event in breach, custody FD1234, key dates
today..today+8, UPW 7 appointments, ACTIVE/INACTIVE/DELETED requirements, 2 PSS requirements, a
breach NSI with 2 managers, a sentencing appearance with a court report; U123456 awaiting a PSR;
Z123456 without active events; S123456 soft-deleted) is re-created as SQL fixtures and every
response is compared as a whole JSON body, then checked against the seed contract (001).

Reference rows come from migration 0002 by their documented fixed ids (its header lists them);
rows this file adds to reference tables (STAFF, TEAM, USER_, ...) use ids >= 100000.
"""
import datetime
import itertools

import pytest

from conftest import ADMIN, BACKEND, COURT, TIER, UPW, Deliusd, drop_database, new_database
from seedschema import assert_schema, schema_errors

TODAY = datetime.date(2024, 6, 15)


def day(n=0):
    return (TODAY + datetime.timedelta(days=n)).isoformat()


def ts(n=0, time="10:00:00"):
    return f"{day(n)}T{time}"


# --------------------------------------------------------------------------- migration 0002 ids

GENDER_M = 4001
USER_SERVICE = 3
AREA_N07, AREA_WSI = 1, 4
TEAM_N07UTS = 1
DISTRICT_N07, LDU_OMU = 1, 1
COURT_CMBGMC = 1
OUTCOME = {"101": 28001, "102": 28002, "104": 28004}
APPEARANCE = {"S": 27001, "T": 27002}
KEY_DATE = {"ACR": 29001, "LED": 29002, "HDE": 29003, "PED": 29004, "SED": 29005, "EXP": 29006, "PSSED": 29007,
            "POM1": 29008, "POM2": 29009}
CUSTODIAL_A, CUSTODIAL_B = 30001, 30002
UNITS_DAYS, UNITS_MONTHS = 31001, 31002
TERMINATION_EC = 32002
RQ_SUB_F01, AD_SUB_AD01, RQ_TERM_RTC = 33003, 34001, 35001
LIC_SUB_NLC1A = 36001
ADD_SENT_DISQ = 37001
UPW_STATUS_UIP = 38001
NSI_OUTCOME = {"BRE01": 21001, "REC01": 21017, "REC02": 21018, "REC03": 21019, "REC04": 21020, "REC05": 21021}
NSI_SUB_NSST01 = 22001
GRADE_PO = 25002
DISPOSAL_CUSTODY, DISPOSAL_CO, DISPOSAL_CURFEW = 1, 2, 9
OFFENCE_ARSON, OFFENCE_BURGLARY = 1, 2
RQ_MAIN_F, RQ_MAIN_J, AD_MAIN_ADM01 = 2, 4, 1
PSS_MAIN_A, PSS_MAIN_B, PSS_SUB_A1 = 1, 2, 1
LIC_MAIN_NLC1 = 1
NSI_TYPE_BRE, NSI_TYPE_REC = 1, 2
NSI_STATUS = {f"REC{i:02d}": i for i in range(1, 11)}
NSI_STATUS.update({"BRE01": 11, "INPROG": 16})
CRT_CJF, CRT_CJO = 1, 3
CONTACT_C295, CONTACT_CTOA = 4, 10
OUTCOME_ATTC = 1


def T(code, description):
    return {"code": code, "description": description}


# --------------------------------------------------------------------------- fixture builder

_ids = itertools.count(300000)


def nid():
    return next(_ids)


class Fx:
    """Inserts rows straight into the database the server reads."""

    def __init__(self, d):
        self.d = d

    def ins(self, table, **cols):
        names = ", ".join(cols)
        marks = ", ".join("?" for _ in cols)
        self.d.sql(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(cols.values()))
        return next(iter(cols.values()))

    def person(self, crn, deleted=0):
        return self.ins("OFFENDER", OFFENDER_ID=nid(), CRN=crn, FIRST_NAME="Test", SURNAME="Person",
                        DATE_OF_BIRTH_DATE="1977-08-12", GENDER_ID=GENDER_M, PARTITION_AREA_ID=0,
                        SOFT_DELETED=deleted, CREATED_BY_USER_ID=USER_SERVICE, CREATED_DATETIME=ts(-400),
                        LAST_UPDATED_USER_ID=USER_SERVICE, LAST_UPDATED_DATETIME=ts(-400))

    def event(self, person, number="1", id=None, referral=None, active=1, deleted=0, conviction=None, in_breach=0,
              ftc=0, breach_end=None, court=None):
        return self.ins("EVENT", EVENT_ID=id or nid(), OFFENDER_ID=person, EVENT_NUMBER=number,
                        REFERRAL_DATE=referral or day(-100), CONVICTION_DATE=conviction, IN_BREACH=in_breach,
                        BREACH_END=breach_end, FTC_COUNT=ftc, COURT_ID=court, ACTIVE_FLAG=active,
                        SOFT_DELETED=deleted, CREATED_BY_USER_ID=USER_SERVICE, CREATED_DATETIME=ts(-100),
                        LAST_UPDATED_USER_ID=USER_SERVICE, LAST_UPDATED_DATETIME=ts(-100))

    def disposal(self, event, type_=DISPOSAL_CO, date=None, id=None, active=1, deleted=0, **cols):
        return self.ins("DISPOSAL", DISPOSAL_ID=id or nid(), EVENT_ID=event, DISPOSAL_TYPE_ID=type_,
                        DISPOSAL_DATE=date or day(-90), UPW=cols.pop("UPW", 0), ACTIVE_FLAG=active,
                        SOFT_DELETED=deleted, **cols)

    def main_offence(self, event, person, offence=OFFENCE_ARSON, id=None, deleted=0, **cols):
        return self.ins("MAIN_OFFENCE", MAIN_OFFENCE_ID=id or nid(), EVENT_ID=event, OFFENDER_ID=person,
                        OFFENCE_ID=offence, CREATED_DATETIME=cols.pop("CREATED_DATETIME", ts(-100)),
                        LAST_UPDATED_DATETIME=cols.pop("LAST_UPDATED_DATETIME", ts(-100)), SOFT_DELETED=deleted,
                        **cols)

    def additional_offence(self, event, offence=OFFENCE_BURGLARY, id=None, deleted=0, **cols):
        return self.ins("ADDITIONAL_OFFENCE", ADDITIONAL_OFFENCE_ID=id or nid(), EVENT_ID=event, OFFENCE_ID=offence,
                        CREATED_DATETIME=ts(-100), LAST_UPDATED_DATETIME=ts(-99), SOFT_DELETED=deleted, **cols)

    def custody(self, disposal, status=CUSTODIAL_A, id=None, deleted=0, **cols):
        return self.ins("CUSTODY", CUSTODY_ID=id or nid(), DISPOSAL_ID=disposal, CUSTODIAL_STATUS_ID=status,
                        SOFT_DELETED=deleted, **cols)

    def key_date(self, custody, code, date, id=None, deleted=0):
        return self.ins("KEY_DATE", KEY_DATE_ID=id or nid(), CUSTODY_ID=custody, KEY_DATE_TYPE_ID=KEY_DATE[code],
                        KEY_DATE=date, SOFT_DELETED=deleted)

    def appearance(self, event, person, date, type_="S", outcome=None, court=COURT_CMBGMC, id=None, deleted=0):
        return self.ins("COURT_APPEARANCE", COURT_APPEARANCE_ID=id or nid(), EVENT_ID=event, OFFENDER_ID=person,
                        COURT_ID=court, APPEARANCE_DATE=date, APPEARANCE_TYPE_ID=APPEARANCE[type_],
                        OUTCOME_ID=OUTCOME[outcome] if outcome else None, SOFT_DELETED=deleted)

    def requirement(self, disposal, active=1, deleted=0, id=None, **cols):
        return self.ins("RQMNT", RQMNT_ID=id or nid(), DISPOSAL_ID=disposal, RQMNT_NOTES=cols.pop("RQMNT_NOTES", ""),
                        CREATED_DATETIME=cols.pop("CREATED_DATETIME", ts(-90)), ACTIVE_FLAG=active,
                        SOFT_DELETED=deleted, **cols)

    def nsi(self, person, event, type_=NSI_TYPE_BRE, status="BRE01", id=None, deleted=0, active=1, **cols):
        return self.ins("NSI", NSI_ID=id or nid(), OFFENDER_ID=person, EVENT_ID=event, NSI_TYPE_ID=type_,
                        NSI_STATUS_ID=NSI_STATUS[status], NSI_STATUS_DATE=cols.pop("NSI_STATUS_DATE", ts(-2)),
                        REFERRAL_DATE=cols.pop("REFERRAL_DATE", day(-3)), ACTIVE_FLAG=active, SOFT_DELETED=deleted,
                        **cols)

    def nsi_manager(self, nsi, staff, team, area=AREA_N07, start=None, end=None, deleted=0, id=None):
        return self.ins("NSI_MANAGER", NSI_MANAGER_ID=id or nid(), NSI_ID=nsi, STAFF_ID=staff, TEAM_ID=team,
                        PROBATION_AREA_ID=area, START_DATE=start or ts(-10), END_DATE=end,
                        ACTIVE_FLAG=0 if end else 1, SOFT_DELETED=deleted)

    def order_manager(self, event, staff=None, team=None, area=AREA_N07, start=None, end=None, deleted=0, id=None):
        return self.ins("ORDER_MANAGER", ORDER_MANAGER_ID=id or nid(), EVENT_ID=event, ALLOCATION_STAFF_ID=staff,
                        ALLOCATION_TEAM_ID=team, PROBATION_AREA_ID=area, ALLOCATION_DATE=start or ts(-1),
                        END_DATE=end, ACTIVE_FLAG=0 if end else 1, SOFT_DELETED=deleted)

    def court_report(self, person, appearance, id=None, deleted=0, **cols):
        return self.ins("COURT_REPORT", COURT_REPORT_ID=id or nid(), OFFENDER_ID=person,
                        COURT_APPEARANCE_ID=appearance, DATE_REQUESTED=cols.pop("DATE_REQUESTED", ts(-5)),
                        DATE_REQUIRED=cols.pop("DATE_REQUIRED", ts(5)), SOFT_DELETED=deleted, **cols)

    def report_manager(self, report, staff, active=1, deleted=0, id=None):
        return self.ins("REPORT_MANAGER", REPORT_MANAGER_ID=id or nid(), COURT_REPORT_ID=report, STAFF_ID=staff,
                        ACTIVE_FLAG=active, SOFT_DELETED=deleted)

    def contact(self, person, event, date, type_=CONTACT_C295, outcome=None, enforcement=None, attended=None,
                complied=None, deleted=0, id=None):
        return self.ins("CONTACT", CONTACT_ID=id or nid(), OFFENDER_ID=person, EVENT_ID=event, CONTACT_TYPE_ID=type_,
                        CONTACT_DATE=date, CONTACT_OUTCOME_TYPE_ID=outcome, ENFORCEMENT=enforcement,
                        ATTENDED=attended, COMPLIED=complied, STAFF_ID=STAFF_JOHN, TEAM_ID=TEAM_ONE,
                        PARTITION_AREA_ID=0, SOFT_DELETED=deleted, CREATED_BY_USER_ID=USER_SERVICE,
                        CREATED_DATETIME=ts(-1), LAST_UPDATED_USER_ID=USER_SERVICE, LAST_UPDATED_DATETIME=ts(-1))


STAFF_JOHN, STAFF_UNALLOCATED, TEAM_ONE = 100001, 100002, 100001


def organisation(fx):
    fx.ins("TEAM", TEAM_ID=TEAM_ONE, CODE="N07T01", DESCRIPTION="Team One", TELEPHONE="020 7946 0000",
           EMAIL_ADDRESS="team.one@example.com", PROBATION_AREA_ID=AREA_N07, DISTRICT_ID=DISTRICT_N07,
           LOCAL_DELIVERY_UNIT_ID=LDU_OMU, START_DATE="2020-01-01", END_DATE=None, PRIVATE=0)
    fx.ins("STAFF", STAFF_ID=STAFF_JOHN, OFFICER_CODE="N07P01A", FORENAME="John", FORENAME2="Paul", SURNAME="Smith",
           STAFF_GRADE_ID=GRADE_PO, PROBATION_AREA_ID=AREA_N07)
    fx.ins("STAFF", STAFF_ID=STAFF_UNALLOCATED, OFFICER_CODE="N07UAAU", FORENAME="Unallocated", FORENAME2=None,
           SURNAME="Staff", STAFF_GRADE_ID=None, PROBATION_AREA_ID=AREA_WSI)
    fx.ins("STAFF_TEAM", STAFF_ID=STAFF_JOHN, TEAM_ID=TEAM_ONE)
    fx.ins("STAFF_TEAM", STAFF_ID=STAFF_JOHN, TEAM_ID=TEAM_N07UTS)
    fx.ins("USER_", USER_ID=100001, DISTINGUISHED_NAME="JohnSmithNPS", STAFF_ID=STAFF_JOHN, FORENAME="John",
           SURNAME="Smith")


# --------------------------------------------------------------------------- JSON of migration rows

CAMDEN = T("N07LAU", "Camden")
TEAM_ONE_JSON = {"code": "N07T01", "description": "Team One", "telephone": "020 7946 0000",
                 "emailAddress": "team.one@example.com", "localDeliveryUnit": CAMDEN, "district": CAMDEN,
                 "borough": T("N07PDU", "Camden and Islington"), "teamType": T("OMU", "Offender Management"),
                 "startDate": "2020-01-01"}
UTS_JSON = {"code": "N07UTS", "description": "London Unallocated Team", "localDeliveryUnit": CAMDEN,
            "district": CAMDEN, "borough": T("N07PDU", "Camden and Islington"),
            "teamType": T("UAT", "Unallocated"), "startDate": "2000-01-01"}
NPS = T("NPS", "National Probation Service")
LONDON = {"probationAreaId": 1, "code": "N07", "description": "London", "organisation": NPS}
WSI_INSTITUTION = {"institutionId": 1, "isEstablishment": True, "code": "WSIHMP", "description": "Westside (HMP)",
                   "institutionName": "HMP Westside", "establishmentType": T("P", "Prison"), "isPrivate": False,
                   "nomsPrisonInstitutionCode": "WSI"}
WESTSIDE = {"probationAreaId": 4, "code": "WSI", "description": "Westside (HMP)", "organisation": NPS,
            "institution": WSI_INSTITUTION}
CMBGMC = {"courtId": 1, "code": "CMBGMC", "selectable": True, "courtName": "Camberwell Green Magistrates Court",
          "buildingName": "Camberwell Green Magistrates Court", "town": "London", "postcode": "SE5 7UP",
          "country": "England", "courtTypeId": 26001, "createdDatetime": "2000-01-01T00:00:00",
          "lastUpdatedDatetime": "2000-01-01T00:00:00", "probationAreaId": 1, "probationArea": T("N07", "London"),
          "courtType": T("MAG", "Magistrates Court")}
ARSON = {"code": "56001", "description": "Arson endangering life", "abbreviation": "Arson endang life",
         "mainCategoryCode": "560", "mainCategoryDescription": "Arson", "mainCategoryAbbreviation": "Arson",
         "ogrsOffenceCategory": "Criminal damage", "subCategoryCode": "01",
         "subCategoryDescription": "Arson endangering life"}
BURGLARY = {"code": "02801", "description": "Burglary in a dwelling - domestic",
            "abbreviation": "Burglary dwelling", "mainCategoryCode": "028",
            "mainCategoryDescription": "Burglary in a dwelling", "mainCategoryAbbreviation": "Burglary dwelling",
            "ogrsOffenceCategory": "Burglary (domestic)", "subCategoryCode": "01",
            "subCategoryDescription": "Burglary in a dwelling - domestic", "form20Code": "28"}
JOHN_HUMAN = {"code": "N07P01A", "forenames": "John Paul", "surname": "Smith", "unallocated": False}


# --------------------------------------------------------------------------- the dev data (§8)

C_CRN, E_CUR = "C123456", 2500295345


class Dev:
    pass


def dev_data(fx):
    x = Dev()
    x.c = fx.person(C_CRN)
    # current event: in breach, ftc 2, referral yesterday (spec §8)
    e = x.e = fx.event(x.c, "1", id=E_CUR, referral=day(-1), conviction=day(-2), in_breach=1, ftc=2,
                       court=COURT_CMBGMC)
    x.d = fx.disposal(e, DISPOSAL_CURFEW, date=day(-1), id=E_CUR + 1, ENTRY_LENGTH=12, ENTRY_LENGTH_UNITS_ID=UNITS_DAYS,
                      LENGTH=12, LENGTH_IN_DAYS=99, NOTIONAL_END_DATE=ts(97, "00:00:00"),
                      ENTERED_NOTIONAL_END_DATE=day(98), UPW=1)
    fx.disposal(e, DISPOSAL_CO, date=day(-50), deleted=1)                       # a deleted disposal: ignored
    x.cu = fx.custody(x.d, CUSTODIAL_A, PRISONER_NUMBER="FD1234", INSTITUTION_ID=1, ESTABLISHMENT="Y",
                      PSS_START_DATE=day(200))
    fx.key_date(x.cu, "ACR", day(-30), deleted=1)                              # deleted: ignored
    for i, code in enumerate(KEY_DATE):                                         # ACR today ... POM2 today+8
        fx.key_date(x.cu, code, day(i))
    fx.key_date(x.cu, "ACR", day(40))                                           # a second ACR: the first wins
    fx.ins("RELEASE", RELEASE_ID=nid(), CUSTODY_ID=x.cu, ACTUAL_RELEASE_DATE=ts(-20), SOFT_DELETED=0)
    fx.ins("RELEASE", RELEASE_ID=nid(), CUSTODY_ID=x.cu, ACTUAL_RELEASE_DATE=ts(-12, "08:30:00"), SOFT_DELETED=0)
    fx.ins("RELEASE", RELEASE_ID=nid(), CUSTODY_ID=x.cu, ACTUAL_RELEASE_DATE=ts(-5), SOFT_DELETED=1)
    upw = fx.ins("UPW_DETAILS", UPW_DETAILS_ID=nid(), DISPOSAL_ID=x.d, UPW_LENGTH_MINUTES=120,
                 UPW_STATUS_ID=UPW_STATUS_UIP, SOFT_DELETED=0)
    # 7 appointments (one soft-deleted, still counted): attended 3, acceptable 2, unacceptable 1, no outcome 1
    for k, (att, comp, deleted) in enumerate([("Y", "Y", 0), ("Y", "N", 0), ("Y", "Y", 1), ("N", "Y", 0),
                                              ("N", "Y", 0), ("N", "N", 0), (None, None, 0)]):
        fx.ins("UPW_APPOINTMENT", UPW_APPOINTMENT_ID=nid(), UPW_DETAILS_ID=upw, UPW_PROJECT_ID=1,
               APPOINTMENT_DATE=day(-k), MINUTES_CREDITED=1, ATTENDED=att, COMPLIED=comp, SOFT_DELETED=deleted)
    x.mo = fx.main_offence(e, x.c, OFFENCE_ARSON, OFFENCE_DATE=day(-30), OFFENCE_COUNT=1, TICS=2, VERDICT="Guilty",
                           CREATED_DATETIME="2024-06-13 09:00:00.420309", LAST_UPDATED_DATETIME="2024-06-14T09:00:00.000")
    x.ao = fx.additional_offence(e, OFFENCE_BURGLARY, OFFENCE_DATE=day(-31), OFFENCE_COUNT=3)
    fx.additional_offence(e, OFFENCE_BURGLARY, deleted=1)
    x.ads = fx.ins("ADDITIONAL_SENTENCE", ADDITIONAL_SENTENCE_ID=nid(), EVENT_ID=e,
                   ADDITIONAL_SENTENCE_TYPE_ID=ADD_SENT_DISQ, AMOUNT=10.5, LENGTH=3, NOTES="Disqualified",
                   SOFT_DELETED=0)
    x.om = fx.order_manager(e, STAFF_UNALLOCATED, None, start=ts(-1, "09:00:00"))
    fx.order_manager(e, STAFF_JOHN, TEAM_ONE, deleted=1)
    # appearances: sentencing yesterday (outcome 101), an earlier trial, a deleted later one
    x.a1 = fx.appearance(e, x.c, ts(-1, "12:00:00"), "S", "101")
    x.a2 = fx.appearance(e, x.c, ts(-5), "T", "102")
    fx.appearance(e, x.c, ts(0), "S", "104", deleted=1)
    # requirements ACTIVE / INACTIVE / DELETED / INACTIVE_AND_DELETED
    rq = dict(RQMNT_TYPE_MAIN_CATEGORY_ID=RQ_MAIN_F, RQMNT_TYPE_SUB_CATEGORY_ID=RQ_SUB_F01,
              AD_RQMNT_TYPE_MAIN_CATEGORY_ID=AD_MAIN_ADM01, AD_RQMNT_TYPE_SUB_CATEGORY_ID=AD_SUB_AD01, LENGTH=20,
              RAR_COUNT=5, COMMENCEMENT_DATE=day(-60), START_DATE=day(-60), EXPECTED_START_DATE=day(-61),
              EXPECTED_END_DATE=day(300))
    x.rq_active = fx.requirement(x.d, 1, 0, RQMNT_NOTES="active notes", **rq)
    x.rq_inactive = fx.requirement(x.d, 0, 0, RQMNT_NOTES="", TERMINATION_DATE=day(-1),
                                   RQMNT_TERMINATION_REASON_ID=RQ_TERM_RTC, RQMNT_TYPE_MAIN_CATEGORY_ID=RQ_MAIN_J,
                                   LENGTH=10)
    x.rq_deleted = fx.requirement(x.d, 1, 1, RQMNT_NOTES="deleted")
    x.rq_inactive_deleted = fx.requirement(x.d, 0, 1, RQMNT_NOTES="inactive and deleted")
    # PSS requirements: active then inactive, and a deleted one
    fx.ins("PSS_RQMNT", PSS_RQMNT_ID=nid(), CUSTODY_ID=x.cu, PSS_RQMNT_TYPE_MAIN_CAT_ID=PSS_MAIN_A,
           PSS_RQMNT_TYPE_SUB_CAT_ID=PSS_SUB_A1, ACTIVE_FLAG=1, SOFT_DELETED=0)
    fx.ins("PSS_RQMNT", PSS_RQMNT_ID=nid(), CUSTODY_ID=x.cu, PSS_RQMNT_TYPE_MAIN_CAT_ID=PSS_MAIN_B,
           PSS_RQMNT_TYPE_SUB_CAT_ID=None, ACTIVE_FLAG=0, SOFT_DELETED=0)
    fx.ins("PSS_RQMNT", PSS_RQMNT_ID=nid(), CUSTODY_ID=x.cu, PSS_RQMNT_TYPE_MAIN_CAT_ID=PSS_MAIN_A,
           PSS_RQMNT_TYPE_SUB_CAT_ID=None, ACTIVE_FLAG=1, SOFT_DELETED=1)
    # licence conditions: one live, one deleted
    fx.ins("LIC_CONDITION", LIC_CONDITION_ID=nid(), DISPOSAL_ID=x.d, START_DATE=day(-1),
           COMMENCEMENT_DATE=day(0), COMMENCEMENT_NOTES="Commenced", TERMINATION_DATE=None, TERMINATION_NOTES=None,
           LIC_COND_TYPE_MAIN_CAT_ID=LIC_MAIN_NLC1, LIC_COND_TYPE_SUB_CAT_ID=LIC_SUB_NLC1A,
           LIC_CONDITION_NOTES="Licence condition notes", CREATED_DATETIME="2024-06-14T18:59:19.420309",
           ACTIVE_FLAG=1, SOFT_DELETED=0)
    fx.ins("LIC_CONDITION", LIC_CONDITION_ID=nid(), DISPOSAL_ID=x.d, START_DATE=day(-1), CREATED_DATETIME=ts(-1),
           ACTIVE_FLAG=1, SOFT_DELETED=1)
    # the breach NSI with the active requirement and two managers (+ a deleted one); a recall NSI
    x.nsi = fx.nsi(x.c, e, NSI_TYPE_BRE, "BRE01", NSI_OUTCOME_ID=NSI_OUTCOME["BRE01"], NSI_SUB_TYPE_ID=NSI_SUB_NSST01,
                   RQMNT_ID=x.rq_active, ACTUAL_START_DATE=day(-2), EXPECTED_START_DATE=day(-3),
                   EXPECTED_END_DATE=day(30), LENGTH=12, NOTES="Breach notes", EXTERNAL_REFERENCE="urn:x:1",
                   INTENDED_PROVIDER_ID=AREA_WSI, NSI_STATUS_DATE="2024-06-13T09:30:00")
    fx.nsi_manager(x.nsi, STAFF_JOHN, TEAM_ONE, start=ts(-10))
    fx.nsi_manager(x.nsi, STAFF_UNALLOCATED, TEAM_N07UTS, start=ts(-20), end=ts(-10))
    fx.nsi_manager(x.nsi, STAFF_JOHN, TEAM_ONE, start=ts(-30), deleted=1)
    x.recall = fx.nsi(x.c, e, NSI_TYPE_REC, "REC05", NSI_OUTCOME_ID=NSI_OUTCOME["REC01"], active=0, deleted=1)
    # a court report on the sentencing appearance, with a manager, a deleted one and one without staff
    x.report = fx.court_report(x.c, x.a1, COURT_REPORT_TYPE_ID=CRT_CJF, DELIVERED_COURT_REPORT_TYPE_ID=CRT_CJO,
                               DATE_REQUESTED=ts(-5), DATE_REQUIRED=ts(-2, "17:00:00"),
                               ALLOCATION_DATE=ts(-4), COMPLETED_DATE="2024-06-13T18:59:19.420309")
    fx.report_manager(x.report, STAFF_JOHN)
    fx.report_manager(x.report, STAFF_UNALLOCATED, deleted=1)
    fx.report_manager(x.report, None)
    x.report2 = fx.court_report(x.c, x.a2)                       # minimal, no manager
    fx.court_report(x.c, x.a1, deleted=1)
    # attendance contacts
    x.att1 = fx.contact(x.c, e, day(-3), outcome=OUTCOME_ATTC, attended="Y", complied="Y")
    x.att2 = fx.contact(x.c, e, day(0), enforcement=1, attended="N", complied="N")            # today: included
    fx.contact(x.c, e, day(1), outcome=OUTCOME_ATTC, attended="Y", complied="Y")               # tomorrow
    fx.contact(x.c, e, day(-2), type_=CONTACT_CTOA, outcome=OUTCOME_ATTC)                     # not attendance
    fx.contact(x.c, e, day(-2), enforcement=0)                                                 # neither
    fx.contact(x.c, e, day(-2), outcome=OUTCOME_ATTC, deleted=1)                               # deleted
    # an inactive event referred today (sorts first) and a deleted one
    x.e_inactive = fx.event(x.c, "2", referral=day(0), active=0)
    fx.main_offence(x.e_inactive, x.c, OFFENCE_BURGLARY)
    x.d_inactive = fx.disposal(x.e_inactive, DISPOSAL_CO, date=day(-300), active=0, TERMINATION_DATE=day(-7),
                               DISPOSAL_TERMINATION_REASON_ID=TERMINATION_EC, LENGTH=6)
    x.e_deleted = fx.event(x.c, "3", referral=day(-3), active=0, deleted=1)
    # U123456: no sentence yet, adjourned for a pre-sentence report; only a trial appearance
    x.u = fx.person("U123456")
    x.e_u = fx.event(x.u, "1", referral=day(-4))
    fx.main_offence(x.e_u, x.u, OFFENCE_ARSON)
    fx.appearance(x.e_u, x.u, ts(-4), "T", "101")
    fx.disposal(x.e_u, DISPOSAL_CO, deleted=1)
    # Z123456: inactive events only; S123456: soft-deleted person without events
    x.z = fx.person("Z123456")
    fx.main_offence(fx.event(x.z, "1", active=0), x.z)
    x.s = fx.person("S123456", deleted=1)
    return x


# --------------------------------------------------------------------------- module server

@pytest.fixture(scope="module")
def srv(keys, module_tmp):
    db = new_database(module_tmp)
    d = Deliusd(db, keys, tmpdir=module_tmp,
                env={"DELIUSD_TODAY": TODAY.isoformat(), "DELIUSD_DEBUG_QUERY_COUNT": "1", "DELIUSD_THREADS": "1"})
    d.start()
    fx = Fx(d)
    organisation(fx)
    d.dev = dev_data(fx)
    d.fx = fx
    yield d
    d.stop()
    drop_database(db)


def get(d, path, roles=(COURT,)):
    return d.get(path, roles=list(roles))


ANON = {"probationArea": "provider this staff member is associated with",
        "intendedProvider": "provider this staff member is associated with",
        "team": "all teams related to this staff member",
        "teams": "all teams related to this staff member",
        "staff": "staff name details"}


def nsi_deep_errors(nsi):
    """The contract leaves NsiManager's and StaffDetails' sub-objects anonymous (no $ref); check them
    against the named anonymous schemas of the same seed."""
    errors = []
    for k in ("intendedProvider",):
        if k in nsi:
            errors += schema_errors(nsi[k], ANON[k], "001")
    for m in nsi["nsiManagers"]:
        errors += schema_errors(m["probationArea"], ANON["probationArea"], "001")
        errors += schema_errors(m["team"], ANON["team"], "001")
        st = m["staff"]
        errors += schema_errors(st["staff"], ANON["staff"], "001")
        errors += schema_errors(st["probationArea"], ANON["probationArea"], "001")
        errors += schema_errors(st.get("teams", []), ANON["teams"], "001")
    return errors


def ok(d, path, schema, roles=(COURT,)):
    r = get(d, path, roles)
    assert r.status == 200, (path, r)
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert_schema(body, schema, seed="001")
    if schema == "PssRequirements":
        assert_schema(body["pssRequirements"], "List of pssRequirements associated with this conviction", "001")
    if schema in ("Nsi", "NsiDetails"):
        for nsi in body["nsis"] if schema == "NsiDetails" else [body]:
            assert not nsi_deep_errors(nsi), nsi_deep_errors(nsi)
    return body


def err(d, path, status, message, roles=(COURT,)):
    r = get(d, path, roles)
    assert r.status == status, (path, r)
    assert r.json() == {"status": status, "developerMessage": message}


P = f"/probation-case/{C_CRN}"


# --------------------------------------------------------------------------- expected bodies

def current_conviction(x):
    return {
        "convictionId": E_CUR, "index": "1", "active": True, "inBreach": True, "failureToComplyCount": 2,
        "awaitingPsr": False, "convictionDate": day(-2), "referralDate": day(-1),
        "offences": [
            {"offenceId": f"M{x.mo}", "mainOffence": True, "detail": ARSON, "offenceDate": day(-30),
             "offenceCount": 1, "tics": 2, "verdict": "Guilty", "offenderId": x.c,
             "createdDatetime": "2024-06-13T09:00:00.420309", "lastUpdatedDatetime": "2024-06-14T09:00:00"},
            {"offenceId": f"A{x.ao}", "mainOffence": False, "detail": BURGLARY, "offenceDate": day(-31),
             "offenceCount": 3, "offenderId": x.c, "createdDatetime": ts(-100), "lastUpdatedDatetime": ts(-99)},
        ],
        "sentence": {
            "sentenceId": x.d, "description": "Curfew Order", "originalLength": 12, "originalLengthUnits": "Days",
            "defaultLength": 12, "lengthInDays": 99, "expectedSentenceEndDate": day(98),
            "unpaidWork": {"minutesOrdered": 120, "minutesCompleted": 7,
                           "appointments": {"total": 7, "attended": 3, "acceptableAbsences": 2,
                                            "unacceptableAbsences": 1, "noOutcomeRecorded": 1},
                           "status": "In Progress"},
            "startDate": day(-1), "sentenceType": T("SP", "Curfew Order"),
            "additionalSentences": [{"additionalSentenceId": x.ads, "type": T("DISQ", "Disqualification"),
                                     "amount": 10.5, "length": 3, "notes": "Disqualified"}],
            "failureToComplyLimit": 2, "cja2003Order": False, "legacyOrder": True,
        },
        "latestCourtAppearanceOutcome": T("101", "Adjourned - Pre-Sentence Report"),
        "custody": {
            "bookingNumber": "FD1234", "institution": WSI_INSTITUTION,
            "keyDates": {"conditionalReleaseDate": day(0), "licenceExpiryDate": day(1), "hdcEligibilityDate": day(2),
                         "paroleEligibilityDate": day(3), "sentenceExpiryDate": day(4),
                         "expectedReleaseDate": day(5), "postSentenceSupervisionEndDate": day(6),
                         "expectedPrisonOffenderManagerHandoverStartDate": day(7),
                         "expectedPrisonOffenderManagerHandoverDate": day(8)},
            "status": T("A", "Sentenced - In Custody"), "sentenceStartDate": day(-1),
        },
        "responsibleCourt": CMBGMC,
        "courtAppearance": {"courtAppearanceId": x.a1, "appearanceDate": ts(-1, "12:00:00"), "courtCode": "CMBGMC",
                            "courtName": "Camberwell Green Magistrates Court", "appearanceType": T("S", "Sentence"),
                            "crn": C_CRN},
        # no teamId, grade or teamCode (§8)
        "orderManagers": [{"probationAreaId": 1, "officerId": x.om, "name": "Unallocated Staff",
                           "staffCode": "N07UAAU", "dateStartOfAllocation": ts(-1, "09:00:00"),
                           "probationAreaCode": "N07"}],
    }


def inactive_conviction(x):
    return {
        "convictionId": x.e_inactive, "index": "2", "active": False, "inBreach": False, "failureToComplyCount": 0,
        "awaitingPsr": False, "referralDate": day(0),
        "offences": [{"offenceId": f"M{x.e_inactive_mo}", "mainOffence": True, "detail": BURGLARY,
                      "offenderId": x.c, "createdDatetime": ts(-100), "lastUpdatedDatetime": ts(-100)}],
        "sentence": {"sentenceId": x.d_inactive, "description": "CJA - Community Order", "defaultLength": 6,
                     "startDate": day(-300), "terminationDate": day(-7),
                     "terminationReason": "Ended Early - Good Progress",
                     "sentenceType": T("SP", "CJA - Community Order"), "failureToComplyLimit": 2,
                     "cja2003Order": True, "legacyOrder": False},
        "orderManagers": [],
    }


@pytest.fixture(scope="module")
def x(srv):
    x = srv.dev
    x.e_inactive_mo = srv.query("SELECT MAIN_OFFENCE_ID FROM MAIN_OFFENCE WHERE EVENT_ID = ?", (x.e_inactive,))[0][0]
    return x


# --------------------------------------------------------------------------- §2.9 / §2.10 convictions

def test_conviction_by_id_full_body(srv, x):
    assert ok(srv, f"{P}/convictions/{E_CUR}", "Conviction") == current_conviction(x)


def test_convictions_active_only(srv, x):
    assert ok(srv, f"{P}/convictions?activeOnly=true", "Conviction") == [current_conviction(x)]


def test_convictions_all_by_referral_date_desc(srv, x):
    body = ok(srv, f"{P}/convictions", "Conviction")
    assert body == [inactive_conviction(x), current_conviction(x)]
    assert ok(srv, f"{P}/convictions?activeOnly=false", "Conviction") == body
    assert [c["active"] for c in body] == [False, True]


def test_convictions_empty_lists(srv, x):
    assert ok(srv, "/probation-case/Z123456/convictions?activeOnly=true", "Conviction") == []
    assert len(ok(srv, "/probation-case/Z123456/convictions", "Conviction")) == 1
    assert ok(srv, "/probation-case/S123456/convictions", "Conviction") == []   # soft-deleted person: 200


def test_awaiting_psr_and_appearance_fallback(srv, x):
    body = ok(srv, f"/probation-case/U123456/convictions/{x.e_u}", "Conviction")
    assert body["awaitingPsr"] is True
    assert "sentence" not in body and "custody" not in body and "responsibleCourt" not in body
    assert body["latestCourtAppearanceOutcome"] == T("101", "Adjourned - Pre-Sentence Report")
    # no sentencing appearance: the latest of any type
    assert body["courtAppearance"]["appearanceType"] == T("T", "Trial")


def test_sentencing_appearance_and_latest_outcome_picks(srv, x):
    fx = srv.fx
    p = fx.person("C000101")
    e = fx.event(p, "1")
    fx.appearance(e, p, ts(-30), "S", "104")                  # older sentencing
    late_s1 = fx.appearance(e, p, ts(-10), "S", None, id=399002)  # latest sentencing, tie on date: lowest id wins
    fx.appearance(e, p, ts(-10), "S", None, id=399003)
    fx.appearance(e, p, ts(-1), "T", None)                      # latest of all, but not sentencing, no outcome
    body = ok(srv, f"/probation-case/C000101/convictions/{e}", "Conviction")
    assert body["courtAppearance"]["courtAppearanceId"] == late_s1
    assert body["latestCourtAppearanceOutcome"] == T("104", "Remanded on Bail")
    assert body["awaitingPsr"] is False
    assert body["offences"] == [] and body["orderManagers"] == []


def test_conviction_of_another_person_or_deleted_is_404(srv, x):
    err(srv, f"/probation-case/Z123456/convictions/{E_CUR}", 404,
        f"Conviction with ID {E_CUR} for Offender with crn Z123456 not found")
    err(srv, f"{P}/convictions/3", 404, f"Conviction with ID 3 for Offender with crn {C_CRN} not found")
    err(srv, f"{P}/convictions/{x.e_deleted}", 404,
        f"Conviction with ID {x.e_deleted} for Offender with crn {C_CRN} not found")
    err(srv, f"{P}/convictions/0", 404, f"Conviction with ID 0 for Offender with crn {C_CRN} not found")
    err(srv, f"{P}/convictions/-1", 404, f"Conviction with ID -1 for Offender with crn {C_CRN} not found")


# --------------------------------------------------------------------------- §2.11 sentence status

def test_sentence_status_custodial(srv, x):
    assert ok(srv, f"{P}/convictions/{E_CUR}/sentenceStatus", "SentenceStatus") == {
        "sentenceId": x.d, "custodialType": T("A", "Sentenced - In Custody"), "sentence": {"description": "Curfew Order"},
        "mainOffence": {"description": "Arson endangering life"}, "sentenceDate": day(-1),
        "actualReleaseDate": day(-12), "licenceExpiryDate": day(200), "length": 12, "lengthUnit": "Months"}


def test_sentence_status_not_in_custody(srv, x):
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/sentenceStatus", "SentenceStatus") == {
        "sentenceId": x.d_inactive, "custodialType": T("NOT_IN_CUSTODY", "Not in custody"),
        "sentence": {"description": "CJA - Community Order"}, "mainOffence": {"description": "Burglary in a dwelling - domestic"},
        "sentenceDate": day(-300), "length": 6, "lengthUnit": "Months"}


def test_sentence_status_without_sentence_is_404(srv, x):
    err(srv, f"/probation-case/U123456/convictions/{x.e_u}/sentenceStatus", 404,
        f"Sentence not found for crn 'U123456', convictionId '{x.e_u}'")
    err(srv, f"{P}/convictions/3/sentenceStatus", 404, f"Conviction with ID 3 for Offender with crn {C_CRN} not found")


# --------------------------------------------------------------------------- §2.12 requirements

def requirement_json(x, which):
    if which == "active":
        return {"requirementId": x.rq_active, "requirementNotes": "active notes", "commencementDate": day(-60),
                "startDate": day(-60), "expectedStartDate": day(-61), "expectedEndDate": day(300),
                "createdDatetime": ts(-90), "active": True, "requirementTypeSubCategory": T("F01", "Rehabilitation Activity"),
                "requirementTypeMainCategory": T("F", "Rehabilitation Activity Requirement (RAR)"),
                "adRequirementTypeMainCategory": T("ADM01", "Attend a Programme"),
                "adRequirementTypeSubCategory": T("AD01", "Attend Programme"), "length": 20, "lengthUnit": "Days",
                "restrictive": False, "softDeleted": False, "rarCount": 5}
    if which == "inactive":
        return {"requirementId": x.rq_inactive, "requirementNotes": "", "terminationDate": day(-1),
                "createdDatetime": ts(-90), "active": False, "requirementTypeMainCategory": T("J", "Curfew"),
                "terminationReason": T("RTC", "Completed"), "length": 10, "lengthUnit": "Days",
                "restrictive": True, "softDeleted": False}
    if which == "deleted":
        return {"requirementId": x.rq_deleted, "requirementNotes": "deleted", "createdDatetime": ts(-90),
                "active": True, "softDeleted": True}
    return {"requirementId": x.rq_inactive_deleted, "requirementNotes": "inactive and deleted",
            "createdDatetime": ts(-90), "active": False, "softDeleted": True}


@pytest.fixture(scope="module")
def ad_main(srv):
    return srv.query("SELECT DESCRIPTION FROM R_AD_RQMNT_TYPE_MAIN_CATEGORY WHERE AD_RQMNT_TYPE_MAIN_CATEGORY_ID = 1")[0][0]


def fix_ad(req, ad_main):
    if "adRequirementTypeMainCategory" in req:
        req["adRequirementTypeMainCategory"] = T("ADM01", ad_main)
    return req


@pytest.mark.parametrize("query,which", [("", "active"), ("?activeOnly=true&excludeSoftDeleted=true", "active"),
                                         ("?activeOnly=false", "inactive"), ("?excludeSoftDeleted=false", "deleted"),
                                         ("?activeOnly=false&excludeSoftDeleted=false", "inactive_deleted")])
def test_requirements_exact_match_filters(srv, x, ad_main, query, which):
    """Decision 6: both filters are exact matches (false selects only inactive / only deleted rows)."""
    body = ok(srv, f"{P}/convictions/{E_CUR}/requirements{query}", "ConvictionRequirements")
    assert body == {"requirements": [fix_ad(requirement_json(x, which), ad_main)]}


def test_requirements_of_inactive_and_deleted_events(srv, x):
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/requirements", "ConvictionRequirements") == {"requirements": []}
    # §1.4 row 3: the conviction look-up does not filter soft-deleted events
    assert ok(srv, f"{P}/convictions/{x.e_deleted}/requirements", "ConvictionRequirements") == {"requirements": []}
    err(srv, f"{P}/convictions/3/requirements", 404, "Conviction with convictionId 3 not found")
    err(srv, f"/probation-case/Z123456/convictions/{E_CUR}/requirements", 404,
        f"Conviction with convictionId {E_CUR} not found")


def test_requirements_bad_boolean_is_400(srv, x):
    r = get(srv, f"{P}/convictions/{E_CUR}/requirements?activeOnly=yes")
    assert r.status == 400 and "activeOnly" in r.json()["message"]


# --------------------------------------------------------------------------- §2.13 / §2.16

def test_pss_requirements(srv, x):
    main = dict(srv.query("SELECT PSS_RQMNT_TYPE_MAIN_CATEGORY_ID, DESCRIPTION FROM R_PSS_RQMNT_TYPE_MAIN_CATEGORY"))
    sub = dict(srv.query("SELECT PSS_RQMNT_TYPE_SUB_CATEGORY_ID, DESCRIPTION FROM R_PSS_RQMNT_TYPE_SUB_CATEGORY"))
    assert ok(srv, f"{P}/convictions/{E_CUR}/pssRequirements", "PssRequirements") == {"pssRequirements": [
        {"type": T("A", main[1]), "subType": T("A1", sub[1]), "active": True},
        {"type": T("B", main[2]), "active": False}]}
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/pssRequirements", "PssRequirements") == {"pssRequirements": []}
    err(srv, f"{P}/convictions/3/pssRequirements", 404, "Conviction with convictionId 3 not found")


def test_licence_conditions(srv, x):
    main = srv.query("SELECT DESCRIPTION FROM R_LIC_COND_TYPE_MAIN_CAT WHERE LIC_COND_TYPE_MAIN_CAT_ID = 1")[0][0]
    assert ok(srv, f"{P}/convictions/{E_CUR}/licenceConditions", "LicenceConditions") == {"licenceConditions": [
        {"licenceConditionNotes": "Licence condition notes", "startDate": day(-1), "commencementDate": day(0),
         "commencementNotes": "Commenced", "createdDateTime": "2024-06-14T18:59:19.420309", "active": True,
         "licenceConditionTypeMainCat": T("NLC1", main),
         "licenceConditionTypeSubCat": T("NLC1A", "Reside at an address approved by the supervising officer")}]}
    assert ok(srv, f"/probation-case/U123456/convictions/{x.e_u}/licenceConditions", "LicenceConditions") == \
        {"licenceConditions": []}
    err(srv, f"{P}/convictions/3/licenceConditions", 404, "Conviction with convictionId 3 not found")


# --------------------------------------------------------------------------- §2.14 / §2.15 NSIs

def breach_nsi(x, ad_main):
    staff_john = {"username": "JohnSmithNPS", "staffCode": "N07P01A", "staffIdentifier": STAFF_JOHN,
                  "staff": {"forenames": "John Paul", "surname": "Smith"}, "teams": [UTS_JSON, TEAM_ONE_JSON],
                  "probationArea": LONDON, "staffGrade": T("PO", "Probation Officer")}
    staff_unallocated = {"staffCode": "N07UAAU", "staffIdentifier": STAFF_UNALLOCATED,
                         "staff": {"forenames": "Unallocated", "surname": "Staff"}, "teams": [],
                         "probationArea": WESTSIDE}
    return {
        "nsiId": x.nsi, "nsiType": T("BRE", "Breach Request"), "nsiSubType": T("NSST01", "Standard"),
        "nsiOutcome": T("BRE01", "Breach Proven - Order to Continue"),
        "requirement": fix_ad(requirement_json(x, "active"), ad_main),
        "nsiStatus": T("BRE01", "Breach Initiated"), "statusDateTime": "2024-06-13T09:30:00",
        "actualStartDate": day(-2), "expectedStartDate": day(-3), "expectedEndDate": day(30),
        "referralDate": day(-3), "length": 12, "lengthUnit": "Months",
        # by start date: the inactive manager (ended 10 days ago) first
        "nsiManagers": [
            {"probationArea": LONDON, "team": UTS_JSON, "staff": staff_unallocated, "startDate": day(-20),
             "endDate": day(-10)},
            {"probationArea": LONDON, "team": TEAM_ONE_JSON, "staff": staff_john, "startDate": day(-10)},
        ],
        "notes": "Breach notes", "intendedProvider": WESTSIDE, "active": True, "softDeleted": False,
        "externalReference": "urn:x:1",
    }


def recall_nsi(x):
    return {"nsiId": x.recall, "nsiType": T("REC", "Recall Request"), "nsiOutcome": T("REC01", "Fixed Term Recall"),
            "nsiStatus": T("REC05", "Recall Rejected by NPS"), "statusDateTime": ts(-2), "referralDate": day(-3),
            "lengthUnit": "Months", "nsiManagers": [], "active": False, "softDeleted": True,
            "recallRejectedOrWithdrawn": True, "outcomeRecall": True}


def test_nsis_by_code(srv, x, ad_main):
    body = ok(srv, f"{P}/convictions/{E_CUR}/nsis?nsiCodes=BRE", "NsiDetails")
    assert body == {"nsis": [breach_nsi(x, ad_main)]}


@pytest.mark.parametrize("query", ["nsiCodes=BRE,REC", "nsiCodes=REC&nsiCodes=BRE", "nsiCodes=%20BRE%20,REC,XYZ"])
def test_nsis_code_list_forms(srv, x, ad_main, query):
    body = ok(srv, f"{P}/convictions/{E_CUR}/nsis?{query}", "NsiDetails")
    assert body == {"nsis": [breach_nsi(x, ad_main), recall_nsi(x)]}


def test_nsis_unknown_code_and_other_event(srv, x):
    assert ok(srv, f"{P}/convictions/{E_CUR}/nsis?nsiCodes=XYZ", "NsiDetails") == {"nsis": []}
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/nsis?nsiCodes=BRE", "NsiDetails") == {"nsis": []}


@pytest.mark.parametrize("query", ["", "?nsiCodes=", "?other=BRE"])
def test_nsis_without_codes_is_400(srv, x, query):
    r = get(srv, f"{P}/convictions/{E_CUR}/nsis{query}")
    assert r.status == 400, r
    body = r.json()
    assert body["message"] == "Required parameter 'nsiCodes' is not present."
    assert set(body) == {"timestamp", "status", "error", "path", "message"}


def test_nsis_404s(srv, x):
    err(srv, f"/probation-case/A123456/convictions/{E_CUR}/nsis?nsiCodes=BRE", 404,
        "Person with crn of A123456 not found")
    err(srv, f"{P}/convictions/3/nsis?nsiCodes=BRE", 404, f"Conviction with ID 3 for Offender with crn {C_CRN} not found")


def test_nsi_by_id(srv, x, ad_main):
    assert ok(srv, f"{P}/convictions/{E_CUR}/nsis/{x.nsi}", "Nsi") == breach_nsi(x, ad_main)
    assert ok(srv, f"{P}/convictions/{E_CUR}/nsis/{x.recall}", "Nsi") == recall_nsi(x)
    # §2.15: fetched by id only, once person and event are valid
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/nsis/{x.nsi}", "Nsi")["nsiId"] == x.nsi
    err(srv, f"{P}/convictions/{E_CUR}/nsis/424242", 404, "NSI with id 424242 not found")
    err(srv, f"{P}/convictions/3/nsis/{x.nsi}", 404, f"Conviction with ID 3 for Offender with crn {C_CRN} not found")


RECALL_CASES = [
    # status, outcome, recallRejectedOrWithdrawn, outcomeRecall (None = omitted); decision 7 (community-api)
    ("REC01", "REC01", False, True), ("REC01", "REC02", False, True), ("REC02", "REC03", True, False),
    ("REC04", "REC04", True, False), ("REC09", "REC05", True, False), ("REC05", None, True, None),
    ("REC10", "REC01", True, True), ("REC06", None, False, None), ("REC03", "BRE01", False, None),
    ("INPROG", "REC03", None, False), ("INPROG", None, None, None), ("BRE01", "REC01", None, True),
]


@pytest.mark.parametrize("status,outcome,rejected,recall", RECALL_CASES)
def test_recall_flags(srv, x, status, outcome, rejected, recall):
    fx = srv.fx
    nsi = fx.nsi(x.c, E_CUR, NSI_TYPE_REC, status, NSI_OUTCOME_ID=NSI_OUTCOME[outcome] if outcome else None)
    body = ok(srv, f"{P}/convictions/{E_CUR}/nsis/{nsi}", "Nsi")
    srv.sql("DELETE FROM NSI WHERE NSI_ID = ?", (nsi,))
    assert body.get("recallRejectedOrWithdrawn") == rejected and ("recallRejectedOrWithdrawn" in body) == (rejected is not None)
    assert body.get("outcomeRecall") == recall and ("outcomeRecall" in body) == (recall is not None)


# --------------------------------------------------------------------------- §2.17 - §2.19

def test_court_reports(srv, x):
    body = ok(srv, f"{P}/convictions/{E_CUR}/courtReports", "CourtReportMinimal")
    assert body == [
        {"courtReportId": x.report, "offenderId": x.c, "requestedDate": ts(-5), "requiredDate": ts(-2, "17:00:00"),
         "allocationDate": ts(-4), "completedDate": "2024-06-13T18:59:19.420309",
         "courtReportType": T("CJF", "Pre-Sentence Report - Fast"),
         "reportManagers": [{"staff": JOHN_HUMAN, "active": True}],
         "deliveredCourtReportType": T("CJO", "Oral Pre-Sentence Report")},
        {"courtReportId": x.report2, "offenderId": x.c, "requestedDate": ts(-5), "requiredDate": ts(5),
         "reportManagers": []},
    ]
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/courtReports", "CourtReportMinimal") == []
    err(srv, f"{P}/convictions/3/courtReports", 404, f"Conviction with ID 3 for Offender with crn {C_CRN} not found")


def test_court_appearances(srv, x):
    assert ok(srv, f"{P}/convictions/{E_CUR}/courtAppearances", "CourtAppearanceBasicWrapper") == {
        "courtAppearances": [
            {"courtAppearanceId": x.a1, "appearanceDate": ts(-1, "12:00:00"), "courtCode": "CMBGMC",
             "courtName": "Camberwell Green Magistrates Court", "appearanceType": T("S", "Sentence"), "crn": C_CRN},
            {"courtAppearanceId": x.a2, "appearanceDate": ts(-5), "courtCode": "CMBGMC",
             "courtName": "Camberwell Green Magistrates Court", "appearanceType": T("T", "Trial"), "crn": C_CRN},
        ]}
    assert ok(srv, f"{P}/convictions/{x.e_inactive}/courtAppearances", "CourtAppearanceBasicWrapper") == \
        {"courtAppearances": []}
    err(srv, f"{P}/convictions/3/courtAppearances", 404,
        f"Conviction with ID 3 for Offender with crn {C_CRN} not found")


def test_attendances(srv, x):
    c295 = T("C295", "Office Appointment - Attendance (NS)")
    assert ok(srv, f"{P}/convictions/{E_CUR}/attendancesFilter", "Attendances") == {"attendances": [
        {"attended": True, "complied": True, "attendanceDate": day(-3), "contactId": x.att1,
         "outcome": "Attended - Complied", "contactType": c295},
        {"attended": False, "complied": False, "attendanceDate": day(0), "contactId": x.att2, "contactType": c295},
    ]}
    # §2.19: the event is not validated
    assert ok(srv, f"{P}/convictions/3/attendancesFilter", "Attendances") == {"attendances": []}


# --------------------------------------------------------------------------- errors, roles, aliases

def routes(x):
    e = E_CUR
    return [f"/convictions", f"/convictions/{e}", f"/convictions/{e}/sentenceStatus",
            f"/convictions/{e}/requirements", f"/convictions/{e}/pssRequirements",
            f"/convictions/{e}/licenceConditions", f"/convictions/{e}/nsis?nsiCodes=BRE",
            f"/convictions/{e}/nsis/{x.nsi}", f"/convictions/{e}/courtReports",
            f"/convictions/{e}/courtAppearances", f"/convictions/{e}/attendancesFilter"]


SUFFIXES = ["/convictions", "/convictions/E", "/convictions/E/sentenceStatus", "/convictions/E/requirements",
            "/convictions/E/pssRequirements", "/convictions/E/licenceConditions", "/convictions/E/nsis?nsiCodes=BRE",
            "/convictions/E/nsis/N", "/convictions/E/courtReports", "/convictions/E/courtAppearances",
            "/convictions/E/attendancesFilter"]


def path_of(x, suffix, crn=C_CRN, prefix="/probation-case/{crn}"):
    return prefix.format(crn=crn) + suffix.replace("E", str(E_CUR)).replace("/N", f"/{x.nsi}")


PREFIXES = ["/probation-case/{crn}", "/secure/offenders/crn/{crn}"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_alias_is_byte_identical(srv, x, suffix):
    a = get(srv, path_of(x, suffix))
    b = get(srv, path_of(x, suffix, prefix=PREFIXES[1]))
    assert a.status == b.status == 200
    assert a.body == b.body and len(a.body) > 2
    a = get(srv, path_of(x, suffix, crn="A123456"))
    b = get(srv, path_of(x, suffix, crn="A123456", prefix=PREFIXES[1]))
    assert a.status == b.status == 404 and a.body == b.body
    assert a.json() == {"status": 404, "developerMessage": "Person with crn of A123456 not found"}


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_no_token_is_401(srv, x, prefix, suffix):
    r = srv.get(path_of(x, suffix, prefix=prefix))
    assert r.status == 401
    assert r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_wrong_role_is_403(srv, x, prefix, suffix):
    for roles in ([], [TIER], [UPW]):
        r = get(srv, path_of(x, suffix, prefix=prefix), roles=roles)
        assert r.status == 403, (roles, r)
        assert r.json() == {"status": 403, "developerMessage": "Access Denied"}


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_admin_passes(srv, x, suffix):
    assert get(srv, path_of(x, suffix), roles=[ADMIN]).status == 200


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("suffix", [s for s in SUFFIXES if "/E" in s])
@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999"])
def test_non_numeric_conviction_id_is_400(srv, x, prefix, suffix, bad):
    path = (prefix.format(crn=C_CRN) + suffix.replace("/N", f"/{x.nsi}")).replace("/E", f"/{bad}", 1)
    r = get(srv, path)
    assert r.status == 400, r
    body = r.json()
    assert body["status"] == 400 and "convictionId" in body["message"]
    assert set(body) == {"timestamp", "status", "error", "path", "message"}


def test_non_numeric_nsi_id_is_400(srv, x):
    r = get(srv, f"{P}/convictions/{E_CUR}/nsis/abc")
    assert r.status == 400 and "nsiId" in r.json()["message"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_unknown_person_is_404(srv, x, suffix):
    err(srv, path_of(x, suffix, crn="X999999"), 404, "Person with crn of X999999 not found")


# --------------------------------------------------------------------------- no N+1

def rich_case(fx, crn, nconv, nreq, nnsi):
    """A person with nconv convictions, each with nreq requirements and nnsi NSIs and several of every
    other child row kind."""
    p = fx.person(crn)
    events = []
    for i in range(nconv):
        e = fx.event(p, str(i + 1), referral=day(-10 - i), court=COURT_CMBGMC)
        d = fx.disposal(e, DISPOSAL_CURFEW, UPW=1)
        cu = fx.custody(d, CUSTODIAL_B, INSTITUTION_ID=1, ESTABLISHMENT="Y")
        for code in list(KEY_DATE)[: 1 + (nreq > 1) * 8]:
            fx.key_date(cu, code, day(5))
        fx.ins("RELEASE", RELEASE_ID=nid(), CUSTODY_ID=cu, ACTUAL_RELEASE_DATE=ts(-3), SOFT_DELETED=0)
        upw = fx.ins("UPW_DETAILS", UPW_DETAILS_ID=nid(), DISPOSAL_ID=d, UPW_LENGTH_MINUTES=60,
                     UPW_STATUS_ID=UPW_STATUS_UIP, SOFT_DELETED=0)
        fx.main_offence(e, p)
        reqs = []
        for j in range(nreq):
            reqs.append(fx.requirement(d, RQMNT_TYPE_MAIN_CATEGORY_ID=RQ_MAIN_F, RAR_COUNT=j))
            fx.additional_offence(e)
            fx.ins("ADDITIONAL_SENTENCE", ADDITIONAL_SENTENCE_ID=nid(), EVENT_ID=e,
                   ADDITIONAL_SENTENCE_TYPE_ID=ADD_SENT_DISQ, SOFT_DELETED=0)
            fx.ins("UPW_APPOINTMENT", UPW_APPOINTMENT_ID=nid(), UPW_DETAILS_ID=upw, UPW_PROJECT_ID=1,
                   APPOINTMENT_DATE=day(-j), MINUTES_CREDITED=60, ATTENDED="Y", COMPLIED="Y", SOFT_DELETED=0)
            fx.ins("PSS_RQMNT", PSS_RQMNT_ID=nid(), CUSTODY_ID=cu, PSS_RQMNT_TYPE_MAIN_CAT_ID=PSS_MAIN_A,
                   ACTIVE_FLAG=1, SOFT_DELETED=0)
            fx.ins("LIC_CONDITION", LIC_CONDITION_ID=nid(), DISPOSAL_ID=d, START_DATE=day(-1),
                   CREATED_DATETIME=ts(-1), LIC_COND_TYPE_MAIN_CAT_ID=LIC_MAIN_NLC1, ACTIVE_FLAG=1, SOFT_DELETED=0)
            fx.contact(p, e, day(-1 - j), outcome=OUTCOME_ATTC, attended="Y", complied="Y")
            fx.order_manager(e, STAFF_JOHN, TEAM_ONE, start=ts(-j))
            a = fx.appearance(e, p, ts(-j), "S", "104")
            rep = fx.court_report(p, a)
            fx.report_manager(rep, STAFF_JOHN)
            fx.report_manager(rep, STAFF_UNALLOCATED)
        for k in range(nnsi):
            n = fx.nsi(p, e, NSI_TYPE_BRE, "BRE01", RQMNT_ID=reqs[k % len(reqs)], INTENDED_PROVIDER_ID=AREA_WSI)
            fx.nsi_manager(n, STAFF_JOHN, TEAM_ONE, start=ts(-5))
            fx.nsi_manager(n, STAFF_UNALLOCATED, TEAM_N07UTS, start=ts(-9), end=ts(-5))
        events.append(e)
    return events


def query_counts(d, paths):
    counts, prev = [], None
    for p in [paths[0]] + list(paths):       # warm-up request first: its count is the baseline
        r = get(d, p)
        assert r.status == 200, (p, r)
        n = int(r.headers["x-query-count"])
        if prev is not None:
            counts.append(n - prev)
        prev = n
    return counts


# per route: the statement count stated beside its handler (every statement of a request shares
# the request's read transaction, whose BEGIN and COMMIT are not counted)
BUDGET = {"/convictions": 8, "/convictions/E": 8, "/convictions/E/sentenceStatus": 3,
          "/convictions/E/requirements": 3, "/convictions/E/pssRequirements": 3,
          "/convictions/E/licenceConditions": 3, "/convictions/E/nsis?nsiCodes=BRE": 5,
          "/convictions/E/nsis/N": 5, "/convictions/E/courtReports": 4, "/convictions/E/courtAppearances": 3,
          "/convictions/E/attendancesFilter": 2}


@pytest.fixture(scope="module")
def rich(srv, x):
    """Q000001 (1 x 1 x 1) and Q000005 (5 x 10 x 5), built once for the tests that need them."""
    return rich_case(srv.fx, "Q000001", 1, 1, 1), rich_case(srv.fx, "Q000005", 5, 10, 5)


def test_fixed_number_of_queries(srv, rich):
    small, big = rich
    nsi_small = srv.query("SELECT MIN(NSI_ID) FROM NSI WHERE EVENT_ID = ?", (small[0],))[0][0]
    nsi_big = srv.query("SELECT MIN(NSI_ID) FROM NSI WHERE EVENT_ID = ?", (big[2],))[0][0]
    body = ok(srv, "/probation-case/Q000005/convictions", "Conviction")
    assert len(body) == 5 and all(len(c["offences"]) == 11 and len(c["orderManagers"]) == 10 for c in body)
    assert len(ok(srv, f"/probation-case/Q000005/convictions/{big[2]}/requirements",
                  "ConvictionRequirements")["requirements"]) == 10
    nsis = ok(srv, f"/probation-case/Q000005/convictions/{big[2]}/nsis?nsiCodes=BRE", "NsiDetails")["nsis"]
    assert len(nsis) == 5 and all(len(n["nsiManagers"]) == 2 for n in nsis)
    for suffix, budget in BUDGET.items():
        paths = [("/probation-case/Q000001" + suffix).replace("/E", f"/{small[0]}").replace("/N", f"/{nsi_small}"),
                 ("/probation-case/Q000005" + suffix).replace("/E", f"/{big[2]}").replace("/N", f"/{nsi_big}")]
        counts = query_counts(srv, paths)
        assert counts[0] == counts[1] == budget, (suffix, counts)


def test_schema_of_rich_case(srv, rich):
    """Bigger bodies still match the contract (every route, the list included)."""
    ev = rich[1][0]
    ok(srv, f"/probation-case/Q000005/convictions/{ev}", "Conviction")
    ok(srv, f"/probation-case/Q000005/convictions/{ev}/courtReports", "CourtReportMinimal")


def test_convictions_bad_active_only_is_400(srv, x):
    for prefix in PREFIXES:
        r = get(srv, prefix.format(crn=C_CRN) + "/convictions?activeOnly=maybe")
        assert r.status == 400 and "activeOnly" in r.json()["message"], r


# --------------------------------------------------------------------------- the demo data

SEED_PEOPLE = 150


@pytest.fixture(scope="module")
def seeded(keys, tmp_path_factory):
    """`deliusd seed` data (what `make run` serves), with today left unpinned."""
    from conftest import run
    tmp = str(tmp_path_factory.mktemp("ccseed"))
    db = new_database(tmp)
    run(["seed", "--quiet", "--people", str(SEED_PEOPLE), "--random-seed", "3"], env={"DELIUSD_DATABASE": db.url})
    d = Deliusd(db, keys, tmpdir=tmp).start()
    yield d
    d.stop()
    drop_database(db)


def test_every_route_on_the_demo_data(seeded):
    """Every conviction of the seeded people through every route: 200, the seed contract, and
    across them every list is non-empty somewhere (the demo data exercises every branch)."""
    rows = seeded.query("SELECT O.CRN, E.EVENT_ID FROM EVENT E JOIN OFFENDER O ON O.OFFENDER_ID = E.OFFENDER_ID"
                        " WHERE E.SOFT_DELETED = 0 ORDER BY E.EVENT_ID")
    codes = ",".join(c.strip() for (c,) in seeded.query("SELECT CODE FROM R_NSI_TYPE"))
    seen = {k: 0 for k in ("sentence", "custody", "unpaidWork", "additionalSentences", "requirements",
                           "pssRequirements", "licenceConditions", "nsis", "nsiManagers", "courtReports",
                           "reportManagers", "courtAppearances", "attendances", "orderManagers")}
    nsi_ids = []
    for crn, event in rows:
        base = f"/probation-case/{crn}/convictions/{event}"
        c = ok(seeded, base, "Conviction")
        for k in ("sentence", "custody", "orderManagers"):
            seen[k] += bool(c.get(k))
        seen["unpaidWork"] += "unpaidWork" in c.get("sentence", {})
        seen["additionalSentences"] += "additionalSentences" in c.get("sentence", {})
        seen["requirements"] += bool(ok(seeded, base + "/requirements", "ConvictionRequirements")["requirements"])
        seen["pssRequirements"] += bool(ok(seeded, base + "/pssRequirements", "PssRequirements")["pssRequirements"])
        seen["licenceConditions"] += bool(ok(seeded, base + "/licenceConditions", "LicenceConditions")["licenceConditions"])
        nsis = ok(seeded, base + f"/nsis?nsiCodes={codes}", "NsiDetails")["nsis"]
        seen["nsis"] += bool(nsis)
        seen["nsiManagers"] += any(n["nsiManagers"] for n in nsis)
        nsi_ids += [(base, n["nsiId"]) for n in nsis[:1]]
        reports = ok(seeded, base + "/courtReports", "CourtReportMinimal")
        seen["courtReports"] += bool(reports)
        seen["reportManagers"] += any(r["reportManagers"] for r in reports)
        seen["courtAppearances"] += bool(ok(seeded, base + "/courtAppearances",
                                            "CourtAppearanceBasicWrapper")["courtAppearances"])
        seen["attendances"] += bool(ok(seeded, base + "/attendancesFilter", "Attendances")["attendances"])
        # §2.11: 200 exactly when the conviction has a live disposal (its `sentence`), else 404
        r = get(seeded, base + "/sentenceStatus")
        if "sentence" in c:
            assert r.status == 200, r
            assert r.json()["sentenceId"] == c["sentence"]["sentenceId"]
            assert_schema(r.json(), "SentenceStatus", "001")
        else:
            assert r.status == 404 and r.json()["developerMessage"] == \
                f"Sentence not found for crn '{crn}', convictionId '{event}'", r
    for base, nsi in nsi_ids[:20]:
        ok(seeded, f"{base}/nsis/{nsi}", "Nsi")
    for (crn,) in seeded.query("SELECT CRN FROM OFFENDER ORDER BY OFFENDER_ID")[:40]:
        ok(seeded, f"/probation-case/{crn}/convictions", "Conviction")
    assert len(rows) > SEED_PEOPLE / 2
    assert all(seen.values()), seen
