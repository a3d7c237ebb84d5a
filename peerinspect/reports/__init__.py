"""The written report, the case profile and the exports: pure rendering from domain records to text or bytes."""

from .content import build_report, content_hash
from .exports import actions_csv, actions_rows, actions_xlsx, deadlines_ics
from .html import render_html
from .markdown import render_markdown
from .profile import CaseProfile, Share, case_profile

__all__ = [
    "CaseProfile",
    "Share",
    "actions_csv",
    "actions_rows",
    "actions_xlsx",
    "build_report",
    "case_profile",
    "content_hash",
    "deadlines_ics",
    "render_html",
    "render_markdown",
]
