#!/usr/bin/env python3
"""Checks the Docker files without a Docker engine (CI has none): docker-compose.yml through a
real YAML parser with structural rules, the Dockerfile and .dockerignore by their lines, and the
README's .env recipe against what the compose file needs. With a `docker compose` plugin on the
machine, `docker compose config` validates the file as well (it needs no engine).

Rules: secrets reach the containers as files (`*_FILE` variables naming mounted secrets, owned
by the reading user, mode 0400), never as plain environment; published ports bind 127.0.0.1
unless overridden; the server keeps its data in the image's VOLUME; the image builds
dependencies from the manifests first and with --locked; .git, .env and secrets stay out of the
build context.
"""
import os
import re
import subprocess
import sys
import tomllib
from shutil import which

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRETISH = re.compile(r"(PASSWORD|SECRET|MASTER_KEY|_SK)$")
errors = []


def fail(msg):
    errors.append(msg)


def read(name):
    with open(os.path.join(ROOT, name), encoding="utf-8") as f:
        return f.read()


def default_of(text):
    """`${VAR:-default}` → default (what applies when .env leaves VAR unset)."""
    return re.sub(r"\$\{[A-Z_]+:-([^}]*)\}", r"\1", text)


def dockerfile():
    text = read("Dockerfile")
    lines = [l.strip() for l in text.splitlines()]
    builds = [i for i, l in enumerate(lines) if "cargo build" in l]
    if not builds:
        fail("Dockerfile: no cargo build")
    for i in builds:
        if "--locked" not in lines[i]:
            fail(f"Dockerfile line {i + 1}: cargo build without --locked")
    first_source_copy = next(
        (i for i, l in enumerate(lines) if re.match(r"COPY\s+\.\s+\.", l)), None
    )
    if first_source_copy is None or builds[0] > first_source_copy:
        fail("Dockerfile: dependencies must be built from the manifests before `COPY . .`")
    members = tomllib.loads(read("Cargo.toml"))["workspace"]["members"]
    head = "\n".join(lines[: builds[0]])
    for m in members:
        if not re.search(rf"COPY\s+{re.escape(m)}/Cargo\.toml\s", head):
            fail(f"Dockerfile: the manifest {m}/Cargo.toml is not copied before the first build")
    if not any(l.startswith("COPY Cargo.toml Cargo.lock") for l in lines):
        fail("Dockerfile: Cargo.toml and Cargo.lock are not copied first")
    volumes = [l.split(None, 1)[1] for l in lines if l.startswith("VOLUME ")]
    users = [l.split(None, 1)[1] for l in lines if l.startswith("USER ")]
    if not volumes:
        fail("Dockerfile: no VOLUME for the data directory")
    if not users or users[-1].split(":")[0] in ("0", "root"):
        fail("Dockerfile: the image must run as a non-root user")
    uid = users[-1].split(":")[0] if users else None
    return (volumes[-1] if volumes else None), uid


def dockerignore():
    entries = {l.strip() for l in read(".dockerignore").splitlines() if l.strip() and not l.startswith("#")}
    for must in (".git", "target", ".env", "secrets", "*.key"):
        if must not in entries:
            fail(f".dockerignore: {must} is not excluded from the build context")


