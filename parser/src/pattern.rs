//! Binding patterns, assignment targets and the reinterpretation of cover expressions as
//! patterns (<https://tc39.es/ecma262/#sec-destructuring-assignment>,
//! <https://tc39.es/ecma262/#sec-destructuring-binding-patterns>).

use crate::ast::*;
use crate::error::PResult;
use crate::parser::{is_identifier_kind, Parser};
use moat_lexer::TokenKind as K;

/// Calls `f` on each of the BoundNames of a pattern in order
/// (<https://tc39.es/ecma262/#sec-static-semantics-boundnames>), stopping at the first error,
/// so that checks over the names need not collect them. Recursion follows the pattern's
/// nesting, which the parser bounds.
pub(crate) fn try_for_each_bound_name<'p, E>(
    p: &'p Pattern,
    f: &mut impl FnMut(&'p Identifier) -> Result<(), E>,
) -> Result<(), E> {
    match p {
        Pattern::Identifier(id) => f(id),
        Pattern::Member(_) => Ok(()),
        Pattern::Object(o) => {
            for prop in &o.properties {
                try_for_each_bound_name(&prop.value, f)?;
            }
            match &o.rest {
                Some(r) => try_for_each_bound_name(r, f),
                None => Ok(()),
            }
        }
        Pattern::Array(a) => {
            for p in a.elements.iter().flatten() {
                try_for_each_bound_name(p, f)?;
            }
            match &a.rest {
                Some(r) => try_for_each_bound_name(r, f),
                None => Ok(()),
            }
        }
        Pattern::Assignment(a) => try_for_each_bound_name(&a.target, f),
    }
}

/// Collects the BoundNames of a pattern (<https://tc39.es/ecma262/#sec-static-semantics-boundnames>).
pub(crate) fn bound_names<'p>(p: &'p Pattern, out: &mut Vec<&'p Identifier>) {
    let _ = try_for_each_bound_name(p, &mut |id| {
        out.push(id);
        Ok::<(), ()>(())
    });
}

fn strip_parens(e: &Expression) -> &Expression {
    let mut e = e;
    while let Expression::Parenthesized(p) = e {
        e = &p.expression;
    }
    e
}

impl<'a> Parser<'a> {
    // -----------------------------------------------------------------------------------------
    // Binding patterns
    // -----------------------------------------------------------------------------------------

    /// BindingIdentifier or BindingPattern.
    pub fn parse_binding_target(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let r = match self.tok.kind {
            K::LBracket => self.parse_array_binding(),
            K::LBrace => self.parse_object_binding(),
            _ => self.parse_binding_identifier().map(Pattern::Identifier),
        };
        self.leave();
        r
    }

    /// BindingElement: a target with an optional initializer.
    pub fn parse_binding_element(&mut self) -> PResult<Pattern> {
        let start = self.tok.span.start;
        let target = self.parse_binding_target()?;
        if self.eat(K::Eq)? {
            let default = self.parse_assignment_in()?;
            return Ok(Pattern::Assignment(Box::new(AssignmentPattern {
                target,
                default,
                span: self.span_from(start),
            })));
        }
        Ok(target)
    }

    fn parse_array_binding(&mut self) -> PResult<Pattern> {
        let start = self.tok.span.start;
        self.advance()?;
        let mut elements = Vec::new();
        let mut rest = None;
        loop {
            match self.tok.kind {
                K::RBracket => break,
                K::Comma => {
                    self.advance()?;
                    elements.push(None);
                    continue;
                }
                K::Ellipsis => {
                    self.advance()?;
                    rest = Some(Box::new(self.parse_binding_target()?));
                    break;
                }
                _ => elements.push(Some(self.parse_binding_element()?)),
            }
            if !self.at(K::RBracket) {
                self.expect_and_advance(K::Comma)?;
            }
        }
        self.expect_and_advance(K::RBracket)?;
        Ok(Pattern::Array(Box::new(ArrayPattern {
            elements,
            rest,
            span: self.span_from(start),
        })))
    }

