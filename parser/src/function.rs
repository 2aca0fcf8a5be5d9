//! Functions, arrow functions, methods and classes
//! (<https://tc39.es/ecma262/#sec-ecmascript-language-functions-and-classes>).

use crate::ast::*;
use crate::error::{PError, PResult};
use crate::parser::{reserved_class, Ctx, Parser, Reserved};
use crate::{ParseOptions, SyntaxError};
use moat_lexer::{Goal, TokenKind as K};

/// State saved around a function so its inner yields/awaits do not leak into the enclosing
/// cover-grammar checks.
struct Saved {
    ctx: Ctx,
    last_yield_await: Option<u32>,
    last_await_ident: Option<u32>,
}

impl<'a> Parser<'a> {
    fn save_for_function(&mut self) -> Saved {
        Saved {
            ctx: self.ctx,
            last_yield_await: self.last_yield_await.take(),
            last_await_ident: self.last_await_ident.take(),
        }
    }

    fn restore_after_function(&mut self, s: Saved) {
        self.ctx = s.ctx;
        self.last_yield_await = s.last_yield_await;
        self.last_await_ident = s.last_await_ident;
    }

    /// `function` / `function*` / `async function` declarations (the current token is
    /// `function`; `async` is already consumed when `is_async`).
    pub fn parse_function_declaration(&mut self, is_async: bool, start: u32) -> PResult<Statement> {
        let f = self.parse_function_declaration_node(is_async, start, false)?;
        Ok(Statement::FunctionDeclaration(Box::new(f)))
    }

    /// A function declaration; `anonymous_ok` for `export default function () {}`.
    pub fn parse_function_declaration_node(
        &mut self,
        is_async: bool,
        start: u32,
        anonymous_ok: bool,
    ) -> PResult<Function> {
        self.expect_and_advance(K::Function)?;
        let is_generator = self.eat(K::Star)?;
        // The name is bound in the enclosing scope, so the enclosing [Yield]/[Await] apply.
        let id = if anonymous_ok && self.at(K::LParen) {
            None
        } else {
            Some(self.parse_binding_identifier()?)
        };
        self.parse_function_rest(start, id, is_async, is_generator, FunctionKind::Normal)
    }

    /// A function expression (the current token is `function`).
    pub fn parse_function_expression(&mut self, is_async: bool, start: u32) -> PResult<Function> {
        self.expect_and_advance(K::Function)?;
        let is_generator = self.eat(K::Star)?;
        let id = if self.at(K::LParen) {
            None
        } else {
            // The name of a function expression is bound inside it: its own parameters apply.
            let saved = self.ctx;
            self.ctx.yield_ = is_generator;
            self.ctx.await_ = is_async;
            self.ctx.static_block = false;
            let id = self.parse_binding_identifier();
            self.ctx = saved;
            Some(id?)
        };
        self.parse_function_rest(start, id, is_async, is_generator, FunctionKind::Normal)
    }

    fn function_ctx(&self, is_async: bool, is_generator: bool) -> Ctx {
        Ctx {
            strict: self.ctx.strict,
            yield_: is_generator,
            await_: is_async,
            return_: true,
            in_: true,
            static_block: false,
            in_function: true,
            script_top: false,
            strict_outer: self.ctx.strict,
        }
    }

    /// Parameters and body of any non-arrow function.
    pub fn parse_function_rest(
        &mut self,
        start: u32,
        id: Option<Identifier>,
        is_async: bool,
        is_generator: bool,
        kind: FunctionKind,
    ) -> PResult<Function> {
        self.enter()?;
        let saved = self.save_for_function();
        self.ctx = self.function_ctx(is_async, is_generator);
        let r = self.parse_function_rest_inner(start, id, is_async, is_generator, kind);
        self.restore_after_function(saved);
        self.leave();
        r
    }

