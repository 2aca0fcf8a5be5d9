//! Unicode property names and values accepted by `\p{…}` / `\P{…}`:
//! <https://tc39.es/ecma262/#sec-runtime-semantics-unicodematchproperty-p> and
//! <https://tc39.es/ecma262/#sec-runtime-semantics-unicodematchpropertyvalue-p>.
//!
//! Generated (Unicode 17.0.0) from the names that test262's generated
//! property-escape tests exercise, which enumerate every alias of
//! `PropertyValueAliases.txt`/`PropertyAliases.txt` for the properties the
//! specification admits (plus `Katakana_Or_Hiragana`/`Hrkt`, a listed Script
//! value with no code points). Matching is exact: no loose matching.
//! Regenerate with `regexp/tools/gen_property_tables.py` rather than editing.

/// A `General_Category` value (including the grouping values such as `L`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GeneralCategory {
    /// `Cased_Letter`
    CasedLetter,
    /// `Close_Punctuation`
    ClosePunctuation,
    /// `Connector_Punctuation`
    ConnectorPunctuation,
    /// `Control`
    Control,
    /// `Currency_Symbol`
    CurrencySymbol,
    /// `Dash_Punctuation`
    DashPunctuation,
    /// `Decimal_Number`
    DecimalNumber,
    /// `Enclosing_Mark`
    EnclosingMark,
    /// `Final_Punctuation`
    FinalPunctuation,
    /// `Format`
    Format,
    /// `Initial_Punctuation`
    InitialPunctuation,
    /// `Letter`
    Letter,
    /// `Letter_Number`
    LetterNumber,
    /// `Line_Separator`
    LineSeparator,
    /// `Lowercase_Letter`
    LowercaseLetter,
    /// `Mark`
    Mark,
    /// `Math_Symbol`
    MathSymbol,
    /// `Modifier_Letter`
    ModifierLetter,
    /// `Modifier_Symbol`
    ModifierSymbol,
    /// `Nonspacing_Mark`
    NonspacingMark,
    /// `Number`
    Number,
    /// `Open_Punctuation`
    OpenPunctuation,
    /// `Other`
    Other,
    /// `Other_Letter`
    OtherLetter,
    /// `Other_Number`
    OtherNumber,
    /// `Other_Punctuation`
    OtherPunctuation,
    /// `Other_Symbol`
    OtherSymbol,
    /// `Paragraph_Separator`
    ParagraphSeparator,
    /// `Private_Use`
    PrivateUse,
    /// `Punctuation`
    Punctuation,
    /// `Separator`
    Separator,
    /// `Space_Separator`
    SpaceSeparator,
    /// `Spacing_Mark`
    SpacingMark,
    /// `Surrogate`
    Surrogate,
    /// `Symbol`
    Symbol,
    /// `Titlecase_Letter`
    TitlecaseLetter,
    /// `Unassigned`
    Unassigned,
    /// `Uppercase_Letter`
    UppercaseLetter,
}

impl GeneralCategory {
    /// The long name of the property (value) in Unicode's alias files.
    pub fn name(self) -> &'static str {
        match self {
            GeneralCategory::CasedLetter => "Cased_Letter",
            GeneralCategory::ClosePunctuation => "Close_Punctuation",
            GeneralCategory::ConnectorPunctuation => "Connector_Punctuation",
            GeneralCategory::Control => "Control",
            GeneralCategory::CurrencySymbol => "Currency_Symbol",
            GeneralCategory::DashPunctuation => "Dash_Punctuation",
            GeneralCategory::DecimalNumber => "Decimal_Number",
            GeneralCategory::EnclosingMark => "Enclosing_Mark",
            GeneralCategory::FinalPunctuation => "Final_Punctuation",
            GeneralCategory::Format => "Format",
            GeneralCategory::InitialPunctuation => "Initial_Punctuation",
            GeneralCategory::Letter => "Letter",
            GeneralCategory::LetterNumber => "Letter_Number",
            GeneralCategory::LineSeparator => "Line_Separator",
            GeneralCategory::LowercaseLetter => "Lowercase_Letter",
            GeneralCategory::Mark => "Mark",
            GeneralCategory::MathSymbol => "Math_Symbol",
            GeneralCategory::ModifierLetter => "Modifier_Letter",
            GeneralCategory::ModifierSymbol => "Modifier_Symbol",
            GeneralCategory::NonspacingMark => "Nonspacing_Mark",
            GeneralCategory::Number => "Number",
            GeneralCategory::OpenPunctuation => "Open_Punctuation",
            GeneralCategory::Other => "Other",
            GeneralCategory::OtherLetter => "Other_Letter",
            GeneralCategory::OtherNumber => "Other_Number",
            GeneralCategory::OtherPunctuation => "Other_Punctuation",
            GeneralCategory::OtherSymbol => "Other_Symbol",
            GeneralCategory::ParagraphSeparator => "Paragraph_Separator",
            GeneralCategory::PrivateUse => "Private_Use",
            GeneralCategory::Punctuation => "Punctuation",
            GeneralCategory::Separator => "Separator",
            GeneralCategory::SpaceSeparator => "Space_Separator",
            GeneralCategory::SpacingMark => "Spacing_Mark",
            GeneralCategory::Surrogate => "Surrogate",
            GeneralCategory::Symbol => "Symbol",
            GeneralCategory::TitlecaseLetter => "Titlecase_Letter",
            GeneralCategory::Unassigned => "Unassigned",
            GeneralCategory::UppercaseLetter => "Uppercase_Letter",
        }
    }
}

