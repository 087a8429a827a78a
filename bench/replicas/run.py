#!/usr/bin/env python3
"""Three `partner-bss serve` replicas over one PostgreSQL primary, a hot standby made with
pg_basebackup, a Redis of their own and HAProxy in front, all on loopback, then four checks:

  flow      one credential at 3x its limit through HAProxy: admitted = limit +-10 %
  kill9     PayOrders load with Idempotency-Keys and client retries; kill -9 of one replica
            halfway: no order paid twice, no acknowledged payment lost, verify-ledger clean
  rolling   SIGTERM + restart of each replica in turn under load: zero failed requests
  redis     Redis stopped halfway through a flow run: fail open to per-process limits,
            no 5xx

Prints one JSON summary line per check and writes them all to --out. Exits 1 if a check
fails. Everything it starts is stopped, and the standby's directory and the database are
removed, whatever happens. Stdlib only.
"""

import argparse
import hashlib
import hmac
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from urllib.parse import quote

OPERATOR_AK = "REPLICASOPERATORAK01"
OPERATOR_SK = "replicas-operator-secret-key-0123456789"
MASTER_KEY = "6a1f0c2b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8"
PAY = "/v3/orders/customer-orders/pay"
ADJUST = "/v2/accounts/partner-accounts/adjust-amount"
FLOW_PATH = "/v2/operator/po-settings"
PG_BIN = "/usr/lib/postgresql/15/bin"