    fn parse_function_rest_inner(
        &mut self,
        start: u32,
        id: Option<Identifier>,
        is_async: bool,
        is_generator: bool,
        kind: FunctionKind,
    ) -> PResult<Function> {
        let params = self.parse_formal_parameters()?;
        if let Some(p) = self.last_yield_await {
            return self.err(
                "Yield or await expressions are not allowed in formal parameters",
                Span { start: p, end: p },
            );
        }
        match kind {
            FunctionKind::Getter if !params.items.is_empty() || params.rest.is_some() => {
                return self.err("Getter must not have any formal parameters", params.span);
            }
            FunctionKind::Setter if params.items.len() != 1 || params.rest.is_some() => {
                return self.err("Setter must have exactly one formal parameter", params.span);
            }
            _ => {}
        }
        let body = self.parse_function_body()?;
        let unique = !params.is_simple || kind != FunctionKind::Normal || body.strict;
        self.check_params(&params, &body, unique)?;
        if body.has_use_strict && !self.ctx.strict_outer {
            if let Some(id) = &id {
                self.check_strict_name(id)?;
            }
        }
        Ok(Function {
            id,
            params,
            body,
            is_async,
            is_generator,
            kind,
            span: self.span_from(start),
        })
    }

    /// Strict-mode restrictions applied retroactively to a name parsed in sloppy context.
    fn check_strict_name(&self, id: &Identifier) -> PResult<()> {
        if &*id.name == "eval" || &*id.name == "arguments" {
            return self.err(
                format!(
                    "Unexpected eval or arguments in strict mode ('{}')",
                    id.name
                ),
                id.span,
            );
        }
        if matches!(reserved_class(&id.name), Reserved::Strict | Reserved::Yield) {
            return self.err(
                format!("Unexpected strict mode reserved word '{}'", id.name),
                id.span,
            );
        }
        Ok(())
    }

    /// Early errors shared by all parameter lists
    /// (<https://tc39.es/ecma262/#sec-function-definitions-static-semantics-early-errors>).
    fn check_params(
        &self,
        params: &FormalParameters,
        body: &FunctionBody,
        unique: bool,
    ) -> PResult<()> {
        if body.has_use_strict && !params.is_simple {
            return self.err(
                "Illegal 'use strict' directive in function with non-simple parameter list",
                body.span,
            );
        }
        let retro = body.has_use_strict && !self.ctx.strict_outer;
        if !retro && !unique {
            return Ok(());
        }
        let mut names = Vec::new();
        for p in params.items.iter().chain(params.rest.as_deref()) {
            crate::pattern::bound_names(p, &mut names);
        }
        if retro {
            for id in &names {
                self.check_strict_name(id)?;
            }
        }
        if unique && names.len() > 1 {
            if let Some(id) = first_repeated_name(&names) {
                return self.err(
                    "Duplicate parameter name not allowed in this context",
                    id.span,
                );
            }
        }
        Ok(())
    }

    /// <https://tc39.es/ecma262/#prod-FormalParameters>, including the parentheses.
    pub fn parse_formal_parameters(&mut self) -> PResult<FormalParameters> {
        let start = self.tok.span.start;
        self.expect_and_advance(K::LParen)?;
        let mut items = Vec::new();
        let mut rest = None;
        let mut is_simple = true;
        while !self.at(K::RParen) {
            if self.at(K::Ellipsis) {
                self.advance()?;
                rest = Some(Box::new(self.parse_binding_target()?));
                is_simple = false;
                if !self.at(K::RParen) {
                    return self.err(
                        "Rest parameter must be last formal parameter",
                        self.tok.span,
                    );
                }
                break;
            }
            let p = self.parse_binding_element()?;
            if !matches!(p, Pattern::Identifier(_)) {
                is_simple = false;
            }
            items.push(p);
            if !self.eat(K::Comma)? {
                break;
            }
        }
        self.expect_and_advance(K::RParen)?;
        Ok(FormalParameters {
            items,
            rest,
            is_simple,
            span: self.span_from(start),
        })
    }

    /// `{ FunctionBody }` in the current (function) context.
    fn parse_function_body(&mut self) -> PResult<FunctionBody> {
        let start = self.tok.span.start;
        self.expect_and_advance(K::LBrace)?;
        self.ctx.strict_outer = self.ctx.strict;
        let (statements, has_use_strict) =
            self.parse_directives_and_statements(false, K::RBrace)?;
        self.expect_and_advance(K::RBrace)?;
        Ok(FunctionBody {
            statements,
            strict: self.ctx.strict,
            has_use_strict,
            is_expression: false,
            span: self.span_from(start),
        })
    }

