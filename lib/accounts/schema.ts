import { z } from "zod";
import { ROLE_KEYS } from "./roles";

export const emailField = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .pipe(z.email({ error: "Enter a valid e-mail address, like name@example.com." }))
  .transform((value) => value.toLowerCase());

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const signUpSchema = z.object({
  name: z
    .string({ error: "Enter the name other members will see." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(50, "Use at most 50 characters.")
    .refine((value) => !/[<>]/.test(value), "Names cannot contain < or >."),
  email: emailField,
  password: newPasswordField,
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(200, "That password is too long."),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const changePasswordSchema = z.object({
  current: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(200, "That password is too long."),
  password: newPasswordField,
});

export const resetPasswordSchema = z.object({
  token: z.string().min(10, "This reset link is incomplete: copy the whole link from the e-mail, or ask for a new one.").max(200, "This reset link is not one we sent."),
  password: newPasswordField,
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const roleSchema = z.enum(ROLE_KEYS, { error: "Choose a role." });
