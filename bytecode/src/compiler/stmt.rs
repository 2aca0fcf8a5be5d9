//! Statements and declarations
//! (<https://tc39.es/ecma262/#sec-ecmascript-language-statements-and-declarations>),
//! including loops, `switch`, `try` and the completion value of scripts and eval code.

use moat_parser::ast::{
    ForHead, ForInStatement, ForInit, ForOfStatement, ForStatement, Pattern, Statement,
    SwitchStatement, TryStatement, VariableDeclaration, VariableKind,
};

use super::bindings::StoreMode;
use super::emit::{Control, ControlKind, Exit, FunctionCompiler};
use super::expr::{utf16, NameHint};
use super::pattern::BindMode;
use super::CResult;
use crate::code::Constant;
use crate::isa::{Insn, Reg};
use crate::scope::ScopeKind;

use super::using::using_decl;

impl FunctionCompiler<'_> {
    pub fn statements(&mut self, stmts: &[Statement]) -> CResult {
        for s in stmts {
            self.statement(s)?;
        }
        Ok(())
    }

    /// UpdateEmpty(completion, undefined) for statements whose value starts out undefined.
    fn reset_completion(&mut self) {
        if let Some(cr) = self.completion {
            self.emit(Insn::LoadUndefined { dst: cr });
        }
    }

    pub fn statement(&mut self, s: &Statement) -> CResult {
        self.enter()?;
        let r = self.statement_inner(s);
        self.leave();
        r
    }

    /// The body of `if`, loops, `with` and labels: a lone function declaration there has a
    /// block scope of its own (B.3.3).
    fn substatement(&mut self, s: &Statement) -> CResult {
        if let Statement::FunctionDeclaration(f) = s {
            let scope =
                self.enter_block(ScopeKind::Block, f.span.start, std::slice::from_ref(s))?;
            self.statement(s)?;
            self.exit_scope(scope);
            Ok(())
        } else {
            self.statement(s)
        }
    }

    fn statement_inner(&mut self, s: &Statement) -> CResult {
        self.at(s.span());
        match s {
            Statement::Expression(e) => {
                let mark = self.mark();
                match self.completion {
                    Some(cr) => self.expr(&e.expression, cr)?,
                    // In functions the value is dropped.
                    None => self.expr_for_effect(&e.expression)?,
                }
                self.release(mark);
            }
            Statement::Block(b) => {
                let scope = self.enter_block(ScopeKind::Block, b.span.start, &b.body)?;
                self.scope_statements(&b.body)?;
                self.exit_scope(scope);
            }
            Statement::Empty(_) => {}
            Statement::Debugger(_) => {
                self.emit(Insn::Debugger);
            }
            Statement::With(w) => {
                let mark = self.mark();
                let obj = self.expr_temp(&w.object)?;
                self.emit(Insn::ToObject { dst: obj, src: obj });
                self.reset_completion();
                self.emit(Insn::PushWith { obj });
                self.env_depth = self
                    .env_depth
                    .checked_add(1)
                    .ok_or_else(|| super::CompileError::range("function too large"))?;
                self.release(mark);
                self.substatement(&w.body)?;
                self.pop_scope();
            }
            Statement::Return(r) => {
                let mark = self.mark();
                let v = self.temp()?;
                match &r.argument {
                    Some(a) if self.in_tail_position() => self.tail_expr(a, v)?,
                    Some(a) => self.expr(a, v)?,
                    None => {
                        self.emit(Insn::LoadUndefined { dst: v });
                    }
                }
                if self.is_async && self.is_generator && r.argument.is_some() {
                    // AsyncGenerator return awaits its operand.
                    self.emit(Insn::Await { dst: v, src: v });
                }
                self.emit_exit(Exit::Return(v))?;
                self.release(mark);
            }
            Statement::Labeled(l) => {
                let mut labels = vec![Box::from(l.label.name.as_str())];
                let mut body = &l.body;
                while let Statement::Labeled(inner) = body {
                    labels.push(Box::from(inner.label.name.as_str()));
                    body = &inner.body;
                }
                if is_loop(body) {
                    self.pending_labels.extend(labels);
                    self.statement(body)?;
                } else {
                    self.controls.push(Control {
                        kind: ControlKind::Jumpable {
                            labels,
                            is_loop: false,
                            unlabelled_break: false,
                            break_jumps: Vec::new(),
                            continue_jumps: Vec::new(),
                            iter: None,
                        },
                        env_depth: self.env_depth,
                    });
                    self.substatement(body)?;
                    let (breaks, _) = self.pop_jumpable();
                    self.patch_all_here(breaks)?;
                }
            }
            Statement::Break(b) => {
                let t = self.break_target(b.label.as_ref().map(|l| &*l.name))?;
                self.emit_exit(Exit::Break(t))?;
            }
            Statement::Continue(c) => {
                let t = self.continue_target(c.label.as_ref().map(|l| &*l.name))?;
                self.emit_exit(Exit::Continue(t))?;
            }
            Statement::If(i) => {
                self.reset_completion();
                let mark = self.mark();
                let t = self.operand(&i.test)?;
                let to_else = self.emit(Insn::JumpIfFalse { cond: t, offset: 0 });
                self.release(mark);
                self.substatement(&i.consequent)?;
                match &i.alternate {
                    Some(a) => {
                        let to_end = self.jump();
                        self.patch_here(to_else)?;
                        self.substatement(a)?;
                        self.patch_here(to_end)?;
                    }
                    None => self.patch_here(to_else)?,
                }
            }
            Statement::Switch(sw) => self.switch(sw)?,
            Statement::Throw(t) => {
                let mark = self.mark();
                let v = self.expr_temp(&t.argument)?;
                self.at(t.span);
                self.emit(Insn::Throw { src: v });
                self.release(mark);
            }
            Statement::Try(t) => self.try_statement(t)?,
            Statement::While(w) => {
                self.reset_completion();
                self.push_jumpable(true, true, None);
                let top = self.here();
                let mark = self.mark();
                let t = self.operand(&w.test)?;
                let to_end = self.emit(Insn::JumpIfFalse { cond: t, offset: 0 });
                self.release(mark);
                self.substatement(&w.body)?;
                let (breaks, continues) = self.pop_jumpable();
                for c in continues {
                    self.patch(c, top)?;
                }
                self.jump_to(top)?;
                self.patch_here(to_end)?;
                self.patch_all_here(breaks)?;
            }
            Statement::DoWhile(d) => {
                self.reset_completion();
                self.push_jumpable(true, true, None);
                let top = self.here();
                self.substatement(&d.body)?;
                let (breaks, continues) = self.pop_jumpable();
                self.patch_all_here(continues)?;
                let mark = self.mark();
                let t = self.operand(&d.test)?;
                let back = self.emit(Insn::JumpIfTrue { cond: t, offset: 0 });
                self.patch(back, top)?;
                self.release(mark);
                self.patch_all_here(breaks)?;
            }
            Statement::For(f) => self.for_statement(f)?,
            Statement::ForIn(f) => self.for_in(f)?,
            Statement::ForOf(f) => self.for_of(f)?,
            Statement::FunctionDeclaration(f) => {
                // Hoisted already; Annex B.3.2.1 copies a block function to its var binding
                // when the declaration is evaluated.
                if let (Some(target), Some(id)) =
                    (self.ctx.analysis.annex_b_var_target(f.span.start), &f.id)
                {
                    let mark = self.mark();
                    let v = self.temp()?;
                    self.load_identifier(id, v)?;
                    if self.eval_code && target == crate::scope::Resolution::Dynamic {
                        // The var binding is in the eval's VariableEnvironment: a lookup by
                        // name from here would find the block's own binding first.
                        let name = self.string(&id.name)?;
                        self.emit(Insn::SetVarName { name, src: v });
                    } else {
                        self.store_resolution(target, None, &id.name, v, StoreMode::Init)?;
                    }
                    self.release(mark);
                }
            }
            Statement::ClassDeclaration(c) => {
                let mark = self.mark();
                let v = self.temp()?;
                self.class(c, v, &NameHint::None)?;
                if let Some(id) = &c.id {
                    self.store_identifier(id, v, StoreMode::Init)?;
                }
                self.release(mark);
            }
            Statement::VariableDeclaration(v) => self.variable_declaration(v)?,
        }
        Ok(())
    }

    /// `var`/`let`/`const` declarators in order.
    pub fn variable_declaration(&mut self, v: &VariableDeclaration) -> CResult {
        let mode = if v.kind == VariableKind::Var {
            BindMode::Assign
        } else {
            BindMode::Init
        };
        for d in &v.declarations {
            self.at(d.span);
            let mark = self.mark();
            match (&d.id, &d.init) {
                (Pattern::Identifier(id), Some(init)) if mode == BindMode::Assign => {
                    // VariableDeclaration evaluation: ResolveBinding before the initializer
                    // runs (a `with` object's binding stays the target even if the
                    // initializer deletes it).
                    let target = self.ident_target(id)?;
                    let r = self.temp()?;
                    self.expr_named(init, r, &NameHint::Static(utf16(&id.name)))?;
                    self.put_target(&target, r)?;
                }
                (Pattern::Identifier(id), Some(init)) => {
                    let r = self.temp()?;
                    self.expr_named(init, r, &NameHint::Static(utf16(&id.name)))?;
                    // InitializeBinding with a dispose hint registers the resource first.
                    let is_async = v.kind == VariableKind::AwaitUsing;
                    if let (true, Some(stack)) =
                        (is_async || v.kind == VariableKind::Using, self.using_stack)
                    {
                        self.emit(Insn::AddDisposableResource {
                            stack,
                            src: r,
                            is_async,
                        });
                    }
                    let store = if mode == BindMode::Init {
                        StoreMode::Init
                    } else {
                        StoreMode::Assign
                    };
                    self.store_identifier(id, r, store)?;
                }
                (Pattern::Identifier(id), None) => {
                    if mode == BindMode::Init {
                        let r = self.temp()?;
                        self.emit(Insn::LoadUndefined { dst: r });
                        self.store_identifier(id, r, StoreMode::Init)?;
                    }
                }
                (p, Some(init)) => {
                    let r = self.expr_temp(init)?;
                    self.destructure(p, r, mode)?;
                }
                (_, None) => {}
            }
            self.release(mark);
        }
        Ok(())
    }

    fn switch(&mut self, sw: &SwitchStatement) -> CResult {
        let mark = self.mark();
        let disc = self.expr_temp(&sw.discriminant)?;
        self.reset_completion();
        // Hoisting candidates: the function declarations of every case.
        let scope = self.enter_scope(ScopeKind::Switch, sw.span.start)?;
        if let Some(id) = scope {
            let mut fs = Vec::new();
            for case in &sw.cases {
                super::bindings::function_declarations(&case.consequent, &mut fs);
            }
            self.hoist_functions(id, &fs)?;
        }
        self.push_jumpable(false, true, None);
        let mut case_jumps = Vec::new();
        for case in &sw.cases {
            if let Some(test) = &case.test {
                let m = self.mark();
                let t = self.expr_temp(test)?;
                let site = self.emit(Insn::JumpIfStrictEq {
                    lhs: disc,
                    rhs: t,
                    offset: 0,
                });
                case_jumps.push(Some(site));
                self.release(m);
            } else {
                case_jumps.push(None);
            }
        }
        let to_default = self.jump();
        let mut default_target = None;
        for (case, site) in sw.cases.iter().zip(case_jumps) {
            match site {
                Some(site) => self.patch_here(site)?,
                None => default_target = Some(self.here()),
            }
            self.statements(&case.consequent)?;
        }
        let (breaks, _) = self.pop_jumpable();
        match default_target {
            Some(t) => self.patch(to_default, t)?,
            None => self.patch_here(to_default)?,
        }
        self.patch_all_here(breaks)?;
        self.exit_scope(scope);
        self.release(mark);
        Ok(())
    }

    fn for_statement(&mut self, f: &ForStatement) -> CResult {
        // `for (using x = ...; ;)`: the loop's resources are disposed when it is left.
        if let Some(ForInit::VariableDeclaration(v)) = &f.init {
            if let Some(is_async) = using_decl(v.kind) {
                return self.disposal_scope(is_async, |c| c.for_statement_body(f));
            }
        }
        self.for_statement_body(f)
    }

    fn for_statement_body(&mut self, f: &ForStatement) -> CResult {
        self.reset_completion();
        let scope = self.enter_scope(ScopeKind::For, f.span.start)?;
        let per_iteration = scope
            .and_then(|s| self.ctx.analysis.scope(s))
            .is_some_and(|s| s.per_iteration_copy && s.needs_environment);
        match &f.init {
            Some(ForInit::VariableDeclaration(v)) => self.variable_declaration(v)?,
            Some(ForInit::Expression(e)) => {
                let mark = self.mark();
                self.expr_temp(e)?;
                self.release(mark);
            }
            None => {}
        }
        if per_iteration {
            self.emit(Insn::CopyScope);
        }
        self.push_jumpable(true, true, None);
        let top = self.here();
        let mut to_end = None;
        if let Some(test) = &f.test {
            let mark = self.mark();
            let t = self.operand(test)?;
            to_end = Some(self.emit(Insn::JumpIfFalse { cond: t, offset: 0 }));
            self.release(mark);
        }
        self.substatement(&f.body)?;
        let (breaks, continues) = self.pop_jumpable();
        self.patch_all_here(continues)?;
        if per_iteration {
            self.emit(Insn::CopyScope);
        }
        if let Some(u) = &f.update {
            let mark = self.mark();
            self.expr_for_effect(u)?;
            self.release(mark);
        }
        self.jump_to(top)?;
        if let Some(site) = to_end {
            self.patch_here(site)?;
        }
        self.patch_all_here(breaks)?;
        self.exit_scope(scope);
        Ok(())
    }

    /// Binds the value of one iteration to the loop head's target
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iterator-lhskind-labelset>
    /// steps 6.f-6.i), in the iteration's fresh scope.
    fn bind_for_head(&mut self, left: &ForHead, value: Reg) -> CResult {
        match left {
            ForHead::VariableDeclaration(v) => {
                let mode = if v.kind == VariableKind::Var {
                    BindMode::Assign
                } else {
                    BindMode::Init
                };
                if let (Some(is_async), Some(stack)) = (using_decl(v.kind), self.using_stack) {
                    self.emit(Insn::AddDisposableResource {
                        stack,
                        src: value,
                        is_async,
                    });
                }
                if let Some(d) = v.declarations.first() {
                    self.destructure(&d.id, value, mode)?;
                }
            }
            ForHead::Pattern(p) => self.destructure(p, value, BindMode::Assign)?,
        }
        Ok(())
    }

    /// Evaluates the loop's expression, in the TDZ scope of lexical declarations.
    fn for_in_of_head(
        &mut self,
        start: u32,
        left: &ForHead,
        right: &moat_parser::ast::Expression,
        dst: Reg,
    ) -> CResult {
        if let ForHead::VariableDeclaration(v) = left {
            // Annex B: `for (var x = init in obj)` assigns before evaluating `obj`.
            if let Some(d) = v.declarations.first() {
                if let (Some(init), Pattern::Identifier(id)) = (&d.init, &d.id) {
                    let mark = self.mark();
                    let r = self.temp()?;
                    self.expr_named(init, r, &NameHint::Static(utf16(&id.name)))?;
                    self.store_identifier(id, r, StoreMode::Assign)?;
                    self.release(mark);
                }
            }
        }
        let head = self.enter_scope(ScopeKind::ForInOfHead, start)?;
        self.expr(right, dst)?;
        self.exit_scope(head);
        Ok(())
    }

    fn for_in(&mut self, f: &ForInStatement) -> CResult {
        let mark = self.mark();
        let obj = self.temp()?;
        self.for_in_of_head(f.span.start, &f.left, &f.right, obj)?;
        self.reset_completion();
        let it = self.temp()?;
        self.emit(Insn::ForInPrepare { dst: it, obj });
        self.push_jumpable(true, true, None);
        let top = self.here();
        let v = self.temp()?;
        let to_end = self.emit(Insn::ForInNext {
            dst: v,
            iter: it,
            offset: 0,
        });
        let scope = self.enter_scope(ScopeKind::ForInOf, f.span.start)?;
        self.bind_for_head(&f.left, v)?;
        self.substatement(&f.body)?;
        self.exit_scope(scope);
        let (breaks, continues) = self.pop_jumpable();
        for c in continues {
            self.patch(c, top)?;
        }
        self.jump_to(top)?;
        self.patch_here(to_end)?;
        self.patch_all_here(breaks)?;
        self.release(mark);
        Ok(())
    }

    /// ForIn/OfBodyEvaluation for `for-of` and `for await`: the iterator is closed when the
    /// body completes abruptly (a throw via a handler, `break`/`return` via the control).
    fn for_of(&mut self, f: &ForOfStatement) -> CResult {
        let mark = self.mark();
        let src = self.temp()?;
        self.for_in_of_head(f.span.start, &f.left, &f.right, src)?;
        self.reset_completion();
        let iter = self.temps(2)?;
        self.emit(Insn::GetIterator {
            dst: iter,
            src,
            is_async: f.is_await,
        });
        self.push_jumpable(true, true, Some(iter));
        let top = self.here();
        let v = self.temp()?;
        let to_end = self.emit(Insn::IteratorNext {
            dst: v,
            iter,
            offset: 0,
        });
        let region_start = self.here();
        let scope = self.enter_scope(ScopeKind::ForInOf, f.span.start)?;
        // `for (using x of ...)`: each iteration disposes its binding's resource.
        match for_head_using(&f.left) {
            Some(is_async) => self.disposal_scope(is_async, |c| {
                c.bind_for_head(&f.left, v)?;
                c.substatement(&f.body)
            })?,
            None => {
                self.bind_for_head(&f.left, v)?;
                self.substatement(&f.body)?;
            }
        }
        self.exit_scope(scope);
        let region_end = self.here();
        let (breaks, continues) = self.pop_jumpable();
        for c in continues {
            self.patch(c, top)?;
        }
        self.jump_to(top)?;
        // A throw from the body or the binding closes the iterator, then propagates.
        let handler = self.here();
        let exc = self.temp()?;
        self.emit(Insn::IteratorCloseQuiet { iter });
        self.emit(Insn::Throw { src: exc });
        self.add_handler(region_start, region_end, handler, exc)?;
        self.patch_here(to_end)?;
        self.patch_all_here(breaks)?;
        self.release(mark);
        Ok(())
    }

    /// TryStatement (<https://tc39.es/ecma262/#sec-try-statement-runtime-semantics-evaluation>).
    fn try_statement(&mut self, t: &TryStatement) -> CResult {
        self.reset_completion();
        let mark = self.mark();
        let finally_regs = match &t.finalizer {
            Some(_) => {
                let kind_reg = self.temp()?;
                let value_reg = self.temp()?;
                self.controls.push(Control {
                    kind: ControlKind::Finally {
                        kind_reg,
                        value_reg,
                        exits: Vec::new(),
                        entry_jumps: Vec::new(),
                    },
                    env_depth: self.env_depth,
                });
                Some((kind_reg, value_reg))
            }
            None => None,
        };
        let try_start = self.here();
        self.try_depth += 1;
        let scope = self.enter_block(ScopeKind::Block, t.block.span.start, &t.block.body);
        let body = scope.and_then(|scope| {
            self.scope_statements(&t.block.body)?;
            self.exit_scope(scope);
            Ok(())
        });
        self.try_depth -= 1;
        body?;
        let try_end = self.here();
        if let Some(h) = &t.handler {
            let over = self.jump();
            let handler = self.here();
            let m = self.mark();
            let exc = self.temp()?;
            self.add_handler(try_start, try_end, handler, exc)?;
            self.reset_completion();
            let catch_scope = self.enter_scope(ScopeKind::Catch, h.span.start)?;
            if let Some(p) = &h.param {
                self.destructure(p, exc, BindMode::Init)?;
            }
            self.release(m);
            let body = self.enter_block(ScopeKind::Block, h.body.span.start, &h.body.body)?;
            self.scope_statements(&h.body.body)?;
            self.exit_scope(body);
            self.exit_scope(catch_scope);
            self.patch_here(over)?;
        }
        if let (Some(fin), Some((kind_reg, value_reg))) = (&t.finalizer, finally_regs) {
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
            // The finally block's own normal completion keeps the try/catch value.
            let saved = match self.completion {
                Some(cr) => {
                    let s = self.temp()?;
                    self.emit(Insn::Move { dst: s, src: cr });
                    Some((s, cr))
                }
                None => None,
            };
            // An abrupt `break`/`continue` out of the finally block carries the finally
            // block's own value, UpdateEmpty'd with undefined (step 4 of TryStatement's
            // evaluation), never the try block's.
            self.reset_completion();
            let scope = self.enter_block(ScopeKind::Block, fin.span.start, &fin.body)?;
            self.scope_statements(&fin.body)?;
            self.exit_scope(scope);
            if let Some((s, cr)) = saved {
                self.emit(Insn::Move { dst: cr, src: s });
            }
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
        }
        self.release(mark);
        Ok(())
    }
}

/// The `using` kind of a `for-of` head declaration (`Some(true)` for `await using`).
fn for_head_using(left: &ForHead) -> Option<bool> {
    match left {
        ForHead::VariableDeclaration(v) => using_decl(v.kind),
        ForHead::Pattern(_) => None,
    }
}

fn is_loop(s: &Statement) -> bool {
    matches!(
        s,
        Statement::While(_)
            | Statement::DoWhile(_)
            | Statement::For(_)
            | Statement::ForIn(_)
            | Statement::ForOf(_)
    )
}
