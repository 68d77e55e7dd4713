// Deploy a flow, start it, follow its events to the end and read its outputs.
// Run against a server: AISPINE_URL=http://127.0.0.1:9325 AISPINE_TOKEN=ask_… node quickstart.js
import { AispineClient, UnprocessableError } from "@aispine/client";

const FLOW = `
id: quickstart-ts
version: 1.0.0
inputs:
  name: {type: string, required: true}
nodes:
  - id: greet
    agent: echo
    with: {message: "Hello, \${inputs.name}!"}
outputs:
  message: "\${nodes.greet.output.message}"
`;

const client = new AispineClient(process.env.AISPINE_URL!, { token: process.env.AISPINE_TOKEN });
// a local development server lets the author approve their own draft as it is deployed
await client.deployFlow(FLOW, { approve: true });
const started = await client.startExecution("quickstart-ts", { name: "Ada" });

// Each event comes once, in order; after a dropped connection the stream reconnects with
// Last-Event-ID by itself. The loop ends after the execution's terminal event.
for await (const event of client.stream(started.id)) {
  console.log(event.seq, event.type, event.node ?? "");
}

const done = await client.getExecution(started.id);
console.log(done.status, done.outputs?.message);

try {
  await client.startExecution("quickstart-ts", { name: 42 });
} catch (e) {
  if (!(e instanceof UnprocessableError)) throw e;
  console.log(e.kind, e.errors[0]!.pointer, e.errors[0]!.detail); // the server's problem+json, typed
}
