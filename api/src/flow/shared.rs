//! Flow control shared by every replica through Redis: each decision is one atomic Lua script,
//! timed by Redis's own clock so replicas with drifting clocks agree.
//!
//! - the per-credential-and-API limit is GCRA (the generic cell rate algorithm, what `governor`
//!   runs in process): one key per credential and API holding the theoretical arrival time;
//! - the per-address budget of authentication failures is a counter per address and second;
//! - the key lockout is a failure counter per access key and a lock key that expires.

use redis::aio::ConnectionManager;
use redis::{Client, RedisError, Script};
use std::net::IpAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::OnceCell;

/// Longest wait for Redis on a request's path; beyond it the check fails open.
pub const TIMEOUT: Duration = Duration::from_millis(250);

/// KEYS[1] = theoretical arrival time (µs); ARGV = emission interval (µs), burst tolerance
/// (µs). Returns 0 when admitted, else the microseconds to wait.
static GCRA: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allow_at = tat + interval - tolerance
if now < allow_at then return allow_at - now end
local new_tat = tat + interval
redis.call('SET', KEYS[1], new_tat, 'PX', math.floor((new_tat - now) / 1000) + 1000)
return 0
",
    )
});

/// KEYS = lock, failure count of the key, failures of the address this second;
/// ARGV[1] = the address's budget. Returns {locked, key failures, address budget spent}.
static BEFORE_SIGNATURE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local locked = redis.call('EXISTS', KEYS[1])
local fails = tonumber(redis.call('GET', KEYS[2]) or '0')
local n = tonumber(redis.call('GET', KEYS[3]) or '0')
local spent = 0
if n >= tonumber(ARGV[1]) then spent = 1 end
return {locked, fails, spent}
",
    )
});

/// KEYS[1] = failures of an address this second.
static ADDRESS_FAILED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], 1000) end
return n
",
    )
});

/// KEYS = failure count of the key, lock; ARGV = threshold, lock seconds. Returns 1 when
/// this failure locked the key.
static SIGNATURE_FAILED: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 86400)
if n >= tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'EX', tonumber(ARGV[2]))
  return 1
end
return 0
",
    )
});

/// What Redis knows before a signature is checked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Before {
    pub locked: bool,
    pub key_failures: u32,
    pub address_spent: bool,
}

pub struct Shared {
    client: Client,
    prefix: String,
    conn: OnceCell<ConnectionManager>,
    /// After a failure Redis is not asked again for [`PAUSE`] (milliseconds since the epoch),
    /// so an outage costs requests no waiting.
    paused_until: AtomicI64,
}

/// How long a failure keeps requests from asking Redis.
pub const PAUSE: Duration = Duration::from_secs(1);

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn timed_out() -> RedisError {
    RedisError::from(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "redis did not answer in time",
    ))
}

impl Shared {
    /// Checks the URL only; the connection is made on first use, so a replica starts (and
    /// fails open) while Redis is down.
    pub fn new(url: &str, prefix: &str) -> Result<Self, RedisError> {
        Ok(Self {
            client: Client::open(url)?,
            prefix: prefix.to_owned(),
            conn: OnceCell::new(),
            paused_until: AtomicI64::new(0),
        })
    }

