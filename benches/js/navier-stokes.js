// navier-stokes.js: a 2D incompressible fluid solver after Jos Stam's "Real-Time Fluid Dynamics
// for Games" (stable fluids: diffusion by Gauss-Seidel relaxation, semi-Lagrangian advection,
// projection to a divergence-free velocity field), written from scratch for moat.
// Floating-point loops over flat grids with computed indices.
//
// The grids are plain Arrays of numbers, not Float64Array: typed arrays come later in moat's
// VM. Once they exist, a typed-array variant of this file belongs beside it.
//
// Plain ES2020 script, no host APIs. Only +, -, *, / and Math.floor feed the fields, so every
// conforming engine computes the same numbers. The checksum (completion value, also in `result`)
// must match the expected one or the file throws.

const ITERATIONS = 2;
const N = 48;
const STEPS = 10;
const RELAXATIONS = 20;
const DT = 0.1;
const DIFFUSION = 0.0001;
const VISCOSITY = 0.0001;

const SIZE = (N + 2) * (N + 2);
const IX = (i, j) => i + (N + 2) * j;

function grid() {
  return new Array(SIZE).fill(0);
}

function addSource(x, s, dt) {
  for (let i = 0; i < SIZE; i++) x[i] += dt * s[i];
}

// Boundary cells mirror their neighbours; b says which velocity component flips sign at a wall.
function setBoundary(b, x) {
  for (let i = 1; i <= N; i++) {
    x[IX(0, i)] = b === 1 ? -x[IX(1, i)] : x[IX(1, i)];
    x[IX(N + 1, i)] = b === 1 ? -x[IX(N, i)] : x[IX(N, i)];
    x[IX(i, 0)] = b === 2 ? -x[IX(i, 1)] : x[IX(i, 1)];
    x[IX(i, N + 1)] = b === 2 ? -x[IX(i, N)] : x[IX(i, N)];
  }
  x[IX(0, 0)] = 0.5 * (x[IX(1, 0)] + x[IX(0, 1)]);
  x[IX(0, N + 1)] = 0.5 * (x[IX(1, N + 1)] + x[IX(0, N)]);
  x[IX(N + 1, 0)] = 0.5 * (x[IX(N, 0)] + x[IX(N + 1, 1)]);
  x[IX(N + 1, N + 1)] = 0.5 * (x[IX(N, N + 1)] + x[IX(N + 1, N)]);
}

// Gauss-Seidel relaxation of x = (x0 + a * (sum of the four neighbours)) / c.
function linearSolve(b, x, x0, a, c) {
  const stride = N + 2;
  for (let k = 0; k < RELAXATIONS; k++) {
    for (let j = 1; j <= N; j++) {
      let index = j * stride + 1;
      for (let i = 1; i <= N; i++, index++) {
        x[index] = (x0[index] + a * (x[index - 1] + x[index + 1] + x[index - stride] + x[index + stride])) / c;
      }
    }
    setBoundary(b, x);
  }
}

function diffuse(b, x, x0, rate, dt) {
  const a = dt * rate * N * N;
  linearSolve(b, x, x0, a, 1 + 4 * a);
}

// Moves d0 along the velocity field (u, v) into d by tracing each cell centre backwards.
function advect(b, d, d0, u, v, dt) {
  const dt0 = dt * N;
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      let x = i - dt0 * u[IX(i, j)];
      let y = j - dt0 * v[IX(i, j)];
      if (x < 0.5) x = 0.5;
      if (x > N + 0.5) x = N + 0.5;
      if (y < 0.5) y = 0.5;
      if (y > N + 0.5) y = N + 0.5;
      const i0 = Math.floor(x);
      const j0 = Math.floor(y);
      const s1 = x - i0;
      const s0 = 1 - s1;
      const t1 = y - j0;
      const t0 = 1 - t1;
      d[IX(i, j)] =
        s0 * (t0 * d0[IX(i0, j0)] + t1 * d0[IX(i0, j0 + 1)]) +
        s1 * (t0 * d0[IX(i0 + 1, j0)] + t1 * d0[IX(i0 + 1, j0 + 1)]);
    }
  }
  setBoundary(b, d);
}

