//! Settings: command-line flags, then `CRMLENS_*` environment variables, then an optional TOML
//! file (`--config FILE`), then built-in defaults. One typed [`Settings`]; no global state.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::Deserialize;

/// A setting whose value was refused. Commands exit with status 2 on it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("setting `{setting}`: {value:?} is not accepted; expected {expected}")]
    Invalid { setting: &'static str, value: String, expected: &'static str },
    #[error("config file {path}: {problem}")]
    File { path: String, problem: String },
    #[error("setting `{setting}`: {problem}")]
    Unreadable { setting: &'static str, problem: String },
}

/// The flags that every command accepts; each also reads its `CRMLENS_*` variable.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SettingsArgs {
    /// TOML file with settings (flags and environment variables take precedence).
    #[arg(long, global = true, env = "CRMLENS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database: a path or sqlite://PATH for SQLite, postgres://… for PostgreSQL.
    #[arg(long = "db", global = true, env = "CRMLENS_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// Address to listen on.
    #[arg(long, global = true, env = "CRMLENS_BIND", value_name = "ADDR")]
    pub bind: Option<String>,
    /// Public base URL the browser sees (used in redirects, SAML metadata, embed snippets).
    #[arg(long, global = true, env = "CRMLENS_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// TLS certificate chain (PEM). Needs --tls-key.
    #[arg(long, global = true, env = "CRMLENS_TLS_CERT", value_name = "FILE")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM). Needs --tls-cert.
    #[arg(long, global = true, env = "CRMLENS_TLS_KEY", value_name = "FILE")]
    pub tls_key: Option<PathBuf>,
    /// File holding the signing secret (sessions, CSRF, handoff codes, e-mail hashes).
    #[arg(long, global = true, env = "CRMLENS_SECRET_FILE", value_name = "FILE")]
    pub secret_file: Option<PathBuf>,
    /// Log format: json or pretty.
    #[arg(long, global = true, env = "CRMLENS_LOG", value_name = "FORMAT")]
    pub log_format: Option<String>,
    /// Address of the demo CRM site served by `serve --demo`.
    #[arg(long, global = true, env = "CRMLENS_DEMO_BIND", value_name = "ADDR")]
    pub demo_bind: Option<String>,
}

/// The same settings as spelled in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    bind: Option<String>,
    public_url: Option<String>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
    secret_file: Option<PathBuf>,
    secret: Option<String>,
    log_format: Option<String>,
    demo_bind: Option<String>,
}

/// Where the data lives.
#[derive(Clone)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(SecretString),
}

impl DatabaseUrl {
    pub fn parse(value: &str) -> Result<Self, ConfigError> {
        let value = value.trim();
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            return Ok(Self::Postgres(SecretString::from(value.to_owned())));
        }
        let path = value.strip_prefix("sqlite://").unwrap_or(value);
        if path.is_empty() || value.contains("://") && !value.starts_with("sqlite://") {
            return Err(ConfigError::Invalid {
                setting: "database_url",
                value: redact_url(value),
                expected: "a file path, sqlite://PATH or postgres://USER@HOST/DB",
            });
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use secrecy::ExposeSecret;
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => f.write_str(&redact_url(url.expose_secret())),
        }
    }
}

/// Hides the password of `scheme://user:password@host/…`.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let Some((userinfo, host)) = rest.split_once('@') else { return url.to_owned() };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Json,
    Pretty,
}

/// TLS material for `serve`.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Every setting, resolved and checked.
#[derive(Clone)]
pub struct Settings {
    pub database: DatabaseUrl,
    pub bind: SocketAddr,
    pub public_url: String,
    pub tls: Option<TlsFiles>,
    /// `None`: use the secret generated once and kept in the database.
    pub secret: Option<SecretString>,
    /// `None`: pretty on a terminal, JSON otherwise.
    pub log_format: Option<LogFormat>,
    pub demo_bind: SocketAddr,
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("database", &self.database)
            .field("bind", &self.bind)
            .field("public_url", &self.public_url)
            .field("tls", &self.tls)
            .field("secret", &self.secret.as_ref().map(|_| "***"))
            .field("log_format", &self.log_format)
            .field("demo_bind", &self.demo_bind)
            .finish()
    }
}

