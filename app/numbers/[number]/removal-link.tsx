import { FormLink } from "@/components/ui/form-link";

// Where a number's owner asks for its comments and report texts to be removed (no account needed).
export function RemovalLink({ e164 }: { e164: string }) {
  return (
    <FormLink href={`/numbers/${encodeURIComponent(e164)}/removal`} className="text-sm text-slate-600 underline underline-offset-2" rel="nofollow">
      Request removal
    </FormLink>
  );
}
