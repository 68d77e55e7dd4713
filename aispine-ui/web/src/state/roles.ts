/** What each role may do in the console: actions a role may not take are not offered. */
import type { Role } from '../api/types';

const ORDER: Role[] = ['viewer', 'operator', 'admin', 'owner'];

/** True when {@code role} is {@code least} or above. */
export function includes(role: Role, least: Role): boolean {
  return ORDER.indexOf(role) >= ORDER.indexOf(least);
}

export interface Abilities {
  /** Start executions, cancel and retry them (operator). */
  run: boolean;
  /** Approve or reject a flow version (admin). */
  reviewFlows: boolean;
}

export function abilitiesOf(role: Role): Abilities {
  return { run: includes(role, 'operator'), reviewFlows: includes(role, 'admin') };
}

/**
 * True when the role may answer an approval naming {@code approvers}, as the server decides: never
 * a viewer, always an admin (or the owner), else a role the approval names.
 */
export function mayAnswer(role: Role, approvers: string[]): boolean {
  if (role === 'viewer') {
    return false;
  }
  return includes(role, 'admin') || approvers.includes(role);
}
