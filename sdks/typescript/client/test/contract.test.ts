/** The client against the running server's /openapi.json: every operation it calls exists with
 * the method, path and parameters it uses, and every field it reads is in the answer's schema. */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { OPERATIONS } from "../src/operations.js";
import { server } from "./env.js";
import { OpenApiCheck } from "./openapi-check.js";

function check(doc: Record<string, any>): OpenApiCheck {
  const c = new OpenApiCheck(doc);
  for (const [name, op] of Object.entries(OPERATIONS)) c.operation(name, op);
  return c;
}

describe("the OpenAPI contract", () => {
  let doc: Record<string, any>;
  before(async () => {
    doc = (await (await fetch(`${server().url}/openapi.json`)).json()) as Record<string, any>;
  });

  it("every operation and field the client uses is in the server's /openapi.json", () => {
    const c = check(doc);
    console.log(`checked ${Object.keys(OPERATIONS).length} operations; ${new Set(c.unchecked).size} fields under free-form schemas could not be checked`);
    assert.deepEqual(c.problems, []);
  });

  it("a renamed route, parameter or field is caught", () => {
    const d = structuredClone(doc);
    d.paths["/api/v1/executions/{id}/abort"] = d.paths["/api/v1/executions/{id}/cancel"];
    delete d.paths["/api/v1/executions/{id}/cancel"];
    const props = d.components.schemas.ExecutionSummary.properties;
    props.state = props.status;
    delete props.status;
    const listing = d.paths["/api/v1/executions"].get;
    listing.parameters = listing.parameters.filter((p: any) => p.name !== "cursor");
    d.components.schemas.Approval.properties.created_at = { type: "integer" };

    const problems = check(d).problems.join("\n");

    assert.match(problems, /cancelExecution \(POST \/api\/v1\/executions\/\{id\}\/cancel\): no such operation/);
    assert.match(problems, /reads field 'status' the spec does not declare/);
    assert.match(problems, /sends query parameter 'cursor' the spec does not declare/);
    assert.match(problems, /created_at: the client reads string, the spec says \[integer\]/);
  });
});
