import { inputClass } from "@/components/ui/field";
import { EVIDENCE_METHODS, MODERATOR_EVIDENCE_METHOD_KEYS } from "@/lib/display/labels";

const DAY = 86_400_000;

/** "Method", "Source URL" and "Review date" (one year ahead unless changed). */
export function EvidenceFields({ idPrefix }: { idPrefix: string }) {
  const defaultReview = new Date(Date.now() + 365 * DAY).toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  return (
    <>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-method`} className="block text-sm font-medium text-slate-800">
          Method
        </label>
        <select id={`${idPrefix}-method`} name="method" required defaultValue="" className={inputClass}>
          <option value="" disabled>
            How was it confirmed?
          </option>
          {MODERATOR_EVIDENCE_METHOD_KEYS.map((key) => (
            <option key={key} value={key}>
              {EVIDENCE_METHODS[key]}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-source`} className="block text-sm font-medium text-slate-800">
          Source URL
        </label>
        <input id={`${idPrefix}-source`} name="source" required maxLength={500} placeholder="https://… or a short note" className={inputClass} aria-describedby={`${idPrefix}-source-hint`} />
        <p id={`${idPrefix}-source-hint`} className="text-sm text-slate-500">
          The page that lists the number, or a note such as “Called 1300 975 707 on 3 May; confirmed by the fraud team”.
        </p>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-review`} className="block text-sm font-medium text-slate-800">
          Review date
        </label>
        <input id={`${idPrefix}-review`} name="reviewAt" type="date" min={tomorrow} defaultValue={defaultReview} className={`${inputClass} sm:max-w-xs`} />
      </div>
    </>
  );
}
