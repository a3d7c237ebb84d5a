"""Signing in: password hashing, the common passwords refused, and the token a signed-in command line keeps."""
