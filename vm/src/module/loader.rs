//! The host side of module loading (HostLoadImportedModule,
//! <https://tc39.es/ecma262/#sec-HostLoadImportedModule>): the embedder's [`ModuleLoader`]
//! turns (referrer, specifier) into a key and a key into source text; [`HostGraph`] holds every
//! module the context has loaded, compiled once per (key, type), outside the heap. A graph is
//! loaded iteratively (a worklist), so a huge or cyclic import graph costs only memory the host
//! owns, and each module is read and compiled once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gc_arena::Collect;
use moat_bytecode::code::{CodeBlock, Constant};
use moat_bytecode::isa::ErrorKind;

/// The embedder's module loading hook.
pub trait ModuleLoader {
    /// Resolve `specifier` imported by `referrer` (a module's key, a script's file name, or
    /// `None` for the host's own request) to a key naming the module.
    fn resolve(&self, referrer: Option<&str>, specifier: &str) -> Result<String, String>;
    /// The source text of the module named `key`.
    fn load(&self, key: &str) -> Result<String, String>;
}

/// Resolves specifiers relative to the referrer's directory (`./x.js`, `../y.mjs`, absolute
/// paths); bare specifiers are refused. Reads files as UTF-8.
#[derive(Clone, Debug, Default)]
pub struct FsLoader {
    /// The directory relative keys are read from (and a request without a referrer resolves
    /// against); the current directory when `None`.
    pub root: Option<PathBuf>,
}

impl ModuleLoader for FsLoader {
    fn resolve(&self, referrer: Option<&str>, specifier: &str) -> Result<String, String> {
        let relative = specifier.starts_with("./") || specifier.starts_with("../");
        if !relative && !specifier.starts_with('/') {
            return Err(format!("Cannot resolve module specifier '{specifier}'"));
        }
        let dir = match referrer {
            Some(r) => Path::new(r)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            None => PathBuf::new(),
        };
        Ok(normalize(&dir.join(specifier)))
    }

    fn load(&self, key: &str) -> Result<String, String> {
        let path = match &self.root {
            Some(r) => r.join(key),
            None => PathBuf::from(key),
        };
        std::fs::read_to_string(path).map_err(|e| format!("Cannot load module '{key}': {e}"))
    }
}

/// `a/./b/../c` -> `a/c`, textually (no file-system access, so keys are stable).
fn normalize(p: &Path) -> String {
    use std::path::Component;
    let mut out: Vec<Component<'_>> = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    out.iter()
        .collect::<PathBuf>()
        .to_string_lossy()
        .into_owned()
}

/// A module's identity in a module map: the loader's key and the `type` import attribute
/// (a JSON module and a JavaScript module of the same file are different modules).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Collect)]
#[collect(require_static)]
pub struct ModuleKey(pub Arc<str>, pub Option<Arc<str>>);

/// What a key loaded as.
#[derive(Clone, Debug)]
pub enum LoadedSource {
    SourceText(Arc<CodeBlock>),
    /// A JSON module's source text, parsed when its record is created.
    Json(Arc<str>),
}

/// A loaded module and its requests, each resolved (or the error resolving or loading it).
#[derive(Clone, Debug)]
pub struct HostNode {
    pub source: LoadedSource,
    pub requests: Vec<Result<ModuleKey, (ErrorKind, String)>>,
}

/// Loading a module graph would exceed the context's budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverBudget;

/// Every module a context has loaded.
#[derive(Default)]
pub struct HostGraph {
    pub nodes: HashMap<ModuleKey, Result<HostNode, (ErrorKind, String)>>,
}

/// The `type` attribute of a request, or the error for an unsupported attribute or type
/// (AllImportAttributesSupported: only `type` is supported, with the value `json`).
pub fn request_type(attributes: &[(String, String)]) -> Result<Option<Arc<str>>, String> {
    let mut ty = None;
    for (k, v) in attributes {
        if k != "type" {
            return Err(format!("Unsupported import attribute '{k}'"));
        }
        if v != "json" {
            return Err(format!("Unsupported module type '{v}'"));
        }
        ty = Some(Arc::from(v.as_str()));
    }
    Ok(ty)
}

impl HostGraph {
    /// Put `source` in the graph as the module `key` (a host-supplied root).
    pub fn insert_source(&mut self, key: &str, source: &str) {
        let k = ModuleKey(Arc::from(key), None);
        let node = compile_node(key, source);
        self.nodes.insert(k, node);
    }

    /// Resolve a request of `referrer` with the loader.
    pub fn resolve(
        loader: Option<&dyn ModuleLoader>,
        referrer: Option<&str>,
        specifier: &str,
        ty: Option<Arc<str>>,
    ) -> Result<ModuleKey, (ErrorKind, String)> {
        let Some(loader) = loader else {
            return Err((
                ErrorKind::TypeError,
                format!("Cannot import '{specifier}': the host has no module loader"),
            ));
        };
        loader
            .resolve(referrer, specifier)
            .map(|k| ModuleKey(Arc::from(k), ty))
            .map_err(|e| (ErrorKind::TypeError, e))
    }