def log(*a):
    print("[replicas]", *a, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- signing (SDK-HMAC-SHA256)

def _enc(s):
    return quote(s, safe="-_.~")


def sign(method, host, path, body, ak, sk):
    date = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    headers = {"content-type": "application/json", "host": host, "x-sdk-date": date}
    signed = ";".join(sorted(headers))
    uri = "/".join(_enc(s) for s in path.split("/"))
    if not uri.endswith("/"):
        uri += "/"
    canonical = "\n".join([
        method, uri, "",
        "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)),
        signed, hashlib.sha256(body).hexdigest(),
    ])
    to_sign = f"SDK-HMAC-SHA256\n{date}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
    sig = hmac.new(sk.encode(), to_sign.encode(), hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-Sdk-Date": date,
        "Authorization": f"SDK-HMAC-SHA256 Access={ak}, SignedHeaders={signed}, Signature={sig}",
    }


class Client:
    """One keep-alive connection; `call` returns (status, json or text), or (0, error)."""

    def __init__(self, port, ak, sk, timeout=30):
        self.port, self.ak, self.sk, self.timeout = port, ak, sk, timeout
        self.conn = None

    def call(self, method, path, body=None, key=None):
        data = b"" if body is None else json.dumps(body).encode()
        host = f"127.0.0.1:{self.port}"
        headers = sign(method, host, path, data, self.ak, self.sk)
        if key:
            headers["Idempotency-Key"] = key
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.conn.request(method, path, body=data or None, headers=headers)
            r = self.conn.getresponse()
            text = r.read().decode(errors="replace")
            if r.getheader("connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            try:
                return r.status, json.loads(text) if text else {}
            except ValueError:
                return r.status, text
        except (OSError, http.client.HTTPException) as e:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, str(e)


# ---------------------------------------------------------------- the processes

class Stack:
    def __init__(self, args):
        self.args = args
        self.work = tempfile.mkdtemp(prefix="bss-replicas-")
        os.chmod(self.work, 0o755)
        self.db = f"bss_replicas_{uuid.uuid4().hex[:10]}"
        self.pg = args.pg_url.rstrip("/")
        self.standby_port = free_port()
        self.redis_port = free_port()
        self.haproxy_port = free_port()
        self.replica_ports = [free_port() for _ in range(3)]
        self.metrics_ports = [free_port() for _ in range(3)]
        self.procs = {}
        self.standby_started = False
        self.db_created = False

    # -- helpers
    def psql(self, sql, db="postgres", port=None, url=None):
        target = url or (f"{self.pg}/{db}" if port is None else f"postgres://postgres@127.0.0.1:{port}/{db}")
        out = subprocess.run(["psql", target, "-Atqc", sql], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"psql {sql[:60]!r}: {out.stderr.strip()}")
        return out.stdout.strip()

    def as_postgres(self, cmd, **kw):
        return subprocess.run(["runuser", "-u", "postgres", "--"] + cmd, **kw)

    # -- PostgreSQL primary database and hot standby
    def start_database(self):
        self.psql(f"CREATE DATABASE {self.db}")
        self.db_created = True
        allowed = self.psql("SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) "
                            "AND (address = '127.0.0.1' OR address IS NULL) AND auth_method = 'trust'")
        if allowed == "0":
            hba = self.psql("SHOW hba_file")
            log(f"allowing loopback replication connections in {hba}")
            with open(hba, "a") as f:
                f.write("\n# partner-bss bench/replicas: pg_basebackup and streaming over loopback\n"
                        "host replication postgres 127.0.0.1/32 trust\n")
            self.psql("SELECT pg_reload_conf()")
        data = os.path.join(self.work, "standby")
        os.mkdir(data, 0o700)
        shutil.chown(data, "postgres", "postgres")
        host, port = self.pg.split("@")[-1].split(":")
        t0 = time.time()
        self.as_postgres([f"{PG_BIN}/pg_basebackup", "-h", host, "-p", port, "-U", "postgres",
                          "-D", data, "-R", "-X", "stream", "-c", "fast"], check=True, timeout=300)
        log(f"pg_basebackup took {time.time() - t0:.1f}s")
        with open(os.path.join(data, "postgresql.conf"), "w") as f:
            f.write(f"port = {self.standby_port}\nlisten_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{data}'\nhot_standby = on\n"
                    "max_connections = 100\nshared_buffers = 32MB\nfsync = off\n")
        with open(os.path.join(data, "pg_hba.conf"), "w") as f:
            f.write("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        open(os.path.join(data, "pg_ident.conf"), "w").close()
        for n in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
            shutil.chown(os.path.join(data, n), "postgres", "postgres")
        self.as_postgres([f"{PG_BIN}/pg_ctl", "-D", data, "-l", os.path.join(data, "standby.log"),
                          "-w", "-t", "60", "start"], check=True, timeout=90, stdout=subprocess.DEVNULL)
        self.standby_started = True
        log(f"hot standby on 127.0.0.1:{self.standby_port}")

    def standby_url(self):
        return f"postgres://postgres@127.0.0.1:{self.standby_port}/{self.db}"

    def primary_url(self):
        return f"{self.pg}/{self.db}"

    # -- Redis
    def start_redis(self):
        self.procs["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.work],
            stdout=open(os.path.join(self.work, "redis.log"), "w"), stderr=subprocess.STDOUT)
        wait_port(self.redis_port)

    def stop_redis(self):
        p = self.procs.pop("redis", None)
        if p:
            p.terminate()
            p.wait(10)

    # -- replicas
    def start_replica(self, i):
        env = dict(os.environ,
                   DATABASE_URL=self.primary_url(),
                   BSS_READ_DATABASE_URL=self.standby_url(),
                   BSS_REDIS_URL=f"redis://127.0.0.1:{self.redis_port}",
                   BSS_REDIS_PREFIX=f"bench-{self.db}",
                   BSS_METRICS_LISTEN=f"127.0.0.1:{self.metrics_ports[i]}",
                   BSS_MASTER_KEY=MASTER_KEY, BSS_OPERATOR_AK=OPERATOR_AK, BSS_OPERATOR_SK=OPERATOR_SK,
                   BSS_RATE_LIMIT=str(self.args.rate), BSS_WORKERS="2", BSS_POOL_SIZE="8",
                   BSS_SHUTDOWN_DRAIN_SECS="2", BSS_SHUTDOWN_TIMEOUT_SECS="20",
                   BSS_AUTH_FAILURES_PER_IP="1000", RUST_LOG="warn,partner_bss=info,api=info")
        out = open(os.path.join(self.work, f"replica{i}.log"), "a")
        self.procs[f"r{i}"] = subprocess.Popen(
            [self.args.bin, "serve", "--listen", f"127.0.0.1:{self.replica_ports[i]}"],
            env=env, stdout=out, stderr=subprocess.STDOUT)

    def wait_replica(self, i, timeout=120):
        wait_http(self.replica_ports[i], "/readyz", timeout)

    def kill9(self, i):
        p = self.procs.pop(f"r{i}")
        p.kill()
        p.wait()

    def sigterm(self, i):
        p = self.procs.pop(f"r{i}")
        p.terminate()
        return p.wait(60)

    # -- HAProxy
    def start_haproxy(self):
        servers = "\n".join(
            f"  server r{i} 127.0.0.1:{p} check" for i, p in enumerate(self.replica_ports))
        cfg = os.path.join(self.work, "haproxy.cfg")
        self.haproxy_stats = os.path.join(self.work, "haproxy.sock")
        with open(cfg, "w") as f:
            f.write(f"""global
  maxconn 4000
  stats socket {self.haproxy_stats} mode 600 level admin
defaults
  mode http
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
frontend api
  bind 127.0.0.1:{self.haproxy_port}
  default_backend bss
backend bss
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 300ms fastinter 200ms downinter 300ms fall 1 rise 2
{servers}
""")
        self.procs["haproxy"] = subprocess.Popen(
            ["haproxy", "-f", cfg, "-db"],
            stdout=open(os.path.join(self.work, "haproxy.log"), "w"), stderr=subprocess.STDOUT)
        wait_port(self.haproxy_port)

    def haproxy_up(self):
        """Names of the servers HAProxy sends requests to."""
        try:
            with socket.socket(socket.AF_UNIX) as s:
                s.connect(self.haproxy_stats)
                s.sendall(b"show stat\n")
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
        except OSError:
            return set()
        up = set()
        for line in data.decode().splitlines():
            f = line.split(",")
            if len(f) > 17 and f[0] == "bss" and f[1].startswith("r") and f[17] == "UP":
                up.add(f[1])
        return up

    def wait_haproxy(self, name, want_up, timeout=30):
        t0 = time.time()
        while time.time() - t0 < timeout:
            if (name in self.haproxy_up()) == want_up:
                return
            time.sleep(0.1)
        raise RuntimeError(f"HAProxy never saw {name} {'UP' if want_up else 'DOWN'}")

    def metrics(self, i):
        c = http.client.HTTPConnection("127.0.0.1", self.metrics_ports[i], timeout=5)
        c.request("GET", "/metrics")
        return c.getresponse().read().decode()

    def verify_ledger(self):
        out = subprocess.run([self.args.bin, "verify-ledger"], env=dict(os.environ, DATABASE_URL=self.primary_url()),
                             capture_output=True, text=True, timeout=120)
        return out.returncode == 0, (out.stdout + out.stderr).strip()

    def cleanup(self):
        for name, p in list(self.procs.items()):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.procs.clear()
        if self.standby_started:
            self.as_postgres([f"{PG_BIN}/pg_ctl", "-D", os.path.join(self.work, "standby"), "-m", "immediate",
                              "-w", "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.db_created:
            try:
                self.psql(f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
            except RuntimeError as e:
                log(f"cannot drop {self.db}: {e}")
        if self.args.keep:
            log(f"kept {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def wait_port(port, timeout=30):
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def wait_http(port, path, timeout):
    t0 = time.time()
    while time.time() - t0 < timeout:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"127.0.0.1:{port}{path} never answered 200")


# ---------------------------------------------------------------- data

def seed(port, customers, orders_each):
    op = Client(port, OPERATOR_AK, OPERATOR_SK)

    def call(c, method, path, body=None, want=(200, 201, 204)):
        st, v = c.call(method, path, body)
        while st == 429:  # the operator's own flow limit, shared by the replicas
            time.sleep(0.1)
            st, v = c.call(method, path, body)
        if st not in want:
            raise RuntimeError(f"seed: {method} {path} answered {st}: {v}")
        return v

    tag = uuid.uuid4().hex[:8]
    p = call(op, "POST", "/v2/operator/partners", {"name": "Replicas", "account_name": f"rep-{tag}",
                                                    "partner_type": "DISTRIBUTOR", "country_code": "CN"})
    pid = p["partner_id"]
    call(op, "POST", f"/v2/operator/partners/{pid}/recharge", {"amount": "1000000"})
    u = call(op, "POST", f"/v2/operator/partners/{pid}/users",
             {"user_name": f"rep-{tag}", "roles": ["admin"], "password": "Passw0rd!x"})
    k = call(op, "POST", f"/v2/operator/partners/{pid}/users/{u['user_id']}/access-keys", {})
    admin = Client(port, k["access_key"], k["secret_key"])
    out = []
    for i in range(customers):
        c = call(op, "POST", "/v2/operator/customers",
                 {"domain_name": f"rep-c{i}-{tag}", "country_code": "CN", "password": "Passw0rd!x"})
        cid = c["customer_id"]
        call(op, "POST", f"/v2/operator/partners/{pid}/sub-customers", {"customer_id": cid, "association_type": "2"})
        ck = call(op, "POST", f"/v2/operator/customers/{cid}/access-keys", {})
        call(admin, "POST", ADJUST, {"customer_id": cid, "amount": f"{orders_each * 3}.00"})
        orders = []
        for _ in range(orders_each):
            o = call(op, "POST", "/v2/operator/orders", {
                "customer_id": cid, "service_type_code": "hws.service.type.ebs",
                "order_line_items": [{"product_id": "p-1", "period_type": 2, "period_num": 1,
                                      "official_amount": "1.00"}]})
            orders.append(o["order_id"])
        out.append({"id": cid, "ak": ck["access_key"], "sk": ck["secret_key"], "orders": orders})
    return out


# ---------------------------------------------------------------- checks

def flow_run(port, rate, secs, send_factor=3.0, during=None):
    """One credential, one API, `send_factor` x rate for `secs`; (admitted per second by
    second, refused, errors by status)."""
    interval = 1.0 / (rate * send_factor)
    results = []
    lock = threading.Lock()
    stop_at = time.time() + secs
    t_start = time.time()

    def worker(offset):
        c = Client(port, OPERATOR_AK, OPERATOR_SK)
        nxt = t_start + offset
        while True:
            now = time.time()
            if now >= stop_at:
                return
            if nxt > now:
                time.sleep(nxt - now)
            st, _ = c.call("GET", FLOW_PATH)
            with lock:
                results.append((time.time() - t_start, st))
            nxt += interval * 8

    threads = [threading.Thread(target=worker, args=(interval * k,)) for k in range(8)]
    for t in threads:
        t.start()
    if during:
        during()
    for t in threads:
        t.join()
    return results


def redis_errors(stack):
    n = 0
    for i in range(3):
        for line in stack.metrics(i).splitlines():
            if line.startswith("bss_flow_control_redis_errors_total "):
                n += int(float(line.split()[1]))
    return n


def check_flow(stack, args):
    secs = args.flow_secs
    errors = redis_errors(stack)
    res = flow_run(stack.haproxy_port, args.rate, secs)
    ok = sum(1 for _, s in res if s == 200)
    refused = sum(1 for _, s in res if s == 429)
    other = sorted({s for _, s in res if s not in (200, 429)})
    ratio = ok / (args.rate * secs)
    # Steady state: after the first second, which holds the burst of half a second.
    steady = sum(1 for t, s in res if s == 200 and 1.0 <= t < secs) / (args.rate * (secs - 1.0))
    passed = abs(steady - 1.0) <= 0.10 and not other
    return {"check": "flow", "replicas": 3, "limit_per_sec": args.rate, "secs": secs,
            "sent": len(res), "admitted": ok, "refused": refused, "admitted_ratio_incl_burst": round(ratio, 3),
            "admitted_ratio_steady": round(steady, 3), "other_statuses": other,
            "redis_errors": redis_errors(stack) - errors, "passed": passed}


def pay_all(stack, world, kill=None, threads=8, retries=20):
    """Pays every order once, each with its Idempotency-Key, retrying until an answer that is
    not a transport error or 5xx. `kill(progress)` runs once halfway."""
    steps = [(c, o) for c in world for o in c["orders"]]
    steps.sort(key=lambda s: hashlib.sha256(s[1].encode()).hexdigest())
    nxt = [0]
    answers = {}
    retried = [0]
    first_failures = [0]
    lock = threading.Lock()
    half = threading.Event()

    def worker():
        clients = {}
        while True:
            with lock:
                if nxt[0] >= len(steps):
                    return
                c, o = steps[nxt[0]]
                nxt[0] += 1
                if nxt[0] >= len(steps) // 2:
                    half.set()
            cl = clients.setdefault(c["id"], Client(stack.haproxy_port, c["ak"], c["sk"]))
            for attempt in range(retries):
                st, body = cl.call("POST", PAY, {"order_id": o, "use_coupon": "NO", "use_discount": "NO"},
                                   key=f"pay-{o}")
                if st in (0, 502, 503, 504) or st >= 500:
                    with lock:
                        retried[0] += 1
                        if attempt == 0:
                            first_failures[0] += 1
                    time.sleep(min(0.05 * (attempt + 1), 0.5))
                    continue
                break
            with lock:
                answers[o] = (st, body)

    ts = [threading.Thread(target=worker) for _ in range(threads)]
    t0 = time.time()
    for t in ts:
        t.start()
    if kill:
        half.wait()
        kill()
    for t in ts:
        t.join()
    return answers, retried[0], first_failures[0], time.time() - t0


def payment_facts(stack, world):
    ids = ",".join(f"'{o}'" for c in world for o in c["orders"])
    paid = int(stack.psql(f"SELECT count(*) FROM orders WHERE id IN ({ids}) AND status = 5", db=stack.db))
    double = int(stack.psql(
        f"SELECT count(*) FROM (SELECT trade_id FROM ledger_entries WHERE trade_id IN ({ids}) "
        f"AND amount_cents < 0 GROUP BY trade_id HAVING count(*) > 1) d", db=stack.db))
    return paid, double


def check_kill9(stack, args, world):
    victim = 1

    def kill():
        log(f"kill -9 replica {victim} amid the payments")
        stack.kill9(victim)

    answers, retried, first_failures, secs = pay_all(stack, world, kill=kill)
    acknowledged = [o for o, (st, _) in answers.items() if st == 204]
    unanswered = [o for o, (st, _) in answers.items() if st not in (204,)]
    paid, double = payment_facts(stack, world)
    ok, ledger = stack.verify_ledger()
    stack.start_replica(victim)
    stack.wait_replica(victim)
    stack.wait_haproxy(f"r{victim}", True)
    total = sum(len(c["orders"]) for c in world)
    passed = double == 0 and paid >= len(acknowledged) and len(acknowledged) == total and ok
    return {"check": "kill9", "orders": total, "acknowledged": len(acknowledged),
            "not_acknowledged": len(unanswered), "paid_in_db": paid, "paid_twice": double,
            "transport_or_5xx_retried": retried, "first_attempt_failures": first_failures,
            "secs": round(secs, 1), "verify_ledger": ok, "verify_ledger_output": ledger, "passed": passed}


def check_rolling(stack, args, world):
    stop = threading.Event()
    counts = {"requests": 0, "failed": 0, "statuses": {}}
    # Keep each customer at half its flow limit: a 429 would not be the restart's doing.
    pause = 6 / (0.5 * args.rate * len(world))
    lock = threading.Lock()
    steps = [(c, o) for c in world for o in c["orders"]]
    # Interleave customers: each stays under its own flow limit.
    steps.sort(key=lambda s: hashlib.sha256(s[1].encode()).hexdigest())
    nxt = [0]

    def worker(k):
        clients = {}
        while not stop.is_set():
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i < len(steps):
                c, o = steps[i]
                cl = clients.setdefault(c["id"], Client(stack.haproxy_port, c["ak"], c["sk"]))
                st, _ = cl.call("POST", PAY, {"order_id": o, "use_coupon": "NO", "use_discount": "NO"},
                                key=f"pay-{o}")
                good = st == 204
            else:
                c = world[i % len(world)]
                cl = clients.setdefault(c["id"], Client(stack.haproxy_port, c["ak"], c["sk"]))
                st, _ = cl.call("GET", "/v2/accounts/customer-accounts/balances")
                good = st == 200
            with lock:
                counts["requests"] += 1
                counts["statuses"][st] = counts["statuses"].get(st, 0) + 1
                if not good:
                    counts["failed"] += 1
            time.sleep(pause)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    t0 = time.time()
    for t in ts:
        t.start()
    time.sleep(1)
    exits = []
    for i in range(3):
        log(f"rolling restart: SIGTERM replica {i}")
        t_stop = time.time()
        exits.append(stack.sigterm(i))
        stop_secs = time.time() - t_stop
        stack.start_replica(i)
        stack.wait_replica(i)
        stack.wait_haproxy(f"r{i}", True)
        log(f"replica {i} stopped in {stop_secs:.1f}s (exit {exits[-1]}) and is back")
    time.sleep(1)
    stop.set()
    for t in ts:
        t.join()
    paid, double = payment_facts(stack, world)
    ok, _ = stack.verify_ledger()
    return {"check": "rolling", "requests": counts["requests"], "failed": counts["failed"],
            "statuses": {str(k): v for k, v in sorted(counts["statuses"].items())},
            "exit_codes": exits, "secs": round(time.time() - t0, 1), "paid_twice": double,
            "verify_ledger": ok, "passed": counts["failed"] == 0 and double == 0 and ok and exits == [0, 0, 0]}


def check_redis(stack, args):
    secs = args.flow_secs
    half = secs / 2

    def stop_redis():
        time.sleep(half)
        log("stopping Redis")
        stack.stop_redis()

    errors_before = redis_errors(stack)
    res = flow_run(stack.haproxy_port, args.rate, secs, during=stop_redis)
    before = [s for t, s in res if 1.0 <= t < half]
    after = [s for t, s in res if t >= half + 0.5]
    rate_before = sum(1 for s in before if s == 200) / (half - 1.0)
    rate_after = sum(1 for s in after if s == 200) / (secs - half - 0.5)
    five = sorted({s for _, s in res if s >= 500 or s == 0})
    errors = redis_errors(stack) - errors_before
    # Fail open to per-process limits: up to 3 x the limit once Redis is gone, never a 5xx.
    passed = not five and rate_after > rate_before * 1.5 and rate_after <= args.rate * 3 * 1.15 and errors > 0
    return {"check": "redis", "limit_per_sec": args.rate, "secs": secs,
            "admitted_per_sec_with_redis": round(rate_before, 1),
            "admitted_per_sec_redis_down": round(rate_after, 1),
            "redis_errors_counted": errors, "5xx_or_transport": five, "passed": passed}




def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    ap.add_argument("--rate", type=int, default=20, help="flow limit per credential and API")
    ap.add_argument("--flow-secs", type=float, default=10)
    ap.add_argument("--customers", type=int, default=20)
    ap.add_argument("--orders", type=int, default=20, help="orders per customer")
    ap.add_argument("--out", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--deadline", type=float, default=900, help="seconds before giving up")
    args = ap.parse_args()

    stack = Stack(args)
    results = []
    timer = threading.Timer(args.deadline, lambda: os.kill(os.getpid(), signal.SIGTERM))
    timer.daemon = True
    timer.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("replicas: deadline or SIGTERM"))
    try:
        stack.start_database()
        stack.start_redis()
        t0 = time.time()
        for i in range(3):
            stack.start_replica(i)  # together: the migrations run once
        for i in range(3):
            stack.wait_replica(i)
        log(f"3 replicas ready in {time.time() - t0:.1f}s")
        stack.start_haproxy()
        for i in range(3):
            stack.wait_haproxy(f"r{i}", True)
        applied = stack.psql("SELECT count(*) FROM __diesel_schema_migrations", db=stack.db)
        log(f"migrations recorded once each: {applied}")
        world = seed(stack.haproxy_port, args.customers, args.orders)
        half = len(world) // 2
        for name, run in [("flow", lambda: check_flow(stack, args)),
                          ("kill9", lambda: check_kill9(stack, args, world[:half])),
                          ("rolling", lambda: check_rolling(stack, args, world[half:])),
                          ("redis", lambda: check_redis(stack, args))]:
            log(f"check {name}")
            r = run()
            print(json.dumps(r), flush=True)
            results.append(r)
    finally:
        timer.cancel()
        stack.cleanup()
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "results": results}, f,
                      indent=1)
    failed = [r["check"] for r in results if not r["passed"]]
    print(f"replicas: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    sys.exit(1 if failed or len(results) < 4 else 0)


if __name__ == "__main__":
    main()
