//! Expressions (<https://tc39.es/ecma262/#sec-ecmascript-language-expressions>): each is
//! compiled into a destination register that no sub-expression reads, so operands can be
//! evaluated straight into it.

use std::sync::Arc;

use moat_parser::ast::{
    ArrayElement, BinaryOp, Expression, Literal, LogicalOp, MemberExpression, MemberProperty,
    MethodKind, ObjectExpression, ObjectProperty, PropertyKey, SuperMemberExpression,
    TemplateLiteral, UnaryOp,
};

use super::emit::FunctionCompiler;
use super::CResult;
use crate::code::Constant;
use crate::isa::{Insn, Reg};
use crate::scope::{RefKind, Resolution};

/// The name NamedEvaluation gives an anonymous function or class.
#[derive(Clone, Debug)]
pub(crate) enum NameHint {
    None,
    Static(Arc<[u16]>),
    /// A computed property key already in a register (SetFunctionName at run time).
    Computed(Reg),
}

pub(crate) fn utf16(s: &str) -> Arc<[u16]> {
    Arc::from(s.encode_utf16().collect::<Vec<u16>>())
}

/// The name of a non-computed property key as a string, if it has one known at compile time
/// (numbers only when they are small integers, whose string form is obvious).
pub(crate) fn static_key_name(key: &PropertyKey) -> Option<Arc<[u16]>> {
    match key {
        PropertyKey::Identifier(id) => Some(utf16(&id.name)),
        PropertyKey::String(s) => Some(Arc::from(&*s.value)),
        PropertyKey::Number(n)
            if n.value.fract() == 0.0
                && n.value.abs() < 1e15
                && !(n.value == 0.0 && n.value.is_sign_negative()) =>
        {
            Some(utf16(&format!("{}", n.value as i64)))
        }
        PropertyKey::PrivateName(id) => Some(utf16(&format!("#{}", id.name))),
        _ => None,
    }
}

/// Strips parentheses.
pub(crate) fn unparen(mut e: &Expression) -> &Expression {
    while let Expression::Parenthesized(p) = e {
        e = &p.expression;
    }
    e
}

/// IsAnonymousFunctionDefinition (<https://tc39.es/ecma262/#sec-isanonymousfunctiondefinition>).
pub(crate) fn is_anonymous_function_definition(e: &Expression) -> bool {
    match unparen(e) {
        Expression::Function(f) | Expression::Arrow(f) => f.id.is_none(),
        Expression::Class(c) => c.id.is_none(),
        _ => false,
    }
}

/// Whether evaluating `e` can never write a local held in a register of the running function.
///
/// Only the function's own assignments, updates and destructurings (and `yield`, which lets its
/// caller resume it) can: closures, getters, `valueOf` and callees reach a local only when it
/// is captured, and captured locals live in environments. Used to read an operand straight from
/// a local's register when the operands evaluated after it cannot change it, which skips the
/// copy into a temporary without changing what the operation sees. Conservative: anything but
/// literals, names, `this` and operators, member reads and conditionals over them answers no.
pub(crate) fn cannot_write_locals(e: &Expression) -> bool {
    match e {
        Expression::Literal(_) | Expression::Identifier(_) | Expression::This(_) => true,
        Expression::Parenthesized(p) => cannot_write_locals(&p.expression),
        Expression::Binary(b) => cannot_write_locals(&b.left) && cannot_write_locals(&b.right),
        Expression::Logical(l) => cannot_write_locals(&l.left) && cannot_write_locals(&l.right),
        Expression::Unary(u) => cannot_write_locals(&u.argument),
        Expression::Conditional(c) => {
            cannot_write_locals(&c.test)
                && cannot_write_locals(&c.consequent)
                && cannot_write_locals(&c.alternate)
        }
        Expression::Member(m) => {
            cannot_write_locals(&m.object)
                && match &m.property {
                    MemberProperty::Identifier(_) | MemberProperty::PrivateName(_) => true,
                    MemberProperty::Computed(k) => cannot_write_locals(k),
                }
        }
        _ => false,
    }
}

