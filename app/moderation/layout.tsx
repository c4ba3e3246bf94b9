import type { ReactNode } from "react";
import { Suspense } from "react";
import { Flash } from "./flash";
import { moderatorOrForbidden } from "./guard";

// Pages check again themselves (a layout is not re-rendered on every client navigation).
export default async function ModerationLayout({ children }: { children: ReactNode }) {
  await moderatorOrForbidden();
  return (
    <>
      <Suspense fallback={null}>
        <Flash />
      </Suspense>
      {children}
    </>
  );
}
