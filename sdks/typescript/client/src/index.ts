/** The TypeScript client of AI Spine, a durable orchestrator for AI agents (docs/sdk.md). */
export { AispineClient } from "./client.js";
export type { AgentRegistration, ApprovalQuery, AuditQuery, BudgetRequest, ClientOptions, CostQuery, ExecutionQuery, KeyRequest, ProviderRequest, QuotaRequest } from "./client.js";
export {
  AispineApiError,
  AispineConnectionError,
  AispineError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  LockedError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
  UnprocessableError,
  describeFieldError,
} from "./errors.js";
export type { FieldError, Problem } from "./errors.js";
export type * from "./models.js";
export { EventStream, ReconnectPolicy, StreamEvent } from "./stream.js";
export { OPERATIONS } from "./operations.js";
export type { Operation } from "./operations.js";
export { Wire, WireError } from "./wire.js";
export type { Kind, Shape } from "./wire.js";
