//! Expressions (<https://tc39.es/ecma262/#sec-ecmascript-language-expressions>), including the
//! cover grammars for arrow parameters and destructuring assignment.

use crate::ast::*;
use crate::error::{PError, PResult};
use crate::parser::{is_identifier_kind, Parser};
use moat_lexer::{Token, TokenKind as K, TokenValue};

/// Binary operator precedences (higher binds tighter).
const PREC_COALESCE: u8 = 1;
const PREC_OR: u8 = 2;
const PREC_AND: u8 = 3;
const PREC_BIT_OR: u8 = 4;
const PREC_RELATIONAL: u8 = 8;
const PREC_EXP: u8 = 12;

/// The assignment operator a token spells.
fn assign_op(kind: K) -> Option<AssignOp> {
    Some(match kind {
        K::Eq => AssignOp::Assign,
        K::PlusEq => AssignOp::Add,
        K::MinusEq => AssignOp::Sub,
        K::StarEq => AssignOp::Mul,
        K::SlashEq => AssignOp::Div,
        K::PercentEq => AssignOp::Mod,
        K::StarStarEq => AssignOp::Exp,
        K::LtLtEq => AssignOp::Shl,
        K::GtGtEq => AssignOp::Shr,
        K::GtGtGtEq => AssignOp::UShr,
        K::PipeEq => AssignOp::BitOr,
        K::CaretEq => AssignOp::BitXor,
        K::AmpEq => AssignOp::BitAnd,
        K::AmpAmpEq => AssignOp::And,
        K::PipePipeEq => AssignOp::Or,
        K::QuestionQuestionEq => AssignOp::Coalesce,
        _ => return None,
    })
}

/// The precedence [`Parser::binary_op`] gives a token, 0 for a token that is no binary
/// operator; a plain match, which compiles to one table read.
#[inline(always)]
fn binary_precedence(kind: K) -> u8 {
    match kind {
        K::QuestionQuestion => PREC_COALESCE,
        K::PipePipe => PREC_OR,
        K::AmpAmp => PREC_AND,
        K::Pipe => PREC_BIT_OR,
        K::Caret => 5,
        K::Amp => 6,
        K::EqEq | K::NotEq | K::EqEqEq | K::NotEqEq => 7,
        K::Lt | K::Gt | K::LtEq | K::GtEq | K::Instanceof | K::In => PREC_RELATIONAL,
        K::LtLt | K::GtGt | K::GtGtGt => 9,
        K::Plus | K::Minus => 10,
        K::Star | K::Slash | K::Percent => 11,
        K::StarStar => PREC_EXP,
        _ => 0,
    }
}

enum BinOp {
    Binary(BinaryOp),
    Logical(LogicalOp),
}

impl<'a> Parser<'a> {
    // -----------------------------------------------------------------------------------------
    // Entry points and the cover-error protocol
    // -----------------------------------------------------------------------------------------

    /// Expression[+In].
    pub fn parse_expression_in(&mut self) -> PResult<Expression> {
        let saved = self.ctx.in_;
        self.ctx.in_ = true;
        let r = self.parse_expression();
        self.ctx.in_ = saved;
        r
    }

    /// AssignmentExpression[+In].
    pub fn parse_assignment_in(&mut self) -> PResult<Expression> {
        let saved = self.ctx.in_;
        self.ctx.in_ = true;
        let r = self.parse_assignment();
        self.ctx.in_ = saved;
        r
    }

    /// Expression with the current [In]; cover errors are final here.
    pub fn parse_expression(&mut self) -> PResult<Expression> {
        let mark = self.cover_errors.len();
        let e = self.parse_expression_cover()?;
        self.check_cover_errors(mark)?;
        Ok(e)
    }

    /// AssignmentExpression with the current [In]; cover errors are final here.
    pub fn parse_assignment(&mut self) -> PResult<Expression> {
        let mark = self.cover_errors.len();
        let e = self.parse_assignment_cover()?;
        self.check_cover_errors(mark)?;
        Ok(e)
    }

    /// Reports the first cover error recorded since `mark`.
    pub fn check_cover_errors(&mut self, mark: usize) -> PResult<()> {
        if let Some(&(span, msg)) = self.cover_errors.get(mark) {
            return self.err(msg, span);
        }
        Ok(())
    }

    /// An expression starting at `start` is being used as an operand, so a literal inside it can
    /// no longer become a pattern: pending cover errors inside it are real.
    pub fn check_cover_since(&self, start: u32) -> PResult<()> {
        if let Some(&(span, msg)) = self.cover_errors.last() {
            if span.start >= start {
                return self.err(msg, span);
            }
        }
        Ok(())
    }

    /// Forget cover errors inside an expression starting at `start` that became a pattern.
    pub fn clear_cover_since(&mut self, start: u32) {
        while let Some(&(span, _)) = self.cover_errors.last() {
            if span.start >= start {
                self.cover_errors.pop();
            } else {
                break;
            }
        }
    }

    /// Expression whose cover errors stay pending (for-in/of heads).
    pub fn parse_expression_cover(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let first = self.parse_assignment_cover()?;
        if !self.at(K::Comma) {
            return Ok(first);
        }
        let mut expressions = vec![first];
        while self.eat(K::Comma)? {
            expressions.push(self.parse_assignment_cover()?);
        }
        Ok(Expression::Sequence(Box::new(SequenceExpression {
            expressions,
            span: self.span_from(start),
        })))
    }

    /// <https://tc39.es/ecma262/#prod-AssignmentExpression>, leaving cover errors pending.
    pub fn parse_assignment_cover(&mut self) -> PResult<Expression> {
        self.enter()?;
        let r = self.parse_assignment_cover_inner();
        self.leave();
        r
    }

    fn parse_assignment_cover_inner(&mut self) -> PResult<Expression> {
        if self.at(K::Yield) && !self.tok.escaped && self.ctx.yield_ {
            return self.parse_yield();
        }
        let start = self.tok.span.start;
        let lhs = if self.tok.kind == K::Identifier && !self.tok.escaped {
            self.parse_conditional_from_identifier(start)?
        } else {
            self.parse_conditional()?
        };
        match assign_op(self.tok.kind) {
            Some(op) => self.finish_assignment(lhs, op, start),
            None => Ok(lhs),
        }
    }

    /// `lhs op= value` once the operator is known (kept out of the recursive path's frame).
    fn finish_assignment(
        &mut self,
        lhs: Expression,
        op: AssignOp,
        start: u32,
    ) -> PResult<Expression> {
        let target = if op == AssignOp::Assign {
            let t = self.expression_to_assignment_target(lhs, true)?;
            self.clear_cover_since(start);
            t
        } else {
            self.check_cover_since(start)?;
            let logical = matches!(op, AssignOp::And | AssignOp::Or | AssignOp::Coalesce);
            self.simple_assignment_target(lhs, !logical)?
        };
        self.advance()?;
        let value = self.parse_assignment()?;
        Ok(Expression::Assignment(Box::new(AssignmentExpression {
            op,
            target,
            value,
            span: self.span_from(start),
        })))
    }

