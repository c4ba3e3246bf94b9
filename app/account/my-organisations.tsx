import Link from "next/link";
import { listRepresentedOrganisations } from "@/lib/representatives/representation";
import { AccountSection } from "./section";

/** Organisations the member represents, with their consoles. Nothing shown for everyone else. */
export async function MyOrganisations({ userId }: { userId: string }) {
  const organisations = await listRepresentedOrganisations(userId);
  if (organisations.length === 0) return null;
  return (
    <AccountSection id="organisations" title="Organisations you represent">
      <ul className="space-y-2">
        {organisations.map((org) => (
          <li key={org.id}>
            <Link href={`/organisations/${org.slug}/manage`}>Manage {org.name}</Link>
          </li>
        ))}
      </ul>
    </AccountSection>
  );
}
