/** The agent manifest: what the agent is, takes and gives, served at `GET /manifest`. */
export interface Manifest {
  name: string;
  version: string;
  description: string;
  category: string;
  tags: string[];
  input_schema: Record<string, unknown>;
  output_schema: Record<string, unknown>;
  sample_input: Record<string, unknown>;
  pricing?: Record<string, unknown>;
  limits?: Record<string, unknown>;
  sensitive_actions?: string[];
  sensitive?: boolean;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A manifest with the Java SDK's defaults; unknown fields are dropped, as it drops them. */
export function manifest(fields: Partial<Manifest> & { name: string; version: string }): Manifest {
  const { name, version } = fields;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new TypeError(`agent name '${name}' must be lower-case letters, digits and dashes, like 'ocr-id'`);
  }
  if (typeof version !== "string" || !SEMVER.test(version)) {
    throw new TypeError(`agent version '${version}' is not a semantic version; write it like '1.0.0'`);
  }
  const result: Manifest = {
    name,
    version,
    description: fields.description ?? "",
    category: fields.category ?? "general",
    tags: fields.tags ?? [],
    input_schema: fields.input_schema ?? { type: "object" },
    output_schema: fields.output_schema ?? {},
    sample_input: fields.sample_input ?? {},
  };
  for (const optional of ["pricing", "limits", "sensitive_actions", "sensitive"] as const) {
    if (fields[optional] !== undefined && fields[optional] !== null) {
      (result as unknown as Record<string, unknown>)[optional] = fields[optional];
    }
  }
  return result;
}

/** The manifest in the JSON file at `path`. */
export function readManifest(path: string | URL, read: (p: string | URL, encoding: "utf8") => string): Manifest {
  let text: string;
  try {
    text = read(path, "utf8");
  } catch (e) {
    throw new Error(`no agent manifest at ${path}; create it (see agent.json): ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`cannot read the agent manifest ${path}: ${(e as Error).message}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new Error(`the agent manifest ${path} must be a JSON object`);
  }
  return manifest(data as Manifest);
}
