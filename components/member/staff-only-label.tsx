/** Marks a text the page shows only to staff (others see that it is held back, not what it says). */
export function StaffOnlyLabel() {
  return <p className="text-xs font-semibold uppercase tracking-wide text-amber-800">Hidden from others · shown to staff</p>;
}
