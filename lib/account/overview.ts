import "server-only";
import { prisma } from "@/lib/db";
import type { LearnerRef } from "@/lib/learner";
import { recoveryCodesLeft } from "./recovery";
import { listDevices, type Device } from "./sessions";

/** What /account shows: whether this device is signed in to an account, and the account's devices. */
export type AccountOverview = { signedIn: false } | { signedIn: true; passkeys: number; recoveryCodesLeft: number; devices: Device[] };

export async function accountOverview(learner: LearnerRef | null): Promise<AccountOverview> {
  const passkeys = learner ? await prisma.passkey.count({ where: { learnerId: learner.id } }) : 0;
  if (!learner || passkeys === 0) return { signedIn: false };
  const [codes, devices] = await Promise.all([recoveryCodesLeft(learner.id), listDevices(learner)]);
  return { signedIn: true, passkeys, recoveryCodesLeft: codes, devices };
}
