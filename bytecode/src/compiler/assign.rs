//! References as assignment targets: simple, compound and logical assignment, and update
//! expressions (<https://tc39.es/ecma262/#sec-assignment-operators-runtime-semantics-evaluation>).
//! The reference's base and key are evaluated before the right-hand side.

use moat_parser::ast::{
    AssignOp, AssignmentExpression, BinaryOp, Expression, Identifier, LogicalOp, MemberProperty,
    Pattern, UpdateExpression, UpdateOp,
};

use super::bindings::StoreMode;
use super::emit::FunctionCompiler;
use super::expr::{binary_insn, utf16, NameHint};
use super::CResult;
use crate::isa::{CoercibleUse, ConstIdx, ErrorKind, Insn, Reg};
use crate::scope::{RefKind, Resolution};

/// An evaluated reference.
pub(crate) enum Target<'e> {
    Ident(&'e Identifier),
    /// An identifier resolved at run time (`with`, sloppy direct eval): the binding found
    /// before the right-hand side runs is the one written.
    NameRef {
        name: ConstIdx,
        reference: Reg,
    },
    Prop {
        obj: Reg,
        key: ConstIdx,
    },
    Elem {
        obj: Reg,
        key: Reg,
    },
    Private {
        obj: Reg,
        name: Reg,
    },
    Super {
        base: Reg,
        key: Reg,
        this: Reg,
    },
    /// A call expression as a target (sloppy Annex B): a ReferenceError was emitted.
    Invalid,
}