/// Every `General_Category` value name and alias, sorted by name for binary search.
pub(crate) static GENERAL_CATEGORY_VALUES: &[(&str, GeneralCategory)] = &[
    ("C", GeneralCategory::Other),
    ("Cased_Letter", GeneralCategory::CasedLetter),
    ("Cc", GeneralCategory::Control),
    ("Cf", GeneralCategory::Format),
    ("Close_Punctuation", GeneralCategory::ClosePunctuation),
    ("Cn", GeneralCategory::Unassigned),
    ("Co", GeneralCategory::PrivateUse),
    ("Combining_Mark", GeneralCategory::Mark),
    (
        "Connector_Punctuation",
        GeneralCategory::ConnectorPunctuation,
    ),
    ("Control", GeneralCategory::Control),
    ("Cs", GeneralCategory::Surrogate),
    ("Currency_Symbol", GeneralCategory::CurrencySymbol),
    ("Dash_Punctuation", GeneralCategory::DashPunctuation),
    ("Decimal_Number", GeneralCategory::DecimalNumber),
    ("Enclosing_Mark", GeneralCategory::EnclosingMark),
    ("Final_Punctuation", GeneralCategory::FinalPunctuation),
    ("Format", GeneralCategory::Format),
    ("Initial_Punctuation", GeneralCategory::InitialPunctuation),
    ("L", GeneralCategory::Letter),
    ("LC", GeneralCategory::CasedLetter),
    ("Letter", GeneralCategory::Letter),
    ("Letter_Number", GeneralCategory::LetterNumber),
    ("Line_Separator", GeneralCategory::LineSeparator),
    ("Ll", GeneralCategory::LowercaseLetter),
    ("Lm", GeneralCategory::ModifierLetter),
    ("Lo", GeneralCategory::OtherLetter),
    ("Lowercase_Letter", GeneralCategory::LowercaseLetter),
    ("Lt", GeneralCategory::TitlecaseLetter),
    ("Lu", GeneralCategory::UppercaseLetter),
    ("M", GeneralCategory::Mark),
    ("Mark", GeneralCategory::Mark),
    ("Math_Symbol", GeneralCategory::MathSymbol),
    ("Mc", GeneralCategory::SpacingMark),
    ("Me", GeneralCategory::EnclosingMark),
    ("Mn", GeneralCategory::NonspacingMark),
    ("Modifier_Letter", GeneralCategory::ModifierLetter),
    ("Modifier_Symbol", GeneralCategory::ModifierSymbol),
    ("N", GeneralCategory::Number),
    ("Nd", GeneralCategory::DecimalNumber),
    ("Nl", GeneralCategory::LetterNumber),
    ("No", GeneralCategory::OtherNumber),
    ("Nonspacing_Mark", GeneralCategory::NonspacingMark),
    ("Number", GeneralCategory::Number),
    ("Open_Punctuation", GeneralCategory::OpenPunctuation),
    ("Other", GeneralCategory::Other),
    ("Other_Letter", GeneralCategory::OtherLetter),
    ("Other_Number", GeneralCategory::OtherNumber),
    ("Other_Punctuation", GeneralCategory::OtherPunctuation),
    ("Other_Symbol", GeneralCategory::OtherSymbol),
    ("P", GeneralCategory::Punctuation),
    ("Paragraph_Separator", GeneralCategory::ParagraphSeparator),
    ("Pc", GeneralCategory::ConnectorPunctuation),
    ("Pd", GeneralCategory::DashPunctuation),
    ("Pe", GeneralCategory::ClosePunctuation),
    ("Pf", GeneralCategory::FinalPunctuation),
    ("Pi", GeneralCategory::InitialPunctuation),
    ("Po", GeneralCategory::OtherPunctuation),
    ("Private_Use", GeneralCategory::PrivateUse),
    ("Ps", GeneralCategory::OpenPunctuation),
    ("Punctuation", GeneralCategory::Punctuation),
    ("S", GeneralCategory::Symbol),
    ("Sc", GeneralCategory::CurrencySymbol),
    ("Separator", GeneralCategory::Separator),
    ("Sk", GeneralCategory::ModifierSymbol),
    ("Sm", GeneralCategory::MathSymbol),
    ("So", GeneralCategory::OtherSymbol),
    ("Space_Separator", GeneralCategory::SpaceSeparator),
    ("Spacing_Mark", GeneralCategory::SpacingMark),
    ("Surrogate", GeneralCategory::Surrogate),
    ("Symbol", GeneralCategory::Symbol),
    ("Titlecase_Letter", GeneralCategory::TitlecaseLetter),
    ("Unassigned", GeneralCategory::Unassigned),
    ("Uppercase_Letter", GeneralCategory::UppercaseLetter),
    ("Z", GeneralCategory::Separator),
    ("Zl", GeneralCategory::LineSeparator),
    ("Zp", GeneralCategory::ParagraphSeparator),
    ("Zs", GeneralCategory::SpaceSeparator),
    ("cntrl", GeneralCategory::Control),
    ("digit", GeneralCategory::DecimalNumber),
    ("punct", GeneralCategory::Punctuation),
];
/// A `Script` (and `Script_Extensions`) value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    /// `Adlam`
    Adlam,
    /// `Ahom`
    Ahom,
    /// `Anatolian_Hieroglyphs`
    AnatolianHieroglyphs,
    /// `Arabic`
    Arabic,
    /// `Armenian`
    Armenian,
    /// `Avestan`
    Avestan,
    /// `Balinese`
    Balinese,
    /// `Bamum`
    Bamum,
    /// `Bassa_Vah`
    BassaVah,
    /// `Batak`
    Batak,
    /// `Bengali`
    Bengali,
    /// `Beria_Erfe`
    BeriaErfe,
    /// `Bhaiksuki`
    Bhaiksuki,
    /// `Bopomofo`
    Bopomofo,
    /// `Brahmi`
    Brahmi,
    /// `Braille`
    Braille,
    /// `Buginese`
    Buginese,
    /// `Buhid`
    Buhid,
    /// `Canadian_Aboriginal`
    CanadianAboriginal,
    /// `Carian`
    Carian,
    /// `Caucasian_Albanian`
    CaucasianAlbanian,
    /// `Chakma`
    Chakma,
    /// `Cham`
    Cham,
    /// `Cherokee`
    Cherokee,
    /// `Chorasmian`
    Chorasmian,
    /// `Common`
    Common,
    /// `Coptic`
    Coptic,
    /// `Cuneiform`
    Cuneiform,
    /// `Cypriot`
    Cypriot,
    /// `Cypro_Minoan`
    CyproMinoan,
    /// `Cyrillic`
    Cyrillic,
    /// `Deseret`
    Deseret,
    /// `Devanagari`
    Devanagari,
    /// `Dives_Akuru`
    DivesAkuru,
    /// `Dogra`
    Dogra,
    /// `Duployan`
    Duployan,
    /// `Egyptian_Hieroglyphs`
    EgyptianHieroglyphs,
    /// `Elbasan`
    Elbasan,
    /// `Elymaic`
    Elymaic,
    /// `Ethiopic`
    Ethiopic,
    /// `Garay`
    Garay,
    /// `Georgian`
    Georgian,
    /// `Glagolitic`
    Glagolitic,
    /// `Gothic`
    Gothic,
    /// `Grantha`
    Grantha,
    /// `Greek`
    Greek,
    /// `Gujarati`
    Gujarati,
    /// `Gunjala_Gondi`
    GunjalaGondi,
    /// `Gurmukhi`
    Gurmukhi,
    /// `Gurung_Khema`
    GurungKhema,
    /// `Han`
    Han,
    /// `Hangul`
    Hangul,
    /// `Hanifi_Rohingya`
    HanifiRohingya,
    /// `Hanunoo`
    Hanunoo,
    /// `Hatran`
    Hatran,
    /// `Hebrew`
    Hebrew,
    /// `Hiragana`
    Hiragana,
    /// `Imperial_Aramaic`
    ImperialAramaic,
    /// `Inherited`
    Inherited,
    /// `Inscriptional_Pahlavi`
    InscriptionalPahlavi,
    /// `Inscriptional_Parthian`
    InscriptionalParthian,
    /// `Javanese`
    Javanese,
    /// `Kaithi`
    Kaithi,
    /// `Kannada`
    Kannada,
    /// `Katakana`
    Katakana,
    /// `Katakana_Or_Hiragana`
    KatakanaOrHiragana,
    /// `Kawi`
    Kawi,
    /// `Kayah_Li`
    KayahLi,
    /// `Kharoshthi`
    Kharoshthi,
    /// `Khitan_Small_Script`
    KhitanSmallScript,
    /// `Khmer`
    Khmer,
    /// `Khojki`
    Khojki,
    /// `Khudawadi`
    Khudawadi,
    /// `Kirat_Rai`
    KiratRai,
    /// `Lao`
    Lao,
    /// `Latin`
    Latin,
    /// `Lepcha`
    Lepcha,
    /// `Limbu`
    Limbu,
    /// `Linear_A`
    LinearA,
    /// `Linear_B`
    LinearB,
    /// `Lisu`
    Lisu,
    /// `Lycian`
    Lycian,
    /// `Lydian`
    Lydian,
    /// `Mahajani`
    Mahajani,
    /// `Makasar`
    Makasar,
    /// `Malayalam`
    Malayalam,
    /// `Mandaic`
    Mandaic,
    /// `Manichaean`
    Manichaean,
    /// `Marchen`
    Marchen,
    /// `Masaram_Gondi`
    MasaramGondi,
    /// `Medefaidrin`
    Medefaidrin,
    /// `Meetei_Mayek`
    MeeteiMayek,
    /// `Mende_Kikakui`
    MendeKikakui,
    /// `Meroitic_Cursive`
    MeroiticCursive,
    /// `Meroitic_Hieroglyphs`
    MeroiticHieroglyphs,
    /// `Miao`
    Miao,
    /// `Modi`
    Modi,
    /// `Mongolian`
    Mongolian,
    /// `Mro`
    Mro,
    /// `Multani`
    Multani,
    /// `Myanmar`
    Myanmar,
    /// `Nabataean`
    Nabataean,
    /// `Nag_Mundari`
    NagMundari,
    /// `Nandinagari`
    Nandinagari,
    /// `New_Tai_Lue`
    NewTaiLue,
    /// `Newa`
    Newa,
    /// `Nko`
    Nko,
    /// `Nushu`
    Nushu,
    /// `Nyiakeng_Puachue_Hmong`
    NyiakengPuachueHmong,
    /// `Ogham`
    Ogham,
    /// `Ol_Chiki`
    OlChiki,
    /// `Ol_Onal`
    OlOnal,
    /// `Old_Hungarian`
    OldHungarian,
    /// `Old_Italic`
    OldItalic,
    /// `Old_North_Arabian`
    OldNorthArabian,
    /// `Old_Permic`
    OldPermic,
    /// `Old_Persian`
    OldPersian,
    /// `Old_Sogdian`
    OldSogdian,
    /// `Old_South_Arabian`
    OldSouthArabian,
    /// `Old_Turkic`
    OldTurkic,
    /// `Old_Uyghur`
    OldUyghur,
    /// `Oriya`
    Oriya,
    /// `Osage`
    Osage,
    /// `Osmanya`
    Osmanya,
    /// `Pahawh_Hmong`
    PahawhHmong,
    /// `Palmyrene`
    Palmyrene,
    /// `Pau_Cin_Hau`
    PauCinHau,
    /// `Phags_Pa`
    PhagsPa,
    /// `Phoenician`
    Phoenician,
    /// `Psalter_Pahlavi`
    PsalterPahlavi,
    /// `Rejang`
    Rejang,
    /// `Runic`
    Runic,
    /// `Samaritan`
    Samaritan,
    /// `Saurashtra`
    Saurashtra,
    /// `Sharada`
    Sharada,
    /// `Shavian`
    Shavian,
    /// `Siddham`
    Siddham,
    /// `Sidetic`
    Sidetic,
    /// `SignWriting`
    Signwriting,
    /// `Sinhala`
    Sinhala,
    /// `Sogdian`
    Sogdian,
    /// `Sora_Sompeng`
    SoraSompeng,
    /// `Soyombo`
    Soyombo,
    /// `Sundanese`
    Sundanese,
    /// `Sunuwar`
    Sunuwar,
    /// `Syloti_Nagri`
    SylotiNagri,
    /// `Syriac`
    Syriac,
    /// `Tagalog`
    Tagalog,
    /// `Tagbanwa`
    Tagbanwa,
    /// `Tai_Le`
    TaiLe,
    /// `Tai_Tham`
    TaiTham,
    /// `Tai_Viet`
    TaiViet,
    /// `Tai_Yo`
    TaiYo,
    /// `Takri`
    Takri,
    /// `Tamil`
    Tamil,
    /// `Tangsa`
    Tangsa,
    /// `Tangut`
    Tangut,
    /// `Telugu`
    Telugu,
    /// `Thaana`
    Thaana,
    /// `Thai`
    Thai,
    /// `Tibetan`
    Tibetan,
    /// `Tifinagh`
    Tifinagh,
    /// `Tirhuta`
    Tirhuta,
    /// `Todhri`
    Todhri,
    /// `Tolong_Siki`
    TolongSiki,
    /// `Toto`
    Toto,
    /// `Tulu_Tigalari`
    TuluTigalari,
    /// `Ugaritic`
    Ugaritic,
    /// `Unknown`
    Unknown,
    /// `Vai`
    Vai,
    /// `Vithkuqi`
    Vithkuqi,
    /// `Wancho`
    Wancho,
    /// `Warang_Citi`
    WarangCiti,
    /// `Yezidi`
    Yezidi,
    /// `Yi`
    Yi,
    /// `Zanabazar_Square`
    ZanabazarSquare,
}

