//! Per-country reference data: given names, surnames (a common head plus morphemes for a long tail
//! of rare ones), cities, legal forms, web domains, webmail providers and local-language titles.

/// A city as a directory stores it, with the forms CRM users type instead.
#[derive(Debug)]
pub struct City {
    pub name: &'static str,
    pub region: &'static str,
    /// Postal abbreviation of the region where one is customary (`TX`, `NSW`), else `""`.
    pub region_abbr: &'static str,
    /// English or local alternative name (`Munich` for `München`), else `""`.
    pub exonym: &'static str,
}

const fn city(
    name: &'static str,
    region: &'static str,
    region_abbr: &'static str,
    exonym: &'static str,
) -> City {
    City { name, region, region_abbr, exonym }
}

/// Everything the generator knows about one country.
#[derive(Debug)]
pub struct Locale {
    pub country: &'static str,
    /// The country as its own language names it (`Deutschland`), for CRM location noise.
    pub country_local: &'static str,
    /// Relative share of people and companies.
    pub weight: u32,
    pub male: &'static [&'static str],
    pub female: &'static [&'static str],
    /// Common surnames, most frequent first (sampled with a Zipf skew).
    pub surnames: &'static [&'static str],
    /// Rare surnames are built as stem + ending.
    pub stems: &'static [&'static str],
    pub endings: &'static [&'static str],
    /// Particles put before rare surnames now and then (`van der`, `de la`).
    pub particles: &'static [&'static str],
    /// Share of people with two surnames (Spanish, Portuguese).
    pub double_surname: f64,
    /// Share of people who write their name without its diacritics.
    pub strip_accents: f64,
    /// Share of people with an English nickname or an English first name.
    pub nickname_rate: f64,
    pub feminine_surnames: Feminine,
    pub cities: &'static [City],
    pub tlds: &'static [&'static str],
    pub legal_forms: &'static [&'static str],
    pub webmail: &'static [&'static str],
    pub and_word: &'static str,
    /// Local business words for company names (`Logistik`, `Construcciones`).
    pub business_words: &'static [&'static str],
    /// (local title, English equivalent).
    pub local_titles: &'static [(&'static str, &'static str)],
    /// Company names lead with the city (`Shenzhen Huaxin Technology Co., Ltd.`).
    pub city_prefixed_companies: bool,
}

/// How a surname changes for women.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feminine {
    Same,
    /// Polish: -ski → -ska, -cki → -cka.
    Polish,
    /// Russian: -ov → -ova, -in → -ina, -sky → -skaya.
    Russian,
}

const US_MALE: &[&str] = &[
    "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Christopher",
    "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Andrew", "Joshua", "Kevin", "Brian", "Ryan",
    "Jason", "Eric", "Jonathan", "Justin", "Brandon", "Tyler", "Aaron", "Nathan", "Kyle", "Patrick",
    "Gregory", "Benjamin", "Samuel", "Jeffrey", "Scott", "Timothy", "Edward", "Kenneth", "Zachary",
    "Nicholas", "Alexander", "Carlos", "Luis", "DeShawn", "Jamal", "Hector", "Phillip",
];
const US_FEMALE: &[&str] = &[
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
    "Lisa", "Nancy", "Ashley", "Emily", "Michelle", "Amanda", "Melissa", "Stephanie", "Rebecca", "Laura",
    "Katherine", "Rachel", "Megan", "Lauren", "Hannah", "Samantha", "Christina", "Nicole", "Heather", "Amy",
    "Kimberly", "Deborah", "Victoria", "Abigail", "Margaret", "Catherine", "Alexandra", "Pamela", "Cynthia",
    "Jacqueline", "Dawn", "Tracy", "Mary Ann", "Latoya", "Maria", "Ana",
];
const US_SURNAMES: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee",
    "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner",
    "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
    "Rogers", "O'Brien", "McDonald", "Sullivan", "Reed", "Cooper", "Bailey", "Kelly", "Howard", "Nguyen",
    "Kim", "Patel", "Osborne", "Fuller", "Cummings", "Gardner", "Parks", "Long", "Sanders", "Reyes",
    "Washington", "Jefferson",
];
const EN_STEMS: &[&str] = &[
    "Ash", "Brad", "Wood", "Stan", "Whit", "Hart", "Went", "Pem", "Hol", "Bur", "Ridge", "Mar", "Fair",
    "Hazel", "Thorn", "Crow", "Kings", "Black", "Cald", "Lang", "Brook", "Chad", "Dun", "Elm", "Hax", "Pres",
    "Ros",
];
const EN_ENDINGS: &[&str] = &[
    "ford", "ley", "worth", "ton", "wick", "field", "man", "by", "son", "more", "well", "ham", "wood", "dale",
];
const US_CITIES: &[City] = &[
    city("New York", "New York", "NY", "NYC"),
    city("San Francisco", "California", "CA", ""),
    city("Los Angeles", "California", "CA", "LA"),
    city("Austin", "Texas", "TX", ""),
    city("Dallas", "Texas", "TX", ""),
    city("Houston", "Texas", "TX", ""),
    city("Chicago", "Illinois", "IL", ""),
    city("Boston", "Massachusetts", "MA", ""),
    city("Seattle", "Washington", "WA", ""),
    city("Denver", "Colorado", "CO", ""),
    city("Atlanta", "Georgia", "GA", ""),
    city("Miami", "Florida", "FL", ""),
    city("Phoenix", "Arizona", "AZ", ""),
    city("Philadelphia", "Pennsylvania", "PA", ""),
    city("Minneapolis", "Minnesota", "MN", ""),
    city("Detroit", "Michigan", "MI", ""),
    city("St. Louis", "Missouri", "MO", "Saint Louis"),
    city("Baltimore", "Maryland", "MD", ""),
    city("Raleigh", "North Carolina", "NC", ""),
    city("Salt Lake City", "Utah", "UT", ""),
    city("Washington", "District of Columbia", "DC", "Washington DC"),
    city("Nashville", "Tennessee", "TN", ""),
    city("Portland", "Oregon", "OR", ""),
    city("San Diego", "California", "CA", ""),
    city("Columbus", "Ohio", "OH", ""),
];
const EN_WEBMAIL: &[&str] =
    &["gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "aol.com"];
const EN_BUSINESS: &[&str] = &[
    "Group", "Partners", "Solutions", "Holdings", "Associates", "Systems", "Services", "Enterprises",
    "Industries",
];

const UK_MALE: &[&str] = &[
    "Oliver", "George", "Harry", "Jack", "James", "William", "Thomas", "Charlie", "Henry", "Alfie", "Edward",
    "Daniel", "Matthew", "Samuel", "Joseph", "Callum", "Liam", "Rhys", "Owen", "Gareth", "Alistair",
    "Hamish", "Nigel", "Graham", "Simon", "Ian", "Stuart", "Neil", "Robert", "Richard", "Peter", "Michael",
];
const UK_FEMALE: &[&str] = &[
    "Olivia", "Amelia", "Emily", "Isla", "Sophie", "Charlotte", "Jessica", "Lucy", "Grace", "Chloe", "Ella",
    "Hannah", "Eleanor", "Siobhan", "Fiona", "Catriona", "Gemma", "Kirsty", "Claire", "Joanne", "Victoria",
    "Harriet", "Elizabeth", "Katherine", "Margaret", "Rebecca",
];
const UK_SURNAMES: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
    "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
    "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
    "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
    "Phillips", "Watson", "Parker", "Price", "Bennett", "Young", "Griffiths", "MacLeod", "Campbell",
    "Fitzgerald", "Khan", "Ahmed", "Bowes-Lyon", "Ffrench", "Llewellyn",
];
const UK_CITIES: &[City] = &[
    city("London", "England", "", ""),
    city("Manchester", "England", "", ""),
    city("Birmingham", "England", "", ""),
    city("Leeds", "England", "", ""),
    city("Bristol", "England", "", ""),
    city("Cambridge", "England", "", ""),
    city("Oxford", "England", "", ""),
    city("Reading", "England", "", ""),
    city("Glasgow", "Scotland", "", ""),
    city("Edinburgh", "Scotland", "", "Dùn Èideann"),
    city("Cardiff", "Wales", "", "Caerdydd"),
    city("Belfast", "Northern Ireland", "", ""),
];

