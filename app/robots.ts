import type { MetadataRoute } from "next";
import { env } from "@/lib/platform/env";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/account", "/moderation", "/dev/", "/api/", "/lookup", "/signin", "/signup", "/report", "/numbers/*/removal"] }],
    sitemap: new URL("/sitemap.xml", env.APP_URL).toString(),
  };
}
