/** The client against a real AI Spine server (AISPINE_URL, AISPINE_TOKEN). */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  AispineClient,
  ConflictError,
  type EventStream,
  ForbiddenError,
  LockedError,
  NotFoundError,
  type StreamEvent,
  UnauthorizedError,
  UnprocessableError,
} from "../src/index.js";
import { client as newClient, server } from "./env.js";
import { CuttingProxy } from "./proxy.js";

const GREET = `
id: ts-greet
version: 1.0.0
inputs:
  name: {type: string, required: true}
nodes:
  - id: greet
    agent: echo
    with: {message: "Hello, \${inputs.name}!"}
  - id: shout
    agent: echo
    needs: [greet]
    with: {message: "\${nodes.greet.output.message}!!"}
outputs:
  message: "\${nodes.shout.output.message}"
`;

const REVIEW = `
id: ts-review
version: 1.0.0
nodes:
  - id: quote
    agent: echo
    with: {amount: 120}
  - id: review
    type: approval
    needs: quote
    message: "Refund \${nodes.quote.output.amount} EUR?"
  - id: pay
    agent: echo
    needs: review
    with: {approved: "\${nodes.review.output.approved}"}
`;

/** The events of `stream` up to its end, or up to the first of type `until` (the stream stays open). */
async function follow(stream: EventStream, until?: string): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  const it = stream[Symbol.asyncIterator]();
  for (;;) {
    const next = await it.next();
    if (next.done) return events;
    events.push(next.value);
    if (next.value.type === until) return events;
  }
}

/** Like `follow`, going on with an iterator already begun. */
async function rest(it: AsyncIterator<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for (let next = await it.next(); !next.done; next = await it.next()) events.push(next.value);
  return events;
}

function assertContiguous(events: StreamEvent[]): void {
  assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), "a gap or a duplicate");
  assert.equal(events[events.length - 1]!.type, "execution.completed");
}

