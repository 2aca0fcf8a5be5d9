//! Statements and declarations (<https://tc39.es/ecma262/#sec-ecmascript-language-statements-and-declarations>).

use crate::ast::*;
use crate::error::PResult;
use crate::parser::{is_identifier_kind, Parser};
use moat_lexer::TokenKind as K;

/// Where a single Statement (not a StatementListItem) is being parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    /// `if (...) S` / `else S`: Annex B allows a plain function declaration in sloppy code.
    If,
    /// Loop bodies: no declarations, no labelled functions.
    Loop,
    /// `with` bodies, labelled statements.
    Other,
    /// Body of a labelled statement: sloppy code allows a plain function declaration.
    Labelled,
}

impl<'a> Parser<'a> {
    /// <https://tc39.es/ecma262/#prod-StatementListItem>
    pub fn parse_statement_list_item(&mut self) -> PResult<Statement> {
        let kind = self.tok.kind;
        match kind {
            K::Function => self.parse_function_declaration(false, self.tok.span.start),
            K::Class => self.parse_class_declaration(),
            K::Const => self.parse_lexical_declaration(VariableKind::Const),
            K::Let if !self.tok.escaped && self.is_let_declaration()? => {
                self.parse_lexical_declaration(VariableKind::Let)
            }
            K::Async if !self.tok.escaped => self.parse_async_statement_list_item(),
            K::Using if !self.tok.escaped && self.is_using_declaration()? => {
                self.parse_lexical_declaration(VariableKind::Using)
            }
            K::Await if !self.tok.escaped && self.ctx.await_ && self.is_await_using()? => {
                self.parse_lexical_declaration(VariableKind::AwaitUsing)
            }
            _ => self.parse_statement(),
        }
    }

    fn parse_class_declaration(&mut self) -> PResult<Statement> {
        Ok(Statement::ClassDeclaration(Box::new(
            self.parse_class(true, false)?,
        )))
    }

    fn parse_lexical_declaration(&mut self, kind: VariableKind) -> PResult<Statement> {
        Ok(Statement::VariableDeclaration(
            self.parse_variable_declaration(kind, true)?,
        ))
    }

    fn parse_async_statement_list_item(&mut self) -> PResult<Statement> {
        let (next, nl) = self.peek()?;
        if next == K::Function && !nl {
            let start = self.tok.span.start;
            self.advance()?;
            self.parse_function_declaration(true, start)
        } else {
            self.parse_statement()
        }
    }

    /// `let` starts a LexicalDeclaration (the current token is an unescaped `let`).
    fn is_let_declaration(&mut self) -> PResult<bool> {
        let (next, _) = self.peek()?;
        Ok(next == K::LBracket || next == K::LBrace || is_identifier_kind(next))
    }

    /// `using` [no LineTerminator here] BindingIdentifier.
    fn is_using_declaration(&mut self) -> PResult<bool> {
        let (next, nl) = self.peek()?;
        Ok(!nl && is_identifier_kind(next))
    }

    /// `await` [no LT] `using` [no LT] BindingIdentifier.
    fn is_await_using(&mut self) -> PResult<bool> {
        let cp = self.lexer.checkpoint();
        let r = (|| -> PResult<bool> {
            let t1 = self.lexer.next_token()?;
            if t1.kind != K::Using || t1.escaped || t1.newline_before {
                return Ok(false);
            }
            let t2 = self.lexer.next_token()?;
            Ok(!t2.newline_before && is_identifier_kind(t2.kind))
        })();
        self.lexer.rewind(cp);
        r
    }

    /// <https://tc39.es/ecma262/#prod-Statement>
    pub fn parse_statement(&mut self) -> PResult<Statement> {
        self.enter()?;
        let r = self.parse_statement_inner();
        self.leave();
        r
    }

