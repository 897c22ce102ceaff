import type { Interface } from '../model/names.js';

/**
 * What a reversal of one business key would net (`Monitor.previewReversal`), or why none can be
 * sent: the key is unknown to the monitor, has no ERP posting left to net, or is itself a reversal.
 */
export type ReversalPreview =
  | { readonly ok: false; readonly refused: string }
  | {
      readonly ok: true;
      /** the key whose posting is reversed, and the reversal's own key (`{key}/REV/{n}`) */
      readonly key: string;
      readonly reversalKey: string;
      /** the reversal message's type (`mes.confirmation.cancelled`, `mes.consumption.reversed`, `mes.receipt.reversed`) */
      readonly messageType: string;
      readonly order: string;
      readonly plant: string;
      readonly line: string;
      readonly iface: Interface;
      /** operation for a confirmation, item for a consumption or receipt */
      readonly label: string;
      /** '' where the posting names none (a confirmation, a backflushed component) */
      readonly lot: string;
      /** one posting's worth of what ERP posted for the key: good (or consumed, received) quantity and scrap, in `uom` */
      readonly qty: number;
      readonly scrap: number;
      readonly uom: string;
      /** ERP postings of the key net of reversals, before and after this one */
      readonly postingsBefore: number;
      readonly postingsAfter: number;
      /** the open gap the reversal closes once posted, e.g. `duplicate-posting:PO-1/CONF/0010/1` */
      readonly closesGap: string | undefined;
      /** one sentence an engineer reads */
      readonly summary: string;
    };
