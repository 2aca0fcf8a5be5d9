//! Unit tests of the object model: storage, key order and the internal methods.

use gc_arena::{Arena, Collect, Gc, Rootable, Static};
use std::rc::Rc;

use crate::heap::{Account, Gcx};
use crate::intern::Interner;
use crate::object::{Elements, Lookup, Object, ObjectKind, PropertyDescriptor, SetOutcome, Slot};
use crate::shape::{Attrs, Shape};
use crate::string::JsString;
use crate::value::{PropertyKey, Symbol, Value};

#[derive(Collect)]
#[collect(no_drop)]
struct TestRoot<'gc> {
    account: Gc<'gc, Static<Rc<Account>>>,
    shape: Shape<'gc>,
}

fn with_heap(f: impl for<'gc> FnOnce(Gcx<'gc>, &mut Interner<'gc>)) {
    let arena = Arena::<Rootable![TestRoot<'_>]>::new(|mc| {
        let acc = Account::new(1 << 30);
        let shape = Shape::root(mc, &acc);
        TestRoot {
            account: Gc::new(mc, Static(acc)),
            shape,
        }
    });
    arena.mutate(|mc, root| {
        let mut interner = Interner::default();
        let gcx0 = Gcx {
            mc,
            account: root.account,
            empty_shape: root.shape,
            length: PropertyKey::Index(u32::MAX),
        };
        let length = interner.key_str(gcx0, "length");
        let gcx = Gcx { length, ..gcx0 };
        f(gcx, &mut interner)
    });
}

fn num(v: Value<'_>) -> f64 {
    match v {
        Value::Number(n) => n,
        _ => f64::NAN,
    }
}

#[test]
fn own_keys_follow_ordinary_order() {
    with_heap(|gcx, i| {
        let o = Object::new(gcx, None, ObjectKind::Ordinary);
        let sym = PropertyKey::Symbol(Symbol::new(gcx, None));
        let (b, a) = (i.key_str(gcx, "b"), i.key_str(gcx, "a"));
        for k in [b, PropertyKey::Index(2), sym, a, PropertyKey::Index(0)] {
            o.put_data(gcx, k, Value::Null, Attrs::DEFAULT);
        }
        assert_eq!(
            o.own_property_keys(gcx),
            vec![PropertyKey::Index(0), PropertyKey::Index(2), b, a, sym]
        );
    });
}

#[test]
fn objects_built_alike_share_shapes_and_deletion_goes_to_dictionary() {
    with_heap(|gcx, i| {
        let (x, y) = (i.key_str(gcx, "x"), i.key_str(gcx, "y"));
        let mk = || {
            let o = Object::new(gcx, None, ObjectKind::Ordinary);
            o.put_data(gcx, x, Value::Number(1.0), Attrs::DEFAULT);
            o.put_data(gcx, y, Value::Number(2.0), Attrs::DEFAULT);
            o
        };
        let (p, q) = (mk(), mk());
        let shape = |o: Object<'_>| match &o.borrow().props {
            crate::object::Props::Shaped { shape, .. } => Some(Gc::as_ptr(shape.0) as usize),
            crate::object::Props::Dict(_) => None,
        };
        assert!(matches!((shape(p), shape(q)), (Some(a), Some(b)) if a == b));
        assert!(p.delete(gcx, x));
        assert!(shape(p).is_none());
        assert_eq!(p.own_property_keys(gcx), vec![y]);
        assert!(matches!(p.get(gcx, y), Lookup::Value(v) if num(v) == 2.0));
        assert!(matches!(p.get(gcx, x), Lookup::Value(Value::Undefined)));
    });
}

#[test]
fn array_length_tracks_indices_and_truncates() {
    with_heap(array_length_body);
}

