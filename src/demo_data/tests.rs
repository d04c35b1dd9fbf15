//! End-to-end checks of generated directories: determinism, formats, graph shape, variety, truth.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::de::DeserializeOwned;

use super::*;
use crate::formats::{CompanyQuery, CompanyRecord, ConnectionRecord, MemberQuery, MemberRecord, TruthRecord};
use crate::jsonl::{Item, JsonlReader};

const FILES: [&str; 8] = [
    "manifest.json",
    "companies.jsonl.gz",
    "members.jsonl.gz",
    "connections.jsonl.gz",
    "member_queries.jsonl.gz",
    "member_truth.jsonl.gz",
    "company_queries.jsonl.gz",
    "company_truth.jsonl.gz",
];

fn spec(seed: u64) -> DemoSpec {
    DemoSpec { members: 4_000, companies: 400, seed, queries: 1_500 }
}

fn generate_in(dir: &Path, spec: &DemoSpec, threads: usize) -> Summary {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    pool.install(|| generate(spec, dir, &mut Quiet)).unwrap()
}

fn read_all<T: DeserializeOwned>(path: &Path) -> Vec<T> {
    let mut reader = JsonlReader::open(path.to_str().unwrap()).unwrap();
    let mut records = Vec::new();
    while let Some(item) = reader.next_item::<T>().unwrap() {
        match item {
            Item::Record { record, .. } => records.push(record),
            Item::Bad(e) => panic!("{e}"),
        }
    }
    records
}

/// One shared directory for the read-only checks (generation is the slow part in debug builds).
fn shared() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        generate_in(dir.path(), &spec(7), 2);
        dir
    })
    .path()
}

#[test]
fn same_seed_gives_identical_bytes_whatever_the_thread_count() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let small = DemoSpec { members: 1_500, companies: 150, seed: 3, queries: 300 };
    generate_in(a.path(), &small, 1);
    generate_in(b.path(), &small, 3);
    for file in FILES {
        let left = std::fs::read(a.path().join(file)).unwrap();
        let right = std::fs::read(b.path().join(file)).unwrap();
        assert!(left == right, "{file} differs between runs");
    }
    let c = tempfile::tempdir().unwrap();
    generate_in(c.path(), &DemoSpec { seed: 4, ..small }, 2);
    let members = |dir: &Path| std::fs::read(dir.join("members.jsonl.gz")).unwrap();
    assert_ne!(members(a.path()), members(c.path()), "another seed gives another directory");
}

#[test]
fn every_file_parses_back_with_the_wire_types() {
    let dir = shared();
    let companies: Vec<CompanyRecord> = read_all(&dir.join("companies.jsonl.gz"));
    let members: Vec<MemberRecord> = read_all(&dir.join("members.jsonl.gz"));
    let edges: Vec<ConnectionRecord> = read_all(&dir.join("connections.jsonl.gz"));
    let member_queries: Vec<MemberQuery> = read_all(&dir.join("member_queries.jsonl.gz"));
    let member_truth: Vec<TruthRecord> = read_all(&dir.join("member_truth.jsonl.gz"));
    let company_queries: Vec<CompanyQuery> = read_all(&dir.join("company_queries.jsonl.gz"));
    let company_truth: Vec<TruthRecord> = read_all(&dir.join("company_truth.jsonl.gz"));
    assert_eq!((companies.len(), members.len()), (400, 4_000));
    assert!(!edges.is_empty());
    assert_eq!((member_queries.len(), member_truth.len()), (1_500, 1_500));
    assert_eq!((company_queries.len(), company_truth.len()), (300, 300));
    let company_ids: HashSet<&str> = companies.iter().map(|c| c.id.as_str()).collect();
    for member in &members {
        assert!(member.company_id.as_deref().is_none_or(|id| company_ids.contains(id)));
        assert!(member.past_companies.iter().all(|p| company_ids.contains(p.company_id.as_deref().unwrap())));
    }
    for (query, truth) in member_queries.iter().zip(&member_truth) {
        assert_eq!(query.record_id, truth.record_id);
    }
    for (query, truth) in company_queries.iter().zip(&company_truth) {
        assert_eq!(query.record_id, truth.record_id);
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["counts"]["connections"], edges.len() as u64);
    let nulls = member_truth.iter().filter(|t| t.entity_id.is_none()).count() as u64;
    assert_eq!(manifest["counts"]["member_truth_null"], nulls);
}

#[test]
fn connections_are_sorted_unique_and_average_about_fifty() {
    let dir = shared();
    let members: HashSet<String> =
        read_all::<MemberRecord>(&dir.join("members.jsonl.gz")).into_iter().map(|m| m.id).collect();
    let edges: Vec<ConnectionRecord> = read_all(&dir.join("connections.jsonl.gz"));
    assert!(edges.iter().all(|e| e.a < e.b && members.contains(&e.a) && members.contains(&e.b)));
    assert!(edges.windows(2).all(|w| (&w[0].a, &w[0].b) < (&w[1].a, &w[1].b)), "sorted, no duplicates");
    let degree = 2.0 * edges.len() as f64 / members.len() as f64;
    assert!((44.0..56.0).contains(&degree), "average degree {degree}");
}