    /// <https://tc39.es/ecma262/#prod-YieldExpression>
    fn parse_yield(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.last_yield_await = Some(start);
        self.advance()?;
        let mut delegate = false;
        let argument = if self.tok.newline_before {
            None
        } else if self.at(K::Star) {
            self.advance()?;
            delegate = true;
            Some(self.parse_assignment()?)
        } else if self.starts_expression() {
            Some(self.parse_assignment()?)
        } else {
            None
        };
        Ok(Expression::Yield(Box::new(YieldExpression {
            argument,
            delegate,
            span: self.span_from(start),
        })))
    }

    /// Whether the current token can begin an AssignmentExpression.
    fn starts_expression(&self) -> bool {
        match self.tok.kind {
            K::RParen
            | K::RBracket
            | K::RBrace
            | K::Comma
            | K::Semicolon
            | K::Colon
            | K::Eof
            | K::Question
            | K::In
            | K::Arrow
            | K::Eq => false,
            k if k.is_keyword_like() || k == K::Identifier => true,
            K::Number
            | K::BigInt
            | K::String
            | K::NoSubstitutionTemplate
            | K::TemplateHead
            | K::PrivateName
            | K::LParen
            | K::LBracket
            | K::LBrace
            | K::Plus
            | K::Minus
            | K::Bang
            | K::Tilde
            | K::PlusPlus
            | K::MinusMinus
            | K::Slash
            | K::SlashEq
            | K::Lt => true,
            _ => false,
        }
    }

    /// <https://tc39.es/ecma262/#prod-ConditionalExpression>
    fn parse_conditional(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let test = self.parse_binary(0)?;
        if !self.at(K::Question) {
            return Ok(test);
        }
        self.finish_conditional(test, start)
    }

    /// [`Parser::parse_conditional`] when the current token is an unescaped Identifier (the
    /// commonest start of an expression), with the operand parsed as [`Parser::parse_unary`]
    /// would, one call shallower.
    fn parse_conditional_from_identifier(&mut self, start: u32) -> PResult<Expression> {
        self.enter()?;
        let operand = self.parse_identifier_operand();
        self.leave();
        let test = self.parse_binary_rest(operand?, start, 0)?;
        if !self.at(K::Question) {
            return Ok(test);
        }
        self.finish_conditional(test, start)
    }

    fn finish_conditional(&mut self, test: Expression, start: u32) -> PResult<Expression> {
        self.no_bare_arrow(&test)?;
        self.check_cover_since(start)?;
        self.advance()?;
        let consequent = self.parse_assignment_in()?;
        self.expect_and_advance(K::Colon)?;
        let alternate = self.parse_assignment()?;
        Ok(Expression::Conditional(Box::new(ConditionalExpression {
            test,
            consequent,
            alternate,
            span: self.span_from(start),
        })))
    }

    /// An arrow function is an AssignmentExpression: it cannot be an operand.
    pub fn no_bare_arrow(&self, e: &Expression) -> PResult<()> {
        if let Expression::Arrow(f) = e {
            return self.err("Malformed arrow function parameter list", f.span);
        }
        Ok(())
    }

    /// The binary operator the current token spells, with its precedence
    /// ([`binary_precedence`]).
    fn binary_op(&self) -> Option<(u8, BinOp)> {
        use BinaryOp as B;
        let op = match self.tok.kind {
            K::QuestionQuestion => BinOp::Logical(LogicalOp::Coalesce),
            K::PipePipe => BinOp::Logical(LogicalOp::Or),
            K::AmpAmp => BinOp::Logical(LogicalOp::And),
            K::Pipe => BinOp::Binary(B::BitOr),
            K::Caret => BinOp::Binary(B::BitXor),
            K::Amp => BinOp::Binary(B::BitAnd),
            K::EqEq => BinOp::Binary(B::Eq),
            K::NotEq => BinOp::Binary(B::NotEq),
            K::EqEqEq => BinOp::Binary(B::StrictEq),
            K::NotEqEq => BinOp::Binary(B::StrictNotEq),
            K::Lt => BinOp::Binary(B::Lt),
            K::Gt => BinOp::Binary(B::Gt),
            K::LtEq => BinOp::Binary(B::LtEq),
            K::GtEq => BinOp::Binary(B::GtEq),
            K::Instanceof => BinOp::Binary(B::Instanceof),
            // `in` is an operator only with [+In].
            K::In if self.ctx.in_ => BinOp::Binary(B::In),
            K::LtLt => BinOp::Binary(B::Shl),
            K::GtGt => BinOp::Binary(B::Shr),
            K::GtGtGt => BinOp::Binary(B::UShr),
            K::Plus => BinOp::Binary(B::Add),
            K::Minus => BinOp::Binary(B::Sub),
            K::Star => BinOp::Binary(B::Mul),
            K::Slash => BinOp::Binary(B::Div),
            K::Percent => BinOp::Binary(B::Mod),
            K::StarStar => BinOp::Binary(B::Exp),
            _ => return None,
        };
        Some((binary_precedence(self.tok.kind), op))
    }

    /// Binary and logical operators by precedence climbing; `min_prec` is exclusive of lower
    /// levels.
    fn parse_binary(&mut self, min_prec: u8) -> PResult<Expression> {
        let start = self.tok.span.start;
        let left = if self.at(K::PrivateName) {
            self.parse_private_in(min_prec)?
        } else {
            self.parse_unary()?
        };
        self.parse_binary_rest(left, start, min_prec)
    }

    /// The operators at or above `min_prec` after the operand `left`, which starts at `start`.
    /// Most operands are followed by none, which this decides without a call.
    #[inline(always)]
    fn parse_binary_rest(
        &mut self,
        left: Expression,
        start: u32,
        min_prec: u8,
    ) -> PResult<Expression> {
        let prec = binary_precedence(self.tok.kind);
        // `in` is an operator only with [+In].
        if prec == 0 || prec < min_prec || (self.tok.kind == K::In && !self.ctx.in_) {
            return Ok(left);
        }
        self.parse_binary_loop(left, start, min_prec)
    }

    /// [`Parser::parse_binary_rest`] once an operator at or above `min_prec` is current.
    #[inline(never)]
    fn parse_binary_loop(
        &mut self,
        mut left: Expression,
        start: u32,
        min_prec: u8,
    ) -> PResult<Expression> {
        let mut chain = 0u32;
        let r = loop {
            let Some((prec, op)) = self.binary_op() else {
                break Ok(left);
            };
            if prec < min_prec {
                break Ok(left);
            }
            let right = match self.binary_right_operand(&left, start, prec, &op) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            left = match self.fold_binary(op, left, right, start) {
                Ok(e) => e,
                Err(e) => break Err(e),
            };
            chain += 1;
            self.depth += 1;
            if self.depth > crate::parser::MAX_DEPTH {
                break Err(PError::new("too much nesting", self.tok.span));
            }
        };
        self.depth -= chain;
        r
    }

    /// Consumes a binary operator and parses its right operand.
    fn binary_right_operand(
        &mut self,
        left: &Expression,
        start: u32,
        prec: u8,
        op: &BinOp,
    ) -> PResult<Expression> {
        self.binary_operand_checks(left, start, prec)?;
        self.advance()?;
        let right = match op {
            // Right-associative.
            BinOp::Binary(BinaryOp::Exp) => self.parse_binary(PREC_EXP)?,
            BinOp::Logical(LogicalOp::Coalesce) => self.parse_binary(PREC_BIT_OR)?,
            _ => self.parse_binary(prec + 1)?,
        };
        self.no_bare_arrow(&right)?;
        Ok(right)
    }