    fn parse_object_binding(&mut self) -> PResult<Pattern> {
        let start = self.tok.span.start;
        self.advance()?;
        let mut properties = Vec::new();
        let mut rest = None;
        while !self.at(K::RBrace) {
            if self.at(K::Ellipsis) {
                self.advance()?;
                rest = Some(Box::new(Pattern::Identifier(
                    self.parse_binding_identifier()?,
                )));
                break;
            }
            let p_start = self.tok.span.start;
            let key_kind = self.tok.kind;
            let key = self.parse_property_key(false)?;
            if self.eat(K::Colon)? {
                let value = self.parse_binding_element()?;
                properties.push(PatternProperty {
                    key,
                    value,
                    shorthand: false,
                    span: self.span_from(p_start),
                });
            } else {
                let PropertyKey::Identifier(id) = key else {
                    return Err(self.unexpected());
                };
                if !is_identifier_kind(key_kind) {
                    return self.err(format!("Unexpected reserved word '{}'", id.name), id.span);
                }
                self.check_identifier(&id.name, id.span)?;
                self.check_binding_name(&id)?;
                let mut value = Pattern::Identifier(id.clone());
                if self.eat(K::Eq)? {
                    let default = self.parse_assignment_in()?;
                    value = Pattern::Assignment(Box::new(AssignmentPattern {
                        target: value,
                        default,
                        span: self.span_from(p_start),
                    }));
                }
                properties.push(PatternProperty {
                    key: PropertyKey::Identifier(id),
                    value,
                    shorthand: true,
                    span: self.span_from(p_start),
                });
            }
            if !self.at(K::RBrace) {
                self.expect_and_advance(K::Comma)?;
            }
        }
        self.expect_and_advance(K::RBrace)?;
        Ok(Pattern::Object(Box::new(ObjectPattern {
            properties,
            rest,
            span: self.span_from(start),
        })))
    }

    // -----------------------------------------------------------------------------------------
    // Assignment targets from cover expressions
    // -----------------------------------------------------------------------------------------

    /// Checks that `e` has AssignmentTargetType simple (or web-compat for calls in sloppy code
    /// when `allow_call`).
    pub fn simple_target_kind(&self, e: &Expression, allow_call: bool) -> PResult<()> {
        match strip_parens(e) {
            Expression::Identifier(id) => self.check_binding_name(id),
            Expression::Member(_) | Expression::SuperMember(_) => Ok(()),
            Expression::Call(c) if allow_call && !self.ctx.strict && !c.optional => Ok(()),
            _ => self.err("Invalid left-hand side in assignment", e.span()),
        }
    }

    /// A simple assignment target as a Pattern (compound assignment operators).
    pub fn simple_assignment_target(&self, e: Expression, allow_call: bool) -> PResult<Pattern> {
        self.simple_target_kind(&e, allow_call)?;
        Ok(simple_to_pattern(e))
    }

    /// Reinterprets the LeftHandSideExpression of `=` (or a for-in/of head) as an assignment
    /// target (<https://tc39.es/ecma262/#sec-static-semantics-assignmenttargettype>).
    pub fn expression_to_assignment_target(&self, e: Expression, top: bool) -> PResult<Pattern> {
        match e {
            Expression::Object(o) => self.object_to_pattern(*o, false),
            Expression::Array(a) => self.array_to_pattern(*a, false),
            e => {
                self.simple_target_kind(&e, top)?;
                Ok(simple_to_pattern(e))
            }
        }
    }

    /// A destructuring element (may carry a default).
    fn element_to_pattern(&self, e: Expression, binding: bool) -> PResult<Pattern> {
        match e {
            Expression::Assignment(a) if a.op == AssignOp::Assign => {
                let a = *a;
                if binding {
                    self.check_binding_pattern(&a.target)?;
                }
                Ok(Pattern::Assignment(Box::new(AssignmentPattern {
                    target: a.target,
                    default: a.value,
                    span: a.span,
                })))
            }
            e => self.target_to_pattern(e, binding),
        }
    }

    fn target_to_pattern(&self, e: Expression, binding: bool) -> PResult<Pattern> {
        match e {
            Expression::Object(o) => self.object_to_pattern(*o, binding),
            Expression::Array(a) => self.array_to_pattern(*a, binding),
            Expression::Identifier(id) if binding => {
                self.check_binding_name(&id)?;
                Ok(Pattern::Identifier(id))
            }
            e if !binding => {
                self.simple_target_kind(&e, false)?;
                Ok(simple_to_pattern(e))
            }
            e => self.err("Invalid destructuring target", e.span()),
        }
    }

