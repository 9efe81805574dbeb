-- ================================================================================================
-- 0002_reference_data.sql - reference data deliusd needs to run, with fixed ids.
--
-- Codes the logic depends on (delius-schema.md section 12, the three service specs) plus a small set
-- of realistic demo codes for every other reference set, so deliusd seed can fill every
-- reference column. Descriptions are plain ASCII.
--
-- ID SCHEME (the seed generator and tests may rely on these ids, but looking codes up is preferred)
--   * every id inserted here is below 100000. deliusd seed and test fixtures must use ids >= 100000
--     for rows they create in any of these tables (and are free to use any ids elsewhere).
--   * R_REFERENCE_DATA_MASTER_ID = the set number N below (1..99).
--   * R_STANDARD_REFERENCE_LIST_ID = N * 1000 + k, k = position of the code in its set (1..999),
--     in the order listed. Examples: TIER UD2 = 1015, TIER CHANGE REASON ATS = 2001,
--     ADDRESS STATUS M = 3001, GENDER M = 4001, NSI OUTCOME BRE01 = 21001, REC01 = 21017.
--   * tables with their own CODE column: ids 1, 2, 3 ... in the order listed below.
--   * PARTITION_AREA 0 = National Data (every write sets PARTITION_AREA_ID = 0).
--   * service users USER_: 1 TierToDelius, 2 UnpaidWorkAndDelius, 3 CourtCaseAndDelius.
--   * BUSINESS_INTERACTION: 1 WPBI006 (upload document), 2 CLBI007 (update contact), enabled since 2000.
--   * organisation: ORGANISATION 1. PROBATION_AREA i (i = 1..4) has BOROUGH i, DISTRICT i, the
--     unallocated team TEAM i = {AREA}UTS and staff STAFF i = {AREA}UTSO (STAFF_TEAM (i, i) and
--     OFFICER (i, 0)), which the tier consumer uses as staff and team of ETCH20 contacts.
--     LOCAL_DELIVERY_UNIT 1..4 are team types. EXTERNAL_PROVIDER 1 with PROVIDER_TEAM 1 in area 1.
--   * COURT 1..4 and UPW_PROJECT 1..3 are demo rows the seed may point events and appointments at.
--   * sequences: DELIUSD_SEQUENCE (migration 0001) starts CONTACT_ID_SEQ and DOCUMENT_ID_SEQ at
--     1000000. The seed must raise them above the largest CONTACT_ID / DOCUMENT_ID it loads.
--
-- R_REFERENCE_DATA_MASTER / R_STANDARD_REFERENCE_LIST (set N: code = id)
--   1 TIER
--      UA0=1001, UA1=1002, UA2=1003, UA3=1004, UB0=1005, UB1=1006, UB2=1007, UB3=1008, UC0=1009,
--      UC1=1010, UC2=1011, UC3=1012, UD0=1013, UD1=1014, UD2=1015, UD3=1016
--   2 TIER CHANGE REASON
--      ATS=2001
--   3 ADDRESS STATUS
--      M=3001, P=3002, S=3003
--   4 GENDER
--      M=4001, F=4002, N=4003
--   5 GENDER IDENTITY
--      GI01=5001, GI02=5002, GI03=5003, GI04=5004, GI99=5005
--   6 ETHNICITY
--      A1=6001, A2=6002, A3=6003, A9=6004, B1=6005, B2=6006, B9=6007, M1=6008, M2=6009, M3=6010,
--      M9=6011, O1=6012, O9=6013, W1=6014, W2=6015, W9=6016, Z1=6017
--   7 LANGUAGE
--      001=7001, 002=7002, 003=7003, 004=7004, 005=7005, 006=7006, 007=7007, 008=7008, 009=7009,
--      010=7010
--   8 NATIONALITY
--      BRIT=8001, FRE=8002, IRI=8003, POL=8004, ROM=8005, LIT=8006, IND=8007, PAK=8008, JAM=8009,
--      NIG=8010
--   9 RELIGION
--      CHR=9001, MUS=9002, HIN=9003, SIK=9004, JEW=9005, BUD=9006, OTH=9007, NOR=9008, NS=9009
--   10 SEXUAL ORIENTATION
--      HET=10001, GAY=10002, BIS=10003, OTH=10004, NS=10005
--   11 IMMIGRATION STATUS
--      BC=11001, EUSS=11002, ILR=11003, LTR=11004, AS=11005, UNK=11006
--   12 TITLE
--      MR=12001, MRS=12002, MS=12003, MISS=12004, MX=12005, DR=12006
--   13 DISABILITY TYPE
--      HD=13001, VI=13002, LD=13003, MI=13004, PD=13005, SI=13006, RM=13007
--   14 DISABILITY CONDITION
--      HD1=14001, HD2=14002, VI1=14003, VI2=14004, LD1=14005, MI1=14006, MI2=14007, PD1=14008
--   15 DISABILITY PROVISION
--      H=15001, LP=15002, BSL=15003, WA=15004, ET=15005
--   16 DISABILITY PROVISION CATEGORY
--      H1=16001, H2=16002, LP1=16003, WA1=16004, ET1=16005
--   17 RELATIONSHIP
--      DOC=17001, FAM=17002, PAR=17003, FRD=17004, EMP=17005, SOL=17006, SW=17007
--   18 REGISTER LEVEL
--      M1=18001, M2=18002, M3=18003
--   19 REGISTER CATEGORY
--      M1=19001, M2=19002, M3=19003, M4=19004
--   20 REGISTER TYPE FLAG
--      1=20001, 2=20002, 3=20003, 4=20004, 5=20005
--   21 NSI OUTCOME
--      BRE01=21001, BRE02=21002, BRE03=21003, BRE04=21004, BRE05=21005, BRE06=21006, BRE07=21007,
--      BRE08=21008, BRE09=21009, BRE10=21010, BRE11=21011, BRE12=21012, BRE13=21013, BRE14=21014,
--      BRE15=21015, BRE16=21016, REC01=21017, REC02=21018, REC03=21019, REC04=21020, REC05=21021
--   22 NSI SUB TYPE
--      NSST01=22001, NSST02=22002
--   23 ADDRESS TYPE
--      A01A=23001, A02=23002, A03=23003, A04=23004, A07=23005, A16=23006
--   24 OM ALLOCATION REASON
--      IN1=24001, RA=24002, TRF=24003, AUT=24004
--   25 OFFICER GRADE
--      PSO=25001, PO=25002, SPO=25003, PQIP=25004, ACO=25005
--   26 COURT TYPE
--      MAG=26001, CRN=26002, YTH=26003
--   27 COURT APPEARANCE TYPE
--      S=27001, T=27002, CRN=27003
--   28 COURT APPEARANCE OUTCOME
--      101=28001, 102=28002, 103=28003, 104=28004, 201=28005, 301=28006
--   29 KEY DATE TYPE
--      ACR=29001, LED=29002, HDE=29003, PED=29004, SED=29005, EXP=29006, PSSED=29007, POM1=29008,
--      POM2=29009
--   30 CUSTODIAL STATUS
--      A=30001, B=30002, C=30003, D=30004, P=30005
--   31 UNITS
--      D=31001, M=31002, H=31003, W=31004, Y=31005
--   32 DISPOSAL TERMINATION REASON
--      EN=32001, EC=32002, RV=32003, RS=32004, DE=32005
--   33 REQUIREMENT SUB CATEGORY
--      W01=33001, W02=33002, F01=33003, J01=33004, X01=33005, M01=33006, D01=33007, A01=33008,
--      P01=33009
--   34 ADDITIONAL REQUIREMENT SUB CATEGORY
--      AD01=34001, AD02=34002
--   35 REQUIREMENT TERMINATION REASON
--      RTC=35001, RTE=35002, RTR=35003, RTB=35004
--   36 LICENCE CONDITION SUB CATEGORY
--      NLC1A=36001, NLC2A=36002, NLC4A=36003, NLC5A=36004, NLC8A=36005
--   37 ADDITIONAL SENTENCE
--      DISQ=37001, FINE=37002, COMP=37003, COST=37004, FORF=37005
--   38 UPW STATUS
--      UIP=38001, UC=38002, US=38003, UT=38004
--   39 ESTABLISHMENT TYPE
--      P=39001, Y=39002, I=39003, H=39004
--   40 OGRS OFFENCE CATEGORY
--      01=40001, 02=40002, 03=40003, 04=40004, 05=40005, 06=40006, 07=40007, 08=40008, 09=40009,
--      10=40010, 11=40011, 12=40012
--   41 INSTITUTIONAL REPORT TYPE
--      PAR=41001, HDC=41002, ROTL=41003
--
-- Own-code reference tables (id code):
--   R_CONTACT_TYPE: 1 ETCH20, 2 EASU, 3 C294, 4 C295, 5 COAI, 6 COAP, 7 CHVS, 8 COVC, 9 UPWA,
--                   10 CTOA, 11 CADM, 12 CSEN, 13 ERGR
--   R_CONTACT_OUTCOME_TYPE: 1 ATTC, 2 AFTC, 3 AFTA, 4 AACL, 5 AAME, 6 RSSR
--   R_DISPOSAL_TYPE (SENTENCE_TYPE): 1 SC (CJA - Std Determinate Custody),
--                                    2 SP (CJA - Community Order),
--                                    3 SP (CJA - Suspended Sentence Order),
--                                    4 SP (ORA Community Order),
--                                    5 SP (ORA Suspended Sentence Order),
--                                    6 SC (ORA Adult Custody (inc PSS)),
--                                    7 NC (Custody - Less than 12 Months),
--                                    8 SC (CJA - Extended Sentence), 9 SP (Curfew Order),
--                                    10 no type (Conditional Discharge)
--   R_RQMNT_TYPE_MAIN_CATEGORY: 1 W, 2 F, 3 MAIN, 4 J, 5 X, 6 M, 7 D, 8 A, 9 P, 10 W1
--   R_AD_RQMNT_TYPE_MAIN_CATEGORY: 1 ADM01, 2 ADM02
--   R_PSS_RQMNT_TYPE_MAIN_CATEGORY: 1 A, 2 B, 3 C
--   R_PSS_RQMNT_TYPE_SUB_CATEGORY: 1 A1, 2 B1, 3 C1
--   R_LIC_COND_TYPE_MAIN_CAT: 1 NLC1, 2 NLC2, 3 NLC4, 4 NLC5, 5 NLC8
--   R_NSI_TYPE: 1 BRE, 2 REC, 3 CRS01, 4 APCUS
--   R_NSI_STATUS: 1 REC01, 2 REC02, 3 REC03, 4 REC04, 5 REC05, 6 REC06, 7 REC07, 8 REC08, 9 REC09,
--                 10 REC10, 11 BRE01, 12 BRE02, 13 BRE03, 14 BRE04, 15 BRE05, 16 INPROG, 17 COMP
--   R_REGISTER_TYPE: 1 MAPPA, 2 ROSH, 3 RVHR, 4 RHRH, 5 RMRH, 6 RLRH, 7 ALSH, 8 WEAP, 9 ADVP,
--                    10 RCCO, 11 STRG, 12 INTP, 13 HREG
--   R_OFFENCE: 1 56001, 2 02801, 3 03001, 4 04600, 5 00801, 6 10501, 7 09201, 8 05301, 9 80301,
--              10 06601, 11 03401, 12 05800
--   R_COURT_REPORT_TYPE: 1 CJF, 2 CJS, 3 CJO
--   R_INSTITUTION (id, ESTABLISHMENT): (1,Y) WSIHMP, (2,Y) LEIHMP, (3,Y) MDIHMP, (4,Y) BWIHMP,
--                                      (5,Y) OWIHMP
--   R_CIRCUMSTANCE_TYPE: 1 PM, 2 EMP, 3 ACC, 4 CAR, 5 VET
--   R_CIRCUMSTANCE_SUB_TYPE: 1 D07, 2 D06, 3 EMP01, 4 EMP02, 5 EMP03, 6 ACC01, 7 ACC02, 8 CAR01,
--                            9 VET01
--   R_ASSESSMENT_TYPE: 1 ASAP, 2 ASSM, 3 ASMH
--   R_REFERRAL_TYPE: 1 RFAP, 2 RFDT, 3 RFMH, 4 RFAC
--   R_TRANSFER_REASON: 1 CASE ORDER, 2 COMPONENT, 3 NSI
--   PROBATION_AREA: 1 N07, 2 N53, 3 N54, 4 WSI
--   LOCAL_DELIVERY_UNIT: 1 OMU, 2 UPW, 3 CRT, 4 UAT
--   COURT: 1 CMBGMC, 2 SWRKCC, 3 NTTMMC, 4 NWCSMC
-- ================================================================================================

