//! The parser state: token buffer, grammar-parameter context, nesting guard, identifier rules
//! and the program entry points.

use crate::ast::*;
use crate::atom::Interner;
use crate::early::Marks;
use crate::error::{PError, PResult};
use crate::fxhash::FxHashSet;
use crate::ParseOptions;
use moat_lexer::{Goal, Lexer, Token, TokenKind, TokenValue};
use std::borrow::Cow;

/// Maximum nesting of recursive descents plus left-nested chains (`a.b.c`, `a+b+c`): bounds
/// the depth of the tree, which later recursive passes and `Drop` walk.
pub(crate) const MAX_DEPTH: u32 = 1500;

/// Maximum stack the parser itself may use below its entry point. Frame sizes differ wildly
/// between debug and release builds, so the guard measures the stack rather than counting
/// levels; 1 MiB leaves room for the caller on a 2 MiB thread.
const STACK_BUDGET: usize = 1 << 20;

/// An address inside the current stack frame.
#[inline(always)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::ptr::addr_of!(marker) as usize
}

/// Drops a consumed token. Most tokens own nothing on the heap; skipping their drop glue
/// saves an out-of-line call per token.
#[inline]
pub(crate) fn discard(tok: Token<'_>) {
    if owns_nothing(&tok.value) {
        std::mem::forget(tok);
    }
}

/// Whether a token value holds no heap memory (so forgetting it leaks nothing).
#[inline(always)]
fn owns_nothing(value: &TokenValue<'_>) -> bool {
    matches!(
        value,
        TokenValue::None | TokenValue::Ident(Cow::Borrowed(_)) | TokenValue::Number(_)
    )
}

/// The grammar parameters and strictness in effect.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Ctx {
    pub strict: bool,
    /// [Yield]: `yield` is an operator.
    pub yield_: bool,
    /// [Await]: `await` is an operator.
    pub await_: bool,
    /// [Return]
    pub return_: bool,
    /// [In]
    pub in_: bool,
    /// Directly inside a class static block: `await` is neither identifier nor operator.
    pub static_block: bool,
    /// Inside any non-arrow function (for `new.target`).
    pub in_function: bool,
    /// At the top level of a Script (where `using` declarations are not allowed).
    pub script_top: bool,
    /// Strictness in effect before the current function body's directive prologue.
    pub strict_outer: bool,
}

/// Reservation class of an identifier-like name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reserved {
    /// A ReservedWord other than `yield`/`await`: never an identifier.
    Always,
    /// Reserved in strict mode code only.
    Strict,
    Yield,
    Await,
    No,
}

pub(crate) fn reserved_class(name: &str) -> Reserved {
    use TokenKind as K;
    match moat_lexer::keyword_kind(name) {
        None => Reserved::No,
        Some(K::Yield) => Reserved::Yield,
        Some(K::Await) => Reserved::Await,
        Some(
            K::Let
            | K::Static
            | K::Implements
            | K::Interface
            | K::Package
            | K::Private
            | K::Protected
            | K::Public,
        ) => Reserved::Strict,
        Some(
            K::As
            | K::Async
            | K::From
            | K::Get
            | K::Set
            | K::Of
            | K::Target
            | K::Meta
            | K::Using
            | K::Accessor
            | K::Source
            | K::Defer,
        ) => Reserved::No,
        Some(_) => Reserved::Always,
    }
}

/// Tokens that may be an Identifier (subject to the checks in `check_identifier`).
pub(crate) fn is_identifier_kind(kind: TokenKind) -> bool {
    use TokenKind as K;
    matches!(
        kind,
        K::Identifier
            | K::Await
            | K::Yield
            | K::Let
            | K::Static
            | K::Implements
            | K::Interface
            | K::Package
            | K::Private
            | K::Protected
            | K::Public
            | K::As
            | K::Async
            | K::From
            | K::Get
            | K::Set
            | K::Of
            | K::Target
            | K::Meta
            | K::Using
            | K::Accessor
            | K::Source
            | K::Defer
    )
}

pub(crate) struct Parser<'a> {
    pub lexer: Lexer<'a>,
    pub source: &'a str,
    /// The current (lookahead) token.
    pub tok: Token<'a>,
    /// End of the previously consumed token.
    pub prev_end: u32,
    pub ctx: Ctx,
    pub module: bool,
    pub depth: u32,
    /// Stack position when parsing started (see [`STACK_BUDGET`]).
    pub stack_base: usize,
    /// Cover-grammar errors (CoverInitializedName, duplicate `__proto__`) that become real
    /// unless the enclosing literal is reinterpreted as a pattern; in source order.
    pub cover_errors: Vec<(Span, &'static str)>,
    /// Start of the most recent YieldExpression/AwaitExpression (arrow parameter check).
    pub last_yield_await: Option<u32>,
    /// Start of the most recent `await` used as an identifier (async arrow parameter check).
    pub last_await_ident: Option<u32>,
    /// Starts of array/object literals whose spread element is followed by a comma (such a
    /// literal cannot become a pattern).
    pub spread_trailing_comma: FxHashSet<u32>,
    /// Scratch stack for statement lists under construction.
    pub stmt_scratch: Vec<Statement>,
    /// Scratch stack for argument lists under construction.
    pub arg_scratch: Vec<Argument>,
    /// Identifier names seen so far: one allocation per distinct name.
    pub atoms: Interner,
    /// Starts of object methods, for the early-error pass's [`Marks`].
    pub method_starts: Vec<u32>,
}