    fn object_to_pattern(&self, o: ObjectExpression, binding: bool) -> PResult<Pattern> {
        let trailing = self.spread_trailing_comma.contains(&o.span.start);
        let n = o.properties.len();
        let mut properties = Vec::with_capacity(n);
        let mut rest = None;
        for (i, prop) in o.properties.into_iter().enumerate() {
            match prop {
                ObjectProperty::KeyValue {
                    key,
                    value,
                    shorthand,
                    span,
                } => {
                    let value = self.element_to_pattern(value, binding)?;
                    properties.push(PatternProperty {
                        key,
                        value,
                        shorthand,
                        span,
                    });
                }
                ObjectProperty::Method { span, .. } => {
                    return self.err("Invalid destructuring assignment target", span);
                }
                ObjectProperty::Spread(s) => {
                    if i + 1 != n || trailing {
                        return self.err("Rest element must be last element", s.span);
                    }
                    let target = match s.argument {
                        Expression::Identifier(id) => {
                            self.check_binding_name(&id)?;
                            Pattern::Identifier(id)
                        }
                        e if !binding => {
                            self.simple_target_kind(&e, false)?;
                            simple_to_pattern(e)
                        }
                        e => return self.err("Invalid rest element", e.span()),
                    };
                    rest = Some(Box::new(target));
                }
            }
        }
        Ok(Pattern::Object(Box::new(ObjectPattern {
            properties,
            rest,
            span: o.span,
        })))
    }

    fn array_to_pattern(&self, a: ArrayExpression, binding: bool) -> PResult<Pattern> {
        let trailing = self.spread_trailing_comma.contains(&a.span.start);
        let n = a.elements.len();
        let mut elements = Vec::with_capacity(n);
        let mut rest = None;
        for (i, el) in a.elements.into_iter().enumerate() {
            match el {
                ArrayElement::Hole(_) => elements.push(None),
                ArrayElement::Expression(e) => {
                    elements.push(Some(self.element_to_pattern(e, binding)?))
                }
                ArrayElement::Spread(s) => {
                    if i + 1 != n || trailing {
                        return self.err("Rest element must be last element", s.span);
                    }
                    rest = Some(Box::new(self.target_to_pattern(s.argument, binding)?));
                }
            }
        }
        Ok(Pattern::Array(Box::new(ArrayPattern {
            elements,
            rest,
            span: a.span,
        })))
    }

    /// Arrow parameters from a parenthesised cover element.
    pub fn expression_to_binding_pattern(&self, e: Expression) -> PResult<Pattern> {
        self.element_to_pattern(e, true)
    }

    /// A pattern built as an assignment target must also be a valid binding pattern.
    fn check_binding_pattern(&self, p: &Pattern) -> PResult<()> {
        match p {
            Pattern::Identifier(id) => self.check_binding_name(id),
            Pattern::Member(e) => self.err("Invalid destructuring target", e.span()),
            Pattern::Object(o) => {
                for prop in &o.properties {
                    self.check_binding_pattern(&prop.value)?;
                }
                if let Some(r) = &o.rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
            Pattern::Array(a) => {
                for p in a.elements.iter().flatten() {
                    self.check_binding_pattern(p)?;
                }
                if let Some(r) = &a.rest {
                    self.check_binding_pattern(r)?;
                }
                Ok(())
            }
            Pattern::Assignment(a) => self.check_binding_pattern(&a.target),
        }
    }

    /// The arguments of `async(...)` reinterpreted as arrow parameters.
    pub fn arguments_to_params(
        &self,
        args: Vec<Argument>,
        start: u32,
    ) -> PResult<FormalParameters> {
        let n = args.len();
        let mut items = Vec::with_capacity(n);
        let mut rest = None;
        let mut is_simple = true;
        for (i, arg) in args.into_iter().enumerate() {
            match arg {
                Argument::Expression(e) => {
                    let p = self.expression_to_binding_pattern(e)?;
                    if !matches!(p, Pattern::Identifier(_)) {
                        is_simple = false;
                    }
                    items.push(p);
                }
                Argument::Spread(s) => {
                    if i + 1 != n {
                        return self.err("Rest parameter must be last formal parameter", s.span);
                    }
                    is_simple = false;
                    rest = Some(Box::new(self.target_to_pattern(s.argument, true)?));
                }
            }
        }
        Ok(FormalParameters {
            items,
            rest,
            is_simple,
            span: self.span_from(start),
        })
    }
}

/// Wraps a validated simple target (parentheses removed).
fn simple_to_pattern(e: Expression) -> Pattern {
    let mut e = e;
    loop {
        match e {
            Expression::Parenthesized(p) => e = p.expression,
            Expression::Identifier(id) => return Pattern::Identifier(id),
            other => return Pattern::Member(Box::new(other)),
        }
    }
}
