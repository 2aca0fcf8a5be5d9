//! The interface through which the JSON parser hands values to its caller,
//! so the VM builds its own values directly, one at a time, and can charge
//! its heap budget for each (every method may fail and abort the parse).

use std::ops::Range;

/// Builds the values of a JSON text as the parser meets them.
///
/// Primitives come with `source`, the code unit range of their text in the
/// input (for the reviver's `context.source`,
/// <https://tc39.es/ecma262/#sec-internalizejsonproperty>). Containers are
/// created empty when they open, filled in source order, and finished when
/// they close; a container is always finished before it is passed to its
/// parent, and the value returned by the parse is complete.
pub trait JsonBuilder {
    type Value;
    type Error;

    fn null(&mut self, source: Range<usize>) -> Result<Self::Value, Self::Error>;
    fn boolean(&mut self, value: bool, source: Range<usize>) -> Result<Self::Value, Self::Error>;
    fn number(&mut self, value: f64, source: Range<usize>) -> Result<Self::Value, Self::Error>;
    /// `value` is the string with escapes decoded; it may hold lone
    /// surrogates, which the JSON text may spell out as `\uXXXX`.
    fn string(&mut self, value: &[u16], source: Range<usize>) -> Result<Self::Value, Self::Error>;

    /// A new empty array.
    fn begin_array(&mut self) -> Result<Self::Value, Self::Error>;
    /// Appends the next element (CreateDataProperty at index `length`).
    fn array_push(
        &mut self,
        array: &mut Self::Value,
        element: Self::Value,
    ) -> Result<(), Self::Error>;
    /// The array is complete.
    fn end_array(&mut self, _array: &mut Self::Value) -> Result<(), Self::Error> {
        Ok(())
    }

    /// A new empty object.
    fn begin_object(&mut self) -> Result<Self::Value, Self::Error>;
    /// Adds a member as CreateDataProperty does: a key met again replaces
    /// the value but keeps the position of its first occurrence
    /// (<https://tc39.es/ecma262/#sec-json.parse>: the text is evaluated
    /// like an object literal, where a later duplicate wins). `"__proto__"`
    /// is an ordinary key here.
    fn object_insert(
        &mut self,
        object: &mut Self::Value,
        key: &[u16],
        value: Self::Value,
    ) -> Result<(), Self::Error>;
    /// The object is complete.
    fn end_object(&mut self, _object: &mut Self::Value) -> Result<(), Self::Error> {
        Ok(())
    }
}
