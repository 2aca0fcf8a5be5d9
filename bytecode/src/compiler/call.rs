//! Calls: function calls with their `this` value, direct `eval`, `new`, `super(...)`, tagged
//! templates, and argument lists with spread
//! (<https://tc39.es/ecma262/#sec-function-calls>).

use moat_parser::ast::{
    Argument, CallExpression, Expression, NewExpression, SuperCallExpression,
    TaggedTemplateExpression,
};

use super::bindings::StoreMode;
use super::emit::FunctionCompiler;
use super::expr::unparen;
use super::CResult;
use crate::isa::{Insn, Reg};
use crate::scope::{RefKind, Resolution};

/// An evaluated argument list.
pub(crate) enum Args {
    /// `argc` values in consecutive registers from `start`.
    Plain { start: Reg, argc: u16 },
    /// An Array holding the values (some argument was a spread).
    Spread(Reg),
}

impl FunctionCompiler<'_> {
    /// ArgumentListEvaluation into fresh temporaries.
    pub fn arguments(&mut self, args: &[Argument]) -> CResult<Args> {
        if args.iter().any(|a| matches!(a, Argument::Spread(_))) {
            let arr = self.temp()?;
            let capacity = u16::try_from(args.len()).unwrap_or(u16::MAX);
            self.emit(Insn::NewArray { dst: arr, capacity });
            for a in args {
                let mark = self.mark();
                match a {
                    Argument::Expression(e) => {
                        let v = self.expr_temp(e)?;
                        self.emit(Insn::ArrayPush { arr, src: v });
                    }
                    Argument::Spread(s) => {
                        let v = self.expr_temp(&s.argument)?;
                        self.emit(Insn::ArraySpread { arr, src: v });
                    }
                }
                self.release(mark);
            }
            return Ok(Args::Spread(arr));
        }
        let argc = u16::try_from(args.len())
            .map_err(|_| super::CompileError::range("function too large"))?;
        let start = self.temps(u32::from(argc))?;
        for (i, a) in args.iter().enumerate() {
            if let Argument::Expression(e) = a {
                let r = start
                    .checked_add(u16::try_from(i).unwrap_or(u16::MAX))
                    .ok_or_else(|| super::CompileError::range("function too large"))?;
                self.expr(e, r)?;
            }
        }
        Ok(Args::Plain { start, argc })
    }

    /// Evaluates a callee into `callee` and its `this` value into `this`, or, when
    /// `local_this` (nothing evaluated later can write a local) and the receiver is a local,
    /// leaves it in that local's register. Returns the register holding `this`.
    fn callee_and_this(
        &mut self,
        e: &Expression,
        callee: Reg,
        this: Reg,
        local_this: bool,
    ) -> CResult<Reg> {
        let mut this_reg = this;
        match unparen(e) {
            Expression::Member(m) => {
                let computed_key_is_plain = match &m.property {
                    moat_parser::ast::MemberProperty::Computed(k) => {
                        super::expr::cannot_write_locals(k)
                    }
                    _ => true,
                };
                let local = if local_this && computed_key_is_plain {
                    self.local_operand(&m.object)?
                } else {
                    None
                };
                match local {
                    Some(r) => this_reg = r,
                    None => self.expr(&m.object, this)?,
                }
                if m.optional {
                    self.chain_check(this_reg)?;
                }
                self.at(m.span);
                self.member_get(this_reg, &m.property, callee)?;
            }
            Expression::SuperMember(s) => {
                let mark = self.mark();
                let key = self.temp()?;
                let base = self.temp()?;
                self.super_reference(s, this, key, base)?;
                self.emit(Insn::GetSuperElem {
                    dst: callee,
                    base,
                    key,
                    this,
                });
                self.release(mark);
            }
            Expression::Identifier(id)
                if self.resolution_at(RefKind::Identifier, id.span.start)
                    == Resolution::Dynamic =>
            {
                let name = self.string(&id.name)?;
                self.emit(Insn::GetNameForCall { dst: callee, name });
            }
            Expression::OptionalChain(c)
                if matches!(unparen(&c.expression), Expression::Member(_)) =>
            {
                // `(a?.b)()` keeps `a` as the receiver; a short circuit calls `undefined`.
                self.chain_exits.push(Vec::new());
                this_reg = self.callee_and_this(&c.expression, callee, this, local_this)?;
                let exits = self.chain_exits.pop().unwrap_or_default();
                if !exits.is_empty() {
                    let to_end = self.jump();
                    self.patch_all_here(exits)?;
                    self.emit(Insn::LoadUndefined { dst: callee });
                    self.patch_here(to_end)?;
                }
            }
            other => {
                self.expr(other, callee)?;
                self.emit(Insn::LoadUndefined { dst: this });
            }
        }
        Ok(this_reg)
    }

    /// A CallExpression (<https://tc39.es/ecma262/#sec-function-calls-runtime-semantics-evaluation>).
    pub fn call(&mut self, c: &CallExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        let callee = self.temps(2)?;
        let this = callee + 1;
        // The analysis keys direct evals by span start, which `eval(a).b()` shares with its
        // inner call: only a callee that is the identifier `eval` can be one.
        let direct_eval = !c.optional
            && matches!(unparen(&c.callee), Expression::Identifier(id) if &*id.name == "eval")
            && self.ctx.analysis.direct_eval(c.span.start).is_some();
        let mut this = this;
        if direct_eval {
            // The call's `this` goes to `callee + 1`: undefined, or the object of a `with`
            // binding (WithBaseObject), used when `eval` turns out not to be %eval%.
            match unparen(&c.callee) {
                Expression::Identifier(id)
                    if self.resolution_at(RefKind::Identifier, id.span.start)
                        == Resolution::Dynamic =>
                {
                    let name = self.string(&id.name)?;
                    self.emit(Insn::GetNameForCall { dst: callee, name });
                }
                Expression::Identifier(id) => {
                    self.load_identifier(id, callee)?;
                    self.emit(Insn::LoadUndefined { dst: this });
                }
                other => {
                    self.expr(other, callee)?;
                    self.emit(Insn::LoadUndefined { dst: this });
                }
            }
        } else {
            let plain_args = c.arguments.iter().all(|a| match a {
                Argument::Expression(e) => super::expr::cannot_write_locals(e),
                Argument::Spread(_) => false,
            });
            this = self.callee_and_this(&c.callee, callee, this, plain_args)?;
        }
        if c.optional {
            self.chain_check(callee)?;
        }
        let args = self.arguments(&c.arguments)?;
        self.at(c.span);
        match args {
            Args::Plain { start, argc } if direct_eval => {
                self.emit(Insn::CallEval {
                    dst,
                    callee,
                    args: start,
                    argc,
                });
            }
            Args::Plain { start, argc } => {
                self.emit(Insn::Call {
                    dst,
                    callee,
                    this,
                    args: start,
                    argc,
                });
            }
            Args::Spread(arr) if direct_eval => {
                self.emit(Insn::CallEvalSpread {
                    dst,
                    callee,
                    args: arr,
                });
            }
            Args::Spread(arr) => {
                self.emit(Insn::CallSpread {
                    dst,
                    callee,
                    this,
                    args: arr,
                });
            }
        }
        self.release(mark);
        Ok(())
    }

    /// `new C(args)` (<https://tc39.es/ecma262/#sec-new-operator>).
    pub fn new_expression(&mut self, n: &NewExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        let callee = self.expr_temp(&n.callee)?;
        let args = self.arguments(&n.arguments)?;
        self.at(n.span);
        match args {
            Args::Plain { start, argc } => self.emit(Insn::New {
                dst,
                callee,
                args: start,
                argc,
            }),
            Args::Spread(arr) => self.emit(Insn::NewSpread {
                dst,
                callee,
                args: arr,
            }),
        };
        self.release(mark);
        Ok(())
    }

    /// `super(args)` (<https://tc39.es/ecma262/#sec-super-keyword-runtime-semantics-evaluation>):
    /// the VM constructs through the active function's prototype and binds the frame's
    /// `this`; the result is also stored into the `this` binding when the analysis keeps one
    /// (arrows and eval read it from there).
    pub fn super_call(&mut self, s: &SuperCallExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        // Steps 1-3 (GetSuperConstructor) read the active function before the arguments run;
        // its [[GetPrototypeOf]] is taken by the VM.
        let func = self.temps(2)?;
        self.load_active_function(s.span.start, func)?;
        self.load_new_target(s.span.start, func + 1)?;
        let args = self.arguments(&s.arguments)?;
        self.at(s.span);
        match args {
            Args::Plain { start, argc } => self.emit(Insn::SuperCall {
                dst,
                args: start,
                argc,
                func,
            }),
            Args::Spread(arr) => self.emit(Insn::SuperCallSpread {
                dst,
                args: arr,
                func,
            }),
        };
        self.release(mark);
        if let Some(r) = self.ctx.analysis.reference(RefKind::This, s.span.start) {
            let res = r.resolution;
            if matches!(
                res,
                Resolution::Local { .. } | Resolution::Environment { .. }
            ) {
                self.store_resolution(res, None, "this", dst, StoreMode::Init)?;
            }
        }
        Ok(())
    }

    /// A tagged template: the tag called with the site's template object and the
    /// substitutions (<https://tc39.es/ecma262/#sec-tagged-templates-runtime-semantics-evaluation>).
    pub fn tagged_template(&mut self, t: &TaggedTemplateExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        let callee = self.temps(2)?;
        let this = callee + 1;
        let this = self.callee_and_this(&t.tag, callee, this, false)?;
        let site = self.template_site(&t.quasi)?;
        let argc = u16::try_from(t.quasi.expressions.len() + 1)
            .map_err(|_| super::CompileError::range("function too large"))?;
        let start = self.temps(u32::from(argc))?;
        self.emit(Insn::GetTemplateObject {
            dst: start,
            idx: site,
        });
        for (i, e) in t.quasi.expressions.iter().enumerate() {
            let r = start
                .checked_add(u16::try_from(i + 1).unwrap_or(u16::MAX))
                .ok_or_else(|| super::CompileError::range("function too large"))?;
            self.expr(e, r)?;
        }
        self.at(t.span);
        self.emit(Insn::Call {
            dst,
            callee,
            this,
            args: start,
            argc,
        });
        self.release(mark);
        Ok(())
    }
}
