// strings.js: string building and scanning, written from scratch for moat. Builds text with
// `+=` in loops, with Array join and with template literals, then slices, searches (indexOf,
// lastIndexOf, includes, startsWith), splits on plain strings, changes case, and walks strings
// with charCodeAt and String.fromCharCode. Stresses string representation (ropes or flat
// buffers), substring sharing and small-string allocation.
//
// Plain ES2020 script, no host APIs, no RegExp. The checksum (completion value, also in
// `result`) hashes what was built; it must match the expected one or the file throws.

const ITERATIONS = 14;
const WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"];

// 31-bit polynomial hash over UTF-16 code units.
function hashString(s, seed) {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 2147483647;
  return h;
}

// A document of numbered lines built with +=, one piece at a time.
function buildWithConcat(lines) {
  let text = "";
  for (let i = 0; i < lines; i++) {
    text += "line ";
    text += i;
    text += ": ";
    text += WORDS[i % WORDS.length];
    text += i % 3 === 0 ? " fizz" : "";
    text += "\n";
  }
  return text;
}

// The same kind of document built from template literals and joined once.
function buildWithJoin(lines) {
  const parts = [];
  for (let i = 0; i < lines; i++) {
    const word = WORDS[(i * 7) % WORDS.length];
    parts.push(`${i}\t${word.toUpperCase()}\t${word.length * i}`);
  }
  return parts.join("\n");
}

// Counts the occurrences of `needle` with indexOf, hopping past each match.
function countOccurrences(haystack, needle) {
  let count = 0;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    count++;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return count;
}

// Caesar-shifts the letters of s by building a new string from char codes.
function rot13(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c = ((c - 97 + 13) % 26) + 97;
    else if (c >= 65 && c <= 90) c = ((c - 65 + 13) % 26) + 65;
    out += String.fromCharCode(c);
  }
  return out;
}

// Reverses each word of each line, using split, slice and join.
function reverseWords(text) {
  const lines = text.split("\n");
  const out = [];
  for (const line of lines) {
    const words = line.split(" ");
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      let reversed = "";
      for (let j = w.length - 1; j >= 0; j--) reversed += w[j];
      words[i] = reversed;
    }
    out.push(words.join(" "));
  }
  return out.join("\n");
}

// The characters of s other than ASCII digits, gathered into an array and joined.
function withoutDigits(s) {
  const kept = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) kept.push(s[i]);
  }
  return kept.join("");
}

// Run-length encodes s (which has no digits) ("aaab" -> "3a1b") and decodes it back.
function runLength(s) {
  let encoded = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    let j = i + 1;
    while (j < s.length && s[j] === c) j++;
    encoded += `${j - i}${c}`;
    i = j;
  }
  let decoded = "";
  let n = 0;
  for (let k = 0; k < encoded.length; k++) {
    const code = encoded.charCodeAt(k);
    if (code >= 48 && code <= 57) {
      n = n * 10 + (code - 48);
    } else {
      decoded += encoded[k].repeat(n);
      n = 0;
    }
  }
  if (decoded !== s) throw new Error("strings: run-length round trip failed");
  return encoded;
}

function exercise() {
  let h = 7;
  const doc = buildWithConcat(6000);
  h = hashString(doc, h);
  const table = buildWithJoin(4000);
  h = hashString(table, h);

  h = (h * 31 + countOccurrences(doc, "fizz")) % 2147483647;
  h = (h * 31 + countOccurrences(doc, "ta\n")) % 2147483647;
  h = (h * 31 + countOccurrences(table, "\tGAMMA\t")) % 2147483647;
  h = (h * 31 + doc.lastIndexOf("line 5")) % 2147483647;

  // Slices: every line of the document taken out by hand, checked against split.
  const lines = doc.split("\n");
  let start = 0;
  let sliced = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const end = doc.indexOf("\n", start);
    const line = doc.slice(start, end);
    if (line !== lines[i]) throw new Error("strings: slice/split disagree at line " + i);
    if (line.startsWith("line 1") && line.includes("fizz")) sliced += line.length;
    start = end + 1;
  }
  h = (h * 31 + sliced) % 2147483647;

  const shifted = rot13(doc.substring(0, 30000));
  if (rot13(shifted) !== doc.substring(0, 30000)) throw new Error("strings: rot13 is not an involution");
  h = hashString(shifted, h);

  h = hashString(reverseWords(doc.slice(0, 40000)), h);
  h = hashString(runLength(withoutDigits(table.toLowerCase().slice(0, 30000))), h);

  // Padding and trimming on many short strings.
  let padded = 0;
  for (let i = 0; i < 5000; i++) {
    const s = String(i).padStart(8, "0") + "  ";
    padded += s.trim().length + s.charCodeAt(7);
  }
  h = (h * 31 + padded) % 2147483647;
  return h;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = exercise();
    if (checksum !== -1 && c !== checksum) throw new Error("strings: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 1590604191;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("strings: checksum " + result + ", expected " + EXPECTED);
}
result;
