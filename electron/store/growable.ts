/** Typed arrays that grow by doubling: columns of the read model, kept outside the JS object heap. */
type TypedArray = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;
type TypedArrayOf<T extends TypedArray> = { new (length: number): T };

/** `array` with room for at least `length` elements: itself, or a copy twice as large (or more). */
export function withRoom<T extends TypedArray>(array: T, length: number): T {
  if (length <= array.length) return array;
  const grown = new (array.constructor as TypedArrayOf<T>)(Math.max(length, array.length * 2, 16));
  grown.set(array as never);
  return grown;
}

/** A copy of `source` in an array of its own with some room to grow (a snapshot's views are not kept). */
export function ownCopy<T extends TypedArray>(source: T, room = 1024): T {
  const copy = new (source.constructor as TypedArrayOf<T>)(source.length + room);
  copy.set(source as never);
  return copy;
}
