// deltablue.js: a one-way incremental constraint solver in the style of DeltaBlue (Freeman-
// Benson, Maloney and Borning), written from scratch for moat. Variables are linked by unary
// (stay, edit) and binary (equality, scale) constraints of several strengths; adding or removing
// a constraint re-plans incrementally, and plans are extracted and executed for chains and
// projections. Class hierarchies, arrays and many small method calls.
//
// Plain ES2020 script, no host APIs. The checksum (completion value, also in `result`) sums the
// values the plans computed; the file throws if a plan computes a wrong value or the checksum is
// not the expected one.

const ITERATIONS = 120;
const CHAIN_LENGTH = 100;
const PROJECTION_SIZE = 100;

// Strengths, strongest first; a smaller number is a stronger strength.
const REQUIRED = 0;
const STRONG_PREFERRED = 1;
const PREFERRED = 2;
const STRONG_DEFAULT = 3;
const NORMAL = 4;
const WEAK_DEFAULT = 5;
const WEAKEST = 6;

const isStronger = (a, b) => a < b;
const isWeaker = (a, b) => a > b;
const weakerOf = (a, b) => (a > b ? a : b);

class Variable {
  constructor(name, value) {
    this.name = name;
    this.value = value;
    this.constraints = [];
    this.determinedBy = null;
    this.mark = 0;
    this.walkStrength = WEAKEST;
    this.stay = true;
  }

  attach(constraint) {
    this.constraints.push(constraint);
  }

  detach(constraint) {
    this.constraints = this.constraints.filter((c) => c !== constraint);
    if (this.determinedBy === constraint) this.determinedBy = null;
  }
}

// What every constraint shares: its strength and the satisfy/destroy protocol with the planner.
class Constraint {
  constructor(strength) {
    this.strength = strength;
  }

  // Puts the constraint into the graph and lets the planner satisfy it; returns it for chaining.
  install(planner) {
    this.addToGraph();
    planner.incrementalAdd(this);
    return this;
  }

  uninstall(planner) {
    if (this.isSatisfied()) planner.incrementalRemove(this);
    else this.removeFromGraph();
  }

  isInput() {
    return false;
  }

  // Tries to satisfy the constraint by picking a method; returns the constraint it overrode
  // (now unsatisfied), if any.
  satisfy(mark, planner) {
    this.chooseMethod(mark);
    if (!this.isSatisfied()) {
      if (this.strength === REQUIRED) throw new Error("deltablue: a required constraint failed");
      return null;
    }
    this.markInputs(mark);
    const out = this.output();
    const overridden = out.determinedBy;
    if (overridden !== null) overridden.markUnsatisfied();
    out.determinedBy = this;
    if (!planner.addPropagate(this, mark)) throw new Error("deltablue: cycle");
    out.mark = mark;
    return overridden;
  }
}

// A constraint on one variable, which is always its output.
class UnaryConstraint extends Constraint {
  constructor(variable, strength) {
    super(strength);
    this.target = variable;
    this.satisfied = false;
  }

  addToGraph() {
    this.target.attach(this);
    this.satisfied = false;
  }

  removeFromGraph() {
    this.target.detach(this);
    this.satisfied = false;
  }

  chooseMethod(mark) {
    this.satisfied = this.target.mark !== mark && isStronger(this.strength, this.target.walkStrength);
  }

  isSatisfied() {
    return this.satisfied;
  }

  markInputs(mark) {}

  output() {
    return this.target;
  }

  recalculate() {
    this.target.walkStrength = this.strength;
    this.target.stay = !this.isInput();
    if (this.target.stay) this.execute();
  }

  markUnsatisfied() {
    this.satisfied = false;
  }

  inputsKnown(mark) {
    return true;
  }
}

// Keeps a variable's value unless something stronger changes it.
class StayConstraint extends UnaryConstraint {
  execute() {}
}

// Marks a variable as changed from outside (by the program between plan executions).
class EditConstraint extends UnaryConstraint {
  isInput() {
    return true;
  }

  execute() {}
}

const NONE = 0;
const FORWARD = 1;
const BACKWARD = 2;

// A constraint between two variables that can be solved in either direction.
class BinaryConstraint extends Constraint {
  constructor(first, second, strength) {
    super(strength);
    this.first = first;
    this.second = second;
    this.direction = NONE;
  }