    fn parse_statement_inner(&mut self) -> PResult<Statement> {
        let kind = self.tok.kind;
        match kind {
            K::LBrace => Ok(Statement::Block(self.parse_block()?)),
            K::Var => self.parse_var_statement(),
            K::Semicolon => self.parse_empty(),
            K::If => self.parse_if(),
            K::For => self.parse_for_statement(),
            K::While => self.parse_while(),
            K::Do => self.parse_do_while(),
            K::Continue | K::Break => self.parse_break_continue(),
            K::Return => self.parse_return(),
            K::With => self.parse_with(),
            K::Switch => self.parse_switch_statement(),
            K::Throw => self.parse_throw(),
            K::Try => self.parse_try(),
            K::Debugger => self.parse_debugger(),
            K::Function | K::Class | K::Const | K::Enum | K::Import | K::Export => {
                self.parse_misplaced_declaration()
            }
            K::Let if !self.tok.escaped => self.parse_let_statement(),
            K::Async if !self.tok.escaped => self.parse_async_statement(),
            _ => self.parse_expression_statement(),
        }
    }

    fn parse_var_statement(&mut self) -> PResult<Statement> {
        Ok(Statement::VariableDeclaration(
            self.parse_variable_declaration(VariableKind::Var, true)?,
        ))
    }

    fn parse_empty(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        Ok(Statement::Empty(self.span_from(start)))
    }

    fn parse_for_statement(&mut self) -> PResult<Statement> {
        let saved = self.ctx.script_top;
        self.ctx.script_top = false;
        let r = self.parse_for();
        self.ctx.script_top = saved;
        r
    }

    fn parse_switch_statement(&mut self) -> PResult<Statement> {
        let saved = self.ctx.script_top;
        self.ctx.script_top = false;
        let r = self.parse_switch();
        self.ctx.script_top = saved;
        r
    }

    fn parse_while(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        self.expect_and_advance(K::LParen)?;
        let test = self.parse_expression_in()?;
        self.expect_and_advance(K::RParen)?;
        let body = self.parse_substatement(Sub::Loop)?;
        Ok(Statement::While(Box::new(WhileStatement {
            test,
            body,
            span: self.span_from(start),
        })))
    }

    fn parse_do_while(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        let body = self.parse_substatement(Sub::Loop)?;
        self.expect_and_advance(K::While)?;
        self.expect_and_advance(K::LParen)?;
        let test = self.parse_expression_in()?;
        self.expect_and_advance(K::RParen)?;
        // A semicolon is inserted after do-while's `)` even without a newline.
        self.eat(K::Semicolon)?;
        Ok(Statement::DoWhile(Box::new(DoWhileStatement {
            body,
            test,
            span: self.span_from(start),
        })))
    }

    fn parse_break_continue(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        let is_break = self.tok.kind == K::Break;
        self.advance()?;
        let label = if is_identifier_kind(self.tok.kind) && !self.tok.newline_before {
            Some(self.parse_identifier()?)
        } else {
            None
        };
        self.consume_semicolon()?;
        let span = self.span_from(start);
        Ok(if is_break {
            Statement::Break(BreakStatement { label, span })
        } else {
            Statement::Continue(ContinueStatement { label, span })
        })
    }

    fn parse_return(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        if !self.ctx.return_ {
            return self.err("Illegal return statement", self.tok.span);
        }
        self.advance()?;
        let argument = if self.at(K::Semicolon)
            || self.at(K::RBrace)
            || self.at(K::Eof)
            || self.tok.newline_before
        {
            None
        } else {
            Some(self.parse_expression_in()?)
        };
        self.consume_semicolon()?;
        Ok(Statement::Return(ReturnStatement {
            argument,
            span: self.span_from(start),
        }))
    }

    fn parse_with(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        if self.ctx.strict {
            return self.err(
                "Strict mode code may not include a with statement",
                self.tok.span,
            );
        }
        self.advance()?;
        self.expect_and_advance(K::LParen)?;
        let object = self.parse_expression_in()?;
        self.expect_and_advance(K::RParen)?;
        let body = self.parse_substatement(Sub::Other)?;
        Ok(Statement::With(Box::new(WithStatement {
            object,
            body,
            span: self.span_from(start),
        })))
    }

    fn parse_throw(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        if self.tok.newline_before {
            return self.err("Illegal newline after throw", self.tok.span);
        }
        let argument = self.parse_expression_in()?;
        self.consume_semicolon()?;
        Ok(Statement::Throw(ThrowStatement {
            argument,
            span: self.span_from(start),
        }))
    }