describe("the client against a real server", () => {
  let client: AispineClient;
  before(async () => {
    client = newClient();
    await client.deployFlow(GREET, { approve: true });
    await client.deployFlow(REVIEW, { approve: true });
  });

  it("deploys, starts and follows an execution to its end", async () => {
    const again = await client.deployFlow(GREET, { approve: true });
    assert.equal(again.created, false);
    assert.deepEqual(again.flow.nodes.map((n) => n.id), ["greet", "shout"]);
    assert.ok((await client.listFlows()).some((f) => f.id === "ts-greet"));
    assert.deepEqual((await client.listFlowVersions("ts-greet")).map((f) => f.version), ["1.0.0"]);
    assert.equal((await client.getFlowVersion("ts-greet", "1.0.0")).inputs.name!.type, "string");

    const started = await client.startExecution("ts-greet", { name: "Ada" });
    const events = await follow(client.stream(started.id));

    assertContiguous(events);
    assert.deepEqual(new Set(events.map((e) => e.executionId)), new Set([started.id]));
    const done = await client.getExecution(started.id);
    assert.equal(done.status, "succeeded");
    assert.equal(done.outputs?.message, "Hello, Ada!!!");
    assert.ok(done.createdAt instanceof Date);
    assert.deepEqual((await client.history(started.id)).map((e) => e.seq), events.map((e) => e.seq));
  });

  it("a stream closed midway resumes after its last event id", async () => {
    const started = await client.startExecution("ts-review");
    const first = client.stream(started.id);
    const before = await follow(first, "approval.requested");
    first.close();
    await client.approve(String(before[before.length - 1]!.data.approval_id));

    const after = await follow(client.stream(started.id, first.lastEventId));

    assertContiguous([...before, ...after]);
  });

  it("a dropped connection reconnects and loses no event", async () => {
    const proxy = await CuttingProxy.start(Number(new URL(client.baseUrl).port));
    try {
      const started = await client.startExecution("ts-review");
      const stream = newClient(proxy.url).stream(started.id);
      const it = stream[Symbol.asyncIterator]();
      const events: StreamEvent[] = [];
      while (events[events.length - 1]?.type !== "approval.requested") events.push((await it.next()).value as StreamEvent);

      proxy.cut(); // the network drops the stream's connection under it
      await client.approve(String(events[events.length - 1]!.data.approval_id));
      events.push(...(await rest(it)));

      assertContiguous(events);
      assert.equal(stream.reconnects, 1);
      assert.equal(proxy.accepted, 2);
    } finally {
      proxy.close();
    }
  });

  it("an approval is listed and answered once", async () => {
    const started = await client.startExecution("ts-review");
    const stream = client.stream(started.id);
    await follow(stream, "approval.requested");
    stream.close();

    const pending = await client.listApprovals({ execution: started.id, statuses: ["pending"] });
    assert.equal(pending.items.length, 1);
    const approval = pending.items[0]!;
    assert.deepEqual([approval.node, approval.message], ["review", "Refund 120 EUR?"]);

    const answered = await client.reject(approval.id, "no receipt");
    assert.deepEqual([answered.status, answered.comment], ["rejected", "no receipt"]);
    await assert.rejects(client.approve(approval.id), (e: unknown) => e instanceof ConflictError && e.status === 409 && e.kind === "conflict");
    const events = await follow(client.stream(started.id));
    assert.equal(events[events.length - 1]!.type, "execution.completed");
    const review = (await client.getExecution(started.id)).nodes[1]!;
    assert.equal((review.output as { approved: boolean }).approved, false);
  });

  it("bad input is a typed problem with its fields", async () => {
    const typo = GREET.replace("needs: [greet]", "needs: [gret]");
    await assert.rejects(client.deployFlow(typo), (e: unknown) => {
      assert.ok(e instanceof UnprocessableError);
      assert.deepEqual([e.status, e.kind], [422, "invalid-flow"]);
      const error = e.errors.find((f) => /did you mean 'greet'/.test(f.detail ?? ""));
      assert.ok(error, e.message);
      assert.equal(error.line, typo.split("\n").findIndex((l) => l.includes("[gret]")) + 1);
      assert.notEqual(error.column, null);
      return true;
    });
    await assert.rejects(client.startExecution("ts-greet", { name: 42 }), (e: unknown) => {
      assert.ok(e instanceof UnprocessableError);
      assert.deepEqual([e.kind, e.errors[0]!.pointer], ["invalid-inputs", "/inputs/name"]);
      return true;
    });
    await assert.rejects(client.getExecution("ex_00000000000000000000000000"), (e: unknown) => e instanceof NotFoundError && e.path === "/api/v1/executions/ex_00000000000000000000000000");
    await assert.rejects(new AispineClient(client.baseUrl, { token: "not-a-key" }).listFlows(), UnauthorizedError);
  });

  it("pages through executions with the next cursor", async () => {
    const flow = `ts-paging-${Date.now()}`; // a flow of its own: the server may outlive one run
    await client.deployFlow(GREET.replace("ts-greet", flow), { approve: true });
    const started = new Set<string>();
    for (let i = 0; i < 5; i++) started.add((await client.startExecution(flow, { name: String(i) })).id);

    const sizes: number[] = [];
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await client.listExecutions({ flow, limit: 2, cursor });
      sizes.push(page.items.length);
      seen.push(...page.items.map((e) => e.id));
      if (!page.hasMore) break;
      cursor = page.nextCursor;
    }

    assert.deepEqual(sizes, [2, 2, 1]);
    assert.deepEqual(new Set(seen), started);
    const all: string[] = [];
    for await (const e of client.iterExecutions({ flow, limit: 2 })) all.push(e.id);
    assert.deepEqual(all, seen);
  });

  it("cancels, retries and replays", async () => {
    await client.deployFlow("id: ts-nap\nversion: 1.0.0\nnodes:\n  - id: nap\n    agent: sleep\n    with: {ms: 60000}\n", { approve: true });
    const napping = await client.startExecution("ts-nap");
    await client.cancelExecution(napping.id);
    const napEvents = await follow(client.stream(napping.id));
    assert.equal(napEvents[napEvents.length - 1]!.executionStatus, "cancelled");
    await assert.rejects(client.cancelExecution(napping.id), ConflictError);

    await client.deployFlow("id: ts-flaky\nversion: 1.0.0\nnodes:\n  - id: flaky\n    agent: fail\n    with: {times: 1}\n", { approve: true });
    const flaky = await client.startExecution("ts-flaky");
    const firstRun = client.stream(flaky.id);
    const failed = await follow(firstRun);
    assert.equal(failed[failed.length - 1]!.type, "execution.failed");
    await client.retryExecution(flaky.id);
    // from the start, the stream would end again at the first run's terminal event
    const retried = await follow(client.stream(flaky.id, firstRun.lastEventId));
    assert.equal(retried[retried.length - 1]!.type, "execution.completed");
    assert.equal((await client.getExecution(flaky.id)).status, "succeeded");

    const origin = await client.startExecution("ts-greet", { name: "Ada" });
    await follow(client.stream(origin.id));
    const replay = await client.replayExecution(origin.id, "shout", { inputs: { name: "Bob" } });
    await follow(client.stream(replay.id));
    const done = await client.getExecution(replay.id);
    assert.deepEqual([done.replayOf?.execution, done.replayOf?.from], [origin.id, "shout"]);
    assert.deepEqual(done.nodes.map((n) => n.reused), [true, false]);
    assert.equal(done.outputs?.message, "Hello, Ada!!!"); // greet was reused, not re-run
  });

  it("registers, lists and checks agents", async () => {
    const agent = await client.registerAgent({ url: "http://127.0.0.1:9", name: "ts-reviewer", version: "1.0.0", description: "reviews" });
    assert.deepEqual([agent.kind, agent.latest], ["http", "1.0.0"]);
    assert.ok((await client.listAgents()).some((a) => a.name === "ts-reviewer"));
    assert.equal((await client.getAgent("ts-reviewer")).description, "reviews");
    const version = await client.getAgentVersion("ts-reviewer", "1.0.0");
    assert.deepEqual([version.url, version.signed], ["http://127.0.0.1:9", false]);
    assert.equal((await client.checkAgentHealth("ts-reviewer")).status, "down"); // nothing listens
    assert.equal((await client.checkAgentHealth("echo")).status, "ok");
    assert.ok((await client.healthy()) && (await client.ready()));
  });

  it("the quickstart example runs as documented", async () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const { url, token } = server();
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(here, "..", "examples", "quickstart.js")], {
      env: { ...process.env, AISPINE_URL: url, AISPINE_TOKEN: token },
      timeout: 120_000,
    });
    assert.match(stdout, /succeeded Hello, Ada!/);
    assert.match(stdout, /invalid-inputs \/inputs\/name/);
  });
});

