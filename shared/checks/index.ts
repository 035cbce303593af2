/** Checks over recorded runs: each returns a list of violations (empty = ok). */
export {
  checkRaft, checkElectionSafety, checkOneVotePerTerm, checkMonotonicTerms, summarizeRaft,
  type RaftViolation, type RaftCheckName, type RaftSummary,
} from './raft';
export {
  analyzeLease, leaseSummary, leaseViolations,
  type LeaseCheckEvent, type LeaseInterval, type LeaseOverlap, type StaleWrite, type LeaseNodeTime, type LeaseSummary, type LeaseReport,
} from './lease';
export { CHECK_TOPICS, runChecks, type CheckDef, type CheckReport, type CheckTopic, type CheckViolation } from './registry';
