"use client";

// Kept in step with DATABASE_UNAVAILABLE in lib/platform/errors.ts (set on the error by lib/platform/db.ts).
const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

// Shown when the root layout itself failed (a signed-in member's header reads the database too).
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const unavailable = error.digest === DATABASE_UNAVAILABLE;
  return (
    <html lang="en-AU">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "4rem 1rem", textAlign: "center" }}>
        {unavailable ? (
          <main data-testid="unavailable">
            <h1>CallerCheck is temporarily unavailable</h1>
            <p>Our database is not answering just now. Nothing you sent was lost: anything we confirmed is saved. Please try again in a minute.</p>
          </main>
        ) : (
          <main>
            <h1>CallerCheck is having trouble</h1>
            <p>Please try again in a moment.</p>
          </main>
        )}
        <button type="button" onClick={reset}>Try again</button>
      </body>
    </html>
  );
}