    fn fold_binary(
        &self,
        op: BinOp,
        left: Expression,
        right: Expression,
        start: u32,
    ) -> PResult<Expression> {
        let span = self.span_from(start);
        Ok(match op {
            BinOp::Binary(op) => Expression::Binary(Box::new(BinaryExpression {
                op,
                left,
                right,
                span,
            })),
            BinOp::Logical(op) => {
                let mixes = |e: &Expression, coalesce: bool| match e {
                    Expression::Logical(l) => (l.op == LogicalOp::Coalesce) != coalesce,
                    _ => false,
                };
                let coalesce = op == LogicalOp::Coalesce;
                if mixes(&left, coalesce) || mixes(&right, coalesce) {
                    return self.err(
                        "Cannot mix '??' with '||' or '&&' without parentheses",
                        span,
                    );
                }
                Expression::Logical(Box::new(LogicalExpression {
                    op,
                    left,
                    right,
                    span,
                }))
            }
        })
    }

    fn binary_operand_checks(&self, left: &Expression, start: u32, prec: u8) -> PResult<()> {
        self.no_bare_arrow(left)?;
        self.check_cover_since(start)?;
        if prec == PREC_EXP {
            // ExponentiationExpression: UpdateExpression ** ...; a unary operand needs parentheses.
            if matches!(left, Expression::Unary(_) | Expression::Await(_)) {
                return self.err(
                    "Unary operator used immediately before exponentiation expression; parentheses required",
                    left.span(),
                );
            }
        }
        Ok(())
    }

    /// `#x in obj` (<https://tc39.es/ecma262/#prod-RelationalExpression>).
    fn parse_private_in(&mut self, min_prec: u8) -> PResult<Expression> {
        let start = self.tok.span.start;
        let (next, _) = self.peek()?;
        if next != K::In || !self.ctx.in_ || min_prec > PREC_RELATIONAL {
            return Err(self.unexpected());
        }
        let tok = self.bump()?;
        let name = self.identifier_from(tok);
        self.advance()?;
        let right = self.parse_binary(PREC_RELATIONAL + 1)?;
        self.no_bare_arrow(&right)?;
        Ok(Expression::PrivateIn(Box::new(PrivateInExpression {
            name,
            right,
            span: self.span_from(start),
        })))
    }

    /// <https://tc39.es/ecma262/#prod-UnaryExpression>
    fn parse_unary(&mut self) -> PResult<Expression> {
        self.enter()?;
        // Most operands are a plain name, perhaps with subscripts: they skip the levels of
        // UnaryExpression, LeftHandSideExpression and PrimaryExpression.
        let r = match self.tok.kind {
            K::Identifier if !self.tok.escaped => self.parse_identifier_operand(),
            K::This | K::Null | K::True | K::False | K::Number | K::String => {
                self.parse_literal_operand()
            }
            _ => self.parse_unary_inner(),
        };
        self.leave();
        r
    }

    /// The UnaryExpression starting with `this` or a literal: what [`Parser::parse_postfix`]
    /// would parse there, without the dispatch.
    fn parse_literal_operand(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let mut expr = self.parse_literal()?;
        if self.at_subscript() {
            expr = self.parse_subscripts(expr, start, false)?;
        }
        if (self.at(K::PlusPlus) || self.at(K::MinusMinus)) && !self.tok.newline_before {
            return self.finish_postfix(expr, start);
        }
        Ok(expr)
    }

    /// The UnaryExpression starting with an unescaped Identifier token, which is never a
    /// reserved word: what [`Parser::parse_postfix`] would parse there, without the dispatch.
    fn parse_identifier_operand(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let id = self.current_identifier();
        self.advance()?;
        let expr = if self.at(K::Arrow) && !self.tok.newline_before {
            // `x => ...` is an AssignmentExpression; as in parse_lhs, no subscripts follow.
            self.identifier_arrow(start, id)?
        } else {
            let expr = Expression::Identifier(id);
            if self.at_subscript() {
                self.parse_subscripts(expr, start, false)?
            } else {
                expr
            }
        };
        if (self.at(K::PlusPlus) || self.at(K::MinusMinus)) && !self.tok.newline_before {
            return self.finish_postfix(expr, start);
        }
        Ok(expr)
    }

    /// Whether the current token may continue a member, call or tagged template expression.
    #[inline(always)]
    fn at_subscript(&self) -> bool {
        matches!(
            self.tok.kind,
            K::Dot
                | K::QuestionDot
                | K::LBracket
                | K::LParen
                | K::NoSubstitutionTemplate
                | K::TemplateHead
        )
    }

    fn parse_unary_inner(&mut self) -> PResult<Expression> {
        let op = match self.tok.kind {
            K::Delete => UnaryOp::Delete,
            K::Void => UnaryOp::Void,
            K::Typeof => UnaryOp::Typeof,
            K::Plus => UnaryOp::Plus,
            K::Minus => UnaryOp::Minus,
            K::Bang => UnaryOp::Not,
            K::Tilde => UnaryOp::BitNot,
            K::PlusPlus | K::MinusMinus => return self.parse_prefix_update(),
            K::Await if !self.tok.escaped && self.ctx.await_ => return self.parse_await(),
            _ => return self.parse_postfix(),
        };
        self.parse_unary_operator(op)
    }

    fn parse_prefix_update(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let op = if self.at(K::PlusPlus) {
            UpdateOp::Increment
        } else {
            UpdateOp::Decrement
        };
        self.advance()?;
        let arg_start = self.tok.span.start;
        let argument = self.parse_unary()?;
        self.check_cover_since(arg_start)?;
        let argument = self.check_update_target(argument)?;
        Ok(Expression::Update(Box::new(UpdateExpression {
            op,
            prefix: true,
            argument,
            span: self.span_from(start),
        })))
    }

    /// <https://tc39.es/ecma262/#prod-AwaitExpression>
    fn parse_await(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.last_yield_await = Some(start);
        self.advance()?;
        let argument = self.parse_unary()?;
        self.no_bare_arrow(&argument)?;
        Ok(Expression::Await(Box::new(AwaitExpression {
            argument,
            span: self.span_from(start),
        })))
    }

