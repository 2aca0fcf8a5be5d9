// richards.js: an operating-system task scheduler simulation after Martin Richards' classic
// benchmark, written from scratch for moat. Task control blocks sit in a priority-ordered list;
// tasks (idle, worker, two handlers, two devices) exchange packets through per-task queues.
// Object-heavy, with a polymorphic `run` call in the scheduler's inner loop.
//
// Plain ES2020 script, no host APIs. The checksum (completion value, also in `result`) combines
// the scheduler's queue and hold counters; the file throws if it is not the expected value.

const ITERATIONS = 25;
const IDLE_COUNT = 10000;

const ID_IDLE = 0;
const ID_WORKER = 1;
const ID_HANDLER_A = 2;
const ID_HANDLER_B = 3;
const ID_DEVICE_A = 4;
const ID_DEVICE_B = 5;
const TASK_COUNT = 6;

const KIND_DEVICE = 0;
const KIND_WORK = 1;
const PAYLOAD_SIZE = 4;

class Packet {
  constructor(next, destination, kind) {
    this.next = next;
    this.destination = destination;
    this.kind = kind;
    this.datum = 0;
    this.payload = [0, 0, 0, 0];
  }

  // Appends this packet (alone) at the end of `queue` and returns the new head.
  appendTo(queue) {
    this.next = null;
    if (queue === null) return this;
    let last = queue;
    while (last.next !== null) last = last.next;
    last.next = this;
    return queue;
  }
}

// A task control block: scheduling state plus the task object whose `run` does the work.
class Tcb {
  constructor(next, id, priority, queue, task) {
    this.next = next;
    this.id = id;
    this.priority = priority;
    this.queue = queue;
    this.task = task;
    this.packetPending = queue !== null;
    this.waiting = false;
    this.held = false;
  }

  isRunnable() {
    return !this.held && (!this.waiting || this.packetPending);
  }

  // Takes the next packet off the queue (or none when only waking up).
  takePacket() {
    if (!this.waiting || !this.packetPending) return null;
    const packet = this.queue;
    this.queue = packet.next;
    this.packetPending = this.queue !== null;
    this.waiting = false;
    return packet;
  }

  // Delivers `packet`; returns true when this task should preempt the one running at `priority`.
  receive(packet, priority) {
    if (this.queue === null) {
      this.queue = packet;
      this.packetPending = true;
      return this.priority > priority;
    }
    this.queue = packet.appendTo(this.queue);
    return false;
  }
}

class Scheduler {
  constructor() {
    this.tcbs = new Array(TASK_COUNT).fill(null);
    this.list = null;
    this.current = null;
    this.queueCount = 0;
    this.holdCount = 0;
  }

  add(id, priority, queue, task) {
    const tcb = new Tcb(this.list, id, priority, queue, task);
    this.list = tcb;
    this.tcbs[id] = tcb;
    return tcb;
  }

  // Runs the highest-priority runnable task until none is left.
  schedule() {
    this.current = this.list;
    while (this.current !== null) {
      const tcb = this.current;
      if (tcb.isRunnable()) {
        this.current = tcb.task.run(this, tcb.takePacket());
      } else {
        this.current = tcb.next;
      }
    }
  }

  release(id) {
    const tcb = this.tcbs[id];
    tcb.held = false;
    return tcb.priority > this.current.priority ? tcb : this.current;
  }

  holdCurrent() {
    this.holdCount++;
    this.current.held = true;
    return this.current.next;
  }

  waitCurrent() {
    this.current.waiting = true;
    return this.current;
  }

  send(packet) {
    const target = this.tcbs[packet.destination];
    this.queueCount++;
    packet.next = null;
    packet.destination = this.current.id;
    return target.receive(packet, this.current.priority) ? target : this.current;
  }
}

class IdleTask {
  constructor(count) {
    this.seed = 1;
    this.count = count;
  }

  run(scheduler, packet) {
    this.count--;
    if (this.count === 0) return scheduler.holdCurrent();
    if ((this.seed & 1) === 0) {
      this.seed = this.seed >> 1;
      return scheduler.release(ID_DEVICE_A);
    }
    this.seed = (this.seed >> 1) ^ 0xd008;
    return scheduler.release(ID_DEVICE_B);
  }
}