impl FunctionCompiler<'_> {
    /// The register of `e` when it is a name bound to a local held in a register (after the TDZ
    /// check it needs): reading it there is GetValue without a copy.
    pub fn local_operand(&mut self, e: &Expression) -> CResult<Option<Reg>> {
        let Expression::Identifier(id) = unparen(e) else {
            return Ok(None);
        };
        let Resolution::Local {
            register,
            needs_tdz_check,
        } = self.resolution_at(RefKind::Identifier, id.span.start)
        else {
            return Ok(None);
        };
        self.at(id.span);
        let src = self.local(register)?;
        if needs_tdz_check {
            let name = self.string(&id.name)?;
            self.emit(Insn::CheckTdz { src, name });
        }
        Ok(Some(src))
    }

    /// Evaluates `e` as an operand that is consumed before anything else is evaluated: a local's
    /// own register, or a fresh temporary.
    pub fn operand(&mut self, e: &Expression) -> CResult<Reg> {
        match self.local_operand(e)? {
            Some(r) => Ok(r),
            None => self.expr_temp(e),
        }
    }

    /// Evaluates `e` as an operand followed by the evaluation of `later` (all of which happens
    /// before the operand is consumed): a local's register only when `later` cannot write it.
    pub fn operand_before(&mut self, e: &Expression, later: &[&Expression]) -> CResult<Reg> {
        if later.iter().all(|l| cannot_write_locals(l)) {
            self.operand(e)
        } else {
            self.expr_temp(e)
        }
    }

    /// Evaluates `e` into `dst`.
    pub fn expr(&mut self, e: &Expression, dst: Reg) -> CResult {
        self.enter()?;
        let r = self.expr_inner(e, dst, &NameHint::None);
        self.leave();
        r
    }

    /// Evaluates `e` into a fresh temporary.
    pub fn expr_temp(&mut self, e: &Expression) -> CResult<Reg> {
        let r = self.temp()?;
        self.expr(e, r)?;
        Ok(r)
    }

    /// NamedEvaluation when `e` is an anonymous function definition, else plain evaluation.
    pub fn expr_named(&mut self, e: &Expression, dst: Reg, name: &NameHint) -> CResult {
        self.enter()?;
        let r = if is_anonymous_function_definition(e) {
            self.expr_inner(unparen(e), dst, name)
        } else {
            self.expr_inner(e, dst, &NameHint::None)
        };
        self.leave();
        r
    }

    fn expr_inner(&mut self, e: &Expression, dst: Reg, name: &NameHint) -> CResult {
        self.at(e.span());
        match e {
            Expression::This(span) => self.load_this(span.start, dst)?,
            Expression::Identifier(id) => self.load_identifier(id, dst)?,
            Expression::Literal(l) => self.literal(l, dst)?,
            Expression::Template(t) => self.template(t, dst)?,
            Expression::TaggedTemplate(t) => self.tagged_template(t, dst)?,
            Expression::Array(a) => {
                let capacity = u16::try_from(a.elements.len()).unwrap_or(u16::MAX);
                self.emit(Insn::NewArray { dst, capacity });
                let mark = self.mark();
                for el in &a.elements {
                    match el {
                        ArrayElement::Hole(_) => {
                            self.emit(Insn::ArrayPushHole { arr: dst });
                        }
                        ArrayElement::Expression(x) => {
                            let r = self.expr_temp(x)?;
                            self.emit(Insn::ArrayPush { arr: dst, src: r });
                        }
                        ArrayElement::Spread(s) => {
                            let r = self.expr_temp(&s.argument)?;
                            self.emit(Insn::ArraySpread { arr: dst, src: r });
                        }
                    }
                    self.release(mark);
                }
            }
            Expression::Object(o) => self.object_literal(o, dst)?,
            Expression::Function(f) | Expression::Arrow(f) => self.closure_named(f, dst, name)?,
            Expression::Class(c) => self.class(c, dst, name)?,
            Expression::Unary(u) => self.unary(u.op, &u.argument, dst)?,
            Expression::Update(u) => self.update(u, dst)?,
            Expression::Binary(b) => {
                let mark = self.mark();
                let lhs = if cannot_write_locals(&b.right) {
                    self.local_operand(&b.left)?
                } else {
                    None
                };
                let lhs = match lhs {
                    Some(r) => r,
                    None => {
                        self.expr(&b.left, dst)?;
                        dst
                    }
                };
                let rhs = self.operand(&b.right)?;
                self.at(b.span);
                self.emit(binary_insn(b.op, dst, lhs, rhs));
                self.release(mark);
            }
            Expression::PrivateIn(p) => {
                let mark = self.mark();
                let obj = self.expr_temp(&p.right)?;
                let pn = self.temp()?;
                self.private_name(&p.name.name, pn)?;
                self.emit(Insn::HasPrivate { dst, obj, name: pn });
                self.release(mark);
            }
            Expression::Logical(l) => {
                self.expr(&l.left, dst)?;
                let site = self.short_circuit_jump(l.op, dst);
                self.expr(&l.right, dst)?;
                self.patch_here(site)?;
            }
            Expression::Conditional(c) => {
                let mark = self.mark();
                let t = self.operand(&c.test)?;
                let to_else = self.emit(Insn::JumpIfFalse { cond: t, offset: 0 });
                self.release(mark);
                self.expr(&c.consequent, dst)?;
                let to_end = self.jump();
                self.patch_here(to_else)?;
                self.expr(&c.alternate, dst)?;
                self.patch_here(to_end)?;
            }
            Expression::Assignment(a) => self.assignment(a, dst)?,
            Expression::Sequence(s) => {
                for x in &s.expressions {
                    self.expr(x, dst)?;
                }
            }
            Expression::Member(m) => {
                let mark = self.mark();
                let obj = match &m.property {
                    MemberProperty::Computed(k) => self.operand_before(&m.object, &[k])?,
                    _ => self.operand(&m.object)?,
                };
                if m.optional {
                    self.chain_check(obj)?;
                }
                self.at(m.span);
                self.member_get(obj, &m.property, dst)?;
                self.release(mark);
            }
            Expression::Call(c) => self.call(c, dst)?,
            Expression::OptionalChain(c) => {
                self.chain_exits.push(Vec::new());
                self.expr(&c.expression, dst)?;
                let exits = self.chain_exits.pop().unwrap_or_default();
                if !exits.is_empty() {
                    let to_end = self.jump();
                    self.patch_all_here(exits)?;
                    self.emit(Insn::LoadUndefined { dst });
                    self.patch_here(to_end)?;
                }
            }
            Expression::New(n) => self.new_expression(n, dst)?,
            Expression::SuperMember(s) => {
                let mark = self.mark();
                let this = self.temps(3)?;
                let (key, base) = (this + 1, this + 2);
                self.super_reference(s, this, key, base)?;
                self.emit(Insn::GetSuperElem {
                    dst,
                    base,
                    key,
                    this,
                });
                self.release(mark);
            }
            Expression::SuperCall(s) => self.super_call(s, dst)?,
            Expression::NewTarget(span) => self.load_new_target(span.start, dst)?,
            Expression::ImportMeta(_) => {
                self.emit(Insn::LoadImportMeta { dst });
            }
            Expression::ImportCall(i) => {
                let mark = self.mark();
                let specifier = self.expr_temp(&i.source)?;
                let options = self.temp()?;
                match &i.options {
                    Some(o) => self.expr(o, options)?,
                    None => {
                        self.emit(Insn::LoadUndefined { dst: options });
                    }
                }
                self.emit(Insn::ImportCall {
                    dst,
                    specifier,
                    options,
                });
                self.release(mark);
            }
            Expression::Yield(y) => self.yield_expression(y, dst)?,
            Expression::Await(a) => {
                let mark = self.mark();
                let v = self.expr_temp(&a.argument)?;
                self.at(a.span);
                self.emit(Insn::Await { dst, src: v });
                self.release(mark);
            }
            Expression::Parenthesized(p) => self.expr_inner(&p.expression, dst, name)?,
        }
        Ok(())
    }

    /// The jump of `&&`, `||` or `??` that skips the right operand when the left one, in
    /// `value`, decides the result; patched by the caller.
    pub fn short_circuit_jump(&mut self, op: LogicalOp, value: Reg) -> usize {
        match op {
            LogicalOp::And => self.emit(Insn::JumpIfFalse {
                cond: value,
                offset: 0,
            }),
            LogicalOp::Or => self.emit(Insn::JumpIfTrue {
                cond: value,
                offset: 0,
            }),
            LogicalOp::Coalesce => self.emit(Insn::JumpIfNotNullish {
                src: value,
                offset: 0,
            }),
        }
    }

    /// `new.target` (<https://tc39.es/ecma262/#sec-getnewtarget>): the frame's, or inside an
    /// arrow or eval the enclosing function's, kept in a binding.
    pub fn load_new_target(&mut self, start: u32, dst: Reg) -> CResult {
        match self.ctx.analysis.reference(RefKind::NewTarget, start) {
            Some(r) => {
                let res = r.resolution;
                self.load_resolution(res, "new.target", dst, false)
            }
            None => {
                self.emit(Insn::LoadNewTarget { dst });
                Ok(())
            }
        }
    }

    /// The [[FunctionObject]] of GetThisEnvironment() (what `super` needs): the running
    /// function, or inside an arrow or eval the enclosing method, kept in a binding.
    pub fn load_active_function(&mut self, start: u32, dst: Reg) -> CResult {
        match self.ctx.analysis.reference(RefKind::ActiveFunction, start) {
            Some(r) => {
                let res = r.resolution;
                self.load_resolution(res, "%function%", dst, false)
            }
            None => {
                self.emit(Insn::LoadCallee { dst });
                Ok(())
            }
        }
    }

    /// A super property reference (<https://tc39.es/ecma262/#sec-super-keyword-runtime-semantics-evaluation>):
    /// GetThisBinding first (a ReferenceError before `super()`), then the key expression, then
    /// MakeSuperPropertyReference's GetSuperBase. The key is not yet a property key: GetValue
    /// and PutValue convert it after checking the base.
    pub fn super_reference(
        &mut self,
        s: &SuperMemberExpression,
        this: Reg,
        key: Reg,
        base: Reg,
    ) -> CResult {
        self.load_this(s.span.start, this)?;
        self.member_key(&s.property, key)?;
        self.load_active_function(s.span.start, base)?;
        self.at(s.span);
        self.emit(Insn::SuperBase {
            dst: base,
            func: base,
        });
        Ok(())
    }

    /// `this` (<https://tc39.es/ecma262/#sec-resolvethisbinding>).
    pub fn load_this(&mut self, start: u32, dst: Reg) -> CResult {
        match self.ctx.analysis.this(start) {
            Some(res) => self.load_resolution(res, "this", dst, false),
            None => {
                self.emit(Insn::LoadThis { dst });
                Ok(())
            }
        }
    }

    fn literal(&mut self, l: &Literal, dst: Reg) -> CResult {
        match l {
            Literal::Null(_) => {
                self.emit(Insn::LoadNull { dst });
            }
            Literal::Boolean(value, _) => {
                self.emit(Insn::LoadBool { dst, value: *value });
            }
            Literal::Number(n) => self.load_number(n.value, dst)?,
            Literal::BigInt(b) => {
                let idx = self.add_constant(Constant::BigInt(Arc::from(&*b.digits)))?;
                self.emit(Insn::LoadConst { dst, idx });
            }
            Literal::String(s) => {
                let idx = self.string_units(&s.value)?;
                self.emit(Insn::LoadConst { dst, idx });
            }
            Literal::RegExp(r) => {
                let idx = self.add_constant(Constant::RegExp {
                    pattern: Arc::from(&*r.pattern),
                    flags: Arc::from(&*r.flags),
                })?;
                self.emit(Insn::NewRegExp { dst, idx });
            }
        }
        Ok(())
    }

    /// A template literal: the cooked strings joined with ToString of each substitution
    /// (<https://tc39.es/ecma262/#sec-template-literals-runtime-semantics-evaluation>).
    fn template(&mut self, t: &TemplateLiteral, dst: Reg) -> CResult {
        let first = t
            .quasis
            .first()
            .and_then(|q| q.cooked.as_deref())
            .unwrap_or(&[]);
        let idx = self.string_units(first)?;
        self.emit(Insn::LoadConst { dst, idx });
        for (i, x) in t.expressions.iter().enumerate() {
            let mark = self.mark();
            let v = self.expr_temp(x)?;
            self.emit(Insn::ToString { dst: v, src: v });
            self.emit(Insn::Add {
                dst,
                lhs: dst,
                rhs: v,
            });
            let tail = t
                .quasis
                .get(i + 1)
                .and_then(|q| q.cooked.as_deref())
                .unwrap_or(&[]);
            if !tail.is_empty() {
                let idx = self.string_units(tail)?;
                self.emit(Insn::LoadConst { dst: v, idx });
                self.emit(Insn::Add {
                    dst,
                    lhs: dst,
                    rhs: v,
                });
            }
            self.release(mark);
        }
        Ok(())
    }

    /// The TemplateSite constant of a tagged template.
    pub fn template_site(&mut self, t: &TemplateLiteral) -> CResult<u32> {
        let cooked: Vec<Option<Arc<[u16]>>> = t
            .quasis
            .iter()
            .map(|q| q.cooked.as_deref().map(Arc::from))
            .collect();
        let raw: Vec<Arc<[u16]>> = t.quasis.iter().map(|q| utf16(&q.raw)).collect();
        self.add_constant(Constant::TemplateSite {
            cooked: Arc::from(cooked),
            raw: Arc::from(raw),
        })
    }

    /// A property key into `dst`: a string constant, or a computed key (ToPropertyKey).
    pub fn property_key(&mut self, key: &PropertyKey, dst: Reg) -> CResult {
        match key {
            PropertyKey::Identifier(id) => {
                let idx = self.string(&id.name)?;
                self.emit(Insn::LoadConst { dst, idx });
            }
            PropertyKey::String(s) => {
                let idx = self.string_units(&s.value)?;
                self.emit(Insn::LoadConst { dst, idx });
            }
            PropertyKey::Number(n) => {
                self.load_number(n.value, dst)?;
                self.emit(Insn::ToPropertyKey { dst, src: dst });
            }
            PropertyKey::BigInt(b) => {
                let idx = self.add_constant(Constant::BigInt(Arc::from(&*b.digits)))?;
                self.emit(Insn::LoadConst { dst, idx });
                self.emit(Insn::ToPropertyKey { dst, src: dst });
            }
            PropertyKey::Computed(e) => {
                self.expr(e, dst)?;
                self.emit(Insn::ToPropertyKey { dst, src: dst });
            }
            PropertyKey::PrivateName(id) => self.private_name(&id.name, dst)?,
        }
        Ok(())
    }

    /// The NameHint for a function defined under `key` (already evaluated into `key_reg`).
    pub fn key_name_hint(key: &PropertyKey, key_reg: Reg) -> NameHint {
        match static_key_name(key) {
            Some(n) if !matches!(key, PropertyKey::Computed(_)) => NameHint::Static(n),
            _ => NameHint::Computed(key_reg),
        }
    }

    /// An object literal (<https://tc39.es/ecma262/#sec-object-initializer-runtime-semantics-evaluation>).
    fn object_literal(&mut self, o: &ObjectExpression, dst: Reg) -> CResult {
        self.emit(Insn::NewObject { dst });
        for p in &o.properties {
            let mark = self.mark();
            match p {
                ObjectProperty::KeyValue { value, .. } if p.is_proto_setter() => {
                    let v = self.expr_temp(value)?;
                    self.emit(Insn::SetPrototypeLiteral { obj: dst, proto: v });
                }
                ObjectProperty::KeyValue { key, value, .. } => {
                    let k = self.temp()?;
                    self.property_key(key, k)?;
                    let v = self.temp()?;
                    let hint = Self::key_name_hint(key, k);
                    self.expr_named(value, v, &hint)?;
                    self.emit(Insn::DefineField {
                        obj: dst,
                        key: k,
                        src: v,
                    });
                }
                ObjectProperty::Method {
                    key, kind, value, ..
                } => {
                    let k = self.temp()?;
                    self.property_key(key, k)?;
                    let func = self.temp()?;
                    let hint = Self::key_name_hint(key, k);
                    self.method_closure(value, func, &hint, *kind)?;
                    self.emit(match kind {
                        MethodKind::Get => Insn::DefineGetter {
                            obj: dst,
                            key: k,
                            func,
                            enumerable: true,
                        },
                        MethodKind::Set => Insn::DefineSetter {
                            obj: dst,
                            key: k,
                            func,
                            enumerable: true,
                        },
                        _ => Insn::DefineMethod {
                            obj: dst,
                            key: k,
                            func,
                            enumerable: true,
                        },
                    });
                }
                ObjectProperty::Spread(s) => {
                    let v = self.expr_temp(&s.argument)?;
                    self.emit(Insn::CopyDataProperties {
                        dst,
                        src: v,
                        excluded: v,
                        count: 0,
                    });
                }
            }
            self.release(mark);
        }
        Ok(())
    }

    /// A method, getter or setter closure named after its key (`get`/`set` prefixed).
    pub fn method_closure(
        &mut self,
        f: &moat_parser::ast::Function,
        dst: Reg,
        hint: &NameHint,
        kind: MethodKind,
    ) -> CResult {
        let prefix: u8 = match kind {
            MethodKind::Get => 1,
            MethodKind::Set => 2,
            _ => 0,
        };
        match hint {
            NameHint::Static(n) => {
                let mut name: Vec<u16> = match prefix {
                    1 => "get ".encode_utf16().collect(),
                    2 => "set ".encode_utf16().collect(),
                    _ => Vec::new(),
                };
                name.extend_from_slice(n);
                self.closure_named(f, dst, &NameHint::Static(Arc::from(name)))?;
            }
            NameHint::Computed(k) => {
                let k = *k;
                self.closure_named(f, dst, &NameHint::None)?;
                self.emit(Insn::SetFunctionName {
                    func: dst,
                    name: k,
                    prefix,
                });
            }
            NameHint::None => self.closure_named(f, dst, &NameHint::None)?,
        }
        Ok(())
    }

    /// The key of a member access into `dst` (a string constant or the evaluated expression).
    pub fn member_key(&mut self, p: &MemberProperty, dst: Reg) -> CResult {
        match p {
            MemberProperty::Identifier(id) => {
                let idx = self.string(&id.name)?;
                self.emit(Insn::LoadConst { dst, idx });
            }
            MemberProperty::Computed(e) => self.expr(e, dst)?,
            MemberProperty::PrivateName(id) => self.private_name(&id.name, dst)?,
        }
        Ok(())
    }

    /// `obj.key` / `obj[key]` / `obj.#key` into `dst`.
    pub fn member_get(&mut self, obj: Reg, p: &MemberProperty, dst: Reg) -> CResult {
        match p {
            MemberProperty::Identifier(id) => {
                let key = self.string(&id.name)?;
                self.emit(Insn::GetProp { dst, obj, key });
            }
            MemberProperty::Computed(e) => {
                let mark = self.mark();
                let key = self.operand(e)?;
                self.emit(Insn::GetElem { dst, obj, key });
                self.release(mark);
            }
            MemberProperty::PrivateName(id) => {
                let mark = self.mark();
                let name = self.temp()?;
                self.private_name(&id.name, name)?;
                self.emit(Insn::GetPrivate { dst, obj, name });
                self.release(mark);
            }
        }
        Ok(())
    }

    /// An optional link `?.`: short-circuits to the end of the enclosing chain when `obj` is
    /// null or undefined.
    pub fn chain_check(&mut self, obj: Reg) -> CResult {
        let site = self.emit(Insn::JumpIfNullish {
            src: obj,
            offset: 0,
        });
        match self.chain_exits.last_mut() {
            Some(v) => v.push(site),
            None => {
                // An optional link outside a chain node cannot come from the parser; treat
                // the chain as ending right here.
                self.patch_here(site)?;
            }
        }
        Ok(())
    }

    /// The Private Name `#name` visible here, resolved through the private environments.
    pub fn private_name(&mut self, name: &str, dst: Reg) -> CResult {
        let name = self.string(name)?;
        self.emit(Insn::ResolvePrivateName { dst, name });
        Ok(())
    }

    fn unary(&mut self, op: UnaryOp, arg: &Expression, dst: Reg) -> CResult {
        match op {
            UnaryOp::Typeof => {
                if let Expression::Identifier(id) = unparen(arg) {
                    self.load_identifier_for_typeof(id, dst)?;
                } else {
                    self.expr(arg, dst)?;
                }
                self.emit(Insn::TypeOf { dst, src: dst });
            }
            UnaryOp::Delete => self.delete(arg, dst)?,
            UnaryOp::Void => {
                self.expr(arg, dst)?;
                self.emit(Insn::LoadUndefined { dst });
            }
            _ => {
                self.expr(arg, dst)?;
                self.emit(match op {
                    UnaryOp::Minus => Insn::Neg { dst, src: dst },
                    UnaryOp::Plus => Insn::ToNumber { dst, src: dst },
                    UnaryOp::Not => Insn::Not { dst, src: dst },
                    _ => Insn::BitNot { dst, src: dst },
                });
            }
        }
        Ok(())
    }

    /// `delete` (<https://tc39.es/ecma262/#sec-delete-operator-runtime-semantics-evaluation>).
    fn delete(&mut self, arg: &Expression, dst: Reg) -> CResult {
        match unparen(arg) {
            Expression::Identifier(id) => {
                // Only sloppy code gets here; a static binding is never deletable.
                match self.resolution_at(RefKind::Identifier, id.span.start) {
                    crate::scope::Resolution::Global | crate::scope::Resolution::Dynamic => {
                        let name = self.string(&id.name)?;
                        self.emit(Insn::DeleteName { dst, name });
                    }
                    _ => {
                        self.emit(Insn::LoadBool { dst, value: false });
                    }
                }
            }
            Expression::Member(m) => self.delete_member(m, dst)?,
            Expression::OptionalChain(c) => {
                self.chain_exits.push(Vec::new());
                match unparen(&c.expression) {
                    Expression::Member(m) => self.delete_member(m, dst)?,
                    other => {
                        self.expr(other, dst)?;
                        self.emit(Insn::LoadBool { dst, value: true });
                    }
                }
                let exits = self.chain_exits.pop().unwrap_or_default();
                if !exits.is_empty() {
                    let to_end = self.jump();
                    self.patch_all_here(exits)?;
                    self.emit(Insn::LoadBool { dst, value: true });
                    self.patch_here(to_end)?;
                }
            }
            Expression::SuperMember(s) => {
                // The reference is evaluated (GetThisBinding, the key, GetSuperBase), then
                // step 4 throws a ReferenceError (before ToPropertyKey).
                let mark = self.mark();
                let this = self.temps(3)?;
                self.super_reference(s, this, this + 1, this + 2)?;
                self.release(mark);
                let msg = self.string("Unsupported reference to 'super'")?;
                self.emit(Insn::ThrowError {
                    kind: crate::isa::ErrorKind::ReferenceError,
                    msg,
                });
            }
            other => {
                self.expr(other, dst)?;
                self.emit(Insn::LoadBool { dst, value: true });
            }
        }
        Ok(())
    }

    fn delete_member(&mut self, m: &MemberExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        let obj = self.expr_temp(&m.object)?;
        if m.optional {
            self.chain_check(obj)?;
        }
        match &m.property {
            MemberProperty::Identifier(id) => {
                let key = self.string(&id.name)?;
                self.emit(Insn::DeleteProp { dst, obj, key });
            }
            MemberProperty::Computed(e) => {
                let key = self.expr_temp(e)?;
                self.emit(Insn::DeleteElem { dst, obj, key });
            }
            MemberProperty::PrivateName(_) => {
                // An early error; unreachable from parsed code.
                self.emit(Insn::LoadBool { dst, value: true });
            }
        }
        self.release(mark);
        Ok(())
    }
}

