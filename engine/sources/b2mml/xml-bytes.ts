import { B2mmlError } from './b2mml-error.js';

/**
 * The text of an XML file from its bytes, as XML 1.0 (section 4.3.3 and appendix F) says to find its
 * encoding: a byte-order mark first (UTF-8, UTF-16 LE or BE), else UTF-16 by the shape of `<?`
 * without a mark, else the `encoding` of the XML declaration (an 8-bit one such as ISO-8859-1 or
 * windows-1252, which Windows tools and older ERP interfaces write), else UTF-8. Decoding is strict:
 * a byte the encoding does not allow refuses the file, naming the line, rather than become U+FFFD
 * inside an order or lot number.
 */
export function decodeXml(bytes: Uint8Array, file: string): string {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return strict('utf-8', bytes.subarray(3), file);
  if (a === 0xff && b === 0xfe) return strict('utf-16le', bytes.subarray(2), file);
  if (a === 0xfe && b === 0xff) return strict('utf-16be', bytes.subarray(2), file);
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return strict('utf-16le', bytes, file);
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return strict('utf-16be', bytes, file);
  const declared = declaredEncoding(bytes);
  // a declaration of UTF-16 on bytes that are not (no mark, no zero bytes) is a copied declaration: they are read as UTF-8
  if (declared === undefined || /^utf-?16/i.test(declared)) return strict('utf-8', bytes, file);
  let label: string;
  try {
    label = new TextDecoder(declared).encoding;
  } catch {
    throw new B2mmlError(file, '', `the XML declaration names encoding "${declared}", which this reader does not know: save the file as UTF-8`);
  }
  return strict(label, bytes, file);
}

/** The `encoding` of an XML declaration at the very start, read as ASCII (every 8-bit encoding agrees on it). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  const decl = /^<\?xml\s[^?]*\?>/.exec(head)?.[0];
  return decl === undefined ? undefined : /\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(decl)?.[1];
}

function strict(encoding: string, bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // where: the line of the first character the encoding could not read
    const loose = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const at = loose.indexOf('\ufffd');
    const line = at < 0 ? 1 : loose.slice(0, at).split('\n').length;
    throw new B2mmlError(file, '', `not valid ${encoding.toUpperCase()} at line ${line}: save the file in the encoding its XML declaration names (UTF-8 when it names none)`);
  }
}
