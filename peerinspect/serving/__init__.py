"""`peerinspect serve`: the terminal UI in a browser, each tab its own process that opens on the sign-in screen."""