const IE_MALE: &[&str] = &[
    "Seán", "Ciarán", "Pádraig", "Conor", "Darragh", "Eoin", "Cian", "Liam", "Niall", "Declan", "Michael",
    "Patrick", "John", "Colm", "Oisín",
];
const IE_FEMALE: &[&str] = &[
    "Aoife", "Niamh", "Siobhán", "Saoirse", "Caoimhe", "Róisín", "Orla", "Ciara", "Sinéad", "Clodagh",
    "Mary", "Sarah", "Emma", "Áine",
];
const IE_SURNAMES: &[&str] = &[
    "Murphy", "Kelly", "O'Sullivan", "Walsh", "O'Brien", "Byrne", "Ryan", "O'Connor", "O'Neill",
    "Ó Súilleabháin", "McCarthy", "Mac Carthaigh", "Doyle", "Gallagher", "Ó Dónaill", "Kennedy", "Lynch",
    "Quinn", "Murray", "Ó Briain", "Fitzpatrick", "Ní Bhriain",
];
const IE_CITIES: &[City] = &[
    city("Dublin", "County Dublin", "", "Baile Átha Cliath"),
    city("Cork", "County Cork", "", "Corcaigh"),
    city("Galway", "County Galway", "", "Gaillimh"),
    city("Limerick", "County Limerick", "", ""),
];

const AU_CITIES: &[City] = &[
    city("Sydney", "New South Wales", "NSW", ""),
    city("Melbourne", "Victoria", "VIC", ""),
    city("Brisbane", "Queensland", "QLD", ""),
    city("Perth", "Western Australia", "WA", ""),
    city("Adelaide", "South Australia", "SA", ""),
    city("Canberra", "Australian Capital Territory", "ACT", ""),
];

const CA_CITIES: &[City] = &[
    city("Toronto", "Ontario", "ON", ""),
    city("Vancouver", "British Columbia", "BC", ""),
    city("Montréal", "Quebec", "QC", "Montreal"),
    city("Calgary", "Alberta", "AB", ""),
    city("Ottawa", "Ontario", "ON", ""),
];
const CA_SURNAMES: &[&str] = &[
    "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon", "Johnson", "Taylor",
    "Côté", "Campbell", "Anderson", "Leblanc", "Lee", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Bélanger", "Chen", "Singh", "Wong", "Thompson", "Clark",
];

const DE_MALE: &[&str] = &[
    "Thomas", "Michael", "Andreas", "Stefan", "Christian", "Markus", "Frank", "Jürgen", "Klaus", "Wolfgang",
    "Uwe", "Jörg", "Lukas", "Jonas", "Maximilian", "Felix", "Tobias", "Florian", "Sebastian", "Matthias",
    "Björn", "Sören", "Dirk", "Ralf", "Günter", "Hans-Peter", "Karl-Heinz", "Niklas", "Jan", "Philipp",
    "Johannes", "Alexander", "Daniel",
];
const DE_FEMALE: &[&str] = &[
    "Sabine", "Petra", "Claudia", "Anja", "Katrin", "Stefanie", "Julia", "Anna", "Lena", "Laura", "Sarah",
    "Jana", "Miriam", "Ursula", "Monika", "Birgit", "Jutta", "Gisela", "Hannelore", "Annegret", "Lea",
    "Sophie", "Marie", "Bärbel", "Käthe", "Katharina", "Franziska", "Elisabeth", "Anne-Kathrin",
];
const DE_SURNAMES: &[&str] = &[
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
    "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
    "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
    "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich",
    "Günther", "Keller", "Groß", "von Bülow", "von Stein", "Müller-Lüdenscheidt", "Schmidt-Weber", "Yılmaz",
    "Kowalski",
];
const DE_STEMS: &[&str] = &[
    "Stein", "Berg", "Wald", "Ober", "Rosen", "Linden", "Eichen", "Hohen", "Brand", "Kirch", "Feld", "Schön",
    "Grün", "Haas", "Brück", "Bött", "Löw", "Kraus", "Sieg",
];
const DE_ENDINGS: &[&str] = &[
    "mann", "er", "berger", "hofer", "meier", "bach", "feld", "hausen", "inger", "ke", "ler", "thal",
    "müller",
];
const DE_CITIES: &[City] = &[
    city("Berlin", "Berlin", "", ""),
    city("München", "Bayern", "", "Munich"),
    city("Hamburg", "Hamburg", "", ""),
    city("Köln", "Nordrhein-Westfalen", "", "Cologne"),
    city("Frankfurt am Main", "Hessen", "", "Frankfurt"),
    city("Stuttgart", "Baden-Württemberg", "", ""),
    city("Düsseldorf", "Nordrhein-Westfalen", "", "Dusseldorf"),
    city("Leipzig", "Sachsen", "", ""),
    city("Nürnberg", "Bayern", "", "Nuremberg"),
    city("Dresden", "Sachsen", "", ""),
    city("Hannover", "Niedersachsen", "", "Hanover"),
];
const DE_TITLES: &[(&str, &str)] = &[
    ("Geschäftsführer", "Managing Director"),
    ("Vertriebsleiter", "Head of Sales"),
    ("Softwareentwickler", "Software Developer"),
    ("Projektleiter", "Project Manager"),
    ("Leiter Marketing", "Head of Marketing"),
    ("Einkaufsleiter", "Head of Purchasing"),
    ("Personalreferentin", "HR Specialist"),
    ("Bereichsleiter IT", "Head of IT"),
    ("Kaufmännischer Leiter", "CFO"),
    ("Sachbearbeiterin Buchhaltung", "Accountant"),
    ("Vertriebsmitarbeiter", "Sales Representative"),
];
const DE_BUSINESS: &[&str] = &[
    "Logistik", "Technik", "Bau", "Systeme", "Beratung", "Versicherung", "Maschinenbau", "Elektro",
    "Software", "Handel", "Immobilien", "Werke",
];

const CH_CITIES: &[City] = &[
    city("Zürich", "Zürich", "ZH", "Zurich"),
    city("Genève", "Geneva", "GE", "Geneva"),
    city("Basel", "Basel-Stadt", "BS", "Bâle"),
    city("Bern", "Bern", "BE", "Berne"),
    city("Lausanne", "Vaud", "VD", ""),
];

const FR_MALE: &[&str] = &[
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "François", "Julien", "Sébastien", "Stéphane",
    "Thierry", "Olivier", "Laurent", "Christophe", "Frédéric", "Jérôme", "Cédric", "Benoît", "Hugo", "Lucas",
    "Théo", "Mathieu", "Antoine", "Guillaume", "Jean-Pierre", "Jean-François", "Jean-Luc", "Rémi", "Loïc",
    "Gaël", "Maurice", "René", "André",
];
const FR_FEMALE: &[&str] = &[
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sophie", "Céline", "Aurélie", "Émilie", "Julie",
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Hélène", "Valérie", "Sandrine", "Stéphanie", "Anaïs",
    "Marie-Claire", "Anne-Sophie", "Margaux", "Élodie", "Clémence", "Maëlle", "Françoise", "Geneviève",
    "Aimée",
];
const FR_SURNAMES: &[&str] = &[
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
    "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
    "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
    "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
    "de la Fontaine", "Le Gall", "Le Goff", "de Villiers", "Berthelot", "Barbe", "Benali",
];
const FR_STEMS: &[&str] = &[
    "Beau", "Bel", "Mont", "Char", "Roche", "Val", "Ville", "Lac", "Bois", "Fon", "Mar", "Ber", "Lou", "Gren",
];
const FR_ENDINGS: &[&str] =
    &["mont", "ier", "ard", "eau", "in", "et", "ot", "on", "ault", "elle", "ière", "ès"];
const FR_CITIES: &[City] = &[
    city("Paris", "Île-de-France", "", ""),
    city("Lyon", "Auvergne-Rhône-Alpes", "", "Lyons"),
    city("Marseille", "Provence-Alpes-Côte d'Azur", "", "Marseilles"),
    city("Toulouse", "Occitanie", "", ""),
    city("Nice", "Provence-Alpes-Côte d'Azur", "", ""),
    city("Nantes", "Pays de la Loire", "", ""),
    city("Strasbourg", "Grand Est", "", "Straßburg"),
    city("Bordeaux", "Nouvelle-Aquitaine", "", ""),
    city("Lille", "Hauts-de-France", "", ""),
];
const FR_TITLES: &[(&str, &str)] = &[
    ("Directeur commercial", "Sales Director"),
    ("Ingénieur logiciel", "Software Engineer"),
    ("Chef de projet", "Project Manager"),
    ("Responsable marketing", "Marketing Manager"),
    ("Directrice des ressources humaines", "HR Director"),
    ("Président-directeur général", "CEO"),
    ("Développeur web", "Web Developer"),
    ("Comptable", "Accountant"),
    ("Directeur général", "General Manager"),
    ("Chargée de communication", "Communications Officer"),
];
const FR_BUSINESS: &[&str] = &[
    "Conseil", "Transports", "Services", "Technologies", "Ingénierie", "Distribution", "Bâtiment",
    "Logiciels", "Assurances", "Industries",
];

