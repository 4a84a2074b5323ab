// The local runner starts its state machines without validating them again (see
// workflows.ts); every definition is validated here instead, exactly as aws-local-stepfunctions
// validates one it is given (asl-validator with ARN and path checks).
import { StateMachine } from 'aws-local-stepfunctions';
import type { WorkflowName } from '../src/workflows/starter.js';
import { localDefinition } from './workflows.js';

const WORKFLOWS: WorkflowName[] = ['mrp', 'costing'];

describe('workflow definitions', () => {
  it.each(WORKFLOWS)('%s is a valid state machine, as the local runner runs it', (name) => {
    expect(() => new StateMachine(localDefinition(name))).not.toThrow();
  });

  it('a broken definition would be refused', () => {
    const broken = { ...localDefinition('mrp'), StartAt: 'Nowhere' };
    expect(() => new StateMachine(broken)).toThrow(/definition is invalid/);
  });
});