    /// After arrow parameters: `=> ConciseBody` (<https://tc39.es/ecma262/#prod-ArrowFunction>).
    pub fn parse_arrow_rest(
        &mut self,
        start: u32,
        params: FormalParameters,
        is_async: bool,
    ) -> PResult<Expression> {
        self.expect_and_advance(K::Arrow)?;
        self.enter()?;
        let saved = self.save_for_function();
        let in_ = self.ctx.in_;
        self.ctx = Ctx {
            in_,
            in_function: self.ctx.in_function,
            ..self.function_ctx(is_async, false)
        };
        let r = self.parse_arrow_body(start, params, is_async);
        self.restore_after_function(saved);
        self.leave();
        r
    }

    fn parse_arrow_body(
        &mut self,
        start: u32,
        params: FormalParameters,
        is_async: bool,
    ) -> PResult<Expression> {
        let body = if self.at(K::LBrace) {
            self.parse_function_body()?
        } else {
            let body_start = self.tok.span.start;
            self.ctx.strict_outer = self.ctx.strict;
            let e = self.parse_assignment()?;
            let span = self.span_from(body_start);
            FunctionBody {
                statements: vec![Statement::Return(ReturnStatement {
                    argument: Some(e),
                    span,
                })],
                strict: self.ctx.strict,
                has_use_strict: false,
                is_expression: true,
                span,
            }
        };
        self.check_params(&params, &body, true)?;
        Ok(Expression::Arrow(Box::new(Function {
            id: None,
            params,
            body,
            is_async,
            is_generator: false,
            kind: FunctionKind::Arrow,
            span: self.span_from(start),
        })))
    }

    /// A method's parameters and body (object literals and classes).
    pub fn parse_method(
        &mut self,
        start: u32,
        kind: FunctionKind,
        is_async: bool,
        is_generator: bool,
    ) -> PResult<Function> {
        self.parse_function_rest(start, None, is_async, is_generator, kind)
    }

    // -----------------------------------------------------------------------------------------
    // Classes
    // -----------------------------------------------------------------------------------------

    /// <https://tc39.es/ecma262/#prod-ClassDeclaration> / ClassExpression. All parts are strict.
    pub fn parse_class(&mut self, is_declaration: bool, anonymous_ok: bool) -> PResult<Class> {
        self.enter()?;
        let saved = self.ctx;
        self.ctx.strict = true;
        let r = self.parse_class_inner(is_declaration, anonymous_ok);
        self.ctx = saved;
        self.leave();
        r
    }

    fn parse_class_inner(&mut self, is_declaration: bool, anonymous_ok: bool) -> PResult<Class> {
        let start = self.tok.span.start;
        self.expect_and_advance(K::Class)?;
        let id = if crate::parser::is_identifier_kind(self.tok.kind) {
            Some(self.parse_binding_identifier()?)
        } else {
            if is_declaration && !anonymous_ok {
                return Err(self.unexpected());
            }
            None
        };
        let super_class = if self.eat(K::Extends)? {
            let s = self.tok.span.start;
            let mark = self.cover_errors.len();
            let e = self.parse_lhs()?;
            self.no_bare_arrow(&e)?;
            self.check_cover_errors(mark)?;
            let _ = s;
            Some(Box::new(e))
        } else {
            None
        };
        self.expect_and_advance(K::LBrace)?;
        let mut body = Vec::new();
        let mut has_constructor = false;
        let derived = super_class.is_some();
        while !self.at(K::RBrace) {
            if self.eat(K::Semicolon)? {
                continue;
            }
            if self.at(K::Eof) {
                return Err(self.unexpected());
            }
            let el = self.parse_class_element(derived)?;
            if let ClassElement::Method {
                kind: MethodKind::Constructor,
                span,
                ..
            } = &el
            {
                if has_constructor {
                    return self.err("A class may only have one constructor", *span);
                }
                has_constructor = true;
            }
            body.push(el);
        }
        self.advance()?;
        Ok(Class {
            id,
            super_class,
            body,
            span: self.span_from(start),
        })
    }

