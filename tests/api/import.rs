//! `crmlens import`: round trip, idempotency, gzip and stdin, and every kind of bad input.

use crmlens::import::{
    Companies, Connections, ImportObserver, ImportOptions, ImportReport, Importer, Members, import_files,
};
use crmlens::jsonl::{LineError, StreamError};
use crmlens::storage::DbConnection;
use crmlens::storage::directory;

use crate::helpers::*;

/// Collects what an import reports.
#[derive(Default)]
struct Collected {
    bad: Vec<String>,
    broken: Vec<String>,
}

impl ImportObserver for Collected {
    fn bad_line(&mut self, error: &LineError) {
        self.bad.push(error.to_string());
    }
    fn broken_file(&mut self, error: &StreamError) {
        self.broken.push(error.to_string());
    }
    fn progress(&mut self, _report: &ImportReport) {}
}

fn import<K: Importer>(
    conn: &mut DbConnection,
    kind: &K,
    file: &std::path::Path,
    batch: usize,
) -> (ImportReport, Collected) {
    let mut seen = Collected::default();
    let options = ImportOptions { strict: false, batch_size: batch };
    let files = [file.display().to_string()];
    let report = import_files(conn, kind, &files, options, &mut seen).expect("import");
    (report, seen)
}

/// Everything the directory holds, as text, in id order.
fn snapshot(conn: &mut DbConnection) -> String {
    let mut out = String::new();
    for page in directory::member_pages(conn, 7) {
        for m in page.expect("member page") {
            out.push_str(&format!("{m:?}\n"));
        }
    }
    for page in directory::company_pages(conn, 7) {
        for c in page.expect("company page") {
            out.push_str(&format!("{c:?}\n"));
        }
    }
    let mut after: Option<(String, String)> = None;
    loop {
        let page = directory::connection_page(conn, after.as_ref().map(|(a, b)| (a.as_str(), b.as_str())), 5)
            .expect("connection page");
        let Some(last) = page.last().cloned() else { break };
        for (a, b) in &page {
            out.push_str(&format!("{a}-{b}\n"));
        }
        after = Some(last);
    }
    out
}

fn member_count(db: &TestDb) -> i64 {
    directory::counts(&mut db.conn()).expect("counts").members
}

#[test]
fn import_round_trip_keeps_every_field_and_hashes_emails() {
    each_backend("import_round_trip_keeps_every_field_and_hashes_emails", |db| {
        let dir = tempfile::tempdir().unwrap();
        let lines = vec![
            member_line(
                "m000002",
                "Zoë",
                "Ødegård",
                &["  Zoe.Odegard@Acme.COM ", "n/a", "zoe.odegard@acme.com"],
            ),
            member_line("m000001", "Bibi", "Risma", &[]),
        ];
        let file = write_lines(dir.path(), "members.jsonl", &lines);
        let key = db.email_key();
        let mut conn = db.conn();
        let members = Members::new(key.clone());
        let (report, seen) = import(&mut conn, &members, &file, 5_000);
        assert_eq!((report.imported, report.new, report.bad_lines), (2, 2, 0), "{:?}", seen.bad);
        assert_eq!(members.unusable_emails(), 1);

        let zoe = directory::get_member(&mut conn, "m000002").unwrap().expect("imported member");
        assert_eq!((zoe.first_name.as_str(), zoe.last_name.as_str()), ("Zoë", "Ødegård"));
        assert_eq!(zoe.company_id.as_deref(), Some("c000001"));
        assert_eq!(zoe.past_positions.len(), 1);
        assert_eq!(zoe.past_positions[0].company_name, "Beta GmbH");
        assert_eq!(zoe.emails.len(), 1, "equal addresses after normalization are stored once");
        assert_eq!(zoe.emails[0].hash, key.hash("zoe.odegard@acme.com").unwrap());
        assert_eq!(zoe.emails[0].domain, "acme.com");
        let ids: Vec<String> =
            directory::member_page(&mut conn, None, 10).unwrap().into_iter().map(|m| m.id).collect();
        assert_eq!(ids, ["m000001", "m000002"], "pages come in id order");
    });
}

