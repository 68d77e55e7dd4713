/**
 * AI Spine agent SDK for Node: serve one handler per the AI Spine HTTP agent contract (signature
 * checks, idempotency, `GET /health`, `GET /manifest`, typed errors, deadlines), with no runtime
 * dependencies. See docs/agent-contract.md and docs/quickstart.md in AI Spine.
 */
export { Agent, type AgentRequest, type Answer, DEFAULT_HOST, DEFAULT_PORT, type Handler, HOST_ENV, PORT_ENV, Result, SECRET_ENV, type Usage, type WireUsage, } from "./agent.js";
export { AgentError, DeadlineExceededError, InvalidInputError, PermanentError, RetryableError, type WireError } from "./errors.js";
export type { Manifest } from "./manifest.js";
export { AgentServer, type StartOptions } from "./server.js";
export { InvalidSignatureError, SignatureVerifier, sign } from "./signature.js";
