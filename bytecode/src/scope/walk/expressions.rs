//! The walk over expressions and patterns: references, closures, classes, direct eval.

use super::{is_eval_identifier, PatternMode, Walker, ACTIVE_FUNCTION, NEW_TARGET, THIS};
use crate::scope::{CodeKind, RefKind, ScopeError};
use moat_parser::ast::{
    self, Argument, ArrayElement, Expression, MemberProperty, ObjectProperty, Pattern, PropertyKey,
};

type R<T> = Result<T, ScopeError>;

impl<'a> Walker<'a> {
    // -----------------------------------------------------------------------
    // Patterns and expressions
    // -----------------------------------------------------------------------

    pub(super) fn pattern(&mut self, p: &'a Pattern, mode: PatternMode) -> R<()> {
        self.enter()?;
        match p {
            Pattern::Identifier(id) => match mode {
                PatternMode::Declaration => self.declared(id),
                PatternMode::Assignment => {
                    self.lookup(RefKind::Identifier, id.span.start, &id.name)
                }
            },
            Pattern::Member(e) => self.expression(e)?,
            Pattern::Object(o) => {
                for prop in &o.properties {
                    self.property_key(&prop.key)?;
                    self.pattern(&prop.value, mode)?;
                }
                if let Some(rest) = &o.rest {
                    self.pattern(rest, mode)?;
                }
            }
            Pattern::Array(a) => {
                for el in a.elements.iter().flatten() {
                    self.pattern(el, mode)?;
                }
                if let Some(rest) = &a.rest {
                    self.pattern(rest, mode)?;
                }
            }
            Pattern::Assignment(a) => {
                self.pattern(&a.target, mode)?;
                self.expression(&a.default)?;
            }
        }
        self.leave();
        Ok(())
    }

    pub(super) fn property_key(&mut self, key: &'a PropertyKey) -> R<()> {
        if let PropertyKey::Computed(e) = key {
            self.expression(e)?;
        }
        Ok(())
    }

    pub(super) fn arguments(&mut self, args: &'a [Argument]) -> R<()> {
        for a in args {
            match a {
                Argument::Expression(e) => self.expression(e)?,
                Argument::Spread(s) => self.expression(&s.argument)?,
            }
        }
        Ok(())
    }

    /// Visits an expression. The arms live in small helpers so each nesting level costs
    /// little stack.
    pub(super) fn expression(&mut self, e: &'a Expression) -> R<()> {
        self.enter()?;
        let r = match e {
            Expression::This(span) => {
                self.lookup(RefKind::This, span.start, THIS);
                Ok(())
            }
            Expression::NewTarget(span) => {
                self.lookup(RefKind::NewTarget, span.start, NEW_TARGET);
                Ok(())
            }
            Expression::Identifier(id) => {
                self.lookup(RefKind::Identifier, id.span.start, &id.name);
                Ok(())
            }
            Expression::Literal(_) | Expression::ImportMeta(_) => Ok(()),
            Expression::Parenthesized(p) => self.expression(&p.expression),
            Expression::Function(f) | Expression::Arrow(f) => self.function(f, f.span.start, true),
            Expression::Class(c) => self.class(c),
            Expression::Unary(u) => self.expression(&u.argument),
            Expression::Update(u) => self.expression(&u.argument),
            Expression::PrivateIn(p) => self.expression(&p.right),
            Expression::OptionalChain(c) => self.expression(&c.expression),
            Expression::Await(a) => self.expression(&a.argument),
            Expression::Binary(b) => self.pair(&b.left, &b.right),
            Expression::Logical(l) => self.pair(&l.left, &l.right),
            Expression::Assignment(a) => self.assignment(a),
            Expression::Member(m) => self.pair_member(&m.object, &m.property),
            Expression::Call(c) => self.call(c),
            _ => self.other_expression(e),
        };
        self.leave();
        r
    }

    pub(super) fn pair(&mut self, a: &'a Expression, b: &'a Expression) -> R<()> {
        self.expression(a)?;
        self.expression(b)
    }

    pub(super) fn pair_member(
        &mut self,
        object: &'a Expression,
        property: &'a MemberProperty,
    ) -> R<()> {
        self.expression(object)?;
        match property {
            MemberProperty::Computed(x) => self.expression(x),
            _ => Ok(()),
        }
    }

    pub(super) fn assignment(&mut self, a: &'a ast::AssignmentExpression) -> R<()> {
        self.pattern(&a.target, PatternMode::Assignment)?;
        self.expression(&a.value)
    }

