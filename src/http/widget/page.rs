//! The framed document and the cards that stand in for a profile when none may be shown
//! (not set up, signed out, no seat, directory loading, error).

use askama::Template;

use super::access::Access;
use crate::storage::ids::{Crm, EntityKind};

/// The document a CRM page frames: theme, CSRF token for HTMX, the hidden context form the
/// card actions include, and the first card (a skeleton that loads itself, or a finished card).
#[derive(Template)]
#[template(path = "widget/page.html")]
pub struct WidgetPage {
    pub theme: &'static str,
    pub kind: &'static str,
    pub title: &'static str,
    pub csrf_token: String,
    /// Load the card on arrival (the document only holds a skeleton).
    pub autoload: bool,
    /// Rendered HTML of the first card (escaped where it was rendered).
    pub card_html: String,
    /// Context known to the server, as hidden inputs (the script adds the fragment's values).
    pub context: Vec<(&'static str, String)>,
    pub signin_script: bool,
}

/// The skeleton shown while the card loads: the card's own size, so nothing shifts.
#[derive(Template)]
#[template(path = "widget/skeleton.html")]
pub struct Skeleton {
    pub kind: &'static str,
}

/// A card for a state where no profile can be shown.
#[derive(Template)]
#[template(path = "widget/state.html")]
pub struct StateCard {
    pub tone: &'static str,
    pub heading: &'static str,
    pub message: String,
    pub signin_url: Option<String>,
}

pub fn theme(crm: Option<Crm>) -> &'static str {
    match crm {
        Some(Crm::Dynamics) => "dynamics",
        _ => "salesforce",
    }
}

pub fn kind_name(kind: EntityKind) -> &'static str {
    kind.as_str()
}

pub fn title(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Member => "crmlens profile card",
        EntityKind::Company => "crmlens company card",
    }
}

/// The card for an access outcome other than "granted".
pub fn access_card(access: &Access) -> Option<StateCard> {
    let card = match access {
        Access::Granted { .. } => return None,
        Access::NotSetUp => StateCard {
            tone: "info",
            heading: "crmlens is not set up for this CRM",
            message: "Ask your crmlens administrator to link this Salesforce or Dynamics organization \
                      to your company's crmlens tenant."
                .into(),
            signin_url: None,
        },
        Access::SignedOut { tenant } => StateCard {
            tone: "info",
            heading: "Sign in to see profiles",
            message: format!("Sign in to {} on crmlens to see who this record is about.", tenant.name),
            signin_url: Some(format!("/auth/signin?tenant={}", tenant.slug)),
        },
        Access::NoSeat { .. } => StateCard {
            tone: "info",
            heading: "No crmlens seat",
            message: "Your account has no crmlens seat, so profile cards are hidden. Ask your \
                      crmlens administrator for one."
                .into(),
            signin_url: None,
        },
    };
    Some(card)
}

pub fn loading_card() -> StateCard {
    StateCard {
        tone: "info",
        heading: "The directory is loading",
        message: "crmlens has just started and is still loading the directory. Try again in a minute.".into(),
        signin_url: None,
    }
}

pub fn render(template: &impl Template) -> anyhow::Result<String> {
    Ok(template.render()?)
}
