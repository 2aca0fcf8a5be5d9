// Times acorn's parser on whole files, for scripts/bench-parse-vs-acorn.sh.
//
// Usage: node scripts/acorn-bench.mjs [--module] [--runs N] [--warmup N] FILE...
//
// acorn is loaded from target/bench-node/ (installed there by bench-parse-vs-acorn.sh), or
// from the folder named by MOAT_BENCH_NODE. Each file is parsed `warmup` times untimed (so V8
// has optimised acorn), then `runs` times timed with acorn.parse(src, {ecmaVersion: 'latest',
// sourceType}). One line per file, tab separated, the same format as moat's parse_bench
// example: file, bytes, median milliseconds, MB/s (1 MB = 10^6 bytes). A file acorn rejects
// prints `file<TAB>error<TAB>message` and the exit status is 1.
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const nodeDir = process.env.MOAT_BENCH_NODE ?? join(here, "..", "target", "bench-node");
const acorn = await import(
  pathToFileURL(join(nodeDir, "node_modules", "acorn", "dist", "acorn.mjs")).href
);

let sourceType = "script";
let runs = 10;
let warmup = 5;
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === "--module") sourceType = "module";
  else if (arg === "--runs" || arg === "--warmup") {
    const n = Number.parseInt(args[++i], 10);
    if (!Number.isInteger(n) || n < 0) {
      console.error(`acorn-bench: ${arg} needs a count`);
      process.exit(2);
    }
    if (arg === "--runs") runs = Math.max(n, 1);
    else warmup = n;
  } else if (arg.startsWith("--")) {
    console.error(`acorn-bench: unknown option ${arg}`);
    process.exit(2);
  } else files.push(arg);
}
if (files.length === 0) {
  console.error("usage: acorn-bench.mjs [--module] [--runs N] [--warmup N] FILE...");
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let status = 0;
for (const file of files) {
  const src = readFileSync(file, "utf8");
  const bytes = Buffer.byteLength(src, "utf8");
  const options = { ecmaVersion: "latest", sourceType };
  try {
    for (let i = 0; i < warmup; i++) acorn.parse(src, options);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      acorn.parse(src, options);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const ms = median(times);
    console.log(`${file}\t${bytes}\t${ms.toFixed(3)}\t${(bytes / 1e3 / ms).toFixed(1)}`);
  } catch (e) {
    console.log(`${file}\terror\t${e.message}`);
    status = 1;
  }
}
process.exit(status);
