import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { B2mmlError, formatWarning, importB2mml } from '../../../../engine/sources/b2mml/index.js';

/**
 * Lots and sub-lots nested under material information, as B2MML nests them: a sub-lot inside its
 * lot (and inside another sub-lot), a stand-alone sub-lot naming its lot by MaterialLotID, lots
 * whose material is named by the element around them rather than on the lot. A sub-lot with a
 * status that is not usable (NotValid, Not Valid, Rejected, …) is held on its own.
 */
const DIR = join(import.meta.dirname, '../../../fixtures/b2mml');
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');
const holds = (name: string, opts = {}) => {
  const { events, warnings } = importB2mml(fixture(name), name, opts);
  return {
    holds: events.map((e) => ({ type: e.type, source: e.source, key: e.businesskey, lot: e.lot, time: e.time, data: e.data })),
    warnings: warnings.map(formatWarning),
  };
};

describe('V0401: the MaterialInformation ID names the material of lots that name none', () => {
  const { holds: got, warnings } = holds('nested-lots-v0401.xml');

  it('holds each sub-lot and lot whose status is not usable, at any depth, of the material the document is about', () => {
    const hold = (lot: string, qty: number, reason: string) => ({
      type: 'qms.hold.placed',
      source: '/US01/L2/qms',
      key: `${lot}/HOLD/${lot}`,
      lot,
      time: '2026-03-02T07:00:00.000Z',
      data: { order: lot, item: 'RM-FLOUR', lot, qty, reason },
    });
    // FL-100 is Released and FL-100-02 Valid: usable, no event
    expect(got).toEqual([hold('FL-100-01', 25, 'NotValid'), hold('FL-100-02-A', 5, 'Not Valid'), hold('FL-101', 800, 'Blocked')]);
  });

  it('warns at each held element that its material was assumed', () => {
    const mi = 'nested-lots-v0401.xml: MaterialInformation';
    const assumed = 'no MaterialDefinitionID: assumed material RM-FLOUR, the ID of the enclosing MaterialInformation';
    expect(warnings).toEqual([`${mi}/MaterialLot[1]/MaterialSubLot[1]: ${assumed}`, `${mi}/MaterialLot[1]/MaterialSubLot[2]/MaterialSubLot: ${assumed}`, `${mi}/MaterialLot[2]: ${assumed}`]);
  });

  it('refuses a held lot whose material nothing names: no ID on the MaterialInformation, no definition', () => {
    const text = fixture('nested-lots-v0401.xml').replace('<ID>RM-FLOUR</ID>', '');
    expect(() => importB2mml(text, 'mi.xml')).toThrow(
      new B2mmlError(
        'mi.xml',
        'MaterialInformation/MaterialLot[1]/MaterialSubLot[1]',
        'MaterialSubLot FL-100-01 is NotValid but names no material: no MaterialDefinitionID on it or its lot, no MaterialDefinition lists it, and the MaterialInformation has no ID',
      ),
    );
  });
});

describe('V0600: a MaterialDefinition lists its lots; sub-lots inherit their lot’s order', () => {
  const { holds: got, warnings } = holds('nested-lots-v0600.xml');

  it('takes the material from the definition that lists the lot, and the order from the enclosing lot, assuming neither', () => {
    expect(got.map((h) => [h.source, h.key, h.data])).toEqual([
      ['/DE02/PACK2/qms', '4711/HOLD/SU-7-A', { order: '4711', item: 'RM-SUGAR', lot: 'SU-7-A', qty: 0, reason: 'Expired' }],
      // a stand-alone sub-lot of a lot the document does not hold: MaterialDefinition RM-SUGAR lists SU-8
      ['/DE02/PACK2/qms', 'SU-8-C/HOLD/SU-8-C', { order: 'SU-8-C', item: 'RM-SUGAR', lot: 'SU-8-C', qty: 40, reason: 'Quarantine' }],
    ]);
    expect(warnings).toEqual([
      'nested-lots-v0600.xml: MaterialInformation/MaterialLot/MaterialSubLot: no Quantity: assumed 0 held of lot SU-7-A (the document holds it without saying how much)',
    ]);
  });
});

describe('V0701 (Process wrapper): one MaterialDefinition, lots naming no material', () => {
  const { holds: got, warnings } = holds('nested-lots-v0701.xml');

  it('places every hold on the lot’s line, a stand-alone sub-lot too, and passes a sub-lot’s order down to its own sub-lots', () => {
    expect(got.map((h) => [h.source, h.key, h.time, h.data])).toEqual([
      ['/US01/L3/qms', '900300/HOLD/BU-1-P1', '2026-03-02T08:15:00.000Z', { order: '900300', item: 'RM-BUTTER', lot: 'BU-1-P1', qty: 12.5, reason: 'Rejected' }],
      ['/US01/L3/qms', '900300/HOLD/BU-1-P1-X', '2026-03-02T08:15:00.000Z', { order: '900300', item: 'RM-BUTTER', lot: 'BU-1-P1-X', qty: 2.5, reason: 'NotValid' }],
      ['/US01/L3/qms', 'BU-1-P2/HOLD/BU-1-P2', '2026-03-02T08:15:00.000Z', { order: 'BU-1-P2', item: 'RM-BUTTER', lot: 'BU-1-P2', qty: 10, reason: 'Hold' }],
    ]);
    const mi = 'nested-lots-v0701.xml: ProcessMaterialInformation/DataArea/MaterialInformation';
    const assumed = 'no MaterialDefinitionID: assumed material RM-BUTTER, the only MaterialDefinition in the document';
    expect(warnings).toEqual([`${mi}/MaterialLot/MaterialSubLot: ${assumed}`, `${mi}/MaterialLot/MaterialSubLot/MaterialSubLot: ${assumed}`, `${mi}/MaterialSubLot: ${assumed}`]);
  });

  it('refuses when two definitions leave the material open and the MaterialInformation has no ID', () => {
    const text = fixture('nested-lots-v0701.xml').replace('<MaterialDefinition>', '<MaterialDefinition><ID>RM-MARGARINE</ID></MaterialDefinition><MaterialDefinition>');
    expect(() => importB2mml(text, 'mi.xml')).toThrow(/^mi\.xml: ProcessMaterialInformation\/DataArea\/MaterialInformation\/MaterialLot\/MaterialSubLot: MaterialSubLot BU-1-P1 is Rejected but names no material/);
  });
});

describe('lots nested in their MaterialDefinition, as some systems write them', () => {
  it('takes the material from the definition around the lot, with no warning', () => {
    const text = `<MaterialInformation xmlns="http://www.mesa.org/xml/B2MML-V0600"><PublishedDate>2026-03-02T09:00:00Z</PublishedDate>
      <MaterialDefinition><ID>RM-A</ID></MaterialDefinition>
      <MaterialDefinition><ID>RM-B</ID><MaterialLot><ID>B-1</ID><Status>Quarantine</Status><Quantity><QuantityString>7</QuantityString></Quantity></MaterialLot></MaterialDefinition>
    </MaterialInformation>`;
    const { events, warnings } = importB2mml(text, 'mi.xml', { plant: 'P1', line: 'L1' });
    expect(events.map((e) => [e.businesskey, e.data])).toEqual([['B-1/HOLD/B-1', { order: 'B-1', item: 'RM-B', lot: 'B-1', qty: 7, reason: 'Quarantine' }]]);
    expect(warnings).toEqual([]);
  });
});