const ES_MALE: &[&str] = &[
    "Antonio", "José", "Manuel", "Francisco", "David", "Juan", "Javier", "Daniel", "Carlos", "Jesús",
    "Alejandro", "Miguel", "Rafael", "Pablo", "Sergio", "Fernando", "Jorge", "Álvaro", "Adrián", "Raúl",
    "Iñaki", "Íñigo", "Rubén", "Óscar", "Ignacio", "José Luis", "Juan Carlos", "José María", "Enrique",
];
const ES_FEMALE: &[&str] = &[
    "María", "Carmen", "Ana", "Isabel", "Laura", "Cristina", "Marta", "Lucía", "Paula", "Elena", "Sara",
    "Raquel", "Pilar", "Rocío", "Beatriz", "Nuria", "Silvia", "Irene", "Sofía", "Begoña", "Inés", "Ainhoa",
    "María José", "Dolores", "Concepción",
];
const ES_SURNAMES: &[&str] = &[
    "García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
    "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
    "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco",
    "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Núñez",
    "Iglesias", "Medina", "Garrido", "de la Cruz", "del Río", "de la Torre", "Ibáñez", "Echeverría",
    "Goikoetxea",
];
const ES_STEMS: &[&str] =
    &["Val", "Mont", "Cas", "Ber", "Gal", "Men", "Sal", "Ur", "Arr", "Ol", "Zab", "Quin"];
const ES_ENDINGS: &[&str] = &["ero", "illo", "ares", "ez", "ado", "eda", "illa", "aga", "ano", "iz", "uela"];
const ES_CITIES: &[City] = &[
    city("Madrid", "Comunidad de Madrid", "", ""),
    city("Barcelona", "Cataluña", "", "Catalonia"),
    city("Valencia", "Comunidad Valenciana", "", "València"),
    city("Sevilla", "Andalucía", "", "Seville"),
    city("Zaragoza", "Aragón", "", "Saragossa"),
    city("Málaga", "Andalucía", "", "Malaga"),
    city("Bilbao", "País Vasco", "", "Bilbo"),
    city("A Coruña", "Galicia", "", "La Coruña"),
];
const ES_TITLES: &[(&str, &str)] = &[
    ("Director comercial", "Sales Director"),
    ("Ingeniero de software", "Software Engineer"),
    ("Jefe de proyecto", "Project Manager"),
    ("Gerente de ventas", "Sales Manager"),
    ("Directora de marketing", "Marketing Director"),
    ("Consejero delegado", "CEO"),
    ("Responsable de compras", "Purchasing Manager"),
    ("Analista de datos", "Data Analyst"),
    ("Contadora", "Accountant"),
];
const ES_BUSINESS: &[&str] = &[
    "Construcciones", "Consultores", "Servicios", "Soluciones", "Ingeniería", "Transportes", "Logística",
    "Inversiones", "Alimentos", "Sistemas",
];

const MX_MALE: &[&str] = &[
    "Juan", "José", "Luis", "Carlos", "Jorge", "Miguel", "Alejandro", "Eduardo", "Fernando", "Ricardo",
    "Roberto", "Arturo", "Héctor", "Sergio", "Raúl", "Diego", "Emiliano", "Santiago", "Mateo", "Jesús",
    "Guillermo", "Óscar", "Rodrigo", "Andrés", "Francisco", "Ignacio",
];
const MX_FEMALE: &[&str] = &[
    "María", "Guadalupe", "Verónica", "Alejandra", "Gabriela", "Adriana", "Leticia", "Claudia", "Patricia",
    "Mariana", "Daniela", "Fernanda", "Ximena", "Valeria", "Sofía", "Paola", "Lorena", "Rocío", "Araceli",
    "Itzel", "María Fernanda", "Dolores",
];
const MX_SURNAMES: &[&str] = &[
    "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez",
    "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez",
    "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Moreno", "Castillo", "Romero", "Álvarez", "Méndez", "Chávez",
    "Rivera", "Juárez", "Ramos", "Domínguez", "Herrera", "Medina", "Castro", "Vargas", "Guzmán", "Velázquez",
    "de la Cruz", "de León", "Trujillo", "Xicoténcatl",
];
const MX_CITIES: &[City] = &[
    city("Ciudad de México", "Ciudad de México", "CDMX", "Mexico City"),
    city("Guadalajara", "Jalisco", "JAL", ""),
    city("Monterrey", "Nuevo León", "NL", ""),
    city("Puebla", "Puebla", "PUE", ""),
    city("Querétaro", "Querétaro", "QRO", "Queretaro"),
    city("Tijuana", "Baja California", "BC", ""),
];
const CO_CITIES: &[City] = &[
    city("Bogotá", "Bogotá D.C.", "", "Bogota"),
    city("Medellín", "Antioquia", "", "Medellin"),
    city("Cali", "Valle del Cauca", "", ""),
    city("Barranquilla", "Atlántico", "", ""),
];

const BR_MALE: &[&str] = &[
    "João", "José", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos", "Luís",
    "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Rodrigo", "Gustavo", "Thiago",
    "Matheus", "Vinícius", "Leonardo", "Guilherme", "Caio", "Fábio",
];
const BR_FEMALE: &[&str] = &[
    "Maria", "Ana", "Francisca", "Antônia", "Adriana", "Juliana", "Márcia", "Fernanda", "Patrícia", "Aline",
    "Sandra", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Júlia", "Luciana", "Vanessa", "Mariana",
    "Beatriz", "Larissa", "Gabriela", "Tatiane", "Conceição",
];
const BR_SURNAMES: &[&str] = &[
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes",
    "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa",
    "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas",
    "Cardoso", "Ramos", "Gonçalves", "Santana", "Teixeira", "Araújo", "Magalhães", "Conceição", "da Silva",
    "dos Santos", "de Oliveira", "da Costa", "de Souza", "da Mata", "Figueiredo",
];
const PT_STEMS: &[&str] = &["Bran", "Fig", "Mag", "Pin", "Vas", "Quei", "Cam", "Sam", "Tor", "Val"];
const PT_ENDINGS: &[&str] = &["eiro", "ães", "ado", "elo", "inho", "oso", "ares", "ão", "eira", "ança"];
const BR_CITIES: &[City] = &[
    city("São Paulo", "São Paulo", "SP", "Sao Paulo"),
    city("Rio de Janeiro", "Rio de Janeiro", "RJ", ""),
    city("Belo Horizonte", "Minas Gerais", "MG", ""),
    city("Brasília", "Distrito Federal", "DF", "Brasilia"),
    city("Curitiba", "Paraná", "PR", ""),
    city("Porto Alegre", "Rio Grande do Sul", "RS", ""),
    city("Recife", "Pernambuco", "PE", ""),
    city("Salvador", "Bahia", "BA", ""),
];
const PT_TITLES: &[(&str, &str)] = &[
    ("Gerente de vendas", "Sales Manager"),
    ("Engenheiro de software", "Software Engineer"),
    ("Diretor comercial", "Sales Director"),
    ("Analista de sistemas", "Systems Analyst"),
    ("Coordenadora de marketing", "Marketing Coordinator"),
    ("Diretor-presidente", "CEO"),
    ("Desenvolvedor", "Developer"),
    ("Contadora", "Accountant"),
];
const PT_BUSINESS: &[&str] = &[
    "Tecnologia", "Consultoria", "Serviços", "Engenharia", "Comércio", "Transportes", "Logística",
    "Construtora", "Soluções", "Alimentos",
];
const PT_MALE: &[&str] = &[
    "João", "José", "António", "Francisco", "Manuel", "Rui", "Nuno", "Tiago", "Miguel", "Pedro", "Duarte",
    "Gonçalo", "Rodrigo", "Afonso", "Luís", "Vasco",
];
const PT_FEMALE: &[&str] = &[
    "Maria", "Ana", "Inês", "Beatriz", "Mariana", "Catarina", "Sofia", "Joana", "Rita", "Teresa", "Filipa",
    "Leonor", "Matilde", "Conceição",
];
const PT_CITIES: &[City] = &[
    city("Lisboa", "Lisboa", "", "Lisbon"),
    city("Porto", "Porto", "", "Oporto"),
    city("Braga", "Braga", "", ""),
    city("Coimbra", "Coimbra", "", ""),
];