#[test]
fn directory_never_stores_an_email_address() {
    each_backend("directory_never_stores_an_email_address", |db| {
        let dir = tempfile::tempdir().unwrap();
        let file =
            write_lines(dir.path(), "m.jsonl", &[member_line("m1", "A", "B", &["secret.person@acme.com"])]);
        let output = db.cli(&["import", "members", file.to_str().unwrap()], b"");
        assert!(output.status.success(), "{}", stderr(&output));
        let dump = snapshot(&mut db.conn());
        assert!(!dump.contains("secret.person"), "{dump}");
        if db.backend == Backend::Sqlite {
            let bytes = std::fs::read(db.url()).unwrap();
            assert!(!bytes.windows(13).any(|w| w == b"secret.person"), "address found in the SQLite file");
        }
    });
}

#[test]
fn importing_twice_changes_nothing() {
    each_backend("importing_twice_changes_nothing", |db| {
        let dir = tempfile::tempdir().unwrap();
        let members = write_lines(dir.path(), "m.jsonl", &generated_members(40));
        let companies = write_lines(
            dir.path(),
            "c.jsonl",
            &[company_line("c000001", "Acme Inc."), company_line("c000002", "Beta")],
        );
        let edges: Vec<String> =
            (1..40).map(|i| connection_line(&format!("m{:06}", i - 1), &format!("m{i:06}"))).collect();
        let connections = write_lines(dir.path(), "e.jsonl", &edges);
        let mut conn = db.conn();
        let key = db.email_key();
        let run = |conn: &mut DbConnection| {
            let first = import(conn, &Members::new(key.clone()), &members, 7).0;
            let second = import(conn, &Companies, &companies, 7).0;
            let third = import(conn, &Connections, &connections, 7).0;
            (first.new, second.new, third.new)
        };
        assert_eq!(run(&mut conn), (40, 2, 39));
        let before = snapshot(&mut conn);
        assert_eq!(run(&mut conn), (0, 0, 0));
        assert_eq!(snapshot(&mut conn), before);
    });
}

#[test]
fn upsert_replaces_a_members_positions_and_emails() {
    each_backend("upsert_replaces_a_members_positions_and_emails", |db| {
        let dir = tempfile::tempdir().unwrap();
        let first = write_lines(dir.path(), "1.jsonl", &[member_line("m1", "Ann", "Lee", &["ann@old.com"])]);
        let changed = serde_json::json!({"id": "m1", "first_name": "Ann", "last_name": "Lee-Park",
            "emails": ["ann@new.com"], "past_companies": []});
        let second = write_lines(dir.path(), "2.jsonl", &[changed.to_string()]);
        let mut conn = db.conn();
        let key = db.email_key();
        import(&mut conn, &Members::new(key.clone()), &first, 10);
        let (report, _) = import(&mut conn, &Members::new(key.clone()), &second, 10);
        assert_eq!((report.imported, report.new), (1, 0));
        let ann = directory::get_member(&mut conn, "m1").unwrap().unwrap();
        assert_eq!(ann.last_name, "Lee-Park");
        assert!(ann.past_positions.is_empty());
        assert_eq!(ann.emails.iter().map(|e| e.domain.as_str()).collect::<Vec<_>>(), ["new.com"]);
    });
}

#[test]
fn members_read_together_are_the_members_read_one_by_one() {
    each_backend("members_read_together_are_the_members_read_one_by_one", |db| {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            member_line("m1", "Ann", "Lee", &["ann@acme.com", "ann@lee.io"]),
            member_line("m2", "Bo", "Park", &[]),
            member_line("m3", "Cy", "Diaz", &["cy@acme.com"]),
        ];
        let file = write_lines(dir.path(), "m.jsonl", &lines);
        let mut conn = db.conn();
        import(&mut conn, &Members::new(db.email_key()), &file, 10);
        let mut together = directory::get_members(&mut conn, &["m3", "nobody", "m1"]).unwrap();
        together.sort_by(|a, b| a.id.cmp(&b.id));
        let one_by_one: Vec<_> =
            ["m1", "m3"].iter().map(|id| directory::get_member(&mut conn, id).unwrap().unwrap()).collect();
        assert_eq!(together, one_by_one, "same rows, past positions and e-mails; unknown ids left out");
        assert_eq!(together[0].emails.len(), 2);
        assert_eq!(together[0].past_positions.len(), 1);
        assert!(directory::get_members(&mut conn, &[]).unwrap().is_empty());
    });
}

