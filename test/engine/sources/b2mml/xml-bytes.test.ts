import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { B2mmlError, decodeXml, importB2mml } from '../../../../engine/sources/b2mml/index.js';

const DIR = join(import.meta.dirname, '../../../fixtures/b2mml');
// the schedule fixture with a material named as a German plant's ERP names it
const text = readFileSync(join(DIR, 'production-schedule-v0600.xml'), 'utf8').replace(/<MaterialDefinitionID>([^<]*)</g, '<MaterialDefinitionID>GEHÄUSE-$1<');
const declaring = (encoding: string) => text.replace('encoding="UTF-8"', `encoding="${encoding}"`);
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const items = (xml: string) => [...new Set(importB2mml(xml, 'schedule.xml', { receivedAt: 0 }).events.map((e) => (e.data as { item?: string }).item).filter((i) => i !== undefined))];

function refusal(bytes: Uint8Array): B2mmlError {
  try {
    decodeXml(bytes, 'schedule.xml');
  } catch (err) {
    if (err instanceof B2mmlError) return err;
    throw err;
  }
  throw new Error('decoded without error');
}

describe('decodeXml: an XML file read in the encoding it says', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeXml(Buffer.from(text, 'utf8'), 'schedule.xml')).toBe(text);
    expect(decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'schedule.xml')).toBe(text);
  });

  it('reads UTF-16 as Windows tools write it: little-endian with a mark, big-endian with or without one', () => {
    const xml = declaring('UTF-16');
    expect(decodeXml(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]), 'schedule.xml')).toBe(xml);
    expect(decodeXml(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(xml)]), 'schedule.xml')).toBe(xml);
    expect(decodeXml(utf16be(xml), 'schedule.xml')).toBe(xml);
  });

  it('reads the 8-bit encoding the declaration names, so a material keeps its umlaut', () => {
    const xml = declaring('ISO-8859-1');
    const decoded = decodeXml(Buffer.from(xml, 'latin1'), 'schedule.xml');
    expect(decoded).toBe(xml);
    expect(items(decoded)).toEqual(expect.arrayContaining([expect.stringMatching(/^GEHÄUSE-/)]));
  });

  it('reads bytes that are not UTF-16 as UTF-8 even under a copied UTF-16 declaration', () => {
    const xml = declaring('UTF-16');
    expect(decodeXml(Buffer.from(xml, 'utf8'), 'schedule.xml')).toBe(xml);
  });

  it('refuses bytes the encoding does not allow, naming the line, instead of turning them into U+FFFD', () => {
    // ISO-8859-1 bytes under the UTF-8 the file declares
    const err = refusal(Buffer.from(text, 'latin1'));
    const line = text.slice(0, text.indexOf('Ä')).split('\n').length;
    expect(err.message).toBe(`schedule.xml: not valid UTF-8 at line ${line}: save the file in the encoding its XML declaration names (UTF-8 when it names none)`);
  });

  it('refuses an encoding it does not know, saying which', () => {
    expect(refusal(Buffer.from(declaring('X-PLANT-EBCDIC'), 'utf8')).message).toBe(
      'schedule.xml: the XML declaration names encoding "X-PLANT-EBCDIC", which this reader does not know: save the file as UTF-8',
    );
  });
});