impl<'a> Parser<'a> {
    pub fn new(source: &'a str, goal: Goal, options: &ParseOptions) -> PResult<Self> {
        if source.len() >= u32::MAX as usize {
            return Err(PError::new("source too large", Span::default()));
        }
        let mut lexer = Lexer::new(source, goal);
        let tok = lexer.next_token()?;
        Ok(Parser {
            lexer,
            source,
            tok,
            prev_end: 0,
            ctx: Ctx {
                strict: options.strict || goal == Goal::Module,
                in_: true,
                return_: options.allow_return,
                in_function: options.allow_new_target,
                ..Ctx::default()
            },
            module: goal == Goal::Module,
            depth: 0,
            stack_base: stack_position(),
            cover_errors: Vec::new(),
            last_yield_await: None,
            last_await_ident: None,
            spread_trailing_comma: FxHashSet::default(),
            stmt_scratch: Vec::new(),
            arg_scratch: Vec::new(),
            atoms: Interner::default(),
            method_starts: Vec::new(),
        })
    }

    #[cfg(test)]
    pub fn parse_script(source: &'a str, options: &ParseOptions) -> PResult<Script> {
        Self::parse_script_marked(source, options).map(|(script, _)| script)
    }

    /// A Script and the [`Marks`] its early-error pass may skip by.
    pub fn parse_script_marked(
        source: &'a str,
        options: &ParseOptions,
    ) -> PResult<(Script, Marks)> {
        let mut p = Parser::new(source, Goal::Script, options)?;
        p.ctx.script_top = true;
        let (body, has_use_strict) = p.parse_directives_and_statements(true, TokenKind::Eof)?;
        let script = Script {
            body,
            strict: p.ctx.strict,
            has_use_strict,
            span: Span {
                start: 0,
                end: source.len() as u32,
            },
        };
        Ok((script, p.marks()))
    }

    /// A Module and the [`Marks`] its early-error pass may skip by.
    pub fn parse_module_marked(
        source: &'a str,
        options: &ParseOptions,
    ) -> PResult<(Module, Marks)> {
        let mut p = Parser::new(source, Goal::Module, options)?;
        p.ctx.await_ = true;
        let body = p.parse_module_items()?;
        let module = Module {
            body,
            span: Span {
                start: 0,
                end: source.len() as u32,
            },
        };
        Ok((module, p.marks()))
    }

    fn marks(&mut self) -> Marks {
        Marks::new(self.lexer.take_marks(), &self.method_starts)
    }

    // -----------------------------------------------------------------------------------------
    // Tokens
    // -----------------------------------------------------------------------------------------