    /// <https://tc39.es/ecma262/#prod-ClassElement>
    fn parse_class_element(&mut self, derived: bool) -> PResult<ClassElement> {
        let start = self.tok.span.start;
        let mut is_static = false;
        if self.at_contextual(K::Static) {
            let (next, _) = self.peek()?;
            if !matches!(next, K::LParen | K::Eq | K::Semicolon | K::RBrace) {
                self.advance()?;
                is_static = true;
                if self.at(K::LBrace) {
                    return self.parse_static_block(start);
                }
            }
        }
        // The source text of a method (Function.prototype.toString) is its MethodDefinition:
        // from `get`, `set`, `async`, `*` or the key's `[`, after any `static`.
        let method_start = self.tok.span.start;
        let mut is_async = false;
        let mut is_generator = false;
        let mut kind = MethodKind::Method;
        if self.at_contextual(K::Async) {
            let (next, nl) = self.peek()?;
            if !nl && !matches!(next, K::LParen | K::Eq | K::Semicolon | K::RBrace) {
                self.advance()?;
                is_async = true;
            }
        }
        if self.eat(K::Star)? {
            is_generator = true;
        }
        if !is_async && !is_generator && (self.at_contextual(K::Get) || self.at_contextual(K::Set))
        {
            let (is_name, _) = self.next_is_property_name(false)?;
            if is_name {
                kind = if self.at(K::Get) {
                    MethodKind::Get
                } else {
                    MethodKind::Set
                };
                self.advance()?;
            }
        }
        let key = self.parse_property_key(true)?;
        let is_modified = is_async || is_generator || kind != MethodKind::Method;
        if self.at(K::LParen) || is_modified {
            let is_constructor = !is_static && key.is_static_name("constructor");
            if is_constructor {
                if is_modified {
                    return self.err(
                        "Class constructor may not be an accessor, generator or async",
                        key.span(),
                    );
                }
                kind = MethodKind::Constructor;
            }
            if is_static && key.is_static_name("prototype") {
                return self.err(
                    "Classes may not have a static property named 'prototype'",
                    key.span(),
                );
            }
            let fkind = match kind {
                MethodKind::Get => FunctionKind::Getter,
                MethodKind::Set => FunctionKind::Setter,
                MethodKind::Constructor if derived => FunctionKind::DerivedConstructor,
                MethodKind::Constructor => FunctionKind::ClassConstructor,
                MethodKind::Method => FunctionKind::Method,
            };
            let value = self.parse_method(method_start, fkind, is_async, is_generator)?;
            return Ok(ClassElement::Method {
                key,
                kind,
                is_static,
                value: Box::new(value),
                span: self.span_from(start),
            });
        }
        // FieldDefinition
        if key.is_static_name("constructor") {
            return self.err(
                "Classes may not have a field named 'constructor'",
                key.span(),
            );
        }
        if is_static && key.is_static_name("prototype") {
            return self.err(
                "Classes may not have a static property named 'prototype'",
                key.span(),
            );
        }
        let value = if self.eat(K::Eq)? {
            let saved = self.save_for_function();
            self.ctx = Ctx {
                static_block: false,
                ..self.function_ctx(false, false)
            };
            self.ctx.return_ = false;
            let r = self.parse_assignment_in();
            self.restore_after_function(saved);
            Some(Box::new(r?))
        } else {
            None
        };
        self.consume_semicolon()?;
        Ok(ClassElement::Field {
            key,
            is_static,
            value,
            span: self.span_from(start),
        })
    }

