//! Why a candidate was offered, in words a rep understands ("Bob is a nickname of Robert",
//! "worked at Acme until recently"), strongest reasons first.

use crate::formats::CompanyRecord;
use crate::matching::{Agreement, Evidence, Field};
use crate::resolution::{CompanyFields, MemberFields};
use crate::storage::directory::DirectoryMember;

/// At most this many reasons per candidate: enough to decide, short enough for 300 px.
const MAX_REASONS: usize = 4;

/// One reason, and whether it speaks for (`true`) or against the candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub text: String,
    pub supports: bool,
}

fn ranked(evidence: &[Evidence], mut words: impl FnMut(&Evidence) -> Option<String>) -> Vec<Reason> {
    let mut ordered: Vec<&Evidence> =
        evidence.iter().filter(|e| e.agreement != Agreement::Missing && e.weight.abs() > 0.05).collect();
    ordered.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    ordered
        .into_iter()
        .filter_map(|e| words(e).map(|text| Reason { text, supports: e.weight > 0.0 }))
        .take(MAX_REASONS)
        .collect()
}

/// Reasons for a directory member against the values the CRM passed.
pub fn member_reasons(evidence: &[Evidence], crm: &MemberFields, member: &DirectoryMember) -> Vec<Reason> {
    let crm_first = crm.first_name.as_deref().unwrap_or("");
    ranked(evidence, |e| {
        let text = match (e.field, e.agreement) {
            (Field::FirstName, Agreement::Exact) => "same first name".to_owned(),
            (Field::FirstName, Agreement::Nickname) => {
                format!("{crm_first} is a nickname of {}", member.first_name)
            }
            (Field::FirstName | Field::LastName, Agreement::Transliteration) => {
                "the name is another spelling of the same name".to_owned()
            }
            (Field::FirstName, Agreement::Initial) => "same first initial".to_owned(),
            (Field::FirstName | Field::LastName, Agreement::Fuzzy) => {
                "name spelled almost the same".to_owned()
            }
            (Field::FirstName, Agreement::Disagreed) => "different first name".to_owned(),
            (Field::LastName, Agreement::Exact) => "same last name".to_owned(),
            (Field::LastName, Agreement::Partial) => "shares part of the last name".to_owned(),
            (Field::LastName, Agreement::Disagreed) => "different last name".to_owned(),
            (Field::Email, Agreement::Exact | Agreement::Email) => "same e-mail address".to_owned(),
            (Field::Email, Agreement::Domain) | (Field::Company, Agreement::Domain) => {
                "same e-mail domain".to_owned()
            }
            (Field::Email, _) => "different e-mail address".to_owned(),
            (Field::Company, Agreement::PastEmployer) => match member.past_positions.first() {
                Some(past) => format!("worked at {} until recently", past.company_name),
                None => "worked at that company until recently".to_owned(),
            },
            (Field::Company, Agreement::Disagreed) => {
                format!("works elsewhere now ({})", member.company_name)
            }
            (Field::Company, Agreement::Exact) => format!("works at {}", member.company_name),
            (Field::Company, Agreement::Acronym) => {
                format!("the company is an abbreviation of {}", member.company_name)
            }
            (Field::Company, _) => format!("company name close to {}", member.company_name),
            (Field::Title, Agreement::Exact) => "same job title".to_owned(),
            (Field::Title, Agreement::Disagreed) => "different job title".to_owned(),
            (Field::Title, _) => "similar job title".to_owned(),
            (Field::Location, Agreement::Disagreed) => "lives somewhere else".to_owned(),
            (Field::Location, _) => "same place".to_owned(),
            _ => return None,
        };
        Some(text)
    })
}

/// Reasons for a directory company against the values the CRM passed.
pub fn company_reasons(evidence: &[Evidence], crm: &CompanyFields, company: &CompanyRecord) -> Vec<Reason> {
    let crm_name = crm.name.as_deref().unwrap_or("");
    ranked(evidence, |e| {
        let text = match (e.field, e.agreement) {
            (Field::Name, Agreement::Exact) => "same company name".to_owned(),
            (Field::Name, Agreement::Acronym) => format!("{crm_name} is short for {}", company.name),
            (Field::Name, Agreement::Domain) => "the website matches the name".to_owned(),
            (Field::Name, Agreement::Disagreed) => "different name".to_owned(),
            (Field::Name, _) => format!("name close to {}", company.name),
            (Field::Website, Agreement::Disagreed) => "different website".to_owned(),
            (Field::Website, _) => "same website".to_owned(),
            (Field::Location, Agreement::Disagreed) => "headquartered elsewhere".to_owned(),
            (Field::Location, _) => "same headquarters".to_owned(),
            (Field::Industry, Agreement::Disagreed) => "different industry".to_owned(),
            (Field::Industry, _) => "same industry".to_owned(),
            (Field::LegalForm, Agreement::Disagreed) => "different legal form (Inc., GmbH…)".to_owned(),
            (Field::LegalForm, _) => "same legal form".to_owned(),
            _ => return None,
        };
        Some(text)
    })
}