/// The instruction of a binary operator.
pub(crate) fn binary_insn(op: BinaryOp, dst: Reg, lhs: Reg, rhs: Reg) -> Insn {
    match op {
        BinaryOp::Eq => Insn::Eq { dst, lhs, rhs },
        BinaryOp::NotEq => Insn::Ne { dst, lhs, rhs },
        BinaryOp::StrictEq => Insn::StrictEq { dst, lhs, rhs },
        BinaryOp::StrictNotEq => Insn::StrictNe { dst, lhs, rhs },
        BinaryOp::Lt => Insn::Lt { dst, lhs, rhs },
        BinaryOp::LtEq => Insn::Le { dst, lhs, rhs },
        BinaryOp::Gt => Insn::Gt { dst, lhs, rhs },
        BinaryOp::GtEq => Insn::Ge { dst, lhs, rhs },
        BinaryOp::Shl => Insn::Shl { dst, lhs, rhs },
        BinaryOp::Shr => Insn::Sar { dst, lhs, rhs },
        BinaryOp::UShr => Insn::Shr { dst, lhs, rhs },
        BinaryOp::Add => Insn::Add { dst, lhs, rhs },
        BinaryOp::Sub => Insn::Sub { dst, lhs, rhs },
        BinaryOp::Mul => Insn::Mul { dst, lhs, rhs },
        BinaryOp::Div => Insn::Div { dst, lhs, rhs },
        BinaryOp::Mod => Insn::Rem { dst, lhs, rhs },
        BinaryOp::Exp => Insn::Exp { dst, lhs, rhs },
        BinaryOp::BitOr => Insn::BitOr { dst, lhs, rhs },
        BinaryOp::BitXor => Insn::BitXor { dst, lhs, rhs },
        BinaryOp::BitAnd => Insn::BitAnd { dst, lhs, rhs },
        BinaryOp::In => Insn::In {
            dst,
            key: lhs,
            obj: rhs,
        },
        BinaryOp::Instanceof => Insn::InstanceOf { dst, lhs, rhs },
    }
}