    async fn conn(&self) -> Result<ConnectionManager, RedisError> {
        if now_ms() < self.paused_until.load(Ordering::Relaxed) {
            return Err(RedisError::from(std::io::Error::new(
                std::io::ErrorKind::NotConnected,
                "redis failed less than a second ago",
            )));
        }
        let c = self
            .conn
            .get_or_try_init(|| async {
                let config = redis::aio::ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(TIMEOUT))
                    .set_response_timeout(Some(TIMEOUT))
                    .set_number_of_retries(1)
                    .set_max_delay(Duration::from_millis(500));
                ConnectionManager::new_lazy_with_config(self.client.clone(), config)
            })
            .await?;
        Ok(c.clone())
    }

    fn key(&self, kind: &str, id: &str) -> String {
        format!("{}:{kind}:{id}", self.prefix)
    }

    /// Notes a failure: Redis is left alone for [`PAUSE`].
    fn failed<T>(&self, r: Result<T, RedisError>) -> Result<T, RedisError> {
        if r.is_err() {
            let until = now_ms() + i64::try_from(PAUSE.as_millis()).unwrap_or(1000);
            self.paused_until.store(until, Ordering::Relaxed);
        }
        r
    }

    async fn run<T: redis::FromRedisValue>(
        &self,
        script: &Script,
        keys: &[String],
        args: &[i64],
    ) -> Result<T, RedisError> {
        let r = self.run_once(script, keys, args).await;
        self.failed(r)
    }

    async fn run_once<T: redis::FromRedisValue>(
        &self,
        script: &Script,
        keys: &[String],
        args: &[i64],
    ) -> Result<T, RedisError> {
        let mut conn = self.conn().await?;
        let mut inv = script.prepare_invoke();
        for k in keys {
            inv.key(k);
        }
        for a in args {
            inv.arg(*a);
        }
        match tokio::time::timeout(TIMEOUT, inv.invoke_async(&mut conn)).await {
            Ok(r) => r,
            Err(_) => Err(timed_out()),
        }
    }

    /// Admits one request of `credential` to `api` at `per_sec` with `burst`, or says how
    /// many microseconds to wait.
    pub async fn admit(
        &self,
        api: &str,
        credential: &str,
        per_sec: u32,
        burst: u32,
    ) -> Result<Option<u64>, RedisError> {
        let interval = 1_000_000 / i64::from(per_sec.max(1));
        let tolerance = interval * i64::from(burst.max(1));
        let wait: i64 = self
            .run(
                &GCRA,
                &[self.key("rate", &format!("{credential}|{api}"))],
                &[interval, tolerance],
            )
            .await?;
        Ok((wait > 0).then(|| u64::try_from(wait).unwrap_or(u64::MAX)))
    }

    pub async fn before_signature(
        &self,
        ak: &str,
        ip: Option<IpAddr>,
        address_budget: u32,
    ) -> Result<Before, RedisError> {
        let ip = ip.map_or_else(String::new, |i| i.to_string());
        let (locked, fails, spent): (i64, i64, i64) = self
            .run(
                &BEFORE_SIGNATURE,
                &[
                    self.key("lock", ak),
                    self.key("fails", ak),
                    self.key("ipfail", &ip),
                ],
                &[i64::from(address_budget)],
            )
            .await?;
        Ok(Before {
            locked: locked == 1,
            key_failures: u32::try_from(fails).unwrap_or(u32::MAX),
            address_spent: spent == 1,
        })
    }

    pub async fn address_failed(&self, ip: IpAddr) -> Result<(), RedisError> {
        let _: i64 = self
            .run(&ADDRESS_FAILED, &[self.key("ipfail", &ip.to_string())], &[])
            .await?;
        Ok(())
    }

    pub async fn signature_failed(
        &self,
        ak: &str,
        threshold: u32,
        lock_secs: i64,
    ) -> Result<bool, RedisError> {
        let locked: i64 = self
            .run(
                &SIGNATURE_FAILED,
                &[self.key("fails", ak), self.key("lock", ak)],
                &[i64::from(threshold.max(1)), lock_secs.max(1)],
            )
            .await?;
        Ok(locked == 1)
    }

    pub async fn signature_ok(&self, ak: &str) -> Result<(), RedisError> {
        let r = async {
            let mut conn = self.conn().await?;
            let key = self.key("fails", ak);
            match tokio::time::timeout(
                TIMEOUT,
                redis::cmd("DEL").arg(&key).query_async::<i64>(&mut conn),
            )
            .await
            {
                Ok(r) => r.map(|_| ()),
                Err(_) => Err(timed_out()),
            }
        }
        .await;
        self.failed(r)
    }
}