impl Script {
    /// The long name of the property (value) in Unicode's alias files.
    pub fn name(self) -> &'static str {
        match self {
            Script::Adlam => "Adlam",
            Script::Ahom => "Ahom",
            Script::AnatolianHieroglyphs => "Anatolian_Hieroglyphs",
            Script::Arabic => "Arabic",
            Script::Armenian => "Armenian",
            Script::Avestan => "Avestan",
            Script::Balinese => "Balinese",
            Script::Bamum => "Bamum",
            Script::BassaVah => "Bassa_Vah",
            Script::Batak => "Batak",
            Script::Bengali => "Bengali",
            Script::BeriaErfe => "Beria_Erfe",
            Script::Bhaiksuki => "Bhaiksuki",
            Script::Bopomofo => "Bopomofo",
            Script::Brahmi => "Brahmi",
            Script::Braille => "Braille",
            Script::Buginese => "Buginese",
            Script::Buhid => "Buhid",
            Script::CanadianAboriginal => "Canadian_Aboriginal",
            Script::Carian => "Carian",
            Script::CaucasianAlbanian => "Caucasian_Albanian",
            Script::Chakma => "Chakma",
            Script::Cham => "Cham",
            Script::Cherokee => "Cherokee",
            Script::Chorasmian => "Chorasmian",
            Script::Common => "Common",
            Script::Coptic => "Coptic",
            Script::Cuneiform => "Cuneiform",
            Script::Cypriot => "Cypriot",
            Script::CyproMinoan => "Cypro_Minoan",
            Script::Cyrillic => "Cyrillic",
            Script::Deseret => "Deseret",
            Script::Devanagari => "Devanagari",
            Script::DivesAkuru => "Dives_Akuru",
            Script::Dogra => "Dogra",
            Script::Duployan => "Duployan",
            Script::EgyptianHieroglyphs => "Egyptian_Hieroglyphs",
            Script::Elbasan => "Elbasan",
            Script::Elymaic => "Elymaic",
            Script::Ethiopic => "Ethiopic",
            Script::Garay => "Garay",
            Script::Georgian => "Georgian",
            Script::Glagolitic => "Glagolitic",
            Script::Gothic => "Gothic",
            Script::Grantha => "Grantha",
            Script::Greek => "Greek",
            Script::Gujarati => "Gujarati",
            Script::GunjalaGondi => "Gunjala_Gondi",
            Script::Gurmukhi => "Gurmukhi",
            Script::GurungKhema => "Gurung_Khema",
            Script::Han => "Han",
            Script::Hangul => "Hangul",
            Script::HanifiRohingya => "Hanifi_Rohingya",
            Script::Hanunoo => "Hanunoo",
            Script::Hatran => "Hatran",
            Script::Hebrew => "Hebrew",
            Script::Hiragana => "Hiragana",
            Script::ImperialAramaic => "Imperial_Aramaic",
            Script::Inherited => "Inherited",
            Script::InscriptionalPahlavi => "Inscriptional_Pahlavi",
            Script::InscriptionalParthian => "Inscriptional_Parthian",
            Script::Javanese => "Javanese",
            Script::Kaithi => "Kaithi",
            Script::Kannada => "Kannada",
            Script::Katakana => "Katakana",
            Script::KatakanaOrHiragana => "Katakana_Or_Hiragana",
            Script::Kawi => "Kawi",
            Script::KayahLi => "Kayah_Li",
            Script::Kharoshthi => "Kharoshthi",
            Script::KhitanSmallScript => "Khitan_Small_Script",
            Script::Khmer => "Khmer",
            Script::Khojki => "Khojki",
            Script::Khudawadi => "Khudawadi",
            Script::KiratRai => "Kirat_Rai",
            Script::Lao => "Lao",
            Script::Latin => "Latin",
            Script::Lepcha => "Lepcha",
            Script::Limbu => "Limbu",
            Script::LinearA => "Linear_A",
            Script::LinearB => "Linear_B",
            Script::Lisu => "Lisu",
            Script::Lycian => "Lycian",
            Script::Lydian => "Lydian",
            Script::Mahajani => "Mahajani",
            Script::Makasar => "Makasar",
            Script::Malayalam => "Malayalam",
            Script::Mandaic => "Mandaic",
            Script::Manichaean => "Manichaean",
            Script::Marchen => "Marchen",
            Script::MasaramGondi => "Masaram_Gondi",
            Script::Medefaidrin => "Medefaidrin",
            Script::MeeteiMayek => "Meetei_Mayek",
            Script::MendeKikakui => "Mende_Kikakui",
            Script::MeroiticCursive => "Meroitic_Cursive",
            Script::MeroiticHieroglyphs => "Meroitic_Hieroglyphs",
            Script::Miao => "Miao",
            Script::Modi => "Modi",
            Script::Mongolian => "Mongolian",
            Script::Mro => "Mro",
            Script::Multani => "Multani",
            Script::Myanmar => "Myanmar",
            Script::Nabataean => "Nabataean",
            Script::NagMundari => "Nag_Mundari",
            Script::Nandinagari => "Nandinagari",
            Script::NewTaiLue => "New_Tai_Lue",
            Script::Newa => "Newa",
            Script::Nko => "Nko",
            Script::Nushu => "Nushu",
            Script::NyiakengPuachueHmong => "Nyiakeng_Puachue_Hmong",
            Script::Ogham => "Ogham",
            Script::OlChiki => "Ol_Chiki",
            Script::OlOnal => "Ol_Onal",
            Script::OldHungarian => "Old_Hungarian",
            Script::OldItalic => "Old_Italic",
            Script::OldNorthArabian => "Old_North_Arabian",
            Script::OldPermic => "Old_Permic",
            Script::OldPersian => "Old_Persian",
            Script::OldSogdian => "Old_Sogdian",
            Script::OldSouthArabian => "Old_South_Arabian",
            Script::OldTurkic => "Old_Turkic",
            Script::OldUyghur => "Old_Uyghur",
            Script::Oriya => "Oriya",
            Script::Osage => "Osage",
            Script::Osmanya => "Osmanya",
            Script::PahawhHmong => "Pahawh_Hmong",
            Script::Palmyrene => "Palmyrene",
            Script::PauCinHau => "Pau_Cin_Hau",
            Script::PhagsPa => "Phags_Pa",
            Script::Phoenician => "Phoenician",
            Script::PsalterPahlavi => "Psalter_Pahlavi",
            Script::Rejang => "Rejang",
            Script::Runic => "Runic",
            Script::Samaritan => "Samaritan",
            Script::Saurashtra => "Saurashtra",
            Script::Sharada => "Sharada",
            Script::Shavian => "Shavian",
            Script::Siddham => "Siddham",
            Script::Sidetic => "Sidetic",
            Script::Signwriting => "SignWriting",
            Script::Sinhala => "Sinhala",
            Script::Sogdian => "Sogdian",
            Script::SoraSompeng => "Sora_Sompeng",
            Script::Soyombo => "Soyombo",
            Script::Sundanese => "Sundanese",
            Script::Sunuwar => "Sunuwar",
            Script::SylotiNagri => "Syloti_Nagri",
            Script::Syriac => "Syriac",
            Script::Tagalog => "Tagalog",
            Script::Tagbanwa => "Tagbanwa",
            Script::TaiLe => "Tai_Le",
            Script::TaiTham => "Tai_Tham",
            Script::TaiViet => "Tai_Viet",
            Script::TaiYo => "Tai_Yo",
            Script::Takri => "Takri",
            Script::Tamil => "Tamil",
            Script::Tangsa => "Tangsa",
            Script::Tangut => "Tangut",
            Script::Telugu => "Telugu",
            Script::Thaana => "Thaana",
            Script::Thai => "Thai",
            Script::Tibetan => "Tibetan",
            Script::Tifinagh => "Tifinagh",
            Script::Tirhuta => "Tirhuta",
            Script::Todhri => "Todhri",
            Script::TolongSiki => "Tolong_Siki",
            Script::Toto => "Toto",
            Script::TuluTigalari => "Tulu_Tigalari",
            Script::Ugaritic => "Ugaritic",
            Script::Unknown => "Unknown",
            Script::Vai => "Vai",
            Script::Vithkuqi => "Vithkuqi",
            Script::Wancho => "Wancho",
            Script::WarangCiti => "Warang_Citi",
            Script::Yezidi => "Yezidi",
            Script::Yi => "Yi",
            Script::ZanabazarSquare => "Zanabazar_Square",
        }
    }
}