  addToGraph() {
    this.first.attach(this);
    this.second.attach(this);
    this.direction = NONE;
  }

  removeFromGraph() {
    this.first.detach(this);
    this.second.detach(this);
    this.direction = NONE;
  }

  // Picks the direction that writes the variable with the weaker walkabout strength, unless the
  // marks say one side was already determined in this pass.
  chooseMethod(mark) {
    const a = this.first;
    const b = this.second;
    if (a.mark === mark) {
      this.direction = b.mark !== mark && isStronger(this.strength, b.walkStrength) ? FORWARD : NONE;
    } else if (b.mark === mark) {
      this.direction = a.mark !== mark && isStronger(this.strength, a.walkStrength) ? BACKWARD : NONE;
    } else if (isWeaker(a.walkStrength, b.walkStrength)) {
      this.direction = isStronger(this.strength, a.walkStrength) ? BACKWARD : NONE;
    } else {
      this.direction = isStronger(this.strength, b.walkStrength) ? FORWARD : BACKWARD;
    }
  }

  isSatisfied() {
    return this.direction !== NONE;
  }

  markInputs(mark) {
    this.input().mark = mark;
  }

  input() {
    return this.direction === FORWARD ? this.first : this.second;
  }

  output() {
    return this.direction === FORWARD ? this.second : this.first;
  }

  recalculate() {
    const input = this.input();
    const out = this.output();
    out.walkStrength = weakerOf(this.strength, input.walkStrength);
    out.stay = input.stay;
    if (out.stay) this.execute();
  }

  markUnsatisfied() {
    this.direction = NONE;
  }

  inputsKnown(mark) {
    const input = this.input();
    return input.mark === mark || input.stay || input.determinedBy === null;
  }
}

// second = first (or the other way round).
class EqualityConstraint extends BinaryConstraint {
  execute() {
    this.output().value = this.input().value;
  }
}

// second = first * scale + offset, with scale and offset themselves variables.
class ScaleConstraint extends BinaryConstraint {
  constructor(source, scale, offset, destination, strength) {
    super(source, destination, strength);
    this.scale = scale;
    this.offset = offset;
  }

  addToGraph() {
    super.addToGraph();
    this.scale.attach(this);
    this.offset.attach(this);
  }

  removeFromGraph() {
    super.removeFromGraph();
    this.scale.detach(this);
    this.offset.detach(this);
  }

  markInputs(mark) {
    super.markInputs(mark);
    this.scale.mark = mark;
    this.offset.mark = mark;
  }

  execute() {
    if (this.direction === FORWARD) {
      this.second.value = this.first.value * this.scale.value + this.offset.value;
    } else {
      this.first.value = (this.second.value - this.offset.value) / this.scale.value;
    }
  }

  recalculate() {
    const input = this.input();
    const out = this.output();
    out.walkStrength = weakerOf(this.strength, input.walkStrength);
    out.stay = input.stay && this.scale.stay && this.offset.stay;
    if (out.stay) this.execute();
  }
}

class Plan {
  constructor() {
    this.steps = [];
  }

  execute() {
    const steps = this.steps;
    for (let i = 0; i < steps.length; i++) steps[i].execute();
  }
}

class Planner {
  constructor() {
    this.currentMark = 0;
  }

  nextMark() {
    return ++this.currentMark;
  }

  // Satisfies `constraint`, then re-satisfies whatever it overrode, transitively.
  incrementalAdd(constraint) {
    const mark = this.nextMark();
    let overridden = constraint.satisfy(mark, this);
    while (overridden !== null) overridden = overridden.satisfy(mark, this);
  }

  // Removes `constraint` and tries the constraints it left unsatisfied, strongest first.
  incrementalRemove(constraint) {
    const out = constraint.output();
    constraint.markUnsatisfied();
    constraint.removeFromGraph();
    const unsatisfied = this.removePropagateFrom(out);
    for (let strength = REQUIRED; strength <= WEAKEST; strength++) {
      for (const c of unsatisfied) {
        if (c.strength === strength) this.incrementalAdd(c);
      }
    }
  }