class WorkerTask {
  constructor() {
    this.handler = ID_HANDLER_A;
    this.letter = 0;
  }

  run(scheduler, packet) {
    if (packet === null) return scheduler.waitCurrent();
    this.handler = this.handler === ID_HANDLER_A ? ID_HANDLER_B : ID_HANDLER_A;
    packet.destination = this.handler;
    packet.datum = 0;
    for (let i = 0; i < PAYLOAD_SIZE; i++) {
      this.letter = (this.letter + 1) % 26;
      packet.payload[i] = 65 + this.letter;
    }
    return scheduler.send(packet);
  }
}

class HandlerTask {
  constructor() {
    this.work = null;
    this.devices = null;
  }

  run(scheduler, packet) {
    if (packet !== null) {
      if (packet.kind === KIND_WORK) this.work = packet.appendTo(this.work);
      else this.devices = packet.appendTo(this.devices);
    }
    if (this.work !== null) {
      const work = this.work;
      const index = work.datum;
      if (index >= PAYLOAD_SIZE) {
        // The work packet is exhausted: hand it back to the worker.
        this.work = work.next;
        return scheduler.send(work);
      }
      if (this.devices !== null) {
        const device = this.devices;
        this.devices = device.next;
        device.datum = work.payload[index];
        work.datum = index + 1;
        return scheduler.send(device);
      }
    }
    return scheduler.waitCurrent();
  }
}

class DeviceTask {
  constructor() {
    this.pending = null;
  }

  run(scheduler, packet) {
    if (packet === null) {
      if (this.pending === null) return scheduler.waitCurrent();
      const done = this.pending;
      this.pending = null;
      return scheduler.send(done);
    }
    this.pending = packet;
    return scheduler.holdCurrent();
  }
}

// Builds the six tasks and their initial packets, runs the scheduler to completion and returns
// a checksum of its counters.
function runRichards() {
  const scheduler = new Scheduler();
  // Added lowest priority first, so the list (built by prepending) is highest priority first.
  scheduler.add(ID_IDLE, 0, null, new IdleTask(IDLE_COUNT));

  let work = new Packet(null, ID_WORKER, KIND_WORK);
  work = new Packet(work, ID_WORKER, KIND_WORK);
  scheduler.add(ID_WORKER, 1000, work, new WorkerTask());

  let devA = new Packet(null, ID_DEVICE_A, KIND_DEVICE);
  devA = new Packet(devA, ID_DEVICE_A, KIND_DEVICE);
  devA = new Packet(devA, ID_DEVICE_A, KIND_DEVICE);
  scheduler.add(ID_HANDLER_A, 2000, devA, new HandlerTask());

  let devB = new Packet(null, ID_DEVICE_B, KIND_DEVICE);
  devB = new Packet(devB, ID_DEVICE_B, KIND_DEVICE);
  devB = new Packet(devB, ID_DEVICE_B, KIND_DEVICE);
  scheduler.add(ID_HANDLER_B, 3000, devB, new HandlerTask());

  scheduler.add(ID_DEVICE_A, 4000, null, new DeviceTask());
  scheduler.add(ID_DEVICE_B, 5000, null, new DeviceTask());

  // Every task but the idle one starts waiting for a packet; the devices start held-free.
  for (let tcb = scheduler.list; tcb !== null; tcb = tcb.next) {
    if (tcb.id !== ID_IDLE) tcb.waiting = true;
  }

  scheduler.schedule();
  return scheduler.queueCount * 100000 + scheduler.holdCount;
}

function runAll() {
  let checksum = -1;
  for (let i = 0; i < ITERATIONS; i++) {
    const c = runRichards();
    if (checksum !== -1 && c !== checksum) throw new Error("richards: iterations disagree");
    checksum = c;
  }
  return checksum;
}

const EXPECTED = 2324609297;
var result = runAll();
if (result !== EXPECTED) {
  throw new Error("richards: checksum " + result + ", expected " + EXPECTED);
}
result;
