import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('GIVEN the project scripts THEN they run on the Node 24 the project brings', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });
});