  // Orders the constraints reachable downstream of `sources` so that each runs after its inputs.
  makePlan(sources) {
    const mark = this.nextMark();
    const plan = new Plan();
    const todo = sources.slice();
    while (todo.length > 0) {
      const c = todo.pop();
      const out = c.output();
      if (out.mark !== mark && c.inputsKnown(mark)) {
        plan.steps.push(c);
        out.mark = mark;
        this.consumersOf(out, todo);
      }
    }
    return plan;
  }

  planFrom(constraints) {
    return this.makePlan(constraints.filter((c) => c.isInput() && c.isSatisfied()));
  }

  // Recomputes walkabout strengths downstream of a newly satisfied constraint; false on a cycle.
  addPropagate(constraint, mark) {
    const todo = [constraint];
    while (todo.length > 0) {
      const c = todo.pop();
      if (c.output().mark === mark) {
        this.incrementalRemove(constraint);
        return false;
      }
      c.recalculate();
      this.consumersOf(c.output(), todo);
    }
    return true;
  }

  // Resets everything downstream of `out` and returns the constraints found unsatisfied.
  removePropagateFrom(out) {
    out.determinedBy = null;
    out.walkStrength = WEAKEST;
    out.stay = true;
    const unsatisfied = [];
    const todo = [out];
    while (todo.length > 0) {
      const v = todo.pop();
      for (const c of v.constraints) {
        if (!c.isSatisfied()) unsatisfied.push(c);
      }
      for (const c of v.constraints) {
        if (c !== v.determinedBy && c.isSatisfied()) {
          c.recalculate();
          todo.push(c.output());
        }
      }
    }
    return unsatisfied;
  }

  consumersOf(variable, into) {
    for (const c of variable.constraints) {
      if (c !== variable.determinedBy && c.isSatisfied()) into.push(c);
    }
  }
}

// A chain v0 = v1 = ... = vn with a stay on the last and edits pushed in at the first.
function chainTest(n) {
  const planner = new Planner();
  const vars = [];
  for (let i = 0; i <= n; i++) vars.push(new Variable("v" + i, 0));
  for (let i = 0; i < n; i++) new EqualityConstraint(vars[i], vars[i + 1], REQUIRED).install(planner);
  const first = vars[0];
  const last = vars[n];
  new StayConstraint(last, STRONG_DEFAULT).install(planner);
  const edit = new EditConstraint(first, PREFERRED).install(planner);
  const plan = planner.planFrom([edit]);
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    first.value = i;
    plan.execute();
    if (last.value !== i) throw new Error("deltablue: chain computed " + last.value + ", wanted " + i);
    sum += last.value;
  }
  edit.uninstall(planner);
  return sum + plan.steps.length;
}

// Sets `variable` to `value` through an edit constraint, re-planning around it.
function change(planner, variable, value) {
  const edit = new EditConstraint(variable, PREFERRED).install(planner);
  const plan = planner.planFrom([edit]);
  for (let i = 0; i < 10; i++) {
    variable.value = value;
    plan.execute();
  }
  edit.uninstall(planner);
}

// Many destinations, each dst = src * scale + offset, edited from both ends.
function projectionTest(n) {
  const planner = new Planner();
  const scale = new Variable("scale", 10);
  const offset = new Variable("offset", 1000);
  const dests = [];
  let src = null;
  let dst = null;
  for (let i = 0; i < n; i++) {
    src = new Variable("src" + i, i);
    dst = new Variable("dst" + i, i);
    dests.push(dst);
    new StayConstraint(src, NORMAL).install(planner);
    new ScaleConstraint(src, scale, offset, dst, REQUIRED).install(planner);
  }
  let sum = 0;
  const expect = (actual, wanted) => {
    if (actual !== wanted) throw new Error("deltablue: projection computed " + actual + ", wanted " + wanted);
    sum += actual;
  };
  change(planner, src, 17);
  expect(dst.value, 1170);
  change(planner, dst, 1050);
  expect(src.value, 5);
  change(planner, scale, 5);
  for (let i = 0; i < n - 1; i++) expect(dests[i].value, i * 5 + 1000);
  change(planner, offset, 2000);
  for (let i = 0; i < n - 1; i++) expect(dests[i].value, i * 5 + 2000);
  return sum;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = chainTest(CHAIN_LENGTH) * 1000003 + projectionTest(PROJECTION_SIZE);
    if (checksum !== -1 && c !== checksum) throw new Error("deltablue: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 5051361838;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("deltablue: checksum " + result + ", expected " + EXPECTED);
}
result;
