import { describe, expect, it } from 'vitest';
import { abilitiesOf, mayAnswer } from '../src/state/roles';

describe('what a role is offered', () => {
  it('offers running to operators and above, reviewing drafts to admins and above', () => {
    expect(abilitiesOf('viewer')).toEqual({ run: false, reviewFlows: false });
    expect(abilitiesOf('operator')).toEqual({ run: true, reviewFlows: false });
    expect(abilitiesOf('admin')).toEqual({ run: true, reviewFlows: true });
    expect(abilitiesOf('owner')).toEqual({ run: true, reviewFlows: true });
  });

  it('offers answering an approval as the server allows it: named roles, admins always, viewers never', () => {
    expect(mayAnswer('operator', ['operator'])).toBe(true);
    expect(mayAnswer('operator', ['admin'])).toBe(false);
    expect(mayAnswer('operator', [])).toBe(false);
    expect(mayAnswer('admin', [])).toBe(true);
    expect(mayAnswer('owner', ['operator'])).toBe(true);
    expect(mayAnswer('viewer', ['viewer'])).toBe(false);
  });
});