/// Every `Script` value name and alias, sorted by name for binary search.
pub(crate) static SCRIPT_VALUES: &[(&str, Script)] = &[
    ("Adlam", Script::Adlam),
    ("Adlm", Script::Adlam),
    ("Aghb", Script::CaucasianAlbanian),
    ("Ahom", Script::Ahom),
    ("Anatolian_Hieroglyphs", Script::AnatolianHieroglyphs),
    ("Arab", Script::Arabic),
    ("Arabic", Script::Arabic),
    ("Armenian", Script::Armenian),
    ("Armi", Script::ImperialAramaic),
    ("Armn", Script::Armenian),
    ("Avestan", Script::Avestan),
    ("Avst", Script::Avestan),
    ("Bali", Script::Balinese),
    ("Balinese", Script::Balinese),
    ("Bamu", Script::Bamum),
    ("Bamum", Script::Bamum),
    ("Bass", Script::BassaVah),
    ("Bassa_Vah", Script::BassaVah),
    ("Batak", Script::Batak),
    ("Batk", Script::Batak),
    ("Beng", Script::Bengali),
    ("Bengali", Script::Bengali),
    ("Berf", Script::BeriaErfe),
    ("Beria_Erfe", Script::BeriaErfe),
    ("Bhaiksuki", Script::Bhaiksuki),
    ("Bhks", Script::Bhaiksuki),
    ("Bopo", Script::Bopomofo),
    ("Bopomofo", Script::Bopomofo),
    ("Brah", Script::Brahmi),
    ("Brahmi", Script::Brahmi),
    ("Brai", Script::Braille),
    ("Braille", Script::Braille),
    ("Bugi", Script::Buginese),
    ("Buginese", Script::Buginese),
    ("Buhd", Script::Buhid),
    ("Buhid", Script::Buhid),
    ("Cakm", Script::Chakma),
    ("Canadian_Aboriginal", Script::CanadianAboriginal),
    ("Cans", Script::CanadianAboriginal),
    ("Cari", Script::Carian),
    ("Carian", Script::Carian),
    ("Caucasian_Albanian", Script::CaucasianAlbanian),
    ("Chakma", Script::Chakma),
    ("Cham", Script::Cham),
    ("Cher", Script::Cherokee),
    ("Cherokee", Script::Cherokee),
    ("Chorasmian", Script::Chorasmian),
    ("Chrs", Script::Chorasmian),
    ("Common", Script::Common),
    ("Copt", Script::Coptic),
    ("Coptic", Script::Coptic),
    ("Cpmn", Script::CyproMinoan),
    ("Cprt", Script::Cypriot),
    ("Cuneiform", Script::Cuneiform),
    ("Cypriot", Script::Cypriot),
    ("Cypro_Minoan", Script::CyproMinoan),
    ("Cyrillic", Script::Cyrillic),
    ("Cyrl", Script::Cyrillic),
    ("Deseret", Script::Deseret),
    ("Deva", Script::Devanagari),
    ("Devanagari", Script::Devanagari),
    ("Diak", Script::DivesAkuru),
    ("Dives_Akuru", Script::DivesAkuru),
    ("Dogr", Script::Dogra),
    ("Dogra", Script::Dogra),
    ("Dsrt", Script::Deseret),
    ("Dupl", Script::Duployan),
    ("Duployan", Script::Duployan),
    ("Egyp", Script::EgyptianHieroglyphs),
    ("Egyptian_Hieroglyphs", Script::EgyptianHieroglyphs),
    ("Elba", Script::Elbasan),
    ("Elbasan", Script::Elbasan),
    ("Elym", Script::Elymaic),
    ("Elymaic", Script::Elymaic),
    ("Ethi", Script::Ethiopic),
    ("Ethiopic", Script::Ethiopic),
    ("Gara", Script::Garay),
    ("Garay", Script::Garay),
    ("Geor", Script::Georgian),
    ("Georgian", Script::Georgian),
    ("Glag", Script::Glagolitic),
    ("Glagolitic", Script::Glagolitic),
    ("Gong", Script::GunjalaGondi),
    ("Gonm", Script::MasaramGondi),
    ("Goth", Script::Gothic),
    ("Gothic", Script::Gothic),
    ("Gran", Script::Grantha),
    ("Grantha", Script::Grantha),
    ("Greek", Script::Greek),
    ("Grek", Script::Greek),
    ("Gujarati", Script::Gujarati),
    ("Gujr", Script::Gujarati),
    ("Gukh", Script::GurungKhema),
    ("Gunjala_Gondi", Script::GunjalaGondi),
    ("Gurmukhi", Script::Gurmukhi),
    ("Guru", Script::Gurmukhi),
    ("Gurung_Khema", Script::GurungKhema),
    ("Han", Script::Han),
    ("Hang", Script::Hangul),
    ("Hangul", Script::Hangul),
    ("Hani", Script::Han),
    ("Hanifi_Rohingya", Script::HanifiRohingya),
    ("Hano", Script::Hanunoo),
    ("Hanunoo", Script::Hanunoo),
    ("Hatr", Script::Hatran),
    ("Hatran", Script::Hatran),
    ("Hebr", Script::Hebrew),
    ("Hebrew", Script::Hebrew),
    ("Hira", Script::Hiragana),
    ("Hiragana", Script::Hiragana),
    ("Hluw", Script::AnatolianHieroglyphs),
    ("Hmng", Script::PahawhHmong),
    ("Hmnp", Script::NyiakengPuachueHmong),
    ("Hrkt", Script::KatakanaOrHiragana),
    ("Hung", Script::OldHungarian),
    ("Imperial_Aramaic", Script::ImperialAramaic),
    ("Inherited", Script::Inherited),
    ("Inscriptional_Pahlavi", Script::InscriptionalPahlavi),
    ("Inscriptional_Parthian", Script::InscriptionalParthian),
    ("Ital", Script::OldItalic),
    ("Java", Script::Javanese),
    ("Javanese", Script::Javanese),
    ("Kaithi", Script::Kaithi),
    ("Kali", Script::KayahLi),
    ("Kana", Script::Katakana),
    ("Kannada", Script::Kannada),
    ("Katakana", Script::Katakana),
    ("Katakana_Or_Hiragana", Script::KatakanaOrHiragana),
    ("Kawi", Script::Kawi),
    ("Kayah_Li", Script::KayahLi),
    ("Khar", Script::Kharoshthi),
    ("Kharoshthi", Script::Kharoshthi),
    ("Khitan_Small_Script", Script::KhitanSmallScript),
    ("Khmer", Script::Khmer),
    ("Khmr", Script::Khmer),
    ("Khoj", Script::Khojki),
    ("Khojki", Script::Khojki),
    ("Khudawadi", Script::Khudawadi),
    ("Kirat_Rai", Script::KiratRai),
    ("Kits", Script::KhitanSmallScript),
    ("Knda", Script::Kannada),
    ("Krai", Script::KiratRai),
    ("Kthi", Script::Kaithi),
    ("Lana", Script::TaiTham),
    ("Lao", Script::Lao),
    ("Laoo", Script::Lao),
    ("Latin", Script::Latin),
    ("Latn", Script::Latin),
    ("Lepc", Script::Lepcha),
    ("Lepcha", Script::Lepcha),
    ("Limb", Script::Limbu),
    ("Limbu", Script::Limbu),
    ("Lina", Script::LinearA),
    ("Linb", Script::LinearB),
    ("Linear_A", Script::LinearA),
    ("Linear_B", Script::LinearB),
    ("Lisu", Script::Lisu),
    ("Lyci", Script::Lycian),
    ("Lycian", Script::Lycian),
    ("Lydi", Script::Lydian),
    ("Lydian", Script::Lydian),
    ("Mahajani", Script::Mahajani),
    ("Mahj", Script::Mahajani),
    ("Maka", Script::Makasar),
    ("Makasar", Script::Makasar),
    ("Malayalam", Script::Malayalam),
    ("Mand", Script::Mandaic),
    ("Mandaic", Script::Mandaic),
    ("Mani", Script::Manichaean),
    ("Manichaean", Script::Manichaean),
    ("Marc", Script::Marchen),
    ("Marchen", Script::Marchen),
    ("Masaram_Gondi", Script::MasaramGondi),
    ("Medefaidrin", Script::Medefaidrin),
    ("Medf", Script::Medefaidrin),
    ("Meetei_Mayek", Script::MeeteiMayek),
    ("Mend", Script::MendeKikakui),
    ("Mende_Kikakui", Script::MendeKikakui),
    ("Merc", Script::MeroiticCursive),
    ("Mero", Script::MeroiticHieroglyphs),
    ("Meroitic_Cursive", Script::MeroiticCursive),
    ("Meroitic_Hieroglyphs", Script::MeroiticHieroglyphs),
    ("Miao", Script::Miao),
    ("Mlym", Script::Malayalam),
    ("Modi", Script::Modi),
    ("Mong", Script::Mongolian),
    ("Mongolian", Script::Mongolian),
    ("Mro", Script::Mro),
    ("Mroo", Script::Mro),
    ("Mtei", Script::MeeteiMayek),
    ("Mult", Script::Multani),
    ("Multani", Script::Multani),
    ("Myanmar", Script::Myanmar),
    ("Mymr", Script::Myanmar),
    ("Nabataean", Script::Nabataean),
    ("Nag_Mundari", Script::NagMundari),
    ("Nagm", Script::NagMundari),
    ("Nand", Script::Nandinagari),
    ("Nandinagari", Script::Nandinagari),
    ("Narb", Script::OldNorthArabian),
    ("Nbat", Script::Nabataean),
    ("New_Tai_Lue", Script::NewTaiLue),
    ("Newa", Script::Newa),
    ("Nko", Script::Nko),
    ("Nkoo", Script::Nko),
    ("Nshu", Script::Nushu),
    ("Nushu", Script::Nushu),
    ("Nyiakeng_Puachue_Hmong", Script::NyiakengPuachueHmong),
    ("Ogam", Script::Ogham),
    ("Ogham", Script::Ogham),
    ("Ol_Chiki", Script::OlChiki),
    ("Ol_Onal", Script::OlOnal),
    ("Olck", Script::OlChiki),
    ("Old_Hungarian", Script::OldHungarian),
    ("Old_Italic", Script::OldItalic),
    ("Old_North_Arabian", Script::OldNorthArabian),
    ("Old_Permic", Script::OldPermic),
    ("Old_Persian", Script::OldPersian),
    ("Old_Sogdian", Script::OldSogdian),
    ("Old_South_Arabian", Script::OldSouthArabian),
    ("Old_Turkic", Script::OldTurkic),
    ("Old_Uyghur", Script::OldUyghur),
    ("Onao", Script::OlOnal),
    ("Oriya", Script::Oriya),
    ("Orkh", Script::OldTurkic),
    ("Orya", Script::Oriya),
    ("Osage", Script::Osage),
    ("Osge", Script::Osage),
    ("Osma", Script::Osmanya),
    ("Osmanya", Script::Osmanya),
    ("Ougr", Script::OldUyghur),
    ("Pahawh_Hmong", Script::PahawhHmong),
    ("Palm", Script::Palmyrene),
    ("Palmyrene", Script::Palmyrene),
    ("Pau_Cin_Hau", Script::PauCinHau),
    ("Pauc", Script::PauCinHau),
    ("Perm", Script::OldPermic),
    ("Phag", Script::PhagsPa),
    ("Phags_Pa", Script::PhagsPa),
    ("Phli", Script::InscriptionalPahlavi),
    ("Phlp", Script::PsalterPahlavi),
    ("Phnx", Script::Phoenician),
    ("Phoenician", Script::Phoenician),
    ("Plrd", Script::Miao),
    ("Prti", Script::InscriptionalParthian),
    ("Psalter_Pahlavi", Script::PsalterPahlavi),
    ("Qaac", Script::Coptic),
    ("Qaai", Script::Inherited),
    ("Rejang", Script::Rejang),
    ("Rjng", Script::Rejang),
    ("Rohg", Script::HanifiRohingya),
    ("Runic", Script::Runic),
    ("Runr", Script::Runic),
    ("Samaritan", Script::Samaritan),
    ("Samr", Script::Samaritan),
    ("Sarb", Script::OldSouthArabian),
    ("Saur", Script::Saurashtra),
    ("Saurashtra", Script::Saurashtra),
    ("Sgnw", Script::Signwriting),
    ("Sharada", Script::Sharada),
    ("Shavian", Script::Shavian),
    ("Shaw", Script::Shavian),
    ("Shrd", Script::Sharada),
    ("Sidd", Script::Siddham),
    ("Siddham", Script::Siddham),
    ("Sidetic", Script::Sidetic),
    ("Sidt", Script::Sidetic),
    ("SignWriting", Script::Signwriting),
    ("Sind", Script::Khudawadi),
    ("Sinh", Script::Sinhala),
    ("Sinhala", Script::Sinhala),
    ("Sogd", Script::Sogdian),
    ("Sogdian", Script::Sogdian),
    ("Sogo", Script::OldSogdian),
    ("Sora", Script::SoraSompeng),
    ("Sora_Sompeng", Script::SoraSompeng),
    ("Soyo", Script::Soyombo),
    ("Soyombo", Script::Soyombo),
    ("Sund", Script::Sundanese),
    ("Sundanese", Script::Sundanese),
    ("Sunu", Script::Sunuwar),
    ("Sunuwar", Script::Sunuwar),
    ("Sylo", Script::SylotiNagri),
    ("Syloti_Nagri", Script::SylotiNagri),
    ("Syrc", Script::Syriac),
    ("Syriac", Script::Syriac),
    ("Tagalog", Script::Tagalog),
    ("Tagb", Script::Tagbanwa),
    ("Tagbanwa", Script::Tagbanwa),
    ("Tai_Le", Script::TaiLe),
    ("Tai_Tham", Script::TaiTham),
    ("Tai_Viet", Script::TaiViet),
    ("Tai_Yo", Script::TaiYo),
    ("Takr", Script::Takri),
    ("Takri", Script::Takri),
    ("Tale", Script::TaiLe),
    ("Talu", Script::NewTaiLue),
    ("Tamil", Script::Tamil),
    ("Taml", Script::Tamil),
    ("Tang", Script::Tangut),
    ("Tangsa", Script::Tangsa),
    ("Tangut", Script::Tangut),
    ("Tavt", Script::TaiViet),
    ("Tayo", Script::TaiYo),
    ("Telu", Script::Telugu),
    ("Telugu", Script::Telugu),
    ("Tfng", Script::Tifinagh),
    ("Tglg", Script::Tagalog),
    ("Thaa", Script::Thaana),
    ("Thaana", Script::Thaana),
    ("Thai", Script::Thai),
    ("Tibetan", Script::Tibetan),
    ("Tibt", Script::Tibetan),
    ("Tifinagh", Script::Tifinagh),
    ("Tirh", Script::Tirhuta),
    ("Tirhuta", Script::Tirhuta),
    ("Tnsa", Script::Tangsa),
    ("Todhri", Script::Todhri),
    ("Todr", Script::Todhri),
    ("Tolong_Siki", Script::TolongSiki),
    ("Tols", Script::TolongSiki),
    ("Toto", Script::Toto),
    ("Tulu_Tigalari", Script::TuluTigalari),
    ("Tutg", Script::TuluTigalari),
    ("Ugar", Script::Ugaritic),
    ("Ugaritic", Script::Ugaritic),
    ("Unknown", Script::Unknown),
    ("Vai", Script::Vai),
    ("Vaii", Script::Vai),
    ("Vith", Script::Vithkuqi),
    ("Vithkuqi", Script::Vithkuqi),
    ("Wancho", Script::Wancho),
    ("Wara", Script::WarangCiti),
    ("Warang_Citi", Script::WarangCiti),
    ("Wcho", Script::Wancho),
    ("Xpeo", Script::OldPersian),
    ("Xsux", Script::Cuneiform),
    ("Yezi", Script::Yezidi),
    ("Yezidi", Script::Yezidi),
    ("Yi", Script::Yi),
    ("Yiii", Script::Yi),
    ("Zanabazar_Square", Script::ZanabazarSquare),
    ("Zanb", Script::ZanabazarSquare),
    ("Zinh", Script::Inherited),
    ("Zyyy", Script::Common),
    ("Zzzz", Script::Unknown),
];
/// A binary property of <https://tc39.es/ecma262/#table-binary-unicode-properties>.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryProperty {
    /// `ASCII`
    Ascii,
    /// `ASCII_Hex_Digit`
    AsciiHexDigit,
    /// `Alphabetic`
    Alphabetic,
    /// `Any`
    Any,
    /// `Assigned`
    Assigned,
    /// `Bidi_Control`
    BidiControl,
    /// `Bidi_Mirrored`
    BidiMirrored,
    /// `Case_Ignorable`
    CaseIgnorable,
    /// `Cased`
    Cased,
    /// `Changes_When_Casefolded`
    ChangesWhenCasefolded,
    /// `Changes_When_Casemapped`
    ChangesWhenCasemapped,
    /// `Changes_When_Lowercased`
    ChangesWhenLowercased,
    /// `Changes_When_NFKC_Casefolded`
    ChangesWhenNfkcCasefolded,
    /// `Changes_When_Titlecased`
    ChangesWhenTitlecased,
    /// `Changes_When_Uppercased`
    ChangesWhenUppercased,
    /// `Dash`
    Dash,
    /// `Default_Ignorable_Code_Point`
    DefaultIgnorableCodePoint,
    /// `Deprecated`
    Deprecated,
    /// `Diacritic`
    Diacritic,
    /// `Emoji`
    Emoji,
    /// `Emoji_Component`
    EmojiComponent,
    /// `Emoji_Modifier`
    EmojiModifier,
    /// `Emoji_Modifier_Base`
    EmojiModifierBase,
    /// `Emoji_Presentation`
    EmojiPresentation,
    /// `Extended_Pictographic`
    ExtendedPictographic,
    /// `Extender`
    Extender,
    /// `Grapheme_Base`
    GraphemeBase,
    /// `Grapheme_Extend`
    GraphemeExtend,
    /// `Hex_Digit`
    HexDigit,
    /// `IDS_Binary_Operator`
    IdsBinaryOperator,
    /// `IDS_Trinary_Operator`
    IdsTrinaryOperator,
    /// `ID_Continue`
    IdContinue,
    /// `ID_Start`
    IdStart,
    /// `Ideographic`
    Ideographic,
    /// `Join_Control`
    JoinControl,
    /// `Logical_Order_Exception`
    LogicalOrderException,
    /// `Lowercase`
    Lowercase,
    /// `Math`
    Math,
    /// `Noncharacter_Code_Point`
    NoncharacterCodePoint,
    /// `Pattern_Syntax`
    PatternSyntax,
    /// `Pattern_White_Space`
    PatternWhiteSpace,
    /// `Quotation_Mark`
    QuotationMark,
    /// `Radical`
    Radical,
    /// `Regional_Indicator`
    RegionalIndicator,
    /// `Sentence_Terminal`
    SentenceTerminal,
    /// `Soft_Dotted`
    SoftDotted,
    /// `Terminal_Punctuation`
    TerminalPunctuation,
    /// `Unified_Ideograph`
    UnifiedIdeograph,
    /// `Uppercase`
    Uppercase,
    /// `Variation_Selector`
    VariationSelector,
    /// `White_Space`
    WhiteSpace,
    /// `XID_Continue`
    XidContinue,
    /// `XID_Start`
    XidStart,
}

