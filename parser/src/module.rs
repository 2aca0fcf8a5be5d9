//! Module items: import and export declarations (<https://tc39.es/ecma262/#sec-modules>).

use crate::ast::*;
use crate::error::PResult;
use crate::parser::{is_identifier_kind, reserved_class, Parser, Reserved};
use moat_lexer::TokenKind as K;

impl<'a> Parser<'a> {
    /// <https://tc39.es/ecma262/#prod-ModuleItemList>
    pub fn parse_module_items(&mut self) -> PResult<Vec<ModuleItem>> {
        let mut items = Vec::new();
        while !self.at(K::Eof) {
            let item = match self.tok.kind {
                K::Import => {
                    let (next, _) = self.peek()?;
                    if next == K::LParen || next == K::Dot {
                        ModuleItem::Statement(self.parse_statement_list_item()?)
                    } else {
                        ModuleItem::Import(Box::new(self.parse_import_declaration()?))
                    }
                }
                K::Export => self.parse_export_declaration()?,
                _ => ModuleItem::Statement(self.parse_statement_list_item()?),
            };
            items.push(item);
        }
        Ok(items)
    }

    /// <https://tc39.es/ecma262/#prod-ImportDeclaration>
    fn parse_import_declaration(&mut self) -> PResult<ImportDeclaration> {
        let start = self.tok.span.start;
        self.advance()?;
        let mut default = None;
        let mut namespace = None;
        let mut specifiers = Vec::new();
        if self.at(K::String) {
            let source = self.parse_module_specifier()?;
            let attributes = self.parse_with_clause()?;
            self.consume_semicolon()?;
            return Ok(ImportDeclaration {
                default,
                namespace,
                specifiers,
                source,
                attributes,
                span: self.span_from(start),
            });
        }
        let mut need_more = true;
        if is_identifier_kind(self.tok.kind) {
            default = Some(self.parse_binding_identifier()?);
            need_more = self.eat(K::Comma)?;
        }
        if need_more {
            if self.eat(K::Star)? {
                if !self.at_contextual(K::As) {
                    return Err(self.unexpected());
                }
                self.advance()?;
                namespace = Some(self.parse_binding_identifier()?);
            } else if self.at(K::LBrace) {
                specifiers = self.parse_import_specifiers()?;
            } else {
                return Err(self.unexpected());
            }
        }
        if !self.at_contextual(K::From) {
            return Err(self.unexpected());
        }
        self.advance()?;
        let source = self.parse_module_specifier()?;
        let attributes = self.parse_with_clause()?;
        self.consume_semicolon()?;
        Ok(ImportDeclaration {
            default,
            namespace,
            specifiers,
            source,
            attributes,
            span: self.span_from(start),
        })
    }

    fn parse_import_specifiers(&mut self) -> PResult<Vec<ImportSpecifier>> {
        self.expect_and_advance(K::LBrace)?;
        let mut specs = Vec::new();
        while !self.at(K::RBrace) {
            let start = self.tok.span.start;
            let name_kind = self.tok.kind;
            let imported = self.parse_module_export_name()?;
            let local = if self.at_contextual(K::As) {
                self.advance()?;
                self.parse_binding_identifier()?
            } else {
                match &imported {
                    ModuleExportName::Identifier(id) => {
                        if !is_identifier_kind(name_kind) && name_kind != K::Identifier {
                            return self
                                .err(format!("Unexpected reserved word '{}'", id.name), id.span);
                        }
                        self.check_identifier(&id.name, id.span)?;
                        self.check_binding_name(id)?;
                        id.clone()
                    }
                    ModuleExportName::String(s) => {
                        return self.err("A string import name needs 'as'", s.span);
                    }
                }
            };
            specs.push(ImportSpecifier {
                imported,
                local,
                span: self.span_from(start),
            });
            if !self.eat(K::Comma)? {
                break;
            }
        }
        self.expect_and_advance(K::RBrace)?;
        Ok(specs)
    }

    /// <https://tc39.es/ecma262/#prod-ModuleExportName>
    fn parse_module_export_name(&mut self) -> PResult<ModuleExportName> {
        if self.at(K::String) {
            let tok = self.bump()?;
            let s = self.string_literal(tok)?;
            if !is_well_formed(&s.value) {
                return self.err("Module export names must be well-formed Unicode", s.span);
            }
            return Ok(ModuleExportName::String(s));
        }
        Ok(ModuleExportName::Identifier(self.parse_identifier_name()?))
    }

    fn parse_module_specifier(&mut self) -> PResult<StringLiteral> {
        if !self.at(K::String) {
            return Err(self.unexpected());
        }
        let tok = self.bump()?;
        self.string_literal(tok)
    }

    /// `with { key: "value", ... }` (<https://tc39.es/ecma262/#prod-WithClause>).
    fn parse_with_clause(&mut self) -> PResult<Vec<ImportAttribute>> {
        let mut attrs: Vec<ImportAttribute> = Vec::new();
        if !self.at(K::With) {
            return Ok(attrs);
        }
        self.advance()?;
        self.expect_and_advance(K::LBrace)?;
        while !self.at(K::RBrace) {
            let start = self.tok.span.start;
            let key = if self.at(K::String) {
                let tok = self.bump()?;
                ModuleExportName::String(self.string_literal(tok)?)
            } else {
                ModuleExportName::Identifier(self.parse_identifier_name()?)
            };
            self.expect_and_advance(K::Colon)?;
            let value = self.parse_module_specifier()?;
            let key_units = |k: &ModuleExportName| -> Vec<u16> {
                match k {
                    ModuleExportName::Identifier(i) => i.name.encode_utf16().collect(),
                    ModuleExportName::String(s) => s.value.to_vec(),
                }
            };
            let units = key_units(&key);
            if attrs.iter().any(|a| key_units(&a.key) == units) {
                return self.err("Duplicate import attribute key", key.span());
            }
            attrs.push(ImportAttribute {
                key,
                value,
                span: self.span_from(start),
            });
            if !self.eat(K::Comma)? {
                break;
            }
        }
        self.expect_and_advance(K::RBrace)?;
        Ok(attrs)
    }

