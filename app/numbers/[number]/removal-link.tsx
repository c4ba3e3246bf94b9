import Link from "next/link";

// Owned by the moderation work (issue 7): where a number's owner asks for its content to be removed.
export function RemovalLink({ e164 }: { e164: string }) {
  return (
    <Link href={`/numbers/${encodeURIComponent(e164)}/removal`} className="text-sm text-slate-600">
      Request removal
    </Link>
  );
}
