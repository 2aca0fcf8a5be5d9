//! Tail calls (<https://tc39.es/ecma262/#sec-tail-position-calls>): which operands of a
//! `return` are in tail position, and the `TailCall` instructions the VM may turn into a
//! replacement of the running frame (PrepareForTailCall). Only emission state is touched.

use moat_parser::ast::Expression;

use super::emit::{ControlKind, Exit, FunctionCompiler};
use super::CResult;
use crate::isa::{Insn, Reg};

impl FunctionCompiler<'_> {
    /// IsInTailPosition (<https://tc39.es/ecma262/#sec-isintailposition>) for the operand of a
    /// `return` here: strict code (step 2) that is not a generator or async body (step 4),
    /// with nothing that must still run after the call: no enclosing try block with a
    /// handler, no finally block, iterator to close or `using` scope to dispose (the cases
    /// HasCallInTailPosition excludes).
    pub fn in_tail_position(&self) -> bool {
        self.strict
            && !self.is_generator
            && !self.is_async
            && self.try_depth == 0
            && self.using_stack.is_none()
            && self
                .controls
                .iter()
                .all(|c| matches!(c.kind, ControlKind::Jumpable { iter: None, .. }))
    }

    /// A `return` operand in tail position, into `dst`; the caller emits the `Return`.
    /// HasCallInTailPosition (<https://tc39.es/ecma262/#sec-static-semantics-hascallintailposition>)
    /// reaches through the branches of `?:`, the right operand of `&&`, `||` and `??`, the
    /// last expression of a comma list and parentheses; each branch returns on its own. A
    /// call (or tagged template) ending the operand becomes a `TailCall`.
    pub fn tail_expr(&mut self, e: &Expression, dst: Reg) -> CResult {
        self.enter()?;
        let r = self.tail_expr_inner(e, dst);
        self.leave();
        r
    }

    fn tail_expr_inner(&mut self, e: &Expression, dst: Reg) -> CResult {
        match e {
            Expression::Parenthesized(p) => self.tail_expr(&p.expression, dst),
            Expression::Conditional(c) => {
                self.expr(&c.test, dst)?;
                let to_alternate = self.emit(Insn::JumpIfFalse {
                    cond: dst,
                    offset: 0,
                });
                self.tail_expr(&c.consequent, dst)?;
                self.emit_exit(Exit::Return(dst))?;
                self.patch_here(to_alternate)?;
                self.tail_expr(&c.alternate, dst)
            }
            Expression::Logical(l) => {
                self.expr(&l.left, dst)?;
                // A short circuit returns the left operand through the caller's `Return`.
                let short = self.short_circuit_jump(l.op, dst);
                self.tail_expr(&l.right, dst)?;
                self.emit_exit(Exit::Return(dst))?;
                self.patch_here(short)
            }
            Expression::Sequence(s) => {
                let Some((last, init)) = s.expressions.split_last() else {
                    return Ok(());
                };
                for x in init {
                    self.expr(x, dst)?;
                }
                self.tail_expr(last, dst)
            }
            Expression::Call(_) | Expression::TaggedTemplate(_) => {
                self.expr(e, dst)?;
                // The call is the operand's last instruction when it delivers to `dst`
                // (not an optional chain's short circuit or a spread call).
                if let Some(last) = self.code.last_mut() {
                    if let Insn::Call {
                        dst: d,
                        callee,
                        this,
                        args,
                        argc,
                    } = *last
                    {
                        if d == dst {
                            *last = Insn::TailCall {
                                dst,
                                callee,
                                this,
                                args,
                                argc,
                            };
                        }
                    } else if let Insn::CallEval {
                        dst: d,
                        callee,
                        args,
                        argc,
                    } = *last
                    {
                        // A call of a function named `eval` that is not %eval% (CallExpression
                        // evaluation step 9) is an ordinary call in tail position.
                        if d == dst {
                            *last = Insn::TailCallEval {
                                dst,
                                callee,
                                args,
                                argc,
                            };
                        }
                    }
                }
                Ok(())
            }
            other => self.expr(other, dst),
        }
    }
}
