import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { env } from "@/lib/platform/env";
import { normalisePhone } from "@/lib/numbers/phone";
import { decodeNumberSegment } from "@/lib/numbers/url";
import { RemovalForm } from "./removal-form";

export const metadata: Metadata = { title: "Request removal", robots: { index: false } };

export default async function RemovalPage({ params }: { params: Promise<{ number: string }> }) {
  const { number } = await params;
  const parsed = normalisePhone(decodeNumberSegment(number), env.DEFAULT_REGION);
  if (!parsed.ok) notFound();
  const phone = parsed.phone;
  return (
    <AuthCard
      title={`Request removal for ${phone.national}`}
      intro={
        <p>
          If this is your number, you can ask us to hide the comments and report texts on its page. A moderator reads every request. The number's verdict and counts stay, so others can still be warned about calls from it.
        </p>
      }
      footer={<Link href={`/numbers/${encodeURIComponent(phone.e164)}`}>Back to {phone.national}</Link>}
    >
      <RemovalForm e164={phone.e164} />
    </AuthCard>
  );
}
