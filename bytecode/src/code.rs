//! Compiled code: the realm-independent output of the compiler.
//!
//! A [`CodeBlock`] is one function body (or a script, module or eval body) with its
//! instructions, constant pool, exception handlers, nested functions and position table. It
//! holds no GC pointer and no per-context state, so it is `Send + Sync` and shared through `Arc`
//! by every context that runs it. What must exist once per context (interned strings, template
//! objects, RegExp objects, inline caches) the VM keeps in the context's heap, keyed by the
//! shared code.

use std::sync::Arc;

use crate::isa::Insn;

/// A tiny bitflags replacement: the workspace avoids a dependency for one type.
macro_rules! bitflags_lite {
    (
        $(#[$meta:meta])*
        pub struct $name:ident: $ty:ty {
            $( $(#[$fmeta:meta])* const $flag:ident = $value:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name($ty);

        impl $name {
            $( $(#[$fmeta])* pub const $flag: $name = $name($value); )*

            pub const fn empty() -> Self {
                $name(0)
            }
            pub const fn bits(self) -> $ty {
                self.0
            }
            pub const fn contains(self, other: Self) -> bool {
                self.0 & other.0 == other.0
            }
            pub fn insert(&mut self, other: Self) {
                self.0 |= other.0;
            }
            pub fn set(&mut self, other: Self, on: bool) {
                if on {
                    self.0 |= other.0;
                } else {
                    self.0 &= !other.0;
                }
            }
        }

        impl std::ops::BitOr for $name {
            type Output = Self;
            fn bitor(self, rhs: Self) -> Self {
                $name(self.0 | rhs.0)
            }
        }
    };
}

/// A literal the VM materialises in the running context.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Number(f64),
    /// UTF-16 code units; also used for property names and binding names.
    String(Arc<[u16]>),
    /// Source digits with the radix prefix kept (`0x1f`), as the lexer produced them.
    BigInt(Arc<str>),
    RegExp {
        pattern: Arc<str>,
        flags: Arc<str>,
    },
    /// A tagged template call site: the cooked strings (`None` for an invalid escape) and the
    /// raw strings.
    TemplateSite {
        cooked: Arc<[Option<Arc<[u16]>>]>,
        raw: Arc<[Arc<[u16]>]>,
    },
    Scope(ScopeDesc),
    Declarations(Declarations),
    /// Jump targets (absolute instruction indices) for `Insn::JumpTable`.
    JumpTable(Arc<[u32]>),
    /// A module's import/export entries (constant 0 of a module's code block).
    Module(Arc<ModuleDesc>),
    /// CreateMappedArgumentsObject's map: for each formal parameter index, the slot of the
    /// entry environment its argument aliases (`None` when a later parameter of the same name
    /// owns the binding).
    ArgumentsMap(Arc<[Option<u16>]>),
}

/// A UTF-16 name.
pub type Name16 = Arc<[u16]>;

/// The static module record fields a loader needs to link a module
/// (<https://tc39.es/ecma262/#sec-parsemodule>).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModuleDesc {
    /// Module specifiers in source order, without duplicate (specifier, attributes) pairs.
    pub requests: Vec<Arc<[u16]>>,
    /// The import attributes (`with { key: "value" }`) of each request, as (key, value).
    pub request_attributes: Vec<Vec<(Name16, Name16)>>,
    /// Indexed by `Insn::GetImport`.
    pub imports: Vec<ImportDesc>,
    /// (export name, local binding name); the binding lives in the module's entry scope.
    pub local_exports: Vec<(Name16, Name16)>,
    /// `export { a as b } from "m"` / `export * as ns from "m"`: (export name, request,
    /// import name; `None` for the namespace).
    pub indirect_exports: Vec<(Name16, Name16, Option<Name16>)>,
    /// `export * from "m"`.
    pub star_exports: Vec<Arc<[u16]>>,
    /// The instruction where the module body starts: the code before it (ending in a `Return`)
    /// is InitializeEnvironment's part that runs at link time (bindings created, lexical ones
    /// uninitialised, functions instantiated).
    pub body_start: u32,
    /// [[HasTLA]]: the body contains `await` (including `for await` and `await using`).
    pub has_tla: bool,
}

/// One import entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportDesc {
    pub request: Arc<[u16]>,
    /// `None` for `import * as ns`.
    pub import_name: Option<Arc<[u16]>>,
    pub local: Arc<[u16]>,
}

/// The layout of a heap environment created by `Insn::PushScope`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeDesc {
    /// Binding names in slot order (for debugging and for dynamic lookup by name when eval or
    /// `with` can observe the scope).
    pub names: Arc<[Arc<[u16]>]>,
    /// Per slot: whether the binding is immutable (`const`, class inner name).
    pub immutable: Arc<[bool]>,
    /// Whether the scope can be looked up by name at run time (direct eval or `with` inside).
    pub dynamic: bool,
    /// Per slot: a `var` of the same name declared by a sloppy direct eval running inside this
    /// scope is a SyntaxError (EvalDeclarationInstantiation step 3; lexical bindings of a var
    /// scope, any binding but a catch parameter of an inner scope). Empty means none.
    pub eval_var_conflicts: Arc<[bool]>,
    /// A sloppy direct eval inside adds its `var`s and functions to this scope (it is the
    /// VariableEnvironment of the eval's caller).
    pub eval_var_target: bool,
    /// The parameter scope of a non-arrow function with parameter expressions: an eval there may not
    /// declare `var arguments` (EvalDeclarationInstantiation step 5.a).
    pub parameter_scope: bool,
    /// The scope of a named function expression's own name, an immutable binding that is not
    /// strict (<https://tc39.es/ecma262/#sec-runtime-semantics-instantiateordinaryfunctionexpression>
    /// step 4): sloppy code assigning it by name is ignored rather than a TypeError.
    pub function_name: bool,
}

/// The declarations a script or eval body instantiates before it runs
/// (<https://tc39.es/ecma262/#sec-globaldeclarationinstantiation>,
/// <https://tc39.es/ecma262/#sec-evaldeclarationinstantiation>).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declarations {
    pub var_names: Vec<Arc<[u16]>>,
    /// Top-level function declarations: name and index into `CodeBlock::functions`.
    pub functions: Vec<(Arc<[u16]>, u32)>,
    /// Lexical names with whether each is `const`.
    pub lexical: Vec<(Arc<[u16]>, bool)>,
    /// Annex B.3.2.2/B.3.2.3 `var`s for functions in blocks: created only when no lexical
    /// declaration of the name exists (no error otherwise).
    pub annex_b_var_names: Vec<Arc<[u16]>>,
}

/// A `try` region: a throw from an instruction in `start..end` lands at `handler` with the
/// exception in register `exception` and the environment chain unwound to `scope_depth`
/// environments above the frame's base environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub start: u32,
    pub end: u32,
    pub handler: u32,
    pub exception: u16,
    pub scope_depth: u16,
}