const GATE_V1 = `
id: ts-gate
version: 1.0.0
nodes:
  - id: say
    agent: echo
    with: {message: "one"}
`;
const GATE_V2 = GATE_V1.replace("1.0.0", "1.1.0").replace('"one"', '"two"');

// Panic mode freezes the whole server, so these run here, one after another, and not in a file
// of their own that node --test could run beside this one.
describe("flow approval, panic mode and the audit log", () => {
  let client: AispineClient;
  before(() => {
    client = newClient();
  });

  it("runs a draft only once approved, and a rejected one never", async () => {
    await client.deployFlow(GATE_V1);
    await assert.rejects(client.startExecution("ts-gate", {}, { version: "1.0.0" }), ConflictError);

    const approved = await client.approveFlow("ts-gate", "1.0.0");

    assert.deepEqual([approved.flow, approved.version], ["ts-gate", "1.0.0"]);
    assert.equal(approved.review.status, "approved");
    assert.ok(approved.review.decidedAt instanceof Date);
    await client.startExecution("ts-gate", {}, { version: "1.0.0" });

    await client.deployFlow(GATE_V2);
    const diff = await client.diffFlow("ts-gate", "1.1.0");
    assert.equal(diff.against, "1.0.0");
    assert.match(diff.unified, /\+ {4}with: \{message: "two"\}/);
    assert.deepEqual([diff.added, diff.removed], [2, 2], "the version line and the message line");
    assert.equal((await client.diffFlow("ts-gate", "1.1.0", "1.0.0")).against, "1.0.0");

    const rejected = await client.rejectFlow("ts-gate", "1.1.0", "says two, should say one");

    assert.equal(rejected.review.status, "rejected");
    assert.equal(rejected.review.reason, "says two, should say one");
    await assert.rejects(client.startExecution("ts-gate", {}, { version: "1.1.0" }), ConflictError);
  });

  it("refuses mutations with LockedError while panic mode is on, until it is switched off", async () => {
    const on = await client.setPanic(true, "client drill");
    try {
      assert.equal(on.on, true);
      assert.equal(on.reason, "client drill");
      assert.ok(on.since instanceof Date);
      assert.equal((await client.panicStatus()).on, true);
      await assert.rejects(
        client.deployFlow(GATE_V1.replace("ts-gate", "ts-frozen")),
        (e: unknown) => e instanceof LockedError && e.status === 423,
      );
      await client.listFlows(); // reads still answered
    } finally {
      assert.equal((await client.setPanic(false)).on, false);
    }
    assert.equal((await client.panicStatus()).on, false);
  });

  it("pages through the audit log, whose entries chain and filter", async () => {
    const first = await client.listAudit({ limit: 1 });
    assert.equal(first.items.length, 1);
    assert.equal(first.hasMore, true);

    const entries = [];
    for await (const entry of client.iterAudit({ limit: 2 })) entries.push(entry);
    assert.deepEqual(entries[0], first.items[0]);
    for (let i = 1; i < entries.length; i++) {
      assert.ok(entries[i]!.seq > entries[i - 1]!.seq, "oldest first");
      assert.equal(entries[i]!.prevHash, entries[i - 1]!.hash, `entry ${entries[i]!.seq} does not chain`);
    }

    const ok = (await client.listAudit({ outcome: "ok", limit: 500 })).items;
    assert.ok(ok.length > 0);
    assert.deepEqual([...new Set(ok.map((e) => e.outcome))], ["ok"]);

    const verification = await client.verifyAudit();
    assert.equal(verification.intact, true, verification.reason ?? "");
    assert.ok(verification.entries >= entries.length);
    assert.equal(verification.brokenSeq, null);
  });

  it("sets a secret, lists it without its value, rotates the key and deletes it", async () => {
    const stored = await client.setSecret("ts_token", "s3cr3t-value");
    assert.equal(stored.name, "ts_token");
    const listed = (await client.listSecrets()).find((s) => s.name === "ts_token");
    assert.ok(listed);
    assert.ok(!JSON.stringify(listed).includes("s3cr3t-value"));

    const rotation = await client.rotateSecrets();

    assert.notEqual(rotation.keyVersion, stored.keyVersion, "a new primary key (its id, not a counter)");
    assert.ok(rotation.reencrypted >= 1);
    assert.equal((await client.listSecrets()).find((s) => s.name === "ts_token")?.keyVersion, rotation.keyVersion);
    await client.deleteSecret("ts_token");
    assert.ok(!(await client.listSecrets()).some((s) => s.name === "ts_token"));
    await assert.rejects(client.deleteSecret("ts_token"), NotFoundError);
  });

  it("adds model providers, checks one, makes one the default, and sets a budget", async () => {
    // a loopback port where nothing answers as a provider: the check reports it down
    const added = await client.putProvider("ts_local", { kind: "ollama", baseUrl: "http://127.0.0.1:9/", defaultModel: "llama3", apiKey: "k-never-answered" });
    assert.deepEqual([added.name, added.kind, added.defaultModel, added.hasApiKey], ["ts_local", "ollama", "llama3", true]);
    assert.ok(!JSON.stringify(added).includes("k-never-answered"));
    await client.putProvider("ts_other", { kind: "openai", baseUrl: "http://127.0.0.1:9/v1" });

    assert.equal((await client.makeDefaultProvider("ts_other")).isDefault, true);
    const providers = await client.listProviders();
    assert.deepEqual(providers.filter((p) => p.isDefault).map((p) => p.name), ["ts_other"]);
    const check = await client.testProvider("ts_local");
    assert.deepEqual([check.name, check.status], ["ts_local", "down"]);
    assert.ok(check.error);

    const costs = await client.costs({ groupBy: "flow", from: new Date(Date.now() - 86_400_000) });
    assert.equal(costs.groupBy, "flow");
    assert.equal(costs.costUsd, 0, "no model was called");

    const budget = await client.setBudget({ flow: "ts-gate", period: "daily", limitUsd: 2.5, policy: "hold" });
    assert.deepEqual([budget.flow, budget.period, budget.limitUsd, budget.policy, budget.spentUsd], ["ts-gate", "daily", 2.5, "hold", 0]);
    assert.ok((await client.listBudgets()).some((b) => b.flow === "ts-gate" && b.limitUsd === 2.5));
  });
});

