// Recomputes every feed listing (lib/feeds/rebuild.ts rebuildListings) after bulk changes such as the
// seed. Run with `tsx --conditions=react-server` (the app's modules are server-only); needs DATABASE_URL.
import { rebuildListings } from "../lib/feeds/rebuild";
import { db } from "../lib/platform/db";

rebuildListings()
  .then((count) => console.info(`[feeds] listings refreshed for ${count} numbers`))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => db.$disconnect());
