"""Notes that hold a phone number, postcode, NHS number, email address or a colleague's name are warned about;
ordinary notes full of dates, scores, references and times are not."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerinspect.domain import privacy
from peerinspect.domain.privacy import is_nhs_number, personal_data_warnings

PEOPLE = ["Ivy Inspector", "Dana District", "Sam O'Neill", "Jo Anne-Marie Smith", "Casey Ambassador"]


def warnings(text: str) -> list[str]:
    return [problem.message for problem in personal_data_warnings({"notes": text}, people=PEOPLE)]


def warned_of(kind: str, text: str) -> bool:
    return any(kind in message for message in warnings(text))


PHONES = [
    "Mum can be reached on 07911 123456.", "mobile 07911123456", "call 07823 456789 after school", "+44 7911 123456",
    "+44 (0)7911 123456", "office 023 8055 5555", "(023) 8055 5555", "020 7946 0958", "+44 20 7946 0958",
    "the school on 01962 845000", "01962845000", "0161 496 0000 is the nursery", "tel: 0113 496 0123",
    "0117 496 0456", "0131 496 0789", "029 2018 0123", "028 9018 0123", "0800 111 222", "0300 123 4567",
    "nan's landline 01256 812345",
]
NOT_PHONES = [
    "Seen on 12/03/2026 at 10:30", "Case ref 2026-11-26", "score 3 of 12345", "11 visits in 2025 and 2026",
    "LAC number 2345 678", "file 100234567", "ref 123456", "plan reviewed 3 times in 14 days", "90% of visits on time",
    "the 2024/25 return", "Ofsted 2023 judgement", "version 1.2.3", "ISBN 978 0 14", "8 of 10 files", "aged 12-15",
    "£1,250 grant", "room 101", "year 7 and year 11", "week 46", "1 in 4 children",
]

POSTCODES = [
    "lives at SO23 8UR", "SO238UR", "so23 8ur", "near PO1 3AX", "GU14 7JF", "RG21 4AH", "SP10 3AA", "M1 1AE",
    "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX", "EC1A 1BB", "SW1A 2AA", "EH1 1YZ", "BT1 5GS", "CF10 1EP",
    "LS1 4AP", "NE1 7RU", "BS1 6QA",
]
NOT_POSTCODES = [
    "A12 3BC", "Q1 2AB", "SO23", "item 3 of 4", "the A31 and M3", "M3 junction 9", "PO box", "RG21", "GU14",
    "B2B work", "SW1 tube", "CP1 plan", "S47 enquiry", "section 17", "LAC 5 review", "ICPC 2 days", "IRO 3 visits",
    "W10 form", "E2E test", "N1 ref",
]

NHS_NUMBERS = [
    "943 476 5919", "9434765919", "943-476-5919", "401 023 2137", "4010232137", "NHS no. 485 777 3457",
    "4857773457", "1234567881", "123 456 7881", "999 999 9468", "9999999468", "320 000 0007", "3200000007",
    "100 000 0001", "1000000001", "200 000 0002", "2000000002", "600 000 0006", "6000000006", "NHS: 0000000108",
]
NOT_NHS_NUMBERS = [
    "943 476 5918", "9434765910", "401 023 2138", "485 777 3456", "1234567890", "0000000000", "1111111111",
    "123 456 789", "12345678901", "943 476 59190", "ref 2026-11-26", "12/03/2026", "943 4765 919", "9434 765 919",
    "4857773450", "4505571362", "4505571363", "6000000005", "2000000001", "3200000004",
]

EMAILS = [
    "mum@example.com", "jo.smith@example.co.uk", "first.last+tag@mail.example.org", "a@b.io", "x_y@council.gov.uk",
    "email her on carer99@hotmail.co.uk please", "<foster.carer@example.net>", "IVY@EXAMPLE.COM",
    "j-o@sub.domain.example", "o'brien@example.ie" .replace("'", ""), "name@school.sch.uk", "dad123@gmail.com",
    "teacher.name@academy.org.uk", "sw@hants.gov.uk", "contact: info@charity.org", "kid2015@yahoo.com",
    "support@nhs.net", "a.b.c@d.e.f.com", "mail me at z@zz.uk.", "send to p_q@r-s.com;",
]
NOT_EMAILS = [
    "seen @ school", "@school today", "meet at 10@home", "user@", "@example.com", "name at example dot com",
    "a@b", "x@y.", "email to follow", "emailed the school", "rate 5@£10", "@ symbol", "co-worker", "e-mail sent",
    "home@", "@@", "a@.com", "mum (at) home", "twitter @handle", "check @mention",
]

NAMED = [
    "Ivy Inspector saw the file", "discussed with ivy inspector", "IVY INSPECTOR agreed", "as Dana District said",
    "dana  district reviewed", "Sam O'Neill chaired", "agreed with sam o'neill", "Jo Anne-Marie Smith led it",
    "Casey Ambassador asked", "casey ambassador spoke to the young person", "(Ivy Inspector)",
    "per Dana District.", "Ivy Inspector's view", "from Casey Ambassador: good", "Sam O'Neill, DM",
    "cc Ivy Inspector", "Dana District/Ivy Inspector", "by casey ambassador", "noted by IVY inspector", "Dana\nDistrict",
]
NOT_NAMED = [
    "the inspector saw the file", "Ivy saw it", "the district manager agreed", "Inspector Ivy", "Dana's district",
    "Sam said", "O'Neill", "the ambassador asked", "Casey said", "Ivy Inspectors' group", "district review",
    "Ivyinspector", "DanaDistrict", "inspector ivy", "Casey Ambassadors", "Smith", "Anne-Marie", "ambassador",
    "Sam O'Neills", "Jo Anne",
]


@pytest.mark.parametrize("text", PHONES)
def test_a_uk_phone_number_is_warned_about(text):
    assert warned_of("phone number", text), warnings(text)


@pytest.mark.parametrize("text", NOT_PHONES)
def test_numbers_that_are_not_phone_numbers_are_not(text):
    assert not warned_of("phone number", text), warnings(text)


@pytest.mark.parametrize("text", POSTCODES)
def test_a_postcode_is_warned_about(text):
    assert warned_of("postcode", text), warnings(text)


@pytest.mark.parametrize("text", NOT_POSTCODES)
def test_what_only_looks_like_a_postcode_is_not(text):
    assert not warned_of("postcode", text), warnings(text)


@pytest.mark.parametrize("text", NHS_NUMBERS)
def test_an_nhs_number_with_a_good_check_digit_is_warned_about(text):
    assert warned_of("NHS number", text), warnings(text)


@pytest.mark.parametrize("text", NOT_NHS_NUMBERS)
def test_ten_digits_without_a_good_check_digit_are_not_an_nhs_number(text):
    assert not warned_of("NHS number", text), warnings(text)


@pytest.mark.parametrize("text", EMAILS)
def test_an_email_address_is_warned_about(text):
    assert warned_of("email address", text), warnings(text)


@pytest.mark.parametrize("text", NOT_EMAILS)
def test_an_at_sign_alone_is_not_an_email_address(text):
    assert not warned_of("email address", text), warnings(text)


@pytest.mark.parametrize("text", NAMED)
def test_a_person_in_the_workspace_named_in_a_note_is_warned_about_by_name(text):
    assert any("who is in this workspace" in message for message in warnings(text)), warnings(text)


@pytest.mark.parametrize("text", NOT_NAMED)
def test_roles_and_part_names_are_not_a_person_in_the_workspace(text):
    assert not any("who is in this workspace" in message for message in warnings(text)), warnings(text)


def test_a_colleague_is_named_once_not_also_as_an_unknown_full_name():
    assert warnings("Ivy Inspector saw the file") == ["names Ivy Inspector, who is in this workspace: write their role instead"]


def test_each_warning_names_its_field_and_what_it_found():
    problems = personal_data_warnings({"summary": "call 07911 123456", "notes": "at SO23 8UR"})
    assert [(p.field, p.message.split(":")[0]) for p in problems] == [
        ("summary", "looks like it holds a phone number ('07911 123456')"),
        ("notes", "looks like it holds a postcode ('SO23 8UR')"),
    ]


def test_the_check_digit_is_the_nhs_modulus_11():
    assert is_nhs_number("9434765919")
    assert not is_nhs_number("9434765918")
    # A remainder that gives a check digit of 10 is never issued.
    assert not any(is_nhs_number(f"450557136{d}") for d in range(10))


@given(st.text(alphabet="SOECWMB1238UAXZ ab-\n", max_size=40))
def test_the_postcode_search_finds_what_trying_every_area_at_every_word_finds(text):
    every_area = re.compile(privacy._POSTCODE.pattern.replace("(?=[A-Z]{1,2}\\d)", ""), re.IGNORECASE)
    assert every_area.pattern != privacy._POSTCODE.pattern
    found, expected = privacy._POSTCODE.search(text), every_area.search(text)
    assert (found and found.group(0)) == (expected and expected.group(0))
