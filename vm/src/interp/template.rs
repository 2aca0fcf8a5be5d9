//! Tagged templates: GetTemplateObject (<https://tc39.es/ecma262/#sec-gettemplateobject>).

use std::sync::Arc;

use gc_arena::Static;
use moat_bytecode::code::{CodeBlock, Constant};
use moat_bytecode::isa::ErrorKind;

use super::realm_extras::{extras_mut, TemplateEntry};
use super::{Res, Vm};
use crate::object::{Object, Property, PropertyDescriptor};
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

impl<'gc> Vm<'gc> {
    /// GetTemplateObject for the site in constant `idx` of `code`: the realm's cached object,
    /// or a new frozen array of the cooked strings with a frozen `raw` array.
    pub(crate) fn get_template_object(
        &mut self,
        code: &Arc<CodeBlock>,
        idx: u32,
    ) -> Res<'gc, Object<'gc>> {
        let realm = self.current_realm();
        let key = (Arc::as_ptr(code) as usize, idx);
        // 1-4. The realm's [[TemplateMap]] entry for this site.
        if let Some(e) = realm.0.extras.borrow().templates.get(&key) {
            return Ok(e.object);
        }
        let Some(Constant::TemplateSite { cooked, raw }) = code.constants.get(idx as usize) else {
            return Err(self.error(ErrorKind::SyntaxError, "internal error: bad template site"));
        };
        let (cooked, raw) = (Arc::clone(cooked), Arc::clone(raw));
        let bytes = (cooked.len() + raw.len()) * 48;
        if self.gcx.account.check(bytes).is_err() {
            return Err(self.error(ErrorKind::RangeError, "out of memory"));
        }
        let proto = realm.intrinsics().array_prototype;
        // 5-11. The arrays, their elements non-writable and non-configurable.
        let template = Object::new_array(self.gcx, Some(proto));
        let raw_obj = Object::new_array(self.gcx, Some(proto));
        let element = Attrs(Attrs::ENUMERABLE);
        for (i, c) in cooked.iter().enumerate() {
            let v = match c {
                Some(units) => Value::String(JsString::from_utf16(self.gcx, units.to_vec())),
                None => Value::Undefined,
            };
            template.put_data(self.gcx, PropertyKey::Index(i as u32), v, element);
        }
        for (i, r) in raw.iter().enumerate() {
            let v = Value::String(JsString::from_utf16(self.gcx, r.to_vec()));
            raw_obj.put_data(self.gcx, PropertyKey::Index(i as u32), v, element);
        }
        // 12-13. Freeze `raw`, define `template.raw`, freeze the template.
        self.freeze_array(raw_obj)?;
        let raw_key = self.interner.key_str(self.gcx, "raw");
        template.borrow_mut(self.gcx.mc).write_own(
            self.gcx,
            raw_key,
            Property::data(Value::Object(raw_obj), Attrs::NONE),
        );
        self.freeze_array(template)?;
        // 14-15. Remember it for the site.
        extras_mut(self.gcx, realm).templates.insert(
            key,
            TemplateEntry {
                code: Static(Arc::clone(code)),
                object: template,
            },
        );
        Ok(template)
    }

    /// SetIntegrityLevel(array, frozen) for an array whose elements are already frozen data
    /// properties: `length` becomes non-writable and the array non-extensible.
    fn freeze_array(&mut self, a: Object<'gc>) -> Res<'gc, ()> {
        let desc = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        if let Err(e) = a.define_own_property(self.gcx, self.gcx.length, desc) {
            return Err(self.error(e.kind, e.message));
        }
        a.prevent_extensions(self.gcx);
        Ok(())
    }
}
