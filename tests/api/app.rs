//! A running application for tests: in-process on port 0 with a fresh SQLite file, or the real
//! binary as a child process when a test needs its logs or signals.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crmlens::config::{Settings, SettingsArgs};
use crmlens::startup::Application;

pub struct TestApp {
    pub address: String,
    pub state: crmlens::http::state::AppState,
    _dir: tempfile::TempDir,
}

impl TestApp {
    /// Builds and starts the app on a free port over a fresh SQLite database.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(customize: impl FnOnce(&mut SettingsArgs)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut args = SettingsArgs {
            database_url: Some(dir.path().join("test.db").display().to_string()),
            bind: Some("127.0.0.1:0".into()),
            ..Default::default()
        };
        customize(&mut args);
        let settings = Settings::resolve(&args, None).unwrap();
        let scheme = if settings.tls.is_some() { "https" } else { "http" };
        let app = Application::build(&settings).unwrap();
        let address = format!("{scheme}://localhost:{}", app.port());
        let state = app.state().clone();
        actix_web::rt::spawn(app.run_until_stopped());
        Self { address, state, _dir: dir }
    }

    /// Builds and starts the app over an existing database (e.g. a [`crate::helpers::TestDb`]).
    pub async fn spawn_on(database_url: &str) -> Self {
        Self::spawn_with(|args| args.database_url = Some(database_url.to_owned())).await
    }

    /// Waits until the directory index is loaded, as `/readyz` would report.
    pub async fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.state.directory_loaded() {
            assert!(Instant::now() < deadline, "the directory index never loaded");
            actix_web::rt::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }
}

/// The real `crmlens` binary serving in a child process, its stderr (the log) captured to a file.
pub struct ServerProcess {
    pub child: Child,
    pub address: String,
    pub log_path: PathBuf,
    dir: Option<tempfile::TempDir>,
}

impl ServerProcess {
    pub fn start(extra_args: &[&str]) -> Self {
        Self::start_in(tempfile::tempdir().unwrap(), extra_args)
    }

    /// Starts the server in `dir`, whose `test.db` may already hold data. Another test may take
    /// the chosen port before the server binds it, so a start that loses that race is retried.
    pub fn start_in(dir: tempfile::TempDir, extra_args: &[&str]) -> Self {
        let log_path = dir.path().join("server.log");
        let mut dir = Some(dir);
        for _attempt in 0..5 {
            let port = free_port();
            let child = spawn_server(dir.as_ref().unwrap().path(), port, &log_path, extra_args);
            let mut server =
                Self { child, address: format!("http://127.0.0.1:{port}"), log_path: log_path.clone(), dir };
            if server.wait_until_listening() {
                return server;
            }
            assert!(server.log().contains("in use"), "server did not start; log:\n{}", server.log());
            dir = server.dir.take();
        }
        panic!("no free port after 5 attempts")
    }

    /// Waits for this server's own "listening" log line (a bare TCP connect could reach another
    /// test's server on a reused port). False when the process exited instead.
    fn wait_until_listening(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            if self.log().contains("crmlens is listening") {
                return true;
            }
            if self.child.try_wait().unwrap().is_some() {
                return false;
            }
            assert!(Instant::now() < deadline, "server did not start; log:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub fn log(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log_path) {
            let _ = file.read_to_string(&mut text);
        }
        text
    }

    /// The server's working directory (holds `test.db`).
    pub fn dir(&self) -> &Path {
        self.dir.as_ref().map(tempfile::TempDir::path).expect("directory already taken")
    }

    /// Keeps the working directory alive beyond this server, for a second one.
    pub fn take_dir(&mut self) -> tempfile::TempDir {
        self.dir.take().expect("directory already taken")
    }

    pub fn terminate(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn_server(dir: &Path, port: u16, log_path: &Path, extra_args: &[&str]) -> Child {
    let log = std::fs::File::create(log_path).unwrap();
    Command::new(env!("CARGO_BIN_EXE_crmlens"))
        .current_dir(dir)
        .args(["--db", "test.db", "--bind", &format!("127.0.0.1:{port}"), "--log-format", "json", "serve"])
        // `{port}` in an argument stands for the port the server listens on (e.g. `--public-url`).
        .args(extra_args.iter().map(|arg| arg.replace("{port}", &port.to_string())))
        .env("CRMLENS_LOG_LEVEL", "debug")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Runs the `crmlens` binary to completion in `dir`.
pub fn crmlens(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crmlens"));
    command.current_dir(dir).args(args).env_remove("CRMLENS_DATABASE_URL").env_remove("CRMLENS_BIND");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().unwrap()
}
