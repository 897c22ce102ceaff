import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_FILE_PARAMS, WINDOWED_FAULTS } from '../../../engine/scenario/index.js';
import { BUSINESS_EVENT_TYPES, DISPOSITIONS, DURATION_PATTERN, FAULT_DEFAULTS, FAULT_KINDS, INTERFACES } from '../../../model/index.js';

/** The JSON schema is hand-written; these checks keep it in step with model/. */
const root = join(import.meta.dirname, '..', '..', '..');
/** The parts of a JSON schema read here. */
type Schema = { pattern?: string; enum?: unknown[]; const?: string; properties?: Record<string, Schema>; allOf?: { if: Schema; then: Schema }[]; $defs?: Record<string, Schema> };
const schema = JSON.parse(readFileSync(join(root, 'resources/schema/scenario.schema.json'), 'utf8')) as Schema;
const fault = schema.$defs!.fault!;

describe('scenario.schema.json agrees with model/', () => {
  it('uses the one duration grammar', () => {
    expect(schema.$defs!.duration!.pattern).toBe(DURATION_PATTERN);
  });

  it('lists the fault kinds, event types, dispositions and interfaces of model/names.ts', () => {
    expect(fault.properties!.kind!.enum).toEqual([...FAULT_KINDS]);
    expect(fault.properties!.eventType!.enum).toEqual([...BUSINESS_EVENT_TYPES]);
    const qualityFail = fault.allOf!.find((b) => b.if.properties!.kind!.const === 'quality-fail');
    expect(qualityFail!.then.properties!.disposition!.enum).toEqual([...DISPOSITIONS]);
    expect(Object.keys(schema.properties!.integration!.properties!.gracePeriods!.properties!)).toEqual([...INTERFACES]);
  });

  it('gives each fault kind exactly the parameters the loader maps', () => {
    for (const kind of FAULT_KINDS) {
      const branch = fault.allOf!.find((b) => b.if.properties!.kind!.const === kind);
      expect(Object.keys(branch?.then.properties ?? {}), kind).toEqual(Object.keys(FAULT_FILE_PARAMS[kind]));
    }
  });

  it('maps every parameter to a FAULT_DEFAULTS name, and every default has a file name', () => {
    for (const kind of FAULT_KINDS) {
      const resolved = Object.values(FAULT_FILE_PARAMS[kind]).map((p) => p.name);
      if (WINDOWED_FAULTS.has(kind)) resolved.push('forMs');
      expect(resolved.sort(), kind).toEqual(Object.keys(FAULT_DEFAULTS[kind]).sort());
    }
  });
});