impl BinaryProperty {
    /// The long name of the property (value) in Unicode's alias files.
    pub fn name(self) -> &'static str {
        match self {
            BinaryProperty::Ascii => "ASCII",
            BinaryProperty::AsciiHexDigit => "ASCII_Hex_Digit",
            BinaryProperty::Alphabetic => "Alphabetic",
            BinaryProperty::Any => "Any",
            BinaryProperty::Assigned => "Assigned",
            BinaryProperty::BidiControl => "Bidi_Control",
            BinaryProperty::BidiMirrored => "Bidi_Mirrored",
            BinaryProperty::CaseIgnorable => "Case_Ignorable",
            BinaryProperty::Cased => "Cased",
            BinaryProperty::ChangesWhenCasefolded => "Changes_When_Casefolded",
            BinaryProperty::ChangesWhenCasemapped => "Changes_When_Casemapped",
            BinaryProperty::ChangesWhenLowercased => "Changes_When_Lowercased",
            BinaryProperty::ChangesWhenNfkcCasefolded => "Changes_When_NFKC_Casefolded",
            BinaryProperty::ChangesWhenTitlecased => "Changes_When_Titlecased",
            BinaryProperty::ChangesWhenUppercased => "Changes_When_Uppercased",
            BinaryProperty::Dash => "Dash",
            BinaryProperty::DefaultIgnorableCodePoint => "Default_Ignorable_Code_Point",
            BinaryProperty::Deprecated => "Deprecated",
            BinaryProperty::Diacritic => "Diacritic",
            BinaryProperty::Emoji => "Emoji",
            BinaryProperty::EmojiComponent => "Emoji_Component",
            BinaryProperty::EmojiModifier => "Emoji_Modifier",
            BinaryProperty::EmojiModifierBase => "Emoji_Modifier_Base",
            BinaryProperty::EmojiPresentation => "Emoji_Presentation",
            BinaryProperty::ExtendedPictographic => "Extended_Pictographic",
            BinaryProperty::Extender => "Extender",
            BinaryProperty::GraphemeBase => "Grapheme_Base",
            BinaryProperty::GraphemeExtend => "Grapheme_Extend",
            BinaryProperty::HexDigit => "Hex_Digit",
            BinaryProperty::IdsBinaryOperator => "IDS_Binary_Operator",
            BinaryProperty::IdsTrinaryOperator => "IDS_Trinary_Operator",
            BinaryProperty::IdContinue => "ID_Continue",
            BinaryProperty::IdStart => "ID_Start",
            BinaryProperty::Ideographic => "Ideographic",
            BinaryProperty::JoinControl => "Join_Control",
            BinaryProperty::LogicalOrderException => "Logical_Order_Exception",
            BinaryProperty::Lowercase => "Lowercase",
            BinaryProperty::Math => "Math",
            BinaryProperty::NoncharacterCodePoint => "Noncharacter_Code_Point",
            BinaryProperty::PatternSyntax => "Pattern_Syntax",
            BinaryProperty::PatternWhiteSpace => "Pattern_White_Space",
            BinaryProperty::QuotationMark => "Quotation_Mark",
            BinaryProperty::Radical => "Radical",
            BinaryProperty::RegionalIndicator => "Regional_Indicator",
            BinaryProperty::SentenceTerminal => "Sentence_Terminal",
            BinaryProperty::SoftDotted => "Soft_Dotted",
            BinaryProperty::TerminalPunctuation => "Terminal_Punctuation",
            BinaryProperty::UnifiedIdeograph => "Unified_Ideograph",
            BinaryProperty::Uppercase => "Uppercase",
            BinaryProperty::VariationSelector => "Variation_Selector",
            BinaryProperty::WhiteSpace => "White_Space",
            BinaryProperty::XidContinue => "XID_Continue",
            BinaryProperty::XidStart => "XID_Start",
        }
    }
}