-- ------------------------------------------------------------------------------------------------
-- Reference-data sets and codes
INSERT INTO R_REFERENCE_DATA_MASTER (REFERENCE_DATA_MASTER_ID, CODE_SET_NAME) VALUES
    (1, 'TIER'),
    (2, 'TIER CHANGE REASON'),
    (3, 'ADDRESS STATUS'),
    (4, 'GENDER'),
    (5, 'GENDER IDENTITY'),
    (6, 'ETHNICITY'),
    (7, 'LANGUAGE'),
    (8, 'NATIONALITY'),
    (9, 'RELIGION'),
    (10, 'SEXUAL ORIENTATION'),
    (11, 'IMMIGRATION STATUS'),
    (12, 'TITLE'),
    (13, 'DISABILITY TYPE'),
    (14, 'DISABILITY CONDITION'),
    (15, 'DISABILITY PROVISION'),
    (16, 'DISABILITY PROVISION CATEGORY'),
    (17, 'RELATIONSHIP'),
    (18, 'REGISTER LEVEL'),
    (19, 'REGISTER CATEGORY'),
    (20, 'REGISTER TYPE FLAG'),
    (21, 'NSI OUTCOME'),
    (22, 'NSI SUB TYPE'),
    (23, 'ADDRESS TYPE'),
    (24, 'OM ALLOCATION REASON'),
    (25, 'OFFICER GRADE'),
    (26, 'COURT TYPE'),
    (27, 'COURT APPEARANCE TYPE'),
    (28, 'COURT APPEARANCE OUTCOME'),
    (29, 'KEY DATE TYPE'),
    (30, 'CUSTODIAL STATUS'),
    (31, 'UNITS'),
    (32, 'DISPOSAL TERMINATION REASON'),
    (33, 'REQUIREMENT SUB CATEGORY'),
    (34, 'ADDITIONAL REQUIREMENT SUB CATEGORY'),
    (35, 'REQUIREMENT TERMINATION REASON'),
    (36, 'LICENCE CONDITION SUB CATEGORY'),
    (37, 'ADDITIONAL SENTENCE'),
    (38, 'UPW STATUS'),
    (39, 'ESTABLISHMENT TYPE'),
    (40, 'OGRS OFFENCE CATEGORY'),
    (41, 'INSTITUTIONAL REPORT TYPE');