const IT_MALE: &[&str] = &[
    "Giuseppe", "Giovanni", "Antonio", "Mario", "Luigi", "Francesco", "Angelo", "Vincenzo", "Pietro",
    "Salvatore", "Carlo", "Franco", "Domenico", "Bruno", "Paolo", "Michele", "Giorgio", "Marco", "Alessandro",
    "Andrea", "Luca", "Matteo", "Lorenzo", "Davide", "Stefano", "Niccolò", "Gianluca", "Gianmarco",
];
const IT_FEMALE: &[&str] = &[
    "Maria", "Anna", "Giuseppina", "Rosa", "Angela", "Giovanna", "Teresa", "Lucia", "Carmela", "Caterina",
    "Francesca", "Chiara", "Giulia", "Sara", "Martina", "Valentina", "Federica", "Alessandra", "Elena",
    "Silvia", "Roberta", "Ilaria", "Benedetta", "Noemi",
];
const IT_SURNAMES: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
    "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone",
    "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis", "D'Angelo",
    "Marchetti", "Parisi", "Villa", "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso",
    "Valentini", "Di Stefano", "Dell'Acqua", "Nicolò",
];
const IT_STEMS: &[&str] =
    &["Bell", "Cas", "Mar", "Fer", "Ros", "Gal", "Vit", "Pan", "Mon", "Ten", "Sor", "Bern"];
const IT_ENDINGS: &[&str] =
    &["ini", "etti", "ucci", "one", "elli", "ato", "ari", "otti", "ello", "esi", "azzi"];
const IT_CITIES: &[City] = &[
    city("Roma", "Lazio", "RM", "Rome"),
    city("Milano", "Lombardia", "MI", "Milan"),
    city("Napoli", "Campania", "NA", "Naples"),
    city("Torino", "Piemonte", "TO", "Turin"),
    city("Palermo", "Sicilia", "PA", ""),
    city("Genova", "Liguria", "GE", "Genoa"),
    city("Bologna", "Emilia-Romagna", "BO", ""),
    city("Firenze", "Toscana", "FI", "Florence"),
    city("Venezia", "Veneto", "VE", "Venice"),
];
const IT_TITLES: &[(&str, &str)] = &[
    ("Direttore commerciale", "Sales Director"),
    ("Ingegnere del software", "Software Engineer"),
    ("Responsabile marketing", "Marketing Manager"),
    ("Amministratore delegato", "CEO"),
    ("Capo progetto", "Project Manager"),
    ("Impiegata amministrativa", "Administrative Assistant"),
    ("Commercialista", "Accountant"),
];
const IT_BUSINESS: &[&str] =
    &["Costruzioni", "Impianti", "Servizi", "Tecnologie", "Consulenze", "Trasporti", "Sistemi", "Meccanica"];

const NL_MALE: &[&str] = &[
    "Jan", "Johannes", "Pieter", "Cornelis", "Hendrik", "Willem", "Gerrit", "Dirk", "Jeroen", "Bas", "Sander",
    "Thijs", "Daan", "Sem", "Lucas", "Ruben", "Joost", "Maarten", "Niels", "Koen", "Bram", "Wouter", "Geert",
    "Jan-Willem",
];
const NL_FEMALE: &[&str] = &[
    "Maria", "Anna", "Johanna", "Cornelia", "Elisabeth", "Sanne", "Lotte", "Femke", "Anouk", "Eva", "Sophie",
    "Emma", "Julia", "Lisa", "Fleur", "Marloes", "Ingrid", "Bibi", "Noor", "Saskia", "Inge", "Mieke",
    "Annelies",
];
const NL_SURNAMES: &[&str] = &[
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
    "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs",
    "de Haan", "Vermeulen", "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "de Bruin",
    "van der Heijden", "Schouten", "van Beek", "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "Risma", "Claesdr",
];
const NL_STEMS: &[&str] =
    &["Hoek", "Berg", "Veld", "Brink", "Dijk", "Kamp", "Straat", "Molen", "Zand", "Wes", "Ter"];
const NL_ENDINGS: &[&str] = &["stra", "ma", "sma", "huis", "man", "ink", "ers", "hof", "horst", "kamp"];
const NL_CITIES: &[City] = &[
    city("Amsterdam", "Noord-Holland", "", ""),
    city("Rotterdam", "Zuid-Holland", "", ""),
    city("Den Haag", "Zuid-Holland", "", "The Hague"),
    city("Utrecht", "Utrecht", "", ""),
    city("Eindhoven", "Noord-Brabant", "", ""),
    city("Groningen", "Groningen", "", ""),
];
const NL_TITLES: &[(&str, &str)] = &[
    ("Directeur", "Director"),
    ("Projectleider", "Project Manager"),
    ("Accountmanager", "Account Manager"),
    ("Adviseur", "Consultant"),
    ("Bedrijfsleider", "Operations Manager"),
    ("Ontwikkelaar", "Developer"),
];
const NL_BUSINESS: &[&str] = &["Bouw", "Techniek", "Advies", "Groep", "Installatie", "Transport", "Diensten"];

const PL_MALE: &[&str] = &[
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Adam", "Łukasz",
    "Mateusz", "Grzegorz", "Wojciech", "Mariusz", "Dariusz", "Marek", "Kamil", "Maciej", "Rafał", "Szymon",
    "Bartłomiej", "Przemysław",
];
const PL_FEMALE: &[&str] = &[
    "Anna", "Katarzyna", "Maria", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Joanna",
    "Aleksandra", "Monika", "Zofia", "Natalia", "Karolina", "Justyna", "Beata", "Dorota", "Agata", "Żaneta",
    "Paulina", "Weronika",
];
const PL_SURNAMES: &[&str] = &[
    "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
    "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk",
    "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk", "Dudek",
    "Zając", "Wieczorek", "Jabłoński", "Król", "Majewski", "Olszewski", "Jaworski", "Wróbel", "Malinowski",
    "Pawlak", "Witkowski", "Walczak", "Stępień", "Górski", "Rutkowski", "Michalak", "Sikora", "Ostrowski",
    "Baran", "Duda", "Szewczyk", "Borysiuk", "Łaś",
];
const PL_STEMS: &[&str] =
    &["Kowal", "Nowa", "Wiśn", "Grab", "Krzy", "Zaj", "Dąb", "Sobie", "Czar", "Brzez", "Żuk"];
const PL_ENDINGS: &[&str] = &["ski", "czyk", "ak", "ewicz", "owski", "iak", "ecki", "uk", "owicz"];
const PL_CITIES: &[City] = &[
    city("Warszawa", "Mazowieckie", "", "Warsaw"),
    city("Kraków", "Małopolskie", "", "Krakow"),
    city("Wrocław", "Dolnośląskie", "", "Wroclaw"),
    city("Poznań", "Wielkopolskie", "", "Poznan"),
    city("Gdańsk", "Pomorskie", "", "Gdansk"),
    city("Łódź", "Łódzkie", "", "Lodz"),
    city("Katowice", "Śląskie", "", ""),
];
const PL_TITLES: &[(&str, &str)] = &[
    ("Kierownik projektu", "Project Manager"),
    ("Programista", "Developer"),
    ("Dyrektor sprzedaży", "Sales Director"),
    ("Prezes zarządu", "CEO"),
    ("Specjalista ds. marketingu", "Marketing Specialist"),
    ("Księgowa", "Accountant"),
];
const PL_BUSINESS: &[&str] = &["Budownictwo", "Usługi", "Systemy", "Technologie", "Logistyka", "Handel"];

const SE_MALE: &[&str] = &[
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Nils", "Mikael", "Magnus", "Fredrik", "Björn",
    "Gustav", "Oskar", "Axel", "Viktor", "Linus", "Sven", "Olle", "Håkan", "Göran", "Jörgen",
];
const SE_FEMALE: &[&str] = &[
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Elin", "Ida", "Johanna", "Linnea",
    "Frida", "Malin", "Åsa", "Ingrid", "Sofia", "Maja", "Agnes", "Märta", "Elsa",
];
const SE_SURNAMES: &[&str] = &[
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg",
    "Jakobsson", "Magnusson", "Lindström", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström",
    "Lundberg", "Lundgren", "Lind", "Åberg", "Sjöberg", "Holm", "Nyström", "Engström", "Ekström", "Söderberg",
    "Öberg", "Hedlund",
];
const NORDIC_STEMS: &[&str] = &[
    "Lind", "Berg", "Sjö", "Ek", "Ny", "Holm", "Lund", "Gran", "Söder", "Ström", "Wall", "Åk", "Hag", "Vik",
];
const SE_ENDINGS: &[&str] =
    &["berg", "ström", "qvist", "gren", "lund", "man", "holm", "dahl", "blad", "stedt"];
