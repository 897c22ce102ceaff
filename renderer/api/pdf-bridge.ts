/**
 * The desktop app's "Save as PDF" of an evidence pack (`window.linesight.pdf`, electron/pdf.ts):
 * the main process asks the engine for the pack, prints it in a hidden window and asks where to save
 * it. The browser host has none — there the HTML pack is downloaded and printed from the browser.
 * Free of the DOM (like bridge.ts), so its tests run under Node: components hand it `ipcBridge()`.
 */
import type { LinesightBridge } from './bridge.js';

/** What "Save as PDF" answers: where the PDF went, or that the save dialog was cancelled. */
export type PdfSaved = { readonly saved: true; readonly path: string } | { readonly saved: false };

/** `window.linesight.pdf` in the desktop shell. */
export type PdfBridge = {
  /** a session id, or null for the current session */
  saveEvidence(session: number | null): Promise<unknown>;
};

/** The desktop app's PDF bridge in the preload's bridge (`ipcBridge()`), or undefined (browser host, or a preload without it). */
export function pdfBridgeOf(bridge: LinesightBridge | undefined): PdfBridge | undefined {
  const pdf: unknown = (bridge as { pdf?: unknown } | undefined)?.pdf;
  if (typeof pdf !== 'object' || pdf === null) return undefined;
  return typeof (pdf as Record<string, unknown>)['saveEvidence'] === 'function' ? (pdf as PdfBridge) : undefined;
}

/** Save the evidence pack of `session` (null: the current one) as PDF; rejects with the main process's words. */
export async function saveEvidencePdf(bridge: PdfBridge, session: number | null): Promise<PdfSaved> {
  let reply: unknown;
  try {
    reply = await bridge.saveEvidence(session);
  } catch (err) {
    throw new Error(reason(err), { cause: err });
  }
  const r = reply as { saved?: unknown; path?: unknown } | null;
  if (r?.saved === true && typeof r.path === 'string') return { saved: true, path: r.path };
  if (r?.saved === false) return { saved: false };
  throw new Error('the desktop app gave no answer about the PDF');
}

/** The main process's message without Electron's "Error invoking remote method …: Error:" wrapping. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '').replace(/^linesight: /, '');
}
