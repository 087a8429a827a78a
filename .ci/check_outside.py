#!/usr/bin/env python3
"""The build reads nothing outside the repository.

After `cargo test --workspace` has built everything, each compiled crate's dep-info file
(`target/debug/deps/*.d`) lists every file the compiler read: sources, and whatever
`include_str!`/`include_bytes!` pulled in. A file outside the repository, Cargo's registry and
git checkouts, the toolchain and the target directory would be missing on a fresh clone (as
`../shared/...` was once): it is printed and the script exits 1. Only the newest dep-info of
each crate counts, so a local target directory's stale builds do not speak.
"""
import glob
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CARGO_HOME = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
RUSTUP_HOME = os.environ.get("RUSTUP_HOME", os.path.expanduser("~/.rustup"))
ALLOWED = [ROOT, TARGET, CARGO_HOME, RUSTUP_HOME, "/usr/"]


def inputs(dep_file):
    """The prerequisites of a make-style dep-info file (escaped spaces kept)."""
    text = open(dep_file, encoding="utf-8", errors="replace").read().replace("\\\n", " ")
    for line in text.splitlines():
        if ":" not in line or line.startswith("#"):
            continue
        _, deps = line.split(":", 1)
        for part in deps.replace("\\ ", "\0").split():
            yield part.replace("\0", " ")


def main():
    newest = {}
    for f in glob.glob(os.path.join(TARGET, "debug", "deps", "*.d")):
        # A crate is its name and its root file (a library and a test target may share a name).
        root = next(inputs(f), "")
        crate = (os.path.basename(f).rsplit("-", 1)[0], root)
        if crate not in newest or os.path.getmtime(f) > os.path.getmtime(newest[crate]):
            newest[crate] = f
    files = list(newest.values())
    if not files:
        print(f"no dep-info files under {TARGET}: build first")
        sys.exit(1)
    outside = set()
    for f in files:
        for path in inputs(f):
            real = os.path.realpath(path if os.path.isabs(path) else os.path.join(ROOT, path))
            if not any(real == a or real.startswith(a.rstrip("/") + "/") for a in ALLOWED):
                outside.add(real)
    for path in sorted(outside):
        print(f"the build reads a file outside the repository: {path}")
    if outside:
        sys.exit(1)
    print(f"the build reads nothing outside the repository ({len(files)} dep-info files)")


if __name__ == "__main__":
    main()
