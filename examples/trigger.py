#!/usr/bin/env python3
"""What an arrangement does when an event happens, from Python: the same as
examples/trigger.c, through ctypes on the shared library.

    python3 trigger.py [ARRANGEMENT EVENT] [--lib PATH]

ARRANGEMENT and EVENT default to coalition-2025 and offensive-zaporizhzhia;
--lib names the library (default: libguarantor.so.2 wherever the dynamic
linker finds it). It prints what `guarantor trigger ARRANGEMENT EVENT
--json` prints; json.loads() of it gives a dict.
"""
import argparse
import ctypes
import ctypes.util
import sys


class Error(ctypes.Structure):
    """gr_error (guarantor/common.h)."""

    _fields_ = [
        ("code", ctypes.c_int),
        ("file", ctypes.c_char_p),
        ("line", ctypes.c_int),
        ("column", ctypes.c_int),
        ("message", ctypes.c_char_p),
        ("storage", ctypes.c_void_p),
    ]


def load(path):
    lib = ctypes.CDLL(path or ctypes.util.find_library("guarantor") or "libguarantor.so.2")
    p, e = ctypes.c_void_p, ctypes.POINTER(Error)
    signatures = {
        "gr_catalog_new": (p, []),
        "gr_catalog_free": (None, [p]),
        "gr_catalog_load_builtin": (ctypes.c_int, [p, e]),
        "gr_catalog_validate": (ctypes.c_int, [p, e]),
        "gr_catalog_arrangement": (p, [p, ctypes.c_char_p]),
        "gr_catalog_event": (p, [p, ctypes.c_char_p]),
        "gr_timeline_new": (ctypes.c_int, [p, p, p, p, ctypes.c_int32, ctypes.POINTER(p), e]),
        "gr_timeline_free": (None, [p]),
        "gr_timeline_to_json": (p, [p, ctypes.c_uint]),  # A pointer, not c_char_p: we free it.
        "gr_free": (None, [p]),
        "gr_error_clear": (None, [e]),
    }
    for name, (restype, argtypes) in signatures.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = restype, argtypes
    return lib


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("arrangement", nargs="?", default="coalition-2025")
    ap.add_argument("event", nargs="?", default="offensive-zaporizhzhia")
    ap.add_argument("--lib", help="the shared library to load")
    args = ap.parse_args()
    lib = load(args.lib)

    err = Error()  # Zeroed: as good as GR_ERROR_INIT.
    cat = lib.gr_catalog_new()
    tl = ctypes.c_void_p()
    try:
        if not cat:
            raise RuntimeError("out of memory")
        if lib.gr_catalog_load_builtin(cat, ctypes.byref(err)) or lib.gr_catalog_validate(cat, ctypes.byref(err)):
            raise RuntimeError(err.message.decode())
        arr = lib.gr_catalog_arrangement(cat, args.arrangement.encode())
        ev = lib.gr_catalog_event(cat, args.event.encode())
        if not arr or not ev:
            raise RuntimeError(f"no arrangement '{args.arrangement}' or no event '{args.event}'")
        # NULL facts: the arrangement's defaults; 0: the event's own date.
        if lib.gr_timeline_new(cat, arr, ev, None, 0, ctypes.byref(tl), ctypes.byref(err)):
            raise RuntimeError(err.message.decode())
        text = lib.gr_timeline_to_json(tl, 0)
        if not text:
            raise RuntimeError("out of memory")
        try:
            sys.stdout.write(ctypes.string_at(text).decode())
        finally:
            lib.gr_free(text)
    except RuntimeError as e:
        print(f"trigger.py: {e}", file=sys.stderr)
        return 1
    finally:
        lib.gr_timeline_free(tl)
        lib.gr_catalog_free(cat)
        lib.gr_error_clear(ctypes.byref(err))
    return 0


if __name__ == "__main__":
    sys.exit(main())
