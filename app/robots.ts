import type { MetadataRoute } from "next";
import { env } from "@/lib/platform/env";

// Read when asked, not at build time: the sitemap's address follows the running server's APP_URL (and PORT).
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/account", "/moderation", "/dev/", "/api/", "/lookup", "/signin", "/signup", "/report", "/numbers/*/removal"] }],
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
