import type { Metadata } from "next";
import { formatDateTime } from "@/lib/display/format";
import { listImports } from "@/lib/imports/history";
import { moderatorOrForbidden } from "../guard";
import { Empty, PageHeader } from "../ui";

export const metadata: Metadata = { title: "Imports", robots: { index: false } };
export const dynamic = "force-dynamic";

const n = (value: number) => value.toLocaleString("en-AU");

export default async function ImportsPage() {
  await moderatorOrForbidden();
  const runs = await listImports();
  return (
    <div className="space-y-6">
      <PageHeader title="Imports" intro={<p>Public complaint data imported with <code>npm run import</code>: who ran it, when, which file and what came of each row. A run still &ldquo;running&rdquo; after its command stopped resumes when the same file is imported again.</p>} />
      {runs.length === 0 ? (
        <Empty>No imports yet.</Empty>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full text-sm" data-testid="imports">
            <caption className="sr-only">Past imports, newest first</caption>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Started</th>
                <th scope="col" className="px-3 py-2">File</th>
                <th scope="col" className="px-3 py-2">By</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2 text-right">Imported</th>
                <th scope="col" className="px-3 py-2 text-right">Duplicates</th>
                <th scope="col" className="px-3 py-2">Skipped</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((run) => (
                <tr key={run.id}>
                  <td className="whitespace-nowrap px-3 py-2">{formatDateTime(run.startedAt)}</td>
                  <td className="px-3 py-2"><span className="font-mono">{run.file}</span> <span className="text-slate-500">({run.source.toUpperCase()})</span></td>
                  <td className="px-3 py-2">{run.runBy}</td>
                  <td className="px-3 py-2">{run.status === "DONE" ? `Done${run.finishedAt ? ` ${formatDateTime(run.finishedAt)}` : ""}` : `Running or interrupted (row ${n(run.position)})`}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(run.imported)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(run.duplicates)}</td>
                  <td className="px-3 py-2">
                    {n(run.skipped)}
                    {run.skipped ? <span className="text-slate-500"> ({Object.entries(run.skipReasons).map(([reason, count]) => `${n(count)} ${reason}`).join(", ")})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
