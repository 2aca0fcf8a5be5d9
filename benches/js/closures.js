// closures.js: functional-style JavaScript, written from scratch for moat. Closures that capture
// and mutate outer variables, function composition and currying, higher-order array methods
// (map, filter, reduce, forEach, some, every, find, sort with a comparator), method calls on
// small objects, destructuring, spread and rest parameters, and generator-free iteration.
// Stresses call overhead, environment (closure) allocation and small-object property access.
//
// Plain ES2020 script, no host APIs. The checksum (completion value, also in `result`) must
// match the expected one or the file throws.

const ITERATIONS = 60;
const SIZE = 4000;

// A counter object whose methods close over private state.
function makeCounter(start) {
  let count = start;
  return {
    increment: () => ++count,
    add(n) {
      count += n;
      return this;
    },
    get value() {
      return count;
    },
  };
}

const compose = (...fns) => (x) => fns.reduceRight((acc, fn) => fn(acc), x);
const curry3 = (f) => (a) => (b) => (c) => f(a, b, c);
const memoize = (f) => {
  const cache = {};
  return (n) => (n in cache ? cache[n] : (cache[n] = f(n)));
};

class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }

  plus({ x, y }) {
    return new Point(this.x + x, this.y + y);
  }

  manhattan() {
    return Math.abs(this.x) + Math.abs(this.y);
  }
}

// Runs a tiny event emitter: listeners are closures registered and fired many times.
function emitterRound(n) {
  const listeners = {};
  const on = (name, fn) => (listeners[name] || (listeners[name] = [])).push(fn);
  const emit = (name, ...args) => {
    let fired = 0;
    for (const fn of listeners[name] || []) {
      fn(...args);
      fired++;
    }
    return fired;
  };
  let total = 0;
  for (let i = 0; i < 8; i++) on(i % 2 === 0 ? "even" : "odd", (a, b) => (total += a * (i + 1) + b));
  let fired = 0;
  for (let i = 0; i < n; i++) fired += emit(i % 2 === 0 ? "even" : "odd", i, 1);
  return total + fired;
}

function exercise() {
  let h = 0;
  const mix = (v) => {
    h = (h * 31 + (v % 1000003)) % 2147483647;
  };

  // Higher-order array methods over numbers.
  const numbers = Array.from({ length: SIZE }, (_, i) => (i * 7919) % 10007);
  const squares = numbers.map((n) => n * n);
  const evens = squares.filter((n) => n % 2 === 0);
  mix(evens.reduce((a, b) => (a + b) % 2147483647, 0));
  mix(numbers.some((n) => n === 5000) ? 1 : 2);
  mix(numbers.every((n) => n >= 0) ? 3 : 4);
  mix(numbers.find((n) => n > 9990) || 0);
  mix(numbers.findIndex((n) => n < 10));
  const sorted = numbers.slice().sort((a, b) => b - a);
  mix(sorted[0] + sorted[sorted.length - 1] + sorted[SIZE >> 1]);

  // Closures over mutable state.
  const counters = numbers.slice(0, 500).map((n) => makeCounter(n));
  for (let round = 0; round < 4; round++) {
    counters.forEach((c, i) => {
      c.increment();
      c.add(i % 3);
    });
  }
  mix(counters.reduce((sum, c) => sum + c.value, 0));

  // Composition, currying and memoization.
  const inc = (x) => x + 1;
  const dbl = (x) => x * 2;
  const sq = (x) => (x * x) % 65521;
  const pipeline = compose(inc, dbl, sq, inc);
  const volume = curry3((a, b, c) => a * b * c);
  let acc = 0;
  for (let i = 0; i < SIZE; i++) acc = (acc + pipeline(i) + volume(i % 10)(i % 7)(3)) % 2147483647;
  mix(acc);
  const fib = memoize((n) => (n < 2 ? n : (fib(n - 1) + fib(n - 2)) % 1000000007));
  mix(fib(90));

  // Small objects with methods, destructuring and spread.
  let p = new Point(0, 0);
  for (let i = 0; i < SIZE; i++) {
    const step = { x: (i % 5) - 2, y: (i % 3) - 1 };
    p = p.plus(step);
  }
  mix(p.manhattan() + 1000);
  const pairs = numbers.slice(0, 1000).map((n, i) => [i, n]);
  let dot = 0;
  for (const [i, n] of pairs) dot = (dot + i * n) % 2147483647;
  mix(dot);
  const merged = pairs.slice(0, 200).map(([i, n]) => ({ ...{ i, n }, sum: i + n }));
  mix(merged.reduce((s, { sum }) => s + sum, 0));
  const maxOf = (...xs) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
  mix(maxOf(...numbers.slice(0, 100)));

  mix(emitterRound(SIZE));
  return h;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = exercise();
    if (checksum !== -1 && c !== checksum) throw new Error("closures: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 1492224787;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("closures: checksum " + result + ", expected " + EXPECTED);
}
result;
