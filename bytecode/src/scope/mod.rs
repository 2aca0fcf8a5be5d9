//! Compile-time scope analysis: a pure pass over the AST that decides, for every identifier
//! reference, where its binding lives at run time.
//!
//! The compiler consults the [`ScopeAnalysis`] while emitting code:
//!
//! * every [`Scope`](ScopeInfo) the compiler enters (program, function parameters, function
//!   body, block, `switch`, `for` head, `catch`, class, `with`, named function expression) is
//!   found with [`ScopeAnalysis::scope_of`]; it lists its bindings in declaration-instantiation
//!   order, each in a frame register or a slot of the scope's heap environment;
//! * every reference (an identifier, `this`, `new.target`, the active function behind `super`)
//!   is found with [`ScopeAnalysis::reference`] and carries a [`Resolution`].
//!
//! # Environment model
//!
//! A scope gets a heap environment only when [`ScopeInfo::needs_environment`] is set (one of
//! its bindings is captured by an inner function, visible to a direct `eval`, reached by a
//! dynamic lookup, or it is a `with` object environment). The compiler must push exactly
//! those environments and no others: [`Resolution::Environment::hops`] counts only them.
//! A closure captures the innermost environment in effect where it is created (for a hoisted
//! function declaration: the environment of the scope that hoists it).
//!
//! Departures from the spec's environment shapes, none of them observable:
//!
//! * a function body's top-level lexical declarations share the scope of its `var`s (the
//!   spec's separate lexical environment of sloppy functions only serves
//!   EvalDeclarationInstantiation's conflict check, which the VM does with the binding kinds
//!   listed here: a sloppy eval's `var n` throws if `n` is bound with a lexical kind in any
//!   scope from the eval up to and including the var scope);
//! * script top-level declarations are not allocated: `let`/`const`/`class` live in the
//!   realm's global declarative record and `var`/`function` on the global object, so
//!   references to them resolve as [`Resolution::Global`] and the root [`ScopeInfo`] lists
//!   them with [`BindingLocation::ByName`] for GlobalDeclarationInstantiation;
//! * `this`, `new.target` and the active function (home object and super constructor source)
//!   are modelled as bindings of the function scope (names `this`, `new.target`,
//!   `%function%`) so arrows and eval reach them like any captured variable;
//! * every module top-level binding lives in the module environment (importers read it);
//!   imports resolve as [`Resolution::Module`].
//!
//! Registers are numbered per function from 0; sibling scopes reuse registers, so the compiler
//! must (re)initialise a scope's register bindings on each entry (a hole for bindings with
//! [`Binding::starts_uninitialized`], `undefined` otherwise). Temporaries go after
//! [`FunctionScopes::register_count`].
//!
//! Node identity: identifiers, `this`, `super` and `new.target` tokens have distinct start
//! offsets, so a reference is keyed by ([`RefKind`], span start); a scope by ([`ScopeKind`],
//! span start of the node that introduces it); a function by its span start (a class field
//! initialiser by the field's span start, a static block by the block's span start).

mod finish;
mod names;
#[cfg(test)]
mod tests;
mod walk;

use moat_parser::ast::{Function, Module, Script};
use std::collections::HashMap;

/// Nesting beyond which analysis gives up (the parser's own limit is lower).
pub const MAX_DEPTH: u32 = 2000;

/// Why a program could not be analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeError {
    /// The AST nests deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A function needs more than 65,536 registers for its bindings.
    TooManyRegisters,
    /// A scope holds more than 65,536 environment slots, or environments nest deeper than
    /// 65,536.
    TooManySlots,
}

impl std::fmt::Display for ScopeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScopeError::TooDeep => f.write_str("program nests too deeply"),
            ScopeError::TooManyRegisters => f.write_str("too many local variables in a function"),
            ScopeError::TooManySlots => f.write_str("too many variables in a scope"),
        }
    }
}

impl std::error::Error for ScopeError {}

/// Index into [`ScopeAnalysis::scopes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(pub u32);

/// Index into [`ScopeAnalysis::functions`]; 0 is the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionId(pub u32);

/// Where a reference finds its binding at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A frame register of the current function; never captured.
    Local {
        register: u16,
        needs_tdz_check: bool,
    },
    /// Slot `slot` of the heap environment `hops` environments out from the current one.
    Environment {
        hops: u16,
        slot: u16,
        needs_tdz_check: bool,
    },
    /// An import: entry `import` of [`ScopeAnalysis::imports`] (an indirect binding; the VM
    /// checks initialisation on every read).
    Module { import: u32 },
    /// No static binding: look the name up in the realm's global declarative record, then
    /// the global object.
    Global,
    /// A `with` object or a sloppy direct `eval` may intervene: look the name up through the
    /// environment chain at run time.
    Dynamic,
}

