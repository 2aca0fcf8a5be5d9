//! The instruction set: a register machine in the style of Lua's and piccolo's.
//!
//! Every instruction names its operands explicitly: frame registers ([`Reg`]), indices into the
//! code block's constant pool ([`ConstIdx`]) and relative jump offsets. An instruction is a small
//! `Copy` enum (at most 12 bytes, asserted by a test) so the interpreter decodes it with one
//! `match` and no byte fiddling. Nothing here holds a GC pointer: a compiled [`CodeBlock`] is
//! realm-independent, `Send + Sync`, and shared by every context that runs it.
//!
//! Conventions the compiler and the VM agree on:
//! - Registers `0..param_count` receive the arguments on entry (missing ones are `undefined`);
//!   the rest start as `undefined`, except those the compiler initialises with `LoadEmpty` for
//!   TDZ.
//! - A jump `offset` is relative to the instruction *after* the jump.
//! - Instructions that may call into script (property access with accessors, ToPrimitive,
//!   calls) do so by pushing a frame in the VM, never by recursing on the Rust stack; the
//!   result lands in `dst` when the callee returns.
//! - Property keys that are compile-time names are `ConstIdx` of a [`Constant::String`]; the VM
//!   interns them per context.
//! - The strictness of property writes, `delete` and unresolvable assignments comes from
//!   [`CodeFlags::STRICT`] of the code block, not from each instruction.
//!
//! [`CodeBlock`]: crate::code::CodeBlock
//! [`Constant::String`]: crate::code::Constant::String
//! [`CodeFlags::STRICT`]: crate::code::CodeFlags::STRICT

/// A frame register.
pub type Reg = u16;
/// An index into the code block's constant pool.
pub type ConstIdx = u32;

/// The kinds of error the compiler may ask the VM to throw at run time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ErrorKind {
    TypeError,
    ReferenceError,
    SyntaxError,
    RangeError,
}

/// Why a value must not be null or undefined (RequireObjectCoercible): each use has its own
/// error message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CoercibleUse {
    /// An object binding or assignment pattern
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-bindinginitialization>).
    Destructure,
    /// The base of a property reference read and written back (compound assignment, `++`):
    /// GetValue's ToObject (<https://tc39.es/ecma262/#sec-getvalue>) before the key converts.
    PropertyBase,
}