    fn parse_unary_operator(&mut self, op: UnaryOp) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        let arg_start = self.tok.span.start;
        let argument = self.parse_unary()?;
        self.no_bare_arrow(&argument)?;
        self.check_cover_since(arg_start)?;
        if op == UnaryOp::Delete {
            self.check_delete_operand(&argument)?;
        }
        Ok(Expression::Unary(Box::new(UnaryExpression {
            op,
            argument,
            span: self.span_from(start),
        })))
    }

    fn check_delete_operand(&self, argument: &Expression) -> PResult<()> {
        let mut inner = argument;
        while let Expression::Parenthesized(p) = inner {
            inner = &p.expression;
        }
        if self.ctx.strict && matches!(inner, Expression::Identifier(_)) {
            return self.err(
                "Delete of an unqualified identifier in strict mode.",
                argument.span(),
            );
        }
        if is_private_reference(inner) {
            return self.err("Private fields can not be deleted", argument.span());
        }
        Ok(())
    }

    /// Checks the operand of `++`/`--` (AssignmentTargetType must be simple).
    fn check_update_target(&self, e: Expression) -> PResult<Expression> {
        // Validate through the assignment-target conversion, keeping the expression form.
        self.simple_target_kind(&e, true)?;
        Ok(e)
    }

    fn parse_postfix(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let expr = self.parse_lhs()?;
        if (self.at(K::PlusPlus) || self.at(K::MinusMinus)) && !self.tok.newline_before {
            return self.finish_postfix(expr, start);
        }
        Ok(expr)
    }

    fn finish_postfix(&mut self, expr: Expression, start: u32) -> PResult<Expression> {
        {
            self.no_bare_arrow(&expr)?;
            self.check_cover_since(start)?;
            let argument = self.check_update_target(expr)?;
            let op = if self.at(K::PlusPlus) {
                UpdateOp::Increment
            } else {
                UpdateOp::Decrement
            };
            self.advance()?;
            Ok(Expression::Update(Box::new(UpdateExpression {
                op,
                prefix: false,
                argument,
                span: self.span_from(start),
            })))
        }
    }

    /// LeftHandSideExpression: NewExpression or CallExpression (incl. optional chains).
    pub fn parse_lhs(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let expr = match self.tok.kind {
            K::New => self.parse_new()?,
            K::Super => self.parse_super()?,
            K::Import => self.parse_import_expression()?,
            _ => {
                let e = self.parse_primary()?;
                if matches!(e, Expression::Arrow(_)) {
                    return Ok(e);
                }
                e
            }
        };
        if !self.at_subscript() {
            return Ok(expr);
        }
        self.parse_subscripts(expr, start, false)
    }

    /// `new` expressions and `new.target`.
    fn parse_new(&mut self) -> PResult<Expression> {
        self.enter()?;
        let r = self.parse_new_inner();
        self.leave();
        r
    }

    fn parse_new_inner(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        if self.at(K::Dot) {
            self.advance()?;
            if !self.at_contextual(K::Target) {
                return Err(self.unexpected());
            }
            self.advance()?;
            let span = self.span_from(start);
            if !self.ctx.in_function {
                return self.err("new.target expression is not allowed here", span);
            }
            return Ok(Expression::NewTarget(span));
        }
        let callee_start = self.tok.span.start;
        let callee = match self.tok.kind {
            K::New => self.parse_new()?,
            K::Super => self.parse_super()?,
            K::Import => {
                let (next, _) = self.peek()?;
                if next != K::Dot {
                    return self.err("Cannot use new with import", self.tok.span);
                }
                self.parse_import_expression()?
            }
            _ => {
                let e = self.parse_primary()?;
                self.no_bare_arrow(&e)?;
                e
            }
        };
        if matches!(callee, Expression::SuperCall(_)) {
            return self.err("'super' keyword unexpected here", callee.span());
        }
        let callee = self.parse_subscripts(callee, callee_start, true)?;
        let arguments = if self.at(K::LParen) {
            self.parse_arguments()?
        } else {
            Vec::new()
        };
        Ok(Expression::New(Box::new(NewExpression {
            callee,
            arguments,
            span: self.span_from(start),
        })))
    }

    /// `super(...)`, `super.x`, `super[x]`.
    fn parse_super(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        match self.tok.kind {
            K::LParen => {
                let arguments = self.parse_arguments()?;
                Ok(Expression::SuperCall(Box::new(SuperCallExpression {
                    arguments,
                    span: self.span_from(start),
                })))
            }
            K::Dot => {
                self.advance()?;
                if self.at(K::PrivateName) {
                    return self.err("Unexpected private name after super", self.tok.span);
                }
                let id = self.parse_identifier_name()?;
                Ok(Expression::SuperMember(Box::new(SuperMemberExpression {
                    property: MemberProperty::Identifier(id),
                    span: self.span_from(start),
                })))
            }
            K::LBracket => {
                self.advance()?;
                let e = self.parse_expression_in()?;
                self.expect_and_advance(K::RBracket)?;
                Ok(Expression::SuperMember(Box::new(SuperMemberExpression {
                    property: MemberProperty::Computed(e),
                    span: self.span_from(start),
                })))
            }
            _ => self.err("'super' keyword unexpected here", self.span_from(start)),
        }
    }

    /// `import.meta` and `import(...)`.
    fn parse_import_expression(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        if self.eat(K::Dot)? {
            if !self.at_contextual(K::Meta) {
                return Err(self.unexpected());
            }
            self.advance()?;
            let span = self.span_from(start);
            if !self.module {
                return self.err("Cannot use 'import.meta' outside a module", span);
            }
            return Ok(Expression::ImportMeta(span));
        }
        self.expect_and_advance(K::LParen)?;
        let source = self.parse_assignment_in()?;
        let mut options = None;
        if self.eat(K::Comma)? && !self.at(K::RParen) {
            options = Some(self.parse_assignment_in()?);
            self.eat(K::Comma)?;
        }
        self.expect_and_advance(K::RParen)?;
        Ok(Expression::ImportCall(Box::new(ImportCallExpression {
            source,
            options,
            span: self.span_from(start),
        })))
    }

    /// Member accesses, calls, tagged templates and optional chains after `expr`.
    pub fn parse_subscripts(
        &mut self,
        mut expr: Expression,
        start: u32,
        no_call: bool,
    ) -> PResult<Expression> {
        let mut chain = 0u32;
        let mut optional_chain = false;
        let r = loop {
            let step = self.parse_subscript(expr, start, no_call, chain == 0, &mut optional_chain);
            match step {
                Ok((e, true)) => {
                    expr = e;
                    chain += 1;
                    self.depth += 1;
                    if self.depth > crate::parser::MAX_DEPTH {
                        break Err(PError::new("too much nesting", self.tok.span));
                    }
                }
                Ok((e, false)) => break Ok(e),
                Err(e) => break Err(e),
            }
        };
        self.depth -= chain;
        let expr = r?;
        if optional_chain {
            let span = self.span_from(start);
            return Ok(Expression::OptionalChain(Box::new(
                OptionalChainExpression {
                    expression: expr,
                    span,
                },
            )));
        }
        Ok(expr)
    }

    /// One subscript step; returns the new expression and whether a step was taken.
    fn parse_subscript(
        &mut self,
        expr: Expression,
        start: u32,
        no_call: bool,
        first: bool,
        optional_chain: &mut bool,
    ) -> PResult<(Expression, bool)> {
        let applies = matches!(
            self.tok.kind,
            K::Dot | K::QuestionDot | K::LBracket | K::NoSubstitutionTemplate | K::TemplateHead
        ) || (self.tok.kind == K::LParen && !no_call);
        if !applies {
            return Ok((expr, false));
        }
        if first {
            self.check_cover_since(start)?;
        }
        match self.tok.kind {
            K::Dot => self.subscript_dot(expr, start),
            K::QuestionDot => {
                if no_call {
                    return self.err("Invalid optional chain from new expression", self.tok.span);
                }
                *optional_chain = true;
                self.subscript_optional(expr, start)
            }
            K::LBracket => self.subscript_computed(expr, start, false),
            K::LParen => self.subscript_call(expr, start, false),
            _ => {
                if *optional_chain {
                    return self.err("Invalid tagged template on optional chain", self.tok.span);
                }
                self.subscript_tagged(expr, start)
            }
        }
    }

    fn subscript_dot(&mut self, expr: Expression, start: u32) -> PResult<(Expression, bool)> {
        self.advance()?;
        // The name after `.` is nearly always an IdentifierName: taken here without the calls
        // through parse_member_name and parse_identifier_name.
        let property = if self.tok.kind == K::Identifier || self.tok.kind.is_keyword_like() {
            let id = self.current_identifier();
            self.advance()?;
            MemberProperty::Identifier(id)
        } else {
            self.parse_member_name()?
        };
        Ok((self.member(expr, property, false, start), true))
    }

    /// After `?.`: a call, a computed member or a name.
    fn subscript_optional(&mut self, expr: Expression, start: u32) -> PResult<(Expression, bool)> {
        self.advance()?;
        match self.tok.kind {
            K::LParen => self.subscript_call(expr, start, true),
            K::LBracket => {
                // `?.[` : the bracket itself is consumed by subscript_computed.
                self.subscript_computed(expr, start, true)
            }
            K::NoSubstitutionTemplate | K::TemplateHead => {
                self.err("Invalid tagged template on optional chain", self.tok.span)
            }
            _ => {
                let property = self.parse_member_name()?;
                Ok((self.member(expr, property, true, start), true))
            }
        }
    }

    fn subscript_computed(
        &mut self,
        expr: Expression,
        start: u32,
        optional: bool,
    ) -> PResult<(Expression, bool)> {
        self.advance()?;
        let e = self.parse_expression_in()?;
        self.expect_and_advance(K::RBracket)?;
        Ok((
            self.member(expr, MemberProperty::Computed(e), optional, start),
            true,
        ))
    }

    fn subscript_call(
        &mut self,
        expr: Expression,
        start: u32,
        optional: bool,
    ) -> PResult<(Expression, bool)> {
        let arguments = self.parse_arguments()?;
        Ok((
            Expression::Call(Box::new(CallExpression {
                callee: expr,
                arguments,
                optional,
                span: self.span_from(start),
            })),
            true,
        ))
    }

    fn subscript_tagged(&mut self, expr: Expression, start: u32) -> PResult<(Expression, bool)> {
        let quasi = self.parse_template(true)?;
        Ok((
            Expression::TaggedTemplate(Box::new(TaggedTemplateExpression {
                tag: expr,
                quasi,
                span: self.span_from(start),
            })),
            true,
        ))
    }

    fn member(
        &self,
        object: Expression,
        property: MemberProperty,
        optional: bool,
        start: u32,
    ) -> Expression {
        Expression::Member(Box::new(MemberExpression {
            object,
            property,
            optional,
            span: self.span_from(start),
        }))
    }

    /// The name after `.`: an IdentifierName or a PrivateIdentifier.
    fn parse_member_name(&mut self) -> PResult<MemberProperty> {
        if self.at(K::PrivateName) {
            let tok = self.bump()?;
            return Ok(MemberProperty::PrivateName(self.identifier_from(tok)));
        }
        Ok(MemberProperty::Identifier(self.parse_identifier_name()?))
    }

    /// <https://tc39.es/ecma262/#prod-Arguments>
    pub fn parse_arguments(&mut self) -> PResult<Vec<Argument>> {
        self.expect_and_advance(K::LParen)?;
        // Arguments collect on a shared stack so each list is allocated once, exactly sized.
        let mark = self.arg_scratch.len();
        while !self.at(K::RParen) {
            let arg = if self.at(K::Ellipsis) {
                let start = self.tok.span.start;
                self.advance()?;
                let argument = self.parse_assignment_in()?;
                Argument::Spread(SpreadElement {
                    argument,
                    span: self.span_from(start),
                })
            } else {
                Argument::Expression(self.parse_assignment_in()?)
            };
            self.arg_scratch.push(arg);
            if !self.eat(K::Comma)? {
                break;
            }
        }
        self.expect_and_advance(K::RParen)?;
        Ok(crate::parser::take_from(&mut self.arg_scratch, mark))
    }

    // -----------------------------------------------------------------------------------------
    // Primary expressions
    // -----------------------------------------------------------------------------------------

    /// <https://tc39.es/ecma262/#prod-PrimaryExpression>, plus arrow functions and async arrow
    /// heads, which are recognised here.
    fn parse_primary(&mut self) -> PResult<Expression> {
        match self.tok.kind {
            K::This | K::Null | K::True | K::False | K::Number | K::BigInt | K::String => {
                self.parse_literal()
            }
            K::Slash | K::SlashEq => self.parse_regex(),
            K::NoSubstitutionTemplate | K::TemplateHead => self.parse_template_expression(),
            K::LParen => self.parse_paren(),
            K::LBracket => self.parse_array_literal(),
            K::LBrace => self.parse_object_literal(),
            K::Function => self.parse_function_primary(),
            K::Class => self.parse_class_expression(),
            K::Async if !self.tok.escaped => self.parse_async_primary(),
            k if is_identifier_kind(k) => self.parse_identifier_primary(),
            _ => Err(self.unexpected()),
        }
    }

    fn parse_template_expression(&mut self) -> PResult<Expression> {
        Ok(Expression::Template(Box::new(self.parse_template(false)?)))
    }

    fn parse_function_primary(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let f = self.parse_function_expression(false, start)?;
        Ok(Expression::Function(Box::new(f)))
    }

    fn parse_class_expression(&mut self) -> PResult<Expression> {
        Ok(Expression::Class(Box::new(self.parse_class(false, true)?)))
    }

    /// An IdentifierReference, or the parameter of `x => ...`.
    fn parse_identifier_primary(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let id = self.parse_identifier()?;
        if self.at(K::Arrow) && !self.tok.newline_before {
            return self.identifier_arrow(start, id);
        }
        Ok(Expression::Identifier(id))
    }

    /// `x => ...` once `x` is consumed and `=>` is current.
    fn identifier_arrow(&mut self, start: u32, id: Identifier) -> PResult<Expression> {
        self.check_binding_name(&id)?;
        let params = FormalParameters {
            span: id.span,
            items: vec![Pattern::Identifier(id)],
            rest: None,
            is_simple: true,
        };
        self.parse_arrow_rest(start, params, false)
    }

    /// `this` and literals.
    fn parse_literal(&mut self) -> PResult<Expression> {
        let span = self.tok.span;
        // Tokens whose value is copied out are consumed with `advance`, which moves less than
        // `bump`; errors still come after the next token is lexed, as with `bump`.
        let expression = match self.tok.kind {
            K::This => Expression::This(span),
            K::Null => Expression::Literal(Literal::Null(span)),
            K::True => Expression::Literal(Literal::Boolean(true, span)),
            K::False => Expression::Literal(Literal::Boolean(false, span)),
            K::Number => {
                let legacy_octal = self.tok.legacy_octal;
                let value = match self.tok.value {
                    TokenValue::Number(n) => n,
                    _ => f64::NAN,
                };
                self.advance()?;
                if legacy_octal && self.ctx.strict {
                    return self.err("Octal literals are not allowed in strict mode", span);
                }
                return Ok(Expression::Literal(Literal::Number(NumberLiteral {
                    value,
                    span,
                })));
            }
            _ => return self.parse_owned_literal(),
        };
        self.advance()?;
        Ok(expression)
    }

    /// String and BigInt literals, whose token values are moved into the node.
    fn parse_owned_literal(&mut self) -> PResult<Expression> {
        let tok = self.bump()?;
        let span = tok.span;
        Ok(match tok.kind {
            K::BigInt => {
                let digits = match tok.value {
                    TokenValue::BigInt(d) => d,
                    _ => "0".into(),
                };
                Expression::Literal(Literal::BigInt(BigIntLiteral { digits, span }))
            }
            _ => Expression::Literal(Literal::String(self.string_literal(tok)?)),
        })
    }

    pub fn check_octal_literal(&self, tok: &Token<'a>) -> PResult<()> {
        if tok.legacy_octal && self.ctx.strict {
            return self.err("Octal literals are not allowed in strict mode", tok.span);
        }
        Ok(())
    }

    /// A string literal token's value, rejecting legacy octal escapes in strict code.
    pub fn string_literal(&self, tok: Token<'a>) -> PResult<StringLiteral> {
        if tok.legacy_octal && self.ctx.strict {
            return self.err(
                "Octal escape sequences are not allowed in strict mode",
                tok.span,
            );
        }
        let value = match tok.value {
            TokenValue::String(s) => s,
            _ => Box::default(),
        };
        Ok(StringLiteral {
            value,
            span: tok.span,
        })
    }

    /// `async function`, `async x => ...`, `async (...) => ...` or the identifier `async`.
    fn parse_async_primary(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        let (next, nl) = self.peek()?;
        if next == K::Function && !nl {
            self.advance()?;
            let f = self.parse_function_expression(true, start)?;
            return Ok(Expression::Function(Box::new(f)));
        }
        let async_tok = self.bump()?;
        let async_id = Identifier {
            name: self.atoms.intern("async"),
            span: async_tok.span,
        };
        if is_identifier_kind(self.tok.kind)
            && !self.tok.newline_before
            && self.peek()?.0 == K::Arrow
        {
            // `async x => ...`: the parameter is bound in the async function's context.
            let saved = self.ctx;
            self.ctx.await_ = true;
            let id = self.parse_binding_identifier();
            self.ctx = saved;
            let id = id?;
            if !self.at(K::Arrow) || self.tok.newline_before {
                return Err(self.unexpected());
            }
            let params = FormalParameters {
                span: id.span,
                items: vec![Pattern::Identifier(id)],
                rest: None,
                is_simple: true,
            };
            return self.parse_arrow_rest(start, params, true);
        }
        if self.at(K::LParen) && !self.tok.newline_before {
            // CoverCallExpressionAndAsyncArrowHead
            let mark = self.cover_errors.len();
            let saved_await_ident = self.last_await_ident.take();
            let saved_yield_await = self.last_yield_await.take();
            let args = self.parse_cover_arguments();
            let await_ident = self.last_await_ident;
            let yield_await = self.last_yield_await;
            self.last_await_ident = saved_await_ident.or(await_ident);
            self.last_yield_await = saved_yield_await.or(yield_await);
            let (args, trailing_comma_after_rest) = args?;
            if self.at(K::Arrow) && !self.tok.newline_before {
                if let Some(p) = await_ident.or(yield_await) {
                    return self.err(
                        "Async arrow parameters may not contain 'await' or yield expressions",
                        Span { start: p, end: p },
                    );
                }
                if trailing_comma_after_rest {
                    return self.err(
                        "Rest parameter must be last formal parameter",
                        self.tok.span,
                    );
                }
                let params = self.arguments_to_params(args, start)?;
                self.clear_cover_since(start);
                return self.parse_arrow_rest(start, params, true);
            }
            self.check_cover_errors(mark)?;
            let call = Expression::Call(Box::new(CallExpression {
                callee: Expression::Identifier(async_id),
                arguments: args,
                optional: false,
                span: self.span_from(start),
            }));
            return Ok(call);
        }
        // Plain identifier `async` (possibly `async => ...`).
        self.check_identifier("async", async_tok.span)?;
        if self.at(K::Arrow) && !self.tok.newline_before {
            let params = FormalParameters {
                span: async_id.span,
                items: vec![Pattern::Identifier(async_id)],
                rest: None,
                is_simple: true,
            };
            return self.parse_arrow_rest(start, params, false);
        }
        Ok(Expression::Identifier(async_id))
    }

    /// Arguments whose cover errors stay pending (they may become async arrow parameters).
    /// Returns whether a spread element was followed by a trailing comma.
    fn parse_cover_arguments(&mut self) -> PResult<(Vec<Argument>, bool)> {
        self.expect_and_advance(K::LParen)?;
        let mut args = Vec::new();
        let mut trailing_after_rest = false;
        let saved_in = self.ctx.in_;
        self.ctx.in_ = true;
        let r = (|| -> PResult<()> {
            while !self.at(K::RParen) {
                if self.at(K::Ellipsis) {
                    let start = self.tok.span.start;
                    self.advance()?;
                    let argument = self.parse_assignment_cover()?;
                    args.push(Argument::Spread(SpreadElement {
                        argument,
                        span: self.span_from(start),
                    }));
                    if self.at(K::Comma) {
                        trailing_after_rest = true;
                    }
                } else {
                    args.push(Argument::Expression(self.parse_assignment_cover()?));
                    if self.at(K::Comma) {
                        trailing_after_rest = false;
                    }
                }
                if !self.eat(K::Comma)? {
                    break;
                }
            }
            self.expect_and_advance(K::RParen)?;
            Ok(())
        })();
        self.ctx.in_ = saved_in;
        r?;
        Ok((args, trailing_after_rest))
    }

    /// `( Expression )` or the parameters of an arrow function
    /// (CoverParenthesizedExpressionAndArrowParameterList).
    fn parse_paren(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        let mark = self.cover_errors.len();
        let saved_in = self.ctx.in_;
        self.ctx.in_ = true;
        let saved_yield_await = self.last_yield_await.take();
        let r = self.parse_paren_items();
        let yield_await = self.last_yield_await;
        self.last_yield_await = saved_yield_await.or(yield_await);
        self.ctx.in_ = saved_in;
        let (items, rest, trailing_comma, close_span) = r?;
        if self.at(K::Arrow) && !self.tok.newline_before {
            return self.paren_to_arrow(start, items, rest, yield_await);
        }
        self.paren_expression(
            start,
            mark,
            items,
            rest.is_some() || trailing_comma,
            close_span,
        )
    }

    /// `( items ) =>`: reinterpret the parenthesised cover as arrow parameters.
    fn paren_to_arrow(
        &mut self,
        start: u32,
        items: Vec<Expression>,
        rest: Option<Pattern>,
        yield_await: Option<u32>,
    ) -> PResult<Expression> {
        {
            if let Some(p) = yield_await {
                return self.err(
                    "Arrow parameters may not contain yield or await expressions",
                    Span { start: p, end: p },
                );
            }
            let mut patterns = Vec::with_capacity(items.len());
            let mut is_simple = rest.is_none();
            for item in items {
                let p = self.expression_to_binding_pattern(item)?;
                if !matches!(p, Pattern::Identifier(_)) {
                    is_simple = false;
                }
                patterns.push(p);
            }
            self.clear_cover_since(start);
            let params = FormalParameters {
                items: patterns,
                rest: rest.map(Box::new),
                is_simple,
                span: self.span_from(start),
            };
            self.parse_arrow_rest(start, params, false)
        }
    }

    /// `( items )` that is not followed by `=>`.
    fn paren_expression(
        &mut self,
        start: u32,
        mark: usize,
        items: Vec<Expression>,
        arrow_only: bool,
        close_span: Span,
    ) -> PResult<Expression> {
        if items.is_empty() || arrow_only {
            return self.err("Unexpected token ')'", close_span);
        }
        self.check_cover_errors(mark)?;
        let expression = if items.len() == 1 {
            items.into_iter().next().ok_or_else(|| self.unexpected())?
        } else {
            let first = items.first().map(|e| e.span().start).unwrap_or(start);
            let last = items.last().map(|e| e.span().end).unwrap_or(start);
            Expression::Sequence(Box::new(SequenceExpression {
                expressions: items,
                span: Span {
                    start: first,
                    end: last,
                },
            }))
        };
        Ok(Expression::Parenthesized(Box::new(
            ParenthesizedExpression {
                expression,
                span: self.span_from(start),
            },
        )))
    }

    #[allow(clippy::type_complexity)]
    fn parse_paren_items(&mut self) -> PResult<(Vec<Expression>, Option<Pattern>, bool, Span)> {
        let mut items = Vec::with_capacity(1);
        let mut rest = None;
        let mut trailing_comma = false;
        loop {
            if self.at(K::RParen) {
                break;
            }
            if self.at(K::Ellipsis) {
                self.advance()?;
                rest = Some(self.parse_binding_target()?);
                if !self.at(K::RParen) {
                    return Err(self.unexpected());
                }
                break;
            }
            items.push(self.parse_assignment_cover()?);
            if !self.eat(K::Comma)? {
                break;
            }
            if self.at(K::RParen) {
                trailing_comma = true;
                break;
            }
        }
        let close = self.expect(K::RParen)?;
        Ok((items, rest, trailing_comma, close.span))
    }

    /// A regular expression literal, validated by moat-regexp.
    fn parse_regex(&mut self) -> PResult<Expression> {
        let tok = self.lexer.rescan_regex(&self.tok)?;
        self.tok = tok;
        let tok = self.bump()?;
        let (body, flags) = match tok.value {
            TokenValue::RegExp(ref r) => (r.body, r.flags),
            _ => return Err(self.unexpected_token(&tok)),
        };
        if let Err(e) = moat_regexp::validate(body, flags) {
            return self.err(
                format!("Invalid regular expression: /{body}/{flags}: {}", e.message),
                tok.span,
            );
        }
        Ok(Expression::Literal(Literal::RegExp(Box::new(
            RegExpLiteral {
                pattern: body.into(),
                flags: flags.into(),
                span: tok.span,
            },
        ))))
    }

    /// <https://tc39.es/ecma262/#prod-TemplateLiteral>; untagged templates reject invalid
    /// escapes.
    pub fn parse_template(&mut self, tagged: bool) -> PResult<TemplateLiteral> {
        let start = self.tok.span.start;
        let mut quasis = Vec::new();
        let mut expressions = Vec::new();
        loop {
            let tok = self.bump()?;
            let kind = tok.kind;
            let span = tok.span;
            let (cooked, raw) = match tok.value {
                TokenValue::Template(t) => (t.cooked, t.raw),
                _ => {
                    return Err(self.unexpected_token(&Token {
                        value: TokenValue::None,
                        ..tok
                    }))
                }
            };
            let cooked = match cooked {
                Ok(c) => Some(c),
                Err(e) if tagged => {
                    let _ = e;
                    None
                }
                Err(e) => return Err((*e).into()),
            };
            quasis.push(TemplateElement { cooked, raw, span });
            if matches!(kind, K::NoSubstitutionTemplate | K::TemplateTail) {
                break;
            }
            expressions.push(self.parse_expression_in()?);
            if !self.at(K::RBrace) {
                return Err(self.unexpected());
            }
            let t = self.lexer.rescan_template_continuation(&self.tok)?;
            self.tok = t;
        }
        Ok(TemplateLiteral {
            quasis,
            expressions,
            span: self.span_from(start),
        })
    }

    /// <https://tc39.es/ecma262/#prod-ArrayLiteral> (also an ArrayAssignmentPattern cover).
    fn parse_array_literal(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        let saved_in = self.ctx.in_;
        self.ctx.in_ = true;
        let r = self.parse_array_elements(start);
        self.ctx.in_ = saved_in;
        let elements = r?;
        Ok(Expression::Array(Box::new(ArrayExpression {
            elements,
            span: self.span_from(start),
        })))
    }

    fn parse_array_elements(&mut self, start: u32) -> PResult<Vec<ArrayElement>> {
        let mut elements = Vec::new();
        loop {
            match self.tok.kind {
                K::RBracket => {
                    self.advance()?;
                    return Ok(elements);
                }
                K::Comma => {
                    let span = self.tok.span;
                    self.advance()?;
                    elements.push(ArrayElement::Hole(span));
                    continue;
                }
                K::Ellipsis => {
                    let s = self.tok.span.start;
                    self.advance()?;
                    let argument = self.parse_assignment_cover()?;
                    elements.push(ArrayElement::Spread(SpreadElement {
                        argument,
                        span: self.span_from(s),
                    }));
                    if self.at(K::Comma) {
                        self.spread_trailing_comma.insert(start);
                    }
                }
                _ => elements.push(ArrayElement::Expression(self.parse_assignment_cover()?)),
            }
            if !self.at(K::RBracket) {
                self.expect_and_advance(K::Comma)?;
            }
        }
    }

    /// <https://tc39.es/ecma262/#prod-ObjectLiteral> (also an ObjectAssignmentPattern cover).
    fn parse_object_literal(&mut self) -> PResult<Expression> {
        let start = self.tok.span.start;
        self.advance()?;
        let saved_in = self.ctx.in_;
        self.ctx.in_ = true;
        let r = self.parse_object_properties(start);
        self.ctx.in_ = saved_in;
        let properties = r?;
        Ok(Expression::Object(Box::new(ObjectExpression {
            properties,
            span: self.span_from(start),
        })))
    }

    fn parse_object_properties(&mut self, start: u32) -> PResult<Vec<ObjectProperty>> {
        let mut properties = Vec::new();
        let mut seen_proto = false;
        while !self.at(K::RBrace) {
            let prop = self.parse_object_property()?;
            if let ObjectProperty::Spread(_) = &prop {
                if self.at(K::Comma) {
                    self.spread_trailing_comma.insert(start);
                }
            }
            if prop.is_proto_setter() {
                if seen_proto {
                    let span = match &prop {
                        ObjectProperty::KeyValue { key, .. } => key.span(),
                        _ => self.tok.span,
                    };
                    self.cover_errors.push((
                        span,
                        "Duplicate __proto__ fields are not allowed in object literals",
                    ));
                }
                seen_proto = true;
            }
            properties.push(prop);
            if !self.at(K::RBrace) {
                self.expect_and_advance(K::Comma)?;
            }
        }
        self.advance()?;
        Ok(properties)
    }

    /// Whether the token after the current one can start a property name (so the current
    /// `get`/`set`/`async`/`static` is a modifier).
    pub fn next_is_property_name(&mut self, allow_star: bool) -> PResult<(bool, bool)> {
        let (next, nl) = self.peek()?;
        let ok = matches!(
            next,
            K::Identifier | K::String | K::Number | K::BigInt | K::LBracket | K::PrivateName
        ) || next.is_keyword_like()
            || (allow_star && next == K::Star);
        Ok((ok, nl))
    }

    fn parse_object_property(&mut self) -> PResult<ObjectProperty> {
        let start = self.tok.span.start;
        if self.at(K::Ellipsis) {
            self.advance()?;
            let argument = self.parse_assignment_cover()?;
            return Ok(ObjectProperty::Spread(SpreadElement {
                argument,
                span: self.span_from(start),
            }));
        }
        let mut is_async = false;
        let mut is_generator = false;
        let mut kind = MethodKind::Method;
        if self.at_contextual(K::Async) {
            let (ok, nl) = self.next_is_property_name(true)?;
            if ok && !nl {
                self.advance()?;
                is_async = true;
            }
        }
        if self.at(K::Star) {
            self.advance()?;
            is_generator = true;
        }
        if !is_async && !is_generator && (self.at_contextual(K::Get) || self.at_contextual(K::Set))
        {
            let (ok, _) = self.next_is_property_name(false)?;
            if ok {
                kind = if self.at(K::Get) {
                    MethodKind::Get
                } else {
                    MethodKind::Set
                };
                self.advance()?;
            }
        }
        let key_tok_kind = self.tok.kind;
        let key_escaped = self.tok.escaped;
        let key = self.parse_property_key(false)?;
        if self.at(K::LParen) || is_async || is_generator || kind != MethodKind::Method {
            return self.object_method(start, key, kind, is_async, is_generator);
        }
        if self.eat(K::Colon)? {
            let value = self.parse_assignment_cover()?;
            return Ok(ObjectProperty::KeyValue {
                key,
                value,
                shorthand: false,
                span: self.span_from(start),
            });
        }
        self.object_shorthand(start, key, key_tok_kind, key_escaped)
    }

    fn object_method(
        &mut self,
        start: u32,
        key: PropertyKey,
        kind: MethodKind,
        is_async: bool,
        is_generator: bool,
    ) -> PResult<ObjectProperty> {
        let fkind = match kind {
            MethodKind::Get => FunctionKind::Getter,
            MethodKind::Set => FunctionKind::Setter,
            _ => FunctionKind::Method,
        };
        // A method has no token of its own among the early-error pass's marks.
        self.method_starts.push(start);
        let value = self.parse_method(start, fkind, is_async, is_generator)?;
        Ok(ObjectProperty::Method {
            key,
            kind,
            value: Box::new(value),
            span: self.span_from(start),
        })
    }

    /// Shorthand `x` or CoverInitializedName `x = init`.
    fn object_shorthand(
        &mut self,
        start: u32,
        key: PropertyKey,
        key_tok_kind: K,
        key_escaped: bool,
    ) -> PResult<ObjectProperty> {
        let PropertyKey::Identifier(id) = key else {
            return Err(self.unexpected());
        };
        if !(is_identifier_kind(key_tok_kind) || key_escaped) {
            return self.err(format!("Unexpected reserved word '{}'", id.name), id.span);
        }
        self.check_identifier(&id.name, id.span)?;
        if self.at(K::Eq) {
            let eq_span = self.tok.span;
            self.check_binding_name(&id)?;
            self.advance()?;
            let default = self.parse_assignment_in()?;
            self.cover_errors
                .push((eq_span, "Invalid shorthand property initializer"));
            let span = self.span_from(start);
            return Ok(ObjectProperty::KeyValue {
                key: PropertyKey::Identifier(id.clone()),
                value: Expression::Assignment(Box::new(AssignmentExpression {
                    op: AssignOp::Assign,
                    target: Pattern::Identifier(id),
                    value: default,
                    span,
                })),
                shorthand: true,
                span,
            });
        }
        Ok(ObjectProperty::KeyValue {
            key: PropertyKey::Identifier(id.clone()),
            value: Expression::Identifier(id),
            shorthand: true,
            span: self.span_from(start),
        })
    }

    /// <https://tc39.es/ecma262/#prod-PropertyName> (and `#name` when `allow_private`).
    pub fn parse_property_key(&mut self, allow_private: bool) -> PResult<PropertyKey> {
        match self.tok.kind {
            K::String => {
                let tok = self.bump()?;
                Ok(PropertyKey::String(self.string_literal(tok)?))
            }
            K::Number => {
                let tok = self.bump()?;
                self.check_octal_literal(&tok)?;
                let value = match tok.value {
                    TokenValue::Number(n) => n,
                    _ => f64::NAN,
                };
                Ok(PropertyKey::Number(NumberLiteral {
                    value,
                    span: tok.span,
                }))
            }
            K::BigInt => {
                let tok = self.bump()?;
                let digits = match tok.value {
                    TokenValue::BigInt(d) => d,
                    _ => "0".into(),
                };
                Ok(PropertyKey::BigInt(BigIntLiteral {
                    digits,
                    span: tok.span,
                }))
            }
            K::LBracket => {
                self.advance()?;
                let e = self.parse_assignment_in()?;
                self.expect_and_advance(K::RBracket)?;
                Ok(PropertyKey::Computed(Box::new(e)))
            }
            K::PrivateName if allow_private => {
                let tok = self.bump()?;
                Ok(PropertyKey::PrivateName(self.identifier_from(tok)))
            }
            _ => Ok(PropertyKey::Identifier(self.parse_identifier_name()?)),
        }
    }
}