    /// Consumes the current token and returns it.
    #[inline]
    pub fn bump(&mut self) -> PResult<Token<'a>> {
        let next = self.lexer.next_token()?;
        self.prev_end = self.tok.span.end;
        Ok(std::mem::replace(&mut self.tok, next))
    }

    /// Consumes the current token, discarding it.
    #[inline]
    pub fn advance(&mut self) -> PResult<()> {
        // The rare value that owns memory is dropped first; then the old token owns nothing
        // and is overwritten without being moved out or dropped.
        if !owns_nothing(&self.tok.value) {
            self.tok.value = TokenValue::None;
        }
        let next = self.lexer.next_token()?;
        self.prev_end = self.tok.span.end;
        std::mem::forget(std::mem::replace(&mut self.tok, next));
        Ok(())
    }

    #[inline]
    pub fn at(&self, kind: TokenKind) -> bool {
        self.tok.kind == kind
    }

    /// Consumes the current token if it is `kind`.
    #[inline]
    pub fn eat(&mut self, kind: TokenKind) -> PResult<bool> {
        if self.tok.kind == kind {
            self.advance()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// [`Parser::expect`] for a token whose value is not needed: it is discarded without its
    /// drop glue, as [`Parser::advance`] does.
    #[inline]
    pub fn expect_and_advance(&mut self, kind: TokenKind) -> PResult<()> {
        if self.tok.kind == kind {
            self.advance()
        } else {
            Err(self.unexpected())
        }
    }

    pub fn expect(&mut self, kind: TokenKind) -> PResult<Token<'a>> {
        if self.tok.kind == kind {
            self.bump()
        } else {
            Err(self.unexpected())
        }
    }

    /// The current token is an unescaped contextual keyword `kind`.
    pub fn at_contextual(&self, kind: TokenKind) -> bool {
        self.tok.kind == kind && !self.tok.escaped
    }

    /// The kind of the token after the current one, and whether a line terminator precedes it.
    pub fn peek(&mut self) -> PResult<(TokenKind, bool)> {
        let cp = self.lexer.checkpoint();
        let t = self.lexer.next_token();
        self.lexer.rewind(cp);
        let t = t?;
        Ok((t.kind, t.newline_before))
    }

    /// Error for the current token.
    pub fn unexpected(&self) -> Box<PError> {
        self.unexpected_token(&self.tok)
    }

    pub fn unexpected_token(&self, tok: &Token<'a>) -> Box<PError> {
        if tok.kind == TokenKind::Eof {
            return Box::new(PError {
                message: "Unexpected end of input".into(),
                span: tok.span,
                eof: true,
            });
        }
        let text = self
            .source
            .get(tok.span.start as usize..tok.span.end as usize)
            .unwrap_or("");
        let shown: String = text.chars().take(40).collect();
        PError::new(format!("Unexpected token '{shown}'"), tok.span)
    }

    pub fn err<T>(&self, message: impl Into<String>, span: Span) -> PResult<T> {
        Err(PError::new(message, span))
    }

    pub fn span_from(&self, start: u32) -> Span {
        Span {
            start,
            end: self.prev_end.max(start),
        }
    }

    /// Automatic semicolon insertion (<https://tc39.es/ecma262/#sec-rules-of-automatic-semicolon-insertion>).
    pub fn consume_semicolon(&mut self) -> PResult<()> {
        match self.tok.kind {
            TokenKind::Semicolon => {
                self.advance()?;
                Ok(())
            }
            TokenKind::RBrace | TokenKind::Eof => Ok(()),
            _ if self.tok.newline_before => Ok(()),
            _ => Err(self.unexpected()),
        }
    }

    /// The source text of a token (for directives and messages).
    pub fn text(&self, span: Span) -> &'a str {
        self.source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    // -----------------------------------------------------------------------------------------
    // Nesting guard
    // -----------------------------------------------------------------------------------------

    /// Called once per level of every recursive descent, hence inlined with the error kept out
    /// of line.
    #[inline(always)]
    pub fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || self.stack_base.abs_diff(stack_position()) > STACK_BUDGET {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> Box<PError> {
        PError::new("too much nesting", self.tok.span)
    }

    #[inline(always)]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    // -----------------------------------------------------------------------------------------
    // Identifiers
    // -----------------------------------------------------------------------------------------

    /// The identifier name of an identifier-like or keyword token, interned.
    #[inline]
    fn token_name(&mut self, tok: &Token<'a>) -> Atom {
        let text: &str = match &tok.value {
            TokenValue::Ident(Cow::Borrowed(s)) => s,
            TokenValue::Ident(Cow::Owned(s)) => s,
            _ => tok.kind.as_str(),
        };
        self.atoms.intern(text)
    }

    /// The Identifier node of the current token (not consumed), named as by
    /// [`Parser::identifier_from`]; saves moving the token out first.
    #[inline]
    pub(crate) fn current_identifier(&mut self) -> Identifier {
        let text: &str = match &self.tok.value {
            TokenValue::Ident(Cow::Borrowed(s)) => s,
            TokenValue::Ident(Cow::Owned(s)) => s,
            _ => self.tok.kind.as_str(),
        };
        Identifier {
            name: self.atoms.intern(text),
            span: self.tok.span,
        }
    }

    /// The Identifier node of a consumed identifier-like, keyword or private-name token.
    #[inline]
    pub fn identifier_from(&mut self, tok: Token<'a>) -> Identifier {
        let name = self.token_name(&tok);
        let span = tok.span;
        discard(tok);
        Identifier { name, span }
    }

    /// Early errors of IdentifierReference / BindingIdentifier / LabelIdentifier that depend
    /// on the context (<https://tc39.es/ecma262/#sec-identifiers-static-semantics-early-errors>).
    pub fn check_identifier(&mut self, name: &str, span: Span) -> PResult<()> {
        match reserved_class(name) {
            Reserved::No => Ok(()),
            Reserved::Always => self.err(format!("Unexpected reserved word '{name}'"), span),
            Reserved::Strict => {
                if self.ctx.strict {
                    self.err(
                        format!("Unexpected strict mode reserved word '{name}'"),
                        span,
                    )
                } else {
                    Ok(())
                }
            }
            Reserved::Yield => {
                if self.ctx.strict || self.ctx.yield_ {
                    self.err("'yield' is not a valid identifier here", span)
                } else {
                    Ok(())
                }
            }
            Reserved::Await => {
                if self.ctx.await_ || self.module || self.ctx.static_block {
                    self.err("'await' is not a valid identifier here", span)
                } else {
                    self.last_await_ident = Some(span.start);
                    Ok(())
                }
            }
        }
    }

    /// Consumes an Identifier (reference, binding or label) and checks it.
    pub fn parse_identifier(&mut self) -> PResult<Identifier> {
        if !is_identifier_kind(self.tok.kind) {
            return Err(self.unexpected());
        }
        // An unescaped Identifier token is known not to be any keyword, so only keyword
        // tokens and escaped names need the reserved-word checks.
        let needs_check = self.tok.kind != TokenKind::Identifier || self.tok.escaped;
        let id = self.current_identifier();
        self.advance()?;
        if needs_check {
            self.check_identifier(&id.name, id.span)?;
        }
        Ok(id)
    }

    /// A BindingIdentifier: also rejects `eval`/`arguments` in strict code.
    pub fn parse_binding_identifier(&mut self) -> PResult<Identifier> {
        let id = self.parse_identifier()?;
        self.check_binding_name(&id)?;
        Ok(id)
    }

    pub fn check_binding_name(&self, id: &Identifier) -> PResult<()> {
        if self.ctx.strict && (&*id.name == "eval" || &*id.name == "arguments") {
            return self.err(
                format!(
                    "Unexpected eval or arguments in strict mode ('{}')",
                    id.name
                ),
                id.span,
            );
        }
        Ok(())
    }

    /// Any IdentifierName (property names after `.`, keys): reserved words allowed.
    pub fn parse_identifier_name(&mut self) -> PResult<Identifier> {
        if self.tok.kind == TokenKind::Identifier || self.tok.kind.is_keyword_like() {
            let id = self.current_identifier();
            self.advance()?;
            Ok(id)
        } else {
            Err(self.unexpected())
        }
    }

    // -----------------------------------------------------------------------------------------
    // Directive prologues and statement lists
    // -----------------------------------------------------------------------------------------

    /// Parses a directive prologue followed by a StatementList up to `end` (not consumed).
    /// Applies `"use strict"` to `self.ctx`. Returns the statements and whether the prologue
    /// contains `"use strict"` (<https://tc39.es/ecma262/#sec-directive-prologues-and-the-use-strict-directive>).
    pub fn parse_directives_and_statements(
        &mut self,
        top_level: bool,
        end: TokenKind,
    ) -> PResult<(Vec<Statement>, bool)> {
        let mark = self.stmt_scratch.len();
        let mut has_use_strict = false;
        let mut octal_span: Option<Span> = None;
        while self.tok.kind == TokenKind::String {
            let tok_span = self.tok.span;
            let legacy_octal = self.tok.legacy_octal;
            let stmt = self.parse_statement_list_item()?;
            let is_directive = matches!(
                &stmt,
                Statement::Expression(ExpressionStatement {
                    expression: Expression::Literal(Literal::String(s)),
                    ..
                }) if s.span == tok_span
            );
            self.stmt_scratch.push(stmt);
            if !is_directive {
                break;
            }
            if legacy_octal && octal_span.is_none() {
                octal_span = Some(tok_span);
            }
            let raw = self.text(Span {
                start: tok_span.start + 1,
                end: tok_span.end.saturating_sub(1),
            });
            if raw == "use strict" {
                has_use_strict = true;
                self.ctx.strict = true;
            }
            if self.ctx.strict {
                if let Some(s) = octal_span {
                    return self.err("Octal escape sequences are not allowed in strict mode", s);
                }
            }
        }
        let _ = top_level;
        while self.tok.kind != end {
            if self.tok.kind == TokenKind::Eof {
                return Err(self.unexpected());
            }
            let stmt = self.parse_statement_list_item()?;
            self.stmt_scratch.push(stmt);
        }
        Ok((self.take_statements(mark), has_use_strict))
    }

    /// Moves the statements pushed since `mark` into an exactly sized list (one allocation
    /// instead of repeated growth).
    pub fn take_statements(&mut self, mark: usize) -> Vec<Statement> {
        take_from(&mut self.stmt_scratch, mark)
    }
}

/// Moves the elements of a scratch stack from `mark` on into an exactly sized list with one
/// block copy; the scratch stack keeps its capacity for the next list.
pub(crate) fn take_from<T>(scratch: &mut Vec<T>, mark: usize) -> Vec<T> {
    if mark >= scratch.len() {
        return Vec::new();
    }
    if mark > 0 {
        return scratch.split_off(mark);
    }
    // `split_off(0)` would hand over the whole buffer, spare capacity included.
    let mut list = Vec::with_capacity(scratch.len());
    list.append(scratch);
    list
}