-- set 1 TIER
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (1001, 'UA0', 'A0', 1),
    (1002, 'UA1', 'A1', 1),
    (1003, 'UA2', 'A2', 1),
    (1004, 'UA3', 'A3', 1),
    (1005, 'UB0', 'B0', 1),
    (1006, 'UB1', 'B1', 1),
    (1007, 'UB2', 'B2', 1),
    (1008, 'UB3', 'B3', 1),
    (1009, 'UC0', 'C0', 1),
    (1010, 'UC1', 'C1', 1),
    (1011, 'UC2', 'C2', 1),
    (1012, 'UC3', 'C3', 1),
    (1013, 'UD0', 'D0', 1),
    (1014, 'UD1', 'D1', 1),
    (1015, 'UD2', 'D2', 1),
    (1016, 'UD3', 'D3', 1);

-- set 2 TIER CHANGE REASON
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (2001, 'ATS', 'Assessment - Tier Score', 2);

-- set 3 ADDRESS STATUS
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (3001, 'M', 'Main', 3),
    (3002, 'P', 'Previous', 3),
    (3003, 'S', 'Secondary', 3);

-- set 4 GENDER
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (4001, 'M', 'Male', 4),
    (4002, 'F', 'Female', 4),
    (4003, 'N', 'Not Known', 4);

-- set 5 GENDER IDENTITY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (5001, 'GI01', 'Same as sex registered at birth', 5),
    (5002, 'GI02', 'Different from sex registered at birth', 5),
    (5003, 'GI03', 'Non-binary', 5),
    (5004, 'GI04', 'Prefer to self-describe', 5),
    (5005, 'GI99', 'Prefer not to say', 5);

-- set 6 ETHNICITY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (6001, 'A1', 'Asian or Asian British: Indian', 6),
    (6002, 'A2', 'Asian or Asian British: Pakistani', 6),
    (6003, 'A3', 'Asian or Asian British: Bangladeshi', 6),
    (6004, 'A9', 'Asian or Asian British: Other', 6),
    (6005, 'B1', 'Black or Black British: Caribbean', 6),
    (6006, 'B2', 'Black or Black British: African', 6),
    (6007, 'B9', 'Black or Black British: Other', 6),
    (6008, 'M1', 'Mixed: White and Black Caribbean', 6),
    (6009, 'M2', 'Mixed: White and Black African', 6),
    (6010, 'M3', 'Mixed: White and Asian', 6),
    (6011, 'M9', 'Mixed: Other', 6),
    (6012, 'O1', 'Chinese', 6),
    (6013, 'O9', 'Other Ethnic Group', 6),
    (6014, 'W1', 'White: British/English/Welsh/Scottish/Northern Irish', 6),
    (6015, 'W2', 'White: Irish', 6),
    (6016, 'W9', 'White: Other', 6),
    (6017, 'Z1', 'Not Stated', 6);

-- set 7 LANGUAGE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (7001, '001', 'English', 7),
    (7002, '002', 'Welsh', 7),
    (7003, '003', 'Polish', 7),
    (7004, '004', 'Romanian', 7),
    (7005, '005', 'Urdu', 7),
    (7006, '006', 'Punjabi', 7),
    (7007, '007', 'Arabic', 7),
    (7008, '008', 'Bengali', 7),
    (7009, '009', 'French', 7),
    (7010, '010', 'Lithuanian', 7);

-- set 8 NATIONALITY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (8001, 'BRIT', 'British', 8),
    (8002, 'FRE', 'French', 8),
    (8003, 'IRI', 'Irish', 8),
    (8004, 'POL', 'Polish', 8),
    (8005, 'ROM', 'Romanian', 8),
    (8006, 'LIT', 'Lithuanian', 8),
    (8007, 'IND', 'Indian', 8),
    (8008, 'PAK', 'Pakistani', 8),
    (8009, 'JAM', 'Jamaican', 8),
    (8010, 'NIG', 'Nigerian', 8);

-- set 9 RELIGION
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (9001, 'CHR', 'Christian', 9),
    (9002, 'MUS', 'Muslim', 9),
    (9003, 'HIN', 'Hindu', 9),
    (9004, 'SIK', 'Sikh', 9),
    (9005, 'JEW', 'Jewish', 9),
    (9006, 'BUD', 'Buddhist', 9),
    (9007, 'OTH', 'Other', 9),
    (9008, 'NOR', 'No Religion', 9),
    (9009, 'NS', 'Not Stated', 9);

-- set 10 SEXUAL ORIENTATION
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (10001, 'HET', 'Heterosexual or Straight', 10),
    (10002, 'GAY', 'Gay or Lesbian', 10),
    (10003, 'BIS', 'Bisexual', 10),
    (10004, 'OTH', 'Other', 10),
    (10005, 'NS', 'Prefer not to say', 10);

-- set 11 IMMIGRATION STATUS
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (11001, 'BC', 'British Citizen', 11),
    (11002, 'EUSS', 'EU Settlement Scheme', 11),
    (11003, 'ILR', 'Indefinite Leave to Remain', 11),
    (11004, 'LTR', 'Limited Leave to Remain', 11),
    (11005, 'AS', 'Asylum Seeker', 11),
    (11006, 'UNK', 'Unknown', 11);

-- set 12 TITLE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (12001, 'MR', 'Mr', 12),
    (12002, 'MRS', 'Mrs', 12),
    (12003, 'MS', 'Ms', 12),
    (12004, 'MISS', 'Miss', 12),
    (12005, 'MX', 'Mx', 12),
    (12006, 'DR', 'Dr', 12);

-- set 13 DISABILITY TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (13001, 'HD', 'Hearing Difficulties', 13),
    (13002, 'VI', 'Visual Impairment', 13),
    (13003, 'LD', 'Learning Difficulties', 13),
    (13004, 'MI', 'Mental Illness', 13),
    (13005, 'PD', 'Physical Disability', 13),
    (13006, 'SI', 'Speech Impairment', 13),
    (13007, 'RM', 'Reduced Mobility', 13);

