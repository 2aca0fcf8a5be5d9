//! The per-function code emitter: instruction buffer, register allocator, constant pool with
//! deduplication, jump patching, exception handlers and the position table. The language-level
//! compilation (expressions, statements...) lives in sibling modules as further `impl` blocks
//! of [`FunctionCompiler`].

use std::collections::HashMap;
use std::sync::Arc;

use moat_lexer::LineIndex;
use moat_parser::ast::Span;

use super::{CResult, CompileError};
use crate::code::{CodeBlock, CodeFlags, Constant, Handler, Position, ScopeDesc};
use crate::isa::{ConstIdx, Insn, Reg};
use crate::scope::{FunctionId, ScopeAnalysis};

/// AST nesting beyond which the compiler gives up with an error instead of recursing further.
pub(crate) const MAX_COMPILE_DEPTH: u32 = 1500;

/// What every function compiler of one compilation unit shares.
pub(crate) struct Ctx<'a> {
    pub analysis: &'a ScopeAnalysis,
    pub source: &'a str,
    pub file: Arc<str>,
    pub lines: LineIndex,
}

/// A forward jump waiting for its target.
pub(crate) type JumpSite = usize;

/// Where a `break`, `continue` or `return` goes once every enclosing construct has been left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Break out of the control at this index of the control stack.
    Break(usize),
    /// Continue the loop at this index of the control stack.
    Continue(usize),
    /// Return the value in this register.
    Return(Reg),
}

/// A construct that `break`, `continue`, `return` or a throw must pass through.
pub(crate) enum ControlKind {
    /// A loop, `switch` or labelled statement.
    Jumpable {
        labels: Vec<Box<str>>,
        is_loop: bool,
        /// Target of an unlabelled `break` (loops and `switch`).
        unlabelled_break: bool,
        break_jumps: Vec<JumpSite>,
        continue_jumps: Vec<JumpSite>,
        /// A `for-of` / `for await` loop: leaving it by `break`, `return` or an outer jump
        /// closes the iterator in this register.
        iter: Option<Reg>,
    },
    /// A `try` with `finally`: exits are routed through the finally block, which dispatches on
    /// `kind_reg` afterwards (0 fall through, 1 rethrow `value_reg`, 2.. `exits`).
    Finally {
        kind_reg: Reg,
        value_reg: Reg,
        exits: Vec<Exit>,
        entry_jumps: Vec<JumpSite>,
    },
    /// An array destructuring pattern: a `return` out of it (a generator resumed by `return`
    /// at a `yield` inside) closes its iterator unless `done` is set
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-iteratordestructuringassignmentevaluation>).
    Destructuring { iter: Reg, done: Reg },
}

pub(crate) struct Control {
    pub kind: ControlKind,
    /// Environments pushed when the control was entered.
    pub env_depth: u16,
}

/// Compiles one function body (or a script, module or eval body) into a [`CodeBlock`].
pub(crate) struct FunctionCompiler<'a> {
    pub ctx: &'a Ctx<'a>,
    pub fid: FunctionId,
    pub strict: bool,
    pub is_generator: bool,
    pub is_async: bool,
    pub code: Vec<Insn>,
    pub constants: Vec<Constant>,
    number_consts: HashMap<u64, ConstIdx>,
    string_consts: HashMap<Arc<[u16]>, ConstIdx>,
    pub functions: Vec<Arc<CodeBlock>>,
    pub handlers: Vec<Handler>,
    positions: Vec<Position>,
    last_position: Option<(u32, u32)>,
    /// Registers `0..local_base` receive the arguments; binding registers of the scope
    /// analysis are offset by it.
    pub local_base: u16,
    next_temp: u32,
    max_reg: u32,
    /// Environments pushed above the frame's base environment at the current point.
    pub env_depth: u16,
    depth: u32,
    pub controls: Vec<Control>,
    /// The completion-value register of scripts and eval code.
    pub completion: Option<Reg>,
    /// Labels waiting for the loop they label.
    pub pending_labels: Vec<Box<str>>,
    /// Open optional chains: the short-circuit jumps of each.
    pub chain_exits: Vec<Vec<JumpSite>>,
    /// The DisposeCapability register of the innermost scope with `using` declarations.
    pub using_stack: Option<Reg>,
    /// The top level of eval code: its VariableEnvironment is the caller's (or global).
    pub eval_code: bool,
    /// Try blocks (with a catch handler) around the current point: a call there is not in
    /// tail position, the handler must see its throw.
    pub try_depth: u32,
}

fn too_large() -> CompileError {
    CompileError::range("function too large")
}

