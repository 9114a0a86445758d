"""The auth service's password hasher."""

import functools
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

# How much nicer the hashing threads are than the worker: the scheduler gives
# the cores to the worker's other threads (and the machine's other processes) first.
HASHING_NICENESS = 10
NICEST = 19


def _hashing_thread_init() -> None:
    # Linux keeps a nice value per thread; elsewhere the bounded pool alone applies.
    if sys.platform.startswith("linux"):
        thread_id = threading.get_native_id()
        niceness = os.getpriority(os.PRIO_PROCESS, thread_id) + HASHING_NICENESS
        os.setpriority(os.PRIO_PROCESS, thread_id, min(niceness, NICEST))


@functools.cache
def _hashing_threads() -> ThreadPoolExecutor:
    # Created at first use, in the worker process that hashes.
    return ThreadPoolExecutor(
        max_workers=settings.AUTH_PASSWORD_HASH_CONCURRENCY,
        thread_name_prefix="argon2id",
        initializer=_hashing_thread_init,
    )


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum parameters: 12 MiB of memory, 3 passes, 1 lane.

    OWASP's Password Storage Cheat Sheet recommends Argon2id first, with any of
    five configurations as the minimum, which it rates "an equal level of
    defense", trading memory for passes: m=46 MiB t=1, m=19 MiB t=2,
    m=12 MiB t=3, m=9 MiB t=4, m=7 MiB t=5 (p=1). On the 2-core machine this
    was sized on, m=12 MiB t=3 hashed 15-20% faster than m=19 MiB t=2 with
    two at once, which is what took sign-ins past 8x PBKDF2's rate
    (docs/auth.md has both measured). Django's own Argon2
    hasher (the same Argon2id, the same stored format) defaults to m=100 MiB
    and p=8: about ten times the CPU per hash, which would again make hashing
    the limit of a small machine's sign-in capacity, as PBKDF2's 1,000,000
    iterations did.

    The algorithm name stays Django's `argon2`, so stored hashes are Django's
    standard ones. A stored Argon2 hash with other parameters (or a PBKDF2
    one) is rehashed with these at the next successful password check
    (`must_update`).

    Hashing runs on a small pool of threads in each process
    (`AUTH_PASSWORD_HASH_CONCURRENCY`, default 2), niced 10 below the worker
    on Linux; the request threads wait for their turn without using CPU.
    Argon2 releases the GIL, so without the pool every request thread of
    every worker would hash at once: a burst of 32 sign-ins grew the two
    workers past 1 GB (each hashing thread's allocator keeps the hash's
    memory), each hash cost more CPU (memory contention), and /healthz waited
    behind them for a core. With it, memory stays at one hash's worth per
    pool thread, no more hashes run than there are cores, and the scheduler
    serves the worker's other requests before any hashing. docs/auth.md has
    the measurements."""

    time_cost = 3
    memory_cost = 12 * 1024  # KiB
    parallelism = 1

    def encode(self, password, salt):
        return _hashing_threads().submit(super().encode, password, salt).result()

    def verify(self, password, encoded):
        return _hashing_threads().submit(super().verify, password, encoded).result()
