import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth-card";
import { SignUpForm } from "./signup-form";

export const metadata: Metadata = { title: "Create an account", robots: { index: false } };

export default function SignUpPage() {
  return (
    <AuthCard
      title="Create an account"
      intro={<p>Members report calls, vote on whether numbers are legitimate and share what happened.</p>}
      footer={<>Already a member? <Link href="/signin">Sign in</Link></>}
    >
      <SignUpForm />
    </AuthCard>
  );
}