    fn parse_debugger(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        self.consume_semicolon()?;
        Ok(Statement::Debugger(self.span_from(start)))
    }

    /// A declaration keyword where only a Statement may appear (or `import(`/`import.meta`).
    fn parse_misplaced_declaration(&mut self) -> PResult<Statement> {
        if self.tok.kind == K::Import {
            let (next, _) = self.peek()?;
            if next == K::LParen || next == K::Dot {
                return self.parse_expression_statement();
            }
        }
        Err(self.unexpected())
    }

    /// `let` in a single-statement position: an identifier unless `let [` follows.
    fn parse_let_statement(&mut self) -> PResult<Statement> {
        let (next, _) = self.peek()?;
        if next == K::LBracket {
            return self.err(
                "Lexical declaration cannot appear in a single-statement context",
                self.tok.span,
            );
        }
        self.parse_expression_statement()
    }

    fn parse_async_statement(&mut self) -> PResult<Statement> {
        let (next, nl) = self.peek()?;
        if next == K::Function && !nl {
            return self.err(
                "Async functions can only be declared at the top level or inside a block",
                self.tok.span,
            );
        }
        self.parse_expression_statement()
    }

    /// An ExpressionStatement, or a LabelledStatement when the expression is a lone
    /// identifier followed by `:` (this avoids a lookahead on every identifier).
    fn parse_expression_statement(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        let expression = self.parse_expression_in()?;
        if self.at(K::Colon) {
            if let Expression::Identifier(label) = expression {
                return self.parse_labelled(start, label);
            }
        }
        self.consume_semicolon()?;
        Ok(Statement::Expression(ExpressionStatement {
            expression,
            span: self.span_from(start),
        }))
    }

    /// A Statement in a single-statement position, with the Annex B exceptions for function
    /// declarations (<https://tc39.es/ecma262/#sec-functiondeclarations-in-ifstatement-statement-clauses>).
    pub fn parse_substatement(&mut self, sub: Sub) -> PResult<Statement> {
        if self.at(K::Function) {
            let allowed = !self.ctx.strict && matches!(sub, Sub::If | Sub::Labelled);
            if !allowed {
                return self.err(
                    "Function declarations are not allowed in this position",
                    self.tok.span,
                );
            }
            let start = self.tok.span.start;
            let f = self.parse_function_declaration(false, start)?;
            if let Statement::FunctionDeclaration(func) = &f {
                if func.is_generator || func.is_async {
                    return self.err(
                        "Generator or async function declarations are not allowed here",
                        func.span,
                    );
                }
            }
            return Ok(f);
        }
        let stmt = self.parse_statement()?;
        if sub == Sub::Loop || sub == Sub::If || sub == Sub::Other {
            // IsLabelledFunction: a labelled function is never a loop body, `if` or `with` body.
            let mut s = &stmt;
            while let Statement::Labeled(l) = s {
                if let Statement::FunctionDeclaration(f) = &l.body {
                    return self.err(
                        "Labelled function declarations are not allowed here",
                        f.span,
                    );
                }
                s = &l.body;
            }
        }
        Ok(stmt)
    }

    fn parse_labelled(&mut self, start: u32, label: Identifier) -> PResult<Statement> {
        self.expect_and_advance(K::Colon)?;
        let body = self.parse_substatement(Sub::Labelled)?;
        Ok(Statement::Labeled(Box::new(LabeledStatement {
            label,
            body,
            span: self.span_from(start),
        })))
    }

    pub fn parse_block(&mut self) -> PResult<BlockStatement> {
        let saved = self.ctx.script_top;
        self.ctx.script_top = false;
        let r = self.parse_block_inner();
        self.ctx.script_top = saved;
        r
    }

    fn parse_block_inner(&mut self) -> PResult<BlockStatement> {
        let start = self.tok.span.start;
        self.expect_and_advance(K::LBrace)?;
        let mark = self.stmt_scratch.len();
        while !self.at(K::RBrace) {
            if self.at(K::Eof) {
                return Err(self.unexpected());
            }
            let stmt = self.parse_statement_list_item()?;
            self.stmt_scratch.push(stmt);
        }
        self.advance()?;
        let body = self.take_statements(mark);
        Ok(BlockStatement {
            body,
            span: self.span_from(start),
        })
    }

