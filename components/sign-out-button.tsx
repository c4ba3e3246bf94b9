import { signOut } from "@/lib/accounts/auth";

export function SignOutButton() {
  return (
    <form
      action={async () => {
        "use server";
        await signOut({ redirectTo: "/" });
      }}
    >
      <button type="submit" className="rounded-md px-2 py-1.5 font-medium text-slate-600 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}
