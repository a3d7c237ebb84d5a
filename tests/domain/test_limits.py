"""Every record keeps its dates within 2000–2100 and its text within size; deadline arithmetic never overflows."""

from datetime import date, datetime

import attrs
import pytest

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.authority import District, Person
from peerinspect.domain.calendar import default_calendar
from peerinspect.domain.deadlines import deadlines_for, status_of
from peerinspect.domain.errors import InvalidInput
from peerinspect.domain.evidence import Conversation, Observation
from peerinspect.domain.inspection import Inspection, Stage
from peerinspect.domain.limits import LONG_TEXT, SHORT_TEXT, displayable
from peerinspect.domain.safeguarding import SafeguardingConcern
from peerinspect.domain.summary import InspectionSummary
from peerinspect.domain.vocabulary import ConversationGroup, DurationUnit, ObservationSetting, Role
from peerinspect.domain.calendar_events import calendar_events
from peerinspect.reports.exports import deadlines_ics
from tests.domain.test_deadlines import FRAMEWORK

FAR = date(9999, 12, 31)


def problems_of(build) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        build()
    return [str(p) for p in refused.value.problems]


def an_inspection(**changes) -> Inspection:
    fields = dict(district_id="d", framework_id="hampshire", lead_id="lead-1",
                  fieldwork_start=date(2026, 12, 14), fieldwork_end=date(2026, 12, 17))
    return Inspection(**{**fields, **changes})


@pytest.mark.parametrize(
    "build, field",
    [
        (lambda: Action(inspection_id="i", recommendation_id="r", what="Audit", due=FAR), "due"),
        (lambda: SafeguardingConcern(inspection_id="i", raised_by="p", raised_on=FAR, description="d"), "raised_on"),
        (lambda: an_inspection(fieldwork_start=date(1999, 12, 31)), "fieldwork_start"),
        (lambda: an_inspection(fieldwork_end=FAR), "fieldwork_end"),
        (lambda: ProgressNote(on=date(2101, 1, 1), author_id="p", text="Done"), "on"),
    ],
)
def test_a_date_outside_2000_to_2100_is_refused_naming_its_field(build, field):
    [problem] = problems_of(build)
    assert problem.startswith(f"{field}: ") and "outside the dates peerinspect accepts (2000-01-01 to 2100-12-31)" in problem


def test_the_first_and_last_accepted_days_are_accepted():
    assert an_inspection(fieldwork_start=date(2000, 1, 1), fieldwork_end=date(2100, 12, 31)).fieldwork_end == date(2100, 12, 31)


def test_text_limits_name_the_field_and_the_limit():
    notes = "x" * (LONG_TEXT + 1)
    assert problems_of(lambda: Conversation(inspection_id="i", author_id="a", recorded_on=date(2026, 1, 5),
                                            with_group=ConversationGroup.WORKER, notes=notes)) == [
        "notes: 20,001 characters is more than the 20,000 this field may hold"
    ]
    assert problems_of(lambda: Person(name="N" * (SHORT_TEXT + 1), role=Role.INSPECTOR)) == [
        "name: 201 characters is more than the 200 this field may hold"
    ]
    assert problems_of(lambda: District(name="D", area_id="a", teams=("A", "T" * 201))) == [
        "teams[1]: 201 characters is more than the 200 this field may hold"
    ]
    answers = {"1": "y" * (LONG_TEXT + 1)}
    assert "family_answers.1" in problems_of(lambda: Conversation(
        inspection_id="i", author_id="a", recorded_on=date(2026, 1, 5), with_group=ConversationGroup.WORKER,
        notes="n", family_answers=answers))[0]


def test_limits_hold_on_a_changed_record_too():
    observation = Observation(inspection_id="i", author_id="a", recorded_on=date(2026, 1, 5),
                              setting=ObservationSetting.HOME_VISIT, practitioner="P", grade="good")
    assert problems_of(lambda: attrs.evolve(observation, notes="n" * (LONG_TEXT + 1)))
    assert problems_of(lambda: attrs.evolve(observation, recorded_on=FAR))


def test_deadlines_on_a_stored_far_date_give_an_answer_instead_of_overflowing():
    # A workspace written before dates were bounded may hold one; building it skips today's checks.
    with attrs.validators.disabled():
        late = an_inspection(fieldwork_start=date(9999, 12, 20), fieldwork_end=FAR, stage=Stage.MONITORING)
        action = Action(inspection_id=late.id, recommendation_id="r", what="Audit", due=FAR)
        concern = SafeguardingConcern(inspection_id=late.id, raised_by="p", raised_on=FAR, description="d")
    summary = InspectionSummary(inspection=late, actions=(action,), concerns=(concern,))
    found = deadlines_for(summary, FRAMEWORK, default_calendar())
    assert {d.rule_id for d in found} == {"report", "immediate_plan", "action"}
    assert all(d.due == FAR for d in found)
    assert all(status_of(d, date(2026, 11, 26)).days > 0 for d in found)
    statuses = [status_of(d, date(2026, 11, 26)) for d in found]
    events = calendar_events(statuses, [], inspections={late.id: late}, district_names={}, changed_at={})
    assert b"BEGIN:VEVENT" in deadlines_ics(events, calendar_name="Deadlines", stamp=datetime(2026, 11, 26))


@pytest.mark.parametrize("unit", list(DurationUnit))
def test_adding_days_stops_at_the_ends_of_the_calendar(unit):
    calendar = default_calendar()
    assert calendar.add(date(9999, 12, 30), 30, unit) == FAR
    assert calendar.add(date(1, 1, 2), -30, unit) == date.min
    assert calendar.next_working_day(FAR) == FAR


def test_displayable_text_holds_no_terminal_controls():
    assert displayable("Eve\x1b[2J\x9b31m\u202eEvil\x00") == "Eve[2J31mEvil"
    assert displayable("two\nlines\tand tab") == "two lines and tab"
    assert displayable("two\nlines\r\x07", multiline=True) == "two\nlines"
    assert displayable("Zoë 👩‍👧") == "Zoë 👩‍👧"


def test_a_stored_record_reads_back_past_the_bounds_but_not_past_its_other_rules():
    from peerinspect.domain.limits import as_stored

    with as_stored():
        assert Action(inspection_id="i", recommendation_id="r", what="Audit", due=FAR).due == FAR
        assert problems_of(lambda: Action(inspection_id="i", recommendation_id="r", what=" ", due=FAR)) == [
            "what: must not be empty"
        ]
    assert problems_of(lambda: Action(inspection_id="i", recommendation_id="r", what="Audit", due=FAR))