    /// `static { ... }` (<https://tc39.es/ecma262/#prod-ClassStaticBlock>).
    fn parse_static_block(&mut self, start: u32) -> PResult<ClassElement> {
        self.expect_and_advance(K::LBrace)?;
        let saved = self.save_for_function();
        self.ctx = Ctx {
            static_block: true,
            return_: false,
            ..self.function_ctx(false, false)
        };
        let r = (|| {
            let mark = self.stmt_scratch.len();
            while !self.at(K::RBrace) {
                if self.at(K::Eof) {
                    return Err(self.unexpected());
                }
                let stmt = self.parse_statement_list_item()?;
                self.stmt_scratch.push(stmt);
            }
            Ok(self.take_statements(mark))
        })();
        self.restore_after_function(saved);
        let body = r?;
        self.expect_and_advance(K::RBrace)?;
        Ok(ClassElement::StaticBlock {
            body,
            span: self.span_from(start),
        })
    }
}

/// CreateDynamicFunction's parsing steps (<https://tc39.es/ecma262/#sec-createdynamicfunction>):
/// the parameters and the body are each parsed on their own, then the assembled source text
/// `function anonymous(P\n) {\nB\n}` is parsed; spans refer to that assembled text.
pub(crate) fn parse_function_parts(
    params: &str,
    body: &str,
    kind: crate::FunctionKind,
) -> Result<Function, SyntaxError> {
    use crate::FunctionKind as F;
    let (is_async, is_generator) = match kind {
        F::Normal => (false, false),
        F::Generator => (false, true),
        F::Async => (true, false),
        F::AsyncGenerator => (true, true),
    };
    let prefix = match kind {
        F::Normal => "function",
        F::Generator => "function*",
        F::Async => "async function",
        F::AsyncGenerator => "async function*",
    };
    let options = ParseOptions::default();
    // 1. The parameters alone must be FormalParameters.
    {
        let wrapped = format!("({params}\n)");
        let mut p = Parser::new(&wrapped, Goal::Script, &options)
            .map_err(|e| e.into_syntax_error(&wrapped))?;
        p.ctx = p.function_ctx(is_async, is_generator);
        let r = p.parse_formal_parameters().and_then(|_| {
            if p.at(K::Eof) {
                Ok(())
            } else {
                Err(p.unexpected())
            }
        });
        r.map_err(|e| e.into_syntax_error(&wrapped))?;
    }
    // 2. The body alone must be a FunctionBody.
    {
        let wrapped = format!("\n{body}\n");
        let mut p = Parser::new(&wrapped, Goal::Script, &options)
            .map_err(|e| e.into_syntax_error(&wrapped))?;
        p.ctx = p.function_ctx(is_async, is_generator);
        p.parse_directives_and_statements(false, K::Eof)
            .map_err(|e| e.into_syntax_error(&wrapped))?;
    }
    // 3. The assembled source.
    let source = format!("{prefix} anonymous({params}\n) {{\n{body}\n}}");
    let mut p =
        Parser::new(&source, Goal::Script, &options).map_err(|e| e.into_syntax_error(&source))?;
    let r = (|| -> PResult<Function> {
        let start = p.tok.span.start;
        if is_async {
            p.bump()?;
        }
        let f = p.parse_function_expression(is_async, start)?;
        if !p.at(K::Eof) {
            return Err(p.unexpected());
        }
        Ok(f)
    })();
    let function = r.map_err(|e: Box<PError>| e.into_syntax_error(&source))?;
    crate::early::check_function(&function)
        .map_err(|e| PError::new(e.message, e.span).into_syntax_error(&source))?;
    Ok(function)
}

/// The first name in `names` that repeats an earlier one. Short lists (nearly all parameter
/// lists) are compared pairwise, which beats building a hash set; long ones use a set so that
/// hostile input stays linear.
fn first_repeated_name<'n>(names: &[&'n Identifier]) -> Option<&'n Identifier> {
    const PAIRWISE_MAX: usize = 16;
    if names.len() <= PAIRWISE_MAX {
        for (j, later) in names.iter().enumerate() {
            if names[..j].iter().any(|earlier| earlier.name == later.name) {
                return Some(later);
            }
        }
        return None;
    }
    let mut seen =
        crate::fxhash::FxHashSet::with_capacity_and_hasher(names.len(), Default::default());
    names.iter().find(|id| !seen.insert(&*id.name)).copied()
}