const SE_CITIES: &[City] = &[
    city("Stockholm", "Stockholms län", "", ""),
    city("Göteborg", "Västra Götalands län", "", "Gothenburg"),
    city("Malmö", "Skåne län", "", "Malmo"),
    city("Uppsala", "Uppsala län", "", ""),
    city("Linköping", "Östergötlands län", "", "Linkoping"),
];
const SE_TITLES: &[(&str, &str)] = &[
    ("VD", "CEO"),
    ("Projektledare", "Project Manager"),
    ("Säljchef", "Sales Manager"),
    ("Systemutvecklare", "Software Developer"),
    ("Ekonomichef", "CFO"),
    ("Marknadschef", "Marketing Manager"),
];

const DK_MALE: &[&str] = &[
    "Søren", "Jens", "Niels", "Lars", "Jørgen", "Henrik", "Peter", "Morten", "Rasmus", "Mads", "Anders",
    "Mikkel", "Frederik", "Kasper", "Christian", "Bjørn", "Thomas", "Jesper",
];
const DK_FEMALE: &[&str] = &[
    "Mette", "Anne", "Kirsten", "Hanne", "Susanne", "Lene", "Camilla", "Louise", "Sofie", "Freja", "Ida",
    "Signe", "Maja", "Marianne", "Birgitte", "Mille", "Astrid", "Ellen",
];
const DK_SURNAMES: &[&str] = &[
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
    "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen",
    "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Højgaard", "Dahl",
    "Søndergaard", "Østergaard", "Lund", "Kjær", "Bech", "Holm",
];
const DK_ENDINGS: &[&str] = &["gaard", "bæk", "holm", "strup", "sen", "borg", "lund", "skov"];
const DK_CITIES: &[City] = &[
    city("København", "Hovedstaden", "", "Copenhagen"),
    city("Aarhus", "Midtjylland", "", "Århus"),
    city("Odense", "Syddanmark", "", ""),
    city("Aalborg", "Nordjylland", "", "Ålborg"),
];
const DK_TITLES: &[(&str, &str)] = &[
    ("Direktør", "Director"),
    ("Projektleder", "Project Manager"),
    ("Salgschef", "Sales Manager"),
    ("Udvikler", "Developer"),
    ("Administrerende direktør", "CEO"),
];

const NO_MALE: &[&str] = &[
    "Ole", "Lars", "Knut", "Bjørn", "Arne", "Tor", "Per", "Geir", "Ola", "Håkon", "Eirik", "Sindre",
    "Øyvind", "Magnus", "Jonas", "Henrik", "Espen", "Trond",
];
const NO_FEMALE: &[&str] = &[
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Hilde", "Silje", "Ingvild", "Sigrid", "Nora", "Emma",
    "Tone", "Solveig", "Åse", "Ragnhild", "Kjersti",
];
const NO_SURNAMES: &[&str] = &[
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
    "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Gundersen",
    "Iversen", "Strand", "Solberg", "Bakken", "Lie", "Ødegård", "Aas", "Bråten",
];
const NO_ENDINGS: &[&str] = &["en", "rud", "heim", "stad", "vik", "set", "land", "nes", "bø"];
const NO_CITIES: &[City] = &[
    city("Oslo", "Oslo", "", ""),
    city("Bergen", "Vestland", "", ""),
    city("Trondheim", "Trøndelag", "", ""),
    city("Stavanger", "Rogaland", "", ""),
    city("Tromsø", "Troms", "", "Tromso"),
];
const NO_TITLES: &[(&str, &str)] = &[
    ("Daglig leder", "CEO"),
    ("Prosjektleder", "Project Manager"),
    ("Salgssjef", "Sales Manager"),
    ("Utvikler", "Developer"),
];
const NORDIC_BUSINESS: &[&str] = &["Bygg", "Teknik", "Konsult", "Data", "Logistik", "Fastigheter", "Energi"];

const RU_MALE: &[&str] = &[
    "Aleksandr", "Sergei", "Dmitry", "Andrei", "Alexei", "Maxim", "Evgeny", "Ivan", "Mikhail", "Nikolai",
    "Vladimir", "Pavel", "Artem", "Denis", "Igor", "Oleg", "Yuri", "Roman", "Anton", "Konstantin",
    "Vladislav", "Kirill", "Ilya", "Viktor",
];
const RU_FEMALE: &[&str] = &[
    "Elena", "Olga", "Natalia", "Tatiana", "Irina", "Svetlana", "Anna", "Yulia", "Maria", "Ekaterina",
    "Anastasia", "Marina", "Daria", "Ksenia", "Alina", "Polina", "Valentina", "Lyudmila", "Galina", "Oksana",
    "Viktoria",
];
const RU_SURNAMES: &[&str] = &[
    "Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov", "Novikov",
    "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov",
    "Stepanov", "Nikolaev", "Orlov", "Andreev", "Makarov", "Nikitin", "Zakharov", "Zaitsev", "Soloviev",
    "Borisov", "Yakovlev", "Grigoriev", "Romanov", "Vorobiev", "Sergeev", "Kuzmin", "Frolov", "Alexandrov",
    "Dmitriev", "Korolev", "Gusev", "Kiselev", "Ilyin", "Maksimov", "Polyakov", "Sorokin", "Vinogradov",
    "Kovalev", "Belov", "Medvedev", "Antonov", "Tarasov", "Zhukov", "Baranov", "Chaikovsky", "Shevchenko",
    "Kovalenko",
];
const RU_STEMS: &[&str] = &[
    "Bel", "Kuz", "Mor", "Sok", "Vor", "Zhuk", "Gor", "Sem", "Kras", "Lis", "Tikh", "Shcherb", "Golub",
    "Chern",
];
const RU_ENDINGS: &[&str] = &["ov", "ev", "in", "enko", "sky", "ikov", "akov", "anov"];
const RU_CITIES: &[City] = &[
    city("Moscow", "Moscow City", "", "Moskva"),
    city("Saint Petersburg", "Saint Petersburg City", "", "St. Petersburg"),
    city("Novosibirsk", "Novosibirsk Oblast", "", ""),
    city("Yekaterinburg", "Sverdlovsk Oblast", "", "Ekaterinburg"),
    city("Kazan", "Republic of Tatarstan", "", "Kazan'"),
];
const RU_BUSINESS: &[&str] = &["Stroy", "Tekh", "Invest", "Neft", "Prom", "Energo", "Trans", "Soft"];

const IN_MALE: &[&str] = &[
    "Rahul", "Amit", "Rajesh", "Suresh", "Ramesh", "Vijay", "Sanjay", "Anil", "Sunil", "Arun", "Ravi",
    "Deepak", "Manoj", "Vikram", "Arjun", "Rohit", "Nikhil", "Pradeep", "Karthik", "Venkatesh", "Srinivas",
    "Abhishek", "Aditya", "Gaurav", "Harish", "Prakash", "Mohit", "Ankit", "Siddharth", "Varun", "Mohammed",
];
const IN_FEMALE: &[&str] = &[
    "Priya", "Anjali", "Pooja", "Neha", "Sneha", "Divya", "Kavya", "Lakshmi", "Sunita", "Anita", "Deepa",
    "Meera", "Swati", "Shalini", "Aishwarya", "Nisha", "Ritu", "Shreya", "Ananya", "Sushma", "Radhika",
    "Asha", "Kavitha", "Revathi",
];
const IN_SURNAMES: &[&str] = &[
    "Sharma", "Kumar", "Singh", "Patel", "Verma", "Gupta", "Shah", "Mehta", "Joshi", "Reddy", "Rao", "Nair",
    "Iyer", "Menon", "Pillai", "Agarwal", "Jain", "Bansal", "Chopra", "Malhotra", "Kapoor", "Khanna",
    "Bhatia", "Das", "Banerjee", "Chatterjee", "Mukherjee", "Ghosh", "Bose", "Sen", "Desai", "Kulkarni",
    "Deshpande", "Patil", "Naidu", "Krishnan", "Subramanian", "Venkataraman", "Chaudhary", "Yadav", "Mishra",
    "Pandey", "Tiwari", "Srivastava", "Saxena", "Choudhury", "Thakur", "Bhat", "Hegde", "Khan",
];
const IN_CITIES: &[City] = &[
    city("Bengaluru", "Karnataka", "KA", "Bangalore"),
    city("Mumbai", "Maharashtra", "MH", "Bombay"),
    city("New Delhi", "Delhi", "DL", "Delhi"),
    city("Hyderabad", "Telangana", "TG", ""),
    city("Chennai", "Tamil Nadu", "TN", "Madras"),
    city("Pune", "Maharashtra", "MH", "Poona"),
    city("Gurugram", "Haryana", "HR", "Gurgaon"),
    city("Noida", "Uttar Pradesh", "UP", ""),
    city("Kolkata", "West Bengal", "WB", "Calcutta"),
    city("Ahmedabad", "Gujarat", "GJ", ""),
];
const IN_BUSINESS: &[&str] = &[
    "Infotech", "Technologies", "Solutions", "Consultancy Services", "Industries", "Enterprises", "Systems",
    "Software", "Exports",
];

