//! Headless-Chromium scenarios (tests/browser/*.mjs, playwright-core driving Debian's chromium).
//! They run when `CRMLENS_TEST_BROWSER` names the browser executable (`.ci/run` sets it);
//! otherwise each browser test says loudly that it was skipped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

pub const BROWSER_ENV: &str = "CRMLENS_TEST_BROWSER";

fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// The browser to drive, after installing the driver once per run; `None` (and a loud message)
/// when the browser suite is not turned on.
pub fn browser() -> Option<String> {
    static INSTALLED: OnceLock<Option<String>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let Some(executable) = std::env::var(BROWSER_ENV).ok().filter(|value| !value.is_empty()) else {
                eprintln!("\n!!! {BROWSER_ENV} is not set: browser scenarios skipped !!!\n");
                return None;
            };
            let status = Command::new("bash")
                .arg(scenario_dir().join("setup.sh"))
                .status()
                .expect("run tests/browser/setup.sh");
            assert!(status.success(), "tests/browser/setup.sh failed; see its output above");
            Some(executable)
        })
        .clone()
}

/// Runs `tests/browser/<name>.mjs` with the given environment and returns the JSON it printed.
/// Panics with the scenario's own explanation when it failed.
pub fn run_scenario(name: &str, executable: &str, env: &[(&str, &str)]) -> serde_json::Value {
    let output = Command::new("node")
        .arg(scenario_dir().join(format!("{name}.mjs")))
        .current_dir(scenario_dir())
        .env(BROWSER_ENV, executable)
        .envs(env.iter().copied())
        .output()
        .expect("run node (is Node.js installed?)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last_line = stdout.lines().rev().find(|line| line.starts_with('{')).unwrap_or_default();
    let result: serde_json::Value = serde_json::from_str(last_line).unwrap_or_else(|_| {
        panic!("scenario {name} printed no result\nstdout:\n{stdout}\nstderr:\n{stderr}")
    });
    assert!(
        output.status.success() && result["ok"] == true,
        "scenario {name} failed: {}\nstderr:\n{stderr}",
        result["error"].as_str().unwrap_or(&stdout)
    );
    result
}

#[test]
fn browser_profile_blocks_third_party_cookies_but_keeps_partitioned_ones() {
    let Some(executable) = browser() else { return };
    let result = run_scenario("third_party_cookies_blocked", &executable, &[]);
    assert!(result["cookies_seen_in_iframe"].as_str().unwrap().contains("chips=1"));
}