/// Every binary property name and alias, sorted by name for binary search.
pub(crate) static BINARY_PROPERTIES: &[(&str, BinaryProperty)] = &[
    ("AHex", BinaryProperty::AsciiHexDigit),
    ("ASCII", BinaryProperty::Ascii),
    ("ASCII_Hex_Digit", BinaryProperty::AsciiHexDigit),
    ("Alpha", BinaryProperty::Alphabetic),
    ("Alphabetic", BinaryProperty::Alphabetic),
    ("Any", BinaryProperty::Any),
    ("Assigned", BinaryProperty::Assigned),
    ("Bidi_C", BinaryProperty::BidiControl),
    ("Bidi_Control", BinaryProperty::BidiControl),
    ("Bidi_M", BinaryProperty::BidiMirrored),
    ("Bidi_Mirrored", BinaryProperty::BidiMirrored),
    ("CI", BinaryProperty::CaseIgnorable),
    ("CWCF", BinaryProperty::ChangesWhenCasefolded),
    ("CWCM", BinaryProperty::ChangesWhenCasemapped),
    ("CWKCF", BinaryProperty::ChangesWhenNfkcCasefolded),
    ("CWL", BinaryProperty::ChangesWhenLowercased),
    ("CWT", BinaryProperty::ChangesWhenTitlecased),
    ("CWU", BinaryProperty::ChangesWhenUppercased),
    ("Case_Ignorable", BinaryProperty::CaseIgnorable),
    ("Cased", BinaryProperty::Cased),
    (
        "Changes_When_Casefolded",
        BinaryProperty::ChangesWhenCasefolded,
    ),
    (
        "Changes_When_Casemapped",
        BinaryProperty::ChangesWhenCasemapped,
    ),
    (
        "Changes_When_Lowercased",
        BinaryProperty::ChangesWhenLowercased,
    ),
    (
        "Changes_When_NFKC_Casefolded",
        BinaryProperty::ChangesWhenNfkcCasefolded,
    ),
    (
        "Changes_When_Titlecased",
        BinaryProperty::ChangesWhenTitlecased,
    ),
    (
        "Changes_When_Uppercased",
        BinaryProperty::ChangesWhenUppercased,
    ),
    ("DI", BinaryProperty::DefaultIgnorableCodePoint),
    ("Dash", BinaryProperty::Dash),
    (
        "Default_Ignorable_Code_Point",
        BinaryProperty::DefaultIgnorableCodePoint,
    ),
    ("Dep", BinaryProperty::Deprecated),
    ("Deprecated", BinaryProperty::Deprecated),
    ("Dia", BinaryProperty::Diacritic),
    ("Diacritic", BinaryProperty::Diacritic),
    ("EBase", BinaryProperty::EmojiModifierBase),
    ("EComp", BinaryProperty::EmojiComponent),
    ("EMod", BinaryProperty::EmojiModifier),
    ("EPres", BinaryProperty::EmojiPresentation),
    ("Emoji", BinaryProperty::Emoji),
    ("Emoji_Component", BinaryProperty::EmojiComponent),
    ("Emoji_Modifier", BinaryProperty::EmojiModifier),
    ("Emoji_Modifier_Base", BinaryProperty::EmojiModifierBase),
    ("Emoji_Presentation", BinaryProperty::EmojiPresentation),
    ("Ext", BinaryProperty::Extender),
    ("ExtPict", BinaryProperty::ExtendedPictographic),
    (
        "Extended_Pictographic",
        BinaryProperty::ExtendedPictographic,
    ),
    ("Extender", BinaryProperty::Extender),
    ("Gr_Base", BinaryProperty::GraphemeBase),
    ("Gr_Ext", BinaryProperty::GraphemeExtend),
    ("Grapheme_Base", BinaryProperty::GraphemeBase),
    ("Grapheme_Extend", BinaryProperty::GraphemeExtend),
    ("Hex", BinaryProperty::HexDigit),
    ("Hex_Digit", BinaryProperty::HexDigit),
    ("IDC", BinaryProperty::IdContinue),
    ("IDS", BinaryProperty::IdStart),
    ("IDSB", BinaryProperty::IdsBinaryOperator),
    ("IDST", BinaryProperty::IdsTrinaryOperator),
    ("IDS_Binary_Operator", BinaryProperty::IdsBinaryOperator),
    ("IDS_Trinary_Operator", BinaryProperty::IdsTrinaryOperator),
    ("ID_Continue", BinaryProperty::IdContinue),
    ("ID_Start", BinaryProperty::IdStart),
    ("Ideo", BinaryProperty::Ideographic),
    ("Ideographic", BinaryProperty::Ideographic),
    ("Join_C", BinaryProperty::JoinControl),
    ("Join_Control", BinaryProperty::JoinControl),
    ("LOE", BinaryProperty::LogicalOrderException),
    (
        "Logical_Order_Exception",
        BinaryProperty::LogicalOrderException,
    ),
    ("Lower", BinaryProperty::Lowercase),
    ("Lowercase", BinaryProperty::Lowercase),
    ("Math", BinaryProperty::Math),
    ("NChar", BinaryProperty::NoncharacterCodePoint),
    (
        "Noncharacter_Code_Point",
        BinaryProperty::NoncharacterCodePoint,
    ),
    ("Pat_Syn", BinaryProperty::PatternSyntax),
    ("Pat_WS", BinaryProperty::PatternWhiteSpace),
    ("Pattern_Syntax", BinaryProperty::PatternSyntax),
    ("Pattern_White_Space", BinaryProperty::PatternWhiteSpace),
    ("QMark", BinaryProperty::QuotationMark),
    ("Quotation_Mark", BinaryProperty::QuotationMark),
    ("RI", BinaryProperty::RegionalIndicator),
    ("Radical", BinaryProperty::Radical),
    ("Regional_Indicator", BinaryProperty::RegionalIndicator),
    ("SD", BinaryProperty::SoftDotted),
    ("STerm", BinaryProperty::SentenceTerminal),
    ("Sentence_Terminal", BinaryProperty::SentenceTerminal),
    ("Soft_Dotted", BinaryProperty::SoftDotted),
    ("Term", BinaryProperty::TerminalPunctuation),
    ("Terminal_Punctuation", BinaryProperty::TerminalPunctuation),
    ("UIdeo", BinaryProperty::UnifiedIdeograph),
    ("Unified_Ideograph", BinaryProperty::UnifiedIdeograph),
    ("Upper", BinaryProperty::Uppercase),
    ("Uppercase", BinaryProperty::Uppercase),
    ("VS", BinaryProperty::VariationSelector),
    ("Variation_Selector", BinaryProperty::VariationSelector),
    ("White_Space", BinaryProperty::WhiteSpace),
    ("XIDC", BinaryProperty::XidContinue),
    ("XIDS", BinaryProperty::XidStart),
    ("XID_Continue", BinaryProperty::XidContinue),
    ("XID_Start", BinaryProperty::XidStart),
    ("space", BinaryProperty::WhiteSpace),
];
/// A property of strings of <https://tc39.es/ecma262/#table-binary-unicode-properties-of-strings> (`v` mode only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StringProperty {
    /// `Basic_Emoji`
    BasicEmoji,
    /// `Emoji_Keycap_Sequence`
    EmojiKeycapSequence,
    /// `RGI_Emoji`
    RgiEmoji,
    /// `RGI_Emoji_Flag_Sequence`
    RgiEmojiFlagSequence,
    /// `RGI_Emoji_Modifier_Sequence`
    RgiEmojiModifierSequence,
    /// `RGI_Emoji_Tag_Sequence`
    RgiEmojiTagSequence,
    /// `RGI_Emoji_ZWJ_Sequence`
    RgiEmojiZwjSequence,
}

