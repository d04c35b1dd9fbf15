//! Person names: a Zipf skew over each locale's common names (so namesakes exist) plus a long tail
//! of rare surnames, compound and hyphenated forms, nicknames and alternative transliterations.

use super::locales::{Feminine, Locale};
use super::rng::Rng;

/// A generated person name, with what it was derived from (queries corrupt from the canonical forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// As the member wrote it.
    pub first: String,
    pub last: String,
    /// The formal given name with its diacritics, before any nickname or accent stripping.
    pub formal_first: String,
    /// The surname with its diacritics.
    pub full_last: String,
    pub female: bool,
}

impl PersonName {
    /// Whether the member used a nickname instead of the formal name.
    pub fn uses_nickname(&self) -> bool {
        nicknames_of(&self.formal_first).contains(&self.first.as_str())
    }
}

/// Draws a name typical of `locale`.
pub fn person(rng: &mut Rng, locale: &Locale) -> PersonName {
    let female = rng.chance(0.48);
    let given = if female { locale.female } else { locale.male };
    let formal_first = given[rng.zipf(given.len(), 0.55)].to_owned();
    let full_last = feminine(&surname(rng, locale), locale.feminine_surnames, female);
    let mut first = formal_first.clone();
    let nicks = nicknames_of(&formal_first);
    if !nicks.is_empty() && rng.chance(locale.nickname_rate) {
        first = (*rng.pick(nicks)).to_owned();
    }
    let mut last = full_last.clone();
    if rng.chance(locale.strip_accents) {
        first = strip_accents(&first);
        last = strip_accents(&last);
    }
    PersonName { first, last, formal_first, full_last, female }
}

fn surname(rng: &mut Rng, locale: &Locale) -> String {
    let mut name = one_surname(rng, locale);
    if rng.chance(locale.double_surname) {
        name = format!("{name} {}", one_surname(rng, locale));
    } else if locale.double_surname == 0.0 && rng.chance(0.015) {
        name = format!("{name}-{}", one_surname(rng, locale));
    }
    name
}

fn one_surname(rng: &mut Rng, locale: &Locale) -> String {
    let has_tail = !locale.stems.is_empty();
    if !(has_tail && rng.chance(0.35)) {
        // Where surnames are few (China, Korea) the head is as concentrated as in life.
        let skew = if has_tail { 0.6 } else { 0.8 };
        return locale.surnames[rng.zipf(locale.surnames.len(), skew)].to_owned();
    }
    let stem = rng.pick(locale.stems);
    let ending = rng.pick(locale.endings);
    // A second stem now and then makes the tail long: thousands of rare names per locale.
    let word = if rng.chance(0.5) {
        format!("{stem}{}{ending}", rng.pick(locale.stems).to_lowercase())
    } else {
        format!("{stem}{ending}")
    };
    if !locale.particles.is_empty() && rng.chance(0.25) {
        format!("{} {word}", rng.pick(locale.particles))
    } else {
        word
    }
}

fn feminine(surname: &str, rule: Feminine, female: bool) -> String {
    if !female {
        return surname.to_owned();
    }
    let endings: &[(&str, &str)] = match rule {
        Feminine::Same => return surname.to_owned(),
        Feminine::Polish => &[("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")],
        Feminine::Russian => &[("sky", "skaya"), ("ov", "ova"), ("ev", "eva"), ("in", "ina")],
    };
    for (male, female) in endings {
        if let Some(stem) = surname.strip_suffix(male) {
            return format!("{stem}{female}");
        }
    }
    surname.to_owned()
}

/// The name without diacritics, as people type it on keyboards without them.
pub fn strip_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            'ß' => "ss".to_owned(),
            'Ł' => "L".to_owned(),
            'ł' => "l".to_owned(),
            c if c.is_ascii() => c.to_string(),
            c => deunicode::deunicode_char(c).unwrap_or("").to_owned(),
        })
        .collect()
}

