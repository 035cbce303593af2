/**
 * The WebSocket bridge's wire format (JSON text frames):
 *   client → { id, method, args }          method: a LabMethod, 'subscribe' or 'unsubscribe'
 *   server → { id, result } | { id, error } the answer to one request
 *   server → { type: 'live', sub, batch }  a live batch for subscription `sub`
 */
export interface BridgeRequest {
  id: number;
  method: string;
  args: unknown[];
}
