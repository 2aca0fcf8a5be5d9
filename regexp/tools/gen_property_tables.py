# Generates regexp/src/property_tables.rs from the property names used by
# test262 (test/built-ins/RegExp/property-escapes/generated), which enumerate
# every alias of the Unicode property files for the properties ECMA-262 admits.
import re, os, glob
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/test262/test/built-ins/RegExp/property-escapes/generated/')
pat = re.compile(r'\\[pP]\{([^}]*)\}')
def names(f):
    return sorted(set(pat.findall(open(f, encoding='utf-8').read())))
def camel(n):
    return ''.join(p[:1].upper() + p[1:].lower() for p in n.split('_') if p)
gc, sc, binp, strp = {}, {}, {}, {}
for f in sorted(glob.glob(D + '*.js')):
    base = os.path.basename(f)[:-3]
    ns = names(f)
    if base.startswith('General_Category_-_'):
        long = base[len('General_Category_-_'):]
        vals = set()
        for n in ns:
            vals.add(n.split('=', 1)[1] if '=' in n else n)
        gc[long] = vals
    elif base.startswith('Script_-_'):
        long = base[len('Script_-_'):]
        sc[long] = set(n.split('=', 1)[1] for n in ns)
    elif base.startswith('Script_Extensions_-_'):
        long = base[len('Script_Extensions_-_'):]
        assert set(n.split('=', 1)[1] for n in ns) == sc[long], long
    else:
        binp[base] = set(ns)
for f in sorted(glob.glob(D + 'strings/*.js')):
    base = os.path.basename(f)[:-3]
    if '-negative' in base: continue
    strp[base] = {base}
sc['Katakana_Or_Hiragana'] = {'Katakana_Or_Hiragana', 'Hrkt'}
def emit(enum, doc, table, tabname, fname_doc):
    out = []
    out.append(f'/// {doc}\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]\npub enum {enum} {{')
    for long in sorted(table):
        out.append(f'    /// `{long}`\n    {camel(long)},')
    out.append('}\n')
    out.append(f'impl {enum} {{\n    /// The long name of the property (value) in Unicode\'s alias files.\n    pub fn name(self) -> &\'static str {{\n        match self {{')
    for long in sorted(table):
        out.append(f'            {enum}::{camel(long)} => "{long}",')
    out.append('        }\n    }\n}\n')
    pairs = sorted((a, long) for long, als in table.items() for a in als)
    names_ = [a for a, _ in pairs]
    assert len(names_) == len(set(names_)), enum
    out.append(f'/// {fname_doc}, sorted by name for binary search.\npub(crate) static {tabname}: &[(&str, {enum})] = &[')
    for a, long in pairs:
        out.append(f'    ("{a}", {enum}::{camel(long)}),')
    out.append('];\n')
    return '\n'.join(out)
hdr = '''//! Unicode property names and values accepted by `\\p{…}` / `\\P{…}`:
//! <https://tc39.es/ecma262/#sec-runtime-semantics-unicodematchproperty-p> and
//! <https://tc39.es/ecma262/#sec-runtime-semantics-unicodematchpropertyvalue-p>.
//!
//! Generated (Unicode 17.0.0) from the names that test262's generated
//! property-escape tests exercise, which enumerate every alias of
//! `PropertyValueAliases.txt`/`PropertyAliases.txt` for the properties the
//! specification admits (plus `Katakana_Or_Hiragana`/`Hrkt`, a listed Script
//! value with no code points). Matching is exact: no loose matching.
//! Regenerate with `regexp/tools/gen_property_tables.py` rather than editing.

'''
s = hdr
s += emit('GeneralCategory', 'A `General_Category` value (including the grouping values such as `L`).', gc, 'GENERAL_CATEGORY_VALUES', 'Every `General_Category` value name and alias')
s += emit('Script', 'A `Script` (and `Script_Extensions`) value.', sc, 'SCRIPT_VALUES', 'Every `Script` value name and alias')
s += emit('BinaryProperty', 'A binary property of <https://tc39.es/ecma262/#table-binary-unicode-properties>.', binp, 'BINARY_PROPERTIES', 'Every binary property name and alias')
s += emit('StringProperty', 'A property of strings of <https://tc39.es/ecma262/#table-binary-unicode-properties-of-strings> (`v` mode only).', strp, 'STRING_PROPERTIES', 'Every property-of-strings name')
open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../src/property_tables.rs'), 'w').write(s)
print(len(gc), len(sc), len(binp), len(strp))
