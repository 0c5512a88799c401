"""Give memory freed after loading back to the system.

Loading 10,000 items decodes tens of megabytes of summaries and search text
that are written to disk and dropped at once; glibc keeps the freed pages in
the process (RSS) unless asked to trim them. Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import lru_cache


@lru_cache(maxsize=1)
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim  # glibc only; musl has none
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    """Collect young garbage, hand free heap pages back (glibc ``malloc_trim``), and freeze what is left.

    Freezing moves the objects that loading made (10,000 summaries and the like, alive until
    the app ends) out of the garbage collector's view, so its full passes, which would walk
    them all, no longer stall a key press now and then. The collection before it spares the
    oldest generation: a full pass over all of them holds the GIL ~60 ms at once, a stall of
    every key pressed meanwhile; loading's garbage is freed by reference counting anyway.
    """
    gc.collect(1)
    trim = _trim()
    if trim is not None:
        trim(0)
    gc.freeze()