const CN_MALE: &[&str] = &[
    "Wei", "Jun", "Lei", "Yong", "Jie", "Tao", "Ming", "Chao", "Hao", "Bin", "Gang", "Qiang", "Hui", "Jian",
    "Feng", "Peng", "Xin", "Yang", "Zhiwei", "Jianguo", "Haoran", "Yuxuan", "Zihao", "Kevin", "Jason",
    "David", "Eric",
];
const CN_FEMALE: &[&str] = &[
    "Fang", "Jing", "Li", "Min", "Yan", "Hong", "Xia", "Ying", "Juan", "Na", "Xiaoling", "Mei", "Lan", "Yun",
    "Xiaoyan", "Jiayi", "Yuting", "Shuang", "Lina", "Vivian", "Grace", "Cindy",
];
const CN_SURNAMES: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng",
    "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng",
    "Wei", "Su", "Lü", "Ding", "Ren", "Shen", "Yao", "Lu", "Ouyang", "Sima",
];
const CN_CITIES: &[City] = &[
    city("Beijing", "Beijing", "", "Peking"),
    city("Shanghai", "Shanghai", "", ""),
    city("Shenzhen", "Guangdong", "", ""),
    city("Guangzhou", "Guangdong", "", "Canton"),
    city("Hangzhou", "Zhejiang", "", ""),
    city("Chengdu", "Sichuan", "", ""),
];
const CN_BUSINESS: &[&str] = &[
    "Technology", "Electronics", "Trading", "Holdings", "Industrial", "Network", "Intelligent Manufacturing",
];

const JP_MALE: &[&str] = &[
    "Hiroshi", "Takashi", "Kenji", "Satoshi", "Makoto", "Daisuke", "Yūki", "Kazuki", "Shōta", "Takuya", "Ryō",
    "Haruto", "Sōta", "Yūto", "Kenta", "Naoki", "Tetsuya", "Yūsuke", "Shun'ichi", "Kōji", "Shōhei", "Tarō",
    "Ichirō",
];
const JP_FEMALE: &[&str] = &[
    "Yūko", "Keiko", "Tomoko", "Akiko", "Yumi", "Naoko", "Sachiko", "Mayumi", "Yōko", "Aya", "Misaki",
    "Haruka", "Yui", "Sakura", "Aoi", "Mio", "Emi", "Kaori", "Rie", "Megumi",
];
const JP_SURNAMES: &[&str] = &[
    "Satō", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Itō", "Yamamoto", "Nakamura", "Kobayashi", "Katō",
    "Yoshida", "Yamada", "Sasaki", "Yamaguchi", "Matsumoto", "Inoue", "Kimura", "Hayashi", "Saitō", "Shimizu",
    "Yamazaki", "Mori", "Abe", "Ikeda", "Hashimoto", "Yamashita", "Ishikawa", "Nakajima", "Maeda", "Fujita",
    "Ogawa", "Gotō", "Okada", "Hasegawa", "Murakami", "Kondō", "Ishii", "Sakamoto", "Endō", "Aoki", "Fujii",
    "Nishimura", "Fukuda", "Ōta", "Miura", "Ōno",
];
const JP_CITIES: &[City] = &[
    city("Tokyo", "Tokyo", "", "Tōkyō"),
    city("Osaka", "Osaka", "", "Ōsaka"),
    city("Yokohama", "Kanagawa", "", ""),
    city("Nagoya", "Aichi", "", ""),
    city("Kyoto", "Kyoto", "", "Kyōto"),
    city("Fukuoka", "Fukuoka", "", ""),
];
const JP_BUSINESS: &[&str] = &["Shoji", "Sangyo", "Denki", "Kogyo", "Seisakusho", "Systems", "Holdings"];

const KR_MALE: &[&str] = &[
    "Min-jun", "Seo-jun", "Ji-hoon", "Hyun-woo", "Dong-hyun", "Sung-min", "Jae-won", "Joon-ho", "Young-ho",
    "Sang-woo", "Jin-woo", "Kwang-soo", "Tae-yang", "Daniel", "Brian",
];
const KR_FEMALE: &[&str] = &[
    "Seo-yeon", "Ji-woo", "Min-ji", "Soo-jin", "Hye-jin", "Eun-ji", "Ji-young", "Yoo-na", "Su-bin", "Ha-eun",
    "Mi-kyung", "Yeon-woo", "Grace", "Jenny",
];
const KR_SURNAMES: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
    "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong", "Yoo", "Ko", "Moon", "Yang", "Son", "Bae", "Baek", "Heo",
    "Nam", "Noh",
];
const KR_CITIES: &[City] = &[
    city("Seoul", "Seoul", "", ""),
    city("Busan", "Busan", "", "Pusan"),
    city("Incheon", "Incheon", "", ""),
    city("Seongnam", "Gyeonggi-do", "", ""),
    city("Daejeon", "Daejeon", "", "Taejon"),
];
const KR_BUSINESS: &[&str] = &["Electronics", "Tech", "Bio", "Chemical", "Industrial", "Systems", "Networks"];

const AR_MALE: &[&str] = &[
    "Mohammed", "Ahmed", "Ali", "Omar", "Khaled", "Hassan", "Hussein", "Abdullah", "Youssef", "Ibrahim",
    "Mahmoud", "Mustafa", "Tariq", "Faisal", "Saeed", "Rashid", "Hamad", "Sultan", "Abdul Rahman",
    "Abdulaziz", "Karim", "Nasser", "Ziad", "Walid",
];
const AR_FEMALE: &[&str] = &[
    "Fatima", "Aisha", "Mariam", "Noura", "Sara", "Layla", "Huda", "Amira", "Reem", "Hind", "Salma",
    "Yasmin", "Dina", "Rania", "Lina", "Hala", "Maha", "Nour", "Shaikha", "Asma",
];
const AR_SURNAMES: &[&str] = &[
    "Al-Mansouri", "Al Hashimi", "Al-Farsi", "Haddad", "Khoury", "Hassan", "Abdullah", "Saleh", "Al-Qasimi",
    "Al Suwaidi", "Al-Shamsi", "Al Marzouqi", "El-Sayed", "Mansour", "Nasser", "Ibrahim", "Mahmoud", "Khalil",
    "Aziz", "Qureshi", "Siddiqui", "Farouk", "Al-Amiri", "Al Dhaheri", "Al-Zaabi", "Shaikh", "Youssef",
    "Hamdan", "Al-Ali", "Al Kaabi", "Al-Mazrouei", "Barakat", "Darwish", "Al-Otaibi", "Al-Ghamdi", "Al-Harbi",
];
const AE_CITIES: &[City] = &[
    city("Dubai", "Dubai", "", ""),
    city("Abu Dhabi", "Abu Dhabi", "", ""),
    city("Sharjah", "Sharjah", "", ""),
];
const SA_CITIES: &[City] = &[
    city("Riyadh", "Riyadh Region", "", "Ar Riyad"),
    city("Jeddah", "Makkah Region", "", "Jiddah"),
    city("Dammam", "Eastern Province", "", ""),
];
const AR_BUSINESS: &[&str] =
    &["Trading", "Contracting", "Holding", "Investments", "General Trading", "Group"];

const NONE: &[&str] = &[];
const NO_TITLE: &[(&str, &str)] = &[];

/// Defaults shared by most locales; each entry below overrides what differs.
const BASE: Locale = Locale {
    country: "",
    country_local: "",
    weight: 0,
    male: US_MALE,
    female: US_FEMALE,
    surnames: US_SURNAMES,
    stems: EN_STEMS,
    endings: EN_ENDINGS,
    particles: NONE,
    double_surname: 0.0,
    strip_accents: 0.12,
    nickname_rate: 0.03,
    feminine_surnames: Feminine::Same,
    cities: US_CITIES,
    tlds: &["com"],
    legal_forms: &["Inc."],
    webmail: EN_WEBMAIL,
    and_word: "and",
    business_words: EN_BUSINESS,
    local_titles: NO_TITLE,
    city_prefixed_companies: false,
};