    fn parse_if(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        self.expect_and_advance(K::LParen)?;
        let test = self.parse_expression_in()?;
        self.expect_and_advance(K::RParen)?;
        let consequent = self.parse_substatement(Sub::If)?;
        let alternate = if self.eat(K::Else)? {
            Some(self.parse_substatement(Sub::If)?)
        } else {
            None
        };
        Ok(Statement::If(Box::new(IfStatement {
            test,
            consequent,
            alternate,
            span: self.span_from(start),
        })))
    }

    fn parse_switch(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        self.expect_and_advance(K::LParen)?;
        let discriminant = self.parse_expression_in()?;
        self.expect_and_advance(K::RParen)?;
        self.expect_and_advance(K::LBrace)?;
        let mut cases = Vec::new();
        let mut seen_default = false;
        while !self.at(K::RBrace) {
            let case_start = self.tok.span.start;
            let test = match self.tok.kind {
                K::Case => {
                    self.advance()?;
                    Some(self.parse_expression_in()?)
                }
                K::Default => {
                    if seen_default {
                        return self.err(
                            "More than one default clause in switch statement",
                            self.tok.span,
                        );
                    }
                    seen_default = true;
                    self.advance()?;
                    None
                }
                _ => return Err(self.unexpected()),
            };
            self.expect_and_advance(K::Colon)?;
            let mark = self.stmt_scratch.len();
            while !matches!(self.tok.kind, K::Case | K::Default | K::RBrace) {
                if self.at(K::Eof) {
                    return Err(self.unexpected());
                }
                let stmt = self.parse_statement_list_item()?;
                if let Statement::VariableDeclaration(VariableDeclaration {
                    kind: VariableKind::Using | VariableKind::AwaitUsing,
                    span,
                    ..
                }) = &stmt
                {
                    return self.err(
                        "'using' declarations are not allowed directly in a case clause",
                        *span,
                    );
                }
                self.stmt_scratch.push(stmt);
            }
            let consequent = self.take_statements(mark);
            cases.push(SwitchCase {
                test,
                consequent,
                span: self.span_from(case_start),
            });
        }
        self.advance()?;
        Ok(Statement::Switch(Box::new(SwitchStatement {
            discriminant,
            cases,
            span: self.span_from(start),
        })))
    }

    fn parse_try(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        let block = self.parse_block()?;
        let handler = if self.at(K::Catch) {
            let catch_start = self.tok.span.start;
            self.advance()?;
            let param = if self.eat(K::LParen)? {
                let p = self.parse_binding_target()?;
                self.expect_and_advance(K::RParen)?;
                Some(p)
            } else {
                None
            };
            let body = self.parse_block()?;
            Some(CatchClause {
                param,
                body,
                span: self.span_from(catch_start),
            })
        } else {
            None
        };
        let finalizer = if self.eat(K::Finally)? {
            Some(self.parse_block()?)
        } else {
            None
        };
        if handler.is_none() && finalizer.is_none() {
            return Err(self.unexpected());
        }
        Ok(Statement::Try(Box::new(TryStatement {
            block,
            handler,
            finalizer,
            span: self.span_from(start),
        })))
    }

    /// `var`/`let`/`const`/`using`/`await using` declarations. `in_` is the [In] parameter;
    /// a trailing semicolon is consumed when `consume_semi`... (for-heads handle their own).
    pub fn parse_variable_declaration(
        &mut self,
        kind: VariableKind,
        statement: bool,
    ) -> PResult<VariableDeclaration> {
        let start = self.tok.span.start;
        if kind == VariableKind::AwaitUsing {
            self.advance()?;
        }
        self.advance()?;
        let lexical = kind != VariableKind::Var;
        let is_using = matches!(kind, VariableKind::Using | VariableKind::AwaitUsing);
        if is_using && self.ctx.script_top {
            return self.err(
                "'using' declarations are not allowed at the top level of a script",
                self.span_from(start),
            );
        }
        // Nearly every declaration has one declarator; a first push would reserve four.
        let mut declarations = Vec::with_capacity(1);
        loop {
            let d_start = self.tok.span.start;
            if is_using && !is_identifier_kind(self.tok.kind) {
                return Err(self.unexpected());
            }
            let id = self.parse_binding_target()?;
            if lexical {
                self.check_lexical_names(&id)?;
            }
            let init = if self.eat(K::Eq)? {
                Some(self.parse_assignment()?)
            } else {
                None
            };
            if statement && init.is_none() {
                if kind == VariableKind::Const || is_using {
                    return self.err(
                        "Missing initializer in declaration",
                        self.span_from(d_start),
                    );
                }
                if !matches!(id, Pattern::Identifier(_)) {
                    return self.err(
                        "Missing initializer in destructuring declaration",
                        self.span_from(d_start),
                    );
                }
            }
            declarations.push(VariableDeclarator {
                id,
                init,
                span: self.span_from(d_start),
            });
            if !self.eat(K::Comma)? {
                break;
            }
        }
        if statement {
            self.consume_semicolon()?;
        }
        Ok(VariableDeclaration {
            kind,
            declarations,
            span: self.span_from(start),
        })
    }