pub const DEFAULT_DATABASE: &str = "crmlens.db";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";
pub const DEFAULT_DEMO_BIND: &str = "127.0.0.1:8081";

impl Settings {
    /// Resolves flags and environment (already merged by clap) over the TOML file and defaults.
    /// `env_secret` is `CRMLENS_SECRET`, read by the caller so tests can pass it explicitly.
    pub fn resolve(args: &SettingsArgs, env_secret: Option<String>) -> Result<Self, ConfigError> {
        let file = match &args.config {
            Some(path) => read_file_settings(path)?,
            None => FileSettings::default(),
        };
        let pick = |flag: &Option<String>, file: &Option<String>, default: &str| {
            flag.clone().or_else(|| file.clone()).unwrap_or_else(|| default.to_owned())
        };
        let database = DatabaseUrl::parse(&pick(&args.database_url, &file.database_url, DEFAULT_DATABASE))?;
        let bind = parse_addr("bind", &pick(&args.bind, &file.bind, DEFAULT_BIND))?;
        let demo_bind = parse_addr("demo_bind", &pick(&args.demo_bind, &file.demo_bind, DEFAULT_DEMO_BIND))?;
        let tls =
            resolve_tls(args.tls_cert.clone().or(file.tls_cert), args.tls_key.clone().or(file.tls_key))?;
        let derived_public_url = derive_public_url(bind, tls.is_some());
        let public_url = parse_public_url(&pick(&args.public_url, &file.public_url, &derived_public_url))?;
        let secret = resolve_secret(
            args.secret_file.as_deref(),
            env_secret,
            file.secret_file.as_deref(),
            file.secret,
        )?;
        let log_format =
            args.log_format.clone().or(file.log_format).map(|v| parse_log_format(&v)).transpose()?;
        Ok(Self { database, bind, public_url, tls, secret, log_format, demo_bind })
    }
}

fn read_file_settings(path: &Path) -> Result<FileSettings, ConfigError> {
    let file_error = |problem: String| ConfigError::File { path: path.display().to_string(), problem };
    let text = std::fs::read_to_string(path).map_err(|e| file_error(format!("cannot read: {e}")))?;
    toml::from_str(&text).map_err(|e| file_error(e.message().to_owned()))
}

fn parse_addr(setting: &'static str, value: &str) -> Result<SocketAddr, ConfigError> {
    value.trim().parse().map_err(|_| ConfigError::Invalid {
        setting,
        value: value.to_owned(),
        expected: "an IP address and port, such as 127.0.0.1:8080 or [::1]:8080",
    })
}

/// Without a configured public URL, the browser reaches the server where it listens
/// (`http://127.0.0.1:8080` for the default address).
fn derive_public_url(bind: SocketAddr, tls: bool) -> String {
    let scheme = if tls { "https" } else { "http" };
    let host = if bind.ip().is_unspecified() { "127.0.0.1".to_owned() } else { bind.ip().to_string() };
    let host = if bind.is_ipv6() && !bind.ip().is_unspecified() { format!("[{host}]") } else { host };
    format!("{scheme}://{host}:{}", bind.port())
}

fn parse_public_url(value: &str) -> Result<String, ConfigError> {
    let trimmed = value.trim().trim_end_matches('/');
    let rest = trimmed.strip_prefix("https://").or_else(|| trimmed.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(trimmed.to_owned()),
        _ => Err(ConfigError::Invalid {
            setting: "public_url",
            value: value.to_owned(),
            expected: "an absolute http:// or https:// URL such as https://crmlens.example.com",
        }),
    }
}

