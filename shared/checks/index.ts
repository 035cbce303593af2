/** Checks over recorded runs: each returns a list of violations (empty = ok). */
export {
  checkRaft, checkElectionSafety, checkOneVotePerTerm, checkMonotonicTerms,
  type RaftViolation, type RaftCheckName,
} from './raft';