-- set 14 DISABILITY CONDITION
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (14001, 'HD1', 'Tone deaf', 14),
    (14002, 'HD2', 'Profound deafness', 14),
    (14003, 'VI1', 'Partially sighted', 14),
    (14004, 'VI2', 'Blind', 14),
    (14005, 'LD1', 'Dyslexia', 14),
    (14006, 'MI1', 'Depression', 14),
    (14007, 'MI2', 'Anxiety', 14),
    (14008, 'PD1', 'Wheelchair user', 14);

-- set 15 DISABILITY PROVISION
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (15001, 'H', 'Hearing Aid', 15),
    (15002, 'LP', 'Large Print', 15),
    (15003, 'BSL', 'Sign Language Interpreter', 15),
    (15004, 'WA', 'Wheelchair Access', 15),
    (15005, 'ET', 'Extra Time', 15);

-- set 16 DISABILITY PROVISION CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (16001, 'H1', 'Hearing Aid in one ear', 16),
    (16002, 'H2', 'Hearing Aids in both ears', 16),
    (16003, 'LP1', 'Large print documents', 16),
    (16004, 'WA1', 'Ground floor appointments', 16),
    (16005, 'ET1', 'Longer appointments', 16);

-- set 17 RELATIONSHIP
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (17001, 'DOC', 'Doctor', 17),
    (17002, 'FAM', 'Family Member', 17),
    (17003, 'PAR', 'Partner', 17),
    (17004, 'FRD', 'Friend', 17),
    (17005, 'EMP', 'Employer', 17),
    (17006, 'SOL', 'Solicitor', 17),
    (17007, 'SW', 'Social Worker', 17);

-- set 18 REGISTER LEVEL
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (18001, 'M1', 'MAPPA Level 1', 18),
    (18002, 'M2', 'MAPPA Level 2', 18),
    (18003, 'M3', 'MAPPA Level 3', 18);

-- set 19 REGISTER CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (19001, 'M1', 'MAPPA Cat 1', 19),
    (19002, 'M2', 'MAPPA Cat 2', 19),
    (19003, 'M3', 'MAPPA Cat 3', 19),
    (19004, 'M4', 'MAPPA Cat 4', 19);

-- set 20 REGISTER TYPE FLAG
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (20001, '1', 'RoSH', 20),
    (20002, '2', 'Alerts', 20),
    (20003, '3', 'Safeguarding', 20),
    (20004, '4', 'Information', 20),
    (20005, '5', 'Public Protection', 20);

-- set 21 NSI OUTCOME
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (21001, 'BRE01', 'Breach Proven - Order to Continue', 21),
    (21002, 'BRE02', 'Breach Proven - Order Revoked and Resentenced', 21),
    (21003, 'BRE03', 'Breach Proven - Fine Imposed', 21),
    (21004, 'BRE04', 'Breach Proven - Additional Requirements Imposed', 21),
    (21005, 'BRE05', 'Breach Proven - Curfew Imposed', 21),
    (21006, 'BRE06', 'Breach Proven - Custody Imposed', 21),
    (21007, 'BRE07', 'Breach Proven - Order Extended', 21),
    (21008, 'BRE08', 'Breach Proven - Unpaid Work Hours Added', 21),
    (21009, 'BRE09', 'Breach Not Proven', 21),
    (21010, 'BRE10', 'Breach Proven - Community Order Revoked', 21),
    (21011, 'BRE11', 'Breach Withdrawn', 21),
    (21012, 'BRE12', 'Breach Dismissed', 21),
    (21013, 'BRE13', 'Breach Proven - Suspended Sentence Activated', 21),
    (21014, 'BRE14', 'Breach Proven - Suspended Sentence Varied', 21),
    (21015, 'BRE15', 'Breach Not Proceeded With', 21),
    (21016, 'BRE16', 'Breach Proven - No Further Action', 21),
    (21017, 'REC01', 'Fixed Term Recall', 21),
    (21018, 'REC02', 'Standard Recall', 21),
    (21019, 'REC03', 'Recall Rejected by NPS', 21),
    (21020, 'REC04', 'Recall Rejected by PPCS', 21),
    (21021, 'REC05', 'Recall Request Withdrawn', 21);

-- set 22 NSI SUB TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (22001, 'NSST01', 'Standard', 22),
    (22002, 'NSST02', 'Urgent', 22);

-- set 23 ADDRESS TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (23001, 'A01A', 'Householder (Owner - freehold or leasehold)', 23),
    (23002, 'A02', 'Approved Premises', 23),
    (23003, 'A03', 'Rental Accommodation - Private', 23),
    (23004, 'A04', 'Rental Accommodation - Social', 23),
    (23005, 'A07', 'Friends/Family', 23),
    (23006, 'A16', 'No Fixed Abode', 23);

-- set 24 OM ALLOCATION REASON
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (24001, 'IN1', 'Initial Allocation', 24),
    (24002, 'RA', 'Reallocation - Staff Change', 24),
    (24003, 'TRF', 'Transfer', 24),
    (24004, 'AUT', 'Automatic Transfer', 24);

-- set 25 OFFICER GRADE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (25001, 'PSO', 'Probation Services Officer', 25),
    (25002, 'PO', 'Probation Officer', 25),
    (25003, 'SPO', 'Senior Probation Officer', 25),
    (25004, 'PQIP', 'Trainee Probation Officer', 25),
    (25005, 'ACO', 'Assistant Chief Officer', 25);

-- set 26 COURT TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (26001, 'MAG', 'Magistrates Court', 26),
    (26002, 'CRN', 'Crown Court', 26),
    (26003, 'YTH', 'Youth Court', 26);

-- set 27 COURT APPEARANCE TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (27001, 'S', 'Sentence', 27),
    (27002, 'T', 'Trial', 27),
    (27003, 'CRN', 'Crown Court', 27);

-- set 28 COURT APPEARANCE OUTCOME
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (28001, '101', 'Adjourned - Pre-Sentence Report', 28),
    (28002, '102', 'Adjourned - Other', 28),
    (28003, '103', 'Remanded in Custody', 28),
    (28004, '104', 'Remanded on Bail', 28),
    (28005, '201', 'Sentenced', 28),
    (28006, '301', 'Committed to Crown Court for Sentence', 28);

-- set 29 KEY DATE TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (29001, 'ACR', 'Automatic Conditional Release Date', 29),
    (29002, 'LED', 'Licence Expiry Date', 29),
    (29003, 'HDE', 'HDC Eligibility Date', 29),
    (29004, 'PED', 'Parole Eligibility Date', 29),
    (29005, 'SED', 'Sentence Expiry Date', 29),
    (29006, 'EXP', 'Expected Release Date', 29),
    (29007, 'PSSED', 'PSS End Date', 29),
    (29008, 'POM1', 'POM Handover Start Date', 29),
    (29009, 'POM2', 'POM Handover Date', 29);

-- set 30 CUSTODIAL STATUS
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (30001, 'A', 'Sentenced - In Custody', 30),
    (30002, 'B', 'Released - On Licence', 30),
    (30003, 'C', 'Released - On HDC', 30),
    (30004, 'D', 'In Custody - Recalled', 30),
    (30005, 'P', 'Post Sentence Supervision', 30);

