import { describe, expect, it, vi } from 'vitest';
import type { LinesightBridge } from '../../../renderer/api/bridge.js';
import { pdfBridgeOf, saveEvidencePdf } from '../../../renderer/api/pdf-bridge.js';

/** The preload's bridge (`ipcBridge()`), with `pdf` as given. */
const shell = (pdf: unknown) => ({ call: vi.fn(), onFrame: vi.fn(), pdf }) as unknown as LinesightBridge;

describe('the desktop app’s PDF bridge', () => {
  it('is there only in the desktop shell with a preload that has pdf.saveEvidence', () => {
    const pdf = { saveEvidence: vi.fn() };
    expect(pdfBridgeOf(shell(pdf))).toBe(pdf);
    expect(pdfBridgeOf(undefined)).toBeUndefined(); // the browser host: no preload bridge
    expect(pdfBridgeOf(shell(undefined))).toBeUndefined(); // an older preload
    expect(pdfBridgeOf(shell({ saveEvidence: 'x' }))).toBeUndefined();
    expect(pdfBridgeOf(shell(null))).toBeUndefined();
  });

  it('answers where the PDF went, or that it was not saved', async () => {
    expect(await saveEvidencePdf({ saveEvidence: () => Promise.resolve({ saved: true, path: '/home/me/pack.pdf' }) }, 3)).toEqual({ saved: true, path: '/home/me/pack.pdf' });
    expect(await saveEvidencePdf({ saveEvidence: () => Promise.resolve({ saved: false }) }, null)).toEqual({ saved: false });
    await expect(saveEvidencePdf({ saveEvidence: () => Promise.resolve('?') }, 3)).rejects.toThrow(/no answer/);
  });

  it('passes the session on, null for the current one', async () => {
    const saveEvidence = vi.fn(() => Promise.resolve({ saved: false }));
    await saveEvidencePdf({ saveEvidence }, 3);
    await saveEvidencePdf({ saveEvidence }, null);
    expect(saveEvidence.mock.calls).toEqual([[3], [null]]);
  });

  it("says the main process's reason without Electron's wrapping", async () => {
    const failing = { saveEvidence: () => Promise.reject(new Error("Error invoking remote method 'linesight:pdf:evidence': BadPdfRequestError: linesight: a PDF is being made already")) };
    await expect(saveEvidencePdf(failing, 3)).rejects.toThrow(/^a PDF is being made already$/);
  });
});
