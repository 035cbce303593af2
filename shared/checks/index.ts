/** Checks over recorded runs: each returns a list of violations (empty = ok). */
export {
  checkRaft, checkElectionSafety, checkOneVotePerTerm, checkMonotonicTerms, summarizeRaft,
  type RaftViolation, type RaftCheckName, type RaftSummary,
} from './raft';