/// All locales. Weights are rough shares of a global professional network.
pub static LOCALES: &[Locale] = &[
    Locale {
        country: "United States",
        country_local: "USA",
        weight: 300,
        nickname_rate: 0.14,
        tlds: &["com", "com", "com", "io", "net", "co", "us"],
        legal_forms: &[
            "Inc.", "Inc", ", Inc.", "LLC", ", LLC", "Corp.", "Corporation", "Co.", "L.P.", "LLP", "PLLC",
        ],
        ..BASE
    },
    Locale {
        country: "United Kingdom",
        country_local: "UK",
        weight: 80,
        male: UK_MALE,
        female: UK_FEMALE,
        surnames: UK_SURNAMES,
        nickname_rate: 0.10,
        cities: UK_CITIES,
        tlds: &["co.uk", "co.uk", "com", "uk", "io"],
        legal_forms: &["Ltd", "Ltd.", "Limited", "PLC", "plc", "LLP"],
        webmail: &["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "btinternet.com", "outlook.com", "sky.com"],
        ..BASE
    },
    Locale {
        country: "Ireland",
        country_local: "Éire",
        weight: 12,
        male: IE_MALE,
        female: IE_FEMALE,
        surnames: IE_SURNAMES,
        nickname_rate: 0.06,
        cities: IE_CITIES,
        tlds: &["ie", "com"],
        legal_forms: &["Ltd", "Limited", "DAC", "PLC", "Teoranta"],
        webmail: &["gmail.com", "eircom.net", "hotmail.com", "outlook.ie"],
        ..BASE
    },
    Locale {
        country: "Canada",
        country_local: "Canada",
        weight: 35,
        surnames: CA_SURNAMES,
        nickname_rate: 0.10,
        cities: CA_CITIES,
        tlds: &["ca", "com"],
        legal_forms: &["Inc.", "Ltd.", "Corp.", "Ltée", "ULC"],
        webmail: &["gmail.com", "hotmail.com", "rogers.com", "shaw.ca", "videotron.ca", "yahoo.ca"],
        ..BASE
    },
    Locale {
        country: "Australia",
        country_local: "Australia",
        weight: 25,
        male: UK_MALE,
        female: UK_FEMALE,
        surnames: UK_SURNAMES,
        nickname_rate: 0.12,
        cities: AU_CITIES,
        tlds: &["com.au", "com.au", "com"],
        legal_forms: &["Pty Ltd", "Pty. Ltd.", "Limited", "Pty Limited"],
        webmail: &["gmail.com", "bigpond.com", "outlook.com", "optusnet.com.au"],
        ..BASE
    },
    Locale {
        country: "Germany",
        country_local: "Deutschland",
        weight: 80,
        male: DE_MALE,
        female: DE_FEMALE,
        surnames: DE_SURNAMES,
        stems: DE_STEMS,
        endings: DE_ENDINGS,
        particles: &["von", "von der"],
        cities: DE_CITIES,
        tlds: &["de", "de", "de", "com", "eu"],
        legal_forms: &["GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "SE", "e.K.", "Gmbh"],
        webmail: &["web.de", "gmx.de", "gmx.net", "t-online.de", "gmail.com", "posteo.de"],
        and_word: "und",
        business_words: DE_BUSINESS,
        local_titles: DE_TITLES,
        ..BASE
    },
    Locale {
        country: "Switzerland",
        country_local: "Schweiz",
        weight: 15,
        male: DE_MALE,
        female: FR_FEMALE,
        surnames: DE_SURNAMES,
        stems: DE_STEMS,
        endings: DE_ENDINGS,
        cities: CH_CITIES,
        tlds: &["ch", "com"],
        legal_forms: &["AG", "GmbH", "SA", "Sàrl"],
        webmail: &["bluewin.ch", "gmx.ch", "gmail.com", "hispeed.ch"],
        and_word: "&",
        business_words: DE_BUSINESS,
        local_titles: DE_TITLES,
        ..BASE
    },
    Locale {
        country: "France",
        country_local: "France",
        weight: 60,
        male: FR_MALE,
        female: FR_FEMALE,
        surnames: FR_SURNAMES,
        stems: FR_STEMS,
        endings: FR_ENDINGS,
        particles: &["de", "de la", "Le"],
        cities: FR_CITIES,
        tlds: &["fr", "fr", "com", "eu"],
        legal_forms: &["SARL", "SAS", "S.A.", "SA", "SASU", "EURL", "S.A.R.L."],
        webmail: &["orange.fr", "free.fr", "laposte.net", "wanadoo.fr", "sfr.fr", "gmail.com", "hotmail.fr"],
        and_word: "et",
        business_words: FR_BUSINESS,
        local_titles: FR_TITLES,
        ..BASE
    },
    Locale {
        country: "Spain",
        country_local: "España",
        weight: 40,
        male: ES_MALE,
        female: ES_FEMALE,
        surnames: ES_SURNAMES,
        stems: ES_STEMS,
        endings: ES_ENDINGS,
        particles: &["de", "del", "de la"],
        double_surname: 0.45,
        strip_accents: 0.15,
        cities: ES_CITIES,
        tlds: &["es", "es", "com"],
        legal_forms: &["S.L.", "S.A.", "SL", "S.L.U.", "SA"],
        webmail: &["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es"],
        and_word: "y",
        business_words: ES_BUSINESS,
        local_titles: ES_TITLES,
        ..BASE
    },
    Locale {
        country: "Mexico",
        country_local: "México",
        weight: 30,
        male: MX_MALE,
        female: MX_FEMALE,
        surnames: MX_SURNAMES,
        stems: ES_STEMS,
        endings: ES_ENDINGS,
        particles: &["de", "de la"],
        double_surname: 0.35,
        strip_accents: 0.2,
        cities: MX_CITIES,
        tlds: &["com.mx", "mx", "com"],
        legal_forms: &["S.A. de C.V.", "S. de R.L. de C.V.", "S.A.P.I. de C.V.", "SA de CV"],
        webmail: &["gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com", "prodigy.net.mx"],
        and_word: "y",
        business_words: ES_BUSINESS,
        local_titles: ES_TITLES,
        ..BASE
    },
    Locale {
        country: "Colombia",
        country_local: "Colombia",
        weight: 15,
        male: MX_MALE,
        female: MX_FEMALE,
        surnames: MX_SURNAMES,
        stems: ES_STEMS,
        endings: ES_ENDINGS,
        double_surname: 0.4,
        strip_accents: 0.2,
        cities: CO_CITIES,
        tlds: &["com.co", "co", "com"],
        legal_forms: &["S.A.S.", "SAS", "Ltda.", "S.A."],
        webmail: &["gmail.com", "hotmail.com", "yahoo.es", "outlook.com"],
        and_word: "y",
        business_words: ES_BUSINESS,
        local_titles: ES_TITLES,
        ..BASE
    },
    Locale {
        country: "Brazil",
        country_local: "Brasil",
        weight: 55,
        male: BR_MALE,
        female: BR_FEMALE,
        surnames: BR_SURNAMES,
        stems: PT_STEMS,
        endings: PT_ENDINGS,
        particles: &["da", "de", "dos"],
        double_surname: 0.4,
        strip_accents: 0.25,
        cities: BR_CITIES,
        tlds: &["com.br", "com.br", "com"],
        legal_forms: &["Ltda.", "S.A.", "LTDA", "S/A", "ME", "Eireli"],
        webmail: &["gmail.com", "hotmail.com", "yahoo.com.br", "uol.com.br", "bol.com.br", "terra.com.br"],
        and_word: "e",
        business_words: PT_BUSINESS,
        local_titles: PT_TITLES,
        ..BASE
    },
    Locale {
        country: "Portugal",
        country_local: "Portugal",
        weight: 10,
        male: PT_MALE,
        female: PT_FEMALE,
        surnames: BR_SURNAMES,
        stems: PT_STEMS,
        endings: PT_ENDINGS,
        particles: &["da", "de", "dos"],
        double_surname: 0.5,
        cities: PT_CITIES,
        tlds: &["pt", "com"],
        legal_forms: &["Lda.", "S.A.", "Unipessoal Lda.", "Lda"],
        webmail: &["sapo.pt", "gmail.com", "hotmail.com", "outlook.pt"],
        and_word: "e",
        business_words: PT_BUSINESS,
        local_titles: PT_TITLES,
        ..BASE
    },
    Locale {
        country: "Italy",
        country_local: "Italia",
        weight: 40,
        male: IT_MALE,
        female: IT_FEMALE,
        surnames: IT_SURNAMES,
        stems: IT_STEMS,
        endings: IT_ENDINGS,
        particles: &["De", "Di", "Del"],
        cities: IT_CITIES,
        tlds: &["it", "it", "com"],
        legal_forms: &["S.p.A.", "S.r.l.", "Srl", "SpA", "S.a.s.", "S.n.c.", "srl"],
        webmail: &["libero.it", "virgilio.it", "tiscali.it", "alice.it", "gmail.com", "hotmail.it"],
        and_word: "e",
        business_words: IT_BUSINESS,
        local_titles: IT_TITLES,
        ..BASE
    },
    Locale {
        country: "Netherlands",
        country_local: "Nederland",
        weight: 30,
        male: NL_MALE,
        female: NL_FEMALE,
        surnames: NL_SURNAMES,
        stems: NL_STEMS,
        endings: NL_ENDINGS,
        particles: &["van", "van der", "van den", "de", "ter", "van de"],
        nickname_rate: 0.04,
        cities: NL_CITIES,
        tlds: &["nl", "nl", "com", "eu"],
        legal_forms: &["B.V.", "BV", "N.V.", "V.O.F.", "bv"],
        webmail: &["ziggo.nl", "kpnmail.nl", "hotmail.com", "gmail.com", "planet.nl", "xs4all.nl"],
        and_word: "en",
        business_words: NL_BUSINESS,
        local_titles: NL_TITLES,
        ..BASE
    },
    Locale {
        country: "Poland",
        country_local: "Polska",
        weight: 30,
        male: PL_MALE,
        female: PL_FEMALE,
        surnames: PL_SURNAMES,
        stems: PL_STEMS,
        endings: PL_ENDINGS,
        strip_accents: 0.2,
        feminine_surnames: Feminine::Polish,
        cities: PL_CITIES,
        tlds: &["pl", "com.pl", "com"],
        legal_forms: &["Sp. z o.o.", "S.A.", "sp. j.", "Sp. k.", "sp. z o.o."],
        webmail: &["wp.pl", "onet.pl", "o2.pl", "interia.pl", "gmail.com"],
        and_word: "i",
        business_words: PL_BUSINESS,
        local_titles: PL_TITLES,
        ..BASE
    },
    Locale {
        country: "Sweden",
        country_local: "Sverige",
        weight: 15,
        male: SE_MALE,
        female: SE_FEMALE,
        surnames: SE_SURNAMES,
        stems: NORDIC_STEMS,
        endings: SE_ENDINGS,
        cities: SE_CITIES,
        tlds: &["se", "com"],
        legal_forms: &["AB", "AB", "Aktiebolag", "HB", "(publ)"],
        webmail: &["telia.com", "hotmail.se", "gmail.com", "bredband.net", "outlook.com"],
        and_word: "och",
        business_words: NORDIC_BUSINESS,
        local_titles: SE_TITLES,
        ..BASE
    },
    Locale {
        country: "Denmark",
        country_local: "Danmark",
        weight: 10,
        male: DK_MALE,
        female: DK_FEMALE,
        surnames: DK_SURNAMES,
        stems: NORDIC_STEMS,
        endings: DK_ENDINGS,
        cities: DK_CITIES,
        tlds: &["dk", "com"],
        legal_forms: &["ApS", "A/S", "I/S", "A/S"],
        webmail: &["gmail.com", "hotmail.com", "mail.dk", "outlook.dk", "jubii.dk"],
        and_word: "og",
        business_words: NORDIC_BUSINESS,
        local_titles: DK_TITLES,
        ..BASE
    },
    Locale {
        country: "Norway",
        country_local: "Norge",
        weight: 10,
        male: NO_MALE,
        female: NO_FEMALE,
        surnames: NO_SURNAMES,
        stems: NORDIC_STEMS,
        endings: NO_ENDINGS,
        cities: NO_CITIES,
        tlds: &["no", "com"],
        legal_forms: &["AS", "ASA", "ANS", "AS"],
        webmail: &["online.no", "gmail.com", "hotmail.com", "outlook.com"],
        and_word: "og",
        business_words: NORDIC_BUSINESS,
        local_titles: NO_TITLES,
        ..BASE
    },
    Locale {
        country: "Russia",
        country_local: "Rossiya",
        weight: 20,
        male: RU_MALE,
        female: RU_FEMALE,
        surnames: RU_SURNAMES,
        stems: RU_STEMS,
        endings: RU_ENDINGS,
        nickname_rate: 0.05,
        feminine_surnames: Feminine::Russian,
        cities: RU_CITIES,
        tlds: &["ru", "com"],
        legal_forms: &["LLC", "OOO", "JSC", "AO", "PJSC"],
        webmail: &["yandex.ru", "mail.ru", "gmail.com", "rambler.ru", "bk.ru"],
        and_word: "&",
        business_words: RU_BUSINESS,
        ..BASE
    },
    Locale {
        country: "India",
        country_local: "Bharat",
        weight: 90,
        male: IN_MALE,
        female: IN_FEMALE,
        surnames: IN_SURNAMES,
        stems: NONE,
        endings: NONE,
        nickname_rate: 0.02,
        cities: IN_CITIES,
        tlds: &["in", "co.in", "com", "com"],
        legal_forms: &["Pvt. Ltd.", "Private Limited", "Ltd.", "LLP", "Pvt Ltd"],
        webmail: &["gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com", "hotmail.com"],
        business_words: IN_BUSINESS,
        ..BASE
    },
    Locale {
        country: "China",
        country_local: "Zhongguo",
        weight: 40,
        male: CN_MALE,
        female: CN_FEMALE,
        surnames: CN_SURNAMES,
        stems: NONE,
        endings: NONE,
        nickname_rate: 0.0,
        cities: CN_CITIES,
        tlds: &["cn", "com.cn", "com"],
        legal_forms: &["Co., Ltd.", "Co. Ltd", "Limited", "Group Co., Ltd."],
        webmail: &["qq.com", "163.com", "126.com", "sina.com", "gmail.com"],
        business_words: CN_BUSINESS,
        city_prefixed_companies: true,
        ..BASE
    },
    Locale {
        country: "Japan",
        country_local: "Nihon",
        weight: 30,
        male: JP_MALE,
        female: JP_FEMALE,
        surnames: JP_SURNAMES,
        stems: NONE,
        endings: NONE,
        strip_accents: 0.75,
        nickname_rate: 0.0,
        cities: JP_CITIES,
        tlds: &["co.jp", "jp", "com"],
        legal_forms: &["K.K.", "Co., Ltd.", "Inc.", "Corporation", "G.K."],
        webmail: &["yahoo.co.jp", "gmail.com", "docomo.ne.jp", "nifty.com"],
        business_words: JP_BUSINESS,
        ..BASE
    },
    Locale {
        country: "South Korea",
        country_local: "Hanguk",
        weight: 20,
        male: KR_MALE,
        female: KR_FEMALE,
        surnames: KR_SURNAMES,
        stems: NONE,
        endings: NONE,
        nickname_rate: 0.0,
        cities: KR_CITIES,
        tlds: &["co.kr", "kr", "com"],
        legal_forms: &["Co., Ltd.", "Inc.", "Corp."],
        webmail: &["naver.com", "daum.net", "hanmail.net", "gmail.com"],
        business_words: KR_BUSINESS,
        ..BASE
    },
    Locale {
        country: "United Arab Emirates",
        country_local: "UAE",
        weight: 15,
        male: AR_MALE,
        female: AR_FEMALE,
        surnames: AR_SURNAMES,
        stems: NONE,
        endings: NONE,
        nickname_rate: 0.0,
        cities: AE_CITIES,
        tlds: &["ae", "com"],
        legal_forms: &["LLC", "L.L.C.", "FZ-LLC", "FZE", "DMCC", "FZCO"],
        webmail: &["gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "eim.ae"],
        business_words: AR_BUSINESS,
        ..BASE
    },
    Locale {
        country: "Saudi Arabia",
        country_local: "KSA",
        weight: 12,
        male: AR_MALE,
        female: AR_FEMALE,
        surnames: AR_SURNAMES,
        stems: NONE,
        endings: NONE,
        nickname_rate: 0.0,
        cities: SA_CITIES,
        tlds: &["com.sa", "sa", "com"],
        legal_forms: &["Co.", "Company", "LLC", "Ltd."],
        webmail: &["gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"],
        business_words: AR_BUSINESS,
        ..BASE
    },
];

/// Weights of [`LOCALES`], for weighted sampling.
pub fn weights() -> Vec<u32> {
    LOCALES.iter().map(|locale| locale.weight).collect()
}
