/** Checks the client's operations table and readers against the server's OpenAPI document. */
import type { Operation } from "../src/operations.js";
import { type Kind, type Shape, Wire } from "../src/wire.js";

type Schema = Record<string, any>;

/** Collects every way the client's use of the API differs from what `/openapi.json` says. */
export class OpenApiCheck {
  readonly problems: string[] = [];
  readonly unchecked: string[] = [];

  constructor(private readonly doc: Schema) {}

  /** Checks one operation: route, parameters, body and the fields read from the answer. */
  operation(name: string, op: Operation): void {
    const where = `${name} (${op.method} ${op.path})`;
    const spec = this.doc.paths?.[op.path]?.[op.method.toLowerCase()];
    if (!spec) {
      this.problems.push(`${where}: no such operation in /openapi.json`);
      return;
    }
    const byPlace: Record<string, Record<string, Schema>> = {};
    for (const raw of spec.parameters ?? []) {
      const p = this.resolve(raw);
      (byPlace[p.in] ??= {})[p.name.toLowerCase()] = p;
    }
    const template = [...op.path.matchAll(/{(\w+)}/g)].map((m) => m[1]!).sort();
    const declared = Object.keys(byPlace.path ?? {}).sort();
    if (template.join() !== declared.join()) this.problems.push(`${where}: path parameters [${template}], spec has [${declared}]`);
    for (const [place, sent] of [["query", op.query ?? []], ["header", op.headers ?? []]] as const) {
      const specParams = byPlace[place] ?? {};
      for (const n of sent) if (!(n.toLowerCase() in specParams)) this.problems.push(`${where}: sends ${place} parameter '${n}' the spec does not declare`);
      for (const [n, p] of Object.entries(specParams)) {
        if (p.required && !sent.some((s) => s.toLowerCase() === n)) this.problems.push(`${where}: never sends required ${place} parameter '${p.name}'`);
      }
    }
    this.requestBody(where, op, spec);
    this.answer(where, op, spec);
  }

  private requestBody(where: string, op: Operation, spec: Schema): void {
    const body = spec.requestBody ? this.resolve(spec.requestBody) : null;
    if (!op.contentType) {
      if (body?.required) this.problems.push(`${where}: the spec requires a body, the client sends none`);
      return;
    }
    if (!body) {
      this.problems.push(`${where}: sends a ${op.contentType} body the spec does not take`);
      return;
    }
    const media = body.content?.[op.contentType];
    if (!media) {
      this.problems.push(`${where}: sends ${op.contentType}, spec takes [${Object.keys(body.content ?? {})}]`);
      return;
    }
    const schema = this.resolve(media.schema ?? {});
    for (const f of op.body ?? []) {
      if (schema.properties && !(f in schema.properties)) this.problems.push(`${where}: sends body field '${f}' the spec does not declare`);
    }
    for (const f of schema.required ?? []) {
      if (!(op.body ?? []).includes(f)) this.problems.push(`${where}: never sends required body field '${f}'`);
    }
  }

  private answer(where: string, op: Operation, spec: Schema): void {
    const ok = Object.entries(spec.responses ?? {}).filter(([code]) => code.startsWith("2"));
    if (ok.length === 0) {
      this.problems.push(`${where}: the spec declares no 2xx answer`);
      return;
    }
    const wanted = op.eventStream ? "text/event-stream" : "application/json";
    for (const [code, raw] of ok) {
      if (code === "204") continue; // No Content: nothing to read
      const media = this.resolve(raw as Schema).content?.[wanted];
      if (!media) this.problems.push(`${where}: answer ${code} is not ${wanted} in the spec`);
      else if (op.answer) this.shape(Wire.describe(op.answer as never), media.schema ?? {}, `${where} ${code}`);
    }
  }

  /** Checks that what a reader reads (and every field under it) fits a schema. */
  shape(shape: Shape, raw: Schema, where: string): void {
    let schema = this.resolve(raw);
    for (const key of ["anyOf", "oneOf"]) {
      if (schema[key]) {
        const branches: Schema[] = schema[key].map((b: Schema) => this.resolve(b));
        const real = branches.filter((b) => b.type !== "null");
        if (real.length < branches.length && !shape.nullable) this.problems.push(`${where}: may be null in the spec, the client does not expect it`);
        if (real.length === 1) this.shape(shape, real[0]!, where);
        else this.unchecked.push(where);
        return;
      }
    }
    if (schema.allOf) {
      const properties: Schema = {};
      for (const part of schema.allOf) Object.assign(properties, this.resolve(part).properties ?? {});
      schema = { type: "object", properties };
    }
    const kinds = specKinds(schema);
    if (kinds.has("null") && !shape.nullable) this.problems.push(`${where}: may be null in the spec, the client does not expect it`);
    const accepted: Kind[] = shape.kind === "number" ? ["number", "integer"] : [shape.kind];
    if (shape.kind !== "any" && kinds.size > 0 && !accepted.some((k) => kinds.has(k))) {
      this.problems.push(`${where}: the client reads ${shape.kind}, the spec says [${[...kinds].sort()}]`);
      return;
    }
    if (shape.fields) {
      for (const [name, field] of Object.entries(shape.fields)) {
        if (!schema.properties) this.unchecked.push(`${where}.${name}`);
        else if (!(name in schema.properties)) this.problems.push(`${where}: reads field '${name}' the spec does not declare`);
        else this.shape(field, schema.properties[name], `${where}.${name}`);
      }
    }
    if (shape.items && schema.items) this.shape(shape.items, schema.items, `${where}[]`);
    if (shape.values && typeof schema.additionalProperties === "object") this.shape(shape.values, schema.additionalProperties, `${where}{}`);
  }

  /** Follows local `$ref`s. */
  resolve(node: Schema): Schema {
    while (node && typeof node === "object" && "$ref" in node) {
      let target: any = this.doc;
      for (const part of String(node.$ref).replace(/^#\//, "").split("/")) target = target[part];
      node = target;
    }
    return node;
  }
}

function specKinds(schema: Schema): Set<Kind | "null"> {
  const t = schema.type;
  if (typeof t === "string") return new Set([t as Kind]);
  if (Array.isArray(t)) return new Set(t as (Kind | "null")[]);
  if (Array.isArray(schema.enum)) {
    return new Set(
      schema.enum.map((v: unknown) =>
        v === null ? "null" : typeof v === "string" ? "string" : typeof v === "boolean" ? "boolean" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : "object",
      ),
    );
  }
  if (schema.properties) return new Set(["object"]);
  return new Set();
}
