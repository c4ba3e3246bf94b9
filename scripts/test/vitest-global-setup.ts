import type { TestProject } from "vitest/node";
import { prepareTemplate, testServer } from "./test-db.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

/** Once per run of the database suite: a server and a freshly migrated template database. */
export default async function setup(project: TestProject) {
  const server = await testServer();
  if (!process.env.TEST_TEMPLATE_READY) await prepareTemplate(server.adminUrl);
  project.provide("pgAdminUrl", server.adminUrl);
  return async () => server.stop();
}
