/**
 * Stable one-line formatters for messages and core events. Transcript tests and
 * recorded labels use them, so changing a format is a visible, reviewed change.
 */
import type { Message } from './message';
import type { RaftEvent } from './ready';

/** Describe a message, e.g. `n1->n2 RequestVote term=2 lastLogIndex=3 lastLogTerm=1`. */
export function describeMessage(m: Message): string {
  const head = `${m.from}->${m.to} ${m.type} term=${m.term}`;
  switch (m.type) {
    case 'RequestVote':
    case 'PreVote':
      return `${head} lastLogIndex=${m.lastLogIndex} lastLogTerm=${m.lastLogTerm}`;
    case 'RequestVoteResponse':
    case 'PreVoteResponse':
      return `${head} ${m.granted ? 'granted' : 'rejected'}`;
    case 'AppendEntries':
      return `${head} prevLogIndex=${m.prevLogIndex} prevLogTerm=${m.prevLogTerm} entries=[${m.entries.map((e) => e.term).join(',')}] commit=${m.leaderCommit}`;
    case 'AppendEntriesResponse':
      return `${head} ${m.success ? 'success' : 'reject'} matchIndex=${m.matchIndex}`;
  }
}

/** Describe a core event, e.g. `n1: follower@0 -> candidate@1 (election timeout)`. */
export function describeEvent(e: RaftEvent): string {
  switch (e.type) {
    case 'state': {
      const lead = e.leader === null ? '' : ` leader=${e.leader}`;
      return `${e.node}: ${e.prevRole}@${e.prevTerm} -> ${e.role}@${e.term}${lead} (${e.reason})`;
    }
    case 'vote': {
      const what = e.preVote ? 'pre-vote' : 'vote';
      return e.granted
        ? `${e.node}: grant ${what} to ${e.candidate} for term ${e.term}`
        : `${e.node}: refuse ${what} to ${e.candidate} for term ${e.term}: ${e.reason}`;
    }
    case 'drop':
      return `${e.node}: drop ${e.what}: ${e.reason}`;
  }
}
