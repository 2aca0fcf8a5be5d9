//! The abstract syntax tree produced by the parser, shaped after ESTree.
//!
//! Every node carries a [`Span`] (byte offsets into the source). Strings are
//! UTF-16 (`Box<[u16]>`) so lone surrogates survive; identifiers are [`Atom`]s
//! with escapes already decoded. Binding patterns and assignment targets share
//! one type, [`Pattern`]; the parser guarantees that [`Pattern::Member`] only
//! occurs in assignment positions.

pub use crate::atom::Atom;
pub use moat_lexer::Span;

// ---------------------------------------------------------------------------
// Programs
// ---------------------------------------------------------------------------

/// <https://tc39.es/ecma262/#prod-Script>
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// Directive prologue statements are kept as ordinary expression
    /// statements at the front of `body` (they produce completion values).
    pub body: Vec<Statement>,
    /// The whole script is strict code (via `ParseOptions::strict` or a
    /// `"use strict"` directive).
    pub strict: bool,
    /// The script's own directive prologue contains `"use strict"`.
    pub has_use_strict: bool,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-Module>. Module code is always strict.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub body: Vec<ModuleItem>,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-ModuleItem>
#[derive(Clone, Debug, PartialEq)]
pub enum ModuleItem {
    Statement(Statement),
    Import(Box<ImportDeclaration>),
    ExportNamed(Box<ExportNamedDeclaration>),
    ExportDefault(Box<ExportDefaultDeclaration>),
    ExportAll(Box<ExportAllDeclaration>),
}

// ---------------------------------------------------------------------------
// Shared leaves
// ---------------------------------------------------------------------------

/// An IdentifierName, IdentifierReference, BindingIdentifier, LabelIdentifier
/// or (without the `#`) a PrivateIdentifier. `name` has escapes decoded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identifier {
    pub name: Atom,
    pub span: Span,
}

