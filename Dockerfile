# syntax=docker/dockerfile:1
# CallerCheck's image. Built once with no database in reach; configured at run time (README, "Deploy").
#   docker build -t callercheck .                      → the app (target "app", the default)
#   docker build -t callercheck-tools --target tools . → migrations, seed and the job worker
# node:20 matches package.json's engines; npm 11 honours package.json's allowScripts.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install -g npm@11.19.1 && npm cache clean --force
# postinstall generates the Prisma client: it needs the schema and the project's Prisma scripts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# No DATABASE_URL and no AUTH_SECRET here, on purpose: the build must not need them.
ENV NEXT_TELEMETRY_DISABLED=1 BUILD_STANDALONE=1
RUN npm run build

# Migrations (`node scripts/prisma.mjs migrate deploy`), the seed and `npm run worker`: the full
# dependencies, run once per deployment or as their own service, never by every app instance.
FROM build AS tools
ENV NODE_ENV=production CALLERCHECK_CONTAINER=1
USER node
CMD ["node", "scripts/prisma.mjs", "migrate", "deploy"]

# The app: Next's standalone output (only the files the server needs) behind scripts/server.mjs.
FROM node:20-bookworm-slim AS app
WORKDIR /app
ENV NODE_ENV=production CALLERCHECK_CONTAINER=1 NEXT_TELEMETRY_DISABLED=1 PORT=3000 LISTEN_HOST=0.0.0.0
COPY --from=build --chown=node:node /app/.next/standalone ./
COPY --from=build --chown=node:node /app/.next/static ./.next/static
COPY --from=build --chown=node:node /app/scripts/server.mjs ./server.mjs
# Every module server.mjs imports (client address, start-up check, page cache, API limit, cluster, write lane, static lane, config headers; scripts/server/dockerfile.test.ts checks).
COPY --from=build --chown=node:node /app/scripts/server/*.mjs ./server/
USER node
EXPOSE 3000
# Liveness only (no database): /api/ready is for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "server.mjs"]