impl StringProperty {
    /// The long name of the property (value) in Unicode's alias files.
    pub fn name(self) -> &'static str {
        match self {
            StringProperty::BasicEmoji => "Basic_Emoji",
            StringProperty::EmojiKeycapSequence => "Emoji_Keycap_Sequence",
            StringProperty::RgiEmoji => "RGI_Emoji",
            StringProperty::RgiEmojiFlagSequence => "RGI_Emoji_Flag_Sequence",
            StringProperty::RgiEmojiModifierSequence => "RGI_Emoji_Modifier_Sequence",
            StringProperty::RgiEmojiTagSequence => "RGI_Emoji_Tag_Sequence",
            StringProperty::RgiEmojiZwjSequence => "RGI_Emoji_ZWJ_Sequence",
        }
    }
}

/// Every property-of-strings name, sorted by name for binary search.
pub(crate) static STRING_PROPERTIES: &[(&str, StringProperty)] = &[
    ("Basic_Emoji", StringProperty::BasicEmoji),
    ("Emoji_Keycap_Sequence", StringProperty::EmojiKeycapSequence),
    ("RGI_Emoji", StringProperty::RgiEmoji),
    (
        "RGI_Emoji_Flag_Sequence",
        StringProperty::RgiEmojiFlagSequence,
    ),
    (
        "RGI_Emoji_Modifier_Sequence",
        StringProperty::RgiEmojiModifierSequence,
    ),
    (
        "RGI_Emoji_Tag_Sequence",
        StringProperty::RgiEmojiTagSequence,
    ),
    (
        "RGI_Emoji_ZWJ_Sequence",
        StringProperty::RgiEmojiZwjSequence,
    ),
];