/// `x.#y` or `x?.#y` (possibly parenthesised), which `delete` rejects.
fn is_private_reference(e: &Expression) -> bool {
    match e {
        Expression::Member(m) => matches!(m.property, MemberProperty::PrivateName(_)),
        Expression::OptionalChain(c) => is_private_reference(&c.expression),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ParseOptions;
    use moat_lexer::Goal;

    /// The operand fast paths decide "no operator follows" by `binary_precedence` alone, so it
    /// must be non-zero exactly for the tokens `binary_op` accepts (with [+In]), and agree
    /// with it on the precedence.
    #[test]
    fn precedence_table_agrees_with_binary_op() {
        let tokens = [
            "??",
            "||",
            "&&",
            "|",
            "^",
            "&",
            "==",
            "!=",
            "===",
            "!==",
            "<",
            ">",
            "<=",
            ">=",
            "instanceof",
            "in",
            "<<",
            ">>",
            ">>>",
            "+",
            "-",
            "*",
            "/",
            "%",
            "**",
            "=",
            "+=",
            "=>",
            "?",
            ":",
            ",",
            ";",
            ")",
            "]",
            "}",
            "x",
            "1",
            "!",
            "~",
            "++",
            "--",
            ".",
            "?.",
            "(",
            "[",
            "typeof",
            "void",
            "delete",
            "of",
        ];
        for text in tokens {
            let options = ParseOptions::default();
            let parser = Parser::new(text, Goal::Script, &options);
            let Ok(mut parser) = parser else {
                panic!("{text:?} does not lex");
            };
            parser.ctx.in_ = true;
            let from_op = parser.binary_op().map(|(prec, _)| prec);
            let from_table = Some(binary_precedence(parser.tok.kind)).filter(|&p| p > 0);
            assert_eq!(from_op, from_table, "{text:?}");
        }
    }
}
