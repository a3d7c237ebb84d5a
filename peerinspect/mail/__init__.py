"""Reminders by email: each person's digest made into a message, and handed to the workspace's mail server."""
