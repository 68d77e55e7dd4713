/**
 * Reads JSON answers into the typed models. Every model has a reader written against {@link Wire};
 * the same reader, run on a recording `Wire`, tells which fields it reads ({@link describe}), which
 * is what the OpenAPI contract test checks against the server's `/openapi.json`.
 */

/** The JSON kind a reader expects of a field. */
export type Kind = "string" | "integer" | "number" | "boolean" | "object" | "array" | "any";

/** The shape of what a reader reads: a kind, whether null is expected, and nested fields. */
export interface Shape {
  kind: Kind;
  nullable: boolean;
  fields?: Record<string, Shape>;
  items?: Shape;
  values?: Shape;
}

/** A reader of one model from a JSON object. */
export type Reader<T> = (w: Wire) => T;

/** The server's answer does not have the shape this client expects. */
export class WireError extends Error {
  override name = "WireError";
}

type Json = Record<string, unknown>;

/** Typed access to the fields of one JSON object; in recording mode, notes what is read. */
export class Wire {
  private constructor(
    private readonly json: Json,
    private readonly where: string,
    private readonly shape?: Shape,
  ) {}

  /** Reads `value` (a parsed JSON object) with `read`. */
  static read<T>(read: Reader<T>, value: unknown, where = "$"): T {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new WireError(`the server's answer has ${where} = ${JSON.stringify(value)}, expected an object`);
    }
    return read(new Wire(value as Json, where));
  }

  /** The fields that `read` reads, found by running it on a recording Wire. */
  static describe(read: Reader<unknown>): Shape {
    const shape: Shape = { kind: "object", nullable: false, fields: {} };
    read(new Wire({}, "$", shape));
    return shape;
  }

  /** A required string. */
  str(name: string): string {
    return this.prim(name, "string", false, "") as string;
  }

  /** A string, or null when absent or null. */
  optStr(name: string): string | null {
    return this.prim(name, "string", true, "") as string | null;
  }

  /** A string, or `fallback` when it is not one of `known` (a newer server's value). */
  oneOf<T extends string>(name: string, known: readonly T[], fallback: T): T {
    const value = this.prim(name, "string", false, fallback) as string;
    return (known as readonly string[]).includes(value) ? (value as T) : fallback;
  }

  /** A whole number; `fallback` when absent. */
  int(name: string, fallback?: number): number {
    return this.prim(name, "integer", false, 0, fallback) as number;
  }

  /** A whole number, or null. */
  optInt(name: string): number | null {
    return this.prim(name, "integer", true, 0) as number | null;
  }

  /** A number (whole or not); `fallback` when absent. */
  num(name: string, fallback?: number): number {
    return this.prim(name, "number", false, 0, fallback) as number;
  }

  /** true or false; `fallback` when absent. */
  bool(name: string, fallback?: boolean): boolean {
    return this.prim(name, "boolean", false, false, fallback) as boolean;
  }

  /** true, false or null. */
  optBool(name: string): boolean | null {
    return this.prim(name, "boolean", true, false) as boolean | null;
  }

  /** An RFC 3339 time as a Date, or null. */
  optTime(name: string): Date | null {
    const text = this.prim(name, "string", true, "1970-01-01T00:00:00Z") as string | null;
    return text === null ? null : new Date(text);
  }

  /** Any JSON value, unchecked. */
  any(name: string): unknown {
    if (this.shape) {
      this.note(name, { kind: "any", nullable: true });
      return null;
    }
    return this.json[name] ?? null;
  }

  /** A JSON object of any content; empty when absent. */
  obj(name: string): Record<string, unknown> {
    return (this.optObj(name, false) ?? {}) as Record<string, unknown>;
  }

  /** A JSON object of any content, or null. */
  optObj(name: string, nullable = true): Record<string, unknown> | null {
    if (this.shape) {
      this.note(name, { kind: "object", nullable });
      return {};
    }
    const value = this.json[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== "object" || Array.isArray(value)) this.fail(name, value, "an object");
    return value as Record<string, unknown>;
  }

  /** An object whose values are strings. */
  strMap(name: string): Record<string, string> {
    if (this.shape) {
      this.note(name, { kind: "object", nullable: false, values: { kind: "string", nullable: false } });
      return {};
    }
    const value = this.optObj(name) ?? {};
    for (const [k, v] of Object.entries(value)) if (typeof v !== "string") this.fail(`${name}.${k}`, v, "a string");
    return value as Record<string, string>;
  }

  /** An object whose values are models read with `read`. */
  map<T>(name: string, read: Reader<T>): Record<string, T> {
    if (this.shape) {
      this.note(name, { kind: "object", nullable: false, values: Wire.describe(read) });
      return {};
    }
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(this.optObj(name) ?? {})) out[k] = Wire.read(read, v, `${this.where}.${name}.${k}`);
    return out;
  }

  /** A list of strings; empty when absent. */
  strList(name: string): string[] {
    if (this.shape) {
      this.note(name, { kind: "array", nullable: false, items: { kind: "string", nullable: false } });
      return [];
    }
    const list = this.array(name);
    list.forEach((v, i) => typeof v === "string" || this.fail(`${name}[${i}]`, v, "a string"));
    return list as string[];
  }

  /** A list of models read with `read`; empty when absent. */
  list<T>(name: string, read: Reader<T>): T[] {
    if (this.shape) {
      this.note(name, { kind: "array", nullable: false, items: Wire.describe(read) });
      return [];
    }
    return this.array(name).map((v, i) => Wire.read(read, v, `${this.where}.${name}[${i}]`));
  }

  /** A nested model read with `read`, or null. */
  model<T>(name: string, read: Reader<T>): T | null {
    if (this.shape) {
      this.note(name, { ...Wire.describe(read), nullable: true });
      return null;
    }
    const value = this.json[name];
    return value === undefined || value === null ? null : Wire.read(read, value, `${this.where}.${name}`);
  }

  private array(name: string): unknown[] {
    const value = this.json[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(name, value, "an array");
    return value as unknown[];
  }

  private prim(name: string, kind: Kind, nullable: boolean, placeholder: unknown, fallback?: unknown): unknown {
    if (this.shape) {
      this.note(name, { kind, nullable });
      return placeholder;
    }
    const value = this.json[name];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      if (nullable) return null;
      this.fail(name, value, `a ${kind}`);
    }
    const ok =
      kind === "integer" ? Number.isInteger(value) : kind === "number" ? typeof value === "number" : typeof value === kind;
    if (!ok) this.fail(name, value, `a ${kind}`);
    return value;
  }

  private note(name: string, shape: Shape): void {
    this.shape!.fields![name] = shape;
  }

  private fail(name: string, value: unknown, expected: string): never {
    throw new WireError(`the server's answer has ${this.where}.${name} = ${JSON.stringify(value)}, expected ${expected}`);
  }
}
