import { describe, expect, it } from 'vitest';
import { createSequenceWatch } from '../../../../engine/sources/mappings/index.js';

describe('the sequence watch', () => {
  it('records a jump forward as a possible data gap, per broker and source', () => {
    const w = createSequenceWatch();
    expect(w.observe('b', '/US01/L1/mes', '1', 10)).toBeNull();
    expect(w.observe('b', '/US01/L1/mes', '2', 11)).toBeNull();
    expect(w.observe('b', '/US01/L2/mes', '7', 11)).toBeNull();
    expect(w.observe('b', '/US01/L1/mes', '5', 12)).toEqual({ broker: 'b', source: '/US01/L1/mes', from: '3', to: '4', atMs: 12, why: 'sequence 5 after 2: 3–4 are missing' });
    expect(w.observe('other', '/US01/L1/mes', '9', 13)).toBeNull();
  });

  it('does not call a repeat or an older sequence a gap, and does not move back', () => {
    const w = createSequenceWatch();
    w.observe('b', 's', '10', 1);
    expect(w.observe('b', 's', '10', 2)).toBeNull();
    expect(w.observe('b', 's', '4', 3)).toBeNull();
    expect(w.observe('b', 's', '11', 4)).toBeNull();
  });

  it('compares sequences longer than a double can hold', () => {
    const w = createSequenceWatch();
    w.observe('b', 's', '90071992547409930', 1);
    expect(w.observe('b', 's', '90071992547409931', 2)).toBeNull();
    expect(w.observe('b', 's', '90071992547409933', 3)).toMatchObject({ from: '90071992547409932', to: '90071992547409932', why: 'sequence 90071992547409933 after 90071992547409931: 90071992547409932 is missing' });
  });
});
