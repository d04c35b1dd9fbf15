//! Settings precedence (flags > CRMLENS_* environment > TOML file > defaults) and refusal of bad
//! values, observed through the real binary.

use crate::app::crmlens;

/// `crmlens migrate` creates the SQLite file the settings point at, which shows which one won.
fn migrate_and_list(dir: &std::path::Path, args: &[&str], envs: &[(&str, &str)]) -> Vec<String> {
    let mut full = args.to_vec();
    full.push("migrate");
    let output = crmlens(dir, &full, envs);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let mut dbs: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".db"))
        .collect();
    dbs.sort();
    for db in &dbs {
        std::fs::remove_file(dir.join(db)).unwrap();
    }
    dbs
}

#[test]
fn flag_beats_environment_beats_file_beats_default() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("crmlens.toml");
    std::fs::write(&config, "database_url = \"from-file.db\"\n").unwrap();
    let config = config.display().to_string();
    let env = [("CRMLENS_DATABASE_URL", "from-env.db")];
    assert_eq!(
        migrate_and_list(dir.path(), &["--config", &config, "--db", "from-flag.db"], &env),
        ["from-flag.db"]
    );
    assert_eq!(migrate_and_list(dir.path(), &["--config", &config], &env), ["from-env.db"]);
    assert_eq!(migrate_and_list(dir.path(), &["--config", &config], &[]), ["from-file.db"]);
    assert_eq!(migrate_and_list(dir.path(), &[], &[]), ["crmlens.db"]);
}

#[test]
fn bad_setting_exits_2_naming_the_setting_and_accepted_values() {
    let dir = tempfile::tempdir().unwrap();
    let output = crmlens(dir.path(), &["--bind", "localhost", "migrate"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("`bind`") && stderr.contains("IP address and port"), "{stderr}");

    let output = crmlens(dir.path(), &["--log-format", "xml", "migrate"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("json or pretty"));
}

#[test]
fn unknown_key_in_config_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("crmlens.toml");
    std::fs::write(&config, "databse_url = \"typo.db\"\n").unwrap();
    let output = crmlens(dir.path(), &["--config", &config.display().to_string(), "migrate"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("databse_url"));
}

#[test]
fn secrets_are_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "s3cr3t-value-that-must-not-leak-0123456789abcdef";
    let output = crmlens(dir.path(), &["--bind", "bad", "migrate"], &[("CRMLENS_SECRET", secret)]);
    let all =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(!all.contains(secret));
    let output = crmlens(dir.path(), &["--db", "postgres://app:hunter2@127.0.0.1:1/x", "migrate"], &[]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("hunter2"));
}
