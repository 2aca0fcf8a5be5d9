// json.js: JSON.stringify / JSON.parse round trips of a generated object graph, written from
// scratch for moat. The graph mixes nested objects and arrays, integers, short binary fractions,
// booleans, null, strings that need escaping (quotes, backslashes, control characters, non-ASCII
// and astral characters), and values stringify must drop or rewrite (undefined, functions,
// toJSON). It is serialised compactly and indented, with and without a replacer, and parsed
// back, with and without a reviver.
//
// Plain ES2020 script, no host APIs. Every number in the graph has a short exact decimal form,
// so all conforming engines print the same text. The checksum (completion value, also in
// `result`) hashes the texts; it must match the expected one or the file throws.

const ITERATIONS = 8;
const RECORDS = 400;

const NAMES = ["Ada", "Brendan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis"];
const TAGS = ["fast", "safe", "small", "quote\"d", "back\\slash", "tab\there", "nl\nhere", "caf\u00e9", "\u{1F600}", "\u0001ctl"];

class Money {
  constructor(cents) {
    this.cents = cents;
  }

  toJSON() {
    return { amount: this.cents / 4, currency: "EUR" };
  }
}

function makeRecord(i) {
  return {
    id: i,
    name: NAMES[i % NAMES.length] + " #" + i,
    active: i % 3 !== 0,
    score: (i % 17) * 0.125 - 1,
    ratio: i / 64,
    big: i * 1000003,
    tags: [TAGS[i % TAGS.length], TAGS[(i * 3) % TAGS.length]],
    owner: i % 5 === 0 ? null : { id: i % 11, name: NAMES[(i + 3) % NAMES.length], since: 1990 + (i % 30) },
    history: Array.from({ length: i % 6 }, (_, k) => ({ step: k, delta: (k - 2) * 0.5, ok: k % 2 === 0 })),
    balance: new Money(i * 37),
    skipped: undefined,
    callback() {
      return i;
    },
    nested: { level1: { level2: { level3: [i, [i + 1, [i + 2, {}]], []] } } },
  };
}

function makeGraph() {
  const records = [];
  for (let i = 0; i < RECORDS; i++) records.push(makeRecord(i));
  return { version: 3, title: "generated \"graph\"", records, empty: {}, none: [] };
}

function hashString(s, seed) {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 2147483647;
  return h;
}

// Sums the ids found anywhere under `value`, walking parsed JSON generically.
function sumIds(value) {
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += sumIds(item);
    return sum;
  }
  if (value !== null && typeof value === "object") {
    let sum = 0;
    for (const key of Object.keys(value)) {
      sum += key === "id" && typeof value[key] === "number" ? value[key] : sumIds(value[key]);
    }
    return sum;
  }
  return 0;
}

function exercise() {
  const graph = makeGraph();
  const compact = JSON.stringify(graph);
  const parsed = JSON.parse(compact);
  // Parsing then printing again must be a fixed point.
  if (JSON.stringify(parsed) !== compact) throw new Error("json: compact round trip changed the text");

  const pretty = JSON.stringify(parsed, null, 2);
  if (JSON.stringify(JSON.parse(pretty)) !== compact) throw new Error("json: pretty round trip changed the data");

  // A replacer that drops histories and upper-cases names; a whitelist array of keys.
  const replaced = JSON.stringify(graph, (key, value) =>
    key === "history" ? undefined : key === "name" && typeof value === "string" ? value.toUpperCase() : value,
  );
  const picked = JSON.stringify(graph.records, ["id", "owner", "name"], "\t");

  // A reviver that doubles every number.
  const revived = JSON.parse(compact, (key, value) => (typeof value === "number" ? value * 2 : value));

  let h = hashString(compact, 1);
  h = hashString(pretty, h);
  h = hashString(replaced, h);
  h = hashString(picked, h);
  h = (h * 31 + sumIds(parsed)) % 2147483647;
  h = (h * 31 + sumIds(revived)) % 2147483647;
  h = (h * 31 + compact.length + pretty.length) % 2147483647;
  return h;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = exercise();
    if (checksum !== -1 && c !== checksum) throw new Error("json: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 1033753503;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("json: checksum " + result + ", expected " + EXPECTED);
}
result;
