"""The auth service's password hasher."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum parameters: 19 MiB of memory, 2 passes, 1 lane.

    OWASP's Password Storage Cheat Sheet recommends Argon2id first, with
    m=19456 KiB, t=2, p=1 as the minimum. Django's own Argon2 hasher (the same
    Argon2id, the same stored format) defaults to m=100 MiB and p=8: five
    times the memory and about ten times the CPU of this per hash, which
    would again make hashing the limit of a small machine's sign-in capacity,
    as PBKDF2's 1,000,000 iterations did. The memory each guess needs is what
    resists GPU cracking, and 19 MiB is the floor OWASP sets for it.
    docs/auth.md records the measured cost.

    The algorithm name stays Django's `argon2`, so stored hashes are Django's
    standard ones. A stored Argon2 hash with other parameters (or a PBKDF2
    one) is rehashed with these at the next successful password check
    (`must_update`)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