// Subtracts the gradient of the pressure that makes (u, v) divergence-free.
function project(u, v, p, div) {
  const h = 1 / N;
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      div[IX(i, j)] = -0.5 * h * (u[IX(i + 1, j)] - u[IX(i - 1, j)] + v[IX(i, j + 1)] - v[IX(i, j - 1)]);
      p[IX(i, j)] = 0;
    }
  }
  setBoundary(0, div);
  setBoundary(0, p);
  linearSolve(0, p, div, 1, 4);
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      u[IX(i, j)] -= (0.5 * (p[IX(i + 1, j)] - p[IX(i - 1, j)])) / h;
      v[IX(i, j)] -= (0.5 * (p[IX(i, j + 1)] - p[IX(i, j - 1)])) / h;
    }
  }
  setBoundary(1, u);
  setBoundary(2, v);
}

class Fluid {
  constructor() {
    this.u = grid();
    this.v = grid();
    this.uPrev = grid();
    this.vPrev = grid();
    this.density = grid();
    this.densityPrev = grid();
  }

  velocityStep() {
    addSource(this.u, this.uPrev, DT);
    addSource(this.v, this.vPrev, DT);
    [this.u, this.uPrev] = [this.uPrev, this.u];
    diffuse(1, this.u, this.uPrev, VISCOSITY, DT);
    [this.v, this.vPrev] = [this.vPrev, this.v];
    diffuse(2, this.v, this.vPrev, VISCOSITY, DT);
    project(this.u, this.v, this.uPrev, this.vPrev);
    [this.u, this.uPrev] = [this.uPrev, this.u];
    [this.v, this.vPrev] = [this.vPrev, this.v];
    advect(1, this.u, this.uPrev, this.uPrev, this.vPrev, DT);
    advect(2, this.v, this.vPrev, this.uPrev, this.vPrev, DT);
    project(this.u, this.v, this.uPrev, this.vPrev);
  }

  densityStep() {
    addSource(this.density, this.densityPrev, DT);
    [this.density, this.densityPrev] = [this.densityPrev, this.density];
    diffuse(0, this.density, this.densityPrev, DIFFUSION, DT);
    [this.density, this.densityPrev] = [this.densityPrev, this.density];
    advect(0, this.density, this.densityPrev, this.u, this.v, DT);
  }

  // Injects density and a swirling push at fixed cells, as a user dragging the mouse would.
  stir(step) {
    this.uPrev.fill(0);
    this.vPrev.fill(0);
    this.densityPrev.fill(0);
    const c = N >> 1;
    this.densityPrev[IX(c, c)] = 100;
    this.densityPrev[IX(c >> 1, c)] = 50;
    const phase = step % 4;
    const du = phase === 0 ? 1 : phase === 2 ? -1 : 0;
    const dv = phase === 1 ? 1 : phase === 3 ? -1 : 0;
    this.uPrev[IX(c, c)] = 40 * du;
    this.vPrev[IX(c, c)] = 40 * dv + 20;
  }
}

// Runs the simulation and folds the density field into an integer checksum.
function simulate() {
  const fluid = new Fluid();
  for (let step = 0; step < STEPS; step++) {
    fluid.stir(step);
    fluid.velocityStep();
    fluid.densityStep();
  }
  let hash = 0;
  for (let j = 1; j <= N; j++) {
    for (let i = 1; i <= N; i++) {
      // Quantised so that the checksum is an integer; the fields themselves are deterministic.
      const q = Math.floor(fluid.density[IX(i, j)] * 1e6) % 1000003;
      hash = (hash * 31 + q) % 2147483647;
    }
  }
  return hash;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = simulate();
    if (checksum !== -1 && c !== checksum) throw new Error("navier-stokes: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 1488598235;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("navier-stokes: checksum " + result + ", expected " + EXPECTED);
}
result;
