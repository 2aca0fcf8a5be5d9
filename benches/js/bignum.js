// bignum.js: arbitrary-precision integer arithmetic on arrays of 16-bit limbs (least significant
// first), written from scratch for moat. It computes pi to a few hundred decimal digits with
// Machin's formula in fixed point, and 1000! by repeated small multiplication, squares it with
// schoolbook multiplication and converts the results to decimal. Integer-heavy loops with
// shifts, masks and small divisions; every intermediate stays below 2^53.
//
// Plain ES2020 script, no host APIs (and no BigInt). The checksum (completion value, also in
// `result`) mixes digit sums and leading digits; it must match the expected one or the file
// throws.

const ITERATIONS = 3;
const PI_DIGITS = 600;
const FACTORIAL_OF = 1000;

const BASE = 0x10000;
const MASK = 0xffff;

// Drops high zero limbs so that lengths stay meaningful.
function trim(a) {
  let n = a.length;
  while (n > 1 && a[n - 1] === 0) n--;
  a.length = n;
  return a;
}

function isZero(a) {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

// a * m for a small non-negative m (m < 2^16), as a new number.
function mulSmall(a, m) {
  const out = new Array(a.length + 1);
  let carry = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] * m + carry;
    out[i] = t & MASK;
    carry = Math.floor(t / BASE);
  }
  out[a.length] = carry;
  return trim(out);
}

// In place a := a * m (m < 2^16); avoids reallocating while a factorial grows.
function mulSmallInPlace(a, m) {
  let carry = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] * m + carry;
    a[i] = t & MASK;
    carry = t >>> 16;
  }
  while (carry > 0) {
    a.push(carry & MASK);
    carry >>>= 16;
  }
}

// Quotient of a / d for 0 < d < 2^32 (kept in doubles: remainder * 2^16 + limb < 2^48).
function divSmall(a, d) {
  const out = new Array(a.length);
  let remainder = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const t = remainder * BASE + a[i];
    const q = Math.floor(t / d);
    out[i] = q;
    remainder = t - q * d;
  }
  return { quotient: trim(out), remainder };
}

function add(a, b) {
  const n = Math.max(a.length, b.length);
  const out = new Array(n + 1);
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const t = (i < a.length ? a[i] : 0) + (i < b.length ? b[i] : 0) + carry;
    out[i] = t & MASK;
    carry = t >>> 16;
  }
  out[n] = carry;
  return trim(out);
}

// a - b for a >= b.
function sub(a, b) {
  const out = new Array(a.length);
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    let t = a[i] - (i < b.length ? b[i] : 0) - borrow;
    if (t < 0) {
      t += BASE;
      borrow = 1;
    } else {
      borrow = 0;
    }
    out[i] = t;
  }
  if (borrow !== 0) throw new Error("bignum: negative difference");
  return trim(out);
}

// Schoolbook product; each column sum is flushed before it could pass 2^53.
function mul(a, b) {
  const out = new Array(a.length + b.length).fill(0);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    let carry = 0;
    for (let j = 0; j < b.length; j++) {
      const t = out[i + j] + ai * b[j] + carry;
      out[i + j] = t & MASK;
      carry = Math.floor(t / BASE);
    }
    let k = i + b.length;
    while (carry > 0) {
      const t = out[k] + carry;
      out[k] = t & MASK;
      carry = Math.floor(t / BASE);
      k++;
    }
  }
  return trim(out);
}

function fromInt(n) {
  const out = [];
  do {
    out.push(n & MASK);
    n = Math.floor(n / BASE);
  } while (n > 0);
  return out;
}

// Decimal digits, most significant first, by repeated division by 10^4.
function toDecimal(a) {
  let n = a.slice();
  const chunks = [];
  while (!isZero(n)) {
    const { quotient, remainder } = divSmall(n, 10000);
    chunks.push(remainder);
    n = quotient;
  }
  if (chunks.length === 0) return "0";
  let s = String(chunks[chunks.length - 1]);
  for (let i = chunks.length - 2; i >= 0; i--) s += String(chunks[i] + 10000).slice(1);
  return s;
}

function digitSum(s) {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s.charCodeAt(i) - 48;
  return sum;
}

// atan(1/x) * unity by its Taylor series: sum over k of (-1)^k / ((2k + 1) x^(2k + 1)).
function arctanInverse(x, unity) {
  const xSquared = x * x;
  let power = divSmall(unity, x).quotient;
  let sum = power;
  let negative = true;
  for (let k = 3; !isZero(power); k += 2) {
    power = divSmall(power, xSquared).quotient;
    const term = divSmall(power, k).quotient;
    sum = negative ? sub(sum, term) : add(sum, term);
    negative = !negative;
  }
  return sum;
}

// The first `digits` decimal digits of pi (as a string "31415...").
function piDigits(digits) {
  // unity = 10^(digits + 10); the extra ten digits absorb truncation errors of the series.
  let unity = [1];
  for (let i = 0; i < digits + 10; i++) unity = mulSmall(unity, 10);
  const pi = sub(mulSmall(arctanInverse(5, unity), 16), mulSmall(arctanInverse(239, unity), 4));
  return toDecimal(pi).slice(0, digits);
}

function factorial(n) {
  const a = [1];
  for (let i = 2; i <= n; i++) mulSmallInPlace(a, i);
  return a;
}

function compute() {
  const pi = piDigits(PI_DIGITS);
  if (pi.slice(0, 20) !== "31415926535897932384") throw new Error("bignum: pi starts " + pi.slice(0, 20));
  const f = factorial(FACTORIAL_OF);
  const fDecimal = toDecimal(f);
  const square = mul(f, f);
  // (n!)^2 / n! must give n! back: checks mul and a long chain of divSmall at once.
  let back = square;
  for (let i = FACTORIAL_OF; i >= 2; i--) {
    const { quotient, remainder } = divSmall(back, i);
    if (remainder !== 0) throw new Error("bignum: " + i + " does not divide (n!)^2/...");
    back = quotient;
  }
  if (toDecimal(back) !== fDecimal) throw new Error("bignum: (n!)^2 / n! != n!");
  const squareDecimal = toDecimal(square);
  const check = toDecimal(add(mul(fromInt(123456789), fromInt(987654321)), fromInt(1)));
  if (check !== "121932631112635270") throw new Error("bignum: small product " + check);
  return (
    digitSum(pi) * 1000000 +
    digitSum(fDecimal) * 7 +
    digitSum(squareDecimal) +
    fDecimal.length * 100003 +
    Number(squareDecimal.slice(0, 6))
  );
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = compute();
    if (checksum !== -1 && c !== checksum) throw new Error("bignum: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 2925064290;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("bignum: checksum " + result + ", expected " + EXPECTED);
}
result;
