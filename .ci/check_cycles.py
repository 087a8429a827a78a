#!/usr/bin/env python3
"""No import cycles between modules of a crate.

Nodes are the file modules of each workspace crate (`src/a/b.rs` is `a::b`). Module A depends on
module B when A names a path into B (`use crate::a::b::X`, `super::b::f()`, `self::b`), B being
the longest known module the path reaches. A module's use of its own submodules is containment,
not a dependency, so it is not an edge; everything else is. A strongly connected group of two
or more modules is a cycle: it is printed, and the script exits 1.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATES = ["api", "domain", "persistence", "openapi", "signing", "server", "tests", "bench/loadgen"]
PATH = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
GROUP = re.compile(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*?)\}", re.S)


def modules(src):
    """Module path (tuple) of every .rs file under src."""
    out = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), src)[:-3].split(os.sep)
            if rel[-1] in ("lib", "main", "mod"):
                rel = rel[:-1]
            out[tuple(rel)] = os.path.join(dirpath, f)
    return out


def strip(text):
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', text)


def resolve(here, head, rest):
    base = {"crate": (), "self": here, "super": here[:-1]}[head]
    parts = [p for p in rest.split("::") if p]
    while parts and parts[0] == "super":
        base, parts = base[:-1], parts[1:]
    return base + tuple(parts)


def deps(mod, text, known):
    found = set()
    targets = []
    for m in GROUP.finditer(text):
        prefix = resolve(mod, m.group(1), m.group(2))
        for item in re.split(r"[,\s]+", m.group(3)):
            item = item.split("::")[0].strip()
            if item and item != "self":
                targets.append(prefix + (item,))
            elif item == "self":
                targets.append(prefix)
    for m in PATH.finditer(text):
        targets.append(resolve(mod, m.group(1), m.group(2)))
    for t in targets:
        # The longest known module the path reaches.
        for n in range(len(t), -1, -1):
            if t[:n] in known:
                target = t[:n]
                break
        else:
            continue
        if target != mod and target[: len(mod)] != mod:
            found.add(target)
    return found


def cycles(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in list(graph):
        if v not in index:
            strong(v)
    return out


def main():
    bad = 0
    for crate in CRATES:
        for sub in ("src", "tests"):
            src = os.path.join(ROOT, crate, sub)
            if not os.path.isdir(src):
                continue
            known = modules(src)
            graph = {m: deps(m, strip(open(p, encoding="utf-8").read()), known) for m, p in known.items()}
            for group in cycles(graph):
                bad += 1
                names = ", ".join("::".join(g) or "(root)" for g in group)
                print(f"{crate}/{sub}: import cycle between {names}")
    if bad:
        sys.exit(1)
    print("no import cycles")


if __name__ == "__main__":
    main()
