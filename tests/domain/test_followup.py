from datetime import date

import pytest
from attrs import evolve

from peerinspect.domain.actions import Action, ProgressNote
from peerinspect.domain.dossier import Dossier
from peerinspect.domain.errors import InvalidInput, Refused
from peerinspect.domain.findings import Recommendation
from peerinspect.domain.followup import add_progress, mark_done, plan_problems, send_back, set_plan, verify
from peerinspect.domain.inspection import Inspection
from peerinspect.domain.vocabulary import ActionStatus

INSPECTION = Inspection(
    district_id="d1", framework_id="sif", lead_id="lead", fieldwork_start=date(2025, 5, 12),
    fieldwork_end=date(2025, 5, 16),
)
RECOMMENDATION = Recommendation(inspection_id=INSPECTION.id, theme_id="help", text="Improve supervision")


def action(**changes) -> Action:
    made = Action(
        inspection_id=INSPECTION.id, recommendation_id=RECOMMENDATION.id, what="Monthly supervision audits",
        owner_id="dm", due=date(2025, 8, 29),
    )
    return evolve(made, **changes)


def done() -> Action:
    return mark_done(action(), date(2025, 7, 1), "dm")


def test_first_progress_starts_the_action_and_is_kept_as_a_dated_note():
    started = add_progress(action(), date(2025, 6, 20), "dm", "First audit done in team A")
    assert started.status is ActionStatus.IN_PROGRESS
    assert started.notes == (ProgressNote(on=date(2025, 6, 20), author_id="dm", text="First audit done in team A"),)
    later = add_progress(started, date(2025, 6, 27), "dm", "Team B next week")
    assert [n.text for n in later.notes] == ["First audit done in team A", "Team B next week"]
    assert later.last_note.on == date(2025, 6, 27)


def test_progress_on_a_done_action_keeps_it_done():
    assert add_progress(done(), date(2025, 7, 2), "dm", "Evidence uploaded").status is ActionStatus.DONE


def test_progress_on_a_verified_action_is_refused():
    verified = verify(done(), date(2025, 7, 3), "am")
    with pytest.raises(Refused, match="is verified: no more progress"):
        add_progress(verified, date(2025, 7, 4), "dm", "More")


def test_blank_progress_is_refused_naming_the_text():
    with pytest.raises(InvalidInput) as raised:
        add_progress(action(), date(2025, 6, 20), "dm", "  ")
    assert raised.value.problems[0].field == "text"


def test_marking_done_records_the_date_and_cannot_be_repeated():
    finished = done()
    assert finished.status is ActionStatus.DONE and finished.done_on == date(2025, 7, 1)
    with pytest.raises(Refused, match="'Monthly supervision audits' is already done"):
        mark_done(finished, date(2025, 7, 2), "dm")
    with pytest.raises(Refused, match="already verified"):
        mark_done(verify(finished, date(2025, 7, 2), "am"), date(2025, 7, 3), "dm")


def test_verifying_a_done_action_records_who_and_when():
    verified = verify(done(), date(2025, 7, 3), "am")
    assert (verified.status, verified.verified_on, verified.verified_by) == (ActionStatus.VERIFIED, date(2025, 7, 3), "am")


@pytest.mark.parametrize("status", [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS])
def test_only_a_done_action_can_be_verified(status):
    with pytest.raises(Refused, match=f"is {status.label}: only an action marked done can be verified"):
        verify(action(status=status), date(2025, 7, 3), "am")


def test_an_action_cannot_be_verified_before_it_was_done():
    with pytest.raises(Refused, match="cannot be verified on 2025-06-30: it was done on 2025-07-01"):
        verify(done(), date(2025, 6, 30), "am")


def test_sending_back_reopens_the_action_with_the_reason_in_its_notes():
    reopened = send_back(done(), date(2025, 7, 3), "am", " Only one team audited ")
    assert reopened.status is ActionStatus.IN_PROGRESS
    assert reopened.done_on is None
    assert reopened.sent_back_reason == "Only one team audited"
    assert reopened.last_note == ProgressNote(on=date(2025, 7, 3), author_id="am", text="Sent back: Only one team audited")
    assert mark_done(reopened, date(2025, 7, 20), "dm").done_on == date(2025, 7, 20)


def test_sending_back_needs_a_reason():
    with pytest.raises(InvalidInput) as raised:
        send_back(done(), date(2025, 7, 3), "am", "   ")
    assert raised.value.problems[0].field == "reason"


@pytest.mark.parametrize("status", [ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS, ActionStatus.VERIFIED])
def test_only_a_done_action_can_be_sent_back(status):
    with pytest.raises(Refused, match="only an action marked done can be sent back"):
        send_back(action(status=status), date(2025, 7, 3), "am", "Not convinced")


def test_the_plan_sets_owner_and_due_date_and_may_leave_them_open():
    planned = set_plan(action(owner_id=None, due=None), "dm-2", date(2025, 9, 30))
    assert (planned.owner_id, planned.due) == ("dm-2", date(2025, 9, 30))
    cleared = set_plan(planned, "  ", None)
    assert (cleared.owner_id, cleared.due) == (None, None)


def test_a_verified_action_keeps_its_owner_and_date():
    verified = verify(done(), date(2025, 7, 3), "am")
    with pytest.raises(Refused, match="can no longer change"):
        set_plan(verified, "someone-else", date(2025, 12, 1))


def test_plan_problems_name_each_gap_in_the_action_plan():
    unanswered = Recommendation(inspection_id=INSPECTION.id, theme_id="leadership", text="Publish a workforce strategy")
    dossier = Dossier(
        inspection=INSPECTION,
        recommendations=(RECOMMENDATION, unanswered),
        actions=(action(owner_id=None), action(what="Audit tool", due=None)),
    )
    assert plan_problems(dossier) == [
        "Recommendation 'Publish a workforce strategy' has no action",
        "Action 'Monthly supervision audits' has no owner",
        "Action 'Audit tool' has no due date",
    ]


def test_a_complete_plan_has_no_problems_and_long_texts_are_shortened():
    long = Recommendation(inspection_id=INSPECTION.id, theme_id="help", text="Make sure that " + "every child " * 10)
    dossier = Dossier(inspection=INSPECTION, recommendations=(RECOMMENDATION, long), actions=(action(),))
    [problem] = plan_problems(dossier)
    assert problem.startswith("Recommendation 'Make sure that every child") and problem.endswith("…' has no action")
    assert len(problem) <= len("Recommendation '' has no action") + 60
    assert plan_problems(evolve(dossier, recommendations=(RECOMMENDATION,))) == []
