"""A whole inspection driven with the CLI alone, on a scripted timeline, checking the deadlines at each step."""

import json

from tests.cli.conftest import THEME_LEADS as THEMES, conclude_fieldwork

LEAD = ("--as", "Alex Director")


def states(cli, today: str) -> dict[str, tuple[str, int]]:
    return {d["rule"] if d["rule"] != "action" else d["title"]: (d["state"], d["days"])
            for d in cli.json("deadlines", "--today", today)}


def test_an_inspection_from_planning_to_closed(cli, tmp_path):
    planned = cli.json(
        "inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
        "--lead", "Alex Director", *[a for t, p in THEMES.items() for a in ("--theme-lead", f"{t}={p}")],
        "--member", "Ivy Inspector=inspector", "--member", "Casey Ambassador=care ambassador", *LEAD,
    )
    inspection = planned["id"]
    assert states(cli, "2026-12-01") == {"report": ("upcoming", 30)}

    cli("advance", inspection, "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", inspection, "start_fieldwork", "--date", "2026-12-14", *LEAD)
    saved = cli.json("evidence", "add", inspection, "file_review", "--as", "Ivy Inspector",
                     "--set", "case_reference=BSK-0042", "--set", "team=Assessment", "--set", "age_band=under_1",
                     "--set", "legal_status=child_protection_plan", "--set", "risk_factors=neglect,substance_misuse",
                     "--set", "recorded_on=2026-12-14", "--set", "safeguarding_concern=Baby left alone at night",
                     "--set", "difference_made=None yet", "--grade", "hp-assessment=requires-improvement")
    concern = saved["concern"]["id"]
    # Raised on the first day of fieldwork: the immediate plan is due on the next working day.
    assert states(cli, "2026-12-14")["immediate_plan"] == ("due_soon", 1)
    assert states(cli, "2026-12-16")["immediate_plan"] == ("overdue", 1)
    cli("concern", "plan", inspection, concern, "--owner", "Dana District", "--action", "Visit today", "--date", "2026-12-16", *LEAD)
    assert "immediate_plan" not in states(cli, "2026-12-30")
    met = {d["rule"]: d["state"] for d in cli.json("deadlines", "--today", "2026-12-30", "--all")}
    assert met["immediate_plan"] == "met_late"

    cli("evidence", "add", inspection, "conversation", "--as", "Casey Ambassador",
        "--set", "with_group=child_or_young_person", "--set", "notes=Feels listened to", "--answer", "2=Yes")
    conclude_fieldwork(cli, inspection)
    assert states(cli, "2026-12-30")["report"] == ("due_soon", 1)
    assert states(cli, "2027-01-02")["report"] == ("overdue", 2)

    cli("advance", inspection, "issue_report", "--date", "2027-01-02", *LEAD)
    assert states(cli, "2027-01-02") == {"action_plan": ("upcoming", 14)}
    met = {d["rule"]: d["state"] for d in cli.json("deadlines", "--today", "2027-01-02", "--all")}
    assert met["report"] == "met_late"

    recommendations = json.loads(cli("report", inspection, "--format", "json", *LEAD))
    assert recommendations  # the issued report is readable

    dm = ("--as", "Dana District")
    show = cli.json("inspection", "show", inspection, *LEAD)
    assert show["inspection"]["stage"] == "report_issued"
    bundle = json.loads(cli("export", "bundle", inspection, *LEAD))
    for n, rec in enumerate(bundle["records"]["recommendation"]):
        cli("action", "add", inspection, "--recommendation", rec["id"], "--what", f"Action {n}",
            "--owner", "Dana District", "--due", "2027-03-01", *dm)
    cli("advance", inspection, "submit_action_plan", "--date", "2027-01-12", *dm)
    cli("advance", inspection, "approve_action_plan", "--date", "2027-01-14", "--as", "Avery Area")
    cli("advance", inspection, "start_monitoring", "--date", "2027-01-15", "--as", "Avery Area")
    assert {k: v for k, v in states(cli, "2027-03-03").items()} == {f"Action {n}": ("overdue", 2) for n in range(3)}

    actions = cli.json("action", "list", inspection, *dm)
    assert [a["status"] for a in actions] == ["not started"] * 3
    ids = [a["id"] for a in bundle_actions(cli, inspection)]
    for action_id in ids:
        cli("action", "update", inspection, action_id, "--note", "Audit done", "--done", "--date", "2027-02-20", *dm)
    cli("action", "verify", inspection, ids[0], "--send-back", "No evidence attached", "--date", "2027-02-21", "--as", "Avery Area")
    cli("advance", inspection, "close", "--date", "2027-02-22", *LEAD, expect=2)
    assert "Action 'Action 0' is not verified (in progress)" in cli.err
    cli("action", "update", inspection, ids[0], "--note", "Evidence attached", "--done", "--date", "2027-02-22", *dm)
    for action_id in ids:
        cli("action", "verify", inspection, action_id, "--date", "2027-02-23", "--as", "Avery Area")
    cli("advance", inspection, "close", "--date", "2027-02-24", *LEAD)

    assert cli.json("deadlines", "--today", "2027-03-10") == []
    assert cli.json("inspection", "list")[0]["stage"] == "closed"
    assert "audit trail intact" in cli("audit", inspection, "--verify", "--as", "Avery Area")


def bundle_actions(cli, inspection):
    return json.loads(cli("export", "bundle", inspection, *LEAD))["records"]["action"]


def test_a_finding_can_propose_a_themed_inspection_that_stays_linked_to_it(cli):
    inspection = cli.json(
        "inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
        "--lead", "Alex Director", "--theme-lead", "help-and-protection=Sam Help", *LEAD,
    )["id"]
    cli("advance", inspection, "notify", "--date", "2026-12-10", *LEAD)
    cli("advance", inspection, "start_fieldwork", "--date", "2026-12-14", *LEAD)
    cli("finding", "add", inspection, "--theme", "help-and-protection", "--kind", "area_for_development",
        "--text", "Neglect is recognised late", "--propose-themed", "neglect", "--as", "Sam Help")
    finding = json.loads(cli("export", "bundle", inspection, *LEAD))["records"]["finding"][0]["id"]
    themed = cli.json("inspection", "plan", "--from-finding", f"{inspection}:{finding}",
                      "--start", "2027-02-01", "--end", "2027-02-02", *LEAD)
    assert themed["kind"] == "themed"
    assert themed["framework_id"] == "thematic-neglect"
    assert themed["linked_finding_id"] == finding
    assert themed["district_id"] == cli.json("inspection", "list")[0]["district_id"]


def test_the_due_soon_window_is_a_setting(cli):
    inspection = cli.json("inspection", "plan", "--district", "Basingstoke", "--start", "2026-12-14", "--end", "2026-12-17",
                          "--lead", "Alex Director", *LEAD)["id"]
    assert inspection
    assert states(cli, "2026-12-24")["report"] == ("upcoming", 7)
    cli("settings", "--due-soon-days", "7", *LEAD)
    assert states(cli, "2026-12-24")["report"] == ("due_soon", 7)
    assert cli.json("settings")["due_soon_days"] == 7
    cli("settings", "--due-soon-days", "-1", *LEAD, expect=2)
    assert "due_soon_days: must not be negative" in cli.err