#[test]
fn a_repeated_id_in_one_file_keeps_the_later_line() {
    each_backend("a_repeated_id_in_one_file_keeps_the_later_line", |db| {
        let dir = tempfile::tempdir().unwrap();
        let lines = [member_line("m1", "Old", "Name", &[]), member_line("m1", "New", "Name", &[])];
        let file = write_lines(dir.path(), "m.jsonl", &lines);
        let mut conn = db.conn();
        let (report, _) = import(&mut conn, &Members::new(db.email_key()), &file, 100);
        assert_eq!((report.imported, report.new), (2, 1));
        assert_eq!(directory::get_member(&mut conn, "m1").unwrap().unwrap().first_name, "New");
    });
}

#[test]
fn gzip_and_stdin_are_read() {
    each_backend("gzip_and_stdin_are_read", |db| {
        let dir = tempfile::tempdir().unwrap();
        let members = generated_members(30);
        let gz = write_gz(dir.path(), "members.jsonl.gz", &members[..20]);
        let output = db.cli(&["import", "members", gz.to_str().unwrap()], b"");
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stderr(&output).contains("imported 20 members (20 new)"), "{}", stderr(&output));

        let output = db.cli(&["import", "members", "-"], &gzip(&members[20..]));
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(member_count(db), 30);

        let plain = members[..5].join("\n");
        let output = db.cli(&["import", "members", "-"], plain.as_bytes());
        assert!(stderr(&output).contains("imported 5 members (0 new)"), "{}", stderr(&output));
    });
}