fn array_length_body<'gc>(gcx: Gcx<'gc>, _: &mut Interner<'gc>) {
    {
        let a = Object::new_array(gcx, None);
        let d = |v| PropertyDescriptor::data(Value::Number(v), Attrs::DEFAULT);
        assert_eq!(
            a.define_own_property(gcx, PropertyKey::Index(5), d(1.0)),
            Ok(true)
        );
        let len = |a: Object<'gc>| match a.get(gcx, gcx.length) {
            Lookup::Value(v) => num(v),
            Lookup::Getter(_) => f64::NAN,
        };
        assert_eq!(len(a), 6.0);
        let set_len = |n: f64| PropertyDescriptor {
            value: Some(Value::Number(n)),
            ..Default::default()
        };
        assert_eq!(
            a.define_own_property(gcx, gcx.length, set_len(2.0)),
            Ok(true)
        );
        assert_eq!(len(a), 2.0);
        assert!(a.get_own_property(gcx, PropertyKey::Index(5)).is_none());
        // Invalid lengths are RangeErrors.
        assert!(a
            .define_own_property(gcx, gcx.length, set_len(-1.0))
            .is_err());
        assert!(a
            .define_own_property(gcx, gcx.length, set_len(1.5))
            .is_err());
        // A non-configurable element stops truncation just above itself.
        let fixed = PropertyDescriptor::data(Value::Null, Attrs(Attrs::WRITABLE));
        assert_eq!(
            a.define_own_property(gcx, PropertyKey::Index(1), fixed),
            Ok(true)
        );
        assert_eq!(
            a.define_own_property(gcx, gcx.length, set_len(0.0)),
            Ok(false)
        );
        assert_eq!(len(a), 2.0);
        // A non-writable length refuses growth.
        let freeze_len = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert_eq!(a.define_own_property(gcx, gcx.length, freeze_len), Ok(true));
        assert_eq!(
            a.define_own_property(gcx, PropertyKey::Index(7), d(0.0)),
            Ok(false)
        );
        assert_eq!(
            a.own_property_keys(gcx),
            vec![PropertyKey::Index(1), gcx.length]
        );
    }
}

#[test]
fn far_indices_go_sparse_and_stay_ordered() {
    with_heap(|gcx, _| {
        let a = Object::new_array(gcx, None);
        a.put_data(
            gcx,
            PropertyKey::Index(1_000_000_000),
            Value::Null,
            Attrs::DEFAULT,
        );
        a.put_data(gcx, PropertyKey::Index(3), Value::Null, Attrs::DEFAULT);
        assert!(matches!(a.borrow().elements, Elements::Sparse(_)));
        assert_eq!(
            a.own_property_keys(gcx),
            vec![
                PropertyKey::Index(3),
                PropertyKey::Index(1_000_000_000),
                gcx.length
            ]
        );
        // The account saw a small object, not a billion-slot vector.
        assert!(gcx.account.used() < 1 << 20);
    });
}

#[test]
fn validate_and_apply_guards_non_configurable_properties() {
    with_heap(|gcx, i| {
        let o = Object::new(gcx, None, ObjectKind::Ordinary);
        let k = i.key_str(gcx, "k");
        let frozen = PropertyDescriptor::data(Value::Number(1.0), Attrs::NONE);
        assert_eq!(o.define_own_property(gcx, k, frozen), Ok(true));
        let same = PropertyDescriptor {
            value: Some(Value::Number(1.0)),
            ..Default::default()
        };
        assert_eq!(o.define_own_property(gcx, k, same), Ok(true));
        let other = PropertyDescriptor {
            value: Some(Value::Number(2.0)),
            ..Default::default()
        };
        assert_eq!(o.define_own_property(gcx, k, other), Ok(false));
        let nan_vs_zero = PropertyDescriptor {
            value: Some(Value::Number(-0.0)),
            ..Default::default()
        };
        assert_eq!(o.define_own_property(gcx, k, nan_vs_zero), Ok(false));
        let reconfigure = PropertyDescriptor {
            configurable: Some(true),
            ..Default::default()
        };
        assert_eq!(o.define_own_property(gcx, k, reconfigure), Ok(false));
        assert!(!o.delete(gcx, k));
        // Non-extensible objects take no new properties.
        o.prevent_extensions(gcx);
        let j = i.key_str(gcx, "j");
        assert_eq!(
            o.define_own_property(
                gcx,
                j,
                PropertyDescriptor::data(Value::Null, Attrs::DEFAULT)
            ),
            Ok(false)
        );
    });
}

