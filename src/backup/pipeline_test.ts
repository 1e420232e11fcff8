import { assert, assertEquals } from "../../tests/assert.ts";
import { OrderedStages, type Step } from "./pipeline.ts";

/** An item whose read and write are completed by the test, logging its stages. */
class Item implements Step {
  read = false;
  written = false;
  constructor(readonly name: string, readonly log: string[], readonly needsWrite = true) {}
  decidable(): boolean {
    return this.read;
  }
  decide(): void {
    this.log.push(`decide ${this.name}`);
  }
  finishable(): boolean {
    return !this.needsWrite || this.written;
  }
  finish(): void {
    this.log.push(`finish ${this.name}`);
  }
}

Deno.test("OrderedStages: reads done out of order decide and finish in push order", () => {
  const log: string[] = [];
  const s = new OrderedStages({ maxItems: 10 });
  const [a, b, c] = ["a", "b", "c"].map((n) => new Item(n, log));
  for (const i of [a, b, c]) s.push(i);
  c.read = true;
  b.read = true;
  s.poke();
  assertEquals(log, [], "b and c decided before a");
  a.read = true;
  s.poke();
  assertEquals(log, ["decide a", "decide b", "decide c"]);
  c.written = true;
  b.written = true;
  s.poke();
  assertEquals(log.length, 3, "finished before a");
  a.written = true;
  s.poke();
  assertEquals(log.slice(3), ["finish a", "finish b", "finish c"]);
  assertEquals(s.pending, 0);
});

Deno.test("OrderedStages: an item with nothing to read finishes at once when idle, else in its turn", () => {
  const log: string[] = [];
  const s = new OrderedStages({ maxItems: 10 });
  s.pushFinish(() => void log.push("leave 1"));
  assertEquals(log, ["leave 1"]);
  const a = new Item("a", log);
  s.push(a);
  s.pushFinish(() => void log.push("leave 2"));
  assertEquals(log, ["leave 1"]);
  a.read = a.written = true;
  s.poke();
  assertEquals(log, ["leave 1", "decide a", "finish a", "leave 2"]);
});

Deno.test("OrderedStages: a barrier holds back later decisions until it has finished, async too", async () => {
  const log: string[] = [];
  const s = new OrderedStages({ maxItems: 10 });
  const a = new Item("a", log);
  s.push(a);
  let release!: () => void;
  s.pushFinish(() => {
    log.push("barrier starts");
    return new Promise<void>((r) => release = r).then(() => void log.push("barrier ends"));
  }, { barrier: true });
  const b = new Item("b", log);
  s.push(b);
  b.read = true;
  a.read = a.written = true;
  s.poke();
  assertEquals(log, ["decide a", "finish a", "barrier starts"]);
  assert(s.room() === undefined, "a running finish took the whole window");
  release();
  await new Promise((r) => setTimeout(r, 0));
  assertEquals(log.slice(3), ["barrier ends", "decide b"]);
  b.written = true;
  s.poke();
  await s.drain();
  assertEquals(log.at(-1), "finish b");
});

Deno.test("OrderedStages: the window makes the walk wait; the first error ends everything", async () => {
  const log: string[] = [];
  const s = new OrderedStages({ maxItems: 2 });
  const a = new Item("a", log, false);
  const b = new Item("b", log, false);
  s.push(a);
  assertEquals(s.room(), undefined);
  s.push(b);
  const room = s.room();
  assert(room !== undefined, "no wait with the window full");
  a.read = true;
  s.poke();
  await room;
  assertEquals(log, ["decide a", "finish a"]);
  const failing: Step = {
    decidable: () => true,
    decide: () => {
      throw new Error("boom");
    },
    finishable: () => true,
    finish: () => {},
  };
  s.push(failing);
  let thrown: unknown;
  try {
    s.pushFinish(() => void log.push("never"));
  } catch (err) {
    thrown = err;
  }
  // b had not decided, so the failing item waited; it fails once b is through.
  b.read = true;
  s.poke();
  if (!thrown) {
    thrown = await s.drain().then(() => undefined, (e) => e);
  }
  assertEquals((thrown as Error)?.message, "boom");
  assert(!log.includes("never"), log.join(","));
  let again: unknown;
  try {
    s.push(new Item("c", log));
  } catch (err) {
    again = err;
  }
  assertEquals((again as Error)?.message, "boom");
});
