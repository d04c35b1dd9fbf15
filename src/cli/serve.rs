//! `crmlens serve [--demo]`.

use std::process::ExitCode;

use anyhow::Context;

use super::CliResult;
use crate::config::Settings;
use crate::startup::Application;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Seed an empty database with a demo tenant, users and directory, and serve demo CRM pages.
    #[arg(long)]
    pub demo: bool,
}

pub fn run(settings: Settings, _args: ServeArgs) -> CliResult {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(&settings)?;
        let scheme = if settings.tls.is_some() { "https" } else { "http" };
        tracing::info!(address = %settings.bind, port = app.port(), %scheme, "crmlens is listening");
        eprintln!("crmlens listening on {scheme}://{} (public URL {})", settings.bind, settings.public_url);
        app.run_until_signalled().await.context("server stopped with an error")?;
        tracing::info!("crmlens stopped");
        Ok(ExitCode::SUCCESS)
    })
}
