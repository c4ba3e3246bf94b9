import { inputClass } from "./ui/field";
import { ORG_CATEGORIES, ORG_CATEGORY_KEYS } from "@/lib/display/labels";
import { countryName } from "@/lib/numbers/phone";

/** The category and country filters shared by the organisation directory and the registry. */
export function OrgFilterSelects({ idPrefix, category, country, countries }: { idPrefix: string; category?: string; country?: string; countries: string[] }) {
  return (
    <>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-category`} className="block text-sm font-medium text-slate-800">Category</label>
        <select id={`${idPrefix}-category`} name="category" defaultValue={category ?? ""} className={inputClass}>
          <option value="">All categories</option>
          {ORG_CATEGORY_KEYS.map((key) => (
            <option key={key} value={key}>{ORG_CATEGORIES[key]}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1.5">
        <label htmlFor={`${idPrefix}-country`} className="block text-sm font-medium text-slate-800">Country</label>
        <select id={`${idPrefix}-country`} name="country" defaultValue={country ?? ""} className={inputClass}>
          <option value="">All countries</option>
          {countries.map((code) => (
            <option key={code} value={code}>{countryName(code) ?? code}</option>
          ))}
        </select>
      </div>
    </>
  );
}
