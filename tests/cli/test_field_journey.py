"""Field copies with the CLI alone: an inspector and a care ambassador take the inspection out, record evidence
with no other workspace, bring it home, a conflict is settled, and the report is issued."""

import json
from pathlib import Path

import pytest

from peerinspect.field import sealing
from peerinspect.field.sealing import unseal
from tests.cli.conftest import THEME_LEADS as THEMES, conclude_fieldwork

PASSPHRASE = "a long walk to the car park"
LEAD = ("--as", "Alex Director")
IVY, CASEY = ("--as", "Ivy Inspector"), ("--as", "Casey Ambassador")


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch):
    monkeypatch.setenv("PEERINSPECT_FIELD_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(sealing, "SCRYPT_COST", min(sealing.COSTS_READ))


@pytest.fixture
def planned(cli) -> str:
    made = cli.json(
        "inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
        "--lead", "Alex Director", *[a for t, p in THEMES.items() for a in ("--theme-lead", f"{t}={p}")],
        "--member", "Ivy Inspector=inspector", "--member", "Casey Ambassador=care ambassador", *LEAD,
    )
    cli("advance", made["id"], "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", made["id"], "start_fieldwork", "--date", "2026-12-14", *LEAD)
    return made["id"]


def in_copy(cli, copy: Path, *args, expect: int = 0) -> str:
    """A command run on a field copy, as on a laptop with no other workspace."""
    return cli(*args, "--workspace", str(copy), expect=expect)


def test_two_copies_out_and_home_again_then_a_conflict_settled_and_the_report_issued(cli, planned, tmp_path):
    inspection = planned
    review = cli("evidence", "add", inspection, "file_review", *IVY, "--id-only", "--set", "case_reference=BSK-0042",
                 "--set", "team=Assessment", "--set", "age_band=4_to_10", "--set", "legal_status=child_in_need",
                 "--set", "difference_made=Plans are clearer").strip()
    ivy_copy, casey_copy = tmp_path / "ivy.copy", tmp_path / "casey.copy"
    cli("field", "checkout", inspection, *IVY, "--output", str(ivy_copy))
    cli("field", "checkout", inspection, *CASEY, "--output", str(casey_copy))
    assert ivy_copy.stat().st_mode & 0o777 == 0o600

    # A care ambassador's copy holds no case reference, even decrypted; an inspector's does.
    assert b"BSK-0042" not in unseal(casey_copy.read_bytes(), PASSPHRASE, casey_copy)[0]
    assert b"BSK-0042" in unseal(ivy_copy.read_bytes(), PASSPHRASE, ivy_copy)[0]

    # In the field, on each laptop: the copy is the only workspace there is.
    in_copy(cli, ivy_copy, "evidence", "edit", inspection, review[:8], *IVY, "--set", "difference_made=Plans are clearer, seen at the visit")
    in_copy(cli, ivy_copy, "evidence", "add", inspection, "observation", *IVY, "--set", "setting=home_visit",
            "--set", "practitioner=Social worker", "--set", "grade=good", "--date", "2026-12-15")
    in_copy(cli, casey_copy, "evidence", "add", inspection, "conversation", *CASEY, "--set", "with_group=child_or_young_person",
            "--set", "notes=Feels listened to", "--answer", "2=Yes", "--date", "2026-12-15")
    # The same rules as at home: a care ambassador records conversations only, and steps are taken at home.
    in_copy(cli, casey_copy, "evidence", "add", inspection, "indicator", *CASEY, "--set", "name=Visits", "--set", "value=90%", expect=2)
    assert "care ambassadors record conversations, not performance indicators" in cli.err
    in_copy(cli, casey_copy, "advance", inspection, "give_feedback", *LEAD, expect=2)
    assert "checked out for another member of the team" in cli.err

    # Meanwhile at home, the lead corrects the same file review.
    cli("evidence", "edit", inspection, review[:8], *LEAD, "--set", "difference_made=Plans are clearer since the audit")

    returned = cli.json("field", "return", str(ivy_copy), *IVY)
    assert (returned["saves"], returned["added"], returned["taken"], len(returned["conflicts"])) == (2, 1, 0, 1)
    cli("field", "return", str(casey_copy), *CASEY)
    again = cli("field", "return", str(casey_copy), *CASEY)
    assert "Nothing new" in again
    listed = cli("field", "list", inspection, *LEAD)
    assert "Ivy Inspector" in listed and "Casey Ambassador" in listed

    (conflict,) = cli.json("field", "conflicts", inspection, *IVY)
    listed = cli("field", "conflicts", inspection, *LEAD)
    assert "difference_made: Plans are clearer, seen at the visit" in listed and "Ivy Inspector's field copy" in listed
    field_version = next(v for v in conflict["versions"] if not v["shown"])
    cli("field", "resolve", inspection, conflict["conflict"]["id"][:8], *IVY, "--keep", field_version["version"]["fingerprint"][:8])
    assert cli.json("field", "conflicts", inspection, *LEAD) == []

    held = cli.json("inspection", "show", inspection, *LEAD)["evidence"]
    assert [e["difference_made"] for e in held if "case_reference" in e] == ["Plans are clearer, seen at the visit"]
    assert [e["notes"] for e in held if "with_group" in e] == ["Feels listened to"]
    assert len([e for e in held if "practitioner" in e]) == 1
    cli("audit", inspection, "--verify", *LEAD)  # exits 2 if any entry or record is unaccounted for

    conclude_fieldwork(cli, inspection)
    cli("advance", inspection, "issue_report", "--date", "2026-12-22", *LEAD)
    report = json.loads(cli("report", inspection, "--format", "json", *LEAD))
    assert report

    # Once the report is issued no copy goes out, and what is still out can come home.
    cli("field", "checkout", inspection, *IVY, "--output", str(tmp_path / "late.copy"), expect=2)
    assert "no copy goes into the field" in cli.err


def test_a_wrong_passphrase_a_truncated_or_an_edited_copy_is_refused_and_nothing_changes(cli, planned, tmp_path, monkeypatch):
    copy = tmp_path / "ivy.copy"
    cli("field", "checkout", planned, *IVY, "--output", str(copy))
    in_copy(cli, copy, "evidence", "add", planned, "conversation", *IVY, "--set", "with_group=worker", "--set", "notes=Busy team")
    whole = copy.read_bytes()
    home = cli.snapshot()

    def refused(data: bytes, passphrase: str = PASSPHRASE) -> str:
        copy.write_bytes(data)
        monkeypatch.setenv("PEERINSPECT_FIELD_PASSPHRASE", passphrase)
        cli("field", "return", str(copy), *IVY, expect=2)
        assert cli.snapshot() == home
        in_copy(cli, copy, "inspection", "list", expect=2)
        assert copy.read_bytes() == data
        return cli.err

    assert "the passphrase is wrong" in refused(whole, "not the right one at all")
    assert "is truncated" in refused(whole[:-100])
    edited = bytearray(whole)
    edited[len(edited) // 2] ^= 1
    assert "was changed or damaged after it was written" in refused(bytes(edited))
    assert "is not a peerinspect field copy" in refused(b"hello")


def test_an_expired_copy_refuses_to_open_and_says_how_to_bring_it_home(cli, planned, tmp_path):
    copy = tmp_path / "ivy.copy"
    cli("field", "checkout", planned, *IVY, "--output", str(copy))
    cli.today = cli.today.replace(year=2027)  # long after fieldwork ended on 2026-12-17, and its 14 days
    in_copy(cli, copy, "inspection", "list", expect=2)
    assert "expired on 2026-12-31" in cli.err and f"peerinspect field return {copy}" in cli.err
    cli("field", "return", str(copy), *IVY)  # it still comes home


def test_checkout_refuses_to_overwrite_a_file_and_asks_for_a_long_passphrase(cli, planned, tmp_path, monkeypatch):
    copy = tmp_path / "ivy.copy"
    copy.write_text("a copy still in the field")
    cli("field", "checkout", planned, *IVY, "--output", str(copy), expect=2)
    assert "already exists" in cli.err and copy.read_text() == "a copy still in the field"
    monkeypatch.setenv("PEERINSPECT_FIELD_PASSPHRASE", "short")
    home = cli.snapshot()
    cli("field", "checkout", planned, *IVY, "--output", str(tmp_path / "new.copy"), expect=2)
    assert "at least 10 characters" in cli.err and cli.snapshot() == home
