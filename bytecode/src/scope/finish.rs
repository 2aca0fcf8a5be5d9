//! After the walk: what direct `eval` and `with` can see, which bindings must live in heap
//! environments, register and slot allocation, and each reference's [`Resolution`].

use super::walk::{BindingData, RefData, Walker};
use super::{
    ArgumentsObject, Binding, BindingKind, BindingLocation, BindingRef, DirectEvalSite, FunctionId,
    FunctionScopes, RefKind, Reference, Resolution, ScopeAnalysis, ScopeError, ScopeId, ScopeInfo,
    ScopeKind,
};

type R<T> = Result<T, ScopeError>;

fn is_synthetic(kind: BindingKind) -> bool {
    matches!(
        kind,
        BindingKind::This
            | BindingKind::NewTarget
            | BindingKind::ActiveFunction
            | BindingKind::Arguments
    )
}

/// Per-scope facts computed top-down (a parent's index is always below its children's).
struct Layout {
    /// Scopes from the root.
    depth: Vec<i64>,
    /// Depth of the innermost enclosing (or same) scope through which a name lookup can be
    /// intercepted at run time (`with`, or a var scope a sloppy eval may add to); -1 if none.
    barrier: Vec<i64>,
    /// Environments on the chain from the root to the scope inclusive.
    env_depth: Vec<u32>,
}