impl FunctionCompiler<'_> {
    /// Evaluates a simple assignment target's base and key into temporaries.
    pub fn eval_target<'e>(&mut self, e: &'e Expression) -> CResult<Target<'e>> {
        Ok(match e {
            Expression::Parenthesized(p) => return self.eval_target(&p.expression),
            Expression::Identifier(id) => self.ident_target(id)?,
            Expression::Member(m) => {
                let obj = self.expr_temp(&m.object)?;
                match &m.property {
                    MemberProperty::Identifier(id) => Target::Prop {
                        obj,
                        key: self.string(&id.name)?,
                    },
                    MemberProperty::Computed(k) => Target::Elem {
                        obj,
                        key: self.expr_temp(k)?,
                    },
                    MemberProperty::PrivateName(id) => {
                        let name = self.temp()?;
                        self.private_name(&id.name, name)?;
                        Target::Private { obj, name }
                    }
                }
            }
            Expression::SuperMember(s) => {
                let this = self.temps(3)?;
                let (key, base) = (this + 1, this + 2);
                self.super_reference(s, this, key, base)?;
                Target::Super { base, key, this }
            }
            other => {
                let t = self.expr_temp(other)?;
                let _ = t;
                let msg = self.string("Invalid assignment target")?;
                self.emit(Insn::ThrowError {
                    kind: ErrorKind::ReferenceError,
                    msg,
                });
                Target::Invalid
            }
        })
    }

    /// [`Self::eval_target`] for a simple assignment of `value`: a member target's object and
    /// computed key stay in their locals' registers when nothing evaluated after them (the key,
    /// `value`) can write a local. Only for targets written once without key conversion.
    fn eval_target_before<'e>(
        &mut self,
        e: &'e Expression,
        value: &Expression,
    ) -> CResult<Target<'e>> {
        let Expression::Member(m) = super::expr::unparen(e) else {
            return self.eval_target(e);
        };
        Ok(match &m.property {
            MemberProperty::Identifier(id) => Target::Prop {
                obj: self.operand_before(&m.object, &[value])?,
                key: self.string(&id.name)?,
            },
            MemberProperty::Computed(k) => Target::Elem {
                obj: self.operand_before(&m.object, &[k, value])?,
                key: self.operand_before(k, &[value])?,
            },
            MemberProperty::PrivateName(_) => return self.eval_target(e),
        })
    }

    /// ResolveBinding of a strict assignment's global target before its right-hand side runs
    /// (<https://tc39.es/ecma262/#sec-assignment-operators-runtime-semantics-evaluation> step
    /// 1.a): when that code may create the binding, PutValue must still throw for the
    /// reference found unresolvable (<https://tc39.es/ecma262/#sec-putvalue> step 2). The
    /// register holding whether it resolved, or `None` when the check is not needed.
    fn resolve_strict_global_before(
        &mut self,
        id: &Identifier,
        value: &Expression,
    ) -> CResult<Option<Reg>> {
        if !self.strict
            || self.resolution_at(RefKind::Identifier, id.span.start) != Resolution::Global
            || self.runs_no_code(value)
        {
            return Ok(None);
        }
        let found = self.temp()?;
        let name = self.string(&id.name)?;
        self.emit(Insn::HasGlobal { dst: found, name });
        Ok(Some(found))
    }

    /// PutValue on an unresolvable reference in strict code: a ReferenceError.
    fn throw_if_unresolved(&mut self, id: &Identifier, found: Reg) -> CResult {
        let skip = self.emit(Insn::JumpIfTrue {
            cond: found,
            offset: 0,
        });
        let msg = self.string(&format!("{} is not defined", id.name))?;
        self.emit(Insn::ThrowError {
            kind: ErrorKind::ReferenceError,
            msg,
        });
        self.patch_here(skip)
    }

    /// Whether evaluating `e` runs no script (so cannot create or delete a binding):
    /// literals, `this`, function and arrow expressions, plain templates and reads of
    /// bindings that are not global or dynamic (which could reach a getter).
    fn runs_no_code(&self, e: &Expression) -> bool {
        match e {
            Expression::This(_)
            | Expression::Literal(_)
            | Expression::Function(_)
            | Expression::Arrow(_) => true,
            Expression::Template(t) => t.expressions.is_empty(),
            Expression::Identifier(i) => !matches!(
                self.resolution_at(RefKind::Identifier, i.span.start),
                Resolution::Global | Resolution::Dynamic
            ),
            Expression::Parenthesized(p) => self.runs_no_code(&p.expression),
            _ => false,
        }
    }

    /// The reference of an identifier: ResolveBinding now when only the run time knows it
    /// (<https://tc39.es/ecma262/#sec-resolvebinding>).
    pub(super) fn ident_target<'e>(&mut self, id: &'e Identifier) -> CResult<Target<'e>> {
        if self.resolution_at(RefKind::Identifier, id.span.start) != Resolution::Dynamic {
            return Ok(Target::Ident(id));
        }
        let name = self.string(&id.name)?;
        let reference = self.temp()?;
        self.emit(Insn::ResolveNameRef {
            dst: reference,
            name,
        });
        Ok(Target::NameRef { name, reference })
    }

    pub fn eval_pattern_target<'e>(&mut self, p: &'e Pattern) -> CResult<Target<'e>> {
        match p {
            Pattern::Identifier(id) => self.ident_target(id),
            Pattern::Member(e) => self.eval_target(e),
            _ => Ok(Target::Invalid),
        }
    }

    /// GetValue of an evaluated reference.
    pub fn get_target(&mut self, t: &Target<'_>, dst: Reg) -> CResult {
        match *t {
            Target::Ident(id) => self.load_identifier(id, dst)?,
            Target::NameRef { name, reference } => {
                self.emit(Insn::GetNameRef {
                    dst,
                    reference,
                    name,
                });
            }
            Target::Prop { obj, key } => {
                self.emit(Insn::GetProp { dst, obj, key });
            }
            Target::Elem { obj, key } => {
                self.emit(Insn::GetElem { dst, obj, key });
            }
            Target::Private { obj, name } => {
                self.emit(Insn::GetPrivate { dst, obj, name });
            }
            Target::Super { base, key, this } => {
                self.emit(Insn::GetSuperElem {
                    dst,
                    base,
                    key,
                    this,
                });
            }
            Target::Invalid => {}
        }
        Ok(())
    }

    /// PutValue of an evaluated reference.
    pub fn put_target(&mut self, t: &Target<'_>, src: Reg) -> CResult {
        match *t {
            Target::Ident(id) => self.store_identifier(id, src, StoreMode::Assign)?,
            Target::NameRef { name, reference } => {
                self.emit(Insn::SetNameRef {
                    reference,
                    name,
                    src,
                });
            }
            Target::Prop { obj, key } => {
                self.emit(Insn::SetProp { obj, key, src });
            }
            Target::Elem { obj, key } => {
                self.emit(Insn::SetElem { obj, key, src });
            }
            Target::Private { obj, name } => {
                self.emit(Insn::SetPrivate { obj, name, src });
            }
            Target::Super { base, key, this } => {
                self.emit(Insn::SetSuperElem {
                    base,
                    key,
                    src,
                    this,
                });
            }
            Target::Invalid => {}
        }
        Ok(())
    }

    /// Converts an element key once, so that a read-modify-write does not convert twice.
    /// The base is checked first: GetValue's ToObject precedes ToPropertyKey
    /// (<https://tc39.es/ecma262/#sec-getvalue> steps 3.a-c).
    fn convert_key(&mut self, t: &Target<'_>) {
        match *t {
            Target::Elem { obj: base, key } | Target::Super { base, key, .. } => {
                self.emit(Insn::RequireObjectCoercible {
                    src: base,
                    what: CoercibleUse::PropertyBase,
                });
                self.emit(Insn::ToPropertyKey { dst: key, src: key });
            }
            _ => {}
        }
    }

    pub fn assignment(&mut self, a: &AssignmentExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        match (&a.target, a.op) {
            (Pattern::Object(_) | Pattern::Array(_), _) => {
                self.expr(&a.value, dst)?;
                self.destructure(&a.target, dst, super::pattern::BindMode::Assign)?;
            }
            (Pattern::Identifier(id), AssignOp::Assign) => {
                let t = self.ident_target(id)?;
                let resolved = self.resolve_strict_global_before(id, &a.value)?;
                // NamedEvaluation only when IsIdentifierRef of the target is true: a
                // parenthesized `(f) = function () {}` leaves the function anonymous. The
                // cover grammar drops the parentheses, but the assignment then starts before
                // the identifier.
                if a.span.start == id.span.start {
                    self.expr_named(&a.value, dst, &NameHint::Static(utf16(&id.name)))?;
                } else {
                    self.expr(&a.value, dst)?;
                }
                self.at(a.span);
                if let Some(found) = resolved {
                    self.throw_if_unresolved(id, found)?;
                }
                self.put_target(&t, dst)?;
            }
            (Pattern::Member(e), AssignOp::Assign) => {
                let t = self.eval_target_before(e, &a.value)?;
                self.expr(&a.value, dst)?;
                self.at(a.span);
                self.put_target(&t, dst)?;
            }
            (target, AssignOp::Assign) => {
                let t = self.eval_pattern_target(target)?;
                self.expr(&a.value, dst)?;
                self.at(a.span);
                self.put_target(&t, dst)?;
            }
            (target, op @ (AssignOp::And | AssignOp::Or | AssignOp::Coalesce)) => {
                let t = self.eval_pattern_target(target)?;
                self.convert_key(&t);
                self.get_target(&t, dst)?;
                let logical = match op {
                    AssignOp::And => LogicalOp::And,
                    AssignOp::Or => LogicalOp::Or,
                    _ => LogicalOp::Coalesce,
                };
                let site = self.short_circuit_jump(logical, dst);
                match target {
                    Pattern::Identifier(id) if a.span.start == id.span.start => {
                        self.expr_named(&a.value, dst, &NameHint::Static(utf16(&id.name)))?
                    }
                    _ => self.expr(&a.value, dst)?,
                }
                self.at(a.span);
                self.put_target(&t, dst)?;
                self.patch_here(site)?;
            }
            (target, op) => {
                let t = self.eval_pattern_target(target)?;
                self.convert_key(&t);
                self.get_target(&t, dst)?;
                let rhs = self.expr_temp(&a.value)?;
                self.at(a.span);
                self.emit(binary_insn(compound_op(op), dst, dst, rhs));
                self.put_target(&t, dst)?;
            }
        }
        self.release(mark);
        Ok(())
    }

    /// `++x`, `x--`... (<https://tc39.es/ecma262/#sec-update-expressions>).
    pub fn update(&mut self, u: &UpdateExpression, dst: Reg) -> CResult {
        if self.update_local(u, dst, false)? {
            return Ok(());
        }
        let mark = self.mark();
        let t = self.eval_target(&u.argument)?;
        self.convert_key(&t);
        let old = self.temp()?;
        self.get_target(&t, old)?;
        self.at(u.span);
        self.emit(Insn::ToNumeric { dst: old, src: old });
        let new = self.temp()?;
        self.emit(match u.op {
            UpdateOp::Increment => Insn::Inc { dst: new, src: old },
            UpdateOp::Decrement => Insn::Dec { dst: new, src: old },
        });
        self.put_target(&t, new)?;
        let result = if u.prefix { new } else { old };
        self.emit(Insn::Move { dst, src: result });
        self.release(mark);
        Ok(())
    }
}

