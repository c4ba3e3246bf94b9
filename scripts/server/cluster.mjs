// More than one server process on one machine (WEB_CONCURRENCY): Node's cluster module, one primary that
// only supervises and N workers that each run the whole server (scripts/server.mjs) on the one shared port.
// On Linux the primary accepts each connection and hands it to the workers in turn (round robin). Nothing in the app is per process except
// caches, and those already follow other processes' writes (PostgreSQL NOTIFY, see scripts/server.mjs).
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";

/** The most processes one machine is asked to run; more than this is a typo, not a plan. */
export const MAX_PROCESSES = 64;

/**
 * WEB_CONCURRENCY: how many server processes to run (default 1: no primary, the process serves itself).
 * A whole number from 1 to MAX_PROCESSES; anything else is refused at start-up with this message.
 */
export function processCount(env) {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (!raw) return 1;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_PROCESSES) {
    throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to ${MAX_PROCESSES} (server processes on this machine), not "${raw}"`);
  }
  return Number(raw);
}

/** A worker that dies this soon after starting, this many times in a row, means the app cannot start. */
const EARLY_EXIT_MS = 10_000;
const MAX_EARLY_EXITS = 3;

/**
 * Runs the primary: forks `count` workers, replaces one that dies (after a short pause), passes SIGTERM
 * and SIGINT on to every worker and exits once they have all stopped (0 if each stopped cleanly; a worker
 * that died earlier and was replaced does not count, its death is logged). Every worker gets the same
 * page-refresh token (`CALLERCHECK_REFRESH_TOKEN`); each sends its background refreshes to a loopback port
 * of its own (scripts/server.mjs).
 */
export function superviseWorkers({ count, log }) {
  const env = { CALLERCHECK_REFRESH_TOKEN: randomUUID() };
  let stopping = false;
  let earlyExits = 0;
  let failed = false;
  let forwarded = null;
  /** Live workers by id, with when each started. */
  const startedAt = new Map();

  const fork = () => {
    const worker = cluster.fork(env);
    startedAt.set(worker.id, Date.now());
  };

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    // Counted here, not in cluster.workers: Node drops a worker from that list only after both its exit
    // and its disconnect, in either order.
    startedAt.delete(worker.id);
    if (stopping) {
      // A worker that drained exits 0; 1 means it was still busy at SHUTDOWN_TIMEOUT_MS (scripts/server.mjs);
      // ended by another signal than the one passed on (the OOM killer's SIGKILL), it did not drain.
      if (signal ? signal !== forwarded : code !== 0) failed = true;
      if (startedAt.size === 0) {
        log.info({ failed }, "all server processes stopped");
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    earlyExits = lived < EARLY_EXIT_MS ? earlyExits + 1 : 0;
    if (earlyExits >= MAX_EARLY_EXITS) {
      log.fatal({ workerPid: worker.process.pid, code, signal }, `a server process died ${MAX_EARLY_EXITS} times right after starting: giving up`);
      stop("SIGTERM", 1);
      return;
    }
    log.error({ workerPid: worker.process.pid, code, signal }, "a server process died: starting another");
    // Not unref'd: with every worker gone, this timer is what keeps the primary alive until the next.
    setTimeout(() => !stopping && fork(), 1_000);
  });

  const stop = (signal, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    forwarded = signal;
    if (exitCode !== 0) failed = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker && startedAt.has(worker.id));
    log.info({ signal, processes: workers.length }, "stopping server processes");
    if (workers.length === 0) process.exit(failed ? 1 : 0);
    for (const worker of workers) worker?.process.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  log.info({ processes: count }, `starting ${count} server processes`);
  for (let i = 0; i < count; i++) fork();
}
