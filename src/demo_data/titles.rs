//! Job titles (seniority + function, with the abbreviations people use: "Sr.", "VP", "Mgr"),
//! headlines, and the title variants CRM users type.

use super::rng::Rng;

/// A job function: its roles, how its leaders are titled and what its people list as skills.
#[derive(Debug)]
pub struct Function {
    /// As in "Head of {head}".
    pub head: &'static str,
    pub roles: &'static [&'static str],
    pub chiefs: &'static [&'static str],
    pub skills: &'static [&'static str],
}

pub static FUNCTIONS: &[Function] = &[
    Function {
        head: "Engineering",
        roles: &[
            "Software Engineer",
            "Backend Engineer",
            "Frontend Developer",
            "Full Stack Developer",
            "DevOps Engineer",
            "Site Reliability Engineer",
            "QA Engineer",
            "Data Engineer",
            "Mobile Developer",
            "Software Developer",
        ],
        chiefs: &["CTO", "Chief Technology Officer"],
        skills: &["Python", "Rust", "Kubernetes", "AWS", "Java", "TypeScript", "Distributed Systems"],
    },
    Function {
        head: "Data",
        roles: &[
            "Data Scientist",
            "Data Analyst",
            "Machine Learning Engineer",
            "BI Analyst",
            "Analytics Engineer",
        ],
        chiefs: &["Chief Data Officer", "CDO"],
        skills: &["SQL", "Machine Learning", "Statistics", "Python", "Tableau"],
    },
    Function {
        head: "Sales",
        roles: &[
            "Account Executive",
            "Sales Development Representative",
            "Account Manager",
            "Sales Representative",
            "Business Development Manager",
            "Key Account Manager",
            "Sales Engineer",
            "Inside Sales Representative",
        ],
        chiefs: &["Chief Revenue Officer", "CRO", "Chief Sales Officer"],
        skills: &["SaaS Sales", "Negotiation", "Salesforce", "Enterprise Sales", "Partnerships"],
    },
    Function {
        head: "Marketing",
        roles: &[
            "Marketing Manager",
            "Content Strategist",
            "Marketing Specialist",
            "Product Marketing Manager",
            "SEO Specialist",
            "Brand Manager",
            "Marketing Coordinator",
            "Growth Marketer",
        ],
        chiefs: &["CMO", "Chief Marketing Officer"],
        skills: &["Demand Generation", "SEO", "Content Marketing", "Branding", "HubSpot"],
    },
    Function {
        head: "Finance",
        roles: &[
            "Financial Analyst",
            "Accountant",
            "Controller",
            "Finance Manager",
            "Auditor",
            "Treasury Analyst",
        ],
        chiefs: &["CFO", "Chief Financial Officer"],
        skills: &["FP&A", "IFRS", "Budgeting", "Financial Modeling", "SAP"],
    },
    Function {
        head: "Human Resources",
        roles: &[
            "Recruiter",
            "Talent Acquisition Specialist",
            "HR Business Partner",
            "HR Generalist",
            "People Operations Manager",
        ],
        chiefs: &["Chief People Officer", "CHRO"],
        skills: &["Talent Acquisition", "Employer Branding", "Compensation", "Workday"],
    },
    Function {
        head: "Operations",
        roles: &[
            "Operations Manager",
            "Project Manager",
            "Program Manager",
            "Supply Chain Analyst",
            "Office Manager",
            "Procurement Specialist",
            "Logistics Coordinator",
        ],
        chiefs: &["COO", "Chief Operating Officer"],
        skills: &["Lean", "Six Sigma", "Supply Chain", "Project Management", "PMP"],
    },
    Function {
        head: "Product",
        roles: &["Product Manager", "Product Owner", "UX Designer", "Product Designer", "UX Researcher"],
        chiefs: &["Chief Product Officer", "CPO"],
        skills: &["Product Strategy", "Agile", "User Research", "Figma", "Roadmapping"],
    },
    Function {
        head: "Customer Success",
        roles: &[
            "Customer Success Manager",
            "Support Specialist",
            "Customer Service Representative",
            "Technical Support Engineer",
            "Implementation Consultant",
        ],
        chiefs: &["Chief Customer Officer"],
        skills: &["Customer Retention", "Onboarding", "Zendesk", "Account Management"],
    },
    Function {
        head: "Legal",
        roles: &[
            "Legal Counsel",
            "Paralegal",
            "Compliance Officer",
            "Contract Manager",
            "Associate Attorney",
        ],
        chiefs: &["General Counsel", "Chief Legal Officer"],
        skills: &["Contract Law", "GDPR", "Compliance", "M&A"],
    },
    Function {
        head: "IT",
        roles: &[
            "IT Specialist",
            "Systems Administrator",
            "Network Engineer",
            "IT Manager",
            "Security Analyst",
        ],
        chiefs: &["CIO", "Chief Information Officer", "CISO"],
        skills: &["ITIL", "Networking", "Microsoft 365", "Cybersecurity"],
    },
    Function {
        head: "Consulting",
        roles: &["Consultant", "Business Analyst", "Strategy Consultant", "Management Consultant"],
        chiefs: &["Managing Partner", "Partner"],
        skills: &["Strategy", "Change Management", "Stakeholder Management", "Process Improvement"],
    },
];