/// Imports a file of good lines around one bad line with the CLI; checks the exit code, the
/// message and that the good lines are all in.
fn check_bad_member_line(db: &TestDb, bad: &[u8], line_no: usize, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let good = generated_members(6);
    let mut bytes = Vec::new();
    for (i, line) in good.iter().enumerate() {
        if i + 1 == line_no {
            bytes.extend_from_slice(bad);
            bytes.push(b'\n');
        }
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    let file = write_bytes(dir.path(), "members.jsonl", &bytes);
    let name = file.display().to_string();
    let output = db.cli(&["import", "members", &name], b"");
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    let located = format!("{name}:{line_no}:");
    assert!(
        message.contains(&located) && message.contains(expected),
        "want {located} … {expected} in:\n{message}"
    );
    assert!(message.contains("1 bad line(s) skipped"), "{message}");
    assert_eq!(member_count(db), 6, "every good line is imported");
}

#[test]
fn invalid_json_is_reported_with_file_and_line() {
    each_backend("invalid_json_is_reported_with_file_and_line", |db| {
        check_bad_member_line(db, br#"{"id": "m9", "first_name": "#, 3, "invalid JSON");
    });
}

#[test]
fn member_without_id_is_reported_with_file_and_line() {
    each_backend("member_without_id_is_reported_with_file_and_line", |db| {
        check_bad_member_line(db, br#"{"first_name": "No", "last_name": "Id"}"#, 2, "id: missing field `id`");
    });
}

#[test]
fn ten_megabyte_line_is_reported_with_file_and_line() {
    each_backend("ten_megabyte_line_is_reported_with_file_and_line", |db| {
        let mut huge = br#"{"id": "m9", "first_name": "A", "last_name": "B", "headline": ""#.to_vec();
        huge.extend(std::iter::repeat_n(b'x', 10 << 20));
        huge.extend_from_slice(br#""}"#);
        check_bad_member_line(db, &huge, 4, "longer than");
    });
}

#[test]
fn non_utf8_byte_is_reported_with_file_and_line() {
    each_backend("non_utf8_byte_is_reported_with_file_and_line", |db| {
        check_bad_member_line(
            db,
            b"{\"id\": \"m9\", \"first_name\": \"J\xffrg\", \"last_name\": \"B\"}",
            5,
            "not valid UTF-8",
        );
    });
}

#[test]
fn empty_names_are_refused() {
    each_backend("empty_names_are_refused", |db| {
        check_bad_member_line(
            db,
            br#"{"id": "m9", "first_name": " ", "last_name": ""}"#,
            2,
            "first_name: a member needs",
        );
    });
}

#[test]
fn truncated_gzip_keeps_the_lines_before_the_damage() {
    each_backend("truncated_gzip_keeps_the_lines_before_the_damage", |db| {
        let dir = tempfile::tempdir().unwrap();
        let compressed = gzip(&generated_members(20_000));
        let file = write_bytes(dir.path(), "members.jsonl.gz", &compressed[..compressed.len() / 2]);
        let name = file.display().to_string();
        let output = db.cli(&["import", "members", &name], b"");
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(&format!("{name}:")) && message.contains("truncated"), "{message}");
        let line: u64 = message
            .split(&format!("{name}:"))
            .nth(1)
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .expect("line number in the message");
        let imported = member_count(db);
        assert!(imported > 5_000, "batches before the damage stay committed ({imported})");
        assert_eq!(imported as u64, line - 1, "every complete line before the damage is in");
    });
}

#[test]
fn connection_to_unknown_member_names_the_id_and_line() {
    each_backend("connection_to_unknown_member_names_the_id_and_line", |db| {
        let dir = tempfile::tempdir().unwrap();
        let members = write_lines(dir.path(), "m.jsonl", &generated_members(4));
        assert!(db.cli(&["import", "members", members.to_str().unwrap()], b"").status.success());
        let edges = [
            connection_line("m000000", "m000001"),
            connection_line("m000001", "m999999"),
            connection_line("m000003", "m000002"),
        ];
        let file = write_lines(dir.path(), "e.jsonl", &edges);
        let name = file.display().to_string();
        let output = db.cli(&["import", "connections", &name], b"");
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(
            message.contains(&format!("{name}:2: b: member \"m999999\" is not in the directory")),
            "{message}"
        );
        assert_eq!(directory::counts(&mut db.conn()).unwrap().connections, 2);
        assert!(directory::are_connected(&mut db.conn(), "m000002", "m000003").unwrap());
    });
}

#[test]
fn strict_stops_at_the_first_bad_line_and_keeps_the_lines_before_it() {
    each_backend("strict_stops_at_the_first_bad_line_and_keeps_the_lines_before_it", |db| {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = generated_members(12);
        lines.insert(9, "{not json".to_owned());
        let file = write_lines(dir.path(), "m.jsonl", &lines);
        let name = file.display().to_string();
        let output = db.cli(&["import", "members", "--strict", &name], b"");
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(&format!("{name}:10: invalid JSON")), "{message}");
        assert_eq!(member_count(db), 9);

        let edges = [connection_line("m000000", "m000001"), connection_line("m000001", "m777777")];
        let file = write_lines(dir.path(), "e.jsonl", &edges);
        let output = db.cli(&["import", "connections", "--strict", file.to_str().unwrap()], b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains("m777777"), "{}", stderr(&output));
        assert_eq!(directory::counts(&mut db.conn()).unwrap().connections, 1);
    });
}

#[test]
fn missing_file_is_bad_input() {
    let db = TestDb::sqlite();
    let output = db.cli(&["import", "companies", "/nonexistent/companies.jsonl"], b"");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("/nonexistent/companies.jsonl:0: cannot open"), "{}", stderr(&output));
}

/// The development set of ../shared/data/dev on each backend; slow in debug builds.
#[test]
#[ignore = "imports 1.3M rows; run with --ignored"]
fn dev_directory_imports_and_reimports_unchanged() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/dev");
    let data = if data.exists() { data } else { std::path::PathBuf::from("/work/shared/data/dev") };
    each_backend("dev_directory_imports_and_reimports_unchanged", |db| {
        for round in 0..2 {
            for kind in ["members", "companies", "connections"] {
                let file = data.join(format!("{kind}.jsonl.gz"));
                let output = db.cli(&["import", kind, file.to_str().unwrap()], b"");
                let message = stderr(&output);
                assert!(output.status.success(), "{message}");
                if round == 1 {
                    assert!(message.contains("(0 new)"), "{message}");
                }
            }
        }
        let counts = directory::counts(&mut db.conn()).unwrap();
        assert_eq!((counts.members, counts.companies, counts.connections), (50_000, 5_000, 1_250_000));
    });
}

#[test]
fn members_cannot_be_imported_under_another_secret() {
    each_backend("members_cannot_be_imported_under_another_secret", |db| {
        let dir = tempfile::tempdir().unwrap();
        let file = write_lines(dir.path(), "m.jsonl", &generated_members(3));
        let name = file.display().to_string();
        assert!(db.cli(&["import", "members", &name], b"").status.success());
        let secret = write_bytes(dir.path(), "secret", "s".repeat(40).as_bytes());
        let output = db.cli(&["--secret-file", secret.to_str().unwrap(), "import", "members", &name], b"");
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr(&output).contains("another instance secret"), "{}", stderr(&output));
    });
}
