import sparkplug from 'sparkplug-payload';
import type { InspectorPayload } from '../contract/index.js';

const HEX_LIMIT = 4096;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type LongLike = { toNumber(): number; toString(): string };
const isLong = (v: unknown): v is LongLike => typeof v === 'object' && v !== null && typeof (v as LongLike).toNumber === 'function' && 'low' in v && 'high' in v;

/** 64-bit integers as numbers when exact, else as decimal strings; bytes as hex. */
function plain(_key: string, v: unknown): unknown {
  if (isLong(v)) {
    const n = v.toNumber();
    return Number.isSafeInteger(n) ? n : v.toString();
  }
  if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
    return `0x${Buffer.from((v as { data: number[] }).data).toString('hex')}`;
  }
  return v;
}

function sparkplugText(raw: Uint8Array): string | null {
  const codec = sparkplug.get('spBv1.0');
  if (codec === null) return null;
  try {
    return JSON.stringify(codec.decodePayload(raw), plain, 2);
  } catch {
    return null;
  }
}

/** Classic hex dump: offset, 16 bytes, their printable ASCII. */
export function hexDump(raw: Uint8Array, limit = HEX_LIMIT): string {
  const lines: string[] = [];
  const end = Math.min(raw.byteLength, limit);
  for (let off = 0; off < end; off += 16) {
    const row = raw.subarray(off, Math.min(off + 16, end));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  |${ascii}|`);
  }
  return lines.join('\n');
}

/** Control characters other than tab, newline and carriage return: such "text" is shown as hex. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/**
 * A payload as the inspector shows it. Sparkplug B only on `spBv1.0/` topics (never guessed from the
 * bytes); JSON pretty-printed; other UTF-8 text as it is; the rest as a hex dump of the first 4 KiB.
 * `bytes`: the payload's size as received (`raw` may be cut).
 */
export function readablePayload(topic: string, raw: Uint8Array, bytes = raw.byteLength): InspectorPayload {
  const cut = bytes > raw.byteLength;
  if (topic.startsWith('spBv1.0/') && !topic.startsWith('spBv1.0/STATE/') && !cut) {
    const text = sparkplugText(raw);
    if (text !== null) return { kind: 'sparkplug', text };
  }
  if (!cut) {
    let text: string | null;
    try {
      text = utf8.decode(raw);
    } catch {
      text = null;
    }
    if (text !== null) {
      try {
        return { kind: 'json', text: JSON.stringify(JSON.parse(text), null, 2) };
      } catch {
        if (!hasControl(text)) return { kind: 'text', text };
      }
    }
  }
  const dump = hexDump(raw);
  return bytes > HEX_LIMIT ? { kind: 'hex', text: dump, truncated: true } : { kind: 'hex', text: dump };
}
