// splay.js: a top-down splay tree (Sleator and Tarjan) keyed by numbers, written from scratch
// for moat. Each node carries a freshly built payload (a small tree of objects, arrays and
// strings), and the tree is churned by inserts, lookups and removals, so most of the time goes
// to allocation and garbage collection.
//
// Plain ES2020 script, no host APIs; keys come from a fixed linear congruential generator, not
// Math.random, so every run is the same. The checksum (completion value, also in `result`) must
// match the expected one or the file throws.

const ITERATIONS = 2;
const TREE_SIZE = 5000;
const CHURN = 10000;
const PAYLOAD_DEPTH = 4;

class Node {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.left = null;
    this.right = null;
  }
}

class SplayTree {
  constructor() {
    this.root = null;
    this.size = 0;
  }

  // Top-down splay: brings the node with `key`, or the last node on its search path, to the root.
  splay(key) {
    if (this.root === null) return;
    const header = new Node(0, null);
    let left = header;
    let right = header;
    let current = this.root;
    for (;;) {
      if (key < current.key) {
        if (current.left === null) break;
        if (key < current.left.key) {
          // Zig-zig: rotate right first.
          const child = current.left;
          current.left = child.right;
          child.right = current;
          current = child;
          if (current.left === null) break;
        }
        right.left = current;
        right = current;
        current = current.left;
      } else if (key > current.key) {
        if (current.right === null) break;
        if (key > current.right.key) {
          // Zag-zag: rotate left first.
          const child = current.right;
          current.right = child.left;
          child.left = current;
          current = child;
          if (current.right === null) break;
        }
        left.right = current;
        left = current;
        current = current.right;
      } else {
        break;
      }
    }
    left.right = current.left;
    right.left = current.right;
    current.left = header.right;
    current.right = header.left;
    this.root = current;
  }

  // Inserts key -> value unless the key is present; returns whether it inserted.
  insert(key, value) {
    if (this.root === null) {
      this.root = new Node(key, value);
      this.size = 1;
      return true;
    }
    this.splay(key);
    const root = this.root;
    if (root.key === key) return false;
    const node = new Node(key, value);
    if (key > root.key) {
      node.left = root;
      node.right = root.right;
      root.right = null;
    } else {
      node.right = root;
      node.left = root.left;
      root.left = null;
    }
    this.root = node;
    this.size++;
    return true;
  }

  find(key) {
    if (this.root === null) return null;
    this.splay(key);
    return this.root.key === key ? this.root : null;
  }

  // Removes the node with `key`; returns it, or null when absent.
  remove(key) {
    const node = this.find(key);
    if (node === null) return null;
    if (node.left === null) {
      this.root = node.right;
    } else {
      const right = node.right;
      this.root = node.left;
      // The largest key of the left subtree comes to the root, leaving its right child empty.
      this.splay(key);
      this.root.right = right;
    }
    this.size--;
    return node;
  }

  // Largest key smaller than `key`, or null.
  greatestBelow(key) {
    if (this.root === null) return null;
    this.splay(key);
    if (this.root.key < key) return this.root;
    let node = this.root.left;
    if (node === null) return null;
    while (node.right !== null) node = node.right;
    return node;
  }

  // In-order walk with an explicit stack (no recursion, whatever the tree's shape).
  forEach(visit) {
    const stack = [];
    let node = this.root;
    while (node !== null || stack.length > 0) {
      while (node !== null) {
        stack.push(node);
        node = node.left;
      }
      node = stack.pop();
      visit(node);
      node = node.right;
    }
  }
}

class Random {
  constructor(seed) {
    this.state = seed;
  }

  // 31-bit Park-Miller style generator; exact in doubles.
  next() {
    this.state = (this.state * 48271) % 2147483647;
    return this.state;
  }
}

function makePayload(depth, key) {
  if (depth === 0) return { array: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], text: "String for key " + key + " in leaf node" };
  return { left: makePayload(depth - 1, key), right: makePayload(depth - 1, key) };
}

function payloadWeight(payload) {
  if (payload.array !== undefined) return payload.array.length + payload.text.length;
  return payloadWeight(payload.left) + payloadWeight(payload.right);
}

function freshKey(tree, random) {
  for (;;) {
    const key = random.next();
    if (tree.find(key) === null) return key;
  }
}

function exercise() {
  const random = new Random(42);
  const tree = new SplayTree();
  let hash = 0;
  for (let i = 0; i < TREE_SIZE; i++) {
    const key = freshKey(tree, random);
    tree.insert(key, makePayload(PAYLOAD_DEPTH, key));
  }
  for (let i = 0; i < CHURN; i++) {
    const key = freshKey(tree, random);
    tree.insert(key, makePayload(PAYLOAD_DEPTH, key));
    const victim = tree.greatestBelow(key);
    const removed = tree.remove(victim === null ? key : victim.key);
    if (removed === null) throw new Error("splay: lost a node");
    hash = (hash * 31 + (removed.key % 65521) + payloadWeight(removed.value)) % 2147483647;
  }
  let previous = -1;
  let count = 0;
  tree.forEach((node) => {
    if (node.key <= previous) throw new Error("splay: keys out of order");
    previous = node.key;
    count++;
    hash = (hash * 7 + (node.key % 1021)) % 2147483647;
  });
  if (count !== TREE_SIZE || tree.size !== TREE_SIZE) throw new Error("splay: wrong size " + count);
  return hash;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = exercise();
    if (checksum !== -1 && c !== checksum) throw new Error("splay: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 425756245;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("splay: checksum " + result + ", expected " + EXPECTED);
}
result;
