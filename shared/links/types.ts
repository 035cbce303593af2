/** Frames and outputs shared by the link layers. */

/** A data frame: one payload from `from` to `to`, numbered per (sender incarnation, receiver). */
export interface DataFrame<P> {
  kind: 'Data';
  from: string;
  to: string;
  /** Sender's incarnation; a restarted sender uses a larger one so its numbering starts afresh. */
  epoch: number;
  seq: number;
  payload: P;
}

/** Acknowledges one data frame of the given sender incarnation. */
export interface AckFrame {
  kind: 'Ack';
  from: string;
  to: string;
  epoch: number;
  seq: number;
}

/** What a reliable link puts on the (fair-loss) wire. */
export type LinkFrame<P> = DataFrame<P> | AckFrame;

/** A payload handed up to the application. */
export interface Delivery<P> {
  from: string;
  seq: number;
  payload: P;
}

/** A frame refused by the link (forged, misaddressed, stale). */
export interface LinkRejection {
  from: string;
  reason: string;
}

/** Output of one step of a link endpoint. */
export interface LinkReady<F, P> {
  /** Frames to hand to the network. */
  transmit: F[];
  /** Payloads delivered to the application (each exactly once). */
  deliver: Delivery<P>[];
  /** Frames recognised as duplicates and dropped (re-acked). */
  duplicates: number;
  rejected: LinkRejection[];
}

/** An empty Ready. */
export function emptyLinkReady<F, P>(): LinkReady<F, P> {
  return { transmit: [], deliver: [], duplicates: 0, rejected: [] };
}