/// A string literal; `value` is the cooked UTF-16 value.
#[derive(Clone, Debug, PartialEq)]
pub struct StringLiteral {
    pub value: Box<[u16]>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NumberLiteral {
    pub value: f64,
    pub span: Span,
}

/// A BigInt literal: source digits with the radix prefix kept (`0x1f`,
/// `123`), separators and the `n` suffix removed.
#[derive(Clone, Debug, PartialEq)]
pub struct BigIntLiteral {
    pub digits: Box<str>,
    pub span: Span,
}

/// A regular expression literal. The pattern has been validated by
/// `moat_regexp::validate`.
#[derive(Clone, Debug, PartialEq)]
pub struct RegExpLiteral {
    pub pattern: Box<str>,
    pub flags: Box<str>,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#sec-literals>
///
/// At most 24 bytes of payload, so that an [`Expression`] stays 32 bytes (the rare
/// regular expression literal, with two strings, is boxed).
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Null(Span),
    Boolean(bool, Span),
    Number(NumberLiteral),
    BigInt(BigIntLiteral),
    String(StringLiteral),
    RegExp(Box<RegExpLiteral>),
}

/// <https://tc39.es/ecma262/#prod-PropertyName> (plus ClassElementName's
/// PrivateIdentifier).
#[derive(Clone, Debug, PartialEq)]
pub enum PropertyKey {
    /// A literal IdentifierName key (any reserved word allowed).
    Identifier(Identifier),
    String(StringLiteral),
    Number(NumberLiteral),
    BigInt(BigIntLiteral),
    Computed(Box<Expression>),
    /// `#name`, stored without the `#` (classes only).
    PrivateName(Identifier),
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

/// <https://tc39.es/ecma262/#prod-Statement> and declarations.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    Expression(ExpressionStatement),
    Block(BlockStatement),
    Empty(Span),
    Debugger(Span),
    With(Box<WithStatement>),
    Return(ReturnStatement),
    Labeled(Box<LabeledStatement>),
    Break(BreakStatement),
    Continue(ContinueStatement),
    If(Box<IfStatement>),
    Switch(Box<SwitchStatement>),
    Throw(ThrowStatement),
    Try(Box<TryStatement>),
    While(Box<WhileStatement>),
    DoWhile(Box<DoWhileStatement>),
    For(Box<ForStatement>),
    ForIn(Box<ForInStatement>),
    ForOf(Box<ForOfStatement>),
    FunctionDeclaration(Box<Function>),
    ClassDeclaration(Box<Class>),
    VariableDeclaration(VariableDeclaration),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpressionStatement {
    pub expression: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BlockStatement {
    pub body: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WithStatement {
    pub object: Expression,
    pub body: Statement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ReturnStatement {
    pub argument: Option<Expression>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LabeledStatement {
    pub label: Identifier,
    pub body: Statement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BreakStatement {
    pub label: Option<Identifier>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ContinueStatement {
    pub label: Option<Identifier>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IfStatement {
    pub test: Expression,
    pub consequent: Statement,
    pub alternate: Option<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SwitchStatement {
    pub discriminant: Expression,
    pub cases: Vec<SwitchCase>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SwitchCase {
    /// `None` for `default:`.
    pub test: Option<Expression>,
    pub consequent: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ThrowStatement {
    pub argument: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TryStatement {
    pub block: BlockStatement,
    pub handler: Option<CatchClause>,
    pub finalizer: Option<BlockStatement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatchClause {
    /// `None` for `catch { }` (optional catch binding).
    pub param: Option<Pattern>,
    pub body: BlockStatement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WhileStatement {
    pub test: Expression,
    pub body: Statement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DoWhileStatement {
    pub body: Statement,
    pub test: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForStatement {
    pub init: Option<ForInit>,
    pub test: Option<Expression>,
    pub update: Option<Expression>,
    pub body: Statement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ForInit {
    VariableDeclaration(VariableDeclaration),
    Expression(Expression),
}

/// The left-hand side of `for-in` / `for-of`.
#[derive(Clone, Debug, PartialEq)]
pub enum ForHead {
    /// Exactly one declarator; it has an initialiser only for the Annex B
    /// form `for (var x = 1 in o)` (sloppy, `var`, simple binding).
    VariableDeclaration(VariableDeclaration),
    /// An assignment target (identifier, member, destructuring pattern, or in
    /// sloppy code a call expression, which throws a ReferenceError at run time).
    Pattern(Pattern),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForInStatement {
    pub left: ForHead,
    pub right: Expression,
    pub body: Statement,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForOfStatement {
    pub left: ForHead,
    pub right: Expression,
    pub body: Statement,
    /// `for await (... of ...)`
    pub is_await: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VariableKind {
    Var,
    Let,
    Const,
    Using,
    AwaitUsing,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariableDeclaration {
    pub kind: VariableKind,
    pub declarations: Vec<VariableDeclarator>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariableDeclarator {
    pub id: Pattern,
    pub init: Option<Expression>,
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Functions and classes
// ---------------------------------------------------------------------------

/// What sort of function a [`Function`] node is (syntactic position).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    /// Function declaration or expression (`function`, `function*`,
    /// `async function`, `async function*`).
    Normal,
    Arrow,
    /// Object literal or class method (incl. generator/async methods).
    Method,
    Getter,
    Setter,
    /// `constructor` of a class without `extends`.
    ClassConstructor,
    /// `constructor` of a class with `extends`.
    DerivedConstructor,
}

/// One node for every kind of function.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// The BindingIdentifier of declarations/expressions; `None` for
    /// anonymous functions, arrows and methods.
    pub id: Option<Identifier>,
    pub params: FormalParameters,
    pub body: FunctionBody,
    pub is_async: bool,
    pub is_generator: bool,
    pub kind: FunctionKind,
    /// Span of the whole function source text (used for
    /// `Function.prototype.toString`).
    pub span: Span,
}

impl Function {
    pub fn is_arrow(&self) -> bool {
        self.kind == FunctionKind::Arrow
    }
}

/// <https://tc39.es/ecma262/#prod-FormalParameters>
#[derive(Clone, Debug, PartialEq)]
pub struct FormalParameters {
    /// Parameters before the rest element; defaults are
    /// [`Pattern::Assignment`].
    pub items: Vec<Pattern>,
    pub rest: Option<Box<Pattern>>,
    /// IsSimpleParameterList: only plain identifiers, no defaults, no rest.
    pub is_simple: bool,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-FunctionBody>
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionBody {
    /// Directive prologue statements stay at the front as expression
    /// statements. An arrow's concise body `=> expr` is represented as a
    /// single `Statement::Return` with `is_expression = true`.
    pub statements: Vec<Statement>,
    /// The function's code is strict (inherited or by its own directive).
    pub strict: bool,
    /// The function's own directive prologue contains `"use strict"`.
    pub has_use_strict: bool,
    /// Arrow function with a concise (expression) body.
    pub is_expression: bool,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-ClassDeclaration>. Class code is strict.
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    pub id: Option<Identifier>,
    pub super_class: Option<Box<Expression>>,
    pub body: Vec<ClassElement>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodKind {
    Method,
    Get,
    Set,
    /// The class `constructor` (never static).
    Constructor,
}

/// <https://tc39.es/ecma262/#prod-ClassElement>. Empty `;` elements are
/// dropped.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassElement {
    Method {
        key: PropertyKey,
        kind: MethodKind,
        is_static: bool,
        value: Box<Function>,
        span: Span,
    },
    Field {
        key: PropertyKey,
        is_static: bool,
        value: Option<Box<Expression>>,
        span: Span,
    },
    StaticBlock {
        body: Vec<Statement>,
        span: Span,
    },
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/// <https://tc39.es/ecma262/#prod-Expression>
#[derive(Clone, Debug, PartialEq)]
pub enum Expression {
    This(Span),
    Identifier(Identifier),
    Literal(Literal),
    Template(Box<TemplateLiteral>),
    TaggedTemplate(Box<TaggedTemplateExpression>),
    Array(Box<ArrayExpression>),
    Object(Box<ObjectExpression>),
    /// A function expression (kind `Normal`).
    Function(Box<Function>),
    /// An arrow function (kind `Arrow`).
    Arrow(Box<Function>),
    Class(Box<Class>),
    Unary(Box<UnaryExpression>),
    Update(Box<UpdateExpression>),
    Binary(Box<BinaryExpression>),
    /// `#x in obj`
    PrivateIn(Box<PrivateInExpression>),
    Logical(Box<LogicalExpression>),
    Conditional(Box<ConditionalExpression>),
    Assignment(Box<AssignmentExpression>),
    Sequence(Box<SequenceExpression>),
    Member(Box<MemberExpression>),
    Call(Box<CallExpression>),
    /// Marks the extent of an optional chain `a?.b.c` (ESTree
    /// ChainExpression): short-circuiting stops here.
    OptionalChain(Box<OptionalChainExpression>),
    New(Box<NewExpression>),
    SuperMember(Box<SuperMemberExpression>),
    SuperCall(Box<SuperCallExpression>),
    NewTarget(Span),
    ImportMeta(Span),
    ImportCall(Box<ImportCallExpression>),
    Yield(Box<YieldExpression>),
    Await(Box<AwaitExpression>),
    /// `( expr )`, kept for assignment-target validity and named evaluation.
    Parenthesized(Box<ParenthesizedExpression>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TemplateElement {
    /// `None` when the element has an invalid escape (tagged templates only).
    pub cooked: Option<Box<[u16]>>,
    pub raw: Box<str>,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-TemplateLiteral>: `quasis.len() ==
/// expressions.len() + 1`.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateLiteral {
    pub quasis: Vec<TemplateElement>,
    pub expressions: Vec<Expression>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TaggedTemplateExpression {
    pub tag: Expression,
    pub quasi: TemplateLiteral,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SpreadElement {
    pub argument: Expression,
    pub span: Span,
}

/// An array literal element or a call argument.
#[derive(Clone, Debug, PartialEq)]
pub enum ArrayElement {
    /// An elision (`[a, , b]`); never occurs in argument lists.
    Hole(Span),
    Expression(Expression),
    Spread(SpreadElement),
}

/// A call/new argument.
#[derive(Clone, Debug, PartialEq)]
pub enum Argument {
    Expression(Expression),
    Spread(SpreadElement),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArrayExpression {
    pub elements: Vec<ArrayElement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectExpression {
    pub properties: Vec<ObjectProperty>,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-PropertyDefinition>
#[derive(Clone, Debug, PartialEq)]
pub enum ObjectProperty {
    /// `key: value` or shorthand `key` (then `value` is the identifier).
    /// A non-computed, non-shorthand `__proto__: v` sets the prototype: see
    /// [`ObjectProperty::is_proto_setter`].
    KeyValue {
        key: PropertyKey,
        value: Expression,
        shorthand: bool,
        span: Span,
    },
    /// A method, getter or setter (`kind` is never `Constructor`).
    Method {
        key: PropertyKey,
        kind: MethodKind,
        value: Box<Function>,
        span: Span,
    },
    Spread(SpreadElement),
}

impl ObjectProperty {
    /// `__proto__: v` (non-shorthand, non-computed): the property definition
    /// that sets [[Prototype]] (<https://tc39.es/ecma262/#sec-runtime-semantics-propertydefinitionevaluation>).
    pub fn is_proto_setter(&self) -> bool {
        match self {
            ObjectProperty::KeyValue {
                key,
                shorthand: false,
                ..
            } => key.is_static_name("__proto__"),
            _ => false,
        }
    }
}

impl PropertyKey {
    /// Whether this is a non-computed identifier or string key spelling `name`.
    pub fn is_static_name(&self, name: &str) -> bool {
        match self {
            PropertyKey::Identifier(id) => &*id.name == name,
            PropertyKey::String(s) => s.value.iter().copied().eq(name.encode_utf16()),
            _ => false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Minus,
    Plus,
    Not,
    BitNot,
    Typeof,
    Void,
    Delete,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnaryExpression {
    pub op: UnaryOp,
    pub argument: Expression,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UpdateOp {
    Increment,
    Decrement,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UpdateExpression {
    pub op: UpdateOp,
    pub prefix: bool,
    /// A simple assignment target: Identifier or Member/SuperMember (possibly
    /// parenthesised), or in sloppy code a Call (ReferenceError at run time).
    pub argument: Expression,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Eq,
    NotEq,
    StrictEq,
    StrictNotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    Shl,
    Shr,
    UShr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    BitOr,
    BitXor,
    BitAnd,
    In,
    Instanceof,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BinaryExpression {
    pub op: BinaryOp,
    pub left: Expression,
    pub right: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PrivateInExpression {
    /// The private name without `#`.
    pub name: Identifier,
    pub right: Expression,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicalOp {
    And,
    Or,
    Coalesce,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogicalExpression {
    pub op: LogicalOp,
    pub left: Expression,
    pub right: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConditionalExpression {
    pub test: Expression,
    pub consequent: Expression,
    pub alternate: Expression,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    Shl,
    Shr,
    UShr,
    BitOr,
    BitXor,
    BitAnd,
    And,
    Or,
    Coalesce,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssignmentExpression {
    pub op: AssignOp,
    /// For `=`: any assignment target including destructuring patterns.
    /// For compound operators: `Pattern::Identifier` or `Pattern::Member`.
    pub target: Pattern,
    pub value: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SequenceExpression {
    pub expressions: Vec<Expression>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum MemberProperty {
    /// `.name` (any IdentifierName).
    Identifier(Identifier),
    /// `[expr]`
    Computed(Expression),
    /// `.#name`, stored without `#`.
    PrivateName(Identifier),
}

#[derive(Clone, Debug, PartialEq)]
pub struct MemberExpression {
    pub object: Expression,
    pub property: MemberProperty,
    /// This link is `?.` (short-circuits to the enclosing OptionalChain).
    pub optional: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CallExpression {
    pub callee: Expression,
    pub arguments: Vec<Argument>,
    /// This link is `?.(...)`.
    pub optional: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionalChainExpression {
    pub expression: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewExpression {
    pub callee: Expression,
    /// Empty for `new X` without parentheses.
    pub arguments: Vec<Argument>,
    pub span: Span,
}

/// `super.x` / `super[x]` (property is never `PrivateName`).
#[derive(Clone, Debug, PartialEq)]
pub struct SuperMemberExpression {
    pub property: MemberProperty,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SuperCallExpression {
    pub arguments: Vec<Argument>,
    pub span: Span,
}

/// `import(source)` / `import(source, options)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportCallExpression {
    pub source: Expression,
    pub options: Option<Expression>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YieldExpression {
    pub argument: Option<Expression>,
    /// `yield*`
    pub delegate: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AwaitExpression {
    pub argument: Expression,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParenthesizedExpression {
    pub expression: Expression,
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Patterns (binding patterns and assignment targets)
// ---------------------------------------------------------------------------

/// A BindingPattern/BindingIdentifier or an assignment target.
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    Identifier(Identifier),
    /// Assignment targets only: a Member or SuperMember expression (with any
    /// parentheses removed), or in sloppy code a Call expression (Annex B
    /// web-compat: a ReferenceError at run time).
    Member(Box<Expression>),
    Object(Box<ObjectPattern>),
    Array(Box<ArrayPattern>),
    /// `target = default` (elements, properties and parameters only).
    Assignment(Box<AssignmentPattern>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ObjectPattern {
    pub properties: Vec<PatternProperty>,
    /// `...rest`: an identifier for bindings; any simple target for assignments.
    pub rest: Option<Box<Pattern>>,
    pub span: Span,
}

/// `key: value` or shorthand `key` / `key = default` (then `value` is the
/// identifier, or a `Pattern::Assignment` around it).
#[derive(Clone, Debug, PartialEq)]
pub struct PatternProperty {
    pub key: PropertyKey,
    pub value: Pattern,
    pub shorthand: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArrayPattern {
    /// `None` is an elision.
    pub elements: Vec<Option<Pattern>>,
    pub rest: Option<Box<Pattern>>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AssignmentPattern {
    pub target: Pattern,
    pub default: Expression,
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

/// <https://tc39.es/ecma262/#prod-ModuleExportName>
#[derive(Clone, Debug, PartialEq)]
pub enum ModuleExportName {
    Identifier(Identifier),
    String(StringLiteral),
}

/// `with { key: "value" }`
#[derive(Clone, Debug, PartialEq)]
pub struct ImportAttribute {
    pub key: ModuleExportName,
    pub value: StringLiteral,
    pub span: Span,
}

/// <https://tc39.es/ecma262/#prod-ImportDeclaration>
#[derive(Clone, Debug, PartialEq)]
pub struct ImportDeclaration {
    /// `import x from ...`
    pub default: Option<Identifier>,
    /// `import * as ns from ...`
    pub namespace: Option<Identifier>,
    /// `import { a, b as c } from ...`
    pub specifiers: Vec<ImportSpecifier>,
    pub source: StringLiteral,
    pub attributes: Vec<ImportAttribute>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportSpecifier {
    pub imported: ModuleExportName,
    pub local: Identifier,
    pub span: Span,
}

/// `export { ... }`, `export { ... } from "m"`, `export var/let/const/
/// function/class ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportNamedDeclaration {
    /// A declaration statement (variable, function or class); then
    /// `specifiers` is empty and `source` is `None`.
    pub declaration: Option<Statement>,
    pub specifiers: Vec<ExportSpecifier>,
    pub source: Option<StringLiteral>,
    pub attributes: Vec<ImportAttribute>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportSpecifier {
    /// Without `source` this is always an Identifier (a local binding).
    pub local: ModuleExportName,
    pub exported: ModuleExportName,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExportDefaultKind {
    /// `export default function [name]() {}` (declaration, maybe anonymous).
    Function(Box<Function>),
    /// `export default class [name] {}` (declaration, maybe anonymous).
    Class(Box<Class>),
    /// `export default AssignmentExpression;`
    Expression(Expression),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportDefaultDeclaration {
    pub kind: ExportDefaultKind,
    pub span: Span,
}

/// `export * from "m"` / `export * as ns from "m"`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportAllDeclaration {
    pub exported: Option<ModuleExportName>,
    pub source: StringLiteral,
    pub attributes: Vec<ImportAttribute>,
    pub span: Span,
}

// ---------------------------------------------------------------------------
// Span accessors
// ---------------------------------------------------------------------------

impl Literal {
    pub fn span(&self) -> Span {
        match self {
            Literal::Null(s) | Literal::Boolean(_, s) => *s,
            Literal::Number(n) => n.span,
            Literal::BigInt(b) => b.span,
            Literal::String(s) => s.span,
            Literal::RegExp(r) => r.span,
        }
    }
}

impl PropertyKey {
    pub fn span(&self) -> Span {
        match self {
            PropertyKey::Identifier(i) | PropertyKey::PrivateName(i) => i.span,
            PropertyKey::String(s) => s.span,
            PropertyKey::Number(n) => n.span,
            PropertyKey::BigInt(b) => b.span,
            PropertyKey::Computed(e) => e.span(),
        }
    }
}

impl ModuleExportName {
    pub fn span(&self) -> Span {
        match self {
            ModuleExportName::Identifier(i) => i.span,
            ModuleExportName::String(s) => s.span,
        }
    }
}

impl Expression {
    pub fn span(&self) -> Span {
        match self {
            Expression::This(s) | Expression::NewTarget(s) | Expression::ImportMeta(s) => *s,
            Expression::Identifier(i) => i.span,
            Expression::Literal(l) => l.span(),
            Expression::Template(t) => t.span,
            Expression::TaggedTemplate(t) => t.span,
            Expression::Array(a) => a.span,
            Expression::Object(o) => o.span,
            Expression::Function(f) | Expression::Arrow(f) => f.span,
            Expression::Class(c) => c.span,
            Expression::Unary(u) => u.span,
            Expression::Update(u) => u.span,
            Expression::Binary(b) => b.span,
            Expression::PrivateIn(p) => p.span,
            Expression::Logical(l) => l.span,
            Expression::Conditional(c) => c.span,
            Expression::Assignment(a) => a.span,
            Expression::Sequence(s) => s.span,
            Expression::Member(m) => m.span,
            Expression::Call(c) => c.span,
            Expression::OptionalChain(c) => c.span,
            Expression::New(n) => n.span,
            Expression::SuperMember(s) => s.span,
            Expression::SuperCall(s) => s.span,
            Expression::ImportCall(i) => i.span,
            Expression::Yield(y) => y.span,
            Expression::Await(a) => a.span,
            Expression::Parenthesized(p) => p.span,
        }
    }
}

impl Statement {
    pub fn span(&self) -> Span {
        match self {
            Statement::Expression(s) => s.span,
            Statement::Block(b) => b.span,
            Statement::Empty(s) | Statement::Debugger(s) => *s,
            Statement::With(w) => w.span,
            Statement::Return(r) => r.span,
            Statement::Labeled(l) => l.span,
            Statement::Break(b) => b.span,
            Statement::Continue(c) => c.span,
            Statement::If(i) => i.span,
            Statement::Switch(s) => s.span,
            Statement::Throw(t) => t.span,
            Statement::Try(t) => t.span,
            Statement::While(w) => w.span,
            Statement::DoWhile(d) => d.span,
            Statement::For(f) => f.span,
            Statement::ForIn(f) => f.span,
            Statement::ForOf(f) => f.span,
            Statement::FunctionDeclaration(f) => f.span,
            Statement::ClassDeclaration(c) => c.span,
            Statement::VariableDeclaration(v) => v.span,
        }
    }
}

impl Pattern {
    pub fn span(&self) -> Span {
        match self {
            Pattern::Identifier(i) => i.span,
            Pattern::Member(e) => e.span(),
            Pattern::Object(o) => o.span,
            Pattern::Array(a) => a.span,
            Pattern::Assignment(a) => a.span,
        }
    }
}

impl ModuleItem {
    pub fn span(&self) -> Span {
        match self {
            ModuleItem::Statement(s) => s.span(),
            ModuleItem::Import(i) => i.span,
            ModuleItem::ExportNamed(e) => e.span,
            ModuleItem::ExportDefault(e) => e.span,
            ModuleItem::ExportAll(e) => e.span,
        }
    }
}
