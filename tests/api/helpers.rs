//! Fixtures: a fresh database per test on each backend, the CLI as a user runs it, and small
//! directory files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use secrecy::ExposeSecret;

use crmlens::config::DatabaseUrl;
use crmlens::storage::{self, DbConnection};

/// The environment variable naming a PostgreSQL server for the PostgreSQL variants.
pub const POSTGRES_ENV: &str = "CRMLENS_TEST_POSTGRES";

static POSTGRES_VARIANTS: AtomicUsize = AtomicUsize::new(0);
static DATABASES: AtomicUsize = AtomicUsize::new(0);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed afterwards.
pub struct TestDb {
    pub backend: Backend,
    url: String,
    _dir: Option<tempfile::TempDir>,
    /// `(server URL, database name)` to drop on the way out.
    drop_pg: Option<(String, String)>,
}

impl TestDb {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = dir.path().join("crmlens.db").display().to_string();
        Self { backend: Backend::Sqlite, url, _dir: Some(dir), drop_pg: None }
    }

    /// Creates a uniquely named database on the server of `server_url`.
    pub fn postgres(server_url: &str) -> Self {
        let name = format!(
            "crmlens_test_{}_{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
        );
        let mut admin = PgConnection::establish(server_url).expect("connect to CRMLENS_TEST_POSTGRES");
        admin.batch_execute(&format!("CREATE DATABASE \"{name}\"")).expect("create test database");
        let url = with_database(server_url, &name);
        Self { backend: Backend::Postgres, url, _dir: None, drop_pg: Some((server_url.to_owned(), name)) }
    }

    /// The `--db` value for the CLI.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn database_url(&self) -> DatabaseUrl {
        DatabaseUrl::parse(&self.url).expect("test database URL")
    }

    /// A connection with migrations applied.
    pub fn conn(&self) -> DbConnection {
        let mut conn = storage::establish(&self.database_url()).expect("open test database");
        storage::run_migrations(&mut conn).expect("migrate test database");
        conn
    }

    /// The e-mail key the CLI derives for this database (from its stored instance secret).
    pub fn email_key(&self) -> crmlens::matching::email::EmailKey {
        let secret = storage::instance_secret(&mut self.conn(), None).expect("instance secret");
        crmlens::matching::email::EmailKey::derive(secret.expose_secret().as_bytes())
    }

    /// Runs `crmlens --db URL ARGS…`, feeding `stdin`.
    pub fn cli(&self, args: &[&str], stdin: &[u8]) -> Output {
        let mut all = vec!["--db", self.url()];
        all.extend_from_slice(args);
        run_cli(&all, stdin)
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((server, name)) = &self.drop_pg
            && let Ok(mut admin) = PgConnection::establish(server)
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"));
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
fn with_database(server_url: &str, name: &str) -> String {
    let (base, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..].find('/').map_or(base.len(), |i| after_scheme + i);
    format!("{}/{name}{query}", &base[..host_end])
}

/// Runs `test` on a fresh SQLite database, then on a fresh PostgreSQL database when
/// `CRMLENS_TEST_POSTGRES` is set. Announces each PostgreSQL variant and the running count on the
/// real stderr (past the test harness's capture), so CI logs show how many ran.
pub fn each_backend(name: &str, test: impl Fn(&TestDb)) {
    test(&TestDb::sqlite());
    match std::env::var(POSTGRES_ENV).ok().filter(|url| !url.is_empty()) {
        Some(server) => {
            test(&TestDb::postgres(&server));
            let count = POSTGRES_VARIANTS.fetch_add(1, Ordering::SeqCst) + 1;
            let _ = writeln!(
                std::io::stderr(),
                "postgres variant passed: {name} (postgres variants so far: {count})"
            );
        }
        None => {
            static ONCE: OnceLock<()> = OnceLock::new();
            ONCE.get_or_init(|| {
                let _ = writeln!(std::io::stderr(), "{POSTGRES_ENV} is not set: PostgreSQL variants skipped");
            });
        }
    }
}

/// Runs the `crmlens` binary with a clean `CRMLENS_*` environment.
pub fn run_cli(args: &[&str], stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crmlens"));
    for (key, _) in std::env::vars() {
        if key.starts_with("CRMLENS_") {
            command.env_remove(key);
        }
    }
    let mut child = command
        .args(args)
        .env("CRMLENS_LOG", "json")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run crmlens");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("crmlens output");
    writer.join().expect("stdin writer");
    output
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A member line in the FORMATS.md shape.
pub fn member_line(id: &str, first: &str, last: &str, emails: &[&str]) -> String {
    serde_json::json!({
        "id": id, "first_name": first, "last_name": last, "headline": "", "title": "Engineer",
        "company_id": "c000001", "company_name": "Acme Inc.", "location": "Austin, Texas, United States",
        "emails": emails,
        "past_companies": [{"company_id": "c000002", "company_name": "Beta GmbH", "title": "Intern"}],
    })
    .to_string()
}

pub fn company_line(id: &str, name: &str) -> String {
    serde_json::json!({
        "id": id, "name": name, "industry": "Software Development", "location": "Berlin, Germany",
        "website": "acme.com", "size": 120, "description": "",
    })
    .to_string()
}

pub fn connection_line(a: &str, b: &str) -> String {
    serde_json::json!({"a": a, "b": b}).to_string()
}

/// `count` generated members `m000000…`, every third with an e-mail address.
pub fn generated_members(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let email = format!("person{i}@example.com");
            let emails: Vec<&str> = if i % 3 == 0 { vec![email.as_str()] } else { vec![] };
            member_line(&format!("m{i:06}"), &format!("Ann{i}"), "Émile-Łukasz", &emails)
        })
        .collect()
}

/// Writes lines (newline-terminated) to `dir/name`.
pub fn write_lines(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let mut text = lines.join("\n");
    text.push('\n');
    write_bytes(dir, name, text.as_bytes())
}

pub fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// Gzips lines into `dir/name`.
pub fn write_gz(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    write_bytes(dir, name, &gzip(lines))
}

pub fn gzip(lines: &[String]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    for line in lines {
        encoder.write_all(line.as_bytes()).expect("gzip");
        encoder.write_all(b"\n").expect("gzip");
    }
    encoder.finish().expect("gzip")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
