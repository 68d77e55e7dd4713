// The TypeScript agent SDK (its compiled dist/) over real HTTP on loopback, per docs/agent-contract.md.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  Agent,
  InvalidInputError,
  PermanentError,
  Result,
  RetryableError,
  SignatureVerifier,
  sign,
} from "../dist/index.js";

const SECRET = "s3cr3t-shared-with-the-agent";
const WORKED_BODY = Buffer.from(
  '{"execution_id":"ex_01J9Z8","node":"ocr","attempt":1,"idempotency_key":"ex_01J9Z8/ocr/1",' +
    '"action":null,"input":{"name":"Ada"},"context":{}}',
);
const WORKED_SIGNATURE = "v1,H+VgDZw58/woKmevg7exEg+FpVd33sMCSYQ8ZOjN6jI=";

function callBody(key = "ex_1/greet/1", input = { name: "Ada" }) {
  const [execution_id, node, attempt] = key.split("/");
  return Buffer.from(JSON.stringify({ execution_id, node, attempt: Number(attempt), idempotency_key: key, input }));
}

function send(port, method, path, body = Buffer.alloc(0), headers = {}, { secret = SECRET, timestamp } = {}) {
  const all = { ...headers, "Content-Length": body.length };
  if (method === "POST" && secret) {
    const key = headers["Idempotency-Key"] ?? "ex_1/greet/1";
    const ts = timestamp ?? Math.floor(Date.now() / 1000);
    Object.assign(all, { "AISpine-Id": key, "AISpine-Timestamp": String(ts), "AISpine-Signature": sign(secret, key, ts, body) });
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method, path, headers: all }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode, type: res.headers["content-type"], body: text ? JSON.parse(text) : null });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("agent SDK", () => {
  let server;
  let calls;
  let aborted;
  const execute = (body, headers, options) => send(server.port, "POST", "/execute", body, headers, options);

  beforeEach(async () => {
    calls = [];
    aborted = Promise.withResolvers ? Promise.withResolvers() : (() => { let resolve; const promise = new Promise((r) => (resolve = r)); return { promise, resolve }; })();
    const agent = new Agent({
      name: "greeter",
      version: "1.2.0",
      description: "Greets people.",
      input_schema: { type: "object", required: ["name"] },
      sample_input: { name: "Ada" },
      unknown_field: "dropped",
    }).handle(async (request) => {
      calls.push(request);
      const name = request.input.name;
      if (name === "slow") {
        await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
        aborted.resolve(request.signal.reason);
        return { greeting: "too late" };
      }
      if (name === "throttled") throw new RetryableError("THROTTLED", "the upstream said 429");
      if (name === "nobody") throw new PermanentError("NO_SUCH_PERSON", "nobody is called that");
      if (name === "bug") throw new RangeError("oops");
      if (name === "tokens") return new Result({ greeting: "counted" }, { model: "m", inputTokens: 3, outputTokens: 4, costUsd: 0.5 });
      if (typeof name !== "string") throw new InvalidInputError("input 'name' must be a string");
      return { greeting: `Hello ${name}`, call: calls.length };
    });
    server = await agent.start({ port: 0, secret: SECRET });
  });

  afterEach(() => server.close());

  it("signs the worked example of the contract exactly", () => {
    assert.equal(sign(SECRET, "ex_01J9Z8/ocr/1", 1767225600, WORKED_BODY), WORKED_SIGNATURE);
    new SignatureVerifier([SECRET], 300, () => 1767225600 + 299).verify("ex_01J9Z8/ocr/1", "1767225600", `v0,junk ${WORKED_SIGNATURE}`, WORKED_BODY);
    new SignatureVerifier(["new-secret", SECRET], 300, () => 1767225600).verify("ex_01J9Z8/ocr/1", "1767225600", WORKED_SIGNATURE, WORKED_BODY);
  });

  it("refuses stale timestamps and other secrets, naming the check", () => {
    assert.throws(
      () => new SignatureVerifier([SECRET], 300, () => 1767225600 + 301).verify("ex_01J9Z8/ocr/1", "1767225600", WORKED_SIGNATURE, WORKED_BODY),
      /is 301 s away from now, more than the 300 s allowed/,
    );
    assert.throws(
      () => new SignatureVerifier(["other"], 300, () => 1767225600).verify("ex_01J9Z8/ocr/1", "1767225600", WORKED_SIGNATURE, WORKED_BODY),
      /no v1 signature in AISpine-Signature matches the body/,
    );
  });

  it("answers unsigned, stale and wrongly signed calls with 401 problems", async () => {
    let answer = await execute(callBody(), {}, { secret: "" });
    assert.deepEqual([answer.status, answer.type], [401, "application/problem+json"]);
    assert.equal(answer.body.type, "urn:aispine:problem:invalid-signature");
    assert.equal(answer.body.detail, "missing header AISpine-Id");
    answer = await execute(callBody(), {}, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    assert.equal(answer.status, 401);
    assert.match(answer.body.detail, /s away from now/);
    answer = await execute(callBody(), {}, { secret: "not-the-secret" });
    assert.equal(answer.status, 401);
    assert.doesNotMatch(JSON.stringify(answer.body), new RegExp(SECRET));
    assert.equal(calls.length, 0);
  });

  it("answers health and manifest with the manifest's name and version", async () => {
    assert.deepEqual(await send(server.port, "GET", "/health"), {
      status: 200,
      type: "application/json",
      body: { status: "ok", name: "greeter", version: "1.2.0" },
    });
    const { body } = await send(server.port, "GET", "/manifest");
    assert.deepEqual(body.sample_input, { name: "Ada" });
    assert.equal(body.category, "general");
    assert.equal(body.unknown_field, undefined);
  });

  it("answers other paths and methods with 404 and 405 problems", async () => {
    let answer = await send(server.port, "GET", "/nope");
    assert.equal(answer.status, 404);
    assert.equal(answer.body.detail, "no such endpoint: GET /nope; an agent serves GET /health and POST /execute");
    answer = await send(server.port, "GET", "/execute");
    assert.deepEqual([answer.status, answer.body.type], [405, "urn:aispine:problem:method-not-allowed"]);
  });

  it("listens on loopback unless told otherwise", () => {
    assert.equal(server.host, "127.0.0.1");
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  });

  it("answers a call with output and usage", async () => {
    let answer = await execute(callBody());
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, "success");
    assert.deepEqual(answer.body.output, { greeting: "Hello Ada", call: 1 });
    answer = await execute(callBody("ex_2/greet/1", { name: "tokens" }), { "Idempotency-Key": "ex_2/greet/1" });
    assert.deepEqual(answer.body.usage, { model: "m", input_tokens: 3, output_tokens: 4, cost_usd: 0.5 });
  });

  it("answers typed errors with their code and retryability", async () => {
    const cases = [
      ["throttled", "THROTTLED", true],
      ["nobody", "NO_SUCH_PERSON", false],
      [5, "INVALID_INPUT", false],
    ];
    for (const [i, [name, code, retryable]] of cases.entries()) {
      const key = `ex_${i}/greet/1`;
      const answer = await execute(callBody(key, { name }), { "Idempotency-Key": key });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, "error");
      assert.deepEqual([answer.body.error.code, answer.body.error.retryable], [code, retryable]);
    }
  });

  it("answers a crash with a 500 problem naming the error class only", async () => {
    const answer = await execute(callBody("ex_1/greet/1", { name: "bug" }));
    assert.deepEqual([answer.status, answer.type], [500, "application/problem+json"]);
    assert.equal(answer.body.detail, "greeter failed unexpectedly (RangeError); see the agent server's log");
  });

  it("replays the stored answer to a redelivery and runs a retryable failure again", async () => {
    const first = await execute(callBody());
    const again = await execute(callBody());
    assert.deepEqual(again, first);
    assert.equal(calls.length, 1);
    const key = "ex_3/greet/1";
    await execute(callBody(key, { name: "throttled" }), { "Idempotency-Key": key });
    await execute(callBody(key, { name: "throttled" }), { "Idempotency-Key": key });
    assert.equal(calls.length, 3);
  });

  it("answers TIMEOUT when the deadline passes and aborts the handler's signal", async () => {
    const answer = await execute(callBody("ex_1/greet/1", { name: "slow" }), { "AISpine-Timeout-Ms": "200" });
    assert.deepEqual(answer.body.error, { code: "TIMEOUT", message: "greeter did not finish within 200 ms", retryable: true });
    const reason = await aborted.promise;
    assert.equal(reason.code, "TIMEOUT");
    assert.equal(calls[0].timeoutMs, 200);
  });

  it("puts the traceparent header into the context unless the body has one", async () => {
    const trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await execute(callBody(), { traceparent: trace });
    assert.deepEqual(calls[0].context, { traceparent: trace });
  });

  it("answers malformed calls with 400 problems naming the field", async () => {
    const cases = [
      ["", "the body is empty; send the call as a JSON object", undefined],
      ["{not json", null, undefined],
      ["[]", "the body must be a JSON object, got an array", "/"],
      ['{"execution_id":"e","node":"n","attempt":1,"attempt":2}', "the body is not valid JSON: duplicate field 'attempt'", undefined],
      ['{"execution_id":"e","node":"n","attempt":"two","idempotency_key":"k","input":{}}', "'attempt' must be an integer >= 1, got \"two\"", "/attempt"],
      ['{"execution_id":"e","node":"n","attempt":1,"idempotency_key":"k"}', "missing required field 'input' (a JSON object)", "/input"],
      ['{"execution_id":"e","node":"n","attempt":1,"idempotency_key":"k","input":{}} junk', null, undefined],
    ];
    for (const [body, detail, pointer] of cases) {
      const answer = await execute(Buffer.from(body));
      assert.deepEqual([answer.status, answer.type], [400, "application/problem+json"], body);
      assert.equal(answer.body.type, "urn:aispine:problem:invalid-request");
      if (detail) assert.equal(answer.body.detail, detail);
      assert.equal(answer.body.pointer, pointer, body);
    }
    const answer = await execute(callBody(), { "AISpine-Timeout-Ms": "soon" });
    assert.deepEqual([answer.status, answer.body.detail], [400, "header AISpine-Timeout-Ms must be a whole number of milliseconds > 0"]);
    assert.equal(calls.length, 0);
  });

  it("answers a body over one mebibyte with a 413 problem", async () => {
    const answer = await execute(Buffer.from(`{${" ".repeat(1 << 20)}}`));
    assert.deepEqual([answer.status, answer.body.type], [413, "urn:aispine:problem:body-too-large"]);
  });
});