impl FunctionCompiler<'_> {
    /// An update of a mutable local held in a register, in place: `Inc`/`Dec` apply ToNumeric
    /// themselves, so `++x` is one instruction, and `x++` keeps ToNumeric(old) in `dst` first.
    /// `false` (nothing emitted) when the operand is anything else, or when `dst` is the local
    /// itself and the old value is wanted. With `discard` the value is not wanted at all, so
    /// `x++` is `++x` without the copy.
    fn update_local(&mut self, u: &UpdateExpression, dst: Reg, discard: bool) -> CResult<bool> {
        let Expression::Identifier(id) = super::expr::unparen(&u.argument) else {
            return Ok(false);
        };
        let start = id.span.start;
        let Resolution::Local {
            register,
            needs_tdz_check: false,
        } = self.resolution_at(RefKind::Identifier, start)
        else {
            return Ok(false);
        };
        if self
            .binding_kind_at(RefKind::Identifier, start)
            .is_none_or(|k| k.is_immutable())
        {
            return Ok(false);
        }
        let local = self.local(register)?;
        if !u.prefix && !discard && dst == local {
            return Ok(false);
        }
        let step = |dst, src| match u.op {
            UpdateOp::Increment => Insn::Inc { dst, src },
            UpdateOp::Decrement => Insn::Dec { dst, src },
        };
        self.at(u.span);
        if discard {
            self.emit(step(local, local));
        } else if u.prefix {
            self.emit(step(local, local));
            if dst != local {
                self.emit(Insn::Move { dst, src: local });
            }
        } else {
            self.emit(Insn::ToNumeric { dst, src: local });
            self.emit(step(local, dst));
        }
        Ok(true)
    }
}

impl FunctionCompiler<'_> {
    /// Evaluates `e` only for its effects (a `for` update): a local's `x++` or `--x` is one
    /// instruction.
    pub fn expr_for_effect(&mut self, e: &Expression) -> CResult {
        let t = self.temp()?;
        if let Expression::Update(u) = super::expr::unparen(e) {
            if self.update_local(u, t, true)? {
                return Ok(());
            }
        }
        self.expr(e, t)
    }
}

fn compound_op(op: AssignOp) -> BinaryOp {
    match op {
        AssignOp::Sub => BinaryOp::Sub,
        AssignOp::Mul => BinaryOp::Mul,
        AssignOp::Div => BinaryOp::Div,
        AssignOp::Mod => BinaryOp::Mod,
        AssignOp::Exp => BinaryOp::Exp,
        AssignOp::Shl => BinaryOp::Shl,
        AssignOp::Shr => BinaryOp::Shr,
        AssignOp::UShr => BinaryOp::UShr,
        AssignOp::BitOr => BinaryOp::BitOr,
        AssignOp::BitXor => BinaryOp::BitXor,
        AssignOp::BitAnd => BinaryOp::BitAnd,
        _ => BinaryOp::Add,
    }
}