impl<'a> FunctionCompiler<'a> {
    pub fn new(ctx: &'a Ctx<'a>, fid: FunctionId, local_base: u16, locals: u16) -> Self {
        let first_temp = u32::from(local_base) + u32::from(locals);
        FunctionCompiler {
            ctx,
            fid,
            strict: false,
            is_generator: false,
            is_async: false,
            code: Vec::new(),
            constants: Vec::new(),
            number_consts: HashMap::new(),
            string_consts: HashMap::new(),
            functions: Vec::new(),
            handlers: Vec::new(),
            positions: Vec::new(),
            last_position: None,
            local_base,
            next_temp: first_temp,
            max_reg: first_temp,
            env_depth: 0,
            depth: 0,
            controls: Vec::new(),
            completion: None,
            pending_labels: Vec::new(),
            chain_exits: Vec::new(),
            using_stack: None,
            eval_code: false,
            try_depth: 0,
        }
    }

    // ----- recursion guard -------------------------------------------------------------

    /// Enters one level of AST recursion; pair with [`FunctionCompiler::leave`].
    pub fn enter(&mut self) -> CResult {
        self.depth += 1;
        if self.depth > MAX_COMPILE_DEPTH {
            return Err(CompileError::range("program nests too deeply"));
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- registers ---------------------------------------------------------------------

    /// The frame register of a scope-analysis binding register.
    pub fn local(&self, register: u16) -> CResult<Reg> {
        Reg::try_from(u32::from(register) + u32::from(self.local_base)).map_err(|_| too_large())
    }

    /// A fresh temporary; temporaries are released LIFO with [`FunctionCompiler::release`].
    pub fn temp(&mut self) -> CResult<Reg> {
        self.temps(1)
    }

    /// `n` consecutive fresh temporaries; returns the first.
    pub fn temps(&mut self, n: u32) -> CResult<Reg> {
        let first = self.next_temp;
        let end = first.checked_add(n).ok_or_else(too_large)?;
        if end > u32::from(u16::MAX) {
            return Err(too_large());
        }
        self.next_temp = end;
        self.max_reg = self.max_reg.max(end);
        Reg::try_from(first).map_err(|_| too_large())
    }

    /// The current temporary watermark.
    pub fn mark(&self) -> u32 {
        self.next_temp
    }

    /// Frees every temporary allocated since `mark`.
    pub fn release(&mut self, mark: u32) {
        self.next_temp = mark.min(self.next_temp);
    }

    pub fn register_count(&self) -> u16 {
        u16::try_from(self.max_reg).unwrap_or(u16::MAX)
    }

    // ----- instructions ------------------------------------------------------------------

    pub fn emit(&mut self, insn: Insn) -> usize {
        self.code.push(insn);
        self.code.len() - 1
    }

    /// The index the next instruction gets.
    pub fn here(&self) -> usize {
        self.code.len()
    }

    pub fn here_u32(&self) -> CResult<u32> {
        u32::try_from(self.code.len()).map_err(|_| too_large())
    }

    /// Records that the following instructions come from `span`.
    pub fn at(&mut self, span: Span) {
        let (line, column) = self.ctx.lines.line_col(span.start);
        if self.last_position == Some((line, column)) {
            return;
        }
        self.last_position = Some((line, column));
        let insn = u32::try_from(self.code.len()).unwrap_or(u32::MAX);
        if let Some(last) = self.positions.last_mut() {
            if last.insn == insn {
                last.line = line;
                last.column = column;
                return;
            }
        }
        self.positions.push(Position { insn, line, column });
    }

    /// Points the jump at `site` to instruction `target`.
    pub fn patch(&mut self, site: JumpSite, target: usize) -> CResult {
        let delta = i64::try_from(target).map_err(|_| too_large())?
            - i64::try_from(site).map_err(|_| too_large())?
            - 1;
        let delta = i32::try_from(delta).map_err(|_| too_large())?;
        if let Some(
            Insn::Jump { offset }
            | Insn::JumpIfTrue { offset, .. }
            | Insn::JumpIfFalse { offset, .. }
            | Insn::JumpIfNullish { offset, .. }
            | Insn::JumpIfNotNullish { offset, .. }
            | Insn::JumpIfUndefined { offset, .. }
            | Insn::JumpIfNotUndefined { offset, .. }
            | Insn::JumpIfStrictEq { offset, .. }
            | Insn::IteratorNext { offset, .. }
            | Insn::ForInNext { offset, .. },
        ) = self.code.get_mut(site)
        {
            *offset = delta;
        }
        Ok(())
    }

    /// Points the jump at `site` to the next instruction.
    pub fn patch_here(&mut self, site: JumpSite) -> CResult {
        self.patch(site, self.here())
    }

    pub fn patch_all_here(&mut self, sites: Vec<JumpSite>) -> CResult {
        for site in sites {
            self.patch_here(site)?;
        }
        Ok(())
    }

    /// A backward jump to `target`.
    pub fn jump_to(&mut self, target: usize) -> CResult {
        let site = self.emit(Insn::Jump { offset: 0 });
        self.patch(site, target)
    }

    pub fn jump(&mut self) -> JumpSite {
        self.emit(Insn::Jump { offset: 0 })
    }

    /// Adds a handler for `start..end` landing at `handler`, at the current environment depth.
    pub fn add_handler(
        &mut self,
        start: usize,
        end: usize,
        handler: usize,
        exception: Reg,
    ) -> CResult {
        let conv = |n: usize| u32::try_from(n).map_err(|_| too_large());
        if start >= end {
            return Ok(());
        }
        self.handlers.push(Handler {
            start: conv(start)?,
            end: conv(end)?,
            handler: conv(handler)?,
            exception,
            scope_depth: self.env_depth,
        });
        Ok(())
    }

    // ----- constants ---------------------------------------------------------------------

    pub fn add_constant(&mut self, c: Constant) -> CResult<ConstIdx> {
        let idx = ConstIdx::try_from(self.constants.len()).map_err(|_| too_large())?;
        if idx == ConstIdx::MAX {
            return Err(too_large());
        }
        self.constants.push(c);
        Ok(idx)
    }

    pub fn number(&mut self, n: f64) -> CResult<ConstIdx> {
        let bits = n.to_bits();
        if let Some(&i) = self.number_consts.get(&bits) {
            return Ok(i);
        }
        let i = self.add_constant(Constant::Number(n))?;
        self.number_consts.insert(bits, i);
        Ok(i)
    }

    pub fn string_units(&mut self, units: &[u16]) -> CResult<ConstIdx> {
        if let Some(&i) = self.string_consts.get(units) {
            return Ok(i);
        }
        let arc: Arc<[u16]> = Arc::from(units);
        let i = self.add_constant(Constant::String(arc.clone()))?;
        self.string_consts.insert(arc, i);
        Ok(i)
    }

    /// A string constant for a Rust string (identifier names).
    pub fn string(&mut self, s: &str) -> CResult<ConstIdx> {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.string_units(&units)
    }

    pub fn add_function(&mut self, block: CodeBlock) -> CResult<ConstIdx> {
        let idx = ConstIdx::try_from(self.functions.len()).map_err(|_| too_large())?;
        self.functions.push(Arc::new(block));
        Ok(idx)
    }

    /// Loads a number, using `LoadInt` when the value is an i32 (but not -0).
    pub fn load_number(&mut self, n: f64, dst: Reg) -> CResult {
        let as_int = n as i32;
        if f64::from(as_int) == n && !(n == 0.0 && n.is_sign_negative()) {
            self.emit(Insn::LoadInt { dst, value: as_int });
        } else {
            let idx = self.number(n)?;
            self.emit(Insn::LoadConst { dst, idx });
        }
        Ok(())
    }

    // ----- environments ------------------------------------------------------------------

    /// Emits `PushScope` for `desc`.
    pub fn push_scope(&mut self, desc: ScopeDesc) -> CResult {
        let scope = self.add_constant(Constant::Scope(desc))?;
        self.emit(Insn::PushScope { scope });
        self.env_depth = self.env_depth.checked_add(1).ok_or_else(too_large)?;
        Ok(())
    }

    pub fn pop_scope(&mut self) {
        self.emit(Insn::PopScope);
        self.env_depth = self.env_depth.saturating_sub(1);
    }

    /// Emits the `PopScope`s that leave environments down to `depth` without changing the
    /// compile-time depth (for jumps out of scopes).
    pub fn emit_pops_to(&mut self, depth: u16) {
        for _ in depth..self.env_depth {
            self.emit(Insn::PopScope);
        }
    }

    // ----- finishing ---------------------------------------------------------------------

    /// Assembles the code block.
    pub fn finish(self, head: BlockHead) -> CodeBlock {
        let register_count = self.register_count();
        CodeBlock {
            name: head.name,
            flags: head.flags,
            length: head.length,
            param_count: self.local_base,
            register_count,
            entry_scope: head.entry_scope,
            code: self.code,
            constants: self.constants,
            functions: self.functions,
            handlers: self.handlers,
            positions: self.positions,
            source: head.source,
            file: self.ctx.file.clone(),
        }
    }
}

/// The parts of a [`CodeBlock`] decided outside the emitter.
pub(crate) struct BlockHead {
    pub name: Arc<[u16]>,
    pub flags: CodeFlags,
    pub length: u32,
    pub entry_scope: Option<ScopeDesc>,
    pub source: Arc<str>,
}
