/** A report's own words (always as plain text): what caller ID showed, and what happened. */
export function ReportTexts({ body, callerIdName = null }: { body: string | null; callerIdName?: string | null }) {
  return (
    <>
      {callerIdName ? <p className="text-sm text-slate-700"><span className="text-slate-500">Caller ID showed:</span> {callerIdName}</p> : null}
      {body ? <p className="whitespace-pre-line break-words text-slate-800">{body}</p> : null}
    </>
  );
}
