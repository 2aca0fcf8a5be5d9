//! Abrupt completions inside a function: `break`, `continue` and `return` leave scopes
//! (`PopScope`), close the iterators of the `for-of` loops they leave, and are routed through
//! every `finally` block on the way, which records them as numbered exits and dispatches
//! with `JumpTable` once it has run
//! (<https://tc39.es/ecma262/#sec-try-statement-runtime-semantics-evaluation>).

use super::emit::{Control, ControlKind, Exit, FunctionCompiler};
use super::{CResult, CompileError};
use crate::isa::{Insn, Reg};

impl FunctionCompiler<'_> {
    /// Pushes a loop/switch/label control; a loop takes the labels waiting for it.
    pub fn push_jumpable(&mut self, is_loop: bool, unlabelled_break: bool, iter: Option<Reg>) {
        let labels = if is_loop || unlabelled_break {
            std::mem::take(&mut self.pending_labels)
        } else {
            Vec::new()
        };
        self.controls.push(Control {
            kind: ControlKind::Jumpable {
                labels,
                is_loop,
                unlabelled_break,
                break_jumps: Vec::new(),
                continue_jumps: Vec::new(),
                iter,
            },
            env_depth: self.env_depth,
        });
    }

    /// Pops the innermost control, returning its break and continue jump sites.
    pub fn pop_jumpable(&mut self) -> (Vec<usize>, Vec<usize>) {
        match self.controls.pop() {
            Some(Control {
                kind:
                    ControlKind::Jumpable {
                        break_jumps,
                        continue_jumps,
                        ..
                    },
                ..
            }) => (break_jumps, continue_jumps),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// The control a `break` (with `label`) targets.
    pub fn break_target(&self, label: Option<&str>) -> CResult<usize> {
        for (i, c) in self.controls.iter().enumerate().rev() {
            if let ControlKind::Jumpable {
                labels,
                unlabelled_break,
                ..
            } = &c.kind
            {
                match label {
                    None if *unlabelled_break => return Ok(i),
                    Some(l) if labels.iter().any(|x| &**x == l) => return Ok(i),
                    _ => {}
                }
            }
        }
        Err(CompileError::syntax("Illegal break statement"))
    }

    /// The loop a `continue` (with `label`) targets.
    pub fn continue_target(&self, label: Option<&str>) -> CResult<usize> {
        for (i, c) in self.controls.iter().enumerate().rev() {
            if let ControlKind::Jumpable {
                labels, is_loop, ..
            } = &c.kind
            {
                if !*is_loop {
                    continue;
                }
                match label {
                    None => return Ok(i),
                    Some(l) if labels.iter().any(|x| &**x == l) => return Ok(i),
                    _ => {}
                }
            }
        }
        Err(CompileError::syntax("Illegal continue statement"))
    }

    /// Emits the code of an abrupt exit from the current point.
    pub fn emit_exit(&mut self, exit: Exit) -> CResult {
        let floor = match exit {
            Exit::Break(t) | Exit::Continue(t) => t + 1,
            Exit::Return(_) => 0,
        };
        let mut i = self.controls.len();
        while i > floor {
            i -= 1;
            let Some(c) = self.controls.get(i) else {
                break;
            };
            let depth = c.env_depth;
            match &c.kind {
                ControlKind::Jumpable {
                    iter: Some(iter), ..
                } => {
                    let iter = *iter;
                    self.emit_pops_to(depth);
                    self.emit(Insn::IteratorClose { iter });
                }
                ControlKind::Jumpable { .. } => {}
                ControlKind::Destructuring { iter, done } => {
                    let (iter, done) = (*iter, *done);
                    self.emit_pops_to(depth);
                    let skip = self.emit(Insn::JumpIfTrue {
                        cond: done,
                        offset: 0,
                    });
                    // Marked done first: an error from `return` must not close it again.
                    self.emit(Insn::LoadBool {
                        dst: done,
                        value: true,
                    });
                    self.emit(Insn::IteratorClose { iter });
                    self.patch_here(skip)?;
                }
                ControlKind::Finally {
                    kind_reg,
                    value_reg,
                    exits,
                    ..
                } => {
                    let (kind_reg, value_reg) = (*kind_reg, *value_reg);
                    let k = i32::try_from(exits.len() + 2)
                        .map_err(|_| CompileError::range("function too large"))?;
                    self.emit_pops_to(depth);
                    if let Exit::Return(src) = exit {
                        if src != value_reg {
                            self.emit(Insn::Move {
                                dst: value_reg,
                                src,
                            });
                        }
                    }
                    self.emit(Insn::LoadInt {
                        dst: kind_reg,
                        value: k,
                    });
                    let site = self.jump();
                    if let Some(Control {
                        kind:
                            ControlKind::Finally {
                                exits, entry_jumps, ..
                            },
                        ..
                    }) = self.controls.get_mut(i)
                    {
                        exits.push(exit);
                        entry_jumps.push(site);
                    }
                    return Ok(());
                }
            }
        }
        match exit {
            Exit::Return(src) => {
                self.emit(Insn::Return { src });
            }
            Exit::Break(t) | Exit::Continue(t) => {
                let Some(c) = self.controls.get(t) else {
                    return Ok(());
                };
                let depth = c.env_depth;
                let close = match (&c.kind, exit) {
                    (ControlKind::Jumpable { iter, .. }, Exit::Break(_)) => *iter,
                    _ => None,
                };
                self.emit_pops_to(depth);
                if let Some(iter) = close {
                    self.emit(Insn::IteratorClose { iter });
                }
                let site = self.jump();
                if let Some(Control {
                    kind:
                        ControlKind::Jumpable {
                            break_jumps,
                            continue_jumps,
                            ..
                        },
                    ..
                }) = self.controls.get_mut(t)
                {
                    match exit {
                        Exit::Break(_) => break_jumps.push(site),
                        _ => continue_jumps.push(site),
                    }
                }
            }
        }
        Ok(())
    }
}