    /// Lexically bound names may not be `let` (<https://tc39.es/ecma262/#sec-let-and-const-declarations-static-semantics-early-errors>).
    pub fn check_lexical_names(&self, p: &Pattern) -> PResult<()> {
        crate::pattern::try_for_each_bound_name(p, &mut |id| {
            if &*id.name == "let" {
                return self.err("let is disallowed as a lexically bound name", id.span);
            }
            Ok(())
        })
    }

    /// <https://tc39.es/ecma262/#sec-for-statement>, for-in and for-of.
    fn parse_for(&mut self) -> PResult<Statement> {
        let start = self.tok.span.start;
        self.advance()?;
        let is_await = if self.at(K::Await) && !self.tok.escaped {
            if !self.ctx.await_ || self.ctx.static_block {
                return Err(self.unexpected());
            }
            self.advance()?;
            true
        } else {
            false
        };
        self.expect_and_advance(K::LParen)?;
        let outer_in = self.ctx.in_;
        self.ctx.in_ = false;
        let head = self.parse_for_head(is_await);
        self.ctx.in_ = outer_in;
        let init = head?;

        // for-in / for-of
        if self.at(K::In) || self.at_contextual(K::Of) {
            let of = self.at(K::Of);
            if is_await && !of {
                return Err(self.unexpected());
            }
            let left = match init {
                ForInitOrHead::Head(h) => h,
                ForInitOrHead::Init(_) => return Err(self.unexpected()),
                ForInitOrHead::None => return Err(self.unexpected()),
            };
            if let ForHead::VariableDeclaration(d) = &left {
                if !of && matches!(d.kind, VariableKind::Using | VariableKind::AwaitUsing) {
                    return self.err(
                        "'using' declarations are not allowed in for-in heads",
                        d.span,
                    );
                }
                if d.declarations.len() != 1 {
                    return self.err(
                        "Invalid left-hand side in for-in/of loop: must have a single binding",
                        d.span,
                    );
                }
                if let Some(decl) = d.declarations.first() {
                    if decl.init.is_some() {
                        let annex_b = !of
                            && !self.ctx.strict
                            && d.kind == VariableKind::Var
                            && matches!(decl.id, Pattern::Identifier(_));
                        if !annex_b {
                            return self.err(
                                "for-in/of loop variable declaration may not have an initializer",
                                decl.span,
                            );
                        }
                    }
                }
            }
            self.advance()?;
            let right = if of {
                self.parse_assignment_in()?
            } else {
                self.parse_expression_in()?
            };
            self.expect_and_advance(K::RParen)?;
            let body = self.parse_substatement(Sub::Loop)?;
            let span = self.span_from(start);
            return Ok(if of {
                Statement::ForOf(Box::new(ForOfStatement {
                    left,
                    right,
                    body,
                    is_await,
                    span,
                }))
            } else {
                Statement::ForIn(Box::new(ForInStatement {
                    left,
                    right,
                    body,
                    span,
                }))
            });
        }
        if is_await {
            return Err(self.unexpected());
        }
        let init = match init {
            ForInitOrHead::None => None,
            ForInitOrHead::Init(i) => Some(i),
            ForInitOrHead::Head(ForHead::VariableDeclaration(d)) => {
                // The declaration was parsed without the for-statement initializer checks.
                for decl in &d.declarations {
                    if decl.init.is_none()
                        && (d.kind == VariableKind::Const
                            || matches!(d.kind, VariableKind::Using | VariableKind::AwaitUsing)
                            || !matches!(decl.id, Pattern::Identifier(_)))
                    {
                        return self.err("Missing initializer in declaration", decl.span);
                    }
                }
                Some(ForInit::VariableDeclaration(d))
            }
            ForInitOrHead::Head(ForHead::Pattern(_)) => return Err(self.unexpected()),
        };
        self.expect_and_advance(K::Semicolon)?;
        let test = if self.at(K::Semicolon) {
            None
        } else {
            Some(self.parse_expression_in()?)
        };
        self.expect_and_advance(K::Semicolon)?;
        let update = if self.at(K::RParen) {
            None
        } else {
            Some(self.parse_expression_in()?)
        };
        self.expect_and_advance(K::RParen)?;
        let body = self.parse_substatement(Sub::Loop)?;
        Ok(Statement::For(Box::new(ForStatement {
            init,
            test,
            update,
            body,
            span: self.span_from(start),
        })))
    }

