"""Field copies: an inspection taken onto a laptop with no network, worked on there, and brought home.

    checkout.py   a sealed copy for one member of the team, and home's record of it
    opened.py     working in a copy: unsealed in a private folder, every save sealed back at once
    returning.py  bringing a copy home (and refreshing it), one atomic use case on the home workspace
    conflicts.py  what came home changed in two places, listed and settled
    contents.py   what a copy holds: its label and its own small workspace
    sealing.py    the passphrase, the key and the cipher

The merge itself is pure and lives in the domain (domain/field_merge.py), with what a copy carries for
each role (domain/field_contents.py) and the records home keeps of its copies (domain/field_copies.py).
"""