-- set 31 UNITS
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (31001, 'D', 'Days', 31),
    (31002, 'M', 'Months', 31),
    (31003, 'H', 'Hours', 31),
    (31004, 'W', 'Weeks', 31),
    (31005, 'Y', 'Years', 31);

-- set 32 DISPOSAL TERMINATION REASON
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (32001, 'EN', 'Expired Normally', 32),
    (32002, 'EC', 'Ended Early - Good Progress', 32),
    (32003, 'RV', 'Revoked - Breach', 32),
    (32004, 'RS', 'Revoked - Resentenced', 32),
    (32005, 'DE', 'Deceased', 32);

-- set 33 REQUIREMENT SUB CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (33001, 'W01', 'Regular', 33),
    (33002, 'W02', 'Intensive', 33),
    (33003, 'F01', 'Rehabilitation Activity', 33),
    (33004, 'J01', 'Curfew - Electronic Monitoring', 33),
    (33005, 'X01', 'Exclusion Zone', 33),
    (33006, 'M01', 'Mental Health Treatment - Non Residential', 33),
    (33007, 'D01', 'Drug Rehabilitation - Non Residential', 33),
    (33008, 'A01', 'Alcohol Treatment - Non Residential', 33),
    (33009, 'P01', 'Prohibited Activity', 33);

-- set 34 ADDITIONAL REQUIREMENT SUB CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (34001, 'AD01', 'Attend Programme', 34),
    (34002, 'AD02', 'Residence', 34);

-- set 35 REQUIREMENT TERMINATION REASON
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (35001, 'RTC', 'Completed', 35),
    (35002, 'RTE', 'Expired', 35),
    (35003, 'RTR', 'Revoked', 35),
    (35004, 'RTB', 'Breached', 35);

-- set 36 LICENCE CONDITION SUB CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (36001, 'NLC1A', 'Reside at an address approved by the supervising officer', 36),
    (36002, 'NLC2A', 'Not to reside in a named area', 36),
    (36003, 'NLC4A', 'Not to contact the victim', 36),
    (36004, 'NLC5A', 'Curfew 19:00 to 07:00', 36),
    (36005, 'NLC8A', 'Attend drug testing', 36);

-- set 37 ADDITIONAL SENTENCE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (37001, 'DISQ', 'Disqualification', 37),
    (37002, 'FINE', 'Fine', 37),
    (37003, 'COMP', 'Compensation', 37),
    (37004, 'COST', 'Costs', 37),
    (37005, 'FORF', 'Forfeiture', 37);

-- set 38 UPW STATUS
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (38001, 'UIP', 'In Progress', 38),
    (38002, 'UC', 'Completed', 38),
    (38003, 'US', 'Suspended', 38),
    (38004, 'UT', 'Terminated', 38);

-- set 39 ESTABLISHMENT TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (39001, 'P', 'Prison', 39),
    (39002, 'Y', 'Young Offender Institution', 39),
    (39003, 'I', 'Immigration Removal Centre', 39),
    (39004, 'H', 'Secure Hospital', 39);

-- set 40 OGRS OFFENCE CATEGORY
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (40001, '01', 'Violence', 40),
    (40002, '02', 'Burglary (domestic)', 40),
    (40003, '03', 'Burglary (other)', 40),
    (40004, '04', 'Theft (non-motor)', 40),
    (40005, '05', 'Criminal damage', 40),
    (40006, '06', 'Drug possession/supply', 40),
    (40007, '07', 'Fraud, forgery and misrepresentation', 40),
    (40008, '08', 'Motoring', 40),
    (40009, '09', 'Public order', 40),
    (40010, '10', 'Sexual offences', 40),
    (40011, '11', 'Robbery', 40),
    (40012, '12', 'Other offence', 40);

-- set 41 INSTITUTIONAL REPORT TYPE
INSERT INTO R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID, CODE_VALUE, CODE_DESCRIPTION, REFERENCE_DATA_MASTER_ID) VALUES
    (41001, 'PAR', 'Parole Assessment Report', 41),
    (41002, 'HDC', 'Home Detention Curfew Report', 41),
    (41003, 'ROTL', 'Release on Temporary Licence Report', 41);

-- ------------------------------------------------------------------------------------------------
-- Reference tables with their own code columns
-- ETCH20 tier change (tier consumer), EASU unpaid-work assessment (unpaid-work consumer), C294 court case note (court-case consumer), attendance types Y/Y (attendancesFilter)
INSERT INTO R_CONTACT_TYPE (CONTACT_TYPE_ID, CODE, DESCRIPTION, ATTENDANCE_CONTACT, NATIONAL_STANDARDS_CONTACT, SENSITIVE_CONTACT) VALUES
    (1, 'ETCH20', 'Management Tier Change', 'N', 'N', 'N'),
    (2, 'EASU', 'Unpaid Work Assessment', 'N', 'N', 'N'),
    (3, 'C294', 'Court Case Note', 'N', 'N', 'N'),
    (4, 'C295', 'Office Appointment - Attendance (NS)', 'Y', 'Y', 'N'),
    (5, 'COAI', 'Initial Appointment - In Office (NS)', 'Y', 'Y', 'N'),
    (6, 'COAP', 'Planned Office Visit (NS)', 'Y', 'Y', 'N'),
    (7, 'CHVS', 'Home Visit to Case (NS)', 'Y', 'Y', 'N'),
    (8, 'COVC', 'Planned Video Contact (NS)', 'Y', 'Y', 'N'),
    (9, 'UPWA', 'Unpaid Work Appointment (NS)', 'Y', 'Y', 'N'),
    (10, 'CTOA', 'Phone Contact from Offender', 'N', 'N', 'N'),
    (11, 'CADM', 'Administrative Contact', 'N', 'N', 'N'),
    (12, 'CSEN', 'Sensitive Case Note', 'N', 'N', 'Y'),
    (13, 'ERGR', 'Registration Review', 'N', 'N', 'N');

INSERT INTO R_CONTACT_OUTCOME_TYPE (CONTACT_OUTCOME_TYPE_ID, CODE, DESCRIPTION) VALUES
    (1, 'ATTC', 'Attended - Complied'),
    (2, 'AFTC', 'Attended - Failed to Comply'),
    (3, 'AFTA', 'Failed to Attend'),
    (4, 'AACL', 'Acceptable Absence - Court/Legal'),
    (5, 'AAME', 'Acceptable Absence - Medical'),
    (6, 'RSSR', 'Rescheduled - Service Request');

