//! Private names: PrivateBoundIdentifiers of each class body and AllPrivateIdentifiersValid
//! (<https://tc39.es/ecma262/#sec-class-definitions-static-semantics-early-errors>,
//! <https://tc39.es/ecma262/#sec-static-semantics-allprivateidentifiersvalid>).

use super::{EarlyError, EarlyResult, OuterPrivateNames};
use crate::ast::{ClassElement, Identifier, MethodKind, PropertyKey};
use crate::fxhash::{FxHashMap, FxHashSet};

/// How a private name is declared within one class body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Declared {
    /// A field, a method, or an accessor pair that is already complete.
    Complete,
    Getter {
        is_static: bool,
    },
    Setter {
        is_static: bool,
    },
}

/// The private environments enclosing the walker's position.
#[derive(Debug)]
pub(super) struct PrivateNames<'a> {
    /// Innermost class last.
    classes: Vec<FxHashSet<&'a str>>,
    /// Names declared around eval code (empty for ordinary scripts and modules).
    outer: FxHashSet<Box<str>>,
}

impl<'a> PrivateNames<'a> {
    pub(super) fn new(outer: OuterPrivateNames<'_>) -> Self {
        let outer = match outer {
            OuterPrivateNames::None => FxHashSet::default(),
            OuterPrivateNames::Known(names) => names.iter().map(|n| Box::from(*n)).collect(),
        };
        PrivateNames {
            classes: Vec::new(),
            outer,
        }
    }

    /// Opens the private environment of a class body after checking its PrivateBoundIdentifiers:
    /// no `#constructor`, and no name declared twice except as one getter plus one setter of
    /// the same placement ("PrivateBoundIdentifiers of ClassElementList contains any duplicate
    /// entries, unless the name is used once for a getter and once for a setter and in no
    /// other entries, and either both or neither are static").
    pub(super) fn enter_class(&mut self, elements: &'a [ClassElement]) -> EarlyResult {
        let mut declared: FxHashMap<&'a str, Declared> = FxHashMap::default();
        for element in elements {
            let (key, this) = match element {
                ClassElement::Method {
                    key,
                    kind,
                    is_static,
                    ..
                } => {
                    let is_static = *is_static;
                    let this = match kind {
                        MethodKind::Get => Declared::Getter { is_static },
                        MethodKind::Set => Declared::Setter { is_static },
                        MethodKind::Method | MethodKind::Constructor => Declared::Complete,
                    };
                    (key, this)
                }
                ClassElement::Field { key, .. } => (key, Declared::Complete),
                ClassElement::StaticBlock { .. } => continue,
            };
            let PropertyKey::PrivateName(id) = key else {
                continue;
            };
            let name: &'a str = &id.name;
            if name == "constructor" {
                return Err(EarlyError::new(
                    "Classes may not have a private field named '#constructor'",
                    id.span,
                ));
            }
            match declared.get(name).copied() {
                None => {
                    declared.insert(name, this);
                }
                Some(Declared::Getter { is_static: a })
                    if this == Declared::Setter { is_static: a } =>
                {
                    declared.insert(name, Declared::Complete);
                }
                Some(Declared::Setter { is_static: a })
                    if this == Declared::Getter { is_static: a } =>
                {
                    declared.insert(name, Declared::Complete);
                }
                Some(_) => {
                    return Err(EarlyError::new(
                        format!("Identifier '#{name}' has already been declared"),
                        id.span,
                    ))
                }
            }
        }
        self.classes.push(declared.into_keys().collect());
        Ok(())
    }

    pub(super) fn leave_class(&mut self) {
        self.classes.pop();
    }

    /// A `#name` used in `o.#name`, `o?.#name` or `#name in o` must be declared by an
    /// enclosing class (AllPrivateIdentifiersValid).
    pub(super) fn check_reference(&self, id: &Identifier) -> EarlyResult {
        let name: &str = &id.name;
        if self.classes.iter().rev().any(|class| class.contains(name)) {
            return Ok(());
        }
        if self.outer.contains(name) {
            return Ok(());
        }
        Err(EarlyError::new(
            format!("Private field '#{name}' must be declared in an enclosing class"),
            id.span,
        ))
    }
}