const NICKNAMES: &[(&str, &[&str])] = &[
    ("Robert", &["Bob", "Rob", "Bobby", "Robbie"]),
    ("William", &["Bill", "Will", "Billy", "Liam"]),
    ("Richard", &["Rick", "Rich", "Dick", "Richie"]),
    ("James", &["Jim", "Jimmy", "Jamie"]),
    ("John", &["Jack", "Johnny"]),
    ("Michael", &["Mike", "Mick", "Mikey"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Christopher", &["Chris", "Kit"]),
    ("Charles", &["Charlie", "Chuck"]),
    ("Daniel", &["Dan", "Danny"]),
    ("Matthew", &["Matt"]),
    ("Anthony", &["Tony"]),
    ("Steven", &["Steve"]),
    ("Andrew", &["Andy", "Drew"]),
    ("Joshua", &["Josh"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Benjamin", &["Ben", "Benny"]),
    ("Samuel", &["Sam"]),
    ("Jonathan", &["Jon"]),
    ("Nicholas", &["Nick", "Nicky"]),
    ("Alexander", &["Alex", "Xander"]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Gregory", &["Greg"]),
    ("Jeffrey", &["Jeff"]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Timothy", &["Tim"]),
    ("Kenneth", &["Ken", "Kenny"]),
    ("Zachary", &["Zach", "Zack"]),
    ("Nathan", &["Nate"]),
    ("Peter", &["Pete"]),
    ("Phillip", &["Phil"]),
    ("Elizabeth", &["Liz", "Beth", "Betty", "Eliza", "Lizzie"]),
    ("Katherine", &["Kate", "Katie", "Kathy", "Kat"]),
    ("Catherine", &["Cathy", "Cate", "Kate"]),
    ("Margaret", &["Maggie", "Meg", "Peggy"]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Jessica", &["Jess", "Jessie"]),
    ("Rebecca", &["Becky", "Becca"]),
    ("Patricia", &["Pat", "Patty", "Trish"]),
    ("Susan", &["Sue", "Susie"]),
    ("Deborah", &["Deb", "Debbie"]),
    ("Victoria", &["Vicky", "Tori"]),
    ("Samantha", &["Sam", "Sammy"]),
    ("Christina", &["Chris", "Tina"]),
    ("Stephanie", &["Steph"]),
    ("Alexandra", &["Alex", "Sasha", "Lexi"]),
    ("Abigail", &["Abby"]),
    ("Amanda", &["Mandy"]),
    ("Barbara", &["Barb"]),
    ("Kimberly", &["Kim"]),
    ("Melissa", &["Mel", "Missy"]),
    ("Nicole", &["Nikki"]),
    ("Pamela", &["Pam"]),
    ("Cynthia", &["Cindy"]),
    ("Jacqueline", &["Jackie"]),
    ("Eleanor", &["Ellie", "Nell"]),
    ("Harriet", &["Hattie"]),
    ("Johannes", &["Hannes", "Hans"]),
    ("Maximilian", &["Max"]),
    ("Katharina", &["Kathi", "Katja"]),
    ("Franziska", &["Franzi"]),
    ("Florian", &["Flo"]),
    ("Andreas", &["Andi"]),
    ("Christian", &["Chris"]),
    ("José", &["Pepe"]),
    ("Francisco", &["Paco", "Pancho", "Fran"]),
    ("Guadalupe", &["Lupe"]),
    ("Ignacio", &["Nacho"]),
    ("Manuel", &["Manolo", "Manu"]),
    ("Alejandro", &["Álex", "Alex"]),
    ("Enrique", &["Quique"]),
    ("Dolores", &["Lola"]),
    ("Concepción", &["Concha"]),
    ("Jesús", &["Chuy"]),
    ("Eduardo", &["Edu"]),
    ("Fernanda", &["Nanda"]),
    ("Giuseppe", &["Peppe", "Beppe"]),
    ("Giovanni", &["Gianni"]),
    ("Alessandro", &["Sandro", "Alex"]),
    ("Aleksandr", &["Sasha", "Alex"]),
    ("Dmitry", &["Dima"]),
    ("Mikhail", &["Misha"]),
    ("Ekaterina", &["Katya", "Kate"]),
    ("Natalia", &["Natasha"]),
    ("Anastasia", &["Nastya"]),
    ("Evgeny", &["Zhenya", "Eugene"]),
    ("Vladimir", &["Vova", "Vlad"]),
    ("Elena", &["Lena"]),
    ("Pavel", &["Pasha", "Paul"]),
    ("Katarzyna", &["Kasia", "Kate"]),
    ("Małgorzata", &["Gosia"]),
    ("Aleksandra", &["Ola"]),
    ("Wojciech", &["Wojtek"]),
    ("Jakub", &["Kuba"]),
    ("Cornelis", &["Kees"]),
    ("Hendrik", &["Henk"]),
    ("Willem", &["Wim"]),
    ("Venkatesh", &["Venky"]),
    ("Srinivas", &["Srini"]),
    ("Abhishek", &["Abhi"]),
];

/// Nicknames of a formal given name (empty when it has none).
pub fn nicknames_of(formal: &str) -> &'static [&'static str] {
    NICKNAMES.iter().find(|(name, _)| *name == formal).map_or(&[], |(_, nicks)| nicks)
}

/// Equivalent romanizations and spellings; any member of a group may stand for another.
const SPELLINGS: &[&[&str]] = &[
    &["Aleksandr", "Alexander", "Alexandr"],
    &["Sergei", "Sergey", "Serguei"],
    &["Dmitry", "Dmitri", "Dmitriy"],
    &["Andrei", "Andrey"],
    &["Alexei", "Aleksey", "Alexey"],
    &["Evgeny", "Yevgeny", "Evgeniy"],
    &["Yuri", "Yury", "Iurii"],
    &["Nikolai", "Nikolay"],
    &["Maxim", "Maksim"],
    &["Artem", "Artyom"],
    &["Yulia", "Julia", "Yuliya"],
    &["Natalia", "Natalya"],
    &["Tatiana", "Tatyana"],
    &["Ksenia", "Kseniya", "Xenia"],
    &["Daria", "Darya"],
    &["Ekaterina", "Yekaterina"],
    &["Lyudmila", "Ludmila"],
    &["Vasiliev", "Vasilyev"],
    &["Grigoriev", "Grigoryev"],
    &["Soloviev", "Solovyov"],
    &["Vorobiev", "Vorobyov"],
    &["Semenov", "Semyonov"],
    &["Fedorov", "Fyodorov"],
    &["Alekseev", "Alexeev"],
    &["Chaikovsky", "Tchaikovsky", "Chaykovskiy"],
    &["Mohammed", "Muhammad", "Mohamed", "Mohammad"],
    &["Ahmed", "Ahmad"],
    &["Abdul Rahman", "Abdulrahman", "Abdel Rahman"],
    &["Hussein", "Hussain", "Husain"],
    &["Youssef", "Yusuf", "Yousef"],
    &["Khaled", "Khalid"],
    &["Omar", "Umar"],
    &["Mahmoud", "Mahmud"],
    &["Mustafa", "Moustafa"],
    &["Fatima", "Fatma"],
    &["Aisha", "Ayesha", "Aicha"],
    &["Saeed", "Said", "Sayed"],
    &["El-Sayed", "Al-Sayed", "Elsayed"],
    &["Al-Mansouri", "Al Mansouri", "Almansouri"],
    &["Al Hashimi", "Al-Hashimi", "Alhashimi"],
    &["Li", "Lee"],
    &["Chen", "Chan"],
    &["Wang", "Wong"],
    &["Zhang", "Cheung", "Chang"],
    &["Liu", "Lau"],
    &["Zhou", "Chow", "Chou"],
    &["Xu", "Hsu"],
    &["Lin", "Lam"],
    &["Lee", "Yi", "Rhee"],
    &["Park", "Pak", "Bak"],
    &["Choi", "Choe"],
    &["Jung", "Chung", "Jeong"],
    &["Kang", "Gang"],
    &["Cho", "Jo"],
    &["Yoon", "Yun"],
    &["Shin", "Sin"],
    &["Satō", "Sato", "Satoh"],
    &["Itō", "Ito", "Itoh"],
    &["Katō", "Kato", "Katoh"],
    &["Saitō", "Saito", "Saitoh"],
    &["Gotō", "Goto", "Gotoh"],
    &["Kondō", "Kondo", "Kondoh"],
    &["Ōno", "Ono", "Ohno"],
    &["Ōta", "Ota", "Ohta"],
    &["Yūki", "Yuki", "Yuuki"],
    &["Yūko", "Yuko", "Yuuko"],
    &["Ryō", "Ryo", "Ryou"],
    &["Kōji", "Koji", "Kouji"],
    &["Shevchenko", "Shevtchenko"],
];

/// Another accepted spelling of `name` (`Mueller` for `Müller`, `Muhammad` for `Mohammed`).
pub fn translit_variant(rng: &mut Rng, name: &str) -> Option<String> {
    let word_variant = SPELLINGS.iter().find(|group| group.contains(&name)).map(|group| {
        let others: Vec<&str> = group.iter().copied().filter(|s| *s != name).collect();
        (*rng.pick(&others)).to_owned()
    });
    word_variant.or_else(|| {
        const RULES: &[(&str, &str)] = &[
            ("ü", "ue"),
            ("ö", "oe"),
            ("ä", "ae"),
            ("ß", "ss"),
            ("Ü", "Ue"),
            ("Ö", "Oe"),
            ("ø", "oe"),
            ("å", "aa"),
            ("æ", "ae"),
            ("Å", "Aa"),
            ("Ø", "Oe"),
            ("ō", "oh"),
            ("ū", "uu"),
            ("Ō", "Oh"),
        ];
        let mut out = name.to_owned();
        for (from, to) in RULES {
            out = out.replace(from, to);
        }
        (out != name).then_some(out)
    })
}

#[cfg(test)]
mod tests {
    use super::super::locales::LOCALES;
    use super::super::rng::Stream;
    use super::*;

    #[test]
    fn polish_and_russian_women_get_feminine_surnames() {
        assert_eq!(feminine("Kowalski", Feminine::Polish, true), "Kowalska");
        assert_eq!(feminine("Ivanov", Feminine::Russian, true), "Ivanova");
        assert_eq!(feminine("Chaikovsky", Feminine::Russian, true), "Chaikovskaya");
        assert_eq!(feminine("Ivanov", Feminine::Russian, false), "Ivanov");
    }

    #[test]
    fn accents_strip_to_what_keyboards_type() {
        assert_eq!(strip_accents("Łukasz Wiśniewski"), "Lukasz Wisniewski");
        assert_eq!(strip_accents("Søren Weiß"), "Soren Weiss");
        assert_eq!(strip_accents("Satō"), "Sato");
    }

    #[test]
    fn transliteration_variants_differ_from_the_original() {
        let mut rng = Rng::for_entity(1, Stream::Member, 1);
        assert_eq!(translit_variant(&mut rng, "Müller").as_deref(), Some("Mueller"));
        let variant = translit_variant(&mut rng, "Mohammed").unwrap();
        assert!(["Muhammad", "Mohamed", "Mohammad"].contains(&variant.as_str()));
        assert_eq!(translit_variant(&mut rng, "Smith"), None);
    }

    #[test]
    fn common_names_repeat_and_rare_ones_exist() {
        let us = &LOCALES[0];
        let mut counts = std::collections::HashMap::new();
        for i in 0..20_000 {
            let name = person(&mut Rng::for_entity(3, Stream::Member, i), us);
            *counts.entry((name.first, name.last)).or_insert(0u32) += 1;
        }
        assert!(counts.values().any(|&n| n >= 10), "some full names are common");
        assert!(counts.values().filter(|&&n| n == 1).count() > 2_000, "a long tail of unique names");
    }
}
