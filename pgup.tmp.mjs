import { startEmbeddedPostgres } from "./scripts/embedded-db.mjs";
const pg = await startEmbeddedPostgres({ dataDir: ".data/pg", port: 54329, databases: [] });
console.log("up");
process.on("SIGTERM", async () => { await pg.stop(); process.exit(0); });
setInterval(() => {}, 1e9);
