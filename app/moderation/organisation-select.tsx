import { inputClass } from "@/components/ui/field";

export function OrganisationSelect({ id, options, label = "Organisation", name = "organisationId", exclude }: { id: string; options: { id: string; name: string }[]; label?: string; name?: string; exclude?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={id} name={name} required defaultValue="" className={inputClass}>
        <option value="" disabled>
          Choose an organisation
        </option>
        {options
          .filter((option) => option.id !== exclude)
          .map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
      </select>
    </div>
  );
}
