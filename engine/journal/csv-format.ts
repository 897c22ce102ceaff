/**
 * CSV as the exports write it: RFC 4180 (`,`, CRLF records, quotes doubled), or the variant European
 * Excel opens by double-click (`excel-eu`: `;` between fields and a decimal comma in numeric cells,
 * quoted by the same rules with `;`), optionally after a UTF-8 byte-order mark (which tells Excel the
 * file is UTF-8, not the system's ANSI code page).
 *
 * Formula-injection guard, in every variant: a text cell starting with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'`, so a spreadsheet shows it as text instead of evaluating it (OWASP "CSV
 * injection"). Event content comes from outside (MQTT, imports, injections), so a payload may well
 * try. This changes such values by one character; the JSON Lines export is the exact one.
 */

export type CsvVariant = 'rfc4180' | 'excel-eu';

/** How a CSV export is written. */
export type CsvOptions = {
  /** start with a UTF-8 byte-order mark (default false) */
  readonly bom?: boolean;
  /** `rfc4180` (default): `,` and a decimal point; `excel-eu`: `;` and a decimal comma */
  readonly variant?: CsvVariant;
};

export type Cell = string | number | boolean | null;

/** The UTF-8 byte-order mark, as the first character of a file. */
export const BOM = '\uFEFF';

export const CSV_VARIANTS: readonly CsvVariant[] = ['rfc4180', 'excel-eu'];

/** The field delimiter of a variant. */
export const csvDelimiter = (variant: CsvVariant = 'rfc4180'): ',' | ';' => (variant === 'excel-eu' ? ';' : ',');

/**
 * One CSV field: quoted when it holds the delimiter, a quote, CR or LF, with quotes doubled; a number
 * with a decimal comma in `excel-eu`; a text cell guarded against formula injection (see above).
 */
export function csvCell(value: Cell, variant: CsvVariant = 'rfc4180'): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'number' && variant === 'excel-eu') text = text.replace('.', ',');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const special = variant === 'excel-eu' ? /[";\r\n]/ : /[",\r\n]/;
  return special.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One RFC 4180 field ({@link csvCell} with `,`), a function of one argument for `.map`. */
export const csvField = (value: Cell): string => csvCell(value);

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(cells: readonly Cell[], variant: CsvVariant = 'rfc4180'): string {
  return `${cells.map((c) => csvCell(c, variant)).join(csvDelimiter(variant))}\r\n`;
}

/** Check `CsvOptions` from outside (the API, a flag): a usable value or an error naming what is wrong. */
export function checkCsvOptions(o: { readonly bom?: unknown; readonly variant?: unknown }): CsvOptions {
  if (o.bom !== undefined && typeof o.bom !== 'boolean') throw new Error(`bom: expected true or false, got ${JSON.stringify(o.bom)}`);
  if (o.variant !== undefined && !CSV_VARIANTS.includes(o.variant as CsvVariant)) throw new Error(`variant: expected one of ${CSV_VARIANTS.join(', ')}, got ${JSON.stringify(o.variant)}`);
  return { ...(o.bom === undefined ? {} : { bom: o.bom }), ...(o.variant === undefined ? {} : { variant: o.variant as CsvVariant }) };
}