fn parse_log_format(value: &str) -> Result<LogFormat, ConfigError> {
    match value.trim().to_ascii_lowercase().as_str() {
        "json" => Ok(LogFormat::Json),
        "pretty" => Ok(LogFormat::Pretty),
        _ => Err(ConfigError::Invalid {
            setting: "log_format",
            value: value.to_owned(),
            expected: "json or pretty",
        }),
    }
}

fn resolve_tls(cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Option<TlsFiles>, ConfigError> {
    match (cert, key) {
        (None, None) => Ok(None),
        (Some(cert), Some(key)) => Ok(Some(TlsFiles { cert, key })),
        (Some(_), None) => Err(ConfigError::Unreadable {
            setting: "tls_key",
            problem: "a TLS certificate was given without its key; set --tls-key too".to_owned(),
        }),
        (None, Some(_)) => Err(ConfigError::Unreadable {
            setting: "tls_cert",
            problem: "a TLS key was given without its certificate; set --tls-cert too".to_owned(),
        }),
    }
}

/// Flag file, then `CRMLENS_SECRET`, then the TOML file's `secret_file` or `secret`.
fn resolve_secret(
    flag_file: Option<&Path>,
    env_secret: Option<String>,
    toml_file: Option<&Path>,
    toml_secret: Option<String>,
) -> Result<Option<SecretString>, ConfigError> {
    let value = if let Some(path) = flag_file {
        Some(read_secret_file(path)?)
    } else if let Some(value) = env_secret.filter(|v| !v.is_empty()) {
        Some(value)
    } else if let Some(path) = toml_file {
        Some(read_secret_file(path)?)
    } else {
        toml_secret
    };
    match value {
        Some(v) if v.trim().len() < 32 => Err(ConfigError::Unreadable {
            setting: "secret",
            problem: "the secret is shorter than 32 characters; generate one with `openssl rand -hex 32`"
                .to_owned(),
        }),
        Some(v) => Ok(Some(SecretString::from(v.trim().to_owned()))),
        None => Ok(None),
    }
}

fn read_secret_file(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
        setting: "secret_file",
        problem: format!("cannot read {}: {e}", path.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let settings = Settings::resolve(&SettingsArgs::default(), None).unwrap();
        assert_eq!(settings.bind.to_string(), DEFAULT_BIND);
        assert!(matches!(settings.database, DatabaseUrl::Sqlite(ref p) if p == Path::new("crmlens.db")));
        assert!(settings.secret.is_none());
        assert_eq!(settings.public_url, DEFAULT_PUBLIC_URL);
    }

    #[test]
    fn public_url_follows_the_listen_address_unless_set() {
        let args = SettingsArgs { bind: Some("0.0.0.0:9000".into()), ..Default::default() };
        assert_eq!(Settings::resolve(&args, None).unwrap().public_url, "http://127.0.0.1:9000");
        let args = SettingsArgs { public_url: Some("https://crm.example.com/".into()), ..args };
        assert_eq!(Settings::resolve(&args, None).unwrap().public_url, "https://crm.example.com");
    }

    #[test]
    fn postgres_password_is_redacted() {
        let url = DatabaseUrl::parse("postgres://app:hunter2@db/crm").unwrap();
        assert_eq!(url.to_string(), "postgres://app:***@db/crm");
    }

    #[test]
    fn bad_bind_names_setting_and_accepted_values() {
        let args = SettingsArgs { bind: Some("localhost".into()), ..Default::default() };
        let message = Settings::resolve(&args, None).unwrap_err().to_string();
        assert!(message.contains("`bind`") && message.contains("IP address and port"), "{message}");
    }

    #[test]
    fn short_secret_is_refused_without_echoing_it() {
        let message =
            Settings::resolve(&SettingsArgs::default(), Some("tooshort".into())).unwrap_err().to_string();
        assert!(message.contains("secret") && !message.contains("tooshort"), "{message}");
    }
}