describe("keys and workspaces", () => {
  let owner: AispineClient;
  before(() => {
    owner = newClient();
  });

  it("lets the owner make a workspace and its admin create, list and revoke keys", async () => {
    const created = await owner.createWorkspace("ts-team", { name: "TypeScript team", plan: "startup" });
    assert.deepEqual([created.id, created.name, created.plan], ["ts-team", "TypeScript team", "startup"]);
    assert.ok((await owner.listWorkspaces()).some((w) => w.id === "ts-team"));
    const quota = (w: { quotas: { name: string; limit: number }[] }, name: string) =>
      w.quotas.find((q) => q.name === name)?.limit;
    assert.equal(quota(await owner.getWorkspace("ts-team"), "private_agents"), 3, "the startup plan's");
    const changed = await owner.setQuota("ts-team", { plan: "startup", privateAgents: 5, executionsRunning: -1 });
    assert.deepEqual([quota(changed, "private_agents"), quota(changed, "executions_running")], [5, -1]);

    const admin = await owner.createKey({
      name: "ts-admin",
      role: "admin",
      workspace: "ts-team",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    assert.ok(admin.key && admin.prefix && admin.key.startsWith(admin.prefix), "the key is shown once, with its prefix");
    assert.deepEqual([admin.workspace, admin.role], ["ts-team", "admin"]);
    assert.ok(admin.expiresAt);
    const team = new AispineClient(server().url, { token: admin.key });
    assert.equal((await team.currentWorkspace()).id, "ts-team");

    const viewer = await team.createKey({ name: "ts-viewer", role: "viewer" });
    const listed = (await team.listKeys()).find((k) => k.id === viewer.id);
    assert.ok(listed);
    assert.equal(listed.key, null, "a list never shows a key");
    await assert.rejects(team.listWorkspaces(), ForbiddenError); // the owner's

    await team.revokeKey(viewer.id);

    assert.ok((await team.listKeys()).find((k) => k.id === viewer.id)?.revokedAt);
    await assert.rejects(new AispineClient(server().url, { token: viewer.key ?? "" }).currentWorkspace(), UnauthorizedError);
    await assert.rejects(team.revokeKey("key_nosuch"), NotFoundError);
  });
});
