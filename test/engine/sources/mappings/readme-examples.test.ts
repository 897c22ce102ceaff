import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMappings } from '../../../../engine/sources/mappings/index.js';

// the README is user documentation: every example in it must be a valid mappings file
const readme = readFileSync(new URL('../../../../engine/sources/mappings/README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

describe('the mappings README', () => {
  it('has one example per kind', () => {
    expect(blocks).toHaveLength(3);
  });
  it.each(blocks.map((b, i) => [i, b] as const))('example %i parses', (_i, block) => {
    const text = block.startsWith('mappings:') ? block : `mappings:\n${block}`;
    expect(parseMappings(text, 'README.md').mappings).toHaveLength(1);
  });
});
