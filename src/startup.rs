//! Application assembly: binds the listener, opens the pool, applies migrations and builds the
//! actix server. Tests bind port 0 and read [`Application::port`].

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::web::ServiceConfig;
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use secrecy::ExposeSecret;

use crate::config::Settings;
use crate::http::state::AppState;
use crate::matching::email::EmailKey;
use crate::telemetry::PrivateRootSpan;

/// How long in-flight requests may take to finish after SIGTERM.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Opens the database, applies migrations, binds and prepares the server (not yet running).
    pub fn build(settings: &Settings) -> anyhow::Result<Self> {
        Self::build_with(settings, |_| {})
    }

    /// [`Application::build`] with extra routes beside the product's own (benchmarks use it to
    /// serve a reference body through the same server and middleware).
    pub fn build_with(
        settings: &Settings,
        extra_routes: impl Fn(&mut ServiceConfig) + Clone + Send + 'static,
    ) -> anyhow::Result<Self> {
        let pool = crate::storage::connect(&settings.database, pool_size())
            .with_context(|| format!("cannot open the database {}", settings.database))?;
        let mut conn = pool.get().context("cannot get a database connection")?;
        let applied =
            crate::storage::run_migrations(&mut conn).context("cannot apply database migrations")?;
        let secret = crate::storage::instance_secret(&mut conn, settings.secret.as_ref())
            .context("cannot read the instance secret")?;
        drop(conn);
        let email_key = EmailKey::derive(secret.expose_secret().as_bytes());
        if applied > 0 {
            tracing::info!(applied, "database migrations applied");
        }
        let state = AppState::new(pool.clone(), &settings.public_url, email_key)
            .context("cannot prepare the application state (deferred-writes thread, database connection)")?;
        crate::directory::refresh::spawn(pool, &state.directory)
            .context("cannot start the directory loader")?;
        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}; is another server using it?", settings.bind))?;
        let port = listener.local_addr().context("listener has no address")?.port();
        let server = build_server(settings, state.clone(), listener, extra_routes)?;
        Ok(Self { port, server, state })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Runs until stopped through [`Application::handle`], finishing in-flight requests.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }

    /// Runs until `shutdown` completes (see [`shutdown_signal`]), then stops accepting
    /// connections and lets in-flight requests finish (up to the grace period).
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + 'static) -> std::io::Result<()> {
        let handle = self.server.handle();
        actix_web::rt::spawn(async move {
            shutdown.await;
            tracing::info!("shutdown requested; finishing in-flight requests");
            handle.stop(true).await;
        });
        self.server.await
    }

    /// A handle to stop the server gracefully (used by tests).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// Completes on SIGTERM or Ctrl-C. The handlers are installed when this is called, so call it
/// before the listener is bound: a signal that arrives early must not kill the process.
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {}
            _ = interrupt.recv() => {}
        }
    })
}

fn pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    u32::try_from(cores * 4).unwrap_or(8).max(4)
}

fn build_server(
    settings: &Settings,
    state: AppState,
    listener: TcpListener,
    extra_routes: impl Fn(&mut ServiceConfig) + Clone + Send + 'static,
) -> anyhow::Result<Server> {
    crate::http::metrics::handle();
    let data = web::Data::new(state);
    let factory = move || {
        App::new()
            .wrap(from_fn(crate::http::access_cache::forget_on_change))
            .wrap(from_fn(crate::http::csrf::protect))
            .wrap(from_fn(crate::http::metrics::record_request))
            .wrap(from_fn(crate::http::security_headers::add_security_headers))
            .wrap(Compress::default())
            .wrap(TracingLogger::<PrivateRootSpan>::new())
            .app_data(data.clone())
            .configure(crate::http::configure)
            .configure(extra_routes.clone())
    };
    let server = HttpServer::new(factory).disable_signals().shutdown_timeout(SHUTDOWN_GRACE.as_secs());
    let server = match &settings.tls {
        Some(tls) => {
            let config = crate::tls::server_config(&tls.cert, &tls.key)?;
            server.listen_rustls_0_23(listener, config)?
        }
        None => server.listen(listener)?,
    };
    Ok(server.run())
}
