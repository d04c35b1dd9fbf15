//! `crmlens serve [--demo]`.

use std::process::ExitCode;

use anyhow::Context;
use secrecy::ExposeSecret;

use super::CliResult;
use crate::config::Settings;
use crate::demo::seed;
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
    if args.demo {
        seed_demo(&settings)?;
    }
    actix_web::rt::System::new().block_on(async move {
        let shutdown = crate::startup::shutdown_signal().context("cannot listen for SIGTERM")?;
        let app = Application::build(&settings)?;
        let scheme = if settings.tls.is_some() { "https" } else { "http" };
        tracing::info!(address = %settings.bind, port = app.port(), %scheme, "crmlens is listening");
        eprintln!("crmlens listening on {scheme}://{} (public URL {})", settings.bind, settings.public_url);
        app.run_until(shutdown).await.context("server stopped with an error")?;
        tracing::info!("crmlens stopped");
        Ok(ExitCode::SUCCESS)
    })
}

fn seed_demo(settings: &Settings) -> anyhow::Result<()> {
    let mut conn = super::migrate::open_migrated(settings)?;
    let secret = storage::instance_secret(&mut conn, settings.secret.as_ref())?;
    let email_key = EmailKey::derive(secret.expose_secret().as_bytes());
    let demo_url = format!("http://{}", settings.demo_bind);
    eprintln!("seeding the demo (tenant, users, 10,000-member directory) if the database is empty…");
    match seed::seed_if_empty(&mut conn, &email_key, &demo_url, storage::unix_now())? {
        Some(credentials) => eprintln!("{}", credentials.describe(&settings.public_url)),
        None => eprintln!(
            "the database already holds data: the demo seeds only an empty database, nothing was changed"
        ),
    }
    Ok(())
}