    /// The part of a for-head before `;`, `in` or `of`, parsed with [~In].
    fn parse_for_head(&mut self, is_await: bool) -> PResult<ForInitOrHead> {
        let tok_kind = self.tok.kind;
        let kind = match tok_kind {
            K::Semicolon => return Ok(ForInitOrHead::None),
            K::Var => Some(VariableKind::Var),
            K::Const => Some(VariableKind::Const),
            K::Let if !self.tok.escaped => {
                if self.ctx.strict || self.is_let_declaration()? {
                    Some(VariableKind::Let)
                } else {
                    None
                }
            }
            K::Using if !self.tok.escaped => {
                let (next, nl) = self.peek()?;
                // ForInOfStatement's `[lookahead ≠ using of]`: `for (using of ...` never starts a
                // for-of declaration (`for (using of of x)` iterates into `using`); only a
                // for statement's `for (using of = x;;)` declares `of`.
                if !nl
                    && is_identifier_kind(next)
                    && !(next == K::Of && {
                        let cp = self.lexer.checkpoint();
                        let r = self
                            .lexer
                            .next_token()
                            .and_then(|_| self.lexer.next_token());
                        self.lexer.rewind(cp);
                        let t = r?;
                        !(t.kind == K::Eq || t.kind == K::Semicolon)
                    })
                {
                    Some(VariableKind::Using)
                } else {
                    None
                }
            }
            K::Await if !self.tok.escaped && self.ctx.await_ && self.is_await_using()? => {
                Some(VariableKind::AwaitUsing)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            let d = self.parse_for_declaration(kind)?;
            return Ok(ForInitOrHead::Head(ForHead::VariableDeclaration(d)));
        }
        let start = self.tok.span.start;
        let starts_with_let = self.at(K::Let) && !self.tok.escaped;
        let starts_with_async_of = self.at(K::Async) && !self.tok.escaped && {
            let (next, _) = self.peek()?;
            next == K::Of
        };
        let mark = self.cover_errors.len();
        let expr = self.parse_expression_cover()?;
        if self.at(K::In) || self.at_contextual(K::Of) {
            if self.at(K::Of) && (starts_with_let || (starts_with_async_of && !is_await)) {
                return self.err(
                    "The left-hand side of a for-of loop may not start with 'let' or 'async of'",
                    self.span_from(start),
                );
            }
            let target = self.expression_to_assignment_target(expr, true)?;
            self.cover_errors.truncate(mark);
            return Ok(ForInitOrHead::Head(ForHead::Pattern(target)));
        }
        self.check_cover_errors(mark)?;
        Ok(ForInitOrHead::Init(ForInit::Expression(expr)))
    }

    fn parse_for_declaration(&mut self, kind: VariableKind) -> PResult<VariableDeclaration> {
        let d = self.parse_variable_declaration(kind, false)?;
        Ok(d)
    }
}

pub(crate) enum ForInitOrHead {
    None,
    Init(ForInit),
    Head(ForHead),
}