#[test]
fn set_finds_setters_and_read_only_properties_on_the_chain() {
    with_heap(|gcx, i| {
        let proto = Object::new(gcx, None, ObjectKind::Ordinary);
        let setter = Object::new(gcx, None, ObjectKind::Ordinary);
        let (acc, ro) = (i.key_str(gcx, "acc"), i.key_str(gcx, "ro"));
        proto.borrow_mut(gcx.mc).write_own(
            gcx,
            acc,
            crate::object::Property {
                slot: Slot::Accessor {
                    get: None,
                    set: Some(setter),
                },
                attrs: Attrs(Attrs::CONFIGURABLE),
            },
        );
        proto.put_data(gcx, ro, Value::Null, Attrs::NONE);
        let o = Object::new(gcx, Some(proto), ObjectKind::Ordinary);
        assert!(
            matches!(o.set(gcx, acc, Value::Null, Value::Object(o)), Ok(SetOutcome::CallSetter(s)) if s.ptr_eq(setter))
        );
        assert!(matches!(
            o.set(gcx, ro, Value::Null, Value::Object(o)),
            Ok(SetOutcome::Done(false))
        ));
        let fresh = i.key_str(gcx, "fresh");
        assert!(matches!(
            o.set(gcx, fresh, Value::Boolean(true), Value::Object(o)),
            Ok(SetOutcome::Done(true))
        ));
        assert!(o.get_own_property(gcx, fresh).is_some());
        assert!(proto.get_own_property(gcx, fresh).is_none());
    });
}

/// `[[Set]]` of an array's `length` to an object leaves ArraySetLength's conversions to the
/// caller (they run script); a non-writable length refuses before any conversion.
#[test]
fn set_of_array_length_to_an_object_asks_the_caller_to_convert() {
    with_heap(|gcx, _| {
        let a = Object::new_array(gcx, None);
        let obj = Value::Object(Object::new(gcx, None, ObjectKind::Ordinary));
        assert!(
            matches!(a.set(gcx, gcx.length, obj, Value::Object(a)), Ok(SetOutcome::ArrayLength(r)) if r.ptr_eq(a))
        );
        // Through an ordinary object on the receiver's behalf (Reflect.set with a receiver).
        let plain = Object::new(gcx, None, ObjectKind::Ordinary);
        assert!(
            matches!(plain.set(gcx, gcx.length, obj, Value::Object(a)), Ok(SetOutcome::ArrayLength(r)) if r.ptr_eq(a))
        );
        let frozen = PropertyDescriptor {
            writable: Some(false),
            ..Default::default()
        };
        assert_eq!(a.define_own_property(gcx, gcx.length, frozen), Ok(true));
        assert!(matches!(
            a.set(gcx, gcx.length, obj, Value::Object(a)),
            Ok(SetOutcome::Done(false))
        ));
    });
}

#[test]
fn prototype_cycles_are_refused() {
    with_heap(|gcx, _| {
        let a = Object::new(gcx, None, ObjectKind::Ordinary);
        let b = Object::new(gcx, Some(a), ObjectKind::Ordinary);
        assert!(!a.set_prototype_of(gcx, Some(b)));
        assert!(a.set_prototype_of(gcx, None));
        a.prevent_extensions(gcx);
        assert!(!a.set_prototype_of(gcx, Some(b)));
    });
}

#[test]
fn string_wrappers_expose_indices_and_length() {
    with_heap(|gcx, i| {
        let s = JsString::from_str(gcx, "ab");
        let o = Object::new(gcx, None, ObjectKind::String(s));
        let extra = i.key_str(gcx, "extra");
        o.put_data(gcx, extra, Value::Null, Attrs::DEFAULT);
        assert_eq!(
            o.own_property_keys(gcx),
            vec![
                PropertyKey::Index(0),
                PropertyKey::Index(1),
                gcx.length,
                extra
            ]
        );
        let p = o.get_own_property(gcx, PropertyKey::Index(1));
        assert!(
            matches!(p, Some(p) if matches!(p.slot, Slot::Data(Value::String(c)) if c.to_std_string(gcx) == "b"))
        );
        // The fixed properties cannot change.
        let d = PropertyDescriptor {
            value: Some(Value::Null),
            ..Default::default()
        };
        assert_eq!(
            o.define_own_property(gcx, PropertyKey::Index(0), d),
            Ok(false)
        );
        assert!(!o.delete(gcx, gcx.length));
    });
}