-- SENTENCE_TYPE: SC and NC are custodial (hmpps-tier), SP community
INSERT INTO R_DISPOSAL_TYPE (DISPOSAL_TYPE_ID, DESCRIPTION, SENTENCE_TYPE, CJA2003, PRE_CJA2003, FTC_LIMIT) VALUES
    (1, 'CJA - Std Determinate Custody', 'SC', 'Y', 'N', NULL),
    (2, 'CJA - Community Order', 'SP', 'Y', 'N', 2),
    (3, 'CJA - Suspended Sentence Order', 'SP', 'Y', 'N', 2),
    (4, 'ORA Community Order', 'SP', 'Y', 'N', 2),
    (5, 'ORA Suspended Sentence Order', 'SP', 'Y', 'N', 2),
    (6, 'ORA Adult Custody (inc PSS)', 'SC', 'Y', 'N', NULL),
    (7, 'Custody - Less than 12 Months', 'NC', 'Y', 'N', NULL),
    (8, 'CJA - Extended Sentence', 'SC', 'Y', 'N', NULL),
    (9, 'Curfew Order', 'SP', 'N', 'Y', 2),
    (10, 'Conditional Discharge', NULL, 'N', 'N', NULL);

-- W unpaid work, F RAR, MAIN the tier demo category. UNITS_ID points at set 31 UNITS.
INSERT INTO R_RQMNT_TYPE_MAIN_CATEGORY (RQMNT_TYPE_MAIN_CATEGORY_ID, CODE, DESCRIPTION, UNITS_ID, RESTRICTIVE) VALUES
    (1, 'W', 'Unpaid Work', 31003, 'N'),
    (2, 'F', 'Rehabilitation Activity Requirement (RAR)', 31001, 'N'),
    (3, 'MAIN', 'Rqmnt Main Category', NULL, 'N'),
    (4, 'J', 'Curfew', 31001, 'Y'),
    (5, 'X', 'Exclusion', 31002, 'Y'),
    (6, 'M', 'Mental Health Treatment', 31002, 'N'),
    (7, 'D', 'Drug Rehabilitation', 31002, 'N'),
    (8, 'A', 'Alcohol Treatment', 31002, 'N'),
    (9, 'P', 'Prohibited Activity', 31002, 'Y'),
    (10, 'W1', 'Order Extended', 31002, 'N');

INSERT INTO R_AD_RQMNT_TYPE_MAIN_CATEGORY (AD_RQMNT_TYPE_MAIN_CATEGORY_ID, CODE, DESCRIPTION) VALUES
    (1, 'ADM01', 'Attend a Programme'),
    (2, 'ADM02', 'Residence Requirement');

INSERT INTO R_PSS_RQMNT_TYPE_MAIN_CATEGORY (PSS_RQMNT_TYPE_MAIN_CATEGORY_ID, CODE, DESCRIPTION) VALUES
    (1, 'A', 'Standard Conditions'),
    (2, 'B', 'Drug Appointment'),
    (3, 'C', 'Drug Testing');

INSERT INTO R_PSS_RQMNT_TYPE_SUB_CATEGORY (PSS_RQMNT_TYPE_SUB_CATEGORY_ID, CODE, DESCRIPTION) VALUES
    (1, 'A1', 'Be of good behaviour'),
    (2, 'B1', 'Attend drug appointment'),
    (3, 'C1', 'Provide drug test sample');

INSERT INTO R_LIC_COND_TYPE_MAIN_CAT (LIC_COND_TYPE_MAIN_CAT_ID, CODE, DESCRIPTION) VALUES
    (1, 'NLC1', 'Residence at a Specific Place'),
    (2, 'NLC2', 'Restriction of Residency'),
    (3, 'NLC4', 'Non-Association'),
    (4, 'NLC5', 'Curfew Arrangement'),
    (5, 'NLC8', 'Drug Testing');

INSERT INTO R_NSI_TYPE (NSI_TYPE_ID, CODE, DESCRIPTION) VALUES
    (1, 'BRE', 'Breach Request'),
    (2, 'REC', 'Recall Request'),
    (3, 'CRS01', 'Commissioned Rehabilitative Services'),
    (4, 'APCUS', 'Approved Premises - Custody');

-- REC01..REC10 drive recallRejectedOrWithdrawn (REC05 and REC10 = rejected/withdrawn)
INSERT INTO R_NSI_STATUS (NSI_STATUS_ID, CODE, DESCRIPTION) VALUES
    (1, 'REC01', 'Recall Initiated'),
    (2, 'REC02', 'Part A Completed by Offender Manager'),
    (3, 'REC03', 'Part A Countersigned by ACO'),
    (4, 'REC04', 'Recall Submitted to PPCS'),
    (5, 'REC05', 'Recall Rejected by NPS'),
    (6, 'REC06', 'Recall Accepted by PPCS'),
    (7, 'REC07', 'Recall Issued by PPCS'),
    (8, 'REC08', 'Offender Returned to Custody'),
    (9, 'REC09', 'Recall Completed'),
    (10, 'REC10', 'Recall Rejected by PPCS'),
    (11, 'BRE01', 'Breach Initiated'),
    (12, 'BRE02', 'Breach Summons Issued'),
    (13, 'BRE03', 'Breach Warrant Issued'),
    (14, 'BRE04', 'Breach Court Hearing Listed'),
    (15, 'BRE05', 'Breach Completed'),
    (16, 'INPROG', 'In Progress'),
    (17, 'COMP', 'Completed');

-- MAPPA is the unpaid-work mappaRegistration, every other code is a register flag
INSERT INTO R_REGISTER_TYPE (REGISTER_TYPE_ID, CODE, DESCRIPTION, REGISTER_TYPE_FLAG_ID, ALERT_MESSAGE, REGISTER_REVIEW_PERIOD, COLOUR) VALUES
    (1, 'MAPPA', 'MAPPA', 20005, 'Y', 6, 'Red'),
    (2, 'ROSH', 'ROSH description', 20001, 'N', 6, 'Red'),
    (3, 'RVHR', 'Very High RoSH', 20001, 'Y', 6, 'Red'),
    (4, 'RHRH', 'High RoSH', 20001, 'Y', 6, 'Red'),
    (5, 'RMRH', 'Medium RoSH', 20001, 'N', 6, 'Amber'),
    (6, 'RLRH', 'Low RoSH', 20001, 'N', 6, 'Green'),
    (7, 'ALSH', 'Suicide/Self-Harm', 20002, 'Y', 3, 'Red'),
    (8, 'WEAP', 'Weapons', 20002, 'Y', 6, 'Red'),
    (9, 'ADVP', 'Domestic Abuse Perpetrator', 20005, 'Y', 6, 'Amber'),
    (10, 'RCCO', 'Child Concerns', 20003, 'Y', 6, 'Amber'),
    (11, 'STRG', 'Street Gangs', 20004, 'N', 6, 'Amber'),
    (12, 'INTP', 'Interpreter Required', 20004, 'N', 12, 'White'),
    (13, 'HREG', 'Hate Crime', 20004, 'N', 12, 'Green');