#[test]
fn names_and_companies_come_from_many_locales() {
    let dir = shared();
    let companies: Vec<CompanyRecord> = read_all(&dir.join("companies.jsonl.gz"));
    let members: Vec<MemberRecord> = read_all(&dir.join("members.jsonl.gz"));
    let countries: HashSet<&str> = companies.iter().filter_map(|c| c.location.rsplit(", ").next()).collect();
    assert!(countries.len() >= 15, "{countries:?}");
    let accented = members.iter().filter(|m| !(m.first_name.is_ascii() && m.last_name.is_ascii())).count();
    assert!(accented > members.len() / 20, "{accented} names with diacritics");
    assert!(members.iter().any(|m| m.last_name.starts_with("van ") || m.last_name.starts_with("de ")));
    assert!(members.iter().any(|m| m.last_name.contains('-') || m.first_name.contains('-')));
    let suffixes = ["Inc.", "LLC", "Ltd", "GmbH", "S.A.", "SARL", "B.V.", "AG", "Pty Ltd", "K.K.", "Ltda."];
    let seen = suffixes.iter().filter(|s| companies.iter().any(|c| c.name.ends_with(*s))).count();
    assert!(seen >= 7, "{seen} legal forms seen");
    let websites: HashSet<&str> = companies
        .iter()
        .map(|c| match c.website.as_str() {
            "" => "empty",
            w if w.starts_with("https://www.") => "https-www",
            w if w.starts_with("www.") => "www",
            w if w.starts_with("http") => "scheme",
            _ => "bare",
        })
        .collect();
    assert_eq!(websites.len(), 5, "{websites:?}");
    let with_email = members.iter().filter(|m| !m.emails.is_empty()).count();
    assert!((members.len() / 5..members.len() / 2).contains(&with_email));
}

#[test]
fn namesakes_exist_and_some_share_an_employer() {
    let members: Vec<MemberRecord> = read_all(&shared().join("members.jsonl.gz"));
    let mut by_name: HashMap<(&str, &str), Vec<Option<&str>>> = HashMap::new();
    for m in &members {
        by_name.entry((&m.first_name, &m.last_name)).or_default().push(m.company_id.as_deref());
    }
    assert!(by_name.values().filter(|v| v.len() > 1).count() > 20);
    let same_employer = by_name.values().any(|companies| {
        let listed: Vec<&str> = companies.iter().flatten().copied().collect();
        listed.iter().collect::<HashSet<_>>().len() < listed.len()
    });
    assert!(same_employer, "two people with the same name at the same company");
}

#[test]
fn truth_has_absent_entities_ambiguity_and_varied_corruptions() {
    let dir = shared();
    for (file, min_tags) in [("member_truth.jsonl.gz", 35), ("company_truth.jsonl.gz", 20)] {
        let truth: Vec<TruthRecord> = read_all(&dir.join(file));
        let absent = truth.iter().filter(|t| t.entity_id.is_none()).count() as f64 / truth.len() as f64;
        assert!((0.12..0.23).contains(&absent), "{file}: {absent} absent");
        let tags: HashSet<&str> = truth.iter().flat_map(|t| t.tags.iter().map(String::as_str)).collect();
        assert!(tags.len() >= min_tags, "{file}: {tags:?}");
        assert!(truth.iter().all(|t| !t.ambiguous || t.entity_id.is_some()));
    }
    let members: Vec<TruthRecord> = read_all(&dir.join("member_truth.jsonl.gz"));
    assert!(members.iter().any(|t| t.ambiguous && t.tags.iter().any(|tag| tag == "twin")));
}

#[test]
fn query_emails_never_point_at_another_member() {
    let dir = shared();
    let mut owners: HashMap<String, Vec<String>> = HashMap::new();
    for member in read_all::<MemberRecord>(&dir.join("members.jsonl.gz")) {
        for email in member.emails {
            owners.entry(email.to_lowercase()).or_default().push(member.id.clone());
        }
    }
    let shared = owners.values().filter(|ids| ids.len() > 1).count();
    assert!(shared * 100 < owners.len(), "{shared} of {} addresses are shared", owners.len());
    let queries: Vec<MemberQuery> = read_all(&dir.join("member_queries.jsonl.gz"));
    let truth: Vec<TruthRecord> = read_all(&dir.join("member_truth.jsonl.gz"));
    for (query, truth) in queries.iter().zip(&truth) {
        let Some(email) = query.email.as_deref().filter(|e| !e.is_empty()) else { continue };
        if let Some(ids) = owners.get(&email.to_lowercase()) {
            let id = truth.entity_id.as_ref().expect("a listed address means a directory member");
            assert!(ids.contains(id), "{email} belongs to {ids:?}, not {id}");
            assert!(ids.len() == 1 || truth.tags.iter().any(|t| t == "email_shared"));
        }
    }
}

#[test]
fn bad_arguments_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let refuse = |spec: DemoSpec, out: &Path| match generate(&spec, out, &mut Quiet) {
        Err(DemoError::BadSpec(message)) => message,
        other => panic!("expected a bad-spec error, got {other:?}"),
    };
    let base = DemoSpec { members: 10, companies: 2, seed: 1, queries: 0 };
    assert!(refuse(DemoSpec { members: 0, ..base }, dir.path()).contains("--members"));
    assert!(refuse(DemoSpec { companies: 11, ..base }, dir.path()).contains("--companies"));
    assert!(refuse(DemoSpec { companies: 0, ..base }, dir.path()).contains("--companies"));
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    assert!(refuse(base, &file.join("sub")).contains("cannot write to output directory"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
