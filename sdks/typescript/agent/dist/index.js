/**
 * AI Spine agent SDK for Node: serve one handler per the AI Spine HTTP agent contract (signature
 * checks, idempotency, `GET /health`, `GET /manifest`, typed errors, deadlines), with no runtime
 * dependencies. See docs/agent-contract.md and docs/quickstart.md in AI Spine.
 */
export { Agent, DEFAULT_HOST, DEFAULT_PORT, HOST_ENV, PORT_ENV, Result, SECRET_ENV, } from "./agent.js";
export { AgentError, DeadlineExceededError, InvalidInputError, PermanentError, RetryableError } from "./errors.js";
export { AgentServer } from "./server.js";
export { InvalidSignatureError, SignatureVerifier, sign } from "./signature.js";