impl Walker<'_> {
    pub(super) fn finish(mut self) -> R<ScopeAnalysis> {
        self.mark_eval_visibility();
        let n = self.scopes.len();
        let mut layout = Layout {
            depth: vec![0; n],
            barrier: vec![-1; n],
            env_depth: vec![0; n],
        };
        for (i, s) in self.scopes.iter().enumerate() {
            let (parent_depth, parent_barrier) = match s.parent {
                Some(p) => (
                    layout.depth.get(p as usize).copied().unwrap_or(-1),
                    layout.barrier.get(p as usize).copied().unwrap_or(-1),
                ),
                None => (-1, -1),
            };
            let depth = parent_depth + 1;
            let barrier = if s.kind == ScopeKind::With || s.eval_may_add_vars {
                depth
            } else {
                parent_barrier
            };
            if let (Some(d), Some(b)) = (layout.depth.get_mut(i), layout.barrier.get_mut(i)) {
                *d = depth;
                *b = barrier;
            }
        }
        self.force_dynamic_fallbacks(&layout);
        self.force_mapped_parameters();
        if let Some(root) = self.scopes.first_mut() {
            if root.kind == ScopeKind::Module {
                for b in root.bindings.iter_mut() {
                    b.forced = true;
                }
            }
        }
        let alloc = self.allocate(&mut layout)?;
        self.build(&layout, alloc)
    }

    /// Every scope a direct eval can see keeps its bindings in environments; the `this`,
    /// `new.target`, active function and `arguments` of the nearest non-arrow function are
    /// visible too.
    fn mark_eval_visibility(&mut self) {
        let n = self.scopes.len();
        let mut visible = vec![false; n];
        let mut visited_with_receiver = vec![false; n];
        let sites: Vec<u32> = self.direct_evals.iter().map(|e| e.1).collect();
        for site in sites {
            let mut receiver_phase = true;
            let mut cur = Some(site);
            while let Some(s) = cur {
                let i = s as usize;
                let Some(scope) = self.scopes.get(i) else {
                    break;
                };
                // The walk from a scope on is the same whoever started it: stop at the first
                // scope already walked in the same phase.
                let seen = if receiver_phase {
                    visited_with_receiver.get_mut(i)
                } else {
                    visible.get_mut(i)
                };
                match seen {
                    Some(true) | None => break,
                    Some(flag) => *flag = true,
                }
                if let Some(v) = visible.get_mut(i) {
                    *v = true;
                }
                let parent = scope.parent;
                let func = scope.func;
                let function_scope_of = self
                    .funcs
                    .get(func as usize)
                    .filter(|f| f.function_scope == s)
                    .map(|f| f.is_arrow);
                if receiver_phase && scope.kind == ScopeKind::Function {
                    if let Some(is_arrow) = function_scope_of {
                        if let Some(scope) = self.scopes.get_mut(i) {
                            for b in scope.bindings.iter_mut() {
                                if is_synthetic(b.kind) {
                                    b.used = true;
                                }
                            }
                        }
                        if !is_arrow {
                            receiver_phase = false;
                        }
                    }
                }
                cur = parent;
            }
        }
        for (scope, vis) in self.scopes.iter_mut().zip(visible) {
            if vis {
                for b in scope.bindings.iter_mut() {
                    if !is_synthetic(b.kind) || b.used {
                        b.forced = true;
                    }
                }
            }
        }
    }

    /// A dynamic lookup may fall through to the static binding, which it finds by name in
    /// an environment.
    fn force_dynamic_fallbacks(&mut self, layout: &Layout) {
        let mut fallbacks = Vec::new();
        for r in &self.refs {
            if let Some((s, b)) = r.binding {
                if is_dynamic(r, layout, s) {
                    fallbacks.push((s, b));
                }
            }
        }
        for (s, b) in fallbacks {
            if let Some(bd) = self
                .scopes
                .get_mut(s as usize)
                .and_then(|sc| sc.bindings.get_mut(b as usize))
            {
                bd.forced = true;
            }
        }
    }

    /// A mapped arguments object aliases the parameters, which may outlive the frame.
    fn force_mapped_parameters(&mut self) {
        for f in &self.funcs {
            let Some(ab) = f.arguments_binding else {
                continue;
            };
            let Some(scope) = self.scopes.get_mut(f.function_scope as usize) else {
                continue;
            };
            let used = scope.bindings.get(ab as usize).is_some_and(|b| b.used);
            if used && !f.strict && f.simple_parameters {
                for b in scope.bindings.iter_mut() {
                    if b.kind == BindingKind::Parameter {
                        b.forced = true;
                    }
                }
            }
        }
    }

    /// Chooses each binding's location, each scope's environment, and the registers
    /// (sibling scopes of a function share registers).
    fn allocate(&self, layout: &mut Layout) -> R<Allocation> {
        let n = self.scopes.len();
        let mut locations: Vec<Vec<BindingLocation>> = Vec::with_capacity(n);
        let mut register_end = vec![0u32; n];
        let mut register_count = vec![0u32; self.funcs.len()];
        for (i, s) in self.scopes.iter().enumerate() {
            let base = match s.parent {
                Some(p)
                    if self
                        .scopes
                        .get(p as usize)
                        .is_some_and(|ps| ps.func == s.func) =>
                {
                    register_end.get(p as usize).copied().unwrap_or(0)
                }
                _ => 0,
            };
            let mut next_register = base;
            let mut next_slot: u32 = 0;
            let mut locs = Vec::with_capacity(s.bindings.len());
            for b in &s.bindings {
                let loc = match storage(b) {
                    Storage::ByName => BindingLocation::ByName,
                    Storage::Import(i) => BindingLocation::Import(i),
                    Storage::Unused => BindingLocation::Unused,
                    Storage::Environment => {
                        let slot =
                            u16::try_from(next_slot).map_err(|_| ScopeError::TooManySlots)?;
                        next_slot += 1;
                        BindingLocation::Slot(slot)
                    }
                    Storage::Register => {
                        let r = u16::try_from(next_register)
                            .map_err(|_| ScopeError::TooManyRegisters)?;
                        next_register += 1;
                        BindingLocation::Register(r)
                    }
                };
                locs.push(loc);
            }
            if let Some(e) = register_end.get_mut(i) {
                *e = next_register;
            }
            if let Some(c) = register_count.get_mut(s.func as usize) {
                *c = (*c).max(next_register);
            }
            let needs_env = next_slot > 0 || s.kind == ScopeKind::With || s.eval_may_add_vars;
            let parent_env = s
                .parent
                .and_then(|p| layout.env_depth.get(p as usize).copied())
                .unwrap_or(0);
            if let Some(e) = layout.env_depth.get_mut(i) {
                *e = parent_env + u32::from(needs_env);
            }
            locations.push(locs);
        }
        let register_count = register_count
            .into_iter()
            .map(|c| u16::try_from(c).map_err(|_| ScopeError::TooManyRegisters))
            .collect::<R<Vec<u16>>>()?;
        Ok(Allocation {
            locations,
            register_count,
        })
    }

    /// The resolution of one reference.
    fn resolve(&self, r: &RefData, layout: &Layout, alloc: &Allocation) -> R<Option<Resolution>> {
        let identifier = !matches!(
            r.key,
            Some((
                RefKind::This | RefKind::NewTarget | RefKind::ActiveFunction,
                _
            ))
        );
        let Some((bs, bi)) = r.binding else {
            let dynamic =
                self.root_dynamic || (identifier && !r.direct && barrier(layout, r.scope) >= 0);
            return Ok(if dynamic {
                Some(Resolution::Dynamic)
            } else if identifier {
                Some(Resolution::Global)
            } else {
                // `this` / `new.target` of the script or module itself.
                None
            });
        };
        if identifier && is_dynamic(r, layout, bs) {
            return Ok(Some(Resolution::Dynamic));
        }
        let Some(b) = self
            .scopes
            .get(bs as usize)
            .and_then(|s| s.bindings.get(bi as usize))
        else {
            return Ok(Some(Resolution::Global));
        };
        let location = alloc
            .locations
            .get(bs as usize)
            .and_then(|l| l.get(bi as usize))
            .copied()
            .unwrap_or(BindingLocation::Unused);
        let needs_tdz_check = !r.direct
            && b.tdz
            && (self.scopes.get(bs as usize).is_some_and(|s| s.always_tdz)
                || r.crossed_creation.unwrap_or(r.pos) < b.init_point);
        Ok(Some(match location {
            BindingLocation::Register(register) => Resolution::Local {
                register,
                needs_tdz_check,
            },
            BindingLocation::Slot(slot) => {
                let from = layout.env_depth.get(r.scope as usize).copied().unwrap_or(0);
                let to = layout.env_depth.get(bs as usize).copied().unwrap_or(0);
                let hops =
                    u16::try_from(from.saturating_sub(to)).map_err(|_| ScopeError::TooManySlots)?;
                Resolution::Environment {
                    hops,
                    slot,
                    needs_tdz_check,
                }
            }
            BindingLocation::Import(import) => Resolution::Module { import },
            BindingLocation::ByName if self.root_dynamic => Resolution::Dynamic,
            BindingLocation::ByName | BindingLocation::Unused => Resolution::Global,
        }))
    }

    fn build(self, layout: &Layout, alloc: Allocation) -> R<ScopeAnalysis> {
        let mut out = ScopeAnalysis {
            direct_eval_root: self.root_dynamic,
            ..ScopeAnalysis::default()
        };
        for r in &self.refs {
            let Some(key) = r.key else { continue };
            if let Some(resolution) = self.resolve(r, layout, &alloc)? {
                out.refs.insert(
                    key,
                    Reference {
                        resolution,
                        binding: r.binding.map(|(s, i)| BindingRef {
                            scope: ScopeId(s),
                            index: i,
                        }),
                        is_declaration: r.direct,
                    },
                );
            }
        }
        for &(start, r) in &self.annex_b {
            if let Some(rd) = self.refs.get(r) {
                if let Some(res) = self.resolve(rd, layout, &alloc)? {
                    out.annex_b.insert(start, res);
                }
            }
        }
        for &(call, scope, function, strict) in &self.direct_evals {
            out.direct_evals.insert(
                call,
                DirectEvalSite {
                    scope: ScopeId(scope),
                    function: FunctionId(function),
                    strict,
                },
            );
        }
        for (i, (s, locs)) in self.scopes.iter().zip(&alloc.locations).enumerate() {
            let bindings: Vec<Binding> = s
                .bindings
                .iter()
                .zip(locs)
                .map(|(b, &location)| Binding {
                    name: b.name.into(),
                    kind: b.kind,
                    location,
                    starts_uninitialized: b.tdz,
                    init_from_parameter: b.init_from_parameter,
                    annex_b: b.annex_b,
                })
                .collect();
            let slot_count = bindings
                .iter()
                .filter(|b| matches!(b.location, BindingLocation::Slot(_)))
                .count();
            let slot_count = u16::try_from(slot_count).map_err(|_| ScopeError::TooManySlots)?;
            // A scope a sloppy eval adds `var`s to needs a record to hold them.
            let needs_environment =
                slot_count > 0 || s.kind == ScopeKind::With || s.eval_may_add_vars;
            out.scope_nodes
                .entry((s.kind, s.node_start))
                .or_insert(ScopeId(i as u32));
            out.scopes.push(ScopeInfo {
                kind: s.kind,
                node_start: s.node_start,
                parent: s.parent.map(ScopeId),
                function: FunctionId(s.func),
                strict: s.strict,
                bindings,
                needs_environment,
                slot_count,
                per_iteration_copy: s.per_iteration_candidate && needs_environment,
                hoisted_functions: s.hoisted_functions.clone(),
                eval_may_add_vars: s.eval_may_add_vars,
            });
        }
        for (i, f) in self.funcs.iter().enumerate() {
            let function_scope = out.scopes.get(f.function_scope as usize);
            let arguments_used = f.arguments_binding.is_some_and(|b| {
                function_scope
                    .and_then(|s| s.bindings.get(b as usize))
                    .is_some_and(|b| b.location != BindingLocation::Unused)
            });
            let arguments = if !arguments_used {
                ArgumentsObject::None
            } else if f.strict || !f.simple_parameters {
                ArgumentsObject::Unmapped
            } else {
                ArgumentsObject::Mapped
            };
            let this_in_environment = function_scope.is_some_and(|s| {
                s.bindings.iter().any(|b| {
                    b.kind == BindingKind::This && matches!(b.location, BindingLocation::Slot(_))
                })
            });
            if i > 0 {
                out.function_nodes
                    .entry(f.node_start)
                    .or_insert(FunctionId(i as u32));
            }
            out.functions.push(FunctionScopes {
                kind: f.kind,
                node_start: f.node_start,
                parent: f.parent.map(FunctionId),
                strict: f.strict,
                is_arrow: f.is_arrow,
                register_count: alloc.register_count.get(i).copied().unwrap_or(0),
                scopes: f.scopes.iter().map(|&s| ScopeId(s)).collect(),
                function_scope: ScopeId(f.function_scope),
                var_scope: ScopeId(f.var_scope),
                name_scope: f.name_scope.map(ScopeId),
                has_parameter_expressions: f.has_parameter_expressions,
                has_duplicate_parameters: f.has_duplicate_parameters,
                arguments,
                has_direct_eval: f.has_direct_eval,
                has_sloppy_direct_eval: f.has_sloppy_direct_eval,
                contains_with: f.contains_with,
                this_in_environment,
            });
        }
        out.imports = self.imports;
        Ok(out)
    }
}

struct Allocation {
    locations: Vec<Vec<BindingLocation>>,
    register_count: Vec<u16>,
}

enum Storage {
    ByName,
    Import(u32),
    Unused,
    Environment,
    Register,
}

/// Where a binding must live, from what the walk and the passes above found.
fn storage(b: &BindingData<'_>) -> Storage {
    if b.by_name {
        Storage::ByName
    } else if let Some(i) = b.import {
        Storage::Import(i)
    } else if b.captured || b.forced {
        Storage::Environment
    } else if (is_synthetic(b.kind) || b.kind == BindingKind::FunctionName) && !b.used {
        Storage::Unused
    } else {
        Storage::Register
    }
}

fn barrier(layout: &Layout, scope: u32) -> i64 {
    layout.barrier.get(scope as usize).copied().unwrap_or(-1)
}

/// A `with` or an eval-extended var scope lies between the reference and its binding.
fn is_dynamic(r: &RefData, layout: &Layout, binding_scope: u32) -> bool {
    let identifier = matches!(r.key, Some((RefKind::Identifier, _)));
    identifier
        && !r.direct
        && barrier(layout, r.scope)
            > layout
                .depth
                .get(binding_scope as usize)
                .copied()
                .unwrap_or(0)
}