    /// <https://tc39.es/ecma262/#prod-ExportDeclaration>
    fn parse_export_declaration(&mut self) -> PResult<ModuleItem> {
        let start = self.tok.span.start;
        self.advance()?;
        match self.tok.kind {
            K::Star => {
                self.advance()?;
                let exported = if self.at_contextual(K::As) {
                    self.advance()?;
                    Some(self.parse_module_export_name()?)
                } else {
                    None
                };
                if !self.at_contextual(K::From) {
                    return Err(self.unexpected());
                }
                self.advance()?;
                let source = self.parse_module_specifier()?;
                let attributes = self.parse_with_clause()?;
                self.consume_semicolon()?;
                Ok(ModuleItem::ExportAll(Box::new(ExportAllDeclaration {
                    exported,
                    source,
                    attributes,
                    span: self.span_from(start),
                })))
            }
            K::LBrace => {
                self.advance()?;
                let mut specifiers = Vec::new();
                // Local names that would be invalid references unless a `from` clause follows.
                let mut bad_local: Option<Span> = None;
                while !self.at(K::RBrace) {
                    let s = self.tok.span.start;
                    let kind = self.tok.kind;
                    let local = self.parse_module_export_name()?;
                    if bad_local.is_none() {
                        match &local {
                            ModuleExportName::String(st) => bad_local = Some(st.span),
                            ModuleExportName::Identifier(id) => {
                                let reserved = !matches!(reserved_class(&id.name), Reserved::No);
                                if reserved || !(is_identifier_kind(kind) || kind == K::Identifier)
                                {
                                    bad_local = Some(id.span);
                                }
                            }
                        }
                    }
                    let exported = if self.at_contextual(K::As) {
                        self.advance()?;
                        self.parse_module_export_name()?
                    } else {
                        local.clone()
                    };
                    specifiers.push(ExportSpecifier {
                        local,
                        exported,
                        span: self.span_from(s),
                    });
                    if !self.eat(K::Comma)? {
                        break;
                    }
                }
                self.expect_and_advance(K::RBrace)?;
                let mut source = None;
                let mut attributes = Vec::new();
                if self.at_contextual(K::From) {
                    self.advance()?;
                    source = Some(self.parse_module_specifier()?);
                    attributes = self.parse_with_clause()?;
                } else if let Some(span) = bad_local {
                    return self.err("Invalid local name in export", span);
                }
                self.consume_semicolon()?;
                Ok(ModuleItem::ExportNamed(Box::new(ExportNamedDeclaration {
                    declaration: None,
                    specifiers,
                    source,
                    attributes,
                    span: self.span_from(start),
                })))
            }
            K::Default => {
                self.advance()?;
                let kind = self.parse_export_default()?;
                Ok(ModuleItem::ExportDefault(Box::new(
                    ExportDefaultDeclaration {
                        kind,
                        span: self.span_from(start),
                    },
                )))
            }
            K::Var | K::Let | K::Const | K::Function | K::Class | K::Async => {
                if self.at(K::Async) {
                    let (next, nl) = self.peek()?;
                    if next != K::Function || nl || self.tok.escaped {
                        return Err(self.unexpected());
                    }
                }
                if self.at(K::Let) && self.tok.escaped {
                    return Err(self.unexpected());
                }
                let declaration = self.parse_statement_list_item()?;
                Ok(ModuleItem::ExportNamed(Box::new(ExportNamedDeclaration {
                    declaration: Some(declaration),
                    specifiers: Vec::new(),
                    source: None,
                    attributes: Vec::new(),
                    span: self.span_from(start),
                })))
            }
            _ => Err(self.unexpected()),
        }
    }

    fn parse_export_default(&mut self) -> PResult<ExportDefaultKind> {
        let start = self.tok.span.start;
        let kind = self.tok.kind;
        match kind {
            K::Function => Ok(ExportDefaultKind::Function(Box::new(
                self.parse_function_declaration_node(false, start, true)?,
            ))),
            K::Class => Ok(ExportDefaultKind::Class(Box::new(
                self.parse_class(true, true)?,
            ))),
            K::Async
                if !self.tok.escaped && {
                    let (next, nl) = self.peek()?;
                    next == K::Function && !nl
                } =>
            {
                self.advance()?;
                Ok(ExportDefaultKind::Function(Box::new(
                    self.parse_function_declaration_node(true, start, true)?,
                )))
            }
            _ => {
                let e = self.parse_assignment_in()?;
                self.consume_semicolon()?;
                Ok(ExportDefaultKind::Expression(e))
            }
        }
    }
}

/// IsStringWellFormedUnicode.
fn is_well_formed(units: &[u16]) -> bool {
    char::decode_utf16(units.iter().copied()).all(|r| r.is_ok())
}