/// What a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// An IdentifierReference, a binding identifier of a declaration, or an identifier
    /// assignment target.
    Identifier,
    /// `this`, and the `this` a `super(...)` call binds or `super.x` reads (keyed by the
    /// `super` token).
    This,
    /// `new.target`, and the one `super(...)` passes on.
    NewTarget,
    /// The active function object (its [[HomeObject]] for `super.x`, its prototype for
    /// `super(...)`), keyed by the `super` token.
    ActiveFunction,
}

/// A binding: `index` into the bindings of `scope`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingRef {
    pub scope: ScopeId,
    pub index: u32,
}

/// The analysis of one reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub resolution: Resolution,
    /// The static binding the name resolves to (for a `Dynamic` reference: the one the
    /// run-time lookup falls back to). `None` for globals and free names.
    pub binding: Option<BindingRef>,
    /// The identifier declares the binding (initialisation, not assignment): a `let`,
    /// `const`, `class`, parameter, `catch` or function binding identifier.
    pub is_declaration: bool,
}

/// What introduced a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// A script's top level (keyed by the script's span start).
    Script,
    /// A module's top level.
    Module,
    /// The top level of eval code.
    Eval,
    /// The scope holding a named function expression's own name (keyed by the function).
    FunctionName,
    /// A function's parameters, `arguments`, `this`, `new.target`; also its `var`s and
    /// top-level lexical declarations unless it has parameter expressions. Also the scope of
    /// a class field initialiser and of a class static block.
    Function,
    /// The separate var scope of a function with parameter expressions (keyed by the function).
    FunctionBody,
    /// A block statement (also the implicit block around `if (x) function f() {}`, keyed by
    /// the function, and a `catch` body).
    Block,
    /// A switch's case block (keyed by the switch statement).
    Switch,
    /// A `for (let/const ...;;)` head (keyed by the for statement).
    For,
    /// The TDZ scope a `for (let x of/in expr)` evaluates `expr` in (keyed by the statement).
    ForInOfHead,
    /// The per-iteration scope of `for (let/const x of/in ...)` (keyed by the statement).
    ForInOf,
    /// A `catch (param)` (keyed by the catch clause).
    Catch,
    /// A class: its own name binding (keyed by the class).
    Class,
    /// A `with` statement's object environment (keyed by the with statement).
    With,
}

/// What declared a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingKind {
    Var,
    Let,
    Const,
    /// `using` / `await using` (immutable).
    Using,
    /// A class declaration's binding in its enclosing scope (mutable, TDZ).
    Class,
    /// A class's own name inside the class (immutable).
    ClassName,
    /// A named function expression's own name (immutable; assignment is ignored in sloppy
    /// code and a TypeError in strict code).
    FunctionName,
    Function,
    Parameter,
    CatchParameter,
    Import,
    Arguments,
    This,
    NewTarget,
    /// `%function%`: the active function object, kept for `super` in arrows and eval.
    ActiveFunction,
}

impl BindingKind {
    /// Assignment throws a TypeError (or is ignored, for [`BindingKind::FunctionName`] in
    /// sloppy code).
    pub fn is_immutable(self) -> bool {
        matches!(
            self,
            BindingKind::Const
                | BindingKind::Using
                | BindingKind::ClassName
                | BindingKind::FunctionName
                | BindingKind::Import
        )
    }

    /// A lexical declaration (conflicts with a sloppy eval's `var` of the same name).
    pub fn is_lexical(self) -> bool {
        matches!(
            self,
            BindingKind::Let | BindingKind::Const | BindingKind::Using | BindingKind::Class
        )
    }
}

/// Where a binding is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingLocation {
    /// A frame register of the scope's function.
    Register(u16),
    /// A slot of the scope's heap environment.
    Slot(u16),
    /// An import ([`ScopeAnalysis::imports`] entry).
    Import(u32),
    /// Managed by name at run time: script top-level declarations (global object / global
    /// declarative record) and a sloppy eval's `var`s and functions (the caller's variable
    /// environment).
    ByName,
    /// Never read: needs no storage (unused `this`, `arguments`, function-expression name…).
    Unused,
}

/// One binding of a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub name: Box<str>,
    pub kind: BindingKind,
    pub location: BindingLocation,
    /// Created uninitialised (TDZ) rather than `undefined`.
    pub starts_uninitialized: bool,
    /// A body `var` of a function with parameter expressions that shares a parameter's name
    /// (or `arguments`): it starts with that parameter's value
    /// (FunctionDeclarationInstantiation step 28.f.i.4).
    pub init_from_parameter: bool,
    /// A script-level `var` created by Annex B.3.2.2 for a function in a block (the VM
    /// creates it only if the global lexical record does not have the name).
    pub annex_b: bool,
}