bitflags_lite! {
    /// Properties of a code block the VM needs at call time.
    pub struct CodeFlags: u16 {
        const STRICT = 1 << 0;
        const ARROW = 1 << 1;
        const GENERATOR = 1 << 2;
        const ASYNC = 1 << 3;
        /// Callable with `new` (ordinary functions, class constructors).
        const CONSTRUCTOR = 1 << 4;
        const CLASS_CONSTRUCTOR = 1 << 5;
        const DERIVED = 1 << 6;
        /// A method: `super.x` uses its [[HomeObject]].
        const METHOD = 1 << 7;
        /// Needs a heap environment for its parameters and top-level bindings on entry.
        const NEEDS_ENV = 1 << 8;
        /// Contains a sloppy direct eval (its var scope is dynamic).
        const HAS_DIRECT_EVAL = 1 << 9;
        /// A class field initialiser (a direct eval inside may not use `arguments`).
        const FIELD_INIT = 1 << 10;
        /// Eval code: `DeclareGlobals` is EvalDeclarationInstantiation.
        const EVAL = 1 << 11;
        /// Direct eval code: runs on the caller's environment chain.
        const DIRECT_EVAL = 1 << 12;
    }
}

/// Where an instruction came from, for error positions and stack traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Index of the first instruction this entry covers.
    pub insn: u32,
    pub line: u32,
    pub column: u32,
}

/// One compiled function body, script, module or eval body.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeBlock {
    /// The function's `name` before SetFunctionName (empty for anonymous ones).
    pub name: Arc<[u16]>,
    pub flags: CodeFlags,
    /// The number of formal parameters before the first default or rest (the `length`).
    pub length: u32,
    pub param_count: u16,
    pub register_count: u16,
    /// The environment layout the frame creates on entry when `NEEDS_ENV`.
    pub entry_scope: Option<ScopeDesc>,
    pub code: Vec<Insn>,
    pub constants: Vec<Constant>,
    pub functions: Vec<Arc<CodeBlock>>,
    pub handlers: Vec<Handler>,
    /// Sorted by `insn`.
    pub positions: Vec<Position>,
    /// The source text of the function (for `Function.prototype.toString`).
    pub source: Arc<str>,
    /// The script or module the code came from (for stack traces).
    pub file: Arc<str>,
}

impl CodeBlock {
    /// The source position of the instruction at `pc` (the last entry at or before it).
    pub fn position(&self, pc: u32) -> Option<Position> {
        let after = self.positions.partition_point(|p| p.insn <= pc);
        after
            .checked_sub(1)
            .and_then(|i| self.positions.get(i))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn code_is_shareable_across_threads() {
        assert_send_sync::<CodeBlock>();
        assert_send_sync::<Arc<CodeBlock>>();
    }

    #[test]
    fn flags_combine() {
        let mut f = CodeFlags::STRICT | CodeFlags::ARROW;
        assert!(f.contains(CodeFlags::STRICT));
        assert!(!f.contains(CodeFlags::GENERATOR));
        f.set(CodeFlags::STRICT, false);
        assert!(!f.contains(CodeFlags::STRICT));
        f.insert(CodeFlags::ASYNC);
        assert!(f.contains(CodeFlags::ASYNC | CodeFlags::ARROW));
    }

    #[test]
    fn position_lookup_takes_the_last_entry_at_or_before() {
        let block = CodeBlock {
            name: Arc::from(Vec::new()),
            flags: CodeFlags::empty(),
            length: 0,
            param_count: 0,
            register_count: 0,
            entry_scope: None,
            code: Vec::new(),
            constants: Vec::new(),
            functions: Vec::new(),
            handlers: Vec::new(),
            positions: vec![
                Position {
                    insn: 0,
                    line: 1,
                    column: 1,
                },
                Position {
                    insn: 4,
                    line: 2,
                    column: 5,
                },
            ],
            source: Arc::from(""),
            file: Arc::from("x.js"),
        };
        assert_eq!(block.position(3).map(|p| p.line), Some(1));
        assert_eq!(block.position(4).map(|p| p.line), Some(2));
        assert_eq!(block.position(99).map(|p| p.column), Some(5));
    }
}