/// One instruction. Field order is always destination first, then sources.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Insn {
    // ----- loads and moves ---------------------------------------------------------------
    LoadUndefined {
        dst: Reg,
    },
    LoadNull {
        dst: Reg,
    },
    LoadBool {
        dst: Reg,
        value: bool,
    },
    LoadInt {
        dst: Reg,
        value: i32,
    },
    /// A number, string or BigInt constant.
    LoadConst {
        dst: Reg,
        idx: ConstIdx,
    },
    /// The uninitialised marker of a binding in its temporal dead zone.
    LoadEmpty {
        dst: Reg,
    },
    Move {
        dst: Reg,
        src: Reg,
    },
    /// The frame's `this` (ReferenceError in a derived constructor before `super()`).
    LoadThis {
        dst: Reg,
    },
    LoadNewTarget {
        dst: Reg,
    },
    /// The running function object.
    LoadCallee {
        dst: Reg,
    },
    /// `import.meta` of the running module.
    LoadImportMeta {
        dst: Reg,
    },
    /// A new RegExp object from the `RegExp` constant `idx` (RegExpCreate).
    NewRegExp {
        dst: Reg,
        idx: ConstIdx,
    },
    /// The template object of tagged-template site `idx` (one per site per realm, frozen).
    GetTemplateObject {
        dst: Reg,
        idx: ConstIdx,
    },

    // ----- bindings ----------------------------------------------------------------------
    /// ReferenceError (naming constant `name`) when register `src` holds the empty marker.
    CheckTdz {
        src: Reg,
        name: ConstIdx,
    },
    /// A fresh declarative environment for the scope described by `ScopeDesc` constant `scope`.
    PushScope {
        scope: ConstIdx,
    },
    PopScope,
    /// Replace the current environment with a copy of itself (CreatePerIterationEnvironment).
    CopyScope,
    /// An object environment for `with (obj)`.
    PushWith {
        obj: Reg,
    },
    GetEnv {
        dst: Reg,
        hops: u16,
        slot: u16,
    },
    /// Like `GetEnv`, with a TDZ check naming constant `name`.
    GetEnvChecked {
        dst: Reg,
        hops: u16,
        slot: u16,
        name: ConstIdx,
    },
    SetEnv {
        hops: u16,
        slot: u16,
        src: Reg,
    },
    /// Assignment to an initialised binding: TDZ check first (for `let` before its declaration).
    SetEnvChecked {
        hops: u16,
        slot: u16,
        src: Reg,
        name: ConstIdx,
    },
    /// Global lookup by name: the realm's global lexical bindings, then the global object.
    /// ReferenceError when unresolvable.
    GetGlobal {
        dst: Reg,
        name: ConstIdx,
    },
    /// Like `GetGlobal` but `undefined` when unresolvable (`typeof x`).
    GetGlobalOrUndefined {
        dst: Reg,
        name: ConstIdx,
    },
    SetGlobal {
        name: ConstIdx,
        src: Reg,
    },
    /// HasBinding of the global environment for `name`: the realm's global lexical bindings,
    /// then HasProperty of the global object; `dst` gets the boolean. Strict assignments
    /// resolve their target with it before the right-hand side runs.
    HasGlobal {
        dst: Reg,
        name: ConstIdx,
    },
    /// Dynamic lookup through the environment chain (`with`, sloppy direct eval).
    GetName {
        dst: Reg,
        name: ConstIdx,
    },
    GetNameOrUndefined {
        dst: Reg,
        name: ConstIdx,
    },
    /// Dynamic lookup for a call: `dst` = value, `dst + 1` = the `this` value (the `with`
    /// object, or undefined).
    GetNameForCall {
        dst: Reg,
        name: ConstIdx,
    },
    SetName {
        name: ConstIdx,
        src: Reg,
    },
    /// SetMutableBinding of `name` in the running VariableEnvironment (skipping lexical
    /// scopes): Annex B.3.2.1's copy of a block function to its var binding in sloppy eval
    /// code.
    SetVarName {
        name: ConstIdx,
        src: Reg,
    },
    /// ResolveBinding once for a reference that is read and then written (compound
    /// assignment, update): `dst` designates the binding for `GetNameRef` / `SetNameRef`.
    ResolveNameRef {
        dst: Reg,
        name: ConstIdx,
    },
    GetNameRef {
        dst: Reg,
        reference: Reg,
        name: ConstIdx,
    },
    SetNameRef {
        reference: Reg,
        name: ConstIdx,
        src: Reg,
    },
    /// `delete x` in sloppy code.
    DeleteName {
        dst: Reg,
        name: ConstIdx,
    },
    /// GlobalDeclarationInstantiation / EvalDeclarationInstantiation from the `Declarations`
    /// constant `decls` (may throw SyntaxError/TypeError as the spec says).
    DeclareGlobals {
        decls: ConstIdx,
    },
    /// Create the `arguments` object (`mapped` is always false: a mapped one comes from
    /// `CreateMappedArguments`).
    CreateArguments {
        dst: Reg,
        mapped: bool,
    },
    /// A new Array of the arguments from index `from` on.
    CreateRestArray {
        dst: Reg,
        from: u16,
    },

    // ----- operators ---------------------------------------------------------------------
    Add {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Sub {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Mul {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Div {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Rem {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Exp {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    BitAnd {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    BitOr {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    BitXor {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Shl {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Sar {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Shr {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Eq {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Ne {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    StrictEq {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    StrictNe {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Lt {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Le {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Gt {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Ge {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    /// `key in obj`.
    In {
        dst: Reg,
        key: Reg,
        obj: Reg,
    },
    InstanceOf {
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
    },
    Neg {
        dst: Reg,
        src: Reg,
    },
    /// Unary `+`: ToNumber.
    ToNumber {
        dst: Reg,
        src: Reg,
    },
    /// ToNumeric (before `++`/`--` on a reference, whose old value a postfix returns).
    ToNumeric {
        dst: Reg,
        src: Reg,
    },
    BitNot {
        dst: Reg,
        src: Reg,
    },
    Not {
        dst: Reg,
        src: Reg,
    },
    TypeOf {
        dst: Reg,
        src: Reg,
    },
    /// `src + 1` on a numeric (Number or BigInt) value.
    Inc {
        dst: Reg,
        src: Reg,
    },
    Dec {
        dst: Reg,
        src: Reg,
    },
    ToPropertyKey {
        dst: Reg,
        src: Reg,
    },
    /// ToString (template literal substitutions).
    ToString {
        dst: Reg,
        src: Reg,
    },
    /// ToObject; TypeError on null/undefined (destructuring, `with`).
    ToObject {
        dst: Reg,
        src: Reg,
    },
    /// RequireObjectCoercible: a TypeError (worded for `what`) when `src` is null or
    /// undefined.
    RequireObjectCoercible {
        src: Reg,
        what: CoercibleUse,
    },

    // ----- control flow ------------------------------------------------------------------
    Jump {
        offset: i32,
    },
    JumpIfTrue {
        cond: Reg,
        offset: i32,
    },
    JumpIfFalse {
        cond: Reg,
        offset: i32,
    },
    JumpIfNullish {
        src: Reg,
        offset: i32,
    },
    JumpIfNotNullish {
        src: Reg,
        offset: i32,
    },
    JumpIfUndefined {
        src: Reg,
        offset: i32,
    },
    JumpIfNotUndefined {
        src: Reg,
        offset: i32,
    },
    /// `switch` dispatch helper: jump when `lhs === rhs`.
    JumpIfStrictEq {
        lhs: Reg,
        rhs: Reg,
        offset: i32,
    },
    Return {
        src: Reg,
    },
    Throw {
        src: Reg,
    },
    /// Throw a new error of `kind` with the message in string constant `msg`.
    ThrowError {
        kind: ErrorKind,
        msg: ConstIdx,
    },
    /// `finally` support: jump to the target whose index (into the `JumpTable` constant
    /// `table`) is in register `index`.
    JumpTable {
        index: Reg,
        table: ConstIdx,
    },
    Debugger,
    Nop,

    // ----- objects and properties --------------------------------------------------------
    NewObject {
        dst: Reg,
    },
    NewArray {
        dst: Reg,
        capacity: u16,
    },
    GetProp {
        dst: Reg,
        obj: Reg,
        key: ConstIdx,
    },
    SetProp {
        obj: Reg,
        key: ConstIdx,
        src: Reg,
    },
    GetElem {
        dst: Reg,
        obj: Reg,
        key: Reg,
    },
    SetElem {
        obj: Reg,
        key: Reg,
        src: Reg,
    },
    DeleteProp {
        dst: Reg,
        obj: Reg,
        key: ConstIdx,
    },
    DeleteElem {
        dst: Reg,
        obj: Reg,
        key: Reg,
    },
    /// GetSuperBase (<https://tc39.es/ecma262/#sec-getsuperbase>): `func.[[HomeObject]]`'s
    /// prototype (an object or null), `func` being the active function of the `this`
    /// environment (the method itself, or the method around an arrow or eval).
    SuperBase {
        dst: Reg,
        func: Reg,
    },
    /// GetValue of a super reference: `base[key]` with `this` as the receiver (`base` from
    /// `SuperBase`; null or undefined is a TypeError).
    GetSuperElem {
        dst: Reg,
        base: Reg,
        key: Reg,
        this: Reg,
    },
    /// PutValue of a super reference.
    SetSuperElem {
        base: Reg,
        key: Reg,
        src: Reg,
        this: Reg,
    },
    /// CreateDataPropertyOrThrow (object literals, array literal elements by index).
    DefineField {
        obj: Reg,
        key: Reg,
        src: Reg,
    },
    /// A method (sets [[HomeObject]]); `enumerable` false for classes.
    DefineMethod {
        obj: Reg,
        key: Reg,
        func: Reg,
        enumerable: bool,
    },
    DefineGetter {
        obj: Reg,
        key: Reg,
        func: Reg,
        enumerable: bool,
    },
    DefineSetter {
        obj: Reg,
        key: Reg,
        func: Reg,
        enumerable: bool,
    },
    /// `__proto__: value` in an object literal.
    SetPrototypeLiteral {
        obj: Reg,
        proto: Reg,
    },
    /// Append to an array literal under construction.
    ArrayPush {
        arr: Reg,
        src: Reg,
    },
    ArrayPushHole {
        arr: Reg,
    },
    /// Append every value of iterable `src` (spread in array literals and argument lists).
    ArraySpread {
        arr: Reg,
        src: Reg,
    },
    /// CopyDataProperties(dst, src, excluded keys in registers `excluded..excluded+count`).
    CopyDataProperties {
        dst: Reg,
        src: Reg,
        excluded: Reg,
        count: u16,
    },

    // ----- private names -----------------------------------------------------------------
    /// A new Private Name with the description in string constant `desc`.
    NewPrivateName {
        dst: Reg,
        desc: ConstIdx,
    },
    GetPrivate {
        dst: Reg,
        obj: Reg,
        name: Reg,
    },
    SetPrivate {
        obj: Reg,
        name: Reg,
        src: Reg,
    },
    /// PrivateFieldAdd.
    DefinePrivateField {
        obj: Reg,
        name: Reg,
        src: Reg,
    },
    /// `#x in obj`.
    HasPrivate {
        dst: Reg,
        obj: Reg,
        name: Reg,
    },

    // ----- functions and classes ---------------------------------------------------------
    /// A closure over the current environment of nested function `func` (index into
    /// `CodeBlock::functions`).
    NewClosure {
        dst: Reg,
        func: ConstIdx,
    },
    /// ClassDefinitionEvaluation's core: `dst` = the constructor from nested function `ctor`,
    /// `dst + 1` = its prototype object; `heritage` holds the superclass when `derived`.
    NewClass {
        dst: Reg,
        ctor: ConstIdx,
        heritage: Reg,
        derived: bool,
    },
    /// Record the instance-fields initialiser `init` (a closure, called with the new object as
    /// `this` by InitializeInstanceElements) and private methods on constructor `ctor`.
    SetClassFieldInit {
        ctor: Reg,
        init: Reg,
    },
    /// Add private method/accessor `func` under private name `name` to the class's list of
    /// private methods (kind: 0 method, 1 getter, 2 setter); kinds 3, 4, 5 are the same for a
    /// static private method/getter/setter, added to `ctor` itself at once.
    AddPrivateMethod {
        ctor: Reg,
        name: Reg,
        func: Reg,
        kind: u8,
    },
    SetHomeObject {
        func: Reg,
        home: Reg,
    },
    /// SetFunctionName with a computed key (`prefix`: 0 none, 1 "get", 2 "set").
    SetFunctionName {
        func: Reg,
        name: Reg,
        prefix: u8,
    },

    // ----- calls -------------------------------------------------------------------------
    /// Call `callee` with `this` and the `argc` arguments in registers `args..args+argc`.
    Call {
        dst: Reg,
        callee: Reg,
        this: Reg,
        args: Reg,
        argc: u16,
    },
    /// A `Call` in tail position of strict code, always followed by `Return { src: dst }`:
    /// PrepareForTailCall (<https://tc39.es/ecma262/#sec-preparefortailcall>) replaces the
    /// running frame when the callee is an ECMAScript function and the frame is a plain call
    /// (not a constructor, generator or async activation); otherwise it is an ordinary call.
    TailCall {
        dst: Reg,
        callee: Reg,
        this: Reg,
        args: Reg,
        argc: u16,
    },
    /// Call with the arguments taken from the Array in register `args` (spread calls).
    CallSpread {
        dst: Reg,
        callee: Reg,
        this: Reg,
        args: Reg,
    },
    /// A call whose callee is the identifier `eval`: direct eval when `callee` is the realm's
    /// %eval%, else an ordinary call whose `this` is in `callee + 1` (undefined, or the object
    /// of a `with` binding).
    CallEval {
        dst: Reg,
        callee: Reg,
        args: Reg,
        argc: u16,
    },
    /// `CallEval` in tail position: when `callee` is not %eval% the ordinary call is a tail
    /// call (EvaluateCall with tailCall true); a direct eval never is.
    TailCallEval {
        dst: Reg,
        callee: Reg,
        args: Reg,
        argc: u16,
    },
    /// `CallEval` with the arguments in the Array in register `args` (`eval(...xs)` is a
    /// direct eval too).
    CallEvalSpread {
        dst: Reg,
        callee: Reg,
        args: Reg,
    },
    New {
        dst: Reg,
        callee: Reg,
        args: Reg,
        argc: u16,
    },
    NewSpread {
        dst: Reg,
        callee: Reg,
        args: Reg,
    },
    /// `super(...)`: `func` holds the active function (whose [[GetPrototypeOf]] is the
    /// parent constructor) and `func + 1` the `new.target` of its `this` environment.
    SuperCall {
        dst: Reg,
        args: Reg,
        argc: u16,
        func: Reg,
    },
    SuperCallSpread {
        dst: Reg,
        args: Reg,
        func: Reg,
    },
    /// `import(specifier, options)`.
    ImportCall {
        dst: Reg,
        specifier: Reg,
        options: Reg,
    },

    // ----- iteration ---------------------------------------------------------------------
    /// GetIterator: `dst` = iterator object, `dst + 1` = its `next` method.
    GetIterator {
        dst: Reg,
        src: Reg,
        is_async: bool,
    },
    /// IteratorStep on the iterator record at `iter`/`iter + 1`: the value into `dst`, or jump
    /// by `offset` when done.
    IteratorNext {
        dst: Reg,
        iter: Reg,
        offset: i32,
    },
    /// IteratorClose on a normal completion (calls `return`, checks it returns an object).
    IteratorClose {
        iter: Reg,
    },
    /// IteratorClose on a throw completion: calls `return`, ignores its result and errors.
    IteratorCloseQuiet {
        iter: Reg,
    },
    /// for-in: `dst` = an enumerator over the enumerable string keys of `obj` and its chain.
    ForInPrepare {
        dst: Reg,
        obj: Reg,
    },
    /// Next key of the enumerator in `iter` into `dst`, or jump by `offset` when exhausted.
    ForInNext {
        dst: Reg,
        iter: Reg,
        offset: i32,
    },

    // ----- generators and async ----------------------------------------------------------
    /// The initial suspension of a generator body: returns the generator object to the caller.
    GeneratorStart,
    /// Suspend with `src` as the yielded value; on resumption `dst` receives the sent value and
    /// `dst + 1` the resumption kind (0 next, 1 throw, 2 return) for the compiler to dispatch.
    Yield {
        dst: Reg,
        src: Reg,
    },
    /// Await: suspend until the promise resolved from `src` settles; `dst` receives the value
    /// (a rejection throws at this point).
    Await {
        dst: Reg,
        src: Reg,
    },
    /// Wrap `src` in an iterator result object `{ value, done }`.
    CreateIterResult {
        dst: Reg,
        src: Reg,
        done: bool,
    },

    // ----- added by the compiler ---------------------------------------------------------
    /// Read import `import` (index into the module record's imports): an indirect binding,
    /// ReferenceError while uninitialised.
    GetImport {
        dst: Reg,
        import: u32,
    },
    /// InitializeBinding of a script's top-level `let`/`const`/`class` in the realm's global
    /// declarative record (or, in eval code, of a name declared by `DeclareGlobals`).
    InitGlobalLexical {
        name: ConstIdx,
        src: Reg,
    },
    /// A new PrivateEnvironment (outer: the current one) with a fresh Private Name for each
    /// name of `ScopeDesc` constant `names`; closures capture the current one.
    PushPrivateEnv {
        names: ConstIdx,
    },
    PopPrivateEnv,
    /// The Private Name for description `name` (string constant) in the current private
    /// environment chain.
    ResolvePrivateName {
        dst: Reg,
        name: ConstIdx,
    },
    /// Record a field on class constructor `ctor` for InitializeInstanceElements: `key` is a
    /// property key or a Private Name, `init` a closure (called with the instance as `this`)
    /// or undefined.
    AddField {
        ctor: Reg,
        key: Reg,
        init: Reg,
    },
    /// TypeError unless `src` is an object (iterator results in `yield*`).
    RequireObject {
        src: Reg,
    },
    /// `yield*` in a sync generator: suspend yielding the inner iterator result object `src`
    /// as is (no re-wrapping); resumption as for `Yield`.
    YieldRaw {
        dst: Reg,
        src: Reg,
    },
    /// CreateMappedArgumentsObject: `dst` = an arguments object whose indexed elements alias
    /// the slots of the current environment listed by `ArgumentsMap` constant `map`.
    CreateMappedArguments {
        dst: Reg,
        map: ConstIdx,
    },

    // ----- explicit resource management --------------------------------------------------
    /// `dst` = a new DisposeCapability (<https://tc39.es/ecma262/#sec-newdisposecapability>)
    /// for a scope with `using` / `await using` declarations.
    NewDisposeCapability {
        dst: Reg,
    },
    /// AddDisposableResource(`stack`, `src`, sync-dispose or async-dispose)
    /// (<https://tc39.es/ecma262/#sec-adddisposableresource>).
    AddDisposableResource {
        stack: Reg,
        src: Reg,
        is_async: bool,
    },
    /// DisposeResources(`stack`, completion) for a scope being left: the completion is a throw
    /// of `value` when `kind` holds 1 (the finally-dispatch convention), else normal; a throw
    /// completion that results is thrown here (<https://tc39.es/ecma262/#sec-disposeresources>).
    DisposeResources {
        stack: Reg,
        kind: Reg,
        value: Reg,
    },
    /// The asynchronous DisposeResources: `dst` receives a promise of its outcome to `Await`,
    /// or `false` when the stack is empty (nothing to await).
    DisposeResourcesAsync {
        dst: Reg,
        stack: Reg,
        kind: Reg,
        value: Reg,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_stay_small() {
        // The interpreter's cache footprint depends on this; widen only with a reason.
        assert!(
            std::mem::size_of::<Insn>() <= 12,
            "{}",
            std::mem::size_of::<Insn>()
        );
    }
}