/// One scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeInfo {
    pub kind: ScopeKind,
    /// Span start of the node that introduced the scope.
    pub node_start: u32,
    pub parent: Option<ScopeId>,
    /// The function whose frame holds this scope's registers.
    pub function: FunctionId,
    pub strict: bool,
    /// Bindings in declaration-instantiation order.
    pub bindings: Vec<Binding>,
    /// The compiler pushes a heap environment on entry.
    pub needs_environment: bool,
    /// Number of [`BindingLocation::Slot`] bindings.
    pub slot_count: u16,
    /// A `for (let ...;;)` head with an environment: CreatePerIterationEnvironment copies it
    /// before the first test and after each iteration
    /// (<https://tc39.es/ecma262/#sec-createperiterationenvironment>).
    pub per_iteration_copy: bool,
    /// Function declarations instantiated on entry, by span start, in the spec's order
    /// (for var scopes: the last declaration of each name).
    pub hoisted_functions: Vec<u32>,
    /// A sloppy direct eval may add `var` bindings to this scope at run time.
    pub eval_may_add_vars: bool,
}

/// The kind of code a [`FunctionScopes`] describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    Script,
    Module,
    Eval,
    Function(moat_parser::ast::FunctionKind),
    /// One class field's initialiser, run as a method of the instance (or class).
    ClassFieldInitializer,
    ClassStaticBlock,
}

/// How a function provides `arguments`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgumentsObject {
    /// Not created (arrow, shadowed, or never referenced).
    None,
    /// CreateUnmappedArgumentsObject (strict or non-simple parameters).
    Unmapped,
    /// CreateMappedArgumentsObject: its elements alias the parameters, which are then all
    /// environment-resident.
    Mapped,
}

/// The per-function (or per-program) result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionScopes {
    pub kind: CodeKind,
    /// Span start of the function (class field / static block) node, or of the program.
    pub node_start: u32,
    pub parent: Option<FunctionId>,
    pub strict: bool,
    pub is_arrow: bool,
    /// Registers the bindings need; temporaries may start here.
    pub register_count: u16,
    /// The scopes whose registers live in this function's frame, in creation order.
    pub scopes: Vec<ScopeId>,
    /// The outermost scope of the function's own frame (parameters).
    pub function_scope: ScopeId,
    /// Where `var`s land (the function scope unless there are parameter expressions).
    pub var_scope: ScopeId,
    /// The named function expression's name scope, if any (owned by the enclosing function).
    pub name_scope: Option<ScopeId>,
    pub has_parameter_expressions: bool,
    /// Duplicate parameter names (sloppy simple lists): parameters start as `undefined`.
    pub has_duplicate_parameters: bool,
    pub arguments: ArgumentsObject,
    /// A direct `eval` occurs in the function's own code (not in nested functions).
    pub has_direct_eval: bool,
    /// One of them is in sloppy code (it may add `var`s).
    pub has_sloppy_direct_eval: bool,
    pub contains_with: bool,
    /// `this` is kept in an environment slot (an inner arrow, or eval, reads it).
    pub this_in_environment: bool,
}

/// A direct `eval(...)` call site (callee `eval`, possibly parenthesised, not optional).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DirectEvalSite {
    /// The scope the call occurs in (the eval code's outer lexical environment).
    pub scope: ScopeId,
    pub function: FunctionId,
    /// The caller is strict code.
    pub strict: bool,
}

/// What an import binds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportName {
    /// `import { name as x }`, `import x` (name `default`).
    Named(Box<[u16]>),
    /// `import * as ns`.
    Namespace,
}

/// One imported binding of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportEntry {
    pub local: Box<str>,
    pub module_request: Box<[u16]>,
    pub import_name: ImportName,
}

/// How eval code is run (<https://tc39.es/ecma262/#sec-performeval>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvalOptions {
    /// A direct eval: free names resolve through the caller's environments.
    pub direct: bool,
    /// The caller is strict (direct eval only); strict eval code keeps its `var`s.
    pub strict_caller: bool,
}