INSERT INTO R_OFFENCE (OFFENCE_ID, CODE, DESCRIPTION, ABBREVIATION, MAIN_CATEGORY_CODE, MAIN_CATEGORY_DESCRIPTION, MAIN_CATEGORY_ABBREVIATION, SUB_CATEGORY_CODE, SUB_CATEGORY_DESCRIPTION, SUB_CATEGORY_ABBREVIATION, FORM_20_CODE, CJIT_CODE, OGRS_OFFENCE_CATEGORY_ID) VALUES
    (1, '56001', 'Arson endangering life', 'Arson endang life', '560', 'Arson', 'Arson', '01', 'Arson endangering life', NULL, NULL, NULL, 40005),
    (2, '02801', 'Burglary in a dwelling - domestic', 'Burglary dwelling', '028', 'Burglary in a dwelling', 'Burglary dwelling', '01', 'Burglary in a dwelling - domestic', NULL, '28', NULL, 40002),
    (3, '03001', 'Burglary in a building other than a dwelling', 'Burglary other', '030', 'Burglary other than a dwelling', 'Burglary other', '01', 'Burglary in a building other than a dwelling', NULL, '30', NULL, 40003),
    (4, '04600', 'Theft from shops and stalls', 'Shoplifting', '046', 'Theft from shops and stalls', 'Shoplifting', '00', 'Theft from shops and stalls', NULL, '46', '1', 40004),
    (5, '00801', 'Assault occasioning actual bodily harm', 'ABH', '008', 'Other wounding', 'Wounding', '01', 'Assault occasioning actual bodily harm', 'ABH', '08', NULL, 40001),
    (6, '10501', 'Common assault and battery', 'Common assault', '105', 'Common assault', 'Common assault', '01', 'Common assault and battery', NULL, NULL, NULL, 40001),
    (7, '09201', 'Possession of a controlled drug - Class A', 'Poss Class A', '092', 'Drug offences', 'Drugs', '01', 'Possession of a controlled drug - Class A', NULL, '92', '1', 40006),
    (8, '05301', 'Fraud by false representation', 'Fraud', '053', 'Fraud, forgery etc', 'Fraud', '01', 'Fraud by false representation', NULL, '53', NULL, 40007),
    (9, '80301', 'Driving whilst disqualified', 'Drive disq', '803', 'Motoring offences', 'Motoring', '01', 'Driving whilst disqualified', NULL, NULL, NULL, 40008),
    (10, '06601', 'Using threatening, abusive or insulting words or behaviour', 'Threatening behaviour', '066', 'Public order offences', 'Public order', '01', 'Using threatening, abusive or insulting words or behaviour', NULL, NULL, NULL, 40009),
    (11, '03401', 'Robbery of personal property', 'Robbery', '034', 'Robbery', 'Robbery', '01', 'Robbery of personal property', NULL, '34', NULL, 40011),
    (12, '05800', 'Criminal damage to property', 'Criminal damage', '058', 'Criminal damage', 'Criminal damage', '00', 'Criminal damage to property', NULL, '58', NULL, 40005);

INSERT INTO R_COURT_REPORT_TYPE (COURT_REPORT_TYPE_ID, CODE, DESCRIPTION) VALUES
    (1, 'CJF', 'Pre-Sentence Report - Fast'),
    (2, 'CJS', 'Pre-Sentence Report - Standard'),
    (3, 'CJO', 'Oral Pre-Sentence Report');

INSERT INTO R_INSTITUTION (INSTITUTION_ID, ESTABLISHMENT, CODE, DESCRIPTION, INSTITUTION_NAME, ESTABLISHMENT_TYPE_ID, PRIVATE, NOMIS_CDE_CODE) VALUES
    (1, 'Y', 'WSIHMP', 'Westside (HMP)', 'HMP Westside', 39001, 0, 'WSI'),
    (2, 'Y', 'LEIHMP', 'Leeds (HMP)', 'HMP Leeds', 39001, 0, 'LEI'),
    (3, 'Y', 'MDIHMP', 'Moorland (HMP/YOI)', 'HMP/YOI Moorland', 39002, 0, 'MDI'),
    (4, 'Y', 'BWIHMP', 'Berwyn (HMP)', 'HMP Berwyn', 39001, 0, 'BWI'),
    (5, 'Y', 'OWIHMP', 'Oakwood (HMP)', 'HMP Oakwood', 39001, 1, 'OWI');

INSERT INTO R_CIRCUMSTANCE_TYPE (CIRCUMSTANCE_TYPE_ID, CODE_VALUE, CODE_DESCRIPTION) VALUES
    (1, 'PM', 'Pregnancy'),
    (2, 'EMP', 'Employment'),
    (3, 'ACC', 'Accommodation'),
    (4, 'CAR', 'Caring Responsibilities'),
    (5, 'VET', 'Armed Forces Veteran');

INSERT INTO R_CIRCUMSTANCE_SUB_TYPE (CIRCUMSTANCE_SUB_TYPE_ID, CODE_VALUE, CODE_DESCRIPTION) VALUES
    (1, 'D07', 'Recently given birth'),
    (2, 'D06', 'Pregnant'),
    (3, 'EMP01', 'Full-time Employment'),
    (4, 'EMP02', 'Part-time Employment'),
    (5, 'EMP03', 'Unemployed'),
    (6, 'ACC01', 'Settled'),
    (7, 'ACC02', 'Temporary'),
    (8, 'CAR01', 'Carer for a child'),
    (9, 'VET01', 'Served in the British Armed Forces');

INSERT INTO R_ASSESSMENT_TYPE (ASSESSMENT_TYPE_ID, CODE, DESCRIPTION) VALUES
    (1, 'ASAP', 'Accredited Programme Assessment'),
    (2, 'ASSM', 'Substance Misuse Assessment'),
    (3, 'ASMH', 'Mental Health Assessment');

INSERT INTO R_REFERRAL_TYPE (REFERRAL_TYPE_ID, CODE, DESCRIPTION) VALUES
    (1, 'RFAP', 'Accredited Programme'),
    (2, 'RFDT', 'Drug Treatment'),
    (3, 'RFMH', 'Mental Health Services'),
    (4, 'RFAC', 'Accommodation Services');

INSERT INTO R_TRANSFER_REASON (TRANSFER_REASON_ID, CODE, DESCRIPTION) VALUES
    (1, 'CASE ORDER', 'Case Order'),
    (2, 'COMPONENT', 'Component'),
    (3, 'NSI', 'NSI');

-- ------------------------------------------------------------------------------------------------
-- Organisation, staff and users
INSERT INTO PARTITION_AREA (PARTITION_AREA_ID, AREA) VALUES
    (0, 'National Data');

INSERT INTO ORGANISATION (ORGANISATION_ID, CODE, DESCRIPTION, ACTIVE_FLAG) VALUES
    (1, 'NPS', 'National Probation Service', 1);

INSERT INTO PROBATION_AREA (PROBATION_AREA_ID, CODE, DESCRIPTION, PRIVATE, SELECTABLE, ORGANISATION_ID, INSTITUTION_ID, ESTABLISHMENT) VALUES
    (1, 'N07', 'London', 0, 'Y', 1, NULL, NULL),
    (2, 'N53', 'East Midlands', 0, 'Y', 1, NULL, NULL),
    (3, 'N54', 'North East', 0, 'Y', 1, NULL, NULL),
    (4, 'WSI', 'Westside (HMP)', 0, 'N', 1, 1, 'Y');

