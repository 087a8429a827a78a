//! What a PostgreSQL URL points at, for messages (never the password) and for reaching the
//! server's maintenance database when the target database has to be created.

/// `postgres://user:password@host:port/dbname?params`, as libpq reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PgTarget {
    pub user: String,
    pub host: String,
    pub port: String,
    pub database: String,
    /// Kept only to scrub it from driver messages.
    password: Option<String>,
    /// The database came from a `dbname=` parameter, not from the path.
    database_in_query: bool,
}

impl PgTarget {
    pub fn parse(url: &str) -> PgTarget {
        let rest = url
            .strip_prefix("postgresql://")
            .or_else(|| url.strip_prefix("postgres://"))
            .unwrap_or(url);
        let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = before_query.split_once('/').unwrap_or((before_query, ""));
        let (userinfo, hostport) = authority.rsplit_once('@').unwrap_or(("", authority));
        let (user, password) = match userinfo.split_once(':') {
            Some((u, p)) => (decode(u), Some(decode(p))),
            None => (decode(userinfo), None),
        };
        let (host, port) = split_host_port(hostport);
        let mut t = PgTarget {
            user,
            host,
            port,
            database: decode(path),
            password: password.filter(|p| !p.is_empty()),
            database_in_query: false,
        };
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v);
            match k {
                "user" => t.user = v,
                "host" => t.host = v,
                "port" => t.port = v,
                "dbname" => {
                    t.database = v;
                    t.database_in_query = true;
                }
                "password" => t.password = Some(v).filter(|p| !p.is_empty()),
                _ => {}
            }
        }
        // libpq's defaults: the operating-system user, the local socket, 5432, dbname = user.
        if t.user.is_empty() {
            t.user = std::env::var("PGUSER")
                .or_else(|_| std::env::var("USER"))
                .unwrap_or_default();
        }
        if t.host.is_empty() {
            t.host = "localhost".into();
        }
        if t.port.is_empty() {
            t.port = "5432".into();
        }
        if t.database.is_empty() {
            t.database = t.user.clone();
        }
        t
    }

    /// `database partner_bss on 127.0.0.1:5432 as user bss`
    pub fn describe(&self) -> String {
        format!(
            "database {} on {}:{} as user {}",
            self.database, self.host, self.port, self.user
        )
    }

    /// `text` with the password (if any) replaced by `***`.
    pub fn scrub(&self, text: &str) -> String {
        match &self.password {
            Some(p) => text.replace(p.as_str(), "***"),
            None => text.to_owned(),
        }
    }

    /// The same server's `postgres` database, from which a missing database can be created;
    /// `None` when the URL names the database in a way this cannot rewrite.
    pub fn maintenance_url(&self, url: &str) -> Option<String> {
        if self.database_in_query || self.database == "postgres" {
            return None;
        }
        let scheme_end = url.find("://")? + 3;
        let (head, query) = match url.find('?') {
            Some(q) => (&url[..q], &url[q..]),
            None => (url, ""),
        };
        let authority_end = head[scheme_end..]
            .find('/')
            .map_or(head.len(), |i| scheme_end + i);
        Some(format!("{}/postgres{query}", &head[..authority_end]))
    }
}

fn split_host_port(hostport: &str) -> (String, String) {
    // [::1]:5432
    if let Some(rest) = hostport.strip_prefix('[') {
        if let Some((h, after)) = rest.split_once(']') {
            let port = after.strip_prefix(':').unwrap_or("");
            return (h.to_owned(), port.to_owned());
        }
    }
    match hostport.rsplit_once(':') {
        Some((h, p)) => (decode(h), p.to_owned()),
        None => (decode(hostport), String::new()),
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let v = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(v).unwrap_or(b'?'));
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_part_and_hides_the_password() {
        let url = "postgres://bss:p%40ss@db.example:6543/partner_bss?sslmode=disable";
        let t = PgTarget::parse(url);
        assert_eq!(t.user, "bss");
        assert_eq!(t.host, "db.example");
        assert_eq!(t.port, "6543");
        assert_eq!(t.database, "partner_bss");
        assert_eq!(
            t.describe(),
            "database partner_bss on db.example:6543 as user bss"
        );
        assert_eq!(t.scrub("said p@ss twice: p@ss"), "said *** twice: ***");
        assert_eq!(
            t.maintenance_url(url).as_deref(),
            Some("postgres://bss:p%40ss@db.example:6543/postgres?sslmode=disable")
        );
    }

    #[test]
    fn defaults_like_libpq() {
        let t = PgTarget::parse("postgres://alice@127.0.0.1");
        assert_eq!((t.port.as_str(), t.database.as_str()), ("5432", "alice"));
        assert_eq!(
            t.maintenance_url("postgres://alice@127.0.0.1").as_deref(),
            Some("postgres://alice@127.0.0.1/postgres")
        );
        let v6 = PgTarget::parse("postgresql://u@[::1]:5433/d");
        assert_eq!((v6.host.as_str(), v6.port.as_str()), ("::1", "5433"));
    }

    #[test]
    fn query_parameters_override_the_url() {
        let url = "postgres:///?host=/run/postgresql&dbname=x&user=u&password=secret";
        let t = PgTarget::parse(url);
        assert_eq!(t.describe(), "database x on /run/postgresql:5432 as user u");
        assert_eq!(t.scrub("secret"), "***");
        assert_eq!(t.maintenance_url(url), None);
    }
}
