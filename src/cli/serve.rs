//! `crmlens serve [--demo]`.

use std::net::TcpListener;
use std::process::ExitCode;

use anyhow::Context;
use secrecy::ExposeSecret;

use super::CliResult;
use crate::config::Settings;
use crate::demo::crm_site::{self, DemoSite};
use crate::demo::{crm_data, seed};
use crate::matching::email::EmailKey;
use crate::startup::Application;
use crate::storage;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Seed an empty database with a demo tenant, users and directory, and serve demo CRM pages.
    #[arg(long)]
    pub demo: bool,
}

pub fn run(settings: Settings, args: ServeArgs) -> CliResult {
    let demo = if args.demo { Some(prepare_demo(&settings)?) } else { None };
    actix_web::rt::System::new().block_on(async move {
        let shutdown = crate::startup::shutdown_signal().context("cannot listen for SIGTERM")?;
        let app = Application::build(&settings)?;
        if let Some((listener, site)) = demo {
            let address = listener.local_addr().context("demo listener has no address")?;
            let server = crm_site::server(listener, site).context("cannot start the demo CRM site")?;
            actix_web::rt::spawn(server);
            tracing::info!(address = %address, "demo CRM is listening");
            eprintln!("demo CRM pages: http://{address}/");
        }
        let scheme = if settings.tls.is_some() { "https" } else { "http" };
        tracing::info!(address = %settings.bind, port = app.port(), %scheme, "crmlens is listening");
        eprintln!("crmlens listening on {scheme}://{} (public URL {})", settings.bind, settings.public_url);
        app.run_until(shutdown).await.context("server stopped with an error")?;
        tracing::info!("crmlens stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Binds the demo CRM site (port 0 picks a free one), seeds the demo with that origin allowed to
/// frame the widgets, and builds the demo CRM's records.
fn prepare_demo(settings: &Settings) -> anyhow::Result<(TcpListener, DemoSite)> {
    let listener = TcpListener::bind(settings.demo_bind).with_context(|| {
        format!("cannot listen on {} for the demo CRM; pass --demo-bind", settings.demo_bind)
    })?;
    let address = listener.local_addr().context("demo listener has no address")?;
    let demo_url = format!("http://{address}");
    let mut conn = super::migrate::open_migrated(settings)?;
    let secret = storage::instance_secret(&mut conn, settings.secret.as_ref())?;
    let email_key = EmailKey::derive(secret.expose_secret().as_bytes());
    eprintln!("seeding the demo (tenant, users, 10,000-member directory) if the database is empty…");
    match seed::seed_if_empty(&mut conn, &email_key, &demo_url, storage::unix_now())? {
        Some(credentials) => eprintln!("{}", credentials.describe(&settings.public_url)),
        None => eprintln!(
            "the database already holds data: the demo seeds only an empty database, nothing was changed"
        ),
    }
    seed::allow_demo_origin(&mut conn, &demo_url).context("cannot allow the demo CRM origin")?;
    let records = crm_data::generate(seed::DEMO_MEMBERS, seed::DEMO_COMPANIES, seed::DEMO_SEED)
        .context("cannot generate the demo CRM records")?;
    let site = DemoSite { crmlens_url: settings.public_url.trim_end_matches('/').to_owned(), records };
    Ok((listener, site))
}