INSERT INTO BOROUGH (BOROUGH_ID, CODE, DESCRIPTION, PROBATION_AREA_ID, SELECTABLE) VALUES
    (1, 'N07PDU', 'Camden and Islington', 1, 'Y'),
    (2, 'N53PDU', 'Nottingham City', 2, 'Y'),
    (3, 'N54PDU', 'Newcastle upon Tyne', 3, 'Y'),
    (4, 'WSIPDU', 'Westside (HMP)', 4, 'Y');

INSERT INTO DISTRICT (DISTRICT_ID, CODE, DESCRIPTION, BOROUGH_ID, SELECTABLE) VALUES
    (1, 'N07LAU', 'Camden', 1, 'Y'),
    (2, 'N53LAU', 'Nottingham', 2, 'Y'),
    (3, 'N54LAU', 'Newcastle', 3, 'Y'),
    (4, 'WSILAU', 'Westside (HMP)', 4, 'Y');

INSERT INTO LOCAL_DELIVERY_UNIT (LOCAL_DELIVERY_UNIT_ID, CODE, DESCRIPTION, SELECTABLE) VALUES
    (1, 'OMU', 'Offender Management', 'Y'),
    (2, 'UPW', 'Unpaid Work', 'Y'),
    (3, 'CRT', 'Court Team', 'Y'),
    (4, 'UAT', 'Unallocated', 'Y');

-- the unallocated team {AREA}UTS of every area (tier consumer ETCH20 contacts)
INSERT INTO TEAM (TEAM_ID, CODE, DESCRIPTION, TELEPHONE, EMAIL_ADDRESS, PROBATION_AREA_ID, DISTRICT_ID, LOCAL_DELIVERY_UNIT_ID, START_DATE, END_DATE, PRIVATE) VALUES
    (1, 'N07UTS', 'London Unallocated Team', NULL, NULL, 1, 1, 4, '2000-01-01', NULL, 0),
    (2, 'N53UTS', 'East Midlands Unallocated Team', NULL, NULL, 2, 2, 4, '2000-01-01', NULL, 0),
    (3, 'N54UTS', 'North East Unallocated Team', NULL, NULL, 3, 3, 4, '2000-01-01', NULL, 0),
    (4, 'WSIUTS', 'Westside (HMP) Unallocated Team', NULL, NULL, 4, 4, 4, '2000-01-01', NULL, 0);

-- the unallocated staff {AREA}UTSO of every area (tier consumer ETCH20 contacts)
INSERT INTO STAFF (STAFF_ID, OFFICER_CODE, FORENAME, FORENAME2, SURNAME, STAFF_GRADE_ID, PROBATION_AREA_ID) VALUES
    (1, 'N07UTSO', 'Unallocated', NULL, 'Staff', NULL, 1),
    (2, 'N53UTSO', 'Unallocated', NULL, 'Staff', NULL, 2),
    (3, 'N54UTSO', 'Unallocated', NULL, 'Staff', NULL, 3),
    (4, 'WSIUTSO', 'Unallocated', NULL, 'Staff', NULL, 4);

INSERT INTO STAFF_TEAM (STAFF_ID, TEAM_ID) VALUES
    (1, 1),
    (2, 2),
    (3, 3),
    (4, 4);

-- one OFFICER row per STAFF (flag 0) that a manager row may use
INSERT INTO OFFICER (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG, FORENAME, FORENAME2, SURNAME) VALUES
    (1, 0, 'Unallocated', NULL, 'Staff'),
    (2, 0, 'Unallocated', NULL, 'Staff'),
    (3, 0, 'Unallocated', NULL, 'Staff'),
    (4, 0, 'Unallocated', NULL, 'Staff');

-- the service users: each service writes as its own user (DELIUSD_SERVICE_USER_* settings)
INSERT INTO USER_ (USER_ID, DISTINGUISHED_NAME, STAFF_ID, FORENAME, SURNAME) VALUES
    (1, 'TierToDelius', NULL, 'Tier', 'Service'),
    (2, 'UnpaidWorkAndDelius', NULL, 'UPW', 'Service'),
    (3, 'CourtCaseAndDelius', NULL, 'Court Case', 'Service');

INSERT INTO EXTERNAL_PROVIDER (EXTERNAL_PROVIDER_ID, CODE, DESCRIPTION) VALUES
    (1, 'EP001', 'Community Interventions Provider');

INSERT INTO PROVIDER_TEAM (PROVIDER_TEAM_ID, CODE, NAME, PROBATION_AREA_ID, EXTERNAL_PROVIDER_ID) VALUES
    (1, 'N07PT1', 'London Interventions Team', 1, 1);

-- ------------------------------------------------------------------------------------------------
-- Courts and unpaid-work projects (demo rows)
INSERT INTO COURT (COURT_ID, CODE, SELECTABLE, COURT_NAME, TELEPHONE_NUMBER, FAX_NUMBER, BUILDING_NAME, STREET, LOCALITY, TOWN, COUNTY, POSTCODE, COUNTRY, COURT_TYPE_ID, PROBATION_AREA_ID, SECURE_EMAIL_ADDRESS, CREATED_DATETIME, LAST_UPDATED_DATETIME) VALUES
    (1, 'CMBGMC', 'Y', 'Camberwell Green Magistrates Court', NULL, NULL, 'Camberwell Green Magistrates Court', NULL, NULL, 'London', NULL, 'SE5 7UP', 'England', 26001, 1, NULL, '2000-01-01T00:00:00', '2000-01-01T00:00:00'),
    (2, 'SWRKCC', 'Y', 'Southwark Crown Court', NULL, NULL, 'Southwark Crown Court', NULL, NULL, 'London', NULL, 'SE1 2HU', 'England', 26002, 1, NULL, '2000-01-01T00:00:00', '2000-01-01T00:00:00'),
    (3, 'NTTMMC', 'Y', 'Nottingham Magistrates Court', NULL, NULL, 'Nottingham Magistrates Court', NULL, NULL, 'Nottingham', NULL, 'NG2 1EE', 'England', 26001, 2, NULL, '2000-01-01T00:00:00', '2000-01-01T00:00:00'),
    (4, 'NWCSMC', 'Y', 'Newcastle upon Tyne Magistrates Court', NULL, NULL, 'Newcastle upon Tyne Magistrates Court', NULL, NULL, 'Newcastle upon Tyne', NULL, 'NE1 7DS', 'England', 26001, 3, NULL, '2000-01-01T00:00:00', '2000-01-01T00:00:00');

INSERT INTO UPW_PROJECT (UPW_PROJECT_ID, NAME) VALUES
    (1, 'Community Garden Project'),
    (2, 'Charity Shop Support'),
    (3, 'Graffiti Removal Team');

-- ------------------------------------------------------------------------------------------------
-- Audit
-- WPBI006 upload document (unpaid-work consumer), CLBI007 update contact (court-case consumer)
INSERT INTO BUSINESS_INTERACTION (BUSINESS_INTERACTION_ID, BUSINESS_INTERACTION_CODE, ENABLED_DATE) VALUES
    (1, 'WPBI006', '2000-01-01T00:00:00'),
    (2, 'CLBI007', '2000-01-01T00:00:00');
