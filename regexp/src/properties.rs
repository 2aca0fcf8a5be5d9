//! Resolving the text of `\p{…}` to a typed Unicode property, with the
//! early errors of <https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>
//! for `UnicodePropertyValueExpression`.

pub use crate::property_tables::{BinaryProperty, GeneralCategory, Script, StringProperty};
use crate::property_tables::{
    BINARY_PROPERTIES, GENERAL_CATEGORY_VALUES, SCRIPT_VALUES, STRING_PROPERTIES,
};

/// What a `\p{…}` escape denotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnicodeProperty {
    /// `\p{L}`, `\p{gc=L}`, `\p{General_Category=Letter}`, …
    GeneralCategory(GeneralCategory),
    /// `\p{sc=Latn}`, `\p{Script=Latin}`
    Script(Script),
    /// `\p{scx=Latn}`, `\p{Script_Extensions=Latin}`
    ScriptExtensions(Script),
    /// `\p{ASCII}`, `\p{Alpha}`, …
    Binary(BinaryProperty),
    /// `\p{RGI_Emoji}`, … (`v` mode only; matches strings).
    Strings(StringProperty),
}

impl UnicodeProperty {
    /// Whether this is a property of strings (may match more than one code
    /// point), which makes a class `MayContainStrings`.
    pub fn is_property_of_strings(self) -> bool {
        matches!(self, UnicodeProperty::Strings(_))
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    let index = table.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    table.get(index).map(|(_, v)| *v)
}

/// Resolves `name=value` (when `value` is `Some`) or a lone name, per
/// <https://tc39.es/ecma262/#sec-compiletocharset> (UnicodeMatchProperty and
/// UnicodeMatchPropertyValue: exact, case-sensitive names only). Properties
/// of strings are only recognised when `unicode_sets` is set. `None` means
/// the expression is a SyntaxError.
pub(crate) fn resolve_property(
    name: &str,
    value: Option<&str>,
    unicode_sets: bool,
) -> Option<UnicodeProperty> {
    match value {
        Some(value) => match name {
            "General_Category" | "gc" => {
                lookup(GENERAL_CATEGORY_VALUES, value).map(UnicodeProperty::GeneralCategory)
            }
            "Script" | "sc" => lookup(SCRIPT_VALUES, value).map(UnicodeProperty::Script),
            "Script_Extensions" | "scx" => {
                lookup(SCRIPT_VALUES, value).map(UnicodeProperty::ScriptExtensions)
            }
            _ => None,
        },
        None => lookup(GENERAL_CATEGORY_VALUES, name)
            .map(UnicodeProperty::GeneralCategory)
            .or_else(|| lookup(BINARY_PROPERTIES, name).map(UnicodeProperty::Binary))
            .or_else(|| {
                if unicode_sets {
                    lookup(STRING_PROPERTIES, name).map(UnicodeProperty::Strings)
                } else {
                    None
                }
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted<T>(table: &[(&str, T)]) -> bool {
        table.windows(2).all(|w| match w {
            [a, b] => a.0 < b.0,
            _ => true,
        })
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(sorted(GENERAL_CATEGORY_VALUES));
        assert!(sorted(SCRIPT_VALUES));
        assert!(sorted(BINARY_PROPERTIES));
        assert!(sorted(STRING_PROPERTIES));
    }

    #[test]
    fn resolves_names_and_aliases() {
        let letter = Some(UnicodeProperty::GeneralCategory(GeneralCategory::Letter));
        assert_eq!(resolve_property("L", None, false), letter);
        assert_eq!(resolve_property("Letter", None, false), letter);
        assert_eq!(resolve_property("gc", Some("L"), false), letter);
        assert_eq!(
            resolve_property("General_Category", Some("Letter"), false),
            letter
        );
        assert_eq!(
            resolve_property("sc", Some("Qaac"), false),
            Some(UnicodeProperty::Script(Script::Coptic))
        );
        assert_eq!(
            resolve_property("scx", Some("Hrkt"), false),
            Some(UnicodeProperty::ScriptExtensions(
                Script::KatakanaOrHiragana
            ))
        );
        assert_eq!(
            resolve_property("Alpha", None, false),
            Some(UnicodeProperty::Binary(BinaryProperty::Alphabetic))
        );
        assert_eq!(
            resolve_property("RGI_Emoji", None, true),
            Some(UnicodeProperty::Strings(StringProperty::RgiEmoji))
        );
        assert_eq!(GeneralCategory::Letter.name(), "Letter");
        assert_eq!(Script::Coptic.name(), "Coptic");
    }

    #[test]
    fn rejects_invalid_expressions() {
        for (name, value) in [
            ("ascii", None),
            ("Script", None),
            ("General_Category", None),
            ("L", Some("L")),
            ("gc", Some("Latin")),
            ("sc", Some("L")),
            ("ASCII", Some("Y")),
            ("Block", Some("Basic_Latin")),
            ("RGI_Emoji", None),
            ("IsLatin", None),
            ("InLatin", None),
        ] {
            assert_eq!(
                resolve_property(name, value, false),
                None,
                "{name} {value:?}"
            );
        }
    }
}
