//! A LinkedIn-like industry taxonomy, with the words companies in it use in their names and the
//! picklist values CRMs file them under.

/// One directory industry.
#[derive(Debug)]
pub struct Industry {
    pub name: &'static str,
    /// Words a company in this industry puts in its name.
    pub name_words: &'static [&'static str],
    /// Salesforce's standard Industry picklist value.
    pub salesforce: &'static str,
    /// Dynamics 365's industry code label.
    pub dynamics: &'static str,
    /// Relative frequency among companies.
    pub weight: u32,
}

const fn industry(
    name: &'static str,
    name_words: &'static [&'static str],
    salesforce: &'static str,
    dynamics: &'static str,
    weight: u32,
) -> Industry {
    Industry { name, name_words, salesforce, dynamics, weight }
}

pub static INDUSTRIES: &[Industry] = &[
    industry(
        "Software Development",
        &[
            "Software", "Labs", "Systems", "Analytics", "Cloud", "Data", "Digital", "Apps", "Technologies",
            "AI",
        ],
        "Technology", "Business Services",
        120,
    ),
    industry(
        "IT Services and IT Consulting",
        &["IT", "Tech", "Consulting", "Solutions", "Networks", "Infotech", "Digital"],
        "Technology", "Consulting",
        90,
    ),
    industry(
        "Computer and Network Security",
        &["Security", "Cyber", "Shield", "Defense"],
        "Technology", "Business Services",
        15,
    ),
    industry(
        "Financial Services",
        &["Capital", "Finance", "Financial", "Wealth", "Advisors"],
        "Finance", "Financial",
        45,
    ),
    industry("Banking", &["Bank", "Savings", "Trust", "Credit Union"], "Banking", "Financial", 15),
    industry(
        "Insurance",
        &["Insurance", "Assurance", "Underwriters", "Mutual"],
        "Insurance", "Insurance",
        20,
    ),
    industry(
        "Hospitals and Health Care",
        &["Health", "Care", "Clinic", "Medical Center", "Health Partners", "Hospital"],
        "Healthcare", "Doctor's Offices and Clinics",
        45,
    ),
    industry(
        "Pharmaceutical Manufacturing",
        &["Pharma", "Therapeutics", "Bio", "Laboratories"],
        "Healthcare", "Inbound Capital Intensive Processing",
        12,
    ),
    industry(
        "Biotechnology Research",
        &["Bio", "Biosciences", "Genomics", "Life Sciences"],
        "Biotechnology", "Inbound Capital Intensive Processing",
        10,
    ),
    industry(
        "Medical Equipment Manufacturing",
        &["Medical", "Devices", "Surgical", "Diagnostics"],
        "Healthcare", "Durable Manufacturing",
        10,
    ),
    industry(
        "Retail",
        &["Retail", "Stores", "Market", "Outlet", "Shop"],
        "Retail", "Non-Durable Merchandise Retail",
        40,
    ),
    industry(
        "Food and Beverage Services",
        &["Foods", "Kitchen", "Catering", "Restaurants", "Coffee"],
        "Food & Beverage", "Eating and Drinking Places",
        25,
    ),
    industry(
        "Food and Beverage Manufacturing",
        &["Foods", "Brewing", "Dairy", "Bakery", "Beverages"],
        "Food & Beverage", "Food and Tobacco Processing",
        15,
    ),
    industry(
        "Construction",
        &["Construction", "Builders", "Contracting", "Building", "Homes"],
        "Construction", "Special Outbound Trade Contractors",
        45,
    ),
    industry(
        "Real Estate",
        &["Properties", "Realty", "Real Estate", "Land", "Estates"],
        "Real Estate", "Specialty Realty",
        30,
    ),
    industry(
        "Transportation, Logistics, Supply Chain and Storage",
        &["Logistics", "Transport", "Freight", "Shipping", "Cargo", "Supply Chain"],
        "Transportation", "Transportation",
        35,
    ),
    industry(
        "Truck Transportation",
        &["Trucking", "Freight Lines", "Haulage", "Express"],
        "Transportation", "Transportation",
        10,
    ),
    industry(
        "Airlines and Aviation",
        &["Aviation", "Air", "Aero", "Airways"],
        "Transportation", "Transportation",
        5,
    ),
    industry(
        "Motor Vehicle Manufacturing",
        &["Motors", "Automotive", "Auto Parts", "Mobility"],
        "Manufacturing", "Durable Manufacturing",
        12,
    ),
    industry(
        "Industrial Machinery Manufacturing",
        &["Machinery", "Industrial", "Engineering", "Tools", "Automation"],
        "Machinery", "Durable Manufacturing",
        25,
    ),
    industry(
        "Chemical Manufacturing",
        &["Chemicals", "Chemical", "Polymers", "Coatings"],
        "Chemicals", "Inbound Capital Intensive Processing",
        10,
    ),
    industry(
        "Oil and Gas",
        &["Energy", "Petroleum", "Oil", "Gas", "Resources"],
        "Energy", "Petrochemical Extraction and Distribution",
        10,
    ),
    industry(
        "Renewable Energy Power Generation",
        &["Solar", "Wind", "Renewables", "Power", "Energy"],
        "Energy", "Utility Creation and Distribution",
        12,
    ),
    industry(
        "Utilities",
        &["Utilities", "Water", "Power", "Electric"],
        "Utilities", "Utility Creation and Distribution",
        6,
    ),
    industry(
        "Telecommunications",
        &["Telecom", "Communications", "Mobile", "Networks", "Fiber"],
        "Telecommunications", "Broadcasting Printing and Publishing",
        12,
    ),
    industry(
        "Advertising Services",
        &["Media", "Agency", "Creative", "Studio", "Advertising"],
        "Media", "Design, Direction and Creative Management",
        25,
    ),
    industry(
        "Marketing Services",
        &["Marketing", "Growth", "Brand", "Digital"],
        "Media", "Business Services",
        20,
    ),
    industry(
        "Business Consulting and Services",
        &["Consulting", "Advisory", "Partners", "Strategy", "Management"],
        "Consulting", "Consulting",
        50,
    ),
    industry("Legal Services", &["Law", "Legal", "Attorneys", "Law Group"], "Other", "Legal Services", 20),
    industry("Accounting", &["Accounting", "CPAs", "Tax", "Audit"], "Finance", "Accounting", 15),
    industry(
        "Staffing and Recruiting",
        &["Staffing", "Recruitment", "Talent", "Careers"],
        "Consulting", "Business Services",
        20,
    ),
    industry(
        "Higher Education",
        &["University", "College", "Institute", "Academy"],
        "Education", "Social Services",
        15,
    ),
    industry(
        "E-Learning Providers",
        &["Learning", "Academy", "Education", "Edu"],
        "Education", "Business Services",
        12,
    ),
    industry(
        "Hospitality",
        &["Hotels", "Resorts", "Hospitality", "Inn"],
        "Hospitality", "Consumer Services",
        15,
    ),
    industry(
        "Non-profit Organizations",
        &["Foundation", "Alliance", "Trust", "Initiative"],
        "Not For Profit", "Social Services",
        12,
    ),
    industry(
        "Retail Apparel and Fashion",
        &["Fashion", "Apparel", "Clothing", "Wear"],
        "Apparel", "Non-Durable Merchandise Retail",
        12,
    ),
    industry(
        "Farming",
        &["Farms", "Agri", "Harvest", "Growers"],
        "Agriculture", "Agriculture and Non-petrol Natural Resource Extraction",
        8,
    ),
    industry(
        "Entertainment Providers",
        &["Entertainment", "Studios", "Games", "Productions"],
        "Entertainment", "Entertainment Retail",
        10,
    ),
    industry(
        "Architecture and Planning",
        &["Architects", "Design", "Architecture", "Planning"],
        "Engineering", "Design, Direction and Creative Management",
        12,
    ),
    industry(
        "Civil Engineering",
        &["Engineering", "Engineers", "Infrastructure"],
        "Engineering", "Special Outbound Trade Contractors",
        12,
    ),
    industry(
        "Semiconductor Manufacturing",
        &["Semiconductor", "Silicon", "Micro", "Chips"],
        "Electronics", "Durable Manufacturing",
        5,
    ),
    industry(
        "Appliances, Electrical, and Electronics Manufacturing",
        &["Electronics", "Electric", "Electrical", "Devices"],
        "Electronics", "Durable Manufacturing",
        12,
    ),
    industry("Wholesale", &["Trading", "Wholesale", "Distributors", "Supply"], "Other", "Wholesale", 20),
    industry(
        "Venture Capital and Private Equity Principals",
        &["Ventures", "Capital", "Equity", "Investments"],
        "Finance", "Financial",
        8,
    ),
    industry(
        "Human Resources Services",
        &["HR", "People", "Workforce", "Payroll"],
        "Consulting", "Business Services",
        10,
    ),
    industry(
        "Research Services",
        &["Research", "Insights", "Analytics", "Labs"],
        "Other", "Business Services",
        8,
    ),
];

/// Weights of [`INDUSTRIES`], for weighted sampling.
pub fn weights() -> Vec<u32> {
    INDUSTRIES.iter().map(|industry| industry.weight).collect()
}