    /// Load `root` and everything it imports that is not loaded yet (iteratively), charging
    /// each module (its source and an estimate of its compiled code) to `budget` bytes; `Err`
    /// when the budget is exceeded.
    pub fn load_graph(
        &mut self,
        loader: Option<&dyn ModuleLoader>,
        root: &ModuleKey,
        budget: &mut usize,
    ) -> Result<(), OverBudget> {
        let mut work = vec![root.clone()];
        while let Some(key) = work.pop() {
            if self.nodes.contains_key(&key) {
                continue;
            }
            let node = match loader {
                None => Err((ErrorKind::TypeError, "no module loader".to_string())),
                Some(l) => match l.load(&key.0) {
                    Err(e) => Err((ErrorKind::TypeError, e)),
                    Ok(src) => {
                        // The compiled code is several times the source: charge for it too.
                        let cost = src.len().saturating_mul(8).saturating_add(1024);
                        if cost > *budget {
                            return Err(OverBudget);
                        }
                        *budget -= cost;
                        if key.1.is_some() {
                            Ok(HostNode {
                                source: LoadedSource::Json(Arc::from(src.as_str())),
                                requests: Vec::new(),
                            })
                        } else {
                            compile_node(&key.0, &src)
                        }
                    }
                },
            };
            let node = node.map(|mut n| {
                if let LoadedSource::SourceText(code) = &n.source {
                    n.requests = requests_of(loader, &key.0, code);
                }
                n
            });
            if let Ok(n) = &node {
                for t in n.requests.iter().flatten() {
                    if !self.nodes.contains_key(t) {
                        work.push(t.clone());
                    }
                }
            }
            self.nodes.insert(key, node);
        }
        Ok(())
    }

    /// Resolve the requests of host-inserted roots (which had no loader pass yet) and load their
    /// graphs.
    pub fn load_from(
        &mut self,
        loader: Option<&dyn ModuleLoader>,
        root: &ModuleKey,
        budget: &mut usize,
    ) -> Result<(), OverBudget> {
        let targets: Vec<ModuleKey> = match self.nodes.get_mut(root) {
            Some(Ok(n)) => {
                if let LoadedSource::SourceText(code) = &n.source {
                    if n.requests.is_empty() {
                        n.requests = requests_of(loader, &root.0, code);
                    }
                }
                n.requests.iter().flatten().cloned().collect()
            }
            Some(Err(_)) => return Ok(()),
            None => return self.load_graph(loader, root, budget),
        };
        for t in targets {
            self.load_graph(loader, &t, budget)?;
        }
        Ok(())
    }
}

fn requests_of(
    loader: Option<&dyn ModuleLoader>,
    referrer: &str,
    code: &CodeBlock,
) -> Vec<Result<ModuleKey, (ErrorKind, String)>> {
    let Some(Constant::Module(desc)) = code.constants.first() else {
        return Vec::new();
    };
    desc.requests
        .iter()
        .zip(&desc.request_attributes)
        .map(|(spec, attrs)| {
            let spec = String::from_utf16_lossy(spec);
            let attrs: Vec<(String, String)> = attrs
                .iter()
                .map(|(k, v)| (String::from_utf16_lossy(k), String::from_utf16_lossy(v)))
                .collect();
            let ty = request_type(&attrs).map_err(|e| (ErrorKind::SyntaxError, e))?;
            HostGraph::resolve(loader, Some(referrer), &spec, ty)
        })
        .collect()
}

fn compile_node(key: &str, source: &str) -> Result<HostNode, (ErrorKind, String)> {
    let ast =
        moat_parser::parse_module(source, moat_parser::ParseOptions::default()).map_err(|e| {
            (
                ErrorKind::SyntaxError,
                format!("{} ({key}:{}:{})", e.message, e.line, e.column),
            )
        })?;
    let code = moat_bytecode::compile_module(&ast, source, key)
        .map_err(|e| (ErrorKind::SyntaxError, e.message.to_string()))?;
    Ok(HostNode {
        source: LoadedSource::SourceText(code),
        requests: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fs_loader_resolves_relative_to_the_referrer() {
        let l = FsLoader::default();
        assert_eq!(
            l.resolve(Some("/a/b/main.mjs"), "./c/../d.js").unwrap(),
            "/a/b/d.js"
        );
        assert_eq!(
            l.resolve(Some("/a/b/main.mjs"), "../x.js").unwrap(),
            "/a/x.js"
        );
        assert!(l.resolve(Some("/a/b/main.mjs"), "bare").is_err());
    }

    #[test]
    fn only_the_json_type_is_supported() {
        assert_eq!(request_type(&[]).unwrap(), None);
        assert!(request_type(&[("type".into(), "json".into())])
            .unwrap()
            .is_some());
        assert!(request_type(&[("type".into(), "css".into())]).is_err());
        assert!(request_type(&[("other".into(), "json".into())]).is_err());
    }
}
