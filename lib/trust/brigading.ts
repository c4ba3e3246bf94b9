// Brigading: which of a claim's recent votes look coordinated. Pure rules; lib/votes/vote.ts reads the same
// figures in SQL after a vote commits and raises an alert for moderators.
import { THRESHOLDS } from "./rules";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type BrigadeVote = { castAt: Date; weight: number; voterCreatedAt: Date };

/** What the brigading rules read from a claim's recent votes: four figures, whatever the number of votes. */
export type BrigadeSummary = {
  /** Weight of the votes cast in the window (windowHours). */
  weight: number;
  /** Of which, from accounts younger than newAccountDays: their weight and how many votes. */
  newWeight: number;
  newVotes: number;
  /** Votes cast in the last burstWindowMinutes. */
  burstVotes: number;
};

/** The summary of a claim's recent votes (lib/votes/vote.ts reads the same four figures in SQL; a db test holds them equal). */
export function brigadeSummary(recentVotes: BrigadeVote[], now: Date = new Date()): BrigadeSummary {
  const rule = THRESHOLDS.brigading;
  const inWindow = recentVotes.filter((vote) => now.getTime() - vote.castAt.getTime() <= rule.windowHours * HOUR);
  const fromNew = inWindow.filter((vote) => now.getTime() - vote.voterCreatedAt.getTime() < rule.newAccountDays * DAY);
  return {
    weight: inWindow.reduce((sum, vote) => sum + vote.weight, 0),
    newWeight: fromNew.reduce((sum, vote) => sum + vote.weight, 0),
    newVotes: fromNew.length,
    burstVotes: recentVotes.filter((vote) => now.getTime() - vote.castAt.getTime() <= rule.burstWindowMinutes * 60_000).length,
  };
}

/** Which brigading rules a claim's recent votes, summarised, break (empty when none). */
export function brigadingSignalsOf(summary: BrigadeSummary): ("NEW_ACCOUNT_WEIGHT" | "VOTE_BURST")[] {
  const rule = THRESHOLDS.brigading;
  const signals: ("NEW_ACCOUNT_WEIGHT" | "VOTE_BURST")[] = [];
  // At least a few new accounts, so one newcomer's vote on a quiet claim does not fill the queue.
  if (summary.weight > 0 && summary.newWeight / summary.weight > rule.newAccountShare && summary.newVotes >= rule.minNewAccounts) signals.push("NEW_ACCOUNT_WEIGHT");
  if (summary.burstVotes > rule.burstVotes) signals.push("VOTE_BURST");
  return signals;
}

/** Which brigading rules a claim's recent votes break (empty when none). */
export function brigadingSignals(recentVotes: BrigadeVote[], now: Date = new Date()): ("NEW_ACCOUNT_WEIGHT" | "VOTE_BURST")[] {
  return brigadingSignalsOf(brigadeSummary(recentVotes, now));
}
