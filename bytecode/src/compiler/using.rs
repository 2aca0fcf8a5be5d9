//! `using` and `await using` declarations
//! (<https://tc39.es/ecma262/#sec-let-const-using-and-await-using-declarations>): a scope
//! that declares them gets a DisposeCapability in a register, each binding registers its
//! resource when initialised, and every way out of the scope (normal, `break`/`continue`/
//! `return`, throw) runs DisposeResources through the same finally-style dispatch as `try`.

use moat_parser::ast::{Statement, VariableKind};

use super::emit::{Control, ControlKind, Exit, FunctionCompiler};
use super::CResult;
use crate::code::Constant;
use crate::isa::Insn;

/// The kind of a `using` / `await using` declaration (`Some(true)` for `await using`).
pub(crate) fn using_decl(kind: VariableKind) -> Option<bool> {
    match kind {
        VariableKind::Using => Some(false),
        VariableKind::AwaitUsing => Some(true),
        _ => None,
    }
}

/// Whether `stmts` declare `using` bindings directly: `Some(true)` when one is `await using`.
pub(crate) fn using_kind(stmts: &[Statement]) -> Option<bool> {
    let mut found = None;
    for s in stmts {
        if let Statement::VariableDeclaration(v) = s {
            match v.kind {
                VariableKind::AwaitUsing => return Some(true),
                VariableKind::Using => found = Some(false),
                _ => {}
            }
        }
    }
    found
}

impl FunctionCompiler<'_> {
    /// The statement list of a block or function body, disposing its `using` resources on
    /// exit (Block evaluation steps 5-6 and FunctionBody's DisposeResources,
    /// <https://tc39.es/ecma262/#sec-block-runtime-semantics-evaluation>).
    pub fn scope_statements(&mut self, stmts: &[Statement]) -> CResult {
        match using_kind(stmts) {
            Some(is_async) => self.disposal_scope(is_async, |c| c.statements(stmts)),
            None => self.statements(stmts),
        }
    }

    /// Compiles `body` in a scope with its own DisposeCapability, disposed (and, for
    /// `await using`, awaited) however the scope is left.
    pub fn disposal_scope(
        &mut self,
        is_async: bool,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult {
        let mark = self.mark();
        let stack = self.temp()?;
        let kind_reg = self.temp()?;
        let value_reg = self.temp()?;
        self.emit(Insn::NewDisposeCapability { dst: stack });
        self.controls.push(Control {
            kind: ControlKind::Finally {
                kind_reg,
                value_reg,
                exits: Vec::new(),
                entry_jumps: Vec::new(),
            },
            env_depth: self.env_depth,
        });
        let outer = self.using_stack.replace(stack);
        let try_start = self.here();
        let compiled = body(self);
        self.using_stack = outer;
        compiled?;
        let region_end = self.here();
        self.emit(Insn::LoadInt {
            dst: kind_reg,
            value: 0,
        });
        let normal = self.jump();
        let throw_handler = self.here();
        self.emit(Insn::LoadInt {
            dst: kind_reg,
            value: 1,
        });
        self.add_handler(try_start, region_end, throw_handler, value_reg)?;
        let (exits, entry_jumps) = match self.controls.pop() {
            Some(Control {
                kind:
                    ControlKind::Finally {
                        exits, entry_jumps, ..
                    },
                ..
            }) => (exits, entry_jumps),
            _ => (Vec::new(), Vec::new()),
        };
        self.patch_here(normal)?;
        self.patch_all_here(entry_jumps)?;
        if is_async {
            // DisposeResources awaits only when there is something to dispose.
            let p = self.temp()?;
            self.emit(Insn::DisposeResourcesAsync {
                dst: p,
                stack,
                kind: kind_reg,
                value: value_reg,
            });
            let skip = self.emit(Insn::JumpIfFalse { cond: p, offset: 0 });
            self.emit(Insn::Await { dst: p, src: p });
            self.patch_here(skip)?;
        } else {
            self.emit(Insn::DisposeResources {
                stack,
                kind: kind_reg,
                value: value_reg,
            });
        }
        // Resume the completion the scope was left by, as after a `finally` block.
        let table = self.add_constant(Constant::JumpTable(std::sync::Arc::from(Vec::new())))?;
        self.emit(Insn::JumpTable {
            index: kind_reg,
            table,
        });
        let mut targets: Vec<u32> = Vec::with_capacity(exits.len() + 2);
        let to_end = self.jump();
        targets.push(0); // patched below to the end
        targets.push(self.here_u32()?);
        self.emit(Insn::Throw { src: value_reg });
        for exit in exits {
            targets.push(self.here_u32()?);
            let exit = match exit {
                Exit::Return(_) => Exit::Return(value_reg),
                other => other,
            };
            self.emit_exit(exit)?;
        }
        let end = self.here_u32()?;
        if let Some(first) = targets.first_mut() {
            *first = end;
        }
        self.patch_here(to_end)?;
        if let Some(c) = self.constants.get_mut(table as usize) {
            *c = Constant::JumpTable(std::sync::Arc::from(targets));
        }
        self.release(mark);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use moat_parser::{parse_script, ParseOptions};

    use crate::code::CodeBlock;
    use crate::isa::Insn;

    fn script(src: &str) -> Option<Arc<CodeBlock>> {
        let ast = parse_script(src, ParseOptions::default()).ok()?;
        super::super::compile_script(&ast, src, "t.js").ok()
    }

    fn count(code: &CodeBlock, pred: &dyn Fn(&Insn) -> bool) -> usize {
        code.code.iter().filter(|i| pred(i)).count()
            + code.functions.iter().map(|f| count(f, pred)).sum::<usize>()
    }

    #[test]
    fn using_blocks_register_and_dispose() {
        let c = script("{ using a = x, b = y; f(); } for (using z of w) {} { let q = 1; }");
        let c = c.as_deref();
        assert_eq!(
            c.map(|c| count(c, &|i| matches!(i, Insn::NewDisposeCapability { .. }))),
            Some(2)
        );
        assert_eq!(
            c.map(|c| count(c, &|i| matches!(
                i,
                Insn::AddDisposableResource {
                    is_async: false,
                    ..
                }
            ))),
            Some(3)
        );
        assert_eq!(
            c.map(|c| count(c, &|i| matches!(i, Insn::DisposeResources { .. }))),
            Some(2)
        );
    }

    #[test]
    fn await_using_awaits_the_disposal() {
        let c = script("async function f() { await using a = x; }");
        let c = c.as_deref();
        assert_eq!(
            c.map(|c| count(c, &|i| matches!(i, Insn::DisposeResourcesAsync { .. }))),
            Some(1)
        );
        assert_eq!(
            c.map(|c| count(c, &|i| matches!(
                i,
                Insn::AddDisposableResource { is_async: true, .. }
            ))),
            Some(1)
        );
    }
}
