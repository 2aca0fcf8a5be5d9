//! Module-level rules: ExportedNames and ExportedBindings
//! (<https://tc39.es/ecma262/#sec-module-semantics-static-semantics-early-errors>,
//! <https://tc39.es/ecma262/#sec-exports-static-semantics-early-errors>). The parser checks
//! the well-formedness of string names and duplicate import attribute keys.

use super::scope::{bound_names, Scopes};
use super::{EarlyError, EarlyResult};
use crate::ast::{ModuleExportName, ModuleItem, Statement};
use crate::fxhash::FxHashMap;
use crate::Span;
use std::borrow::Cow;

/// "It is a Syntax Error if the ExportedNames of ModuleItemList contains any duplicate
/// entries", and "any element of the ExportedBindings of ModuleItemList does not also occur in
/// either the VarDeclaredNames of ModuleItemList, or the LexicallyDeclaredNames of
/// ModuleItemList". Runs after the walk, when `scopes` knows every top-level name.
pub(super) fn check_exports<'a>(items: &'a [ModuleItem], scopes: &Scopes<'a>) -> EarlyResult {
    let mut exported: FxHashMap<Cow<'a, str>, Span> = FxHashMap::default();
    let mut add = |key: Cow<'a, str>, span: Span| -> EarlyResult {
        if exported.insert(key.clone(), span).is_some() {
            return Err(EarlyError::new(
                format!("Duplicate export of '{key}'"),
                span,
            ));
        }
        Ok(())
    };
    for item in items {
        match item {
            ModuleItem::Statement(_) | ModuleItem::Import(_) => {}
            ModuleItem::ExportNamed(export) => {
                if let Some(declaration) = &export.declaration {
                    for id in declaration_bound_names(declaration) {
                        add(Cow::Borrowed(&id.name), id.span)?;
                    }
                }
                for specifier in &export.specifiers {
                    add(
                        export_name_key(&specifier.exported),
                        specifier.exported.span(),
                    )?;
                    if export.source.is_none() {
                        check_local_export(&specifier.local, scopes)?;
                    }
                }
            }
            ModuleItem::ExportDefault(export) => add(Cow::Borrowed("default"), export.span)?,
            ModuleItem::ExportAll(export) => {
                if let Some(name) = &export.exported {
                    add(export_name_key(name), name.span())?;
                }
            }
        }
    }
    Ok(())
}

/// `export { x }` without `from`: ReferencedBindings may not contain a StringLiteral, and `x`
/// must be declared at the module's top level.
fn check_local_export(local: &ModuleExportName, scopes: &Scopes<'_>) -> EarlyResult {
    match local {
        ModuleExportName::String(s) => Err(EarlyError::new(
            "A string export name needs a 'from' clause",
            s.span,
        )),
        ModuleExportName::Identifier(id) if !scopes.top_level_declares(&id.name) => {
            Err(EarlyError::new(
                format!("Export '{}' is not defined in module", id.name),
                id.span,
            ))
        }
        ModuleExportName::Identifier(_) => Ok(()),
    }
}

/// BoundNames of the declaration in `export var/let/const/function/class ...`.
fn declaration_bound_names(declaration: &Statement) -> Vec<&crate::ast::Identifier> {
    let mut names = Vec::new();
    match declaration {
        Statement::VariableDeclaration(d) => {
            for declarator in &d.declarations {
                bound_names(&declarator.id, &mut names);
            }
        }
        Statement::FunctionDeclaration(f) => names.extend(f.id.as_ref()),
        Statement::ClassDeclaration(c) => names.extend(c.id.as_ref()),
        _ => {}
    }
    names
}

/// The StringValue / SV of a ModuleExportName, for comparing names. The parser rejects string
/// names with unpaired surrogates, so the lossy conversion never merges two valid names.
fn export_name_key(name: &ModuleExportName) -> Cow<'_, str> {
    match name {
        ModuleExportName::Identifier(id) => Cow::Borrowed(&id.name),
        ModuleExportName::String(s) => Cow::Owned(String::from_utf16_lossy(&s.value)),
    }
}
