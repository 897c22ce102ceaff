/**
 * Identifiers derived from the seed and counters only, so the same scenario and seed give the
 * same ids. Event ids carry the seed so that two sessions in one journal never collide.
 */
export class Ids {
  readonly seedHex: string;
  private event = 0;
  private lot = 0;
  private doc = 0;
  private quarantine = 0;

  constructor(seed: number) {
    this.seedHex = (seed >>> 0).toString(16).padStart(8, '0');
  }

  eventId(): string {
    return `${this.seedHex}-${++this.event}`;
  }

  lotId(): string {
    return `L${String(++this.lot).padStart(8, '0')}`;
  }

  /** ERP document number (one number range for every posting) */
  documentNo(): string {
    return `5${String(++this.doc).padStart(9, '0')}`;
  }

  quarantineRef(): string {
    return `Q-${this.seedHex}-${++this.quarantine}`;
  }
}

export function orderId(plant: string, line: string, n: number): string {
  return `PO-${plant}-${line}-${String(n).padStart(5, '0')}`;
}
