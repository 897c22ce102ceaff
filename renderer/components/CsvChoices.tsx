import { useState } from 'react';
import type { CsvExportOptions } from '../../engine/contract/index.js';

/** What the CSV checkboxes say (a UTF-8 BOM, Excel's European variant), as the engine's export options. */
export function useCsvChoices(): { readonly options: CsvExportOptions; readonly bom: boolean; setBom(v: boolean): void; readonly excelEu: boolean; setExcelEu(v: boolean): void } {
  const [bom, setBom] = useState(false);
  const [excelEu, setExcelEu] = useState(false);
  return { options: { bom, variant: excelEu ? 'excel-eu' : 'rfc4180' }, bom, setBom, excelEu, setExcelEu };
}

/** The two CSV checkboxes, for the event browser's export and a session's files. */
export function CsvChoices({ choices }: { readonly choices: ReturnType<typeof useCsvChoices> }) {
  return (
    <>
      <label>
        <input type="checkbox" checked={choices.bom} onChange={(e) => choices.setBom(e.currentTarget.checked)} /> UTF-8 BOM
      </label>
      <label>
        <input type="checkbox" checked={choices.excelEu} onChange={(e) => choices.setExcelEu(e.currentTarget.checked)} /> Excel (Europe): ; and decimal comma
      </label>
    </>
  );
}
