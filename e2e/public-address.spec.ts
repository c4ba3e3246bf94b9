import { expect, test } from "@playwright/test";
import { startInstance } from "./instances";

// The address the site gives out (robots.txt's sitemap, the sitemap's URLs, canonical links) is the running
// server's APP_URL, not whatever it was when the build ran: the e2e build ran with the test server's address.

test("robots.txt, the sitemap and a page's canonical link name the running instance's APP_URL", async () => {
  const instance = await startInstance({ APP_URL: "https://calls.example.org" });
  try {
    const robots = await fetch(`${instance.baseUrl}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toContain("Sitemap: https://calls.example.org/sitemap.xml");
    const sitemap = await (await fetch(`${instance.baseUrl}/sitemap.xml`)).text();
    expect(sitemap).toContain("<loc>https://calls.example.org/");
    const page = await (await fetch(`${instance.baseUrl}/safe-calling`)).text();
    expect(page).toContain('<link rel="canonical" href="https://calls.example.org/safe-calling"/>');
  } finally {
    await instance.stop();
  }
});
