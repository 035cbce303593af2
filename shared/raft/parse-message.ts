/**
 * Validation of messages that arrive from the outside (the network, a file).
 * The core never trusts a message's shape: a malformed one becomes a drop with a reason.
 */
import { MESSAGE_TYPES, type Message } from './message';
import type { Entry } from './types';

/** Result of `parseMessage`: the typed message, or why it was refused. */
export type ParseResult = { ok: true; message: Message } | { ok: false; reason: string };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function checkEntries(v: unknown, term: number): string | null {
  if (!Array.isArray(v)) return 'entries must be an array';
  let prev = 0;
  for (const [i, e] of (v as unknown[]).entries()) {
    if (!isObj(e) || !isCount(e.term)) return `entries[${i}].term must be a non-negative integer`;
    if (e.term < prev || e.term > term) return `entries[${i}].term ${e.term} out of order`;
    if (e.data !== undefined && typeof e.data !== 'string') return `entries[${i}].data must be a string`;
    prev = e.term;
  }
  return null;
}

/** Check the shape of an untrusted value; returns a fresh, typed copy on success. */
export function parseMessage(raw: unknown): ParseResult {
  const bad = (reason: string): ParseResult => ({ ok: false, reason });
  if (!isObj(raw)) return bad('not an object');
  const type = raw.type;
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    return bad(`unknown message type ${JSON.stringify(type)}`);
  }
  if (typeof raw.from !== 'string' || raw.from === '') return bad('from must be a node name');
  if (typeof raw.to !== 'string' || raw.to === '') return bad('to must be a node name');
  if (!isCount(raw.term)) return bad('term must be a non-negative safe integer');
  const base = { from: raw.from, to: raw.to, term: raw.term };
  switch (type) {
    case 'RequestVote':
    case 'PreVote':
      if (!isCount(raw.lastLogIndex) || !isCount(raw.lastLogTerm)) return bad('lastLogIndex and lastLogTerm must be non-negative integers');
      return { ok: true, message: { type, ...base, lastLogIndex: raw.lastLogIndex, lastLogTerm: raw.lastLogTerm } };
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      if (typeof raw.granted !== 'boolean') return bad('granted must be a boolean');
      return { ok: true, message: { type, ...base, granted: raw.granted } };
    case 'AppendEntries': {
      if (!isCount(raw.prevLogIndex) || !isCount(raw.prevLogTerm)) return bad('prevLogIndex and prevLogTerm must be non-negative integers');
      if (!isCount(raw.leaderCommit)) return bad('leaderCommit must be a non-negative integer');
      const why = checkEntries(raw.entries, raw.term);
      if (why) return bad(why);
      const entries = (raw.entries as Obj[]).map((e): Entry => (e.data === undefined ? { term: e.term as number } : { term: e.term as number, data: e.data as string }));
      return { ok: true, message: { type, ...base, prevLogIndex: raw.prevLogIndex, prevLogTerm: raw.prevLogTerm, entries, leaderCommit: raw.leaderCommit } };
    }
    case 'AppendEntriesResponse':
      if (typeof raw.success !== 'boolean') return bad('success must be a boolean');
      if (!isCount(raw.matchIndex)) return bad('matchIndex must be a non-negative integer');
      return { ok: true, message: { type, ...base, success: raw.success, matchIndex: raw.matchIndex } };
  }
  return bad(`unknown message type ${JSON.stringify(type)}`);
}
