// `npm run worker`: the alert worker as its own process (production: run one or more beside the web
// instances, with the same DATABASE_URL, APP_URL, AUTH_SECRET and SMTP settings). `npm run dev` and
// `npm start` start one beside Next.js (scripts/run.mjs). Stops cleanly on SIGTERM / SIGINT.
// Runs under `tsx --conditions=react-server`, so lib/'s `import "server-only"` resolves as on the server.
import { startAlertWorker } from "../lib/alerts/worker";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("[alerts] DATABASE_URL is not set");
  process.exit(1);
}

// Test hook (db tests only): hang after N committed e-mails, so a test can kill the worker mid-batch.
const holdAfter = Number(process.env.ALERT_WORKER_TEST_HOLD_AFTER ?? 0);

const worker = await startAlertWorker({
  connectionString,
  pollMs: Number(process.env.ALERT_POLL_MS ?? 2000),
  afterEmail: holdAfter > 0 ? (sent) => (sent >= holdAfter ? new Promise<void>(() => console.info(`[alerts] test hold after ${sent} e-mails`)) : undefined) : undefined,
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