    pub(super) fn call(&mut self, c: &'a ast::CallExpression) -> R<()> {
        if !c.optional && is_eval_identifier(&c.callee) {
            self.direct_eval(c.span.start);
        }
        self.expression(&c.callee)?;
        self.arguments(&c.arguments)
    }

    pub(super) fn expressions(&mut self, xs: &'a [Expression]) -> R<()> {
        for x in xs {
            self.expression(x)?;
        }
        Ok(())
    }

    pub(super) fn other_expression(&mut self, e: &'a Expression) -> R<()> {
        match e {
            Expression::Template(t) => self.expressions(&t.expressions),
            Expression::TaggedTemplate(t) => {
                self.expression(&t.tag)?;
                self.expressions(&t.quasi.expressions)
            }
            Expression::Array(a) => self.array(a),
            Expression::Object(o) => self.object(o),
            Expression::Conditional(c) => {
                self.expression(&c.test)?;
                self.pair(&c.consequent, &c.alternate)
            }
            Expression::Sequence(s) => self.expressions(&s.expressions),
            Expression::New(n) => {
                self.expression(&n.callee)?;
                self.arguments(&n.arguments)
            }
            Expression::SuperMember(s) => {
                self.lookup(RefKind::This, s.span.start, THIS);
                self.lookup(RefKind::ActiveFunction, s.span.start, ACTIVE_FUNCTION);
                match &s.property {
                    MemberProperty::Computed(x) => self.expression(x),
                    _ => Ok(()),
                }
            }
            Expression::SuperCall(s) => {
                self.lookup(RefKind::This, s.span.start, THIS);
                self.lookup(RefKind::NewTarget, s.span.start, NEW_TARGET);
                self.lookup(RefKind::ActiveFunction, s.span.start, ACTIVE_FUNCTION);
                self.arguments(&s.arguments)
            }
            Expression::ImportCall(i) => {
                self.expression(&i.source)?;
                match &i.options {
                    Some(o) => self.expression(o),
                    None => Ok(()),
                }
            }
            Expression::Yield(y) => match &y.argument {
                Some(a) => self.expression(a),
                None => Ok(()),
            },
            // Handled by `expression`.
            _ => Ok(()),
        }
    }

    pub(super) fn array(&mut self, a: &'a ast::ArrayExpression) -> R<()> {
        for el in &a.elements {
            match el {
                ArrayElement::Hole(_) => {}
                ArrayElement::Expression(x) => self.expression(x)?,
                ArrayElement::Spread(s) => self.expression(&s.argument)?,
            }
        }
        Ok(())
    }

    pub(super) fn object(&mut self, o: &'a ast::ObjectExpression) -> R<()> {
        for prop in &o.properties {
            match prop {
                ObjectProperty::KeyValue { key, value, .. } => {
                    self.property_key(key)?;
                    self.expression(value)?;
                }
                ObjectProperty::Method { key, value, .. } => {
                    self.property_key(key)?;
                    self.function(value, value.span.start, false)?;
                }
                ObjectProperty::Spread(s) => self.expression(&s.argument)?,
            }
        }
        Ok(())
    }

    /// A potential direct eval (<https://tc39.es/ecma262/#sec-function-calls-runtime-semantics-evaluation>
    /// step 6): whatever `eval` is bound to, the call may be one, so the analysis is
    /// conservative.
    pub(super) fn direct_eval(&mut self, call_start: u32) {
        let strict = self.scope(self.cur).is_some_and(|s| s.strict);
        let f = self.cur_func();
        self.direct_evals.push((call_start, self.cur, f, strict));
        let Some(fd) = self.funcs.get_mut(f as usize) else {
            return;
        };
        fd.has_direct_eval = true;
        if strict {
            return;
        }
        fd.has_sloppy_direct_eval = true;
        // EvalDeclarationInstantiation puts `var`s in the VariableEnvironment; during the
        // parameters of a function with parameter expressions that is the function
        // environment itself (step 20 of FunctionDeclarationInstantiation). At the top level
        // of a script the variable environment is the global one, reached by name anyway.
        let target = if fd.in_params {
            fd.function_scope
        } else {
            fd.var_scope
        };
        let is_script_root = f == 0 && matches!(fd.kind, CodeKind::Script | CodeKind::Eval);
        if !is_script_root {
            if let Some(s) = self.scope_mut(target) {
                s.eval_may_add_vars = true;
            }
        }
    }
}