/// Relative frequency of the levels 0 (junior) ..= 7 (C-level or founder).
const LEVEL_WEIGHTS: [u32; 8] = [8, 38, 22, 8, 11, 7, 4, 2];

pub fn level(rng: &mut Rng) -> u8 {
    rng.weighted(&LEVEL_WEIGHTS) as u8
}

/// A title at `level` in `function`, written the way people write it.
pub fn title(rng: &mut Rng, function: &Function, level: u8) -> String {
    let role = *rng.pick(function.roles);
    let head = function.head;
    match level {
        0 => format!("{}{role}", rng.pick(&["Junior ", "Jr. ", "Associate ", "Junior ", "Trainee "])),
        1 => role.to_owned(),
        2 => format!("{}{role}", rng.pick(&["Senior ", "Senior ", "Sr. ", "Sr ", "Senior "])),
        3 => format!("{}{role}", rng.pick(&["Lead ", "Principal ", "Staff ", "Lead "])),
        4 => match rng.below(5) {
            0 => format!("{head} Manager"),
            1 => format!("Manager, {head}"),
            2 => format!("{head} Mgr"),
            3 => format!("Manager of {head}"),
            _ => format!("Sr. {head} Manager"),
        },
        5 => match rng.below(6) {
            0 => format!("Director of {head}"),
            1 => format!("{head} Director"),
            2 => format!("Director, {head}"),
            3 => format!("Senior Director of {head}"),
            _ => format!("Head of {head}"),
        },
        6 => match rng.below(5) {
            0 => format!("VP of {head}"),
            1 => format!("VP, {head}"),
            2 => format!("Vice President of {head}"),
            3 => format!("SVP {head}"),
            _ => format!("VP {head}"),
        },
        _ => match rng.below(8) {
            0 => "CEO".to_owned(),
            1 => "Founder".to_owned(),
            2 => "Co-Founder & CEO".to_owned(),
            3 => "Managing Director".to_owned(),
            4 => "Owner".to_owned(),
            5 => "President".to_owned(),
            _ => (*rng.pick(function.chiefs)).to_owned(),
        },
    }
}

const TAGLINES: &[&str] = &[
    "Open to new opportunities",
    "Helping companies grow",
    "Passionate about customers",
    "Building great teams",
    "Lifelong learner",
    "Hiring!",
    "Speaker & mentor",
    "Turning data into decisions",
    "Coffee enthusiast",
    "Making complex things simple",
];

/// A profile headline, often "{title} at {company}", sometimes empty.
pub fn headline(rng: &mut Rng, function: &Function, title: &str, company: &str) -> String {
    match rng.below(10) {
        0..=2 => String::new(),
        3..=6 if !company.is_empty() => format!("{title} at {company}"),
        7 => format!("{title} | {}", rng.pick(TAGLINES)),
        8 => format!("{} | {}, {}", title, rng.pick(function.skills), rng.pick(function.skills)),
        _ => format!("{} professional | {}", function.head, rng.pick(TAGLINES)),
    }
}

/// Abbreviations and their spelled-out forms; a CRM user writes whichever.
const EQUIVALENTS: &[(&str, &str)] = &[
    ("Senior ", "Sr. "),
    ("Sr. ", "Senior "),
    ("Sr ", "Senior "),
    ("Vice President", "VP"),
    ("VP", "Vice President"),
    ("SVP", "Senior Vice President"),
    ("Manager", "Mgr"),
    ("Mgr", "Manager"),
    ("Director", "Dir."),
    ("Junior ", "Jr. "),
    ("Jr. ", "Junior "),
    ("CEO", "Chief Executive Officer"),
    ("Chief Technology Officer", "CTO"),
    ("CTO", "Chief Technology Officer"),
    ("CFO", "Chief Financial Officer"),
    ("Chief Financial Officer", "CFO"),
    ("CMO", "Chief Marketing Officer"),
    ("Human Resources", "HR"),
    ("Engineer", "Eng."),
    ("Development", "Dev."),
    ("Representative", "Rep"),
    (" & ", " and "),
    ("Head of ", "Director of "),
    ("Co-Founder", "Cofounder"),
    (", ", " "),
];

/// The same title written differently (`Sr. Account Executive` for `Senior Account Executive`).
pub fn variant(rng: &mut Rng, title: &str) -> Option<String> {
    let applicable: Vec<&(&str, &str)> =
        EQUIVALENTS.iter().filter(|(from, _)| title.contains(from)).collect();
    if applicable.is_empty() {
        return None;
    }
    let (from, to) = rng.pick(&applicable);
    Some(title.replacen(from, to, 1))
}

#[cfg(test)]
mod tests {
    use super::super::rng::Stream;
    use super::*;

    #[test]
    fn every_level_gives_a_non_empty_title() {
        let mut rng = Rng::for_entity(1, Stream::Member, 0);
        for function in FUNCTIONS {
            for level in 0..8 {
                assert!(!title(&mut rng, function, level).is_empty());
            }
        }
    }

    #[test]
    fn variants_swap_abbreviations() {
        let mut rng = Rng::for_entity(1, Stream::Member, 0);
        assert_eq!(variant(&mut rng, "Senior Data Analyst").as_deref(), Some("Sr. Data Analyst"));
        assert_eq!(variant(&mut rng, "Accountant"), None);
    }
}