/// The result of analysing one program.
#[derive(Clone, Debug, Default)]
pub struct ScopeAnalysis {
    /// Index 0 is the program (for [`analyze_function`]: an empty global wrapper).
    pub functions: Vec<FunctionScopes>,
    pub scopes: Vec<ScopeInfo>,
    /// The imports of a module, in source order.
    pub imports: Vec<ImportEntry>,
    refs: HashMap<(RefKind, u32), Reference>,
    scope_nodes: HashMap<(ScopeKind, u32), ScopeId>,
    function_nodes: HashMap<u32, FunctionId>,
    direct_evals: HashMap<u32, DirectEvalSite>,
    annex_b: HashMap<u32, Resolution>,
    /// The program is direct eval code: free names and `var`s resolve dynamically.
    direct_eval_root: bool,
}

impl ScopeAnalysis {
    /// The reference at `span_start` of kind `kind`.
    pub fn reference(&self, kind: RefKind, span_start: u32) -> Option<&Reference> {
        self.refs.get(&(kind, span_start))
    }

    /// The resolution of the identifier starting at `span_start`.
    pub fn identifier(&self, span_start: u32) -> Option<Resolution> {
        self.reference(RefKind::Identifier, span_start)
            .map(|r| r.resolution)
    }

    /// `None` for `this` at the top level of a script or module (global this / undefined).
    pub fn this(&self, span_start: u32) -> Option<Resolution> {
        self.reference(RefKind::This, span_start)
            .map(|r| r.resolution)
    }

    /// The scope a node introduces.
    pub fn scope_of(&self, kind: ScopeKind, node_start: u32) -> Option<ScopeId> {
        self.scope_nodes.get(&(kind, node_start)).copied()
    }

    /// The scope `id`; `None` if out of range.
    pub fn scope(&self, id: ScopeId) -> Option<&ScopeInfo> {
        self.scopes.get(id.0 as usize)
    }

    /// The function (class field initialiser, static block) starting at `node_start`.
    pub fn function_of(&self, node_start: u32) -> Option<FunctionId> {
        self.function_nodes.get(&node_start).copied()
    }

    pub fn function(&self, id: FunctionId) -> Option<&FunctionScopes> {
        self.functions.get(id.0 as usize)
    }

    pub fn binding(&self, b: BindingRef) -> Option<&Binding> {
        self.scope(b.scope)?.bindings.get(b.index as usize)
    }

    /// How code running directly in the binding's own scope reaches it (declaration
    /// instantiation: hoisted functions, holes, copies).
    pub fn binding_resolution(&self, b: BindingRef) -> Option<Resolution> {
        let root_is_direct_eval = self.root_is_direct_eval();
        Some(match self.binding(b)?.location {
            BindingLocation::Register(register) => Resolution::Local {
                register,
                needs_tdz_check: false,
            },
            BindingLocation::Slot(slot) => Resolution::Environment {
                hops: 0,
                slot,
                needs_tdz_check: false,
            },
            BindingLocation::Import(import) => Resolution::Module { import },
            BindingLocation::ByName if root_is_direct_eval => Resolution::Dynamic,
            BindingLocation::ByName | BindingLocation::Unused => Resolution::Global,
        })
    }

    /// For a sloppy-mode function declaration in a block that Annex B.3.2 also binds as a
    /// `var`: where evaluating the declaration copies the function (from the declaration's
    /// position). Keyed by the function's span start.
    pub fn annex_b_var_target(&self, function_start: u32) -> Option<Resolution> {
        self.annex_b.get(&function_start).copied()
    }

    /// The direct eval call whose CallExpression starts at `call_start`.
    pub fn direct_eval(&self, call_start: u32) -> Option<&DirectEvalSite> {
        self.direct_evals.get(&call_start)
    }

    /// The program is direct eval code.
    pub fn root_is_direct_eval(&self) -> bool {
        self.direct_eval_root
    }
}

/// Analyses a Script (<https://tc39.es/ecma262/#sec-globaldeclarationinstantiation>).
pub fn analyze_script(script: &Script) -> Result<ScopeAnalysis, ScopeError> {
    walk::Walker::script(script)?.finish()
}

/// Analyses a Module (<https://tc39.es/ecma262/#sec-source-text-module-record-initialize-environment>).
pub fn analyze_module(module: &Module) -> Result<ScopeAnalysis, ScopeError> {
    walk::Walker::module(module)?.finish()
}

/// Analyses a function built by CreateDynamicFunction (the Function constructor): its
/// closure environment is the global environment.
pub fn analyze_function(function: &Function) -> Result<ScopeAnalysis, ScopeError> {
    walk::Walker::dynamic_function(function)?.finish()
}

/// Analyses eval code (<https://tc39.es/ecma262/#sec-evaldeclarationinstantiation>).
pub fn analyze_eval(script: &Script, options: EvalOptions) -> Result<ScopeAnalysis, ScopeError> {
    walk::Walker::eval(script, options)?.finish()
}
