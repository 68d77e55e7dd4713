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
/** A manifest with the Java SDK's defaults; unknown fields are dropped, as it drops them. */
export declare function manifest(fields: Partial<Manifest> & {
    name: string;
    version: string;
}): Manifest;
/** The manifest in the JSON file at `path`. */
export declare function readManifest(path: string | URL, read: (p: string | URL, encoding: "utf8") => string): Manifest;