def compose(volume, uid):
    doc = yaml.safe_load(read("docker-compose.yml"))
    services = doc.get("services") or {}
    top_secrets = doc.get("secrets") or {}
    needed_env = set()
    for name, spec in top_secrets.items():
        if "environment" in spec:
            needed_env.add(spec["environment"])
        elif "file" not in spec:
            fail(f"secret {name}: neither file nor environment")
    server = services.get("partner-bss")
    if not server:
        fail("docker-compose.yml: no partner-bss service")
        return needed_env
    for sname, svc in services.items():
        env = svc.get("environment") or {}
        if isinstance(env, list):
            env = dict(e.split("=", 1) for e in env)
        mounted = {}
        for ref in svc.get("secrets") or []:
            ref = {"source": ref} if isinstance(ref, str) else ref
            src = ref["source"]
            if src not in top_secrets:
                fail(f"{sname}: secret {src} is not defined at the top level")
            target = ref.get("target", src)
            path = target if target.startswith("/") else f"/run/secrets/{target}"
            mounted[path] = ref
            if ref.get("mode") != 0o400:
                fail(f"{sname}: secret {src} must be mode 0400 (only its reader)")
        for var, value in env.items():
            value = str(value)
            needed_env.update(re.findall(r"\$\{([A-Z_]+):\?", value))
            if var.endswith("_FILE"):
                if value not in mounted:
                    fail(f"{sname}: {var}={value} is not a secret mounted in the service")
            elif SECRETISH.search(var):
                fail(f"{sname}: {var} is a secret in plain environment; use {var}_FILE and a secret")
            if re.search(r"://[^/@\s]*:[^/@\s]*@", value):
                fail(f"{sname}: {var} has a password in a URL")
        for port in svc.get("ports") or []:
            published = default_of(str(port))
            if published.count(":") < 2 or not published.startswith("127.0.0.1:"):
                fail(f"{sname}: port {port} is not bound to 127.0.0.1 by default")
    env = server.get("environment") or {}
    if not str(env.get("BSS_MASTER_KEY_FILE", "")).startswith("/run/secrets/"):
        fail("partner-bss: BSS_MASTER_KEY_FILE must name a compose secret")
    for ref in server.get("secrets") or []:
        if isinstance(ref, str) or str(ref.get("uid")) != uid:
            fail(f"partner-bss: secret {ref} must be owned by the image's user {uid}")
    if volume and not any(str(v).split(":")[1:2] == [volume] for v in server.get("volumes") or []):
        fail(f"partner-bss: no volume mounted at the image's VOLUME {volume}")
    db_env = (services.get("db") or {}).get("environment") or {}
    if "POSTGRES_PASSWORD" in db_env:
        fail("db: POSTGRES_PASSWORD in plain environment; use POSTGRES_PASSWORD_FILE")
    return needed_env


def readme_env(needed):
    """The README's .env recipe writes every variable the compose file needs."""
    readme = read("README.md")
    m = re.search(r"### PostgreSQL with Docker.*?```bash\n(.*?)\n```", readme, re.S)
    if not m:
        fail("README: no ```bash block under 'PostgreSQL with Docker'")
        return
    # printf's `\n` separates the variables too.
    recipe = m.group(1).replace("\\n", "\n")
    written = set(re.findall(r"\b([A-Z][A-Z0-9_]+)=", recipe))
    for var in sorted(needed - written):
        fail(f"README: the .env recipe does not set {var}, which docker-compose.yml needs")
    if "POSTGRES_PASSWORD" not in written:
        fail("README: the .env recipe must set POSTGRES_PASSWORD")


def compose_cli():
    probe = (
        subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if which("docker")
        else None
    )
    if not probe or probe.returncode != 0:
        print("check_docker: no `docker compose` plugin here; YAML and structure checked only")
        return
    env = dict(os.environ, POSTGRES_PASSWORD="x", BSS_MASTER_KEY="x" * 64,
               BSS_OPERATOR_AK="CHECKAK", BSS_OPERATOR_SK="x" * 16)
    r = subprocess.run(["docker", "compose", "-f", os.path.join(ROOT, "docker-compose.yml"),
                        "config", "--quiet"], capture_output=True, text=True, env=env)
    if r.returncode != 0:
        fail(f"docker compose config: {r.stderr.strip()}")


def main():
    volume, uid = dockerfile()
    dockerignore()
    needed = compose(volume, uid)
    readme_env(needed)
    compose_cli()
    if errors:
        for e in errors:
            print(f"check_docker: {e}", file=sys.stderr)
        sys.exit(1)
    print("check_docker: Dockerfile, .dockerignore, docker-compose.yml and the README's .env agree")


if __name__ == "__main__":
    main()
