"""The written report, the case profile and the exports: pure rendering from domain records to text or bytes.

Each is imported from its own module (content, html, markdown, profile, exports), so a command loads only the
renderer it uses.
"""
