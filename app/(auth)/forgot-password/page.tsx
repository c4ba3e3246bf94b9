import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { ForgotPasswordForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot your password?", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" intro={<p>Enter your e-mail and we will send you a link to choose a new one.</p>} footer={<Link href="/signin">Back to sign in</Link>}>
      <ForgotPasswordForm />
    </AuthCard>
  );
}
